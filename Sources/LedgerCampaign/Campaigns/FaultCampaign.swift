final class FaultCampaign {
    let workspace: Workspace
    init(_ config: CampaignConfig) { workspace = Workspace("Fault", config) }
    func run() -> Report { workspace.report }
}

final class BadInputCampaign {
    let workspace: Workspace
    init(_ config: CampaignConfig) { workspace = Workspace("BadInput", config) }
    func run() -> Report { workspace.report }
}

#!/usr/bin/env bash
# The full reliability campaigns (RELIABILITY.md), at the sizes of the recorded run.
#   scripts/campaigns.sh [SEED] [CAMPAIGN...]
# SEED defaults to 2026; CAMPAIGN is crash, concurrency, tamper, badinput, faults or trust (default: all six).
# Figures go to stdout; reproducers of any defect to $WORKDIR/defects (default /tmp/ledger-campaign-full).
# Needs root for the tmpfs, read-only mount and unprivileged (setpriv) cases; without it they are skipped with a note.
set -euo pipefail
cd "$(dirname "$0")/.."
seed=${1:-2026}
shift || true
campaigns=("$@")
[ ${#campaigns[@]} -gt 0 ] || campaigns=(crash concurrency tamper badinput faults trust)
workdir=${WORKDIR:-/tmp/ledger-campaign-full}
swift build --product ledger >/dev/null
swift build --product ledger-campaign >/dev/null
bin=.build/debug/ledger-campaign
echo "# $(date -u +%Y-%m-%dT%H:%MZ), seed $seed, $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
status=0
for c in "${campaigns[@]}"; do
  case "$c" in
    crash)       args=(--rounds 100 --writers 4 --operations 10 --max-batch 30) ;;
    concurrency) args=(--rounds 50 --writers 4 --readers 4 --operations 16) ;;
    tamper)      args=(--mutations 10000) ;;
    badinput)    args=(--inputs 10000) ;;
    faults)      args=(--fault-repeats 5 --default-lock-wait) ;;
    trust)       args=(--trust-cases 1500) ;;
    *) echo "unknown campaign $c" >&2; exit 2 ;;
  esac
  echo "\$ ledger-campaign $c --seed $seed ${args[*]}"
  "$bin" "$c" --seed "$seed" "${args[@]}" --workdir "$workdir" || status=1
done
exit $status

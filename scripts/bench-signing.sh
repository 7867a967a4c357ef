#!/usr/bin/env bash
# Signed append against unsigned, as whole processes (issue 12, BENCHMARKS.md):
# a ledger requiring nothing and one requiring signatures, the same readings
# appended one process each, unsigned, signed with a key file (ssh-keygen -Y
# sign) and signed through ssh-agent. Prints the mean milliseconds of each.
#   scripts/bench-signing.sh [LEDGER_BINARY] [APPENDS]
set -euo pipefail
L=${1:-.build/release/ledger}
N=${2:-60}
W=$(mktemp -d)
trap 'kill "${AGENT_PID:-0}" 2>/dev/null || true; rm -rf "$W"' EXIT
L=$(cd "$(dirname "$L")" && pwd)/$(basename "$L")
cd "$W"
ssh-keygen -q -t ed25519 -N '' -f admin -C "benchmark admin"
ssh-keygen -q -t ed25519 -N '' -f clerk -C "benchmark clerk"
eval "$(ssh-agent -s -a "$W/agent.sock")" > /dev/null
ssh-add -q clerk
define() { "$L" --ledger "$1" append indicator --id "I$2" --name "I$2" --unit u --frequency monthly --year 2017 --annual-target 1200 --plan P "${@:3}" > /dev/null; }
"$L" --ledger plain init --entity Bench --actor ana > /dev/null
"$L" --ledger signed init --entity Bench --admin ana --public-key admin.pub --key admin --signatures required > /dev/null
"$L" --ledger signed member roles --name ana --role admin,planner --key admin > /dev/null
"$L" --ledger signed member add --name luis --public-key clerk.pub --role recorder --key admin > /dev/null
for i in $(seq 1 $(( (N + 11) / 12 * 3 ))); do define plain "$i" --actor ana; define signed "$i" --key admin; done
run() {  # NAME LEDGER ARGS...: N appends of one reading each, mean ms
  local name=$1 ledger=$2; shift 2
  local start end k=0
  start=$(date +%s%N)
  for i in $(seq 1 $(( (N + 11) / 12 ))); do for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
    [ $k -ge "$N" ] && break 2
    "$L" --ledger "$ledger" append reading --indicator "I$((i + $OFFSET))" --period "2017-$m" --value 5 "$@" > /dev/null
    k=$((k + 1))
  done; done
  end=$(date +%s%N)
  echo "$name $(( (end - start) / N / 1000 )) us per append ($N appends)"
}
OFFSET=0 run unsigned plain --actor luis
OFFSET=0 run signed-key-file signed --key clerk
OFFSET=$(( (N + 11) / 12 )) run signed-agent signed --key clerk.pub
OFFSET=$(( (N + 11) / 12 * 2 )) run unsigned-again plain --actor luis
"$L" --ledger signed verify > /dev/null && echo "signed ledger verifies"

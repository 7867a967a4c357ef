#!/usr/bin/env bash
# Rebuilds the ledger shipped in events/ and snapshots/ from the seed
# documents in ../shared/seeds, as the offices would have recorded them:
#
#   POA 2017, Gerencia Comercial (seed 000): three monthly reporting rounds,
#     January to March 2017, recorded when each round was delivered; the
#     first quarter is then closed.
#   POI 2017, SAT (seed 002): the year's execution, recorded when the
#     document was produced (11 January 2018).
#   MIR 2024, OOSAPAT (seed 001): results indicators and budget at 31 March
#     2024, recorded in April 2024.
#
# It is a reconstruction, made in 2026 from 2017 documents, so it is made
# with `init --demo`: LEDGER_CLOCK then stands in for the clock of each
# round (the ledger still keeps it strictly increasing), so that
# `quarter 2017-Q1 --as-of 2017-04-10` shows what was reported then, and
# every report, snapshot and `verify` says the times were set this way.
# Findings the importers print are recorded as observations too.
#
# Who recorded it is proven (issue 12): every person is a member with a
# demonstration key (scripts/demo-keys/, public on purpose: never for real
# use), signatures are required from the opening, each round is signed by
# the office that recorded it, and the Comisario attests 2017-Q1's
# snapshot files.
#
# Usage: scripts/build-shipped-ledger.sh [SEEDS_DIR]   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=${1:-../shared/seeds}
swift build --product ledger >/dev/null
ledger="$PWD/.build/debug/ledger"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

keys="$PWD/scripts/demo-keys"
chmod 600 "$keys"/planeacion "$keys"/coord.comercial "$keys"/sat.planeamiento "$keys"/oosapat.planeacion "$keys"/comisario

run() {  # run CLOCK ACTOR ARGS...: one command at a recorded time, by an actor (a member: signed with its demonstration key)
  local clock=$1 actor=$2
  shift 2
  LEDGER_CLOCK=$clock LEDGER_ACTOR=$actor LEDGER_KEY="$keys/$actor" LEDGER_LANG=es "$ledger" --ledger "$work" "$@"
}

run 2017-01-02T09:00:00-06:00 planeacion init --demo --entity "Ledger de demostración: POA 2017 Gerencia Comercial, POI 2017 SAT, MIR 2024 OOSAPAT" --timezone America/Mexico_City \
  --admin planeacion --public-key "$keys/planeacion.pub" --signatures required
run 2017-01-02T09:01:00-06:00 planeacion member roles --name planeacion --role admin,planner
run 2017-01-02T09:02:00-06:00 planeacion member add --name coord.comercial --public-key "$keys/coord.comercial.pub" --role planner,recorder
run 2017-01-02T09:03:00-06:00 planeacion member add --name sat.planeamiento --public-key "$keys/sat.planeamiento.pub" --role planner,recorder
run 2017-01-02T09:04:00-06:00 planeacion member add --name oosapat.planeacion --public-key "$keys/oosapat.planeacion.pub" --role planner,recorder
run 2017-01-02T09:05:00-06:00 planeacion member add --name comisario --public-key "$keys/comisario.pub" --role auditor

# Seed 000, one round a month.
run 2017-02-06T10:00:00-06:00 coord.comercial import poa-report "$seeds/000_6da246efa07db4d2.txt" --month 2017-01 --plan "POA 2017"
run 2017-03-06T10:00:00-06:00 coord.comercial import poa-report "$seeds/000_6da246efa07db4d2.txt" --month 2017-02 --plan "POA 2017"
run 2017-04-05T10:00:00-06:00 coord.comercial import poa-report "$seeds/000_6da246efa07db4d2.txt" --month 2017-03 --plan "POA 2017"
run 2017-04-20T12:00:00-06:00 planeacion append close --quarter 2017-Q1 --plan "POA 2017"

# Seed 002: the whole year, as the control module printed it.
run 2018-01-11T09:00:00-05:00 sat.planeamiento import poi "$seeds/002_c62615486db3bc14.txt" --plan "POI 2017"
run 2018-01-15T09:00:00-05:00 sat.planeamiento append close --quarter 2017-Q4 --plan "POI 2017"

# Seed 001: the first quarter of 2024 with budget.
run 2024-04-15T10:00:00-06:00 oosapat.planeacion import mir "$seeds/001_83e52b89ca85dea0.txt" --plan "MIR 2024"

# The quarterly snapshots the board received.
run 2024-04-16T10:00:00-06:00 planeacion snapshot 2017-Q1 --as-of 2017-04-20
run 2024-04-16T10:00:00-06:00 planeacion snapshot 2017-Q4 --as-of 2018-01-15
run 2024-04-16T10:00:00-06:00 planeacion snapshot 2024-Q1 --as-of 2024-04-15

# The Comisario validates the first quarter's snapshot files.
run 2024-04-17T10:00:00-06:00 comisario attest 2017-Q1 --plan "POA 2017"

"$ledger" --ledger "$work" verify

rm -rf events snapshots
mkdir -p events snapshots
cp "$work/events/journal.jsonl" events/
cp "$work"/snapshots/* snapshots/
echo "events/ and snapshots/ rebuilt; journal head:"
"$ledger" digest | tail -n 1

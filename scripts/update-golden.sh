#!/usr/bin/env bash
# Rewrites the golden output files (Tests/RotaIOTests/Golden) from the current renderer, and
# the help snapshots (Golden/help) from the current commands,
# after an intended change to an output format. The recording run is reported as failed
# on purpose (a recording compares nothing); review the diff, then run `swift test`.
set -uo pipefail
cd "$(dirname "$0")/.."
ROTA_UPDATE_GOLDEN=1 swift test --filter 'GoldenOutputTests/everyFormatMatchesItsGoldenFile|HelpSnapshotTests' >/dev/null 2>&1
git status --short Tests/RotaIOTests/Golden
echo "golden files rewritten; review them with 'git diff Tests/RotaIOTests/Golden' and run 'swift test'"

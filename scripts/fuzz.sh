#!/usr/bin/env bash
# Runs Rota's libFuzzer targets (the Fuzz/ package), each for SECONDS, from a seed corpus
# made of the test fixtures. Any input that crashes, hangs (over 10 s) or grows memory past
# 4 GiB is kept in Tests/RotaIOTests/Fixtures/fuzz-regressions/<target>/, where the test
# suite (FuzzRegressionTests) replays it through the built binary from then on.
#
#   scripts/fuzz.sh 600                       # every target, 10 minutes each, two at a time
#   scripts/fuzz.sh 60 FuzzScenario FuzzCurtois
#
# Needs a Swift toolchain with libFuzzer (swift.org toolchains on Linux have it).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"; shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(FuzzScenario FuzzVolunteerCSV FuzzPairing FuzzCurtois FuzzRoster FuzzChanges FuzzManifest FuzzPlan)
jobs="${FUZZ_JOBS:-2}"

swift build --package-path Fuzz -c release -Xswiftc -sanitize=fuzzer >/dev/null
bin="$(swift build --package-path Fuzz -c release -Xswiftc -sanitize=fuzzer --show-bin-path)"
fixtures=Tests/RotaIOTests/Fixtures

seed() {  # target -> seed files
  case "$1" in
    FuzzScenario) ls $fixtures/good/*.yaml $fixtures/mutation/*.yaml $fixtures/bad/*.yaml $fixtures/bad/*.json Examples/hotline-12338/scenario.yaml ;;
    FuzzVolunteerCSV) ls Examples/hotline-12338/volunteers.csv $fixtures/bad/*.csv $fixtures/xlsx/*.xlsx ;;
    FuzzPairing) ls $fixtures/good-pairing.yaml $fixtures/bad-pairing/*.yaml ;;
    FuzzCurtois) ls $fixtures/curtois/*.txt ;;
    FuzzRoster) ls Tests/RotaIOTests/Golden/mini/roster.json ;;
    FuzzChanges) ls Examples/hotline-12338/changes.yaml Examples/hotline-12338/flu.yaml $fixtures/changes/*.yaml ;;
    FuzzManifest) ls $fixtures/batch/*.yaml ;;
    FuzzPlan) ls $fixtures/batch/*.json ;;
  esac
}

run() {
  local t="$1"
  local corpus="Fuzz/Corpus/$t" crashes="$fixtures/fuzz-regressions/$t"
  mkdir -p "$corpus" "$crashes"
  for f in $(seed "$t"); do cp "$f" "$corpus/seed-$(basename "$f")"; done
  # Swift's own backtracer would take the crash signal before libFuzzer saves the input.
  SWIFT_BACKTRACE=enable=no "$bin/$t" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
    -artifact_prefix="$crashes/" -print_final_stats=1 >"Fuzz/Corpus/$t.log" 2>&1 || true
  local runs; runs=$(grep -m1 "stat::number_of_executed_units" "Fuzz/Corpus/$t.log" | awk '{print $2}')
  local found; found=$(find "$crashes" -type f | wc -l)
  echo "$t: ${runs:-?} inputs in ${seconds} s, $found kept in $crashes"
}

export -f run seed
export seconds bin fixtures
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'run {}'

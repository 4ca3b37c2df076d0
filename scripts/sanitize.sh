#!/usr/bin/env bash
# Runs the test suite under AddressSanitizer (LeakSanitizer included on Linux) and the
# concurrency tests under ThreadSanitizer, each in a build folder of its own, and prints
# what they report. GLPK itself is not instrumented (it is the system's library); reports
# inside it, in Foundation or in the test runner are suppressed in scripts/lsan.supp, each
# with its reason; everything else fails the run. Findings: docs/reliability.md.
#
#   scripts/sanitize.sh            # both
#   scripts/sanitize.sh address    # one
set -uo pipefail
cd "$(dirname "$0")/.."
which="${1:-all}"
status=0
if [ "$which" = all ] || [ "$which" = address ]; then
  echo "== AddressSanitizer + LeakSanitizer: the whole suite"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 LSAN_OPTIONS=suppressions=$PWD/scripts/lsan.supp:print_suppressions=1 swift test --sanitize=address --scratch-path .build-asan \
    --skip MutationCorpusTests 2>&1 | tee /tmp/rota-asan.log | grep -E "ERROR: (Address|Leak)Sanitizer|SUMMARY|Test run with" || true
  grep -q "ERROR: AddressSanitizer\|ERROR: LeakSanitizer" /tmp/rota-asan.log && status=1
  grep -q "Test run with .* passed" /tmp/rota-asan.log || { echo "the suite did not build or did not pass"; status=1; }
fi
if [ "$which" = all ] || [ "$which" = thread ]; then
  echo "== ThreadSanitizer: concurrency and determinism"
  swift test --sanitize=thread --scratch-path .build-tsan --filter "DeterminismTests|ConcurrencyTests|GLPKConcurrency" 2>&1 \
    | tee /tmp/rota-tsan.log | grep -E "WARNING: ThreadSanitizer|SUMMARY|Test run with" || true
  grep -q "WARNING: ThreadSanitizer" /tmp/rota-tsan.log && status=1
  grep -q "Test run with .* passed" /tmp/rota-tsan.log || { echo "the tests did not build or did not pass"; status=1; }
fi
exit $status

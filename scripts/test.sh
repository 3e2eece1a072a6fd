#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: once in a normal build and once in a
# build with AddressSanitizer and UndefinedBehaviorSanitizer; then every fuzz target for a few
# seconds (scripts/fuzz.sh; longer runs: scripts/fuzz.sh --seconds 600).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# The benchmarks measure and assert nothing: scripts/bench.sh builds them when it runs.
"$root/scripts/setup.sh" build -DACCRED_BUILD_BENCH=OFF
echo "==> Running the tests"
(cd "$root/build" && ctest -j2 --output-on-failure)

"$root/scripts/setup.sh" build-sanitize -DACCRED_SANITIZE=ON -DACCRED_BUILD_BENCH=OFF
echo "==> Running the tests under ASan and UBSan"
(cd "$root/build-sanitize" &&
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
        LSAN_OPTIONS=suppressions="$root/tests/lsan.supp" ctest -j2 --output-on-failure)

echo "==> Fuzzing every parser briefly (libFuzzer, ASan, UBSan)"
"$root/scripts/fuzz.sh" --seconds "${ACCRED_CI_FUZZ_SECONDS:-5}"

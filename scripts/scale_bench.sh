#!/usr/bin/env bash
# The scale benchmark of issue 18 (docs/performance.md, "Scale benchmark"): an event of N people
# (default 100,000 in 2,500 delegations, a JPEG portrait each), generated once and cached under
# BUILD/scale-data/, and every step timed with its peak memory, for N and for a 1,000-person
# event, with the ratios and the targets: roster import, issue --all, badges for 1,000 people,
# the bundle, kiosk enroll, the kiosk's first verdict and frame-to-verdict, an update (1,000 new
# people with photos, 5,000 revocations, the delta and its install on the kiosk), the fleet (40
# kiosks, a morning's 40,000 entries through issuer serve) and the audit (verify and merge of
# 10,000,000 rows); before them, tests/bench/bundle_bench on N people (write, install, open,
# lookup, a delta), beside bare SHA-256 and SQLite. It measures; it asserts nothing.
# Usage: scripts/scale_bench.sh [N] [--build DIR] [options of scripts/scale_bench.py]
#   e.g. scripts/scale_bench.sh 10000 --audit-rows 1000000 --json scale.json
# The build folder (default build/) is configured with the benchmarks and the needed targets
# built there. The whole run takes about two hours on the 2-core machine, most of it the audit's
# 10 million rows (written, verified and merged: about half an hour for each event).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$root/build
people=100000
case ${1:-} in [0-9]*) people=$1; shift ;; esac
args=()
while [ $# -gt 0 ]; do
    case $1 in
        --build) build=$2; shift 2 ;;
        --build=*) build=${1#--build=}; shift ;;
        *) args+=("$1"); shift ;;
    esac
done
build=$(realpath -m "$build")
/usr/bin/python3 -c 'import PIL' 2>/dev/null ||
    { echo "scale_bench.sh: Debian's python3-pil is missing (scripts/setup.sh installs it)" >&2; exit 2; }
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DACCRED_BUILD_BENCH=ON \
    >/dev/null
ninja -C "$build" issuer kiosk scale_decide make_scale_logs fleet_load bundle_bench >/dev/null
# The bundle alone first, each phase beside bare SHA-256 and bare SQLite (a minute at 100,000).
"$build/tests/bench/bundle_bench" "$people"
echo
exec /usr/bin/python3 "$root/scripts/scale_bench.py" --build "$build" --people "$people" \
    ${args[@]+"${args[@]}"}

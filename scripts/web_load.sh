#!/usr/bin/env bash
# The web desk's load test (issue 19, "Many desks at once"; docs/desk-web.md, "Load"): OPERATORS
# operators (default 35) work at once on one `issuer web` for SECONDS (default 60) while 40
# simulated kiosks sync with `issuer serve` on the same workspace (tests/bench/fleet_load). Each
# operator searches as one types, opens a person's page, registers a walk-in with a photo and has
# it issued, and fetches the badge PDF. Prints p50/p99 per request beside the floor (a static
# file over the same TLS) and checks desk.db for lost or duplicated writes (exit 1 on any).
# Bounded: loopback only, a fresh workspace under BUILD/web-load/, every request timed out.
# Usage: scripts/web_load.sh [--people N] [--operators N] [--seconds S] [--kiosks N] [--build DIR]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$root/build-bench
people=2000 operators=35 seconds=60 kiosks=40
while [ $# -gt 0 ]; do
    case $1 in
        --people) people=$2; shift 2 ;;
        --operators) operators=$2; shift 2 ;;
        --seconds) seconds=$2; shift 2 ;;
        --kiosks) kiosks=$2; shift 2 ;;
        --build) build=$2; shift 2 ;;
        *) echo "usage: scripts/web_load.sh [--people N] [--operators N] [--seconds S] [--kiosks N] [--build DIR]" >&2; exit 2 ;;
    esac
done
build=$(realpath -m "$build")
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DACCRED_BUILD_BENCH=ON >/dev/null
ninja -C "$build" issuer fleet_load web_load >/dev/null
issuer=$build/issuer/issuer
work=$build/web-load
rm -rf "$work"
mkdir -p "$work"
export ACCRED_PASSPHRASE="web load passphrase"
echo "==> A workspace of $people people (scripts/scale_roster.py), issued"
/usr/bin/python3 "$root/scripts/scale_roster.py" --people "$people" --out "$work/roster" --new 10 \
    --revoke 1 --badges 1 --decide 1 >/dev/null
"$issuer" init "$work/desk" --event "$root/assets/demo/event.toml" --kdf-cost interactive >/dev/null
"$issuer" roster import "$work/roster/roster.csv" -w "$work/desk" >/dev/null
"$issuer" issue --all -w "$work/desk" --now 2014-03-28T09:00:00Z >/dev/null
echo "==> $operators operator accounts"
for i in $(seq -w 1 "$operators"); do
    n=$(printf '%02d' "$((10#$i))")
    ACCRED_OPERATOR_PASSWORD="operator-password-$n" "$issuer" operator add "op$n" --role operator \
        -w "$work/desk" >/dev/null
done
cp "$(ls "$work/roster/photos/"*.jpg | head -n 1)" "$work/web-load-photo.jpg"
echo "==> $operators operators on issuer web for $seconds s while $kiosks kiosks sync"
exec "$build/tests/bench/web_load" --issuer "$issuer" --desk "$work/desk" \
    --operators "$operators" --seconds "$seconds" --fleet-load "$build/tests/bench/fleet_load" \
    --kiosks "$kiosks"

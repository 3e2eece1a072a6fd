#!/usr/bin/env bash
# The kiosk screen's frame rate while frames are decoded, at 1280x720 under Xvfb (not part of
# ctest: it measures, it does not assert). Two runs of the same camera-like stream of demo badges
# (make_camera_y4m: tilt, blur, noise, glare):
#   camera  - delivered at 30 frames/s as a camera does (tests/tools/pace_y4m.py);
#   flood   - read as fast as the decoder takes it: one core decoding all the time.
# Prints the screen's frame statistics and the scanner's counters for each.
# Usage: tests/bench/screen_bench.sh [BUILD_DIR]   (after scripts/setup.sh)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$root/build}
issuer=$build/issuer/issuer
kiosk=$build/kiosk/kiosk
work=$(mktemp -d)
xvfb_pid=
trap '[ -n "$xvfb_pid" ] && kill $xvfb_pid 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
export ACCRED_PASSPHRASE="bench desk passphrase" ACCRED_KIOSK_PASSPHRASE="bench kiosk passphrase"
export SDL_AUDIODRIVER=dummy
Xvfb -displayfd 3 -screen 0 1280x720x24 -nolisten tcp 3>display.txt 2>/dev/null &
xvfb_pid=$!
for _ in $(seq 1 50); do [ -s display.txt ] && break; sleep 0.1; done
export DISPLAY=":$(cat display.txt)"

demo=$root/assets/demo
$issuer init desk --event "$demo/event.toml" --kdf-cost interactive >/dev/null
$issuer roster import "$demo/roster.csv" -w desk --now 2014-03-28T08:00:00Z >/dev/null
$issuer issue --all -w desk --now 2014-03-28T08:00:00Z >/dev/null
$issuer badges --png-dir badges --dpi 150 -w desk >/dev/null
$issuer bundle --out v1.bundle -w desk --now 2014-03-31T05:00:00Z >/dev/null
$build/tests/make_camera_y4m --out stream.y4m --size 1280x720 --fps 30 --empty 30 --held 60 \
    --fill 0.8-0.95 badges/D00{1,2,3,4,5,6,7,8}.png >/dev/null 2>&1

for mode in camera flood; do
    rm -rf "k-$mode"
    $kiosk enroll --bundle v1.bundle --event-key desk/event.pub --gate press_door \
        --state "k-$mode" --kdf-cost interactive >/dev/null
    if [ "$mode" = camera ]; then
        /usr/bin/python3 "$root/tests/tools/pace_y4m.py" stream.y4m | $kiosk run --state "k-$mode" \
            --now 2014-03-31T08:00:00Z --source y4m:- --exit-when-done \
            --window 1280x720 >"$mode.json" 2>"$mode.err"
    else
        $kiosk run --state "k-$mode" --now 2014-03-31T08:00:00Z --source y4m:stream.y4m \
            --exit-when-done --window 1280x720 >"$mode.json" 2>"$mode.err"
    fi
    echo "== $mode: $(wc -l <"$mode.json") decisions"
    grep -E "screen:|scanner:|renderer|gate" "$mode.err" | sed 's/^kiosk: /  /'
done

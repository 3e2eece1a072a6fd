#!/usr/bin/env bash
# Manual lookup on the kiosk's screen, driven for real under Xvfb (xdotool): a badge is scanned,
# the guard opens the lookup (F6), types part of a name, picks the person found, types the
# supervisor's PIN, and the kiosk decides and logs a manual admission, shown as MANUAL; Esc
# cancels a second lookup; scanning goes on once the panel is closed, and a badge scanned while it
# is open is decided as a scan.
# Usage: screen_lookup_test.sh ISSUER KIOSK DEMO_DIR
#        SCREEN_TEST_KEEP=DIR keeps the screenshots in DIR.
set -u
issuer=$1
kiosk=$2
demo=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/screen_support.sh" # into a new working folder, removed on exit
start_xvfb
# main_gate keeps the default policy: a supervisor's PIN.
make_demo_desk

$kiosk enroll --bundle v1.bundle --event-key desk/event.pub --gate main_gate --state k1 \
    --kdf-cost interactive >/dev/null
$kiosk run --state k1 --now 2014-03-31T08:00:00Z --debounce-ms 0 --language en \
    --source images:badges/P002.png --screenshot-dir shots >run.json 2>run.err &
pid=$!
wait_for 1 shots
check "a scanned badge first" 0 $?
focus_kiosk || exit 1
sleep 3.5 # the grant's time is up: the lookup opens over the waiting screen
xdotool key F6
sleep 0.3
xdotool type --delay 30 "reynders"
sleep 1 # the worker searches the bundle store as the guard types
xdotool key F12 # the panel with its result
wait_for 2 shots
check "the lookup panel's screenshot" 0 $?
# A tap on the first (and only) person found: its row, left column below the query (1280x720).
xdotool mousemove --window "$wid" 330 240 click 1
sleep 0.3
xdotool type --delay 20 246810
xdotool key F12 # the PIN stage: the person, the supervisors, six dots
wait_for 3 shots
xdotool key Return
wait_for 4 shots # Argon2id takes about a second
check "the manual verdict" 0 $?
sleep 6.5
# Esc cancels: nothing is decided.
xdotool key F6
sleep 0.3
xdotool type --delay 30 "okonkwo"
sleep 0.8
xdotool key Escape
sleep 0.3
# Scanning goes on with the panel closed: a handheld scanner's line.
xdotool type --delay 2 -- "$(credential M006)"
xdotool key Return
wait_for 5 shots
check "a scan after the lookup" 0 $?
sleep 3.5
# A badge scanned with the panel open, after the guard had begun a name: the scan's verdict
# (M004 is accredited for 1 April only: not yet valid), the panel gone, no search for its text.
xdotool key F6
sleep 0.3
xdotool type --delay 30 "ok"
sleep 0.5
xdotool type --delay 2 -- "$(credential M004)"
xdotool key Return
wait_for 6 shots
check "a scan with the panel open" 0 $?
kill -TERM $pid
wait $pid
check "clean exit" 0 $?
check "reasons" "granted granted_manual granted not_yet_valid" "$(json_field reason <run.json | joined)"
check "holders" "P002 M001 M006 M004" "$(json_field holder <run.json | joined)"
check "the manual line is marked manual" "False True False False" \
    "$(json_field manual <run.json | joined)"
check "the log's manual row: its mark and its supervisor" "granted_manual manual_lookup duty_officer" \
    "$(sqlite3 k1/log.db "SELECT reason, other_reasons, override_by FROM entries WHERE holder = 'M001'" | tr '|' ' ')"
check "screenshots" \
    "0001-granted-granted-en.png 0002-screen-en.png 0003-screen-en.png 0004-granted-granted_manual-en.png 0005-granted-granted-en.png 0006-denied-not_yet_valid-en.png" \
    "$(ls shots | joined)"
# The MANUAL band over the verdict: amber across the top of the main area, over the green.
/usr/bin/python3 - shots/0004-granted-granted_manual-en.png shots/0005-granted-granted-en.png <<'PY'
import sys
from PIL import Image
def amber_band(path):
    im = Image.open(path).convert("RGB")
    w, h = im.size
    band = im.crop((0, int(h * 0.065) + 4, w, int(h * 0.065) + 20)).resize((64, 4))
    amber = sum(1 for r, g, b in band.getdata() if r > 0xF0 and 0xA0 < g < 0xC0 and b < 0x20)
    return amber > 0.8 * 64 * 4
sys.exit(0 if amber_band(sys.argv[1]) and not amber_band(sys.argv[2]) else 1)
PY
check "MANUAL band on the manual verdict only" 0 $?
[ -n "${SCREEN_TEST_KEEP:-}" ] && cp -r shots "$SCREEN_TEST_KEEP"/
finish

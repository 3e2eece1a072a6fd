#!/usr/bin/env bash
# The kiosk binary as a gate runs it: enrolment, updates (newer accepted; older, foreign or
# altered refused), headless decisions from badge images and from a camera-like Y4M stream, and
# kill -9 in a burst of decisions: every decision printed before the kill is in the log, which
# still verifies when the kiosk starts again.
# Usage: kiosk_cli_test.sh ISSUER KIOSK MAKE_CAMERA_Y4M DEMO_DIR
set -u
issuer=$1
kiosk=$2
make_y4m=$3
demo=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../support/check.sh"
cd "$work"
export ACCRED_PASSPHRASE="desk passphrase 2014"
export ACCRED_KIOSK_PASSPHRASE="kiosk passphrase 2014"
json_field() { /usr/bin/python3 -c "import json,sys; [print(json.loads(l).get('$1')) for l in sys.stdin]"; }

# The desk: the demo event, issued, and a bundle from the morning of day one.
$issuer init desk --event "$demo/event.toml" --kdf-cost interactive >/dev/null
$issuer roster import "$demo/roster.csv" -w desk --now 2014-03-28T08:00:00Z >/dev/null
$issuer issue --all -w desk --now 2014-03-28T08:00:00Z >/dev/null
$issuer badges --png-dir badges --dpi 150 -w desk >/dev/null
$issuer bundle --out v1.bundle -w desk --now 2014-03-31T05:00:00Z >/dev/null

for cmd in enroll update run checkpoint; do
    $kiosk $cmd --help >/dev/null 2>&1; check "--help for $cmd" 0 $?
done

$kiosk enroll --bundle v1.bundle --event-key desk/event.pub --gate nowhere --state k0 \
    --kdf-cost interactive >out.txt 2>&1
check "enrol at an unknown gate" 2 $?
$kiosk enroll --bundle v1.bundle --event-key desk/event.pub --gate main_gate --state k1 \
    --kdf-cost interactive >out.txt 2>&1
check "enrol" 0 $?
check "kiosk key mode" 600 "$(stat -c %a k1/kiosk.key)"
$kiosk enroll --bundle v1.bundle --event-key desk/event.pub --gate main_gate --state k1 \
    --kdf-cost interactive >out.txt 2>&1
check "enrol twice refused" 2 $?

# Updates: an altered file, another event's, an older one are refused; a newer one installs.
$issuer revocations --out r2.update -w desk --now 2014-03-31T06:00:00Z >/dev/null
cp r2.update altered.update
printf '\x01' | dd of=altered.update bs=1 seek=40 conv=notrunc 2>/dev/null
$kiosk update --state k1 altered.update >out.txt 2>&1
check "altered update refused" 1 $?
$issuer init other --event "$demo/event.toml" --kdf-cost interactive >/dev/null
$issuer roster import "$demo/roster.csv" -w other >/dev/null
$issuer bundle --out foreign.bundle -w other --now 2014-03-31T07:00:00Z >/dev/null
$kiosk update --state k1 foreign.bundle >out.txt 2>&1
check "bundle signed by another event's key refused" 1 $?
head -c $(( $(stat -c %s r2.update) - 10 )) r2.update >short.update
$kiosk update --state k1 short.update >out.txt 2>&1
check "cut-short update refused" 1 $?
$kiosk update --state k1 r2.update >out.txt 2>&1
check "newer update installed" 0 $?
$kiosk update --state k1 r2.update >out.txt 2>&1
check "same update again refused" 1 $?
$kiosk update --state k1 v1.bundle >out.txt 2>&1
check "older bundle refused" 1 $?

# Decisions from badge images, JSON lines.
$kiosk run --state k1 --headless --debounce-ms 0 --now 2014-03-31T07:00:00Z \
    --source images:badges/D002.png,badges/P001.png,badges/D002.png >run.json 2>run.err
check "run exits cleanly" 0 $?
check "three decisions" 3 "$(wc -l <run.json)"
check "verdicts" "granted denied denied" "$(json_field verdict <run.json | tr '\n' ' ' | sed 's/ $//')"
check "reasons" "granted not_yet_valid already_inside" \
    "$(json_field reason <run.json | tr '\n' ' ' | sed 's/ $//')"
$kiosk checkpoint --state k1 >cp.txt
check "checkpoint printed" 0 $?
grep -q '^accred-checkpoint v1 ' cp.txt; check "checkpoint text form" 0 $?

# kill -9 during a burst: nothing reported is lost, and the log still opens (it is verified).
$kiosk enroll --bundle v1.bundle --event-key desk/event.pub --gate building_door --state k2 \
    --kdf-cost interactive >/dev/null
images=$(ls badges/*.png | tr '\n' ',' | sed 's/,$//')
lost=0
for round in $(seq 1 12); do
    $kiosk run --state k2 --headless --debounce-ms 0 --now 2014-04-01T07:00:00Z \
        --source "images:$images" >burst.json 2>/dev/null &
    pid=$!
    sleep "0.$((RANDOM % 9 + 1))"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    # Every printed decision with a log sequence must be in the log with the same reason.
    while read -r seq reason; do
        [ "$seq" = "None" ] && continue
        stored=$(sqlite3 k2/log.db "SELECT reason FROM entries WHERE seq = $seq")
        [ "$stored" = "$reason" ] || lost=$((lost + 1))
    done < <(/usr/bin/python3 -c "
import json,sys
for l in sys.stdin:
    try: d=json.loads(l)
    except ValueError: continue   # a line cut by the kill was never fully reported
    print(d.get('log_seq'), d.get('reason'))" <burst.json)
    $kiosk checkpoint --state k2 >/dev/null 2>cp.err || $kiosk run --state k2 --headless \
        --source images:badges/D002.png --now 2014-04-01T07:00:00Z >/dev/null 2>cp.err
    [ $? = 0 ] || { lost=$((lost + 1)); cat cp.err; }
done
check "kill -9: every reported decision is in the log, and the log reopens" 0 $lost
check "integrity_check after the kills" ok "$(sqlite3 k2/log.db 'PRAGMA integrity_check')"

# A camera-like Y4M stream: badges held up in front of the camera, decided frame by frame.
$kiosk enroll --bundle v1.bundle --event-key desk/event.pub --gate press_door --state k3 \
    --kdf-cost interactive >/dev/null
# Badges fill most of the view, tilted up to 30 degrees, blurred, noisy, with glare.
$make_y4m --out camera.y4m --size 1280x720 --fill 0.85-0.95 --max-tilt 30 \
    badges/X001.png badges/X002.png badges/D002.png \
    >/dev/null 2>&1
check "camera stream generated" 0 $?
$kiosk run --state k3 --headless --now 2014-03-31T08:00:00Z --source y4m:camera.y4m \
    >y4m.json 2>/dev/null
check "y4m run" 0 $?
check "one decision per badge held up" "X001 X002 D002" \
    "$(json_field holder <y4m.json | tr '\n' ' ' | sed 's/ $//')"

# A handheld scanner (keyboard wedge) on a fifo; SIGTERM stops the kiosk cleanly with a
# checkpoint at the last entry.
mkfifo wedge.fifo
$kiosk run --state k3 --headless --debounce-ms 0 --now 2014-03-31T09:00:00Z \
    --checkpoint-every 1000 --source wedge <wedge.fifo >wedge.json 2>wedge.err &
pid=$!
exec 3>wedge.fifo
sqlite3 desk/desk.db "SELECT text FROM credentials WHERE holder = 'X003'" >&3
echo "AC1:NOT A REAL BADGE" >&3
for _ in $(seq 1 50); do [ "$(wc -l <wedge.json)" -ge 2 ] && break; sleep 0.1; done
kill -TERM $pid
wait $pid
check "SIGTERM: clean exit" 0 $?
exec 3>&-
check "wedge decisions" "granted malformed" "$(json_field reason <wedge.json | tr '\n' ' ' | sed 's/ $//')"
head_seq=$(sqlite3 k3/log.db "SELECT MAX(seq) FROM entries")
check "shutdown checkpoint at the last entry" "$head_seq" \
    "$(sqlite3 k3/log.db "SELECT MAX(seq) FROM checkpoints")"

# Supervisor commands on a fifo (--commands): PIN guessing is slowed and logged, never the PIN;
# an overlong line is dropped whole and the next command still works.
$kiosk enroll --bundle v1.bundle --event-key desk/event.pub --gate hls_door --state k4 \
    --kdf-cost interactive >/dev/null
mkfifo scan4.fifo cmd4.fifo
$kiosk run --state k4 --headless --debounce-ms 0 --now 2014-04-01T08:00:00Z \
    --commands cmd4.fifo --source wedge <scan4.fifo >pin.json 2>pin.err &
pid=$!
exec 4>scan4.fifo
exec 5>cmd4.fifo
# The running kiosk holds its key decrypted: it may write no core file (its children neither).
check "no core dumps while the key is held" "0 0" \
    "$(awk '/Max core file size/ {print $5, $6}' /proc/$pid/limits)"
lines_reach() { for _ in $(seq 1 100); do [ "$(wc -l <pin.json)" -ge "$1" ] && return 0; sleep 0.1; done; return 1; }
sqlite3 desk/desk.db "SELECT text FROM credentials WHERE holder = 'P002'" >&4
lines_reach 1
head -c 5000 /dev/zero | tr '\0' 'x' >&5 # no newline yet: a line far too long to be a command
echo "override duty_officer 000000" >&5     # ends the long line: dropped with it
for pin in 111111 222222 333333; do echo "override duty_officer $pin" >&5; done
lines_reach 4
echo "override duty_officer 246810" >&5     # the right PIN, but within the wait
lines_reach 5
# A copy taken while the kiosk runs holds its newest rows in log.db-wal (docs/entry-log-format.md
# allows such a copy): the audit reads them from a private copy, and writes nothing beside it.
mkdir walcopy mainonly && cp k4/log.db k4/log.db-wal walcopy/ && cp k4/log.db mainonly/
audit_rows() { $issuer audit verify -w desk --json "$1" 2>/dev/null |
    /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)['logs'][0]['rows'])"; }
check "copy with its -wal: every row read" 4 "$(audit_rows walcopy/log.db)"
check "the main file alone lacks them (so the -wal was read)" 0 "$(audit_rows mainonly/log.db)"
check "nothing written beside the copy" "log.db log.db-wal" "$(ls walcopy | tr '\n' ' ' | sed 's/ $//')"
kill -TERM $pid
wait $pid
check "commands: clean exit" 0 $?
exec 4>&- 5>&-
# The zone is closed at that hour and the revocation data old: the worse reason is the verdict,
# the stale data is kept beside it.
check "commands: a denial (zone closed, stale data noted), three wrong PINs, then a refused attempt" \
    "zone_closed pin_rejected pin_rejected pin_rejected pin_rejected" \
    "$(json_field reason <pin.json | tr '\n' ' ' | sed 's/ $//')"
check "commands: the attempt within the wait is not logged" None "$(tail -1 pin.json | json_field log_seq)"
expect_text "commands: says how long to wait" pin.json "too many wrong PINs"
check "commands: the log has the wrong PINs, naming the supervisor" \
    "zone_closed|stale_revocations| pin_rejected||duty_officer pin_rejected||duty_officer pin_rejected||duty_officer" \
    "$(sqlite3 k4/log.db "SELECT reason || '|' || other_reasons || '|' || COALESCE(override_by, '') FROM entries ORDER BY seq" | tr '\n' ' ' | sed 's/ $//')"
check "commands: the wrong PINs' rows carry no credential and no PIN" 0 \
    "$(sqlite3 k4/log.db "SELECT COUNT(*) FROM entries WHERE reason = 'pin_rejected' AND (length(credential) > 0 OR override_by GLOB '*[0-9][0-9][0-9][0-9][0-9][0-9]*')")"

finish

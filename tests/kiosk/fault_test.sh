#!/usr/bin/env bash
# Faults under the real kiosk binary and a real SQLite log, while it runs as a gate does
# (headless, a handheld scanner's lines on a fifo):
#   - the disk full (the state folder on a small tmpfs), then space freed;
#   - the log locked by another process past the kiosk's busy timeout, then released;
#   - the log's ext4 file system turned read-only by a disk error, then repaired and remounted;
#   - kill -9 at random moments in 100 bursts of decisions;
#   - the wall clock set back before the last entry and before the bundle (libfaketime).
# Each fault must deny with log_unavailable (nothing granted that is not on record), say so in
# the output, and recover when the fault clears; the log's chain and integrity hold throughout.
# Needs root (it mounts a tmpfs); without root it reports itself skipped (exit 77).
# Usage: fault_test.sh ISSUER KIOSK DEMO_DIR
set -u
issuer=$1
kiosk=$2
demo=$3
if [ "$(id -u)" != 0 ]; then
    echo "SKIPPED: mounting a small tmpfs needs root"
    exit 77
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d)
mnt=$work/mnt
cleanup() {
    [ -n "${pid:-}" ] && kill -9 "$pid" 2>/dev/null
    [ -n "${locker:-}" ] && kill "$locker" 2>/dev/null
    mountpoint -q "$mnt" && umount "$mnt"
    mountpoint -q "$work/ro" && umount -l "$work/ro"
    [ -n "${ro_loop:-}" ] && losetup -d "$ro_loop" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
source "$here/../support/check.sh"
cd "$work"
export ACCRED_PASSPHRASE="desk passphrase 2014"
export ACCRED_KIOSK_PASSPHRASE="kiosk passphrase 2014"
field() { /usr/bin/python3 -c "import json,sys; [print(json.loads(l).get('$1')) for l in sys.stdin]"; }
joined() { tr '\n' ' ' | sed 's/ $//'; }

$issuer init desk --event "$demo/event.toml" --kdf-cost interactive >/dev/null
$issuer roster import "$demo/roster.csv" -w desk --now 2014-03-28T08:00:00Z >/dev/null
$issuer issue --all -w desk --now 2014-03-28T08:00:00Z >/dev/null
$issuer bundle --out v1.bundle -w desk --now 2014-03-31T05:00:00Z >/dev/null
credential() { sqlite3 desk/desk.db "SELECT text FROM credentials WHERE holder = '$1'"; }

# 4 MiB: room for the kiosk's files and a few hundred rows, and quickly filled.
mkdir -p "$mnt"
mount -t tmpfs -o size=4m tmpfs "$mnt" || { echo "FAIL: cannot mount a tmpfs"; exit 1; }
$kiosk enroll --bundle v1.bundle --event-key desk/event.pub --gate press_door --state "$mnt/k" \
    --kdf-cost interactive >/dev/null
check "enrolled on the small file system" 0 $?

mkfifo scanner.fifo
$kiosk run --state "$mnt/k" --headless --debounce-ms 0 --now 2014-03-31T08:00:00Z \
    --checkpoint-every 1000 --source wedge <scanner.fifo >run.json 2>run.err &
pid=$!
exec 3>scanner.fifo
# scan HOLDER: one line as a handheld scanner types it; waits for the decision to be printed.
scan() {
    local before
    before=$(wc -l <run.json)
    credential "$1" >&3
    for _ in $(seq 1 100); do [ "$(wc -l <run.json)" -gt "$before" ] && return 0; sleep 0.05; done
    return 1
}
last() { tail -1 run.json | field "$1"; }

scan X004
check "before any fault: granted" granted "$(last reason)"

# 1. Disk full.
dd if=/dev/zero of="$mnt/filler" bs=64k 2>/dev/null
scan X001
check "disk full: log_unavailable" log_unavailable "$(last reason)"
check "disk full: not admitted" False "$(last admitted)"
check "disk full: no log sequence" None "$(last log_seq)"
expect_text "disk full: says why" run.json "entry log cannot be written"
rm "$mnt/filler"
scan X001
check "space freed: granted again" granted "$(last reason)"

# 2. Another process holds the log's write lock past the kiosk's busy timeout (2 s).
/usr/bin/python3 - "$mnt/k/log.db" <<'PY' &
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
db.execute("BEGIN EXCLUSIVE")
open(sys.argv[1] + ".locked", "w").close()
time.sleep(4)
db.execute("ROLLBACK")
PY
locker=$!
for _ in $(seq 1 100); do [ -e "$mnt/k/log.db.locked" ] && break; sleep 0.05; done
scan X003
check "locked: log_unavailable" log_unavailable "$(last reason)"
wait $locker
locker=
rm -f "$mnt/k/log.db.locked"
scan X003
check "lock released: granted" granted "$(last reason)"

exec 3>&-
wait $pid
check "the kiosk stops cleanly after the faults" 0 $?
pid=
check "the granted decisions in the log, nothing of the failed ones" "X004 X001 X003" \
    "$(sqlite3 "$mnt/k/log.db" 'SELECT holder FROM entries ORDER BY seq' | joined)"
check "integrity after the faults" ok "$(sqlite3 "$mnt/k/log.db" 'PRAGMA integrity_check')"
$kiosk checkpoint --state "$mnt/k" >/dev/null 2>cp.err # opens and verifies chain and checkpoints
check "the log reopens and verifies" 0 $?

# 3. The file system under a running kiosk turns read-only, as ext4 does after a disk error
#    (errors=remount-ro; trigger_fs_error makes the kernel do exactly that, open files or not).
#    Entry is denied with log_unavailable while it lasts. The repair (unmount, e2fsck, mount
#    again) is possible only if the kiosk let go of its files after the failed write, and the
#    kiosk must then open its log again by its path, continuing the same chain.
ro_img=$work/ro.img
ro_mnt=$work/ro
mkdir -p "$ro_mnt"
truncate -s 32M "$ro_img" && mkfs.ext4 -q "$ro_img" && ro_loop=$(losetup -f --show "$ro_img") &&
    mount -o errors=remount-ro "$ro_loop" "$ro_mnt"
check "an ext4 file system on a loop device" 0 $?
$kiosk enroll --bundle v1.bundle --event-key desk/event.pub --gate press_door --state "$ro_mnt/k" \
    --kdf-cost interactive >/dev/null
: >run.json
$kiosk run --state "$ro_mnt/k" --headless --debounce-ms 0 --now 2014-03-31T08:00:00Z \
    --checkpoint-every 1000 --source wedge <scanner.fifo >run.json 2>run.err &
pid=$!
exec 3>scanner.fifo
scan X004
check "read-only: granted before the fault" granted "$(last reason)"
echo 1 >"/sys/fs/ext4/$(basename "$ro_loop")/trigger_fs_error"
check "the file system is now read-only" 1 "$(grep -c " $ro_mnt .*emergency_ro\| $ro_mnt ext4 ro" /proc/mounts)"
scan X001
check "read-only: log_unavailable" log_unavailable "$(last reason)"
check "read-only: not admitted" False "$(last admitted)"
expect_text "read-only: says why" run.json "entry log cannot be written"
scan X001
check "still read-only: log_unavailable again" log_unavailable "$(last reason)"
# The repair: unmount (possible only because the kiosk let go of its log), check, mount again.
umount "$ro_mnt"
check "the kiosk holds nothing on the failed file system: it unmounts" 0 $?
e2fsck -fy "$ro_loop" >/dev/null 2>&1
mount "$ro_loop" "$ro_mnt"
check "repaired and mounted again" 0 $?
scan X001
check "repaired: granted again" granted "$(last reason)"
check "repaired: the chain continues" 2 "$(last log_seq)"
exec 3>&-
wait $pid
check "the kiosk stops cleanly after the repair" 0 $?
pid=
check "read-only: the log holds the decisions made before and after, none of the failed" \
    "X004 X001" "$(sqlite3 "$ro_mnt/k/log.db" 'SELECT holder FROM entries ORDER BY seq' | joined)"
$kiosk checkpoint --state "$ro_mnt/k" >/dev/null 2>cp.err
check "read-only: the log reopens and verifies" 0 $?
umount "$ro_mnt" && losetup -d "$ro_loop"
ro_loop=

# 4. kill -9 at random moments in 100 bursts: every decision printed (so durable) is in the log
#    with the same reason, and the log reopens with its chain and checkpoints verified.
$kiosk enroll --bundle v1.bundle --event-key desk/event.pub --gate building_door --state k2 \
    --kdf-cost interactive >/dev/null
lines=""
for id in D001 D002 D003 D004 D005 X001 X002 M001 P001 S001; do lines+="$(credential $id)"$'\n'; done
lost=0
printed=0
for round in $(seq 1 100); do
    # Each burst: the ten badges twice (grants, then soft anti-passback attentions).
    printf '%s%s' "$lines" "$lines" | $kiosk run --state k2 --headless --debounce-ms 0 \
        --now 2014-03-31T08:00:00Z --checkpoint-every 7 --source wedge \
        >burst.json 2>/dev/null &
    pid=$!
    sleep "0.$((RANDOM % 4))$((RANDOM % 10))"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    pid=
    while read -r seq reason; do
        [ "$seq" = "None" ] && continue
        printed=$((printed + 1))
        stored=$(sqlite3 k2/log.db "SELECT reason FROM entries WHERE seq = $seq")
        [ "$stored" = "$reason" ] || { lost=$((lost + 1)); echo "round $round: #$seq $reason, log: $stored"; }
    done < <(/usr/bin/python3 -c "
import json,sys
for l in sys.stdin:
    try: d=json.loads(l)
    except ValueError: continue   # a line cut by the kill was never fully reported
    print(d.get('log_seq'), d.get('reason'))" <burst.json)
    $kiosk checkpoint --state k2 >/dev/null 2>cp.err || {
        # No checkpoint yet is fine; a log that does not open is not.
        grep -q "no checkpoint yet" cp.err || { lost=$((lost + 1)); cat cp.err; }
    }
done
echo "kill -9: 100 bursts, $printed decisions printed before the kills, $(sqlite3 k2/log.db 'SELECT COUNT(*) FROM entries') rows in the log"
check "kill -9: every printed decision is in the log, and the log reopens" 0 $lost
check "kill -9: decisions were made before the kills" 1 "$([ "$printed" -gt 20 ] && echo 1 || echo 0)"
check "integrity_check after 100 kills" ok "$(sqlite3 k2/log.db 'PRAGMA integrity_check')"
# 5. The clock set back, on the real clock (libfaketime moves the kiosk's wall clock; the
#    monotonic clock is left alone): before the last logged entry, then before the bundle was
#    issued. Both are clock_suspect, never an automatic grant, and the log keeps its chain.
$kiosk enroll --bundle v1.bundle --event-key desk/event.pub --gate main_gate --state k3 \
    --kdf-cost interactive >/dev/null
at_clock() { # at_clock UTC HOLDER: one scan with the kiosk's wall clock at UTC
    # libfaketime is preloaded ahead of an ASan build's runtime, which ASan accepts when told.
    credential "$2" | ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
        TZ=UTC FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "@$1" \
        $kiosk run --state k3 --headless --debounce-ms 0 --source wedge 2>>clock.err | tail -1
}
line=$(at_clock "2014-03-31 08:00:00" D002)
check "clock: on time, granted" granted "$(echo "$line" | field reason)"
line=$(at_clock "2014-03-31 07:00:00" X001)
check "clock set back before the last entry: clock_suspect" clock_suspect "$(echo "$line" | field reason)"
check "clock set back before the last entry: not admitted" False "$(echo "$line" | field admitted)"
line=$(at_clock "2014-03-31 04:00:00" X003)
check "clock before the bundle's issue time: clock_suspect" clock_suspect "$(echo "$line" | field reason)"
check "clock before the bundle's issue time: not admitted" False "$(echo "$line" | field admitted)"
line=$(at_clock "2014-03-31 08:05:00" X001)
check "clock right again: granted" granted "$(echo "$line" | field reason)"
check "clock: every decision logged, the wrong-clock ones marked" \
    "granted clock_suspect clock_suspect granted" \
    "$(sqlite3 k3/log.db 'SELECT reason FROM entries ORDER BY seq' | joined)"
$kiosk checkpoint --state k3 >/dev/null 2>cp.err
check "clock: the log still verifies" 0 $?
finish

#!/usr/bin/env bash
# Issue 15's scenario with the demo's own badges, through the real issuer and kiosk binaries:
# several things wrong at once. On 1 April with revocation data past its maximum age, S001's
# expired badge is `expired` (the stale data noted beside it) and cannot be overridden; P001,
# refused for the stale data alone, is not inside afterwards, so his close-protection officer
# is refused and the audit's evacuation list does not name him; D003, admitted on 31 March, is
# admitted again on 1 April after the daily reset; X001, revoked for cause, is not given a new
# badge by `issue --all`, and `status` says withdrawn.
# Usage: combined_faults_cli_test.sh ISSUER KIOSK DEMO_DIR
set -u
issuer=$1
kiosk=$2
demo=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../support/check.sh"
cd "$work"
export ACCRED_PASSPHRASE="desk passphrase 2014"
export ACCRED_KIOSK_PASSPHRASE="kiosk passphrase 2014"
# field NAME: the field of each JSON line on stdin, one per line ("" when absent).
field() {
    /usr/bin/python3 -c "
import json, sys
for line in sys.stdin:
    v = json.loads(line).get('$1')
    print(','.join(v) if isinstance(v, list) else v)"
}
run() { # run GATE_STATE ISO_TIME BADGE...: one headless run deciding the badges in order
    local state=$1 at=$2
    shift 2
    local images
    images=$(printf 'badges/%s.png,' "$@" | sed 's/,$//')
    $kiosk run --state "$state" --headless --debounce-ms 0 --now "$at" \
        --source "images:$images" 2>>run.err
}

$issuer init desk --event "$demo/event.toml" --kdf-cost interactive >/dev/null
$issuer roster import "$demo/roster.csv" -w desk --now 2014-03-28T08:00:00Z >/dev/null
$issuer issue --all -w desk --now 2014-03-28T08:00:00Z >/dev/null
$issuer badges --png-dir badges --dpi 150 -w desk >/dev/null
# Revocation data valid for 12 h (the demo's revocation_max_age_minutes): stale on 1 April.
$issuer bundle --out day1.bundle -w desk --now 2014-03-31T05:00:00Z >/dev/null
$kiosk enroll --bundle day1.bundle --event-key desk/event.pub --gate main_gate --state gate \
    --kdf-cost interactive >/dev/null
check "enrol" 0 $?

# 31 March 09:00 Brussels: D003 in.
run gate 2014-03-31T07:00:00Z D003 >day1.json
check "D003 admitted on day one" "granted" "$(field reason <day1.json)"

# 1 April 10:00 Brussels, the revocation data 27 h old.
run gate 2014-04-01T08:00:00Z S001 P001 K001 >stale.json
check "reasons with stale data" "expired stale_revocations escort_without_principal" \
    "$(field reason <stale.json | tr '\n' ' ' | sed 's/ $//')"
check "S001: the stale data is noted beside the expiry" "stale_revocations" \
    "$(field other_reasons <stale.json | sed -n 1p)"
check "S001: expired cannot be overridden" "False" "$(field override_possible <stale.json | sed -n 1p)"
check "S001: denied, not admitted" "denied False" \
    "$(sed -n 1p stale.json | field verdict) $(sed -n 1p stale.json | field admitted)"
expect_text "S001: the screen's words name both" stale.json '"detail":"this badge expired on 2014-04-01 00:00 +02:00; the revocation data is 27 h old'
check "P001: amber, not admitted, a supervisor may decide" "attention False True" \
    "$(sed -n 2p stale.json | field verdict) $(sed -n 2p stale.json | field admitted) $(sed -n 2p stale.json | field override_possible)"
check "K001: refused, his principal is not inside; stale noted" "stale_revocations" \
    "$(field other_reasons <stale.json | sed -n 3p)"
check "the log stores admitted = 0 for all three" "0 0 0" \
    "$(sqlite3 gate/log.db "SELECT admitted FROM entries WHERE seq BETWEEN 2 AND 4 ORDER BY seq" | tr '\n' ' ' | sed 's/ $//')"

# A fresh revocation update arrives: D003 is admitted again after the daily reset (hard
# anti-passback at the main gate would refuse a presence that never ended).
$issuer revocations --out fresh.update -w desk --now 2014-04-01T07:30:00Z >/dev/null
$kiosk update --state gate fresh.update >/dev/null
check "update installed" 0 $?
run gate 2014-04-01T08:05:00Z D003 P001 K001 >fresh.json
check "after the reset: D003 admitted, P001 admitted, then his officer" "granted granted granted" \
    "$(field reason <fresh.json | tr '\n' ' ' | sed 's/ $//')"

# The audit: P001's stale refusal is not presence; D003's day-one entry ended at the reset.
$kiosk checkpoint --state gate >checkpoints.txt
$issuer kiosks add gate/kiosk.pub --gate main_gate -w desk >/dev/null
$issuer checkpoints add checkpoints.txt -w desk >/dev/null
$issuer audit verify -w desk gate/log.db >verify.txt
check "audit verify" 0 $?
$issuer audit merge -w desk --out event.db gate/log.db >/dev/null
check "audit merge" 0 $?
$issuer audit occupancy grounds --now "2014-04-01 10:02" --db event.db >before.csv
check "occupancy at 10:02 on 1 April: nobody (P001 refused, D003's day one ended)" "1" \
    "$(wc -l <before.csv)"
$issuer audit occupancy grounds --now "2014-04-01 10:10" --db event.db >after.csv
check "occupancy at 10:10: the three admitted after the update" "D003 K001 P001" \
    "$(tail -n +2 after.csv | cut -d, -f1 | sort | tr '\n' ' ' | sed 's/ $//')"
$issuer audit occupancy grounds --now "2014-03-31 12:00" --db event.db >day1.csv
check "occupancy on 31 March: D003" "D003" "$(tail -n +2 day1.csv | cut -d, -f1)"

# The desk: withdrawn is withdrawn.
$issuer revoke X001 --reason "press card withdrawn" -w desk --now 2014-03-31T10:00:00Z >/dev/null
check "revoke X001" 0 $?
$issuer issue --all -w desk --now 2014-03-31T11:00:00Z >issue.txt 2>&1
expect_text "issue --all says X001 is withdrawn" issue.txt "X001 is withdrawn"
check "X001 has no new badge" "1" \
    "$(sqlite3 desk/desk.db "SELECT count(*) FROM credentials WHERE holder = 'X001'")"
$issuer status -w desk >status.txt
expect_text "status says withdrawn" status.txt "withdrawn"
finish

#!/usr/bin/env bash
# Manual lookup with the real binaries (docs/kiosk.md): the desk's bundle carries its holders'
# claims, an enrolled kiosk finds people by id and by name and decides for one whose badge will
# not scan, the row is logged as manual, and `issuer audit` shows it as such. A withdrawn person
# is not found; a wrong PIN decides nothing.
# Usage: manual_lookup_cli_test.sh ISSUER KIOSK DEMO_DIR
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
py() { /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

$issuer init desk --event "$demo/event.toml" --kdf-cost interactive >/dev/null
$issuer roster import "$demo/roster.csv" -w desk --now 2014-03-28T08:00:00Z >/dev/null
$issuer issue --all -w desk --now 2014-03-28T08:00:00Z >/dev/null
$issuer revoke X001 --reason "press card withdrawn" -w desk --now 2014-03-29T08:00:00Z >/dev/null
$issuer bundle --out v1.bundle -w desk --now 2014-03-31T05:00:00Z >/dev/null
$kiosk enroll --bundle v1.bundle --event-key desk/event.pub --gate main_gate --state k1 \
    --kdf-cost interactive >/dev/null
check "enrol" 0 $?
$kiosk lookup --help >/dev/null 2>&1; check "--help for lookup" 0 $?

# Search: by id, by words of a name without its accents, nobody.
$kiosk lookup --state k1 D012 --json >found.json
check "search by id" 0 $?
check "the holder found" "D012" "$(py 'd[0]["holder"]' <found.json)"
$kiosk lookup --state k1 "clemence aub" --json >found.json
check "search by name" 0 $?
check "the name found" "Clémence Aubertin" "$(py 'd[0]["name"]' <found.json)"
$kiosk lookup --state k1 "nobody-at-all" --json >found.json
check "nobody found" 1 $?
check "an empty list" "0" "$(py 'len(d)' <found.json)"
$kiosk lookup --state k1 X001 --json >found.json
check "a withdrawn person is not offered" "0" "$(py 'len(d)' <found.json)"
$kiosk lookup --state k1 >out.txt 2>&1
check "neither a search nor a holder: usage" 2 $?

# Deciding needs a supervisor's PIN at main_gate (the default): a wrong one decides nothing.
echo 000000 >wrong.pin
echo 246810 >right.pin
$kiosk lookup --state k1 --decide D002 --supervisor duty_officer --pin-file wrong.pin \
    --now 2014-03-31T07:00:00Z --json >wrong.json
check "a wrong PIN refuses" 1 $?
check "and says so" "pin_rejected" "$(py 'd["reason"]' <wrong.json)"
$kiosk lookup --state k1 --decide D002 --pin-file right.pin >out.txt 2>&1
check "no supervisor named: usage" 2 $?
$kiosk lookup --state k1 --decide D002 --supervisor duty_officer --pin-file right.pin \
    --now 2014-03-31T07:00:00Z --json >manual.json
check "a manual admission" 0 $?
check "its reason" "granted_manual" "$(py 'd["reason"]' <manual.json)"
check "marked manual" "True" "$(py 'd["manual"]' <manual.json)"
check "names the supervisor" "duty_officer" "$(py 'd["override_by"]' <manual.json)"
# A refusal keeps its real reason: P001 is accredited for 1 April only.
$kiosk lookup --state k1 --decide P001 --supervisor duty_officer --pin-file right.pin \
    --now 2014-03-31T07:05:00Z --json >refused.json
check "a manual refusal" 1 $?
check "its real reason" "not_yet_valid" "$(py 'd["reason"]' <refused.json)"
check "marked manual too" "True" "$(py 'd["manual"]' <refused.json)"
$kiosk lookup --state k1 --decide X001 --supervisor duty_officer --pin-file right.pin \
    --now 2014-03-31T07:06:00Z >out.txt 2>&1
check "withdrawn: no current badge" 2 $?
expect_text "says why" out.txt "no current badge for X001"

# The audit: the log verifies, and the manual rows are shown as manual.
$kiosk checkpoint --state k1 >cp.txt
$issuer kiosks add k1/kiosk.pub --gate main_gate -w desk >/dev/null
$issuer checkpoints add cp.txt -w desk >/dev/null
$issuer audit verify -w desk k1/log.db >verify.txt
check "the log with manual rows verifies" 0 $?
$issuer audit merge -w desk --out event.db k1/log.db >/dev/null
check "and merges" 0 $?
$issuer audit trail D002 --db event.db --json >trail.json
check "the trail" 0 $?
check "shows the manual admission" "granted_manual True" \
    "$(py '" ".join([d[-1]["reason"], str(d[-1]["manual"])])' <trail.json)"
$issuer audit trail D002 --db event.db >trail.csv
expect_text "the CSV's manual column" trail.csv "granted_manual,1,.*,1.$"
$issuer audit anomalies --db event.db --json >anomalies.json
check "anomalies list both manual rows" "2" \
    "$(py 'sum(1 for a in d if a["kind"] == "manual_lookup")' <anomalies.json)"
$issuer audit report --out report.html --db event.db -w desk >/dev/null
check "report" 0 $?
expect_text "the report lists manual decisions" report.html "manual_lookup"
finish

#!/usr/bin/env bash
# The audit with the real binaries: a desk issues the demo event, five kiosks decide on badges
# (keyboard wedge, simulated clock) into real SQLite logs, the desk registers their keys and keeps
# their checkpoints; then audit verify (an untouched log verifies; an edited row, an older copy,
# another kiosk's key are found and named), merge (twice: idempotent), the queries in CSV and
# JSON, and the HTML report, rendered by headless Chromium to a PNG.
# Usage: audit_cli_test.sh ISSUER KIOSK DEMO_DIR [SCREENSHOT_OUT]
set -u
issuer=$1
kiosk=$2
demo=$3
screenshot_out=${4:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../../support/check.sh"
cd "$work"
export ACCRED_PASSPHRASE="desk passphrase 2014"
export ACCRED_KIOSK_PASSPHRASE="kiosk passphrase 2014"
json() { /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

$issuer init desk --event "$demo/event.toml" --kdf-cost interactive >/dev/null
$issuer roster import "$demo/roster.csv" -w desk --now 2014-03-28T08:00:00Z >/dev/null
$issuer issue --all -w desk --now 2014-03-28T08:00:00Z >/dev/null
$issuer revoke X002 --reason "press card withdrawn" -w desk --now 2014-03-30T08:00:00Z >/dev/null
$issuer bundle --out v1.bundle -w desk --now 2014-04-01T05:00:00Z >/dev/null
sqlite3 desk/desk.db "SELECT text FROM credentials ORDER BY holder" >everyone.txt
grep_ids() { sqlite3 desk/desk.db "SELECT text FROM credentials WHERE holder GLOB '$1' ORDER BY holder"; }

for cmd in "audit verify" "audit merge" "audit trail" "audit zone" "audit occupancy" \
    "audit anomalies" "audit report" "kiosks add" "kiosks list" "checkpoints add"; do
    $issuer $cmd --help >/dev/null 2>&1; check "--help for $cmd" 0 $?
done

# Five gates. Each kiosk runs once or twice on a simulated clock, fed by a keyboard wedge.
gates="main_gate building_door plenary_door hls_door hls_exit"
for g in $gates; do
    $kiosk enroll --bundle v1.bundle --event-key desk/event.pub --gate $g --state k_$g \
        --kdf-cost interactive >/dev/null
done
run() { # GATE UTC-TIME FILE
    $kiosk run --state k_$1 --headless --debounce-ms 0 --now $2 --source wedge <"$3" \
        >>run_$1.json 2>/dev/null
}
run main_gate 2014-04-01T06:10:00Z everyone.txt
grep_ids 'D00*' >d.txt
run main_gate 2014-04-01T06:40:00Z d.txt              # passback: already inside
run building_door 2014-04-01T06:30:00Z everyone.txt
run plenary_door 2014-04-01T07:30:00Z everyone.txt
grep_ids '[PMK]*' >vip.txt
run hls_door 2014-04-01T12:15:00Z vip.txt      # the room opens at 14:00 local
grep_ids 'M00[1-6]' >out.txt
run hls_exit 2014-04-01T14:00:00Z out.txt
check "every kiosk logged decisions" 5 "$(ls k_*/log.db | wc -l)"

# The desk's register and checkpoints.
$issuer kiosks add k_main_gate/kiosk.pub --gate nowhere -w desk >out.txt 2>&1
check "unknown gate refused" 2 $?
for g in $gates; do
    $issuer kiosks add k_$g/kiosk.pub --gate $g -w desk >/dev/null; check "register $g" 0 $?
    $kiosk checkpoint --state k_$g >>checkpoints.txt
done
$issuer checkpoints add checkpoints.txt -w desk >out.txt 2>&1
check "checkpoints kept" 0 $?
check "five checkpoints held" 5 "$($issuer kiosks list -w desk --json | json 'sum(1 for k in d if k["checkpoint"])')"

logs=$(for g in $gates; do echo k_$g/log.db; done)
$issuer audit verify -w desk $logs >verify.txt
check "untouched logs verify" 0 $?
expect_text "verify names each log" verify.txt "OK    k_hls_door/log.db"
$issuer audit verify -w desk --json $logs >verify.json
check "verify --json ok" True "$(json 'd["ok"]' <verify.json)"

# Tampering on copies: an edited row, an older copy, a log vouched for by another kiosk's key.
cp k_main_gate/log.db edited.db
sqlite3 edited.db "DROP TRIGGER entries_no_update; UPDATE entries SET holder = 'D099' WHERE seq = 7"
$issuer audit verify -w desk edited.db >out.txt
check "edited row: exit 1" 1 $?
expect_text "edited row named" out.txt "row 7"
# A row's text that would draw on the terminal: ESC sequences that climb a line, erase it and
# write a verdict of their own. The FAIL line quotes them, escaped; JSON keeps them exact.
cp k_main_gate/log.db escapes.db
sqlite3 escapes.db "DROP TRIGGER entries_no_update; UPDATE entries SET verdict = char(27) || '[1A' || char(27) || '[2K' || 'All logs verified.' || char(10) || char(8238) WHERE seq = 2"
$issuer audit verify -w desk escapes.db >out.txt 2>&1
check "escapes: exit 1" 1 $?
check "escapes: no ESC, line break from the file or bidi override reaches the terminal" 0 \
    "$(LC_ALL=C grep -c $'\x1b\|\xe2\x80\xae' out.txt)"
expect_text "escapes: shown escaped" out.txt '\\x1B\[1A\\x1B\[2KAll logs verified.\\x0A\\u202E'
check "escapes: the FAIL line, its finding and the summary, nothing drawn" \
    "FAIL  escapes.db|Verification FAILED." "$(sed -n '1p;3p' out.txt | tr '\n' '|' | sed 's/|$//')"
check "escapes: three lines" 3 "$(wc -l <out.txt)"
$issuer audit verify -w desk --json escapes.db >out.json 2>&1
check "escapes: JSON keeps the text exact" 1 "$(grep -c 'u001b\[1A' out.json)"
# A log whose entries is an FTS5 table over a recursive view (issue 16, item 3): on 18ecfba
# verify spun at 100% CPU until killed. Now refused before a row is read, in seconds.
cp k_main_gate/log.db forever.db
sqlite3 forever.db "DROP TRIGGER entries_no_update; DROP TRIGGER entries_no_delete; ALTER TABLE entries RENAME TO e0; CREATE VIEW forever AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT x AS seq, 'g' AS gate FROM r; CREATE VIRTUAL TABLE entries USING fts5(seq, gate, content='forever', content_rowid='seq')"
timeout 20 $issuer audit verify -w desk forever.db >out.txt 2>&1
check "FTS over a recursive view: refused, not a hang" 1 $?
expect_text "FTS over a recursive view: named" out.txt "holds a view (forever)"
timeout 20 $issuer audit merge -w desk --out forever-event.db forever.db >out.txt 2>&1
check "FTS over a recursive view: merge refuses it too" 1 $?
cp k_main_gate/log.db extra_view.db
sqlite3 extra_view.db "CREATE VIEW extra AS SELECT 1"
timeout 20 $issuer audit verify -w desk extra_view.db >out.txt 2>&1
check "a view anywhere: refused" 1 $?
expect_text "a view anywhere: named" out.txt "holds a view (extra)"
cp k_hls_exit/log.db older.db
run hls_exit 2014-04-01T14:15:00Z out.txt
$kiosk checkpoint --state k_hls_exit >newer_cp.txt
$issuer audit verify -w desk --checkpoints newer_cp.txt older.db >out.txt
check "older copy: exit 1" 1 $?
expect_text "older copy: the missing row is named" out.txt "is missing"
$kiosk enroll --bundle v1.bundle --event-key desk/event.pub --gate main_gate --state rogue \
    --kdf-cost interactive >/dev/null
run_rogue() { $kiosk run --state rogue --headless --debounce-ms 0 --now 2014-04-01T06:10:00Z \
    --source wedge <everyone.txt >/dev/null 2>&1; }
run_rogue
$issuer audit verify -w desk rogue/log.db >out.txt
check "unregistered kiosk key: exit 1" 1 $?
expect_text "unregistered key named" out.txt "not registered at the desk"
printf 'not a database at all' >junk.db
$issuer audit verify -w desk junk.db >out.txt 2>&1
check "junk file: exit 1, no crash" 1 $?
$issuer audit verify -w desk missing.db >out.txt 2>&1
check "missing file: exit 2" 2 $?

# Merge: twice, the second adds nothing; a tampered log is not merged.
$issuer audit merge -w desk --checkpoints newer_cp.txt --out event.db $logs >merge1.txt
check "merge" 0 $?
rows=$(sqlite3 event.db "SELECT count(*) FROM entries")
$issuer audit merge -w desk --checkpoints newer_cp.txt --out event.db --json $logs >merge2.json
check "merge again" 0 $?
check "merging again adds nothing" 0 "$(json 'sum(l["added"] for l in d["logs"])' <merge2.json)"
check "same row count" "$rows" "$(sqlite3 event.db "SELECT count(*) FROM entries")"
$issuer audit merge -w desk --out event.db edited.db >out.txt
check "tampered log not merged" 1 $?

# Queries.
$issuer audit trail M001 --db event.db >trail.csv
check "trail" 0 $?
expect_text "trail header" trail.csv "^time,gate,zone,direction,verdict,reason,admitted,other_reasons,holder"
expect_text "trail shows local time with the offset" trail.csv "2014-04-01 14:15:00 +02:00,hls_door"
$issuer audit trail M001 --db event.db --json >trail.json
check "trail --json: every gate" "building_door hls_door hls_exit main_gate plenary_door" \
    "$(json '" ".join(sorted(set(r["gate"] for r in d)))' <trail.json)"
$issuer audit zone hls_room --from "2014-04-01 14:00" --to "2014-04-01 17:00" --db event.db \
    --json >zone.json
check "zone: who entered the high-level room" 0 $?
check "zone: M001 entered and left" "entry exit" \
    "$(json '" ".join(r["direction"] for r in d if r["holder"]=="M001")' <zone.json)"
$issuer audit occupancy hls_room --now 2014-04-01T13:00:00Z --db event.db --json >occ1.json
$issuer audit occupancy hls_room --now "2014-04-01 16:50" --db event.db --json >occ2.json
check "occupancy: M001 inside at 15:00" True "$(json '"M001" in [o["holder"] for o in d["inside"]]' <occ1.json)"
check "occupancy: M001 gone at 16:50" False "$(json '"M001" in [o["holder"] for o in d["inside"]]' <occ2.json)"
$issuer audit occupancy hls_room --now "2014-04-01 16:50" --db event.db >occ2.csv
expect_text "occupancy CSV" occ2.csv "^holder,inside_since,innermost_zone,gate"
$issuer audit occupancy nowhere --db event.db >out.txt 2>&1
check "unknown zone: exit 2" 2 $?
$issuer audit anomalies --db event.db --json >anomalies.json
check "anomalies" 0 $?
check "anomaly kinds" "denials_by_reason passback revoked_or_superseded simulated_time" \
    "$(json '" ".join(sorted(set(a["kind"] for a in d) - {"repeated_denials","impossible_travel","clock_jump"}))' <anomalies.json)"
$issuer audit anomalies --db event.db >anomalies.csv
expect_text "anomalies CSV" anomalies.csv "^kind,time,gate,kiosk_id,seq,holder,detail"

# The report: self-contained, rendered by headless Chromium.
$issuer audit report -w desk --checkpoints newer_cp.txt --db event.db --out report.html \
    --now 2014-04-01T16:00:00Z >out.txt
check "report" 0 $?
check "no external references" 0 "$(grep -ciE 'http:|https:|src=|href=|@import|url\(' report.html)"
expect_text "verification first" report.html "All 5 kiosk logs verified"
if [ -x /usr/bin/chromium ]; then
    timeout 120 /usr/bin/chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --screenshot="$work/report.png" --window-size=1240,1754 "file://$work/report.html" \
        >chromium.log 2>&1
    check "chromium rendered the report" 0 $?
    check "a PNG" "PNG" "$(head -c 4 report.png | tail -c 3)"
    [ -n "$screenshot_out" ] && cp report.png "$screenshot_out"
else
    echo "FAIL: /usr/bin/chromium missing (scripts/debian-packages.txt installs it)"
    failures=$((failures + 1))
fi
finish

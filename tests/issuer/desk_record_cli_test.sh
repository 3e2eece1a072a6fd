#!/usr/bin/env bash
# issuer status and issuer inspect with the real binary on the demo workspace: status judged at
# --now (any time form), filtered, lined up by display width, complete in JSON; inspect showing
# whose badge it is and the desk's record whatever the verdict; the old option names gone.
# Usage: desk_record_cli_test.sh ISSUER DEMO_DIR
set -u
issuer=$1
demo=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../support/check.sh"
cd "$work"
export ACCRED_PASSPHRASE="desk passphrase 2014"

# The demo roster and one more person whose name is wide (CJK) and carries a combining accent.
cp "$demo/roster.csv" roster.csv
printf 'W001,王小明 Zoe\xcc\x81 Li,Test Delegation,delegate,2014-03-31,,P001.png,\n' >>roster.csv
$issuer init desk --event "$demo/event.toml" --kdf-cost interactive >/dev/null 2>&1
$issuer roster import roster.csv --photos "$demo/photos" -w desk >out.txt 2>&1
check "import" 0 $?
$issuer issue --all -w desk --now 2014-03-28T09:00:00Z >/dev/null 2>&1
check "issue --all" 0 $?

# Judged at the moment given, in each time form; the same moment gives the same answer.
$issuer status -w desk --now "2014-03-31 08:00" >day1.txt
check "status at a local time" 0 $?
expect_text "day one: M001 valid" day1.txt "^M001 .*issue 1 valid$"
expect_text "day one: D001 (day two only) not valid yet" day1.txt "^D001 .*issue 1 not valid yet"
$issuer status -w desk --now 2014-03-31T06:00:00Z >utc.txt
$issuer status -w desk --now 2014-03-31T08:00:00+02:00 >offset.txt
check "UTC and local give the same table" "$(tail -n +2 day1.txt)" "$(tail -n +2 utc.txt)"
check "an offset gives the same table" "$(tail -n +2 day1.txt)" "$(tail -n +2 offset.txt)"
$issuer status -w desk --now "2014-04-02 08:00" >after.txt
expect_text "after the event: expired, with the dates" after.txt \
    "^C001 .*issue 1 expired (2014-03-30T22:00:00Z to 2014-03-31T22:00:00Z)"
expect_text "after the event: nobody valid" after.txt "75 people, 0 with a valid badge"
$issuer status -w desk --now "2014-02-30 08:00" >out.txt 2>&1
check "an impossible date is a usage error" 2 $?
expect_text "the error names the date" out.txt "2014-02-30 is not a date"

# Filters: a query as the web search, and the options; nobody found exits 1.
$issuer status M001 -w desk --now "2014-03-31 08:00" >one.txt
check "status M001" 0 $?
check "status M001: one person" 1 "$(grep -c '^[A-Z][0-9]' one.txt)"
expect_text "status M001: says how many of how many" one.txt "(1 of 75 shown)"
$issuer status reynders -w desk >name.txt
expect_text "a name word, any case" name.txt "^M001 "
$issuer status nobody-at-all -w desk >out.txt
check "a query matching no one exits 1" 1 $?
$issuer status --category press -w desk >press.txt
check "--category: only press" "$(grep -c '^X0' press.txt)" "$(grep -c '^[A-Z][0-9]' press.txt)"
$issuer status --delegation "UNITED NATIONS" -w desk --json >un.json
check "--delegation, any case" "United Nations" \
    "$(python3 -c 'import json,sys; print(",".join(sorted({p["delegation"] for p in json.load(sys.stdin)})))' <un.json)"
$issuer status --state not_yet_valid -w desk --now "2014-03-31 08:00" >later.txt
expect_text "--state not_yet_valid: D001" later.txt "^D001 "
check "--state not_yet_valid: only those" 0 "$(grep -c ' valid$' later.txt)"
$issuer status --state sleepy -w desk >out.txt 2>&1
check "an unknown state is a usage error" 2 $?

# Aligned by display width: the BADGE column starts at the same screen column on every row.
check "columns line up by display width (wide and combining characters)" "1" "$(python3 -c '
import sys, unicodedata
def width(s):
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF"
               else 1 for c in s)
rows = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8")
        if l[:1].isupper() and l[1:2].isdigit() or l.startswith("ID ")]
starts = {width(l[:l.index("issue ") if "issue " in l else l.index("BADGE")]) for l in rows}
print(len(starts) if any("王" in l for l in rows) else "no W001 row")' day1.txt)"

# JSON: everything the table says, and the days, zones and dates.
$issuer status M001 -w desk --now "2014-04-02 08:00" --json >m001.json
check "status --json: the record" \
    "M001|Didier Reynders|minister|Kingdom of Belgium|2014-03-31,2014-04-01|hls_room|1|expired|2014-03-30T22:00:00Z|2014-04-01T22:00:00Z" \
    "$(python3 -c 'import json,sys; p=json.load(sys.stdin)[0]
print("|".join([p["id"], p["name"], p["category"], p["delegation"], ",".join(p["days"]),
    "hls_room" if "hls_room" in p["zones"] else "?", str(p["issue"]), p["state"],
    p["valid_from"], p["valid_until"]]))' <m001.json)"

# inspect: whose badge it is and the desk's record, whatever the verdict.
sqlite3 desk/desk.db "SELECT text FROM credentials WHERE holder='D002'" >d002.txt
$issuer inspect d002.txt -w desk >out.txt
check "inspect on the real clock: expired" 1 $?
expect_text "refused with the dates" out.txt "REFUSED: expired - expired: valid 2014-03-31 00:00 +02:00"
expect_text "whose badge" out.txt "holder       D002, Adaeze Okonkwo-Bell"
expect_text "category named" out.txt "category     delegate (Delegate)"
expect_text "delegation" out.txt "delegation   United Nations"
expect_text "days" out.txt "days         2014-03-31, 2014-04-01"
expect_text "zones" out.txt "zones        grounds"
expect_text "this badge's standing" out.txt "this badge   issue 1: expired"
$issuer inspect d002.txt -w desk --json >out.json
check "inspect --json: the desk's record" "false|expired|D002|Adaeze Okonkwo-Bell|delegate|expired|1|2" \
    "$(python3 -c 'import json,sys; j=json.load(sys.stdin); d=j["desk"]
print("|".join(map(str, [str(j["verified"]).lower(), j["reason"], d["id"], d["name"],
    d["category"], d["state"], d["issue"], len(d["days"])])))' <out.json)"
$issuer inspect d002.txt -w desk --now "2014-03-31 09:00" >out.txt
check "inspect at a local time on day one: valid" 0 $?
expect_text "valid: the record too" out.txt "this badge   issue 1: valid"
$issuer revoke D002 --reason "left the delegation" -w desk --now "2014-03-31 10:00" >/dev/null 2>&1
$issuer inspect d002.txt -w desk --now "2014-03-31 11:00" >out.txt
check "inspect a withdrawn person's badge" 1 $?
expect_text "withdrawn, with why" out.txt "this badge   issue 1: WITHDRAWN since 2014-03-31T08:00:00Z (left the delegation)"
$issuer inspect d002.txt -p desk/event.pub --now "2014-04-05T10:00:00+02:00" >out.txt
check "without a workspace: expired" 1 $?
expect_text "without a workspace: the signed holder still shown" out.txt "holder       D002"
$issuer inspect d002.txt -p desk/event.pub --now "2014-04-01 10:00" >out.txt 2>&1
check "without a workspace a local time is refused" 2 $?
expect_text "saying why" out.txt "needs the event's time zone"

# One option name: the old ones are gone.
$issuer inspect d002.txt -w desk --at 2014-03-31T08:00:00Z >/dev/null 2>&1
check "inspect --at is gone" 2 $?
finish

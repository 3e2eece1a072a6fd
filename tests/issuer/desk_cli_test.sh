#!/usr/bin/env bash
# The desk's whole job with the real binary, as the README tells a new user: init the demo
# event, import its roster, issue, print badges, export a bundle; then reissue, revoke, and the
# checks that bad input changes nothing; a person withdrawn by revoke stays withdrawn until
# reinstated; and an export whose revocations cannot be read is refused.
# Usage: desk_cli_test.sh ISSUER SCAN_ALL_QR DEMO_DIR
set -u
issuer=$1
scan_all_qr=$2
demo=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../support/check.sh"
cd "$work"
export ACCRED_PASSPHRASE="desk passphrase 2014"
now="--now 2014-03-28T09:00:00Z"
day2="--now 2014-04-01T10:00" # local time in Brussels, as a desk operator may type it

for cmd in init roster issue reissue revoke reinstate status badges bundle revocations pin-hash; do
    $issuer $cmd --help >/dev/null 2>&1; check "--help for $cmd" 0 $?
done

# A malformed event definition creates nothing.
printf '[event]\nid = "x"\nname = "X"\ntime_zone = "Europe/Brussels"\ndays = ["2014-03-31"]\n[[zones]]\nid = "a"\nname = "A"\nparent = "nowhere"\n' >bad.toml
$issuer init bad-desk --event bad.toml --kdf-cost interactive >out.txt 2>&1
check "init with a bad event definition" 2 $?
expect_text "bad event: line and reason" out.txt "bad.toml:[0-9]*:"
test ! -e bad-desk; check "bad event: no workspace left" 0 $?

# A logo that is missing or not an image stops init with the problem named, and creates nothing.
mkdir -p logo-event
cp "$demo/event.toml" logo-event/
$issuer init logo-desk --event logo-event/event.toml --kdf-cost interactive >out.txt 2>&1
check "init with a missing logo" 2 $?
expect_text "missing logo named" out.txt "logo-event/logo.png does not exist"
echo "not an image" >logo-event/logo.png
$issuer init logo-desk --event logo-event/event.toml --kdf-cost interactive >out.txt 2>&1
check "init with a logo that is not an image" 2 $?
expect_text "bad logo named" out.txt "logo.png is not a PNG or JPEG image"
test ! -e logo-desk; check "bad logo: no workspace left" 0 $?

$issuer init desk --event "$demo/event.toml" --kdf-cost interactive >out.txt 2>&1
check "init" 0 $?
expect_text "init summary" out.txt "International Conference on Genocide Prevention"
check "event key mode" 600 "$(stat -c %a desk/event.key)"
cmp -s desk/event-logo "$demo/logo.png"; check "the logo kept in the workspace" 0 $?
$issuer init desk --event "$demo/event.toml" --kdf-cost interactive >out.txt 2>&1
check "init refuses an existing workspace" 2 $?

# A bad roster imports nothing.
cp "$demo/roster.csv" bad.csv
echo 'Z999,Someone,UN,emperor,2014-03-31,,P001.png,' >>bad.csv
$issuer roster import bad.csv --photos "$demo/photos" -w desk $now >out.txt 2>&1
check "import a bad roster" 1 $?
expect_text "bad roster: line number" out.txt "bad.csv:76: unknown category \"emperor\""
$issuer status -w desk --json >status.json
check "nobody imported from a bad roster" "[]" "$(tr -d ' \n' <status.json)"

$issuer roster import "$demo/roster.csv" -w desk $now >out.txt 2>&1
check "import the demo roster" 0 $?
expect_text "import summary" out.txt "74 added"
$issuer roster import "$demo/roster.csv" -w desk $now >out.txt 2>&1
check "re-import" 0 $?
expect_text "re-import changes nothing" out.txt "0 added, 0 changed, 74 unchanged"

$issuer issue --all -w desk $now --json >issue.json
check "issue --all" 0 $?
check "74 issued" 74 "$(grep -c '(issue 1)' issue.json)"

$issuer badges --out badges.pdf -w desk --a4 >out.txt 2>&1
check "badges PDF" 0 $?
pdftoppm -r 300 -png badges.pdf page
check "pages rasterised" 19 "$(ls page-*.png | wc -l)"
$scan_all_qr page-*.png | sort >scanned.txt
sqlite3 desk/desk.db "SELECT text FROM credentials ORDER BY text" | sort >stored.txt
check "every QR in the PDF decodes to a stored credential" "$(cat stored.txt)" "$(cat scanned.txt)"
$issuer badges --out cards.pdf --format cr80 --duplex K001 K002 -w desk >out.txt 2>&1
check "CR80 duplex cards" 0 $?
check "front, back, front, back" 4 "$(pdfinfo cards.pdf | awk '/^Pages:/ {print $2}')"
pdftotext cards.pdf - | tr '\n' ' ' >cards.txt
expect_text "an escort's card names the principal" cards.txt "Escort of: Ban Ki-moon (P001)"
bad=0
for page in page-*.png; do
    # Day-one-only badges have expired by day two and day-two-only ones are not valid on day one.
    $issuer inspect "$page" -w desk --now 2014-03-31T08:00:00Z >/dev/null 2>&1 ||
        $issuer inspect "$page" -w desk --now 2014-04-01T08:00:00Z >/dev/null 2>&1 ||
        bad=$((bad + 1))
done
check "a badge from every page verifies against the workspace" 0 $bad

$issuer bundle --out kiosk.bundle -w desk $now >out.txt 2>&1
check "bundle" 0 $?
$issuer bundle --out kiosk.bundle -w desk $now >out.txt 2>&1
check "bundle refuses to overwrite" 2 $?

# A lost badge: reissue, and the old one is refused by inspect with the workspace.
sqlite3 desk/desk.db "SELECT text FROM credentials WHERE holder='M001'" >old.txt
$issuer reissue M001 -w desk $now >out.txt 2>&1
check "reissue" 0 $?
$issuer inspect old.txt -w desk --now 2014-04-01T08:00:00Z >out.txt
check "old badge refused after reissue" 1 $?
expect_text "old badge status" out.txt "this badge   issue 1: superseded by issue 2"
expect_text "old badge: whose it is" out.txt "holder       M001, "
sqlite3 desk/desk.db "SELECT text FROM credentials WHERE holder='M001' AND issue=2" >new.txt
$issuer inspect new.txt -w desk --now 2014-04-01T08:00:00Z >out.txt
check "new badge honoured" 0 $?
expect_text "new badge is current" out.txt "this badge   issue 2: valid"

$issuer revoke X001 --reason "press card withdrawn" -w desk $now >out.txt 2>&1
check "revoke" 0 $?
$issuer revocations --out rev1.update -w desk $now >out.txt 2>&1
check "revocation update" 0 $?
expect_text "update version above the bundle" out.txt "version 2"
$issuer status -w desk $day2 >status.txt
expect_text "status shows revoked" status.txt "X001.*REVOKED (press card withdrawn)"
expect_text "status shows reissue" status.txt "M001.*issue 2 valid, 1 earlier revoked"

# Withdrawn is withdrawn: the revocation for cause above withdrew X001's accreditation.
expect_text "status says withdrawn" status.txt "X001.*WITHDRAWN since 2014-03-28T09:00:00Z"
expect_text "status counts the withdrawn" status.txt "1 withdrawn (X001)"
$issuer issue --all -w desk $now >out.txt 2>&1
check "issue --all after revoke" 0 $?
expect_text "issue --all leaves X001 out, saying so" out.txt \
    "X001 is withdrawn (press card withdrawn, 2014-03-28T09:00:00Z): not issued; \`issuer reinstate X001 --reason ...\` to accredit again"
check "X001 not reissued by issue --all" 1 \
    "$(sqlite3 desk/desk.db "SELECT count(*) FROM credentials WHERE holder='X001'")"
$issuer issue X001 -w desk $now >out.txt 2>&1
check "issue X001 while withdrawn is refused" 1 $?
expect_text "issue X001 refused: why" out.txt "X001 is withdrawn (press card withdrawn"
$issuer reissue X001 -w desk $now >out.txt 2>&1
check "reissue X001 while withdrawn is refused" 1 $?
$issuer badges --out X001.pdf X001 -w desk >out.txt 2>&1
check "badges X001 while withdrawn is refused" 1 $?
test ! -e X001.pdf; check "no badge printed for X001" 0 $?
$issuer badges --png-dir again -w desk >out.txt 2>&1
check "badges for everyone" 0 $?
expect_text "badges says X001 is left out" out.txt "X001 is withdrawn.*no badge printed"
$issuer roster import "$demo/roster.csv" -w desk $now >out.txt 2>&1
check "re-import with X001 withdrawn" 0 $?
expect_text "re-import keeps X001 withdrawn" out.txt "X001 is withdrawn.*still withdrawn"
$issuer status -w desk --json >status.json
check "status --json: withdrawn reason" "press card withdrawn" \
    "$(python3 -c 'import json, sys
print(next(p for p in json.load(sys.stdin) if p["id"] == "X001")["withdrawn"]["reason"])' \
        <status.json)"
$issuer reinstate X001 -w desk $now >out.txt 2>&1
check "reinstate needs a reason" 2 $?
$issuer reinstate M001 --reason "not withdrawn" -w desk $now >out.txt 2>&1
check "reinstate refuses someone not withdrawn" 1 $?
$issuer reinstate X001 --reason "press card confirmed" -w desk $now >out.txt 2>&1
check "reinstate X001" 0 $?
$issuer issue X001 -w desk $now --json >issue.json 2>&1
check "issue X001 after reinstating" 0 $?
expect_text "X001 gets issue 2" issue.json "X001 (issue 2)"
$issuer status -w desk $day2 >status.txt
expect_text "status: X001 valid again" status.txt "X001.*issue 2 valid, 1 earlier revoked"
expect_text "status: nobody withdrawn" status.txt "0 withdrawn,"
check "journal keeps both" "withdrawn|press card withdrawn;reinstated|press card confirmed" \
    "$(sqlite3 desk/desk.db "SELECT action, reason FROM accreditation_journal ORDER BY seq" |
        paste -sd';')"

# Database reads that fail say so: a copy whose revocations span many pages, one leaf page of
# each of their b-trees overwritten with garbage, refuses to export and writes nothing.
cp -r desk broken
sqlite3 broken/desk.db "WITH RECURSIVE n(i) AS (SELECT 100 UNION ALL SELECT i + 1 FROM n
    WHERE i < 3099) INSERT INTO credentials(cti, holder, issue, text, issued_at)
    SELECT randomblob(8), 'D001', i, 'AC1:x', 0 FROM n;
  INSERT INTO revocations(cti, reason, revoked_at)
    SELECT cti, 'test', 0 FROM credentials WHERE issue >= 100;"
page_size=$(sqlite3 broken/desk.db "PRAGMA page_size")
for tree in revocations sqlite_autoindex_revocations_1; do
    page=$(sqlite3 broken/desk.db "SELECT pageno FROM dbstat WHERE name = '$tree'
                                   AND pagetype = 'leaf' ORDER BY pageno" | sed -n 5p)
    head -c "$page_size" /dev/zero | tr '\0' '\245' |
        dd of=broken/desk.db bs="$page_size" seek=$((page - 1)) conv=notrunc status=none
done
$issuer revocations --out broken.update -w broken $now >out.txt 2>&1
check "revocations from a damaged desk.db" 2 $?
expect_text "the read error is named" out.txt \
    "cannot read the revocations: database: database disk image is malformed"
test ! -e broken.update; check "no revocation update written" 0 $?
$issuer bundle --out broken.bundle -w broken $now >out.txt 2>&1
check "bundle from a damaged desk.db" 2 $?
test ! -e broken.bundle; check "no bundle written" 0 $?

finish

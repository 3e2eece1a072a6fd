#!/usr/bin/env bash
# A log written before entry log format v2 (fixtures/v1-log, made by 18ecfba and never
# regenerated) still verifies and merges; its stale_revocations rows, which the old code counted
# as inside, are not presence, and the daily reset ends 31 March's entries.
# Usage: audit_v1_log_test.sh ISSUER FIXTURE_DIR
set -u
issuer=$1
fixture=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../../support/check.sh"
cp -r "$fixture"/. "$work"/ # the evidence itself is never opened in place
cd "$work"
export ACCRED_PASSPHRASE="fixture desk passphrase"
before=$(sha256sum k1/log.db | cut -d' ' -f1)
$issuer kiosks add k1/kiosk.pub --gate main_gate -w desk >/dev/null
check "register the old kiosk" 0 $?
$issuer checkpoints add checkpoint.txt -w desk >/dev/null
check "keep its checkpoint" 0 $?
$issuer audit verify -w desk k1/log.db >verify.txt
check "a version 1 log verifies" 0 $?
expect_text "6 rows, checkpoint at row 6" verify.txt "6 rows"
$issuer audit merge -w desk --out event.db k1/log.db >merge.txt
check "and merges" 0 $?
check "the log is unchanged" "$before" "$(sha256sum k1/log.db | cut -d' ' -f1)"
check "verify and merge leave nothing beside the evidence" "kiosk.pub log.db" "$(ls k1 | tr '\n' ' ' | sed 's/ $//')"
# Evidence on read-only media (issue 16, item 5): a read-only tmpfs, where SQLite could create
# no -shm or -wal even if it tried. Needs root to mount; skipped (and said) otherwise.
if [ "$(id -u)" = 0 ] && mkdir ro && mount -t tmpfs -o size=1m tmpfs ro 2>/dev/null; then
    cp k1/log.db ro/log.db && mount -o remount,ro ro
    $issuer audit verify -w desk ro/log.db >ro.txt 2>&1
    check "a log on read-only media verifies" 0 $?
    umount ro
else
    echo "note: read-only media not tried (needs root to mount a tmpfs)"
fi
check "rows kept as version 1, admitted inferred" "1:1 1:1 1:1 1:0 1:0 1:0" \
    "$(sqlite3 event.db "SELECT row_format || ':' || admitted FROM entries ORDER BY seq" | tr '\n' ' ' | sed 's/ $//')"
$issuer audit occupancy grounds --now "2014-03-31 12:00" --db event.db >day1.csv
check "31 March noon: the three admitted" "D002 D003 S001" \
    "$(tail -n +2 day1.csv | cut -d, -f1 | sort | tr '\n' ' ' | sed 's/ $//')"
$issuer audit occupancy grounds --now "2014-04-01 11:00" --db event.db >day2.csv
check "1 April 11:00: nobody (stale refusals are not entries; the reset ended day one)" "1" \
    "$(wc -l <day2.csv)"
$issuer audit trail P001 --db event.db >trail.csv
expect_text "P001's trail shows the refusal, not admitted" trail.csv "attention,stale_revocations,0,"
finish

#!/usr/bin/env bash
# issuer operator and issuer web with the real binary: accounts (add, list, password, disable,
# enable) and their refusals, the journal, and issuer web's start-up refusals (--no-tls off the
# loopback, a wrong passphrase) and its certificate made once, keys 0600.
# Usage: operator_cli_test.sh ISSUER DEMO_DIR
set -u
issuer=$1
demo=$2
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../support/check.sh"
cd "$work"
export ACCRED_PASSPHRASE="desk passphrase 2014"

for cmd in "operator" "operator add" "operator list" "operator disable" "operator enable" \
    "operator password" "operator journal" "web"; do
    $issuer $cmd --help >/dev/null 2>&1; check "--help for $cmd" 0 $?
done
$issuer init desk --event "$demo/event.toml" --kdf-cost interactive >/dev/null 2>&1
check "init" 0 $?

echo "alice-password-1" >pw
$issuer operator add alice --role operator -w desk --password-file pw >out.txt 2>&1
check "add an operator" 0 $?
$issuer operator add alice --role auditor -w desk --password-file pw >out.txt 2>&1
check "the same name twice" 2 $?
expect_text "taken name: said" out.txt "already an operator named alice"
$issuer operator add bob --role admin -w desk --password-file pw >out.txt 2>&1
check "an unknown role" 2 $?
echo "short" >short
$issuer operator add bob --role auditor -w desk --password-file short >out.txt 2>&1
check "a short password" 2 $?
expect_text "short password: said" out.txt "at least 10 characters"
ACCRED_OPERATOR_PASSWORD="bob-password-22" $issuer operator add bob --role auditor -w desk >/dev/null 2>&1
check "a password from the environment" 0 $?
$issuer operator list -w desk --json >list.json
check "list: two accounts" 2 "$(grep -c '"name"' list.json)"
check "the hash is not the password" 0 "$(sqlite3 desk/desk.db "SELECT count(*) FROM operators WHERE password_hash LIKE '%alice-password%'")"
$issuer operator disable alice -w desk >/dev/null 2>&1
check "disable" 0 $?
check "disabled in desk.db" 1 "$(sqlite3 desk/desk.db "SELECT disabled FROM operators WHERE name = 'alice'")"
$issuer operator enable alice -w desk >/dev/null 2>&1
check "enable" 0 $?
$issuer operator disable nobody -w desk >out.txt 2>&1
check "disable someone unknown" 2 $?
echo "a-new-password-3" >pw2
$issuer operator password alice -w desk --password-file pw2 >/dev/null 2>&1
check "a new password" 0 $?
$issuer operator journal -w desk --json >journal.json
check "an empty journal" "[]" "$(tr -d ' \n' <journal.json)"

# issuer web refuses plain HTTP off the loopback, and a wrong passphrase, before serving.
$issuer web -w desk --listen 0.0.0.0:0 --no-tls >out.txt 2>&1
check "--no-tls off the loopback" 2 $?
expect_text "--no-tls: why" out.txt "only for 127.0.0.1"
ACCRED_PASSPHRASE="not the passphrase" $issuer web -w desk --listen 127.0.0.1:0 >out.txt 2>&1
check "a wrong passphrase" 1 $?
test ! -e desk/web-tls/server.crt; check "no certificate made with a wrong passphrase" 0 $?

# It starts, makes its certificate once (keys encrypted, 0600), and logs in over TLS.
$issuer web -w desk --listen 127.0.0.1:0 --url-file url >web.out 2>web.err &
for _ in $(seq 1 100); do [ -s url ] && break; sleep 0.1; done
url=$(cat url)
check "web: listening" 1 "$(grep -c '^https://127.0.0.1:' url)"
check "web: server key mode" 600 "$(stat -c %a desk/web-tls/server.key)"
check "web: CA key mode" 600 "$(stat -c %a desk/web-tls/ca.key)"
check "web: key encrypted" 1 "$(grep -c 'BEGIN ENCRYPTED PRIVATE KEY' desk/web-tls/server.key)"
code=$(curl -s --cacert desk/web-tls/ca.crt -o /dev/null -w '%{http_code}' \
    -d "name=alice&password=a-new-password-3" "${url}login")
check "web: log in over TLS with the desk's CA" 303 "$code"
code=$(curl -s --cacert desk/web-tls/ca.crt -o /dev/null -w '%{http_code}' \
    -d "name=alice&password=alice-password-1" "${url}login")
check "web: the old password is refused" 401 "$code"
kill %1; wait %1 2>/dev/null
$issuer operator journal -w desk --json >journal.json
check "journal: the login" 1 "$(grep -c '"action": "login"' journal.json)"
check "journal: the refusal" 1 "$(grep -c '"action": "login refused"' journal.json)"
finish

#!/usr/bin/env bash
# The issuer CLI as a user drives it: keygen, sign, inspect (text and PNG), exit codes, and an
# independent verification of `issuer sign` output by tests/interop/verify_ac1.py.
# Usage: cli_test.sh ISSUER_BINARY INTEROP_DIR
set -u
issuer=$1
interop=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../support/check.sh"
cd "$work"

for cmd in "" keygen sign inspect; do
    $issuer $cmd --help >out.txt 2>&1; check "--help for '$cmd'" 0 $?
done
$issuer frobnicate >out.txt 2>&1; check "unknown command" 2 $?

export ACCRED_PASSPHRASE="demo passphrase 2014"
$issuer keygen --kdf-cost interactive -s event.key -p event.pub >out.txt 2>&1
check "keygen" 0 $?
check "secret key mode 0600" 600 "$(stat -c %a event.key)"
before=$(sha256sum event.key)
$issuer keygen --kdf-cost interactive -s event.key -p other.pub >out.txt 2>&1
check "keygen refuses to overwrite" 2 $?
expect_text "overwrite message" out.txt "event.key exists and is never replaced"
check "existing key unchanged" "$before" "$(sha256sum event.key)"
test ! -e other.pub; check "no half pair left" 0 $?
ACCRED_PASSPHRASE=short $issuer keygen -s k2 -p p2 >out.txt 2>&1
check "short passphrase refused" 2 $?

printf 'portrait bytes' >photo.jpg
$issuer sign -k event.key --event gp2014 --holder D042 --name "Thorbjørn Jagland" \
    --org "Council of Europe" --category 1 --rank 90 --zone 2 --zone 3 --zone 4 \
    --photo photo.jpg --valid-from 2014-03-31T00:00:00Z --valid-until 2014-04-02T00:00:00Z \
    --now 2014-03-20T10:00:00Z \
    --qr badge.png >cred.txt 2>err.txt
check "sign" 0 $?
expect_text "credential text" cred.txt "^AC1:"

$issuer inspect "$(cat cred.txt)" -p event.pub --now 2014-04-01T10:00:00Z >out.txt
check "inspect text" 0 $?
expect_text "name shown" out.txt "Thorbjørn Jagland"
$issuer inspect badge.png -p event.pub --now 2014-04-01T10:00:00Z --json >out.json
check "inspect PNG" 0 $?
expect_text "json verified" out.json '"verified": true'
expect_text "json ec level" out.json '"qr_ec_level": "Q"'
$issuer inspect badge.png -p event.pub --now 2014-04-05T10:00:00Z >out.txt
check "inspect expired" 1 $?
expect_text "expired reason" out.txt "expired"
$issuer inspect cred.txt -p event.pub --now 2014-04-01T10:00:00Z --event other >out.txt
check "inspect wrong event" 1 $?

tampered=$(sed 's/^\(.\{30\}\)./\1Z/' cred.txt)
[ "$tampered" != "$(cat cred.txt)" ] || tampered=$(sed 's/^\(.\{30\}\)./\1Y/' cred.txt)
$issuer inspect "$tampered" -p event.pub --now 2014-04-01T10:00:00Z >out.txt
check "inspect tampered" 1 $?
$issuer inspect missing.png -p event.pub >out.txt 2>&1
check "inspect missing file" 2 $?

ACCRED_PASSPHRASE="wrong passphrase" $issuer sign -k event.key --event gp2014 --holder X1 \
    --name X --photo photo.jpg --now 2014-03-20T10:00:00Z --valid-until 2014-04-02T00:00:00Z >out.txt 2>&1
check "sign with wrong passphrase" 1 $?
expect_text "wrong passphrase message" out.txt "wrong passphrase"
$issuer sign -k event.key --event "bad event" --holder X1 --name X --photo photo.jpg \
    --valid-until 2014-04-02T00:00:00Z >out.txt 2>&1
check "sign refuses bad claims" 2 $?

# Independent implementation from docs/credential-format.md (Python cbor2 + PyNaCl).
/usr/bin/python3 "$interop/verify_ac1.py" --pubkey-file event.pub --now 1396346400 \
    "$(cat cred.txt)" >py.json
check "independent verifier accepts issuer sign output" 0 $?
expect_text "independent verifier claims" py.json "Jagland"
/usr/bin/python3 "$interop/verify_ac1.py" --pubkey-file event.pub --now 1396346400 \
    "$tampered" >py.json
check "independent verifier refuses tampered" 1 $?

# Delegation codes are 0-65535: the largest takes the 3-byte CBOR form, which the independent
# verifier reads back; one more is refused before anything is signed.
$issuer sign -k event.key --event gp2014 --holder D043 --name "Ana Delegate" --org-code 65535 \
    --category 1 --rank 50 --photo photo.jpg --valid-from 2014-03-31T00:00:00Z \
    --valid-until 2014-04-02T00:00:00Z --now 2014-03-20T10:00:00Z >wide.txt 2>err.txt
check "sign with delegation code 65535" 0 $?
/usr/bin/python3 "$interop/verify_ac1.py" --pubkey-file event.pub --now 1396346400 \
    "$(cat wide.txt)" >py.json
check "independent verifier accepts delegation code 65535" 0 $?
expect_text "independent verifier reads code 65535" py.json '"org": 65535'
$issuer sign -k event.key --event gp2014 --holder D043 --name "Ana Delegate" --org-code 65536 \
    --category 1 --rank 50 --photo photo.jpg --valid-until 2014-04-02T00:00:00Z \
    --now 2014-03-20T10:00:00Z >out.txt 2>&1
check "sign refuses delegation code 65536" 2 $?
expect_text "delegation code message" out.txt "delegation code above 65535"

finish

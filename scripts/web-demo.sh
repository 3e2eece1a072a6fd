#!/usr/bin/env bash
# The web desk on the demo workspace (docs/desk-web.md): after `bash scripts/demo.sh`, starts
# `issuer web` on demo-out/desk with four demo accounts, one per role, on this machine only
# (http://127.0.0.1:8444/, plain HTTP on the loopback, which issuer web warns about: a real desk
# serves HTTPS, see docs/desk-web.md), with the desk's clock at 31 March 2014, 08:00 Brussels
# time, the first morning of the conference. Ctrl-C stops it.
#   bash scripts/web-demo.sh [--listen 127.0.0.1:8444]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
listen=${2:-127.0.0.1:8444}
[ "${1:-}" = "--listen" ] || [ -z "${1:-}" ] ||
    { echo "usage: bash scripts/web-demo.sh [--listen 127.0.0.1:PORT]" >&2; exit 2; }
issuer="$root/build/issuer/issuer"
desk="$root/demo-out/desk"
if [ ! -f "$desk/desk.db" ]; then
    echo "No demo workspace yet: running scripts/demo.sh first (headless)."
    ACCRED_DEMO_HEADLESS=1 bash "$root/scripts/demo.sh" >/dev/null
fi
export ACCRED_PASSPHRASE=${ACCRED_PASSPHRASE:-"egmont demo passphrase"}
# Demo accounts: public passwords, for this demo only. At a real desk each person has their own
# account and types their own password (issuer operator add NAME --role ROLE).
accounts=(desk:operator super:supervisor chief:security audit:auditor)
for account in "${accounts[@]}"; do
    name=${account%%:*} role=${account#*:}
    if ! "$issuer" operator list -w "$desk" | grep -q "^$name "; then
        ACCRED_OPERATOR_PASSWORD="demo-$name-password" "$issuer" operator add "$name" \
            --role "$role" -w "$desk" >/dev/null
    fi
done
cat <<TEXT
The web desk for the demo, at http://$listen/ in a browser on this machine. Log in as:
  desk   / demo-desk-password    desk operator: search, walk-ins (webcam or photo file), print
  super  / demo-super-password   desk supervisor: also revoke, reinstate, bundles, the journal
  chief  / demo-chief-password   security chief: operations view, evacuation list
  audit  / demo-audit-password   auditor: everything read-only, the audit report
TEXT
exec "$issuer" web -w "$desk" --listen "$listen" --no-tls --now 2014-03-31T06:00:00Z

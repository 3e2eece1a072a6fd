#!/usr/bin/env bash
# ctest's entry to one browser test: says what to install when node is missing (the harness
# itself checks Chromium and puppeteer-core), then runs the test file with node in a process
# group of its own, and kills whatever is left in that group when node ends, however it ends
# (issuer web is in it; Chromium ends with node, its DevTools pipe closed).
#   run_browser_test.sh TEST_FILE.test.js ISSUER_BINARY ASSETS_DIR
set -uo pipefail
if ! command -v node >/dev/null; then
    echo "browser test cannot run: node is not installed." >&2
    echo "  Fix: install Node.js 18 or newer (Debian: apt-get install nodejs npm), then" \
        "scripts/setup.sh (it runs npm ci --prefix tests/browser)." >&2
    exit 1
fi
# The test's temporary folders go under one of the wrapper's, removed even after a kill -9 of
# node (unless ACCRED_KEEP_BROWSER_DIR is set, to look at them).
TMPDIR=$(mktemp -d "${TMPDIR:-/tmp}/accred-browser-test.XXXXXX")
export TMPDIR
# In the background without job control, setsid needs no fork: node's pid is its group's id.
setsid node "$@" &
group=$!
trap 'kill -TERM -- -$group 2>/dev/null' TERM INT
wait $group
status=$?
kill -KILL -- -$group 2>/dev/null
[ -n "${ACCRED_KEEP_BROWSER_DIR:-}" ] || rm -rf "$TMPDIR"
exit $status

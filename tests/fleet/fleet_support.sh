# Shared by the fleet's loopback tests (fleet_test.sh, stolen_kiosk_test.sh): sourced after
# `issuer`, `kiosk`, `demo` and `now` (the simulated start, UTC) are set. Makes a work folder
# that is removed at exit with every process in `pids`, and the helpers below.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done
    wait 2>/dev/null
    [ -n "${FLEET_TEST_KEEP:-}" ] && echo "kept $work" || rm -rf "$work"
}
trap cleanup EXIT
source "$here/../support/check.sh"
cd "$work"
export ACCRED_PASSPHRASE="desk passphrase 2014"
export ACCRED_KIOSK_PASSPHRASE="kiosk passphrase 2014"
# Every kiosk's simulated clock runs from the same moment, as real clocks would agree: a kiosk
# started later starts later in simulated time too (the desk orders presence by these times).
base=$(date -u -d "$now" +%s)
started=$(date +%s)
sim_epoch() { echo $((base + $(date +%s) - started)); }
sim_now() { date -u -d "@$(sim_epoch)" +%Y-%m-%dT%H:%M:%SZ; }
json_field() { /usr/bin/python3 -c "import json,sys; [print(json.loads(l).get('$1')) for l in sys.stdin]"; }
free_port() { /usr/bin/python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])"; }
seconds_now() { date +%s.%N; }
credential() { sqlite3 desk/desk.db "SELECT text FROM credentials WHERE holder = '$1' ORDER BY issue DESC LIMIT 1"; }
# wait_for SECONDS COMMAND...: true once COMMAND succeeds, polling every 0.1 s.
wait_for() {
    local deadline=$(( $(date +%s) + $1 )); shift
    while ! "$@"; do [ "$(date +%s)" -ge "$deadline" ] && return 1; sleep 0.1; done
}
lines() { [ -f "$1" ] && wc -l <"$1" || echo 0; }
# said_since FILE N TEXT: TEXT is in FILE after its first N lines
said_since() { tail -n +"$(($2 + 1))" "$1" | grep -q -- "$3"; }
more_lines() { [ "$(lines "$1")" -gt "$2" ]; } # more_lines FILE N: FILE has more than N lines
# at_least N COMMAND...: COMMAND prints a number of at least N
at_least() { local n=$1; shift; [ "$("$@")" -ge "$n" ]; }
kiosk_id_of() { sqlite3 k$1/log.db "SELECT value FROM meta WHERE key = 'kiosk_id'"; }
last_contact() { sqlite3 desk/desk.db "SELECT last_contact FROM fleet_contact WHERE kiosk_id = '$(kiosk_id_of "$1")'"; }
# peer_news N: returns once kiosk N has synced with the desk after this moment, so it has been
# handed everything the desk held now (its engine applies it within 0.1 s of the reply).
peer_news() {
    local after=$(( $(date +%s) + 1 )) # last_contact is in whole seconds
    wait_for 20 at_least "$after" last_contact "$1"
    sleep 0.5
}
desk_has() { sqlite3 desk/audit.db "$1" | grep -q .; }

# make_desk BUNDLE_TIME: the desk workspace `desk` for the demo event with a second entry gate
# into the grounds, the roster imported and issued, bundle v1.bundle and the fleet CA.
make_desk() {
    cp -r "$demo" event
    cat >>event/event.toml <<'TOML'

[[gates]]
id = "side_gate"
name = "Side gate, rue aux Laines"
zone = "grounds"
direction = "entry"
anti_passback = "hard"
TOML
    $issuer init desk --event event/event.toml --kdf-cost interactive >/dev/null
    $issuer roster import event/roster.csv -w desk --now 2014-03-28T08:00:00Z >/dev/null
    $issuer issue --all -w desk --now 2014-03-28T08:00:00Z >/dev/null
    $issuer bundle --out v1.bundle -w desk --now "$1" >/dev/null
    $issuer fleet init -w desk --host 127.0.0.1 >out.txt 2>&1
    check "fleet init" 0 $?
}

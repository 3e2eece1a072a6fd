#!/usr/bin/env bash
# A stolen kiosk against the real desk service and real kiosks on loopback (issue 16, item 1).
# Three kiosks: the main gate and the side gate into the grounds, and the main gate's exit, which
# is stolen. The thief stops it, writes rows into its log with the kiosk's own log code (chained,
# hashed, pushed with its certificate, as the kiosk software would), and starts it again.
#   - rows whose credential does not verify, that go against the gate's direction, or that are
#     dated ahead of the desk are held by the desk as evidence (refused_rows) and never reach
#     another kiosk: D002 stays inside, K001's principal P001 stays outside;
#   - a plausible forged exit with a real badge's text does reach the gates (what one stolen
#     kiosk can still do: docs/threat-model.md);
#   - withdrawing the kiosk takes back every presence change it made, at the desk and at every
#     kiosk at its next sync;
#   - the audit of the desk's store names every forged row.
# Usage: stolen_kiosk_test.sh ISSUER KIOSK FORGE_LOG_ROW DEMO_DIR
set -u
issuer=$1
kiosk=$2
forge=$3
demo=$4
now=2014-04-01T07:00:00Z
source "$(dirname "${BASH_SOURCE[0]}")/fleet_support.sh"
make_desk 2014-04-01T05:00:00Z
desk_port=$(free_port)
$issuer serve -w desk --listen "127.0.0.1:$desk_port" --now "$(sim_now)" 2>serve.log &
pids+=($!)
wait_for 20 grep -qs "listening on" serve.log
check "the desk listens" 0 $?
# The passphrase came from the environment: gone from the running process's (a core dump, or
# whoever can read /proc/PID/environ, finds nothing).
check "the desk's passphrase is wiped from its environment" 0 \
    "$(tr '\0' '\n' </proc/${pids[0]}/environ | grep -c "$ACCRED_PASSPHRASE")"

gates=(main_gate side_gate main_gate_exit)
declare -A fd
for i in 1 2 3; do
    $kiosk enroll --bundle v1.bundle --event-key desk/event.pub --gate "${gates[$((i - 1))]}" \
        --state k$i --kdf-cost interactive >/dev/null
    $issuer fleet approve k$i/kiosk.csr -w desk --out k$i.crt >/dev/null 2>&1
    $kiosk join --state k$i --desk "https://127.0.0.1:$desk_port" --cert k$i.crt \
        --ca desk/fleet/ca.crt >/dev/null 2>&1
    check "k$i joins" 0 $?
done
start_kiosk() {
    local i=$1
    [ -p k$i.fifo ] || mkfifo k$i.fifo
    $kiosk run --state k$i --headless --debounce-ms 0 --now "$(sim_now)" \
        --source wedge <k$i.fifo >>k$i.json 2>>k$i.err &
    pids+=($!)
    eval "kpid$i=$!"
    exec {fd[$i]}>k$i.fifo
}
stop_kiosk() {
    local i=$1 p
    p=$(eval echo \$kpid$i)
    kill -TERM "$p"; wait "$p" 2>/dev/null
    eval "exec ${fd[$i]}>&-"
}
scan() {
    local before
    before=$(lines k$1.json)
    credential "$2" >&"${fd[$1]}"
    wait_for 10 more_lines k$1.json "$before" || { echo none; return; }
    tail -n 1 k$1.json | json_field reason
}
for i in 1 2 3; do start_kiosk $i; done
for i in 1 2 3; do wait_for 20 grep -q "desk online" k$i.err; done
check "three kiosks online" 0 $?
check "the kiosk's passphrase is wiped from its environment" 0 \
    "$(tr '\0' '\n' </proc/$kpid1/environ | grep -c "$ACCRED_KIOSK_PASSPHRASE")"

check "D002 at the main gate" granted "$(scan 1 D002)"
check "D004 at the main gate" granted "$(scan 1 D004)"
check "D005 at the main gate" granted "$(scan 1 D005)"
wait_for 10 desk_has "SELECT 1 FROM entries WHERE holder = 'D005'"
peer_news 2
check "D002's copy at the side gate: passback" already_inside "$(scan 2 D002)"
check "K001 without P001 inside" escort_without_principal "$(scan 2 K001)"

check "D003 leaves by the main gate's exit" exit_recorded "$(scan 3 D003)"

# The theft. The thief writes three rows into k3's log and lets it sync them up.
stop_kiosk 3
k3_rows=$(sqlite3 k3/log.db "SELECT COUNT(*) FROM entries")
t=$(sim_epoch)
export ACCRED_EVENT_PUB=desk/event.pub
$forge k3/log.db D002 junk exit "$t" >/dev/null                         # a junk credential
check "forged: D002 out on junk" 0 $?
$forge k3/log.db P001 "$(credential P001)" entry "$((t + 1))" >/dev/null  # in through a way out
$forge k3/log.db D002 "$(credential D002)" exit "$((t + 7200))" >/dev/null # two hours ahead
check "forged: D002 out, dated ahead" 0 $?
unset ACCRED_EVENT_PUB
start_kiosk 3
k3_id=$(kiosk_id_of 3)
k3_total=$(sqlite3 k3/log.db "SELECT COUNT(*) FROM entries")
check "three rows forged" $((k3_rows + 3)) "$k3_total"
desk_rows() { sqlite3 desk/audit.db "SELECT COUNT(*) FROM entries WHERE kiosk_id = '$k3_id'"; }
wait_for 15 at_least "$k3_total" desk_rows
check "the desk holds every row of the stolen kiosk" "$k3_total" "$(desk_rows)"
refused() { sqlite3 desk/audit.db "SELECT COUNT(*) FROM refused_rows WHERE kiosk_id = '$k3_id'"; }
check "all three forged rows kept as evidence" 3 "$(refused)"
grep -q "kept as evidence, not acted on: its credential (holder D002) does not verify" serve.log
check "the desk says why (junk credential)" 0 $?
grep -q "records an entry at gate main_gate_exit" serve.log
check "the desk says why (against the gate's direction)" 0 $?
grep -q "after the desk's clock" serve.log
check "the desk says why (dated ahead)" 0 $?
peer_news 2
check "D002's copy at the side gate: still inside" already_inside "$(scan 2 D002)"
check "K001 still without P001" escort_without_principal "$(scan 2 K001)"

# What a stolen kiosk can still do: plausible exits on real badges' texts, in its gate's own
# direction, at the desk's time. A second exit kiosk, k4, in the thief's hands.
$kiosk enroll --bundle v1.bundle --event-key desk/event.pub --gate main_gate_exit \
    --state k4 --kdf-cost interactive >/dev/null
$issuer fleet approve k4/kiosk.csr -w desk --out k4.crt >/dev/null 2>&1
$kiosk join --state k4 --desk "https://127.0.0.1:$desk_port" --cert k4.crt \
    --ca desk/fleet/ca.crt >/dev/null 2>&1
start_kiosk 4
wait_for 20 grep -q "desk online" k4.err
check "D006 leaves by k4 (a genuine exit)" exit_recorded "$(scan 4 D006)"
stop_kiosk 4
t=$(sim_epoch)
export ACCRED_EVENT_PUB=desk/event.pub
$forge k4/log.db D004 "$(credential D004)" exit "$t" >/dev/null
$forge k4/log.db D005 "$(credential D005)" exit "$((t + 1))" >/dev/null
unset ACCRED_EVENT_PUB
start_kiosk 4
k4_id=$(kiosk_id_of 4)
k4_total=$(sqlite3 k4/log.db "SELECT COUNT(*) FROM entries")
k4_rows() { sqlite3 desk/audit.db "SELECT COUNT(*) FROM entries WHERE kiosk_id = '$k4_id'"; }
wait_for 15 at_least "$k4_total" k4_rows
check "the plausible forgeries are not refused" 0 \
    "$(sqlite3 desk/audit.db "SELECT COUNT(*) FROM refused_rows WHERE kiosk_id = '$k4_id'")"
peer_news 2
check "D004's copy at the side gate after the forged exit: admitted" granted "$(scan 2 D004)"

# Withdrawn: every presence change k4 made is taken back, D005 is inside again everywhere.
k1_said=$(lines k1.err)
k2_said=$(lines k2.err)
$issuer fleet withdraw "$k4_id" -w desk >/dev/null 2>&1
check "k4 withdrawn" 0 $?
wait_for 15 said_since k2.err "$k2_said" "presence rebuilt without its rows"
check "the side gate forgets the withdrawn kiosk's rows" 0 $?
peer_news 2
check "D005's copy at the side gate after the withdrawal: passback" already_inside "$(scan 2 D005)"
check "D006, who really left, can enter" granted "$(scan 2 D006)"
wait_for 15 said_since k1.err "$k1_said" "presence rebuilt without its rows"
check "the main gate forgets them too" 0 $?

# The audit of the desk's store names the forged rows.
for i in 1 2 3; do stop_kiosk $i; done
$issuer audit verify k3/log.db -w desk >verify.txt 2>&1
check "the stolen kiosk's log fails the audit" 1 $?
expect_text "the audit names the junk credential" verify.txt "does not verify"
finish

#!/usr/bin/env bash
# The fleet with the real binaries on loopback (issue 9): one desk (`issuer serve`) and five
# kiosks (`kiosk run --headless`) at four gates into the grounds and one door inside, each kiosk
# reaching the desk through its own TCP relay (relay.py) so that the test can cut its network.
#   - every kiosk comes online; `issuer fleet` lists them;
#   - passback across two gates: a badge admitted at the main gate is refused at the side gate
#     while connected, and admitted there again after it left by the exit;
#   - a revocation at the desk reaches every kiosk within 5 s, and the badge is refused everywhere;
#   - a kiosk cut off keeps deciding, and when back every row arrives exactly once (also after a
#     kill -9 while cut off);
#   - two kiosks cut off both admit the same badge: both rows are kept, the audit flags them;
#   - a withdrawn kiosk is refused at the TLS handshake and says so; a desk presenting another
#     CA's certificate (a man in the middle) is refused by the kiosk;
#   - the audit verifies the desk's merged store against the kiosks' own logs.
# Usage: fleet_test.sh ISSUER KIOSK DEMO_DIR
set -u
issuer=$1
kiosk=$2
demo=$3
now=2014-03-31T07:00:00Z
source "$(dirname "${BASH_SOURCE[0]}")/fleet_support.sh"
make_desk 2014-03-31T05:00:00Z
for cmd in "fleet init" "fleet approve" "fleet withdraw" "fleet list" serve; do
    $issuer $cmd --help >/dev/null 2>&1; check "--help for issuer $cmd" 0 $?
done
for cmd in csr join; do
    $kiosk $cmd --help >/dev/null 2>&1; check "--help for kiosk $cmd" 0 $?
done

desk_port=$(free_port)
$issuer serve -w desk --listen "127.0.0.1:$desk_port" --now "$(sim_now)" 2>serve.log &
pids+=($!)
wait_for 20 grep -qs "listening on" serve.log
check "the desk listens" 0 $?

# Five kiosks, each behind its own relay.
gates=(main_gate side_gate main_gate_exit building_door plenary_door)
declare -A relay_port fd
for i in 1 2 3 4 5; do
    gate=${gates[$((i - 1))]}
    $kiosk enroll --bundle v1.bundle --event-key desk/event.pub --gate "$gate" --state k$i \
        --kdf-cost interactive >/dev/null
    check "k$i writes a certificate request" 0 $([ -s k$i/kiosk.csr ]; echo $?)
    $issuer fleet approve k$i/kiosk.csr -w desk --out k$i.crt >out.txt 2>&1
    check "k$i approved" 0 $?
    relay_port[$i]=$(free_port)
    /usr/bin/python3 "$here/relay.py" "${relay_port[$i]}" "$desk_port" cut$i >relay$i.log 2>&1 &
    pids+=($!)
    wait_for 10 grep -qs ready relay$i.log
    $kiosk join --state k$i --desk "https://127.0.0.1:${relay_port[$i]}" --cert k$i.crt \
        --ca desk/fleet/ca.crt >out.txt 2>&1
    check "k$i joins" 0 $?
done
$issuer fleet approve k1/kiosk.csr -w desk --out again.crt >out.txt 2>&1
check "approving the same request again writes another certificate" 0 $?
$kiosk join --state k2 --desk "https://127.0.0.1:$desk_port" --cert k1.crt \
    --ca desk/fleet/ca.crt >out.txt 2>&1
check "k2 refuses k1's certificate" 1 $?

start_kiosk() { # start_kiosk N: kiosk N decides from its fifo, prints decisions to kN.json
    local i=$1
    [ -p k$i.fifo ] || mkfifo k$i.fifo
    $kiosk run --state k$i --headless --debounce-ms 0 --now "$(sim_now)" \
        --source wedge <k$i.fifo >>k$i.json 2>>k$i.err &
    pids+=($!)
    eval "kpid$i=$!"
    exec {fd[$i]}>k$i.fifo
}
scan() { # scan N HOLDER: shows HOLDER's badge at kiosk N, prints the decision's reason
    local before
    before=$(lines k$1.json)
    credential "$2" >&"${fd[$1]}"
    wait_for 10 more_lines k$1.json "$before" || { echo none; return; }
    tail -n 1 k$1.json | json_field reason
}
for i in 1 2 3 4 5; do start_kiosk $i; done
all_online() {
    [ "$($issuer fleet list -w desk --json | /usr/bin/python3 -c \
        "import json,sys; print(sum(k['state'] == 'online' for k in json.load(sys.stdin)))")" = 5 ]
}
wait_for 20 all_online
check "all five kiosks online" 0 $?
# (The desk counts a kiosk online when it answers; the kiosk says so once its engine has the
# answer, a moment later.)
for i in 1 2 3 4 5; do
    wait_for 10 grep -q "desk online" k$i.err
    expect_text "k$i says the desk is online" k$i.err "desk online"
done


# Passback across two gates while connected.
check "D002 at the main gate" granted "$(scan 1 D002)"
wait_for 10 desk_has "SELECT 1 FROM entries WHERE holder = 'D002'"
peer_news 2 # the side gate's next sync brings the main gate's row down
check "D002 again at the side gate: passback" already_inside "$(scan 2 D002)"
check "D002 leaves by the exit" exit_recorded "$(scan 3 D002)"
wait_for 10 desk_has "SELECT 1 FROM entries WHERE holder = 'D002' AND direction = 'exit'"
peer_news 2
check "D002 at the side gate after leaving" granted "$(scan 2 D002)"
check "D004 at the side gate" granted "$(scan 2 D004)"
wait_for 10 desk_has "SELECT 1 FROM entries WHERE holder = 'D004'"
peer_news 4
check "D004 then at the building door (inside the grounds)" granted "$(scan 4 D004)"

# A revocation at the desk reaches every kiosk within 5 s.
before=()
for i in 1 2 3 4 5; do before[$i]=$(grep -c "installed revocation update" k$i.err); done
t0=$(seconds_now)
$issuer revoke P002 --reason "badge reported stolen" -w desk --now "$(sim_now)" >/dev/null
all_revoked() {
    for i in 1 2 3 4 5; do
        [ "$(grep -c "installed revocation update" k$i.err)" -gt "${before[$i]}" ] || return 1
    done
}
wait_for 10 all_revoked
t1=$(seconds_now)
revocation_ms=$(/usr/bin/python3 -c "print(int(($t1 - $t0) * 1000))")
echo "revocation reached all five kiosks in $revocation_ms ms"
check "revocation everywhere within 5 s" 1 "$([ "$revocation_ms" -lt 5000 ] && echo 1 || echo "$revocation_ms ms")"
for i in 1 2 4 5; do check "P002 refused at k$i" revoked "$(scan $i P002)"; done

# k5 cut off: it keeps deciding; back online, every row arrives once. A kill -9 while cut off
# and a restart in between change nothing.
touch cut5
wait_for 10 grep -q "desk offline" k5.err
check "k5 says it is offline" 0 $?
decided=0
for p in D006 D008 D009 D010 D012; do [ "$(scan 5 $p)" != none ] && decided=$((decided + 1)); done
check "k5 decides while cut off" 5 $decided
kill -9 "$kpid5"
wait "$kpid5" 2>/dev/null
eval "exec ${fd[5]}>&-"
start_kiosk 5
for p in D013 D014 D015; do [ "$(scan 5 $p)" != none ] && decided=$((decided + 1)); done
check "k5 decides after a kill -9, still cut off" 8 $decided
k5_id=$(sqlite3 k5/log.db "SELECT value FROM meta WHERE key = 'kiosk_id'")
k5_rows=$(sqlite3 k5/log.db "SELECT COUNT(*) FROM entries")
desk_rows() { sqlite3 desk/audit.db "SELECT COUNT(*) FROM entries WHERE kiosk_id = '$k5_id'"; }
check "the desk has not got them yet" 1 "$([ "$(desk_rows)" -lt "$k5_rows" ] && echo 1 || echo 0)"
k5_said=$(lines k5.err)
rm cut5
wait_for 15 at_least "$k5_rows" desk_rows
check "k5's rows all at the desk after reconnecting" "$k5_rows" "$(desk_rows)"
check "each exactly once" "$k5_rows" \
    "$(sqlite3 desk/audit.db "SELECT COUNT(DISTINCT seq) FROM entries WHERE kiosk_id = '$k5_id'")"
check "the same rows" "$(sqlite3 k5/log.db "SELECT group_concat(hex(hash)) FROM (SELECT hash FROM entries ORDER BY seq)")" \
    "$(sqlite3 desk/audit.db "SELECT group_concat(hex(hash)) FROM (SELECT hash FROM entries WHERE kiosk_id = '$k5_id' ORDER BY seq)")"
wait_for 10 said_since k5.err "$k5_said" "desk online"
check "k5 says the desk is back" 0 $?

# Conflicting decisions apart: main and side gate both cut off, the same badge admitted at each.
touch cut1 cut2
wait_for 10 grep -q "desk offline" k1.err && wait_for 10 grep -q "desk offline" k2.err
check "D016 at the main gate, cut off" granted "$(scan 1 D016)"
check "D016 at the side gate, cut off: nobody told it" granted "$(scan 2 D016)"
rm cut1 cut2
k1_rows=$(sqlite3 k1/log.db "SELECT COUNT(*) FROM entries")
k1_id=$(sqlite3 k1/log.db "SELECT value FROM meta WHERE key = 'kiosk_id'")
k1_desk_rows() { sqlite3 desk/audit.db "SELECT COUNT(*) FROM entries WHERE kiosk_id = '$k1_id'"; }
wait_for 15 at_least "$k1_rows" k1_desk_rows
peer_news 2
check "both admissions kept at the desk" 2 \
    "$(sqlite3 desk/audit.db "SELECT COUNT(*) FROM entries WHERE holder = 'D016' AND verdict = 'granted'")"
$issuer audit anomalies --db desk/audit.db --json >anomalies.json 2>anomalies.err
grep -q double_entry anomalies.json && grep -q D016 anomalies.json
check "the audit flags the double entry" 0 $?
check "now connected, D016 at the side gate again: passback" already_inside "$(scan 2 D016)"

# The live view.
$issuer fleet list -w desk --json >fleet.json
check "issuer fleet lists five kiosks" 5 "$(/usr/bin/python3 -c "import json; print(len(json.load(open('fleet.json'))))")"
$issuer fleet -w desk >fleet.txt
expect_text "issuer fleet shows the side gate" fleet.txt side_gate

# Withdrawn: k4 is refused at the handshake and says so; it still decides.
k4_id=$(sqlite3 k4/log.db "SELECT value FROM meta WHERE key = 'kiosk_id'")
k4_said=$(lines k4.err)
$issuer fleet withdraw "$k4_id" -w desk >out.txt 2>&1
check "withdraw" 0 $?
# (A sync already past its handshake when the withdrawal lands gets 403 instead; the next
# connection is refused in the handshake.)
wait_for 15 said_since k4.err "$k4_said" "refused this kiosk in the TLS handshake"
check "k4 is refused by the desk in the handshake" 0 $?
check "k4 still decides" granted "$(scan 4 D017)"
$issuer fleet list -w desk --json >fleet.json
check "issuer fleet shows it withdrawn" withdrawn "$(/usr/bin/python3 -c "
import json
print([k['state'] for k in json.load(open('fleet.json')) if k['kiosk_id'] == '$k4_id'][0])")"

# A man in the middle: k3's relay now leads to another desk, with its own CA.
$issuer init other --event event/event.toml --kdf-cost interactive >/dev/null
$issuer fleet init -w other --host 127.0.0.1 >/dev/null 2>&1
other_port=$(free_port)
$issuer serve -w other --listen "127.0.0.1:$other_port" 2>other.log &
pids+=($!)
wait_for 20 grep -qs "listening on" other.log
$kiosk join --state k3 --leave >/dev/null 2>&1
$kiosk join --state k3 --desk "https://127.0.0.1:$other_port" --cert k3.crt \
    --ca desk/fleet/ca.crt >/dev/null 2>&1
kill -TERM "$kpid3"
wait "$kpid3" 2>/dev/null
eval "exec ${fd[3]}>&-"
start_kiosk 3
wait_for 10 said_since k3.err 0 "certificate at 127.0.0.1:$other_port did not verify"
check "k3 refuses the other desk's certificate" 0 $?
check "k3 still decides" exit_recorded "$(scan 3 D004)"
grep -q "first contact" other.log
check "the other desk never heard from k3" 1 $?

# Stop everything; the audit verifies the merged store against each kiosk's own log.
# (A kiosk stopping sends what the desk has not yet got, and its shutdown checkpoint.)
for i in 1 2 3 4 5; do kill -TERM "$(eval echo \$kpid$i)"; done
for i in 1 2 3 4 5; do wait "$(eval echo \$kpid$i)"; check "k$i stops cleanly" 0 $?; done
for i in 1 2 5; do
    id=$(sqlite3 k$i/log.db "SELECT value FROM meta WHERE key = 'kiosk_id'")
    check "k$i's whole log at the desk" "$(sqlite3 k$i/log.db "SELECT COUNT(*) FROM entries")" \
        "$(sqlite3 desk/audit.db "SELECT COUNT(*) FROM entries WHERE kiosk_id = '$id'")"
done
$issuer audit verify k1/log.db k2/log.db k5/log.db -w desk >verify.txt 2>&1
check "the kiosks' logs verify" 0 $?
echo "revocation to all kiosks: $revocation_ms ms"
finish

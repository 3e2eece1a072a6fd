#!/usr/bin/env bash
# The demo: installs what is missing, builds, then plays the accreditation desk of the
# International Conference on Genocide Prevention (Egmont Palace, 31 March - 1 April 2014) from
# assets/demo/: creates the event workspace, imports the roster, issues and prints the badges,
# exports the kiosk bundle, and reads badges back the way a gate will, including the ones that
# must be refused. Everything it makes goes to demo-out/ (recreated on each run).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh" build >/dev/null
issuer="$root/build/issuer/issuer"
demo="$root/assets/demo"
out="$root/demo-out"

rm -rf "$out"
mkdir -p "$out"
cd "$out"
# A demo passphrase, so the demo runs unattended. A real desk types its own at the prompt.
export ACCRED_PASSPHRASE=${ACCRED_PASSPHRASE:-"egmont demo passphrase"}
# The desk's clock for the demo: the morning of 28 March 2014, when the badges were made.
now=(--now 2014-03-28T08:00:00Z)

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "1. The desk creates the event workspace (event key encrypted, mode 0600)"
"$issuer" init desk --event "$demo/event.toml"

step "2. It imports the roster: 74 people with their photos"
"$issuer" roster import "$demo/roster.csv" -w desk "${now[@]}"

step "3. It signs one AC1 credential per person"
"$issuer" issue --all -w desk "${now[@]}"

step "4. It prints the badges: A6, four to an A4 sheet, and a PNG of each"
"$issuer" badges --out badges.pdf --a4 --png-dir badges -w desk
"$issuer" badges --out badges-a6.pdf -w desk >/dev/null
"$issuer" badges --out cards-cr80.pdf --format cr80 --duplex -w desk >/dev/null # front, back, ...

step "5. On the morning of 31 March it exports the signed bundle the kiosks load"
"$issuer" bundle --out kiosk.bundle -w desk --now 2014-03-31T05:00:00Z

step "6. A gate reads Mr Jagland's badge on 1 April 2014, 10:00 Brussels time"
"$issuer" inspect badges/P002.png -w desk --now 2014-04-01T08:00:00Z

step "7. The UN Secretary-General's badge on day one: he attends day two only"
"$issuer" inspect badges/P001.png -w desk --now 2014-03-31T08:00:00Z || true

step "8. Mr Reynders loses his badge: the desk reissues it; the old one is refused"
cp badges/M001.png lost-M001.png
"$issuer" reissue M001 --reason "lost at the hotel" -w desk --now 2014-03-31T06:00:00Z
"$issuer" inspect lost-M001.png -w desk --now 2014-04-01T08:00:00Z || true
"$issuer" badges --png-dir reprint M001 -w desk
"$issuer" revocations --out revocations-1.update -w desk --now 2014-03-31T06:30:00Z

step "9. A forged badge: one character of a printed code changed"
sqlite3 desk/desk.db "SELECT text FROM credentials WHERE holder = 'P003'" >P003.txt
forged=$(sed 's/^\(.\{60\}\)./\1Q/' P003.txt)
[ "$forged" != "$(cat P003.txt)" ] || forged=$(sed 's/^\(.\{60\}\)./\1R/' P003.txt)
"$issuer" inspect "$forged" -w desk --now 2014-04-01T08:00:00Z || true

step "10. A badge from a counterfeit desk with its own key"
ACCRED_PASSPHRASE="counterfeit passphrase" "$issuer" keygen --kdf-cost interactive \
    -s fake.key -p fake.pub >/dev/null
ACCRED_PASSPHRASE="counterfeit passphrase" "$issuer" sign -k fake.key --event gp14 \
    --holder P001 --name "Ban Ki-moon" --category 0 --rank 100 --photo "$demo/photos/P001.png" \
    --valid-until 2014-04-02T00:00:00Z --now 2014-03-28T09:00:00Z >fake.txt
"$issuer" inspect fake.txt -w desk --now 2014-04-01T08:00:00Z || true

step "11. The desk's overview"
"$issuer" status -w desk --now "2014-03-31 08:00" >status.txt
head -n 12 status.txt
echo "  ..."

kiosk="$root/build/kiosk/kiosk"
export ACCRED_KIOSK_PASSPHRASE=${ACCRED_KIOSK_PASSPHRASE:-"egmont demo kiosk passphrase"}
# Each feed is a series of badge images held up at a gate, one decision each (--debounce-ms 0:
# every image is a new presentation), under a simulated clock. With a display the kiosk's
# screen shows each verdict in turn (ACCRED_DEMO_HEADLESS=1 to skip it); without one, or when
# the screen cannot open, the same decisions are printed.
feed() { # feed STATE TIME IMAGE...
    local state=$1 time=$2
    shift 2
    local images
    images=$(IFS=,; echo "$*")
    if [ -n "${DISPLAY:-}" ] && [ "${ACCRED_DEMO_HEADLESS:-}" != 1 ]; then
        if "$kiosk" run --state "$state" --human --debounce-ms 0 --now "$time" \
            --source "images:$images" --show-each --exit-when-done 2>"$state.screen.err"; then
            return 0
        fi
        grep -q "no display" "$state.screen.err" || { cat "$state.screen.err"; return 2; }
        echo "  (no usable display: the decisions as the headless kiosk prints them)"
    fi
    "$kiosk" run --state "$state" --headless --human --debounce-ms 0 \
        --now "$time" --source "images:$images" 2>/dev/null
}

step "12. Two kiosks are enrolled: the main gate and the High Level session room door"
"$kiosk" enroll --bundle kiosk.bundle --event-key desk/event.pub --gate main_gate \
    --state kiosk-main --kdf-cost interactive
"$kiosk" enroll --bundle kiosk.bundle --event-key desk/event.pub --gate hls_door \
    --state kiosk-hls --kdf-cost interactive
"$kiosk" update --state kiosk-main revocations-1.update
"$kiosk" update --state kiosk-hls revocations-1.update
"$kiosk" update --state kiosk-main revocations-1.update || echo "  (refused: not newer, as it must be)"
ACCRED_PASSPHRASE="counterfeit passphrase" "$issuer" sign -k fake.key --event gp14 \
    --holder D002 --name "Adaeze Okonkwo-Bell" --category 0 --rank 100 \
    --photo "$demo/photos/D002.png" --valid-until 2014-04-02T00:00:00Z \
    --now 2014-03-28T09:00:00Z --qr counterfeit-D002.png >/dev/null 2>&1

step "13. Main gate, 31 March 09:00: a delegate, the lost (revoked) badge, a counterfeit, Mr Ban a day early, the replacement badge"
feed kiosk-main 2014-03-31T07:00:00Z badges/D002.png lost-M001.png counterfeit-D002.png \
    badges/P001.png reprint/M001.png

step "14. Main gate, 1 April 08:30: the day-one speaker (expired) and Mr Ban, now on his day"
"$issuer" revocations --out revocations-2.update -w desk --now 2014-04-01T05:00:00Z >/dev/null
"$kiosk" update --state kiosk-main revocations-2.update
"$kiosk" update --state kiosk-hls revocations-2.update
feed kiosk-main 2014-04-01T06:30:00Z badges/S001.png badges/P001.png badges/K001.png

step "15. High Level session room door, 1 April 14:05: press, an escort before and after his principal"
feed kiosk-hls 2014-04-01T12:05:00Z badges/X001.png badges/K001.png badges/P001.png \
    badges/K001.png badges/P002.png

step "16. The main gate's log checkpoint, signed by the kiosk, for the desk to keep"
"$kiosk" checkpoint --state kiosk-main

printf '\nIn %s: badges.pdf (A4 sheets), badges-a6.pdf, badges/*.png, kiosk.bundle, the\n' "$out"
printf 'revocation updates, the desk workspace desk/ and the kiosks kiosk-main/, kiosk-hls/.\n'
printf '\nThe same desk in a browser: bash scripts/web-demo.sh, then open http://127.0.0.1:8444/\n'
printf '(log in as desk / demo-desk-password; docs/desk-web.md).\n'

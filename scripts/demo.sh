#!/usr/bin/env bash
# The demo: installs what is missing, builds, then plays the accreditation desk for the
# International Conference on Genocide Prevention (Egmont Palace, 31 March - 1 April 2014):
# creates the event key, signs badges for the public figures of the announcement, writes their
# QR codes, and reads every badge image back the way a gate will, including the ones that must
# be refused. Output goes to demo-out/ (recreated on each run).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh" build >/dev/null
issuer="$root/build/issuer/issuer"
photos="$root/assets/demo/photos"
out="$root/demo-out"

rm -rf "$out"
mkdir -p "$out/badges"
cd "$out"
# A demo passphrase, so the demo runs unattended. A real desk types its own at the prompt.
export ACCRED_PASSPHRASE=${ACCRED_PASSPHRASE:-"egmont demo passphrase"}

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "1. The desk creates the event signing key (Argon2id-encrypted, mode 0600)"
"$issuer" keygen -s event.key -p event.pub
ls -l event.key event.pub

step "2. The desk signs badges (issued 28 March 2014; times in UTC)"
# id | name | delegation | category code | rank | zones | valid from | valid until | escort of
badges=(
  "P001|Ban Ki-moon|United Nations|0|100|2,3,4,5|2014-03-31T22:00:00Z|2014-04-01T22:00:00Z|"
  "P002|Thorbjørn Jagland|Council of Europe|0|100|2,3,4,5|2014-03-30T22:00:00Z|2014-04-01T22:00:00Z|"
  "P003|Nkosazana Dlamini-Zuma|African Union Commission|0|100|2,3,4,5|2014-03-30T22:00:00Z|2014-04-01T22:00:00Z|"
  "M001|Didier Reynders|Kingdom of Belgium|1|90|2,3,5|2014-03-30T22:00:00Z|2014-04-01T22:00:00Z|"
  "K001|Seong-ho Baek|United Nations|7|60|2,3,4|2014-03-31T22:00:00Z|2014-04-01T22:00:00Z|P001"
)
for line in "${badges[@]}"; do
    IFS='|' read -r id name org cat rank zones from until escort <<<"$line"
    zone_args=()
    IFS=',' read -ra zone_list <<<"$zones"
    for z in "${zone_list[@]}"; do zone_args+=(--zone "$z"); done
    photo="$photos/$id.png"
    escort_args=()
    [ -z "$escort" ] || escort_args=(--escort "$escort")
    "$issuer" sign -k event.key --event gp14 --holder "$id" --name "$name" --org "$org" \
        --category "$cat" --rank "$rank" "${zone_args[@]}" "${escort_args[@]}" \
        --photo "$photo" --valid-from "$from" --valid-until "$until" \
        --now 2014-03-28T09:00:00Z --qr "badges/$id.png" >"badges/$id.txt" 2>/dev/null
    printf '  %-5s %-26s %3d characters  -> badges/%s.png\n' "$id" "$name" \
        "$(($(wc -c <"badges/$id.txt") - 1))" "$id"
done

step "3. A gate reads Mr Jagland's badge image on 1 April 2014, 10:00 Brussels time"
"$issuer" inspect badges/P002.png -p event.pub --event gp14 --at 2014-04-01T08:00:00Z

step "4. The UN Secretary-General's badge on day one: he attends day two only"
"$issuer" inspect badges/P001.png -p event.pub --event gp14 --at 2014-03-31T08:00:00Z || true

step "5. A forged badge: one character of the printed code changed"
forged=$(sed 's/^\(.\{60\}\)./\1Q/' badges/M001.txt)
[ "$forged" != "$(cat badges/M001.txt)" ] || forged=$(sed 's/^\(.\{60\}\)./\1R/' badges/M001.txt)
"$issuer" inspect "$forged" -p event.pub --event gp14 --at 2014-04-01T08:00:00Z || true

step "6. A badge signed with another key (a counterfeit desk)"
ACCRED_PASSPHRASE="counterfeit passphrase" "$issuer" keygen --kdf-cost interactive \
    -s fake.key -p fake.pub >/dev/null
ACCRED_PASSPHRASE="counterfeit passphrase" "$issuer" sign -k fake.key --event gp14 \
    --holder M001 --name "Didier Reynders" --category 0 --rank 100 --photo "$photos/M001.png" \
    --valid-until 2014-04-02T00:00:00Z --now 2014-03-28T09:00:00Z >fake.txt
"$issuer" inspect fake.txt -p event.pub --event gp14 --at 2014-04-01T08:00:00Z || true

step "7. The same badge as a script sees it (--json)"
"$issuer" inspect badges/M001.png -p event.pub --event gp14 --at 2014-04-01T08:00:00Z --json

printf '\nBadges, keys and QR codes are in %s\n' "$out"

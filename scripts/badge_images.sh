#!/usr/bin/env bash
# Renders the badge pictures in docs/images (docs/badges.md) from the demo with the built issuer:
# an A4 sheet of A6 badges (its first page) and a CR80 close-protection card, front and back,
# rasterised with poppler's pdftoppm as a printer driver would. Needs build/issuer/issuer.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
issuer="$root/build/issuer/issuer"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ACCRED_PASSPHRASE="badge pictures"
now=(--now 2014-03-28T08:00:00Z)
cd "$work"
"$issuer" init desk --event "$root/assets/demo/event.toml" >/dev/null
"$issuer" roster import "$root/assets/demo/roster.csv" -w desk "${now[@]}" >/dev/null
"$issuer" issue --all -w desk "${now[@]}" >/dev/null
# A minister, a press officer with an extra grant, an escort and a delegate: four zone rows.
"$issuer" badges --out sheet.pdf --a4 M003 K001 P002 D012 -w desk >/dev/null
pdftoppm -r 100 -f 1 -l 1 -png sheet.pdf sheet
"$issuer" badges --out card.pdf --format cr80 --duplex K001 -w desk >/dev/null
pdftoppm -r 300 -png card.pdf card
# Front and back side by side, a little apart, each outlined in grey where the card is cut.
convert card-1.png card-2.png -bordercolor "#999999" -border 2 -bordercolor white -border 30 \
    +append -strip \
    "$root/docs/images/badge-cr80.png"
convert sheet-1.png -strip "$root/docs/images/badge-a6.png"
echo "wrote docs/images/badge-a6.png and docs/images/badge-cr80.png"

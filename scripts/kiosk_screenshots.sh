#!/usr/bin/env bash
# The kiosk's verdict screens for docs/images: every verdict of the demo (made by the real engine
# from demo badges) drawn by the kiosk's own screen code, offscreen with SDL's software renderer,
# in English, French and Dutch at 800x480, 1024x600, 1280x800 and 1920x1080
# (tests/kiosk/screen/screen_fit_test.cpp, which also checks that every text fits). Each
# language and size becomes one contact sheet, docs/images/kiosk-verdicts-LANG-WxH.png, with a
# tile per verdict.
# Usage: scripts/kiosk_screenshots.sh [BUILD_DIR] [OUT_DIR]   (defaults: build, docs/images)
#        KEEP_SHOTS=DIR keeps the full-size screenshots there, for a closer look.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
out=${2:-$root/docs/images}
shots=${KEEP_SHOTS:-$(mktemp -d)}
[ -n "${KEEP_SHOTS:-}" ] || trap 'rm -rf "$shots"' EXIT
mkdir -p "$shots" "$out"
ACCRED_SCREENSHOT_DIR="$shots" "$build/tests/accred_tests" "Every verdict fits every screen size in every language" >/dev/null
/usr/bin/python3 - "$shots" "$out" <<'PY'
import sys
from pathlib import Path
from PIL import Image, ImageDraw, ImageFont

shots, out = Path(sys.argv[1]), Path(sys.argv[2])
# The order of tests/kiosk/screen/screen_fit_test.cpp's samples, by name.
ORDER = ["granted-granted", "granted-exit_recorded", "granted-granted_override",
         "denied-not_yet_valid", "denied-revoked", "denied-superseded", "denied-malformed",
         "denied-expired", "denied-zone_not_granted", "denied-already_inside",
         "denied-escort_without_principal", "attention-already_inside",
         "attention-exit_recorded", "attention-malformed", "attention-stale_revocations"]
TILE_W = 420
COLUMNS = 3
font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 15)
for size in ["800x480", "1024x600", "1280x800", "1920x1080"]:
    for lang in ["en", "fr", "nl"]:
        files = sorted(shots.glob(f"*-{lang}-{size}.png"),
                       key=lambda p: (ORDER.index(p.name[:-len(f"-{lang}-{size}.png")])
                                      if p.name[:-len(f"-{lang}-{size}.png")] in ORDER else 99, p.name))
        if not files:
            sys.exit(f"no screenshots for {lang} {size} in {shots}")
        w, h = (int(v) for v in size.split("x"))
        tile_h = TILE_W * h // w
        label_h = 22
        rows = (len(files) + COLUMNS - 1) // COLUMNS
        sheet = Image.new("RGB", (COLUMNS * (TILE_W + 8) + 8, rows * (tile_h + label_h + 8) + 8),
                          (40, 40, 40))
        draw = ImageDraw.Draw(sheet)
        for i, f in enumerate(files):
            x = 8 + (i % COLUMNS) * (TILE_W + 8)
            y = 8 + (i // COLUMNS) * (tile_h + label_h + 8)
            draw.text((x, y + 2), f.name[:-len(f"-{lang}-{size}.png")], fill=(230, 230, 230),
                      font=font)
            tile = Image.open(f).convert("RGB").resize((TILE_W, tile_h), Image.LANCZOS)
            sheet.paste(tile, (x, y + label_h))
        target = out / f"kiosk-verdicts-{lang}-{size}.png"
        sheet.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(target, optimize=True)
        print(target)
PY

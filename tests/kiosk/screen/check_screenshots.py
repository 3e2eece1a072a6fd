#!/usr/bin/python3
"""Checks the kiosk's verdict screenshots as a guard would see them.

usage: check_screenshots.py SHOT.png... --reference-dir DIR [--update]
       check_screenshots.py SHOT.png... --colour-only

For each screenshot named NNNN-<verdict>-<reason>-<lang>.png:
  - the verdict's colour fills most of the verdict area (the left column of the main area),
    and the other two verdict colours are absent from it;
  - when DIR holds <verdict>-<reason>-<lang>.png, the screenshot matches it: fewer than
    MAX_DIFFERENT of the pixels differ by more than PIXEL_TOLERANCE in any channel (the status
    bar's clock and counters may differ; a missing photo, another layout or other words do not
    pass).
--update copies the screenshots into DIR as the new references (then look at them).
Exit 0 when all pass, 1 otherwise, with one line per problem.
"""
import shutil
import sys
from pathlib import Path

from PIL import Image, ImageChops

# kiosk/screen/screen_geometry.h palette.
VERDICT_COLOURS = {
    "granted": (0x1B, 0x7F, 0x3B),
    "denied": (0xC0, 0x1C, 0x1C),
    "attention": (0xFF, 0xB3, 0x00),
}
COLOUR_DISTANCE = 30      # per channel: anti-aliased edges aside, fills are exact
MIN_VERDICT_FILL = 0.45   # the shape and title take the rest of the column
MAX_OTHER_VERDICT = 0.01
PIXEL_TOLERANCE = 40
MAX_DIFFERENT = 0.02


def verdict_area(image):
    # kiosk/screen/screen_layout.cpp: status bar max(28, 6 %) of the height, buttons max(56, 12 %),
    # the verdict signal column is the left 36 % of the width.
    w, h = image.size
    top = max(28, int(h * 0.06))
    bottom = h - max(56, int(h * 0.12))
    return image.crop((0, top, w * 36 // 100, bottom))


def fraction_near(image, colour):
    r0, g0, b0 = colour
    pixels = list(image.getdata())
    near = sum(1 for (r, g, b) in pixels
               if abs(r - r0) <= COLOUR_DISTANCE and abs(g - g0) <= COLOUR_DISTANCE
               and abs(b - b0) <= COLOUR_DISTANCE)
    return near / len(pixels)


def check(path, reference_dir, update):
    problems = []
    parts = path.stem.split("-", 1)
    if len(parts) != 2:
        return [f"{path.name}: not a verdict screenshot name"]
    key = parts[1]
    verdict = key.split("-")[0]
    image = Image.open(path).convert("RGB")
    if verdict in VERDICT_COLOURS:
        area = verdict_area(image).resize((128, 128))
        fill = fraction_near(area, VERDICT_COLOURS[verdict])
        if fill < MIN_VERDICT_FILL:
            problems.append(f"{path.name}: only {fill:.0%} of the verdict area is {verdict} colour")
        for other, colour in VERDICT_COLOURS.items():
            if other != verdict and fraction_near(area, colour) > MAX_OTHER_VERDICT:
                problems.append(f"{path.name}: the verdict area shows {other} colour")
    if reference_dir is None:
        return problems
    reference = reference_dir / f"{key}.png"
    if update:
        shutil.copyfile(path, reference)
    elif reference.exists():
        ref = Image.open(reference).convert("RGB")
        if ref.size != image.size:
            problems.append(f"{path.name}: size {image.size}, reference {ref.size}")
        else:
            diff = ImageChops.difference(image, ref).point(lambda v: 255 if v > PIXEL_TOLERANCE else 0)
            bands = diff.split()
            changed = ImageChops.lighter(ImageChops.lighter(bands[0], bands[1]), bands[2])
            share = sum(1 for v in changed.getdata() if v) / (image.size[0] * image.size[1])
            if share > MAX_DIFFERENT:
                problems.append(f"{path.name}: {share:.1%} of pixels differ from {reference.name}")
    return problems


def main(argv):
    if "--colour-only" in argv:
        reference_dir, update = None, False
        shots = [Path(a) for a in argv if a != "--colour-only"]
    elif "--reference-dir" in argv:
        i = argv.index("--reference-dir")
        reference_dir = Path(argv[i + 1])
        update = "--update" in argv
        shots = [Path(a) for a in argv[:i] + argv[i + 2:] if a != "--update"]
    else:
        print(__doc__)
        return 2
    problems = []
    for shot in shots:
        problems += check(shot, reference_dir, update)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

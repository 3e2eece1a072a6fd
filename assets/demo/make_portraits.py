#!/usr/bin/python3
"""Generate the placeholder portraits of the demo roster (assets/demo/photos/).

Demo data only: no real photographs are used, for anyone.  Every portrait is a
drawing made here from the roster alone: a plain background whose colour is
derived from the holder id, a neutral head-and-shoulders silhouette in a darker
tone of the same hue, and the holder's initials in white across the chest.

    /usr/bin/python3 assets/demo/make_portraits.py          # (re)write photos/
    /usr/bin/python3 assets/demo/make_portraits.py --check  # verify, write nothing

Needs Debian's python3-pil and fonts-dejavu-core (run it with /usr/bin/python3,
not another interpreter that lacks PIL).

Deterministic: the same roster gives byte-identical PNG files on every run, so
the photo digests signed into badges (SHA-256 of the file, first 12 bytes) stay
stable.  The bytes depend on the Pillow, zlib and DejaVu font versions; after
upgrading them, run --check, and regenerate (and reissue credentials) if needed.

Each portrait is 240x300 pixels (4:5), a 16-colour palette PNG of a few KB.
Initials: the first letter of the first and of the last space-separated word of
the name ("Ban Ki-moon" -> "BK", "Floor van Wijngaarden" -> "FW").

--check fails if a roster photo is missing or differs from what would be
generated, or if photos/ holds a .png that no roster row names (stale files).
"""

import argparse
import colorsys
import csv
import hashlib
import io
import os
import re
import sys

try:
    from PIL import Image, ImageDraw, ImageFont
except ImportError:
    sys.exit("make_portraits.py: PIL not found; install python3-pil and run with /usr/bin/python3")

HERE = os.path.dirname(os.path.abspath(__file__))
ROSTER = os.path.join(HERE, "roster.csv")
PHOTOS = os.path.join(HERE, "photos")
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

HEADER = ["id", "name", "delegation", "category", "days", "zones", "photo", "escort_of"]
ID_RE = re.compile(r"^[A-Z]{1,2}[0-9]{3}$")
PHOTO_RE = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9_.-]*\.png$")  # a plain file name, no path

WIDTH, HEIGHT = 240, 300
SCALE = 4  # drawn at 4x, then downsampled: smooth edges
RAMP = 8  # palette steps per ramp: background->silhouette, silhouette->white

_LANCZOS = getattr(Image, "Resampling", Image).LANCZOS
_NO_DITHER = getattr(Image, "Dither", Image).NONE


def colours(holder_id):
    """Background and silhouette colours, derived from the id alone."""
    digest = hashlib.sha256(("portrait:" + holder_id).encode("ascii")).digest()
    hue = int.from_bytes(digest[:2], "big") / 65536.0
    bg = colorsys.hls_to_rgb(hue, 0.80, 0.42)
    fg = colorsys.hls_to_rgb(hue, 0.32, 0.30)
    return tuple(round(c * 255) for c in bg), tuple(round(c * 255) for c in fg)


def initials(name):
    words = name.split()
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def _lerp(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def _palette_image(bg, fg):
    """A fixed 16-colour palette: a bg->fg ramp and an fg->white ramp."""
    white = (255, 255, 255)
    entries = [_lerp(bg, fg, i / (RAMP - 1)) for i in range(RAMP)]
    entries += [_lerp(fg, white, i / (RAMP - 1)) for i in range(RAMP)]
    flat = [v for rgb in entries for v in rgb]
    flat += flat[-3:] * (256 - len(entries))  # pad with white, never chosen over itself
    pal = Image.new("P", (1, 1))
    pal.putpalette(flat)
    return pal


def render(holder_id, name):
    """The PNG bytes of one portrait."""
    bg, fg = colours(holder_id)
    s = SCALE
    w, h = WIDTH * s, HEIGHT * s

    # Silhouette mask: head, neck, rounded shoulders running off the bottom edge.
    sil = Image.new("L", (w, h), 0)
    d = ImageDraw.Draw(sil)
    d.ellipse((72 * s, 52 * s, 168 * s, 174 * s), fill=255)  # head
    d.rectangle((98 * s, 150 * s, 142 * s, 212 * s), fill=255)  # neck
    d.ellipse((14 * s, 196 * s, 226 * s, 420 * s), fill=255)  # shoulders and chest

    # Initials mask, centred on the chest, shrunk until they fit its width.
    text = Image.new("L", (w, h), 0)
    d = ImageDraw.Draw(text)
    letters = initials(name)
    size = 64
    while True:
        font = ImageFont.truetype(FONT, size * s)
        left, top, right, bottom = d.textbbox((0, 0), letters, font=font, anchor="mm")
        if right - left <= 130 * s or size <= 24:
            break
        size -= 2
    d.text((120 * s, 258 * s), letters, font=font, fill=255, anchor="mm")

    sil = sil.resize((WIDTH, HEIGHT), _LANCZOS)
    text = text.resize((WIDTH, HEIGHT), _LANCZOS)
    img = Image.composite(Image.new("RGB", (WIDTH, HEIGHT), fg),
                          Image.new("RGB", (WIDTH, HEIGHT), bg), sil)
    img = Image.composite(Image.new("RGB", (WIDTH, HEIGHT), (255, 255, 255)), img, text)
    img = img.quantize(palette=_palette_image(bg, fg), dither=_NO_DITHER)

    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)
    return out.getvalue()


def read_roster(path):
    """The (id, name, photo) of every row; exits with a message on a malformed roster."""
    people = []
    seen_photos = set()
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header != HEADER:
            sys.exit(f"{path}: header must be exactly {','.join(HEADER)}")
        for row in reader:
            where = f"{path}:{reader.line_num}"
            if len(row) != len(HEADER):
                sys.exit(f"{where}: {len(row)} fields, expected {len(HEADER)}")
            holder_id, name, photo = row[0], row[1], row[6]
            if not ID_RE.match(holder_id):
                sys.exit(f"{where}: bad id {holder_id!r}")
            if not name.strip():
                sys.exit(f"{where}: empty name")
            if not PHOTO_RE.match(photo):
                sys.exit(f"{where}: photo must be a plain .png file name, got {photo!r}")
            if photo in seen_photos:
                sys.exit(f"{where}: photo {photo} named twice")
            seen_photos.add(photo)
            people.append((holder_id, name, photo))
    return people


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="verify photos/ against the roster, write nothing")
    args = parser.parse_args()

    people = read_roster(ROSTER)
    problems = []
    written = 0
    sizes = []
    if not args.check:
        os.makedirs(PHOTOS, exist_ok=True)
    for holder_id, name, photo in people:
        data = render(holder_id, name)
        sizes.append(len(data))
        path = os.path.join(PHOTOS, photo)
        try:
            with open(path, "rb") as f:
                current = f.read()
        except FileNotFoundError:
            current = None
        if current == data:
            continue
        if args.check:
            problems.append(f"{photo}: {'missing' if current is None else 'differs'}")
        else:
            with open(path, "wb") as f:
                f.write(data)
            written += 1

    named = {photo for _, _, photo in people}
    present = sorted(n for n in os.listdir(PHOTOS) if n.endswith(".png")) \
        if os.path.isdir(PHOTOS) else []
    stale = [n for n in present if n not in named]
    for n in stale:
        problems.append(f"{n}: in photos/ but not in the roster")

    if args.check:
        for p in problems:
            print(f"make_portraits --check: {p}", file=sys.stderr)
        if problems:
            return 1
        print(f"make_portraits --check: {len(people)} portraits up to date")
        return 0
    for n in stale:
        print(f"make_portraits: warning: {n} is not in the roster (left in place)", file=sys.stderr)
    print(f"make_portraits: {len(people)} portraits, {written} written, "
          f"largest {max(sizes, default=0)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())

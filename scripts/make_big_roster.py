#!/usr/bin/python3
"""Writes a large generated roster for measuring `issuer roster import` (issue 18).

    scripts/make_big_roster.py OUT_DIR [--people N] [--delegations D] [--seed S]
                               [--errors K] [--jobs J]

OUT_DIR gets roster.csv (docs/roster-format.md, for the demo event assets/demo/event.toml) and
photos/ with one distinct JPEG portrait per person (300 x 375, about 8 KB). Each delegation has
a principal, one close-protection officer escorting them, and delegates; people attend one or
both days. --errors K spreads K different mistakes (unknown category, bad day, duplicate id,
missing photo, escort of nobody, wrong field count, bad zone) over the file, for tests of the
all-or-nothing import. The same arguments always give the same files. Needs python3-pil.
"""
import argparse
import multiprocessing
import pathlib
import random

from PIL import Image, ImageDraw

DAYS = ["2014-03-31", "2014-04-01"]
WIDTH, HEIGHT = 300, 375


def person_id(n):
    return f"G{n:06d}"


def portrait(args):
    """One distinct portrait: a shaded background, a head and shoulders, the id written on it."""
    n, seed, path = args
    rng = random.Random(seed * 1_000_003 + n)
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    top = [rng.randrange(90, 230) for _ in range(3)]
    bottom = [max(0, c - rng.randrange(30, 90)) for c in top]
    for y in range(HEIGHT):  # a vertical gradient
        t = y / (HEIGHT - 1)
        draw.line([(0, y), (WIDTH, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    skin = (rng.randrange(120, 240), rng.randrange(90, 200), rng.randrange(70, 170))
    cloth = tuple(rng.randrange(20, 200) for _ in range(3))
    cx = WIDTH // 2 + rng.randrange(-20, 21)
    draw.ellipse([cx - 120, 250, cx + 120, 470], fill=cloth)  # shoulders
    hw, hh = rng.randrange(55, 75), rng.randrange(70, 95)
    draw.ellipse([cx - hw, 170 - hh, cx + hw, 170 + hh], fill=skin)  # head
    hair = tuple(rng.randrange(0, 90) for _ in range(3))
    draw.chord([cx - hw, 170 - hh - 8, cx + hw, 170 + hh // 2], 180, 360, fill=hair)
    for dx in (-25, 25):  # eyes
        draw.ellipse([cx + dx - 6, 160, cx + dx + 6, 170], fill=(30, 30, 30))
    draw.text((10, 10), person_id(n), fill=(255, 255, 255))
    for _ in range(40):  # a little texture, so that no two files compress alike
        x, y = rng.randrange(WIDTH), rng.randrange(HEIGHT)
        draw.point((x, y), fill=tuple(rng.randrange(256) for _ in range(3)))
    image.save(path, "JPEG", quality=88)


def rows(people, delegations, seed):
    """The roster's rows: per delegation a principal, their escort, then delegates."""
    rng = random.Random(seed)
    size = max(1, people // delegations)
    out = []
    for n in range(people):
        d = min(n // size, delegations - 1)
        first = d * size
        role = n - first
        days = rng.choice([DAYS[0], DAYS[1], ";".join(DAYS), ";".join(DAYS)])
        category, escort_of = "delegate", ""
        if role == 0:
            category = "principal"
        elif role == 1:
            category, escort_of = "close_protection", person_id(first)
        name = f"Delegate {n} of Delegation {d}"
        out.append([person_id(n), name, f"Delegation {d:04d}", category, days, "",
                    person_id(n) + ".jpg", escort_of])
    return out


MISTAKES = [
    (lambda r: r.__setitem__(3, "emperor"), 'unknown category "emperor"'),
    (lambda r: r.__setitem__(4, "2014-05-01"), "day 2014-05-01 is not a day of the event"),
    (lambda r: r.__setitem__(6, "missing.jpg"), "missing photo"),
    (lambda r: r.__setitem__(7, "NOBODY"), "escort_of names unknown person NOBODY"),
    (lambda r: r.__setitem__(5, "throne_room"), 'unknown zone "throne_room"'),
    (lambda r: r.__setitem__(0, "G000000"), "duplicate id G000000"),
    (lambda r: r.__delitem__(slice(3, None)), "expected 8 fields, found 3"),
]


def add_errors(table, count):
    """Spoils `count` rows, spread over the file, cycling through MISTAKES. Returns the expected
    messages as (line, text): the header is line 1."""
    expected = []
    step = max(1, (len(table) - 1) // max(1, count))
    for k in range(count):
        index = 1 + k * step  # never row 0: G000000 stays the original of the duplicate
        while index < len(table) - 1 and table[index][3] != "delegate":
            index += 1  # a principal spoilt would also make their escort's line wrong
        spoil, message = MISTAKES[k % len(MISTAKES)]
        spoil(table[index])
        expected.append((index + 2, message))
    return expected


def quote(field):
    if any(c in field for c in ',"\n\r'):
        return '"' + field.replace('"', '""') + '"'
    return field


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out")
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--delegations", type=int, default=25)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--errors", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    if args.people < 1 or not 1 <= args.delegations <= args.people:
        parser.error("need 1 <= delegations <= people")
    out = pathlib.Path(args.out)
    photos = out / "photos"
    photos.mkdir(parents=True, exist_ok=True)
    table = rows(args.people, args.delegations, args.seed)
    expected = add_errors(table, args.errors) if args.errors else []
    with open(out / "roster.csv", "w", encoding="utf-8", newline="") as f:
        f.write("id,name,delegation,category,days,zones,photo,escort_of\n")
        for row in table:
            f.write(",".join(quote(x) for x in row) + "\n")
    if expected:
        with open(out / "expected_errors.txt", "w", encoding="utf-8") as f:
            for line, message in expected:
                f.write(f"roster.csv:{line}: {message}\n")
    jobs = [(n, args.seed, photos / (person_id(n) + ".jpg")) for n in range(args.people)
            if not (photos / (person_id(n) + ".jpg")).exists()]
    with multiprocessing.Pool(max(1, args.jobs)) as pool:
        for _ in pool.imap_unordered(portrait, jobs, chunksize=256):
            pass
    print(f"{out}/roster.csv: {args.people} people in {args.delegations} delegations"
          + (f", {len(expected)} mistakes" if expected else ""))


if __name__ == "__main__":
    main()

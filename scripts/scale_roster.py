#!/usr/bin/python3
"""Generate a large event roster for the scale benchmark (scripts/scale_bench.py, issue 18).

    /usr/bin/python3 scripts/scale_roster.py --people 100000 --out DIR [--delegations 2500]
        [--seed 1] [--new 1000] [--revoke min(5000, N/2)] [--badges 1000] [--decide 200] [--jobs 2]

Writes into DIR, for the demo event of assets/demo/event.toml (its categories, zones and days):

    roster.csv       the event's N people (docs/roster-format.md) in D delegations
    roster-new.csv   NEW more people, registered on the second morning (the update step), ids
                     N0000000...; each attends the second day
    photos/          one distinct JPEG portrait per person, 240x300, about 6-8 KB each
    revoke.txt       REVOKE ids of roster.csv to revoke in the update step, one a line
    badges.txt       BADGES ids to print badges for
    decide.txt       DECIDE ids to scan at the main gate on the second day: all attend it,
                     none is revoked, none needs an escort or a principal inside
    meta.json        the parameters and what was generated
    .complete        written last: a folder without it is an interrupted run, made again

Independent of the code under test: plain Python and Debian's python3-pil (PIL) only, no project
code. Deterministic for a seed (the same people, delegations and photos on every run). Portraits
are drawings, not photographs of anyone: a gradient background, a head and shoulders in random
colours, eyes and a mouth, and a little noise (so that each JPEG is distinct and of a realistic
size for a small ID photo).
"""

import argparse
import colorsys
import csv
import io
import json
import multiprocessing
import os
import random
import shutil
import sys
import time

try:
    from PIL import Image, ImageDraw
except ImportError:
    sys.exit("scale_roster.py: PIL not found; install python3-pil and run with /usr/bin/python3")

# Bump when the output changes, so that cached folders from an older generator are not reused.
GENERATOR_VERSION = 2
HEADER = ["id", "name", "delegation", "category", "days", "zones", "photo", "escort_of"]
DAYS = ("2014-03-31", "2014-04-01")
W, H = 240, 300
JPEG_QUALITY = 75
NOISE_AMOUNT = 0.07

FIRST = ("Amara Ana Anders Aiko Bao Beatriz Carlos Chen Dmitri Elif Emeka Fatima Francois Gustavo "
         "Hana Ingrid Ivan Jamal Jana Jorge Kateryna Kofi Lars Leila Lucia Mateus Mei Mohammed "
         "Nadia Nikolai Olga Omar Pablo Priya Ravi Rosa Sakura Samuel Sina Sofia Tariq Thabo "
         "Thi Ulla Valentina Wei Yasmin Yusuf Zainab Zoltan Agnieszka Bjorn Chiara Dagny "
         "Émile Søren Zoë José Łukasz Ngozi Kwame Aroha Tupac Inti Nuno Ines").split()
LAST = ("Abebe Adeyemi Ahmed Alvarez Andersen Banda Becker Bianchi Chowdhury Costa Da Silva "
        "Dubois Eriksen Fernandes Fischer Garcia Gonzalez Haddad Hansen Hoang Ibrahim Ivanova "
        "Jansen Kim Kowalski Kumar Larsen Lee Martin Mensah Moreau Müller Nakamura Nguyen Novak "
        "Okafor Olsen Park Patel Pereira Petrov Popescu Rahman Rossi Sato Schmidt Silva Singh "
        "Suzuki Tanaka Traoré Van Dijk Wang Wiśniewski Yilmaz Zhang Øvergaard Þórsson Ndiaye "
        "Mwangi Quispe Mamani Horvat Kovačević Papadopoulos").split()
SYLLABLES = ("ka lo ri ma ne su ta vi do ra mi ko ba le za nu fe gi ho ja ur an el is or "
             "ost var bel mon tar sil dor kan ver").split()
FORMS = ("Republic of {}", "Kingdom of {}", "{}", "Federal Republic of {}", "{} Islands",
         "United Republic of {}", "Principality of {}", "{} Foundation", "{} Press Agency",
         "International {} Council", "{} Human Rights Network", "University of {}")

# Categories of assets/demo/event.toml and their share of the people (the rest are delegates).
SHARES = (("speaker", 0.03), ("civil_society", 0.10), ("press", 0.10), ("organiser", 0.03),
          ("service", 0.05))


def delegation_names(count, rng):
    names, seen = [], set()
    while len(names) < count:
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        name = rng.choice(FORMS).format(stem)
        if name not in seen and len(name.encode()) <= 64:
            seen.add(name)
            names.append(name)
    return names


def person_rows(first_index, count, prefix, delegations, rng, principals=()):
    """count people with ids PREFIX0000001...; principals' escorts point at existing ids."""
    rows = []
    for k in range(count):
        i = first_index + k
        holder = f"{prefix}{i:07d}"
        deleg = i % len(delegations)
        roll = rng.random()
        category, acc = "delegate", 0.0
        for name, share in SHARES:
            acc += share
            if roll < acc:
                category = name
                break
        zones = ""
        if i < len(delegations) and prefix == "S":
            category = "minister"  # one head of delegation each
            zones = "hls_room" if rng.random() < 0.3 else ""
        elif category == "delegate" and rng.random() < 0.1:
            zones = "bilateral"
        d = rng.random()
        days = ";".join(DAYS) if d < 0.7 else (DAYS[0] if d < 0.85 else DAYS[1])
        if prefix == "N":  # registered late, on the morning of the second day: they attend it
            days = ";".join(DAYS) if d < 0.5 else DAYS[1]
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        rows.append([holder, name, delegations[deleg], category, days, zones, holder + ".jpg", ""])
    # A few principals, each with two close-protection officers who escort them.
    for p, holder in enumerate(principals):
        row = next(r for r in rows if r[0] == holder)
        row[3], row[4], row[5] = "principal", ";".join(DAYS), ""
        for e in range(2):
            escort = rows[len(rows) - 1 - 2 * p - e]
            escort[3], escort[4], escort[5], escort[7] = "close_protection", ";".join(DAYS), "", holder
    return rows


def rgb(h, l, s):
    return tuple(round(c * 255) for c in colorsys.hls_to_rgb(h, l, s))


_GRADIENT = None
_NOISE = None


def _init_worker():
    global _GRADIENT, _NOISE
    _GRADIENT = Image.linear_gradient("L").resize((W, H))
    random.seed(0)
    _NOISE = Image.effect_noise((W * 3, H * 3), 40).convert("RGB")


def portrait(args):
    """The JPEG bytes of one portrait; (seed, holder) make it distinct and reproducible."""
    seed, holder, path = args
    r = random.Random(f"{seed}:{holder}")
    hue = r.random()
    img = Image.composite(Image.new("RGB", (W, H), rgb(hue, 0.75, 0.35)),
                          Image.new("RGB", (W, H), rgb((hue + 0.1) % 1, 0.6, 0.35)), _GRADIENT)
    skin = rgb(0.05 + r.random() * 0.05, 0.3 + r.random() * 0.5, 0.45)
    cloth = rgb(r.random(), 0.15 + r.random() * 0.4, 0.4)
    hair = rgb(0.08, r.random() * 0.5, 0.3)
    d = ImageDraw.Draw(img)
    cx, hw, top = 120 + r.randint(-12, 12), r.randint(40, 52), r.randint(45, 70)
    d.ellipse((cx - hw - 6, top - 8, cx + hw + 6, top + 2 * hw + 10), fill=hair)
    d.ellipse((cx - hw, top, cx + hw, top + int(2.4 * hw)), fill=skin)
    d.rectangle((cx - 22, top + 2 * hw, cx + 22, top + 2 * hw + 50), fill=skin)
    d.ellipse((cx - 115 - r.randint(0, 15), top + 2 * hw + 35, cx + 115 + r.randint(0, 15),
               H + 160), fill=cloth)
    ey, ex = top + hw, int(hw * 0.45)
    for sx in (-1, 1):
        d.ellipse((cx + sx * ex - 7, ey - 4, cx + sx * ex + 7, ey + 4), fill=(250, 250, 250))
        d.ellipse((cx + sx * ex - 3, ey - 3, cx + sx * ex + 3, ey + 3), fill=(40, 30, 20))
    d.line((cx - 14, top + int(hw * 1.8), cx + 14, top + int(hw * 1.8)), fill=(120, 50, 50),
           width=3)
    ox, oy = r.randrange(2 * W), r.randrange(2 * H)
    img = Image.blend(img, _NOISE.crop((ox, oy, ox + W, oy + H)), NOISE_AMOUNT)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=JPEG_QUALITY)
    data = out.getvalue()
    with open(path, "wb") as f:
        f.write(data)
    return len(data)


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)


def write_ids(path, ids):
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(i + "\n" for i in ids)


def generate(a):
    started = time.monotonic()
    rng = random.Random(a.seed)
    delegations = delegation_names(a.delegations, rng)
    principals = [f"S{i:07d}" for i in range(len(delegations), len(delegations) +
                                            max(1, min(20, a.people // 5000)))]
    principals = [p for p in principals if int(p[1:]) < a.people - 2 * len(principals)]
    people = person_rows(0, a.people, "S", delegations, rng, principals)
    new = person_rows(0, a.new, "N", delegations, rng)

    tmp = a.out.rstrip("/") + ".part"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(os.path.join(tmp, "photos"))
    write_csv(os.path.join(tmp, "roster.csv"), people)
    write_csv(os.path.join(tmp, "roster-new.csv"), new)

    plain = [r for r in people if r[3] not in ("principal", "close_protection")]
    pick = random.Random(a.seed + 1)
    decide = pick.sample([r[0] for r in plain if DAYS[1] in r[4]], min(a.decide, len(plain)))
    chosen = set(decide)
    revocable = [r[0] for r in plain if r[0] not in chosen]
    revoke = pick.sample(revocable, min(a.revoke, len(revocable)))
    badges = sorted(pick.sample([r[0] for r in people], min(a.badges, len(people))))
    write_ids(os.path.join(tmp, "revoke.txt"), revoke)
    write_ids(os.path.join(tmp, "badges.txt"), badges)
    write_ids(os.path.join(tmp, "decide.txt"), decide)

    jobs = [(a.seed, r[0], os.path.join(tmp, "photos", r[6])) for r in people + new]
    with multiprocessing.Pool(a.jobs, initializer=_init_worker) as pool:
        sizes = pool.map(portrait, jobs, chunksize=256)
    meta = {
        "generator_version": GENERATOR_VERSION, "seed": a.seed, "people": a.people,
        "delegations": len(delegations), "new_people": a.new, "revocations": len(revoke),
        "badges": len(badges), "decide": len(decide), "principals": len(principals),
        "photo_bytes": {"min": min(sizes), "mean": round(sum(sizes) / len(sizes)),
                        "max": max(sizes), "total": sum(sizes)},
        "categories": {c: sum(1 for r in people if r[3] == c) for c in sorted({r[3] for r in people})},
        "seconds": round(time.monotonic() - started, 1),
    }
    with open(os.path.join(tmp, "meta.json"), "w") as f:
        json.dump(meta, f, indent=2)
    with open(os.path.join(tmp, ".complete"), "w") as f:
        f.write(f"{GENERATOR_VERSION}\n")
    shutil.rmtree(a.out, ignore_errors=True)
    os.rename(tmp, a.out)
    return meta


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--people", type=int, default=100000)
    p.add_argument("--delegations", type=int, default=0, help="default: people / 40, at least 1")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--new", type=int, default=1000, help="people registered later (roster-new.csv)")
    p.add_argument("--revoke", type=int, default=-1, help="default: 5000, at most half the people")
    p.add_argument("--badges", type=int, default=1000)
    p.add_argument("--decide", type=int, default=200)
    p.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    p.add_argument("--out", required=True)
    a = p.parse_args()
    if a.people < 10:
        p.error("--people must be at least 10")
    a.delegations = a.delegations or max(1, a.people // 40)
    if a.revoke < 0:
        a.revoke = min(5000, a.people // 2)
    meta = generate(a)
    print(json.dumps(meta))
    return 0


if __name__ == "__main__":
    sys.exit(main())

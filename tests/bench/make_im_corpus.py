#!/usr/bin/env python3
"""make_im_corpus.py --badges DIR --out DIR [--seed N] [--per-level N] [--jobs N]

A second camera-frame corpus for qr_corpus_bench, made with ImageMagick's `convert` instead of
the project's own camera simulator (tests/bench/camera_frame.cpp), so that a reader tuned on one
is checked on frames it has never been shaped by. Real demo badges (`make_qr_corpus --out X
--badges-only` renders them and writes X/badges/badges.tsv) are placed in 1280x720 frames by a
perspective distortion (ImageMagick's EWA resampling does the downscaling), over a background of
a gradient and a few dark and light blocks, then:

  focus_blur   Gaussian blur, sigma 1.0 to 3.0 px in steps of 0.2, at 2.5-3 px per module
  motion_blur  a straight streak 3 to 14 px long at a random angle (a line kernel), 2.5-3.5 px/mod
  distance     the badge smaller and smaller: 4 down to 1 px per module
  combined     mild perspective and roll, blur, motion, noise, low contrast and JPEG together

Writes OUT/NNNN-condition-level.png (or .jpg) and OUT/manifest.tsv: file, condition, level,
setting, expected text, module px. Deterministic for a seed: tune on one seed, report on another.
Exit 0 on success, 1 on bad usage, 2 on failure.
"""

import argparse
import math
import os
import random
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

WIDTH, HEIGHT = 1280, 720
FOCUS = [round(1.0 + 0.2 * i, 1) for i in range(11)]
MOTION = list(range(3, 15))
DISTANCE = [4.0, 3.5, 3.0, 2.5, 2.0, 1.75, 1.5, 1.25, 1.0]
COMBINED = 5  # levels of the combined class, each a harsher mix


def read_badges(directory):
    rows = []
    with open(os.path.join(directory, "badges.tsv"), encoding="utf-8") as table:
        next(table)
        for line in table:
            name, u, v, module, text = line.rstrip("\n").split("\t")
            rows.append((os.path.join(directory, name), float(u), float(v), float(module), text))
    if not rows:
        raise ValueError(directory + "/badges.tsv lists no badge")
    return rows


def badge_size(path):
    out = subprocess.run(["identify", "-format", "%w %h", path], check=True,
                         capture_output=True, text=True).stdout.split()
    return int(out[0]), int(out[1])


def corners(rng, badge, size, module, tilt, roll):
    """Where the badge's corners land in the frame: its QR code's modules `module` px wide (face
    on), the code's centre somewhere in the frame, turned by roll and tilted by tilt degrees
    about a random axis (a pinhole camera at 3 badge heights)."""
    axis = rng.uniform(0, 2 * math.pi)
    scale = module / badge[3]
    code_half = 0.32 * size[0] * scale  # about half the code's side, frame pixels
    cx = rng.uniform(code_half + 20, WIDTH - code_half - 20)
    cy = rng.uniform(code_half + 20, HEIGHT - code_half - 20) if HEIGHT > 2 * code_half + 40 \
        else HEIGHT / 2
    return project(badge, size, module, tilt, roll, axis, (cx, cy))


def project(badge, size, module, tilt, roll, axis, centre):
    """The badge's corners (source, frame) with its code's centre at `centre`, modules `module`
    px wide face on, tilted by tilt degrees about the in-plane axis at angle `axis` (radians),
    then turned by roll: a pinhole camera at 3 badge heights."""
    _, qu, qv, badge_module, _ = badge
    w, h = size
    scale = module / badge_module
    qx, qy = qu * w, qv * h  # the code's centre, badge pixels
    t = math.radians(tilt)
    r = math.radians(roll)
    cx, cy = centre
    distance = 3.0 * h * scale
    points = []
    for bx, by in ((0, 0), (w, 0), (w, h), (0, h)):
        x, y = (bx - qx) * scale, (by - qy) * scale
        # tilt about the axis in the badge plane at angle `axis`: the component across it leans.
        along = x * math.cos(axis) + y * math.sin(axis)
        across = -x * math.sin(axis) + y * math.cos(axis)
        z = across * math.sin(t)
        across *= math.cos(t)
        x = along * math.cos(axis) - across * math.sin(axis)
        y = along * math.sin(axis) + across * math.cos(axis)
        f = distance / (distance + z)
        x, y = x * f, y * f
        points.append((cx + x * math.cos(r) - y * math.sin(r),
                       cy + x * math.sin(r) + y * math.cos(r)))
    return [(0, 0), (w, 0), (w, h), (0, h)], points


def line_kernel(length, degrees):
    """A normalised straight-streak kernel `length` px long, as ImageMagick's user kernel text."""
    size = int(math.ceil(length)) | 1
    half = size // 2
    weights = [[0.0] * size for _ in range(size)]
    steps = 8 * size
    dx, dy = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    for i in range(steps + 1):
        s = (i / steps - 0.5) * (length - 1)
        x, y = half + s * dx, half + s * dy
        x0, y0 = int(math.floor(x)), int(math.floor(y))
        fx, fy = x - x0, y - y0
        for xx, yy, wgt in ((x0, y0, (1 - fx) * (1 - fy)), (x0 + 1, y0, fx * (1 - fy)),
                            (x0, y0 + 1, (1 - fx) * fy), (x0 + 1, y0 + 1, fx * fy)):
            if 0 <= xx < size and 0 <= yy < size:
                weights[yy][xx] += wgt
    total = sum(map(sum, weights))
    cells = ",".join("%.5f" % (v / total) for row in weights for v in row)
    return "%dx%d:%s" % (size, size, cells)


def background(rng):
    """A plain room: a vertical gradient and a few dark and light blocks (furniture, a door)."""
    top, bottom = rng.randint(90, 170), rng.randint(60, 140)
    args = ["-size", "%dx%d" % (WIDTH, HEIGHT), "gradient:gray%d-gray%d" % (top * 100 // 255,
                                                                           bottom * 100 // 255)]
    for _ in range(4):
        x, y = rng.randint(0, WIDTH - 100), rng.randint(0, HEIGHT - 100)
        grey = rng.choice([rng.randint(10, 50), rng.randint(190, 240)])
        args += ["-fill", "gray%d" % (grey * 100 // 255), "-draw", "rectangle %d,%d %d,%d" % (
            x, y, x + rng.randint(60, 400), y + rng.randint(60, 400))]
    return args


def frame_spec(condition, level, rng):
    """The conditions of one frame: module px, tilt, roll, focus sigma, motion px, noise, black and
    white levels of the badge, JPEG quality (0 = none), and the setting as reported."""
    spec = dict(module=rng.uniform(2.5, 3.0), tilt=rng.uniform(0, 8), roll=rng.uniform(-15, 15),
                sigma=0.5, motion=0.0, noise=0.15, black=rng.uniform(12, 22),
                white=rng.uniform(75, 88), jpeg=0)
    if condition == "focus_blur":
        spec["sigma"] = FOCUS[level - 1]
        spec["setting"] = "sigma %.1f px" % spec["sigma"]
    elif condition == "motion_blur":
        spec["module"] = rng.uniform(2.5, 3.5)
        spec["motion"] = MOTION[level - 1]
        spec["setting"] = "%d px streak" % spec["motion"]
    elif condition == "distance":
        spec["module"] = DISTANCE[level - 1]
        spec["setting"] = "module %.2f px" % spec["module"]
    else:  # combined: every mild condition at once, harsher with the level
        k = level - 1
        spec.update(module=rng.uniform(3.2 - 0.4 * k, 3.6 - 0.4 * k), tilt=rng.uniform(10, 25),
                    sigma=rng.uniform(0.7, 1.0 + 0.15 * k), motion=rng.uniform(0, 1.0 + k),
                    noise=0.2 + 0.1 * k, black=rng.uniform(20, 30), white=rng.uniform(60, 75),
                    jpeg=rng.choice([0, 60 - 8 * k]))
        spec["setting"] = "module %.1f, sigma %.1f, streak %.0f" % (
            spec["module"], spec["sigma"], spec["motion"])
    return spec


def render(job):
    """Runs one `convert` for one frame; returns an error text or None."""
    path, badge, size, spec, seed = job
    rng = random.Random(seed)
    src, dst = corners(rng, badge, size, spec["module"], spec["tilt"], spec["roll"])
    # The badge is first shrunk to twice its size in the frame (a fast separable resize), so that
    # the distortion's area resampling has a few source pixels per frame pixel, not dozens.
    shrink = min(1.0, 2.0 * spec["module"] / badge[3])
    mapping = " ".join("%.2f,%.2f %.2f,%.2f" % (s[0] * shrink, s[1] * shrink, d[0], d[1])
                       for s, d in zip(src, dst))
    args = ["convert", "-seed", str(seed % 2**31)] + background(rng)
    args += ["(", badge[0], "-resize", "%.3f%%" % (100 * shrink), "-colorspace", "Gray",
             "+level", "%.0f%%,%.0f%%" % (spec["black"], spec["white"]), "-alpha", "set",
             "-virtual-pixel", "transparent",
        "-define", "distort:viewport=%dx%d+0+0" % (WIDTH, HEIGHT), "-distort", "Perspective",
        mapping, ")", "-composite"]
    args += ["-gaussian-blur", "0x%.2f" % spec["sigma"]]
    if spec["motion"] >= 1.5:
        args += ["-define", "convolve:scale=!", "-morphology", "Convolve",
                 line_kernel(spec["motion"], rng.uniform(0, 180))]
    args += ["-attenuate", "%.2f" % spec["noise"], "+noise", "Gaussian", "-colorspace", "Gray",
             "-depth", "8"]
    if spec["jpeg"]:
        args += ["-quality", str(spec["jpeg"])]
    else:
        args += ["-define", "png:color-type=0"]
    done = subprocess.run(args + [path], capture_output=True, text=True)
    return None if done.returncode == 0 else path + ": " + done.stderr.strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[2])
    parser.add_argument("--badges", required=True, help="make_qr_corpus --badges-only's DIR/badges")
    parser.add_argument("--out", required=True, help="new or empty directory")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-level", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    a = parser.parse_args()
    try:
        badges = read_badges(a.badges)
        sizes = [badge_size(b[0]) for b in badges]
        os.makedirs(a.out, exist_ok=True)
        if os.listdir(a.out):
            raise ValueError(a.out + " is not empty")
    except (OSError, ValueError, subprocess.CalledProcessError) as e:
        print("make_im_corpus: %s" % e, file=sys.stderr)
        return 2
    rng = random.Random(a.seed)
    classes = [("focus_blur", len(FOCUS)), ("motion_blur", len(MOTION)),
               ("distance", len(DISTANCE)), ("combined", COMBINED)]
    jobs, manifest = [], ["file\tcondition\tseverity\tsetting\texpected\tmodule_px"]
    for condition, levels in classes:
        for level in range(1, levels + 1):
            for _ in range(a.per_level):
                i = len(jobs)
                spec = frame_spec(condition, level, rng)
                name = "%04d-%s-%d.%s" % (i, condition, level, "jpg" if spec["jpeg"] else "png")
                b = i % len(badges)
                jobs.append((os.path.join(a.out, name), badges[b], sizes[b], spec,
                             a.seed * 1000003 + i))
                manifest.append("\t".join([name, condition, str(level), spec["setting"],
                                           badges[b][4], "%.2f" % spec["module"]]))
    with ThreadPoolExecutor(max_workers=max(1, a.jobs)) as pool:
        errors = [e for e in pool.map(render, jobs) if e]
    if errors:
        print("make_im_corpus: " + errors[0], file=sys.stderr)
        return 2
    with open(os.path.join(a.out, "manifest.tsv"), "w", encoding="utf-8") as out:
        out.write("\n".join(manifest) + "\n")
    print("make_im_corpus: %d frames %dx%d in %s" % (len(jobs), WIDTH, HEIGHT, a.out),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""make_im_clips.py --badges DIR --out DIR [--seed N] [--count N] [--jobs N]

Presentations as camera clips for qr_corpus_bench --clips: a real demo badge brought up to a 30
frames/s 1280x720 camera and held there for a second, each frame drawn by ImageMagick's `convert`
(the same stack and placement as make_im_corpus.py, not the project's camera simulator), written
as a YUV4MPEG2 file (C mono), the format the kiosk's y4m: source reads.

Each clip is 15 frames of approach and 30 held:
  approach  the badge enters near a frame edge with modules 1.3 px wide and comes to the centre
            at 2.6-3.6 px per module; its streak is the distance it moves in half a frame time
            (up to about 20 px at first), its focus blur falls from sigma 2.4 px to 0.7
  held      a hand's tremor (streaks of 0.5-4 px at random angles, a pixel or two of drift) and
            autofocus hunting (sigma between 0.6 and 1.6 px, changing from frame to frame)

Writes OUT/clip-NN.y4m and OUT/clips.tsv: file, expected text. Deterministic for a seed: tune on
one seed, report on another. Exit 0 on success, 1 on bad usage, 2 on failure.
"""

import argparse
import math
import os
import random
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_im_corpus as corpus  # noqa: E402  (the frame renderer and badge table)

APPROACH, HELD = 15, 30


def clip_specs(rng):
    """The conditions of each frame of one clip: make_im_corpus's frame spec plus the code's
    centre, fixed per clip where a hand would keep them (tilt, roll, contrast)."""
    held_module = rng.uniform(2.6, 3.6)
    edge = rng.choice(["left", "right", "top", "bottom"])
    start = {"left": (0.12, rng.uniform(0.3, 0.7)), "right": (0.88, rng.uniform(0.3, 0.7)),
             "top": (rng.uniform(0.3, 0.7), 0.15), "bottom": (rng.uniform(0.3, 0.7), 0.85)}[edge]
    end = (rng.uniform(0.42, 0.58), rng.uniform(0.42, 0.58))
    tilt, roll, axis = rng.uniform(0, 12), rng.uniform(-15, 15), rng.uniform(0, 2 * math.pi)
    black, white = rng.uniform(12, 22), rng.uniform(75, 88)
    specs, previous = [], None
    for i in range(APPROACH + HELD):
        t = min(1.0, i / (APPROACH - 1))
        ease = 1 - (1 - t) ** 2  # fast at first, slowing as it arrives
        x = start[0] + (end[0] - start[0]) * ease + rng.uniform(-0.002, 0.002)
        y = start[1] + (end[1] - start[1]) * ease + rng.uniform(-0.002, 0.002)
        centre = (x * corpus.WIDTH, y * corpus.HEIGHT)
        module = 1.3 + (held_module - 1.3) * ease
        if i < APPROACH:
            moved = math.dist(centre, previous) if previous else 30.0
            motion, sigma = 0.5 * moved, 0.7 + 1.7 * (1 - ease) + rng.uniform(0, 0.2)
        else:
            motion, sigma = rng.uniform(0.5, 4.0), rng.uniform(0.6, 1.6)
        previous = centre
        specs.append(dict(module=module, tilt=tilt, roll=roll, axis=axis, centre=centre,
                          sigma=sigma, motion=motion, motion_deg=rng.uniform(0, 180),
                          noise=0.15, black=black, white=white, jpeg=0))
    return specs


def render_frame(badge, size, spec, seed, background_file):
    """One frame as 1280x720 grey bytes, by one `convert` writing PGM to its stdout. Only the part
    of the frame about the badge is blurred (the background was blurred once for the clip): a
    crop of it takes the badge, its focus and motion blur, and goes back in place."""
    src, dst = corpus.project(badge, size, spec["module"], spec["tilt"], spec["roll"],
                              spec["axis"], spec["centre"])
    reach = int(3 * spec["sigma"] + spec["motion"] + 6)
    x0 = max(0, int(min(p[0] for p in dst)) - reach)
    y0 = max(0, int(min(p[1] for p in dst)) - reach)
    x1 = min(corpus.WIDTH, int(max(p[0] for p in dst)) + reach + 1)
    y1 = min(corpus.HEIGHT, int(max(p[1] for p in dst)) + reach + 1)
    shrink = min(1.0, 2.0 * spec["module"] / badge[3])
    mapping = " ".join("%.2f,%.2f %.2f,%.2f" % (s[0] * shrink, s[1] * shrink, d[0] - x0, d[1] - y0)
                       for s, d in zip(src, dst))
    crop = "%dx%d+%d+%d" % (x1 - x0, y1 - y0, x0, y0)
    args = ["convert", "-seed", str(seed % 2**31), background_file,
            "(", background_file, "-crop", crop, "+repage",
            "(", badge[0], "-resize", "%.3f%%" % (100 * shrink), "-colorspace", "Gray",
            "+level", "%.0f%%,%.0f%%" % (spec["black"], spec["white"]), "-alpha", "set",
            "-virtual-pixel", "transparent",
            "-define", "distort:viewport=%dx%d+0+0" % (x1 - x0, y1 - y0),
            "-distort", "Perspective", mapping, ")", "-composite", "-alpha", "off",
            "-gaussian-blur", "0x%.2f" % spec["sigma"]]
    if spec["motion"] >= 1.5:
        args += ["-define", "convolve:scale=!", "-morphology", "Convolve",
                 corpus.line_kernel(spec["motion"], spec["motion_deg"])]
    args += [")", "-geometry", "+%d+%d" % (x0, y0), "-composite",
             "-attenuate", "%.2f" % spec["noise"], "+noise", "Gaussian", "-colorspace", "Gray",
             "-depth", "8", "pgm:-"]
    out = subprocess.run(args, capture_output=True, check=True).stdout
    # A binary PGM: "P5", width, height, maxval, one whitespace byte, then the pixels.
    fields, at = [], 0
    while len(fields) < 4:
        while out[at:at + 1].isspace():
            at += 1
        end = at
        while not out[end:end + 1].isspace():
            end += 1
        fields.append(out[at:end])
        at = end
    pixels = out[at + 1:]
    if fields[0] != b"P5" or int(fields[1]) != corpus.WIDTH or int(fields[2]) != corpus.HEIGHT \
            or len(pixels) != corpus.WIDTH * corpus.HEIGHT:
        raise ValueError("convert gave an unexpected image")
    return pixels


def render_clip(job):
    path, badge, size, seed = job
    rng = random.Random(seed)
    background = path + ".background.png"  # the room, a little out of focus, once per clip
    subprocess.run(["convert"] + corpus.background(rng) + ["-gaussian-blur", "0x1", "-colorspace",
                                                           "Gray", background], check=True)
    specs = clip_specs(rng)
    try:
        with open(path + ".part", "wb") as out:
            out.write(b"YUV4MPEG2 W%d H%d F30:1 Ip A1:1 Cmono\n" % (corpus.WIDTH, corpus.HEIGHT))
            for i, spec in enumerate(specs):
                out.write(b"FRAME\n")
                out.write(render_frame(badge, size, spec, seed * 131 + i, background))
        os.replace(path + ".part", path)
    finally:
        os.remove(background)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[2])
    parser.add_argument("--badges", required=True, help="make_qr_corpus --badges-only's DIR/badges")
    parser.add_argument("--out", required=True, help="new or empty directory")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=24)
    parser.add_argument("--jobs", type=int, default=2)
    a = parser.parse_args()
    try:
        badges = corpus.read_badges(a.badges)
        sizes = [corpus.badge_size(b[0]) for b in badges]
        os.makedirs(a.out, exist_ok=True)
        if os.listdir(a.out):
            raise ValueError(a.out + " is not empty")
    except (OSError, ValueError, subprocess.CalledProcessError) as e:
        print("make_im_clips: %s" % e, file=sys.stderr)
        return 2
    jobs, table = [], ["file\texpected"]
    for i in range(a.count):
        b = (i * 7 + a.seed) % len(badges)
        name = "clip-%02d.y4m" % i
        jobs.append((os.path.join(a.out, name), badges[b], sizes[b], a.seed * 1000003 + i))
        table.append(name + "\t" + badges[b][4])
    try:
        with ThreadPoolExecutor(max_workers=max(1, a.jobs)) as pool:
            list(pool.map(render_clip, jobs))
    except (OSError, ValueError, subprocess.CalledProcessError) as e:
        print("make_im_clips: %s" % e, file=sys.stderr)
        return 2
    with open(os.path.join(a.out, "clips.tsv"), "w", encoding="utf-8") as out:
        out.write("\n".join(table) + "\n")
    print("make_im_clips: %d clips of %d frames in %s" % (len(jobs), APPROACH + HELD, a.out),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

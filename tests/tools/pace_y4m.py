#!/usr/bin/python3
"""pace_y4m.py FILE.y4m [--hold SECONDS]: writes a YUV4MPEG2 stream to stdout at its own frame
rate, as a camera delivers it (the kiosk reads files as fast as it can decode), then keeps the
pipe open for --hold seconds without frames (a stalled camera).
"""
import sys
import time


def main(argv):
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    hold = float(argv[argv.index("--hold") + 1]) if "--hold" in argv else 0.0
    with open(argv[0], "rb") as f:
        header = f.readline()
        fields = dict((t[0], t[1:]) for t in header.decode().split()[1:])
        width, height = int(fields["W"]), int(fields["H"])
        num, den = (int(x) for x in fields.get("F", "30:1").split(":"))
        frame_bytes = width * height * 3 // 2  # C420
        out = sys.stdout.buffer
        out.write(header)
        start = time.monotonic()
        n = 0
        while True:
            marker = f.readline()
            if not marker:
                break
            data = f.read(frame_bytes)
            delay = start + n * den / num - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            try:
                out.write(marker + data)
                out.flush()
            except BrokenPipeError:
                return 0
            n += 1
    time.sleep(hold)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

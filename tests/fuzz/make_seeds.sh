#!/usr/bin/env bash
# Regenerates the seed corpora in tests/fuzz/corpus/<target>/ from real data: conformance vectors
# (tests/vectors), the demo event and roster (assets/demo), files written by the real code
# (a bundle, a delta, a manifest, a roster chunk and a revocation update by the bundle/ writers,
# via fuzz_bundle's seed writer; the
# entry log and `kiosk checkpoint` line from the demo's kiosk, when present), and small
# synthetic Y4M streams and V4L2 buffers in the documented formats.
#
#   tests/fuzz/make_seeds.sh [BUILD_FUZZ_DIR] [NORMAL_BUILD_DIR] [DEMO_OUT_DIR]
# defaults: build-fuzz (for fuzz_bundle), build (for the kiosk binary), demo-out (from
# scripts/demo.sh). The entry-log and checkpoint seeds are only remade when the demo's kiosk state
# (DEMO_OUT_DIR/kiosk-main) and the kiosk binary exist; otherwise the committed ones are kept.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD_FUZZ=${1:-build-fuzz}
BUILD=${2:-build}
DEMO_OUT=${3:-demo-out}
C=tests/fuzz/corpus
V=tests/vectors

for t in ac1_text base45 cbor_cose bundle event_toml roster_csv y4m v4l2_frame; do
  rm -rf "$C/$t"; mkdir -p "$C/$t"
done
mkdir -p "$C/checkpoint_text" "$C/entry_log"

# AC1 texts, Base45 strings, COSE and payload bytes from the conformance vectors.
python3 - "$V" "$C" <<'PY'
import json, sys, pathlib
v, c = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
def case(n):
    return json.loads(next(v.glob(f"{n:03d}-*.json")).read_text())
def put(target, name, data):
    (c / target / name).write_bytes(data if isinstance(data, bytes) else data.encode())
for n in (1, 2, 5, 7, 13, 24, 45, 57, 107, 114, 120):
    put("ac1_text", f"vector-{n:03d}", case(n)["AC1"])
for n in (1, 17, 18, 19, 21):
    put("base45", f"vector-{n:03d}", case(n)["BASE45"])
for n in (1, 5, 28, 33, 44):
    put("cbor_cose", f"cose-{n:03d}", bytes.fromhex(case(n)["COSE_HEX"]))
for n in (2, 59, 64, 88):
    put("cbor_cose", f"payload-{n:03d}", bytes.fromhex(case(n)["PAYLOAD_HEX"]))
PY

# Sync requests with real chained rows and credentials (fuzz_pushed_rows' seed writer); the
# sync message parser starts from the same.
rm -rf "$C/pushed_rows" "$C/sync_messages"; mkdir -p "$C/pushed_rows" "$C/sync_messages"
ACCRED_FUZZ_WRITE_SEEDS="$C/pushed_rows" "$BUILD_FUZZ/tests/fuzz/fuzz_pushed_rows"
cp "$C/pushed_rows"/* "$C/sync_messages/"

# Bundle and revocation update (files and payloads), written by the real writer.
ACCRED_FUZZ_WRITE_SEEDS="$C/bundle" "$BUILD_FUZZ/tests/fuzz/fuzz_bundle"

cp assets/demo/event.toml "$C/event_toml/demo-event.toml"

head -n 5 assets/demo/roster.csv > "$C/roster_csv/demo-first-4.csv"
{ head -n 1 assets/demo/roster.csv; grep -m1 '^P001,' assets/demo/roster.csv
  grep -m1 '^K001,' assets/demo/roster.csv; grep -m1 '"' assets/demo/roster.csv; } \
  > "$C/roster_csv/demo-escort-quoted.csv"
printf '%s\r\n%s\r\n' "$(head -n 1 assets/demo/roster.csv)" \
  'X1,"Name, with ""quotes""",,visitor,2014-04-01,,C001.png,D001' > "$C/roster_csv/crlf-quoted.csv"

# Y4M: two 16x16 frames in 4:2:0, two 8x8 mono frames, one 4x4 4:4:4 frame with every parameter.
python3 - "$C/y4m" <<'PY'
import sys, pathlib
d = pathlib.Path(sys.argv[1])
def frames(w, h, chroma, n):
    out = b""
    for i in range(n):
        out += b"FRAME\n" + bytes((x * 7 + i * 31) & 0xFF for x in range(w * h)) + bytes([128]) * chroma
    return out
(d / "420-16x16-2frames.y4m").write_bytes(b"YUV4MPEG2 W16 H16 F30:1 Ip A1:1 C420jpeg XYSCSS=420JPEG\n" + frames(16, 16, 2 * 8 * 8, 2))
(d / "mono-8x8-2frames.y4m").write_bytes(b"YUV4MPEG2 W8 H8 F25:1 Cmono\n" + frames(8, 8, 0, 2))
(d / "444-4x4.y4m").write_bytes(b"YUV4MPEG2 W4 H4 F30000:1001 It A0:0 C444\n" + frames(4, 4, 32, 1))
PY

# V4L2 buffers: [format index][fourcc if index >= 15][width][height][stride] + bytes (fuzz_v4l2_frame.cpp).
python3 - "$C/v4l2_frame" <<'PY'
import sys, struct, pathlib
d = pathlib.Path(sys.argv[1])
def buf(index, w, h, stride, data, fourcc=b"\0\0\0\0"):
    return bytes([index]) + fourcc + struct.pack("<iiI", w, h, stride) + data
(d / "grey-8x8").write_bytes(buf(0, 8, 8, 0, bytes(range(64))))
(d / "nv12-4x4").write_bytes(buf(4, 4, 4, 0, bytes(range(24))))
(d / "yuyv-4x2").write_bytes(buf(8, 4, 2, 0, bytes(range(16))))
(d / "uyvy-2x2-stride8").write_bytes(buf(10, 2, 2, 8, bytes(range(12))))
(d / "rgb24-3x2-stride12").write_bytes(buf(12, 3, 2, 12, bytes(range(21))))
(d / "mjpg-unsupported").write_bytes(buf(255, 4, 4, 0, bytes(16), b"MJPG"))
PY

# The entry log and its checkpoint, from the demo's kiosk (a copy: the demo's state is not touched).
if [[ -f "$DEMO_OUT/kiosk-main/log.db" && -x "$BUILD/kiosk/kiosk" ]]; then
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  cp -r "$DEMO_OUT/kiosk-main" "$tmp/state"
  "$BUILD/kiosk/kiosk" checkpoint --state "$tmp/state" > "$C/checkpoint_text/kiosk-checkpoint.txt"
  tr -d '\n' < "$C/checkpoint_text/kiosk-checkpoint.txt" > "$C/checkpoint_text/kiosk-checkpoint-no-newline.txt"
  { tr -d '\n' < "$C/checkpoint_text/kiosk-checkpoint.txt"; printf '\r\n'; } > "$C/checkpoint_text/kiosk-checkpoint-crlf.txt"
  cp "$tmp/state/log.db" "$C/entry_log/demo-kiosk-log.db"
else
  echo "make_seeds.sh: no $DEMO_OUT/kiosk-main or $BUILD/kiosk/kiosk: kept the committed entry_log and checkpoint_text seeds" >&2
fi
du -sh "$C"

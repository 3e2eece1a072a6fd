#!/usr/bin/env bash
# The whole performance table of issue 8 in one command (docs/performance.md explains it):
#   1. kiosk_bench      per stage and frame-to-verdict at 640x480, 1280x720, 1920x1080, each
#                       beside the bare library doing the same work; verification throughput
#   2. kiosk run        the kiosk's peak memory, headless, on a 1280x720 camera stream
#   3. issuer_bench     issuance: credentials/s and badge pages/s
#   4. audit_bench      audit verification: entries/s
#   5. make_qr_corpus + qr_corpus_bench
#                       read rate and time per frame on the camera-condition corpus: the kiosk,
#                       ZXing's defaults, ZXingReader and zbarimg on the same images; the
#                       ImageMagick corpus and clips (docs/qr-pipeline.md), and deblur_oracle
#   6. fleet_load       the desk's service (issuer serve) and 50 simulated kiosks over mutual
#                       TLS: rows/s accepted, delay from decision to desk, against bare SQLite;
#                       the busy morning again under a flood of BENCH_FLEET_FLOOD (default 1000)
#                       connections without a certificate: syncs, latency, revocation delay
# Usage: scripts/bench.sh [BUILD_DIR]   (default build/; configured and the needed targets built
# there when missing). Sizes: BENCH_PEOPLE (issuer, default 2000), BENCH_AUDIT_ENTRIES (default
# 200000), KIOSK_BENCH_ITERATIONS (default 200), BENCH_CORPUS_PER_LEVEL (default 6, x50 images).
# Takes about four minutes on the 2-core reference machine. It measures; it asserts nothing.
# The scale benchmark (an event of 100,000 people, every step timed with its peak memory) is
# apart, since it takes over an hour: scripts/scale_bench.sh [N] (docs/performance.md).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(realpath -m "${1:-$root/build}")
targets=(kiosk_bench issuer_bench audit_bench make_qr_corpus qr_corpus_bench deblur_oracle issuer
         kiosk make_camera_y4m fleet_load)
# Configured every time: the test script's build leaves the benchmarks out (ACCRED_BUILD_BENCH).
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DACCRED_BUILD_BENCH=ON \
    >/dev/null
ninja -C "$build" "${targets[@]}" >/dev/null
for tool in /usr/bin/ZXingReader /usr/bin/zbarimg /usr/bin/time; do
    [ -x "$tool" ] || { echo "bench.sh: $tool is missing (scripts/debian-packages.txt)" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "== 1. kiosk: stages and frame-to-verdict (ms), verification"
KIOSK_BENCH_ITERATIONS=${KIOSK_BENCH_ITERATIONS:-200} "$build/tests/bench/kiosk_bench" \
    | grep -v -E '^(=+|All tests passed.*)$'

echo
echo "== 2. kiosk peak memory (kiosk run --headless, 1280x720 y4m stream of 8 badges)"
(
    cd "$work"
    export ACCRED_PASSPHRASE="bench desk passphrase" ACCRED_KIOSK_PASSPHRASE="bench kiosk passphrase"
    issuer=$build/issuer/issuer kiosk=$build/kiosk/kiosk demo=$root/assets/demo
    $issuer init desk --event "$demo/event.toml" --kdf-cost interactive >/dev/null
    $issuer roster import "$demo/roster.csv" -w desk --now 2014-03-28T08:00:00Z >/dev/null
    $issuer issue --all -w desk --now 2014-03-28T08:00:00Z >/dev/null
    $issuer badges --png-dir badges --dpi 150 -w desk >/dev/null
    $issuer bundle --out v1.bundle -w desk --now 2014-03-31T05:00:00Z >/dev/null
    "$build/tests/make_camera_y4m" --out stream.y4m --size 1280x720 --empty 10 --held 30 \
        --fill 0.8-0.95 badges/D00{1,2,3,4,5,6,7,8}.png >/dev/null 2>&1
    $kiosk enroll --bundle v1.bundle --event-key desk/event.pub --gate press_door --state k \
        --kdf-cost interactive >/dev/null
    /usr/bin/time -f '%M %e' -o rss.txt $kiosk run --state k --headless \
        --now 2014-03-31T08:00:00Z --source y4m:stream.y4m --exit-when-done \
        >decisions.json 2>kiosk.err
    read -r rss_kib seconds <rss.txt
    frames=$(( (10 + 30) * 8 + 10 ))
    printf '  peak resident memory %.1f MiB; %d decisions from %d frames in %.1f s\n' \
        "$(awk -v k="$rss_kib" 'BEGIN { print k / 1024 }')" "$(wc -l <decisions.json)" "$frames" "$seconds"
)

echo
echo "== 3. issuance (${BENCH_PEOPLE:-2000} generated delegates)"
"$build/tests/bench/issuer_bench" "${BENCH_PEOPLE:-2000}"

echo
echo "== 4. audit verification (${BENCH_AUDIT_ENTRIES:-200000} entries)"
"$build/tests/issuer/audit/audit_bench" "${BENCH_AUDIT_ENTRIES:-200000}"

echo
echo "== 5. camera-condition corpus"
"$build/tests/bench/make_qr_corpus" --out "$work/corpus" --seed 1 \
    --per-level "${BENCH_CORPUS_PER_LEVEL:-6}" 2>/dev/null
# The ImageMagick corpus (docs/qr-pipeline.md): seed 1 was used for tuning, seed 2 is reported;
# then the presentations (a badge brought up to the camera and held for a second), rendered by
# the camera simulator and as Y4M clips by ImageMagick (make_im_clips.py, seed 2 reported).
"$build/tests/bench/make_qr_corpus" --out "$work/im" --badges-only 2>/dev/null
python3 "$root/tests/bench/make_im_corpus.py" --badges "$work/im/badges" --out "$work/im/seed2" \
    --seed 2 --per-level "${BENCH_IM_PER_LEVEL:-4}"
python3 "$root/tests/bench/make_im_clips.py" --badges "$work/im/badges" --out "$work/im/clips2" \
    --seed 2 --count "${BENCH_PRESENTATIONS:-24}"
"$build/tests/bench/qr_corpus_bench" --corpus "$work/corpus" --corpus "$work/im/seed2" \
    --presentations "$work/im/badges" --count "${BENCH_PRESENTATIONS:-24}" --clips "$work/im/clips2"
# How close the kiosk's deconvolution comes to the same deconvolution told each frame's blur.
"$build/tests/bench/deblur_oracle" --corpus "$work/im/seed2" 2>/dev/null

echo
echo "== 6. fleet under load"
"$build/tests/bench/fleet_load" --issuer "$build/issuer/issuer" --kiosks "${BENCH_FLEET_KIOSKS:-50}" \
    --flood "${BENCH_FLEET_FLOOD:-1000}"

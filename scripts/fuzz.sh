#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz, clang-14 + ASan + UBSan) and runs each for a while.
#
#   scripts/fuzz.sh [--seconds N] [TARGET...]
#
# TARGET: ac1_text base45 cbor_cose bundle event_toml roster_csv y4m v4l2_frame checkpoint_text
# entry_log sync_messages pushed_rows (the fuzz_ prefix is optional); default all, one after the
# other. N: seconds of fuzzing per target, default 10.
#
# Per target: first every file in tests/fuzz/regressions/<target>/ is replayed once (a plain
# run, no mutation); then the fuzzer runs on a COPY of tests/fuzz/corpus/<target>/ in a temporary
# directory, so nothing is ever written into the repository. Prints executions, exec/s, corpus
# size and PASS/FAIL per target; exits 1 when any target crashed (crash, ASan/UBSan report, leak,
# timeout, out of memory or a failed FUZZ_CHECK). Inputs that failed are copied to
# $FINDINGS_DIR/<target>/ (default /tmp/accred-fuzz-findings): see tests/fuzz/README.md for
# turning one into a regression input.
#
# Environment: BUILD_DIR (default build-fuzz, gitignored), FINDINGS_DIR.
# Needs the Debian packages clang-14 and libclang-rt-14-dev (libFuzzer, ASan and UBSan runtimes).
set -euo pipefail
cd "$(dirname "$0")/.."

ALL_TARGETS=(ac1_text base45 cbor_cose bundle event_toml roster_csv y4m v4l2_frame checkpoint_text entry_log
             sync_messages pushed_rows)
# -max_len per target: a little above the largest input the code accepts or the seeds need.
declare -A MAX_LEN=(
  [ac1_text]=4096          # kMaxCredentialText is 2048: room to cross the length check
  [base45]=4096            # AC1 texts are ~300 characters; 4096 covers every branch
  [cbor_cose]=4096         # credential COSE <= kMaxCosePayloadBytes (1024) + envelope
  [bundle]=16384           # seeds are 3.5 KB (demo event, 2 photos); photos add only length
  [event_toml]=16384       # the demo event.toml is 6.6 KB
  [roster_csv]=8192        # a few dozen rows; the per-field cap is 256 bytes
  [y4m]=4096               # header (<= 1024) + a few tiny frames (16x16 4:2:0 is 384 bytes)
  [v4l2_frame]=4096        # 17-byte view header + buffer
  [checkpoint_text]=1024   # a checkpoint line is ~275 bytes
  [entry_log]=65536        # 16 SQLite pages; the demo log is 20 KB (5 pages)
  [sync_messages]=16384    # a row is ~700 bytes of JSON: a few rows and a reply
  [pushed_rows]=16384      # the seeds' five chained rows are ~4 KB
)

SECS=10
TARGETS=()
while (($#)); do
  case "$1" in
    --seconds) SECS=${2:?--seconds needs a number}; shift 2 ;;
    --seconds=*) SECS=${1#--seconds=}; shift ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) t=${1#fuzz_}
       [[ -n "${MAX_LEN[$t]:-}" ]] || { echo "fuzz.sh: unknown target $1 (known: ${ALL_TARGETS[*]})" >&2; exit 2; }
       TARGETS+=("$t"); shift ;;
  esac
done
[[ "$SECS" =~ ^[0-9]+$ && "$SECS" -gt 0 ]] || { echo "fuzz.sh: --seconds must be a positive integer" >&2; exit 2; }
((${#TARGETS[@]})) || TARGETS=("${ALL_TARGETS[@]}")

BUILD_DIR=${BUILD_DIR:-build-fuzz}
FINDINGS_DIR=${FINDINGS_DIR:-/tmp/accred-fuzz-findings}
for tool in clang-14 clang++-14 cmake ninja; do
  command -v "$tool" >/dev/null || { echo "fuzz.sh: $tool not found (Debian: clang-14 libclang-rt-14-dev cmake ninja-build)" >&2; exit 2; }
done

CC=clang-14 CXX=clang++-14 cmake -S . -B "$BUILD_DIR" -G Ninja \
  -DACCRED_FUZZ=ON -DACCRED_BUILD_TESTS=OFF >/dev/null
ninja -C "$BUILD_DIR" -j2 fuzz_all

# Every sanitizer report aborts, so libFuzzer records it as a crash with its input.
export ASAN_OPTIONS=abort_on_error=1:halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1:symbolize=1
export UBSAN_OPTIONS=abort_on_error=1:halt_on_error=1:print_stacktrace=1:symbolize=1
COMMON=(-timeout=10 -rss_limit_mb=2048)

WORK=$(mktemp -d /tmp/accred-fuzz.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

failed=0
summary=()
for t in "${TARGETS[@]}"; do
  bin="$BUILD_DIR/tests/fuzz/fuzz_$t"
  dir="$WORK/$t"
  mkdir -p "$dir/corpus" "$dir/artifacts"
  status=PASS
  note=""

  # 1. Regression inputs: each must run cleanly.
  shopt -s nullglob
  regressions=(tests/fuzz/regressions/"$t"/*)
  shopt -u nullglob
  if ((${#regressions[@]})); then
    if ! "$bin" "${COMMON[@]}" -artifact_prefix="$dir/artifacts/" "${regressions[@]}" >"$dir/regressions.log" 2>&1; then
      status=FAIL
      note="regression input fails (log: see below)"
      tail -n 40 "$dir/regressions.log" >&2
    fi
  fi

  # 2. Fuzzing on a copy of the seed corpus.
  cp -r tests/fuzz/corpus/"$t"/. "$dir/corpus/"
  rc=0
  if [[ $status == PASS ]]; then
    "$bin" "${COMMON[@]}" -max_len="${MAX_LEN[$t]}" -max_total_time="$SECS" -print_final_stats=1 \
      -artifact_prefix="$dir/artifacts/" "$dir/corpus" >"$dir/fuzz.log" 2>&1 || rc=$?
  fi
  execs=0 rate=0
  if [[ -f "$dir/fuzz.log" ]]; then
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/fuzz.log" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/fuzz.log" | tail -n 1)
  fi
  files=$(find "$dir/corpus" -type f | wc -l)
  bytes=$(du -sb "$dir/corpus" | cut -f1)
  if [[ $status == FAIL ]] || ((rc != 0)) || [[ -n "$(ls -A "$dir/artifacts")" ]]; then
    status=FAIL
    mkdir -p "$FINDINGS_DIR/$t"
    cp "$dir"/artifacts/* "$FINDINGS_DIR/$t/" 2>/dev/null || true
    cp "$dir/fuzz.log" "$FINDINGS_DIR/$t/fuzz.log" 2>/dev/null || true
    [[ -f "$dir/regressions.log" ]] && cp "$dir/regressions.log" "$FINDINGS_DIR/$t/"
    note="${note:+$note; }inputs and log in $FINDINGS_DIR/$t/"
    [[ -f "$dir/fuzz.log" ]] && grep -E -A 12 'ERROR:|runtime error|FUZZ_CHECK|deadly signal' "$dir/fuzz.log" | head -n 40 >&2 || true
  fi
  [[ $status == FAIL ]] && failed=1
  line=$(printf '%-16s %-4s max_len=%-6s execs=%-10s exec/s=%-7s corpus=%s files, %s bytes' \
    "$t" "$status" "${MAX_LEN[$t]}" "${execs:-0}" "${rate:-0}" "$files" "$bytes")
  [[ -n "$note" ]] && line="$line  ($note)"
  echo "$line"
  summary+=("$line")
done

echo
echo "fuzz.sh: ${#TARGETS[@]} target(s), ${SECS}s each"
printf '%s\n' "${summary[@]}"
exit "$failed"

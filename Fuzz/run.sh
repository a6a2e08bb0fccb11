#!/usr/bin/env bash
# Runs the libFuzzer harnesses of Fuzz/ (built by `make fuzz-build`).
# Usage: Fuzz/run.sh SECONDS [HARNESS...]   (default: every harness)
#
# For each harness: replays every file of Fuzz/regressions/HARNESS/ (inputs that once crashed
# or hung, kept so they never come back), then fuzzes for SECONDS from a corpus seeded with the
# test fixtures (.build/fuzz/corpus/HARNESS, kept between runs). A crash, leak, timeout or
# out-of-memory writes the input to .build/fuzz/artifacts/HARNESS/ and fails the run: copy it
# into Fuzz/regressions/HARNESS/ with the fix. Prints one summary line per harness.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:?usage: Fuzz/run.sh SECONDS [HARNESS...]}
shift
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(FuzzMail FuzzDiff FuzzSeries FuzzHeader FuzzSite)
bin=Fuzz/.build/release
work=.build/fuzz
export LSAN_OPTIONS=suppressions=$PWD/Fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}

seed() {
  local h=$1 dir=$work/corpus/$1
  [ -d "$dir" ] && [ -n "$(ls -A "$dir")" ] && return
  mkdir -p "$dir"
  case $h in
    FuzzHeader)
      find Tests/UAPIModelTests/Fixtures Tests/UAPIChecksTests/Fixtures -name '*.h' -exec cp {} "$dir/" \; 2>/dev/null || true
      for f in $(find Tests/UAPIModelTests/Fixtures Tests/UAPIChecksTests/Fixtures -name '*.h'); do
        cp "$f" "$dir/$(echo "$f" | tr '/' '_')"
      done
      cp Sources/HabanaLabsReference/uapi/misc/hl_memory.h "$dir/" ;;
    *)
      for f in Tests/MailSeriesTests/Fixtures/mail/*; do cp "$f" "$dir/$(basename "$f")"; done
      cp Examples/hl-dmabuf/series.mbox "$dir/bundled.mbox"
      if [ -d ../shared/corpus/habanalabs-v6 ]; then
        for f in ../shared/corpus/habanalabs-v6/*.eml; do cp "$f" "$dir/v6-$(basename "$f")"; done
      fi ;;
  esac
}

failed=0
for h in "${harnesses[@]}"; do
  [ -x "$bin/$h" ] || { echo "fuzz: $bin/$h is not built (make fuzz-build)" >&2; exit 2; }
  seed "$h"
  mkdir -p "$work/artifacts/$h"
  log=$work/$h.log
  # Old crashes first: each regression input runs once and must pass.
  regressions=()
  for f in Fuzz/regressions/$h/*; do [ -f "$f" ] && regressions+=("$f"); done
  if [ ${#regressions[@]} -gt 0 ]; then
    if ! "$bin/$h" -rss_limit_mb=4096 -timeout=20 "${regressions[@]}" >"$log.regressions" 2>&1; then
      echo "fuzz: $h: a regression input fails again:"; tail -30 "$log.regressions"; failed=1; continue
    fi
  fi
  # -timeout: one input taking longer is a hang; -rss_limit_mb: memory blow-ups are findings.
  if "$bin/$h" "$work/corpus/$h" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 \
      -artifact_prefix="$work/artifacts/$h/" -print_final_stats=1 >"$log" 2>&1; then
    runs=$(grep -oE '^stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
    cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || echo "?")
    echo "fuzz: $h: ${seconds}s, $runs inputs, coverage $cov, ${#regressions[@]} regression inputs replayed, no crash"
  else
    echo "fuzz: $h: FAILED (input in $work/artifacts/$h/):"
    grep -E "ERROR|SUMMARY|Fatal error|deadly signal|timeout|out-of-memory|leak" "$log" | head -12
    failed=1
  fi
done
exit $failed

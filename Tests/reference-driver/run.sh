#!/usr/bin/env bash
# Build the reference driver's C tests with gcc under AddressSanitizer and
# UBSan, straight from the HabanaLabsReference sources, and run them.
# Usage: Tests/reference-driver/run.sh [BUILD_DIR]  (default .build/reference-driver)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
src="$root/Sources/HabanaLabsReference"
out="${1:-$root/.build/reference-driver}"
mkdir -p "$out"
# hlr_bundled.c and hlr_example.c embed files with #embed, which gcc 12 lacks; they hold
# no driver logic (the Swift build compiles them with clang).
sources=$(ls "$src"/hlr_*.c | grep -v -e '/hlr_bundled\.c$' -e '/hlr_example\.c$')
${CC:-gcc} -std=gnu11 -g -O1 -DHLR_DEBUG \
	-fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer -Wall -Wextra -Werror \
	-I"$src" -I"$src/include" \
	-o "$out/test_hlr" "$root/Tests/reference-driver/test_hlr.c" $sources
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	"$out/test_hlr"

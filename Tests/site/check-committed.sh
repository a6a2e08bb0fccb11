#!/usr/bin/env bash
# site/ must be what the tool renders today, and rendering must be deterministic: render the
# bundled example twice into temporary folders, require the two byte-identical, then require
# them equal to the committed site/ (run `make demo` to regenerate it).
set -euo pipefail
BIN=${1:?usage: check-committed.sh BIN}
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
render() {
  local out=$1 st=0
  "$BIN" site -o "$out" --markdown "$out/docs" 2>"$tmp/stderr" || st=$?
  # 4 and up are findings; 1 (input) and 2 (usage) are failures.
  if (( st & 3 )); then
    echo "site-check: uapi-review site exited $st" >&2
    cat "$tmp/stderr" >&2
    exit 1
  fi
}
render "$tmp/a"
render "$tmp/b"
if ! diff -r "$tmp/a" "$tmp/b" >"$tmp/ab.diff"; then
  echo "site-check: two renders of the bundled example differ:" >&2
  head -40 "$tmp/ab.diff" >&2
  exit 1
fi
if ! diff -r site "$tmp/a" >"$tmp/committed.diff"; then
  echo "site-check: the committed site/ is out of date; run 'make demo' and commit site/:" >&2
  head -40 "$tmp/committed.diff" >&2
  exit 1
fi
echo "site-check: $(find "$tmp/a" -type f | wc -l) files, two renders identical, committed site/ up to date"

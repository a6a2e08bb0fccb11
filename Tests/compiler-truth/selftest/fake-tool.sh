#!/bin/sh
# Stand-in for `uapi-review header FILE... --include-root R --abi LIST --format json`:
# checks the command line truth.py builds, prints the fixture named by $FAKE_TOOL_JSON and
# exits 1, as the real tool does when it reported error diagnostics.
set -eu
[ "${1:-}" = header ] || { echo "fake-tool: expected 'header' subcommand, got '${1:-}'" >&2; exit 2; }
shift
files=0 root= abi= format=
while [ $# -gt 0 ]; do
  case "$1" in
    --include-root) root=$2; shift 2 ;;
    --abi) abi=$2; shift 2 ;;
    --format) format=$2; shift 2 ;;
    -*) echo "fake-tool: unknown option $1" >&2; exit 2 ;;
    *) [ -f "$1" ] || { echo "fake-tool: no such header $1" >&2; exit 2; }; files=$((files + 1)); shift ;;
  esac
done
[ "$format" = json ] || { echo "fake-tool: --format json missing" >&2; exit 2; }
[ -n "$root" ] && [ -n "$abi" ] && [ "$files" -gt 0 ] || { echo "fake-tool: incomplete command line" >&2; exit 2; }
cat "$FAKE_TOOL_JSON"
exit 1

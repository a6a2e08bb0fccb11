#!/bin/sh
# Self-test of the compiler-truth harness (truth.py) on hand-written tool output for three real
# headers: linux/if_ether.h (struct ethhdr, packed), linux/ip.h (struct iphdr: bit-fields,
# __struct_group anonymous union) and misc/habanalabs.h (struct hl_mem_in, HL_IOCTL_MEMORY).
#
#   selftest/tool-output.json         all values correct except ONE planted error: struct
#                                     hl_mem_in alignment 8 on i386 (a real compiler says 4).
#   selftest/tool-output-missed.json  the planted error fixed, but ETH_HLEN listed as a plain
#                                     macro instead of a constant: one missed constant per ABI.
#
# Each case checks truth.py's exit status, its last line and the exact failure list in
# report.json. Needs the same packages as truth.py (see README.md). Prints "N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/truth-selftest.XXXXXX")
trap 'rm -rf "$work"' EXIT
HEADERS="linux/if_ether.h linux/ip.h misc/habanalabs.h"
pass=0
fail=0

# run NAME EXPECTED_EXIT EXPECTED_FAILURES(python literal: sorted list of (class, kind, abi, subject, tool, compiler)) ARGS...
run() {
  name=$1 want_rc=$2 want=$3
  shift 3
  out="$work/$name"
  # shellcheck disable=SC2086
  python3 "$here/truth.py" --headers $HEADERS --no-unlisted --out "$out" "$@" >"$work/$name.stdout" 2>"$work/$name.stderr"
  rc=$?
  if python3 - "$out/report.json" "$work/$name.stdout" "$rc" "$want_rc" "$want" <<'EOF'
import ast, json, sys
report, stdout, rc, want_rc, want = sys.argv[1:]
r = json.load(open(report))
got = sorted((f["class"], f["kind"], f["abi"], f["subject"], f["tool"], f["compiler"]) for f in r["failures"])
want = sorted(ast.literal_eval(want))
last = open(stdout).read().rstrip("\n").split("\n")[-1]
ok = True
if int(rc) != int(want_rc):
    print("  exit status %s, expected %s" % (rc, want_rc)); ok = False
if last != "%d passed, %d failed" % (r["passed"], r["failed"]) or r["failed"] != len(want):
    print("  last line %r, report failed=%d, expected %d failures" % (last, r["failed"], len(want))); ok = False
if got != want:
    print("  failures differ:\n    got  %s\n    want %s" % (got, want)); ok = False
for abi, s in r["summary"].items():
    if s["standalone"] != 3 or s["types"] != 3 or s["members"] != 40:
        print("  %s: unexpected summary %s" % (abi, s)); ok = False
print("  " + last)
sys.exit(0 if ok else 1)
EOF
  then
    echo "ok   $name"
    pass=$((pass + 1))
  else
    echo "FAIL $name (stdout/stderr: $work/$name.stdout, $work/$name.stderr)"
    sed 's/^/  | /' "$work/$name.stderr" | tail -5
    fail=$((fail + 1))
  fi
}

run planted-mismatch 1 \
  "[('mismatch', 'alignment', 'i386', 'struct hl_mem_in', 8, 4)]" \
  --json "$here/selftest/tool-output.json"

missed=""
for abi in x86_64 i386 x32 arm64 arm; do
  missed="$missed('missed', 'missed-constant', '$abi', 'ETH_HLEN', 'macro \"14\"', 'integer constant expression'),"
done
run missed-constant 1 "[$missed]" --json "$here/selftest/tool-output-missed.json"

# the tool-running path: a stand-in binary that prints the fixture and exits 1 (error diagnostics)
FAKE_TOOL_JSON="$here/selftest/tool-output.json" export FAKE_TOOL_JSON
run via-tool-allow-failures 0 \
  "[('mismatch', 'alignment', 'i386', 'struct hl_mem_in', 8, 4)]" \
  --tool "$here/selftest/fake-tool.sh" --abis x86_64,i386,x32,arm64,arm --jobs 2 --allow-failures

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

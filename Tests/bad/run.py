#!/usr/bin/env python3
"""The bad-input corpus (Tests/Fixtures/bad/): every case run through the tool, checked against
its .expect file. Usage: run.py [--timeout S] [--selftest] TOOL [CASE...]

A case fails on a hang (timeout), a crash (a signal, exit >= 128, or a Swift runtime trap on
stderr), a wrong exit status, an expected diagnostic, reason or output that is missing, or a
diagnostic printed without file:line:col. The expectation format is in
Tests/Fixtures/bad/README.md. Prints one line per case and `bad-input: N passed, M failed`.
"""
import argparse
import concurrent.futures
import os
import re
import shlex
import signal
import stat
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.normpath(os.path.join(HERE, "..", "Fixtures", "bad"))

# What the tool prints for a diagnostic (DiagnosticRenderer): `path:line:col: severity: message [id]`,
# the location left out when a diagnostic has none.
PRINTED = re.compile(r"^(?:(?P<loc>.+?:\d+:\d+): )?(?P<sev>error|warning|note): (?P<msg>.*) \[(?P<id>[A-Za-z0-9_.-]+)\]$")
# A `diagnostic:` expectation: `LOC: SEVERITY [ID] words of the message`, LOC optional.
EXPECTED = re.compile(r"^(?:(?P<loc>.+?:\d+:\d+): )?(?P<sev>error|warning|note) \[(?P<id>[A-Za-z0-9_.-]+)\](?: (?P<words>.*))?$")
# Signs of a crash that did not end in a signal (a trap caught and reported, an abort message).
CRASH_TEXT = ["Fatal error", "Swift runtime failure", "Segmentation fault", "Illegal instruction", "Stack dump", "Trace/breakpoint trap"]
KEYS = {"command", "stdin", "exit", "diagnostic", "reason", "stdout", "stdout-not", "stderr", "count",
        "max-diagnostics", "unlocated", "known-gap"}


class Case:
    def __init__(self, expect_path):
        self.expect_path = expect_path
        self.folder = os.path.dirname(expect_path)
        self.stem = os.path.basename(expect_path)[: -len(".expect")]
        self.name = os.path.relpath(expect_path, CORPUS)[: -len(".expect")]
        # The input: a file or folder with the same stem; none for cases about a missing input.
        candidates = sorted(n for n in os.listdir(self.folder)
                            if n != self.stem + ".expect" and (n == self.stem or n.startswith(self.stem + ".")))
        self.input = candidates[0] if candidates else self.stem
        self.items = []  # (key, value, line number)
        self.errors = []
        with open(expect_path, encoding="utf-8") as f:
            for n, raw in enumerate(f, 1):
                line = raw.rstrip("\n")
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                key, sep, value = line.partition(":")
                key = key.strip()
                if not sep or key not in KEYS:
                    self.errors.append(f"{self.name}.expect:{n}: not 'key: value' with a known key")
                    continue
                self.items.append((key, value.strip().replace("{}", self.input), n))

    def values(self, key):
        return [v for k, v, _ in self.items if k == key]


def run_case(tool, case, timeout):
    """Returns (passed, note): note says what failed, or what was checked."""
    problems = list(case.errors)
    commands = case.values("command")
    exits = case.values("exit")
    if len(commands) != 1 or len(exits) != 1:
        problems.append("needs exactly one 'command:' and one 'exit:'")
    if not case.values("diagnostic") and not case.values("reason") and not case.values("known-gap"):
        problems.append("needs a 'diagnostic:' or 'reason:' (or a 'known-gap:')")
    if problems:
        return False, "; ".join(problems)
    stdin_name = (case.values("stdin") or [None])[0]
    argv = [tool] + shlex.split(commands[0])
    stdin = open(os.path.join(case.folder, stdin_name), "rb") if stdin_name else subprocess.DEVNULL
    try:
        # A session of its own, so a hang is ended with everything the tool started (gcc).
        proc = subprocess.Popen(argv, cwd=case.folder, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True, env=dict(os.environ, LC_ALL="C.UTF-8"))
        try:
            stdout, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return False, f"hang: no exit after {timeout:g} s"
    finally:
        if stdin_name:
            stdin.close()
    out = stdout.decode("utf-8", "replace")
    err = stderr.decode("utf-8", "replace")
    rc = proc.returncode
    if rc < 0 or rc >= 128:
        sig = -rc if rc < 0 else rc - 128
        return False, f"crash: signal {sig} (exit {rc}){first_lines(err)}"
    for text in CRASH_TEXT:
        if text in err:
            return False, f"crash: '{text}' on stderr{first_lines(err)}"
    try:
        expected_rc = int(exits[0])
    except ValueError:
        return False, f"exit: '{exits[0]}' is not a number"
    if rc != expected_rc:
        problems.append(f"exit {rc}, expected {expected_rc}")

    printed = [m for m in (PRINTED.match(l) for l in err.splitlines()) if m]
    unlocated = set(case.values("unlocated"))
    for m in printed:
        if m.group("loc") is None and m.group("id") not in unlocated:
            problems.append(f"no file:line:col on '{m.group(0)}'")
    for spec in case.values("diagnostic"):
        e = EXPECTED.match(spec)
        if not e:
            problems.append(f"cannot read 'diagnostic: {spec}' (LOC: SEVERITY [ID] words)")
            continue
        words = e.group("words") or ""
        if not any(m.group("loc") == e.group("loc") and m.group("sev") == e.group("sev") and m.group("id") == e.group("id")
                   and words in m.group("msg") for m in printed):
            problems.append(f"missing diagnostic '{spec}'")
    err_lines = [l for l in err.splitlines() if l.strip()]
    for reason in case.values("reason"):
        if reason not in err_lines:
            problems.append(f"missing reason line '{reason}'")
    for text in case.values("stdout"):
        if text not in out:
            problems.append(f"stdout lacks '{text}'")
    for text in case.values("stdout-not"):
        if text in out:
            problems.append(f"stdout has '{text}'")
    for text in case.values("stderr"):
        if text not in err:
            problems.append(f"stderr lacks '{text}'")
    for spec in case.values("count"):
        ident, _, n = spec.rpartition(" ")
        got = sum(1 for m in printed if m.group("id") == ident.strip())
        if not n.isdigit() or got != int(n):
            problems.append(f"{got} '{ident.strip()}' diagnostics, expected {n}")
    for spec in case.values("max-diagnostics"):
        if not spec.isdigit() or len(printed) > int(spec):
            problems.append(f"{len(printed)} diagnostics, at most {spec} expected")
    if problems:
        return False, "; ".join(problems) + first_lines(err)
    gap = case.values("known-gap")
    return True, f"(known gap: {gap[0]})" if gap else ""


def first_lines(err, n=3):
    lines = [l for l in err.splitlines() if l.strip()][:n]
    return "".join("\n      | " + l[:200] for l in lines)


def discover(only):
    cases = []
    for root, _, files in os.walk(CORPUS):
        for f in files:
            if f.endswith(".expect"):
                cases.append(Case(os.path.join(root, f)))
    cases.sort(key=lambda c: c.name)
    if only:
        cases = [c for c in cases if c.name in only or c.name.split("/")[0] in only]
    return cases


def run_all(tool, cases, timeout, quiet=False):
    workers = max(1, min(4, os.cpu_count() or 1))
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        results = list(pool.map(lambda c: run_case(tool, c, timeout), cases))
    passed = 0
    for case, (ok, note) in zip(cases, results):
        passed += ok
        if not quiet:
            print(f"{'ok  ' if ok else 'FAIL'}  {case.name}" + (f"  {note}" if note else ""))
    return passed, len(cases) - passed, results


def selftest(cases):
    """The runner against tools broken on purpose: each must fail every case it runs."""
    broken = {
        "crash": "kill -SEGV $$",
        "hang": "sleep 30",
        "trap": "echo 'Fatal error: Index out of range' >&2; exit 1",
        "silent": "exit 0",
        "unlocated": "echo 'error: something [input.missing]' >&2; exit 1",
    }
    sample = [c for c in cases if not c.values("known-gap")][:3]
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for what, body in broken.items():
            tool = os.path.join(tmp, what)
            with open(tool, "w") as f:
                f.write("#!/bin/sh\n" + body + "\n")
            os.chmod(tool, stat.S_IRWXU)
            _, failed, results = run_all(tool, sample, timeout=1, quiet=True)
            if failed != len(sample):
                failures += 1
                print(f"selftest: a tool that does '{what}' passed a case")
            elif what in ("crash", "hang") and not all(note.startswith(what) for _, note in results):
                failures += 1
                print(f"selftest: a tool that does '{what}' was not reported as {what}: {results[0][1]}")
    print(f"bad-input selftest: {len(broken) - failures} of {len(broken)} broken tools caught")
    return failures == 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("tool")
    ap.add_argument("cases", nargs="*", help="case names (mail/empty) or groups (mail) to run; all by default")
    ap.add_argument("--timeout", type=float, default=20, help="seconds before a case counts as a hang (20)")
    ap.add_argument("--selftest", action="store_true", help="first check that the runner fails broken tools")
    args = ap.parse_args()
    tool = os.path.abspath(args.tool)
    if not os.access(tool, os.X_OK):
        print(f"bad-input: {args.tool} is not an executable", file=sys.stderr)
        return 2
    cases = discover(set(args.cases))
    if not cases:
        print("bad-input: no cases found", file=sys.stderr)
        return 2
    if args.selftest and not selftest(cases):
        return 1
    passed, failed, _ = run_all(tool, cases, args.timeout)
    print(f"bad-input: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

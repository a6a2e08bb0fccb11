#!/usr/bin/env python3
"""Scale test for truth.py without uapi-review: build a tool-shaped JSON for many headers.

Layouts come from clang's record-layout dump (-fdump-record-layouts-complete) for each ABI:
clang --target x86_64/i686/x32 for the x86 ABIs, the same include setup as truth.py for arm.
Compared by truth.py against gcc for x86, this is also a gcc-versus-clang layout cross-check.
Constants are every object-like macro the header defines (per -E -dD), with value null.

  mkfake.py --out fake.json [--headers linux/ip.h ...]   # member sizes / constant values are null
  truth.py --json fake.json --out W --allow-failures        # compiler fills in what was null
  mkfake.py --fill W/report.json fake.json --out fake2.json # copy those values in
  truth.py --json fake2.json ...                            # now expect 0 failures

The fill step copies values only into fields that are null, and drops constants the compiler
says are not integer constants; values taken from clang's layout dump are never overwritten.
"""

import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import truth  # noqa: E402

X86_CLANG_TARGET = {"x86_64": "x86_64-linux-gnu", "i386": "i686-linux-gnu", "x32": "x86_64-linux-gnux32"}
LINE_RE = re.compile(r"^\s*(\d+)(?::(\d+)-(\d+))? \|( +)(.*)$")
SIZE_RE = re.compile(r"^\s*\| \[sizeof=(\d+)(?:, dsize=\d+)?, align=(\d+)")


def clang_cmd(tc, abi):
    if tc.kind == "clang":
        return tc.base
    return [ARGS.clang, "--target=" + X86_CLANG_TARGET[abi], "-fno-color-diagnostics"]


def parse_layouts(text):
    recs = []
    cur = None
    stack = []
    for line in text.split("\n"):
        if line.startswith("*** Dumping AST Record Layout"):
            cur = None
            continue
        m = SIZE_RE.match(line)
        if m and cur is not None:
            cur["size"], cur["alignment"] = int(m.group(1)), int(m.group(2))
            recs.append(cur)
            cur = None
            continue
        m = LINE_RE.match(line)
        if not m:
            continue
        off, lo, hi, spaces, rest = int(m.group(1)), m.group(2), m.group(3), m.group(4), m.group(5)
        depth = (len(spaces) - 1) // 2
        if depth == 0:
            cur = {"title": rest.strip(), "members": []}
            stack = []
            continue
        if cur is None:
            continue
        unnamed = rest.endswith(" ") or rest.rstrip().endswith(")")
        name = None if unnamed else rest.rstrip().rsplit(" ", 1)[-1].lstrip("*")
        typ = rest.strip() if unnamed else rest.rstrip().rsplit(" ", 1)[0]
        if not re.match(r"^[A-Za-z_]\w*$", name or ""):
            name = None
        del stack[depth - 1:]
        prefix = [s for s in stack if s]
        path = ".".join(prefix + [name]) if name else None
        mem = {"name": name, "path": path, "type": typ, "offset": off, "size": None,
               "bitOffset": None, "bitWidth": None, "depth": depth}
        if lo is not None:
            mem["bitOffset"] = off * 8 + int(lo)
            mem["bitWidth"] = int(hi) - int(lo) + 1
            mem["offset"] = mem["bitOffset"] // 8
            if name is None:
                mem["path"] = None
        cur["members"].append(mem)
        stack.append(name)   # anonymous levels contribute nothing to paths
    return recs


def one(tc, hdr, workdir):
    """Layouts via -fdump-record-layouts, forced by a sizeof per tag at the end of the file.

    (-fdump-record-layouts-complete is not usable: clang 21 then lays records out when their
    closing brace is parsed, before a trailing __attribute__((packed/aligned)) applies, and the
    dumped and even the _Alignof values come out wrong, e.g. struct ethhdr, struct bpf_dynptr.)"""
    abi = tc.abi
    with open(os.path.join(workdir, abi, hdr.slug + ".sa.c"), "w") as f:
        f.write(tc.include_line(hdr) + "\n")
    with open(hdr.real if not (hdr.x86_asm and tc.kind == "clang") else hdr.path, errors="replace") as f:
        text = f.read()
    defined = set(re.findall(r"\b(struct|union)\s+([A-Za-z_]\w*)\s*\{", text))
    items = [{"id": i, "tag": "%s %s" % d} for i, d in enumerate(sorted(defined))]

    def build(its):
        lines = [tc.include_line(hdr)]
        lm = {}
        for k, it in enumerate(its):
            lines.append("int uapifake_%d = sizeof(%s);" % (it["id"], it["tag"]))
            lm[len(lines)] = k
        return "\n".join(lines) + "\n", lm

    def comp(path):
        p = subprocess.run(clang_cmd(tc, abi) + ["-fsyntax-only", "-Xclang", "-fdump-record-layouts", path],
                           capture_output=True, text=True)
        return p.returncode == 0, p.stderr, p.stdout

    b = truth.Batch(os.path.join(workdir, abi, hdr.slug + ".fake.c"), build, comp).run(items)
    if not b.results and items:
        return hdr, abi, None
    dump = "\n".join(r for _, r in b.results)
    types = []
    seen = set()
    for r in parse_layouts(dump):
        m = re.match(r"^(struct|union) ([A-Za-z_]\w*)$", r["title"])
        if not m or (m.group(1), m.group(2)) not in defined or r["title"] in seen:
            continue
        seen.add(r["title"])
        types.append({"kind": m.group(1), "name": m.group(2), "spelling": r["title"], "size": r["size"],
                      "alignment": r["alignment"], "line": None, "members": r["members"], "holes": [],
                      "tailPadding": None})
    macros, _ = truth.header_macros(tc, hdr, workdir)
    consts = [{"name": n, "value": None, "type": None, "line": None} for n in sorted(macros or [])]
    return hdr, abi, {"abi": abi, "constants": consts, "macros": [], "ioctls": [], "types": types,
                      "enums": [], "typedefs": []}


def fill(doc, report):
    idx = {}
    for h in doc["headers"]:
        for u in h["units"]:
            idx[(os.path.realpath(h["path"]), u["abi"])] = u
    n = 0
    for f in report["failures"]:
        u = idx.get((os.path.realpath(f["header"]), f["abi"]))
        if u is None:
            continue
        if f["class"] == "not-constant":
            u["constants"] = [c for c in u["constants"] if c["name"] != f["subject"]]
            u["macros"].append({"name": f["subject"], "text": None, "functionLike": False, "line": None})
            n += 1
        elif f["class"] == "mismatch" and f["tool"] is None:
            if f["kind"] == "constant":
                for c in u["constants"]:
                    if c["name"] == f["subject"] and c["value"] is None:
                        c["value"] = f["compiler"]
                        n += 1
            elif f["kind"] == "member-size":
                for t in u["types"]:
                    if f["subject"].startswith(t["spelling"] + "."):
                        p = f["subject"][len(t["spelling"]) + 1:]
                        for m in t["members"]:
                            if m["path"] == p and m["size"] is None:
                                m["size"] = f["compiler"]
                                n += 1
    return n


def main():
    global ARGS
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--abis", default=",".join(truth.ALL_ABIS))
    ap.add_argument("--headers", nargs="+")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--work", default="/tmp/uapi-mkfake")
    ap.add_argument("--include-root", default="/usr/include")
    ap.add_argument("--gcc", default="gcc")
    ap.add_argument("--clang", default=truth.DEFAULT_CLANG)
    ap.add_argument("--foreign-asm", default="skip")
    ap.add_argument("--fill", nargs=2, metavar=("REPORT", "FAKE"), help="fill null fields of FAKE from REPORT")
    ARGS = ap.parse_args()
    if ARGS.fill:
        with open(ARGS.fill[0]) as f:
            report = json.load(f)
        with open(ARGS.fill[1]) as f:
            doc = json.load(f)
        n = fill(doc, report)
        with open(ARGS.out, "w") as f:
            json.dump(doc, f)
        print("filled %d values" % n)
        return
    abis = ARGS.abis.split(",")
    allh = truth.list_headers(ARGS.include_root)
    headers = truth.resolve_subset(allh, ARGS.headers, ARGS.include_root) if ARGS.headers else allh
    top = sorted({os.path.relpath(h.path, ARGS.include_root).split("/")[0] for h in allh if not h.x86_asm}
                 - {"x86_64-linux-gnu"})
    os.makedirs(ARGS.work, exist_ok=True)
    for a in abis:
        os.makedirs(os.path.join(ARGS.work, a), exist_ok=True)
    tcs = {a: truth.Toolchain(a, ARGS, ARGS.work, top) for a in abis}
    units = {}
    with concurrent.futures.ThreadPoolExecutor(ARGS.jobs) as ex:
        futs = [ex.submit(one, tcs[a], h, ARGS.work) for a in abis for h in headers if tcs[a].applies(h)]
        for fu in concurrent.futures.as_completed(futs):
            h, a, u = fu.result()
            if u is not None:
                units.setdefault(h.path, []).append(u)
    doc = {"schemaVersion": 1, "abis": abis,
           "headers": [{"path": p, "units": sorted(us, key=lambda u: abis.index(u["abi"]))}
                       for p, us in sorted(units.items())],
           "diagnostics": []}
    with open(ARGS.out, "w") as f:
        json.dump(doc, f)
    print("%d headers, %d units, %d types" % (len(units), sum(len(u) for u in units.values()),
                                               sum(len(x["types"]) for us in units.values() for x in us)))


if __name__ == "__main__":
    main()

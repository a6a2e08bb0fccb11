#!/usr/bin/env python3
"""Differential ground truth for uapi-review.

Builds layout / constant facts for the installed Linux uAPI headers from real
compilers (gcc -m64/-m32/-mx32, clang --target=aarch64/armv7) and compares them
with the JSON model printed by `uapi-review header ... --format json`.

Nothing is ever executed on the target: every probe is compiled with -c and the
values are read back from a dedicated ELF section of the object file.

python3 stdlib only.  See README.md next to this file.
"""

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time

ALL_ABIS = ["x86_64", "i386", "x32", "arm64", "arm"]
GCC_FLAGS = {"x86_64": "-m64", "i386": "-m32", "x32": "-mx32"}
CROSS = {
    # abi: (clang target, libc/asm sysroot include dir, Debian package of the cross kernel headers)
    "arm64": ("aarch64-linux-gnu", "/usr/aarch64-linux-gnu/include", "linux-libc-dev-arm64-cross"),
    "arm": ("armv7-linux-gnueabihf", "/usr/arm-linux-gnueabihf/include", "linux-libc-dev-armhf-cross"),
}
KERNEL_TOP_DIRS = {"linux", "asm", "asm-generic", "drm", "misc", "mtd", "rdma", "sound", "video", "xen"}
X86_ASM_SUBDIR = "x86_64-linux-gnu/asm"
DEFAULT_CLANG = "/opt/swift/usr/bin/clang"

# C integer types recognised by _Generic, with the code the probe stores.
INT_TYPES = [
    ("char", 1), ("signed char", 2), ("unsigned char", 3), ("short", 4),
    ("unsigned short", 5), ("int", 6), ("unsigned int", 7), ("long", 8),
    ("unsigned long", 9), ("long long", 10), ("unsigned long long", 11),
    ("_Bool", 12),
]
TYPE_BY_CODE = {code: name for name, code in INT_TYPES}
TYPE_ALIASES = {
    "signed short": "short", "short int": "short", "signed short int": "short",
    "unsigned short int": "unsigned short", "signed int": "int", "signed": "int",
    "unsigned": "unsigned int", "long int": "long", "signed long": "long",
    "signed long int": "long", "unsigned long int": "unsigned long",
    "long long int": "long long", "signed long long": "long long",
    "signed long long int": "long long", "unsigned long long int": "unsigned long long",
    "bool": "_Bool",
}
GENERIC_ASSOC = ", ".join("%s: %d" % (n, c) for n, c in INT_TYPES) + ", default: 0"
GENERIC_IS_INT = ", ".join("%s: 1" % n for n, _ in INT_TYPES) + ", default: 0"
IOC_DIR = {0: "none", 1: "write", 2: "read", 3: "readwrite"}

M64 = (1 << 64) - 1
ERR_RE = re.compile(r"^(?P<file>[^\n:]+):(?P<line>\d+):(?:\d+:)? (?:fatal )?error: (?P<msg>.*)$", re.M)
ANY_ERR_RE = re.compile(r"^.*\berror\b.*$", re.M)


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def die(msg):
    """Harness errors exit 2, so that 1 always means 'the comparison found failures'."""
    log("truth.py: " + msg)
    sys.exit(2)


# --------------------------------------------------------------------------------------
# ELF section reader (ELF32/ELF64, little-endian, relocatable objects)
# --------------------------------------------------------------------------------------

def read_elf_sections(data):
    """Return {name: (bytes, set_of_relocated_offsets)} for every section."""
    if data[:4] != b"\x7fELF":
        raise ValueError("not an ELF file")
    cls, enc = data[4], data[5]
    if enc != 1:
        raise ValueError("only little-endian ELF supported")
    if cls == 2:
        shoff, = struct.unpack_from("<Q", data, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
        fmt = "<IIQQQQIIQQ"
    elif cls == 1:
        shoff, = struct.unpack_from("<I", data, 0x20)
        shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x2E)
        fmt = "<IIIIIIIIII"
    else:
        raise ValueError("bad ELF class")

    def sh(i):
        return struct.unpack_from(fmt, data, shoff + i * shentsize)

    if shoff == 0:
        return {}
    s0 = sh(0)
    if shnum == 0:          # extended numbering
        shnum = s0[5]
    if shstrndx == 0xFFFF:
        shstrndx = s0[6]
    hdrs = [sh(i) for i in range(shnum)]
    strtab = hdrs[shstrndx]
    stro, strs = strtab[4], strtab[5]

    def name(off):
        end = data.index(b"\0", stro + off)
        return data[stro + off:end].decode("latin-1")

    out = {}
    relocs = {}
    for idx, h in enumerate(hdrs):
        sh_name, sh_type, _flags, _addr, off, size, _link, info, _align, entsize = h
        if sh_type in (4, 9):  # SHT_RELA, SHT_REL
            esz = entsize or ((24 if sh_type == 4 else 16) if cls == 2 else (12 if sh_type == 4 else 8))
            ofmt = "<Q" if cls == 2 else "<I"
            lst = relocs.setdefault(info, set())
            for k in range(size // esz):
                lst.add(struct.unpack_from(ofmt, data, off + k * esz)[0])
    for idx, h in enumerate(hdrs):
        sh_name, sh_type, _flags, _addr, off, size = h[:6]
        if idx == 0:
            continue
        body = bytes(size) if sh_type == 8 else data[off:off + size]  # SHT_NOBITS
        out[name(sh_name)] = (body, relocs.get(idx, set()))
    return out


# --------------------------------------------------------------------------------------
# Headers and toolchains
# --------------------------------------------------------------------------------------

class Header:
    def __init__(self, path, include_root):
        self.path = path
        rel = os.path.relpath(path, include_root)
        self.x86_asm = rel.startswith(X86_ASM_SUBDIR + "/")
        self.name = ("asm/" + rel[len(X86_ASM_SUBDIR) + 1:]) if self.x86_asm else rel
        self.real = os.path.realpath(path)
        self.slug = self.name.replace("/", "__")


def list_headers(include_root):
    try:
        out = subprocess.run(["dpkg", "-L", "linux-libc-dev"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        die("cannot list linux-libc-dev (%s)" % e)
    paths = sorted({p for p in out.split("\n")
                    if p.endswith(".h") and p.startswith(include_root.rstrip("/") + "/") and os.path.isfile(p)})
    return [Header(p, include_root) for p in paths]


def resolve_subset(all_headers, wanted, include_root):
    by = {}
    for h in all_headers:
        by[h.name] = h
        by[h.path] = h
        by[h.real] = h
    picked = []
    for w in wanted:
        for item in w.split(","):
            item = item.strip()
            if not item:
                continue
            h = by.get(item) or by.get(os.path.realpath(item)) or by.get(os.path.join(include_root, item))
            if h is None:
                if os.path.isfile(item):
                    h = Header(os.path.abspath(item), include_root)
                else:
                    die("unknown header %r" % item)
            if h not in picked:
                picked.append(h)
    return picked


def kernel_owned(pkg, sysinc):
    """Files under sysinc that belong to the cross kernel-headers package (or, without dpkg,
    everything under the well-known kernel directories)."""
    try:
        out = subprocess.run(["dpkg", "-L", pkg], capture_output=True, text=True, check=True).stdout
        return {p for p in out.split("\n") if p.startswith(sysinc + "/") and os.path.isfile(p)}
    except (OSError, subprocess.CalledProcessError):
        owned = set()
        for d in KERNEL_TOP_DIRS:
            for root, _, files in os.walk(os.path.join(sysinc, d)):
                owned.update(os.path.join(root, f) for f in files)
        return owned


def mirror_without(src, dst, excluded):
    """Populate dst with symlinks to src's entries, leaving out the files in `excluded`."""
    for e in sorted(os.listdir(src)):
        sp, dp = os.path.join(src, e), os.path.join(dst, e)
        if os.path.isdir(sp):
            if not any(p.startswith(sp + "/") for p in excluded):
                os.symlink(sp, dp)
                continue
            files = [os.path.join(r, f) for r, _, fs in os.walk(sp) for f in fs]
            if all(f in excluded for f in files):
                continue
            os.makedirs(dp)
            mirror_without(sp, dp, excluded)
        elif sp not in excluded:
            os.symlink(sp, dp)


class Toolchain:
    def __init__(self, abi, args, workdir, top_dirs):
        self.abi = abi
        self.foreign_asm = args.foreign_asm
        if abi in GCC_FLAGS:
            self.kind = "gcc"
            self.base = [args.gcc, GCC_FLAGS[abi], "-fdiagnostics-color=never", "-fno-diagnostics-show-caret",
                         "-ftrack-macro-expansion=0"]
            self.strict_pragma = '#pragma GCC diagnostic error "-Wpedantic"'
            self.describe = "%s %s" % (args.gcc, GCC_FLAGS[abi])
        else:
            self.kind = "clang"
            triple, sysinc, kpkg = CROSS[abi]
            asm = os.path.join(sysinc, "asm")
            if not os.path.isdir(asm):
                die("%s missing (install linux-libc-dev-%s-cross)" %
                         (asm, "arm64" if abi == "arm64" else "armhf"))
            if not os.path.isfile(os.path.join(sysinc, "stdint.h")):
                die("%s has no libc headers (install libc6-dev-%s-cross)" %
                         (sysinc, "arm64" if abi == "arm64" else "armhf"))
            res = subprocess.run([args.clang, "-print-resource-dir"], capture_output=True, text=True,
                                 check=True).stdout.strip()
            # One include dir of symlinks: the uAPI dirs from the host include root (the files the tool
            # reads), asm/ from the cross package, and the sysroot's libc headers.  The sysroot's own
            # copy of the kernel headers (linux/, drm/, scsi/fc/, ...) is left out, so that nothing the
            # host include root lacks (drm/ on Debian) leaks in.
            inc = os.path.join(workdir, "include-" + abi)
            if os.path.isdir(inc):
                shutil.rmtree(inc)
            os.makedirs(inc)
            mirror_without(sysinc, inc, kernel_owned(kpkg, sysinc))
            for d in top_dirs:
                if os.path.lexists(os.path.join(inc, d)):
                    os.unlink(os.path.join(inc, d))
                os.symlink(os.path.join(args.include_root, d), os.path.join(inc, d))
            os.symlink(asm, os.path.join(inc, "asm"))
            self.farm = inc
            self.base = [args.clang, "--target=" + triple, "-nostdinc",
                         "-isystem", os.path.join(res, "include"), "-isystem", inc,
                         "-fno-color-diagnostics", "-fno-caret-diagnostics", "-ferror-limit=0"]
            self.strict_pragma = '#pragma clang diagnostic error "-Wgnu-folding-constant"'
            self.describe = ("%s --target=%s -nostdinc -isystem %s -isystem %s (= %s/{%s} + asm -> %s + "
                             "libc from %s)" % (args.clang, triple, os.path.join(res, "include"), inc,
                                                args.include_root, ",".join(top_dirs), asm, sysinc))

    def clean(self, text):
        """Show real paths instead of the symlink dir in compiler messages."""
        farm = getattr(self, "farm", None)
        if not farm or farm not in text:
            return text
        return re.sub(re.escape(farm) + r"/([^:\s'\"]+)",
                      lambda m: os.path.realpath(os.path.join(farm, m.group(1))), text)

    def applies(self, hdr):
        return not (hdr.x86_asm and self.kind == "clang" and self.foreign_asm == "skip")

    def include_line(self, hdr):
        if hdr.x86_asm and self.kind == "clang" and self.foreign_asm == "path":
            return '#include "%s"' % hdr.path
        if hdr.name.startswith("../"):
            # A header outside the include root (a test fixture): include it by its path.
            return '#include "%s"' % hdr.path
        return "#include <%s>" % hdr.name

    def run(self, extra, src, timeout=120):
        try:
            p = subprocess.run(self.base + extra + [src], capture_output=True, text=True, timeout=timeout)
            return p.returncode, p.stdout, p.stderr
        except subprocess.TimeoutExpired:
            return 124, "", "%s: error: compiler timed out" % src


# --------------------------------------------------------------------------------------
# Robust batch compilation: one bad item must not lose the others
# --------------------------------------------------------------------------------------

class Batch:
    """Compile a list of items in one file; drop items the compiler rejects.

    build(items) -> (source text, {line number: item index})
    compile(path) -> (ok, stderr, result)
    """

    def __init__(self, path, build, compile_):
        self.path = path
        self.build = build
        self.compile = compile_
        self.results = []    # (items, result) for every successful compile
        self.rejected = {}   # item id -> message
        self.compiles = 0

    def _try(self, items):
        src, linemap = self.build(items)
        with open(self.path, "w") as f:
            f.write(src)
        self.compiles += 1
        ok, err, res = self.compile(self.path)
        return ok, err, res, linemap

    def _attribute(self, err, linemap, items):
        bad = {}
        base = os.path.basename(self.path)
        for m in ERR_RE.finditer(err):
            if os.path.basename(m.group("file")) != base:
                continue
            idx = linemap.get(int(m.group("line")))
            if idx is not None and idx not in bad:
                bad[idx] = m.group("msg").strip()
        return bad

    def _bisect(self, items):
        ok, err, res, _ = self._try(items)
        if ok:
            self.results.append((items, res))
            return
        if len(items) == 1:
            m = ERR_RE.search(err) or ANY_ERR_RE.search(err)
            self.rejected[items[0]["id"]] = (m.group("msg") if m and "msg" in m.groupdict() else
                                             (m.group(0) if m else "compile failed")).strip()
            return
        mid = len(items) // 2
        self._bisect(items[:mid])
        self._bisect(items[mid:])

    def run(self, items, retest=True):
        pending = list(items)
        culprits = []
        for _round in range(8):
            if not pending:
                break
            ok, err, res, linemap = self._try(pending)
            if ok:
                self.results.append((pending, res))
                pending = []
                break
            bad = self._attribute(err, linemap, pending)
            if not bad:
                break
            culprits += [(pending[i], msg) for i, msg in bad.items()]
            pending = [it for i, it in enumerate(pending) if i not in bad]
        if pending:
            self._bisect(pending)
        if culprits:
            if retest and len(culprits) > 1:
                # an error on one line can spill over to later lines: retry the culprits alone
                self.run([c[0] for c in culprits], retest=False)
            else:
                for it, msg in culprits:
                    self.rejected[it["id"]] = msg
        return self


# --------------------------------------------------------------------------------------
# Phase 1: standalone compile + macro definitions
# --------------------------------------------------------------------------------------

def first_error(stderr):
    m = ERR_RE.search(stderr) or ANY_ERR_RE.search(stderr)
    if m:
        return m.group(0).strip()
    return stderr.strip().split("\n")[-1] if stderr.strip() else "failed"


def standalone(tc, hdr, wdir):
    src = os.path.join(wdir, tc.abi, hdr.slug + ".sa.c")
    with open(src, "w") as f:
        f.write(tc.include_line(hdr) + "\n")
    rc, _, err = tc.run(["-fsyntax-only"], src)
    return rc == 0, (None if rc == 0 else tc.clean(first_error(err)))


LINEMARK_RE = re.compile(r'^# (\d+) "((?:[^"\\]|\\.)*)"((?: \d)*)\s*$')
DEFINE_RE = re.compile(r"^#define ([A-Za-z_][A-Za-z0-9_]*)(\(?)(.*)$")
UNDEF_RE = re.compile(r"^#undef ([A-Za-z_][A-Za-z0-9_]*)")
STRING_RE = re.compile(r'^(?:(?:u8|u|U|L)?"(?:[^"\\]|\\.)*"\s*)+$')
# a replacement list that starts like a declaration or a type can never be an expression
DECL_RE = re.compile(r"^(?:struct|union|enum|typedef|extern|static|inline|__inline__|void|char|short|int|long|"
                     r"unsigned|signed|float|double|_Bool|const|volatile|__attribute__|__attribute)\b")
FOLDING_MSG_RE = re.compile(r"-Werror[=,]-?W?(?:pedantic|gnu-folding-constant)")


def header_macros(tc, hdr, wdir):
    """Object-like macros that the header file itself defines and that are still defined at its end.

    Returns ({name: replacement text}, {names the header #undef'd}); ({}, set()) if -E fails."""
    src = os.path.join(wdir, tc.abi, hdr.slug + ".sa.c")
    rc, out, _ = tc.run(["-E", "-dD"], src)
    if rc != 0:
        return {}, set()
    main = os.path.basename(src)
    cur = None
    target = None
    defs = {}
    undefd = set()
    real_cache = {}

    def real(f):
        if f not in real_cache:
            real_cache[f] = f if f.startswith("<") else os.path.realpath(f)
        return real_cache[f]

    for line in out.split("\n"):
        if line.startswith("# "):
            m = LINEMARK_RE.match(line)
            if m:
                prev, cur = cur, m.group(2)
                flags = m.group(3).split()
                if (target is None and "1" in flags and prev is not None and os.path.basename(prev) == main
                        and not cur.startswith("<")):
                    target = real(cur)   # the first file the probe itself includes is the header
            continue
        if line.startswith("#define "):
            m = DEFINE_RE.match(line)
            if m:
                defs[m.group(1)] = (cur, m.group(2) == "(", m.group(3).strip())
        elif line.startswith("#undef "):
            m = UNDEF_RE.match(line)
            if m:
                if m.group(1) in defs and cur and target and real(cur) == target:
                    undefd.add(m.group(1))
                defs.pop(m.group(1), None)
    if target is None:
        return {}, undefd
    return {n: body for n, (f, fl, body) in defs.items() if not fl and f is not None and real(f) == target}, undefd


# --------------------------------------------------------------------------------------
# Phase 3: one probe file per (header, ABI)
# --------------------------------------------------------------------------------------

def probe_source(tc, hdr, its, strict):
    """The probe file for `items` (see probe()): (source text, {line number: index in its}). With
    `strict`, the 'ice' lines come after the pragma that makes GNU constant folding an error.
    Also used by Benchmarks/bench.py to write the layout probes it times."""
    lines = [tc.include_line(hdr),
             '__attribute__((__section__(".uapiprobe"), __used__)) static const unsigned long long '
             'uapiprobe_v[] = {']
    lm = {}
    for k, it in enumerate(its):
        if it["kind"] == "value":
            lines.append("  (unsigned long long)(%s)," % it["expr"])
            lm[len(lines)] = k
    lines.append("  0ULL };")
    for k, it in enumerate(its):
        if it["kind"] == "bf":
            t = it["type"]
            lines.append('__attribute__((__section__(".uapiprobe_bf.%d"), __used__)) static const union { '
                         '%s uapiprobe_s; unsigned char uapiprobe_b[sizeof(%s)]; } uapiprobe_bf%d = '
                         '{ .uapiprobe_s = { .%s = -1 } };' % (it["id"], t, t, it["id"], it["path"]))
            lm[len(lines)] = k
    if strict:
        lines.append(tc.strict_pragma)
    for k, it in enumerate(its):
        if it["kind"] == "ice":
            n = it["name"]
            lines.append("enum { uapiprobe_i%d = (%s) ? 1 : 1, uapiprobe_t%d = 1 / _Generic((%s), %s) };"
                         % (it["id"], n, it["id"], n, GENERIC_IS_INT))
            lm[len(lines)] = k
    return "\n".join(lines) + "\n", lm


def probe(tc, hdr, wdir, items):
    """Compile the probe for `items` and read the answers back from the object file.

    Item kinds: 'value' (expr -> unsigned long long in section .uapiprobe), 'bf' (type, path ->
    lowest set bit and popcount of the record with that bit-field set to -1, one section each),
    'ice' (name -> accepted as an ISO C integer constant expression of integer type; these lines
    come after a pragma that turns GNU constant folding into an error).

    Items the compiler rejects are dropped (by error line, else by bisection) and retried once in a
    second file without the pragma: an 'ice' item accepted only there is a GNU-folded constant.
    Returns (values {id: value}, strict_rejected {id: msg}, rejected {id: msg}, compiles)."""

    def builder(strict):
        return lambda its: probe_source(tc, hdr, its, strict)

    obj = os.path.join(wdir, tc.abi, hdr.slug + ".probe.o")

    def comp(path):
        if os.path.exists(obj):
            os.unlink(obj)
        # no -w: gcc's -w would also silence the pragma that makes folding an error
        rc, _, err = tc.run(["-c", "-o", obj], path)
        if rc != 0:
            return False, err, None
        with open(obj, "rb") as f:
            return True, err, read_elf_sections(f.read())

    main = Batch(os.path.join(wdir, tc.abi, hdr.slug + ".probe.c"), builder(True), comp).run(items, retest=False)
    results = list(main.results)
    strict_rej = dict(main.rejected)
    compiles = main.compiles
    # Retry (without the pragma) the 'ice' items that failed only as GNU folding, and value items
    # when several failed (an error on one line can spill over to the next).  Everything else
    # that failed is final.
    by_id = {it["id"]: it for it in items}
    retry = [i for i, msg in strict_rej.items() if by_id[i]["kind"] == "ice" and FOLDING_MSG_RE.search(msg)]
    others = [i for i in strict_rej if by_id[i]["kind"] != "ice"]
    if len(others) > 1:
        retry += others
    rejected = {i: msg for i, msg in strict_rej.items() if i not in retry}
    if retry:
        lax = Batch(os.path.join(wdir, tc.abi, hdr.slug + ".probe-lax.c"), builder(False), comp).run(
            [by_id[i] for i in sorted(retry)], retest=False)
        results += lax.results
        rejected.update(lax.rejected)
        compiles += lax.compiles

    values = {}
    for its, secs in results:
        order = [it["id"] for it in its if it["kind"] == "value"]
        body, rel = secs.get(".uapiprobe", (b"", set()))
        for pos, iid in enumerate(order):
            if pos * 8 in rel:
                rejected[iid] = "not a constant: the value needs a relocation (address constant)"
                continue
            values[iid] = struct.unpack_from("<Q", body, pos * 8)[0]
        for it in its:
            if it["kind"] == "bf":
                sec = secs.get(".uapiprobe_bf.%d" % it["id"])
                if sec is None:
                    rejected[it["id"]] = "probe section missing"
                    continue
                raw = int.from_bytes(sec[0], "little")
                if raw == 0:
                    rejected[it["id"]] = "bit-field probe read back 0 (member not a bit-field?)"
                    continue
                values[it["id"]] = ((raw & -raw).bit_length() - 1, bin(raw).count("1"))
            elif it["kind"] == "ice":
                values[it["id"]] = True
    return values, strict_rej, rejected, compiles


# --------------------------------------------------------------------------------------
# Per (header, ABI) comparison
# --------------------------------------------------------------------------------------

def norm_type(t):
    t = " ".join(str(t).split())
    return TYPE_ALIASES.get(t, t)


class Result:
    def __init__(self, hdr, abi):
        self.header = hdr.path
        self.abi = abi
        self.failures = []     # dicts
        self.info = []
        self.counts = {"types": 0, "members": 0, "constants": 0, "enumerators": 0, "ioctls": 0,
                       "macros_checked": 0, "passed": 0, "failed": 0, "mismatches": 0, "missed": 0,
                       "rejected": 0}
        self.compiles = 0

    def check(self, kind, subject, tool, comp):
        if tool is not None and tool == comp:
            self.counts["passed"] += 1
        else:
            self.fail("mismatch", kind, subject, tool, comp)

    def fail(self, cls, kind, subject, tool, comp):
        self.counts["failed"] += 1
        key = {"mismatch": "mismatches", "missed": "missed", "rejected": "rejected",
               "not-constant": "mismatches", "missing-unit": "mismatches"}[cls]
        self.counts[key] += 1
        self.failures.append({"class": cls, "kind": kind, "header": self.header, "abi": self.abi,
                              "subject": subject, "tool": tool, "compiler": comp})


def to_u64(v):
    if isinstance(v, bool) or not isinstance(v, int):
        return None
    return v & M64


def trivially_not_ice(body):
    if body == "":
        return "empty"
    if STRING_RE.match(body):
        return "string literal"
    if DECL_RE.match(body):
        return "declaration or type"
    return None


def plan_probe(hdr, abi, unit, opts, macros):
    """What the probe of one (header, ABI) asks the compiler, from the tool's unit: returns
    (result with the counts filled in, items for probe(), plan [(kind, tool record, item)],
    ice {name: item or reason}, listed macros {name: record}, unlisted macro names).
    Also used by Benchmarks/bench.py to write the layout probes it times."""
    r = Result(hdr, abi)
    defined, undefd = macros

    # ---- which macros to test ------------------------------------------------------------
    consts = []
    seen = set()
    for c in unit.get("constants") or []:
        n = c.get("name")
        if isinstance(n, str) and n not in seen:
            seen.add(n)
            consts.append(c)
    listed_macros = {}
    all_listed = set(seen)
    for m in unit.get("macros") or []:
        n = m.get("name")
        if not isinstance(n, str):
            continue
        all_listed.add(n)
        if not m.get("functionLike") and n not in seen:
            listed_macros.setdefault(n, m)
    unlisted = sorted(set(defined) - all_listed) if opts.unlisted else []
    r.counts["macros_checked"] = len(listed_macros) + len(unlisted)

    items = []

    def add(kind, expr=None, **kw):
        it = {"id": len(items), "kind": kind, "expr": expr}
        it.update(kw)
        items.append(it)
        return it

    ice = {}      # name -> item, or a reason string when no compile is needed
    for n in [c["name"] for c in consts] + sorted(listed_macros) + unlisted:
        if n in ice:
            continue
        body = defined.get(n)
        why = trivially_not_ice(body) if body is not None else None
        if why:
            ice[n] = why
        else:
            ice[n] = add("ice", name=n)

    plan = []   # (kind, tool record, item)
    const_items = {}
    for c in consts:
        n = c["name"]
        if isinstance(ice[n], dict):
            const_items[n] = add("value", n, subject=n)
            plan.append(("constant", c, const_items[n]))
            if opts.const_types and c.get("type") is not None and norm_type(c["type"]) in dict(INT_TYPES):
                plan.append(("constant-type", c, add("value", "_Generic((%s), %s)" % (n, GENERIC_ASSOC), subject=n)))

    for e in unit.get("enums") or []:
        for en in e.get("enumerators") or []:
            n = en.get("name")
            # An enumerator hidden by a macro of the same name (pkt_sched.h's __TC_*_MAX) cannot be
            # read back by name: the probe would see the macro.
            if isinstance(n, str) and n not in defined:
                r.counts["enumerators"] += 1
                plan.append(("enumerator", en, add("value", n, subject=n)))

    for io in unit.get("ioctls") or []:
        n = io.get("name")
        if not isinstance(n, str):
            continue
        r.counts["ioctls"] += 1
        plan.append(("ioctl", io, add("value", n, subject=n)))
        at = io.get("argumentType")
        if isinstance(at, str) and at.strip():
            plan.append(("ioctl-argsize", io, add("value", "sizeof(%s)" % at, subject="%s sizeof(%s)" % (n, at))))

    for t in unit.get("types") or []:
        sp = t.get("spelling")
        if not isinstance(sp, str) or not sp.strip():
            continue
        r.counts["types"] += 1
        plan.append(("size", t, add("value", "sizeof(%s)" % sp, subject=sp)))
        plan.append(("alignment", t, add("value", "_Alignof(%s)" % sp, subject=sp)))
        for m in t.get("members") or []:
            p = m.get("path")
            if not isinstance(p, str) or not p.strip():
                continue
            r.counts["members"] += 1
            subj = "%s.%s" % (sp, p)
            if m.get("bitWidth") is not None:
                plan.append(("bitfield", m, add("bf", type=sp, path=p, subject=subj)))
            else:
                plan.append(("offset", m, add("value", "__builtin_offsetof(%s, %s)" % (sp, p), subject=subj)))
                if m.get("size") in (0, None) and re.search(r"\[\s*\]\s*$", str(m.get("type") or "")):
                    r.info.append({"kind": "flexible-array-member", "subject": subj})   # no sizeof in C
                else:
                    plan.append(("member-size", m, add("value", "sizeof(((%s *)0)->%s)" % (sp, p), subject=subj)))

    return r, items, plan, ice, listed_macros, unlisted


def process(tc, hdr, unit, wdir, opts, macros):
    r, items, plan, ice, listed_macros, unlisted = plan_probe(hdr, tc.abi, unit, opts, macros)
    undefd = macros[1]
    values, strict_rej, rejected, n = probe(tc, hdr, wdir, items)
    r.compiles += n

    def ice_class(name):
        """'strict', 'folded' (GNU folding only) or 'no'."""
        it = ice[name]
        if not isinstance(it, dict):
            return "no"
        if it["id"] not in strict_rej:
            return "strict"
        return "folded" if it["id"] in values else "no"

    def ice_reason(name):
        it = ice[name]
        if not isinstance(it, dict):
            return it
        msg = rejected.get(it["id"]) or strict_rej.get(it["id"]) or "rejected"
        return re.sub(r"uapiprobe_[it]%d\b" % it["id"], name, msg)

    # ---- macros: missed constants ------------------------------------------------------------
    for n in sorted(listed_macros):
        if ice_class(n) == "strict":
            r.fail("missed", "missed-constant", n, "macro " + json.dumps(listed_macros[n].get("text")),
                   "integer constant expression")
    for n in unlisted:
        if ice_class(n) == "strict":
            r.fail("missed", "unlisted-constant", n, "not listed", "integer constant expression")
        else:
            r.info.append({"kind": "unlisted-macro", "subject": n})

    # ---- compare -------------------------------------------------------------------------------
    for kind, rec, it in plan:
        subj = it["subject"]
        if kind in ("constant", "constant-type"):
            cls = ice_class(subj)
            if cls == "no" or (cls == "folded" and it["id"] not in values):
                if kind == "constant":
                    if subj in undefd:
                        r.info.append({"kind": "constant-undefined-at-end", "subject": subj})
                    else:
                        r.fail("not-constant", "constant", subj, rec.get("value"),
                               "not an integer constant expression: " + ice_reason(subj))
                continue
            if kind == "constant":
                r.counts["constants"] += 1
                if cls == "folded":
                    r.info.append({"kind": "gnu-folded-constant", "subject": subj})
        if it["id"] not in values:
            msg = rejected.get(it["id"]) or strict_rej.get(it["id"]) or "rejected"
            if kind == "member-size" and rec.get("size") in (0, None) and ("incomplete" in msg or "flexible" in msg):
                r.info.append({"kind": "flexible-array-member", "subject": subj})
                continue
            r.fail("rejected", kind, subj, "given by tool", "compiler rejects: " + msg)
            continue
        v = values[it["id"]]
        if kind == "constant":
            r.check("constant", subj, to_u64(rec.get("value")), v)
        elif kind == "constant-type":
            r.check("constant-type", subj, norm_type(rec["type"]), TYPE_BY_CODE.get(v, "other"))
        elif kind == "enumerator":
            r.check("enumerator", subj, to_u64(rec.get("value")), v)
        elif kind == "ioctl":
            num = (rec.get("numbers") or {}).get("generic")
            r.check("ioctl-number", subj, to_u64(num), v)
            r.check("ioctl-direction", subj, rec.get("direction"), IOC_DIR[(v >> 30) & 3])
            r.check("ioctl-type", subj, rec.get("type"), (v >> 8) & 0xFF)
            r.check("ioctl-nr", subj, rec.get("nr"), v & 0xFF)
            r.check("ioctl-size", subj, rec.get("size"), (v >> 16) & 0x3FFF)
        elif kind == "ioctl-argsize":
            r.check("ioctl-argsize", subj, rec.get("size"), v)
        elif kind == "size":
            r.check("size", subj, rec.get("size"), v)
        elif kind == "alignment":
            r.check("alignment", subj, rec.get("alignment"), v)
        elif kind == "offset":
            r.check("offset", subj, rec.get("offset"), v)
        elif kind == "member-size":
            r.check("member-size", subj, rec.get("size"), v)
        elif kind == "bitfield":
            bit, width = v
            r.check("bit-offset", subj, rec.get("bitOffset"), bit)
            r.check("bit-width", subj, rec.get("bitWidth"), width)
            r.check("offset", subj, rec.get("offset"), bit // 8)
    return r


# --------------------------------------------------------------------------------------
# Tool output
# --------------------------------------------------------------------------------------

def start_tool(args, headers, abis, workdir):
    cmd = [args.tool, "header"] + [h.path for h in headers] + [
        "--include-root", args.include_root, "--abi", ",".join(abis), "--format", "json"]
    out = open(os.path.join(workdir, "tool.json"), "w")
    err = open(os.path.join(workdir, "tool.stderr"), "w")
    log("running tool: %s header <%d files> --include-root %s --abi %s --format json"
        % (args.tool, len(headers), args.include_root, ",".join(abis)))
    return subprocess.Popen(cmd, stdout=out, stderr=err), out, err


def load_units(path):
    with open(path) as f:
        doc = json.load(f)
    if doc.get("schemaVersion") != 1:
        log("warning: tool JSON schemaVersion is %r, expected 1" % doc.get("schemaVersion"))
    units = {}
    for h in doc.get("headers") or []:
        p = h.get("path")
        if not isinstance(p, str):
            continue
        for u in h.get("units") or []:
            units[(os.path.realpath(p), u.get("abi"))] = u
    return doc, units


# --------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------

def parallel(jobs, fn, tasks, label):
    results = []
    done = 0
    t0 = time.time()
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as ex:
        futs = [ex.submit(fn, *t) for t in tasks]
        for f in concurrent.futures.as_completed(futs):
            results.append(f.result())
            done += 1
            if done % 500 == 0:
                log("  %s: %d/%d (%.0fs)" % (label, done, len(tasks), time.time() - t0))
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tool", help="uapi-review binary (required unless --json)")
    ap.add_argument("--json", help="use this saved tool JSON instead of running the tool")
    ap.add_argument("--abis", default=",".join(ALL_ABIS), help="comma list (default: all five)")
    ap.add_argument("--out", help="work dir for probes and reports (default: a new temp dir)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--headers", nargs="+", help="subset: include names (linux/ip.h, asm/ioctl.h) or paths")
    ap.add_argument("--include-root", default="/usr/include")
    ap.add_argument("--gcc", default="gcc")
    ap.add_argument("--clang", default=DEFAULT_CLANG if os.path.exists(DEFAULT_CLANG) else "clang")
    ap.add_argument("--foreign-asm", choices=["skip", "name", "path"], default="skip",
                    help="x86 asm/*.h on arm/arm64: skip (default), compare with the arch's <asm/NAME.h>, "
                         "or compile the x86 file by path")
    ap.add_argument("--no-unlisted", dest="unlisted", action="store_false",
                    help="do not look for constants the tool did not list at all")
    ap.add_argument("--no-const-types", dest="const_types", action="store_false",
                    help="do not compare the C type of constants")
    ap.add_argument("--tool-timeout", type=int, default=900)
    ap.add_argument("--allow-failures", action="store_true", help="exit 0 even when items fail")
    args = ap.parse_args()
    if not args.tool and not args.json:
        ap.error("--tool or --json is required")
    if not args.json and not (os.path.isfile(args.tool) and os.access(args.tool, os.X_OK)) \
            and shutil.which(args.tool) is None:
        die("tool %r not found or not executable (build it first, or pass --json)" % args.tool)
    if args.json and not os.path.isfile(args.json):
        die("no such tool JSON file: %s" % args.json)

    t_start = time.time()
    abis = [a.strip() for a in args.abis.split(",") if a.strip()]
    for a in abis:
        if a not in ALL_ABIS:
            ap.error("unknown ABI %r (known: %s)" % (a, ",".join(ALL_ABIS)))
    workdir = os.path.abspath(args.out or tempfile.mkdtemp(prefix="uapi-truth-"))
    os.makedirs(workdir, exist_ok=True)
    for a in abis:
        os.makedirs(os.path.join(workdir, a), exist_ok=True)

    all_headers = list_headers(args.include_root)
    headers = resolve_subset(all_headers, args.headers, args.include_root) if args.headers else all_headers
    top_dirs = sorted({os.path.relpath(h.path, args.include_root).split("/")[0]
                       for h in all_headers if not h.x86_asm} - {"x86_64-linux-gnu"})
    tcs = {a: Toolchain(a, args, workdir, top_dirs) for a in abis}
    log("work dir: %s; %d headers; ABIs: %s" % (workdir, len(headers), ",".join(abis)))

    # tool runs concurrently with the standalone phase
    tool_proc = None
    t_tool0 = time.time()
    if args.json:
        json_path = args.json
    else:
        tool_proc, tout, terr = start_tool(args, headers, abis, workdir)
        json_path = os.path.join(workdir, "tool.json")

    # ---- phase 1: standalone -----------------------------------------------------------
    t0 = time.time()
    tasks = [(tcs[a], h) for a in abis for h in headers if tcs[a].applies(h)]
    sa = {}

    macros = {}

    def sa_task(tc, h):
        ok, err = standalone(tc, h, workdir)
        return tc.abi, h, ok, err, (header_macros(tc, h, workdir) if ok else None)
    for abi, h, ok, err, mac in parallel(args.jobs, sa_task, tasks, "standalone"):
        sa[(h.path, abi)] = (ok, err)
        macros[(h.path, abi)] = mac
    t_sa = time.time() - t0
    log("standalone phase (+ -E -dD of each standalone header): %d headers in %.1fs" % (len(tasks), t_sa))

    # ---- phase 2: tool -----------------------------------------------------------------
    tool_rc = None
    if tool_proc is not None:
        try:
            tool_rc = tool_proc.wait(timeout=max(1, args.tool_timeout - (time.time() - t_tool0)))
        except subprocess.TimeoutExpired:
            tool_proc.kill()
            tool_proc.wait()
            die("tool timed out after %ds" % args.tool_timeout)
        tout.close()
        terr.close()
        log("tool exited %d after %.1fs" % (tool_rc, time.time() - t_tool0))
        if tool_rc not in (0, 1):
            log("warning: tool exit status %d (see %s/tool.stderr)" % (tool_rc, workdir))
    t_tool = (time.time() - t_tool0) if tool_proc is not None else 0.0
    try:
        doc, units = load_units(json_path)
    except (OSError, ValueError) as e:
        die("cannot read tool JSON %s: %s" % (json_path, e))

    # ---- phase 3: probes ---------------------------------------------------------------
    t0 = time.time()
    results = []
    ptasks = []
    nonstandalone_units = []
    for a in abis:
        for h in headers:
            if not tcs[a].applies(h):
                continue
            ok, _ = sa[(h.path, a)]
            unit = units.get((h.real, a))
            if not ok:
                if unit is not None and (unit.get("types") or unit.get("constants")):
                    nonstandalone_units.append((h.path, a))
                continue
            if unit is None:
                r = Result(h, a)
                r.fail("missing-unit", "unit", "(no unit for this header and ABI)", None, "header compiles standalone")
                results.append(r)
                continue
            ptasks.append((tcs[a], h, unit))

    def p_task(tc, h, unit):
        try:
            return process(tc, h, unit, workdir, args, macros[(h.path, tc.abi)])
        except Exception as e:  # keep going; report the harness error on that header
            r = Result(h, tc.abi)
            r.fail("rejected", "harness-error", h.path, None, "%s: %s" % (type(e).__name__, e))
            return r
    results += parallel(args.jobs, p_task, ptasks, "probes")
    t_probe = time.time() - t0
    total = time.time() - t_start

    # ---- report ------------------------------------------------------------------------
    per_abi = {}
    for a in abis:
        applicable = [h for h in headers if tcs[a].applies(h)]
        per_abi[a] = {
            "compiler": tcs[a].describe,
            "headers": len(applicable),
            "standalone": sum(1 for h in applicable if sa[(h.path, a)][0]),
            "notApplicable": len(headers) - len(applicable),
            "compared": 0, "types": 0, "members": 0, "constants": 0, "enumerators": 0, "ioctls": 0,
            "macrosChecked": 0, "passed": 0, "failed": 0, "mismatches": 0, "missed": 0, "rejected": 0,
            "compiles": 0,
        }
    for r in results:
        s = per_abi[r.abi]
        s["compared"] += 1
        c = r.counts
        for k_src, k_dst in [("types", "types"), ("members", "members"), ("constants", "constants"),
                             ("enumerators", "enumerators"), ("ioctls", "ioctls"),
                             ("macros_checked", "macrosChecked"), ("passed", "passed"), ("failed", "failed"),
                             ("mismatches", "mismatches"), ("missed", "missed"), ("rejected", "rejected")]:
            s[k_dst] += c[k_src]
        s["compiles"] += r.compiles + 1
    passed = sum(s["passed"] for s in per_abi.values())
    failed = sum(s["failed"] for s in per_abi.values())
    failures = sorted((f for r in results for f in r.failures),
                      key=lambda f: (f["header"], ALL_ABIS.index(f["abi"]), f["class"], f["kind"], f["subject"]))
    info = sorted(({"header": r.header, "abi": r.abi, **i} for r in results for i in r.info),
                  key=lambda i: (i["header"], i["abi"], i["kind"], i["subject"]))
    non_sa = {a: sorted(({"header": h.path, "error": sa[(h.path, a)][1]} for h in headers
                         if tcs[a].applies(h) and not sa[(h.path, a)][0]), key=lambda x: x["header"])
              for a in abis}
    report = {
        "schemaVersion": 1,
        "tool": args.tool, "toolJson": json_path, "toolExit": tool_rc,
        "abis": abis, "includeRoot": args.include_root, "foreignAsm": args.foreign_asm,
        "timing": {"standaloneSeconds": round(t_sa, 2), "toolSeconds": round(t_tool, 2),
                   "probeSeconds": round(t_probe, 2), "totalSeconds": round(total, 2), "jobs": args.jobs},
        "summary": per_abi, "passed": passed, "failed": failed,
        "failures": failures,
        "notStandalone": non_sa,
        "toolUnitsForNonStandaloneHeaders": [{"header": p, "abi": a} for p, a in sorted(nonstandalone_units)],
        "info": info,
    }
    with open(os.path.join(workdir, "report.json"), "w") as f:
        json.dump(report, f, indent=1, sort_keys=False)

    def fmt(v):
        if isinstance(v, int) and not isinstance(v, bool) and v > 9:
            return "%d (0x%x)" % (v, v)
        return json.dumps(v) if not isinstance(v, str) else v

    lines = ["uapi-review compiler-truth report", "=================================", ""]
    hdr_line = "%-7s %10s %7s %8s %9s %6s %6s %8s %8s %11s %7s %8s" % (
        "ABI", "standalone", "types", "members", "constants", "enums", "ioctls", "macros", "passed",
        "mismatches", "missed", "rejected")
    table = [hdr_line]
    for a in abis:
        s = per_abi[a]
        table.append("%-7s %10s %7d %8d %9d %6d %6d %8d %8d %11d %7d %8d" % (
            a, "%d/%d" % (s["standalone"], s["headers"]), s["types"], s["members"], s["constants"],
            s["enumerators"], s["ioctls"], s["macrosChecked"], s["passed"], s["mismatches"], s["missed"],
            s["rejected"]))
    timing = ("time: total %.1fs (standalone %.1fs, tool %.1fs%s, probes %.1fs), jobs %d"
              % (total, t_sa, t_tool, " in parallel with standalone" if tool_proc else ", from --json",
                 t_probe, args.jobs))
    lines += table + ["", timing, ""]
    for a in abis:
        lines.append("%s: %s" % (a, per_abi[a]["compiler"]))
    lines.append("")
    lines.append("FAILURES (%d)" % len(failures))
    lines.append("-" * 12)
    for f in failures:
        lines.append("%-12s %-6s %s  %s  %s: tool=%s compiler=%s" % (
            f["class"].upper(), f["abi"], f["header"], f["subject"], f["kind"], fmt(f["tool"]),
            fmt(f["compiler"])))
    lines.append("")
    lines.append("HEADERS THAT DO NOT COMPILE STANDALONE")
    lines.append("-" * 38)
    for a in abis:
        lines.append("%s: %d" % (a, len(non_sa[a])))
        for x in non_sa[a]:
            lines.append("  %s: %s" % (x["header"], x["error"]))
    if args.foreign_asm == "skip" and any(per_abi[a]["notApplicable"] for a in abis):
        lines.append("")
        lines.append("x86 asm/*.h headers are not compared on arm/arm64 (--foreign-asm skip).")
    if nonstandalone_units:
        lines.append("")
        lines.append("tool units for headers that do not compile standalone (not compared): %d"
                     % len(nonstandalone_units))
    if info:
        lines.append("")
        lines.append("INFO (%d; not counted)" % len(info))
        for i in info:
            lines.append("  %-6s %s  %s: %s" % (i["abi"], i["header"], i["kind"], i["subject"]))
    with open(os.path.join(workdir, "report.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")

    print("\n".join(table))
    print(timing)
    shown = failures[:40]
    for f in shown:
        print("%-12s %-6s %s  %s  %s: tool=%s compiler=%s" % (
            f["class"].upper(), f["abi"], f["header"], f["subject"], f["kind"], fmt(f["tool"]),
            fmt(f["compiler"])))
    if len(failures) > len(shown):
        print("... %d more failures" % (len(failures) - len(shown)))
    print("report: %s/report.txt, %s/report.json" % (workdir, workdir))
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(0 if failed == 0 or args.allow_failures else 1)


if __name__ == "__main__":
    main()

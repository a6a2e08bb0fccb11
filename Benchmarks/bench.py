#!/usr/bin/env python3
"""make bench: uapi-review next to the tools it is compared with, written to BENCHMARKS.md.

    python3 Benchmarks/bench.py --tool .build/release/uapi-review --out .build/bench \\
        --report BENCHMARKS.md [--runs 5] [--slow-runs 3] [--jobs 2] [--only header,diff,...]

Sections, each run side by side with its peer in one invocation:
  header    the header model of every uAPI header of linux-libc-dev on the five ABIs, next to
            gcc (x86_64, i386, x32) and clang (arm64, arm) compiling the equivalent layout probes
            (written by Tests/compiler-truth/truth.py's probe generator; generation not timed);
  diff      `diff` of a fixed sample of header pairs, one process per pair, next to the abidiff
            pipeline on the same pairs (gcc -g, abidw, abidiff; x86_64 only) and check-uapi.sh's
            own commands (gcc -shared -g, abidiff);
  series    one series picked out of generated mailboxes (Benchmarks/mailgen.py), next to b4
            (`b4 --offline-mode am -m`);
  site      the static site of the bundled example and of a generated 100-patch series;
  lifetime  the lifetime checker of `verify`: states per second and the depth reached in 10 s.
Rows with a budget from earlier issues are kept in their section, with met or missed.

Every time is the median of --runs whole-process runs (default 5); --slow-runs (default 3)
applies to the two slow peers (the probe compiles of the whole set and b4 on the 16,000-message
mailbox). Each process is started by Benchmarks/runstat.c (compiled into --out), which times it
from fork to reaped and reports the ru_maxrss wait4 gives (the process and the children it waited
for); peak memory is the largest over the timed runs, so no extra run is made. Inputs are
generated once and kept in --out. The report goes to --report (default OUT/report.md) and stdout.
"""
import argparse, json, os, platform, shutil, statistics, subprocess, sys, time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "Tests", "compiler-truth"))
import truth  # noqa: E402  (the compiler-truth harness: header list, toolchains, probe generator)

INCLUDE_ROOT = "/usr/include"
SECTIONS = ["header", "diff", "series", "site", "lifetime"]
PAIR_SAMPLE = 30
LIFETIME_BUDGET_S = 10.0

# ------------------------------------------------------------------------------------------
# Measuring
# ------------------------------------------------------------------------------------------

class Sample:
    """Wall-clock times of several runs and the peak RSS (KiB) over them."""
    def __init__(self, times, peak_kb, failures=0):
        self.times, self.peak_kb, self.failures = list(times), peak_kb, failures

    @property
    def median(self):
        return statistics.median(self.times)

    @property
    def peak_mb(self):
        return self.peak_kb / 1024.0 if self.peak_kb else None


RUNSTAT = None   # the compiled Benchmarks/runstat.c, set by build_runstat()


def build_runstat(out):
    """Compile Benchmarks/runstat.c into OUT (static when the static libc is there)."""
    global RUNSTAT
    src = os.path.join(HERE, "runstat.c")
    exe = os.path.abspath(os.path.join(out, "runstat"))
    if not (os.path.exists(exe) and os.path.getmtime(exe) >= os.path.getmtime(src)):
        base = ["gcc", "-O2", "-Wall", "-Wextra", "-o", exe, src]
        if subprocess.run(base + ["-static"], stderr=subprocess.DEVNULL).returncode != 0:
            subprocess.run(base, check=True)
    RUNSTAT = exe


def run_once(cmd, env=None, stdin=None, timeout=None, stdout=None):
    """One process, started by runstat: (wall seconds, peak RSS KiB from wait4, exit status,
    killed by the timeout). stdin: a file to read (default: none); stdout: a file for the
    command's output (default: discarded)."""
    r, w = os.pipe()
    out = open(stdout, "w") if stdout else subprocess.DEVNULL
    inp = open(stdin) if stdin else subprocess.DEVNULL
    try:
        proc = subprocess.Popen([RUNSTAT, str(w), str(timeout or 0)] + list(cmd), pass_fds=(w,),
                                stdin=inp, stdout=out, stderr=subprocess.DEVNULL, env=env)
    finally:
        os.close(w)
        if stdout:
            out.close()
        if stdin:
            inp.close()
    with os.fdopen(r) as f:
        line = f.read().split()
    proc.wait()
    if len(line) != 4:
        raise RuntimeError("runstat failed on: %s" % " ".join(cmd))
    return float(line[0]), int(line[1]), int(line[2]), line[3] == "1"


def measure(cmd, runs, env=None):
    times, peak = [], 0
    for _ in range(runs):
        t, rss, _, _ = run_once(cmd, env=env)
        times.append(t)
        peak = max(peak, rss)
    return Sample(times, peak)


def measure_steps(steps, runs):
    """A pipeline of processes run one after the other: the sum of their wall clocks (each from
    fork to exit, no time between them), peak of the largest process. steps: [(cmd, stdin file
    or None)]."""
    times, peak, failures = [], 0, 0
    for _ in range(runs):
        total = 0.0
        for cmd, stdin in steps:
            t, rss, rc, _ = run_once(cmd, stdin=stdin)
            total += t
            peak = max(peak, rss)
            # abidiff's status is a bitfield: 1 error, 2 usage error; 4 and 8 report ABI changes
            failures += bool(rc & 3) if cmd[0] == "abidiff" else rc != 0
        times.append(total)
    return Sample(times, peak, failures)


def workers_env(jobs):
    env = dict(os.environ)
    env["UAPI_REVIEW_WORKERS"] = str(jobs)
    return env

# ------------------------------------------------------------------------------------------
# Formatting
# ------------------------------------------------------------------------------------------

def fmt_s(secs):
    if secs is None:
        return "-"
    if secs >= 1:
        return "%.2f s" % secs
    return "%.1f ms" % (secs * 1000)


def fmt_mb(mb):
    return "-" if mb is None else "%.0f MB" % mb


def speed_verdict(ratio, target):
    if ratio >= target:
        return "met"
    return "missed: %.1fx of %gx (%.1fx short)" % (ratio, target, target / ratio)


def memory_verdict(fraction, target):
    if fraction <= target:
        return "met"
    return "missed: %.0f%% of %.0f%% (%.2fx over)" % (100 * fraction, 100 * target, fraction / target)


def budget_verdict(sample, secs=None, mb=None):
    missed = []
    if secs is not None and sample.median >= secs:
        missed.append("%.2fx the time" % (sample.median / secs))
    if mb is not None and sample.peak_mb is not None and sample.peak_mb >= mb:
        missed.append("%.2fx the memory" % (sample.peak_mb / mb))
    if secs is None and mb is None:
        return "-"
    return "met" if not missed else "missed: " + ", ".join(missed)


def budget_text(secs=None, mb=None):
    parts = []
    if secs is not None:
        parts.append("< " + fmt_s(secs).replace(".00 s", " s").replace(".0 ms", " ms"))
    if mb is not None:
        parts.append("< %d MB" % mb)
    return ", ".join(parts) or "-"


class Section:
    def __init__(self, key, title):
        self.key, self.title = key, title
        self.lines = []
        self.summary = []   # (comparison, target, result) for the report's summary table

    def para(self, text):
        self.lines += [text, ""]

    def table(self, head, rows):
        self.lines.append("| " + " | ".join(head) + " |")
        self.lines.append("|" + "|".join(" --- " for _ in head) + "|")
        for r in rows:
            self.lines.append("| " + " | ".join(str(c) for c in r) + " |")
        self.lines.append("")

    def budgets(self, rows):
        """rows: (what, Sample, budget seconds or None, budget MB or None)."""
        self.table(["what", "median", "peak RSS", "budget", "result"],
                   [(w, fmt_s(s.median), fmt_mb(s.peak_mb), budget_text(b, m), budget_verdict(s, b, m))
                    for w, s, b, m in rows])

    def commands(self, cmds):
        self.lines.append("Commands (run from the repository root):")
        self.lines.append("")
        self.lines.append("```sh")
        self.lines += cmds
        self.lines.append("```")
        self.lines.append("")


class Ctx:
    """What every section needs: the arguments and how to show paths in commands."""
    def __init__(self, args):
        self.args = args
        self.tool = args.tool
        self.out = args.out
        self.runs = args.runs
        self.slow = max(1, min(args.slow_runs, args.runs))
        self.jobs = args.jobs

    def show(self, path):
        """A path as the commands in the report show it: relative to the working directory."""
        rel = os.path.relpath(path)
        return path if rel.startswith("..") else rel

    def cmd(self, argv):
        return " ".join(self.show(a) if os.path.isabs(a) and not a.startswith(INCLUDE_ROOT) else a for a in argv)

# ------------------------------------------------------------------------------------------
# Inputs
# ------------------------------------------------------------------------------------------

HEADER_LIST = "$(dpkg -L linux-libc-dev | grep '^/usr/include/.*\\.h$' | sort)"


def uapi_copies(out):
    """uapi-old: the uAPI set without x86_64-linux-gnu/ (asm/ is then the system's on both
    sides); uapi-new: the same with one opcode changed in misc/habanalabs.h; uapi-touched: every
    header of uapi-new with a comment appended, so every pair differs in text."""
    old, new, touched = (os.path.join(out, d) for d in ("uapi-old", "uapi-new", "uapi-touched"))
    if not os.path.isdir(new):
        for h in truth.list_headers(INCLUDE_ROOT):
            rel = os.path.relpath(h.path, INCLUDE_ROOT)
            if rel.startswith("x86_64-linux-gnu/"):
                continue
            os.makedirs(os.path.join(old, os.path.dirname(rel)), exist_ok=True)
            shutil.copyfile(h.path, os.path.join(old, rel))
        shutil.copytree(old, new)
        path = os.path.join(new, "misc", "habanalabs.h")
        text = open(path).read().replace("#define HL_MEM_OP_FREE\t\t\t1", "#define HL_MEM_OP_FREE\t\t\t9")
        open(path, "w").write(text)
    if not os.path.isdir(touched):
        shutil.copytree(new, touched)
        for root, _, files in os.walk(touched):
            for f in files:
                with open(os.path.join(root, f), "a") as h:
                    h.write("/* touched */\n")
    return old, new, touched


def mailbox(out, name, messages, size_mb, extra=()):
    """A generated mbox (cached in OUT) and the Message-ID mailgen.py picked in it."""
    path = os.path.join(out, name)
    idfile = path + ".id"
    if not (os.path.exists(path) and os.path.exists(idfile)):
        res = subprocess.run(["python3", os.path.join(HERE, "mailgen.py"), "--messages", str(messages),
                              "--size-mb", str(size_mb), "--out", path, "--seed", "1"] + list(extra),
                             capture_output=True, text=True, check=True)
        with open(idfile, "w") as f:
            f.write(res.stdout.strip().splitlines()[-1] if res.stdout.strip() else "")
    with open(idfile) as f:
        return path, f.read().strip()


def mailgen_cmd(name, messages, size_mb, extra=""):
    return "python3 Benchmarks/mailgen.py --messages %d --size-mb %s %s--out .build/bench/%s --seed 1" % (
        messages, size_mb, extra, name)

# ------------------------------------------------------------------------------------------
# 1. Header model vs layout probes
# ------------------------------------------------------------------------------------------

def layout_probes(ctx, hdrs):
    """The layout probes of the whole set on the five ABIs, written by truth.py's generator from
    the tool's own JSON model (same facts asked: sizes, alignments, offsets, member sizes,
    bit-fields, constant values and types, enumerators, ioctl numbers and argument sizes). Items a
    compiler rejects are dropped as truth.py does; (header, ABI) pairs that do not compile
    standalone get no probe. Not timed; cached in OUT/probes until the tool or truth.py changes."""
    work = os.path.abspath(os.path.join(ctx.out, "probes"))
    st = os.stat(ctx.tool)
    key = {"format": 1, "tool": [os.path.realpath(ctx.tool), st.st_size, int(st.st_mtime)],
           "truth": int(os.stat(truth.__file__).st_mtime), "headers": len(hdrs)}
    opts = argparse.Namespace(gcc="gcc", clang=truth.DEFAULT_CLANG if os.path.exists(truth.DEFAULT_CLANG) else "clang",
                              foreign_asm="skip", include_root=INCLUDE_ROOT, unlisted=False, const_types=True)
    top_dirs = sorted({os.path.relpath(h.path, INCLUDE_ROOT).split("/")[0] for h in hdrs if not h.x86_asm}
                      - {"x86_64-linux-gnu"})
    manifest_path = os.path.join(work, "manifest.json")
    manifest = None
    if os.path.exists(manifest_path):
        with open(manifest_path) as f:
            manifest = json.load(f)
        if manifest.get("key") != key:
            manifest = None
    if manifest is None and os.path.isdir(work):
        shutil.rmtree(work)
    os.makedirs(work, exist_ok=True)
    tcs = {a: truth.Toolchain(a, opts, work, top_dirs) for a in truth.ALL_ABIS}
    if manifest is not None:
        return manifest, tcs
    print("bench: writing the layout probes (not timed; cached in %s)" % work, file=sys.stderr, flush=True)
    for a in truth.ALL_ABIS:
        os.makedirs(os.path.join(work, a), exist_ok=True)
    tool_json = os.path.join(work, "tool.json")
    subprocess.run([ctx.tool, "header"] + [h.path for h in hdrs] +
                   ["--include-root", INCLUDE_ROOT, "--abi", "all", "--format", "json"],
                   stdout=open(tool_json, "w"), stderr=subprocess.DEVNULL)
    _, units = truth.load_units(tool_json)

    def prepare(tc, h):
        unit = units.get((h.real, tc.abi)) or {}
        _, items, _, _, _, _ = truth.plan_probe(h, tc.abi, unit, opts, ({}, set()))
        # The 'is it an integer constant expression' checks stay for the constants the model
        # lists; truth.py's hunt for macros the model did not list as constants is left out.
        consts = {c.get("name") for c in unit.get("constants") or []}
        items = [it for it in items if it["kind"] != "ice" or it["name"] in consts]
        src = os.path.join(work, tc.abi, h.slug + ".c")
        obj = os.path.join(work, tc.abi, h.slug + ".o")

        def write_and_compile(its):
            with open(src, "w") as f:
                f.write(truth.probe_source(tc, h, its, True)[0])
            return tc.run(["-c", "-o", obj], src)[0] == 0

        if not write_and_compile(items):
            ok, _ = truth.standalone(tc, h, work)
            if not ok:
                return tc.abi, h.name, None, 0, "not-standalone"
            _, strict_rej, _, _ = truth.probe(tc, h, work, items)
            items = [it for it in items if it["id"] not in strict_rej]
            if not write_and_compile(items):
                return tc.abi, h.name, None, 0, "failed"
        return tc.abi, h.name, src, len(items), "ok"

    tasks = [(tcs[a], h) for a in truth.ALL_ABIS for h in hdrs if tcs[a].applies(h)]
    with ThreadPoolExecutor(max_workers=ctx.jobs) as pool:
        done = list(pool.map(lambda t: prepare(*t), tasks))
    manifest = {"key": key, "probes": [[a, n, s, k] for a, n, s, k, why in done if why == "ok"],
                "notStandalone": {a: sum(1 for x in done if x[0] == a and x[4] == "not-standalone") for a in truth.ALL_ABIS},
                "failed": sum(1 for x in done if x[4] == "failed"),
                "notApplicable": len(hdrs) * len(truth.ALL_ABIS) - len(tasks)}
    with open(manifest_path, "w") as f:
        json.dump(manifest, f)
    return manifest, tcs


def compile_probes(ctx, manifest, tcs, runs):
    """Every probe compiled to an object (-c), ctx.jobs at a time: wall clock of the whole set,
    peak of the largest compiler process, and how many compiles failed."""
    probes = manifest["probes"]

    def one(p):
        abi, _, src, _ = p
        return run_once(tcs[abi].base + ["-c", "-o", src[:-2] + ".o", src])

    times, peak, failures, x86 = [], 0, 0, []
    for _ in range(runs):
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=ctx.jobs) as pool:
            res = list(pool.map(one, probes))
        times.append(time.perf_counter() - start)
        peak = max([peak] + [r[1] for r in res])
        failures = max(failures, sum(1 for r in res if r[2] != 0))
        x86.append(sum(r[0] for p, r in zip(probes, res) if p[0] == "x86_64") / ctx.jobs)
    return Sample(times, peak, failures), statistics.median(x86)


def section_header(ctx):
    s = Section("header", "Header model vs compilers on the equivalent layout probes")
    hdrs = truth.list_headers(INCLUDE_ROOT)
    paths = [h.path for h in hdrs]
    env = workers_env(ctx.jobs)
    base = [ctx.tool, "header", "--include-root", INCLUDE_ROOT, "--abi", "all"]
    whole = base + paths + ["--format", "summary"]
    manifest, tcs = layout_probes(ctx, hdrs)
    ours = measure(whole, ctx.runs, env)
    peer, peer_x86 = compile_probes(ctx, manifest, tcs, ctx.slow)
    ours_json = measure(base + paths + ["--format", "json"], ctx.runs, env)
    x86_only = base[:-2] + paths + ["--abi", "x86_64", "--format", "summary"]
    x86 = measure(x86_only, ctx.runs, env)
    ratio = peer.median / ours.median
    n_probes = len(manifest["probes"])
    n_items = sum(p[3] for p in manifest["probes"])
    per_abi = {a: sum(1 for p in manifest["probes"] if p[0] == a) for a in truth.ALL_ABIS}
    s.para("Ours: one `header` run over all %d uAPI headers of linux-libc-dev on the five ABIs "
           "(%d header-ABI units), `UAPI_REVIEW_WORKERS=%d` so it uses %d worker threads. Peer: "
           "gcc -m64/-m32/-mx32 and clang --target=aarch64/armv7 compiling (`-c`) the layout probe of "
           "each header on each ABI, %d compiles at a time. A probe is what "
           "Tests/compiler-truth/truth.py compiles to get the same facts from the compiler: the "
           "header plus the %d sizes, alignments, offsets, member sizes, bit-fields, constant values "
           "and types, enumerators and ioctl numbers the model lists. Writing the probes is not timed "
           "(they come from our own model and are cached in %s/probes); reading the values back out "
           "of the objects is not timed either."
           % (len(hdrs), len(hdrs) * 5, ctx.jobs, ctx.jobs, ctx.jobs, n_items, ctx.show(ctx.out)))
    s.para("The peer does less work than ours: there is no probe where a header does not compile "
           "standalone (%s), %d x86 asm/ headers are not compiled for arm64/arm, and %d probes "
           "failed to compile after the rejected items were dropped: %d probes in all (%s); %d "
           "failed in the timed runs. Probe compiles: median of %d runs; ours: median of %d."
           % (", ".join("%s %d" % (a, n) for a, n in manifest["notStandalone"].items()),
              manifest["notApplicable"] // 2, manifest["failed"], n_probes,
              ", ".join("%s %d" % (a, n) for a, n in per_abi.items()), peer.failures, ctx.slow, ctx.runs))
    s.table(["", "ours", "peer", "ratio", "target", "result"], [
        ("wall clock, whole set, 5 ABIs", fmt_s(ours.median), fmt_s(peer.median), "%.1fx faster" % ratio,
         ">= 50x", speed_verdict(ratio, 50)),
        ("peak RSS", fmt_mb(ours.peak_mb), fmt_mb(peer.peak_mb) + " (largest compiler process)", "", "-", "-"),
        ("the same with the full JSON model written", fmt_s(ours_json.median), fmt_s(peer.median),
         "%.1fx faster" % (peer.median / ours_json.median), "-", "-"),
        ("x86_64 only (peer: the gcc -m64 compiles' summed time / %d jobs)" % ctx.jobs, fmt_s(x86.median),
         fmt_s(peer_x86), "%.1fx faster" % (peer_x86 / x86.median), "-", "-"),
    ])
    s.summary.append(("header model vs layout probes, whole set, 5 ABIs", ">= 50x faster",
                      "%.1fx: %s" % (ratio, speed_verdict(ratio, 50))))
    empty = os.path.join(ctx.out, "probes", "empty.c")
    open(empty, "w").close()
    start_cost = measure(tcs["x86_64"].base + ["-c", "-o", empty[:-2] + ".o", empty], ctx.runs * 3)
    s.para("What bounds it: 50x means at most %s for the whole set, %.0f us a header-ABI unit; "
           "ours takes %.0f us a unit. One ABI alone (x86_64) takes %s, the five ABIs %.1fx that. "
           "On the peer's side a compile costs %.1f ms on average (%d jobs), of which %s is gcc "
           "starting on an empty file."
           % (fmt_s(peer.median / 50), 1e6 * peer.median / 50 / (len(hdrs) * 5),
              1e6 * ours.median / (len(hdrs) * 5), fmt_s(x86.median), ours.median / x86.median,
              1000 * peer.median * ctx.jobs / max(1, n_probes), ctx.jobs, fmt_s(start_cost.median)))
    one = base + ["/usr/include/misc/habanalabs.h", "--format", "summary"]
    one_json = base + ["/usr/include/misc/habanalabs.h", "--format", "json"]
    bundled = [ctx.tool, "header", "--format", "json"]
    s.para("Budgets from earlier issues:")
    s.budgets([
        ("all %d uAPI headers, 5 ABIs, parsed and laid out" % len(hdrs), ours, 1.0, None),
        ("the same, with the full JSON model written", ours_json, None, None),
        ("all %d uAPI headers, x86_64 only" % len(hdrs), x86, None, None),
        ("misc/habanalabs.h, 5 ABIs (whole process)", measure(one, ctx.runs * 3), 0.020, None),
        ("misc/habanalabs.h, 5 ABIs, JSON written", measure(one_json, ctx.runs * 3), None, None),
        ("bundled reference header, 5 ABIs, JSON", measure(bundled, ctx.runs * 3), None, None),
    ])
    t = ctx.show(ctx.tool)
    s.commands([
        "UAPI_REVIEW_WORKERS=%d %s header %s --include-root /usr/include --abi all --format summary"
        % (ctx.jobs, t, HEADER_LIST),
        "# the probes (written by the bench from truth.py's generator; one line per header and ABI):",
        "gcc -m64 -fdiagnostics-color=never -fno-diagnostics-show-caret -ftrack-macro-expansion=0 "
        "-c -o %s/probes/x86_64/linux__ip.h.o %s/probes/x86_64/linux__ip.h.c" % ((ctx.show(ctx.out),) * 2),
        "# ... -m32 (i386), -mx32 (x32); clang --target=aarch64-linux-gnu / armv7-linux-gnueabihf "
        "-nostdinc with the include dirs truth.py sets up (%s/probes/include-arm64, include-arm)" % ctx.show(ctx.out),
        "%s header /usr/include/misc/habanalabs.h --include-root /usr/include --abi all --format summary" % t,
        "%s header --format json" % t,
    ])
    return s

# ------------------------------------------------------------------------------------------
# 2. diff vs the check-uapi.sh pipeline, per header pair
# ------------------------------------------------------------------------------------------

CKU_FLAGS = ["-shared", "-nostdlib", "-fPIC", "-x", "c", "-O0", "-std=c90",
             "-fno-eliminate-unused-debug-types", "-g"]
CKU_MAIN = "int f(void) { return 0; }\n"   # what check-uapi.sh pipes into each compile


def cku_stdin(work):
    path = os.path.join(work, "cku-main.c")
    if not os.path.exists(path):
        with open(path, "w") as f:
            f.write(CKU_MAIN)
    return path


def cku_steps(work, slug, rel, old, new):
    """check-uapi.sh's own commands for one header: each side built into a shared object with
    debug info and the header force-included, then abidiff --non-reachable-types on the two."""
    steps = []
    for side, root in (("old", old), ("new", new)):
        steps.append((["gcc"] + CKU_FLAGS + ["-I" + root, "-include", os.path.join(root, rel),
                       "-o", os.path.join(work, "%s.%s.bin" % (slug, side)), "-"], cku_stdin(work)))
    steps.append((["abidiff", "--non-reachable-types", os.path.join(work, slug + ".old.bin"),
                   os.path.join(work, slug + ".new.bin")], None))
    return steps


def abidw_steps(work, slug, rel, old, new):
    """The variant with abidw: a probe object per side (gcc -g -c), abidw --load-all-types on
    each, abidiff on the two ABI XML files."""
    steps = []
    src = os.path.join(work, slug + ".probe.c")
    with open(src, "w") as f:
        f.write("#include <%s>\n" % rel)
    for side, root in (("old", old), ("new", new)):
        obj = os.path.join(work, "%s.%s.o" % (slug, side))
        steps.append((["gcc", "-g", "-fno-eliminate-unused-debug-types", "-I", root, "-c", src, "-o", obj], None))
        steps.append((["abidw", "--no-corpus-path", "--load-all-types", "--out-file",
                       os.path.join(work, "%s.%s.abi" % (slug, side)), obj], None))
    steps.append((["abidiff", os.path.join(work, slug + ".old.abi"), os.path.join(work, slug + ".new.abi")], None))
    return steps


def pair_sample(old):
    """PAIR_SAMPLE headers of uapi-old at evenly spaced ranks of size (smallest to largest)."""
    files = []
    for root, _, names in os.walk(old):
        for n in names:
            p = os.path.join(root, n)
            files.append((os.path.getsize(p), os.path.relpath(p, old)))
    files.sort()
    picked = []
    for i in range(PAIR_SAMPLE):
        rel = files[round(i * (len(files) - 1) / (PAIR_SAMPLE - 1))][1]
        if rel not in picked:
            picked.append(rel)
    return picked, len(files)


def section_diff(ctx):
    s = Section("diff", "diff vs the check-uapi.sh / abidiff pipeline, per header pair")
    old, new, touched = uapi_copies(ctx.out)
    work = os.path.join(ctx.out, "abi-pairs")
    if os.path.isdir(work):
        shutil.rmtree(work)
    os.makedirs(work)
    sample, count = pair_sample(old)
    have_abi = shutil.which("abidiff") and shutil.which("abidw")
    included, excluded = [], []
    for rel in sample:
        slug = rel.replace("/", "__")
        ok = True
        if have_abi:
            compiles = [st for st in cku_steps(work, slug, rel, old, touched) + abidw_steps(work, slug, rel, old, touched)
                        if st[0][0] == "gcc"]
            for cmd, stdin in compiles:
                with open(stdin or os.devnull) as f:
                    res = subprocess.run(cmd, stdin=f, capture_output=True, text=True)
                if res.returncode != 0:
                    err = [l for l in res.stderr.splitlines() if "error" in l]
                    excluded.append((rel, (err[0] if err else "compile failed").replace(old + "/", "").replace(touched + "/", "")))
                    ok = False
                    break
        if ok:
            included.append(rel)
    rows, ours_t, cku_t, abidw_t = [], [], [], []
    peaks = [0, 0, 0]
    for rel in included:
        slug = rel.replace("/", "__")
        o = measure([ctx.tool, "diff", os.path.join(old, rel), os.path.join(touched, rel),
                     "--include-root", INCLUDE_ROOT], ctx.runs)
        ours_t.append(o.median)
        peaks[0] = max(peaks[0], o.peak_kb)
        line = [rel, "%d" % os.path.getsize(os.path.join(old, rel)), fmt_s(o.median)]
        if have_abi:
            c = measure_steps(cku_steps(work, slug, rel, old, touched), ctx.runs)
            a = measure_steps(abidw_steps(work, slug, rel, old, touched), ctx.runs)
            cku_t.append(c.median)
            abidw_t.append(a.median)
            peaks[1] = max(peaks[1], c.peak_kb)
            peaks[2] = max(peaks[2], a.peak_kb)
            line += [fmt_s(a.median), fmt_s(c.median), "%.1fx" % (a.median / o.median)]
        rows.append(line)
    whole_touched = [ctx.tool, "diff", old, touched, "--include-root", INCLUDE_ROOT]
    every = measure(whole_touched, ctx.runs)
    amortized = every.median / count
    s.para("A fixed sample of %d header pairs: the headers of the uAPI set (%d headers, "
           "x86_64-linux-gnu/ left out so asm/ is the system's on both sides) at evenly spaced "
           "ranks of file size, smallest to largest. The new side of each pair is the old header "
           "with a comment appended (%s/uapi-touched), so both tools read, build and compare both "
           "sides in full and find no ABI change. Left out of both sides: %d of the sample that "
           "one of the pipelines cannot compile standalone (listed below); %d pairs "
           "timed. Each pair: median of %d runs of each side; the table gives the median over the "
           "pairs." % (len(sample), count, ctx.show(ctx.out), len(excluded), len(included), ctx.runs))
    s.para("Ours: `uapi-review diff OLD NEW --include-root /usr/include`, one whole process per "
           "pair; it covers the five ABIs plus macros and ioctl numbers. Peer: the abidiff pipeline "
           "the issue names, x86_64 only and no macros: on each side gcc -g "
           "-fno-eliminate-unused-debug-types -c of a probe that includes the header, then abidw "
           "--load-all-types, then abidiff on the two ABI XML files; the target is judged on it. "
           "check-uapi.sh's own commands are shown next to it: on each side gcc -shared -g "
           "-fno-eliminate-unused-debug-types -std=c90 with the header force-included (it links a "
           "shared object), then abidiff --non-reachable-types on the two objects (here without "
           "its suppression file). A peer's time is the sum of its processes' times.")
    if have_abi and included:
        mo, mc, ma = statistics.median(ours_t), statistics.median(cku_t), statistics.median(abidw_t)
        r_a, r_c = ma / mo, mc / mo
        s.table(["", "ours", "peer", "ratio", "target", "result"], [
            ("per pair, whole process (median over pairs)", fmt_s(mo), fmt_s(ma) + " (gcc -g, abidw x2, abidiff)",
             "%.1fx faster" % r_a, ">= 20x", speed_verdict(r_a, 20)),
            ("per pair, check-uapi.sh's own commands", fmt_s(mo), fmt_s(mc) + " (gcc -shared x2, abidiff)",
             "%.1fx faster" % r_c, "-", "-"),
            ("sum over the %d pairs" % len(included), fmt_s(sum(ours_t)), fmt_s(sum(abidw_t)),
             "%.1fx faster" % (sum(abidw_t) / sum(ours_t)), "-", "-"),
            ("per pair amortized: whole set in one process / %d pairs" % count, fmt_s(amortized),
             fmt_s(ma) + " (one pair)", "%.1fx faster" % (ma / amortized), "-", "-"),
            ("the same, peer running %d pairs at once as check-uapi.sh does" % ctx.jobs, fmt_s(amortized),
             fmt_s(ma / ctx.jobs), "%.1fx faster" % (ma / ctx.jobs / amortized), "-", "-"),
            ("peak RSS", fmt_mb(peaks[0] / 1024), fmt_mb(peaks[2] / 1024) + " (largest process)", "", "-", "-"),
        ])
        s.summary.append(("diff vs the abidiff pipeline, per header pair", ">= 20x faster",
                          "%.1fx: %s" % (r_a, speed_verdict(r_a, 20))))
        e1, e2 = os.path.join(work, "empty-old.h"), os.path.join(work, "empty-new.h")
        open(e1, "w").close()
        with open(e2, "w") as f:
            f.write("/* touched */\n")
        floor = measure([ctx.tool, "diff", e1, e2, "--include-root", INCLUDE_ROOT], ctx.runs * 3)
        empty_c = os.path.join(work, "empty.c")
        open(empty_c, "w").close()
        gcc_floor = measure(["gcc", "-g", "-c", empty_c, "-o", os.path.join(work, "empty.o")], ctx.runs)
        s.para("What bounds it: one pair is one process, and a process that diffs two empty "
               "headers already takes %s (all a run does besides reading real headers): "
               "with nothing else to do, the ratio could be at most %.1fx. The rest of "
               "ours is the header and what it includes (linux/types.h, asm/, ...) read and laid "
               "out on 5 ABIs x 2 sides. On the peer's side one gcc -g -c of an empty file costs "
               "%s. Across the whole set, where start-up is paid once, ours costs %s a pair, "
               "%.0fx less than the pipeline's one pair."
               % (fmt_s(floor.median), ma / floor.median, fmt_s(gcc_floor.median), fmt_s(amortized),
                  ma / amortized))
    elif not have_abi:
        s.para("abidiff/abidw not installed (abigail-tools): no peer measured.")
        s.summary.append(("diff vs the abidiff pipeline, per header pair", ">= 20x faster", "not measured"))
    s.lines += ["<details><summary>Per pair (median of %d runs each)</summary>" % ctx.runs, ""]
    s.table(["header", "bytes", "ours", "gcc, abidw, abidiff", "check-uapi.sh's commands", "ratio (abidw pipeline)"] if have_abi else ["header", "bytes", "ours"], rows)
    s.lines.append("Left out (a pipeline cannot compile them standalone):%s" % ("" if excluded else " none."))
    s.lines.append("")
    if excluded:
        s.lines += ["- `%s`: %s" % (rel, err.replace("|", "\\|")) for rel, err in excluded]
        s.lines.append("")
    s.lines += ["</details>", ""]
    one = [ctx.tool, "diff", os.path.join(old, "misc/habanalabs.h"), os.path.join(new, "misc/habanalabs.h"),
           "--include-root", INCLUDE_ROOT]
    whole_one = [ctx.tool, "diff", old, new, "--include-root", INCLUDE_ROOT]
    s.para("Budgets from earlier issues:")
    s.budgets([
        ("diff of the uAPI set (%d headers, 5 ABIs), one header changed" % count, measure(whole_one, ctx.runs), 2.0, None),
        ("diff of the uAPI set, every header's text changed (all %d pairs read and compared)" % count, every, 2.0, None),
        ("diff of one header pair (misc/habanalabs.h), whole process", measure(one, ctx.runs * 3), 0.020, None),
    ])
    t, o, tt = ctx.show(ctx.tool), ctx.show(old), ctx.show(touched)
    s.commands([
        "# one pair (linux/ip.h as the example; the sample is in the table above):",
        "%s diff %s/linux/ip.h %s/linux/ip.h --include-root /usr/include" % (t, o, tt),
        "# the abidiff pipeline on the same pair (probe.c: #include <linux/ip.h>):",
        "gcc -g -fno-eliminate-unused-debug-types -I %s -c probe.c -o old.o" % o,
        "gcc -g -fno-eliminate-unused-debug-types -I %s -c probe.c -o new.o" % tt,
        "abidw --no-corpus-path --load-all-types --out-file old.abi old.o",
        "abidw --no-corpus-path --load-all-types --out-file new.abi new.o",
        "abidiff old.abi new.abi",
        "# check-uapi.sh's own commands on the same pair:",
        "echo 'int f(void) { return 0; }' | gcc %s -I%s -include %s/linux/ip.h -o old.bin -"
        % (" ".join(CKU_FLAGS), o, o),
        "echo 'int f(void) { return 0; }' | gcc %s -I%s -include %s/linux/ip.h -o new.bin -"
        % (" ".join(CKU_FLAGS), tt, tt),
        "abidiff --non-reachable-types old.bin new.bin",
        "# the whole set in one process (the amortized row, and the budget rows):",
        "%s diff %s %s --include-root /usr/include" % (t, o, tt),
        "%s diff %s %s/uapi-new --include-root /usr/include" % (t, o, ctx.show(ctx.out)),
        "%s diff %s/misc/habanalabs.h %s/uapi-new/misc/habanalabs.h --include-root /usr/include" % (t, o, ctx.show(ctx.out)),
    ])
    return s

# ------------------------------------------------------------------------------------------
# 3. Series assembly vs b4
# ------------------------------------------------------------------------------------------

def b4_version():
    try:
        return subprocess.run(["b4", "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return None


def section_series(ctx):
    s = Section("series", "Series assembly vs b4")
    small, small_id = mailbox(ctx.out, "list-500.mbox", 500, 7)
    big, big_id = mailbox(ctx.out, "archive-16000.mbox", 16000, 220)
    b4 = b4_version()
    b4_out = os.path.join(ctx.out, "b4-out")
    s.para("The same series picked out of the same generated mailbox by Message-ID, whole process: "
           "`uapi-review series MBOX --message-id ID` next to `b4 --offline-mode am -m MBOX ID` "
           "(b4 %s; it writes the series as an mbox to %s/b4-out). The mailboxes come from "
           "Benchmarks/mailgen.py (seed 1): 500 messages (%.0f MB) and 16,000 messages (%.0f MB). "
           "Ours: median of %d runs on both; b4: median of %d on the 500-message box and of %d on "
           "the 16,000-message box, where one run takes seconds."
           % (b4 or "not installed", ctx.show(ctx.out), os.path.getsize(small) / 1e6, os.path.getsize(big) / 1e6,
              ctx.runs, ctx.runs, ctx.slow))
    rows, bounds = [], []
    floors = None
    for path, msgid, label, b4_runs in [(small, small_id, "500 messages", ctx.runs), (big, big_id, "16,000 messages", ctx.slow)]:
        ours = measure([ctx.tool, "series", path, "--message-id", msgid], ctx.runs)
        if not b4:
            rows.append(("one series out of %s" % label, fmt_s(ours.median), "-", "-", ">= 4x", "not measured"))
            continue
        peer = measure(["b4", "--offline-mode", "am", "-m", path, msgid, "-o", b4_out], b4_runs)
        ratio, frac = peer.median / ours.median, ours.peak_kb / peer.peak_kb
        rows.append(("one series out of %s: wall clock" % label, fmt_s(ours.median), fmt_s(peer.median),
                     "%.1fx faster" % ratio, ">= 4x", speed_verdict(ratio, 4)))
        rows.append(("one series out of %s: peak RSS" % label, fmt_mb(ours.peak_mb), fmt_mb(peer.peak_mb),
                     "%.0f%% of b4's" % (100 * frac), "<= 50%", memory_verdict(frac, 0.5)))
        s.summary.append(("series assembly vs b4, %s" % label, ">= 4x faster, <= 50% of its memory",
                          "%.1fx: %s; %.0f%%: %s" % (ratio, speed_verdict(ratio, 4), 100 * frac, memory_verdict(frac, 0.5))))
        if floors is None:
            empty = os.path.join(ctx.out, "empty.mbox")
            open(empty, "w").close()
            floors = (measure([ctx.tool, "series", empty], ctx.runs), measure(["b4", "--version"], ctx.runs))
        bounds.append("What bounds it (%s): before reading any mail, a run of ours (on an empty "
                      "mailbox) takes %s and %s, the mailbox adding %s and %s; `b4 --version` "
                      "takes %s and %s (the Python interpreter and b4's imports). The targets ask for "
                      "at most %s and %s here."
                      % (label, fmt_s(floors[0].median), fmt_mb(floors[0].peak_mb),
                         fmt_s(ours.median - floors[0].median), fmt_mb(ours.peak_mb - floors[0].peak_mb),
                         fmt_s(floors[1].median), fmt_mb(floors[1].peak_mb), fmt_s(peer.median / 4),
                         fmt_mb(peer.peak_mb / 2)))
    s.table(["", "ours", "b4", "ratio", "target", "result"], rows)
    for b in bounds:
        s.para(b)
    listing = [ctx.tool, "series", "--list", big]
    full = [ctx.tool, "series", small, "--format", "json"]
    s.para("Budgets from earlier issues:")
    s.budgets([
        ("16,000 messages (%.0f MB mbox) indexed into threads and series" % (os.path.getsize(big) / 1e6),
         measure(listing, ctx.runs), 4.0, 300),
        ("one series out of a 500-message mbox (whole process)", measure([ctx.tool, "series", small, "--message-id", small_id], ctx.runs * 3), 0.100, None),
        ("every series of the 500-message mbox, full model as JSON", measure(full, ctx.runs), None, None),
    ])
    t, o = ctx.show(ctx.tool), ctx.show(ctx.out)
    s.commands([
        mailgen_cmd("list-500.mbox", 500, 7) + "    # prints the Message-ID used",
        mailgen_cmd("archive-16000.mbox", 16000, 220),
        "%s series %s/list-500.mbox --message-id \"$(cat %s/list-500.mbox.id)\"" % (t, o, o),
        "b4 --offline-mode am -m %s/list-500.mbox \"$(cat %s/list-500.mbox.id)\" -o %s/b4-out" % (o, o, o),
        "%s series %s/archive-16000.mbox --message-id \"$(cat %s/archive-16000.mbox.id)\"" % (t, o, o),
        "b4 --offline-mode am -m %s/archive-16000.mbox \"$(cat %s/archive-16000.mbox.id)\" -o %s/b4-out" % (o, o, o),
        "%s series --list %s/archive-16000.mbox" % (t, o),
        "%s series %s/list-500.mbox --format json" % (t, o),
    ])
    return s

# ------------------------------------------------------------------------------------------
# 4. Site
# ------------------------------------------------------------------------------------------

def section_site(ctx):
    s = Section("site", "Site rendering")
    big = os.path.join(ctx.out, "series-100x1000.mbox")
    if not os.path.exists(big):
        subprocess.run(["python3", os.path.join(HERE, "mailgen.py"), "--messages", "1200", "--size-mb", "6",
                        "--series", "100", "--replies", "1000", "--out", big, "--seed", "1"], capture_output=True, check=True)
    bundled = [ctx.tool, "site", "-o", os.path.join(ctx.out, "site-bundled")]
    large = [ctx.tool, "site", big, "-o", os.path.join(ctx.out, "site-large")]
    s.para("No peer renders a review site. Whole process, pages written to a scratch folder; median "
           "of %d runs." % ctx.runs)
    s.budgets([
        ("site of the bundled example (lifetime checker included)", measure(bundled, ctx.runs), 1.0, None),
        ("site of a generated series: 100 patches, 1,000 replies (%.1f MB mbox)" % (os.path.getsize(big) / 1e6),
         measure(large, ctx.runs), 3.0, None),
    ])
    t, o = ctx.show(ctx.tool), ctx.show(ctx.out)
    s.commands([
        "%s site -o %s/site-bundled" % (t, o),
        "python3 Benchmarks/mailgen.py --messages 1200 --size-mb 6 --series 100 --replies 1000 "
        "--out %s/series-100x1000.mbox --seed 1" % o,
        "%s site %s/series-100x1000.mbox -o %s/site-large" % (t, o, o),
    ])
    return s

# ------------------------------------------------------------------------------------------
# 5. Lifetime model checking
# ------------------------------------------------------------------------------------------

def verify_once(ctx, policy, depth, timeout=None):
    """One `verify` run: (wall, peak KiB, the lifetime report or None when killed or unreadable)."""
    out = os.path.join(ctx.out, "verify-%s-%d.json" % (policy, depth))
    t, rss, _, killed = run_once([ctx.tool, "verify", "--policy", policy, "--depth", str(depth), "--format", "json"],
                                 timeout=timeout, stdout=out)
    if killed:
        return t, rss, None
    try:
        with open(out) as f:
            return t, rss, json.load(f)["lifetime"][0]
    except (OSError, ValueError, KeyError, IndexError):
        return t, rss, None


def section_lifetime(ctx):
    s = Section("lifetime", "Lifetime model checking")
    s.para("`uapi-review verify --policy P --depth D --format json` on the bundled reference "
           "header and driver; states and seconds are the checker's own counts from the JSON "
           "report, the wall clock is the whole process. Depth reached in %g s: for owner-ref and "
           "revoke, depths 8, 9, 10, ... run one at a time (one run each) until a run takes more "
           "than %g s (it is then stopped) or stops short of its depth at the checker's state "
           "limit; the depth reached is the deepest that completed, exhaustively, within %g s. "
           "The states, states/s, wall clock and peak RSS in the table are those of that one run. "
           "`none` stops at its counterexample whatever the depth, so it gets one depth (median of "
           "%d runs)." % (LIFETIME_BUDGET_S, LIFETIME_BUDGET_S, LIFETIME_BUDGET_S, ctx.runs))
    rows = []
    # none: the counterexample
    cmd = [ctx.tool, "verify", "--policy", "none", "--depth", "10", "--format", "json"]
    none = measure(cmd, ctx.runs)
    _, _, rep = verify_once(ctx, "none", 10)
    if rep:
        rate = rep["states"] / rep["seconds"] if rep["seconds"] else 0
        cex = len(rep.get("counterexample") or [])
        rows.append(("none", "- (counterexample in %d steps)" % cex, "%d" % rep["states"], "%.0f" % rate,
                     fmt_s(none.median), fmt_mb(none.peak_mb), "stops at the counterexample"))
    for policy in ("owner-ref", "revoke"):
        best, stop = None, None
        depth = 8
        while True:
            wall, rss, rep = verify_once(ctx, policy, depth, timeout=LIFETIME_BUDGET_S)
            if rep is None:
                stop = "depth %d stopped after %.0f s" % (depth, LIFETIME_BUDGET_S)
                break
            if not rep.get("exhaustive", True) or rep.get("depth") != depth:
                stop = "depth %d hit the state limit at %d states (depth %s, %s)" % (
                    depth, rep["states"], rep.get("depth"), fmt_s(wall))
                break
            if wall > LIFETIME_BUDGET_S:
                stop = "depth %d took %s" % (depth, fmt_s(wall))
                break
            best = (depth, wall, rss, rep)
            depth += 1
        if best:
            d, wall, rss, rep = best
            rate = rep["states"] / rep["seconds"] if rep["seconds"] else 0
            rows.append((policy, "%d" % d, "%d" % rep["states"], "%.0f" % rate, fmt_s(wall), fmt_mb(rss / 1024), stop))
        else:
            rows.append((policy, "< 8", "-", "-", "-", "-", stop))
        s.summary.append(("lifetime checker, %s: depth reached in 10 s" % policy, "reported",
                          "depth %s" % (best[0] if best else "< 8")))
    s.table(["policy", "depth reached in 10 s", "states", "states/s", "wall clock", "peak RSS", "search stopped at"], rows)
    owner8 = measure([ctx.tool, "verify", "--policy", "owner-ref", "--depth", "8", "--format", "json"], ctx.runs)
    s.para("Budgets from earlier issues:")
    s.budgets([
        ("none: the counterexample", none, 1.0, None),
        ("owner-ref: exhaustive to depth 8", owner8, 10.0, None),
    ])
    t = ctx.show(ctx.tool)
    s.commands([
        "%s verify --policy none --depth 10 --format json" % t,
        "%s verify --policy owner-ref --depth 8 --format json    # then 9, 10, ... until over 10 s" % t,
        "%s verify --policy revoke --depth 8 --format json       # then 9, 10, ..." % t,
    ])
    return s

# ------------------------------------------------------------------------------------------
# Report
# ------------------------------------------------------------------------------------------

def first_line(cmd):
    try:
        res = subprocess.run(cmd, capture_output=True, text=True)
        return (res.stdout or res.stderr).strip().splitlines()[0]
    except (OSError, IndexError):
        return "not installed"


def machine():
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = "?"
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem = "%.1f GB" % (int(line.split()[1]) / 1024 / 1024)
    clang = truth.DEFAULT_CLANG if os.path.exists(truth.DEFAULT_CLANG) else "clang"
    libc_dev = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "linux-libc-dev"], capture_output=True, text=True).stdout
    return [
        ("CPU", "%s, %d cores" % (cpu, os.cpu_count())),
        ("memory", mem),
        ("kernel", "%s %s" % (platform.system(), platform.release())),
        ("swift", first_line(["swift", "--version"])),
        ("gcc", first_line(["gcc", "--version"])),
        ("clang", first_line([clang, "--version"])),
        ("abigail", first_line(["abidiff", "--version"])),
        ("b4", b4_version() or "not installed"),
        ("python", platform.python_version()),
        ("linux-libc-dev", libc_dev or "?"),
    ]


def report(ctx, sections, elapsed):
    a = ctx.args
    lines = ["# uapi-review benchmarks", "",
             "Written by `make bench` (Benchmarks/bench.py). The structure of this file is fixed; the "
             "numbers change from run to run and machine to machine.", ""]
    lines += ["## What is measured", "",
              "- Every time is the wall clock of whole processes, fork to exit, the median of "
              "%d runs (`--runs`); the two slow peers (the probe compiles of the whole set, b4 on "
              "the 16,000-message mailbox) use the median of %d (`--slow-runs`). A peer made of "
              "several processes in a row is timed as the sum of its processes." % (ctx.runs, ctx.slow),
              "- Peak RSS is the largest `ru_maxrss` that `wait4` reports over the timed runs (the "
              "process and the children it waited for); no extra run is made. For a peer made of "
              "several processes it is the largest single process. Each process is started by "
              "`Benchmarks/runstat.c`, a small static program, because Linux carries the peak RSS "
              "of the process that execs into the new program's: started from Python, every "
              "process would report at least Python's peak.",
              "- Parallel work uses %d jobs on both sides (`--jobs`): our header loader gets "
              "`UAPI_REVIEW_WORKERS=%d`, the compilers run %d at a time." % (ctx.jobs, ctx.jobs, ctx.jobs),
              "- Inputs (generated mailboxes, copies of the uAPI set, layout probes) are made once, "
              "not timed, and kept in `%s`." % ctx.show(ctx.out),
              "- This run took %.1f minutes in all%s." % (elapsed / 60, "" if not a.only else " (sections: %s)" % a.only),
              ""]
    lines += ["## Reproduce", "", "```sh",
              "make bench    # = make release bench-deps, then:",
              "python3 Benchmarks/bench.py --tool %s --out %s --report %s --runs %d --slow-runs %d --jobs %d"
              % (ctx.show(ctx.tool), ctx.show(ctx.out), a.report or "BENCHMARKS.md", ctx.runs, a.slow_runs, ctx.jobs),
              "```", "", "Each section lists the commands it times.", ""]
    lines += ["## Machine", "", "| | |", "| --- | --- |"]
    lines += ["| %s | %s |" % (k, v.replace("|", "\\|")) for k, v in machine()]
    lines.append("")
    summary = [row for sec in sections for row in sec.summary]
    lines += ["## Targets", "", "| comparison | target | result |", "| --- | --- | --- |"]
    lines += ["| %s | %s | %s |" % r for r in summary]
    lines.append("")
    for n, sec in enumerate(sections, 1):
        lines += ["## %d. %s" % (n, sec.title), ""] + sec.lines
    return "\n".join(lines).rstrip("\n") + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tool", required=True, help="the uapi-review binary (a release build)")
    ap.add_argument("--out", default=".build/bench", help="inputs and scratch output (default .build/bench)")
    ap.add_argument("--report", help="write the Markdown report here (default OUT/report.md)")
    ap.add_argument("--runs", type=int, default=5, help="runs per measurement, the median is reported (default 5)")
    ap.add_argument("--slow-runs", type=int, default=3,
                    help="runs for the slow peers: probe compiles, b4 on 16,000 messages (default 3)")
    ap.add_argument("--jobs", type=int, default=2, help="parallel jobs on both sides (default 2)")
    ap.add_argument("--only", help="comma list of sections to run: " + ",".join(SECTIONS))
    args = ap.parse_args()
    only = [x.strip() for x in args.only.split(",")] if args.only else SECTIONS
    for x in only:
        if x not in SECTIONS:
            ap.error("unknown section %r (known: %s)" % (x, ",".join(SECTIONS)))
    if not os.access(args.tool, os.X_OK):
        ap.error("no executable at %s (make release)" % args.tool)
    os.makedirs(args.out, exist_ok=True)
    build_runstat(args.out)
    ctx = Ctx(args)
    start = time.perf_counter()
    run = {"header": section_header, "diff": section_diff, "series": section_series,
           "site": section_site, "lifetime": section_lifetime}
    sections = []
    for key in SECTIONS:
        if key in only:
            t0 = time.perf_counter()
            print("bench: %s ..." % key, file=sys.stderr, flush=True)
            sections.append(run[key](ctx))
            print("bench: %s done in %.0f s" % (key, time.perf_counter() - t0), file=sys.stderr, flush=True)
    text = report(ctx, sections, time.perf_counter() - start)
    path = args.report or os.path.join(args.out, "report.md")
    with open(path, "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()

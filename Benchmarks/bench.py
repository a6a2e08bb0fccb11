#!/usr/bin/env python3
"""make bench: how fast uapi-review reads uAPI headers, next to the compilers on the same headers.

Measures (wall clock, best of --runs, and peak memory):
  1. every uAPI header of linux-libc-dev, all five ABIs, one tool run (the issue's budget: < 1 s);
  2. misc/habanalabs.h alone, all five ABIs (budget: < 20 ms);
  3. the bundled reference header;
  4. gcc (x86_64, i386, x32) and clang (arm64, arm) compiling each header standalone
     (-fsyntax-only, 2 jobs), the same work a compile-only probe starts with;
  5. series from mail: a generated 16,000-message list archive indexed into threads and series
     (budget: < 4 s, < 300 MB), one series out of a 500-message mbox (budget: < 100 ms), and the
     full model of every series in the 500-message mbox;
  6. the lifetime checker of `verify`: the counterexample under `none` (budget: < 1 s) and the
     exhaustive search to depth 8 under `owner-ref` (budget: < 10 s), with states per second;
  7. `diff` of the whole uAPI set and of one header pair, next to the check-uapi.sh pipeline
     (gcc -g, abidw, abidiff) on the same pair;
  8. `site` of the bundled example (budget: < 1 s) and of a generated series of 100 patches with
     1,000 replies (budget: < 3 s);
  9. one series picked out of the generated mailboxes next to b4 (`b4 --offline-mode am -m`).
Writes a Markdown report to OUT/report.md and prints it.
"""
import argparse, os, subprocess, time
from concurrent.futures import ThreadPoolExecutor

def headers():
    out = subprocess.run(["dpkg", "-L", "linux-libc-dev"], capture_output=True, text=True).stdout
    return sorted(p for p in out.split() if p.endswith(".h") and p.startswith("/usr/include/"))

def timed(cmd, runs):
    best = None
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best

def peak_rss_mb(cmd):
    """Peak resident memory of this one run (wait4 reports the child's own rusage)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return usage.ru_maxrss / 1024.0

def compilers(hdrs, jobs):
    clang = "/opt/swift/usr/bin/clang"
    setups = [
        ["gcc", "-m64"], ["gcc", "-m32"], ["gcc", "-mx32"],
        [clang, "--target=aarch64-linux-gnu", "-isystem", "/usr/aarch64-linux-gnu/include"],
        [clang, "--target=armv7-linux-gnueabihf", "-isystem", "/usr/arm-linux-gnueabihf/include"],
    ]
    tasks = []
    for setup in setups:
        for h in hdrs:
            name = h[len("/usr/include/"):]
            if name.startswith("x86_64-linux-gnu/"):
                name = name[len("x86_64-linux-gnu/"):]
            tasks.append(setup + ["-fsyntax-only", "-x", "c", "-"] + [f"#include <{name}>\n"])
    def run(t):
        subprocess.run(t[:-1], input=t[-1], text=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(run, tasks))
    return time.perf_counter() - start, len(tasks)

def mailboxes(out, tool, runs):
    """Rows for series ingestion, on mboxes Benchmarks/mailgen.py writes (cached in OUT)."""
    here = os.path.dirname(os.path.abspath(__file__))
    rows = []
    def generate(name, messages, size_mb):
        path = os.path.join(out, name)
        idfile = path + ".id"
        if not (os.path.exists(path) and os.path.exists(idfile)):
            res = subprocess.run(["python3", os.path.join(here, "mailgen.py"), "--messages", str(messages),
                                  "--size-mb", str(size_mb), "--out", path, "--seed", "1"],
                                 capture_output=True, text=True, check=True)
            with open(idfile, "w") as f:
                f.write(res.stdout.strip().splitlines()[-1])
        with open(idfile) as f:
            return path, f.read().strip()
    big, _ = generate("archive-16000.mbox", 16000, 220)
    size = os.path.getsize(big) / 1e6
    listing = [tool, "series", "--list", big]
    rows.append(("16,000 messages (%.0f MB mbox) indexed into threads and series" % size, timed(listing, runs), peak_rss_mb(listing), "< 4 s, < 300 MB"))
    small, msgid = generate("list-500.mbox", 500, 7)
    one = [tool, "series", small, "--message-id", msgid]
    rows.append(("one series out of a 500-message mbox (whole process)", timed(one, runs * 3), peak_rss_mb(one), "< 100 ms"))
    full = [tool, "series", small, "--format", "json"]
    rows.append(("every series of the 500-message mbox, full model as JSON", timed(full, runs), peak_rss_mb(full), ""))
    return rows

def abi_diff(tool, out, runs):
    """Rows for `diff`: the whole uAPI set against a copy with one opcode changed, and one
    header pair next to the check-uapi.sh pipeline (gcc -g, abidw, abidiff) on the same pair."""
    import shutil
    old, new = os.path.join(out, "uapi-old"), os.path.join(out, "uapi-new")
    if not os.path.isdir(new):
        for h in headers():
            rel = h[len("/usr/include/"):]
            if rel.startswith("x86_64-linux-gnu/"):
                continue
            os.makedirs(os.path.join(old, os.path.dirname(rel)), exist_ok=True)
            shutil.copyfile(h, os.path.join(old, rel))
        shutil.copytree(old, new)
        path = os.path.join(new, "misc", "habanalabs.h")
        text = open(path).read().replace("#define HL_MEM_OP_FREE\t\t\t1", "#define HL_MEM_OP_FREE\t\t\t9")
        open(path, "w").write(text)
    touched = os.path.join(out, "uapi-touched")
    if not os.path.isdir(touched):
        # Every header's text differs (a comment at the end), so every pair is read and compared.
        shutil.copytree(new, touched)
        for root, _, files in os.walk(touched):
            for f in files:
                with open(os.path.join(root, f), "a") as h:
                    h.write("/* touched */\n")
    count = sum(len(f) for _, _, f in os.walk(old))
    rows = []
    whole = [tool, "diff", old, new, "--include-root", "/usr/include"]
    rows.append(("diff of the uAPI set (%d headers, 5 ABIs), one header changed" % count, timed(whole, runs), peak_rss_mb(whole), "< 2 s"))
    every = [tool, "diff", old, touched, "--include-root", "/usr/include"]
    rows.append(("diff of the uAPI set, every header's text changed (all %d pairs read and compared)" % count, timed(every, runs), peak_rss_mb(every), "< 2 s"))
    pair = [tool, "diff", os.path.join(old, "misc/habanalabs.h"), os.path.join(new, "misc/habanalabs.h"), "--include-root", "/usr/include"]
    rows.append(("diff of one header pair (misc/habanalabs.h), whole process", timed(pair, runs * 3), peak_rss_mb(pair), "< 20 ms"))
    if shutil.which("abidw") and shutil.which("abidiff"):
        work = os.path.join(out, "abi-pipeline")
        os.makedirs(work, exist_ok=True)
        def pipeline():
            for side, root in (("old", old), ("new", new)):
                src = os.path.join(work, side + ".c")
                with open(src, "w") as f:
                    f.write("#include <misc/habanalabs.h>\nunion hl_mem_args uapi_review_probe;\n")
                obj = os.path.join(work, side + ".o")
                subprocess.run(["gcc", "-g", "-fno-eliminate-unused-debug-types", "-I", root, "-c", src, "-o", obj], check=True)
                subprocess.run(["abidw", "--no-corpus-path", "--load-all-types", "--out-file", os.path.join(work, side + ".abi"), obj], check=True)
            subprocess.run(["abidiff", os.path.join(work, "old.abi"), os.path.join(work, "new.abi")], stdout=subprocess.DEVNULL)
        best = None
        for _ in range(runs):
            start = time.perf_counter()
            pipeline()
            elapsed = time.perf_counter() - start
            best = elapsed if best is None else min(best, elapsed)
        rows.append(("check-uapi.sh pipeline on the same pair (gcc -g, abidw x2, abidiff; x86_64 only, no macros)", best, None, "reference"))
    return rows

def lifetime(tool, runs):
    """Rows for the lifetime checker: whole-process wall clock, and the checker's own count of
    states explored and states per second from the JSON report."""
    import json
    rows = []
    for policy, depth, budget in [("none", 10, "counterexample < 1 s"), ("owner-ref", 8, "< 10 s"), ("revoke", 8, ""), ("owner-ref", 10, "")]:
        cmd = [tool, "verify", "--policy", policy, "--depth", str(depth), "--format", "json"]
        wall = timed(cmd, runs)
        report = json.loads(subprocess.run(cmd, capture_output=True, text=True).stdout)
        l = report["lifetime"][0]
        what = "counterexample in %d steps" % len(l["counterexample"]) if l.get("counterexample") else "no invariant broken to depth %d" % l["depth"]
        rate = l["states"] / l["seconds"] if l["seconds"] else 0
        rows.append(("lifetime checker, %s, depth %d: %s, %d states (%.0f states/s)" % (policy, depth, what, l["states"], rate), wall, peak_rss_mb(cmd), budget))
    return rows

def site(tool, out, runs):
    """Rows for `site`: the bundled example, and a generated series of 100 patches with 1,000
    replies (mailgen.py --series), whole process, pages written to a scratch folder."""
    here = os.path.dirname(os.path.abspath(__file__))
    big = os.path.join(out, "series-100x1000.mbox")
    if not os.path.exists(big):
        subprocess.run(["python3", os.path.join(here, "mailgen.py"), "--messages", "1200", "--size-mb", "6",
                        "--series", "100", "--replies", "1000", "--out", big, "--seed", "1"], capture_output=True, check=True)
    rows = []
    bundled = [tool, "site", "-o", os.path.join(out, "site-bundled")]
    rows.append(("site of the bundled example (whole process, lifetime checker included)", timed(bundled, runs), peak_rss_mb(bundled), "< 1 s"))
    large = [tool, "site", big, "-o", os.path.join(out, "site-large")]
    rows.append(("site of a generated series: 100 patches, 1,000 replies", timed(large, runs), peak_rss_mb(large), "< 3 s"))
    return rows

def b4_peer(tool, out, runs):
    """Rows for series assembly next to b4 (`b4 --offline-mode am -m MBOX MSGID`): the same
    series picked out of the same generated mailbox, whole process, wall clock and peak memory."""
    import shutil
    rows = []
    if not shutil.which("b4"):
        return [("b4 not installed (`make bench-deps`): no comparison", 0.0, None, "")]
    for name, count, b4_runs in [("list-500.mbox", 500, runs), ("archive-16000.mbox", 16000, 1)]:
        path = os.path.join(out, name)
        with open(path + ".id") as f:
            msgid = f.read().strip()
        ours = [tool, "series", path, "--message-id", msgid]
        peer = ["b4", "--offline-mode", "am", "-m", path, msgid, "-o", os.path.join(out, "b4-out")]
        t_ours, m_ours = timed(ours, runs), peak_rss_mb(ours)
        t_b4, m_b4 = timed(peer, b4_runs), peak_rss_mb(peer)
        rows.append(("one series out of %d messages: uapi-review series --message-id" % count, t_ours, m_ours,
                     "%.1fx faster, %.0f%% of b4's memory (target 4x, 50%%)" % (t_b4 / t_ours, 100 * m_ours / m_b4)))
        rows.append(("the same with b4 %s (--offline-mode am -m)" % b4_version(), t_b4, m_b4, "peer"))
    return rows

def b4_version():
    try:
        return subprocess.run(["b4", "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", required=True)
    ap.add_argument("--out", default=".build/bench")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    hdrs = headers()
    tool = [args.tool, "header", "--include-root", "/usr/include", "--abi", "all"]
    rows = []
    # "summary" prints one line per header: the time is reading, parsing and laying out.
    whole = tool + hdrs + ["--format", "summary"]
    rows.append(("all %d uAPI headers, 5 ABIs, parsed and laid out" % len(hdrs), timed(whole, args.runs), peak_rss_mb(whole), "< 1 s"))
    whole_json = tool + hdrs + ["--format", "json"]
    rows.append(("the same, with the full JSON model written", timed(whole_json, args.runs), peak_rss_mb(whole_json), ""))
    whole_x86 = tool[:-2] + hdrs + ["--abi", "x86_64", "--format", "summary"]
    rows.append(("all %d uAPI headers, x86_64 only" % len(hdrs), timed(whole_x86, args.runs), peak_rss_mb(whole_x86), ""))
    one = tool + ["/usr/include/misc/habanalabs.h", "--format", "summary"]
    rows.append(("misc/habanalabs.h, 5 ABIs (whole process)", timed(one, args.runs * 3), peak_rss_mb(one), "< 20 ms"))
    one_json = tool + ["/usr/include/misc/habanalabs.h", "--format", "json"]
    rows.append(("misc/habanalabs.h, 5 ABIs, JSON written", timed(one_json, args.runs * 3), peak_rss_mb(one_json), ""))
    bundled = [args.tool, "header", "--format", "json"]
    rows.append(("bundled reference header, 5 ABIs", timed(bundled, args.runs * 3), peak_rss_mb(bundled), ""))
    rows += mailboxes(args.out, args.tool, args.runs)
    rows += lifetime(args.tool, args.runs)
    rows += abi_diff(args.tool, args.out, args.runs)
    rows += site(args.tool, args.out, args.runs)
    rows += b4_peer(args.tool, args.out, args.runs)
    gcc_time, count = compilers(hdrs, args.jobs)
    rows.append(("gcc/clang -fsyntax-only, %d standalone compiles, %d jobs" % (count, args.jobs), gcc_time, None, "reference"))
    lines = ["# uapi-review benchmark", "", "Machine: %d cores. Best of %d runs (wall clock)." % (os.cpu_count(), args.runs), "",
             "| what | wall | peak RSS | budget |", "| --- | --- | --- | --- |"]
    for name, secs, rss, budget in rows:
        wall = "%.3f s" % secs if secs >= 1 else "%.1f ms" % (secs * 1000)
        lines.append("| %s | %s | %s | %s |" % (name, wall, "%.0f MB" % rss if rss else "-", budget))
    report = "\n".join(lines) + "\n"
    with open(os.path.join(args.out, "report.md"), "w") as f:
        f.write(report)
    print(report)

if __name__ == "__main__":
    main()

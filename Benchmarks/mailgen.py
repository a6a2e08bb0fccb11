#!/usr/bin/env python3
"""Writes a deterministic, kernel-list-like mbox for benchmarks.

    python3 Benchmarks/mailgen.py --messages 16000 --size-mb 220 --out big.mbox [--seed 1]

Series with covers and numbered patches (unified diffs of C files and uAPI headers, diffstats
that match them, trailers), several versions of some series (v1..v4, a v2.1 partial reroll,
RESEND, RFC, net-next), review replies quoting hunks and giving Reviewed-by/Acked-by, threads
through Message-ID/In-Reply-To/References, some quoted-printable, base64 and Latin-1 mails,
and mboxo `>From ` quoting. The same arguments always give the same bytes.

stdout: the Message-ID of a mid-sized series (cover, at least 5 patches, replies).
stderr: one summary line.
"""

import argparse
import base64
import email.utils
import quopri
import random
import sys
import time

SUBSYSTEMS = [
    ("net", "drivers/net/ethernet/acme", "include/uapi/linux/acme_net.h", "net-next"),
    ("drm/hl", "drivers/accel/habanalabs/common", "include/uapi/drm/habanalabs_accel.h", None),
    ("iio", "drivers/iio/adc", "include/uapi/linux/iio/types.h", None),
    ("io_uring", "io_uring", "include/uapi/linux/io_uring.h", None),
    ("media", "drivers/media/platform/acme", "include/uapi/linux/videodev2.h", None),
    ("bpf", "kernel/bpf", "include/uapi/linux/bpf.h", "bpf-next"),
    ("vfio", "drivers/vfio/pci", "include/uapi/linux/vfio.h", None),
    ("fs/fuse", "fs/fuse", "include/uapi/linux/fuse.h", None),
]
VERBS = ["add", "fix", "rework", "drop", "export", "validate", "document", "split", "convert", "introduce"]
NOUNS = ["flags", "ioctl", "queue setup", "reset path", "stats", "DMA mapping", "timeout handling",
         "firmware loading", "memory export", "event ring", "error codes", "padding", "locking"]
PEOPLE = [
    ("Alice Developer", "alice@kernel.example.org"), ("Bob Hacker", "bob@corp.example.com"),
    ("Chen Wei", "chen.wei@example.cn"), ("Dana Maintainer", "dana@kernel.example.org"),
    ("Erik Reviewer", "erik@example.se"), ("Fatima Zahra", "fz@example.ma"),
    ("Gábor Kovács", "gabor@example.hu"), ("Hiroshi Tanaka", "tanaka@example.jp"),
    ("Ines Müller", "ines@example.de"), ("José Núñez", "jose@example.es"),
]
C_TEMPLATES = [
    "\tret = {f}_{n}(dev, {i});", "\tif (ret)", "\t\tgoto out_{n};", "\tstruct {n}_ctx *ctx = priv;",
    "\tu32 val = readl(base + {N}_REG_{i});", "\tdev_dbg(dev, \"{n} %d\\n\", {i});", "\tspin_lock(&{n}->lock);",
    "\tspin_unlock(&{n}->lock);", "\treturn -EINVAL;", "\t{n}->count += {i};", "\tkfree({n});",
    "\tfor (i = 0; i < {N}_MAX; i++)", "\t\t{n}[i] = 0;", "}}", "", "static int {f}_{n}(struct device *dev, u32 arg)",
    "{{", "\tlist_add_tail(&{n}->node, &{f}_list);", "\tmutex_lock(&{f}_mutex);", "\tmutex_unlock(&{f}_mutex);",
]
H_TEMPLATES = [
    "\t__u32 {n}_flags;", "\t__u64 {n}_addr;", "\t__u32 pad{i};", "#define {N}_{i}\t\t(1 << {j})",
    "#define {N}_IOCTL_{i}\t_IOWR('{c}', 0x{j:02x}, struct {n}_args)", "struct {n}_args {{", "}};",
    "\t__aligned_u64 {n}_ptr;", "\t__s32 {n}_fd;", "/* {n}: see Documentation/{f}.rst */",
]
COMMENTS = [
    "This looks wrong: the field is not checked against a mask.",
    "Why not use the existing helper here?",
    "Please keep the uAPI struct padded to 8 bytes.",
    "This breaks 32-bit userspace, the layout differs on i386.",
    "Nit: reverse christmas tree for the declarations.",
    "Makes sense to me.",
    "Can this fail? The error is ignored.",
]


class Gen:
    def __init__(self, args):
        self.r = random.Random(args.seed)
        self.target_messages = args.messages
        self.target_bytes = int(args.size_mb * 1_000_000)
        self.out = open(args.out, "wb")
        self.messages = 0
        self.bytes = 0
        self.replies = 0
        self.series = 0
        self.versions = 0
        self.clock = 1_700_000_000
        self.serial = 0
        self.candidates = []  # (patches, replies, cover id)
        # Patch bytes are where the size goes; this grows or shrinks to meet the target.
        self.patch_bytes = max(1500.0, 1.6 * self.target_bytes / max(1, self.target_messages))
        pool = random.Random(args.seed + 1)
        self.c_pool = [self.fill(pool, t) for t in C_TEMPLATES for _ in range(40)]
        self.h_pool = [self.fill(pool, t) for t in H_TEMPLATES for _ in range(40)]

    @staticmethod
    def fill(r, template):
        n = r.choice(["queue", "ring", "ctx", "buf", "irq", "mem", "cmd", "evt", "dma", "slot"])
        f = r.choice(["acme", "hl", "iio", "vfio", "fuse", "bpf"])
        return template.format(n=n, N=n.upper(), f=f, i=r.randrange(64), j=r.randrange(32), c=r.choice("ABHQ"))

    # Output

    def write(self, headers, body, charset="UTF-8", encoding="8bit"):
        """One message: headers (list of (name, value)), body as str."""
        raw = body.encode("latin-1" if charset == "ISO-8859-1" else "utf-8", "replace")
        if encoding == "quoted-printable":
            raw = quopri.encodestring(raw)
        elif encoding == "base64":
            raw = base64.encodebytes(raw)
        # mboxo: a body line starting with `From ` gets one `>` (which cannot be undone).
        if raw.startswith(b"From ") or b"\nFrom " in raw:
            raw = raw.replace(b"\nFrom ", b"\n>From ")
            if raw.startswith(b"From "):
                raw = b">" + raw
        head = ["From mboxrd@z Thu Jan  1 00:00:00 1970"]
        head += ["%s: %s" % hv for hv in headers]
        head += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=%s" % charset,
                 "Content-Transfer-Encoding: %s" % encoding]
        data = ("\n".join(head) + "\n\n").encode("utf-8") + raw
        if not data.endswith(b"\n"):
            data += b"\n"
        data += b"\n"
        self.out.write(data)
        self.messages += 1
        self.bytes += len(data)

    def msgid(self, person, k):
        self.serial += 1
        user = person[1].split("@")[0]
        stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime(self.clock))
        return "%s.%d-%d-%s@%s" % (stamp, self.serial, k, user, person[1].split("@")[1])

    def tick(self):
        self.clock += self.r.randrange(30, 4000)
        return email.utils.formatdate(self.clock)

    def who(self, person, latin1=False):
        name, addr = person
        if any(ord(c) > 127 for c in name):
            cs = "ISO-8859-1" if latin1 else "UTF-8"
            name = "=?%s?Q?%s?=" % (cs, "".join(c if c.isalnum() and ord(c) < 128 else "=%02X" % b
                                                 for c in name for b in c.encode(cs.lower())))
            return "%s <%s>" % (name, addr)
        return "%s <%s>" % (name, addr)

    # Diffs

    def diff(self, files, budget):
        """Unified diffs of `files` worth about `budget` bytes: (text, diffstat, hunk texts)."""
        r = self.r
        out, stat, hunks = [], [], []
        per_file = budget / len(files)
        total_add = total_del = 0
        for path in files:
            pool = self.h_pool if path.endswith(".h") else self.c_pool
            lines_left = max(4, int(per_file / 30))
            nh = max(1, min(12, lines_left // 40))
            start = r.randrange(10, 400)
            text = ["diff --git a/%s b/%s" % (path, path),
                    "index %07x..%07x 100644" % (r.getrandbits(28), r.getrandbits(28)),
                    "--- a/%s" % path, "+++ b/%s" % path]
            adds = dels = 0
            for _ in range(nh):
                n = max(2, lines_left // nh)
                rem = r.randrange(0, max(1, n // 3))
                add = max(1, n - rem)
                ctx_a = r.sample(pool, 3)
                ctx_b = r.sample(pool, 3)
                old_n, new_n = 6 + rem, 6 + add
                func = "static int %s(struct device *dev)" % r.choice(["probe", "setup_queue", "handle_irq", "ioctl_dispatch"])
                h = ["@@ -%d,%d +%d,%d @@ %s" % (start, old_n, start + adds - dels, new_n, func)]
                h += [" " + l for l in ctx_a]
                h += ["-" + l for l in r.choices(pool, k=rem)]
                h += ["+" + l for l in r.choices(pool, k=add)]
                h += [" " + l for l in ctx_b]
                hunks.append(h)
                text += h
                adds += add
                dels += rem
                start += old_n + r.randrange(5, 60)
            total_add += adds
            total_del += dels
            n = adds + dels
            width = min(n, 50)
            plus = round(width * adds / n) if n else 0
            stat.append((path, n, "+" * plus + "-" * (width - plus)))
            out += text
        namew = max(len(p) for p, _, _ in stat)
        numw = max(len(str(n)) for _, n, _ in stat)
        st = [" %-*s | %*d %s" % (namew, p, numw, n, bar) for p, n, bar in stat]
        summary = " %d file%s changed" % (len(files), "" if len(files) == 1 else "s")
        if total_add:
            summary += ", %d insertion%s(+)" % (total_add, "" if total_add == 1 else "s")
        if total_del:
            summary += ", %d deletion%s(-)" % (total_del, "" if total_del == 1 else "s")
        return "\n".join(out) + "\n", "\n".join(st + [summary]) + "\n", hunks

    # Series

    def one_series(self):
        r = self.r
        self.series += 1
        subsys, cdir, uapi, tag = r.choice(SUBSYSTEMS)
        author = r.choice(PEOPLE)
        n_patches = r.choice([1, 2, 3, 3, 4, 5, 5, 6, 7, 8, 10, 12])
        titles = ["%s: %s %s" % (subsys, r.choice(VERBS), r.choice(NOUNS)) for _ in range(n_patches)]
        files = [[uapi] if k == 0 or r.random() < 0.3 else [] for k in range(n_patches)]
        for f in files:
            f += ["%s/%s.c" % (cdir, r.choice(["core", "main", "ioctl", "queue", "dma", "debugfs"]))
                  for _ in range(r.choice([1, 1, 2]))]
            f[:] = sorted(set(f))
        n_versions = r.choice([1, 1, 1, 2, 2, 3, 4])
        rfc_first = r.random() < 0.2
        title = "%s: %s" % (subsys, r.choice(["support", "rework", "new uAPI for", "cleanups in"]) + " " + r.choice(NOUNS))
        for v in range(1, n_versions + 1):
            if self.messages >= self.target_messages:
                break
            self.versions += 1
            bits = []
            if rfc_first and v == 1:
                bits.append("RFC")
            if tag and r.random() < 0.7:
                bits.append(tag)
            resend = v == n_versions and n_versions > 1 and r.random() < 0.15
            prefix = " ".join((["RESEND"] if resend else []) + ["PATCH"] + bits + (["v%d" % v] if v > 1 else []))
            # Later versions change some patches and keep the others.
            if v > 1:
                for k in range(n_patches):
                    if r.random() < 0.4:
                        titles[k] = "%s: %s %s" % (subsys, r.choice(VERBS), r.choice(NOUNS)) if r.random() < 0.2 else titles[k]
            ids = self.posting(prefix, titles, files, author, title, v, n_patches)
            if v == 2 and n_patches >= 3 and r.random() < 0.3 and self.messages < self.target_messages:
                # A partial reroll: one patch again as v2.1, threaded under the one it replaces.
                k = r.randrange(1, n_patches)
                self.patch("PATCH v2.1", titles[k - 1], files[k - 1], author, k, n_patches, ids[k], ids[0], "v2.1 of the patch.")

    def posting(self, prefix, titles, files, author, title, v, n):
        r = self.r
        remaining = self.target_messages - self.messages
        n_sent = min(n, max(1, remaining - 1))
        cover_id = self.msgid(author, 0) if n > 1 else None
        ids = [cover_id]
        if cover_id:
            body = ("This series %s.\n\nFrom the user's point of view nothing changes for old binaries.\n\n"
                    % title.split(": ", 1)[1])
            if v > 1:
                body += "".join("Changes in v%d:\n- %s\n\n" % (k, r.choice(COMMENTS).lower()) for k in range(v, 1, -1))
            body += "%s (%d):\n" % (author[0], n) + "".join("  %s\n" % t for t in titles)
            body += "\nbase-commit: %040x\nchange-id: 2024-%s-%d\n-- \n2.43.0\n" % (r.getrandbits(160), title.split(":")[0].replace("/", "-"), self.series)
            self.write([("From", self.who(author)), ("Date", self.tick()),
                        ("Subject", "[%s 0/%d] %s" % (prefix, n, title)), ("Message-ID", "<%s>" % cover_id)], body)
        hunks_by_patch = {}
        for k in range(1, n_sent + 1):
            pid, hunks = self.patch(prefix, titles[k - 1], files[k - 1], author, k, n, cover_id, cover_id, None)
            ids.append(pid)
            hunks_by_patch[k] = (pid, hunks)
        replies = 0
        for k, (pid, hunks) in hunks_by_patch.items():
            if self.messages >= self.target_messages:
                break
            if r.random() < 0.45:
                replies += self.review(prefix, titles[k - 1], k, n, pid, cover_id, hunks, author)
        if cover_id and r.random() < 0.4 and self.messages < self.target_messages:
            replies += self.review(prefix, title, 0, n, cover_id, None, [], author)
        if cover_id and n_sent >= 5 and replies:
            self.candidates.append((n_sent, replies, cover_id))
        return ids

    def patch(self, prefix, ptitle, pfiles, author, k, n, parent, cover, note):
        r = self.r
        pid = self.msgid(author, k)
        budget = max(600.0, r.lognormvariate(0, 0.5) * self.patch_bytes)
        diff, stat, hunks = self.diff(pfiles, budget)
        msg = "The %s needs this so userspace can rely on it.\n" % ptitle.split(": ", 1)[1]
        if r.random() < 0.1:
            msg += "From the datasheet: the register is write-once.\n"
        trailers = []
        if r.random() < 0.3:
            trailers.append("Reviewed-by: %s" % self.who(r.choice(PEOPLE)))
        trailers.append("Signed-off-by: %s" % self.who(author))
        body = msg + "\n" + "\n".join(trailers) + "\n---\n"
        if note:
            body += note + "\n\n"
        body += stat + "\n" + diff + "-- \n2.43.0\n"
        headers = [("From", self.who(author)), ("Date", self.tick()),
                   ("Subject", "[%s %d/%d] %s" % (prefix, k, n, ptitle)), ("Message-ID", "<%s>" % pid)]
        if parent:
            headers += [("In-Reply-To", "<%s>" % parent),
                        ("References", " ".join("<%s>" % x for x in dict.fromkeys([cover, parent]) if x))]
        roll = r.random()
        enc = "quoted-printable" if roll < 0.06 else "base64" if roll < 0.09 else "8bit"
        self.write(headers, body, encoding=enc)
        # Keep the total size on target: patch bytes follow the running shortfall.
        want = self.target_bytes * self.messages / self.target_messages
        if self.bytes:
            self.patch_bytes = min(5e6, max(400.0, self.patch_bytes * min(1.5, max(0.7, (want / self.bytes) ** 2))))
        return pid, hunks

    def review(self, prefix, ptitle, k, n, target, cover, hunks, author):
        r = self.r
        reviewer = r.choice([p for p in PEOPLE if p != author])
        latin1 = r.random() < 0.08
        rid = self.msgid(reviewer, k)
        body = "On %s, %s wrote:\n" % (email.utils.formatdate(self.clock - 600), author[0])
        if hunks:
            h = r.choice(hunks)
            body += "".join("> %s\n" % l for l in h[:12])
            body += "\n%s\n\n" % r.choice(COMMENTS)
        else:
            body += "> This series %s.\n\n" % ptitle
        if r.random() < 0.6:
            body += "%s: %s\n" % ("Acked-by" if k == 0 else r.choice(["Reviewed-by", "Reviewed-by", "Tested-by"]),
                                 "%s <%s>" % reviewer)
        body += "\nThanks, %s\n" % reviewer[0].split()[0]
        refs = " ".join("<%s>" % x for x in dict.fromkeys([cover, target]) if x)
        subject = "Re: [%s %d/%d] %s" % (prefix, k, n, ptitle)
        self.write([("From", self.who(reviewer, latin1)), ("Date", self.tick()), ("Subject", subject),
                    ("Message-ID", "<%s>" % rid), ("In-Reply-To", "<%s>" % target), ("References", refs)],
                   body, charset="ISO-8859-1" if latin1 else "UTF-8")
        self.replies += 1
        count = 1
        if r.random() < 0.3 and self.messages < self.target_messages:
            # The author answers; the reply threads under the review.
            body = "On %s, %s wrote:\n> %s\n\nWill fix in the next version.\n" % (
                email.utils.formatdate(self.clock - 60), reviewer[0], r.choice(COMMENTS))
            self.write([("From", self.who(author)), ("Date", self.tick()), ("Subject", subject),
                        ("Message-ID", "<%s>" % self.msgid(author, k)), ("In-Reply-To", "<%s>" % rid),
                        ("References", refs + " <%s>" % rid)], body)
            self.replies += 1
            count += 1
        return count

    def run(self):
        while self.messages < self.target_messages:
            self.one_series()
        self.out.close()

    def big_series(self, n, replies):
        """One series: a cover, `n` patches touching a uAPI header and C files, and `replies`
        review replies (with author answers) spread over the patches and the cover."""
        r = self.r
        subsys, cdir, uapi, _ = SUBSYSTEMS[1]
        author = PEOPLE[0]
        titles = ["%s: %s %s (%d)" % (subsys, r.choice(VERBS), r.choice(NOUNS), k) for k in range(1, n + 1)]
        files = [sorted({uapi, "%s/%s.c" % (cdir, r.choice(["core", "main", "ioctl", "queue", "dma"]))}) if k % 3 == 0
                 else ["%s/%s.c" % (cdir, r.choice(["core", "main", "ioctl", "queue", "dma"]))] for k in range(n)]
        title = "%s: a large series" % subsys
        prefix = "PATCH v3"
        cover_id = self.msgid(author, 0)
        body = "This series reworks the driver in %d steps.\n\n" % n + "".join("  %s\n" % t for t in titles)
        self.write([("From", self.who(author)), ("Date", self.tick()),
                    ("Subject", "[%s 0/%d] %s" % (prefix, n, title)), ("Message-ID", "<%s>" % cover_id)], body)
        sent = []
        for k in range(1, n + 1):
            pid, hunks = self.patch(prefix, titles[k - 1], files[k - 1], author, k, n, cover_id, cover_id, None)
            sent.append((k, pid, hunks))
        made = 0
        while made < replies:
            k, pid, hunks = r.choice(sent) if r.random() < 0.9 else (0, cover_id, [])
            made += self.review(prefix, titles[k - 1] if k else title, k, n, pid, cover_id if k else None, hunks, author)
        self.out.close()
        return cover_id


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--messages", type=int, required=True)
    ap.add_argument("--size-mb", type=float, required=True, help="total size in MB (10^6 bytes)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--series", type=int, metavar="PATCHES", help="write one series of PATCHES patches instead")
    ap.add_argument("--replies", type=int, default=0, help="with --series: review replies to it")
    args = ap.parse_args()
    if args.series:
        g = Gen(args)
        print(g.big_series(args.series, args.replies))
        sys.stderr.write("one series: %d patches, %d replies, %d messages\n" % (args.series, g.replies, g.messages))
        return
    if args.messages < 1 or args.size_mb <= 0:
        ap.error("--messages and --size-mb must be positive")
    started = time.monotonic()
    g = Gen(args)
    g.run()
    pick = None
    if g.candidates:
        ranked = sorted(g.candidates)
        pick = ranked[len(ranked) // 2][2]
    print("mailgen: %d messages, %d bytes (%.1f MB), %d series, %d versions, %d replies, %.1f s"
          % (g.messages, g.bytes, g.bytes / 1e6, g.series, g.versions, g.replies, time.monotonic() - started),
          file=sys.stderr)
    if pick:
        print("<%s>" % pick)
    else:
        print("mailgen: no series with a cover, 5 patches and replies; ask for more messages", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()

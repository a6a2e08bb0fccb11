#!/usr/bin/env python3
"""Write a hostile patch series: every text the site shows carries markup that would run if it
were not escaped, and file names that would write outside the output folder if trusted.

Usage: make_hostile.py OUTDIR

Writes OUTDIR/hostile.mbox (a cover letter, `[PATCH v2 1/2]`, `[PATCH v2 2/2]`, a reply to patch
1 and a reply to the cover letter, threaded by Message-ID, In-Reply-To and References, in git
format-patch style) and OUTDIR/README, which lists every payload and where it is. Only the
standard library is used; the output is the same on every run.

Every payload that would execute sets `window.__uapi_pwned` (what browser_check.py --marker looks
for) or opens a dialog, so a page that runs one fails in the browser. The patches are well-formed
unified diffs: patch 1 adds include/uapi/misc/hostile.h (a struct, an _IOWR ioctl and kernel-doc
comments carrying payloads) and a header whose *name* is a payload; patch 2 extends hostile.h and
adds `../../etc/passwd`, an absolute `/tmp/uapi-review-escape-test` and a deep `../` path that
lands in /tmp from any depth. `git apply --check` accepts patch 1, and patch 2 with
`--unsafe-paths` (git itself refuses those paths unless told, which is the point).
"""

import difflib
import email.header
import email.utils
import hashlib
import sys
from pathlib import Path

PWN = "window.__uapi_pwned=1"

# The payload catalogue. Each is used in several places; README says which.
SCRIPT = f"<script>{PWN}</script>"
IMG = f'"><img src=x onerror={PWN}>'
IMG_NAME = f"<img src=x onerror={PWN}>"  # as a file name: no quote, so git leaves it unquoted
SVG = f"<svg onload={PWN}>"
TEXTAREA = f"</textarea><script>{PWN}</script>"
MD_LINK = f"[click](javascript:{PWN})"
MD_AUTOLINK = f"<javascript:{PWN}>"
MD_IMAGE = f'![x](x" onerror="{PWN})'
RAW_LINK = f'<a href="javascript:{PWN}">raw link</a>'
DATA_LINK = "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"
MUSTACHE = "{{mustache}}"
TRIPLE = "{{{triple}}}"
PARTIAL = "{{> partial}} {{=<% %>=}}"
STYLE = "<style>body{display:none}</style>"
IFRAME = f'<iframe srcdoc="<script>{PWN}</script>"></iframe>'
ATTR_BREAK = f"' autofocus onfocus='{PWN}"  # out of a single-quoted attribute
DQ_BREAK = f'" onmouseover="{PWN}'  # out of a double-quoted attribute
HOVER = f"<b onmouseover={PWN}>hover</b>"
JS_NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty"]

ESCAPE_ABS = "/tmp/uapi-review-escape-test"
ESCAPE_DOTDOT = "../../etc/passwd"
# Enough ../ to reach / from any output folder, then into /tmp: if this is trusted, the file
# appears at /tmp/uapi-review-escape-test-dotdot wherever the site was written.
ESCAPE_DEEP = "../" * 24 + "tmp/uapi-review-escape-test-dotdot"

# Display names. git mailinfo, and readers that agree with it, replace a name holding '<' by the
# bare address, so the names meant to reach the pages break out of attributes instead; the last
# one holds '<' and tests that such a name is dropped or escaped, not trusted.
AUTHOR = ("Mallory " + DQ_BREAK, "mallory@hostile.example.org")
AUTHOR2 = ("Mallory" + ATTR_BREAK, "mallory2@hostile.example.org")
REVIEWER = ("Zo\u00eb " + MUSTACHE + " " + DQ_BREAK, "zoe@hostile.example.org")  # non-ASCII: an RFC 2047 encoded word
REVIEWER2 = (TEXTAREA, "trudy@hostile.example.org")
LIST = "hostile-devel@lists.example.org"

# Message-IDs: one is hostile too. Everything in it is RFC 5322 atext, so readers keep it, but in
# a single-quoted attribute it closes the value and adds tabindex, autofocus and an onfocus
# handler ('/' separates attributes where a space cannot be used; '//' comments out the rest of
# the handler), and it carries URL-special characters (# ? % &) and '/' for a file name.
MID = {
    "cover": "<20240701120000.4242-0-mallory@hostile.example.org>",
    "p1": "<20240701120000.4242-1-mallory@hostile.example.org>",
    "p2": "<20240701120000.4242-2-mallory@hostile.example.org>",
    "r1": "<reply-1.20240702@hostile.example.org>",
    "r2": f"<reply-2'/tabindex='0'/autofocus/onfocus={PWN}//'{{{{x}}}}%2e&lt&amp#frag?q=1@hostile.example.org>",
}

notes = []  # (message, place, payload) rows for the README


def note(message, place, payload):
    notes.append((message, place, payload))


# ---------------------------------------------------------------------------------------------
# The uAPI header, as patch 1 adds it and as patch 2 leaves it.

def header_v1():
    return f"""/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Hostile test header {SCRIPT}
 * {IMG}
 * {MD_LINK} {MD_AUTOLINK}
 * {MUSTACHE} {TRIPLE} {PARTIAL}
 */
#ifndef _UAPI_MISC_HOSTILE_H
#define _UAPI_MISC_HOSTILE_H

#include <linux/ioctl.h>
#include <linux/types.h>

/**
 * struct hostile_args - arguments of HOSTILE_IOCTL_RUN {SVG}
 * @addr: user address {TEXTAREA}
 * @size: size in bytes {MUSTACHE} {TRIPLE}
 * @flags: HOSTILE_FLAG_* {STYLE}
 * @pad: must be zero {IFRAME}
 *
 * Described with a {RAW_LINK} and {MD_LINK}.
 * {HOVER}
 */
struct hostile_args {{
	__u64 addr;
	__u64 size;
	__u32 flags;
	__u32 pad;
}};

/* {SCRIPT} */
#define HOSTILE_FLAG_SCRIPT	(1 << 0)	/* {IMG} */
#define HOSTILE_FLAG_STYLE	(1 << 1)	/* {STYLE} */
#define HOSTILE_STRING	"\\"><img src=x onerror={PWN}>"

#define HOSTILE_IOCTL_MAGIC	'H'
/**
 * HOSTILE_IOCTL_RUN - run {SCRIPT}
 *
 * {MD_LINK}
 */
#define HOSTILE_IOCTL_RUN	_IOWR('H', 0x01, struct hostile_args)

#endif /* _UAPI_MISC_HOSTILE_H */
"""


def header_v2():
    members = "".join(f"\t__u32 {n};\n" for n in JS_NAMES)
    addition = f"""
/**
 * struct hostile_names - members named like JavaScript's own properties {SVG}
 * @__proto__: {SCRIPT}
 * @constructor: {IMG}
 * @toString: {MUSTACHE}
 * @hasOwnProperty: {TRIPLE}
 */
struct hostile_names {{
{members}}};

/* {IFRAME} */
#define HOSTILE_IOCTL_NAMES	_IOW('H', 0x02, struct hostile_names)
"""
    text = header_v1()
    anchor = "\n#endif /* _UAPI_MISC_HOSTILE_H */\n"
    return text.replace(anchor, addition + anchor)


def img_header():
    return f"""/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/* A header whose file name is the payload. {SCRIPT} */
#ifndef _UAPI_MISC_HOSTILE_IMG_H
#define _UAPI_MISC_HOSTILE_IMG_H

#include <linux/types.h>

/**
 * struct hostile_img - {IMG}
 * @value: {SVG}
 */
struct hostile_img {{
	__u32 value;
}};

#endif
"""


def quote_header():
    return f"""/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/* A header whose file name needs git's quoting. {SCRIPT} */
#ifndef _UAPI_MISC_HOSTILE_QUOTE_H
#define _UAPI_MISC_HOSTILE_QUOTE_H

/* {IMG} */
#define HOSTILE_QUOTE_VERSION	1

#endif
"""


# ---------------------------------------------------------------------------------------------
# Diffs as git writes them.

def blob_id(text):
    data = text.encode()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def quote_name(name):
    """git's quoting of a path in diff headers: C-style, in double quotes, only when the name
    holds a quote, a backslash, a control or a non-ASCII character."""
    if not any(c in '"\\' or ord(c) < 0x20 or ord(c) >= 0x7F for c in name):
        return name
    out = []
    for c in name:
        if c in '"\\':
            out.append("\\" + c)
        elif c == "\t":
            out.append("\\t")
        elif c == "\n":
            out.append("\\n")
        elif ord(c) < 0x20 or ord(c) >= 0x7F:
            out.extend(f"\\{b:03o}" for b in c.encode())
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def file_diff(path, old, new):
    """One file's part of a git diff: new file when old is None. Hunks from difflib with three
    lines of context, so their line counts are right by construction."""
    a, b = quote_name("a/" + path), quote_name("b/" + path)
    tab = "\t" if " " in path else ""  # git ends a ---/+++ name with a tab when it has a space
    lines = [f"diff --git {a} {b}"]
    if old is None:
        lines += ["new file mode 100644", f"index 0000000..{blob_id(new)[:7]}", "--- /dev/null", f"+++ {b}{tab}"]
    else:
        lines += [f"index {blob_id(old)[:7]}..{blob_id(new)[:7]} 100644", f"--- {a}{tab}", f"+++ {b}{tab}"]
    hunks = list(difflib.unified_diff((old or "").splitlines(), new.splitlines(), lineterm="", n=3))
    lines += hunks[2:]  # difflib's own ---/+++ lines replaced by git's above
    added = sum(1 for h in hunks[2:] if h.startswith("+"))
    removed = sum(1 for h in hunks[2:] if h.startswith("-"))
    return "\n".join(lines) + "\n", (path, added, removed, old is None)


def diffstat(stats):
    """git's diffstat: names padded to one width, changed lines, a bar (capped at 40 marks, where
    git would scale it to the terminal)."""
    names = [quote_name(p) for p, *_ in stats]
    width = max(len(n) for n in names)
    out = []
    for name, (_, add, rem, _) in zip(names, stats):
        total = add + rem
        plus = add if total <= 40 else round(40 * add / total)
        minus = rem if total <= 40 else 40 - plus
        out.append(f" {name.ljust(width)} | {total:3} {'+' * plus}{'-' * minus}")
    files = len(stats)
    ins = sum(s[1] for s in stats)
    dels = sum(s[2] for s in stats)
    summary = f" {files} file{'s' if files != 1 else ''} changed"
    if ins:
        summary += f", {ins} insertion{'s' if ins != 1 else ''}(+)"
    if dels:
        summary += f", {dels} deletion{'s' if dels != 1 else ''}(-)"
    out.append(summary)
    out += [f" create mode 100644 {quote_name(p)}" for p, _, _, new in stats if new]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# Mails

def address(name, addr):
    # formataddr quotes a display name with specials and encodes a non-ASCII one (RFC 2047).
    return email.utils.formataddr((name, addr), charset="utf-8")


def fold_subject(subject):
    if any(ord(c) >= 0x80 for c in subject):
        return email.header.Header(subject, "utf-8", header_name="Subject").encode()
    # Folded at spaces as git does; unfolding puts the space back.
    lines, cur, limit = [], "", 78 - len("Subject: ")
    for w in subject.split(" "):
        candidate = f"{cur} {w}" if cur else w
        if cur and len(candidate) > limit:
            lines.append(cur)
            cur, limit = w, 77
        else:
            cur = candidate
    lines.append(cur)
    return "\n ".join(lines)


def mail(from_line, sender, date, mid, subject, body, in_reply_to=None, references=None):
    headers = [
        f"From: {address(*sender)}",
        f"Date: {date}",
        f"Message-ID: {mid}",
    ]
    if in_reply_to:
        headers.append(f"In-Reply-To: {in_reply_to}")
    if references:
        headers.append("References: " + "\n ".join(references))
    headers += [f"Subject: {fold_subject(subject)}", f"To: {LIST}", f"Cc: {address(*REVIEWER)}"]
    if any(ord(c) >= 0x80 for c in body):
        headers += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: 8bit"]
    # mboxrd: a body line that starts with "From " (after any >) gets one more >.
    body_lines = [(">" + ln if ln.lstrip(">").startswith("From ") else ln) for ln in body.split("\n")]
    return f"{from_line}\n" + "\n".join(headers) + "\n\n" + "\n".join(body_lines).rstrip("\n") + "\n\n"


def commit_line(*parts):
    h = hashlib.sha1("\0".join(parts).encode()).hexdigest()
    return f"From {h} Mon Sep 17 00:00:00 2001"


def build():
    h1 = header_v1()
    h2 = header_v2()
    img_path = f"include/uapi/misc/{IMG_NAME}.h"
    quote_path = f'include/uapi/misc/"><svg onload={PWN}>.h'

    # --- patch 1
    d_h1, s_h1 = file_diff("include/uapi/misc/hostile.h", None, h1)
    d_img, s_img = file_diff(img_path, None, img_header())
    p1_subject = f"[PATCH v2 1/2] misc: hostile: add {IMG} header"
    p1_body = f"""Add a uAPI header for the hostile test device. {SCRIPT}

The ioctl takes {MD_LINK} and {MD_AUTOLINK} and {MD_IMAGE}.
Raw markup: {RAW_LINK} {DATA_LINK}
Templates: {MUSTACHE} {TRIPLE} {PARTIAL}
Styles: {STYLE}
Frames: {IFRAME}
Attributes: {ATTR_BREAK}
Closing a text area: {TEXTAREA}

Reviewed-by: {SCRIPT} <x@y>
Acked-by: {IMG} <acker@hostile.example.org>
Link: javascript:{PWN}
Fixes: 123456789abc ("{IFRAME}")
Signed-off-by: Mallory {SVG} <mallory@hostile.example.org>
---
{diffstat([s_h1, s_img])}
{d_h1}{d_img}-- 
2.39.5
"""
    for place, payload in [
        ("Subject", IMG), ("From display name", AUTHOR[0]),
        ("body", f"{SCRIPT} | {MD_LINK} | {MD_AUTOLINK} | {MD_IMAGE} | {RAW_LINK} | {DATA_LINK}"),
        ("body", f"{MUSTACHE} {TRIPLE} {PARTIAL} | {STYLE} | {IFRAME} | {ATTR_BREAK} | {TEXTAREA}"),
        ("trailer Reviewed-by", f"{SCRIPT} <x@y>"), ("trailer Acked-by", IMG),
        ("trailer Link", f"javascript:{PWN}"), ("trailer Fixes", IFRAME), ("trailer Signed-off-by", SVG),
        ("file name in diff, diffstat, create mode", img_path),
        ("hostile.h top comment", f"{SCRIPT} {IMG} {MD_LINK} {MD_AUTOLINK} {MUSTACHE} {TRIPLE} {PARTIAL}"),
        ("hostile.h kernel-doc of struct hostile_args (summary, each @member, description)",
         f"{SVG} {TEXTAREA} {STYLE} {IFRAME} {RAW_LINK} {HOVER}"),
        ("hostile.h macro comments and HOSTILE_STRING value", f"{SCRIPT} {IMG} {STYLE}"),
        ("hostile.h kernel-doc of HOSTILE_IOCTL_RUN = _IOWR('H', 0x01, struct hostile_args)", f"{SCRIPT} {MD_LINK}"),
        (f"{IMG_NAME}.h comments", f"{SCRIPT} {IMG} {SVG}"),
    ]:
        note("2: [PATCH v2 1/2]", place, payload)

    # --- patch 2
    d_h2, s_h2 = file_diff("include/uapi/misc/hostile.h", h1, h2)
    d_q, s_q = file_diff(quote_path, None, quote_header())
    d_abs, s_abs = file_diff(ESCAPE_ABS, None, "written outside the output folder: an absolute path was trusted\n")
    d_dot, s_dot = file_diff(ESCAPE_DOTDOT, None, "pwned:x:0:0:written outside the output folder:/:/bin/sh\n")
    d_deep, s_deep = file_diff(ESCAPE_DEEP, None, "written outside the output folder: ../ was trusted\n")
    p2_subject = f"[PATCH v2 2/2] misc: hostile: {SVG} {MUSTACHE} names and paths"
    p2_body = f"""Add struct hostile_names, whose members are named {", ".join(JS_NAMES)},
and files at paths that must never be written: {ESCAPE_DOTDOT}, {ESCAPE_ABS}
and a path of many ../ that ends in /tmp.

{STYLE}
</pre></code></div></details></table></main></body>{SCRIPT}
<!-- {SCRIPT} -->
<![CDATA[{SCRIPT}]]>
<plaintext>{SCRIPT}

Signed-off-by: {SCRIPT} <mallory2@hostile.example.org>
Tested-by: {ATTR_BREAK} <t@hostile.example.org>
---
{diffstat([s_h2, s_q, s_abs, s_dot, s_deep])}
{d_h2}{d_q}{d_abs}{d_dot}{d_deep}-- 
2.39.5
"""
    for place, payload in [
        ("Subject", f"{SVG} {MUSTACHE}"), ("From display name", AUTHOR2[0]),
        ("body", f"{STYLE} | closing tags then {SCRIPT} | HTML comment | CDATA | <plaintext>"),
        ("trailer Signed-off-by", SCRIPT), ("trailer Tested-by", ATTR_BREAK),
        ("hostile.h: struct hostile_names, members " + ", ".join(JS_NAMES), f"{SVG} {SCRIPT} {IMG} {MUSTACHE} {TRIPLE}"),
        ("hostile.h: HOSTILE_IOCTL_NAMES = _IOW('H', 0x02, struct hostile_names), comment", IFRAME),
        ("file name needing git's quoting (a double quote)", quote_path),
        ("file path: absolute (b//tmp/... in the diff)", ESCAPE_ABS),
        ("file path: relative escape", ESCAPE_DOTDOT),
        ("file path: deep relative escape that lands in /tmp from any depth", ESCAPE_DEEP),
    ]:
        note("3: [PATCH v2 2/2]", place, payload)

    # --- cover letter: its diffstat is the whole series' against the base
    _, s_series = file_diff("include/uapi/misc/hostile.h", None, h2)
    cover_subject = f"[PATCH v2 0/2] misc: hostile {SCRIPT} uAPI"
    cover_body = f"""Hi,

This series adds a hostile test header. {IMG}

Changes in v2:
- {MD_LINK}
- {TRIPLE} and {MUSTACHE}
- {IFRAME}

{TEXTAREA}

{AUTHOR[0]} (1):
  misc: hostile: add {IMG} header

{AUTHOR2[0]} (1):
  misc: hostile: {SVG} {MUSTACHE} names and paths

{diffstat([s_series, s_img, s_q, s_abs, s_dot, s_deep])}
-- 
2.39.5
"""
    for place, payload in [
        ("Subject", SCRIPT), ("From display name", AUTHOR[0]),
        ("body", f"{IMG} | {MD_LINK} | {TRIPLE} {MUSTACHE} | {IFRAME} | {TEXTAREA}"),
        ("shortlog and diffstat", "author names, subjects and every file name above"),
    ]:
        note("1: [PATCH v2 0/2] cover letter", place, payload)

    # --- reply to patch 1: quoted text (with the payloads) and new text
    r1_subject = "Re: " + p1_subject
    quoted = "\n".join("> " + ln if ln else ">" for ln in p1_body.split("\n")[:12])
    r1_body = f"""On Mon, 1 Jul 2024 12:00:00 +0000, {AUTHOR[0]} wrote:
{quoted}
> +++ b/include/uapi/misc/hostile.h
> + * @addr: user address {TEXTAREA}

This comment carries {SCRIPT} and {MD_LINK}; also {HOVER}.
{STYLE}{IFRAME}
Please fix {MUSTACHE}. {TRIPLE}

Reviewed-by: Zo\u00eb {SVG} <zoe@hostile.example.org>

Zo\u00eb
"""
    for place, payload in [
        ("Subject", IMG), ("From display name (RFC 2047 encoded, non-ASCII)", REVIEWER[0]),
        ("attribution line", AUTHOR[0]), ("quoted text", "the first lines of patch 1's body with its payloads"),
        ("quoted diff line", TEXTAREA),
        ("new text", f"{SCRIPT} | {MD_LINK} | {HOVER} | {STYLE} | {IFRAME} | {MUSTACHE} {TRIPLE}"),
        ("trailer Reviewed-by", SVG),
    ]:
        note("4: reply to 1/2", place, payload)

    # --- reply to the cover letter: encoded subject, hostile Message-ID, review trailer
    r2_subject = "Re: " + cover_subject.replace("uAPI", f"{IFRAME} \u2713")
    r2_body = f"""> This series adds a hostile test header. {IMG}

{IMG} and {MD_LINK} and {RAW_LINK}.
{ATTR_BREAK}

Reviewed-by: {SCRIPT} <x@y>
Acked-by: {TEXTAREA} <trudy@hostile.example.org>
"""
    for place, payload in [
        ("Subject (RFC 2047 encoded, non-ASCII)", f"{SCRIPT} {IFRAME}"), ("From display name (holds '<': git mailinfo gives the address instead)", TEXTAREA),
        ("Message-ID (breaks out of a single-quoted attribute; # ? % & in a URL; / in a file name)", MID["r2"]),
        ("quoted text", IMG), ("new text", f"{IMG} | {MD_LINK} | {RAW_LINK} | {ATTR_BREAK}"),
        ("trailer Reviewed-by", f"{SCRIPT} <x@y>"), ("trailer Acked-by", TEXTAREA),
    ]:
        note("5: reply to 0/2", place, payload)

    mails = [
        mail(commit_line("cover"), AUTHOR, "Mon, 1 Jul 2024 12:00:00 +0000", MID["cover"], cover_subject, cover_body),
        mail(commit_line("p1", h1), AUTHOR, "Mon, 1 Jul 2024 12:00:01 +0000", MID["p1"], p1_subject, p1_body,
             MID["cover"], [MID["cover"]]),
        mail(commit_line("p2", h2), AUTHOR2, "Mon, 1 Jul 2024 12:00:02 +0000", MID["p2"], p2_subject, p2_body,
             MID["cover"], [MID["cover"]]),
        mail("From mboxrd@z Thu Jan  1 00:00:00 1970", REVIEWER, "Tue, 2 Jul 2024 09:30:00 +0000", MID["r1"],
             r1_subject, r1_body, MID["p1"], [MID["cover"], MID["p1"]]),
        mail("From mboxrd@z Thu Jan  1 00:00:00 1970", REVIEWER2, "Tue, 2 Jul 2024 10:45:00 +0000", MID["r2"],
             r2_subject, r2_body, MID["cover"], [MID["cover"]]),
    ]
    return "".join(mails)


def readme():
    out = [
        "hostile.mbox: a hostile patch series, written by Tests/site/hostile/make_hostile.py.",
        "",
        "Messages (in mbox order): 1 cover letter [PATCH v2 0/2], 2 [PATCH v2 1/2], 3 [PATCH v2 2/2],",
        "4 a reply to 1/2, 5 a reply to 0/2 (its Message-ID is hostile too).",
        f"Every payload that would run sets {PWN.split('=')[0]} (browser_check.py's marker) or opens a dialog.",
        "No file may be written at these paths (nor anywhere outside the output folder):",
        f"  {ESCAPE_ABS}  /tmp/uapi-review-escape-test-dotdot  and {ESCAPE_DOTDOT} relative to any folder",
        "",
        "Where each payload is:",
    ]
    for message, place, payload in sorted(notes, key=lambda n: n[0][0]):  # in mbox order
        out.append(f"- message {message}, {place}:")
        out.append(f"    {payload}")
    return "\n".join(out) + "\n"


def main(argv):
    if len(argv) != 1 or argv[0].startswith("-"):
        print("usage: make_hostile.py OUTDIR", file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    (out / "hostile.mbox").write_text(build(), encoding="utf-8")
    (out / "README").write_text(readme(), encoding="utf-8")
    print(f"wrote {out / 'hostile.mbox'} and {out / 'README'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

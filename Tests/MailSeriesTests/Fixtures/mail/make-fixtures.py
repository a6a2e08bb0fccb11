#!/usr/bin/env python3
"""Writes the mail fixtures of MailReaderTests. Each is a mail (or mbox) that git mailsplit and
git mailinfo read; the test compares our reading with theirs. Run from this folder; the output
is committed, so the script only matters when a fixture is added or changed."""
import base64, quopri, zlib

PATCH = """---
 include/uapi/misc/hl_memory.h | 3 ++-
 1 file changed, 2 insertions(+), 1 deletion(-)

diff --git a/include/uapi/misc/hl_memory.h b/include/uapi/misc/hl_memory.h
index 1111111..2222222 100644
--- a/include/uapi/misc/hl_memory.h
+++ b/include/uapi/misc/hl_memory.h
@@ -10,3 +10,4 @@ struct hl_mem_in {
 \t__u32 op;
-\t__u32 pad;
+\t__u32 flags;
+\t__u32 ctx_id;
 };
--
2.30.2
"""

def head(subject, sender="Dev Eloper <dev@example.org>", extra="", date="Sun, 12 Sep 2021 19:12:00 +0300"):
    return (f"From: {sender}\nSubject: {subject}\nDate: {date}\n"
            f"Message-Id: <{zlib.crc32(subject.encode())}@example.org>\n{extra}")

def crlf(s):
    return s.replace("\n", "\r\n")

def b64lines(data, width=76):
    enc = base64.b64encode(data).decode()
    return "\n".join(enc[i:i + width] for i in range(0, len(enc), width)) + "\n"

def qp(text, charset="utf-8"):
    return quopri.encodestring(text.encode(charset)).decode()

body = "Carve the pad into flags so the export op can grow.\n\nSigned-off-by: Dev Eloper <dev@example.org>\n"
fixtures = {}

fixtures["plain.eml"] = head("[PATCH v6 1/2] habanalabs: define uAPI") + "\n" + body + PATCH
fixtures["crlf.eml"] = crlf(fixtures["plain.eml"])
fixtures["qp-utf8.eml"] = (head("[PATCH] qp body", extra="MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n")
    + "\n" + qp("Jörg wrote a line that is long enough to be wrapped by the quoted printable encoder, really it is long = yes.\n\n" + body + PATCH))
fixtures["base64-utf8.eml"] = (head("[PATCH] base64 body", extra="MIME-Version: 1.0\nContent-Type: text/plain; charset=\"utf-8\"\nContent-Transfer-Encoding: base64\n")
    + "\n" + b64lines(("Ünïcode in a base64 body.\n\n" + body + PATCH.rstrip("\n")).encode()))
fixtures["latin1-8bit.eml"] = None  # written as bytes below
fixtures["cp1252-qp.eml"] = (head("=?windows-1252?Q?=93Quoted=94_subject?=", sender="=?windows-1252?Q?Fran=E7ois_D=E9v?= <f@example.org>",
    extra="Content-Type: text/plain; charset=windows-1252\nContent-Transfer-Encoding: quoted-printable\n")
    + "\n" + qp("Fran\u00e7ois says \u201chello\u201d \u2013 with a dash.\n\n" + body + PATCH, "cp1252"))
fixtures["rfc2047.eml"] = (head("=?UTF-8?B?W1BBVENIIHY2IDIvMl0gaGFiYW5hbGFiczog?=\n =?UTF-8?B?ZXhwb3J0IGRtYS1idWYg4oCU?= =?UTF-8?Q?_and_more?=",
    sender="=?ISO-8859-2?Q?Micha=B3_=A9wi=EAtek?= <m@example.org>") + "\n" + body + PATCH)
fixtures["rfc2047-split-utf8.eml"] = (head("=?UTF-8?Q?caf=C3?= =?UTF-8?Q?=A9_split?= plain =?iso-8859-15?q?=A4uro?=",
    sender="\"Last, First\" <first.last@example.org>") + "\n" + body + PATCH)
fixtures["multipart-attachment.eml"] = (head("[PATCH 2/2] attached patch", extra='MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="==b1=="\n')
    + "\nThis is a multi-part message in MIME format.\n--==b1==\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
    + body + "\n--==b1==\nContent-Type: text/x-patch; name=\"0001.patch\"\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; filename=\"0001.patch\"\n\n"
    + b64lines(PATCH.encode()) + "--==b1==--\nepilogue is dropped\n")
fixtures["multipart-nested.eml"] = (head("Re: [PATCH v6 0/2] nested parts", extra="Content-Type: multipart/mixed; boundary=outer\n")
    + "\npreamble\n--outer\nContent-Type: multipart/alternative; boundary=inner\n\n--inner\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n"
    + qp("On Sun, Oda wrote:\n> quoted line\n\nAcked-by: R\u00e9viewer <r@example.org>\n", "latin-1")
    + "--inner\nContent-Type: text/html\n\n<p>html part</p>\n--inner--\n--outer\nContent-Type: text/x-diff\n\n" + PATCH + "--outer--\n")
fixtures["inbody-headers.eml"] = (head("[PATCH] sent by someone else", sender="Sender <sender@example.org>")
    + "\nFrom: Real Author <author@example.org>\nSubject: [PATCH] the real subject\n  continued\nDate: Mon, 13 Sep 2021 08:00:00 +0000\n\n" + body + PATCH)
fixtures["inbody-no-patch.eml"] = (head("Re: question", sender="Sender <sender@example.org>")
    + "\nFrom: Not Used <nu@example.org>\n\nIn-body headers count only for patches.\n")
fixtures["scissors.eml"] = (head("Re: [PATCH] scissors") + "\nDiscussion above the cut.\n\n-- >8 --\nSubject: [PATCH] after scissors\n\n" + body + PATCH)
fixtures["flowed.eml"] = (head("flowed text", extra="Content-Type: text/plain; charset=utf-8; format=flowed\n")
    + "\nThis paragraph is \nsoft wrapped across \nthree lines.\n >From stuffed\n-- \nsig\n")
fixtures["flowed-delsp.eml"] = (head("flowed delsp", extra="Content-Type: text/plain; format=flowed; delsp=yes\n")
    + "\nJoin these wo \nrds.\n")
fixtures["quoted-cr.eml"] = (head("[PATCH] crlf inside base64", extra="Content-Transfer-Encoding: base64\n")
    + "\n" + b64lines(crlf(body + PATCH).encode()))
fixtures["no-blank-line.eml"] = head("no separator line") + "body starts without a blank line\nsecond\n"
fixtures["from-forms.mbox"] = "".join(
    f"From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\nFrom: {s}\nSubject: form {k}\n\nx\n"
    for k, s in enumerate(["dev@example.org (Some Dev)", "\"Dev, Some\" <dev@example.org>", "Jo <jo@example.org>",
                           "No Address Here", "Bogus <bogus>", "<only@example.org>", "  spaced   name   <sp@example.org>  ",
                           "A (comment) Name <cn@example.org> (trailing)", "\"quoted \\\" escape\" <q@example.org>"]))
fixtures["mboxrd.mbox"] = ("From dev@example.org Sun Sep 12 19:12:00 2021\n" + head("[PATCH] mboxrd") + "\n"
    + ">From quoted once\n>>From quoted twice\nFrom the start of a sentence\n" + body + PATCH
    + "From dev@example.org Sun Sep 12 19:13:00 2021\n" + head("second") + "\n>From e6807f3efca28b30decfecb1732a56c7db1137ee Mon Sep 17 00:00:00 2001\nbody\n")
fixtures["format-patch-separator.eml"] = (head("[PATCH] inner separator")
    + "\n>From e6807f3efca28b30decfecb1732a56c7db1137ee Mon Sep 17 00:00:00 2001\nFrom: Inner <inner@example.org>\n\n" + body + PATCH)
fixtures["re-subjects.mbox"] = "".join(
    f"From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\nFrom: A <a@example.org>\nSubject: {s}\n\nx\n"
    for s in ["Re: [PATCH v6 1/2] x", "RE:Re: [RFC PATCH] [net-next] y", "[PATCH RESEND v2 03/10]   z  ", "re: ", "Rx: keep", "[unclosed bracket"])
fixtures["invalid-base64.eml"] = (head("[PATCH] bad base64", extra="Content-Transfer-Encoding: base64\n")
    + "\n" + b64lines((body + PATCH).encode()).replace("A", "*", 2))
fixtures["broken-boundary.eml"] = (head("[PATCH] boundary never closed", extra="Content-Type: multipart/mixed; boundary=\"xyz\"\n")
    + "\n--xyz\nContent-Type: text/plain\n\n" + body + PATCH)
fixtures["missing-boundary.eml"] = (head("boundary never appears", extra="Content-Type: multipart/mixed; boundary=\"nope\"\n")
    + "\n--other\n\ntext\n")
fixtures["headers-only.eml"] = head("only headers").rstrip("\n")

for name, text in fixtures.items():
    if text is not None:
        open(name, "w", newline="").write(text)

latin = (head("[PATCH] latin-1 body", sender="=?iso-8859-1?q?J=F6rg?= <j@example.org>", extra="Content-Type: text/plain; charset=ISO-8859-1\nContent-Transfer-Encoding: 8bit\n")
         + "\nJ\u00f6rg's caf\u00e9.\n\n" + body + PATCH.replace("__u32 flags;", "__u32 flags; /* r\u00e9serv\u00e9 */")).encode("latin-1")
open("latin1-8bit.eml", "wb").write(latin)
undeclared = (head("raw 8-bit, no charset") + "\n").encode() + "bytes \u00e9 and ".encode("latin-1") + "\u00e9 mixed\n".encode()
open("undeclared-8bit.eml", "wb").write(undeclared)

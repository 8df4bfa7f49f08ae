#!/usr/bin/env python3
"""Generate the hostile collection: every kind of bad input issue 6 lists,
next to good records, in OUT/in/, and what opis-index must make of each in
OUT/expect.json. Generated at test time (tests/cli/hostile_test.cpp) rather
than committed, so no binary junk lives in the repository.

Usage: make_hostile.py OUT

expect.json:
  {"diagnostics": [{"case", "path", "severity", "line"?, "contains"}...],
   "records":     [{"case", "id", "title"?, "date"?, "undated"?, "body_has"?}...],
   "notes":       ["..."]}
Paths are relative to OUT/in. "line" is the line of the `path:line:` prefix
(absent: no line). Every stderr line of the run must match exactly one
diagnostic, and the index must hold exactly the records listed.
"""
import json
import os
import stat
import sys

out = sys.argv[1]
root = os.path.join(out, "in")
os.makedirs(root, exist_ok=True)
diags, records, notes = [], [], []


def put(rel, data):
    p = os.path.join(root, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)
    return rel


def err(case, rel, contains, line=None, severity="error"):
    d = {"case": case, "path": rel, "severity": severity, "contains": contains}
    if line is not None:
        d["line"] = line
    diags.append(d)


def warn(case, rel, contains, line=None):
    err(case, rel, contains, line, "warning")


def rec(case, rid, **kw):
    r = {"case": case, "id": rid}
    r.update(kw)
    records.append(r)


def seed(date, title, rid, body="The delegation discussed grain deliveries.", nl="\n"):
    text = (f"{date}\n\n**{title}**\n\nCitation:\n\n\"{title}\", {date}, Hostile Test Archive, "
            f"HTA, f. 1, op. 2, d. 3. Contributed by Ann Example. "
            f"<https://example.org/document/{rid}>\n\nSummary:\n\nA summary of {rid}.\n\n"
            f"Original Language:\n\nRussian\n\nContents:\n\nTranslation - English\n\n{body}\n")
    return text.replace("\n", nl)


# --- good records: all must be indexed ---------------------------------------
put("good/plain-seed.txt", seed("November 19, 1958", "A Good Seed Record", "h-good-seed"))
rec("good seed record", "h-good-seed", title="A Good Seed Record", date="1958-11-19")
put("good/record.json", json.dumps({"id": "h-good-json", "title": "A Good JSON Record", "date": "1961-04",
                                    "body": "Text of a good JSON record."}))
rec("good JSON record", "h-good-json", title="A Good JSON Record", date="1961-04")

# --- empty, white space, BOM only --------------------------------------------
put("empty.txt", b"")
err("empty file", "empty.txt", "empty file")
put("blank.json", " \n\t\r\n   \n")
err("white-space-only file", "blank.json", "empty file")
put("bom-only.txt", b"\xef\xbb\xbf\n")
err("UTF-8 BOM and nothing else", "bom-only.txt", "empty file")
put("utf16-bom-only.txt", b"\xff\xfe")
err("UTF-16 BOM and nothing else", "utf16-bom-only.txt", "empty file")

# --- binary and NUL bytes ----------------------------------------------------
put("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 16)
err("binary file", "binary.txt", "binary file (NUL byte)", line=3)
put("nul-in-record.txt", seed("1960", "Record With A NUL", "h-nul").replace("Summary:", "Summ\0ary:"))
err("NUL byte inside a seed record", "nul-in-record.txt", "binary file (NUL byte)", line=9)
put("nul.jsonl", '{"id": "h-nul-line", "title": "ok"}\n{"id": "x", "title": "a\0b"}\n')
err("NUL byte in a JSONL file", "nul.jsonl", "binary file (NUL byte)", line=2)
put("nul-escaped.json", json.dumps({"id": "h-nul-escaped", "title": "NUL \u0000 escaped", "body": "x\u0000y"}))
rec("NUL as a JSON escape", "h-nul-escaped", title="NUL \u0000 escaped")

# --- invalid and overlong UTF-8 ----------------------------------------------
bad = seed("1959", "Invalid UTF-8 Record", "h-bad-utf8").encode()
bad = bad.replace(b"grain deliveries", b"grain \xff\xfe deliveries \xc3\x28 and \xe2\x82")
put("bad-utf8.txt", bad)
warn("invalid UTF-8", "bad-utf8.txt", "invalid UTF-8; replaced with U+FFFD", line=21)
rec("invalid UTF-8", "h-bad-utf8", title="Invalid UTF-8 Record", body_has="grain \ufffd\ufffd deliveries")
over = seed("1959", "Overlong UTF-8", "h-overlong").encode()
over = over.replace(b"Overlong UTF-8**", b"Overlong \xc0\xaf \xe0\x80\xaf \xed\xa0\x80 \xf4\x90\x80\x80 UTF-8**")
put("overlong-utf8.txt", over)
warn("overlong UTF-8, surrogates, above U+10FFFF", "overlong-utf8.txt", "invalid UTF-8", line=3)
rec("overlong UTF-8", "h-overlong", title_has="Overlong \ufffd")
put("bad-utf8.jsonl", b'{"id": "h-bad-utf8-line", "title": "caf\xe9 au lait"}\n')
warn("invalid UTF-8 in JSONL", "bad-utf8.jsonl", "invalid UTF-8", line=1)
rec("invalid UTF-8 in JSONL", "h-bad-utf8-line", title="caf\ufffd au lait")

# --- UTF-16 with a BOM, UTF-8 BOM with CRLF, CR-only --------------------------
t16 = seed("November 19, 1958", "Запись беседы UTF-16", "h-utf16le")
put("utf16le.txt", b"\xff\xfe" + t16.encode("utf-16-le"))
rec("UTF-16LE with BOM", "h-utf16le", title="Запись беседы UTF-16", date="1958-11-19")
put("utf16be.json", b"\xfe\xff" + json.dumps({"id": "h-utf16be", "title": "UTF-16BE JSON 記録"},
                                               ensure_ascii=False).encode("utf-16-be"))
rec("UTF-16BE JSON with BOM", "h-utf16be", title="UTF-16BE JSON 記録")
put("utf8-bom-crlf.txt", b"\xef\xbb\xbf" + seed("1958-07-14", "BOM And CRLF", "h-bom-crlf", nl="\r\n").encode())
rec("UTF-8 BOM with CRLF", "h-bom-crlf", title="BOM And CRLF", date="1958-07-14", summary="A summary of h-bom-crlf.")
put("cr-only.txt", seed("July 1958", "CR Only Line Ends", "h-cr-only", nl="\r"))
rec("CR-only line ends", "h-cr-only", title="CR Only Line Ends", date="1958-07", summary="A summary of h-cr-only.")
put("cr-only.jsonl", '{"id": "h-cr-1", "title": "one"}\r{"id": "h-cr-2", "title": "two"}\r')
rec("CR-only JSONL", "h-cr-1", title="one")
rec("CR-only JSONL", "h-cr-2", title="two")
put("crlf.jsonl", '{"id": "h-crlf-1", "title": "one"}\r\n\r\n{"id": "h-crlf-2", "title": "two"}\r\n')
rec("CRLF JSONL", "h-crlf-1", title="one")
rec("CRLF JSONL", "h-crlf-2", title="two")

# --- titles and dates --------------------------------------------------------
put("unclosed-title.txt", "1962\n\n**A Title That Never Closes\nand goes on\n\nCitation:\n\n\"x\", 1962, A. "
    "<https://example.org/document/h-unclosed>\n\nContents:\n\nBody text.\n")
warn("title never closes", "unclosed-title.txt", "never closes", line=3)
rec("title never closes", "h-unclosed", title="A Title That Never Closes and goes on", date="1962")
put("unclosed-forever.txt", "**" + "title words " * 20000 + "\n")
warn("title never closes, no blank line", "unclosed-forever.txt", "never closes", line=1)
rec("title never closes, no blank line", "unclosed-forever")
put("impossible-date.txt", seed("Febtember 31, 19611", "Impossible Date", "h-febtember"))
warn("impossible date", "impossible-date.txt", "cannot read date 'Febtember 31, 19611'", line=1)
rec("impossible date", "h-febtember", title="Impossible Date", undated=True)
dates = ["February 30, 1961", "1961-13-01", "0000", "99999999999999999999", "1958-11-19T10:00",
         "31 Febtember 1961", "-1958", "November 0, 1958", "1958-02-29"]
lines = [json.dumps({"id": f"h-date-{i}", "title": f"date {d}", "date": d}) for i, d in enumerate(dates)]
lines.append(json.dumps({"id": "h-date-leap", "title": "leap", "date": "1960-02-29"}))
put("dates.jsonl", "\n".join(lines) + "\n")
for i, d in enumerate(dates):
    warn(f"impossible date {d!r}", "dates.jsonl", f"cannot read date '{d}'", line=i + 1)
    rec(f"impossible date {d!r}", f"h-date-{i}", undated=True)
rec("leap day", "h-date-leap", date="1960-02-29")

# --- size: a 3 MB single line, thousands of sections -------------------------
put("huge-line.txt", "x" * (3 << 20))
rec("3 MB single line, one word", "huge-line.txt")  # plain text: its path inside in/
put("huge-words.txt", ("word " * 40000 + "y" * 300 + " ") * 16)  # ~3 MB, one line, a 300-byte word
rec("3 MB single line, many words", "huge-words.txt")
put("huge-url.json", json.dumps({"id": "h-huge-url", "title": "Long URL",
                                 "citation": "\"Long URL\", 1961, An Archive. <https://example.org/" + "a" * (1 << 20) + ">",
                                 "url": "https://example.org/" + "b" * 100000}))
rec("1 MB URL in a citation, 100 kB url", "h-huge-url", title="Long URL")
put("huge-id.json", json.dumps({"id": "i" * 5000, "title": "Long Id"}))
rec("5000-byte id", "i" * 5000, title="Long Id")
sections = "".join(f"Note:\n\nnote number {i}\n\n" for i in range(5000))
put("many-sections.txt", "1963\n\n**Many Sections**\n\nCitation:\n\n\"Many\", 1963, A. "
    "<https://example.org/document/h-many-sections>\n\n" + sections + "Summary:\n\nAfter the notes.\n")
rec("5000 sections", "h-many-sections", title="Many Sections", summary="After the notes.")
labels = "".join(f"Summary:\n\nsummary {i}\n\nContents:\n\nbody {i}\n\n" for i in range(3000))
put("repeated-sections.txt", "1964\n\n**Repeated Sections**\n\n" + labels)
rec("known sections repeated 3000 times", "repeated-sections", title="Repeated Sections")
put("many-lines.jsonl", "".join(json.dumps({"id": f"h-line-{i}", "title": f"line {i}"}) + "\n" for i in range(3000)))
for i in (0, 1499, 2999):
    rec("3000-line JSONL", f"h-line-{i}", title=f"line {i}")
notes.append("many-lines.jsonl holds 3000 records; the test counts them")

# --- folders and names -------------------------------------------------------
put("folder.txt/inner.json", json.dumps({"id": "h-in-dir-named-txt", "title": "Inside x.txt/"}))
rec("a folder named like a record", "h-in-dir-named-txt", title="Inside x.txt/")
os.makedirs(os.path.join(root, "empty-dir.json"), exist_ok=True)
deep = os.path.join(*(["deep"] + [f"level{i:03}" for i in range(120)]))
put(os.path.join(deep, "bottom.json"), json.dumps({"id": "h-deep", "title": "At The Bottom"}))
rec("folder tree 120 deep", "h-deep", title="At The Bottom")
put(os.path.join(deep, "bottom plain.txt"), "A plain note at the bottom of a deep tree.\n")
rec("plain file 120 folders deep (id = path inside in/, over 245 bytes)", deep + "/bottom plain.txt")
put("names/запись беседы 1958.txt", seed("1958", "Cyrillic File Name", "h-cyrillic-name"))
rec("Cyrillic name with spaces", "h-cyrillic-name", title="Cyrillic File Name")
put("names/记录 一 .json", json.dumps({"id": "h-cjk-name", "title": "记录"}, ensure_ascii=False))
rec("CJK name with spaces", "h-cjk-name", title="记录")
put("names/  leading and trailing spaces  .jsonl", json.dumps({"id": "h-spaces-name", "title": "spaces"}) + "\n")
rec("name with leading/trailing spaces", "h-spaces-name", title="spaces")
put("names/UPPER.JSON", json.dumps({"id": "h-upper-ext", "title": "upper"}))
rec("upper-case extension", "h-upper-ext", title="upper")
put("names/.hidden.json", json.dumps({"id": "h-hidden", "title": "hidden"}))
notes.append("names/.hidden.json is hidden: skipped silently, as documented")
put("names/notes.pdf", b"%PDF-1.4\x00\x00")
notes.append("names/notes.pdf is not a record file: skipped silently, as documented")

# --- links -------------------------------------------------------------------
os.symlink("self-loop.txt", os.path.join(root, "self-loop.txt"))
err("symbolic link to itself", "self-loop.txt", "symbolic link loop")
os.symlink("loop-b.json", os.path.join(root, "loop-a.json"))
os.symlink("loop-a.json", os.path.join(root, "loop-b.json"))
err("two links pointing at each other", "loop-a.json", "symbolic link loop")
err("two links pointing at each other", "loop-b.json", "symbolic link loop")
os.symlink("does-not-exist.txt", os.path.join(root, "dangling.txt"))
err("dangling link", "dangling.txt", "dangling symbolic link")
os.symlink("..", os.path.join(root, "good", "up"))
notes.append("good/up -> .. is a folder link: not followed (no loop), as documented")
outside = os.path.join(out, "outside")
os.makedirs(outside, exist_ok=True)
with open(os.path.join(outside, "target.json"), "w") as f:
    json.dump({"id": "h-via-link", "title": "Reached Through A Link"}, f)
os.symlink(os.path.join(outside, "target.json"), os.path.join(root, "link-to-file.json"))
rec("link to a file outside", "h-via-link", title="Reached Through A Link")
os.mkfifo(os.path.join(root, "fifo.jsonl"))
err("a FIFO named like a record", "fifo.jsonl", "not a regular file")

# --- unreadable --------------------------------------------------------------
put("unreadable.json", json.dumps({"id": "h-unreadable", "title": "Mode 000"}))
os.chmod(os.path.join(root, "unreadable.json"), 0)
if os.geteuid() == 0:
    # Root reads a mode-000 file anyway: it is indexed. The read error is
    # then exercised by a file whose read() fails even for root.
    notes.append("running as root: chmod 000 does not stop root, so unreadable.json is indexed; "
                 "proc-mem.txt (a link to /proc/self/mem, whose read() fails with EIO) is the unreadable case")
    rec("mode 000 (root reads it)", "h-unreadable", title="Mode 000")
else:
    err("mode 000", "unreadable.json", "cannot read")
os.symlink("/proc/self/mem", os.path.join(root, "proc-mem.txt"))
err("read() fails (EIO)", "proc-mem.txt", "cannot read")

# --- JSON ----------------------------------------------------------------------
put("json/truncated.json", '{"id": "h-trunc", "title": "Trunc')
err("truncated JSON", "json/truncated.json", "invalid JSON", line=1)
put("json/truncated-multiline.json", '{\n  "id": "h-trunc2",\n  "title": [\n')
err("truncated JSON over lines", "json/truncated-multiline.json", "invalid JSON", line=4)
wrong = {"title-array": {"title": ["a"]}, "translators-number": {"translators": 7},
         "date-object": {"date": {"y": 1958}}, "footnotes-string": {"footnotes": "note"},
         "id-bool": {"id": True}, "extra-number": {"extra": {"k": 1}}, "list-of-numbers": {"contributors": [1, 2]},
         "body-float": {"body": 1.5}}
for name, fields in wrong.items():
    j = {"id": f"h-wrong-{name}", "title": "wrong"}
    j.update(fields)
    put(f"json/wrong-{name}.json", json.dumps(j))
    key = list(fields)[0]
    err(f"wrong type: {name}", f"json/wrong-{name}.json", "extra field 'k'" if key == "extra" else f"field '{key}'")
depth = 100000
put("json/deep-array.json", "[" * depth + "]" * depth)
err("array nested 100,000 deep", "json/deep-array.json", "must be a JSON object, got array")
put("json/deep-object.json", '{"id": "h-deep-obj", "title": "deep", "extra": ' + '{"a":' * depth + "1" + "}" * depth + "}")
err("object nested 100,000 deep in a field", "json/deep-object.json", "extra field 'a' must be a string")
put("json/deep-unclosed.json", "[" * depth)
err("array nested 100,000 deep, never closed", "json/deep-unclosed.json", "invalid JSON", line=1)
put("json/deep.jsonl", json.dumps({"id": "h-deep-line-ok", "title": "ok"}) + "\n" + '{"body":' + "[" * depth + "]" * depth + "}\n")
rec("JSONL line beside a deep one", "h-deep-line-ok", title="ok")
err("JSONL line nested 100,000 deep", "json/deep.jsonl", "field 'body' must be a string", line=2)
put("json/huge-float.json", '{"id": "h-huge-float", "title": "x", "n": 1e999}')
err("number too large for a double", "json/huge-float.json", "number overflow")
put("json/huge-int-id.json", '{"id": 123456789012345678901234567890, "title": "x"}')
err("integer id too large", "json/huge-int-id.json", "field 'id' must be a string")
put("json/u64-id.json", '{"id": 18446744073709551615, "title": "Largest Unsigned Id"}')
rec("id is the largest 64-bit number", "18446744073709551615", title="Largest Unsigned Id")
put("json/neg-id.json", '{"id": -9223372036854775808, "title": "Smallest Signed Id"}')
rec("id is the smallest 64-bit number", "-9223372036854775808", title="Smallest Signed Id")
put("json/huge-numbers.jsonl", '{"id": "h-big-1", "title": "ok", "pages": 1e308}\n'
    '{"id": "h-big-2", "title": "x", "pages": 1e400}\n{"id": "h-big-3", "title": "ok", "date": 19611}\n')
rec("huge number in an unknown field", "h-big-1", title="ok")
err("number overflow on a JSONL line", "json/huge-numbers.jsonl", "number overflow", line=2)
warn("date given as a number", "json/huge-numbers.jsonl", "cannot read date '19611'", line=3)
rec("date given as a number", "h-big-3", undated=True)
put("json/duplicate-keys.json", '{"id": "h-dupkey", "title": "first", "title": "second", "id": "h-dupkey"}')
rec("duplicate keys (the last wins)", "h-dupkey", title="second")
for name, text in {"array": "[1, 2]", "string": '"a record"', "number": "42", "null": "null", "bool": "true"}.items():
    put(f"json/not-object-{name}.json", text)
    err(f"JSON that is not an object: {name}", f"json/not-object-{name}.json", "must be a JSON object")
put("json/two-values.json", '{"id": "a"} {"id": "b"}')
err("two JSON values in one .json", "json/two-values.json", "invalid JSON", line=1)

mixed = [
    json.dumps({"id": "h-mixed-1", "title": "first good"}),
    '{"id": "h-mixed-bad", "title": ',
    json.dumps({"id": "h-mixed-2", "title": "second good"}),
    json.dumps({"id": "h-mixed-wrong", "title": 3.5}),
    "[1, 2, 3]",
    "",
    "   ",
    json.dumps({"id": "h-mixed-3", "title": "third good"}),
    "not json at all",
    json.dumps({"id": "h-mixed-4", "title": "fourth good"}),
]
put("json/mixed.jsonl", "\n".join(mixed))  # no final newline
for i in (1, 2, 3, 4):
    rec("JSONL: good lines among bad", f"h-mixed-{i}")
err("JSONL: syntax error", "json/mixed.jsonl", "invalid JSON", line=2)
err("JSONL: wrong type", "json/mixed.jsonl", "field 'title' must be a string", line=4)
err("JSONL: not an object", "json/mixed.jsonl", "must be a JSON object", line=5)
err("JSONL: not JSON", "json/mixed.jsonl", "invalid JSON", line=9)

# --- XML: TEI and EAD (issue 15) --------------------------------------------------
TEI_NS = 'xmlns="http://www.tei-c.org/ns/1.0"'


def tei(rid, body, title="A TEI letter", dtd=""):
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{dtd}<TEI {TEI_NS} xml:id="{rid}"><teiHeader><fileDesc>'
            f"<titleStmt><title>{title}</title></titleStmt></fileDesc></teiHeader>\n<text><body>{body}</body></text></TEI>\n")


put("xml/good.xml", tei("h-tei-good", "<p>Letter from <persName>Anna Weiss</persName> in <placeName>Graz</placeName>.</p>"))
rec("TEI letter beside hostile XML", "h-tei-good", title="A TEI letter", body_has="Letter from Anna Weiss in Graz.")
put("xml/malformed.xml", tei("h-tei-bad", "<p>open <hi>never closed</p>"))
err("malformed XML", "xml/malformed.xml", "invalid XML: ", line=3)
secret = os.path.join(out, "outside-secret.txt")
with open(secret, "w") as f:
    f.write("OUTSIDE-SECRET-15\n")
xxe = (f'<!DOCTYPE TEI [\n<!ENTITY pw SYSTEM "file:///etc/passwd">\n<!ENTITY sec SYSTEM "file://{secret}">\n'
       '<!ENTITY net SYSTEM "http://127.0.0.1:9/x">\n]>\n')
put("xml/xxe.xml", tei("h-tei-xxe", "<p>a &pw; b &sec; c &net; d</p>", dtd=xxe))
rec("XXE: /etc/passwd, a file and http:// not read", "h-tei-xxe", body_has="a b c d",
    lacks=["root:", "OUTSIDE-SECRET-15"])
warn("XXE: entities left out, said", "xml/xxe.xml", "3 entity reference(s) not expanded", line=7)
lol = '<!DOCTYPE TEI [\n<!ENTITY lol "lol">\n' + "".join(
    f'<!ENTITY lol{i} "{("&lol;" if i == 1 else f"&lol{i - 1};") * 10}">\n' for i in range(1, 10)) + "]>\n"
put("xml/billion-laughs.xml", tei("h-tei-lol", "<p>&lol9;</p>", dtd=lol))
err("billion laughs", "xml/billion-laughs.xml", "invalid XML: Detected an entity reference loop", line=1)
put("xml/deep.xml", tei("h-tei-deep", "<hi>" * 10000 + "deep" + "</hi>" * 10000))
err("XML nested 10,000 deep", "xml/deep.xml", "invalid XML: Excessive depth", line=3)
put("xml/latin1-declared.xml", tei("h-tei-enc", "<p>Grüße aus Zürich</p>").replace("UTF-8", "ISO-8859-1"))
warn("encoding declared Latin-1, bytes UTF-8", "xml/latin1-declared.xml", "declares encoding 'iso-8859-1' but its bytes are UTF-8", line=1)
rec("encoding declared Latin-1, bytes UTF-8: read as UTF-8", "h-tei-enc", body_has="Grüße aus Zürich")
put("xml/unknown-encoding.xml", tei("h-tei-enc2", "<p>x</p>").replace("UTF-8", "klingon-8"))
err("encoding nobody knows", "xml/unknown-encoding.xml", "invalid XML: Unsupported encoding", line=1)
put("xml/no-body.xml", f'<TEI {TEI_NS} xml:id="h-tei-nobody"><teiHeader><fileDesc><titleStmt><title>Header only</title>'
    "</titleStmt></fileDesc></teiHeader></TEI>")
warn("TEI with no body", "xml/no-body.xml", "has no <body>; indexed from its header alone", line=1)
rec("TEI with no body: from its header", "h-tei-nobody", title="Header only")
put("xml/ead-empty.xml", '<ead xmlns="urn:isbn:1-931666-22-9"><eadheader><eadid>h-ead-empty</eadid></eadheader>'
    "<archdesc level=\"collection\"><did><unittitle>No components</unittitle></did></archdesc></ead>")
warn("EAD with no components", "xml/ead-empty.xml", "describes no components", line=1)
rec("EAD with no components: the collection", "h-ead-empty", title="No components")
put("xml/other-root.xml", "<rss><channel/></rss>")
err("XML of another kind", "xml/other-root.xml", "not a TEI or EAD file (root element <rss>)", line=1)

# --- two files, one id ---------------------------------------------------------
put("dup/a.json", json.dumps({"id": "h-same", "title": "first of two"}))
put("dup/b.json", json.dumps({"id": "h-same", "title": "second of two"}))
warn("two files with one id", "dup/b.json", "record id 'h-same' also in")
rec("two files with one id (the later replaces)", "h-same", title="second of two")

with open(os.path.join(out, "expect.json"), "w") as f:
    json.dump({"diagnostics": diags, "records": records, "notes": notes,
               "extra_records": 3000 - 3}, f, ensure_ascii=False, indent=1)
print(f"{len(diags)} diagnostics and {len(records)} records expected", file=sys.stderr)

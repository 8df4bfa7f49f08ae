#!/usr/bin/env python3
"""Convert a TEI digital edition into an Opis development set.

One generic converter, one settings block per collection (COLLECTIONS
below). For every TEI document it writes:

  records.jsonl   one Opis JSON record a line (docs/record-format.md):
                  id, title, date, original_language, body, archive, url
  gold.jsonl      {"id", "persons": [...], "places": [...]}: the register
                  names of the persons and places the editors marked in the
                  body (the opis-eval gold format, eval/main.cpp)
  mentions.jsonl  {"id", "kind", "ref", "register", "surface"}: every marked
                  mention, as written in the body text we emit
  stats.json      counts, unresolved references, skipped documents

The body text is the reading text: additions, expansions, regularisations
and corrections are kept; deletions, abbreviations (where an expansion is
given), original spellings (where a regularisation is given) and sic (where
a correction is given) are dropped. Editorial notes (<note>) are dropped,
and so are the mentions inside them: the gold only holds names the document
itself writes. A line break inside a word (<lb break="no"/>) joins the
word; a hyphen before it is dropped when a lower-case letter follows.

Python 3 standard library only. Usage:

  convert_tei.py COLLECTION SOURCE_DIR OUT_DIR [--skip N] [--limit N] [--entities DIR]

SOURCE_DIR is a checkout (or `git archive` export) of the collection's
repository; --entities is a second one holding the registers where the
collection keeps them apart (amp). --skip N leaves out the first N records
(in path order, counted as --limit counts them: documents with a body), so
that `--limit 400` and `--skip 400 --limit 400` give two disjoint sets: one
to tune on, one held out.
"""
import argparse
import glob
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Per collection: where the documents and registers are, and how to read
# the title, date and language. Paths are globs relative to SOURCE_DIR
# (registers: relative to --entities when "registers_in" is "entities").
COLLECTIONS = {
    "pec": {
        "name": "Correspondance de Paul d'Estournelles de Constant (DAHN project)",
        "repo": "FloChiff/DAHNProject",
        "licence": "CC BY 3.0 (licence element of every TEI header and of the indexes)",
        "documents": ["Correspondence/Paul_d_Estournelles_de_Constant/Corpus/*.xml",
                      "Correspondence/Paul_d_Estournelles_de_Constant/Corpus/*/*.xml"],
        "registers": ["Correspondence/Paul_d_Estournelles_de_Constant/Indexes/Index_person.xml",
                      "Correspondence/Paul_d_Estournelles_de_Constant/Indexes/Index_place.xml"],
        "registers_in": "source",
        "id_prefix": "pec-",
        "title_lang": "fr",
        "archive": "Archives départementales de la Sarthe, Fonds d'Estournelles de Constant (12 J)",
        "url": "https://github.com/FloChiff/DAHNProject/blob/master/{path}",
    },
    "hbas": {
        "name": "Hermann Bahr – Arthur Schnitzler: Briefwechsel, Aufzeichnungen, Dokumente 1891–1931 (letters)",
        "repo": "arthur-schnitzler/schnitzler-bahr-data",
        "licence": "repository LICENSE: MIT; TEI headers: 'Copyright © 2017', availability free; not CC BY/CC0, so converted data is not committed",
        "documents": ["data/editions/L*.xml"],
        "registers": [],           # each document carries its own back/listPerson, listPlace
        "registers_in": "document",
        "id_prefix": "hbas-",
        "title_lang": None,
        "archive": "Hermann Bahr – Arthur Schnitzler (ACDH / Theatermuseum Wien)",
        "url": "https://bahrschnitzler.acdh.oeaw.ac.at/{stem}.html",
    },
    "amp": {
        "name": "Auden Musulin Papers: W. H. Auden's letters to Stella Musulin",
        "repo": "Auden-Musulin-Papers/amp-auden-musulin-papers",
        "entities_repo": "Auden-Musulin-Papers/amp-entities",
        "licence": "edition CC BY 4.0, but the TEI headers say 'Copyright literary texts W. H. Auden Estate of W. H. Auden', so converted data is not committed",
        "documents": ["data/editions/amp-transcript__*.xml"],
        "registers": ["out/amp-index-persons.xml", "out/amp-index-places.xml"],
        "registers_in": "entities",
        "id_prefix": "",
        "title_lang": None,
        "archive": "State Collections of Lower Austria, Stella Musulin (Depot)",
        "url": "https://amp.acdh.oeaw.ac.at/{stem}.html",
    },
}

# Elements whose content is left out of the body text (and whose mentions
# are left out of the gold).
SKIP = {"del", "note", "fw", "figure", "facsimile", "back", "front", "listPerson", "listPlace",
        "metamark", "anchor", "ptr", "surplus", "orig_dropped"}
# Inside <choice>, the reading we keep and the ones we drop.
CHOICE_KEEP = ("expan", "reg", "corr")
CHOICE_DROP = ("abbr", "orig", "sic")
# Elements whose own text between children is only layout.
ELEMENT_ONLY = {"subst", "app", "restore"}
# Marks the end of a block in the raw text; every other whitespace
# (including the XML source's own line breaks) is a space.
BREAK = "\x00"
# Elements that end a line of text.
BLOCK = {"p", "head", "ab", "opener", "closer", "dateline", "salute", "signed", "div", "addrLine",
         "l", "lg", "item", "list", "postscript", "address", "argument", "byline", "trailer",
         "table", "row", "label", "title_block", "lb_block"}


def local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def norm_space(s):
    return re.sub(r"\s+", " ", s).strip()


def refs_of(el):
    """The register ids an element points to: @ref or @key, several allowed."""
    raw = el.get("ref") or el.get("key") or el.get("corresp") or ""
    out = []
    for r in raw.split():
        r = r.strip()
        if not r:
            continue
        if r.startswith("#"):
            r = r[1:]
        elif r.startswith("pmb:"):
            r = "pmb" + r[4:]
        out.append(r)
    return out


def kind_of(el):
    name = local(el.tag)
    if name == "persName":
        return "person"
    if name == "placeName":
        return "place"
    if name == "rs":
        t = el.get("type", "")
        if t in ("person", "place"):
            return t
    return None


def person_name(person):
    """'Surname, Forename' as the register gives it."""
    names = [p for p in person.findall(TEI + "persName")]
    typed_ok = [p for p in names if p.get("type") in (None, "pref", "main", "reg")]
    names = typed_ok or names
    # A plain display form written by the editors ("Butler, Nicholas Murray").
    for p in names:
        if len(p) == 0 and p.text and "," in p.text:
            return norm_space(p.text)
    for p in names:
        sur = p.find(TEI + "surname")
        if sur is not None:
            surname = norm_space("".join(sur.itertext()))
            link = p.find(TEI + "nameLink")
            if link is not None and link.text and norm_space(link.text).endswith("'"):
                surname = norm_space(link.text) + surname
            fore = " ".join(norm_space("".join(f.itertext())) for f in p.findall(TEI + "forename"))
            fore = norm_space(fore)
            return f"{surname}, {fore}" if fore else surname
    for p in names:
        t = norm_space("".join(p.itertext()))
        if t:
            return t
    n = person.find(TEI + "name")
    if n is not None:
        return norm_space("".join(n.itertext()))
    return ""


def place_name(place):
    names = place.findall(".//" + TEI + "placeName")
    pref = [p for p in names if p.get("type") in ("pref", "main")]
    for p in pref + names:
        t = norm_space("".join(p.itertext()))
        if t:
            return t
    return ""


def read_registers(roots):
    """id -> (kind, name) from every listPerson/person and listPlace/place."""
    reg = {}
    for root in roots:
        for person in root.iter(TEI + "person"):
            pid = person.get(XML_ID)
            if pid:
                name = person_name(person)
                if name:
                    reg[pid] = ("person", name)
        for place in root.iter(TEI + "place"):
            pid = place.get(XML_ID)
            if pid:
                name = place_name(place)
                if name:
                    reg[pid] = ("place", name)
    return reg


class BodyText:
    """Walks a TEI body, building its plain text and the marked mentions."""

    def __init__(self):
        self.parts = []
        self.mentions = []   # (kind, ref, start, end)

    def text(self):
        return "".join(self.parts)

    def pos(self):
        return sum(len(p) for p in self.parts)

    def emit(self, s):
        if s:
            self.parts.append(s)

    def newline(self):
        self.parts.append(BREAK)

    def walk(self, el):
        name = local(el.tag)
        if name in SKIP or not isinstance(el.tag, str):
            self.emit(el.tail)
            return
        if name == "choice":
            kids = {local(c.tag): c for c in el}
            keep = next((kids[k] for k in CHOICE_KEEP if k in kids), None)
            if keep is None:
                keep = next((kids[k] for k in CHOICE_DROP if k in kids), None)
            if keep is not None:
                self.walk_inner(keep)
            self.emit(el.tail)
            return
        if name in ELEMENT_ONLY:
            # Whitespace between the children is markup layout, not text:
            # "l<subst><del>i</del><add>u</add></subst>e" reads "lue".
            kind = kind_of(el)
            start = self.pos()
            for c in el:
                tail, c.tail = c.tail, (c.tail if c.tail and c.tail.strip() else None)
                self.walk(c)
                c.tail = tail
            if kind:
                for r in refs_of(el):
                    self.mentions.append((kind, r, start, self.pos()))
            self.emit(el.tail)
            return
        if name == "lb":
            if el.get("break") == "no":
                self.join_word(el.tail)
            else:
                self.emit(" ")
                self.emit(el.tail)
            return
        if name == "pb" or name == "cb" or name == "space":
            self.emit(" ")
            self.emit(el.tail)
            return
        if name == "gap":
            self.emit(" […] ")
            self.emit(el.tail)
            return
        kind = kind_of(el)
        start = self.pos()
        self.emit(el.text)
        for c in el:
            self.walk(c)
        if kind:
            for r in refs_of(el):
                self.mentions.append((kind, r, start, self.pos()))
        if name in BLOCK:
            self.newline()
        self.emit(el.tail)

    def walk_inner(self, el):
        self.emit(el.text)
        for c in el:
            self.walk(c)

    def join_word(self, tail):
        # A hyphen at a line end inside a word is dropped before a
        # lower-case letter ("certi-<lb break='no'/>tude"), kept otherwise
        # ("Clermont-<lb break='no'/>Créans").
        nxt = (tail or "").lstrip()
        # Trailing spaces before the break are layout, not text.
        while self.parts and self.parts[-1].strip() == "" and self.parts[-1] != BREAK:
            self.parts.pop()
        if self.parts:
            self.parts[-1] = self.parts[-1].rstrip()
            if self.parts[-1].endswith("-") and nxt[:1].islower():
                self.parts[-1] = self.parts[-1][:-1]
        self.emit(nxt)


def clean_with_map(raw):
    """Collapse layout whitespace, one line per block, and map raw offsets
    to cleaned ones (for the mentions' surface forms)."""
    out = []
    mapping = [0] * (len(raw) + 1)
    pending_space = False
    pending_nl = False
    at_line_start = True
    n = 0
    for i, ch in enumerate(raw):
        if ch == BREAK:
            if not at_line_start:
                pending_nl = True
            pending_space = False
            mapping[i] = n
            continue
        if ch.isspace():
            if not at_line_start:
                pending_space = True
            mapping[i] = n
            continue
        if pending_nl:
            out.append("\n")
            n += 1
            pending_nl = pending_space = False
        elif pending_space:
            out.append(" ")
            n += 1
            pending_space = False
        mapping[i] = n
        out.append(ch)
        n += 1
        at_line_start = False
    mapping[len(raw)] = n
    return "".join(out), mapping


def first_text(root, path):
    el = root.find(path)
    return norm_space("".join(el.itertext())) if el is not None else ""


def doc_title(root, cfg):
    ts = root.find(TEI + "teiHeader/" + TEI + "fileDesc/" + TEI + "titleStmt")
    if ts is None:
        return ""
    titles = ts.findall(TEI + "title")
    if cfg.get("title_lang"):
        for t in titles:
            if t.get(XML_LANG) == cfg["title_lang"]:
                return norm_space("".join(t.itertext()))
    for t in titles:
        if t.get("level") == "a":
            return norm_space("".join(t.itertext()))
    for t in titles:
        if t.get("type") not in ("iso-date", "sub") and t.get("level") != "s":
            return norm_space("".join(t.itertext()))
    return ""


ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")


def doc_date(root):
    """The document's date as ISO (YYYY, YYYY-MM or YYYY-MM-DD), else ''."""
    candidates = []
    for t in root.iter(TEI + "title"):
        if t.get("type") == "iso-date" and t.text:
            candidates.append(t.text)
    for tag in ("correspAction", "origDate", "docDate"):
        for el in root.iter(TEI + tag):
            if tag == "correspAction":
                if el.get("type") != "sent":
                    continue
                el = el.find(TEI + "date")
                if el is None:
                    continue
            for a in ("when-iso", "when", "notBefore-iso", "from-iso", "notBefore", "from"):
                if el.get(a):
                    candidates.append(el.get(a))
    for c in candidates:
        m = ISO.match(c.strip())
        if m:
            return m.group(0)
    return ""


def doc_language(root, body):
    lang = root.find(".//" + TEI + "langUsage/" + TEI + "language")
    code = lang.get("ident") if lang is not None else ""
    if not code:
        d = body.find(".//*[@{http://www.w3.org/XML/1998/namespace}lang]")
        code = d.get(XML_LANG) if d is not None else ""
    return code.split("-")[0] if code else ""


def convert(collection, source, out_dir, limit=None, entities=None, skip=0):
    cfg = COLLECTIONS[collection]
    reg_base = entities if cfg["registers_in"] == "entities" else source
    shared_roots = []
    for pattern in cfg["registers"]:
        for path in sorted(glob.glob(os.path.join(reg_base, pattern))):
            shared_roots.append(ET.parse(path).getroot())
    shared = read_registers(shared_roots)

    paths = []
    for pattern in cfg["documents"]:
        paths.extend(glob.glob(os.path.join(source, pattern)))
    paths = sorted(set(paths))

    os.makedirs(out_dir, exist_ok=True)
    stats = {"collection": collection, "documents_seen": 0, "records": 0, "skipped": [],
             "skipped_first": 0, "mentions": 0, "unresolved_refs": 0, "unresolved_examples": [],
             "gold_person_pairs": 0, "gold_place_pairs": 0, "register_entries": len(shared)}
    recs = open(os.path.join(out_dir, "records.jsonl"), "w", encoding="utf-8")
    gold = open(os.path.join(out_dir, "gold.jsonl"), "w", encoding="utf-8")
    ments = open(os.path.join(out_dir, "mentions.jsonl"), "w", encoding="utf-8")
    for path in paths:
        if limit is not None and stats["records"] >= limit:
            break
        stats["documents_seen"] += 1
        rel = os.path.relpath(path, source)
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError as e:
            stats["skipped"].append(f"{rel}: {e}")
            print(f"{rel}: error: not well-formed XML ({e}); document skipped", file=sys.stderr)
            continue
        body = root.find(TEI + "text/" + TEI + "body")
        if body is None:
            stats["skipped"].append(f"{rel}: no text/body")
            continue
        register = dict(shared)
        if cfg["registers_in"] == "document":
            back = root.find(TEI + "text/" + TEI + "back")
            if back is not None:
                register.update(read_registers([back]))
        bt = BodyText()
        bt.walk_inner(body)
        raw = bt.text()
        text, mapping = clean_with_map(raw)
        if not text.strip():
            stats["skipped"].append(f"{rel}: empty body")
            continue
        if stats["skipped_first"] < skip:
            stats["skipped_first"] += 1
            continue
        stem = os.path.splitext(os.path.basename(path))[0]
        rid = cfg["id_prefix"] + stem
        record = {
            "id": rid,
            "title": doc_title(root, cfg),
            "date": doc_date(root),
            "original_language": doc_language(root, body),
            "archive": cfg["archive"],
            "url": cfg["url"].format(path=rel.replace(os.sep, "/"), stem=stem),
            "body": text,
        }
        abstract = root.find(".//" + TEI + "abstract")
        if abstract is not None:
            s = norm_space("".join(abstract.itertext()))
            if s:
                record["summary"] = s
        persons, places = [], []
        for kind, ref, a, b in bt.mentions:
            entry = register.get(ref)
            if entry is None or entry[0] != kind:
                stats["unresolved_refs"] += 1
                if len(stats["unresolved_examples"]) < 10:
                    stats["unresolved_examples"].append(f"{rid}: {kind} {ref}")
                continue
            a, b = min(a, len(raw)), min(b, len(raw))
            # The whole word the mention stands in: the editors' markup may
            # cover part of a word (<placeName>Berlin</placeName>er), and
            # the name is then not written as the register writes it.
            s, e = mapping[a], mapping[b]
            while 0 < s < len(text) and text[s].isalnum() and text[s - 1].isalnum():
                s -= 1
            while 0 < e < len(text) and text[e - 1].isalnum() and text[e].isalnum():
                e += 1
            surface = text[s:e].strip()
            surface = re.sub(r"\s*\n\s*", " ", surface)
            if not surface:
                continue
            stats["mentions"] += 1
            ments.write(json.dumps({"id": rid, "kind": kind, "ref": ref, "register": entry[1],
                                    "surface": surface}, ensure_ascii=False) + "\n")
            lst = persons if kind == "person" else places
            if entry[1] not in lst:
                lst.append(entry[1])
        recs.write(json.dumps(record, ensure_ascii=False) + "\n")
        gold.write(json.dumps({"id": rid, "persons": persons, "places": places}, ensure_ascii=False) + "\n")
        stats["records"] += 1
        stats["gold_person_pairs"] += len(persons)
        stats["gold_place_pairs"] += len(places)
    recs.close()
    gold.close()
    ments.close()
    with open(os.path.join(out_dir, "stats.json"), "w", encoding="utf-8") as f:
        json.dump(stats, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"{collection}: {stats['records']} records, {stats['gold_person_pairs']} person pairs, "
          f"{stats['gold_place_pairs']} place pairs, {stats['mentions']} mentions, "
          f"{stats['unresolved_refs']} unresolved refs -> {out_dir}", file=sys.stderr)
    return stats


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("collection", choices=sorted(COLLECTIONS))
    ap.add_argument("source", help="checkout or export of the collection's repository")
    ap.add_argument("out", help="output folder")
    ap.add_argument("--skip", type=int, default=0, help="leave out the first N records (in path order)")
    ap.add_argument("--limit", type=int, default=None, help="at most N records (in path order)")
    ap.add_argument("--entities", help="checkout of the register repository (amp)")
    a = ap.parse_args()
    if COLLECTIONS[a.collection]["registers_in"] == "entities" and not a.entities:
        ap.error(f"{a.collection} needs --entities (a checkout of {COLLECTIONS[a.collection]['entities_repo']})")
    convert(a.collection, a.source, a.out, a.limit, a.entities, a.skip)
    return 0


if __name__ == "__main__":
    sys.exit(main())

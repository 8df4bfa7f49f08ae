#!/usr/bin/env python3
"""Build the multilingual evaluation collection of issue 16 from real,
openly licensed texts: the translated manual pages Debian ships in
/usr/share/man/<lang>/ for man-db (GPL-2+), passwd and login (shadow:
BSD-3-clause / GPL-1+), psmisc (GPL-2+) and help2man (GPL-3+). Each page is
rendered to plain text with man(1) (no hyphenation, no justification) and
cut into records of whole paragraphs of about 700 characters. The records
carry no language: opis-index identifies it, and the evaluation checks
that too (the language is kept in the id, "de-man.1-3").

Usage: make_collection.py OUT_DIR   (writes OUT_DIR/<lang>.jsonl)
The committed collection in eval/multilingual/records/ was made with it on
Debian 12; README.md there names the sources and their licences.
"""
import gzip
import json
import os
import re
import subprocess
import sys

LANGS = ["de", "fr", "ru", "es", "it", "pl", "nl", "sv"]
PACKAGES = {"man-db": "GPL-2+", "passwd": "BSD-3-clause or GPL-1+ (shadow)", "login": "BSD-3-clause or GPL-1+ (shadow)",
            "psmisc": "GPL-2+", "help2man": "GPL-3+"}
MAX_RECORDS = 45      # per language: the collection stays small enough to commit
TARGET = 700          # characters per record, in whole paragraphs


_OWNERS = {}


def owner(path):
    if not _OWNERS:  # one dpkg -L per package rather than a dpkg -S per page
        for pkg in PACKAGES:
            out = subprocess.run(["dpkg", "-L", pkg], capture_output=True, text=True).stdout
            for f in out.splitlines():
                _OWNERS[f] = pkg
    return _OWNERS.get(path, "")


def render(path):
    env = dict(os.environ, MANWIDTH="100", MAN_KEEP_FORMATTING="0")
    out = subprocess.run(["man", "--nh", "--nj", "-E", "UTF-8", "-l", path], capture_output=True, text=True, env=env)
    text = subprocess.run(["col", "-bx"], input=out.stdout, capture_output=True, text=True).stdout
    return text


def paragraphs(text):
    paras, cur = [], []
    for line in text.splitlines():
        s = line.strip()
        if not s:
            if cur:
                paras.append(" ".join(cur))
                cur = []
            continue
        cur.append(s)
    if cur:
        paras.append(" ".join(cur))
    # Headings and option lines alone are no prose: keep paragraphs with
    # words. Some translations leave paragraphs in English: those are left
    # out (English function words), so that a record is in its language.
    english = {"the", "of", "and", "is", "to", "this", "that", "with", "are", "be"}
    def in_english(p):
        w = re.findall(r"[a-z]+", p.lower())
        return len(w) > 0 and sum(x in english for x in w) / len(w) > 0.06
    return [p for p in paras if len(p) > 80 and not in_english(p)]


def main():
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    for lang in LANGS:
        root = f"/usr/share/man/{lang}"
        pages = []
        for dirpath, _, files in os.walk(root):
            for f in files:
                if f.endswith(".gz"):
                    pages.append(os.path.join(dirpath, f))
        pages.sort()
        records = []
        for path in pages:
            pkg = owner(path)
            if pkg not in PACKAGES or os.path.islink(path):
                continue
            page = os.path.basename(path)[:-3]
            chunk, n = [], 0
            for p in paragraphs(render(path)):
                chunk.append(p)
                if sum(len(c) for c in chunk) >= TARGET:
                    n += 1
                    records.append({"id": f"{lang}-{page}-{n}", "title": f"{page} ({lang})", "body": "\n\n".join(chunk),
                                    "credits": f"Debian 12 package {pkg}, {path}; licence {PACKAGES[pkg]}"})
                    chunk = []
        # An even spread over the pages rather than the first ones only.
        step = max(1, len(records) // MAX_RECORDS)
        records = records[::step][:MAX_RECORDS]
        with open(os.path.join(out_dir, f"{lang}.jsonl"), "w", encoding="utf-8") as out:
            for r in records:
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"{lang}: {len(records)} records", file=sys.stderr)


if __name__ == "__main__":
    main()

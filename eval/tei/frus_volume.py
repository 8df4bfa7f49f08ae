#!/usr/bin/env python3
"""A FRUS-shaped volume of a given size in one file, for timing the TEI
reader on a whole volume (issue 15: "a whole volume of documents in one
4 MB file").

The real volume (HistoryAtState/frus volumes/frus1958-60v11.xml, 4.0 MB)
could not be checked out here (the repository is over the mirror's size
limit), so this repeats the real documents of the committed sample
(tests/data/tei/frus: its header, front matter and two documents) inside
one volume until it reaches SIZE bytes, each copy with its own xml:ids
(documents d1, d2, d3, ...; notes and pages suffixed). The reading work per byte is the real one (the same
markup, notes, persName/@corresp, gloss); only the words repeat.

Usage: frus_volume.py SAMPLE.xml OUT.xml [SIZE_MB] (default 4)
"""
import re
import sys


def main():
    sample, out = sys.argv[1], sys.argv[2]
    size = int(float(sys.argv[3] if len(sys.argv) > 3 else 4) * 1_000_000)
    text = open(sample, encoding="utf-8").read()
    docs = re.findall(r'<div type="document".*?\n\s*</div>\n', text, flags=re.S)
    if not docs:
        sys.exit(f"{sample}: no <div type=\"document\">")
    head, tail = text.split(docs[0], 1)[0], text.rsplit(docs[-1], 1)[1]
    body, n = [], 0
    total = len(head.encode()) + len(tail.encode())
    while total < size:
        for d in docs:
            n += 1
            copy = re.sub(r'(<div type="document" xml:id=")d\d+"', lambda m: f'{m.group(1)}d{n}"', d, count=1)
            copy = re.sub(r'xml:id="((?:d\d+fn|pg_)[^"]*)"', lambda m: f'xml:id="{m.group(1)}_{n}"', copy)
            body.append(copy)
            total += len(copy.encode())
    with open(out, "w", encoding="utf-8") as f:
        f.write(head + "".join(body) + tail)
    print(f"{out}: {total} bytes, {n} documents")


if __name__ == "__main__":
    main()

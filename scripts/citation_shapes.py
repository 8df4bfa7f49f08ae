#!/usr/bin/env python3
"""Count the shapes of the citations in record folders (issue 14).

For each record (a seed-layout .txt file's "Citation:" section, a .json
file's or a .jsonl line's "citation" key) it notes how many addresses the
citation holds in angle brackets and bare, and whether the last one closes
the citation; it prints one line per shape with its count, the numbers
docs/record-format.md ("The record's own link and cited sources") quotes.
The classification is independent of Opis's parser (citation.cpp), so it
checks the rule against the data rather than restating it.

    python3 scripts/citation_shapes.py corpus ../shared/corpus [-v]
"""
import collections
import json
import pathlib
import re
import sys

ANGLE = re.compile(r"<\s*https?://[^\s>]+\s*>", re.I)
BARE = re.compile(r"https?://[^\s<>]+", re.I)
CLOSING = ".,;:!?'\")]"


def seed_citation(text):
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.strip().lower() == "citation:":
            body, j = [], i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            while j < len(lines) and lines[j].strip():
                body.append(lines[j].strip())
                j += 1
            return " ".join(body)
    return None


def citations(root):
    for p in sorted(pathlib.Path(root).rglob("*")):
        if p.suffix == ".txt" and p.name != "CMakeLists.txt":
            yield str(p), seed_citation(p.read_text(encoding="utf-8", errors="replace"))
        elif p.suffix == ".json":
            yield str(p), json.loads(p.read_text(encoding="utf-8")).get("citation")
        elif p.suffix == ".jsonl":
            for n, line in enumerate(p.read_text(encoding="utf-8").split("\n"), 1):
                if line.strip():
                    yield f"{p}:{n}", json.loads(line).get("citation")


def shape(c):
    if not c:
        return "no citation"
    angle = ANGLE.findall(c)
    rest = ANGLE.sub(" ", c)
    bare = BARE.findall(rest)
    last = None
    for m in re.finditer(r"<\s*https?://[^\s>]+\s*>|https?://[^\s<>]+", c, re.I):
        last = m
    closes = last is not None and c[last.end():].strip().strip(CLOSING) == ""
    kind = "angle" if last is not None and last.group(0).startswith("<") else "bare"
    return (f"{len(angle)} in angle brackets, {len(bare)} bare"
            + (f", the last ({kind}) closes the citation" if closes else
               (", the last does not close it" if last else "")))


def main(argv):
    verbose = "-v" in argv
    counts = collections.Counter()
    for root in [a for a in argv if a != "-v"]:
        for where, c in citations(root):
            s = shape(c)
            counts[s] += 1
            if verbose:
                print(f"{where}: {s}")
    for s, n in counts.most_common():
        print(f"{n:5}  {s}")
    print(f"{sum(counts.values()):5}  records")


if __name__ == "__main__":
    main(sys.argv[1:])

#!/usr/bin/env python3
"""Baseline of person:/place: search on the development set (issue 13).

For every (record, gold person) pair of a collection it asks whether
  person:"Surname"   finds the record  (the extractor's index terms)
  "Surname"          finds the record  (a plain phrase over the text)
and for every (record, gold place) pair the same with place:"Name" and
"Name". Each distinct query runs once (opis-search --format json
--limit 1000), so a collection takes seconds.

The figures are split by how the text writes the name:
  as register  some surface form of the pair contains the query name
               verbatim (case-sensitive, whole words): "Jaurès" in "Jaurès"
  different    none does: "KEPPEL", "Belgique" for Belgium, "Wystan" for
               Auden, "Burkhardt" for Burckhard

Query names: a person's surname is the register name before the comma
(the whole name when there is none); a place's name is the register name
without a trailing parenthesis ("Sarthe (former Maine)" -> "Sarthe").

Usage:
  measure.py [--out DEVSET_DIR] [--bin BUILD_DIR] NAME=DB [NAME=DB ...]

NAME is a sub-folder of DEVSET_DIR holding gold.jsonl, mentions.jsonl and
records.jsonl (convert_tei.py); DB the index built from its records.jsonl.
Writes DEVSET_DIR/results.json, DEVSET_DIR/results.md and
DEVSET_DIR/NAME/misses.jsonl (the pairs the plain phrase finds and the
field search does not, with the text around the mention).
"""
import argparse
import json
import os
import re
import subprocess
import sys


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def person_query_name(register):
    return register.split(",", 1)[0].strip() if "," in register else register.strip()


def place_query_name(register):
    return re.sub(r"\s*\([^()]*\)\s*$", "", register).strip() or register.strip()


def clean(name):
    return name.replace('"', " ").strip()


class Searcher:
    def __init__(self, binary, db):
        self.binary = binary
        self.db = db
        self.cache = {}

    def ids(self, query):
        if query not in self.cache:
            p = subprocess.run([self.binary, "--db", self.db, "--format", "json", "--limit", "1000", query],
                               capture_output=True, text=True)
            ids = set()
            if p.stdout.strip():
                try:
                    ids = {r["id"] for r in json.loads(p.stdout).get("results", [])}
                except json.JSONDecodeError:
                    print(f"measure.py: {self.db}: error: output of {query!r} is not JSON; counted as not found",
                          file=sys.stderr)
            self.cache[query] = ids
        return self.cache[query]


def verbatim(name, surfaces):
    pat = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)")
    return any(pat.search(s) for s in surfaces)


def context(body, surface, width=90):
    i = body.find(surface)
    if i < 0:
        return ""
    a, b = max(0, i - width), min(len(body), i + len(surface) + width)
    return body[a:i].replace("\n", " / ") + "[[" + surface + "]]" + body[i + len(surface):b].replace("\n", " / ")


def ratio(n, d):
    return f"{100.0 * n / d:5.1f}%" if d else "    -"


def measure(name, folder, searcher):
    gold = load_jsonl(os.path.join(folder, "gold.jsonl"))
    mentions = load_jsonl(os.path.join(folder, "mentions.jsonl"))
    bodies = {r["id"]: r.get("body", "") for r in load_jsonl(os.path.join(folder, "records.jsonl"))}
    surfaces = {}
    for m in mentions:
        surfaces.setdefault((m["id"], m["kind"], m["register"]), []).append(m["surface"])
    result = {}
    misses = []
    for kind, field, qname in (("person", "persons", person_query_name), ("place", "places", place_query_name)):
        counts = {g: {"pairs": 0, "field": 0, "plain": 0, "plain_not_field": 0, "field_not_plain": 0}
                  for g in ("all", "as_register", "different")}
        for g in gold:
            for reg in g.get(field, []):
                q = clean(qname(reg))
                if not q:
                    continue
                surf = surfaces.get((g["id"], kind, reg), [])
                group = "as_register" if verbatim(q, surf) else "different"
                f = g["id"] in searcher.ids(f'{kind}:"{q}"')
                p = g["id"] in searcher.ids(f'"{q}"')
                for grp in ("all", group):
                    c = counts[grp]
                    c["pairs"] += 1
                    c["field"] += f
                    c["plain"] += p
                    c["plain_not_field"] += p and not f
                    c["field_not_plain"] += f and not p
                if p and not f:
                    s = next((x for x in surf if q in x), surf[0] if surf else q)
                    misses.append({"id": g["id"], "kind": kind, "register": reg, "query": q, "group": group,
                                   "surfaces": sorted(set(surf)), "context": context(bodies.get(g["id"], ""), s)})
        result[kind] = counts
    with open(os.path.join(folder, "misses.jsonl"), "w", encoding="utf-8") as f:
        for m in misses:
            f.write(json.dumps(m, ensure_ascii=False) + "\n")
    return result, len(gold)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default="build/devset", help="development set folder (default build/devset)")
    ap.add_argument("--bin", default="build", help="Opis build folder (default build)")
    ap.add_argument("collections", nargs="+", metavar="NAME=DB")
    a = ap.parse_args()
    binary = os.path.join(a.bin, "query", "opis-search")
    report = {}
    lines = ["| collection | records | kind | pairs | field: recall | plain recall | field: as register | plain as register | field: different | plain different |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for spec in a.collections:
        name, db = spec.split("=", 1)
        searcher = Searcher(binary, db)
        res, nrec = measure(name, os.path.join(a.out, name), searcher)
        report[name] = {"records": nrec, "queries": len(searcher.cache), **res}
        for kind in ("person", "place"):
            c = res[kind]
            al, ar, di = c["all"], c["as_register"], c["different"]
            lines.append(f"| {name} | {nrec} | {kind} | {al['pairs']} | {ratio(al['field'], al['pairs'])} | "
                         f"{ratio(al['plain'], al['pairs'])} | {ratio(ar['field'], ar['pairs'])} ({ar['pairs']}) | "
                         f"{ratio(ar['plain'], ar['pairs'])} | {ratio(di['field'], di['pairs'])} ({di['pairs']}) | "
                         f"{ratio(di['plain'], di['pairs'])} |")
    with open(os.path.join(a.out, "results.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1, ensure_ascii=False)
        f.write("\n")
    with open(os.path.join(a.out, "results.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Issue 16's multilingual evaluation: recall per language of hand-written
queries (inflected and accent-free forms) on the collection in records/,
for this build and for a baseline build (today's English-only analysis,
e.g. main's), side by side; and language identification accuracy.

Each query in queries.json names the forms of its word, written by hand
(with their accents): the records it must find are those whose title or
body holds one of the forms as a word. Recall = found / must-find, over all
queries of a language.

Usage:
  eval/multilingual/run.py --new build --base /work/main/build [--records DIR] [--queries FILE]
--new/--base: build folders holding indexer/opis-index and query/opis-search.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))


def words(text):
    return set(re.findall(r"\w+", unicodedata.normalize("NFC", text).lower()))


def bins(build):
    return os.path.join(build, "indexer", "opis-index"), os.path.join(build, "query", "opis-search")


def index(build, records_dir, db):
    idx, _ = bins(build)
    files = sorted(os.path.join(records_dir, f) for f in os.listdir(records_dir) if f.endswith(".jsonl"))
    subprocess.run([idx, "--db", db, "--quiet"] + files, check=True)


def search(build, db, query, lang=None):
    _, srch = bins(build)
    argv = [srch, "--db", db, "--format", "json", "--limit", "10000", "--no-suggest"]
    if lang:
        argv += ["--lang", lang]
    out = subprocess.run(argv + [query], capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"{query}: {out.stderr}")
    return {h["id"] for h in json.loads(out.stdout)["results"]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--new", required=True)
    ap.add_argument("--base", required=True)
    ap.add_argument("--records", default=os.path.join(HERE, "records"))
    ap.add_argument("--queries", default=os.path.join(HERE, "queries.json"))
    a = ap.parse_args()
    records = {}
    for f in sorted(os.listdir(a.records)):
        if f.endswith(".jsonl"):
            for line in open(os.path.join(a.records, f), encoding="utf-8"):
                r = json.loads(line)
                records[r["id"]] = (f[:-6], words(r.get("title", "") + " " + r.get("body", "")))
    queries = json.load(open(a.queries, encoding="utf-8"))
    tmp = tempfile.mkdtemp(prefix="opis-ml-")
    dbs = {}
    for name, build in (("new", a.new), ("base", a.base)):
        dbs[name] = os.path.join(tmp, name)
        index(build, a.records, dbs[name])
    print(f"{'lang':<5} {'queries':>7} {'must find':>9} {'recall new':>10} {'recall base':>11} {'accent-free new':>15} {'base':>6}")
    failing = False
    for lang, qs in queries.items():
        tot = {"new": [0, 0], "base": [0, 0]}
        af = {"new": [0, 0], "base": [0, 0]}
        misses = []
        for q in qs:
            forms = {unicodedata.normalize("NFC", f).lower() for f in q["forms"]}
            gold = {rid for rid, (l, w) in records.items() if l == lang and w & forms}
            if not gold:
                print(f"  warning: {lang} '{q['q']}' has nothing to find", file=sys.stderr)
                continue
            accent_free = q["q"].isascii() and any(not f.isascii() for f in forms)
            for name in ("new", "base"):
                found = search(a.new if name == "new" else a.base, dbs[name], q["q"]) & gold
                tot[name][0] += len(found)
                tot[name][1] += len(gold)
                if accent_free:
                    af[name][0] += len(found)
                    af[name][1] += len(gold)
                if name == "new" and len(found) < len(gold):
                    misses.append(f"{q['q']}: {len(found)}/{len(gold)}")
        rec = {n: tot[n][0] / tot[n][1] if tot[n][1] else 0 for n in tot}
        afr = {n: f"{af[n][0] / af[n][1]:.3f}" if af[n][1] else "-" for n in af}
        print(f"{lang:<5} {len(qs):>7} {tot['new'][1]:>9} {rec['new']:>10.3f} {rec['base']:>11.3f} {afr['new']:>15} {afr['base']:>6}")
        for m in misses:
            print(f"        missed: {m}")
        failing |= rec["new"] < 0.95
    # Language identification: the records carry no language; textlang:XX
    # lists what each was analysed in ("und" below: undetermined, stemmed in
    # the default language).
    print("\nlanguage identification (records given no language):")
    langs = sorted({l for l, _ in records.values()})
    for lang in langs:
        n = sum(1 for l, _ in records.values() if l == lang)
        found = {rid for rid in search(a.new, dbs["new"], f"textlang:{lang}") if records.get(rid, ("",))[0] == lang}
        print(f"  {lang}: {len(found)}/{n} = {len(found) / n:.3f}")
    sizes = {n: sum(os.path.getsize(os.path.join(dbs[n], f)) for f in os.listdir(dbs[n])) for n in dbs}
    print(f"\nindex size: new {sizes['new'] / 1e6:.2f} MB, base {sizes['base'] / 1e6:.2f} MB "
          f"({sizes['new'] / sizes['base']:.2f}x)")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())

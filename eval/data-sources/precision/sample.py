#!/usr/bin/env python3
"""Precision of person:/place: search on a hand-checked sample (issue 13).

Two steps:

  sample.py draw --set DIR --db DB --name NAME [--bin BUILD] [--seed 13] [--n 100] [--out WORK_DIR]
      Runs person:"V" and place:"V" for every distinct gold value of the
      set (V as opis-eval and measure.py take it: a person's surname, a
      place's name without a trailing parenthesis), over the whole index
      (opis-search --explain --format json --limit 1000). Every (query,
      hit record) pair is a candidate, whether or not the gold lists that
      name for that record. With a fixed seed it draws N/2 person and N/2
      place pairs and writes
        WORK_DIR/NAME.sample.jsonl  each pair with its tier (registered or
                                    the name floor, from --explain), whether
                                    the gold lists it, and the text around
                                    the match (snippet and body)
        WORK_DIR/NAME.tsv           the same pairs without the text, with
                                    empty verdict and reason columns
      Read each pair in the .jsonl, fill the verdict (yes/no) and a short
      reason into the .tsv and keep it as eval/data-sources/precision/NAME.tsv.

  sample.py score TSV [TSV ...]
      Precision per file, per kind and per tier: yes / (yes + no).

  sample.py rescore TSV --db DB [--bin BUILD] --out OUT_TSV
      For a change that only removes hits: runs each pair's query again on
      DB (an index built by the changed Opis) and keeps the pairs whose
      record is still a hit, with their verdicts and the tier they have now;
      a pair no longer a hit drops out. Writes OUT_TSV (score it as above)
      and prints how many pairs dropped, and how many of those were right
      (true hits lost). Not valid for a change that can add hits.

Verdict: "yes" when the matched words name that person (any person of that
surname, or a spelling of it) or that place; "no" when they are another
kind of thing (a common word, another place, an organisation, a street, an
adjective of nationality), or when the match is not in the record's text.
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
from collections import Counter

COLUMNS = ["id", "kind", "query", "tier", "in_gold", "verdict", "reason"]


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def value(register, person):
    """The value opis-eval's gold_name_value() and measure.py compare."""
    if person:
        v = register.split(",", 1)[0] if "," in register else register
    else:
        v = re.sub(r"\s*\([^()]*\)\s*$", "", register).strip() or register
    return v.replace('"', " ").strip()


def marked(snippet, highlights):
    """The snippet with each highlight in [[ ]] (offsets count UTF-8 bytes)."""
    b = snippet.encode("utf-8")
    out, at = [], 0
    for off, length in sorted(highlights):
        out += [b[at:off], b"[[", b[off:off + length], b"]]"]
        at = off + length
    out.append(b[at:])
    return b"".join(out).decode("utf-8", "replace").replace("\n", " / ")


def body_context(body, words, width=110):
    """Up to three places in the body where a highlighted word stands."""
    spots = []
    for w in sorted(set(words), key=len, reverse=True):
        for m in re.finditer(r"(?<!\w)" + re.escape(w) + r"(?!\w)", body):
            a, b = max(0, m.start() - width), min(len(body), m.end() + width)
            spots.append(body[a:m.start()] + "[[" + m.group(0) + "]]" + body[m.end():b])
            if len(spots) >= 3:
                break
        if len(spots) >= 3:
            break
    return [s.replace("\n", " / ") for s in spots]


def tier_of(why, kind):
    for w in why:
        if w.startswith(kind + ":"):
            return "registered" if "registered in this record" in w else "floor"
    return "?"


def draw(a):
    gold = load_jsonl(os.path.join(a.set, "gold.jsonl"))
    bodies = {r["id"]: r.get("title", "") + "\n" + r.get("body", "")
              for r in load_jsonl(os.path.join(a.set, "records.jsonl"))}
    binary = os.path.join(a.bin, "query", "opis-search")
    listed = {"person": set(), "place": set()}
    for g in gold:
        for kind, field in (("person", "persons"), ("place", "places")):
            for reg in g.get(field, []):
                v = value(reg, kind == "person")
                if v:
                    listed[kind].add((v, g["id"]))
    pools = {}
    for kind in ("person", "place"):
        pool = []
        for v in sorted({v for v, _ in listed[kind]}):
            q = f'{kind}:"{v}"'
            p = subprocess.run([binary, "--db", a.db, "--format", "json", "--limit", "1000", "--explain", q],
                               capture_output=True, text=True)
            if not p.stdout.strip():
                continue
            for h in json.loads(p.stdout).get("results", []):
                pool.append({"id": h["id"], "kind": kind, "query": q, "value": v,
                             "tier": tier_of(h.get("why", []), kind),
                             "in_gold": (v, h["id"]) in listed[kind],
                             "snippet": marked(h.get("snippet", ""), h.get("highlights", [])),
                             "words": [h.get("snippet", "").encode("utf-8")[o:o + n].decode("utf-8", "replace")
                                       for o, n in h.get("highlights", [])]})
        pools[kind] = pool
    rng = random.Random(a.seed)
    sample = []
    for kind in ("person", "place"):
        pool = pools[kind]
        sample += rng.sample(pool, min(a.n // 2, len(pool)))
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, a.name + ".sample.jsonl"), "w", encoding="utf-8") as f:
        for i, s in enumerate(sample, 1):
            s = dict(s, n=i, body=body_context(bodies.get(s["id"], ""), s["words"] or [s["value"]]))
            f.write(json.dumps(s, ensure_ascii=False) + "\n")
    with open(os.path.join(a.out, a.name + ".tsv"), "w", encoding="utf-8") as f:
        f.write("\t".join(COLUMNS) + "\n")
        for s in sample:
            f.write("\t".join([s["id"], s["kind"], s["query"], s["tier"], "yes" if s["in_gold"] else "no", "", ""])
                    + "\n")
    stats = {k: {"hits": len(pools[k]), "in_gold": sum(p["in_gold"] for p in pools[k]),
                 "tiers": dict(Counter(p["tier"] for p in pools[k]))} for k in pools}
    print(json.dumps({"name": a.name, "seed": a.seed, "pool": stats}, ensure_ascii=False))
    return 0


def ratio(yes, no):
    return f"{yes / (yes + no):.3f} ({yes}/{yes + no})" if yes + no else "-"


def score(a):
    status = 0
    for path in a.tsv:
        with open(path, encoding="utf-8") as f:
            rows = [dict(zip(COLUMNS, l.rstrip("\n").split("\t"))) for l in f][1:]
        groups = Counter()
        for r in rows:
            v = r.get("verdict", "")
            if v not in ("yes", "no"):
                print(f"{path}: warning: {r['id']} {r['query']}: no verdict; left out", file=sys.stderr)
                status = 1
                continue
            for g in ("all", r["kind"], "tier " + r["tier"], "gold " + ("listed" if r["in_gold"] == "yes" else
                                                                         "not listed")):
                groups[(g, v)] += 1
        name = os.path.splitext(os.path.basename(path))[0]
        print(f"{name}: precision {ratio(groups[('all', 'yes')], groups[('all', 'no')])}")
        for g in ("person", "place", "tier registered", "tier floor", "gold listed", "gold not listed"):
            print(f"  {g:<16} {ratio(groups[(g, 'yes')], groups[(g, 'no')])}")
    return status


def rescore(a):
    with open(a.tsv, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f]
    rows = [dict(zip(COLUMNS, l.split("\t"))) for l in lines[1:]]
    binary = os.path.join(a.bin, "query", "opis-search")
    hits = {}
    for q in sorted({r["query"] for r in rows}):
        p = subprocess.run([binary, "--db", a.db, "--format", "json", "--limit", "1000", "--explain", q],
                           capture_output=True, text=True)
        kind = q.split(":", 1)[0]
        hits[q] = {h["id"]: tier_of(h.get("why", []), kind)
                   for h in (json.loads(p.stdout).get("results", []) if p.stdout.strip() else [])}
    kept, dropped = [], Counter()
    for r in rows:
        if r["id"] in hits[r["query"]]:
            kept.append(dict(r, tier=hits[r["query"]][r["id"]]))
        else:
            dropped[r["verdict"]] += 1
            print(f"dropped ({r['verdict']}): {r['id']} {r['query']}  {r['reason']}")
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("\t".join(COLUMNS) + "\n")
        for r in kept:
            f.write("\t".join(r[c] for c in COLUMNS) + "\n")
    print(json.dumps({"tsv": a.tsv, "kept": len(kept), "dropped": sum(dropped.values()),
                      "true_hits_lost": dropped["yes"], "false_hits_removed": dropped["no"]}))
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="step", required=True)
    d = sub.add_parser("draw", help="draw the sample")
    d.add_argument("--set", required=True, help="development set folder (gold.jsonl, records.jsonl)")
    d.add_argument("--db", required=True, help="index built from the set's records.jsonl")
    d.add_argument("--name", required=True, help="collection name (the output files' stem)")
    d.add_argument("--bin", default="build", help="Opis build folder (default build)")
    d.add_argument("--seed", type=int, default=13)
    d.add_argument("--n", type=int, default=100, help="pairs to draw, half persons, half places (default 100)")
    d.add_argument("--out", default="build/precision", help="work folder (default build/precision)")
    s = sub.add_parser("score", help="precision from checked TSV files")
    s.add_argument("tsv", nargs="+")
    r = sub.add_parser("rescore", help="re-score a checked sample on a changed index (hits removed only)")
    r.add_argument("tsv")
    r.add_argument("--db", required=True, help="index built by the changed Opis")
    r.add_argument("--bin", default="build", help="Opis build folder (default build)")
    r.add_argument("--out", required=True, help="the pairs still hits, as a TSV to score")
    a = ap.parse_args()
    return {"draw": draw, "score": score, "rescore": rescore}[a.step](a)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The hits two Opis builds disagree on, for every gold person:/place: query
of a development set (issue 13): what a change adds and what it removes, to
check by hand when a change can add hits (sample.py rescore only covers
changes that remove them).

  hit_delta.py SET_DIR OLD_DB OLD_OPIS_SEARCH NEW_DB NEW_OPIS_SEARCH [--out FILE]

Runs person:"V" and place:"V" for every distinct gold value (as opis-eval
takes it) over each whole index, one `opis-search --batch` per build, and
prints the totals and every added and removed (query, record) pair with the
text around the name. Writes the pairs as JSON to FILE if given.
"""
import argparse
import json
import re
import subprocess
import sys
import unicodedata


def value(name, person):
    v = name.split(",", 1)[0] if person else (re.sub(r"\s*\([^()]*\)\s*$", "", name).strip() or name)
    return v.replace('"', " ").strip()


def hits(db, binary, queries):
    lines = "\n".join(json.dumps({"query": f'{k}:"{v}"', "limit": 100000, "suggest": False}) for k, v in queries)
    # --batch exits 1 when a query finds nothing: that is an answer here.
    run = subprocess.run([binary, "--db", db, "--batch", "-"], input=lines, capture_output=True, text=True)
    if run.returncode not in (0, 1):
        sys.exit(f"hit_delta.py: {binary} --batch exited {run.returncode}: {run.stderr.strip()}")
    out = run.stdout.splitlines()
    answers = [json.loads(o) for o in out]
    for (k, v), a in zip(queries, answers):
        if "error" in a:
            print(f"hit_delta: {k}:{v}: {a['error']}", file=sys.stderr)
    return [set(h["id"] for h in a.get("results", [])) for a in answers]


def bare(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)).lower()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("set_dir")
    ap.add_argument("old_db")
    ap.add_argument("old_bin")
    ap.add_argument("new_db")
    ap.add_argument("new_bin")
    ap.add_argument("--out")
    a = ap.parse_args()
    gold = [json.loads(l) for l in open(f"{a.set_dir}/gold.jsonl", encoding="utf-8") if l.strip()]
    records = {}
    for l in open(f"{a.set_dir}/records.jsonl", encoding="utf-8"):
        if l.strip():
            r = json.loads(l)
            records[r["id"]] = r
    queries = sorted({(k, value(n, k == "person")) for g in gold
                      for k, key in (("person", "persons"), ("place", "places")) for n in g[key]})
    queries = [(k, v) for k, v in queries if v]
    old, new = hits(a.old_db, a.old_bin, queries), hits(a.new_db, a.new_bin, queries)
    delta = {"added": [], "removed": []}
    for (k, v), o, n in zip(queries, old, new):
        delta["added"] += [(k, v, i) for i in sorted(n - o)]
        delta["removed"] += [(k, v, i) for i in sorted(o - n)]
    by_id = {g["id"]: g for g in gold}
    for what, pairs in delta.items():
        print(f"## {what}: {len(pairs)}")
        for k, v, i in pairs:
            r = records.get(i, {})
            text = (r.get("title", "") + " // " + r.get("body", "")).replace("\n", " / ")
            plain, key = bare(text), bare(v)[:4]
            around = [text[max(0, m.start() - 50):m.start() + 50] for m in re.finditer(re.escape(key), plain)][:2]
            in_gold = any(bare(value(n, k == "person")) == bare(v)
                          for n in by_id.get(i, {}).get("persons" if k == "person" else "places", []))
            print(f"{k}:{v} | {i} | gold lists it: {in_gold}")
            for c in around:
                print(f"    {c}")
    print(f"hits {sum(map(len, old))} -> {sum(map(len, new))}; added {len(delta['added'])}, "
          f"removed {len(delta['removed'])}", file=sys.stderr)
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            json.dump(delta, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The (record, name) pairs of a development set where the text writes the
name as the register does and person:"V" (place:"V") misses the record: the
material for issue 13's "at least 0.99 where the text writes the name as the
register does". Read it on tuning sets only.

  as_register_misses.py SET_DIR DB OPIS_SEARCH

"As the register" as opis-eval counts it: some mention's surface holds the
value verbatim, case kept, whole words. Prints one line per miss (kind,
record, register name, whether the plain phrase finds the record, the
surfaces) and the counts on standard error.
"""
import collections
import json
import re
import subprocess
import sys


def value(name, person):
    v = name.split(",", 1)[0] if person else (re.sub(r"\s*\([^()]*\)\s*$", "", name).strip() or name)
    return v.replace('"', " ").strip()


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    set_dir, db, binary = sys.argv[1:4]
    gold = [json.loads(l) for l in open(f"{set_dir}/gold.jsonl", encoding="utf-8") if l.strip()]
    surfaces = collections.defaultdict(list)
    for l in open(f"{set_dir}/mentions.jsonl", encoding="utf-8"):
        if l.strip():
            m = json.loads(l)
            surfaces[(m["id"], m["kind"], m["register"])].append(m["surface"])
    pairs = []
    for g in gold:
        for kind, key in (("person", "persons"), ("place", "places")):
            for n in g[key]:
                v = value(n, kind == "person")
                if v and any(re.search(r"(?<!\w)" + re.escape(v) + r"(?!\w)", s) for s in surfaces[(g["id"], kind, n)]):
                    pairs.append((g["id"], kind, n, v))
    lines = []
    for i, k, _, v in pairs:
        lines.append(json.dumps({"query": f'id:"{i}" {k}:"{v}"', "limit": 1, "suggest": False}))
        lines.append(json.dumps({"query": f'id:"{i}" "{v}"', "limit": 1, "suggest": False}))
    # --batch exits 1 when a query finds nothing: that is an answer here.
    run = subprocess.run([binary, "--db", db, "--batch", "-"], input="\n".join(lines), capture_output=True, text=True)
    if run.returncode not in (0, 1):
        sys.exit(f"as_register_misses.py: {binary} --batch exited {run.returncode}: {run.stderr.strip()}")
    out = run.stdout.splitlines()
    misses = collections.Counter()
    for j, (i, k, n, v) in enumerate(pairs):
        field, plain = json.loads(out[2 * j]).get("total", 0), json.loads(out[2 * j + 1]).get("total", 0)
        if not field:
            misses[k] += 1
            print(f"{k}\t{i}\t{n}\tplain finds it: {bool(plain)}\t{surfaces[(i, k, n)][:4]}")
    total = collections.Counter(k for _, k, _, _ in pairs)
    for k in ("person", "place"):
        if total[k]:
            print(f"{k}: {total[k]} pairs as the register, field search misses {misses[k]} "
                  f"({100 * (1 - misses[k] / total[k]):.1f}% found)", file=sys.stderr)


if __name__ == "__main__":
    main()

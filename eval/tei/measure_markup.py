#!/usr/bin/env python3
"""Issue 15 acceptance on a TEI edition: the person and place mentions Opis
registers equal the elements the editors tagged (counted here independently
with xml.etree), and person:/place: with a register's canonical name, and
with each alternative name, find every record that has the tagged mention.

Usage: measure_markup.py OPIS_INDEX OPIS_SEARCH EDITION_DIR [REGISTER_DIR...]
       [--names N]   (check recall for the N most mentioned names; default 200)

What is counted (docs/record-format.md#tei): persName, placeName and
rs[@type=person|place] under <text> and in correspAction, not inside a
register list (listPerson, listPlace, listOrg, listBibl, listEvent), <fw>,
or the branch of a <choice> that is not shown (sic, orig, abbr); an element
with several references in @ref ("#a #b") counts once for each.
"""
import collections, json, os, subprocess, sys, tempfile
import xml.etree.ElementTree as ET

TEI = "{http://www.tei-c.org/ns/1.0}"
LISTS = {"listPerson", "listPlace", "listOrg", "listBibl", "listEvent", "fw", "teiHeader", "facsimile", "standOff",
         "figDesc", "interpGrp", "linkGrp"}


def local(tag):
    return tag.split("}")[-1] if isinstance(tag, str) else ""


def kind(el):
    n = local(el.tag)
    if n == "persName":
        return "person"
    if n == "placeName":
        return "place"
    if n == "rs":
        t = el.get("type", "")
        return {"person": "person", "personGrp": "person", "place": "place"}.get(t, "")
    return ""


def refs(el):
    v = el.get("ref") or el.get("key") or el.get("corresp") or ""
    return max(1, len(v.split()))


def count(el, acc):
    for c in el:
        n = local(c.tag)
        if n in LISTS:
            continue
        if n == "choice":
            names = [local(x.tag) for x in c]
            shown = next((p for p in ("corr", "reg", "expan") if p in names), names[0] if names else None)
            for x in c:
                if local(x.tag) == shown:
                    count(x, acc)
                    shown = None
            continue
        k = kind(c)
        if k:
            acc[k] += refs(c)
        count(c, acc)


def expected(path):
    root = ET.parse(path).getroot()
    out = {}
    docs = [root] if local(root.tag) == "TEI" else [e for e in root.iter() if local(e.tag) == "TEI"]
    for tei in docs:
        acc = collections.Counter()
        text = tei.find(TEI + "text")
        if text is None:
            text = tei.find("text")
        if text is not None:
            count(text, acc)
        for a in tei.iter():
            if local(a.tag) == "correspAction":
                for c in a:
                    k = kind(c)
                    if k:
                        acc[k] += refs(c)
        rid = tei.get("{http://www.w3.org/XML/1998/namespace}id")
        out[rid] = acc
    return out


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    names_n = 200
    if "--names" in sys.argv:
        names_n = int(sys.argv[sys.argv.index("--names") + 1])
        args.remove(str(names_n))
    index_bin, search_bin, edition, *registers = args
    db = tempfile.mkdtemp(prefix="opis-tei-")
    subprocess.run([index_bin, "--db", db, "-q", edition, *registers], check=False)
    want = {}
    for dirpath, _, files in os.walk(edition):
        for f in sorted(files):
            if f.endswith(".xml"):
                want.update(expected(os.path.join(dirpath, f)))
    got = {}
    bad = 0
    holders = collections.defaultdict(set)  # (kind, name) -> record ids with a tagged mention
    alternatives = {}
    for rid, acc in want.items():
        if rid is None or (acc["person"] == 0 and acc["place"] == 0):
            continue
        p = subprocess.run([search_bin, "--db", db, "--record", rid, "--format", "json"], capture_output=True, text=True)
        if p.returncode != 0:
            print(f"{rid}: not indexed: {p.stderr.strip()}")
            bad += 1
            continue
        j = json.loads(p.stdout)
        r = j.get("record", j)
        g = collections.Counter()
        for x in r.get("persons", []):
            if x.get("tagged"):
                g["person"] += x["mentions"]
                holders[("person", x["name"])].add(rid)
                alternatives[("person", x["name"])] = x.get("aliases", [])
        for x in r.get("places", []):
            if x.get("tagged"):
                g["place"] += x["mentions"]
                holders[("place", x["name"])].add(rid)
                alternatives[("place", x["name"])] = x.get("aliases", [])
        got[rid] = g
        if g["person"] != acc["person"] or g["place"] != acc["place"]:
            bad += 1
            print(f"{rid}: tagged persons {acc['person']} places {acc['place']}; registered {g['person']} {g['place']}")
    tp = sum(a["person"] for a in want.values())
    tl = sum(a["place"] for a in want.values())
    print(f"records {len(got)}; tagged person mentions {tp}, place mentions {tl}; "
          f"registered {sum(g['person'] for g in got.values())}, {sum(g['place'] for g in got.values())}; "
          f"records that differ: {bad}")
    top = sorted(holders, key=lambda k: -len(holders[k]))[:names_n]
    found = total = 0
    misses = []
    for k in top:
        for name in [k[1]] + alternatives.get(k, [])[:3]:
            q = f'{k[0]}:"{name}"'
            p = subprocess.run([search_bin, "--db", db, "--format", "json", "--limit", "100000", q],
                               capture_output=True, text=True)
            ids = {x["id"] for x in json.loads(p.stdout)["results"]} if p.returncode == 0 else set()
            total += len(holders[k])
            hit = len(holders[k] & ids)
            found += hit
            if hit < len(holders[k]):
                misses.append(f"{q}: {hit}/{len(holders[k])}")
    print(f"recall of {k[0] if top else ''} person:/place: over the {len(top)} most tagged names, canonical and "
          f"alternative names: {found}/{total} = {found / max(1, total):.4f}")
    for m in misses[:20]:
        print("  miss:", m)
    return 0 if bad == 0 and found == total else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Issue 15 acceptance on a TEI edition, measured independently of Opis's
own reading of the markup:

1. the person and place mentions Opis registers equal the elements the
   editors tagged (counted here with xml.etree);
2. person:/place: with a register entry's canonical name, and with each of
   its alternative names, finds every record that has a tagged mention
   resolved to that entry (recall 1.0). The registers (listPerson,
   listPlace, in the edition's files and in the REGISTER_DIRs) and the
   references (@ref, else @key, else @corresp; "#id", "file.xml#id", "id")
   are read here with xml.etree, not taken from Opis's output.

Usage: measure_markup.py OPIS_INDEX OPIS_SEARCH EDITION_DIR [REGISTER_DIR...]
       [--names N]   check the N entries with most records (default 200;
                     0 = every entry)
       [--db DIR]    index into DIR (kept) instead of a temporary folder
       [--json FILE] write the figures as JSON too

Exit status 0 when the counts agree on every record and recall is 1.0.

What is counted (docs/record-format.md#tei): persName, placeName and
rs[@type=person|personGrp|place] under <text> and in correspAction, not
inside a register list (listPerson, listPlace, listOrg, listBibl,
listEvent), <fw>, or the branch of a <choice> that is not shown (sic, orig,
abbr); an element with several references in @ref ("#a #b") counts once for
each. Names of an entry: its persName/placeName children (a person's
forename + surname in reading order when it has a <surname>); the canonical
one has @type pref/main/reg, else it is the first; URIs and names with no
letter are not names.
"""
import collections, json, os, re, shutil, subprocess, sys, tempfile
import xml.etree.ElementTree as ET

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
LISTS = {"listPerson", "listPlace", "listOrg", "listBibl", "listEvent", "fw", "teiHeader", "facsimile", "standOff",
         "figDesc", "interpGrp", "linkGrp"}
ENTRY = {"person": "person", "personGrp": "person", "place": "place", "org": "org"}
NAME_ENTRY = {"persName": "person", "placeName": "place"}
NAME_OF = {"person": "persName", "place": "placeName", "org": "orgName"}


def local(tag):
    return tag.split("}")[-1] if isinstance(tag, str) else ""


REG = {}  # the registers of the run, filled by registers() before any count


def kind(el, fname=""):
    """person, place or "": an <rs> by its @type ("person", a project's
    "pec_person"), else by the register entry its first reference names."""
    n = local(el.tag)
    if n == "persName":
        return "person"
    if n == "placeName":
        return "place"
    if n == "rs":
        t = el.get("type", "").lower()
        if "person" in t:
            return "person"
        if "place" in t:
            return "place"
        if "org" in t:
            return ""
        r = refs(el)[0]
        if r:
            rid = r.rsplit("#", 1)[-1]
            e = REG.get((fname, rid)) or REG.get(rid)
            if e and e[0] in ("person", "place"):
                return e[0]
    return ""


def refs(el):
    v = el.get("ref") or el.get("key") or el.get("corresp") or ""
    return v.split() or [""]


def text(el):
    return " ".join("".join(el.itertext()).split())


def entry_name(n):
    sur = [c for c in n if local(c.tag) == "surname"]
    if not sur:
        return text(n)
    given = " ".join(text(c) for c in n if local(c.tag) == "forename")
    rest = " ".join(text(c) for c in n if local(c.tag) not in ("forename", "surname"))
    return " ".join(f"{given} {text(sur[0])} {rest}".split())


PARTICLES = {"von", "van", "de", "di", "da", "del", "della", "der", "den", "du", "la", "le", "zu", "zur", "vom", "ten",
             "ter", "y", "e", "d", "l"}


def is_name(s):
    return bool(s) and "://" not in s and any(ch.isalpha() for ch in s)


def searchable(k, s):
    """person: and place: take a name with a word of two letters or more, particles aside (a lone "I." or "van" of
    a register's alternative names is no query: person: answers "give a name of two letters or more")."""
    words = ["".join(ch for ch in w if ch.isalnum()) for w in s.replace("-", " ").split()]
    return any(len(w) > 1 and w.lower() not in PARTICLES for w in words)


def entry_names(el, k):
    names = [c for c in el if local(c.tag) == NAME_OF[k]]
    if not names and k == "place":  # <place><settlement><placeName>: the Auden-Musulin registers
        names = [g for c in el if local(c.tag) in ("settlement", "district", "region", "bloc", "geogName")
                 for g in c if local(g.tag) == "placeName"]
    pref = next((c for c in names if c.get("type") in ("pref", "main", "reg")), names[0] if names else None)
    out = [entry_name(pref)] if pref is not None else []
    for c in names:
        if c is not pref:
            n = entry_name(c)
            if is_name(n) and n not in out:
                out.append(n)
    return out


def registers(path, root, reg):
    """Entries with an xml:id inside list* elements: reg[(file, id)] and reg[id] -> (kind, names)."""
    fname = os.path.basename(path)

    def walk(el, in_list):
        for c in el:
            n = local(c.tag)
            if in_list and n in ENTRY and c.get(XML_ID):
                k = ENTRY[n]
                e = (k, entry_names(c, k))
                reg.setdefault((fname, c.get(XML_ID)), e)
                reg.setdefault(c.get(XML_ID), e)
            elif in_list and n in NAME_ENTRY and c.get(XML_ID):
                # A name with an xml:id in a list: the persons list of a FRUS volume.
                e = (NAME_ENTRY[n], [text(c)])
                reg.setdefault((fname, c.get(XML_ID)), e)
                reg.setdefault(c.get(XML_ID), e)
                continue
            walk(c, in_list or n.startswith("list"))

    walk(root, False)


def resolve(reg, fname, ref, k):
    if not ref:
        return None
    rid = ref.rsplit("#", 1)[-1]
    e = reg.get((fname, rid)) or reg.get(rid)
    return e if e and e[0] == k else None


def count(el, acc, fname):
    for c in el:
        n = local(c.tag)
        if n in LISTS:
            continue
        if n == "choice":
            names = [local(x.tag) for x in c]
            shown = next((p for p in ("corr", "reg", "expan") if p in names), names[0] if names else None)
            for x in c:
                if local(x.tag) == shown:
                    count(x, acc, fname)
                    shown = None
            continue
        k = kind(c, fname)
        if k:
            for r in refs(c):
                acc.append((k, r))
        count(c, acc, fname)


def mentions(tei, fname):
    acc = []
    for t in tei:
        if local(t.tag) == "text":
            count(t, acc, fname)
    for a in tei.iter():
        if local(a.tag) == "correspAction":
            for c in a:
                k = kind(c, fname)
                if k:
                    acc.extend((k, r) for r in refs(c))
    return acc


def document_divs(el, out):
    """The documents of a volume that holds many (FRUS): <div type="document">
    under the <body>, outermost; none for an ordinary TEI."""
    for c in el:
        if local(c.tag) == "div" and c.get("type") == "document":
            out.append(c)
        else:
            document_divs(c, out)
    return out


def records_of(tei, rel, ordinal, corpus, fname):
    """(record id, mentions) of each record a <TEI> gives: one per FRUS
    document ("<volume id>/<document xml:id>", its mentions), else the <TEI>."""
    rid = record_id(tei, rel, ordinal, corpus)
    body = [b for t in tei if local(t.tag) == "text" for b in t.iter() if local(b.tag) == "body"]
    docs = document_divs(body[0], []) if body else []
    if not docs:
        return [(rid, mentions(tei, fname))]
    out = []
    for i, d in enumerate(docs, 1):
        acc = []
        count(d, acc, fname)
        out.append((f"{rid}/{d.get(XML_ID) or '#' + str(i)}", acc))
    return out


def record_id(tei, rel, ordinal, corpus):
    """@xml:id, else an idno of the publicationStmt, else the path below the
    edition folder (#ordinal in a teiCorpus): docs/record-format.md#tei."""
    if tei.get(XML_ID):
        return tei.get(XML_ID)
    for el in tei.iter():
        if local(el.tag) == "publicationStmt":
            for i in el:
                if local(i.tag) == "idno" and text(i):
                    return text(i)
            break
        if local(el.tag) == "text":
            break
    return f"{rel}#{ordinal}" if corpus else rel


def parse_all(dirs):
    docs = []  # (path, root)
    for d in dirs:
        for dirpath, _, files in os.walk(d):
            for f in sorted(files):
                if f.endswith(".xml"):
                    p = os.path.join(dirpath, f)
                    try:
                        docs.append((p, ET.parse(p).getroot()))
                    except ET.ParseError as e:
                        print(f"{p}: not XML ({e}); left out of the expectations")
    return docs


def main():
    argv = sys.argv[1:]
    opt = {}
    for o in ("--names", "--db", "--json"):
        if o in argv:
            i = argv.index(o)
            opt[o] = argv[i + 1]
            del argv[i:i + 2]
    names_n = int(opt.get("--names", 200))
    index_bin, search_bin, edition, *register_dirs = argv
    db = opt.get("--db") or tempfile.mkdtemp(prefix="opis-tei-")
    subprocess.run([index_bin, "--db", db, "-q", edition, *register_dirs], check=False)

    reg = REG
    edition_docs = parse_all([edition])
    for p, root in edition_docs + parse_all(register_dirs):
        registers(p, root, reg)

    want = {}  # record id -> Counter
    holders = collections.defaultdict(set)  # (kind, name) -> ids of records with a mention of an entry of that name
    unresolved, unresolved_refs = collections.Counter(), collections.Counter()
    unsearchable = set()  # register names with no word person:/place: can search
    for p, root in edition_docs:
        fname = os.path.basename(p)
        corpus = local(root.tag) != "TEI"
        docs = [root] if not corpus else [e for e in root.iter() if local(e.tag) == "TEI"]
        rel = os.path.relpath(p, edition)
        for rid, ms in (r for ordinal, tei in enumerate(docs, 1) for r in records_of(tei, rel, ordinal, corpus, fname)):
            if not ms:
                continue
            want[rid] = collections.Counter(k for k, _ in ms)
            for k, r in ms:
                e = resolve(reg, fname, r, k)
                if e is None:
                    unresolved[k] += 1
                    unresolved_refs[(k, r)] += 1
                    continue
                for n in e[1]:
                    if is_name(n) and searchable(k, n):
                        holders[(k, n)].add(rid)
                    elif is_name(n):
                        unsearchable.add((k, n))

    got, bad = {}, 0
    for rid, acc in want.items():
        p = subprocess.run([search_bin, "--db", db, "--record", rid, "--format", "json"], capture_output=True, text=True)
        if p.returncode != 0:
            print(f"{rid}: not indexed: {p.stderr.strip()}")
            bad += 1
            continue
        j = json.loads(p.stdout)
        r = j.get("record", j)
        g = collections.Counter()
        for k, key in (("person", "persons"), ("place", "places")):
            g[k] = sum(x["mentions"] for x in r.get(key, []) if x.get("tagged"))
        got[rid] = g
        if g["person"] != acc["person"] or g["place"] != acc["place"]:
            bad += 1
            print(f"{rid}: tagged persons {acc['person']} places {acc['place']}; registered {g['person']} {g['place']}")
    tp = sum(a["person"] for a in want.values())
    tl = sum(a["place"] for a in want.values())
    print(f"records {len(got)}; tagged person mentions {tp}, place mentions {tl}; "
          f"registered {sum(g['person'] for g in got.values())}, {sum(g['place'] for g in got.values())}; "
          f"records that differ: {bad}; mentions with no register entry (not in the recall): "
          f"{unresolved['person']} person, {unresolved['place']} place")

    if unresolved_refs:
        print("  most frequent references with no entry:",
              ", ".join(f"{k} {r or '(none)'} x{c}" for (k, r), c in unresolved_refs.most_common(8)))
    if unsearchable:
        print(f"  register names left out of the recall, no word of two letters or more but particles: "
              f"{len(unsearchable)} ({', '.join(sorted(n for _, n in unsearchable)[:10])})")
    keys = sorted(holders, key=lambda k: (-len(holders[k]), k))
    if names_n:
        keys = keys[:names_n]
    # A double quote cannot be written inside a quoted query value: it is
    # left out (name_words() and fold_name() drop it on both sides).
    lines = [json.dumps({"query": f'{k}:"{n.replace(chr(34), " ").strip()}"', "limit": 100000}) for k, n in keys]
    p = subprocess.run([search_bin, "--db", db, "--batch", "-"], input="\n".join(lines) + "\n", capture_output=True,
                       text=True)
    answers = p.stdout.splitlines()
    found = total = 0
    misses = []
    for (k, n), line in zip(keys, answers):
        try:
            ids = {x["id"] for x in json.loads(line).get("results", [])}
        except json.JSONDecodeError:
            ids = set()
        hit = len(holders[(k, n)] & ids)
        total += len(holders[(k, n)])
        found += hit
        if hit < len(holders[(k, n)]):
            misses.append((len(holders[(k, n)]) - hit, f'{k}:"{n}": {hit}/{len(holders[(k, n)])}'))
    recall = found / max(1, total)
    print(f"recall of person:/place: with the canonical and every alternative name of the register entries, "
          f"{len(keys)} names: {found}/{total} = {recall:.4f}; names that miss a record: {len(misses)}")
    for _, m in sorted(misses, reverse=True)[:25]:
        print("  miss:", m)
    if "--json" in opt:
        with open(opt["--json"], "w") as f:
            json.dump({"records": len(got), "tagged_person": tp, "tagged_place": tl,
                       "registered_person": sum(g["person"] for g in got.values()),
                       "registered_place": sum(g["place"] for g in got.values()), "records_differ": bad,
                       "names": len(keys), "found": found, "total": total, "recall": recall,
                       "misses": [m for _, m in sorted(misses, reverse=True)]}, f, indent=1)
    if "--db" not in opt:
        shutil.rmtree(db, ignore_errors=True)
    return 0 if bad == 0 and found == total and len(answers) == len(keys) else 1


if __name__ == "__main__":
    sys.exit(main())

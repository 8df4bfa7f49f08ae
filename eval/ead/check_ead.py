#!/usr/bin/env python3
"""Issue 15 acceptance on EAD finding aids, checked independently of Opis:

1. the number of records Opis indexes from a folder of finding aids equals
   the number of components at the chosen levels plus one per collection,
   counted here with Python's xml.etree (no DTD is read);
2. for each line of an expectations file (tab-separated: id, date as EDTF
   ("" for no date), reference, hierarchy path with " > " between titles),
   written by hand from the XML, the record has exactly those values.

Usage: check_ead.py OPIS_INDEX OPIS_SEARCH EAD_DIR [--series] [--expect TSV]

The levels (docs/record-format.md#ead): file and item components always;
series, subseries, recordgrp, subgrp, fonds, collection with --series; a
component of another or no level when nothing is described below it, or
with --series. Exit status 0 when everything agrees.
"""
import json, os, shutil, subprocess, sys, tempfile
import xml.etree.ElementTree as ET

SERIES = {"series", "subseries", "recordgrp", "subgrp", "fonds", "collection"}


def local(tag):
    return tag.split("}")[-1] if isinstance(tag, str) else ""


def is_component(el):
    n = local(el.tag)
    return n == "c" or (len(n) == 3 and n.startswith("c") and n[1:].isdigit())


def count_components(el, series):
    n = 0
    for c in el:
        if not is_component(c):
            continue
        level = c.get("level", "").lower()
        below = any(is_component(x) for x in c)
        if level in ("file", "item") or (level in SERIES and series) or (level not in SERIES and (not below or series)):
            n += 1
        n += count_components(c, series)
    return n


def expected_records(path, series):
    root = ET.parse(path).getroot()
    archdesc = next((c for c in root if local(c.tag) == "archdesc"), None)
    if archdesc is None:
        return 0
    dsc = next((c for c in archdesc if local(c.tag) == "dsc"), None)
    return 1 + (count_components(dsc, series) if dsc is not None else 0)


def main():
    argv = sys.argv[1:]
    series = "--series" in argv
    if series:
        argv.remove("--series")
    expect = None
    if "--expect" in argv:
        i = argv.index("--expect")
        expect = argv[i + 1]
        del argv[i:i + 2]
    index_bin, search_bin, ead_dir = argv
    db = tempfile.mkdtemp(prefix="opis-ead-")
    ok = True
    try:
        subprocess.run([index_bin, "--db", db, "-q", *(["--ead-series"] if series else []), ead_dir], check=True)
        want = 0
        for dirpath, _, files in os.walk(ead_dir):
            for f in sorted(files):
                if f.endswith(".xml"):
                    n = expected_records(os.path.join(dirpath, f), series)
                    print(f"{f}: {n} records expected (collection + components at the chosen levels)")
                    want += n
        st = subprocess.run([search_bin, "--db", db, "--status"], capture_output=True, text=True)
        words = st.stdout.split()
        held = next((int(words[i - 1]) for i, w in enumerate(words) if w == "records" and words[i - 1].isdigit()),
                    None)
        print(f"records expected {want}; index holds {held}")
        ok = held == want
        if expect:
            checked = bad = 0
            for line in open(expect, encoding="utf-8"):
                if not line.strip() or line.startswith("#"):
                    continue
                rid, date, ref, path = (line.rstrip("\n").split("\t") + ["", "", ""])[:4]
                p = subprocess.run([search_bin, "--db", db, "--record", rid, "--format", "json"], capture_output=True,
                                   text=True)
                checked += 1
                if p.returncode != 0:
                    print(f"{rid}: not indexed")
                    bad += 1
                    continue
                j = json.loads(p.stdout)
                r = j.get("record", j)
                have = (r.get("date_edtf", ""), r.get("reference", ""), r.get("series", "").replace(" \u203a ", " > "))
                for what, w, h in zip(("date", "reference", "path"), (date, ref, path), have):
                    if w != h:
                        print(f"{rid}: {what} expected {w!r}, got {h!r}")
                        bad += 1
            print(f"expectations: {checked} components checked, {bad} differences")
            ok = ok and bad == 0 and checked >= 20
    finally:
        shutil.rmtree(db, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Rebuild the TEI samples of this folder from checkouts of the editions
(see README.md for sources, licences and commits):

  make_samples.py BAHR_EDITIONS_DIR DAHN_PEC_DIR AMP_EDITIONS_DIR AMP_ENTITIES_OUT_DIR

Copies a few documents unchanged, and the registers they need trimmed to
the entries those documents reference (the whole registers are 0.3-0.9 MB).
"""
import os, re, shutil, sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
ET.register_namespace("", TEI)

BAHR = ["D041037.xml", "D041606.xml", "D041229.xml", "D041198.xml"]
DAHN = ["Lettre0001_15aout1914.xml", "Lettre0002_3septembre1914.xml", "Lettre0107bis_20decembre1915.xml"]
AMP = ["amp-transcript__0033.xml", "amp-transcript__0041.xml", "amp-transcript__0068.xml"]


def referenced(paths):
    ids = set()
    for p in paths:
        for v in re.findall(r'(?:ref|key|corresp)="([^"]*)"', open(p, encoding="utf-8").read()):
            ids.update(x.rsplit("#", 1)[-1] for x in v.split())
    return ids


def trim(src, dst, keep):
    tree = ET.parse(src)
    for parent in tree.getroot().iter():
        for c in list(parent):
            if c.tag.split("}")[-1] in ("person", "place", "org", "personGrp", "event", "bibl") and c.get(XML_ID) \
                    and c.get(XML_ID) not in keep:
                parent.remove(c)
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    tree.write(dst, encoding="utf-8", xml_declaration=True)


def copy(src_dir, names, dst_dir):
    os.makedirs(dst_dir, exist_ok=True)
    out = []
    for n in names:
        hits = [os.path.join(d, n) for d, _, fs in os.walk(src_dir) if n in fs]
        shutil.copy(hits[0], os.path.join(dst_dir, n))
        out.append(os.path.join(dst_dir, n))
    return out


def main():
    bahr, dahn, amp, amp_entities = sys.argv[1:5]
    copy(bahr, BAHR, os.path.join(HERE, "bahr-schnitzler"))
    letters = copy(os.path.join(dahn, "Corpus"), DAHN, os.path.join(HERE, "dahn", "Corpus"))
    keep = referenced(letters)
    for n in ("Index_person.xml", "Index_place.xml"):
        trim(os.path.join(dahn, "Indexes", n), os.path.join(HERE, "dahn", "Indexes", n), keep)
    docs = copy(amp, AMP, os.path.join(HERE, "amp", "editions"))
    keep = referenced(docs)
    for n in ("amp-index-persons.xml", "amp-index-places.xml"):
        trim(os.path.join(amp_entities, n), os.path.join(HERE, "amp", "registers", n), keep)


if __name__ == "__main__":
    main()

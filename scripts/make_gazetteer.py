#!/usr/bin/env python3
"""Build Opis's gazetteer of places (run by CMake at build time).

Sources, all from Debian packages, plus one small hand-written file:
  - iso-codes: ISO 3166-1 countries, 3166-2 subdivisions, 3166-3 withdrawn
    country names (USSR, Yugoslavia, German Democratic Republic...);
  - GeoNames' cities of at least 15,000 people (CC BY 4.0, geonames.org),
    as packaged in Debian's libgeonames0, read through its C API with ctypes;
  - data/places-extra.tsv: exonyms, former names, short forms, demonyms and
    regions that archives use and those sources lack.

Output, one line per surface form (tab-separated, UTF-8, sorted):
  surface  canonical  kind  country  population  key
(key: the folded look-up key, or empty when Opis must compute it).
kind is country, former, subdivision, city, region, alias, demonym or
context. A surface may appear more than once (Georgia the country and the US
state); the runtime picks by kind and context.

Usage: make_gazetteer.py --iso-codes DIR --extra FILE --words FILE --out FILE
"""
import argparse
import ctypes
import json
import os
import sys
import unicodedata


def folded(s):
    """Lower-case without diacritics, as the runtime compares names."""
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)).lower()


def runtime_key(surface):
    """The key Opis's fold_name() gives this name, when it can be computed
    here for sure: for names whose letters decompose to ASCII letters and
    combining marks (é, ș, ő...). Else "" and Opis folds the name with ICU
    when it loads the file. Precomputing saves most of that start-up work;
    tests/unit/gazetteer_test.cpp checks every key against fold_name()."""
    base = "".join(c for c in unicodedata.normalize("NFD", surface) if not unicodedata.combining(c))
    if any(ord(c) > 127 for c in base) or "'" in base:
        return ""  # an apostrophe may end an elided article (Braine-l'Alleud): fold_name() knows which
    out = []
    for c in base.lower():
        if c.isalnum():
            out.append(c)
        elif c in " -" and out and out[-1] != " ":
            out.append(" ")
    return "".join(out).rstrip(" ")


def iso_names(entry):
    """Surface forms of an iso-codes entry: 'Iran, Islamic Republic of' gives
    'Iran' and 'Islamic Republic of Iran'; common and official names too."""
    out = []
    for key in ("common_name", "name", "official_name"):
        n = entry.get(key)
        if not n:
            continue
        if ", " in n:
            head, tail = n.split(", ", 1)
            out.append(head)
            if tail.endswith(" of"):
                out.append(tail + " " + head)
            elif not tail.startswith("(") and " " in tail:
                # "USSR, Union of Soviet Socialist Republics"; not the
                # "British" of "Virgin Islands, British".
                out.append(tail)
        else:
            out.append(n)
    return out


def load_cities():
    """(name, country code, population, latitude, longitude) of GeoNames'
    cities >= 15,000 people, from libgeonames (Debian package libgeonames0)."""
    try:
        g = ctypes.CDLL("libgeonames.so.0")
    except OSError as e:
        sys.exit(f"make_gazetteer: error: cannot load libgeonames.so.0 ({e}); install Debian's libgeonames0")
    g.geonames_get_n_cities.restype = ctypes.c_int
    g.geonames_get_city.restype = ctypes.c_void_p
    g.geonames_get_city.argtypes = [ctypes.c_int]
    for f in ("name", "country_code"):
        fn = getattr(g, "geonames_city_get_" + f)
        fn.restype = ctypes.c_char_p
        fn.argtypes = [ctypes.c_void_p]
    g.geonames_city_get_population.restype = ctypes.c_uint
    g.geonames_city_get_population.argtypes = [ctypes.c_void_p]
    for f in ("latitude", "longitude"):
        fn = getattr(g, "geonames_city_get_" + f)
        fn.restype = ctypes.c_double
        fn.argtypes = [ctypes.c_void_p]
    g.geonames_city_free.argtypes = [ctypes.c_void_p]
    cities = []
    for i in range(g.geonames_get_n_cities()):
        c = g.geonames_get_city(i)
        cities.append((g.geonames_city_get_name(c).decode("utf-8"),
                       g.geonames_city_get_country_code(c).decode("ascii"),
                       g.geonames_city_get_population(c),
                       g.geonames_city_get_latitude(c), g.geonames_city_get_longitude(c)))
        g.geonames_city_free(c)
    return cities


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iso-codes", required=True)
    ap.add_argument("--extra", required=True)
    ap.add_argument("--words", default="")
    ap.add_argument("--out", required=True)
    ap.add_argument("--coords-out", default="",
                    help="also write canonical name, latitude, longitude of each city, and of each country at its "
                         "largest city (opis-serve's place map)")
    a = ap.parse_args()

    # Lower-case English words: a one-word subdivision or city name that is
    # also a common word ("Centre", "Split") would mostly be the word.
    common = set()
    if a.words and os.path.exists(a.words):
        with open(a.words, encoding="utf-8", errors="replace") as f:
            common = {w.strip() for w in f if w[:1].islower()}

    renames, extra = {}, []
    with open(a.extra, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = (line.split("\t") + ["", "", ""])[:4]
            if cols[0] not in ("rename", "alias", "demonym", "region", "context", "ignore"):
                sys.exit(f"{a.extra}:{n}: error: unknown kind '{cols[0]}'; use rename, alias, demonym, region, context or ignore")
            if cols[0] == "rename":
                renames[cols[1]] = cols[2]
            else:
                extra.append(cols)
    ignored = {folded(c[1]) for c in extra if c[0] == "ignore"}

    rows = []  # surface, canonical, kind, country, population

    def add(surface, canonical, kind, country="", pop=0):
        surface = surface.strip()
        if surface and folded(surface) not in ignored:
            rows.append((surface, canonical, kind, country, str(pop)))

    iso = a.iso_codes
    with open(os.path.join(iso, "iso_3166-1.json"), encoding="utf-8") as f:
        countries = json.load(f)["3166-1"]
    country_name = {}
    for c in countries:
        canon = renames.get(c["name"], c.get("common_name", c["name"]))
        country_name[c["alpha_2"]] = canon
        for s in set(iso_names(c)) | {canon}:
            add(s, canon, "country", canon)
    with open(os.path.join(iso, "iso_3166-3.json"), encoding="utf-8") as f:
        for c in json.load(f)["3166-3"]:
            canon = renames.get(c["name"], iso_names(c)[0])
            for s in set(iso_names(c)) | {canon}:
                add(s, canon, "former", canon)
    country_names = set(country_name.values())
    with open(os.path.join(iso, "iso_3166-2.json"), encoding="utf-8") as f:
        for s in json.load(f)["3166-2"]:
            name = s["name"]
            if " " not in name and folded(name) in common:
                continue
            country = country_name.get(s["code"][:2], "")
            canon = name
            if name in country_names:
                # Georgia the US state is not Georgia the country.
                canon = f"{name} (U.S. state)" if s["code"][:2] == "US" else f"{name} ({country})"
            add(name, canon, "subdivision", country)
    best, largest = {}, {}
    for name, cc, pop, lat, lon in load_cities():
        if cc not in largest or pop > largest[cc][0]:
            largest[cc] = (pop, lat, lon)
        if " " not in name and folded(name) in common and pop < 1000000:
            continue
        if name not in best or pop > best[name][1]:
            best[name] = (cc, pop, lat, lon)
    for name, (cc, pop, _, _) in best.items():
        add(name, name, "city", country_name.get(cc, ""), pop)
    if a.coords_out:
        coords = {name: (lat, lon) for name, (_, _, lat, lon) in best.items()}
        for cc, (_, lat, lon) in largest.items():
            if cc in country_name:
                coords[country_name[cc]] = (lat, lon)
        with open(a.coords_out + ".tmp", "w", encoding="utf-8") as f:
            f.write("# Opis place coordinates, generated by scripts/make_gazetteer.py. Do not edit.\n")
            f.write("# canonical name, latitude, longitude: GeoNames cities (CC BY 4.0, via libgeonames0);\n")
            f.write("# a country at its largest city.\n")
            for name in sorted(coords):
                f.write(f"{name}\t{coords[name][0]:.3f}\t{coords[name][1]:.3f}\n")
        os.replace(a.coords_out + ".tmp", a.coords_out)

    for kind, name, canon, country in extra:
        if kind == "ignore":
            continue
        if kind in ("region", "context"):
            add(name, name, kind, canon)  # these lines have no canonical column
        else:
            add(name, canon, kind, country)

    # Every canonical name is a surface too ("Georgia (U.S. state)").
    surfaces = {r[0] for r in rows}
    for r in list(rows):
        if r[1] not in surfaces:
            rows.append((r[1], r[1], r[2], r[3], r[4]))
            surfaces.add(r[1])
    rows = sorted(set(rows))
    tmp = a.out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("# Opis gazetteer, generated by scripts/make_gazetteer.py. Do not edit.\n")
        f.write("# Sources: iso-codes (ISO 3166-1/2/3); GeoNames cities >= 15,000 people\n")
        f.write("# (geonames.org, CC BY 4.0, via Debian's libgeonames0); data/places-extra.tsv.\n")
        for r in rows:
            f.write("\t".join(r + (runtime_key(r[0]),)) + "\n")
    os.replace(tmp, a.out)
    print(f"make_gazetteer: {len(rows)} names -> {a.out}")


if __name__ == "__main__":
    main()

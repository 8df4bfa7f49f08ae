// The pools opis-gen draws names from: persons (with titles and variant
// spellings), places (countries and cities, with former names), languages,
// the scholars credited in citations, and topics for titles and summaries.
// The data lives in pools.cpp; this header gives it a shape.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "random.h"

namespace opis {

/// One person. A record settles on one full and one short form per person
/// (so the text reads consistently) and now and then uses a variant
/// spelling, as real collections mix transliterations (Khrushchev,
/// Khrushchov, KHRUSHCHEV) within and across records.
struct Person {
  std::vector<std::string> titles;    ///< "Cde.", "Comrade", "Ambassador"
  std::vector<std::string> full;      ///< "N.S. Khrushchev", "Nikita Khrushchev"
  std::vector<std::string> short_forms;  ///< "Khrushchev"
  std::vector<std::string> variants;  ///< "Khrushchov", "KHRUSHCHEV"
  bool invented = false;              ///< an invented official, not a historical figure
};

/// A place: its usual name in the period first, then other names
/// ("Peking", then "Beijing", "Peiping").
struct Place {
  std::vector<std::string> names;
  bool city = false;
};

/// Everything drawn by name. Built once, then shared read-only by the
/// generator threads.
struct Pools {
  std::vector<Person> persons;        ///< most prominent first
  AliasTable person_table;            ///< Zipf over persons: Khrushchev is common
  std::vector<Place> places;          ///< countries, then cities, most frequent first
  std::vector<std::uint32_t> cities;  ///< indices of cities in `places`
  std::vector<std::uint32_t> countries;  ///< indices of countries in `places`
  AliasTable place_table;             ///< mild Zipf over places
  std::vector<std::string_view> scholars;  ///< contributors and translators
  std::vector<std::string_view> topics;    ///< "the Berlin question", may hold '%' for a country
};

/// Build the pools from the built-in lists. With `iso_codes_dir` set (a
/// folder holding Debian's iso_3166-1.json and iso_3166-3.json), country
/// names found there are added after the built-in ones; that makes the
/// output depend on the installed iso-codes version, which is why it is
/// off by default. Throws std::runtime_error when that folder is unreadable.
Pools build_pools(const std::string& iso_codes_dir = {});

/// Number of entries of each built-in list, for --help and the README.
struct PoolSizes {
  std::size_t persons, places, countries, cities, scholars, topics;
};
PoolSizes pool_sizes(const Pools& p);

}  // namespace opis

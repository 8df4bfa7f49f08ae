// The gazetteer: place names and what they stand for. Generated at build
// time by scripts/make_gazetteer.py from Debian's iso-codes (ISO 3166-1/2/3),
// GeoNames' cities of 15,000 people or more (CC BY 4.0, via Debian's
// libgeonames0) and data/places-extra.tsv (exonyms, former names, demonyms,
// regions). Names are looked up folded (fold_name()), so case, diacritics
// and Cyrillic do not matter.
#pragma once

#include <istream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace opis {

struct PlaceEntry {
  std::string canonical;  ///< "Saint Petersburg" for "Leningrad"
  std::string kind;       ///< country, former, subdivision, city, region, alias, demonym, context
  std::string country;    ///< canonical country, when known
  unsigned long population = 0;
};

class Gazetteer {
 public:
  Gazetteer() = default;
  /// Read the generated TSV. Throws std::runtime_error when it cannot be read.
  explicit Gazetteer(const std::string& path);
  /// Read TSV lines (surface, canonical, kind, country, population and,
  /// optionally, the folded key of the surface).
  void load(std::istream& in);

  /// Where a front end looks for the gazetteer, in order: `env_value` (the
  /// value of $OPIS_GAZETTEER, which the front end reads; skipped when null
  /// or empty), the build tree's generated file, the installed one.
  static std::vector<std::string> default_paths(const char* env_value);
  /// The first of default_paths(env_value) that can be read; "" when none
  /// can (the front end then warns: places are not recognised).
  static std::string find_default(const char* env_value);
  /// The file the gazetteer was read from; "" when built by load() alone.
  const std::string& path() const { return m_path; }

  /// Every entry for a folded surface form, best first (hand-written alias or
  /// demonym, country, former, region, city by population, subdivision);
  /// nullptr when unknown.
  const std::vector<PlaceEntry>* find(std::string_view folded) const;
  /// True when the name is a place only in a place context (Don, Georgia).
  bool needs_context(std::string_view folded) const;
  /// True when one of the name's entries is a demonym ("soviet"), the only
  /// entries the extractor looks up for lower-case words: a small set, so
  /// that the look-up for every lower-case word of a text stays in cache.
  bool is_demonym(std::string_view folded) const { return m_demonyms.count(std::string(folded)) > 0; }
  /// The canonical name a user's place name stands for ("Leningrad" ->
  /// "Saint Petersburg", "Iraqi" -> "Iraq"), or the name itself when unknown.
  std::string canonical(std::string_view name) const;
  /// What Gazetteer(path).canonical(name) gives, without loading the
  /// gazetteer: the file at `path` is scanned for the lines of that name
  /// only. For a search, which looks up one or two names: loading the whole
  /// gazetteer (28,000 names into hash tables) cost 50 ms a query. The name
  /// itself when `path` is empty or cannot be read.
  static std::string canonical_of(std::string_view name, const std::string& path);
  /// Every entry for `name` in the gazetteer file at `path`, best first, as
  /// find() gives them, read the way canonical_of() reads (one name's lines).
  static std::vector<PlaceEntry> entries_of(std::string_view name, const std::string& path);
  /// First line of a gazetteer whose every line has its key (written by
  /// tools/gazetteer_keys.cpp): canonical_of() then searches for the key.
  static constexpr std::string_view kAllKeyed = "# opis-gazetteer-keys: every line keyed\n";
  /// Longest name, in words.
  std::size_t max_words() const { return m_max_words; }
  /// Longest name starting with this folded word, in words; 0 when no name
  /// starts with it (most words: the extractor skips them at once).
  std::size_t max_words_from(std::string_view first_word) const;
  std::size_t size() const { return m_names.size(); }

 private:
  std::string m_path;
  std::unordered_map<std::string, std::vector<PlaceEntry>> m_names;
  std::unordered_map<std::string, bool> m_context;
  std::unordered_set<std::string> m_demonyms;                  ///< keys with a demonym entry
  std::unordered_map<std::string, std::size_t> m_first_words;  ///< first word -> longest name from it
  std::size_t m_max_words = 1;
};

}  // namespace opis

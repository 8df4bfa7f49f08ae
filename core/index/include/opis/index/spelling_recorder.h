// The spelling data of the index ("Did you mean", search/suggest.h): the
// words a writer's documents index unprefixed, counted and given to the
// database at commit.
#pragma once

#include <string>
#include <unordered_map>

#include <xapian.h>

namespace opis {

/// The spelling data of one writer: the words its documents index
/// unprefixed (body, title, summary, names), counted in memory and given to
/// the database when flushed, one add_spelling() call per word. This is
/// what Xapian's TermGenerator::FLAG_SPELLING records, but that flag calls
/// add_spelling() for every occurrence of every word (a look-up in a
/// growing std::map each time), and it must add to one database: a bulk
/// build's worker counts its words over all its batches instead, and gives
/// them once (BatchIndexer). Records nothing when constructed with `on`
/// false (IndexContext::spelling, opis-index --no-spelling).
class SpellingRecorder {
 public:
  explicit SpellingRecorder(bool on) : m_on(on) {}
  /// Count the unprefixed words of `doc` (their positions: occurrences).
  void add(const Xapian::Document& doc);
  /// Add the counted words to `db`'s spelling data and forget them; call
  /// before the commit that is to hold them.
  void flush(Xapian::WritableDatabase& db);
  /// Distinct words counted and not yet flushed.
  std::size_t words() const { return m_words.size(); }

 private:
  bool m_on;
  std::unordered_map<std::string, Xapian::termcount> m_words;
};

}  // namespace opis

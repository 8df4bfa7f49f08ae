// Research features of the searcher that are not a plain ranked search:
// the query explained in words (--explain), "Did you mean" spelling
// suggestions and the spelling data they need at index time. The
// concordance is in kwic.h, related records (--like) in Searcher.
#pragma once

#include <string>
#include <unordered_map>

#include <xapian.h>

#include "opis/query_builder.h"

namespace opis {

/// How the parsed query `q` reads, one part per line, indented by nesting:
/// words, stems, phrases, proximity, the field of each term, wildcard
/// expansions and person name variants as found in `db`, date intervals.
std::string explain_query(const Xapian::Database& db, const Xapian::Query& q);

/// The query respelled with words the index knows ("militry" ->
/// "military", "Khruschev" -> "khrushchev"); "" when there is nothing to
/// suggest (no spelling data, every word known, or an empty query).
std::string spelling_suggestion(const Xapian::Database& db, const std::string& text, const QueryOptions& opts);

/// The spelling data of one writer: the words its documents index
/// unprefixed (body, title, summary, names), counted in memory and given to
/// the database when flushed, one add_spelling() call per word. This is
/// what Xapian's TermGenerator::FLAG_SPELLING records, but that flag calls
/// add_spelling() for every occurrence of every word (a look-up in a
/// growing std::map each time), and it must add to one database: a bulk
/// build's worker counts its words over all its batches instead, and gives
/// them once (BatchIndexer). Records nothing when spelling_data_enabled()
/// was false at construction.
class SpellingRecorder {
 public:
  SpellingRecorder();
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

/// Whether the index writers record spelling data: yes unless turned off
/// by set_spelling_data(false) (opis-index --no-spelling) or the
/// environment variable OPIS_NO_SPELLING set to a non-empty value.
bool spelling_data_enabled();
/// Turn the recording of spelling data on or off, for the whole process.
void set_spelling_data(bool on);

}  // namespace opis

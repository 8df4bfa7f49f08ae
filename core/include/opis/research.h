// Research features of the searcher that are not a plain ranked search:
// the query explained in words (--explain), "Did you mean" spelling
// suggestions and the spelling data they need at index time. The
// concordance is in kwic.h, related records (--like) in Searcher.
#pragma once

#include <string>

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

/// Make `tg` add the words it indexes (unprefixed: body, title, summary,
/// names) to `db`'s spelling data, unless spelling_data_enabled() is false.
void enable_spelling(Xapian::TermGenerator& tg, Xapian::WritableDatabase& db);

/// Whether the index writers record spelling data: yes unless turned off
/// by set_spelling_data(false) (opis-index --no-spelling) or the
/// environment variable OPIS_NO_SPELLING set to a non-empty value.
bool spelling_data_enabled();
/// Turn the recording of spelling data on or off, for the whole process.
void set_spelling_data(bool on);

}  // namespace opis

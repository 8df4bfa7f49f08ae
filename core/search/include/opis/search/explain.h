// --explain: the parsed query in words. The other research features of the
// searcher: "Did you mean" in suggest.h, the concordance in kwic.h
// (Searcher::kwic, kwic_search.cpp), related records (--like) in like.cpp.
#pragma once

#include <string>

#include <xapian.h>

namespace opis {

/// How the parsed query `q` reads, one part per line, indented by nesting:
/// words, stems, phrases, proximity, the field of each term, wildcard
/// expansions and person name variants as found in `db`, date intervals.
std::string explain_query(const Xapian::Database& db, const Xapian::Query& q);

}  // namespace opis

// The query front end: turn a user's query string into a Xapian::Query
// according to the schema (fields, dates, stop words, stemming).
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

#include <xapian.h>

#include "opis/date.h"

namespace opis {

/// A query the user wrote that cannot be understood; what() says why.
struct QueryError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct QueryOptions {
  bool match_any = false;     ///< default operator OR instead of AND
  std::optional<Date> from;   ///< --from: records whose date ends on/after
  std::optional<Date> to;     ///< --to: records whose date starts on/before
};

/// The query matching records whose date interval overlaps [from, to]
/// (either end may be open). Undated records never match.
Xapian::Query date_overlap_query(const std::optional<Date>& from,
                                 const std::optional<Date>& to);

/// Parse "A..B", "A..", "..B" or a single date "A" into a date query.
/// Throws QueryError on a malformed date.
Xapian::Query parse_date_range(const std::string& text);

/// Parse a query string. Throws QueryError on a malformed query.
/// An empty query with filters (e.g. only --from) matches all records
/// that pass the filters.
Xapian::Query build_query(const Xapian::Database& db, const std::string& text,
                          const QueryOptions& opts);

}  // namespace opis

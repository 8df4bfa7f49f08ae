// The query front end: turn a user's query string into a Xapian::Query
// according to the schema (fields, dates, stop words, stemming).
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <xapian.h>

#include "opis/base/date.h"

namespace opis {

/// A query the user wrote that cannot be understood; what() says why.
struct QueryError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// How a date range matches a record's date interval (--date-mode).
enum class DateMode {
  overlap,  ///< the record's interval overlaps the range (default)
  within,   ///< the record's interval lies inside the range
};

struct QueryOptions {
  bool match_any = false;                  ///< default operator OR instead of AND
  std::optional<Date> from;                ///< --from: records whose date ends on/after
  std::optional<Date> to;                  ///< --to: records whose date starts on/before
  DateMode date_mode = DateMode::overlap;  ///< for date: and --from/--to
  /// The gazetteer file place: and within: look names up in (set by the
  /// front end: Gazetteer::find_default()); "": a name stands for itself.
  std::string gazetteer;
  /// --lang: only records whose text was analysed in this language (a
  /// name or ISO 639 code), and query words stemmed in it alone; "": every
  /// language the index holds (issue 16).
  std::string language;
};

/// The ISO 639-1 codes of the languages the index's texts were analysed
/// in (the textlang: terms), sorted.
std::vector<std::string> index_languages(const Xapian::Database& db);

/// The query text with accents and compatibility forms folded
/// (search_fold(), case kept so AND/OR stay operators), except the values
/// of exact fields (id:, url:, path: ...) and words written `=word`, which
/// become `opisexact:word` (matched with their accents). Issue 16.
std::string fold_query_text(const std::string& text);

/// The query matching records whose date interval overlaps [from, to]
/// (mode overlap) or lies inside it (mode within); either end may be open.
/// Undated records never match.
Xapian::Query date_range_query(const std::optional<Date>& from, const std::optional<Date>& to, DateMode mode);

/// Parse "A..B", "A..", "..B", a single date "A", or "undated",
/// "uncertain", "supplied", "range" into a date query, matching by `mode`.
/// Throws QueryError on a malformed date.
Xapian::Query parse_date_range(const std::string& text, DateMode mode);

/// page:N or page:N..M: records whose reference's pages include N (overlap
/// N..M). Throws QueryError when not a page number.
Xapian::Query parse_page_query(const std::string& text);

/// The query matching records whose date interval overlaps [from, to]
/// (either end may be open). Undated records never match.
Xapian::Query date_overlap_query(const std::optional<Date>& from, const std::optional<Date>& to);

/// Parse "A..B", "A..", "..B" or a single date "A" into a date query.
/// Throws QueryError on a malformed date.
Xapian::Query parse_date_range(const std::string& text);

/// Parse a query string. Throws QueryError on a malformed query.
/// An empty query with filters (e.g. only --from) matches all records
/// that pass the filters.
Xapian::Query build_query(const Xapian::Database& db, const std::string& text, const QueryOptions& opts);

/// The same, and with `corrected` set, the query respelled from the
/// index's spelling data (Xapian's FLAG_SPELLING_CORRECTION; "" when no
/// word needed it).
Xapian::Query build_query(const Xapian::Database& db, const std::string& text, const QueryOptions& opts,
                          std::string* corrected);

/// The stop words the parser drops outside phrases (Snowball's English list).
const Xapian::Stopper& stop_words();

}  // namespace opis

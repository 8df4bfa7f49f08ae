// The searcher: run a query against an index and return results (records,
// scores, snippets with highlight offsets). It never formats output: see
// printer.h.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "opis/facet_spy.h"
#include "opis/query_builder.h"
#include "opis/record.h"

namespace opis {

enum class SortOrder { relevance, date, date_desc };

struct SearchOptions {
  std::string query;
  QueryOptions query_options;
  SortOrder sort = SortOrder::relevance;
  unsigned limit = 10;
  unsigned offset = 0;
  unsigned snippet_bytes = 240;
  std::vector<std::string> facets;  ///< facet names (schema.h facets()): counted over the whole match
  unsigned facet_limit = 10;        ///< values shown per facet
};

/// A span of a snippet to highlight: byte offset and length.
struct Highlight {
  std::size_t offset;
  std::size_t length;
};

struct Hit {
  unsigned rank = 0;          ///< 1-based position in the whole result list
  double score = 0;
  int percent = 0;
  Record record;
  std::string snippet;        ///< plain text
  std::vector<Highlight> highlights;
};

/// The top values of one facet over the whole match set.
struct FacetResult {
  std::string name;
  std::vector<FacetCount> values;
};

struct SearchResult {
  std::string query;
  std::string parsed;         ///< Xapian's description of the parsed query
  Xapian::doccount total = 0; ///< matching records (estimate when !exact)
  bool total_exact = true;
  unsigned offset = 0;
  std::vector<Hit> hits;
  std::vector<FacetResult> facets;  ///< in the order asked
};

class Searcher {
 public:
  /// Open the index at `path` read-only. Throws Xapian::Error.
  explicit Searcher(const std::string& path);

  /// Run a search. Throws QueryError for a malformed query. Retries once
  /// after reopening if the index changed underneath (a concurrent writer).
  SearchResult search(const SearchOptions& opts);

  /// The record with this id, if any.
  std::optional<Record> record(const std::string& id);

  Xapian::doccount size() const { return m_db.get_doccount(); }

 private:
  SearchResult run(const SearchOptions& opts);
  Xapian::Database m_db;
};

/// Split Xapian's snippet (marked with \x02 ... \x03, HTML-escaped) into
/// plain text and highlight offsets.
std::pair<std::string, std::vector<Highlight>> unmark_snippet(std::string_view marked);

}  // namespace opis

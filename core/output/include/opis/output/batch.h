// Many queries, one open index (issue 17): a search request as a JSON object
// and its answer as the JSON object `opis-search --format json` prints, and
// the batch loop of `opis-search --batch`, one request and one answer a
// line. The front ends (opis-search, a server) call these; nothing here
// reads the command line or the environment.
#pragma once

#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "opis/search/searcher.h"

namespace opis {

/// The query a user gave as words and --person/--place names: the words,
/// then person:"NAME" and place:"NAME" for each name (a double quote in a
/// name becomes a space).
std::string named_query(const std::string& words, const std::vector<std::string>& persons,
                        const std::vector<std::string>& places);

/// `text` as a --from/--to date (`what` names it in the message: "--from",
/// "from"); nothing when empty. Throws QueryError when not a date.
std::optional<Date> request_date(const std::string& text, std::string_view what);

/// Throws QueryError when `opts` asks nothing: no query, no date range and
/// no --like record.
void check_request(const SearchOptions& opts);

/// The keys a search request may hold, in the order documented
/// (docs/search-output.md, "Batches").
const std::vector<std::string>& request_keys();

/// The search a request asks for: `defaults` (the command line's options)
/// with the request's keys applied. A request is a JSON object with any of
/// request_keys(): "query" (string), "person", "place" (string or array of
/// strings), "limit", "offset", "facet_limit" (unsigned), "from", "to"
/// (dates), "date_mode" ("overlap", "within"), "sort" ("relevance", "date",
/// "-date"), "facets" (array of facet names, or one comma-separated
/// string), "any", "suggest" (bool: true as
/// --suggest, false as --no-suggest), "like" (record id), "format" ("json"
/// only). Throws QueryError naming the key and the valid values for an
/// unknown key, a value of the wrong type or out of range, or a request
/// that asks nothing (check_request()).
SearchOptions search_request(const nlohmann::json& request, const SearchOptions& defaults);

/// The search's answer, exactly the object `opis-search --format json`
/// prints for it (printer.h results_to_json()). Throws QueryError for a
/// malformed query, Xapian::Error from the index.
nlohmann::json answer_json(Searcher& searcher, const SearchOptions& opts);

/// An answer that failed: {"line": N, "query": Q, "error": {"kind": K,
/// "message": M}}. `kind` is "json" (the line is not a JSON object),
/// "option" (a bad key or value), "query" (the query cannot be
/// understood) or "index" (the index failed). `line` 0 and an empty query
/// are left out.
nlohmann::json error_json(std::string_view kind, const std::string& message, std::size_t line = 0,
                          const std::string& query = {});

/// What a batch did.
struct BatchCounts {
  std::size_t answered = 0;  ///< requests answered with results (found or not)
  std::size_t failed = 0;    ///< requests answered with an error object
};

/// Answer every request of `in`, one a line, in order: a line holding a
/// JSON object is a request (search_request()), any other line a plain
/// query (as the words of `opis-search QUERY`); blank lines and lines whose
/// first non-blank character is '#' are skipped and get no answer. Each
/// answer is one line of compact JSON on `out`, flushed: answer_json(), or
/// error_json() for a request that fails, after which the batch goes on.
/// Each failure is also one line on `err`: "NAME:LINE: error: WHAT;
/// answered with an error object, the batch goes on". Returns the counts.
BatchCounts run_batch(Searcher& searcher, std::istream& in, const std::string& name, const SearchOptions& defaults,
                      std::ostream& out, std::ostream& err);

}  // namespace opis

// HTML pages of the reading room (opis-serve, issue 18): the search page,
// the record page, the person and place registers, the concordance and an
// error page, and the escaping they are built with.
//
// Record text is untrusted: every value goes through html_text() (element
// content) or html_attr() (a quoted attribute value), URLs built from it
// through url_component(), and a record's own address becomes a link only
// through safe_href() (http and https only: `javascript:`, `data:` and the
// rest stay text). The pages hold no inline script or style, so that the
// server's Content-Security-Policy (default-src 'self') can forbid both;
// the CSS and the small script that only enhances them are html_asset()s,
// compiled into the binary.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "opis/entities/place_coordinates.h"
#include "opis/search/entity_register.h"
#include "opis/search/searcher.h"

namespace opis {

// --- Escaping ----------------------------------------------------------------

/// `s` as HTML element content: & < > " ' as character references; C0 and
/// C1 controls, DEL, bidi overrides and invalid UTF-8 shown as visible
/// escapes (terminal_safe(), TextLayout::block: tab and newline kept).
std::string html_text(std::string_view s);
/// `s` as the value of a double-quoted attribute: html_text() with tab and
/// newline escaped too.
std::string html_attr(std::string_view s);
/// `s` percent-encoded for a URL's query or path segment: every byte but
/// A-Z a-z 0-9 - . _ ~ as %XX.
std::string url_component(std::string_view s);
/// `url` as an href value (attribute-escaped) when it is an absolute http
/// or https URL without control characters or spaces; "" otherwise
/// (javascript:, data:, vbscript:, relative, malformed): the caller then
/// shows it as text.
std::string safe_href(std::string_view url);

// --- The search page's request -------------------------------------------------

/// A facet value chosen as a filter: facet is person, place, year, lang or
/// archive.
struct HtmlFilter {
  std::string facet;
  std::string value;
  bool operator==(const HtmlFilter&) const = default;
};

/// "person:N.S. Khrushchev" (the f= parameter) -> the filter; nothing for
/// another facet name or an empty value.
std::optional<HtmlFilter> parse_filter(std::string_view f);
/// The filter as its f= parameter ("person:N.S. Khrushchev").
std::string filter_param(const HtmlFilter& f);
/// The query clause of a filter: person:"X", place:"X", date:YYYY,
/// lang:"X", archive:"X" (double quotes in the value made spaces).
std::string filter_clause(const HtmlFilter& f);
/// The query the page runs: the words typed, then each filter's clause.
std::string filtered_query(std::string_view q, const std::vector<HtmlFilter>& filters);

/// What a search page was asked: the words, the filters, the order, the page.
struct SearchRequest {
  std::string q;
  std::vector<HtmlFilter> filters;
  std::string sort = "relevance";  ///< relevance, date, -date
  unsigned page = 1;               ///< 1-based
  unsigned page_size = 20;
  std::string from, to;  ///< dates as typed ("" none)
};

/// The query string (after '?', without it) of `r` with `page`, for links.
std::string search_params(const SearchRequest& r, unsigned page);

// --- Pages ---------------------------------------------------------------------

/// The search page: the form (with syntax help), "Did you mean", the
/// active filters (each removable), facets as links that add a filter, the
/// year histogram (an SVG of links), the results with highlighted
/// snippets, and paging. `res` null: the empty form. `error`: the query's
/// error, shown instead of results. `records`: the index's size, for the
/// empty page.
std::string html_search_page(const SearchRequest& req, const SearchResult* res, std::string_view error,
                             unsigned long records);

/// The record page: every field; the body with `body_highlights` (byte
/// spans of the body) marked and its handwritten annotations set apart;
/// footnotes; persons and places linking to their searches; the citation
/// with a copy button; downloads; `similar` (may be null) as links. `q` is
/// the query the reader came from ("" none).
std::string html_record_page(const Record& r, std::string_view q, const std::vector<Highlight>& body_highlights,
                             const SearchResult* similar);

/// A register page: a filter box (filters as you type with the script, on
/// submit without), the entries with variants, record counts and record
/// links. At most `shown` entries are listed, the rest counted. With
/// `coords` (places), the entries that have coordinates are drawn on a map:
/// an SVG of a latitude/longitude grid, a dot per place sized by its
/// records, each a link to its search.
std::string html_register_page(const std::vector<RegisterEntry>& entries, EntityKind kind, std::string_view filter,
                               std::size_t shown, const std::unordered_map<std::string, LatLon>* coords = nullptr);

/// The concordance (KWIC) page of a search: a line per occurrence, the
/// keyword centred, each linking to its record.
std::string html_kwic_page(const SearchRequest& req, const KwicResult* k, std::string_view error);

/// An error page: "404 Not Found" and what was wrong.
std::string html_error_page(int status, std::string_view title, std::string_view message);

// --- Assets --------------------------------------------------------------------

struct HtmlAsset {
  std::string_view content_type;
  std::string_view body;
};
/// The built-in asset at `path` ("/assets/opis.css", "/assets/opis.js",
/// "/favicon.svg"), or nothing: no other path is served.
std::optional<HtmlAsset> html_asset(std::string_view path);

}  // namespace opis

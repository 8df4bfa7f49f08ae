// The searcher: run a query against an index and return results (records,
// scores, snippets with highlight offsets). It never formats output: see
// printer.h.
#pragma once

#include <initializer_list>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "opis/record/record.h"
#include "opis/search/facets.h"
#include "opis/search/kwic.h"
#include "opis/search/query_builder.h"

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
  /// --like ID: records similar to this one (relevance feedback); the
  /// query, when given, then only filters.
  std::string like_id;
  unsigned like_terms = 20;  ///< terms taken from the record for --like
  bool explain = false;      ///< fill SearchResult::explanation
  /// "Did you mean" (SearchResult::suggestion): looked for when nothing
  /// matches (or always, with suggest_always); never when false. Issue 17:
  /// it was looked for below 3 matches, which cost most of the time of a
  /// search for a rare word (2.7 of 4.7 ms at 10,000 records).
  bool suggest = true;
  /// --suggest: look for a better spelling whatever the number of matches.
  bool suggest_always = false;
  /// Seconds the matcher may spend (Xapian's Enquire::set_time_limit(); 0:
  /// no limit). Past it the match stops early with fewer matches examined,
  /// so a front end that must not serve a cut result (opis-serve) checks
  /// the time itself.
  double time_limit = 0;
  /// Each Hit::record holds only what a result line shows (text and JSON
  /// printers, printer.cpp: display_record_from_document()'s fields) and
  /// the texts its snippet comes from, read without parsing the stored
  /// JSON (and, for a query naming a person or place, the persons and
  /// places, for its highlights); false: the whole record (exports, HTML,
  /// --record).
  bool display_records = false;
};

/// A span of a snippet to highlight: byte offset and length.
struct Highlight {
  std::size_t offset;
  std::size_t length;
};

struct Hit {
  unsigned rank = 0;  ///< 1-based position in the whole result list
  double score = 0;
  int percent = 0;
  Record record;
  std::string snippet;  ///< plain text
  std::vector<Highlight> highlights;
  /// SearchOptions::explain: how the hit met each person: and place: of the
  /// query, one line each ("person: registered", "person: written as a
  /// name, not registered (the name floor)").
  std::vector<std::string> why;
};

/// The top values of one facet over the whole match set.
struct FacetResult {
  std::string name;
  std::vector<FacetCount> values;
};

struct SearchResult {
  std::string query;
  unsigned shards = 1;                      ///< databases searched as one (a stub's shards)
  std::vector<std::string> missing_shards;  ///< shards left out (--allow-partial), and why
  std::string parsed;                       ///< Xapian's description of the parsed query
  Xapian::doccount total = 0;               ///< matching records (estimate when !exact)
  bool total_exact = true;
  unsigned offset = 0;
  std::vector<Hit> hits;
  std::vector<FacetResult> facets;         ///< in the order asked
  std::string suggestion;                  ///< "Did you mean": the query respelled from the index's words, or ""
  std::vector<std::string> similar_terms;  ///< --like: the record's terms the search used
  std::string explanation;                 ///< SearchOptions::explain: the query in words, one part per line
};

/// A concordance (KWIC) of every matching record's body.
struct KwicResult {
  SearchResult search;           ///< query, total, parsed query; no hits
  std::vector<KwicLine> lines;   ///< in result order, then body order
  Xapian::doccount records = 0;  ///< matching records examined
  Xapian::doccount records_with_lines = 0;
};

/// A shard of a sharded index cannot be searched (down, missing, refused).
struct ShardUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct OpenOptions {
  /// Search the shards that answer when some do not (the result says
  /// which are missing), instead of failing.
  bool allow_partial = false;
  /// Connecting to, and waiting for, a remote shard (milliseconds).
  unsigned remote_timeout_ms = 10000;
};

class Searcher {
 public:
  /// Open the index at `path` read-only: a database folder, or a stub file
  /// listing shards, local or remote (shards.h), searched as one. Throws
  /// Xapian::Error, StubError, ShardUnavailable (naming the shard), or
  /// std::runtime_error for an index of an older schema.
  explicit Searcher(const std::string& path, OpenOptions open = {});

  /// Run a search. Throws QueryError for a malformed query. Retries once
  /// after reopening if the index changed underneath (a concurrent writer).
  SearchResult search(const SearchOptions& opts);

  /// A concordance of every match of `opts` (all records, not a page:
  /// opts.limit and opts.offset are ignored unless `max_records` is set),
  /// `context` words either side. See kwic.h.
  KwicResult kwic(const SearchOptions& opts, unsigned context, std::optional<unsigned> max_records = std::nullopt);

  /// Move to the index's latest revision (Xapian's Database::reopen()), so
  /// that a long-lived searcher (opis-serve) sees what a writer committed
  /// since. Returns whether it changed. Throws Xapian::Error.
  bool reopen() { return m_db.reopen(); }

  /// The record with this id, if any.
  std::optional<Record> record(const std::string& id);

  /// The index as last opened or reopened (every shard as one), for
  /// readers that search it themselves (build_register()). Not to be shared
  /// between threads, as the Searcher itself.
  const Xapian::Database& database() const { return m_db; }

  /// What identifies the index's current content, for caches of what is
  /// computed from all of it (opis-serve's registers): the database's UUID
  /// and revision, which every commit raises; for several shards, which
  /// have no single revision, their UUIDs with the document count, the
  /// last document id and the total length. Equal strings: same content.
  std::string revision() const;

  Xapian::doccount size() const { return m_db.get_doccount(); }
  /// Databases searched as one: 1, or the shards the stub lists.
  unsigned shards() const { return m_shards; }
  /// Shards left out (allow_partial), each with the reason.
  const std::vector<std::string>& missing_shards() const { return m_missing; }

 private:
  void open();
  /// Run `f`, reopening and retrying when the index changed underneath (a
  /// concurrent writer) or a remote shard's connection broke.
  template <class F>
  auto retrying(F&& f) -> decltype(f());
  SearchResult run(const SearchOptions& opts);
  /// The query of `opts` (or its --like query), noted in res.parsed and,
  /// asked for, res.explanation.
  Xapian::Query parse(const SearchOptions& opts, SearchResult& res);
  /// The page of matches of `q`, counting facets and totals into `res`.
  /// Throws QueryError for an unknown facet or a too-wide wildcard.
  Xapian::MSet match(const Xapian::Query& q, const SearchOptions& opts, SearchResult& res);
  /// res.total and res.total_exact from a match that looked at `check` documents.
  void count_matches(const Xapian::MSet& mset, Xapian::doccount check, SearchResult& res) const;
  /// An Enquire for `q` in `sort` order, the same on every layout: ties by
  /// record id, and on a sharded index one result per record id.
  Xapian::Enquire make_enquire(const Xapian::Query& q, SortOrder sort) const;
  KwicResult run_kwic(const SearchOptions& opts, unsigned context, std::optional<unsigned> max_records);
  /// The --like query of opts.like_id (research.cpp); fills res.similar_terms.
  Xapian::Query like_query(const SearchOptions& opts, SearchResult& res);
  std::string m_path;
  OpenOptions m_open;
  unsigned m_shards = 1;
  std::vector<std::string> m_missing;
  Xapian::Database m_db;
};

/// The person:/place: terms of a parsed query (for matched_names()).
std::set<std::string> entity_query_terms(const Xapian::Query& q);

/// Why a record matched the person:/place: parts of a query, for --explain:
/// "registered" when it holds one of `entity_terms` (a registered person's
/// or place's name terms), else "written as a name" when it holds a name-word
/// term (XNW) or matched the name's phrase. Empty when the query has none.
std::vector<std::string> entity_tiers(const Xapian::Document& doc, const Xapian::Query& q);

/// The words of `r`'s body, summary and title, as written, whose name key is
/// one of the name-word terms (XNW) of a query: the names the floor matched.
std::vector<std::string> floor_names(const Record& r, const Xapian::Query& q);

/// The names, as written, of the persons and places of `r` that a query
/// with these terms matched (through person:/place: terms), longest first.
std::vector<std::string> matched_names(const Record& r, const std::set<std::string>& query_terms);

/// Highlight whole-word occurrences of `names` in `snippet` (beside the
/// highlights it has); when it shows none of them and has no highlight at
/// all, replace it by a window of about `bytes` around the first name in
/// the first of `texts` (body, summary, title) that has one.
void highlight_names(std::string& snippet, std::vector<Highlight>& highlights,
                     std::initializer_list<const std::string*> texts, const std::vector<std::string>& names,
                     std::size_t bytes);

/// The same for words (kwic_field_terms(): the words of title:, summary:...
/// terms), found as KWIC finds them: folded, or by stem. Adjacent words make
/// one span, split where it would overlap an existing highlight.
void highlight_words(std::string& snippet, std::vector<Highlight>& highlights,
                     std::initializer_list<const std::string*> texts, const KwicTerms& words, std::size_t bytes);

/// Split Xapian's snippet (marked with \x02 ... \x03, HTML-escaped) into
/// plain text and highlight offsets.
std::pair<std::string, std::vector<Highlight>> unmark_snippet(std::string_view marked);

}  // namespace opis

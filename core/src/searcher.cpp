// The searcher: Enquire over the index, results as values.
#include "opis/searcher.h"

#include <nlohmann/json.hpp>

#include "opis/index_writer.h"
#include "opis/schema.h"

#include <memory>

namespace opis {

namespace {

constexpr char kHiStart[] = "\x02";
constexpr char kHiEnd[] = "\x03";

void unescape_into(std::string_view s, std::string& out) {
  // MSet::snippet() escapes &, <, > and " as HTML entities.
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      static constexpr std::pair<std::string_view, char> kEntities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
      bool done = false;
      for (const auto& [ent, ch] : kEntities) {
        if (s.substr(i, ent.size()) == ent) {
          out += ch;
          i += ent.size() - 1;
          done = true;
          break;
        }
      }
      if (done) continue;
    }
    // Snippets are shown on one line: a newline becomes a space (same
    // length, so highlight offsets stay right).
    out += (s[i] == '\n' || s[i] == '\r') ? ' ' : s[i];
  }
}

}  // namespace

std::pair<std::string, std::vector<Highlight>> unmark_snippet(std::string_view marked) {
  std::string text;
  std::vector<Highlight> hl;
  std::size_t i = 0;
  while (i < marked.size()) {
    std::size_t s = marked.find(kHiStart[0], i);
    if (s == std::string_view::npos) {
      unescape_into(marked.substr(i), text);
      break;
    }
    unescape_into(marked.substr(i, s - i), text);
    std::size_t e = marked.find(kHiEnd[0], s + 1);
    if (e == std::string_view::npos) e = marked.size();
    std::size_t begin = text.size();
    unescape_into(marked.substr(s + 1, e - s - 1), text);
    if (text.size() > begin) hl.push_back({begin, text.size() - begin});
    i = e + 1;
  }
  return {std::move(text), std::move(hl)};
}

Searcher::Searcher(const std::string& path) : m_db(path) {}

SearchResult Searcher::search(const SearchOptions& opts) {
  // A writer committing while we read can invalidate our snapshot: reopen
  // at the new revision and run again.
  for (int attempt = 0;; ++attempt) {
    try {
      return run(opts);
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= 5) throw;
      m_db.reopen();
    }
  }
}

SearchResult Searcher::run(const SearchOptions& opts) {
  SearchResult res;
  res.query = opts.query;
  res.offset = opts.offset;
  Xapian::Query q = build_query(m_db, opts.query, opts.query_options);
  res.parsed = q.get_description();

  Xapian::Enquire enq(m_db);
  enq.set_query(q);
  switch (opts.sort) {
    case SortOrder::relevance: break;
    case SortOrder::date: enq.set_sort_by_value_then_relevance(slot::sort_asc, false); break;
    case SortOrder::date_desc: enq.set_sort_by_value_then_relevance(slot::sort_desc, true); break;
  }
  // Facets: one multi-valued counter per facet. They count only the
  // documents the matcher examines, so then every match is examined.
  std::vector<std::unique_ptr<FacetSpy>> spies;
  for (const auto& name : opts.facets) {
    const Facet* f = find_facet(name);
    if (!f) {
      std::string valid;
      for (const auto& ff : facets()) valid += (valid.empty() ? "" : ", ") + std::string(ff.name);
      throw QueryError("unknown facet '" + name + "'; valid facets: " + valid);
    }
    spies.push_back(std::make_unique<FacetSpy>(f->slot));
    enq.add_matchspy(spies.back().get());
  }
  Xapian::doccount check = opts.offset + opts.limit + 1000;
  if (!spies.empty()) check = std::max(check, m_db.get_doccount());
  Xapian::MSet mset;
  try {
    // Look at up to 1,000 matches beyond the page so that totals are exact
    // for all but large result sets (total_exact says which).
    mset = enq.get_mset(opts.offset, opts.limit, check);
  } catch (const Xapian::WildcardError& e) {
    throw QueryError("a wildcard matches too many words (" + e.get_msg() + "); make it longer");
  }
  res.total = mset.get_matches_estimated();
  for (std::size_t i = 0; i < spies.size(); ++i) res.facets.push_back({opts.facets[i], spies[i]->top(opts.facet_limit)});
  res.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();

  Xapian::Stem stem("english");
  unsigned rank = opts.offset;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Hit h;
    h.rank = ++rank;
    h.score = it.get_weight();
    h.percent = it.get_percent();
    h.record = record_from_document(it.get_document());
    // A snippet of the body around the matched words; the summary when the
    // body has none of them (the match was in the title or a field).
    // Not SNIPPET_EXHAUSTIVE: measured 5x slower per query for snippets
    // that read no better (bench/query_bench.cpp, docs/benchmarks.md).
    const unsigned flags = Xapian::MSet::SNIPPET_BACKGROUND_MODEL;
    for (const std::string* text : {&h.record.body, &h.record.summary, &h.record.title}) {
      if (text->empty()) continue;
      auto [plain, hl] = unmark_snippet(mset.snippet(*text, opts.snippet_bytes, stem, flags, kHiStart, kHiEnd, "…"));
      if (h.snippet.empty() || !hl.empty()) {
        h.snippet = std::move(plain);
        h.highlights = std::move(hl);
      }
      if (!h.highlights.empty()) break;
    }
    res.hits.push_back(std::move(h));
  }
  return res;
}

std::optional<Record> Searcher::record(const std::string& id) {
  for (int attempt = 0;; ++attempt) {
    try {
      auto pl = m_db.postlist_begin(id_term(id));
      if (pl == m_db.postlist_end(id_term(id))) return std::nullopt;
      return record_from_document(m_db.get_document(*pl));
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= 5) throw;
      m_db.reopen();
    }
  }
}

}  // namespace opis

// Searcher::kwic: the concordance of every match. The searcher finds the
// records and the terms each matched by; kwic.cpp finds them in the bodies.
#include <fmt/format.h>

#include "opis/base/text.h"
#include "opis/index/document.h"
#include "opis/index/schema.h"
#include "opis/search/entity_query.h"
#include "opis/search/explain.h"
#include "opis/search/query_builder.h"
#include "opis/search/searcher.h"

namespace opis {

KwicResult Searcher::run_kwic(const SearchOptions& opts, unsigned context, std::optional<unsigned> max_records) {
  KwicResult out;
  SearchResult& res = out.search;
  res.query = opts.query;
  res.offset = opts.offset;
  Xapian::Query q = opts.like_id.empty() ? build_query(m_db, opts.query, opts.query_options) : like_query(opts, res);
  res.parsed = q.get_description();
  if (opts.explain) res.explanation = explain_query(m_db, q);
  // The same terms for every record: a word of the query that a record
  // lacks is simply not found in its text. (Enquire::get_matching_terms()
  // per record gives nothing more, wildcards aside, and reading each
  // record's term list doubled the time; measured.)
  const KwicQueryTerms qt = kwic_query_terms(q);
  KwicTerms terms = kwic_terms_for(qt, {qt.loose_terms.begin(), qt.loose_terms.end()});
  // person:/place: match names, not words: each record's own written forms
  // of the names matched (N.S. Khrushchev, KRUSHCHEV), set per record.
  const std::set<std::string> entity_terms = entity_query_terms(q);

  Xapian::Enquire enq = make_enquire(q, opts.sort);
  const Xapian::doccount want = max_records ? *max_records : m_db.get_doccount();
  const Xapian::doccount page = 5000;
  Xapian::doccount done = 0;
  while (done < want) {
    Xapian::MSet mset;
    const Xapian::doccount asked = std::min(page, want - done);
    try {
      mset = enq.get_mset(opts.offset + done, asked);
    } catch (const Xapian::WildcardError& e) {
      throw QueryError("a wildcard matches too many words (" + e.get_msg() + "); make it longer");
    }
    if (done == 0) {
      res.total = mset.get_matches_estimated();
      res.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    }
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Record r = record_from_document(it.get_document(), !entity_terms.empty());
      if (!entity_terms.empty()) terms.names = kwic_name_phrases(matched_names(r, entity_terms));
      auto lines = kwic_lines(r.body, terms, context);
      ++out.records;
      if (!lines.empty()) ++out.records_with_lines;
      for (auto& l : lines) {
        l.id = r.id;
        l.date = r.date.known() ? r.date.iso() : "";
        l.reference = r.reference.empty() ? r.archive : r.reference;
        out.lines.push_back(std::move(l));
      }
    }
    done += mset.size();
    if (mset.size() < asked) break;
  }
  if (!max_records && opts.offset == 0) {  // every match was seen: the total is exact
    res.total = out.records;
    res.total_exact = true;
  }
  return out;
}

}  // namespace opis

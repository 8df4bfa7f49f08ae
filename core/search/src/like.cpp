// --like ID: records similar to one record, by relevance feedback (Xapian's
// ESet of the record's terms).
#include <algorithm>

#include <fmt/format.h>

#include "opis/base/text.h"
#include "opis/index/schema.h"
#include "opis/search/query_builder.h"
#include "opis/search/searcher.h"

namespace opis {

namespace {

// Words only: no field terms (prefixed, boolean or not), no stems (the
// words as written read better, and their stems would count them twice),
// no stop words, no numbers (page and folio numbers, years: the date
// filters are for those), nothing shorter than three letters, and no word
// found in this record only (it cannot lead to another).
class LikeDecider : public Xapian::ExpandDecider {
 public:
  explicit LikeDecider(const Xapian::Database& db) : m_db(db) {}
  bool operator()(const std::string& term) const override {
    if (term.size() < 3) return false;
    unsigned char c = static_cast<unsigned char>(term[0]);
    if (c >= 'A' && c <= 'Z') return false;
    if (std::all_of(term.begin(), term.end(),
                    [](char ch) { return (ch >= '0' && ch <= '9') || ch == '.' || ch == ','; })) {
      return false;
    }
    return !stop_words()(term) && m_db.get_termfreq(term) >= 2;
  }

 private:
  const Xapian::Database& m_db;
};

}  // namespace

Xapian::Query Searcher::like_query(const SearchOptions& opts, SearchResult& res) {
  const std::string idt = id_term(opts.like_id);
  auto pl = m_db.postlist_begin(idt);
  if (pl == m_db.postlist_end(idt)) throw QueryError(fmt::format("--like: no record with id '{}'", opts.like_id));
  // Relevance feedback: the record as the one relevant document; Xapian
  // ranks its terms by how well they pick it out of the collection.
  Xapian::RSet rset;
  rset.add_document(*pl);
  Xapian::Enquire enq(m_db);
  LikeDecider decider(m_db);
  res.query = "--like " + opts.like_id + (trim(opts.query).empty() ? "" : " " + opts.query);
  // Exact term frequencies: over shards Xapian otherwise estimates them,
  // and a sharded index would pick other words than one database.
  Xapian::ESet eset = enq.get_eset(opts.like_terms, rset, Xapian::Enquire::USE_EXACT_TERMFREQ, &decider);
  std::vector<Xapian::Query> parts;
  for (auto it = eset.begin(); it != eset.end(); ++it) {
    parts.emplace_back(*it);
    res.similar_terms.push_back(*it);
  }
  if (parts.empty()) throw QueryError(fmt::format("--like: record '{}' has no words to compare by", opts.like_id));
  Xapian::Query q(Xapian::Query::OP_OR, parts.begin(), parts.end());
  // A query or --from/--to given with --like only narrows the results.
  if (!trim(opts.query).empty() || opts.query_options.from || opts.query_options.to) {
    q = Xapian::Query(Xapian::Query::OP_FILTER, q, build_query(m_db, opts.query, opts.query_options));
  }
  return Xapian::Query(Xapian::Query::OP_AND_NOT, q, Xapian::Query(idt));
}

}  // namespace opis

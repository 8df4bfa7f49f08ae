// The facet counter: counts the values of a facet over the documents of a
// match with Xapian's own ValueCountMatchSpy, so that a search through a
// remote database (a stock xapian-tcpsrv, which knows no Opis class) works.
//
// A multi-valued facet (persons, places) holds one value a slot, from its
// base slot up (schema.h: the k-th person of a record in slot::persons + k,
// a key at most once per record), so it is counted by one spy per slot in
// use: base .. base + width - 1, where width is found from the database's
// value statistics (Database::get_value_freq(), which a multi-database and
// a remote one answer too). The counts are merged here: per key, summed
// over the slots (so a record naming five persons counts once for each) and
// over the labels (Khrushchev and Khrushchov, one key, count together), each
// key shown with its most frequent label. Values of a multi-valued facet are
// "key" kFacetLabelSep "label", or a name that is both. A single-valued
// facet (year, lang, archive) is one spy on one slot; its values are shown
// as they are.
//
// Counts cover the documents the matcher examined: pass checkatleast = the
// database size to get_mset() for exact counts (Searcher does).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "opis/index/schema.h"

namespace opis {

struct FacetCount {
  std::string label;
  Xapian::doccount count = 0;
};

class FacetCounter {
 public:
  /// A counter of facet `f` over matches in `db` (which gives the number of
  /// slots a multi-valued facet uses).
  FacetCounter(const Facet& f, const Xapian::Database& db);
  FacetCounter(const FacetCounter&) = delete;
  FacetCounter& operator=(const FacetCounter&) = delete;

  /// Add the spies to `enq`. They stay owned by this counter, which must
  /// outlive every get_mset() of `enq`.
  void add_to(Xapian::Enquire& enq);

  /// The `n` most frequent values, highest count first (then by label).
  std::vector<FacetCount> top(std::size_t n) const;

  /// Slots counted: 1 for a single-valued facet; for a multi-valued one the
  /// most values any record holds (0 when no record has any).
  Xapian::valueno width() const { return static_cast<Xapian::valueno>(m_spies.size()); }
  /// Documents seen (by the spies; 0 when there are none).
  Xapian::doccount documents() const { return m_spies.empty() ? 0 : m_spies.front()->get_total(); }

 private:
  bool m_multi;
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> m_spies;
};

/// Slots base .. base + w - 1 hold values in `db` and base + w none (at most
/// kMaxFacetValues): the width of a multi-valued facet whose slots are
/// filled from `base` up, by binary search on Database::get_value_freq().
Xapian::valueno facet_width(const Xapian::Database& db, Xapian::valueno base);

}  // namespace opis

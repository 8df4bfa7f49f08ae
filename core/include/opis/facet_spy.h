// The facet counter: a Xapian::MatchSpy that counts the values of one slot
// over the documents of a match, where a slot may hold several values (a
// record naming five persons counts once for each). Xapian's own
// ValueCountMatchSpy counts one value per slot, hence this class.
//
// Slot format (written by entity_terms.cpp): values joined by kFacetSep;
// each value is "key" or "key" kFacetLabelSep "label". Counts are per key
// (so Khrushchev and Khrushchov, same key, count together) and each key is
// shown with its most frequent label.
//
// It has name(), serialise(), unserialise(), clone(), serialise_results()
// and merge_results(), so that it can be registered with a Xapian::Registry
// and used against remote databases.
//
// Counts cover the documents the matcher examined: pass checkatleast = the
// database size to get_mset() for exact counts (Searcher does).
#pragma once

#include <map>
#include <string>
#include <vector>

#include <xapian.h>

namespace opis {

struct FacetCount {
  std::string label;
  Xapian::doccount count = 0;
};

class FacetSpy : public Xapian::MatchSpy {
 public:
  explicit FacetSpy(Xapian::valueno slot = 0) : m_slot(slot) {}

  void operator()(const Xapian::Document& doc, double wt) override;
  Xapian::MatchSpy* clone() const override;
  std::string name() const override;
  std::string serialise() const override;
  Xapian::MatchSpy* unserialise(const std::string& s, const Xapian::Registry& context) const override;
  std::string serialise_results() const override;
  void merge_results(const std::string& s) override;
  std::string get_description() const override;

  /// The `n` most frequent values, highest count first (then by label).
  std::vector<FacetCount> top(std::size_t n) const;
  /// Documents seen.
  Xapian::doccount documents() const { return m_docs; }
  Xapian::valueno slot() const { return m_slot; }

 private:
  struct Entry {
    Xapian::doccount count = 0;
    std::map<std::string, Xapian::doccount> labels;
  };
  Xapian::valueno m_slot;
  Xapian::doccount m_docs = 0;
  std::map<std::string, Entry> m_counts;
};

}  // namespace opis

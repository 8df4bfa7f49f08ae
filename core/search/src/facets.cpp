// The facet counter: Xapian's ValueCountMatchSpy per slot, merged (see the
// header).
#include "opis/search/facets.h"

#include <algorithm>
#include <map>

namespace opis {

Xapian::valueno facet_width(const Xapian::Database& db, Xapian::valueno base) {
  // Records fill their slots from the base up, so the number of records
  // with a value in base + k never grows with k: find the first empty one.
  if (db.get_value_freq(base) == 0) return 0;
  Xapian::valueno lo = 1, hi = kMaxFacetValues;  // base + lo - 1 is used; base + hi is empty (or the last)
  while (lo < hi) {
    Xapian::valueno mid = lo + (hi - lo) / 2;
    if (db.get_value_freq(base + mid) > 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

FacetCounter::FacetCounter(const Facet& f, const Xapian::Database& db) : m_multi(f.multi) {
  Xapian::valueno w = f.multi ? facet_width(db, f.slot) : 1;
  for (Xapian::valueno k = 0; k < w; ++k) m_spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(f.slot + k));
}

void FacetCounter::add_to(Xapian::Enquire& enq) {
  for (auto& s : m_spies) enq.add_matchspy(s.get());
}

std::vector<FacetCount> FacetCounter::top(std::size_t n) const {
  // Per key: records (a key is in one slot at most per record) and labels.
  struct Entry {
    Xapian::doccount count = 0;
    std::map<std::string, Xapian::doccount> labels;
  };
  std::map<std::string, Entry> counts;
  for (const auto& spy : m_spies) {
    for (auto it = spy->values_begin(); it != spy->values_end(); ++it) {
      const std::string v = *it;
      const Xapian::doccount c = it.get_termfreq();
      std::size_t sep = m_multi ? v.find(kFacetLabelSep) : std::string::npos;
      std::string key = sep == std::string::npos ? v : v.substr(0, sep);
      std::string label = sep == std::string::npos ? v : v.substr(sep + 1);
      Entry& e = counts[key];
      e.count += c;
      e.labels[label] += c;
    }
  }
  std::vector<FacetCount> out;
  for (const auto& [k, e] : counts) {
    // The most frequent label; ties go to the first in order (mixed case
    // sorts after capitals, so prefer a label that is not all capitals).
    std::string best;
    Xapian::doccount bc = 0;
    for (const auto& [l, c] : e.labels) {
      bool upper = std::none_of(l.begin(), l.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; });
      bool best_upper = std::none_of(best.begin(), best.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; });
      if (c > bc || (c == bc && best_upper && !upper)) {
        best = l;
        bc = c;
      }
    }
    out.push_back({best, e.count});
  }
  std::sort(out.begin(), out.end(), [](const FacetCount& a, const FacetCount& b) {
    return a.count != b.count ? a.count > b.count : a.label < b.label;
  });
  if (out.size() > n) out.resize(n);
  return out;
}

}  // namespace opis

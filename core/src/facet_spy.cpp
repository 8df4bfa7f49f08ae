// The multi-valued facet counter (see the header).
#include "opis/facet_spy.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "opis/schema.h"

namespace opis {

void FacetSpy::operator()(const Xapian::Document& doc, double) {
  ++m_docs;
  std::string v = doc.get_value(m_slot);
  if (v.empty()) return;
  std::set<std::string> seen;  // a value counts once per document
  std::size_t start = 0;
  while (start <= v.size()) {
    std::size_t end = v.find(kFacetSep, start);
    if (end == std::string::npos) end = v.size();
    std::string item = v.substr(start, end - start);
    if (!item.empty()) {
      std::size_t sep = item.find(kFacetLabelSep);
      std::string key = sep == std::string::npos ? item : item.substr(0, sep);
      std::string label = sep == std::string::npos ? item : item.substr(sep + 1);
      if (seen.insert(key).second) {
        Entry& e = m_counts[key];
        ++e.count;
        ++e.labels[label];
      }
    }
    start = end + 1;
  }
}

Xapian::MatchSpy* FacetSpy::clone() const { return new FacetSpy(m_slot); }

std::string FacetSpy::name() const { return "opis::FacetSpy"; }

std::string FacetSpy::serialise() const { return std::to_string(m_slot); }

Xapian::MatchSpy* FacetSpy::unserialise(const std::string& s, const Xapian::Registry&) const {
  try {
    return new FacetSpy(static_cast<Xapian::valueno>(std::stoul(s)));
  } catch (const std::exception&) {
    throw Xapian::SerialisationError("bad opis::FacetSpy parameters: '" + s + "'");
  }
}

std::string FacetSpy::serialise_results() const {
  nlohmann::json j;
  j["docs"] = m_docs;
  nlohmann::json c = nlohmann::json::object();
  for (const auto& [k, e] : m_counts) c[k] = {{"count", e.count}, {"labels", e.labels}};
  j["counts"] = c;
  return j.dump();
}

void FacetSpy::merge_results(const std::string& s) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(s);
  } catch (const nlohmann::json::exception&) {
    throw Xapian::SerialisationError("bad opis::FacetSpy results");
  }
  m_docs += j.value("docs", 0u);
  for (const auto& [k, v] : j["counts"].items()) {
    Entry& e = m_counts[k];
    e.count += v.value("count", 0u);
    for (const auto& [l, n] : v["labels"].items()) e.labels[l] += n.get<Xapian::doccount>();
  }
}

std::string FacetSpy::get_description() const {
  return "opis::FacetSpy(slot " + std::to_string(m_slot) + ", " + std::to_string(m_counts.size()) + " values)";
}

std::vector<FacetCount> FacetSpy::top(std::size_t n) const {
  std::vector<FacetCount> out;
  for (const auto& [k, e] : m_counts) {
    // The most frequent label; ties go to the first in order (mixed case
    // sorts after capitals, so prefer a label that is not all capitals).
    std::string best;
    Xapian::doccount bc = 0;
    for (const auto& [l, c] : e.labels) {
      bool upper = std::none_of(l.begin(), l.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; });
      bool best_upper = std::none_of(best.begin(), best.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; });
      if (c > bc || (c == bc && best_upper && !upper)) { best = l; bc = c; }
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

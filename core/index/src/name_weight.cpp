// Mention-count weights for person and place terms, from Xapian built-ins
// (see the header).
#include "opis/index/name_weight.h"

#include <cmath>
#include <vector>

#include "opis/index/schema.h"

namespace opis {

std::string tier_term(Xapian::termcount t, const std::string& term) {
  return prefixed_term(field("name_tier"), std::to_string(t) + ":" + term);
}

void add_tier_terms(Xapian::Document& doc, const std::string& term, Xapian::termcount mentions) {
  for (Xapian::termcount t : kMentionTiers) {
    if (mentions >= t) doc.add_boolean_term(tier_term(t, term));
  }
}

namespace {

// Every part of the weight is a multiple of 2^-20. Sums of such numbers
// are exact whatever their order, so a record's weight does not depend on
// how Xapian arranges the OR, which differs between the shards of one
// index (it orders by term frequency): equal weights stay equal, and ties
// break the same way however the records are spread.
double quantised(double w) { return std::ldexp(std::nearbyint(std::ldexp(w, 20)), -20); }

// The weight tier `i` (of kMentionTiers) adds: scale * ln(t_i / t_{i-1}).
double tier_step(std::size_t i, double scale) {
  double previous = i == 0 ? 1.0 : static_cast<double>(kMentionTiers[i - 1]);
  return quantised(scale * std::log(static_cast<double>(kMentionTiers[i]) / previous));
}

}  // namespace

double name_weight(Xapian::termcount mentions, double scale) {
  if (mentions == 0) return 0.0;
  double w = quantised(scale);
  for (std::size_t i = 0; i < kMentionTiers.size() && mentions >= kMentionTiers[i]; ++i) w += tier_step(i, scale);
  return w;
}

Xapian::Query name_weight_query(const std::string& term, double scale) {
  // FixedWeightPostingSource is registered by default in every Xapian,
  // xapian-tcpsrv included. The Query owns each source (release()).
  auto fixed = [](double w, const std::string& t) {
    return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query((new Xapian::FixedWeightPostingSource(w))->release()),
                         Xapian::Query(t));
  };
  std::vector<Xapian::Query> tiers;
  tiers.reserve(kMentionTiers.size());
  for (std::size_t i = 0; i < kMentionTiers.size(); ++i)
    tiers.push_back(fixed(tier_step(i, scale), tier_term(kMentionTiers[i], term)));
  // A record has a tier term only with the term itself: the tiers add to
  // the term's weight and match nothing of their own. AND_MAYBE says so,
  // with the same matches and weights as an OR of all of them; with an OR,
  // Xapian took the tiers for independent terms and estimated a person's
  // records at four times their number ("about 7000" for 1,650).
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, fixed(quantised(scale), term),
                       Xapian::Query(Xapian::Query::OP_OR, tiers.begin(), tiers.end()));
}

}  // namespace opis

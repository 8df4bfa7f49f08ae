// The weight of a person or place term: how much a record is about a name,
// by its number of mentions, not diluted by the record's length.
//
// Xapian's BM25 divides a term's weight by the document's length, so a long
// record that names Khrushchev fifteen times (record 209747) would rank
// below a short one naming him six times; for persons and places the number
// of mentions is what matters.
//
// The weight is built from Xapian's built-in classes only, so that a search
// through a remote database (a stock xapian-tcpsrv, which knows no Opis
// class) works. The writer adds, beside each weighed term T with m mentions,
// a boolean "tier" term for each threshold t of kMentionTiers with m >= t
// (tier_term(t, T)). The query gives the record a fixed weight for T and
// one more for each of its tiers, ln(t / previous threshold) times scale:
//
//   OR( FILTER(FixedWeightPostingSource(scale),               T),
//       FILTER(FixedWeightPostingSource(scale * ln(2/1)),     tier_term(2, T)),
//       FILTER(FixedWeightPostingSource(scale * ln(3/2)),     tier_term(3, T)),
//       ...
//       FILTER(FixedWeightPostingSource(scale * ln(64/48)),   tier_term(64, T)) )
//
// so weight = scale * (1 + ln t) for the highest threshold t <= m: scale *
// (1 + ln m) with m rounded down to a threshold (at most 64). The
// thresholds are the powers of sqrt 2 rounded (2, 3, 4, 6, 8, 12 ...):
// with powers of 2 alone, 15 mentions weigh as 8 and 5 as 4, and the 30%
// spelling bonus (kExactNameBoost) of a record naming "Khrushchov" 5 times
// would beat the record naming Khrushchev 15 times (1.3 * (1 + ln 4) >
// 1 + ln 8), against the old exact weight. A tier term absent from the
// database costs next to nothing: Xapian drops a leaf whose term does not
// exist.
#pragma once

#include <array>
#include <string>

#include <xapian.h>

namespace opis {

/// Mention thresholds: a weighed term of a record with m mentions has one
/// tier term for each threshold <= m.
inline constexpr std::array<Xapian::termcount, 11> kMentionTiers = {2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64};

/// The tier term of weighed term `term` for threshold `t`: the name_tier
/// prefix + t + ':' + term, capped like prefixed_term() ("XNT8:XPKkrusuv").
std::string tier_term(Xapian::termcount t, const std::string& term);

/// Add the tier terms of `term` (boolean: they change no document length)
/// for a record with `mentions` mentions.
void add_tier_terms(Xapian::Document& doc, const std::string& term, Xapian::termcount mentions);

/// The weight a record with `mentions` mentions of a term gets:
/// scale * (1 + ln t), t the highest threshold <= mentions (1 when none);
/// 0 for no mention. Each part (scale, and each tier's step) is rounded to
/// a multiple of 2^-20, so that sums are exact in any order (equal weights
/// stay equal on every layout of shards); this is the exact sum the query
/// gives.
double name_weight(Xapian::termcount mentions, double scale);

/// The query that weighs `term` by mentions (see above): built-ins only.
Xapian::Query name_weight_query(const std::string& term, double scale);

}  // namespace opis

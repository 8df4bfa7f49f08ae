// person:, place: and within: queries: the query side of the entity terms
// (index/entity_terms.h), built from the same term functions so that the two
// sides cannot drift apart.
#include "opis/search/entity_query.h"

#include "opis/entities/authority.h"
#include "opis/entities/gazetteer.h"
#include "opis/entities/name_key.h"
#include "opis/index/entity_terms.h"
#include "opis/index/name_weight.h"
#include "opis/index/schema.h"
#include "opis/base/text.h"
#include "opis/search/query_builder.h"

namespace opis {

namespace {

// A term weighed by mentions (name_weight.h): its tier terms must have
// been indexed (add_entity_terms() does, for every prefix used here:
// person, person_key, person_exact, place).
Xapian::Query source(const std::string& term, double scale) { return name_weight_query(term, scale); }

}  // namespace

Xapian::Query person_query(const std::string& raw) {
  std::string value = trim_copy(raw);
  std::vector<Xapian::Query> parts;
  if (!value.empty() && value[0] == '=') {
    for (const auto& w : exact_name_words(value.substr(1))) parts.push_back(source(prefixed_term(field("person_exact"), w), 1.0));
  } else {
    // The surname is what is before a comma ("Ceaușescu, Nicolae"), else
    // the last word. It must match; the given names must not contradict
    // (XPG terms) and add to the score when they match too.
    std::string reading = reading_order(value);
    auto words = name_words(reading);
    if (words.empty()) throw QueryError("person:" + raw + " has no name in it; give a name of two letters or more");
    auto word_query = [](const std::string& w) {
      Xapian::Query exact(source(prefixed_term(field("person"), w), kExactNameBoost));
      Xapian::Query variant(source(prefixed_term(field("person_key"), name_key(w)), 1.0));
      // Every record with the word also has its key (person_name_terms()):
      // the exact word adds to the key's weight and matches nothing more.
      // AND_MAYBE gives the matches and weights of an OR, and lets Xapian
      // estimate the count from the key alone instead of taking the two
      // for independent terms (which overstated it, name_weight.cpp).
      return Xapian::Query(Xapian::Query::OP_AND_MAYBE, variant, exact);
    };
    std::string surname = words.back();
    if (auto comma = value.find(','); comma != std::string::npos) {
      auto sw = name_words(value.substr(0, comma));
      if (!sw.empty()) surname = sw.back();
    }
    Xapian::Query q = word_query(surname);
    std::string folded = fold_name(reading);
    std::string first_token = folded.substr(0, folded.find(' '));
    bool has_given = folded.find(' ') != std::string::npos && first_token != surname;
    if (has_given) {
      std::string k = name_key(surname);
      Xapian::Query compatible(Xapian::Query::OP_OR, Xapian::Query(prefixed_term(field("person_given"), k + "_" + folded.substr(0, 1))),
                               Xapian::Query(prefixed_term(field("person_given"), k + "_")));
      q = Xapian::Query(Xapian::Query::OP_FILTER, q, compatible);
      std::vector<Xapian::Query> given;
      for (const auto& w : words) {
        if (w != surname) given.push_back(word_query(w));
      }
      if (!given.empty()) q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, Xapian::Query(Xapian::Query::OP_OR, given.begin(), given.end()));
    }
    return q;
  }
  if (parts.empty()) throw QueryError("person:" + raw + " has no name in it; give a name of two letters or more");
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

Xapian::Query place_query(const std::string& raw, const std::string& gazetteer) {
  std::string canon = Gazetteer::canonical_of(trim(raw), gazetteer);
  std::string key = fold_name(canon);
  if (key.empty()) throw QueryError("place:" + raw + " has no name in it");
  return source(prefixed_term(field("place"), key), 1.0);
}

Xapian::Query within_query(const std::string& raw, const std::string& gazetteer) {
  std::string canon = Gazetteer::canonical_of(trim(raw), gazetteer);
  std::string key = fold_name(canon);
  if (key.empty()) throw QueryError("within:" + raw + " has no name in it");
  return Xapian::Query(prefixed_term(field("within"), key));
}

}  // namespace opis

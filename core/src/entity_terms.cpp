// Entity terms: persons and places into the index, and person:/place:/within:
// queries out of it (see the header).
#include "opis/entity_terms.h"

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "opis/authority.h"
#include "opis/entity_extractor.h"
#include "opis/gazetteer.h"
#include "opis/name_key.h"
#include "opis/name_weight.h"
#include "opis/query_builder.h"
#include "opis/schema.h"
#include "opis/text.h"

namespace opis {

namespace {

// Words of a name as written, lower-cased with diacritics kept, for person:=.
std::vector<std::string> exact_words(std::string_view name) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    std::string e = exact_form(cur);
    // One letter (an initial) is not a name word.
    if (e.size() > 1 && !(e.size() == 2 && static_cast<unsigned char>(e[0]) >= 0xC0)) out.push_back(e);
    cur.clear();
  };
  for (char c : name) {
    if (c == ' ' || c == ',' || c == '.' || c == '(' || c == ')' || c == '-' || c == '\'' || c == '"' || c == '\t') flush();
    else cur += c;
  }
  flush();
  return out;
}

// The values of a multi-valued facet for one record: one per key (the
// first label seen for it), at most kMaxFacetValues; when there are more,
// the most mentioned keys, kept in the record's order. They go into slots
// base, base + 1, ... (schema.h), for ValueCountMatchSpy (facet_spy.h).
class FacetValues {
 public:
  void add(const std::string& key, const std::string& value, Xapian::termcount mentions) {
    auto [it, fresh] = m_index.emplace(key, m_values.size());
    if (fresh) m_values.push_back({value, 0});
    m_values[it->second].mentions += mentions;
  }
  void write(Xapian::Document& doc, Xapian::valueno base) const {
    std::vector<std::size_t> keep(m_values.size());
    for (std::size_t i = 0; i < keep.size(); ++i) keep[i] = i;
    if (keep.size() > kMaxFacetValues) {
      std::stable_sort(keep.begin(), keep.end(),
                       [&](std::size_t a, std::size_t b) { return m_values[a].mentions > m_values[b].mentions; });
      keep.resize(kMaxFacetValues);
      std::sort(keep.begin(), keep.end());
    }
    for (std::size_t k = 0; k < keep.size(); ++k) doc.add_value(base + static_cast<Xapian::valueno>(k), m_values[keep[k]].value);
  }

 private:
  struct Value {
    std::string value;
    Xapian::termcount mentions;
  };
  std::vector<Value> m_values;
  std::map<std::string, std::size_t> m_index;
};

// The surname-and-initial terms of a name (XPG): "N.S. Khrushchev" gives
// krusuv_n, a bare "Khrushchev" krusuv_. A query "Nikita Khrushchev" then
// asks for krusuv_n or krusuv_, so it finds N.S. Khrushchev and a bare
// Khrushchev, never Sergei Khrushchev; "Hassan Sabri" never finds Ali Sabri.
std::vector<std::string> given_keys(const std::string& form) {
  std::string reading = reading_order(form);
  std::string folded = fold_name(reading);
  auto words = name_words(reading);
  std::vector<std::string> out;
  if (folded.empty() || words.empty()) return out;
  std::string first_token = folded.substr(0, folded.find(' '));
  for (const auto& w : words) {
    if (w == first_token) out.push_back(name_key(w) + "_");
    else out.push_back(name_key(w) + "_" + folded.substr(0, 1));
  }
  return out;
}

// A term weighed by mentions (name_weight.h): its tier terms must have
// been indexed (add_entity_terms() does, for every prefix used here:
// person, person_key, person_exact, place).
Xapian::Query source(const std::string& term, double scale) { return name_weight_query(term, scale); }

}  // namespace

const Record& with_entities(const Record& source, Record& scratch) {
  const ExtractOptions& o = extract_options();
  if (!o.enabled || !source.persons.empty() || !source.places.empty()) return source;
  scratch = source;
  extract_entities(scratch, Gazetteer::instance(), o.authority.get());
  return scratch;
}

std::string person_facet_key(const Person& p) {
  auto w = name_words(p.surname.empty() ? p.name : p.surname);
  return w.empty() ? std::string() : name_key(w.back());
}

std::set<std::string> person_name_terms(const Person& p) {
  if (!p.terms.empty()) return {p.terms.begin(), p.terms.end()};
  const Field& pn = field("person");
  const Field& px = field("person_exact");
  const Field& pk = field("person_key");
  std::set<std::string> terms;
  std::vector<std::string> names{p.name};
  names.insert(names.end(), p.forms.begin(), p.forms.end());
  names.insert(names.end(), p.aliases.begin(), p.aliases.end());
  for (const auto& n : names) {
    for (const auto& w : name_words(n)) {
      terms.insert(prefixed_term(pn, w));
      terms.insert(prefixed_term(pk, name_key(w)));
    }
    for (const auto& w : exact_words(n)) terms.insert(prefixed_term(px, w));
  }
  return terms;
}

std::string place_name_term(const Place& p) {
  return p.term.empty() ? prefixed_term(field("place"), fold_name(p.name)) : p.term;
}

void add_entity_terms(Xapian::Document& doc, const Record& r, EntityTermsOut* out) {
  // Terms weighed by mentions (source() below) and their wdf in this
  // record, summed over the persons and places that give them (as Xapian
  // sums the wdf): their tier terms are added at the end.
  std::map<std::string, Xapian::termcount> weighed;
  FacetValues person_facets;
  for (const Person& p : r.persons) {
    std::set<std::string> terms = person_name_terms(p), given;
    if (out) out->persons.emplace_back(terms.begin(), terms.end());
    // Surname + initial: from the full name and aliases, and from forms of
    // more than one word (a bare "Khrushchev" mention says nothing of the
    // given name when the full name is known).
    std::vector<std::string> full{p.name};
    full.insert(full.end(), p.aliases.begin(), p.aliases.end());
    for (const auto& f : p.forms) {
      if (f.find(' ') != std::string::npos || f.find(',') != std::string::npos) full.push_back(f);
    }
    for (const auto& f : full) {
      for (const auto& g : given_keys(f)) given.insert(prefixed_term(field("person_given"), g));
    }
    Xapian::termcount wdf = std::max(1u, p.mentions);
    for (const auto& t : terms) {
      doc.add_term(t, wdf);
      weighed[t] += wdf;
    }
    for (const auto& t : given) doc.add_term(t, wdf);
    std::string key = person_facet_key(p);
    if (!key.empty()) {
      // Label: the surname as written, or the whole name for one-word names.
      person_facets.add(key, key + kFacetLabelSep + (p.surname.empty() ? p.name : p.surname), wdf);
    }
  }
  const Field& wi = field("within");
  FacetValues place_facets;
  for (const Place& p : r.places) {
    Xapian::termcount wdf = std::max(1u, p.mentions);
    std::string t = place_name_term(p);
    if (out) out->places.push_back(t);
    doc.add_term(t, wdf);
    weighed[t] += wdf;
    doc.add_boolean_term(prefixed_term(wi, fold_name(p.name)));
    if (!p.country.empty()) doc.add_boolean_term(prefixed_term(wi, fold_name(p.country)));
    if (!p.name.empty()) place_facets.add(p.name, p.name, wdf);
  }
  for (const auto& [t, m] : weighed) add_tier_terms(doc, t, m);
  person_facets.write(doc, slot::persons);
  place_facets.write(doc, slot::places);
  if (r.date.known()) doc.add_value(slot::year, r.date.start.key().substr(0, 4));
  if (!r.original_language.empty()) doc.add_value(slot::lang, r.original_language);
  if (!r.archive.empty()) doc.add_value(slot::archive, r.archive);
}

Xapian::Query person_query(const std::string& raw) {
  std::string value = trim_copy(raw);
  std::vector<Xapian::Query> parts;
  if (!value.empty() && value[0] == '=') {
    for (const auto& w : exact_words(value.substr(1))) parts.push_back(source(prefixed_term(field("person_exact"), w), 1.0));
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

Xapian::Query place_query(const std::string& raw) {
  std::string canon = Gazetteer::canonical_of(trim(raw));
  std::string key = fold_name(canon);
  if (key.empty()) throw QueryError("place:" + raw + " has no name in it");
  return source(prefixed_term(field("place"), key), 1.0);
}

Xapian::Query within_query(const std::string& raw) {
  std::string canon = Gazetteer::canonical_of(trim(raw));
  std::string key = fold_name(canon);
  if (key.empty()) throw QueryError("within:" + raw + " has no name in it");
  return Xapian::Query(prefixed_term(field("within"), key));
}

}  // namespace opis

// Entity terms: persons and places into the index, and person:/place:/within:
// queries out of it (see the header).
#include "opis/index/entity_terms.h"

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "opis/base/text.h"
#include "opis/entities/authority.h"
#include "opis/entities/entity_extractor.h"
#include "opis/entities/name_floor.h"
#include "opis/entities/name_key.h"
#include "opis/entities/tagged_entities.h"
#include "opis/index/name_weight.h"
#include "opis/index/schema.h"

namespace opis {

namespace {

// The values of a multi-valued facet for one record: one per key (the
// first label seen for it), at most kMaxFacetValues; when there are more,
// the most mentioned keys, kept in the record's order. They go into slots
// base, base + 1, ... (schema.h), for ValueCountMatchSpy (search/facets.h).
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
    for (std::size_t k = 0; k < keep.size(); ++k)
      doc.add_value(base + static_cast<Xapian::valueno>(k), m_values[keep[k]].value);
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
  // The first given name or initial, particles aside, as the query takes it
  // (registered_person_query()): "von Waldstein-Wartenberg" gives
  // wartenberg_w, so that the query of that name finds it.
  std::string first_token;
  for (const auto& t : split_fields(folded, ' ')) {
    if (!is_name_particle(t, ParticleUse::running_text)) {
      first_token = std::string(t);
      break;
    }
  }
  if (first_token.empty()) first_token = folded.substr(0, folded.find(' '));
  for (const auto& w : words) {
    if (w == first_token)
      out.push_back(name_key(w) + "_");
    else
      out.push_back(name_key(w) + "_" + first_token.substr(0, 1));
  }
  return out;
}

// A register's authority ids ("gnd:118609807"): exact terms, found by
// authority:gnd:118609807 and person:/place: given an id.
void add_authority_terms(Xapian::Document& doc, const std::vector<std::string>& ids) {
  for (const auto& id : ids) doc.add_boolean_term(boolean_term(field("authority"), id));
}

// A place's other names from its register (and the gazetteer's canonical
// names for them, tagged_entities.h): each a place term, as its name is.
void add_place_alias_terms(Xapian::Document& doc, const Place& p, const std::string& main_term, Xapian::termcount wdf,
                           std::map<std::string, Xapian::termcount>& weighed) {
  std::set<std::string> seen{main_term};
  for (const auto& a : p.aliases) {
    std::string t = prefixed_term(field("place"), fold_name(a));
    if (!seen.insert(t).second) continue;
    doc.add_term(t, wdf);
    weighed[t] += wdf;
  }
}

}  // namespace

std::vector<std::string> exact_name_words(std::string_view name) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    std::string e = exact_form(cur);
    // One letter (an initial) is not a name word.
    if (e.size() > 1 && !(e.size() == 2 && static_cast<unsigned char>(e[0]) >= 0xC0)) out.push_back(e);
    cur.clear();
  };
  for (char c : name) {
    if (c == ' ' || c == ',' || c == '.' || c == '(' || c == ')' || c == '-' || c == '\'' || c == '"' || c == '\t')
      flush();
    else
      cur += c;
  }
  flush();
  return out;
}

namespace {

// A record whose source tags persons or places (TEI, EAD): the extractor
// reads its text too, and the markup wins where they disagree.
const Record& with_tagged_entities(const Record& source, Record& scratch, const EntityExtractor& extractor) {
  scratch = source;
  std::vector<Person> persons;
  std::vector<Place> places;
  std::copy_if(source.persons.begin(), source.persons.end(), std::back_inserter(persons),
               [](const Person& p) { return p.tagged; });
  std::copy_if(source.places.begin(), source.places.end(), std::back_inserter(places),
               [](const Place& p) { return p.tagged; });
  scratch.persons.clear();
  scratch.places.clear();
  extractor.extract(scratch);
  merge_tagged_entities(scratch, persons, places, extractor.gazetteer());
  return scratch;
}

}  // namespace

const Record& with_entities(const Record& source, Record& scratch, const EntityExtractor* extractor) {
  if (extractor && has_tagged_entities(source)) return with_tagged_entities(source, scratch, *extractor);
  if (!extractor || !source.persons.empty() || !source.places.empty()) return source;
  scratch = source;
  extractor->extract(scratch);
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
    for (const auto& w : exact_name_words(n)) terms.insert(prefixed_term(px, w));
  }
  return terms;
}

std::string place_name_term(const Place& p) {
  return p.term.empty() ? prefixed_term(field("place"), fold_name(p.name)) : p.term;
}

void add_entity_terms(Xapian::Document& doc, const Record& r, EntityTermsOut* out) {
  // The floor: every word written as a name, registered or not (boolean:
  // no length, no weight of its own; the query gives it a fixed one).
  const Field& nw = field("name_word");
  const PersonNames names = person_names(r);
  for (const auto& k : name_like_keys(r, names)) doc.add_boolean_term(prefixed_term(nw, k));
  for (const auto& g : names.given) doc.add_boolean_term(prefixed_term(field("given_name"), name_key(g)));
  // Terms weighed by mentions (name_weight_query() on the search side) and their wdf in this
  // record, summed over the persons and places that give them (as Xapian
  // sums the wdf): their tier terms are added at the end.
  std::map<std::string, Xapian::termcount> weighed;
  FacetValues person_facets;
  const auto surnames = person_surname_keys(r, names);
  for (std::size_t pi = 0; pi < r.persons.size(); ++pi) {
    const Person& p = r.persons[pi];
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
    // The keys a one-word person: query must meet (name_floor.h): "person:Murray"
    // is no match for Nicholas Murray Butler.
    for (const auto& k : surnames[pi]) doc.add_boolean_term(prefixed_term(field("person_surname"), k));
    add_authority_terms(doc, p.ids);
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
    add_place_alias_terms(doc, p, t, wdf, weighed);
    add_authority_terms(doc, p.ids);
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

}  // namespace opis

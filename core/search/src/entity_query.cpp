// person:, place: and within: queries: the query side of the entity terms
// (index/entity_terms.h), built from the same term functions so that the two
// sides cannot drift apart.
#include "opis/search/entity_query.h"

#include <optional>

#include <map>

#include "opis/base/text.h"
#include "opis/entities/authority.h"
#include "opis/entities/gazetteer.h"
#include "opis/entities/name_floor.h"
#include "opis/entities/name_key.h"
#include "opis/index/entity_terms.h"
#include "opis/index/name_weight.h"
#include "opis/index/schema.h"
#include "opis/search/query_builder.h"

namespace opis {

namespace {

// A term weighed by mentions (name_weight.h): its tier terms must have
// been indexed (add_entity_terms() does, for every prefix used here:
// person, person_key, person_exact, place).
Xapian::Query source(const std::string& term, double scale) { return name_weight_query(term, scale); }

}  // namespace

namespace {

// The words of a name without its particles (al-, el-, ibn, von, de...):
// "Al-Mudaris" is Mudaris, and "al" is no given name.
std::vector<std::string> name_words_without_particles(std::string_view name) {
  std::vector<std::string> out;
  for (auto& w : name_words(name)) {
    if (!is_name_particle(w, ParticleUse::running_text)) out.push_back(std::move(w));
  }
  return out;
}

// The floor of person: and place: (entities/name_floor.h): records that write
// the name as a name, registered or not, at a fixed weight below every
// registered mention. One word: its name key among the name-like words (any
// variant). More words: the phrase as typed, as plain search finds it. Records
// where the name is registered as the other kind of entity (`other`) are left
// out: Jordan the country is not person:Jordan (country_term_of()).
Xapian::Query name_floor_query(std::string_view value, const std::vector<std::string>& words,
                               const Xapian::Query& other, bool opening = true) {
  Xapian::Query floor;
  if (words.size() == 1) {
    // Its key, or the word as spelled where the record's language has it
    // as a word, or its key where it only opens names, unless that is a
    // given name there (name_floor.h).
    const std::string key = name_key(words.front());
    std::vector<Xapian::Query> any{Xapian::Query(prefixed_term(field("name_word"), key)),
                                   Xapian::Query(prefixed_term(field("name_word"), exact_floor_word(words.front())))};
    if (opening) {
      any.emplace_back(prefixed_term(field("name_word"), opening_floor_word(key)));
      any.emplace_back(prefixed_term(field("name_word"), opening_floor_word(exact_floor_word(words.front()))));
    }
    floor = Xapian::Query(Xapian::Query::OP_OR, any.begin(), any.end());
  } else {
    // The words as the index has them: Xapian's own TermGenerator splits the
    // name ("d'Estournelles" is one word), so the phrase is plain search's.
    Xapian::Document doc;
    Xapian::TermGenerator tg;
    tg.set_document(doc);
    tg.index_text(search_fold(value));  // folded, as the parser gives plain search its words
    std::map<Xapian::termpos, std::string> at;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) at[*p] = *t;
    }
    if (at.empty()) return {};
    std::vector<Xapian::Query> phrase;
    for (const auto& [pos, term] : at) phrase.emplace_back(term);
    floor = phrase.size() == 1 ? phrase.front() : Xapian::Query(Xapian::Query::OP_PHRASE, phrase.begin(), phrase.end());
  }
  floor = Xapian::Query(Xapian::Query::OP_FILTER,
                        Xapian::Query((new Xapian::FixedWeightPostingSource(kNameFloorWeight))->release()), floor);
  return other.empty() ? floor : Xapian::Query(Xapian::Query::OP_AND_NOT, floor, other);
}

// The surname of a person: value: what is before a comma ("Ceaușescu,
// Nicolae"), else the last word.
std::string surname_of(const std::string& value, const std::vector<std::string>& words) {
  if (auto comma = value.find(','); comma != std::string::npos) {
    auto sw = name_words_without_particles(value.substr(0, comma));
    if (!sw.empty()) return sw.back();
  }
  return words.back();
}

// The registered tier of person:NAME (not person:=NAME).
Xapian::Query registered_person_query(const std::string& value, const std::string& reading,
                                      const std::vector<std::string>& words) {
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
  // The surname must match; the given names must not contradict (XPG
  // terms) and add to the score when they match too.
  const std::string surname = surname_of(value, words);
  Xapian::Query q = word_query(surname);
  // The first given name or initial ("N.S." folds to "ns"), particles aside.
  std::vector<std::string> tokens;
  for (const auto& t : split_fields(fold_name(reading), ' ')) {
    if (!is_name_particle(t, ParticleUse::running_text)) tokens.push_back(t);
  }
  bool has_given = tokens.size() > 1 && tokens.front() != surname;
  if (has_given) {
    std::string k = name_key(surname);
    Xapian::Query compatible(Xapian::Query::OP_OR,
                             Xapian::Query(prefixed_term(field("person_given"), k + "_" + tokens.front().substr(0, 1))),
                             Xapian::Query(prefixed_term(field("person_given"), k + "_")));
    q = Xapian::Query(Xapian::Query::OP_FILTER, q, compatible);
    std::vector<Xapian::Query> given;
    for (const auto& w : words) {
      if (w != surname) given.push_back(word_query(w));
    }
    if (!given.empty())
      q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q,
                        Xapian::Query(Xapian::Query::OP_OR, given.begin(), given.end()));
  }
  return q;
}

// The place term of a name, canonical by the gazetteer.
std::string place_term_of(std::string_view name, const std::string& gazetteer) {
  std::string key = fold_name(Gazetteer::canonical_of(name, gazetteer));
  return key.empty() ? key : prefixed_term(field("place"), key);
}

// The place term of a name that stands for a country, a former country or a
// region (Jordan, Georgia, Chad), whose registration in a record shows the
// word to be no person there; "" for other names. Towns are left out: the
// extractor takes a surname for one (Perez, Leigh) more often than not.
std::string country_term_of(std::string_view name, const std::string& gazetteer) {
  const auto entries = Gazetteer::entries_of(name, gazetteer);
  if (entries.empty()) return {};
  const std::string& kind = entries.front().kind;
  if (kind != "country" && kind != "former" && kind != "region") return {};
  return prefixed_term(field("place"), fold_name(entries.front().canonical));
}

// person:gnd:118609807, place:geonames:2761369: an authority id of a
// register (authority_id() in the record layer's XML readers) is no name:
// the record that carries it, exactly.
std::optional<Xapian::Query> authority_query(std::string_view value) {
  auto colon = value.find(':');
  if (colon == std::string_view::npos || colon + 1 >= value.size()) return std::nullopt;
  std::string scheme = ascii_lower(value.substr(0, colon));
  for (std::string_view known : {"gnd", "viaf", "geonames", "wikidata", "lcnaf", "ulan", "tgn", "isni"}) {
    if (scheme == known && value.find(' ') == std::string_view::npos)
      return Xapian::Query(boolean_term(field("authority"), value));
  }
  return std::nullopt;
}

}  // namespace

Xapian::Query person_query(const std::string& raw, const std::string& gazetteer, const Xapian::Database* db) {
  std::string value = trim_copy(raw);
  if (auto q = authority_query(value)) return *q;
  if (!value.empty() && value[0] == '=') {
    std::vector<Xapian::Query> parts;
    for (const auto& w : exact_name_words(value.substr(1)))
      parts.push_back(source(prefixed_term(field("person_exact"), w), 1.0));
    if (parts.empty()) throw QueryError("person:" + raw + " has no name in it; give a name of two letters or more");
    return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
  }
  std::string reading = reading_order(value);
  auto words = name_words_without_particles(reading);
  if (words.empty()) throw QueryError("person:" + raw + " has no name in it; give a name of two letters or more");
  Xapian::Query registered = registered_person_query(value, reading, words);
  // Whether the collection calls someone by the word as a given name
  // ("Lieber Hermann"): then a name it only opens is no hit ("Hermann Bahr"
  // for person:Hermann). A look-up in the database, so that a collection
  // teaches it (no list of given names is packaged).
  auto opening = [&](const std::string& word) {
    return !db || db->get_termfreq(prefixed_term(field("given_name"), name_key(word))) == 0;
  };
  const bool one_opening = words.size() == 1 && opening(words.front());
  if (words.size() == 1) {
    // One word: a registered person whose surname it is, or who is written
    // by it alone (XPS, name_floor.h), not one whose given name it is.
    const std::string key = name_key(words.front());
    Xapian::Query surname(prefixed_term(field("person_surname"), key));
    if (one_opening)
      surname = Xapian::Query(Xapian::Query::OP_OR, surname,
                              Xapian::Query(prefixed_term(field("person_surname"), opening_floor_word(key))));
    registered = Xapian::Query(Xapian::Query::OP_FILTER, registered, surname);
  }
  std::string place = country_term_of(reading, gazetteer);
  Xapian::Query floor = name_floor_query(reading, words, place.empty() ? Xapian::Query() : Xapian::Query(place),
                                         words.size() > 1 || one_opening);
  if (words.size() == 1 && !floor.empty() && !one_opening) {
    // For --explain: why the records that write the word only opening a
    // name are left out. Of weight 0, it changes no match and no score.
    Xapian::Query given(prefixed_term(field("given_name"), name_key(words.front())));
    floor =
        Xapian::Query(Xapian::Query::OP_AND_MAYBE, floor, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, given, 0.0));
  }
  if (words.size() > 1) {
    // "Vladimir Lenin" in a record that writes only "Lenin": the surname
    // alone, as a bare mention is registered (compatible with any given
    // name), unless a person of that surname is registered there (then the
    // registered tier says whether the given names agree).
    const std::string surname = surname_of(value, words);
    std::string country = country_term_of(surname, gazetteer);
    Xapian::Query bare = name_floor_query(surname, {surname},
                                          country.empty() ? Xapian::Query() : Xapian::Query(country), opening(surname));
    bare = Xapian::Query(
        Xapian::Query::OP_AND_NOT, bare,
        Xapian::Query(Xapian::Query::OP_WILDCARD, prefixed_term(field("person_given"), name_key(surname) + "_")));
    floor = floor.empty() ? bare : Xapian::Query(Xapian::Query::OP_MAX, floor, bare);
  }
  return floor.empty() ? registered : Xapian::Query(Xapian::Query::OP_OR, registered, floor);
}

Xapian::Query place_query(const std::string& raw, const std::string& gazetteer) {
  std::string name(trim(raw));
  if (auto q = authority_query(name)) return *q;
  std::string term = place_term_of(name, gazetteer);
  if (term.empty()) throw QueryError("place:" + raw + " has no name in it");
  Xapian::Query registered = source(term, 1.0);
  auto words = name_words_without_particles(name);
  if (words.empty()) return registered;
  // No record is left out of place:'s floor for naming a person of that
  // name: person names are found by rules over capitalised words, which in
  // German prose or address lines take place names for persons ("Arthur
  // Schnitzler Wien"), and hid 2% of the places of a development collection.
  // Places come from the gazetteer, a surer sign: person:'s floor does
  // leave out a record where the name is a place and no person.
  Xapian::Query floor = name_floor_query(name, words, Xapian::Query());
  return floor.empty() ? registered : Xapian::Query(Xapian::Query::OP_OR, registered, floor);
}

Xapian::Query within_query(const std::string& raw, const std::string& gazetteer) {
  std::string canon = Gazetteer::canonical_of(trim(raw), gazetteer);
  std::string key = fold_name(canon);
  if (key.empty()) throw QueryError("within:" + raw + " has no name in it");
  return Xapian::Query(prefixed_term(field("within"), key));
}

}  // namespace opis

// Entity terms: how persons and places are put into the index and searched,
// both sides in one place so they cannot drift apart.
//
// Index side (add_entity_terms, called by make_document): for each word of
// each person's names (every form seen, and authority aliases) a folded term
// (XPN), an exact term (XPX, diacritics kept) and a match-key term (XPK),
// with wdf = the person's mentions, so that a record naming someone often
// ranks above one naming them once; for each place its canonical name (XPL)
// and for `within:` its country (XWI); facet values in their slots.
//
// Query side (search/entity_query.h): person:NAME is, for each word, OR(exact folded term scaled by
// kExactNameBoost, key term): every variant matches, the spelling the user
// typed counts double. person:=NAME matches exact terms only. place:NAME
// goes through the gazetteer to the canonical name (place:Leningrad finds
// Saint Petersburg).
#pragma once

#include <set>
#include <string>

#include <xapian.h>

#include "opis/record/record.h"

namespace opis {

class EntityExtractor;

/// `source` itself when `extractor` is null (extraction off) or the record
/// already has entities, else `scratch` filled with a copy of it plus the
/// entities `extractor` finds.
const Record& with_entities(const Record& source, Record& scratch, const EntityExtractor* extractor);

/// The name terms add_entity_terms() gave each person and place, in the
/// order of Record::persons and Record::places (stored with the record).
struct EntityTermsOut {
  std::vector<std::vector<std::string>> persons;
  std::vector<std::string> places;
};

/// Add the person, place and facet terms and values of `r` to `doc`, and
/// the name terms of each person and place to `out` when given.
void add_entity_terms(Xapian::Document& doc, const Record& r, EntityTermsOut* out = nullptr);

/// The ranked name terms of a person (every word of every form, alias and
/// the name: as written, folded, and by sound key): what a person: query
/// can match. Also used to tell which persons of a record a query matched.
std::set<std::string> person_name_terms(const Person& p);
/// The ranked term of a place (its canonical name, folded).
std::string place_name_term(const Place& p);

/// The words of a name as written, lower-cased with diacritics kept: the
/// exact terms (person_exact) of the index, and what person:=NAME matches.
/// One letter (an initial) is not a name word.
std::vector<std::string> exact_name_words(std::string_view name);

/// The facet label key of a person: surname match key.
std::string person_facet_key(const Person& p);

}  // namespace opis

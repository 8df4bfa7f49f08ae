// The persons and places the source's editors tagged (TEI persName and
// placeName, EAD persname and geogname: Person::tagged, Place::tagged),
// joined with what the extractor finds in the untagged text. Where the two
// disagree the markup wins (docs/persons-places.md#markup).
#pragma once

#include "opis/entities/gazetteer.h"
#include "opis/record/record.h"

namespace opis {

/// True when the record comes with tagged persons or places.
bool has_tagged_entities(const Record& r);

/// `r` holds what the extractor found; `tagged_persons` and `tagged_places`
/// the source's markup. Afterwards r.persons and r.places are the tagged
/// ones first, then the extractor's that the markup does not already name
/// (same name key) or contradict (a word the markup tags as a place is no
/// person, and the other way round). Each tagged place also gets, as an
/// alias, the gazetteer's canonical name for each of its names, so that
/// place: finds it by the name a search goes through (place:Vienna and
/// place:Wien alike).
void merge_tagged_entities(Record& r, const std::vector<Person>& tagged_persons,
                           const std::vector<Place>& tagged_places, const Gazetteer& gazetteer);

}  // namespace opis

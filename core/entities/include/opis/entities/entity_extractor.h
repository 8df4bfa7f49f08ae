// The entity extractor: finds the persons and places a record names, at
// index time, and fills Record::persons and Record::places.
//
// Persons: names after titles and honorifics (Cde., Comrade, Mr., General,
// Prime Minister...), names with initials (N.S. Khrushchev), runs of
// capitalised words that are not places or common words (Abdul Majid
// Hassan, Rifat Kamil Al-Chadarji), surnames followed by a verb of speech
// (Hassan states), the people of the metadata with their role (contributor,
// translator, transcriber, note-taker), and the names of an authority file.
// Short mentions are linked to the full name by match key within the record
// (Hassan -> Abdul Majid Hassan, KRUSHCHEV -> N.S. Khrushchev).
//
// Places: the longest gazetteer name at each position (Soviet Union before
// Soviet), demonyms (Iraqi -> Iraq), with context rules: a name right after a
// capitalised given name is a person (Ruth Jordan), context-only names need a
// place word next to them (the Don, Don and Kuban), Georgia after a US city is
// the US state, Supreme Soviet is not a place.
#pragma once

#include <memory>

#include "opis/entities/authority.h"
#include "opis/entities/gazetteer.h"
#include "opis/record/record.h"

namespace opis {

struct ExtractOptions {
  bool enabled = true;                          ///< false: --no-extract
  std::shared_ptr<const Authority> authority;   ///< --authority FILE, or null
};

/// Process-wide extraction settings, read by make_document(). Set once by a
/// front end before indexing (opis-index --no-extract, --authority).
void set_extract_options(ExtractOptions opts);
const ExtractOptions& extract_options();

/// Fill r.persons and r.places from every field of the record.
void extract_entities(Record& r, const Gazetteer& gazetteer, const Authority* authority = nullptr);

/// True for a lower-case English word (Debian's /usr/share/dict/words, when
/// installed): capitalised common words are not names.
bool is_common_word(std::string_view folded);

}  // namespace opis

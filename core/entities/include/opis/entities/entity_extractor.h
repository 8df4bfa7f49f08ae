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

struct AuthorityIndex;  // the authority file's names by key (entity_extractor.cpp)

/// The extractor of one indexing run: a gazetteer and, when given, an
/// authority file whose names are keyed once here. Immutable after
/// construction: one may serve several threads.
class EntityExtractor {
 public:
  /// `gazetteer` must outlive the extractor.
  explicit EntityExtractor(const Gazetteer& gazetteer, std::shared_ptr<const Authority> authority = nullptr);
  /// Fill r.persons and r.places from every field of the record.
  void extract(Record& r) const;
  const Gazetteer& gazetteer() const { return m_gazetteer; }

 private:
  const Gazetteer& m_gazetteer;
  std::shared_ptr<const Authority> m_authority;
  std::shared_ptr<const AuthorityIndex> m_authority_index;
};

/// Fill r.persons and r.places from every field of the record (one record:
/// the authority file, when given, is keyed for this call alone).
void extract_entities(Record& r, const Gazetteer& gazetteer, const Authority* authority = nullptr);

/// True for a lower-case English word (Debian's /usr/share/dict/words, when
/// installed): capitalised common words are not names.
bool is_common_word(std::string_view folded);

}  // namespace opis

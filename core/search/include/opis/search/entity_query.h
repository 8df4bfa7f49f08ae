// person:, place: and within: queries (the query side of index/entity_terms.h).
//
// person:NAME is, for each word, OR(exact folded term scaled by
// kExactNameBoost, key term): every variant matches, the spelling the user
// typed counts more. person:=NAME matches exact terms only. place:NAME goes
// through the gazetteer to the canonical name (place:Leningrad finds Saint
// Petersburg).
#pragma once

#include <string>

#include <xapian.h>

namespace opis {

/// person:VALUE. Throws QueryError when VALUE has no name word.
/// `gazetteer`: the gazetteer file (QueryOptions::gazetteer), whose place of
/// that name leaves records out of the floor (Jordan the country). `db`
/// (when given): the database searched. Where it has the word of a one-word
/// query as a given name some record calls a person by (XNG, "Lieber
/// Hermann"), the query leaves out the records that write the word only
/// opening a name ("Hermann Bahr"; name_floor.h, opening_floor_word()).
Xapian::Query person_query(const std::string& value, const std::string& gazetteer,
                           const Xapian::Database* db = nullptr);
/// place:VALUE. The name is made canonical by Gazetteer::canonical_of()
/// with the gazetteer file at `gazetteer` (QueryOptions::gazetteer; "": the
/// name stands for itself), which reads only the file's lines for that
/// name: loading the whole gazetteer cost 50 ms a query (measured).
Xapian::Query place_query(const std::string& value, const std::string& gazetteer);
/// within:VALUE, likewise.
Xapian::Query within_query(const std::string& value, const std::string& gazetteer);

}  // namespace opis

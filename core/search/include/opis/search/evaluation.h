// Evaluation of person and place search against a gold file (opis-eval).
//
// Gold file: JSONL, one record a line:
//   {"id": "9010", "persons": ["Sabri, Hassan", ...], "places": ["Baghdad", ...]}
// For each record and each gold name, a person:/place: search restricted to
// the record (id:ID) tells whether search finds the record by that name
// (recall). Precision is over what the index holds for the record: of its
// extracted persons (places), the share that match a gold name. Nothing is
// indexed; the index must already hold the records.
//
// Side by side (issue 13), as eval/data-sources/measure.py counts them: the
// same value, a person's surname or a place's name, searched once as
// person:"V" (place:"V") and once as the plain phrase "V", each restricted
// to the record. With a mentions file (how the text writes each gold name)
// the pairs split into those some mention writes as the query value
// ("as register") and the others.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "opis/base/diagnostic.h"
#include "opis/entities/gazetteer.h"
#include "opis/search/searcher.h"

namespace opis {

struct GoldRecord {
  std::string id;
  std::vector<std::string> persons;  ///< "Surname, Given"
  std::vector<std::string> places;   ///< canonical names
  /// Surface forms of each gold name as the text writes it (load_mentions()).
  std::map<std::string, std::vector<std::string>> person_mentions, place_mentions;
  int line = 0;
};

/// Read a gold JSONL file; bad lines go to `diags` and are skipped. Throws
/// std::runtime_error when the file cannot be read.
std::vector<GoldRecord> load_gold(const std::string& path, std::vector<Diagnostic>& diags);

/// Read a mentions JSONL file into `gold`: one line per mention,
///   {"id": "9010", "kind": "person"|"place", "register": "Sabri, Hassan", "surface": "Hassan Sabri"}
/// (eval/data-sources/convert_tei.py writes it). Mentions of records or
/// names the gold does not hold are left out. Bad lines go to `diags` and are
/// skipped; throws std::runtime_error when the file cannot be read.
void load_mentions(const std::string& path, std::vector<GoldRecord>& gold, std::vector<Diagnostic>& diags);

/// Field search against the plain phrase of the same value, over a set of
/// (record, gold name) pairs.
struct Comparison {
  unsigned pairs = 0;
  unsigned field = 0;  ///< pairs whose person:"V" (place:"V") finds the record
  unsigned plain = 0;  ///< pairs whose plain phrase "V" finds the record
  double field_recall() const { return pairs ? double(field) / pairs : 1.0; }
  double plain_recall() const { return pairs ? double(plain) / pairs : 1.0; }
  void add(const Comparison& o);
};

struct Score {
  unsigned gold = 0, found = 0;         ///< recall: gold names whose search finds the record
  unsigned extracted = 0, correct = 0;  ///< precision: extracted names matching a gold name
  std::vector<std::string> missed;      ///< gold names not found
  std::vector<std::string> spurious;    ///< extracted names not in the gold
  Comparison by_name;                   ///< every gold name: field against plain phrase
  Comparison as_register;               ///< names some mention writes as the query value
  Comparison other;                     ///< names no mention writes so (or no mentions known)
  double recall() const { return gold ? double(found) / gold : 1.0; }
  double precision() const { return extracted ? double(correct) / extracted : 1.0; }
  void add(const Score& o);
};

struct RecordEval {
  std::string id;
  bool in_index = true;
  Score persons, places;
};

struct Evaluation {
  std::vector<RecordEval> records;
  Score persons, places;       ///< micro-averaged over all records
  bool with_mentions = false;  ///< some gold record has mentions: as_register/other mean something
};

/// Run the evaluation against an open index. `gazetteer` makes gold place
/// names canonical, and its file (Gazetteer::path()) is what the place:
/// queries look names up in.
Evaluation evaluate(Searcher& searcher, const std::vector<GoldRecord>& gold, const Gazetteer& gazetteer);

/// The person: value for a gold name: the name itself ("Sabri, Hassan"),
/// without a title part ("Hussein, King of Jordan" -> "Hussein").
std::string gold_person_query(const std::string& gold_name);

/// The value compared side by side (measure.py): a person's surname, the
/// gold name before its comma ("Sabri, Hassan" -> "Sabri"), or the whole
/// name when it has none; a place's name without a trailing parenthesis
/// ("Sarthe (former Maine)" -> "Sarthe"). Double quotes become spaces.
std::string gold_name_value(const std::string& gold_name, bool person);

/// True when some surface form writes `value` verbatim: case kept, as whole
/// words (no letter, digit or '_' on either side).
bool written_as(const std::string& value, const std::vector<std::string>& surfaces);

}  // namespace opis

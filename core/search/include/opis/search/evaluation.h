// Evaluation of person and place search against a gold file (opis-eval).
//
// Gold file: JSONL, one record a line:
//   {"id": "9010", "persons": ["Sabri, Hassan", ...], "places": ["Baghdad", ...]}
// For each record and each gold name, a person:/place: search restricted to
// the record (id:ID) tells whether search finds the record by that name
// (recall). Precision is over what the index holds for the record: of its
// extracted persons (places), the share that match a gold name. Nothing is
// indexed; the index must already hold the records.
#pragma once

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
  int line = 0;
};

/// Read a gold JSONL file; bad lines go to `diags` and are skipped. Throws
/// std::runtime_error when the file cannot be read.
std::vector<GoldRecord> load_gold(const std::string& path, std::vector<Diagnostic>& diags);

struct Score {
  unsigned gold = 0, found = 0;         ///< recall: gold names whose search finds the record
  unsigned extracted = 0, correct = 0;  ///< precision: extracted names matching a gold name
  std::vector<std::string> missed;      ///< gold names not found
  std::vector<std::string> spurious;    ///< extracted names not in the gold
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
  Score persons, places;  ///< micro-averaged over all records
};

/// Run the evaluation against an open index. `gazetteer` makes gold place
/// names canonical, and its file (Gazetteer::path()) is what the place:
/// queries look names up in.
Evaluation evaluate(Searcher& searcher, const std::vector<GoldRecord>& gold, const Gazetteer& gazetteer);

/// The person: value for a gold name: the name itself ("Sabri, Hassan"),
/// without a title part ("Hussein, King of Jordan" -> "Hussein").
std::string gold_person_query(const std::string& gold_name);

}  // namespace opis

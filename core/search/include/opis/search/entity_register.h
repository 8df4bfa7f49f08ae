// The register of persons and places across an index: for each person (or
// place) a canonical name, every variant seen, and the number of records
// naming it (opis-search --persons / --places).
//
// Persons of different records are the same register entry when their
// surnames share a match key and their first given names do not disagree
// (N.S. Khrushchev, Nikita Khrushchev, Khrushchov, Хрущёв are one; Ali Sabri
// and Hassan Sabri are two). The canonical name is the most frequent full
// form. Built by reading every record's stored persons and places: a pass
// over the index, fine for collections of tens of thousands of records.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

namespace opis {

struct RegisterEntry {
  std::string name;                   ///< canonical
  std::vector<std::string> variants;  ///< every other form seen, sorted
  unsigned records = 0;               ///< records naming it
  unsigned mentions = 0;              ///< mentions over all records
  std::vector<std::string> ids;       ///< ids of those records (sorted)
};

enum class EntityKind { person, place };

/// The whole register of an index, built once and filtered many times
/// (filter_register()): what opis-serve keeps per database revision, since
/// building it reads every record (seconds at 100,000 records) and filtering
/// it is a pass over its entries.
struct Register {
  EntityKind kind = EntityKind::person;
  std::vector<RegisterEntry> entries;  ///< every entry, in register order
  /// Per entry: its name and variants folded (fold_name), and for persons
  /// the match key of its surname ("" for places): what a pattern is matched against.
  std::vector<std::vector<std::string>> folded;
  std::vector<std::string> keys;
};

/// The register of `db` (a single database or several searched as one).
/// Throws Xapian::Error.
Register build_register(const Xapian::Database& db, EntityKind kind);

/// The entries of `reg` that `pattern` selects (empty: all), in register
/// order: as entity_register() filters.
std::vector<RegisterEntry> filter_register(const Register& reg, const std::string& pattern);

/// The register of the index at `db_path`, filtered by `pattern` (empty:
/// all): an entry is listed when the pattern, folded, is part of its name
/// or a variant, or a word of the pattern has the match key of its surname.
/// Sorted by records (most first), then name. Throws Xapian::Error.
std::vector<RegisterEntry> entity_register(const std::string& db_path, EntityKind kind, const std::string& pattern);

}  // namespace opis

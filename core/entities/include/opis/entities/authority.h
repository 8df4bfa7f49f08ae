// The person authority file: the register an archive already keeps, given to
// `opis-index --authority FILE`. Each entry is a canonical name with its
// aliases and titles ("Wellesley, Arthur": "Duke of Wellington", "Duc de
// Wellington"). At index time a record that names any of them gets the
// canonical person, and the keys of every alias, so that any of the names
// finds it. Formats: JSON (an array of objects), JSONL (one object a line):
//   {"name": "Wellesley, Arthur", "aliases": ["Duke of Wellington"], "titles": ["Duc de Wellington"]}
// or CSV with a header line name,aliases,titles (aliases and titles
// separated by ';').
#pragma once

#include <string>
#include <vector>

#include "opis/base/diagnostic.h"

namespace opis {

struct AuthorityEntry {
  std::string name;                  ///< canonical, "Surname, Given" or as the archive writes it
  std::vector<std::string> aliases;  ///< other names and spellings
  std::vector<std::string> titles;   ///< titles that stand for the person alone
  /// name, aliases and titles, each in reading order ("Arthur Wellesley").
  std::vector<std::string> forms() const;
};

struct Authority {
  std::vector<AuthorityEntry> entries;
};

/// Read an authority file (.json, .jsonl or .csv by extension; .csv is also
/// the fallback). Bad lines or entries go to `diags` (`path:line: error:
/// ...; entry skipped`); throws std::runtime_error when the file cannot be
/// read at all.
Authority load_authority(const std::string& path, std::vector<Diagnostic>& diags);

/// "Ceaușescu, Nicolae" -> "Nicolae Ceaușescu"; other names unchanged.
std::string reading_order(const std::string& name);

}  // namespace opis

// The recall floor of person: and place: (issue 13). Whatever the extractor
// decides, every word of a record's text that is written as a name
// (capitalised or all capitals, and not a function word, a month, or a
// common English word at the start of a sentence or in a heading) is kept as
// its name key: person:X and place:X then find every record that writes X,
// or a variant of it, as a name, below the records where X was registered.
#pragma once

#include <set>
#include <string>

#include "opis/record/record.h"

namespace opis {

/// The name keys (name_key()) of the name-like words of a record's title,
/// summary, body and extra text fields. Particles (al, von, de...) and
/// one-letter words are left out. In a German record a word ending in -s
/// also gives the key of the word without it (Langkammers: Langkammer).
std::set<std::string> name_like_keys(const Record& r);

}  // namespace opis

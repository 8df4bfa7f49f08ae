// Languages: the keys under which a record's language is indexed, so that
// `lang:russian`, `lang:ru` and `lang:rus` all find a record in Russian.
// Codes come from Debian's iso-codes (ISO 639-2, with the 639-1 codes).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace opis {

/// Folded name plus the ISO 639-1 and 639-2 codes when iso-codes knows the
/// language ("Russian" -> {"russian", "ru", "rus"}). Empty for "".
std::vector<std::string> language_keys(std::string_view name);

}  // namespace opis

// The part of a word a Snowball stemmer is given (issue 16), the same at
// index and query time.
#pragma once

#include <string_view>

namespace opis {

/// The part of a folded word to stem in language `code`: without a final
/// "'s" ("pagina's", the Dutch plural after a vowel) except in English,
/// whose stemmer removes it itself.
inline std::string_view stem_input(std::string_view folded, std::string_view code) {
  if (code != "en" && folded.size() > 2 && folded.substr(folded.size() - 2) == "'s") folded.remove_suffix(2);
  return folded;
}

}  // namespace opis

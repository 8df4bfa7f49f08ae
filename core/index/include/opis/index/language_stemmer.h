// The stemmer of each language, the same at index and query time (issue 16).
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace opis {

/// True when words in language `code` (ISO 639-1) get stem terms: Xapian
/// has a Snowball stemmer for it, or Opis reads a dictionary for it
/// (dictionary_name() and the dictionary is installed).
bool has_stemmer(std::string_view code);

/// The Debian hunspell dictionary ("pl_PL") whose lemmas Opis stems the
/// words of language `code` with before Snowball, or "" for none.
/// Polish has no Snowball stemmer; Italian's and Swedish's leave common
/// inflections apart ("comando"/"comandi", "flaggan"/"flaggor").
std::string_view dictionary_name(std::string_view code);

/// The stemmer of language `code` ("en" for English): for a word as written
/// (lower-cased; accents kept, so that the dictionary knows it) it returns
/// Snowball's stem of the folded word, after replacing the word by its
/// dictionary lemma where the language has a dictionary that knows the word;
/// languages with a dictionary but no Snowball stemmer get the folded
/// lemma. Words are memoised. An empty Stem when !has_stemmer(code).
/// One per thread: neither Xapian's stemmers nor hunspell are thread-safe.
Xapian::Stem language_stemmer(std::string_view code);

/// The stems (as language_stemmer()'s) of the dictionary words that fold to
/// `folded` ("strone" -> the stem of "stronę"), when `folded` is ASCII and
/// the language's dictionary does not know it: a query word typed without
/// its accents. Empty otherwise. Asks hunspell for suggestions: for the
/// query side, a few words at a time, not for indexing.
std::vector<std::string> accented_stems(std::string_view code, const std::string& folded);

}  // namespace opis

// German words for the name floor (name_floor.cpp): which capitalised words of
// a German text are words of the language rather than names. Private to the
// entities library.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "extractor.h"

namespace opis::extraction {

/// Debian's German hunspell dictionary (hunspell-de-de, /usr/share/hunspell/de_DE),
/// loaded once on first use. Hunspell knows German's inflections ("Richters",
/// "Leuten"), which no word list of ours would. The dictionary also lists
/// some names (Wien, Goethe, Müller): the floor asks it only where the text
/// itself says the word is no name (after an article, at a sentence start).
/// Safe to call from several threads (one lock, a memo of the words seen).
class GermanWords {
 public:
  /// The dictionary, or nullptr when it is not installed (the floor then
  /// keeps every capitalised word, as before).
  static const GermanWords* get();

  /// Whether the dictionary has `word` as written, as a word or an inflection
  /// of one (a stem of its own; a compound hunspell only guesses, such as
  /// "Sandrock", does not count).
  bool knows(const std::string& word) const;

  ~GermanWords();
  GermanWords(const GermanWords&) = delete;
  GermanWords& operator=(const GermanWords&) = delete;

 private:
  GermanWords();
  struct Impl;
  Impl* m_impl;
};

/// Whether a record's language (ISO 639-1 or -2, or the name) is German.
bool is_german_language(const std::string& language);

/// Whether the text shows that the capitalised word t[i] of a German text is
/// a word of the language, not a name: a noun after an article, a
/// determiner or a salutation ("ein Spiel", "des alten Richters", "lieber
/// Freund") that the dictionary knows, or a word capitalised only by its
/// place at the start of a sentence or line whose lower-case form the
/// dictionary knows ("Wenn", "Der", "Ihr"). A name the dictionary does not
/// know stays one ("die Sandrock", "der Kainz", "Bahr schreibt").
bool german_word(const std::vector<Token>& t, std::size_t i, const GermanWords& de);

}  // namespace opis::extraction

// German words for the name floor (name_floor.cpp): which capitalised words of
// a German text are words of the language rather than names. Private to the
// entities library.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "extractor.h"

namespace opis::extraction {

/// Debian's German hunspell dictionary (hunspell-de-de, /usr/share/hunspell/de_DE),
/// loaded once on first use. Hunspell knows German's inflections ("Richters",
/// "Leuten"), which no word list of ours would. The dictionary also lists
/// some names (Wien, Goethe, Müller): the floor asks it only where the text
/// itself says the word is no name (after a salutation: german_word()).
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
  std::unique_ptr<Impl> m_impl;
};

/// Whether a record's language (ISO 639-1 or -2, or the name) is German.
bool is_german_language(const std::string& language);

/// Whether the text shows that the capitalised word t[i] of a German text is
/// a word of the language, not a name: a determiner, a salutation or a
/// pronoun a letter capitalises ("Dein", "Lieber", "Dich"); a word from a
/// closed list at the start of a sentence or line ("Wenn", "Man", "Auch");
/// or a word the dictionary knows right after a salutation ("Lieber
/// Freund"). Not a noun after an article: Viennese "die Höflich", "der
/// Fischer" are persons whose names the dictionary knows as words.
bool german_word(const std::vector<Token>& t, std::size_t i, const GermanWords& de);

}  // namespace opis::extraction

// Words of a language for the name floor (name_floor.cpp): which capitalised
// words of a German or French text are words of the language rather than
// names. Private to the entities library.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "extractor.h"

namespace opis::extraction {

/// A Debian hunspell dictionary (libhunspell), loaded once on first use:
/// German (hunspell-de-de, /usr/share/hunspell/de_DE) and French
/// (hunspell-fr, /usr/share/hunspell/fr_FR). Hunspell knows a language's
/// inflections ("Richters", "Leuten", "tristes"), which no word list of ours
/// would. The dictionaries also list some names (Wien, Goethe, Müller, Lyon,
/// capitalised): the floor asks them only where the text itself says the
/// word is no name (after a salutation: german_word()), or in lower case
/// (French: name_floor.cpp). Safe to call from several threads (one lock, a
/// memo of the words seen).
class Dictionary {
 public:
  /// The dictionary, or nullptr when it is not installed (the floor then
  /// keeps every capitalised word, as before).
  static const Dictionary* german();
  static const Dictionary* french();

  /// Whether the dictionary has `word` as written, as a word or an inflection
  /// of one (German: with a stem of its own; a compound hunspell only
  /// guesses, such as "Sandrock", does not count).
  bool knows(const std::string& word) const;

  /// Whether hunspell accepts `word` as written, a compound it only guesses
  /// too ("Hofmann": Hof + Mann): knows() without the stem, half its cost.
  bool spells(const std::string& word) const;

  ~Dictionary();
  Dictionary(const Dictionary&) = delete;
  Dictionary& operator=(const Dictionary&) = delete;

 private:
  Dictionary(const char* aff, const char* dic, bool stem);
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

/// Whether Debian's French dictionary (hunspell-fr: Grammalecte's) tags
/// `word`, as written, as a given name ("po:prn") and as nothing else, not
/// even in lower case: about 2,800 given names of many languages ("Paul",
/// "Otto", "Olga", "Hassan"), not "Hugo" (a surname too), "Constant" or
/// "Pierre" (words), "Hermann" (a surname), "Felix" or "Leo" (absent). The
/// dictionary's lines are read once, without hunspell; false when it is not
/// installed.
bool dictionary_given_name(const std::string& word);

/// Whether a record's language (ISO 639-1 or -2, or the name) is German.
bool is_german_language(const std::string& language);

/// Whether the text shows that the capitalised word t[i] of a German text is
/// a word of the language, not a name: a determiner, a salutation or a
/// pronoun a letter capitalises ("Dein", "Lieber", "Dich"); a word from a
/// closed list at the start of a sentence or line ("Wenn", "Man", "Auch");
/// or a word the dictionary knows right after a salutation ("Lieber
/// Freund"). Not a noun after an article: Viennese "die Höflich", "der
/// Fischer" are persons whose names the dictionary knows as words.
bool german_word(const std::vector<Token>& t, std::size_t i, const Dictionary& de);

}  // namespace opis::extraction

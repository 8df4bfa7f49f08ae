// The recall floor of person: and place: (issue 13). Whatever the extractor
// decides, every word of a record's text that is written as a name
// (capitalised or all capitals, and not a function word, a month, or a
// common English word at the start of a sentence or in a heading) is kept as
// its name key: person:X and place:X then find every record that writes X,
// or a variant of it, as a name, below the records where X was registered.
#pragma once

#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "opis/record/record.h"

namespace opis {

/// What the name floor and the surname keys read of a record's registered
/// persons, worked out once a record (person_names()).
struct PersonNames {
  /// Person by person, the words of its name in reading order as written,
  /// without a title before them, particles and initials ("Herrn Hermann
  /// Bahr": Hermann, Bahr); none for a name with a comma ("Bahr, Hermann").
  std::vector<std::vector<std::string>> reading;
  /// The words the record uses as given names (folded, fold_name()): the
  /// first word of a person's full name that the record writes after a
  /// salutation or a closing ("Lieber Hermann", "Dein Hermann", "Dear
  /// Wystan", "Cher Paul"). Written alone otherwise, the first word may be a
  /// family name ("Lin Biao", then "Lin"), and is not taken for a given name.
  std::unordered_set<std::string> given;
};

PersonNames person_names(const Record& r);

/// The name keys (name_key()) of the name-like words of a record's title,
/// summary, body and extra text fields. Particles (al, von, de...) and
/// one-letter words are left out. In a German record a word ending in -s
/// also gives the key of the word without it (Langkammers: Langkammer).
/// A word the record uses as a given name (PersonNames::given) is left out
/// where it stands alone or opens a name ("Lieber Hermann", "Hermann Bahr"),
/// not after another name word ("Georg Hermann"); so is a word the French
/// dictionary has for a given name where it opens a name ("Otto Brahm").
/// A word written only opening names, or alone as the first word of a
/// registered full name ("Dein Hermann"), is kept as opening_floor_word().
/// Words that the record writes only inside a registered person's name, at
/// no surname's place (the given names of "Nicholas Murray Butler", the tail
/// of "Paul d'Estournelles de Constant"), are left out where they stand
/// there, when the record confirms the surname (person_surname_keys()).
///
/// A word that the record's language writes in lower case as a word of the
/// language (French, by Debian's hunspell-fr: "Triste", "Ligue",
/// "Province") is kept as exact_floor_word() of it, not as its key: it
/// matches a name spelled as it is, and no other spelling (Trieste, Liège,
/// Provence are not "Triste", "Ligue", "Province").
std::set<std::string> name_like_keys(const Record& r);
/// The same, with the record's person_names() worked out already.
std::set<std::string> name_like_keys(const Record& r, const PersonNames& person_names);

/// The floor entry of a word that matches only as spelled: "=" and its
/// folded form (fold_name()), which no name key is.
std::string exact_floor_word(std::string_view word);

/// The floor entry of a word that the record writes only opening a name of
/// two words or more ("Hermann" of "Hermann Bahr"): "^" and its key. A
/// given name the dictionary does not know stands there; a one-word
/// person: query asks for it only where the collection calls nobody by that
/// word (no XNG term: PersonNames::given). place: asks for it always.
std::string opening_floor_word(std::string_view key);

/// For each person of a record, the name keys by which a one-word person:
/// query finds it (XPS terms): the keys of its surname (surname_words() of
/// its name and aliases) and of each form the record writes alone ("Butler",
/// "d'Estournelles"), when the surname is sure: a particle marks it ("Paul
/// d'Estournelles de Constant") or the record writes it alone somewhere,
/// and the name is no run-on of several ("W. H. Auden Stella Musulin":
/// initials and three more words, or four words). A person whose words are
/// all words of a sure name of the record is that person ("Estournelles de
/// Constant"). Otherwise the keys of every word of its name, forms and
/// aliases, as before, the first word of a full name as
/// opening_floor_word() of its key ("Hermann Bahr"). No given name is a key:
/// a word of PersonNames::given, nor the first word of a name that the
/// French dictionary has for a given name ("Otto Brahm"; written alone too,
/// it is kept as opening_floor_word()); a one-word person that is a given
/// name of the record's has no key. `sure` (when given) says which of the
/// two, person by person.
std::vector<std::set<std::string>> person_surname_keys(const Record& r, const PersonNames& names,
                                                       std::vector<bool>* sure = nullptr);

}  // namespace opis

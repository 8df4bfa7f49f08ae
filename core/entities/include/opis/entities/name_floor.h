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

/// The floor entry of a word that matches only as spelled: "=" and its
/// folded form (fold_name()), which no name key is.
std::string exact_floor_word(std::string_view word);

/// For each person of a record, the name keys by which a one-word person:
/// query finds it (XPS terms): the keys of its surname (surname_words() of
/// its name and aliases) and of each form the record writes alone ("Butler",
/// "d'Estournelles"), when the surname is sure: a particle marks it ("Paul
/// d'Estournelles de Constant") or the record writes it alone somewhere, and
/// the name is no run-on of several ("W. H. Auden Stella Musulin": initials
/// and three more words, or four words). A person whose words are all words
/// of a sure name of the record is that person ("Estournelles de Constant").
/// Otherwise the keys of every word of its name, forms and aliases, as
/// before. `sure` (when given) says which of the two, person by person.
std::vector<std::set<std::string>> person_surname_keys(const std::vector<Person>& persons,
                                                       std::vector<bool>* sure = nullptr);

}  // namespace opis

// Name keys: how person names are compared across spellings. Three forms of
// a name word, from strict to loose:
//  - exact_form: lower-cased, diacritics kept ("ceaușescu"), for person:=;
//  - fold_name: ICU transliteration to Latin (Cyrillic by BGN/PCGN) and
//    folding to lower-case ASCII ("Хрущёв" -> "khrushchev", "Ceaușescu" ->
//    "ceausescu");
//  - name_key: a transliteration-variant key over the folded form, so that
//    Khrushchev/Krushchev/Khrushchov, Qasim/Qassim/Kassem, Brezhnev/Breznev,
//    Thompson/Thomson share a key while Hassan/Hussein, Kamil/Kamal,
//    Ahmad/Mahmoud do not.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace opis {

/// Lower-case with diacritics kept (ICU lower-case, NFC). Thread-safe.
std::string exact_form(std::string_view word);

/// Transliterate any script to Latin (Russian by BGN/PCGN, others by ICU's
/// Any-Latin), then to lower-case ASCII letters, digits and spaces; other
/// characters (apostrophes, hyphens, dots, soft signs) are dropped, except
/// that a hyphen becomes a space, and so does the apostrophe of an elided
/// article (elision_length(): "d'Indy" -> "d indy", "l'Alsace" -> "l alsace",
/// but "O'Brien" -> "obrien"). Thread-safe.
std::string fold_name(std::string_view text);

/// Length in bytes, apostrophe included (' or U+2019), of the elided article
/// or conjunction that opens `word` before a name, or 0: French l', d', qu',
/// jusqu', lorsqu', puisqu', quoiqu' and Italian dell', dall', nell', sull',
/// all', coll' ("l'Alsace", "d'Haskell", "qu'Aulard", "dell'Italia"). The
/// prefix is matched in any case; a letter must follow the apostrophe.
/// Pronouns (j', m', n', s', t', c') are not in the list: they come before
/// verbs, never names, and "M'Donald" is a surname.
std::size_t elision_length(std::string_view word);

/// The match key of one folded name word (see the file comment and
/// docs/persons-places.md for the rules). Empty for an empty word.
std::string name_key(std::string_view folded_word);

/// Where a name particle is looked for: the two lists differed, and each
/// use keeps what it had (the table in name_key.cpp says which word is which).
enum class ParticleUse {
  running_text,  ///< the extractor, finding names in prose ("Abd al-Karim")
  cited_name,    ///< the citation export, splitting "Ludwig van Beethoven"
};

/// True when `word` is a lower-case particle of names ("van", "al", "de")
/// for that use. Compared as given: "Van" is no particle; pass a folded word
/// to ignore case.
bool is_name_particle(std::string_view word, ParticleUse use);

/// Words of a name for matching: split on spaces, commas, dots and
/// hyphens, each folded; initials (one letter) are dropped.
std::vector<std::string> name_words(std::string_view name);

/// The words of a name's surname (name_words(), particles left out): of
/// "Surname, Given" the part before the comma; else from the first lower-case
/// particle after the first word, its first word ("Paul d'Estournelles de
/// Constant": estournelles; "Charles de Gaulle": gaulle); else the last word,
/// all its parts ("Anna Bahr-Mildenburg": bahr, mildenburg).
/// `by_particle` (when given) says whether a particle or a comma marked the
/// surname, rather than its place as the last word.
std::vector<std::string> surname_words(std::string_view name, bool* by_particle = nullptr);

}  // namespace opis

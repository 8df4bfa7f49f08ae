// The name-like words of a record, as name keys (name_floor.h).
#include "opis/entities/name_floor.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "extractor.h"
#include "german_words.h"
#include "opis/base/text.h"
#include "opis/entities/authority.h"

namespace opis {

namespace {

using namespace extraction;

bool name_like(const Token& t) {
  // al-Karim, el-Sadat: a lower-case particle joined to a capital.
  const bool particle_joined = t.text.size() > 3 && (t.text.rfind("al-", 0) == 0 || t.text.rfind("el-", 0) == 0) &&
                               std::isupper(static_cast<unsigned char>(t.text[3]));
  if (t.initials || !(t.cap || t.allcaps || particle_joined)) return false;
  if (function_words().count(t.folded) || months().count(t.folded)) return false;
  // "However", "MEMORANDUM": a common word capitalised by its position only.
  return !((t.sentence_start || t.allcaps || t.newline_before) && common_word(t));
}

bool is_french(const std::string& language) {
  std::string l = ascii_lower(trim(language));
  return l == "fr" || l == "fre" || l == "fra" || l == "french" || l == "francais" || l == "français";
}

// French function words, capitalised at the start of a sentence or line:
// never a name, but their keys meet names' ("Mon cher Butler": Mon/Moon;
// "Ne": Ney). Articles and "de", "du" are particles (name_key.h) already.
const std::unordered_set<std::string>& french_function_words() {
  static const std::unordered_set<std::string> s = {
      "mon",   "ma",     "mes",  "ton",  "ta",    "tes",  "son",  "sa",   "ses",   "notre", "nos",   "votre", "vos",
      "leur",  "leurs",  "ce",   "cet",  "cette", "ces",  "je",   "tu",   "il",    "elle",  "nous",  "vous",  "ils",
      "elles", "on",     "ne",   "en",   "et",    "ou",   "mais", "donc", "car",   "ni",    "si",    "que",   "qui",
      "quoi",  "dont",   "au",   "aux",  "par",   "pour", "sur",  "sous", "dans",  "avec",  "sans",  "chez",  "vers",
      "entre", "oui",    "non",  "un",   "une",   "des",  "ici",  "puis", "aussi", "quand", "comme", "tout",  "tous",
      "toute", "toutes", "cela", "ceci", "lui",   "moi",  "toi",  "pas",  "plus",  "tres",  "bien"};
  return s;
}

// The non-particle words of a name, as keys.
std::vector<std::string> word_keys(std::string_view name) {
  std::vector<std::string> out;
  for (const auto& w : name_words(name)) {
    if (!is_name_particle(w, ParticleUse::running_text)) out.push_back(name_key(w));
  }
  return out;
}

// A run-on of names rather than one ("W. H. Auden Stella Musulin"): initials
// and three words after them, or four words. By spaces and dots only: it runs
// on every form of every person, and ICU folding is the cost of indexing.
bool run_on(const std::string& name) {
  std::size_t words = 0, after_initials = 0;
  bool initials = false;
  for (const auto& t : split_fields(name, ' ')) {
    if (t.empty()) continue;
    if (t.find('.') != std::string_view::npos && t.size() <= 6) {
      initials = true;
      after_initials = 0;
    } else if (!std::islower(static_cast<unsigned char>(t[0]))) {
      ++words;
      ++after_initials;
    }
  }
  return words >= 4 || (initials && after_initials >= 3);
}

// Whether the particle that surname_words() took to open the surname of
// `name` marks one: not before two capitalised words in a row, the first a
// given name ("Todestag von Josef Weinheber", "LIVRE de GASTON BONNIER"),
// nor before initials and a last word ("Secrétaire d'Etat W.J. Bryan");
// "Paul d'Estournelles de Constant", "Hugo von Hofmannsthal" and "M.
// d'ESTOURNELLES de CONSTANT" keep it. By spaces and dots only, as run_on().
bool particle_marks_surname(const std::string& name) {
  std::vector<std::string> tokens;
  for (auto& t : split_fields(name, ' ')) {
    if (!t.empty()) tokens.push_back(std::move(t));
  }
  bool after = false;
  std::size_t caps_in_row = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    const bool upper =
        std::any_of(t.begin(), t.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
    if (std::islower(static_cast<unsigned char>(t[0]))) {
      after = true;
      caps_in_row = upper ? 1 : 0;  // "d'Estournelles" is a word, "de" none
      continue;
    }
    if (!after) continue;
    if (t.find('.') != std::string::npos) {
      if (i + 2 == tokens.size()) return false;  // initials, then the last word
      caps_in_row = 0;
      continue;
    }
    if (++caps_in_row >= 2) return false;
  }
  return true;
}

// "pre-Jackson", "bébé-Nieuport", "anti-Hitler": the capitalised words
// joined to a lower-case one are names as written.
void joined_names(std::string_view word, std::set<std::string>& keys) {
  bool first = true;
  for (const auto& part : split_fields(word, '-')) {
    if (std::exchange(first, false) || part.empty()) continue;
    const auto* p = reinterpret_cast<const uint8_t*>(part.data());
    int32_t at = 0;
    UChar32 c = 0;
    U8_NEXT(p, at, static_cast<int32_t>(part.size()), c);
    if ((u_isupper(c) || u_istitle(c)) && !is_name_particle(part, ParticleUse::running_text))
      for (const auto& w : name_words(part)) keys.insert(name_key(w));
  }
}

// A registered name as the text writes it, and which of its tokens are no
// surname's (name_like_keys()).
struct InnerWords {
  std::vector<std::string> folded;
  std::vector<bool> inner;
};

// Words after which a letter calls a person by the name they go by: a
// salutation ("Lieber Hermann", "Dear Wystan", "Cher Paul") or a closing
// before the signature ("Dein Hermann", "Ihr Arthur"). The first word of a
// full name so used is a given name. Folded (fold_name()). A small closed
// list: no library lists them.
const std::unordered_set<std::string>& salutation_words() {
  static const std::unordered_set<std::string> s = {
      "lieber",   "liebe",  "lieben", "liebes", "liebster", "liebste",   "liebstes",  "verehrter",
      "verehrte", "teurer", "teure",  "bester", "beste",    "dear",      "dearest",   "cher",
      "chere",    "chers",  "cheres", "caro",   "cara",     "carissimo", "carissima", "querido",
      "querida",  "dein",   "deine",  "euer",   "eure",     "ihr",       "ihre",      "herzlichst",
      "treuer",   "treue",  "yours",  "ton",    "ta"};
  return s;
}

// Whether `text` writes `word` (as spelled, a whole word) right after a
// salutation word. A plain search: it runs only for the few words that may
// be given names (person_names()).
bool after_salutation(std::string_view text, std::string_view word) {
  auto letter = [](unsigned char c) { return std::isalpha(c) || c >= 0x80; };
  for (std::size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    const std::size_t end = at + word.size();
    if (end < text.size() && letter(static_cast<unsigned char>(text[end]))) continue;
    std::size_t e = at;
    if (e == 0 || text[e - 1] != ' ') continue;
    while (e > 0 && text[e - 1] == ' ') --e;
    std::size_t b = e;
    while (b > 0 && letter(static_cast<unsigned char>(text[b - 1]))) --b;
    if (b < e && salutation_words().count(fold_name(text.substr(b, e - b)))) return true;
  }
  return false;
}

// Whether `word` is a given name by the French dictionary, the one Debian
// packages with given names tagged (dictionary_given_name()), before `next`,
// a word that is no word of a German text's language ("Otto Brahm", not
// "Lothar Premiere": there the given name may be a surname, Rudolf Lothar's).
bool given_name_before(const std::string& word, const std::string& next, const Dictionary* de) {
  return dictionary_given_name(word) && !(de && de->knows(next));
}

// The words of a name in reading order ("Schnitzler, Arthur": Arthur
// Schnitzler), as written, without a title before them ("Herrn Hermann
// Bahr"), particles and initials.
std::vector<std::string> reading_words(const std::string& name) {
  const std::vector<Token> t = tokenize(reading_order(name));
  std::size_t i = 0;
  while (i < t.size()) {
    const std::size_t n = title_at(t, i);
    if (n == 0) break;
    i += n;
  }
  std::vector<std::string> out;
  for (; i < t.size(); ++i) {
    if (t[i].initials || (is_name_particle(t[i].folded, ParticleUse::running_text) && !t[i].cap)) continue;
    out.push_back(t[i].text);
  }
  return out;
}

// Whether token i follows a name word ("Georg Hermann"), not a salutation
// or a title ("Lieber Hermann", "Herrn Hermann Bahr").
bool after_name_word(const std::vector<Token>& t, std::size_t i) {
  return i > 0 && t[i - 1].after == ' ' && name_like(t[i - 1]) && !salutation_words().count(t[i - 1].folded) &&
         title_at(t, i - 1) == 0;
}

// Whether token i opens a name of two words or more ("Hermann Bahr"):
// a name word before one, after none.
bool opens_name(const std::vector<Token>& t, std::size_t i) {
  return i + 1 < t.size() && t[i].after == ' ' && !t[i].allcaps && name_like(t[i + 1]) && !after_name_word(t, i);
}

// Whether token i is a given name where it stands (name_like_keys()).
bool given_name_at(const std::vector<Token>& t, std::size_t i, const std::unordered_set<std::string>& given,
                   const Dictionary* de) {
  if (after_name_word(t, i)) return false;
  if (given.count(t[i].folded)) return true;
  return opens_name(t, i) && given_name_before(t[i].text, t[i + 1].text, de);
}

}  // namespace

PersonNames person_names(const Record& r) {
  PersonNames out;
  out.reading.reserve(r.persons.size());
  for (const Person& p : r.persons) {
    out.reading.push_back(p.name.find(',') == std::string::npos ? reading_words(p.name) : std::vector<std::string>());
    const auto& words = out.reading.back();
    if (words.size() < 2) continue;
    const std::string first = fold_name(words.front());
    if (first.empty() || first == fold_name(words.back()) || out.given.count(first)) continue;
    // The first word of a full name is a given name when a salutation calls
    // someone by it ("Lieber Hermann" in a letter to Hermann Bahr). Not
    // otherwise when written alone: "Lin Biao", then "Lin", writes the family
    // name first, and in "Felix Salten" a lone "Felix" was the composer Hugo
    // Felix (hbas tuning set).
    if (after_salutation(r.body, words.front())) out.given.insert(first);
  }
  return out;
}

std::vector<std::set<std::string>> person_surname_keys(const Record& r, const PersonNames& pn,
                                                       std::vector<bool>* sure) {
  const std::vector<Person>& persons = r.persons;
  const auto& given = pn.given;
  const Dictionary* de = is_german_language(r.original_language) ? Dictionary::german() : nullptr;
  std::vector<std::set<std::string>> out(persons.size()), all(persons.size());
  std::vector<std::string> given_first(persons.size());
  std::vector<bool> ok(persons.size(), false);
  for (std::size_t i = 0; i < persons.size(); ++i) {
    const Person& p = persons[i];
    std::vector<std::string> names{p.name};
    names.insert(names.end(), p.aliases.begin(), p.aliases.end());
    bool particle = false;
    for (std::size_t n = 0; n < names.size(); ++n) {
      bool by_particle = false;
      for (const auto& w : surname_words(names[n], &by_particle)) out[i].insert(name_key(w));
      // "Saar, Ferdinand von": the comma marks it.
      if (n == 0)
        particle = by_particle && (names[n].find(',') != std::string::npos || particle_marks_surname(names[n]));
    }
    bool alone = false;
    for (const auto& n : names) {
      for (const auto& k : word_keys(n)) all[i].insert(k);
    }
    for (const auto& f : p.forms) {
      const auto keys = word_keys(f);
      all[i].insert(keys.begin(), keys.end());
      // One word, the surname ("d'Estournelles", "BUTLER").
      if (f.find(' ') == std::string::npos && !keys.empty() &&
          std::all_of(keys.begin(), keys.end(), [&](const auto& k) { return out[i].count(k); }))
        alone = true;
    }
    // A full name that opens with a given name ("Otto Brahm", "Lieber
    // Hermann" beside "Hermann Bahr"): that word is no key of it, sure or
    // not (given_first[i]; "Ezra Pound Cantos" still runs on).
    const auto& rw = pn.reading[i];
    if (rw.size() > 1) {
      const std::string f = fold_name(rw.front());
      if (f != fold_name(rw.back()) && (given.count(f) || given_name_before(rw.front(), rw[1], de))) given_first[i] = f;
    }
    ok[i] = (alone || particle) && !run_on(p.name) && std::none_of(p.forms.begin(), p.forms.end(), run_on);
    // A one-word person that is a given name of the record's ("Hermann",
    // beside "Hermann Bahr"): no surname of its own.
    if (p.name.find(' ') == std::string::npos && given.count(fold_name(p.name))) {
      out[i].clear();
      ok[i] = true;
    }
  }
  for (std::size_t i = 0; i < persons.size(); ++i) {
    // "Estournelles de Constant" beside a sure "Paul d'Estournelles de Constant".
    for (std::size_t j = 0; j < persons.size(); ++j) {
      if (j == i || !ok[j] || all[i].size() >= all[j].size()) continue;
      // Its words among j's, j's surname among its words ("E.F. Benson" is
      // not "Benson Lucia", whose surname is Lucia).
      if (std::includes(all[j].begin(), all[j].end(), all[i].begin(), all[i].end()) &&
          std::includes(all[i].begin(), all[i].end(), out[j].begin(), out[j].end())) {
        out[i] = out[j];
        ok[i] = true;
        break;
      }
    }
  }
  for (std::size_t i = 0; i < persons.size(); ++i) {
    if (!ok[i]) {
      out[i] = all[i];
      // Unsure, the first word of a full name may be a given name the
      // dictionary does not know ("Hermann Bahr", and "Dein Hermann"
      // alone): kept apart, as the floor keeps it (opening_floor_word()).
      // "Lin Biao", then "Lin", is found by it where no record of the
      // collection calls someone Lin as a given name.
      const auto& rw = pn.reading[i];
      if (rw.size() > 1) {
        const std::string k = name_key(fold_name(rw.front()));
        bool other = false;
        for (std::size_t w = 1; w < rw.size(); ++w) other = other || name_key(fold_name(rw[w])) == k;
        if (!other && out[i].erase(k)) out[i].insert(opening_floor_word(k));
      }
    } else {
      // Every form written alone names the person by itself (Lin for Lin
      // Biao), but a given name (person_names()); the first word of the
      // full name is kept apart ("Dein Hermann" beside "Hermann Bahr"), as
      // the floor keeps it (opening_floor_word()).
      const auto& rw = pn.reading[i];
      const std::string first = rw.size() > 1 ? name_key(fold_name(rw.front())) : std::string();
      for (const auto& f : persons[i].forms) {
        if (f.find(' ') == std::string::npos && !given.count(fold_name(f)))
          for (const auto& k : word_keys(f)) out[i].insert(k == first && !out[i].count(k) ? opening_floor_word(k) : k);
      }
    }
    auto drop = [&](const std::string& word) {
      out[i].erase(name_key(word));
      out[i].erase(opening_floor_word(name_key(word)));
    };
    if (!given_first[i].empty()) {
      // Written alone too ("Ernst" beside "Ernst Hardt"), a word the
      // dictionary has for a given name may be someone's surname: kept
      // apart, as the floor keeps the first words of the record's names.
      const std::string k = name_key(given_first[i]);
      const bool lone = std::any_of(persons[i].forms.begin(), persons[i].forms.end(), [&](const std::string& f) {
        return f.find(' ') == std::string::npos && name_key(fold_name(f)) == k;
      });
      drop(given_first[i]);
      if (lone && !given.count(given_first[i])) out[i].insert(opening_floor_word(k));
    }
    // Nor is a given name of the record's a key of any person ("Herzlichst
    // Dein Hermann", taken for a name); "Georg Hermann" keeps the floor.
    for (const auto& g : given) drop(g);
  }
  if (sure) *sure = ok;
  return out;
}

std::string exact_floor_word(std::string_view word) { return "=" + fold_name(word); }

std::string opening_floor_word(std::string_view key) { return "^" + std::string(key); }

std::set<std::string> name_like_keys(const Record& r) { return name_like_keys(r, person_names(r)); }

std::set<std::string> name_like_keys(const Record& r, const PersonNames& person_names) {
  std::set<std::string> keys, opening;
  const bool german = is_german_language(r.original_language);
  const bool french = is_french(r.original_language);
  const Dictionary* de = german ? Dictionary::german() : nullptr;
  const Dictionary* fr = french ? Dictionary::french() : nullptr;
  // A word of a place the record registers stays a name wherever it stands
  // ("in der Schweiz", "im Prater").
  const auto& given = person_names.given;
  std::unordered_set<std::string> place_keys;
  if (de || !given.empty()) {
    for (const Place& p : r.places) {
      for (const auto& w : name_words(p.name)) place_keys.insert(name_key(w));
    }
  }
  // The registered names whose surname the record confirms, by first word.
  std::vector<InnerWords> names;
  std::unordered_multimap<std::string, std::size_t> by_first;
  std::vector<bool> confirmed;
  const auto surnames = person_surname_keys(r, person_names, &confirmed);
  // Not in German: its capitalised nouns run on into names ("auf dem
  // Semmering Brahm", "Matinee Reicher"), and the word before a name is as
  // often a place or a noun as a given name (hbas tuning set: 1.3 points of
  // persons' recall lost).
  for (std::size_t pi = 0; pi < r.persons.size() && !german; ++pi) {
    if (!confirmed[pi]) continue;
    const Person& p = r.persons[pi];
    const auto& sure = surnames[pi];
    std::vector<std::string> forms{p.name};
    forms.insert(forms.end(), p.forms.begin(), p.forms.end());
    for (const auto& f : forms) {
      if (f.find(' ') == std::string::npos) continue;  // one word: no given name in it
      InnerWords n;
      bool any = false;
      for (const Token& t : tokenize(f)) {
        const auto keys = word_keys(t.text);
        const bool inner = !t.initials && !keys.empty() &&
                           std::none_of(keys.begin(), keys.end(), [&](const auto& k) { return sure.count(k); });
        n.folded.push_back(t.folded);
        n.inner.push_back(inner);
        any = any || inner;
      }
      if (!any || n.folded.size() < 2) continue;
      by_first.emplace(n.folded.front(), names.size());
      names.push_back(std::move(n));
    }
  }
  // The first words of the record's full names ("Hermann" of "Hermann
  // Bahr"): written alone too, they are kept apart ("Dein Hermann").
  std::unordered_set<std::string> first_words;
  for (const auto& rw : person_names.reading) {
    if (rw.size() > 1) first_words.insert(fold_name(rw.front()));
  }
  auto scan = [&](std::string_view text) {
    const std::vector<Token> tokens = tokenize(text);
    std::vector<bool> skip(tokens.size(), false);
    for (std::size_t i = 0; i < tokens.size() && !names.empty(); ++i) {
      auto [from, to] = by_first.equal_range(tokens[i].folded);
      for (auto it = from; it != to; ++it) {
        const InnerWords& n = names[it->second];
        if (i + n.folded.size() > tokens.size()) continue;
        bool match = true;
        for (std::size_t k = 1; k < n.folded.size() && match; ++k) match = tokens[i + k].folded == n.folded[k];
        if (!match) continue;
        for (std::size_t k = 0; k < n.folded.size(); ++k) skip[i + k] = skip[i + k] || n.inner[k];
      }
    }
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const Token& t = tokens[i];
      if (skip[i]) continue;
      // A given name: one the record calls a person by, alone or opening a
      // name ("Lieber Hermann", "Hermann Bahr"), or one the dictionary knows
      // opening a name ("Otto Brahm"); not after a name word ("Georg
      // Hermann": a surname there), nor a registered place's word.
      if (given_name_at(tokens, i, given, de) && !place_keys.count(name_key(t.folded))) continue;
      if (!name_like(t)) {
        if (!t.cap && !t.initials && t.text.find('-') != std::string::npos) joined_names(t.text, keys);
        continue;
      }
      if (de && german_word(tokens, i, *de) && !place_keys.count(name_key(t.folded))) continue;
      if (french && french_function_words().count(t.folded)) continue;
      const std::vector<std::string> words = name_words(t.text);
      // Opening a name, a word may be a given name the floor has no list of
      // ("Hermann Bahr"): kept apart (opening_floor_word()).
      std::set<std::string>& into =
          words.size() == 1 && (opens_name(tokens, i) || (first_words.count(t.folded) && !after_name_word(tokens, i)))
              ? opening
              : keys;
      for (const auto& w : words) {
        if (is_name_particle(w, ParticleUse::running_text)) continue;
        // A word of the language ("Triste", "Ligue" in French, which the
        // dictionary knows in lower case, accents kept: name_words() folds
        // them away; "Novelle", "Weise" in German): as spelled.
        if (words.size() == 1 && ((fr && fr->knows(exact_form(t.text))) || (de && de->spells(t.text))))
          into.insert(exact_floor_word(w));
        else
          into.insert(name_key(w));
        // German genitive: Langkammers Urtheil, Schönherrs Riesen.
        if (german && w.size() > 3 && w.back() == 's')
          into.insert(name_key(std::string_view(w).substr(0, w.size() - 1)));
      }
    }
  };
  scan(r.title);
  scan(r.summary);
  scan(r.body);
  for (const auto& [k, v] : r.extra) scan(v);
  for (const auto& k : opening) {
    if (!keys.count(k)) keys.insert(opening_floor_word(k));
  }
  keys.erase(std::string());
  keys.erase(opening_floor_word(std::string()));
  return keys;
}

}  // namespace opis

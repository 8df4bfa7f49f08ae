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

}  // namespace

std::vector<std::set<std::string>> person_surname_keys(const std::vector<Person>& persons, std::vector<bool>* sure) {
  std::vector<std::set<std::string>> out(persons.size()), all(persons.size());
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
    ok[i] = (alone || particle) && !run_on(p.name) && std::none_of(p.forms.begin(), p.forms.end(), run_on);
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
      continue;
    }
    // Every form written alone names the person by itself (Lin for Lin Biao).
    for (const auto& f : persons[i].forms) {
      if (f.find(' ') == std::string::npos)
        for (const auto& k : word_keys(f)) out[i].insert(k);
    }
  }
  if (sure) *sure = ok;
  return out;
}

std::string exact_floor_word(std::string_view word) { return "=" + fold_name(word); }

std::set<std::string> name_like_keys(const Record& r) {
  std::set<std::string> keys;
  const bool german = is_german_language(r.original_language);
  const bool french = is_french(r.original_language);
  const Dictionary* de = german ? Dictionary::german() : nullptr;
  const Dictionary* fr = french ? Dictionary::french() : nullptr;
  // A word of a place the record registers stays a name wherever it stands
  // ("in der Schweiz", "im Prater").
  std::unordered_set<std::string> place_keys;
  if (de) {
    for (const Place& p : r.places) {
      for (const auto& w : name_words(p.name)) place_keys.insert(name_key(w));
    }
  }
  // The registered names whose surname the record confirms, by first word.
  std::vector<InnerWords> names;
  std::unordered_multimap<std::string, std::size_t> by_first;
  std::vector<bool> confirmed;
  const auto surnames = person_surname_keys(r.persons, &confirmed);
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
      if (!name_like(t)) {
        if (!t.cap && !t.initials && t.text.find('-') != std::string::npos) joined_names(t.text, keys);
        continue;
      }
      if (de && german_word(tokens, i, *de) && !place_keys.count(name_key(t.folded))) continue;
      if (french && french_function_words().count(t.folded)) continue;
      const std::vector<std::string> words = name_words(t.text);
      for (const auto& w : words) {
        if (is_name_particle(w, ParticleUse::running_text)) continue;
        // A word of the language in lower case ("Triste", "Ligue"): as
        // spelled. Asked with its accents (name_words() folds them away).
        keys.insert(fr && words.size() == 1 && fr->knows(exact_form(t.text)) ? exact_floor_word(w) : name_key(w));
        // German genitive: Langkammers Urtheil, Schönherrs Riesen.
        if (german && w.size() > 3 && w.back() == 's')
          keys.insert(name_key(std::string_view(w).substr(0, w.size() - 1)));
      }
    }
  };
  scan(r.title);
  scan(r.summary);
  scan(r.body);
  for (const auto& [k, v] : r.extra) scan(v);
  keys.erase(std::string());
  return keys;
}

}  // namespace opis

// Words of German and French for the name floor (german_words.h).
#include "german_words.h"

#include <hunspell.hxx>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "opis/base/text.h"
#include "opis/entities/name_key.h"

namespace opis::extraction {

struct Dictionary::Impl {
  Impl(const char* aff, const char* dic, bool stem) : hunspell(aff, dic), stem(stem) {}
  Hunspell hunspell;  // de_DE and fr are UTF-8: words go in as they are
  bool stem;          // also ask for a stem (German: not a compound hunspell guesses)
  std::mutex lock;    // a Hunspell object is not safe to share between threads
  std::unordered_map<std::string, bool> memo;
  std::unordered_map<std::string, bool> spelled;  // spells()' memo
};

Dictionary::Dictionary(const char* aff, const char* dic, bool stem) : m_impl(std::make_unique<Impl>(aff, dic, stem)) {}

Dictionary::~Dictionary() = default;

namespace {

bool installed(const char* aff, const char* dic) {
  std::error_code ec;
  return std::filesystem::exists(aff, ec) && std::filesystem::exists(dic, ec);
}

}  // namespace

const Dictionary* Dictionary::german() {
  static const std::unique_ptr<Dictionary> d = [] {
    constexpr const char* aff = "/usr/share/hunspell/de_DE.aff";
    constexpr const char* dic = "/usr/share/hunspell/de_DE.dic";
    return installed(aff, dic) ? std::unique_ptr<Dictionary>(new Dictionary(aff, dic, true)) : nullptr;
  }();
  return d.get();
}

// French has no compounds to tell from words, so spelling alone is asked:
// hunspell's stem() was half the cost of a French record's look-ups.
const Dictionary* Dictionary::french() {
  static const std::unique_ptr<Dictionary> d = [] {
    constexpr const char* aff = "/usr/share/hunspell/fr_FR.aff";
    constexpr const char* dic = "/usr/share/hunspell/fr_FR.dic";
    return installed(aff, dic) ? std::unique_ptr<Dictionary>(new Dictionary(aff, dic, false)) : nullptr;
  }();
  return d.get();
}

bool Dictionary::spells(const std::string& word) const {
  if (!m_impl->stem) return knows(word);
  std::lock_guard<std::mutex> guard(m_impl->lock);
  auto it = m_impl->spelled.find(word);
  if (it != m_impl->spelled.end()) return it->second;
  const bool known = m_impl->hunspell.spell(word);
  m_impl->spelled.emplace(word, known);
  return known;
}

bool Dictionary::knows(const std::string& word) const {
  std::lock_guard<std::mutex> guard(m_impl->lock);
  auto it = m_impl->memo.find(word);
  if (it != m_impl->memo.end()) return it->second;
  const bool known = m_impl->hunspell.spell(word) && (!m_impl->stem || !m_impl->hunspell.stem(word).empty());
  m_impl->memo.emplace(word, known);
  return known;
}

namespace {

// German articles and determiners, alone or joined to a preposition
// ("zum", "im"): a capitalised word after one is a noun ("ein Spiel", "des
// Richters", "alles Gute"), unless it is no word of the language ("die
// Sandrock", "der Kainz": Viennese for an actress, an actor).
const std::unordered_set<std::string>& german_determiners() {
  static const std::unordered_set<std::string> s = {
      "der",    "die",     "das",     "des",     "dem",     "den",     "ein",     "eine",    "einen",   "einem",
      "einer",  "eines",   "kein",    "keine",   "keinen",  "keinem",  "keiner",  "keines",  "mein",    "meine",
      "meinen", "meinem",  "meiner",  "meines",  "dein",    "deine",   "deinen",  "deinem",  "deiner",  "deines",
      "sein",   "seine",   "seinen",  "seinem",  "seiner",  "seines",  "ihre",    "ihren",   "ihrem",   "ihrer",
      "ihres",  "unser",   "unsere",  "unseren", "unserem", "unserer", "unseres", "euer",    "eure",    "euren",
      "eurem",  "eurer",   "eures",   "dies",    "diese",   "dieser",  "diesen",  "diesem",  "dieses",  "jeder",
      "jede",   "jeden",   "jedem",   "jedes",   "zum",     "zur",     "im",      "am",      "vom",     "beim",
      "ins",    "ans",     "aufs",    "welcher", "welche",  "welches", "welchen", "welchem", "alles",   "allen",
      "aller",  "alle",    "viel",    "viele",   "vielen",  "etwas",   "nichts",  "manche",  "mancher", "manches",
      "solche", "solcher", "solches", "solchen"};
  return s;
}

// Salutations: "Lieber Freund", "mein lieber Freund" (a name after them is
// no dictionary word: "Lieber Bahr", "Liebster Arthur").
const std::unordered_set<std::string>& german_salutations() {
  static const std::unordered_set<std::string> s = {"lieber",  "liebe",    "lieben",    "liebes",  "liebster",
                                                    "liebste", "liebstes", "verehrter", "verehrte"};
  return s;
}

// Words that open a German sentence and are no names ("Wenn", "Man", "Auch").
const std::unordered_set<std::string>& german_sentence_words() {
  static const std::unordered_set<std::string> s = {
      "wenn", "man",   "ich",        "du",    "er",    "es",    "wir",    "ihr",     "sie",   "und", "aber",  "auch",
      "als",  "wie",   "so",         "da",    "dann",  "denn",  "doch",   "nun",     "noch",  "nur", "schon", "ob",
      "daß",  "dass",  "weil",       "damit", "hier",  "heute", "morgen", "gestern", "bitte", "ja",  "nein",  "nicht",
      "was",  "wer",   "wo",         "wann",  "warum", "mit",   "von",    "bei",     "nach",  "zu",  "in",    "an",
      "auf",  "aus",   "für",        "fur",   "über",  "uber",  "um",     "vor",     "seit",  "bis", "oder",  "leider",
      "also", "immer", "vielleicht", "sehr",  "gerne", "gern",  "jetzt",  "eben",    "wieder"};
  return s;
}

// Pronouns that a letter capitalises ("Du", "Dich", "Ihnen").
const std::unordered_set<std::string>& german_pronouns() {
  static const std::unordered_set<std::string> s = {"du", "dich", "dir", "sie", "ihnen", "ihr", "euch", "ich", "wir"};
  return s;
}

}  // namespace

// Hunspell's analyze() would tell the tag, but it asks the affix rules for
// every word (1.3 M instructions a French record) and needs the whole
// dictionary loaded (0.24 G instructions); the tag is on the dictionary's own
// lines, "Paul/L'D'Q' po:prn is:mas is:inv", so they are read once.
bool dictionary_given_name(const std::string& word) {
  static const std::unordered_set<std::string> names = [] {
    std::unordered_set<std::string> prn, other;
    std::ifstream in("/usr/share/hunspell/fr.dic");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (std::size_t at = 0; at < text.size();) {
      std::size_t end = text.find('\n', at);
      if (end == std::string::npos) end = text.size();
      const std::string_view line(text.data() + at, end - at);
      at = end + 1;
      const std::size_t po = line.find("po:");
      const std::size_t w = line.find_first_of("/\t ");
      if (po == std::string_view::npos || w == 0 || w == std::string_view::npos) continue;
      (line.compare(po, 6, "po:prn") == 0 ? prn : other).emplace(line.substr(0, w));
    }
    // "Hugo": a surname too; "Constant", "Pierre": a word of the language in
    // lower case (as analyze() reads a capitalised word).
    for (auto it = prn.begin(); it != prn.end();) {
      if (other.count(*it) || other.count(exact_form(*it)))
        it = prn.erase(it);
      else
        ++it;
    }
    return prn;
  }();
  return names.count(word) > 0;
}

bool is_german_language(const std::string& language) {
  std::string l = ascii_lower(trim(language));
  return l == "de" || l == "ger" || l == "deu" || l == "german" || l == "deutsch";
}

bool german_word(const std::vector<Token>& t, std::size_t i, const Dictionary& de) {
  const Token& w = t[i];
  if (!w.cap || w.allcaps) return false;
  // A determiner or a pronoun capitalised in a letter ("Dein Stück", "Ihr
  // Freund", "Dich"), or at the start of a sentence or line ("Wir", "Man",
  // "Wenn"): never a name.
  if (german_determiners().count(w.folded) || german_salutations().count(w.folded) || german_pronouns().count(w.folded))
    return true;
  if ((w.sentence_start || w.newline_before) && german_sentence_words().count(w.folded)) return true;
  // A dictionary word after a salutation ("Lieber Freund"). Not after any
  // article: Viennese "die Höflich", "der Fischer", "den kleinen Kraus" are
  // persons whose names the dictionary knows as words (measured on hbas-tune:
  // 4 points of persons' recall lost).
  if (i > 0 && t[i - 1].after == ' ' && german_salutations().count(t[i - 1].folded)) return de.knows(w.text);
  return false;
}

}  // namespace opis::extraction

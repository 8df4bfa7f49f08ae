// The extractor's insides, shared by its rule files and private to the
// entities library: the word lists (extractor_words.cpp), tokens
// (name_tokens.cpp), the person rules (person_rules.cpp), the place rules
// (place_rules.cpp) and the merging of a record's names
// (entity_extractor.cpp).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "opis/entities/authority.h"
#include "opis/entities/entity_extractor.h"
#include "opis/entities/gazetteer.h"
#include "opis/entities/name_key.h"
#include "opis/record/record.h"

namespace opis {

// The keys of an authority file's names, built once per file (the file may
// hold thousands of entries; the text is scanned once, not once per name).
struct AuthorityIndex {
  std::vector<std::vector<std::vector<std::string>>> keys;  ///< entry -> form -> word keys
  std::unordered_multimap<std::string, std::pair<std::size_t, std::size_t>> by_first_key;
  std::unordered_map<std::string, std::size_t> by_last_key;  ///< surname key -> first entry with it

  explicit AuthorityIndex(const Authority& a) {
    for (std::size_t e = 0; e < a.entries.size(); ++e) {
      auto& forms = keys.emplace_back();
      for (const auto& form : a.entries[e].forms()) {
        auto& fk = forms.emplace_back();
        for (const auto& w : name_words(form)) fk.push_back(name_key(w));
        if (fk.empty()) continue;
        by_first_key.emplace(fk.front(), std::make_pair(e, forms.size() - 1));
        by_last_key.emplace(fk.back(), e);
      }
    }
  }
};

namespace extraction {

using WordSet = std::unordered_set<std::string>;

class Dictionary;  // german_words.h

// Titles and honorifics that introduce a name (folded; several words are one
// title). Abbreviations end with '.', which then does not end a sentence.
const WordSet& titles();
const WordSet& abbreviations();
// Words that never belong to a name even when capitalised.
const WordSet& function_words();
// Words of organisations, documents and places: a run containing one is not
// a person (Blavatnik Family Foundation, Wilson Center).
const WordSet& org_words();
const WordSet& months();
// A capitalised word followed by one of these is a person (Hassan states).
const WordSet& speech_verbs();
// Words after a Don or Georgia that make it a place.
const WordSet& place_words();
const WordSet& dictionary();
// First words of the titles: most tokens are not one, and are rejected
// without building strings.
const WordSet& title_heads();

struct Token {
  std::string text;       ///< as written (possessive 's stripped)
  std::string folded;     ///< fold_name(text)
  bool cap = false;       ///< starts with an upper-case letter
  bool allcaps = false;   ///< every letter upper-case (and more than one)
  bool initials = false;  ///< "N.S." or "O."
  bool sentence_start = false;
  char after = ' ';  ///< punctuation right after the word, or ' '
  bool newline_before = false;
  // Look-ups that several passes make, each done once (common_word(),
  // title_at(), Extractor::gaz()): the word list and the gazetteer are
  // large hash tables, and a look-up in them is mostly a cache miss.
  mutable signed char common = -1;      ///< is_common_word(folded), -1: not looked up yet
  mutable signed char title_head = -1;  ///< first word of a title, -1: not looked up yet
  mutable bool gaz_done = false;
  mutable const std::vector<PlaceEntry>* gaz = nullptr;  ///< gazetteer entries of `folded`
};

/// Whether the token is a lower-case English word (is_common_word()), looked up once.
bool common_word(const Token& t);
/// The words of a text, ICU-classified, with sentence starts and punctuation.
std::vector<Token> tokenize(std::string_view s);
/// Number of tokens of a title starting at i (0 when none). Longest first.
std::size_t title_at(const std::vector<Token>& t, std::size_t i);
/// Whether the token may be a word of a person's name.
bool word_ok_in_name(const Token& t);

struct Candidate {
  std::string name;
  std::vector<std::string> words;  ///< the words as written
  std::string role;
  std::size_t first = 0, last = 0;  ///< token span
};

struct PersonAcc {
  Person p;
  std::string key;            ///< surname match key
  std::string given_initial;  ///< folded first letter of the first given name, or ""
  std::size_t order = 0;
};

/// The match key of a name's surname (its last word).
std::string surname_key(const std::string& surname);
/// Whether `a` is the better form of a name than `b`: more words, then mixed
/// case over all capitals.
bool better_name(const std::string& a, const std::string& b);

class Extractor {
 public:
  Extractor(const Gazetteer& g, const Authority* a, const AuthorityIndex* ix) : m_g(g), m_auth(a), m_auth_index(ix) {}

  void run(Record& r);

 private:
  // The gazetteer's entries for one token's folded form, looked up once.
  const std::vector<PlaceEntry>* gaz(const Token& t) const;
  bool strong_place(const Token& t) const;
  bool common(const Token& t) const { return common_word(t); }

  // Runs of capitalised words; decide which are names.
  void candidates(const std::vector<Token>& t, std::size_t text);

  // The one person with a word other than the surname whose key is `key`,
  // or nullptr (none, or more than one: then it is ambiguous).
  PersonAcc* by_other_word(const std::string& key);

  // Record the keys of the words before the surname of person `idx`, for
  // by_other_word(): a map, so that a text with thousands of names stays
  // linear.
  void index_other_words(std::size_t idx);
  static constexpr std::size_t kAmbiguous = static_cast<std::size_t>(-1);

  bool is_person_word(const Token& t) const { return m_by_key.count(name_key(t.folded)) > 0; }

  // Add a candidate: merge with a person of the same surname key and a
  // compatible first given name, else a new person.
  void add(const Candidate& c, bool counts);

  // Names of the authority file found in the text; and persons whose surname
  // matches an entry get its aliases.
  void authority_pass(const std::vector<std::vector<Token>>& toks);

  // Short mentions: a capitalised word with the surname key of a person of
  // this record (Hassan, KRUSHCHEV, Хрущёв).
  void link(const std::vector<Token>& t, std::size_t text);

  void places(const std::vector<Token>& t, std::size_t text);

  // Which entry this occurrence stands for, or nullptr when it is not a
  // place here.
  const PlaceEntry* choose(const std::vector<Token>& t, std::size_t i, std::size_t n,
                           const std::vector<PlaceEntry>& entries);

  Place& place_for(const PlaceEntry& e);

  void finish(Record& r);

  const Gazetteer& m_g;
  const Authority* m_auth;
  const AuthorityIndex* m_auth_index;
  std::vector<PersonAcc> m_persons;
  std::unordered_multimap<std::string, std::size_t> m_by_key;
  std::unordered_map<std::string, Place> m_places;
  std::vector<std::string> m_place_order;
  std::vector<std::vector<bool>> m_claimed;
  // The German dictionary, in a German record (german_words.h), else nullptr.
  const Dictionary* m_german = nullptr;
  // A German word that the text shows to be no name (german_word()).
  bool german_noun(const std::vector<Token>& t, std::size_t i) const;
  std::unordered_map<std::string, std::size_t> m_other_words;  ///< key of a given name -> person, or kAmbiguous
};

}  // namespace extraction
}  // namespace opis

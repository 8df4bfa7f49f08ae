// The entity extractor: persons and places of a record (see the header for
// the rules). Names are found by hand-written rules over ICU-classified
// tokens: Debian has no named-entity recogniser for C++, and archive prose
// (titles, initials, all-caps headings, transliterated names) is regular
// enough for rules, which stay explainable and testable.
#include "opis/entities/entity_extractor.h"

#include <algorithm>
#include <fstream>
#include <unordered_map>
#include <unordered_set>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "opis/entities/name_key.h"
#include "opis/base/text.h"

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

namespace {

using WordSet = std::unordered_set<std::string>;

// Titles and honorifics that introduce a name (folded; several words are one
// title). Abbreviations end with '.', which then does not end a sentence.
const WordSet& titles() {
  static const WordSet s = {
      "cde", "cdes", "comrade", "comrades", "mr", "mrs", "ms", "messrs", "dr", "prof", "professor",
      "general", "brigadier general", "brigadier", "major general", "lieutenant general", "colonel",
      "lieutenant colonel", "col", "gen", "major", "captain", "capt", "marshal", "admiral", "prime minister",
      "president", "chairman", "ambassador", "mayor", "king", "queen", "shah", "emperor", "premier",
      "first secretary", "general secretary", "secretary", "minister", "foreign minister", "chancellor",
      "senator", "prince", "sheikh", "emir", "imam", "ayatollah", "deputy", "marshal of the soviet union",
      "herr", "frau", "monsieur", "mme", "sir", "lord", "lady", "comandante", "commander", "consul", "attache",
      "counsellor", "counselor", "envoy", "governor", "vice president", "vice premier", "pope", "cardinal",
      "director", "deputy director", "deputy minister", "vice minister", "vice chairman", "chief",
      "secretary of state", "companero", "companera", "senor", "senora", "genosse", "tovarishch", "elvtars",
      "tovarasul", "tovarasa", "towarzysz", "soudruh", "drugarica", "drug",
      "bishop", "archbishop", "father", "rev", "reverend", "u"};
  return s;
}
const WordSet& abbreviations() {
  static const WordSet s = {"cde", "cdes", "mr", "mrs", "ms", "messrs", "dr", "prof", "col", "gen", "capt",
                            "mme", "rev", "st", "lt", "sgt", "no", "vs", "jr", "sr"};
  return s;
}
// Words that never belong to a name even when capitalised.
const WordSet& function_words() {
  static const WordSet s = {"of", "the", "and", "with", "a", "an", "in", "on", "to", "for", "by", "at", "from",
                            "or", "but", "as", "into", "that", "this", "is", "was", "not", "no", "i", "we",
                            "he", "she", "it", "they", "his", "her", "its", "their", "our", "my", "your", "you"};
  return s;
}
// Lower-case particles inside names (Abd al-Karim, Louis de Saint-Aubin).
const WordSet& particles() {
  static const WordSet s = {"al", "el", "ad", "ash", "as", "ibn", "bin", "ben", "bint", "von", "van", "der",
                            "den", "de", "da", "di", "du", "la", "le", "dos", "das", "del", "abu", "y", "zu"};
  return s;
}
// Words of organisations, documents and places: a run containing one is not
// a person (Blavatnik Family Foundation, Wilson Center).
const WordSet& org_words() {
  static const WordSet s = {
      "foundation", "committee", "government", "council", "ministry", "party", "republic", "union", "army",
      "university", "institute", "archive", "archives", "center", "centre", "bank", "company", "agency", "office",
      "embassy", "commission", "press", "news", "times", "post", "federation", "organization", "organisation",
      "league", "front", "movement", "church", "hotel", "street", "square", "palace", "hall", "river", "sea",
      "ocean", "mountains", "island", "islands", "bay", "gulf", "canal", "state", "states", "region", "regions",
      "province", "district", "city", "county", "department", "bureau", "division", "corps", "fleet", "navy",
      "force", "forces", "service", "conference", "treaty", "pact", "plan", "doctrine", "revolution", "war",
      "crisis", "declaration", "document", "documents", "record", "records", "note", "notes", "memorandum",
      "minutes", "telegram", "report", "letter", "conversation", "meeting", "talks", "visit", "delegation",
      "collection", "sample", "digital", "library", "history", "project", "program", "programme", "presidium",
      "politburo", "soviet", "assembly", "congress", "parliament", "cabinet", "secretariat", "academy", "school",
      "kremlin", "station", "airport", "port", "peninsula", "strait", "straits", "highlands", "translation",
      "original", "language", "english", "handwritten", "citation", "summary", "credits", "contents", "keywords",
      "group", "directorate", "administration", "command", "headquarters", "staff", "general", "socialist",
      "communist", "people", "peoples", "workers", "national", "central", "executive", "supreme", "foreign",
      "affairs", "trade", "defence", "defense", "security", "intelligence", "agreement", "accords", "accord", "conflict", "games",
      "visits", "border", "olympic", "newspaper", "magazine", "journal", "radio", "television", "agency"};
  return s;
}
const WordSet& months() {
  static const WordSet s = {"january", "february", "march", "april", "may", "june", "july", "august",
                            "september", "october", "november", "december", "monday", "tuesday", "wednesday",
                            "thursday", "friday", "saturday", "sunday"};
  return s;
}
// A capitalised word followed by one of these is a person (Hassan states).
const WordSet& speech_verbs() {
  static const WordSet s = {
      "says", "said", "states", "stated", "continues", "continued", "replies", "replied", "answers", "answered",
      "asks", "asked", "notes", "noted", "adds", "added", "thanks", "thanked", "expresses", "expressed",
      "requests", "requested", "declares", "declared", "told", "tells", "wrote", "writes", "agreed", "agrees",
      "proposed", "proposes", "stressed", "stresses", "emphasized", "emphasised", "remarked", "remarks",
      "objected", "insisted", "insists", "explained", "explains", "informed", "informs", "suggested",
      "suggests", "promised", "promises", "warned", "warns", "welcomed", "welcomes", "recalled", "recalls",
      "responded", "responds", "interjected", "concluded", "concludes", "believes", "believed", "thinks",
      "thought", "hopes", "hoped"};
  return s;
}
// Words after a Don or Georgia that make it a place.
const WordSet& place_words() {
  static const WordSet s = {"region", "regions", "river", "basin", "steppe", "steppes", "cossacks", "valley",
                            "delta", "and", "area", "oblast"};
  return s;
}

struct Token {
  std::string text;    ///< as written (possessive 's stripped)
  std::string folded;  ///< fold_name(text)
  bool cap = false;       ///< starts with an upper-case letter
  bool allcaps = false;   ///< every letter upper-case (and more than one)
  bool initials = false;  ///< "N.S." or "O."
  bool sentence_start = false;
  char after = ' ';       ///< punctuation right after the word, or ' '
  bool newline_before = false;
  // Look-ups that several passes make, each done once (common_word(),
  // title_at(), Extractor::gaz()): the word list and the gazetteer are
  // large hash tables, and a look-up in them is mostly a cache miss.
  mutable signed char common = -1;      ///< is_common_word(folded), -1: not looked up yet
  mutable signed char title_head = -1;  ///< first word of a title, -1: not looked up yet
  mutable bool gaz_done = false;
  mutable const std::vector<PlaceEntry>* gaz = nullptr;  ///< gazetteer entries of `folded`
};

bool common_word(const Token& t) {
  if (t.common < 0) t.common = is_common_word(t.folded);
  return t.common > 0;
}

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t n = static_cast<int32_t>(s.size());
  int32_t i = 0;
  bool sentence = true;
  int newlines = 0;
  auto peek = [&](int32_t at, UChar32& c) {
    int32_t j = at;
    if (j >= n) return j;
    U8_NEXT(p, j, n, c);
    return j;
  };
  while (i < n) {
    UChar32 c;
    int32_t start = i;
    int32_t next = peek(i, c);
    if (!u_isalpha(c)) {
      if (c == '\n') ++newlines;
      if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';') sentence = true;
      if (newlines >= 2) sentence = true;
      i = next;
      continue;
    }
    Token t;
    t.newline_before = newlines > 0;
    newlines = 0;
    int32_t end = next;
    bool upper_first = u_isupper(c) || u_istitle(c);
    // Initials: "N." or "N.S." (one upper-case letter and a dot, repeated).
    if (upper_first && end < n && p[end] == '.') {
      end += 1;  // "N."
      while (end < n) {
        UChar32 e;
        int32_t k = peek(end, e);
        if (!u_isupper(e) || k >= n || p[k] != '.') break;
        end = k + 1;  // "N.S."
      }
      t.initials = true;
    }
    if (!t.initials) {
      // A word: letters and digits, with inner hyphens and apostrophes.
      while (end < n) {
        UChar32 e;
        int32_t k = peek(end, e);
        if (u_isalnum(e)) { end = k; continue; }
        if (e == '-' || e == '\'' || e == 0x2019) {
          UChar32 f;
          peek(k, f);
          if (k < n && u_isalpha(f)) { end = k; continue; }
        }
        break;
      }
    }
    t.text = std::string(s.substr(start, end - start));
    // Possessive: Iraq's, Zhou Enlai's.
    for (std::string_view poss : {"'s", "\xE2\x80\x99s"}) {
      if (t.text.size() > poss.size() + 1 && t.text.compare(t.text.size() - poss.size(), poss.size(), poss) == 0) {
        t.text.resize(t.text.size() - poss.size());
      }
    }
    // A "word" of hundreds of letters is no name or place (hostile input).
    t.cap = upper_first && t.text.size() <= 100;
    bool all = true;
    int letters = 0;
    for (int32_t k = start; k < end;) {
      UChar32 e;
      U8_NEXT(p, k, end, e);
      if (u_isalpha(e)) {
        ++letters;
        if (!u_isupper(e)) all = false;
      }
    }
    t.allcaps = all && letters > 1 && !t.initials;
    t.folded = fold_name(t.text);
    t.sentence_start = sentence;
    sentence = false;
    // What follows directly (spaces skipped, not newlines counted here).
    int32_t k = end;
    while (k < n && (p[k] == ' ' || p[k] == '\t')) ++k;
    if (k < n && std::string_view(",.;:!?)]\"").find(static_cast<char>(p[k])) != std::string_view::npos) {
      t.after = static_cast<char>(p[k]);
    }
    if (t.initials) t.after = ' ';
    // "Cde." and "Mr." do not end a sentence.
    if (t.after == '.' && abbreviations().count(t.folded)) {
      t.after = ' ';
      i = k + 1;
    } else {
      i = end;
    }
    out.push_back(std::move(t));
  }
  return out;
}

const WordSet& dictionary() {
  static const WordSet s = [] {
    WordSet w;
    std::ifstream in(OPIS_DICT_WORDS);
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line[0] >= 'a' && line[0] <= 'z' && line.find('\'') == std::string::npos) w.insert(line);
    }
    return w;
  }();
  return s;
}

// First words of the titles: most tokens are not one, and are rejected
// without building strings.
const WordSet& title_heads() {
  static const WordSet s = [] {
    WordSet h;
    for (const auto& t : titles()) h.insert(t.substr(0, t.find(' ')));
    return h;
  }();
  return s;
}

// Number of tokens of a title starting at i (0 when none). Longest first.
std::size_t title_at(const std::vector<Token>& t, std::size_t i) {
  const Token& head = t[i];
  if (head.title_head < 0) head.title_head = title_heads().count(head.folded.substr(0, head.folded.find(' '))) > 0;
  if (!head.title_head) return 0;
  std::string joined;
  std::size_t best = 0;
  for (std::size_t j = i; j < t.size() && j < i + 5; ++j) {
    if (j > i && t[j - 1].after != ' ') break;
    if (!joined.empty()) joined += ' ';
    joined += t[j].folded;
    if (titles().count(joined)) best = j - i + 1;
  }
  return best;
}

bool word_ok_in_name(const Token& t) {
  if (t.initials) return true;
  // Acronyms (NEA, IRN, CPSU) are not name words.
  if (t.allcaps && t.folded.size() <= 4) return false;
  // Two-letter words are names only with a vowel (Ho, Li, Yu; not Zh).
  if (t.cap && t.folded.size() < 3 && !particles().count(t.folded) &&
      t.folded.find_first_of("aeiouy") == std::string::npos)
    return false;
  if (function_words().count(t.folded) && !(t.cap && !t.allcaps && t.folded.size() > 2)) return false;
  if (t.cap) return !months().count(t.folded);
  // al-Karim, el-Sadat: a lower-case particle joined to a capital.
  return t.text.size() > 3 && (t.text.rfind("al-", 0) == 0 || t.text.rfind("el-", 0) == 0);
}

struct Candidate {
  std::string name;
  std::vector<std::string> words;  ///< the words as written
  std::string role;
  std::size_t first = 0, last = 0;  ///< token span
};

struct PersonAcc {
  Person p;
  std::string key;           ///< surname match key
  std::string given_initial; ///< folded first letter of the first given name, or ""
  std::size_t order = 0;
};

std::string surname_key(const std::string& surname) {
  auto w = name_words(surname);
  return w.empty() ? std::string() : name_key(w.back());
}

bool better_name(const std::string& a, const std::string& b) {
  // Prefer more words, then mixed case over all capitals.
  auto words = [](const std::string& s) { return std::count(s.begin(), s.end(), ' ') + 1; };
  auto upper = [](const std::string& s) {
    for (char c : s) {
      if (c >= 'a' && c <= 'z') return false;
    }
    return true;
  };
  if (upper(a) != upper(b)) return !upper(a);
  return words(a) > words(b);
}

class Extractor {
 public:
  Extractor(const Gazetteer& g, const Authority* a, const AuthorityIndex* ix) : m_g(g), m_auth(a), m_auth_index(ix) {}

  void run(Record& r) {
    std::vector<std::string> texts;
    texts.push_back(r.title);
    texts.push_back(r.summary);
    std::string cit = r.citation;
    for (const std::string* part : {&r.archive, &r.reference, &r.url}) {
      if (part->empty()) continue;
      for (auto p = cit.find(*part); p != std::string::npos; p = cit.find(*part, p + 1)) cit.replace(p, part->size(), part->size(), ' ');
    }
    texts.push_back(cit);
    texts.push_back(r.credits);
    texts.push_back(r.body);
    for (const auto& [k, v] : r.extra) {
      std::string key = ascii_lower(trim(k));
      if (key != "persons" && key != "people") texts.push_back(v);  // a curated list is read below, as names
    }
    std::vector<std::vector<Token>> toks;
    for (const auto& t : texts) toks.push_back(tokenize(t));
    m_claimed.assign(toks.size(), {});
    for (std::size_t i = 0; i < toks.size(); ++i) m_claimed[i].assign(toks[i].size(), false);

    auto meta = [&](const std::vector<std::string>& names, const char* role) {
      for (const auto& n : names) {
        auto t = tokenize(n);
        if (t.empty()) continue;
        Candidate c;
        c.role = role;
        for (const auto& w : t) c.words.push_back(w.text);
        c.name = trim_copy(n);
        add(c, false);
      }
    };
    meta(r.contributors, "contributor");
    meta(r.translators, "translator");
    meta(r.transcribers, "transcriber");
    // A curated list of persons in a record's extra field "persons" (or
    // "people"), names separated by ';' or new lines: the archive's own
    // list, role "curated". (The JSON reader keeps string fields it does
    // not know as extra fields; an array there is not kept.)
    for (const auto& [k, v] : r.extra) {
      std::string key = ascii_lower(trim(k));
      if (key != "persons" && key != "people") continue;
      std::vector<std::string> names;
      std::string cur;
      for (char ch : v + ";") {
        if (ch == ';' || ch == '\n') {
          if (!trim(cur).empty()) names.push_back(trim_copy(cur));
          cur.clear();
        } else {
          cur += ch;
        }
      }
      meta(names, "curated");
    }
    for (std::size_t i = 0; i < toks.size(); ++i) candidates(toks[i], i);
    if (m_auth) authority_pass(toks);
    for (std::size_t i = 0; i < toks.size(); ++i) link(toks[i], i);
    for (std::size_t i = 0; i < toks.size(); ++i) places(toks[i], i);
    finish(r);
  }

 private:
  // The gazetteer's entries for one token's folded form, looked up once.
  const std::vector<PlaceEntry>* gaz(const Token& t) const {
    if (!t.gaz_done) {
      t.gaz = m_g.find(t.folded);
      t.gaz_done = true;
    }
    return t.gaz;
  }
  bool strong_place(const Token& t) const {
    const auto* v = gaz(t);
    if (!v) return false;
    for (const auto& e : *v) {
      if (e.kind == "country" || e.kind == "former" || e.kind == "alias" || e.kind == "demonym" ||
          e.kind == "region" || (e.kind == "city" && e.population >= 100000))
        return true;
    }
    return false;
  }
  bool common(const Token& t) const { return common_word(t); }

  // Runs of capitalised words; decide which are names.
  void candidates(const std::vector<Token>& t, std::size_t text) {
    bool prev_title_person = false;  // "Cdes. Gromyko and Ponomarev"
    std::size_t i = 0;
    while (i < t.size()) {
      std::size_t tl = title_at(t, i);
      bool lower_title = tl && !t[i].cap;
      if (!(t[i].cap || t[i].initials || tl)) {
        if (t[i].folded != "and") prev_title_person = false;
        ++i;
        continue;
      }
      // Collect the run.
      std::size_t start = i, j = i;
      std::vector<std::size_t> words;
      bool had_title = false, note_taker = false;
      if (start >= 3 && (t[start - 1].folded == "by") &&
          ((t[start - 3].folded == "written" && t[start - 2].folded == "down") ||
           (t[start - 3].folded == "notes" && t[start - 2].folded == "taken")))
        note_taker = true;
      if (start >= 2 && t[start - 1].folded == "by" && t[start - 2].folded == "recorded") note_taker = true;
      // Leading titles (possibly several: "Brigadier General").
      while (j < t.size()) {
        std::size_t n = title_at(t, j);
        if (!n) break;
        had_title = true;
        j += n;
        if (t[j - 1].after != ' ') break;
      }
      if (lower_title && (j >= t.size() || !t[j].cap)) { i = j ? j : i + 1; continue; }
      bool stop = had_title && j > start && t[j - 1].after != ' ';
      while (!stop && j < t.size() && j < start + 8) {
        const Token& w = t[j];
        bool particle = particles().count(w.folded) && !w.cap && j + 1 < t.size() && t[j + 1].cap;
        if (!(word_ok_in_name(w) || particle)) break;
        if (j > start && title_at(t, j)) break;  // "Baghdad Brigadier General ...": a new name starts
        if (j > start && w.newline_before && !t[j - 1].allcaps) break;
        words.push_back(j);
        ++j;
        if (w.after != ' ') break;
      }
      i = std::max(j, i + 1);
      // Drop leading sentence-start common words and trailing particles.
      while (!words.empty() && !had_title && common(t[words.front()]) && !t[words.front()].initials &&
             (t[words.front()].sentence_start || words.size() > 1) && !is_person_word(t[words.front()]))
        words.erase(words.begin());
      while (!words.empty() && particles().count(t[words.back()].folded)) words.pop_back();
      if (words.empty()) { prev_title_person = false; continue; }
      bool has_initials = false, has_name = false, all_common = true, org = false, place = false, month = false;
      for (std::size_t k : words) {
        const Token& w = t[k];
        if (w.initials) { has_initials = true; continue; }
        has_name = true;
        if (!common(w)) all_common = false;
        if (org_words().count(w.folded)) org = true;
        if (strong_place(w)) place = true;
        if (months().count(w.folded)) month = true;
      }
      if (!has_name || org || month) { prev_title_person = false; continue; }
      // The whole run as one place name ("Port Said") is a place.
      std::string all;
      for (std::size_t k : words) all += (all.empty() ? "" : " ") + t[k].folded;
      if (m_g.find(all) && words.size() > 1) { prev_title_person = false; continue; }
      bool acronym = words.size() == 1 && t[words[0]].allcaps && t[words[0]].text.size() <= 5;
      bool accept = false;
      if (had_title || note_taker) accept = !all_common && !acronym && !(words.size() == 1 && place);
      else if (has_initials) accept = !place;  // D. Rusk: after initials even a common word is a name
      else if (words.size() >= 2) accept = !all_common && !place;
      else {
        const Token& w = t[words[0]];
        bool verb = words[0] + 1 < t.size() && speech_verbs().count(t[words[0] + 1].folded) && w.after == ' ';
        bool coordinated = prev_title_person && start >= 1 && t[start - 1].folded == "and";
        accept = (verb || coordinated) && !common(w) && !place && !acronym && !w.allcaps;
      }
      if (!accept) { prev_title_person = false; continue; }
      Candidate c;
      c.role = note_taker ? "note-taker" : "mentioned";
      for (std::size_t k : words) c.words.push_back(t[k].text);
      std::string name;
      for (std::size_t k = 0; k < words.size(); ++k) {
        name += (k ? " " : "") + t[words[k]].text;
      }
      c.name = name;
      c.first = words.front();
      c.last = words.back();
      for (std::size_t k = c.first; k <= c.last; ++k) m_claimed[text][k] = true;
      add(c, true);
      prev_title_person = had_title;
    }
  }

  // The one person with a word other than the surname whose key is `key`,
  // or nullptr (none, or more than one: then it is ambiguous).
  PersonAcc* by_other_word(const std::string& key) {
    auto it = m_other_words.find(key);
    if (it == m_other_words.end() || it->second == kAmbiguous) return nullptr;
    return &m_persons[it->second];
  }

  // Record the keys of the words before the surname of person `idx`, for
  // by_other_word(): a map, so that a text with thousands of names stays
  // linear.
  void index_other_words(std::size_t idx) {
    auto words = name_words(m_persons[idx].p.name);
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
      auto [it, fresh] = m_other_words.emplace(name_key(words[i]), idx);
      if (!fresh && it->second != idx) it->second = kAmbiguous;
    }
  }
  static constexpr std::size_t kAmbiguous = static_cast<std::size_t>(-1);

  bool is_person_word(const Token& t) const { return m_by_key.count(name_key(t.folded)) > 0; }

  // Add a candidate: merge with a person of the same surname key and a
  // compatible first given name, else a new person.
  void add(const Candidate& c, bool counts) {
    if (c.words.empty()) return;
    std::string surname;
    std::string given_initial;
    // Inverted catalogue form "Ceaușescu, Nicolae".
    std::string display = c.name;
    // "Mao, Zedong (Mao Tse-tung)": the bracketed form is an alias.
    std::string bracket_alias;
    if (auto open = display.find('('); open != std::string::npos) {
      auto close = display.find(')', open);
      bracket_alias = trim_copy(display.substr(open + 1, close == std::string::npos ? std::string::npos : close - open - 1));
      display = trim_copy(display.substr(0, open));
    }
    if (auto comma = display.find(','); comma != std::string::npos) display = reading_order(display);
    auto dw = tokenize(display);
    std::vector<const Token*> real;
    for (const auto& w : dw) {
      if (!particles().count(w.folded) || w.cap) real.push_back(&w);
    }
    if (real.empty()) return;
    surname = real.back()->text;
    if (real.size() > 1) given_initial = real.front()->folded.substr(0, 1);
    std::string key = surname_key(surname);
    if (key.empty()) return;
    if (real.size() == 1 && !m_by_key.count(key)) {
      // One word that is not a known surname but another word of exactly one
      // known name: "Zhou" for Zhou Enlai (family name first).
      if (PersonAcc* other = by_other_word(key)) key = other->key;
    }
    PersonAcc* into = nullptr;
    auto range = m_by_key.equal_range(key);
    for (auto it = range.first; it != range.second; ++it) {
      PersonAcc& a = m_persons[it->second];
      if (a.given_initial.empty() || given_initial.empty() || a.given_initial == given_initial) { into = &a; break; }
    }
    if (!into) {
      PersonAcc a;
      a.p.name = display;
      a.p.surname = surname;
      a.p.role = c.role;
      a.key = key;
      a.given_initial = given_initial;
      a.order = m_persons.size();
      m_persons.push_back(std::move(a));
      m_by_key.emplace(key, m_persons.size() - 1);
      index_other_words(m_persons.size() - 1);
      into = &m_persons.back();
    } else {
      if (better_name(display, into->p.name)) {
        into->p.name = display;
        into->p.surname = surname;
        index_other_words(static_cast<std::size_t>(into - m_persons.data()));
      }
      if (into->given_initial.empty()) into->given_initial = given_initial;
      if (into->p.role == "mentioned" && c.role != "mentioned") into->p.role = c.role;
    }
    if (!bracket_alias.empty() &&
        std::find(into->p.aliases.begin(), into->p.aliases.end(), bracket_alias) == into->p.aliases.end())
      into->p.aliases.push_back(bracket_alias);
    if (counts) {
      ++into->p.mentions;
      if (std::find(into->p.forms.begin(), into->p.forms.end(), c.name) == into->p.forms.end()) into->p.forms.push_back(c.name);
    } else if (std::find(into->p.forms.begin(), into->p.forms.end(), display) == into->p.forms.end()) {
      into->p.forms.push_back(display);
    }
  }

  // Names of the authority file found in the text; and persons whose surname
  // matches an entry get its aliases.
  void authority_pass(const std::vector<std::vector<Token>>& toks) {
    const AuthorityIndex& ix = *m_auth_index;
    // Names of the file in the text: look up each capitalised word's key
    // among the first words of the forms, then check the rest of the form.
    for (std::size_t ti = 0; ti < toks.size(); ++ti) {
      const auto& t = toks[ti];
      for (std::size_t i = 0; i < t.size(); ++i) {
        if (!t[i].cap || t[i].initials || m_claimed[ti][i]) continue;
        auto range = ix.by_first_key.equal_range(name_key(t[i].folded));
        for (auto it = range.first; it != range.second; ++it) {
          const auto& [entry, form] = it->second;
          const auto& keys = ix.keys[entry][form];
          std::size_t k = i;
          bool ok = true;
          for (std::size_t w = 0; ok && w < keys.size(); ++w, ++k) {
            while (k < t.size() && t[k].initials) ++k;
            if (k >= t.size() || name_key(t[k].folded) != keys[w]) ok = false;
          }
          if (!ok || (keys.size() == 1 && common_word(t[i]))) continue;
          const AuthorityEntry& e = m_auth->entries[entry];
          Candidate c{reading_order(e.name), {}, "mentioned", i, k - 1};
          for (std::size_t x = i; x < k; ++x) c.words.push_back(t[x].text);
          add(c, true);
          for (std::size_t x = i; x < k; ++x) m_claimed[ti][x] = true;
          break;
        }
      }
    }
    // Persons of the record that an entry denotes (same surname key as one
    // of its names) get its canonical name and all its names as aliases.
    for (auto& a : m_persons) {
      auto it = ix.by_last_key.find(a.key);
      if (it == ix.by_last_key.end()) continue;
      const AuthorityEntry& e = m_auth->entries[it->second];
      a.p.name = reading_order(e.name);
      for (const auto& f : e.forms()) {
        if (std::find(a.p.aliases.begin(), a.p.aliases.end(), f) == a.p.aliases.end()) a.p.aliases.push_back(f);
      }
    }
  }

  // Short mentions: a capitalised word with the surname key of a person of
  // this record (Hassan, KRUSHCHEV, Хрущёв).
  void link(const std::vector<Token>& t, std::size_t text) {
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (m_claimed[text][i] || !t[i].cap || t[i].initials) continue;
      if (function_words().count(t[i].folded)) continue;
      std::string key = name_key(t[i].folded);
      auto it = m_by_key.find(key);
      PersonAcc* found = it == m_by_key.end() ? nullptr : &m_persons[it->second];
      if (!found && t[i].cap && !t[i].allcaps && !common_word(t[i]) && !gaz(t[i])) found = by_other_word(key);
      if (!found) continue;
      PersonAcc& a = *found;
      // Skip a common word at a sentence start unless it is the surname as written.
      if (common_word(t[i]) && fold_name(a.p.surname) != t[i].folded && it != m_by_key.end()) continue;
      ++a.p.mentions;
      if (std::find(a.p.forms.begin(), a.p.forms.end(), t[i].text) == a.p.forms.end()) a.p.forms.push_back(t[i].text);
      m_claimed[text][i] = true;
    }
  }

  void places(const std::vector<Token>& t, std::size_t text) {
    std::size_t maxw = m_g.max_words();
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (m_claimed[text][i]) continue;
      // Place names start with a capital; only demonyms (soviet) may not.
      if (!t[i].cap && !m_g.is_demonym(t[i].folded)) continue;
      // A token's folded form may hold a space (Prime-Minister): look up its first word.
      std::size_t from = m_g.max_words_from(t[i].folded.substr(0, t[i].folded.find(' ')));
      if (from == 0) continue;
      for (std::size_t n = std::min({maxw, from, t.size() - i}); n >= 1; --n) {
        std::string key;
        bool ok = true;
        for (std::size_t k = i; k < i + n; ++k) {
          if (m_claimed[text][k]) { ok = false; break; }
          if (k > i && t[k - 1].after != ' ' && t[k - 1].after != ',') { ok = false; break; }
          key += (key.empty() ? "" : " ") + t[k].folded;
        }
        if (!ok) continue;
        const auto* entries = n == 1 ? gaz(t[i]) : m_g.find(key);
        if (!entries || entries->empty()) continue;
        const PlaceEntry* e = choose(t, i, n, *entries);
        if (!e) continue;
        Place& p = place_for(*e);
        ++p.mentions;
        std::string form;
        for (std::size_t k = i; k < i + n; ++k) form += (form.empty() ? "" : " ") + t[k].text;
        if (std::find(p.forms.begin(), p.forms.end(), form) == p.forms.end()) p.forms.push_back(form);
        for (std::size_t k = i; k < i + n; ++k) m_claimed[text][k] = true;
        i += n - 1;
        break;
      }
    }
  }

  // Which entry this occurrence stands for, or nullptr when it is not a
  // place here.
  const PlaceEntry* choose(const std::vector<Token>& t, std::size_t i, std::size_t n,
                           const std::vector<PlaceEntry>& entries) {
    const Token& first = t[i];
    const PlaceEntry* demonym = nullptr;
    for (const auto& e : entries) {
      if (e.kind == "demonym") demonym = &e;
    }
    if (!first.cap && !(demonym && n == 1)) return nullptr;
    // "US" in a heading is ambiguous; "the US" (a hand-written alias) is not; "the UN" is no place.
    bool alias = std::any_of(entries.begin(), entries.end(), [](const PlaceEntry& e) { return e.kind == "alias"; });
    if (n == 1 && first.allcaps && first.text.size() <= 2 && !(alias && i > 0 && t[i - 1].folded == "the")) return nullptr;  // "US" in a heading is ambiguous; "U.S." is not
    const Token* prev = i > 0 ? &t[i - 1] : nullptr;
    const Token* next = i + n < t.size() ? &t[i + n] : nullptr;
    auto prev_joined = [&] { return prev && prev->after == ' ' && !first.newline_before; };
    // Supreme Soviet, Soviet of Ministers: the council, not the country.
    if (demonym && prev && prev->folded == "supreme") return nullptr;
    bool context_only = std::all_of(entries.begin(), entries.end(), [](const PlaceEntry& e) { return e.kind == "context"; });
    if (m_g.needs_context(t[i].folded) && n == 1) {
      bool ctx = (prev && prev->folded == "the" && prev_joined()) ||
                 (next && place_words().count(next->folded) && first.after == ' ') ||
                 (prev && prev->folded == "and" && i >= 2 && gaz(t[i - 2]));
      if (next && next->cap && !gaz(*next) && first.after == ' ') ctx = false;  // Don Pedro
      if (context_only && !ctx) return nullptr;
    }
    // A place name right after a capitalised given name is a surname (Ruth Jordan).
    if (n == 1 && !demonym && prev && prev->cap && prev_joined() && !prev->sentence_start &&
        !function_words().count(prev->folded) && !title_at(t, i - 1) && !gaz(*prev) &&
        !prev->allcaps && !first.allcaps)
      return nullptr;
    if (n == 1 && !demonym && next && next->cap && first.after == ' ' && !gaz(*next) &&
        !common_word(*next) && !org_words().count(next->folded) && !next->allcaps && !first.allcaps &&
        !title_at(t, i + n))
      return nullptr;
    // "Atlanta, Georgia": prefer the entry in the country of the place just before.
    if (entries.size() > 1 && i >= 1 && t[i - 1].after == ',') {
      for (const auto& [name, pl] : m_places) {
        (void)name;
        if (pl.forms.empty()) continue;
        if (std::find(pl.forms.begin(), pl.forms.end(), t[i - 1].text) == pl.forms.end()) continue;
        for (const auto& e : entries) {
          if (!pl.country.empty() && e.country == pl.country && e.kind != "country") return &e;
        }
      }
    }
    for (const auto& e : entries) {
      if (e.kind != "context") return &e;
    }
    return &entries.front();
  }

  Place& place_for(const PlaceEntry& e) {
    auto it = m_places.find(e.canonical);
    if (it != m_places.end()) return it->second;
    Place p;
    p.name = e.canonical;
    p.kind = e.kind == "context" ? "region" : e.kind;
    p.country = e.country;
    // Aliases and demonyms stand for their canonical place: take its kind.
    if (const auto* v = m_g.find(fold_name(e.canonical))) {
      for (const auto& c : *v) {
        if (c.canonical == e.canonical && c.kind != "alias" && c.kind != "demonym" && c.kind != "context") {
          p.kind = c.kind;
          if (p.country.empty()) p.country = c.country;
          break;
        }
      }
    }
    m_place_order.push_back(e.canonical);
    return m_places.emplace(e.canonical, std::move(p)).first->second;
  }

  void finish(Record& r) {
    r.persons.clear();
    for (auto& a : m_persons) {
      if (a.p.mentions == 0 && a.p.role == "mentioned") continue;
      r.persons.push_back(std::move(a.p));
    }
    r.places.clear();
    for (const auto& n : m_place_order) r.places.push_back(m_places[n]);
  }

  const Gazetteer& m_g;
  const Authority* m_auth;
  const AuthorityIndex* m_auth_index;
  std::vector<PersonAcc> m_persons;
  std::unordered_multimap<std::string, std::size_t> m_by_key;
  std::unordered_map<std::string, Place> m_places;
  std::vector<std::string> m_place_order;
  std::vector<std::vector<bool>> m_claimed;
  std::unordered_map<std::string, std::size_t> m_other_words;  ///< key of a given name -> person, or kAmbiguous
};

}  // namespace

bool is_common_word(std::string_view folded) { return dictionary().count(std::string(folded)) > 0; }

EntityExtractor::EntityExtractor(const Gazetteer& gazetteer, std::shared_ptr<const Authority> authority)
    : m_gazetteer(gazetteer),
      m_authority(std::move(authority)),
      m_authority_index(m_authority ? std::make_shared<const AuthorityIndex>(*m_authority) : nullptr) {}

void EntityExtractor::extract(Record& r) const {
  Extractor(m_gazetteer, m_authority.get(), m_authority_index.get()).run(r);
}

void extract_entities(Record& r, const Gazetteer& gazetteer, const Authority* authority) {
  if (!authority) return Extractor(gazetteer, nullptr, nullptr).run(r);
  AuthorityIndex ix(*authority);
  Extractor(gazetteer, authority, &ix).run(r);
}

}  // namespace opis

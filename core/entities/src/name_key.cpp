// Name keys: ICU folding and transliteration, and Opis's variant key.
#include "opis/entities/name_key.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <dlfcn.h>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>
#include <unicode/utrans.h>
#include <unicode/uvernum.h>

#include "opis/base/text.h"

namespace opis {

namespace {

// ICU's transliterators are in libicui18n, the largest of the libraries
// Opis links, and only name folding uses it. Linked, its symbols cost every
// process about 0.9 M instructions of the dynamic loader at start-up (a
// fifth of `opis-search --version`, callgrind, docs/benchmarks.md), so it
// is opened here, on first use, through ICU's C API. The library and entry
// points are those of the ICU version Opis is built against (uvernum.h).
#define OPIS_ICU_STR2(x) #x
#define OPIS_ICU_STR(x) OPIS_ICU_STR2(x)
struct Utrans {
  decltype(&utrans_openU) open = nullptr;
  decltype(&utrans_transUChars) trans = nullptr;
  decltype(&utrans_close) close = nullptr;
};

const Utrans& utrans() {
  static const Utrans api = [] {
    Utrans a;
    void* lib = dlopen("libicui18n.so." U_ICU_VERSION_SHORT, RTLD_NOW | RTLD_LOCAL);
    if (!lib) return a;  // never closed: it lives as long as the process
    a.open = reinterpret_cast<decltype(&utrans_openU)>(dlsym(lib, OPIS_ICU_STR(utrans_openU)));
    a.trans = reinterpret_cast<decltype(&utrans_transUChars)>(dlsym(lib, OPIS_ICU_STR(utrans_transUChars)));
    a.close = reinterpret_cast<decltype(&utrans_close)>(dlsym(lib, OPIS_ICU_STR(utrans_close)));
    if (!a.open || !a.trans || !a.close) a = Utrans{};
    return a;
  }();
  return api;
}

// A transliterator of ICU's C API, closed with it.
class Translit {
 public:
  explicit Translit(const char* id) {
    const Utrans& api = utrans();
    if (!api.open) return;
    const icu::UnicodeString name = icu::UnicodeString::fromUTF8(id);
    UErrorCode status = U_ZERO_ERROR;
    m_t = api.open(name.getBuffer(), name.length(), UTRANS_FORWARD, nullptr, 0, nullptr, &status);
    if (U_FAILURE(status) && m_t) {
      api.close(m_t);
      m_t = nullptr;
    }
  }
  ~Translit() {
    if (m_t) utrans().close(m_t);
  }
  Translit(const Translit&) = delete;
  Translit& operator=(const Translit&) = delete;

  /// `u` transliterated; false (u unchanged) when ICU fails.
  bool transliterate(icu::UnicodeString& u) const {
    // The result may be longer than the text (one Cyrillic letter, up to
    // three Latin ones): a buffer of room enough, and again if not.
    for (int32_t capacity = 4 * u.length() + 16;; capacity *= 2) {
      std::vector<UChar> buf(static_cast<std::size_t>(capacity));
      std::copy(u.getBuffer(), u.getBuffer() + u.length(), buf.begin());
      int32_t length = u.length(), limit = u.length();
      UErrorCode status = U_ZERO_ERROR;
      utrans().trans(m_t, buf.data(), &length, capacity, 0, &limit, &status);
      if (status == U_BUFFER_OVERFLOW_ERROR || (U_SUCCESS(status) && length >= capacity)) continue;
      if (U_FAILURE(status)) return false;
      u = icu::UnicodeString(buf.data(), length);
      return true;
    }
  }
  explicit operator bool() const { return m_t != nullptr; }

 private:
  UTransliterator* m_t = nullptr;
};

std::unique_ptr<Translit> make_translit(const char* id) {
  auto t = std::make_unique<Translit>(id);
  if (!*t) t.reset();
  return t;
}

// One instance per thread: ICU transliterators must not be shared between
// threads, and are costly to create. Not configuration: the rules are fixed.
Translit* latinizer() {
  thread_local std::unique_ptr<Translit> t =
      make_translit("Russian-Latin/BGN; Any-Latin; Latin-ASCII; NFD; [:Nonspacing Mark:] Remove; Lower; NFC");
  return t.get();
}

// For text in Latin letters only, the first two steps of latinizer() do
// nothing; skipping them makes folding several times faster (the gazetteer
// folds 28,000 names at start-up).
Translit* latin_folder() {
  thread_local std::unique_ptr<Translit> t = make_translit("Latin-ASCII; NFD; [:Nonspacing Mark:] Remove; Lower; NFC");
  return t.get();
}

// True when every letter is in the Latin script (other characters may be
// anything): then latin_folder() gives what latinizer() gives.
bool latin_only(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t n = static_cast<int32_t>(s.size()), i = 0;
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
    if (!u_isalpha(c)) continue;
    UErrorCode err = U_ZERO_ERROR;
    if (uscript_getScript(c, &err) != USCRIPT_LATIN) return false;
  }
  return true;
}

std::string run(Translit* t, std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  if (!t || !t->transliterate(u)) u.toLower();
  std::string out;
  u.toUTF8String(out);
  return out;
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) {
    s.replace(p, from.size(), to);
  }
}

// Creating the first ICU transliterator reads ICU's whole registry of them:
// 15-20 ms, measured as most of a person: search that folded the names of
// the records shown. So the common cases are done with ICU's normalizer
// and case mapping, which need no registry, and give the same text.

// "Lower; NFC" without a transliterator.
std::string lower_nfc_direct(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toLower();
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_SUCCESS(status)) {
    icu::UnicodeString n = nfc->normalize(u, status);
    if (U_SUCCESS(status)) u = n;
  }
  std::string out;
  u.toUTF8String(out);
  return out;
}

// Latin letters with accents (Šimková, Ceaușescu): NFD, accents removed,
// lower case. When that leaves only ASCII, it is what latin_folder() gives
// (Latin-ASCII maps an accented letter to its base letter); otherwise
// (ß, ł, ø...) nothing, and Latin-ASCII does it.
std::optional<std::string> strip_accents_to_ascii(std::string_view s) {
  std::string folded = fold(s);  // NFD, accents removed, lower case, NFC (text.h)
  if (std::any_of(folded.begin(), folded.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
    return std::nullopt;
  }
  return folded;
}

}  // namespace

std::string exact_form(std::string_view word) { return lower_nfc_direct(trim(word)); }

namespace {
// Folding of non-ASCII text (fold_name()).
std::string fold_non_ascii_uncached(std::string_view text) {
  if (!latin_only(text)) return run(latinizer(), text);
  if (auto plain = strip_accents_to_ascii(text)) return *plain;
  return run(latin_folder(), text);
}
}  // namespace

std::size_t elision_length(std::string_view word) {
  // Written out: no library knows elided articles as a class, and the list
  // is short. Called for every word the extractor reads, so the apostrophe
  // is looked for first (the longest article has six letters), and the
  // articles are compared without copying.
  const std::size_t at = word.substr(0, 7).find_first_of("'\xE2");
  if (at == std::string_view::npos || at == 0) return 0;
  const std::size_t apostrophe = word[at] == '\'' ? 1 : word.substr(at, 3) == "\xE2\x80\x99" ? 3 : 0;
  if (apostrophe == 0 || word.size() == at + apostrophe) return 0;
  const unsigned char next = static_cast<unsigned char>(word[at + apostrophe]);
  if (next < 0x80 && !std::isalpha(next)) return 0;
  static constexpr std::string_view kElided[] = {"lorsqu", "puisqu", "quoiqu", "jusqu", "dell", "dall", "nell",
                                                 "sull",   "coll",   "all",    "qu",    "l",    "d"};
  const std::string_view head = word.substr(0, at);
  for (std::string_view e : kElided) {
    if (e.size() == at && std::equal(e.begin(), e.end(), head.begin(),
                                     [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); }))
      return at + apostrophe;
  }
  return 0;
}

namespace {
// A memo of a pure function of a word, one per thread (no locks). A record
// keys the same names many times over: each form of each person for its
// terms, its surname keys and the floor, and the words of the text; these
// two functions were 11% of an indexing run's instructions (callgrind,
// docs/benchmarks.md, issue 17). Emptied when it grows past `cap` entries, so
// a collection of many names (or hostile input) cannot grow it unbounded.
template <typename F>
const std::string& memo(std::unordered_map<std::string, std::string>& m, std::string_view word, F&& f) {
  constexpr std::size_t cap = 1u << 16;
  std::string w(word);
  if (auto it = m.find(w); it != m.end()) return it->second;
  if (m.size() >= cap) m.clear();
  std::string v = f(word);
  return m.emplace(std::move(w), std::move(v)).first->second;
}

std::string fold_non_ascii(std::string_view text) {
  thread_local std::unordered_map<std::string, std::string> m;
  if (text.size() > 64) return fold_non_ascii_uncached(text);
  return memo(m, text, fold_non_ascii_uncached);
}
}  // namespace

std::string fold_name(std::string_view text) {
  std::string latin = is_ascii(text) ? ascii_lower(text) : fold_non_ascii(text);
  std::string out;
  std::size_t word_start = 0;  // in `latin`
  for (std::size_t i = 0; i < latin.size(); ++i) {
    const char c = latin[i];
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      out += c;
    else if (c >= 'A' && c <= 'Z')
      out += static_cast<char>(c - 'A' + 'a');
    else if ((c == ' ' || c == '-') && !out.empty() && out.back() != ' ')
      out += ' ';
    else if (c == '\'' && i > word_start &&
             elision_length(std::string_view(latin).substr(word_start)) == i + 1 - word_start)
      out += ' ';  // "d'Indy": the article is a word of its own
    if (c == ' ' || c == '-') word_start = i + 1;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// No library gives a cross-transliteration key for names (Soundex and
// Metaphone merge Hassan with Hussein, since they drop vowels), so this is
// written by hand. Rules, in order:
//  0. a few whole words: Wade-Giles syllables that are names by themselves
//     (Chou -> Zhou, Teng -> Deng, Chiang -> Jiang, Hsu -> Xu);
//     final -off/-eff -> -ov/-ev (Rachmaninoff);
//  1. spellings of one sound in other transliteration systems: German
//     schtsch -> shch, tsch -> ch, ch before r or l -> k (Chruschtschow);
//     French chtch -> shch (Khrouchtchev), gu before e or i -> g (Bourguiba);
//     Polish cz -> ch; French dj and Russian dzh -> j (Rafsandjani); Czech
//     and Slovak sc (from šč) between vowels -> shch, h before r, l, v at the
//     start -> kh (Hruščov); German ue, oe (ü, ö) -> u, o (Mueller); c before
//     a, o, u, a consonant or the end -> k (Capodistrias/Kapodistrias);
//  2. digraphs of transliteration to one letter: shch/sch -> s, tch/ch -> c,
//     sh -> s, zh -> z, kh -> k, gh -> k, dh -> d, th -> t, ph -> f,
//     ck -> k; q -> k, w -> v, x -> ks; "mps" -> "ms" (Thompson/Thomson);
//  3. vowel classes: e, i, y -> i; o, u -> u; a stays a (so Hassan/Hussein,
//     Kamil/Kamal stay apart while Qasim/Kassem meet); ou in a word of four
//     letters or fewer stays ou (pinyin Zhou/Zhu);
//  4. then ai (from ai, ay, ae, ey...) -> i (Hussein/Husayn, Said/Saeed);
//  5. runs of one letter to one (Qassim, Phillips, Mosaddegh);
//  6. Russian endings: -ev/-ov/-yev (-iv/-uv after rule 3) -> -uv, and the
//     feminine -eva/-ova -> -uva (Khrushchev/Khrushchov).
// Measured on tests/data/persons/variants.tsv: real spelling pairs that must
// meet and look-alike names that must stay apart.
namespace {
std::string name_key_uncached(std::string_view folded_word);
}

std::string name_key(std::string_view folded_word) {
  thread_local std::unordered_map<std::string, std::string> m;
  if (folded_word.size() > 64) return name_key_uncached(folded_word);
  return memo(m, folded_word, name_key_uncached);
}

namespace {
bool key_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' || c == 'O'; }

// Rules 3 to 5 of name_key(): vowel classes, ai -> i, runs of one letter to
// one. `keep_lone`: a vowel with no vowel beside it keeps its letter (rule 7).
std::string vowel_classes(const std::string& s, bool keep_lone) {
  std::string v = s;
  for (std::size_t i = 0; i < v.size(); ++i) {
    char& c = v[i];
    const bool lone = (i == 0 || !key_vowel(s[i - 1])) && (i + 1 >= s.size() || !key_vowel(s[i + 1]));
    if (keep_lone && lone && key_vowel(c)) {
      if (c == 'O') c = 'o';
      continue;
    }
    if (c == 'e' || c == 'y')
      c = 'i';
    else if (c == 'o')
      c = 'u';
    else if (c == 'O')
      c = 'o';
  }
  replace_all(v, "ai", "i");
  std::string k;
  for (char c : v) {
    if (k.empty() || k.back() != c) k += c;
  }
  return k;
}

std::string name_key_uncached(std::string_view folded_word) {
  std::string s;
  // No name word is longer than this; a longer "word" (hostile input) is cut
  // so that the replacements below stay cheap.
  for (char c : folded_word.substr(0, 64)) {
    if (c >= 'a' && c <= 'z') s += c;
  }
  if (s.empty()) return s;
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kWadeGiles = {{
      {"chou", "zhou"},
      {"teng", "deng"},
      {"chiang", "jiang"},
      {"hsu", "xu"},
      {"chu", "zhu"},
      {"tsai", "cai"},
  }};
  for (const auto& [wg, pinyin] : kWadeGiles) {
    if (s == wg) s = pinyin;
  }
  auto ends_with = [&](std::string_view e) {
    return s.size() > e.size() + 2 && s.compare(s.size() - e.size(), e.size(), e) == 0;
  };
  if (ends_with("off") || ends_with("eff")) s.replace(s.size() - 2, 2, "v");
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 11> kSystems = {{
      {"schtsch", "shch"},
      {"chtch", "shch"},
      {"tsch", "ch"},
      {"gue", "ge"},
      {"gui", "gi"},
      {"chr", "kr"},
      {"chl", "kl"},
      {"cz", "ch"},
      {"dzh", "j"},
      {"dj", "j"},
      {"oe", "o"},
  }};
  for (const auto& [from, to] : kSystems) replace_all(s, from, to);
  auto vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; };
  if (s.size() > 2 && s[0] == 'h' && (s[1] == 'r' || s[1] == 'l' || s[1] == 'v')) s.insert(0, "k");  // Hr- -> Khr-
  std::string t;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const char next = i + 1 < s.size() ? s[i + 1] : '\0';
    if (c == 'u' && next == 'e' && i > 0 && !vowel(s[i - 1])) {  // ue -> u, but not in "que"/"gue" spellings of k/g
      t += 'u';
      ++i;
      continue;
    }
    if (c == 's' && next == 'c' && i > 0 && vowel(s[i - 1]) && i + 2 < s.size() && vowel(s[i + 2])) {
      t += "shch";
      ++i;
      continue;
    }
    if (c == 'c' && next != 'h' && next != 'k' && next != 'e' && next != 'i' && next != 'y') {
      t += 'k';
      continue;
    }
    t += c;
  }
  s = std::move(t);
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 15> kDigraphs = {{
      {"shch", "s"},
      {"sch", "s"},
      {"tch", "c"},
      {"ch", "c"},
      {"sh", "s"},
      {"zh", "z"},
      {"kh", "k"},
      {"gh", "k"},
      {"dh", "d"},
      {"th", "t"},
      {"ph", "f"},
      {"ck", "k"},
      {"q", "k"},
      {"w", "v"},
      {"x", "ks"},
  }};
  for (const auto& [from, to] : kDigraphs) replace_all(s, from, to);
  replace_all(s, "mps", "ms");
  // Pinyin tells ou from u (Zhou, Zhu; Lou, Lu): in a short word, which may
  // be a Chinese syllable, ou stays apart; in a longer one it is French for
  // u (Moubarak, Youssef, Rouhani).
  if (s.size() <= 4) replace_all(s, "ou", "O");
  std::string k = vowel_classes(s, false);
  auto ends = [&](std::string_view e) {
    return k.size() > e.size() + 1 && k.compare(k.size() - e.size(), e.size(), e) == 0;
  };
  if (ends("iv"))
    k.replace(k.size() - 2, 2, "uv");
  else if (ends("iva"))
    k.replace(k.size() - 3, 3, "uva");
  // 7. A short key (four letters or fewer) keeps each lone vowel as written:
  // in a word that short one vowel is most of the name, and the classes of
  // rule 3 join different names (Goethe/Gute, Gross/Gruss, Wien/Wenn,
  // Moon/Mon, Thierry/terre: issue 13's precision samples of the tuning
  // sets) more often than spellings of one. Runs of vowels, the
  // transliteration of one sound (Said/Saeed, Meier/Meyer), still take
  // their class. Both words of a pair that rule 3 joins have the same key
  // length, so both take this rule or neither; and this key has the length
  // of rule 3's, so it never meets a longer word's key.
  if (k.size() <= 4) k = vowel_classes(s, true);
  return k;
}
}  // namespace

std::vector<std::string> name_words(std::string_view name) {
  std::string spaced;
  for (char c : name) spaced += (c == ',' || c == '.' || c == '(' || c == ')') ? ' ' : c;
  std::vector<std::string> out;
  std::string folded = fold_name(spaced);
  std::size_t start = 0;
  while (start < folded.size()) {
    std::size_t sp = folded.find(' ', start);
    std::string w = folded.substr(start, sp == std::string::npos ? std::string::npos : sp - start);
    if (w.size() > 1) out.push_back(w);
    if (sp == std::string::npos) break;
    start = sp + 1;
  }
  return out;
}

std::vector<std::string> surname_words(std::string_view name, bool* by_particle) {
  std::string n(name);
  if (auto open = n.find('('); open != std::string::npos) n.resize(open);  // "Mao Zedong (Mao Tse-tung)"
  // "Surname, Given": all of it before the comma.
  const auto comma = n.find(',');
  const bool inverted = comma != std::string::npos;
  if (inverted) n.resize(comma);
  std::vector<std::string> tokens;
  for (const auto& t : split_fields(n, ' ')) {
    if (!trim(t).empty()) tokens.emplace_back(trim(t));
  }
  auto words_of = [](const std::string& token) {
    std::vector<std::string> out;
    for (auto& w : name_words(token)) {
      if (!is_name_particle(w, ParticleUse::running_text)) out.push_back(std::move(w));
    }
    return out;
  };
  // "de", "von", "d'Estournelles": a lower-case particle opens the surname.
  auto opens_surname = [](const std::string& token) {
    if (token.empty() || !std::islower(static_cast<unsigned char>(token[0]))) return false;
    const std::size_t e = elision_length(token);
    return is_name_particle(token, ParticleUse::running_text) || (e > 0 && e < token.size());
  };
  std::size_t from = tokens.empty() ? 0 : tokens.size() - 1;
  if (inverted) from = 0;
  if (by_particle) *by_particle = inverted;
  for (std::size_t i = 1; i < tokens.size() && !inverted; ++i) {
    if (opens_surname(tokens[i])) {
      from = i;
      if (by_particle) *by_particle = true;
      break;
    }
  }
  for (std::size_t j = from; j < tokens.size(); ++j) {
    if (auto w = words_of(tokens[j]); !w.empty()) return w;
  }
  std::vector<std::string> all;
  for (const auto& t : tokens) {
    for (auto& w : words_of(t)) all.push_back(std::move(w));
  }
  return all;
}

namespace {

// The particles of names, declared once. In running text a particle joins
// names only when lower-case and followed by a capital, yet "ten" and "ter"
// are English words there; in a cited name, Spanish "y" (Ortega y Gasset)
// and the Arabic forms the export never split at would move words into the
// family name. So each word says where it counts.
struct NameParticle {
  std::string_view word;
  bool in_text;  ///< ParticleUse::running_text
  bool in_name;  ///< ParticleUse::cited_name
};

constexpr NameParticle kParticles[] = {
    {"al", true, true},   {"el", true, true},     {"ibn", true, true},   {"bin", true, true},  {"von", true, true},
    {"van", true, true},  {"der", true, true},    {"den", true, true},   {"de", true, true},   {"da", true, true},
    {"di", true, true},   {"du", true, true},     {"la", true, true},    {"le", true, true},   {"dos", true, true},
    {"das", true, true},  {"del", true, true},    {"zu", true, true},    {"ad", true, false},  {"ash", true, false},
    {"as", true, false},  {"ben", true, false},   {"bint", true, false}, {"abu", true, false}, {"y", true, false},
    {"vom", false, true}, {"della", false, true}, {"ter", false, true},  {"ten", false, true}, {"d", true, true},
};

}  // namespace

bool is_name_particle(std::string_view word, ParticleUse use) {
  for (const NameParticle& p : kParticles) {
    if (p.word == word) return use == ParticleUse::running_text ? p.in_text : p.in_name;
  }
  return false;
}

}  // namespace opis

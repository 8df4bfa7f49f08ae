// The stemmer of each language (issue 16): Snowball's, after a dictionary
// lemma for the languages Snowball serves badly or not at all.
#include "opis/index/language_stemmer.h"

#include <unicode/unistr.h>
#include <hunspell.hxx>

#include <algorithm>
#include <array>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "opis/base/language_id.h"
#include "opis/base/stem_input.h"
#include "opis/base/text.h"

namespace opis {

namespace {

// Debian's hunspell dictionaries (hunspell-pl, hunspell-it, hunspell-sv,
// installed by scripts/setup). Measured on eval/multilingual (docs/benchmarks.md):
// Snowball alone leaves Italian at 0.91 and Swedish at 0.83 recall, and
// Xapian 1.4 has no Polish stemmer (0.76, word for word).
constexpr std::pair<std::string_view, std::string_view> kDictionaries[] = {
    {"it", "it_IT"},
    {"pl", "pl_PL"},
    {"sv", "sv_SE"},
};
constexpr std::string_view kDictionaryDir = "/usr/share/hunspell/";

bool dictionary_installed(std::string_view name) {
  const std::string base = std::string(kDictionaryDir) + std::string(name);
  std::error_code ec;
  return !name.empty() && std::filesystem::exists(base + ".aff", ec) && std::filesystem::exists(base + ".dic", ec);
}

// A hunspell dictionary, in its own encoding (pl_PL's is ISO 8859-2): words
// go in and lemmas come out as UTF-8. Hunspell knows a language's words and
// their inflections, which no rule of ours would; a Snowball stemmer has no
// dictionary.
class Dictionary {
 public:
  explicit Dictionary(std::string_view name)
      : m_hunspell((std::string(kDictionaryDir) + std::string(name) + ".aff").c_str(),
                   (std::string(kDictionaryDir) + std::string(name) + ".dic").c_str()),
        m_encoding(m_hunspell.get_dict_encoding()),
        m_utf8(m_encoding == "UTF-8" || m_encoding == "utf-8") {}

  // The lemma hunspell gives for `word` (the shortest, when it gives
  // several: "znaki" -> "znaki", "znak"), or nothing when it does not know
  // the word (or the word cannot be written in the dictionary's encoding).
  std::optional<std::string> lemma(const std::string& word) {
    const auto in = encode(word);
    if (!in) return std::nullopt;
    const auto stems = m_hunspell.stem(*in);
    const std::string* best = nullptr;
    for (const auto& st : stems) {
      if (st.empty() || is_compound_head(*in, st)) continue;
      if (!best || st.size() < best->size()) best = &st;
    }
    if (!best) return std::nullopt;
    return decode(*best);
  }

  // The dictionary's words that are `folded` with their accents ("strone"
  // -> "stronę"), when the dictionary does not know `folded` itself: what
  // a query typed without accents means. Empty for a word it knows.
  std::vector<std::string> accented(const std::string& folded) {
    const auto in = encode(folded);
    if (!in || m_hunspell.spell(*in)) return {};
    std::vector<std::string> out;
    for (const auto& s : m_hunspell.suggest(*in)) {
      std::string w = Xapian::Unicode::tolower(decode(s));
      if (w != folded && search_fold(w) == folded) out.push_back(std::move(w));
    }
    return out;
  }

 private:
  // Of a compound, hunspell gives the first word as the stem
  // ("miljövariabel" -> "miljö", while "miljövariabler" -> "miljövariabel"):
  // a stem that is the word's beginning with six or more letters left over
  // is such a part, not a lemma (no inflection of these languages adds six
  // letters to its lemma: "wartościami" is "wartość" + 4).
  bool is_compound_head(const std::string& word, const std::string& stem) const {
    if (word.compare(0, stem.size(), stem) != 0) return false;
    std::size_t letters = 0;
    for (std::size_t i = stem.size(); i < word.size(); ++i) {
      // A UTF-8 dictionary: count lead bytes only; a one-byte encoding: every byte.
      letters += !m_utf8 || (static_cast<unsigned char>(word[i]) & 0xC0) != 0x80;
    }
    return letters >= 6;
  }
  std::optional<std::string> encode(const std::string& word) const {
    if (m_utf8) return word;
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(word);
    std::string in(static_cast<std::size_t>(u.extract(0, u.length(), nullptr, 0, m_encoding.c_str())), '\0');
    u.extract(0, u.length(), in.data(), static_cast<int32_t>(in.size()), m_encoding.c_str());
    // A character the encoding lacks came out as a substitute: not a word of the dictionary.
    if (in.find('\x1a') != std::string::npos) return std::nullopt;
    return in;
  }
  std::string decode(const std::string& s) const {
    if (m_utf8) return s;
    std::string out;
    icu::UnicodeString(s.data(), static_cast<int32_t>(s.size()), m_encoding.c_str()).toUTF8String(out);
    return out;
  }
  Hunspell m_hunspell;
  std::string m_encoding;
  bool m_utf8;
};

// A language's analysis as one Xapian stemmer, with a memo of the words
// already seen: Xapian's Snowball stemmer and hunspell both work each
// occurrence out afresh (stemming was 12% of making a document,
// bench/index_stages.cpp). Xapian offers the hook (StemImplementation) but
// no cache. One instance belongs to one thread: no locking.
class LanguageStem : public Xapian::StemImplementation {
 public:
  explicit LanguageStem(std::string_view code) : m_code(code) {
    if (const auto name = stemmer_name(code); !name.empty()) m_snowball = Xapian::Stem(std::string(name));
    if (const auto name = dictionary_name(code); !name.empty()) m_dictionary = std::make_unique<Dictionary>(name);
  }
  std::string operator()(const std::string& word) override {
    if (auto it = m_memo.find(word); it != m_memo.end()) return it->second;
    // Bounded: a collection's vocabulary is a few hundred thousand words;
    // start afresh rather than grow without end on hostile input.
    if (m_memo.size() >= kMaxWords) m_memo.clear();
    return m_memo.emplace(word, analyse(word)).first->second;
  }
  std::string get_description() const override { return "LanguageStem(" + m_code + ")"; }
  std::vector<std::string> accented_stems(const std::string& folded) {
    std::vector<std::string> out;
    if (!m_dictionary || !is_ascii(folded)) return out;
    for (const auto& w : m_dictionary->accented(folded)) {
      std::string st = (*this)(w);
      if (std::find(out.begin(), out.end(), st) == out.end()) out.push_back(std::move(st));
    }
    return out;
  }

 private:
  std::string analyse(const std::string& word) {
    std::string base = word;
    if (m_dictionary) {
      if (auto l = m_dictionary->lemma(word)) base = Xapian::Unicode::tolower(*l);
    }
    if (!is_ascii(base)) base = search_fold(base);
    const std::string in(stem_input(base, m_code));
    return m_snowball.is_none() ? in : m_snowball(in);
  }
  static constexpr std::size_t kMaxWords = 500000;
  std::string m_code;
  Xapian::Stem m_snowball{"none"};
  std::unique_ptr<Dictionary> m_dictionary;
  std::unordered_map<std::string, std::string> m_memo;
};

}  // namespace

std::string_view dictionary_name(std::string_view code) {
  // Checked once per process: the dictionaries are installed or not.
  static const auto installed = [] {
    std::array<bool, std::size(kDictionaries)> a{};
    for (std::size_t i = 0; i < a.size(); ++i) a[i] = dictionary_installed(kDictionaries[i].second);
    return a;
  }();
  for (std::size_t i = 0; i < std::size(kDictionaries); ++i) {
    if (kDictionaries[i].first == code) return installed[i] ? kDictionaries[i].second : std::string_view();
  }
  return {};
}

bool has_stemmer(std::string_view code) { return !stemmer_name(code).empty() || !dictionary_name(code).empty(); }

namespace {

struct ThreadStem {
  Xapian::Stem stem;
  LanguageStem* impl = nullptr;  ///< owned by `stem`
};

// One per language and thread, shared by the copies language_stemmer()
// returns: a dictionary takes up to a second to load, and a query stems its
// words in every language of the index. Not configuration: a cache of a
// pure function.
ThreadStem* thread_stem(std::string_view code) {
  if (!has_stemmer(code)) return nullptr;
  thread_local std::unordered_map<std::string, ThreadStem> stems;
  auto [it, added] = stems.try_emplace(std::string(code));
  if (added) {
    it->second.impl = new LanguageStem(code);
    it->second.stem = Xapian::Stem(it->second.impl);
  }
  return &it->second;
}

}  // namespace

Xapian::Stem language_stemmer(std::string_view code) {
  const ThreadStem* t = thread_stem(code);
  return t ? t->stem : Xapian::Stem();
}

std::vector<std::string> accented_stems(std::string_view code, const std::string& folded) {
  ThreadStem* t = thread_stem(code);
  return t ? t->impl->accented_stems(folded) : std::vector<std::string>();
}

}  // namespace opis

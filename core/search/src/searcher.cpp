// The searcher: Enquire over the index, results as values.
#include "opis/search/searcher.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "opis/base/language_id.h"
#include "opis/base/text.h"
#include "opis/entities/name_floor.h"
#include "opis/entities/name_key.h"
#include "opis/index/document.h"
#include "opis/index/entity_terms.h"
#include "opis/index/language_stemmer.h"
#include "opis/index/schema.h"
#include "opis/index/shards.h"
#include "opis/search/explain.h"
#include "opis/search/suggest.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>

namespace opis {

namespace {

constexpr char kHiStart[] = "\x02";
constexpr char kHiEnd[] = "\x03";

void unescape_into(std::string_view s, std::string& out) {
  // MSet::snippet() escapes &, <, > and " as HTML entities.
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      static constexpr std::pair<std::string_view, char> kEntities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
      bool done = false;
      for (const auto& [ent, ch] : kEntities) {
        if (s.substr(i, ent.size()) == ent) {
          out += ch;
          i += ent.size() - 1;
          done = true;
          break;
        }
      }
      if (done) continue;
    }
    // Snippets are shown on one line: a newline becomes a space (same
    // length, so highlight offsets stay right).
    out += (s[i] == '\n' || s[i] == '\r') ? ' ' : s[i];
  }
}

bool is_word_byte(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80);
}

// Whole-word occurrences of `names` in `text` that overlap none of `taken`.
std::vector<Highlight> find_names(const std::string& text, const std::vector<std::string>& names,
                                  const std::vector<Highlight>& taken) {
  std::vector<Highlight> found;
  auto free_at = [&](std::size_t at, std::size_t len) {
    auto overlaps = [&](const Highlight& h) { return at < h.offset + h.length && h.offset < at + len; };
    return std::none_of(taken.begin(), taken.end(), overlaps) && std::none_of(found.begin(), found.end(), overlaps);
  };
  for (const auto& name : names) {  // longest first: "N.S. Khrushchev" before "Khrushchev"
    for (std::size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
      std::size_t end = at + name.size();
      if ((at > 0 && is_word_byte(text[at - 1])) || (end < text.size() && is_word_byte(text[end]))) continue;
      if (free_at(at, name.size())) found.push_back({at, name.size()});
    }
  }
  return found;
}

// Whole words of `terms` in `text` (as kwic_matches() finds them) that
// overlap none of `taken`.
std::vector<Highlight> find_words(const std::string& text, const KwicTerms& terms,
                                  const std::vector<Highlight>& taken) {
  std::vector<Highlight> found;
  auto tokens = kwic_tokens(text);
  auto free_at = [&](std::size_t at, std::size_t end) {
    return std::none_of(taken.begin(), taken.end(),
                        [&](const Highlight& h) { return at < h.offset + h.length && h.offset < end; });
  };
  for (const auto& [first, last] : kwic_matches(text, tokens, terms)) {
    std::size_t at = tokens[first].offset, end = tokens[last].offset + tokens[last].length;
    if (free_at(at, end)) {
      found.push_back({at, end - at});
      continue;
    }
    // Merged with a word Xapian already highlighted: each free word alone.
    for (std::size_t i = first; i <= last; ++i) {
      if (free_at(tokens[i].offset, tokens[i].offset + tokens[i].length))
        found.push_back({tokens[i].offset, tokens[i].length});
    }
  }
  return found;
}

// About `bytes` of `text` from `start`, cut at white space, on one line,
// with "…" where the text goes on.
std::string window_of(const std::string& text, std::size_t start, std::size_t bytes) {
  auto space = [&](std::size_t i) { return text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t'; };
  const std::size_t begin = std::min(text.size(), text.find_first_not_of(" \t\r\n"));  // no leading blank lines
  start = std::max(start, begin);
  while (start > begin && !space(start - 1)) --start;
  std::size_t end = std::min(text.size(), start + bytes);
  while (end < text.size() && !space(end)) ++end;
  std::string window = text.substr(start, end - start);
  for (char& c : window) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return (start > begin ? "…" : "") + window + (end < text.size() ? "…" : "");
}

// Highlight what `find(text, taken)` finds in the snippet; when it shows
// none of it and has no highlight at all, replace the snippet by a window
// of about `bytes` around the first occurrence in the first of `texts`
// (body, summary, title) that has one.
template <class Find>
void highlight_found(std::string& snippet, std::vector<Highlight>& highlights,
                     std::initializer_list<const std::string*> texts, std::size_t bytes, Find find) {
  std::vector<Highlight> found = find(snippet, highlights);
  for (const std::string* text : texts) {
    if (!found.empty() || !highlights.empty()) break;
    // The snippet shows none of them: a window of the first text that
    // does (body, summary, title) around the first one, cut at spaces.
    const std::string& body = *text;
    std::vector<Highlight> in_body = find(body, {});
    if (in_body.empty()) continue;
    std::size_t first = std::min_element(in_body.begin(), in_body.end(), [](const Highlight& a, const Highlight& b) {
                          return a.offset < b.offset;
                        })->offset;
    snippet = window_of(body, first > bytes / 3 ? first - bytes / 3 : 0, bytes);
    found = find(snippet, {});
  }
  highlights.insert(highlights.end(), found.begin(), found.end());
  std::sort(highlights.begin(), highlights.end(),
            [](const Highlight& a, const Highlight& b) { return a.offset < b.offset; });
}

// Whether MSet::snippet() can highlight anything of `q`: it finds only
// unprefixed terms (and their "Z" stems) in a text. A query of fields
// alone (person:, place:, title:...) gets its snippet and highlights from
// highlight_names() and highlight_words(); asking Xapian first cost three
// fruitless scans of each record's texts, half of a person: search
// (measured, docs/benchmarks.md).
bool has_plain_terms(const Xapian::Query& q) {
  const auto type = q.get_type();
  if (type == Xapian::Query::OP_WILDCARD) return true;
  if (type == Xapian::Query::LEAF_TERM) {
    auto it = q.get_terms_begin();
    if (it == q.get_terms_end()) return false;
    const std::string& t = *it;  // a word, or its stem: "Z" + word
    return is_unprefixed_term(t) || (t.size() > 1 && t[0] == 'Z' && is_unprefixed_term(std::string_view(t).substr(1)));
  }
  for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
    if (has_plain_terms(q.get_subquery(i))) return true;
  }
  return false;
}

// The stemmer MSet::snippet() is given. The snippet stems every word of the
// texts it reads to find the query's stemmed terms ("Z" + stem), and that
// was 16% of a search. English Snowball stems only change a word's end, so
// a word whose first two letters begin none of the query's stems cannot
// stem to one of them: it is returned as it is, unstemmed (the snippet then
// looks up "Z" + word, which is no query term either). Other words get
// their real stem, memoised (make_stemmer()).
class SnippetStem : public Xapian::StemImplementation {
 public:
  explicit SnippetStem(const Xapian::Query& q) {
    for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t) {
      const std::string& term = *t;
      if (term.size() > 1 && term[0] == 'Z' && is_unprefixed_term(std::string_view(term).substr(1))) {
        m_heads.insert(term.substr(1, 2));
        m_stems.insert(term.substr(1));
      }
      // Another language's stem: "Z:de:kongress".
      if (term.size() > 4 && term[0] == 'Z' && term[1] == ':') {
        const std::string tag = term.substr(1, term.find(':', 2));  // ":de:"
        const std::string_view code = std::string_view(tag).substr(1, tag.size() - 2);
        if (has_stemmer(code) && !m_others.count(tag)) m_others.emplace(tag, language_stemmer(code));
        m_stems.insert(term.substr(1));
      }
    }
  }
  std::string operator()(const std::string& word) override {
    const bool could = std::any_of(m_heads.begin(), m_heads.end(),
                                   [&](const std::string& h) { return word.compare(0, h.size(), h) == 0; });
    std::string out = could ? m_stem(word) : word;
    if (m_others.empty() && is_ascii(word)) return out;
    // Issue 16: a word with accents matches by its folded stem; a stem of
    // another language ("Z:de:kongress") is returned as ":de:kongress", so
    // that the snippet finds "Z" + it among the query's terms.
    const std::string f = search_fold(word);
    if (f != word && m_stems.count(m_stem(f))) return m_stem(f);
    for (auto& [tag, stem] : m_others) {
      std::string s = tag + stem(word);
      if (m_stems.count(s)) return s;
    }
    return out;
  }
  std::string get_description() const override { return "SnippetStem"; }

 private:
  std::set<std::string> m_heads;                 ///< first two letters of each stem of the query
  std::set<std::string> m_stems;                 ///< the query's unprefixed stems, without the "Z"
  std::map<std::string, Xapian::Stem> m_others;  ///< ":de:" -> German's stemmer, for each other language
  Xapian::Stem m_stem = make_stemmer();
};

// Where a long text shows the query's words, found without MSet::snippet():
// the snippet tokenises, lower-cases and (through SnippetStem) stems every
// word of the text it is given, which was 40% of a whole search (the body
// of a record is about 1,160 words; callgrind, `opis-search tunisia togo`,
// docs/benchmarks.md). This scan looks at each word's first two letters
// only, and checks a word as the snippet does (the lower-cased word, or "Z"
// + its stem, among the query's terms) only when they begin a query term.
// The snippet is then asked for the part of the text around the run of
// `bytes` that holds the most distinct query words (then the most words),
// as it would itself have chosen from the whole text. Xapian offers no way
// to ask a snippet of a part of a text, hence this scan.
class SnippetWindow {
 public:
  SnippetWindow(const Xapian::Query& q, const Xapian::Stem& stem) : m_stem(stem) {
    for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t) {
      const std::string& term = *t;
      std::string_view word;
      if (is_unprefixed_term(term)) {
        word = term;
      } else if (term.size() > 1 && term[0] == 'Z' && is_unprefixed_term(std::string_view(term).substr(1))) {
        word = std::string_view(term).substr(1);
        // Another language's stem, ":de:kongress": the word after the tag.
        if (word[0] == ':') word = word.substr(std::min(word.size(), word.find(':', 1) + 1));
      } else {
        continue;  // prefixed: the snippet highlights none
      }
      // A word with letters beyond ASCII (folded forms, CJK n-grams): the
      // whole text, as before, rather than a look at first letters.
      if (word.empty() || !is_ascii(word)) m_usable = false;
      m_heads.emplace_back(word.substr(0, 2));
      if (!word.empty()) {
        const auto c = static_cast<unsigned char>(word[0]);
        m_first[c] = m_first[static_cast<unsigned char>(std::toupper(c))] = true;
      }
      m_terms.emplace(term, m_terms.size());
    }
    add_phrases(q);
    m_units += m_terms.size() - m_in_phrase.size();
    // A word beginning with a letter beyond ASCII is always looked at
    // (matched(): SnippetStem folds it): every UTF-8 lead byte is a candidate.
    for (int c = 0xC0; c < 0x100; ++c) m_first[c] = true;
    if (m_terms.empty() || m_terms.size() + m_phrases.size() > 64 || has_wildcard(q)) m_usable = false;
  }

  /// The part [begin, end) of `text` to give MSet::snippet() for a snippet
  /// of about `bytes`; an empty part when the text holds no query word
  /// (the snippet would find none either); or nothing: the whole text
  /// (short, or a query this scan cannot follow).
  std::optional<std::pair<std::size_t, std::size_t>> window(std::string_view text, std::size_t bytes) const {
    if (!m_usable || text.size() <= 4 * bytes) return std::nullopt;
    // A run of matches that a snippet of `bytes` shows whole, with the
    // words' own length and some context.
    const std::size_t run = bytes * 3 / 4;
    std::vector<Found> found, units;  // the words found; they, each phrase as one
    std::size_t words = 0;
    // Without a phrase the words' numbers do not matter: the scan skips to
    // the next byte that can begin a query word (a look-up in m_first, a
    // few instructions a byte, where tokenising every word was about 30)
    // and reads a word only where one starts there. The words it reads and
    // finds are those of the full scan, so the window is the same.
    const bool skip = m_phrases.empty();
    for (std::size_t i = 0, len = 0; i < text.size(); i += len) {
      if (skip) {
        while (i < text.size() && !m_first[static_cast<unsigned char>(text[i])]) ++i;
        if (i == text.size()) break;
        if (!word_starts_at(text, i)) {
          len = 1;
          continue;
        }
      }
      if (!word_char_at(text, i, len)) continue;
      const std::size_t start = i;
      std::size_t end = i + len;
      for (std::size_t l = 0; end < text.size();) {
        if (word_char_at(text, end, l)) {
          end += l;
        } else if (text[end] == '\'' && end + 1 < text.size() && word_char_at(text, end + 1, l)) {
          end += 1 + l;  // "Tunisia's": one word, as the TermGenerator splits
        } else {
          break;
        }
      }
      len = end - start;
      const auto term = matched(text.substr(start, len));
      if (term) found.push_back({start, *term, words});
      ++words;
      // Every query word (and phrase), and at least two matches, within
      // `bytes`: MSet::snippet() would show no better run (measured on the
      // benchmark's queries: it prefers two occurrences of one word to one).
      if (term && add_unit(found, units) && all_within(units, run)) break;
    }
    found = std::move(units);
    if (found.empty()) return std::make_pair(std::size_t{0}, std::size_t{0});
    // The densest run: the most distinct query words, then the most.
    std::size_t best = 0, best_distinct = 0, best_count = 0;
    for (std::size_t i = 0, j = 0; i < found.size(); ++i) {
      j = std::max(j, i);
      while (j < found.size() && found[j].offset < found[i].offset + run) ++j;
      std::uint64_t seen = 0;
      for (std::size_t k = i; k < j; ++k) seen |= std::uint64_t{1} << found[k].term;
      const auto distinct = static_cast<std::size_t>(__builtin_popcountll(seen));
      if (distinct > best_distinct || (distinct == best_distinct && j - i > best_count)) {
        best = found[i].offset;
        best_distinct = distinct;
        best_count = j - i;
      }
    }
    auto space = [&](std::size_t i) { return text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t'; };
    // Half a snippet of context before the run, as much after it: the
    // snippet reads twice its length instead of the whole text.
    std::size_t begin = best > bytes / 2 ? best - bytes / 2 : 0;
    while (begin > 0 && !space(begin - 1)) --begin;
    std::size_t end = std::min(text.size(), best + bytes + bytes / 2);
    while (end < text.size() && !space(end)) ++end;
    return std::make_pair(begin, end);
  }

 private:
  struct Found {
    std::size_t offset;  ///< bytes
    std::size_t term;    ///< index in m_terms, or m_terms.size() + index in m_phrases
    std::size_t word;    ///< the how-manieth word of the text
  };

  // The phrases of the query (OP_PHRASE of plain terms), as term indexes:
  // the snippet highlights a phrase's words only where they stand together.
  void add_phrases(const Xapian::Query& q) {
    if (q.get_type() == Xapian::Query::OP_PHRASE) {
      std::vector<std::size_t> terms;
      for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
        const Xapian::Query sub = q.get_subquery(i);
        auto t = sub.get_terms_begin();
        auto it =
            sub.get_type() == Xapian::Query::LEAF_TERM && t != sub.get_terms_end() ? m_terms.find(*t) : m_terms.end();
        if (it == m_terms.end()) {
          m_usable = false;  // a phrase of fields or of something else
          return;
        }
        terms.push_back(it->second);
      }
      for (std::size_t t : terms) m_in_phrase.insert(t);
      ++m_units;
      m_phrases.push_back(std::move(terms));
      return;
    }
    if (q.get_type() == Xapian::Query::OP_NEAR) m_usable = false;
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) add_phrases(q.get_subquery(i));
  }

  // Adds to `units` what the last word found makes: the word, or a whole
  // phrase that it ends (its words in a row); no word of a phrase alone.
  // Whether it added any.
  bool add_unit(const std::vector<Found>& found, std::vector<Found>& units) const {
    const Found& last = found.back();
    const std::size_t before = units.size();
    if (!m_in_phrase.count(last.term)) units.push_back(last);
    for (std::size_t p = 0; p < m_phrases.size(); ++p) {
      const auto& terms = m_phrases[p];
      if (terms.size() > found.size() || last.word + 1 < terms.size()) continue;
      const std::size_t k = found.size() - terms.size();
      bool whole = true;
      for (std::size_t i = 0; whole && i < terms.size(); ++i) {
        whole = found[k + i].term == terms[i] && found[k + i].word == last.word + 1 - terms.size() + i;
      }
      if (whole) units.push_back({found[k].offset, m_terms.size() + p, found[k].word});
    }
    return units.size() > before;
  }

  // Whether the units within `bytes` before the last one are every query
  // word and phrase.
  bool all_within(const std::vector<Found>& units, std::size_t bytes) const {
    std::uint64_t seen = 0;
    std::size_t count = 0;
    for (std::size_t k = units.size(); k > 0 && units[k - 1].offset + bytes > units.back().offset; --k, ++count) {
      seen |= std::uint64_t{1} << units[k - 1].term;
    }
    return static_cast<std::size_t>(__builtin_popcountll(seen)) == m_units &&
           count >= std::max<std::size_t>(2, m_units);
  }

  static bool has_wildcard(const Xapian::Query& q) {
    if (q.get_type() == Xapian::Query::OP_WILDCARD) return true;
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
      if (has_wildcard(q.get_subquery(i))) return true;
    }
    return false;
  }

  // ASCII letters, digits and "_" (isalnum() was a call per byte: 10% of a search).
  static constexpr auto kAsciiWordChar = [] {
    std::array<bool, 128> t{};
    for (int c = 0; c < 128; ++c)
      t[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    return t;
  }();

  // Whether a word character (Xapian's Unicode::is_wordchar) starts at
  // text[i], and its length in bytes.
  static bool word_char_at(std::string_view text, std::size_t i, std::size_t& len) {
    const auto c = static_cast<unsigned char>(text[i]);
    len = 1;
    if (c < 0x80) return kAsciiWordChar[c];
    // A window never holds 2 GB: int32_t offsets, as ICU's U8_NEXT takes.
    const auto* s = reinterpret_cast<const uint8_t*>(text.data() + i);
    const auto n = static_cast<int32_t>(std::min<std::size_t>(text.size() - i, 4));
    int32_t at = 0;
    UChar32 ch = 0;
    U8_NEXT(s, at, n, ch);
    len = static_cast<std::size_t>(at);
    if (ch < 0) return false;
    return Xapian::Unicode::is_wordchar(static_cast<unsigned>(ch));
  }

  // Whether the scan of the whole text would begin a word at text[i], a
  // word character: the character before it is no word character, nor an
  // apostrophe that joins it to the word before ("Tunisia's").
  static bool word_starts_at(std::string_view text, std::size_t i) {
    auto word_char_before = [&](std::size_t at) {  // the character ending at `at`
      if (at == 0) return false;
      const auto c = static_cast<unsigned char>(text[at - 1]);
      if (c < 0x80) return kAsciiWordChar[c];
      const auto* s = reinterpret_cast<const uint8_t*>(text.data());
      auto k = static_cast<int32_t>(at);
      UChar32 ch = 0;
      U8_PREV(s, 0, k, ch);
      return ch >= 0 && Xapian::Unicode::is_wordchar(static_cast<unsigned>(ch));
    };
    if (word_char_before(i)) return false;
    return !(i >= 1 && text[i - 1] == '\'' && word_char_before(i - 1));
  }

  // The index of the query term a word is, as MSet::snippet() matches it.
  std::optional<std::size_t> matched(std::string_view word) const {
    const auto c = static_cast<unsigned char>(word[0]);
    // Letters beyond ASCII ("Kádár") are checked whole: SnippetStem folds them.
    if (c < 0x80 && (word.size() < 2 || static_cast<unsigned char>(word[1]) < 0x80)) {
      // No query word begins with its first letters: it is none of them,
      // nor does its stem (Snowball changes a word's end only) begin one.
      const char w0 = static_cast<char>(std::tolower(c));
      const char w1 = word.size() > 1 ? static_cast<char>(std::tolower(static_cast<unsigned char>(word[1]))) : '\0';
      const bool could = std::any_of(m_heads.begin(), m_heads.end(),
                                     [&](const std::string& h) { return h[0] == w0 && (h.size() < 2 || h[1] == w1); });
      if (!could) return std::nullopt;
    }
    const std::string lower = Xapian::Unicode::tolower(std::string(word));
    if (auto it = m_terms.find(lower); it != m_terms.end()) return it->second;
    if (auto it = m_terms.find("Z" + m_stem(lower)); it != m_terms.end()) return it->second;
    return std::nullopt;
  }

  const Xapian::Stem& m_stem;
  std::map<std::string, std::size_t> m_terms;  ///< the query's plain terms and stems -> index
  std::vector<std::string> m_heads;            ///< the first two letters of each
  std::array<bool, 256> m_first{};             ///< bytes that can begin a word matched() looks at
  std::vector<std::vector<std::size_t>> m_phrases;
  std::set<std::size_t> m_in_phrase;  ///< the terms of m_phrases
  std::size_t m_units = 0;            ///< query words outside phrases, and phrases
  bool m_usable = true;
};

// Whether a snippet ends where `part` ends: MSet::snippet() then adds no
// "…", nor does it when it stops at the end of a sentence.
bool reaches_end(std::string_view snippet, std::string_view part) {
  auto trimmed = [](std::string_view s) {
    const std::size_t last = s.find_last_not_of(" \t\r\n");
    return s.substr(0, last == std::string_view::npos ? 0 : last + 1);
  };
  snippet = trimmed(snippet);
  part = trimmed(part);
  const std::size_t n = std::min<std::size_t>(16, snippet.size());
  if (n == 0 || part.size() < n) return false;
  for (std::size_t i = 0; i < n; ++i) {
    const char a = snippet[snippet.size() - n + i], b = part[part.size() - n + i];
    if (a != b && !(a == ' ' && (b == '\n' || b == '\r'))) return false;  // snippets show line breaks as spaces
  }
  return true;
}

// MSet::snippet() of `text`, or of its part `window` ("…" added where the
// part does not reach the text's ends, as the snippet of the whole text
// would show).
std::pair<std::string, std::vector<Highlight>> snippet_in(const Xapian::MSet& mset, const std::string& text,
                                                          std::optional<std::pair<std::size_t, std::size_t>> window,
                                                          const Xapian::Stem& stem, std::size_t bytes) {
  if (!window) return unmark_snippet(mset.snippet(text, bytes, stem, 0, kHiStart, kHiEnd, "…"));
  const auto [begin, end] = *window;
  auto [plain, hl] =
      unmark_snippet(mset.snippet(text.substr(begin, end - begin), bytes, stem, 0, kHiStart, kHiEnd, "…"));
  constexpr std::string_view kOmit = "…";
  constexpr const char* kBlank = " \t\r\n";
  // Only white space before or after the part: the text's own start or end.
  if (begin > 0 && text.find_last_not_of(kBlank, begin - 1) != std::string::npos &&
      plain.compare(0, kOmit.size(), kOmit) != 0) {
    plain.insert(0, kOmit);
    for (auto& h : hl) h.offset += kOmit.size();
  }
  if (text.find_first_not_of(kBlank, end) != std::string::npos && reaches_end(plain, text.substr(begin, end - begin)) &&
      (plain.size() < kOmit.size() || plain.compare(plain.size() - kOmit.size(), kOmit.size(), kOmit) != 0))
    plain += kOmit;
  return {std::move(plain), std::move(hl)};
}

// The snippet of a hit: of the body around the matched words; the summary
// (or title) when the body has none of them (the match was in a field).
// Not SNIPPET_EXHAUSTIVE: measured 5x slower per query for snippets that
// read no better (bench/query_bench.cpp, docs/benchmarks.md). Nor
// SNIPPET_BACKGROUND_MODEL, which weighs each word of the text by its
// frequency in the index: for a common query word ("upon", in 70% of the
// records) it preferred the start of the text with no match in it
// (measured: no highlight in the top hit), and it cost 20% of a whole
// search (5,000 records, 7.3 ms -> 6.0 ms). Through the remote backend it
// was a round trip per word (2,000 messages for ten snippets). Without it
// a snippet is the densest run of query words.
void snippet_of(Hit& h, const Xapian::MSet& mset, const Xapian::Stem& stem, const SnippetWindow& finder,
                bool plain_terms, std::size_t bytes) {
  for (const std::string* text : {&h.record.body, &h.record.summary, &h.record.title}) {
    if (text->empty()) continue;
    if (!plain_terms) {
      // The start of the text, as MSet::snippet() gives when no word matches.
      h.snippet = window_of(*text, 0, bytes);
      break;
    }
    const auto part = finder.window(*text, bytes);
    // No query word in it: the start of the text, as MSet::snippet() gives.
    auto [plain, hl] = part && part->first == part->second
                           ? std::make_pair(window_of(*text, 0, bytes), std::vector<Highlight>{})
                           : snippet_in(mset, *text, part, stem, bytes);
    if (h.snippet.empty() || !hl.empty()) {
      h.snippet = std::move(plain);
      h.highlights = std::move(hl);
    }
    if (!h.highlights.empty()) break;
  }
}

// The hits of a page of matches of `q`: records, ranks from opts.offset,
// snippets of about opts.snippet_bytes with their highlights.
std::vector<Hit> hits_of(Xapian::MSet& mset, const Xapian::Query& q, const SearchOptions& opts) {
  Xapian::Stem stem(new SnippetStem(q));
  const SnippetWindow finder(q, stem);
  // person:/place: terms are prefixed, and MSet::snippet() highlights no
  // prefixed term: the matched names are highlighted by highlight_names(),
  // the words of title:, summary:... terms by highlight_words().
  const std::set<std::string> entity_terms = entity_query_terms(q);
  const KwicTerms field_words = kwic_field_terms(kwic_query_terms(q));
  const bool plain_terms = has_plain_terms(q);
  // Ask for every shown record at once: through the remote backend each
  // document is otherwise a round trip of its own.
  // (By range: Xapian 1.4.22's fetch() without arguments crashes on an
  // MSet that does not start at rank 0, i.e. any --offset; measured.)
  mset.fetch(mset.begin(), mset.end());
  std::vector<Hit> hits;
  unsigned rank = opts.offset;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Hit h;
    h.rank = ++rank;
    h.score = it.get_weight();
    h.percent = it.get_percent();
    // The persons and places only to highlight the names a query matched;
    // a result line's fields alone, without the JSON, when that is enough.
    h.record = opts.display_records ? display_record_from_document(it.get_document(), !entity_terms.empty())
                                    : record_from_document(it.get_document(), !entity_terms.empty());
    snippet_of(h, mset, stem, finder, plain_terms, opts.snippet_bytes);
    if (!entity_terms.empty()) {
      auto names = matched_names(h.record, entity_terms);
      // Found through the name floor alone: the words whose key it matched.
      if (names.empty()) names = floor_names(h.record, q);
      highlight_names(h.snippet, h.highlights, {&h.record.body, &h.record.summary, &h.record.title}, names,
                      opts.snippet_bytes);
    }
    if (opts.explain) h.why = entity_tiers(it.get_document(), q);
    highlight_words(h.snippet, h.highlights, {&h.record.body, &h.record.summary, &h.record.title}, field_words,
                    opts.snippet_bytes);
    hits.push_back(std::move(h));
  }
  return hits;
}

}  // namespace

std::set<std::string> entity_query_terms(const Xapian::Query& q) {
  std::set<std::string> out;
  for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t) {
    for (const char* f : {"person", "person_key", "person_exact", "place"}) {
      if ((*t).rfind(field(f).prefix, 0) == 0) out.insert(*t);
    }
  }
  return out;
}

namespace {

// The query's terms of the given fields, by field name.
std::map<std::string, std::set<std::string>> query_terms_by_field(const Xapian::Query& q,
                                                                  std::initializer_list<const char*> fields) {
  // The terms that can make a record match: not those under the right side
  // of AND_NOT (person:'s floor leaves out records of a place of that name).
  std::set<std::string> terms;
  std::function<void(const Xapian::Query&)> walk = [&](const Xapian::Query& sub) {
    if (sub.get_type() == Xapian::Query::LEAF_TERM) {
      terms.insert(*sub.get_terms_begin());
      return;
    }
    const std::size_t n = sub.get_type() == Xapian::Query::OP_AND_NOT ? 1 : sub.get_num_subqueries();
    for (std::size_t i = 0; i < n; ++i) walk(sub.get_subquery(i));
  };
  walk(q);
  std::map<std::string, std::set<std::string>> out;
  for (const auto& t : terms) {
    for (const char* f : fields) {
      const std::string_view px = field(f).prefix;
      if (t.rfind(px, 0) == 0 && !(t.size() > px.size() && std::isupper(static_cast<unsigned char>(t[px.size()])))) {
        out[f].insert(t);
      }
    }
  }
  return out;
}

bool has_any(const Xapian::Document& doc, const std::set<std::string>& terms) {
  for (const auto& t : terms) {
    auto it = doc.termlist_begin();
    it.skip_to(t);
    if (it != doc.termlist_end() && *it == t) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> entity_tiers(const Xapian::Document& doc, const Xapian::Query& q) {
  auto by = query_terms_by_field(q, {"person", "person_key", "person_exact", "person_surname", "place", "name_word"});
  const bool persons = by.count("person") || by.count("person_key") || by.count("person_exact");
  const bool places = by.count("place") > 0;
  if (!persons && !places) return {};
  std::vector<std::string> out;
  auto tier = [&](const char* kind, std::initializer_list<const char*> registered) {
    // A one-word person: query also asks for a surname key (XPS): a record
    // whose person has the word only as a given name is no registered hit.
    const bool surname_ok =
        std::string_view(kind) != "person" || !by.count("person_surname") || has_any(doc, by["person_surname"]);
    for (const char* f : registered) {
      if (surname_ok && by.count(f) && has_any(doc, by[f]))
        return std::string(kind) + ": registered in this record (ranked first)";
    }
    if (by.count("name_word") && has_any(doc, by["name_word"])) {
      return std::string(kind) + ": written as a name, not registered (the name floor, ranked below)";
    }
    return std::string(kind) + ": the name's words in this order, not registered (the name floor, ranked below)";
  };
  if (persons) out.push_back(tier("person", {"person_key", "person", "person_exact"}));
  if (places) out.push_back(tier("place", {"place"}));
  return out;
}

std::vector<std::string> floor_names(const Record& r, const Xapian::Query& q) {
  auto by = query_terms_by_field(q, {"name_word"});
  if (!by.count("name_word")) return {};
  // Keys, and "=" + a word matched only as spelled (exact_floor_word()).
  const std::size_t plen = field("name_word").prefix.size();
  std::set<std::string> keys;
  for (const auto& t : by["name_word"]) {
    keys.insert(t.substr(plen));
    if (t.compare(plen, 1, "^") == 0) keys.insert(t.substr(plen + 1));  // opening_floor_word()
  }
  std::set<std::string> out;
  for (const std::string* text : {&r.body, &r.summary, &r.title}) {
    for (const auto& tok : kwic_tokens(*text)) {
      std::string word = text->substr(tok.offset, tok.length);
      for (const auto& w : name_words(word)) {
        if (keys.count(name_key(w)) || keys.count(exact_floor_word(w))) out.insert(word);
      }
    }
  }
  return {out.begin(), out.end()};
}

std::vector<std::string> matched_names(const Record& r, const std::set<std::string>& query_terms) {
  std::vector<std::string> out;
  auto add = [&](const std::string& name, const std::vector<std::string>& forms) {
    out.push_back(name);
    out.insert(out.end(), forms.begin(), forms.end());
  };
  for (const Person& p : r.persons) {
    auto terms = person_name_terms(p);
    if (std::any_of(terms.begin(), terms.end(), [&](const std::string& t) { return query_terms.count(t) > 0; })) {
      add(p.name, p.forms);
    }
  }
  for (const Place& p : r.places) {
    if (query_terms.count(place_name_term(p))) add(p.name, p.forms);
  }
  std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  out.erase(std::remove(out.begin(), out.end(), std::string()), out.end());
  return out;
}

void highlight_names(std::string& snippet, std::vector<Highlight>& highlights,
                     std::initializer_list<const std::string*> texts, const std::vector<std::string>& names,
                     std::size_t bytes) {
  if (names.empty()) return;
  highlight_found(snippet, highlights, texts, bytes, [&](const std::string& text, const std::vector<Highlight>& taken) {
    return find_names(text, names, taken);
  });
}

void highlight_words(std::string& snippet, std::vector<Highlight>& highlights,
                     std::initializer_list<const std::string*> texts, const KwicTerms& words, std::size_t bytes) {
  if (words.empty()) return;
  highlight_found(snippet, highlights, texts, bytes, [&](const std::string& text, const std::vector<Highlight>& taken) {
    return find_words(text, words, taken);
  });
}

std::pair<std::string, std::vector<Highlight>> unmark_snippet(std::string_view marked) {
  std::string text;
  std::vector<Highlight> hl;
  std::size_t i = 0;
  while (i < marked.size()) {
    std::size_t s = marked.find(kHiStart[0], i);
    if (s == std::string_view::npos) {
      unescape_into(marked.substr(i), text);
      break;
    }
    unescape_into(marked.substr(i, s - i), text);
    std::size_t e = marked.find(kHiEnd[0], s + 1);
    if (e == std::string_view::npos) e = marked.size();
    std::size_t begin = text.size();
    unescape_into(marked.substr(s + 1, e - s - 1), text);
    if (text.size() > begin) hl.push_back({begin, text.size() - begin});
    i = e + 1;
  }
  return {std::move(text), std::move(hl)};
}

Searcher::Searcher(const std::string& path, OpenOptions open) : m_path(path), m_open(open) { this->open(); }

void Searcher::open() {
  m_missing.clear();
  if (!is_stub(m_path)) {
    m_db = Xapian::Database(m_path);
    check_schema(m_db, m_path);
    m_shards = 1;
    return;
  }
  // Each shard on its own, so that a failure names it (Xapian opening the
  // stub itself would fail as a whole, without saying which shard).
  auto entries = read_stub(m_path);
  Xapian::Database all;
  unsigned opened = 0;
  for (std::size_t k = 0; k < entries.size(); ++k) {
    const StubEntry& e = entries[k];
    std::string where = fmt::format("shard {} ({}, {}:{})", k, e.describe(), m_path, e.line);
    try {
      Xapian::Database db = open_shard(e, m_open.remote_timeout_ms);
      check_schema(db, where);
      all.add_database(db);
      ++opened;
    } catch (const Xapian::Error& err) {
      std::string why = fmt::format("{} cannot be searched: {}: {}", where, err.get_type(), err.get_msg());
      if (!m_open.allow_partial) throw ShardUnavailable(why + "; --allow-partial searches the other shards");
      m_missing.push_back(why);
    }
  }
  if (opened == 0)
    throw ShardUnavailable(fmt::format("no shard of '{}' can be searched: {}", m_path, fmt::join(m_missing, "; ")));
  m_db = all;
  m_shards = static_cast<unsigned>(entries.size());
}

template <class F>
auto Searcher::retrying(F&& f) -> decltype(f()) {
  for (int attempt = 0;; ++attempt) {
    try {
      return f();
    } catch (const Xapian::DatabaseModifiedError&) {
      // A writer committed while we read: reopen at the new revision.
      if (attempt >= 5) throw;
      m_db.reopen();
    } catch (const Xapian::NetworkError&) {
      // A remote shard went away mid-search: open the shards again, which
      // names the one that is down (or, allowing partial results, leaves
      // it out), and run once more.
      if (attempt >= 1) throw;
      open();
    }
  }
}

Xapian::Enquire Searcher::make_enquire(const Xapian::Query& q, SortOrder sort) const {
  Xapian::Enquire enq(m_db);
  enq.set_query(q);
  // A record indexed into two shards (a re-shard gone wrong) comes back once.
  if (m_shards > 1) enq.set_collapse_key(slot::id);
  // Equal scores in id order, so that results are the same however the
  // records are spread over shards (docids differ between layouts).
  switch (sort) {
    case SortOrder::relevance: enq.set_sort_by_relevance_then_value(slot::id, false); break;
    case SortOrder::date: enq.set_sort_by_value_then_relevance(slot::sort_asc, false); break;
    case SortOrder::date_desc: enq.set_sort_by_value_then_relevance(slot::sort_desc, true); break;
  }
  return enq;
}

SearchResult Searcher::search(const SearchOptions& opts) {
  return retrying([&] {
    SearchResult r = run(opts);
    r.shards = m_shards;
    r.missing_shards = m_missing;
    return r;
  });
}

SearchResult Searcher::run(const SearchOptions& opts) {
  SearchResult res;
  res.query = opts.query;
  res.offset = opts.offset;
  const Xapian::Query q = parse(opts, res);
  Xapian::MSet mset = match(q, opts, res);
  // No match (or asked): the query respelled with words the index knows
  // (Xapian's spelling data, written at index time), for "Did you mean".
  if (opts.suggest && (res.total == 0 || opts.suggest_always) && opts.like_id.empty()) {
    res.suggestion = spelling_suggestion(m_db, opts.query, opts.query_options);
  }
  res.hits = hits_of(mset, q, opts);
  return res;
}

Xapian::Query Searcher::parse(const SearchOptions& opts, SearchResult& res) {
  Xapian::Query q = build_query(m_db, opts.query, opts.query_options);
  res.parsed = q.get_description();
  if (!opts.like_id.empty()) {
    q = like_query(opts, res);
    res.parsed = q.get_description();
  }
  if (opts.explain) res.explanation = explain_query(m_db, q);
  return q;
}

Xapian::MSet Searcher::match(const Xapian::Query& q, const SearchOptions& opts, SearchResult& res) {
  Xapian::Enquire enq = make_enquire(q, opts.sort);
  if (opts.time_limit > 0) enq.set_time_limit(opts.time_limit);
  // Facets: one counter per facet, made of Xapian's ValueCountMatchSpy
  // (search/facets.h; built-ins only, so remote shards can count). Spies count
  // only the documents the matcher examines, so then every match is.
  std::vector<std::unique_ptr<FacetCounter>> counters;
  for (const auto& name : opts.facets) {
    const Facet* f = find_facet(name);
    if (!f) {
      std::vector<std::string> valid;
      for (const auto& ff : facets()) valid.emplace_back(ff.name);
      throw QueryError("unknown facet '" + name + "'; valid facets: " + join(valid, ", "));
    }
    counters.push_back(std::make_unique<FacetCounter>(*f, m_db));
    counters.back()->add_to(enq);
  }
  Xapian::doccount check = opts.offset + opts.limit + 1000;
  if (!counters.empty()) check = std::max(check, m_db.get_doccount());
  Xapian::MSet mset;
  try {
    // Look at up to 1,000 matches beyond the page so that totals are exact
    // for all but large result sets (total_exact says which).
    mset = enq.get_mset(opts.offset, opts.limit, check);
  } catch (const Xapian::WildcardError& e) {
    throw QueryError("a wildcard matches too many words (" + e.get_msg() + "); make it longer");
  }
  for (std::size_t i = 0; i < counters.size(); ++i)
    res.facets.push_back({opts.facets[i], counters[i]->top(opts.facet_limit)});
  count_matches(mset, check, res);
  return mset;
}

void Searcher::count_matches(const Xapian::MSet& mset, Xapian::doccount check, SearchResult& res) const {
  res.total = mset.get_matches_estimated();
  res.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  if (m_shards > 1 && !res.total_exact && mset.get_uncollapsed_matches_lower_bound() < check) {
    // With a collapse key Xapian 1.4 leaves the upper bound at its
    // estimate even when it saw every match (measured: '"Soviet Union"',
    // 52 matches, bounds 52..120). Fewer matches than `check` means it did
    // see them all, so the lower bound is the exact count.
    res.total = mset.get_matches_lower_bound();
    res.total_exact = true;
  }
}

KwicResult Searcher::kwic(const SearchOptions& opts, unsigned context, std::optional<unsigned> max_records) {
  return retrying([&] {
    KwicResult r = run_kwic(opts, context, max_records);
    r.search.shards = m_shards;
    r.search.missing_shards = m_missing;
    return r;
  });
}

std::optional<Record> Searcher::record(const std::string& id) {
  return retrying([&]() -> std::optional<Record> {
    auto pl = m_db.postlist_begin(id_term(id));
    if (pl == m_db.postlist_end(id_term(id))) return std::nullopt;
    return record_from_document(m_db.get_document(*pl));
  });
}

}  // namespace opis

namespace opis {

std::string Searcher::revision() const {
  std::string uuid;
  try {
    uuid = m_db.get_uuid();
  } catch (const Xapian::Error&) {
    // A backend without a UUID: the counts below still tell most changes.
  }
  try {
    return uuid + " r" + std::to_string(m_db.get_revision());
  } catch (const Xapian::Error&) {
    // Several shards (or a remote one): no single revision.
  }
  return uuid + " n" + std::to_string(m_db.get_doccount()) + " l" + std::to_string(m_db.get_lastdocid()) + " t" +
         std::to_string(m_db.get_total_length());
}

}  // namespace opis

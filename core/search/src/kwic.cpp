// KWIC: find the matched terms again in a body and lay out the concordance.
#include "opis/search/kwic.h"

#include <algorithm>

#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>
#include <nlohmann/json.hpp>

#include "opis/base/language_id.h"
#include "opis/base/text.h"
#include "opis/entities/name_key.h"
#include "opis/index/language_stemmer.h"
#include "opis/index/schema.h"

namespace opis {

namespace {

bool is_word_char(UChar32 c) {
  if (c < 0) return false;
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  return u_isalnum(c) || (U_GET_GC_MASK(c) & (U_GC_M_MASK | U_GC_PC_MASK)) != 0;
}

bool is_apostrophe(UChar32 c) { return c == '\'' || c == 0x2019; }

std::string lower(std::string_view s) {
  bool ascii = std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) return ascii_lower(s);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toLower();
  std::string out;
  u.toUTF8String(out);
  return out;
}

// Text of [begin, end) on one line: runs of white space made one space, trimmed.
std::string one_line(std::string_view text, std::size_t begin, std::size_t end) {
  if (end <= begin) return {};
  return squash_spaces(text.substr(begin, end - begin));
}

bool only_space(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

void collect(const Xapian::Query& q, KwicQueryTerms& out, bool in_phrase) {
  const auto type = q.get_type();
  if (type == Xapian::Query::LEAF_TERM) {
    auto it = q.get_terms_begin();
    if (it == q.get_terms_end()) return;
    std::string t = *it;
    if (in_phrase)
      out.phrase_terms.insert(t);
    else
      out.loose_terms.insert(t);
    return;
  }
  if (type == Xapian::Query::OP_WILDCARD) {
    // Xapian 1.4 has no accessor for the pattern, and get_matching_terms()
    // does not give a wildcard's expansions: read it from the description,
    // "Query(WILDCARD SYNONYM khrush)".
    std::string d = q.get_description();
    while (!d.empty() && d.back() == ')') d.pop_back();
    std::string pattern = d.substr(d.rfind(' ') + 1);
    if (is_unprefixed_term(pattern))
      out.wildcards.push_back(pattern);
    else if (std::string w = kwic_field_word(pattern); !w.empty())
      out.wildcards.push_back(w);  // title:forc*
    return;
  }
  if (type == Xapian::Query::OP_PHRASE) {
    std::vector<std::string> words, terms;
    bool ok = true;
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
      Xapian::Query sub = q.get_subquery(i);
      auto it = sub.get_terms_begin();
      // A phrase of a text field (title:"military force") is looked for as its words.
      std::string w = sub.get_type() == Xapian::Query::LEAF_TERM && it != sub.get_terms_end()
                          ? (is_unprefixed_term(*it) ? *it : kwic_field_word(*it))
                          : std::string();
      if (w.empty() || !is_unprefixed_term(w)) {
        ok = false;
        break;
      }
      words.push_back(w);
      terms.push_back(*it);
    }
    if (ok && !words.empty()) {
      out.phrases.push_back(words);
      out.phrase_terms.insert(terms.begin(), terms.end());
    }
    return;
  }
  std::size_t n = q.get_num_subqueries();
  // Negated branches: nothing of them is in the record.
  if (type == Xapian::Query::OP_AND_NOT) n = std::min<std::size_t>(n, 1);
  for (std::size_t i = 0; i < n; ++i) collect(q.get_subquery(i), out, in_phrase);
}

}  // namespace

std::vector<KwicToken> kwic_tokens(std::string_view text) {
  std::vector<KwicToken> out;
  out.reserve(text.size() / 6);
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t len = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < len) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (!is_word_char(c)) continue;
    // The character at `at` and the offset after it.
    auto next = [&](int32_t at, int32_t& after) {
      UChar32 ch;
      U8_NEXT(s, at, len, ch);
      after = at;
      return ch;
    };
    int32_t end = i;
    while (end < len) {
      int32_t j = 0, k = 0;
      const UChar32 d = next(end, j);
      if (is_word_char(d)) {
        end = j;
      } else if (is_apostrophe(d) && j < len && is_word_char(next(j, k))) {  // don't, Qa'id: one word
        end = k;
      } else {
        break;
      }
    }
    KwicToken t;
    t.offset = static_cast<std::size_t>(start);
    t.length = static_cast<std::size_t>(end - start);
    t.folded = fold(text.substr(t.offset, t.length));
    out.push_back(std::move(t));
    i = end;
  }
  return out;
}

std::string kwic_field_word(const std::string& term) {
  // A stem of a field term is "Z" + prefix + stem ("ZSforc"); a plain stem
  // ("Zforc") has a lower-case letter after the Z.
  const bool stem = term.size() > 1 && term[0] == 'Z' && term[1] >= 'A' && term[1] <= 'Z';
  std::string_view rest(term);
  if (stem) rest.remove_prefix(1);
  // The longest prefix of any field that fits (XTRS, not XTR, for
  // "XTRSsmith"): only a text field's term is a word of some text.
  const Field* best = nullptr;
  for (const Field& f : fields()) {
    const std::size_t n = f.prefix.size();
    if ((best && n <= best->prefix.size()) || rest.substr(0, n) != f.prefix) continue;
    if (rest.size() > n && rest[n] >= 'A' && rest[n] <= 'Z') continue;  // a longer prefix
    best = &f;
  }
  if (!best || best->kind != FieldKind::text) return {};
  // Only fields whose words are part of the record's own text: a word of a
  // translator's name or of the reference found in the body is no match.
  const std::string_view name = best->name;
  if (name != "title" && name != "summary" && name != "handwritten" && name != "footnote") return {};
  std::string_view value = rest.substr(best->prefix.size());
  if (!value.empty() && value[0] == ':') value.remove_prefix(1);  // Xapian's mark before a capital
  if (value.empty()) return {};
  return (stem ? "Z" : "") + std::string(value);
}

std::vector<std::vector<std::string>> kwic_name_phrases(const std::vector<std::string>& names) {
  std::vector<std::vector<std::string>> out;
  for (const auto& n : names) {
    std::vector<std::string> words;
    for (const auto& t : kwic_tokens(n)) words.emplace_back(n.substr(t.offset, t.length));
    if (!words.empty()) out.push_back(std::move(words));
  }
  return out;
}

KwicQueryTerms kwic_query_terms(const Xapian::Query& q) {
  KwicQueryTerms out;
  collect(q, out, false);
  return out;
}

KwicTerms kwic_terms_for(const KwicQueryTerms& qt, const std::vector<std::string>& matched) {
  KwicTerms t;
  for (const auto& p : qt.phrases) {
    std::vector<std::string> f;
    for (const auto& w : p) f.push_back(fold(w));
    t.phrases.push_back(std::move(f));
  }
  for (const auto& w : qt.wildcards) t.prefixes.push_back(fold(w));
  for (const auto& term : matched) {
    if (qt.phrase_terms.count(term) && !qt.loose_terms.count(term)) continue;
    const std::string field_word = kwic_field_word(term);
    const std::string& m = field_word.empty() ? term : field_word;
    if (m.size() > 1 && m[0] == 'Z' && is_unprefixed_term(m.substr(1))) {
      t.stems.insert(m.substr(1));
    } else if (is_unprefixed_term(m)) {
      t.words.insert(fold(m));
    }
  }
  return t;
}

KwicTerms kwic_field_terms(const KwicQueryTerms& qt) {
  KwicTerms t;
  for (const auto* set : {&qt.loose_terms, &qt.phrase_terms}) {
    for (const auto& term : *set) {
      const std::string w = kwic_field_word(term);
      if (w.size() > 1 && w[0] == 'Z')
        t.stems.insert(w.substr(1));
      else if (!w.empty())
        t.words.insert(fold(w));
    }
  }
  return t;
}

std::vector<std::pair<std::size_t, std::size_t>> kwic_matches(std::string_view text,
                                                              const std::vector<KwicToken>& tokens,
                                                              const KwicTerms& terms) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  // Not configuration: the one analyzer stems English; one per thread, as a Xapian::Stem is not thread-safe.
  static thread_local Xapian::Stem stem("english");
  // Stems of other languages in the query (":de:kongress"): the word's stem
  // in each of them, of its folded form as make_document() stems it.
  std::vector<std::pair<std::string, Xapian::Stem>> others;
  for (const auto& st : terms.stems) {
    if (st.size() < 4 || st[0] != ':') continue;
    const std::string tag = st.substr(0, st.find(':', 1) + 1);    // ":de:"
    if (!others.empty() && others.back().first == tag) continue;  // the set is sorted
    const std::string_view code = std::string_view(tag).substr(1, tag.size() - 2);
    if (has_stemmer(code)) others.emplace_back(tag, language_stemmer(code));
  }
  // A word after an elided article matches as itself too ("d'haskell" is
  // Haskell), as make_document() indexes it (document.cpp).
  auto unelided = [](const std::string& w) { return std::string_view(w).substr(elision_length(w)); };
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string& w = tokens[i].folded;
    const std::string_view bare = unelided(w);
    bool hit = terms.words.count(w) > 0 || (bare.size() < w.size() && terms.words.count(std::string(bare)) > 0);
    if (!hit && !terms.stems.empty()) {
      auto cached = terms.stem_cache.find(w);
      if (cached != terms.stem_cache.end()) {
        hit = cached->second;
      } else {
        std::string st = stem(lower(text.substr(tokens[i].offset, tokens[i].length)));
        hit = terms.stems.count(st) > 0 || terms.stems.count(stem(w)) > 0 ||
              (bare.size() < w.size() && terms.stems.count(stem(std::string(bare))) > 0);
        if (!hit && !others.empty()) {
          // The word as written (a dictionary knows it so), as make_document() stems it.
          const std::string written = lower(text.substr(tokens[i].offset, tokens[i].length));
          const std::string b = search_fold(bare);
          for (std::size_t k = 0; k < others.size() && !hit; ++k) {
            auto& [tag, other] = others[k];
            hit = terms.stems.count(tag + other(written)) > 0 ||
                  (b.size() < w.size() && terms.stems.count(tag + other(b)) > 0);
          }
        }
        if (terms.stem_cache.size() > 1000000) terms.stem_cache.clear();
        terms.stem_cache.emplace(w, hit);
      }
    }
    for (std::size_t k = 0; !hit && k < terms.prefixes.size(); ++k)
      hit = w.compare(0, terms.prefixes[k].size(), terms.prefixes[k]) == 0;
    if (hit) spans.emplace_back(i, i);
    for (const auto& p : terms.phrases) {
      if (p.empty() || i + p.size() > tokens.size()) continue;
      bool all = true;
      for (std::size_t k = 0; k < p.size() && all; ++k)
        all = tokens[i + k].folded == p[k] || unelided(tokens[i + k].folded) == p[k];
      if (all) spans.emplace_back(i, i + p.size() - 1);
    }
    for (const auto& p : terms.names) {
      if (p.empty() || i + p.size() > tokens.size()) continue;
      bool all = true;
      for (std::size_t k = 0; k < p.size() && all; ++k)
        all = text.substr(tokens[i + k].offset, tokens[i + k].length) == p[k];
      if (all) spans.emplace_back(i, i + p.size() - 1);
    }
  }
  std::sort(spans.begin(), spans.end());
  std::vector<std::pair<std::size_t, std::size_t>> merged;
  for (const auto& s : spans) {
    if (!merged.empty()) {
      auto& m = merged.back();
      bool touching = false;
      if (s.first == m.second + 1) {
        std::size_t gap_from = tokens[m.second].offset + tokens[m.second].length;
        touching = only_space(text.substr(gap_from, tokens[s.first].offset - gap_from));
      }
      if (s.first <= m.second || touching) {
        m.second = std::max(m.second, s.second);
        continue;
      }
    }
    merged.push_back(s);
  }
  return merged;
}

std::vector<KwicLine> kwic_lines(std::string_view body, const KwicTerms& terms, unsigned context) {
  std::vector<KwicLine> out;
  if (body.empty() || terms.empty()) return out;
  auto tokens = kwic_tokens(body);
  for (const auto& [first, last] : kwic_matches(body, tokens, terms)) {
    KwicLine l;
    std::size_t kw_begin = tokens[first].offset, kw_end = tokens[last].offset + tokens[last].length;
    std::size_t lf = first >= context ? first - context : 0;
    std::size_t rl = std::min(tokens.size() - 1, last + context);
    l.offset = kw_begin;
    l.keyword = one_line(body, kw_begin, kw_end);
    l.left = one_line(body, tokens[lf].offset, kw_begin);
    l.right = one_line(body, kw_end, tokens[rl].offset + tokens[rl].length);
    l.cut_left = lf > 0;
    l.cut_right = rl + 1 < tokens.size();
    if (first == 0) l.left.clear();
    if (last + 1 == tokens.size()) l.right = one_line(body, kw_end, body.size());
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace opis

// Tokens for the extractor: words classified by ICU (capitalised, all
// capitals, initials, sentence starts), and the tests on them that several
// rules share.
#include "extractor.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "opis/base/text.h"

namespace opis::extraction {

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
      // "75.000 fr., Fried": a comma right after a dot ends no sentence.
      if (c == ',' && start > 0 && p[start - 1] == '.') sentence = false;
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
        UChar32 e = 0;
        int32_t k = peek(end, e);
        if (!u_isupper(e) || k >= n || p[k] != '.') break;
        end = k + 1;  // "N.S."
      }
      t.initials = true;
    }
    if (!t.initials) {
      // A word: letters and digits, with inner hyphens and apostrophes.
      while (end < n) {
        UChar32 e = 0;
        int32_t k = peek(end, e);
        if (u_isalnum(e)) {
          end = k;
          continue;
        }
        if (e == '-' || e == '\'' || e == 0x2019) {
          UChar32 f;
          peek(k, f);
          if (k < n && u_isalpha(f)) {
            end = k;
            continue;
          }
        }
        break;
      }
    }
    // "d'Haskell", "l'Alsace-Lorraine", "qu'Aulard": the elided article is a
    // lower-case token of its own (d' a particle, as de), and the name after
    // it a capitalised token, as the register writes it. A capital D' stays
    // in the name (D'Annunzio, Dell'Acqua, Dall'Oglio); other capital
    // articles open a sentence (L'Europe, Nell'Italia, Jusqu'à).
    if (!t.initials) {
      const std::string_view word = s.substr(start, end - start);
      const std::size_t e = elision_length(word);
      UChar32 f = 0;
      if (e > 0 && e < word.size()) peek(start + static_cast<int32_t>(e), f);
      const bool article = !upper_first || word[0] != 'D';
      if (e > 0 && article && (u_isupper(f) || u_istitle(f))) {
        t.text = std::string(word.substr(0, e));
        t.folded = fold_name(t.text);
        t.sentence_start = sentence;
        sentence = false;
        out.push_back(std::move(t));
        i = start + static_cast<int32_t>(e);
        continue;
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
    // "D'après", "L'on", "Qu'il": an elided article before a lower-case word
    // is a word capitalised by its place, no name.
    if (const std::size_t e = elision_length(t.text); t.cap && e > 0 && e < t.text.size()) {
      UChar32 f = 0;
      peek(start + static_cast<int32_t>(e), f);
      if (u_islower(f)) t.cap = false;
    }
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
  if (t.cap && t.folded.size() < 3 && !is_name_particle(t.folded, ParticleUse::running_text) &&
      t.folded.find_first_of("aeiouy") == std::string::npos)
    return false;
  if (function_words().count(t.folded) && !(t.cap && !t.allcaps && t.folded.size() > 2)) return false;
  if (t.cap) return !months().count(t.folded);
  // al-Karim, el-Sadat: a lower-case particle joined to a capital.
  return t.text.size() > 3 && (t.text.rfind("al-", 0) == 0 || t.text.rfind("el-", 0) == 0);
}

}  // namespace opis::extraction

// Text helpers: ICU folding and small string utilities.
#include "opis/base/text.h"

#include <algorithm>

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>
#include <unicode/utypes.h>

namespace opis {

namespace {

// Folding of non-ASCII text: NFD, drop non-spacing marks, lower-case, NFC.
// ICU's transliterator "NFD; [:Nonspacing Mark:] Remove; Lower; NFC" does
// exactly this, but creating the first transliterator of a process reads
// ICU's whole transliterator registry: 15-20 ms, paid by every search that
// highlighted one accented word. The normalizers and the case mapping are
// the same ICU data without the registry (tests/unit/text_test.cpp checks
// both give the same result).
std::string fold_non_ascii(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  if (U_FAILURE(status)) {
    u.toLower(icu::Locale::getRoot());
  } else {
    icu::UnicodeString d = nfd->normalize(u, status);
    icu::UnicodeString kept;
    for (int32_t i = 0; i < d.length();) {
      const UChar32 c = d.char32At(i);
      i += U16_LENGTH(c);
      if (u_charType(c) != U_NON_SPACING_MARK) kept.append(c);
    }
    kept.toLower(icu::Locale::getRoot());
    u = nfc->normalize(kept, status);
  }
  std::string out;
  u.toUTF8String(out);
  return out;
}

// search_fold() of non-ASCII text. By hand rather than with ICU's
// transliterator "NFKD; [:Nonspacing Mark:] Remove; NFC" for the two
// reasons fold_non_ascii() gives (start-up cost) and one more: the breve of
// Cyrillic й must stay, which a transliterator rule set cannot say without
// a filter per script.
std::string search_fold_non_ascii(std::string_view s, bool lower) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  if (lower) u.foldCase();  // full folding: ß -> ss, ﬁ -> fi
  if (U_SUCCESS(status)) {
    icu::UnicodeString d = nfkd->normalize(u, status);
    icu::UnicodeString kept;
    UChar32 base = 0;
    for (int32_t i = 0; i < d.length();) {
      const UChar32 c = d.char32At(i);
      i += U16_LENGTH(c);
      if (!lower && (c == 0x00DF || c == 0x1E9E)) {
        kept.append(c == 0x00DF ? u"ss" : u"SS");  // what foldCase() does when lowering
        base = c;
      } else if (u_charType(c) != U_NON_SPACING_MARK) {
        kept.append(c);
        base = c;
      } else if (c == 0x0306 && (base == 0x0438 || base == 0x0418)) {
        kept.append(c);  // й, Й: a letter of its own in Russian
      }
    }
    if (lower) kept.foldCase();  // NFKD can make upper-case forms (ℌ -> H)
    u = nfc->normalize(kept, status);
  }
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

bool is_ascii(std::string_view s) {
  return std::none_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

std::string fold(std::string_view s) { return is_ascii(s) ? ascii_lower(s) : fold_non_ascii(s); }

std::string search_fold(std::string_view s, bool lower) {
  if (is_ascii(s)) return lower ? ascii_lower(s) : std::string(s);
  return search_fold_non_ascii(s, lower);
}

std::string_view trim(std::string_view s) {
  auto nbsp_at_start = [](std::string_view v) {
    return v.size() >= 2 && static_cast<unsigned char>(v[0]) == 0xC2 && static_cast<unsigned char>(v[1]) == 0xA0;
  };
  auto nbsp_at_end = [](std::string_view v) {
    return v.size() >= 2 && static_cast<unsigned char>(v[v.size() - 2]) == 0xC2 &&
           static_cast<unsigned char>(v[v.size() - 1]) == 0xA0;
  };
  while (!s.empty() && (is_space(s.front()) || nbsp_at_start(s))) s.remove_prefix(is_space(s.front()) ? 1 : 2);
  while (!s.empty() && (is_space(s.back()) || nbsp_at_end(s))) s.remove_suffix(is_space(s.back()) ? 1 : 2);
  return s;
}

std::string trim_copy(std::string_view s) { return std::string(trim(s)); }

std::string_view trim_ascii(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

std::string squash_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : trim(s)) {
    if (is_space(c)) {
      space = true;
    } else {
      if (space && !out.empty()) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool starts_with_icase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  return ascii_lower(s.substr(0, prefix.size())) == ascii_lower(prefix);
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      if (start < text.size()) lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

std::vector<std::string> split_fields(std::string_view line, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    std::size_t at = line.find(sep, start);
    out.emplace_back(line.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return out;
}

std::size_t display_width(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t len = static_cast<int32_t>(text.size());
  std::size_t w = 0;
  for (int32_t i = 0; i < len;) {
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c >= 0 && (U_GET_GC_MASK(c) & U_GC_M_MASK)) continue;
    ++w;
  }
  return w;
}

}  // namespace opis

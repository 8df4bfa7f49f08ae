// Untrusted text made inert: for a terminal (visible escapes) and for JSON
// (\u escapes). See untrusted.h for the rule.
#include "opis/base/untrusted.h"

#include <array>

#include <fmt/format.h>
#include <unicode/utf8.h>
#include <nlohmann/json.hpp>

namespace opis {

namespace {

// The bidirectional embeddings, overrides and isolates: LRE RLE PDF LRO
// RLO, LRI RLI FSI PDI (Trojan Source, CVE-2021-42574; the set rustc's
// text_direction_codepoint lints name). The marks LRM, RLM and ALM are not
// here: they change no order beyond themselves, and Arabic and Hebrew text
// holds them legitimately.
bool is_bidi_control(UChar32 c) { return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069); }

// One byte shown: "\t", "\n", "\r" as C writes them, any other as "\xNN".
void escape_byte(std::string& out, unsigned char b) {
  switch (b) {
    case '\t': out += "\\t"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    default: out += fmt::format("\\x{:02x}", b);
  }
}

constexpr std::array<std::string_view, 4> kOurColors = {sgr::bold, sgr::match, sgr::dim, sgr::reset};

// The one scanner behind terminal_safe() and terminal_output(). Byte by
// byte rather than through ICU's converters: an invalid sequence must be
// shown byte by byte (a file name in Latin-1 stays recognisable), and text
// with nothing to escape, nearly all of it, is copied as it is. U8_NEXT
// decodes strictly (no overlong forms, surrogates or values past U+10FFFF)
// and steps over the maximal invalid subsequence.
std::string scan(std::string_view s, bool keep_layout, bool our_colors) {
  std::string out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    const uint8_t b = p[i];
    if (b < 0x80) {
      if (b == 0x1b && our_colors) {
        std::string_view rest = s.substr(static_cast<std::size_t>(i));
        bool ours = false;
        for (std::string_view c : kOurColors) {
          if (rest.substr(0, c.size()) == c) {
            out += c;
            i += static_cast<int32_t>(c.size());
            ours = true;
            break;
          }
        }
        if (ours) continue;
      }
      // A line that ends in CR LF (Windows text, kept by the JSON reader)
      // keeps its line end; a CR alone would move back over the line.
      if (b == '\r' && keep_layout && i + 1 < n && p[i + 1] == '\n') {
        ++i;
        continue;
      }
      const bool control = b < 0x20 || b == 0x7f;
      if (control && !(keep_layout && (b == '\n' || b == '\t'))) {
        escape_byte(out, b);
      } else {
        out += static_cast<char>(b);
      }
      ++i;
      continue;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) {
      for (int32_t k = start; k < i; ++k) escape_byte(out, p[k]);
    } else if ((c >= 0x80 && c <= 0x9f) || is_bidi_control(c)) {
      out += fmt::format("\\u{:04x}", static_cast<uint32_t>(c));
    } else {
      out.append(s.data() + start, static_cast<std::size_t>(i - start));
    }
  }
  return out;
}

}  // namespace

std::string terminal_safe(std::string_view s, TextLayout layout) { return scan(s, layout == TextLayout::block, false); }

std::string terminal_output(std::string_view text, bool our_colors) { return scan(text, true, our_colors); }

std::string json_text(const nlohmann::json& j, int indent) {
  const std::string dumped = j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
  // The dump is valid UTF-8 (invalid bytes were replaced), and outside its
  // strings it holds only ASCII punctuation, digits and letters: every DEL,
  // C1 or bidi control in it is inside a string, where \uXXXX means it.
  std::string out;
  out.reserve(dumped.size());
  const auto* p = reinterpret_cast<const uint8_t*>(dumped.data());
  const int32_t n = static_cast<int32_t>(dumped.size());
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c == 0x7f || (c >= 0x80 && c <= 0x9f) || is_bidi_control(c)) {
      out += fmt::format("\\u{:04x}", static_cast<uint32_t>(c));
    } else {
      out.append(dumped.data() + start, static_cast<std::size_t>(i - start));
    }
  }
  return out;
}

}  // namespace opis

// Untrusted text made inert for where it goes (issue 14): a record's text, a
// file name, an id or a JSON key comes from outside and may hold terminal
// control sequences ("ESC [2J" clears the screen, "ESC ] 0;x BEL" sets the
// window title) or bidirectional overrides (U+202E shows text backwards).
// On a terminal they are shown as visible escapes, never emitted; in JSON
// they are \u escapes. Every printer (core/output) and every front end's
// message goes through these; docs/search-output.md states the rule.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace opis {

/// How much layout untrusted text keeps on a terminal.
enum class TextLayout {
  line,   ///< one line (a title, an id, a diagnostic): tab and newline are escaped too
  block,  ///< lines of text (a body, a --record value): tab and newline are kept
};

/// `s` made inert for a terminal. Shown as visible escapes, never emitted:
/// C0 controls (but tab and newline with TextLayout::block, which also
/// drops the CR of a CR LF line end) as "\t", "\n",
/// "\r" or "\x1b"; DEL as "\x7f"; C1 controls (U+0080-U+009F, as UTF-8) as
/// "\u009b"; the bidirectional embeddings, overrides and isolates
/// (U+202A-U+202E, U+2066-U+2069, the set of CVE-2021-42574) as "\u202e";
/// each byte that is not part of valid UTF-8 (a raw 0x9b, a file name in
/// Latin-1) as "\x9b". Everything else is copied byte for byte: letters of
/// every script, right-to-left ones included, and the bidi *marks* U+200E,
/// U+200F, U+061C, which right-to-left text needs and which override
/// nothing. A backslash is not escaped: the escapes are for the eye, not
/// to be read back.
std::string terminal_safe(std::string_view s, TextLayout layout = TextLayout::line);

/// Our own colours (--color): the only escape sequences a printer emits.
namespace sgr {
inline constexpr std::string_view bold = "\x1b[1m";
inline constexpr std::string_view match = "\x1b[1;31m";
inline constexpr std::string_view dim = "\x1b[2m";
inline constexpr std::string_view reset = "\x1b[0m";
}  // namespace sgr

/// The last pass of text output on its way to a terminal, behind the
/// per-field terminal_safe(): terminal_safe(text, TextLayout::block), except
/// that with `our_colors` the sgr:: sequences above are kept. Printers call
/// it on what they wrote, so output code that forgets a field still emits
/// no control sequence but, at worst, one of our colours.
std::string terminal_output(std::string_view text, bool our_colors);

/// `j` as JSON text (indented by `indent`, or compact when -1), safe on a
/// terminal and valid whatever the record held: invalid UTF-8 becomes
/// U+FFFD (instead of nlohmann's type_error 316), and besides the C0
/// controls JSON escapes anyway, DEL, the C1 controls and the bidi controls
/// of terminal_safe() are written as \u escapes; a JSON parser reads back
/// the same strings. Every other character stays UTF-8.
std::string json_text(const nlohmann::json& j, int indent = 2);

}  // namespace opis

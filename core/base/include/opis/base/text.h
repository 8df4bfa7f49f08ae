// Text helpers shared by readers, the writer and the query side: Unicode
// folding (ICU) and small string utilities.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace opis {

/// True when every byte of `s` is ASCII.
bool is_ascii(std::string_view s);

/// Lower-case and strip diacritics (ICU: NFD, remove non-spacing marks,
/// lower-case, NFC): "Ceaușescu" -> "ceausescu". Thread-safe.
std::string fold(std::string_view s);

/// The search form of a word or text, the same at index and query time
/// (issue 16): compatibility forms decomposed ("ﬁ" -> "fi", NFKD),
/// diacritics dropped ("congrès" -> "congres", "München" -> "Munchen"), full
/// case folding where `lower` ("ß" -> "ss"; otherwise case is kept, so a
/// query's AND/OR stay operators), NFC. Cyrillic й and Й keep their breve:
/// Russian's stemmer reads "-ий"/"-ый" endings, and и is another letter
/// (ё folds to е, as Russian writers do). ASCII text comes back as it is
/// (lower-cased when `lower`). Thread-safe.
std::string search_fold(std::string_view s, bool lower = true);

/// Trim ASCII white space (and NBSP) at both ends.
std::string_view trim(std::string_view s);
std::string trim_copy(std::string_view s);
/// Nothing but white space (as trim() sees it).
inline bool is_blank(std::string_view s) { return trim(s).empty(); }
/// Trim ASCII white space only (space, \t, \n, \v, \f, \r): an NBSP at
/// either end is kept. The citation export trims so (export.cpp), and its
/// output stays as it was.
std::string_view trim_ascii(std::string_view s);

/// Collapse runs of white space into one space, and trim.
std::string squash_spaces(std::string_view s);

bool starts_with_icase(std::string_view s, std::string_view prefix);
std::string ascii_lower(std::string_view s);

/// The fields of one line split at every `sep`, empty ones kept
/// ("a\t\tb" -> "a", "", "b"): a TSV line of the gazetteer.
std::vector<std::string> split_fields(std::string_view line, char sep = '\t');

/// The items with `sep` between them ("a, b, c"). An empty item adds no
/// separator before the first non-empty one ({"", "a"} -> "a"), as every
/// hand-written join this one replaced did.
std::string join(const std::vector<std::string>& items, std::string_view sep);

/// Split text into lines (after CRLF/CR have been normalised to LF).
std::vector<std::string_view> split_lines(std::string_view text);

/// Characters shown (code points, combining marks not counted).
std::size_t display_width(std::string_view s);

}  // namespace opis

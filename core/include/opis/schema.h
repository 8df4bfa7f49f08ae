// The schema: the one table of fields that the index writer and the query
// parser both read. No term prefix or value slot is written anywhere else.
//
// Prefixes follow Omega's conventions where one exists (Q unique id, S title,
// U URL, P path, D/M/Y day/month/year); ours start with X. Free-text fields
// are indexed with positions and English stemming (stems carry Xapian's Z
// prefix); boolean fields hold one folded (lower-case, no diacritics) term
// per value and act as filters.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include <xapian.h>

namespace opis {

enum class FieldKind {
  text,     ///< free text: words, phrases, stems; ranked
  boolean,  ///< exact values; a filter, not ranked
};

struct Field {
  std::string_view name;         ///< the query syntax name: `title:`
  std::string_view prefix;       ///< the term prefix
  FieldKind kind;
  unsigned weight;               ///< wdf increment per word (text fields)
  bool in_default;               ///< also indexed unprefixed, for plain words
  std::string_view alias;        ///< another query name, or ""
  std::string_view description;  ///< one line, for --help and docs
};

/// Every field, in the order --help lists them.
std::span<const Field> fields();
/// The field called `name` (or whose alias is `name`), or nullptr.
const Field* find_field(std::string_view name);
/// The field with this exact name; asserts it exists (a programming error).
const Field& field(std::string_view name);

/// Value slots.
namespace slot {
inline constexpr Xapian::valueno id = 0;          ///< record id (collapse key)
inline constexpr Xapian::valueno date_start = 1;  ///< "YYYYMMDD"
inline constexpr Xapian::valueno date_end = 2;    ///< "YYYYMMDD"
inline constexpr Xapian::valueno sort_asc = 3;    ///< date key, undated last
inline constexpr Xapian::valueno sort_desc = 4;   ///< date key, undated last when reversed
}  // namespace slot

/// Weight of the unprefixed (default field) copy of text per field: title
/// above summary above body. These are wdf increments.
inline constexpr unsigned kTitleWeight = 3;
inline constexpr unsigned kSummaryWeight = 2;
inline constexpr unsigned kBodyWeight = 1;

/// Longest term Xapian accepts is 245 bytes; we stay below it.
inline constexpr std::size_t kMaxTermBytes = 240;

/// The boolean term for `value` in field `f`: prefix + folded value,
/// with ':' between when the value starts with an upper-case letter
/// (Omega's rule), hashed when too long for Xapian.
std::string boolean_term(const Field& f, std::string_view value);

/// The unique-id term ("Q" + id, unfolded: ids are exact).
std::string id_term(std::string_view id);

}  // namespace opis

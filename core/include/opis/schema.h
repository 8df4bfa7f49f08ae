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
  entity,   ///< persons and places: terms from the extractor, a query processor of their own; ranked
  internal, ///< a term prefix with no query name of its own (used by an entity field)
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
// Facet slots: several values in one slot are joined by kFacetSep; each
// value is "key" or "key" + kFacetLabelSep + "label" (see facet_spy.h).
inline constexpr Xapian::valueno persons = 5;     ///< surname key + label, per person
inline constexpr Xapian::valueno places = 6;      ///< canonical place names
inline constexpr Xapian::valueno year = 7;        ///< "YYYY" when dated
inline constexpr Xapian::valueno lang = 8;        ///< original language as written
inline constexpr Xapian::valueno archive = 9;     ///< holding archive as written

}  // namespace slot

/// Facets (--facets NAME,...): name and the slot counted.
struct Facet {
  std::string_view name;
  Xapian::valueno slot;
  std::string_view description;
};
/// Every facet, in the order --help lists them.
std::span<const Facet> facets();
/// The facet called `name`, or nullptr.
const Facet* find_facet(std::string_view name);

inline constexpr char kFacetSep = '\x1f';
inline constexpr char kFacetLabelSep = '\x1e';

/// What an exact (folded) spelling of a person's name adds to a variant
/// matched by key, as a share of the key's weight (person: queries). Small
/// on purpose: the spelling decides between records that name a person
/// equally often; a record about the person still outranks one that names
/// them once in the user's spelling.
inline constexpr double kExactNameBoost = 0.3;

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

/// prefix + value as given (no folding), capped like boolean_term(). For
/// entity terms whose values are already normalised (folded or exact).
std::string prefixed_term(const Field& f, std::string_view value);

/// The unique-id term ("Q" + id, unfolded: ids are exact).
std::string id_term(std::string_view id);

}  // namespace opis

// The schema: the one table of fields that the index writer and the query
// parser both read. No term prefix or value slot is written anywhere else.
//
// Prefixes follow Omega's conventions where one exists (Q unique id, S title,
// U URL, P path, D/M/Y day/month/year); ours start with X. Free-text fields
// are indexed with positions and English stemming (stems carry Xapian's Z
// prefix); boolean fields hold one folded (lower-case, no diacritics) term
// per value and act as filters.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <xapian.h>

namespace opis {

enum class FieldKind {
  text,      ///< free text: words, phrases, stems; ranked
  boolean,   ///< exact values; a filter, not ranked
  entity,    ///< persons and places: terms from the extractor, a query processor of their own; ranked
  internal,  ///< a term prefix with no query name of its own (used by an entity field)
  range,     ///< a number matched against an interval held in two value slots (page:9); no terms
};

struct Field {
  std::string_view name;    ///< the query syntax name: `title:`
  std::string_view prefix;  ///< the term prefix
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
// Slots 5 and 6 held the persons and places facets of schema 1 (several
// values joined in one slot); they are left unused.
inline constexpr Xapian::valueno year = 7;         ///< "YYYY" when dated
inline constexpr Xapian::valueno lang = 8;         ///< original language as written
inline constexpr Xapian::valueno archive = 9;      ///< holding archive as written
inline constexpr Xapian::valueno page_first = 10;  ///< first page/leaf of the reference, sortable_serialise()d
inline constexpr Xapian::valueno page_last = 11;   ///< last page/leaf of the reference, sortable_serialise()d
/// The stored record's persons and places, out of the document data (which
/// every result line reads): {"persons": [...], "places": [...]} as JSON,
/// deflated (document.cpp says why); absent when the record names none.
inline constexpr Xapian::valueno entities = 12;
// Multi-valued facets: one value a slot, from the base up (the k-th person
// of a record in persons + k), so that Xapian's own ValueCountMatchSpy can
// count them (search/facets.h). Each value is "key" kFacetLabelSep "label"
// (persons) or the name alone (places); a key at most once per record.
inline constexpr Xapian::valueno persons = 100;  ///< persons + k: surname key + label of the k-th person
inline constexpr Xapian::valueno places = 200;   ///< places + k: canonical name of the k-th place

}  // namespace slot

/// Facets (--facets NAME,...): name and the slots counted.
struct Facet {
  std::string_view name;
  Xapian::valueno slot;  ///< the slot, or the first of a multi-valued facet's
  std::string_view description;
  bool multi = false;  ///< values in slot, slot + 1, ... (at most kMaxFacetValues)
};
/// Every facet, in the order --help lists them.
std::span<const Facet> facets();
/// The facet called `name`, or nullptr.
const Facet* find_facet(std::string_view name);

/// Most values of a multi-valued facet per record: a record naming more
/// persons (places) keeps the most mentioned ones, in the record's order.
inline constexpr Xapian::valueno kMaxFacetValues = 64;
/// Between a facet value's key and its label ("krusuv" + sep + "Khrushchev").
inline constexpr char kFacetLabelSep = '\x1e';

/// The version of this schema, stored as the database metadata
/// "opis:schema". 14: given names (issue 13, precision): a record's given
/// names (XNG), the first word of a name of two or more kept apart in the
/// name floor (XNW "^" + key) and among the surname keys of a person whose
/// surname is unsure (XPS "^" + key), no given name among a person's
/// surname keys; a German word of the language kept as spelled (XNW "=" +
/// word), as French since 13. 13: the name floor keeps a French word of the language
/// as spelled (XNW "=" + word; issue 13, precision). 12: the persons and
/// places out of the document data, in the value slot slot::entities
/// (document.cpp). 11: the display header in front of the document data
/// (document.cpp, display_record_from_document()). 10: the name key of
/// short names keeps lone vowels (name_key.cpp, issue 13). 9: name floor (XNW) keys of names joined to a lower-case
/// word ("pre-Jackson"), after "Edw." or "fr.,", none for French and German
/// months, and surnames no junk particle marks (issue 13, recall). 8: surname keys of persons (XPS), which a one-word
/// person: query must meet; German and French function words out of
/// the name floor (XNW), and words of a registered name at no surname's
/// place; passages in another language stemmed in theirs too. 7: Italian, Swedish and Polish stems of dictionary
/// lemmas (language_stemmer.h); given-name keys without particles; EAD
/// component ids qualified by the finding aid's eadid. 6: each record in
/// its own language (issue 16), authority: and series:. 5: a record's id and url from its own link, the last
/// angle-bracketed one of its citation (a bare address before it gave them
/// before); cited sources (XSRC), editors (XED); words after an elided
/// article indexed without it too ("l'Alsace" also as "alsace"), and name
/// keys that split it off ("d'Indy" is "d indy"). 4: name-word keys (XNW),
/// the recall floor of person: and place: (entities/name_floor.h). 3:
/// uncertain and partial dates (ranges, circa widened in the date slots;
/// XDATE flag terms), archive reference parts (XFOND, XOPIS, XDELO, XRG
/// terms; page slots 10, 11). 2: persons and places facets one value a slot
/// (slots 100+, 200+), mention tier terms (name_weight.h). 1: the first.
inline constexpr unsigned kSchemaVersion = 14;
inline constexpr char kSchemaKey[] = "opis:schema";

/// Throws std::runtime_error when `db` holds records and its "opis:schema"
/// is not kSchemaVersion: "<where>: index built by an older Opis (schema
/// 1); run opis-index on it again to upgrade" (or a newer Opis).
void check_schema(const Xapian::Database& db, const std::string& where);

/// The "opis:schema" stored in the index at `db_path` ("1", or "" when
/// unset) when that index exists, holds records and has another version
/// than kSchemaVersion; nullopt otherwise (current, empty, absent or
/// unreadable: opening it for writing will say why). For opis-index, before
/// it opens the index: an outdated index must be read again in full.
std::optional<std::string> outdated_schema(const std::string& db_path);

/// What an exact (folded) spelling of a person's name adds to a variant
/// matched by key, as a share of the key's weight (person: queries). Small
/// on purpose: the spelling decides between records that name a person
/// equally often; a record about the person still outranks one that names
/// them once in the user's spelling.
inline constexpr double kExactNameBoost = 0.3;
/// Weight of a person: or place: match through the name floor alone (a
/// name-like word, XNW, or the phrase): below every registered mention,
/// whose weight is at least 1 (name_weight.h).
inline constexpr double kNameFloorWeight = 0.5;

/// Weight of the unprefixed (default field) copy of text per field: title
/// above summary above body. These are wdf increments.
inline constexpr unsigned kTitleWeight = 3;
inline constexpr unsigned kSummaryWeight = 2;
inline constexpr unsigned kBodyWeight = 1;

/// Longest term Xapian accepts is 245 bytes; we stay below it.
inline constexpr std::size_t kMaxTermBytes = 240;

/// The boolean term for `value` in field `f`: prefix + folded value,
/// with ':' between when the value starts with an upper-case letter
/// (Omega's rule), hashed when too long for Xapian. `id`, `url`, `cites`
/// and `path` values are kept as given (not folded, not trimmed). The writer and the
/// query parser both call this, so a value over kMaxTermBytes is capped the
/// same way on both sides.
std::string boolean_term(const Field& f, std::string_view value);

/// prefix + value as given (no folding), capped like boolean_term(). For
/// entity terms whose values are already normalised (folded or exact).
std::string prefixed_term(const Field& f, std::string_view value);

/// A term of the default field, as the index holds it: it starts with a
/// lower-case letter, a digit or a non-ASCII byte, where every field
/// prefix starts with a capital.
inline bool is_unprefixed_term(std::string_view t) { return !t.empty() && !(t[0] >= 'A' && t[0] <= 'Z'); }

/// The unique-id term ("Q" + id, unfolded: ids are exact; capped as
/// boolean_term() caps it, which it is for the field `id`).
std::string id_term(std::string_view id);

}  // namespace opis

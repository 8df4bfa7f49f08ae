// The schema table. Every prefix Opis uses is here.
#include "opis/index/schema.h"

#include <array>
#include <cassert>
#include <functional>
#include <stdexcept>

#include <fmt/format.h>

#include "opis/base/text.h"

namespace opis {

namespace {

using K = FieldKind;

// name, prefix, kind, weight, in default search, alias, description
// (Not reformatted: one field a line, a table to read down.)
// clang-format off
constexpr std::array<Field, 41> kFields = {{
    {"id", "Q", K::boolean, 0, false, "", "record id, exact (id:209747)"},
    {"title", "S", K::text, kTitleWeight, true, "", "words of the title"},
    {"summary", "XSUM", K::text, kSummaryWeight, true, "", "words of the summary"},
    {"handwritten", "XHW", K::text, kBodyWeight, false, "", "words of [Handwritten: ...] annotations"},
    {"footnote", "XFN", K::text, kBodyWeight, false, "note", "words of footnotes"},
    {"contributor", "XCON", K::text, kBodyWeight, true, "", "names of contributors (also obtained by, donated by)"},
    {"translator", "XTR", K::text, kBodyWeight, true, "", "names of translators"},
    {"transcriber", "XTRS", K::text, kBodyWeight, false, "", "names of transcribers"},
    {"editor", "XED", K::text, kBodyWeight, true, "", "names of editors (edited by)"},
    {"archive", "XARC", K::text, kBodyWeight, false, "", "words of the holding archive's name"},
    {"ref", "XREF", K::text, kBodyWeight, false, "reference", "words of the archive reference (ref:RGANI, ref:\"f. 52\")"},
    {"citation", "XCIT", K::text, kBodyWeight, false, "", "words of the whole citation"},
    {"funder", "XFUND", K::text, kBodyWeight, false, "credits", "words of the credits and funder"},
    {"repo", "XREPO", K::boolean, 0, false, "repository", "repository of the reference, exact (repo:RGANI)"},
    // Parts of the archive reference (citation.h parse_reference()).
    {"fond", "XFOND", K::boolean, 0, false, "", "fond (f.) of a Russian archive reference, exact (fond:52)"},
    {"opis", "XOPIS", K::boolean, 0, false, "", "opis (op., inventory) of a Russian archive reference, exact (opis:1)"},
    {"delo", "XDELO", K::boolean, 0, false, "", "delo (d., file) of a Russian archive reference, exact (delo:566)"},
    {"rg", "XRG", K::boolean, 0, false, "", "record group of a US National Archives reference, exact (rg:59)"},
    // No terms: the reference's first and last page are in the value slots
    // slot::page_first and slot::page_last; the prefix is reserved.
    {"page", "XPAGE", K::range, 0, false, "", "a page or leaf (list) the reference's pages include (page:9, page:8..11)"},
    {"lang", "XLANG", K::boolean, 0, false, "language", "original language, name or ISO 639 code (lang:russian, lang:ru)"},
    {"tlang", "XTLANG", K::boolean, 0, false, "", "language of the translation (tlang:english)"},
    {"textlang", "XAL", K::boolean, 0, false, "", "language the text was analysed (stemmed) in, ISO 639-1 (textlang:de); see --lang"},
    {"year", "Y", K::boolean, 0, false, "", "year of the date, exact (year:1958)"},
    {"month", "M", K::boolean, 0, false, "", "month of a date known to the month, exact (month:195811)"},
    {"day", "D", K::boolean, 0, false, "", "day of a date known to the day, exact (day:19581119)"},
    // Flags of the date, searched as date:uncertain, date:supplied, date:range.
    {"date_flag", "XDATE", K::internal, 0, false, "", "flags of the date: uncertain (circa, ?, early/mid/late), supplied ([...]), range"},
    {"url", "U", K::boolean, 0, false, "", "the record's URL, exact"},
    {"cites", "XSRC", K::boolean, 0, false, "", "a source the citation cites, its URL exact (cites:https://digitallibrary.un.org/record/731480)"},
    {"path", "P", K::boolean, 0, false, "", "the source file's path, exact"},
    {"person", "XPN", K::entity, 0, false, "", "a person named, any spelling (person:Khrushchev, person:Хрущёв, person:\"Abdul Majid Hassan\"); " "person:=Ceaușescu exact spelling"},
    {"person_exact", "XPX", K::internal, 0, false, "", "words of person names, lower-case with diacritics (person:=)"},
    {"person_key", "XPK", K::internal, 0, false, "", "match keys of the words of person names (variant spellings)"},
    {"person_surname", "XPS", K::internal, 0, false, "", "surname keys of a person (person_surname_keys()): what a one-word person: query must meet"},
    {"person_given", "XPG", K::internal, 0, false, "", "a person's surname key + '_' + first given initial ('_' alone when unknown)"},
    {"place", "XPL", K::entity, 0, false, "", "a place named, by any of its names (place:Baghdad, place:Leningrad, place:Iraqi)"},
    {"within", "XWI", K::entity, 0, false, "", "a country and every place in it the gazetteer knows (within:Iraq)"},
    // Mention tiers of the person and place terms (name_weight.h): boolean
    // "XNT" + threshold + ":" + term, e.g. XNT8:XPKkrusuv.
    {"name_word", "XNW", K::internal, 0, false, "", "name key of a word written as a name anywhere in the text, '=' and the word as spelled, or '^' and the key of a word that only opens names (the floor of person: and place:)"},
    {"given_name", "XNG", K::internal, 0, false, "", "name key of a given name the record calls a person by (\"Lieber Hermann\"): in a collection that has it, person:Hermann leaves out names it only opens"},
    {"name_tier", "XNT", K::internal, 0, false, "", "a person or place term named at least N times (N = 2, 4 ... 64)"},
    // Sources that carry them (TEI registers, EAD access points; issue 15).
    {"authority", "XAUTH", K::boolean, 0, false, "", "an authority id of a person or place, scheme:id (authority:gnd:118609807, authority:viaf:49226474, authority:wikidata:Q44331)"},
    {"series", "XSER", K::text, kBodyWeight, false, "", "words of the series path of an EAD component (series:Correspondence)"},
}};
// clang-format on

constexpr std::array<Facet, 5> kFacets = {{
    {"person", slot::persons, "persons named (a record counts once for each)", true},
    {"place", slot::places, "places named (a record counts once for each)", true},
    {"year", slot::year, "year of the date"},
    {"lang", slot::lang, "original language"},
    {"archive", slot::archive, "holding archive"},
}};

}  // namespace

std::span<const Field> fields() { return kFields; }

std::span<const Facet> facets() { return kFacets; }

const Facet* find_facet(std::string_view name) {
  for (const auto& f : kFacets) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

const Field* find_field(std::string_view name) {
  for (const auto& f : kFields) {
    if (f.name == name || (!f.alias.empty() && f.alias == name)) return &f;
  }
  return nullptr;
}

const Field& field(std::string_view name) {
  const Field* f = nullptr;
  for (const auto& ff : kFields) {
    if (ff.name == name) f = &ff;
  }
  assert(f && "unknown schema field");
  return *f;
}

namespace {

// Keep a term under Xapian's limit: a long value is cut and suffixed with
// a hash of the whole, so distinct long values stay distinct.
std::string cap(std::string term) {
  if (term.size() <= kMaxTermBytes) return term;
  std::size_t h = std::hash<std::string>{}(term);
  term.resize(kMaxTermBytes - 17);
  // Do not leave half a UTF-8 sequence before the hash.
  while (!term.empty() && (static_cast<unsigned char>(term.back()) & 0xC0) == 0x80) term.pop_back();
  if (!term.empty() && static_cast<unsigned char>(term.back()) >= 0xC0) term.pop_back();
  return term + fmt::format("#{:016x}", h);
}

}  // namespace

std::string boolean_term(const Field& f, std::string_view value) {
  // Values of exact fields other than ids, addresses and paths are folded
  // so that lang:Russian = lang:russian; id, url, cites and path are
  // case-sensitive.
  const bool as_written = f.prefix == "Q" || f.prefix == "U" || f.prefix == "P" || f.name == "cites";
  std::string v = as_written ? std::string(value) : fold(trim(value));
  std::string term(f.prefix);
  if (!v.empty() && f.prefix.size() > 1 && std::isupper(static_cast<unsigned char>(v[0]))) term += ':';
  term += v;
  return cap(std::move(term));
}

std::string prefixed_term(const Field& f, std::string_view value) {
  return cap(std::string(f.prefix) + std::string(value));
}

std::string id_term(std::string_view id) { return boolean_term(field("id"), id); }

void check_schema(const Xapian::Database& db, const std::string& where) {
  if (db.get_doccount() == 0) return;
  const std::string v = db.get_metadata(kSchemaKey);
  const std::string want = std::to_string(kSchemaVersion);
  if (v == want) return;
  // An unset or smaller version is older; anything else is newer.
  bool older = v.empty() || (v.size() < want.size() || (v.size() == want.size() && v < want));
  if (older) {
    throw std::runtime_error(
        fmt::format("{}: index built by an older Opis (schema {}); run opis-index on it again to upgrade", where,
                    v.empty() ? "unknown" : v));
  }
  throw std::runtime_error(
      fmt::format("{}: index built by a newer Opis (schema {}, this one reads {}); use that version", where, v, want));
}

std::optional<std::string> outdated_schema(const std::string& db_path) {
  try {
    Xapian::Database db(db_path);
    if (db.get_doccount() == 0) return std::nullopt;
    std::string v = db.get_metadata(kSchemaKey);
    if (v == std::to_string(kSchemaVersion)) return std::nullopt;
    return v;
  } catch (const Xapian::Error&) {
    return std::nullopt;  // absent or unreadable: the writer will say why
  }
}

}  // namespace opis

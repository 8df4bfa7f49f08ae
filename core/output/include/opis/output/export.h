// Citation export: the whole result set of a search as CSV, RIS or CSL-JSON,
// for spreadsheets and reference managers (Zotero). docs/export.md describes
// the formats and the field mapping; printer.h prints pages for people and
// scripts, this writes every match for import elsewhere.
//
// An Exporter writes one format as a stream: begin(), one hit() per match in
// rank order, end(); export_search() runs the search page by page and feeds
// it, so an export of many records never holds them all in memory.
#pragma once

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "opis/record/record.h"
#include "opis/search/searcher.h"

namespace opis {

enum class ExportFormat { csv, ris, csljson };

/// "csv", "ris", "csljson" -> the format; nothing for other names ("text").
std::optional<ExportFormat> export_format_from_name(std::string_view name);

/// What every exported record says about the search it came from (RIS N1,
/// CSL-JSON note): the query as given and the day it ran.
struct ExportContext {
  std::string query;  ///< the query, with --from/--to if given
  std::string date;   ///< YYYY-MM-DD (UTC) of the search
};

/// Today's date, YYYY-MM-DD in UTC; or, for reproducible output, the day of
/// `source_date_epoch` (seconds since 1970, as $SOURCE_DATE_EPOCH, which the
/// front end reads) when it is a number; null or "" for today.
std::string export_date_today(const char* source_date_epoch);

/// "Exported from Opis on DATE; query: QUERY" (the note on each record).
std::string export_note(const ExportContext& ctx);

/// "date as written: circa 1961 (EDTF 1961~)" for a date that is not one
/// plain day, month or year (uncertain, a range, a decade, supplied by the
/// editor, or written but not understood); "" otherwise ("n.d." included). Added to each record's note,
/// since Zotero keeps only the first date of a range and no qualifier.
std::string date_note(const Date& d);

class Exporter {
 public:
  virtual ~Exporter() = default;
  void set_context(ExportContext ctx) { m_ctx = std::move(ctx); }
  const ExportContext& context() const { return m_ctx; }
  virtual void begin(std::ostream& out) = 0;
  virtual void hit(const Hit& h, std::ostream& out) = 0;
  virtual void end(std::ostream& out) = 0;

 protected:
  ExportContext m_ctx;
};

/// The writer of a format. `csv_fields` picks and orders the CSV columns
/// (empty: the default columns); it must be empty for the other formats.
/// Throws std::invalid_argument for an unknown field, naming the valid ones.
std::unique_ptr<Exporter> make_exporter(ExportFormat f, const std::vector<std::string>& csv_fields = {});

// --- Search ------------------------------------------------------------------

struct ExportRun {
  SearchResult first;       ///< the first page (total, parsed query, missing shards), hits cleared
  std::size_t written = 0;  ///< records exported
};

/// Run `opts` (its query, filters, sort and offset) and export the matches
/// from opts.offset: `limit` of them when given, else every match. Pages of
/// 1,000 hits; opts.limit and opts.facets are ignored.
ExportRun export_search(Searcher& searcher, SearchOptions opts, std::optional<unsigned> limit, Exporter& exporter,
                        std::ostream& out);

// --- The pieces, for tests -------------------------------------------------

/// A person's name split for citations. Either `literal` is set (a single
/// word, an organisation), or `family` (with `given`, `suffix`).
struct NameParts {
  std::string family;
  std::string given;
  std::string suffix;
  std::string literal;
  bool operator==(const NameParts&) const = default;
};

/// Split a name as the records write it ("Sergey Radchenko", "N.S.
/// Khrushchev", "Ludwig van Beethoven", "King, Martin Luther, Jr."): the
/// last word is the family name (with a lower-case particle before it:
/// "van Beethoven"), the words before it the given names; "Family, Given"
/// when written with a comma. One word, or an organisation ("Wilson Center"),
/// is a literal. Family-first names written without a comma ("Lin Xiaoyu")
/// cannot be told apart and are split like the others.
NameParts split_person_name(std::string_view name);

/// The CSV columns: every valid name, and the default selection, in order.
const std::vector<std::string>& csv_all_fields();
const std::vector<std::string>& csv_default_fields();
/// Parse a --fields list ("id,title,date"): trimmed names, in order. Throws
/// std::invalid_argument for an unknown or empty name, listing the valid ones.
std::vector<std::string> parse_csv_fields(std::string_view list);
/// One CSV field (RFC 4180): quoted when it holds a comma, a quote, CR or LF,
/// with quotes doubled.
std::string csv_field(std::string_view value);
/// The value of column `field` for a hit ("" when the record has none).
std::string csv_value(const Hit& h, std::string_view field);

/// A RIS date: "1958/11/19/", "1958/11//", "1958///"; "" when undated.
std::string ris_date(const Date& d);
/// A RIS name: "Radchenko, Sergey", "King, Martin Luther, Jr.", or the literal.
std::string ris_name(const NameParts& n);
/// One RIS line: "TAG  - value" + CRLF, line breaks in the value made spaces,
/// trimmed; "" when the value is empty (except for ER).
std::string ris_line(std::string_view tag, std::string_view value);
/// A record as one RIS reference, TY to ER.
std::string ris_record(const Record& r, const ExportContext& ctx);

/// A record as one CSL-JSON item (csl-data.json).
nlohmann::json csl_item(const Record& r, const ExportContext& ctx);
/// A CSL name object: {"family", "given"[, "suffix"]} or {"literal"}.
nlohmann::json csl_name(const NameParts& n);

}  // namespace opis

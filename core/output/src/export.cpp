// Citation export: CSV (RFC 4180), RIS (as Zotero's RIS translator reads it)
// and CSL-JSON (csl-data.json). The mapping is documented in docs/export.md.
//
// Record text is untrusted (issue 14): a CSV cell or RIS value that a
// spreadsheet would take for a formula is prefixed with ' (OWASP), control
// characters are shown escaped as on a terminal (untrusted.h), a RIS value
// stays on its line, and CSL-JSON is written by json_text().
#include "opis/output/export.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <ctime>
#include <ostream>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "opis/base/text.h"
#include "opis/base/untrusted.h"
#include "opis/entities/name_key.h"

namespace opis {

using nlohmann::json;

namespace {

std::vector<std::string> words_of(std::string_view s) {
  std::vector<std::string> out;
  std::string w;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!w.empty()) out.push_back(std::move(w));
      w.clear();
    } else {
      w += c;
    }
  }
  if (!w.empty()) out.push_back(std::move(w));
  return out;
}

bool is_suffix(std::string_view w) {
  static const char* const kSuffixes[] = {"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"};
  std::string l = ascii_lower(w);
  return std::any_of(std::begin(kSuffixes), std::end(kSuffixes), [&](const char* s) { return l == s; });
}

// Words that make a credited name an organisation rather than a person.
bool is_organisation(const std::vector<std::string>& words) {
  static const char* const kWords[] = {"archive",    "archives",   "center",   "centre",      "foundation", "institute",
                                       "university", "library",    "ministry", "committee",   "museum",     "office",
                                       "department", "project",    "society",  "association", "agency",     "council",
                                       "bureau",     "press",      "program",  "programme",   "inc",        "ltd",
                                       "&",          "collection", "service",  "commission",  "embassy"};
  for (const auto& w : words) {
    std::string l;
    for (char c : w)
      if (c != '.' && c != ',') l += c;
    l = ascii_lower(l);
    if (std::any_of(std::begin(kWords), std::end(kWords), [&](const char* s) { return l == s; })) return true;
  }
  return false;
}

// "Given Names Family [Suffix]" split at the last word.
NameParts split_words(std::vector<std::string> words, const std::string& whole) {
  NameParts n;
  if (words.size() >= 3 && is_suffix(words.back())) {
    n.suffix = words.back();
    words.pop_back();
  }
  if (words.size() < 2) {
    n = {};
    n.literal = whole;
    return n;
  }
  n.family = words.back();
  words.pop_back();
  while (words.size() > 1 && is_name_particle(words.back(), ParticleUse::cited_name)) {
    n.family = words.back() + " " + n.family;
    words.pop_back();
  }
  n.given = join(words, " ");
  return n;
}

// The length of a Unicode line break at the start of `v` other than CR and
// LF: NEL (U+0085), LINE SEPARATOR (U+2028), PARAGRAPH SEPARATOR (U+2029),
// which some readers of line-based formats also end a line at; 0 if none.
std::size_t unicode_break_at(std::string_view v) {
  if (v.substr(0, 2) == "\xc2\x85") return 2;
  if (v.substr(0, 3) == "\xe2\x80\xa8" || v.substr(0, 3) == "\xe2\x80\xa9") return 3;
  return 0;
}

// A value on one line: line breaks (Unicode's too) and other C0 control
// characters become one space; trimmed. A RIS value so never ends its line,
// and a field holding "\nER  -" cannot end its entry.
std::string one_line(std::string_view v) {
  std::string out;
  bool gap = false;
  for (std::size_t i = 0; i < v.size(); ++i) {
    unsigned char u = static_cast<unsigned char>(v[i]);
    if (u < 0x20 || u == 0x7f) {
      gap = true;
      continue;
    }
    if (std::size_t n = unicode_break_at(v.substr(i))) {
      gap = true;
      i += n - 1;
      continue;
    }
    if (gap && !out.empty() && out.back() != ' ' && v[i] != ' ') out += ' ';
    gap = false;
    out += v[i];
  }
  return std::string(trim_ascii(out));
}

// A cell a spreadsheet would evaluate (=, +, -, @, or a tab or CR first)
// made text with a leading ', as OWASP's "CSV Injection" page advises. A
// negative number or a year before the era ("-1958") is prefixed too: the
// page's rule knows no exception, and a cell cannot tell "-2+3" from "-2".
std::string no_formula(std::string v) {
  if (!v.empty() && std::string_view("=+-@\t\r").find(v.front()) != std::string_view::npos) v.insert(0, 1, '\'');
  return v;
}

// A CSV cell's text: controls escaped as on a terminal (a CSV printed to
// one is inert too), but tab, LF and CR, which a cell may hold inside its
// quotes (RFC 4180) and which read back exactly, kept.
std::string cell_text(std::string_view value) {
  std::string out;
  for (std::size_t pos = 0;;) {
    const std::size_t cr = value.find('\r', pos);
    out += terminal_safe(value.substr(pos, cr == std::string_view::npos ? cr : cr - pos), TextLayout::block);
    if (cr == std::string_view::npos) break;
    out += '\r';
    pos = cr + 1;
  }
  return out;
}

const std::vector<std::string> kAllFields = {"id",
                                             "rank",
                                             "date",
                                             "date_edtf",
                                             "date_start",
                                             "date_end",
                                             "date_text",
                                             "title",
                                             "archive",
                                             "reference",
                                             "repository",
                                             "language",
                                             "translation_language",
                                             "contributors",
                                             "translators",
                                             "transcribers",
                                             "editors",
                                             "url",
                                             "cites",
                                             "summary",
                                             "citation",
                                             "score"};
const std::vector<std::string> kDefaultFields = {"id",          "date",      "date_edtf", "title",
                                                 "archive",     "reference", "language",  "contributors",
                                                 "translators", "url",       "summary",   "score"};

std::string valid_fields_message() { return "valid fields: " + join(kAllFields, ", "); }

// --- Writers -------------------------------------------------------------------

class CsvExporter : public Exporter {
 public:
  explicit CsvExporter(std::vector<std::string> fields) : m_fields(std::move(fields)) {}
  void begin(std::ostream& out) override { row(m_fields, out); }
  void hit(const Hit& h, std::ostream& out) override {
    std::vector<std::string> cells;
    cells.reserve(m_fields.size());
    for (const auto& f : m_fields) cells.push_back(csv_value(h, f));
    row(cells, out);
  }
  void end(std::ostream&) override {}

 private:
  static void row(const std::vector<std::string>& cells, std::ostream& out) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) out << ',';
      out << csv_field(cells[i]);
    }
    out << "\r\n";
  }
  std::vector<std::string> m_fields;
};

class RisExporter : public Exporter {
 public:
  void begin(std::ostream&) override {}
  void hit(const Hit& h, std::ostream& out) override { out << ris_record(h.record, m_ctx); }
  void end(std::ostream&) override {}
};

class CslJsonExporter : public Exporter {
 public:
  void begin(std::ostream& out) override {
    out << '[';
    m_count = 0;
  }
  void hit(const Hit& h, std::ostream& out) override {
    std::string item = json_text(csl_item(h.record, m_ctx));
    // Indent the item inside the array (JSON strings hold no raw line breaks).
    std::string indented = "  ";
    for (char c : item) {
      indented += c;
      if (c == '\n') indented += "  ";
    }
    out << (m_count++ ? ",\n" : "\n") << indented;
  }
  void end(std::ostream& out) override { out << (m_count ? "\n]\n" : "]\n"); }

 private:
  std::size_t m_count = 0;
};

}  // namespace

std::optional<ExportFormat> export_format_from_name(std::string_view name) {
  if (name == "csv") return ExportFormat::csv;
  if (name == "ris") return ExportFormat::ris;
  if (name == "csljson") return ExportFormat::csljson;
  return std::nullopt;
}

std::string export_date_today(const char* epoch) {
  std::time_t t = std::time(nullptr);
  if (epoch && *epoch) {
    char* end = nullptr;
    long long v = std::strtoll(epoch, &end, 10);
    if (end && *end == '\0' && v >= 0) t = static_cast<std::time_t>(v);
  }
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

std::string export_note(const ExportContext& ctx) {
  return fmt::format("Exported from Opis on {}; query: {}", ctx.date, ctx.query);
}

std::string date_note(const Date& d) {
  const bool plain = d.known() && !d.uncertain() && !d.range && !d.decade && !d.supplied;
  if (plain || trim_ascii(d.text).empty()) return {};
  if (!d.known()) {
    // "n.d." says what an absent date says; only a date not understood is noted.
    if (parse_date(d.text).error.empty()) return {};
    return fmt::format("date as written: {}", one_line(d.text));
  }
  return fmt::format("date as written: {} ({}EDTF {})", one_line(d.text), d.supplied ? "supplied by the editor; " : "",
                     d.edtf());
}

std::string record_note(const Record& r, const ExportContext& ctx) {
  std::string note = export_note(ctx);
  if (std::string d = date_note(r.date); !d.empty()) note += "; " + d;
  return note;
}

std::unique_ptr<Exporter> make_exporter(ExportFormat f, const std::vector<std::string>& csv_fields) {
  switch (f) {
    case ExportFormat::csv: {
      for (const auto& name : csv_fields) {
        if (std::find(kAllFields.begin(), kAllFields.end(), name) == kAllFields.end()) {
          throw std::invalid_argument(fmt::format("unknown field '{}'; {}", name, valid_fields_message()));
        }
      }
      return std::make_unique<CsvExporter>(csv_fields.empty() ? kDefaultFields : csv_fields);
    }
    case ExportFormat::ris:
    case ExportFormat::csljson:
      if (!csv_fields.empty()) throw std::invalid_argument("--fields applies to --format csv only");
      if (f == ExportFormat::ris) return std::make_unique<RisExporter>();
      return std::make_unique<CslJsonExporter>();
  }
  throw std::invalid_argument("unknown export format");
}

ExportRun export_search(Searcher& searcher, SearchOptions opts, std::optional<unsigned> limit, Exporter& exporter,
                        std::ostream& out) {
  constexpr unsigned kPage = 1000;
  opts.facets.clear();
  ExportRun run;
  unsigned remaining = limit ? *limit : ~0u;
  bool first = true;
  exporter.begin(out);
  for (;;) {
    opts.limit = std::min(kPage, remaining);
    SearchResult page = searcher.search(opts);
    for (const Hit& h : page.hits) exporter.hit(h, out);
    const std::size_t n = page.hits.size();
    run.written += n;
    if (first) {
      run.first = std::move(page);
      run.first.hits.clear();
      first = false;
    }
    remaining -= static_cast<unsigned>(n);
    opts.offset += static_cast<unsigned>(n);
    if (n == 0 || n < opts.limit || remaining == 0) break;
  }
  exporter.end(out);
  return run;
}

NameParts split_person_name(std::string_view name) {
  const std::vector<std::string> words = words_of(name);
  const std::string whole = join(words, " ");
  NameParts n;
  if (words.empty()) return n;
  if (is_organisation(words)) {
    n.literal = whole;
    return n;
  }
  auto comma = whole.find(',');
  if (comma == std::string::npos) return split_words(words, whole);
  std::string before(trim_ascii(std::string_view(whole).substr(0, comma)));
  std::string after(trim_ascii(std::string_view(whole).substr(comma + 1)));
  if (is_suffix(after)) {
    // "John Smith, Jr."
    n = split_words(words_of(before), before);
    if (n.literal.empty()) {
      n.suffix = after;
    } else {
      n = {};
      n.literal = whole;
    }
    return n;
  }
  // "Family, Given" or "Family, Given, Suffix".
  if (auto c2 = after.find(','); c2 != std::string::npos) {
    n.suffix = std::string(trim_ascii(std::string_view(after).substr(c2 + 1)));
    after = std::string(trim_ascii(std::string_view(after).substr(0, c2)));
  }
  if (before.empty() || after.empty()) {
    n = {};
    n.literal = whole;
    return n;
  }
  n.family = before;
  n.given = after;
  return n;
}

const std::vector<std::string>& csv_all_fields() { return kAllFields; }
const std::vector<std::string>& csv_default_fields() { return kDefaultFields; }

std::vector<std::string> parse_csv_fields(std::string_view list) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (true) {
    std::size_t comma = list.find(',', pos);
    std::string name(
        trim_ascii(list.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos)));
    if (name.empty()) throw std::invalid_argument("empty field name in --fields; " + valid_fields_message());
    if (std::find(kAllFields.begin(), kAllFields.end(), name) == kAllFields.end()) {
      throw std::invalid_argument(fmt::format("unknown field '{}'; {}", name, valid_fields_message()));
    }
    out.push_back(name);
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  return out;
}

std::string csv_field(std::string_view given) {
  const std::string value = no_formula(cell_text(given));
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string csv_value(const Hit& h, std::string_view field) {
  const Record& r = h.record;
  if (field == "rank") return std::to_string(h.rank);
  if (field == "date") return r.date.iso();
  if (field == "date_edtf") return r.date.edtf();
  if (field == "date_start") return r.date.known() ? r.date.start.iso(DatePrecision::day) : std::string();
  if (field == "date_end") return r.date.known() ? r.date.end.iso(DatePrecision::day) : std::string();
  if (field == "date_text") return r.date.text;
  // The other columns are Record's fields (record_fields(): their column).
  for (const RecordField& f : record_fields()) {
    if (f.column.empty() || f.column != field) continue;
    if (f.kind == RecordFieldKind::text) return r.*f.text;
    if (f.kind == RecordFieldKind::list) return join(r.*f.list, "; ");
  }
  if (field == "score") return fmt::format("{}", h.score);
  throw std::invalid_argument(fmt::format("unknown field '{}'; {}", field, valid_fields_message()));
}

std::string ris_date(const Date& d) {
  switch (d.precision) {
    case DatePrecision::day: return fmt::format("{:04}/{:02}/{:02}/", d.start.year, d.start.month, d.start.day);
    case DatePrecision::month: return fmt::format("{:04}/{:02}//", d.start.year, d.start.month);
    case DatePrecision::year: return fmt::format("{:04}///", d.start.year);
    case DatePrecision::unknown: break;
  }
  return {};
}

std::string ris_name(const NameParts& n) {
  if (!n.literal.empty() || n.family.empty()) return n.literal;
  std::string out = n.family;
  if (!n.given.empty()) out += ", " + n.given;
  if (!n.suffix.empty()) out += (n.given.empty() ? ", , " : ", ") + n.suffix;
  return out;
}

std::string ris_line(std::string_view tag, std::string_view value) {
  std::string v = no_formula(terminal_safe(one_line(value)));
  if (v.empty() && tag != "ER") return {};
  return fmt::format("{}  - {}\r\n", tag, v);
}

std::string ris_record(const Record& r, const ExportContext& ctx) {
  std::string out = ris_line("TY", "MANSCPT");
  out += ris_line("ID", r.id);
  out += ris_line("TI", r.title);
  // Zotero reads A4 as translator; for a manuscript it has no tag for a
  // contributor, so A3 (tertiary author, Zotero's contributor tag for
  // theses) keeps them in the RIS sense (docs/export.md).
  for (const auto& c : r.contributors) out += ris_line("A3", ris_name(split_person_name(c)));
  for (const auto& t : r.translators) out += ris_line("A4", ris_name(split_person_name(t)));
  for (const auto& e : r.editors) out += ris_line("ED", ris_name(split_person_name(e)));
  out += ris_line("DA", ris_date(r.date));
  if (r.date.known()) out += ris_line("PY", fmt::format("{:04}", r.date.start.year));
  out += ris_line("DB", r.archive);
  out += ris_line("AN", r.reference);
  out += ris_line("LA", r.original_language);
  out += ris_line("UR", r.url);
  out += ris_line("AB", r.summary);
  out += ris_line("N1", record_note(r, ctx));
  out += ris_line("ER", "");
  out += "\r\n";
  return out;
}

json csl_date_parts(const Ymd& d, DatePrecision p) {
  json parts = json::array({d.year});
  if (p != DatePrecision::year) parts.push_back(d.month);
  if (p == DatePrecision::day) parts.push_back(d.day);
  return parts;
}

json csl_date(const Date& d) {
  // A range is CSL's two date-parts (start and end); a part of a year
  // ("early 1962") is its months; a decade its first and last year.
  // Circa, questioned and part-of-year dates set "circa", which CSL
  // processors print as "c." (EDTF's "~" and "?" have no other CSL mark).
  json parts = json::array();
  const bool part_of_year =
      d.qualifier == DateQualifier::early || d.qualifier == DateQualifier::mid || d.qualifier == DateQualifier::late;
  if (part_of_year) {
    parts.push_back(csl_date_parts(d.start, DatePrecision::month));
    parts.push_back(csl_date_parts(d.end, DatePrecision::month));
  } else {
    parts.push_back(csl_date_parts(d.start, d.precision));
    if (d.range || d.decade) {
      DatePrecision ep = d.decade                                    ? DatePrecision::year
                         : d.end_precision == DatePrecision::unknown ? d.precision
                                                                     : d.end_precision;
      parts.push_back(csl_date_parts(d.end, ep));
    }
  }
  json j{{"date-parts", parts}};
  if (d.uncertain()) j["circa"] = true;
  return j;
}

json csl_name(const NameParts& n) {
  if (!n.literal.empty() || n.family.empty()) return json{{"literal", n.literal}};
  json j{{"family", n.family}};
  if (!n.given.empty()) j["given"] = n.given;
  if (!n.suffix.empty()) j["suffix"] = n.suffix;
  return j;
}

json csl_item(const Record& r, const ExportContext& ctx) {
  json j{{"id", r.id}, {"type", "manuscript"}};
  auto text = [&](const char* key, const std::string& value) {
    std::string v(trim_ascii(value));
    if (!v.empty()) j[key] = v;
  };
  text("title", r.title);
  if (r.date.known()) j["issued"] = csl_date(r.date);
  text("archive", r.archive);
  text("archive_location", r.reference);
  text("language", r.original_language);
  text("URL", r.url);
  text("abstract", r.summary);
  auto names = [&](const char* key, const std::vector<std::string>& list) {
    json a = json::array();
    for (const auto& s : list) {
      NameParts n = split_person_name(s);
      if (!n.family.empty() || !n.literal.empty()) a.push_back(csl_name(n));
    }
    if (!a.empty()) j[key] = a;
  };
  names("contributor", r.contributors);
  names("translator", r.translators);
  names("editor", r.editors);
  j["note"] = record_note(r, ctx);
  return j;
}

}  // namespace opis

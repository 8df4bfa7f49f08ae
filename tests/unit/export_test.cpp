// Unit tests for opis/export.h: CSV quoting (RFC 4180) read back by a small
// reader, the RIS line grammar and the seed record as RIS, CSL-JSON items,
// and how credited names are split.
#include "opis/output/export.h"
#include "../csv_reader.h"

#include <cstdlib>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace opis {
namespace {

using nlohmann::json;
using opis::test::read_csv;
using opis::test::Rows;

// The seed record, /work/shared/corpus/records/209747.txt, as the reader
// fills it (the fields the export uses).
Record seed() {
  Record r;
  r.id = "209747";
  r.date = parse_date("November 19, 1958").date;
  r.title = "Record of a Conversation of Cde. N.S. Khrushchev with a Delegation of Baghdad City Government";
  r.archive = "Wilson Center Digital Archive";
  r.reference = "RGANI, f. 52, op. 1, d. 566, ll. 8-11";
  r.repository = "RGANI";
  r.url = "https://digitalarchive.umd.edu/document/209747";
  r.contributors = {"Sergey Radchenko"};
  r.translators = {"Angela Greenfield"};
  r.summary =
      "Khrushchev meets with a delegation from the Baghdad City Government to congratulate them on their recent "
      "revolution and offer advice on the Iraqi government's future strategy.";
  r.original_language = "Russian";
  r.translation_language = "English";
  return r;
}

const ExportContext kCtx{"military force", "2026-11-28"};

std::string run_exporter(ExportFormat f, const std::vector<Hit>& hits, const std::vector<std::string>& fields = {}) {
  auto e = make_exporter(f, fields);
  e->set_context(kCtx);
  std::ostringstream out;
  e->begin(out);
  for (const auto& h : hits) e->hit(h, out);
  e->end(out);
  return out.str();
}

Hit hit_of(Record r, unsigned rank = 1, double score = 1.5) {
  Hit h;
  h.rank = rank;
  h.score = score;
  h.record = std::move(r);
  return h;
}

// --- CSV -------------------------------------------------------------------------

TEST(ExportCsv, FieldsAreQuotedOnlyWhenNeeded) {
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("plain text"), "plain text");
  EXPECT_EQ(csv_field("RGANI, f. 52"), "\"RGANI, f. 52\"");
  EXPECT_EQ(csv_field("say \"yes\""), "\"say \"\"yes\"\"\"");
  EXPECT_EQ(csv_field("\""), "\"\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field("cr\rhere"), "\"cr\rhere\"");
  EXPECT_EQ(csv_field("crlf\r\nhere"), "\"crlf\r\nhere\"");
  // Non-ASCII passes through byte for byte, unquoted.
  EXPECT_EQ(csv_field("Хрущёв"), "Хрущёв");
  EXPECT_EQ(csv_field("Ceaușescu; Kovač"), "Ceaușescu; Kovač");
  EXPECT_EQ(csv_field("Хрущёв, Н. С."), "\"Хрущёв, Н. С.\"");
}

TEST(ExportCsv, RowsReadBackExactly) {
  Record tricky;
  tricky.id = "t,1";
  tricky.title = "A \"quoted\" title, with a comma";
  tricky.summary = "Line one\nline two\r\nline three, \"end\"";
  tricky.contributors = {"Emil Kovač", "Jonas Feldmann"};
  tricky.translators = {"Хрущёв"};
  tricky.original_language = "Russian";
  Record plain = seed();
  std::string out = run_exporter(ExportFormat::csv, {hit_of(plain, 1, 2.5), hit_of(tricky, 2, 0.25)});
  // Records end with CRLF (RFC 4180).
  ASSERT_GE(out.size(), 2u);
  EXPECT_EQ(out.substr(out.size() - 2), "\r\n");
  Rows rows = read_csv(out);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], csv_default_fields());
  EXPECT_EQ(rows[0], (std::vector<std::string>{"id", "date", "date_edtf", "title", "archive", "reference", "language",
                                               "contributors", "translators", "url", "summary", "score"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"209747", "1958-11-19", "1958-11-19", plain.title, plain.archive,
                                               plain.reference, "Russian", "Sergey Radchenko", "Angela Greenfield",
                                               plain.url, plain.summary, "2.5"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"t,1", "", "", tricky.title, "", "", "Russian",
                                               "Emil Kovač; Jonas Feldmann", "Хрущёв", "", tricky.summary, "0.25"}));
}

TEST(ExportCsv, FieldsPickAndOrderColumns) {
  auto fields = parse_csv_fields(" title, id ,rank,reference,date_text");
  EXPECT_EQ(fields, (std::vector<std::string>{"title", "id", "rank", "reference", "date_text"}));
  Rows rows = read_csv(run_exporter(ExportFormat::csv, {hit_of(seed(), 7)}, fields));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], fields);
  EXPECT_EQ(rows[1], (std::vector<std::string>{seed().title, "209747", "7", "RGANI, f. 52, op. 1, d. 566, ll. 8-11",
                                               "November 19, 1958"}));
}

TEST(ExportCsv, UnknownFieldListsTheValidOnes) {
  try {
    parse_csv_fields("id,nonsense");
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("'nonsense'"), std::string::npos) << what;
    for (const auto& f : csv_all_fields()) EXPECT_NE(what.find(f), std::string::npos) << f << " in " << what;
  }
  EXPECT_THROW(parse_csv_fields("id,,title"), std::invalid_argument);
  EXPECT_THROW(parse_csv_fields(""), std::invalid_argument);
  EXPECT_THROW(make_exporter(ExportFormat::csv, {"bogus"}), std::invalid_argument);
  EXPECT_THROW(make_exporter(ExportFormat::ris, {"id"}), std::invalid_argument);
  EXPECT_THROW(make_exporter(ExportFormat::csljson, {"id"}), std::invalid_argument);
}

TEST(ExportCsv, EveryValidFieldHasAValue) {
  Hit h = hit_of(seed(), 3, 1.25);
  h.record.citation = "the citation";
  h.record.transcribers = {"A B", "C D"};
  for (const auto& f : csv_all_fields()) EXPECT_NO_THROW(csv_value(h, f)) << f;
  EXPECT_EQ(csv_value(h, "repository"), "RGANI");
  EXPECT_EQ(csv_value(h, "translation_language"), "English");
  EXPECT_EQ(csv_value(h, "transcribers"), "A B; C D");
  EXPECT_EQ(csv_value(h, "citation"), "the citation");
  EXPECT_EQ(csv_value(h, "rank"), "3");
}

// --- RIS -------------------------------------------------------------------------

TEST(ExportRis, Dates) {
  EXPECT_EQ(ris_date(parse_date("November 19, 1958").date), "1958/11/19/");
  EXPECT_EQ(ris_date(parse_date("May 1962").date), "1962/05//");
  EXPECT_EQ(ris_date(parse_date("1957").date), "1957///");
  EXPECT_EQ(ris_date(parse_date("n.d.").date), "");
  EXPECT_EQ(ris_date(Date{}), "");
}

TEST(ExportRis, LineGrammar) {
  EXPECT_EQ(ris_line("TI", "Title"), "TI  - Title\r\n");
  EXPECT_EQ(ris_line("AB", "  two\nlines\r\nand\tmore  "), "AB  - two lines and more\r\n");
  EXPECT_EQ(ris_line("AB", "ends with\n"), "AB  - ends with\r\n");
  EXPECT_EQ(ris_line("TI", ""), "");
  EXPECT_EQ(ris_line("TI", " \n "), "");
  EXPECT_EQ(ris_line("ER", ""), "ER  - \r\n");
  EXPECT_EQ(ris_line("LA", "Русский"), "LA  - Русский\r\n");
}

TEST(ExportRis, SeedRecord) {
  const std::string want =
      "TY  - MANSCPT\r\n"
      "ID  - 209747\r\n"
      "TI  - Record of a Conversation of Cde. N.S. Khrushchev with a Delegation of Baghdad City Government\r\n"
      "A3  - Radchenko, Sergey\r\n"
      "A4  - Greenfield, Angela\r\n"
      "DA  - 1958/11/19/\r\n"
      "PY  - 1958\r\n"
      "DB  - Wilson Center Digital Archive\r\n"
      "AN  - RGANI, f. 52, op. 1, d. 566, ll. 8-11\r\n"
      "LA  - Russian\r\n"
      "UR  - https://digitalarchive.umd.edu/document/209747\r\n"
      "AB  - Khrushchev meets with a delegation from the Baghdad City Government to congratulate them on their "
      "recent revolution and offer advice on the Iraqi government's future strategy.\r\n"
      "N1  - Exported from Opis on 2026-11-28; query: military force\r\n"
      "ER  - \r\n"
      "\r\n";
  EXPECT_EQ(ris_record(seed(), kCtx), want);
}

TEST(ExportRis, EmptyFieldsAreLeftOutAndEveryLineIsATag) {
  Record r;
  r.id = "x1";
  r.summary = "multi\nline\n\nsummary";
  std::string out = run_exporter(ExportFormat::ris, {hit_of(r), hit_of(seed(), 2)});
  const std::regex line_re("^[A-Z][A-Z0-9]  - .*$");
  std::istringstream in(out);
  std::string line;
  std::vector<std::string> tags;
  while (std::getline(in, line)) {
    ASSERT_FALSE(line.empty()) << "LF without CR";
    ASSERT_EQ(line.back(), '\r');
    line.pop_back();
    if (line.empty()) continue;
    ASSERT_TRUE(std::regex_match(line, line_re)) << line;
    tags.push_back(line.substr(0, 2));
  }
  std::vector<std::string> first(tags.begin(), tags.begin() + 5);
  EXPECT_EQ(first, (std::vector<std::string>{"TY", "ID", "AB", "N1", "ER"}));
  EXPECT_EQ(tags[5], "TY");
  EXPECT_EQ(tags.back(), "ER");
  EXPECT_NE(out.find("AB  - multi line summary\r\n"), std::string::npos);
  EXPECT_EQ(run_exporter(ExportFormat::ris, {}), "");
}

TEST(ExportRis, Names) {
  EXPECT_EQ(ris_name(split_person_name("Sergey Radchenko")), "Radchenko, Sergey");
  EXPECT_EQ(ris_name(split_person_name("Martin Luther King Jr.")), "King, Martin Luther, Jr.");
  EXPECT_EQ(ris_name(split_person_name("Wilson Center")), "Wilson Center");
  EXPECT_EQ(ris_name(split_person_name("Plato")), "Plato");
}

// Issue 14: editors ("Edited by") are RIS's ED, a CSV column and CSL's
// "editor"; the sources a citation cites are a CSV column.
Record edited() {
  Record r = seed();
  r.editors = {"Maria Kowalska", "Jan Nowak"};
  r.cites = {"https://digitallibrary.un.org/record/731480"};
  return r;
}

TEST(ExportRis, EditorsAreEd) {
  std::string out = ris_record(edited(), kCtx);
  EXPECT_NE(out.find("A4  - Greenfield, Angela\r\nED  - Kowalska, Maria\r\nED  - Nowak, Jan\r\n"), std::string::npos)
      << out;
  EXPECT_EQ(ris_record(seed(), kCtx).find("ED  - "), std::string::npos);
}

TEST(ExportCsv, EditorsAndCitedSourcesColumns) {
  Hit h = hit_of(edited());
  EXPECT_EQ(csv_value(h, "editors"), "Maria Kowalska; Jan Nowak");
  EXPECT_EQ(csv_value(h, "cites"), "https://digitallibrary.un.org/record/731480");
  Rows rows = read_csv(run_exporter(ExportFormat::csv, {h}, parse_csv_fields("id,editors,cites")));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"209747", "Maria Kowalska; Jan Nowak",
                                               "https://digitallibrary.un.org/record/731480"}));
}

TEST(ExportCsl, EditorsAreNameObjects) {
  json item = csl_item(edited(), kCtx);
  EXPECT_EQ(item["editor"],
            json::parse(R"([{"family": "Kowalska", "given": "Maria"}, {"family": "Nowak", "given": "Jan"}])"));
  EXPECT_FALSE(csl_item(seed(), kCtx).contains("editor"));
}

// --- Names -----------------------------------------------------------------------

TEST(ExportNames, Split) {
  auto person = [](std::string f, std::string g, std::string s = "") { return NameParts{f, g, s, ""}; };
  auto literal = [](std::string l) { return NameParts{"", "", "", l}; };
  EXPECT_EQ(split_person_name("Sergey Radchenko"), person("Radchenko", "Sergey"));
  EXPECT_EQ(split_person_name("  Angela   Greenfield "), person("Greenfield", "Angela"));
  EXPECT_EQ(split_person_name("N.S. Khrushchev"), person("Khrushchev", "N.S."));
  EXPECT_EQ(split_person_name("Emil Kovač"), person("Kovač", "Emil"));
  EXPECT_EQ(split_person_name("Ludwig van Beethoven"), person("van Beethoven", "Ludwig"));
  EXPECT_EQ(split_person_name("Rifat Kamil Al-Chadarji"), person("Al-Chadarji", "Rifat Kamil"));
  EXPECT_EQ(split_person_name("Martin Luther King Jr."), person("King", "Martin Luther", "Jr."));
  EXPECT_EQ(split_person_name("John Smith, Jr."), person("Smith", "John", "Jr."));
  EXPECT_EQ(split_person_name("Greenfield, Angela"), person("Greenfield", "Angela"));
  EXPECT_EQ(split_person_name("King, Martin Luther, Jr."), person("King", "Martin Luther", "Jr."));
  EXPECT_EQ(split_person_name("Хрущёв"), literal("Хрущёв"));
  EXPECT_EQ(split_person_name("Wilson Center"), literal("Wilson Center"));
  EXPECT_EQ(split_person_name("Open Society Archives"), literal("Open Society Archives"));
  EXPECT_EQ(split_person_name("Smith,"), literal("Smith,"));
  EXPECT_EQ(split_person_name(""), NameParts{});
}

// --- CSL-JSON ----------------------------------------------------------------------

TEST(ExportCsl, SeedItem) {
  const json want = json::parse(R"({
    "id": "209747",
    "type": "manuscript",
    "title": "Record of a Conversation of Cde. N.S. Khrushchev with a Delegation of Baghdad City Government",
    "issued": {"date-parts": [[1958, 11, 19]]},
    "archive": "Wilson Center Digital Archive",
    "archive_location": "RGANI, f. 52, op. 1, d. 566, ll. 8-11",
    "language": "Russian",
    "URL": "https://digitalarchive.umd.edu/document/209747",
    "abstract": "Khrushchev meets with a delegation from the Baghdad City Government to congratulate them on their recent revolution and offer advice on the Iraqi government's future strategy.",
    "contributor": [{"family": "Radchenko", "given": "Sergey"}],
    "translator": [{"family": "Greenfield", "given": "Angela"}],
    "note": "Exported from Opis on 2026-11-28; query: military force"
  })");
  EXPECT_EQ(csl_item(seed(), kCtx), want) << csl_item(seed(), kCtx).dump(2);
}

TEST(ExportCsl, DatePartsFollowThePrecision) {
  Record r;
  r.id = "m";
  r.date = parse_date("May 1962").date;
  EXPECT_EQ(csl_item(r, kCtx)["issued"], json::parse(R"({"date-parts": [[1962, 5]]})"));
  r.date = parse_date("1957").date;
  EXPECT_EQ(csl_item(r, kCtx)["issued"], json::parse(R"({"date-parts": [[1957]]})"));
  r.date = parse_date("n.d.").date;
  EXPECT_FALSE(csl_item(r, kCtx).contains("issued"));
}

TEST(ExportCsl, RangesDecadesAndQualifiedDates) {
  Record r;
  r.id = "u";
  auto issued = [&](const char* text) {
    r.date = parse_date(text).date;
    return csl_item(r, kCtx)["issued"];
  };
  EXPECT_EQ(issued("1958-1960"), json::parse(R"({"date-parts": [[1958], [1960]]})"));
  EXPECT_EQ(issued("November 1958 - January 1959"), json::parse(R"({"date-parts": [[1958, 11], [1959, 1]]})"));
  EXPECT_EQ(issued("between 12 and 14 May 1960"), json::parse(R"({"date-parts": [[1960, 5, 12], [1960, 5, 14]]})"));
  EXPECT_EQ(issued("1950s"), json::parse(R"({"date-parts": [[1950], [1959]]})"));
  EXPECT_EQ(issued("circa 1961"), json::parse(R"({"date-parts": [[1961]], "circa": true})"));
  EXPECT_EQ(issued("1958?"), json::parse(R"({"date-parts": [[1958]], "circa": true})"));
  EXPECT_EQ(issued("late 1962"), json::parse(R"({"date-parts": [[1962, 8], [1962, 12]], "circa": true})"));
  EXPECT_EQ(issued("[1958]"), json::parse(R"({"date-parts": [[1958]]})"));
}

TEST(ExportNote, DateAsWrittenWhenNotOnePlainDate) {
  EXPECT_EQ(date_note(parse_date("November 19, 1958").date), "");
  EXPECT_EQ(date_note(parse_date("1957").date), "");
  EXPECT_EQ(date_note(parse_date("").date), "");
  EXPECT_EQ(date_note(parse_date("n.d.").date), "");
  EXPECT_EQ(date_note(parse_date("ca. 1961").date), "date as written: ca. 1961 (EDTF 1961~)");
  EXPECT_EQ(date_note(parse_date("[1958]").date), "date as written: [1958] (supplied by the editor; EDTF 1958)");
  EXPECT_EQ(date_note(parse_date("1950s").date), "date as written: 1950s (EDTF 195X)");
  EXPECT_EQ(date_note(parse_date("Febtember 31, 19611").date), "date as written: Febtember 31, 19611");
  Record r;
  r.id = "u";
  r.date = parse_date("1958-1960").date;
  EXPECT_NE(
      ris_record(r, kCtx).find("N1  - " + export_note(kCtx) + "; date as written: 1958-1960 (EDTF 1958/1960)\r\n"),
      std::string::npos)
      << ris_record(r, kCtx);
  EXPECT_NE(ris_record(r, kCtx).find("DA  - 1958///\r\n"), std::string::npos);
}

TEST(ExportCsv, DateColumns) {
  Record r;
  r.id = "u";
  r.date = parse_date("between 12 and 14 May 1960").date;
  Hit h;
  h.record = r;
  EXPECT_EQ(csv_value(h, "date"), "1960-05-12");
  EXPECT_EQ(csv_value(h, "date_edtf"), "1960-05-12/1960-05-14");
  EXPECT_EQ(csv_value(h, "date_start"), "1960-05-12");
  EXPECT_EQ(csv_value(h, "date_end"), "1960-05-14");
  EXPECT_EQ(csv_value(h, "date_text"), "between 12 and 14 May 1960");
  h.record.date = parse_date("n.d.").date;
  EXPECT_EQ(csv_value(h, "date_edtf"), "");
  EXPECT_EQ(csv_value(h, "date_start"), "");
}

TEST(ExportCsl, EmptyFieldsAreLeftOut) {
  Record r;
  r.id = "bare";
  r.contributors = {"Wilson Center"};
  json j = csl_item(r, kCtx);
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"contributor", "id", "note", "type"}));
  EXPECT_EQ(j["contributor"], json::parse(R"([{"literal": "Wilson Center"}])"));
}

TEST(ExportCsl, ArrayOutput) {
  EXPECT_EQ(run_exporter(ExportFormat::csljson, {}), "[]\n");
  Record other;
  other.id = "9001";
  other.title = "Телеграмма \"срочно\"";
  std::string out = run_exporter(ExportFormat::csljson, {hit_of(seed()), hit_of(other, 2)});
  json a = json::parse(out);
  ASSERT_TRUE(a.is_array());
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0], csl_item(seed(), kCtx));
  EXPECT_EQ(a[1]["title"], "Телеграмма \"срочно\"");
}

// --- Context -----------------------------------------------------------------------

TEST(ExportContextTest, DateAndNote) {
  const char* old = std::getenv("SOURCE_DATE_EPOCH");
  std::string saved = old ? old : "";
  ::setenv("SOURCE_DATE_EPOCH", "-7", 1);  // not a time: ignored
  EXPECT_TRUE(
      std::regex_match(export_date_today(std::getenv("SOURCE_DATE_EPOCH")), std::regex(R"(\d{4}-\d{2}-\d{2})")));
  ::setenv("SOURCE_DATE_EPOCH", "1000000000", 1);
  EXPECT_EQ(export_date_today(std::getenv("SOURCE_DATE_EPOCH")), "2001-09-09");
  if (old)
    ::setenv("SOURCE_DATE_EPOCH", saved.c_str(), 1);
  else
    ::unsetenv("SOURCE_DATE_EPOCH");
  EXPECT_EQ(export_note(kCtx), "Exported from Opis on 2026-11-28; query: military force");
  EXPECT_EQ(export_format_from_name("ris"), ExportFormat::ris);
  EXPECT_EQ(export_format_from_name("csv"), ExportFormat::csv);
  EXPECT_EQ(export_format_from_name("csljson"), ExportFormat::csljson);
  EXPECT_EQ(export_format_from_name("json"), std::nullopt);
}

}  // namespace
}  // namespace opis

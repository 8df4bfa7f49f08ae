// End to end: opis-search --format csv|ris|csljson on an index of corpus/
// and ../shared/corpus/records. Each export is read back by a reader written
// here (RIS tag grammar, CSL-JSON schema rules, RFC 4180 CSV) and checked
// against the JSON search output for the same query.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "../csv_reader.h"
#include "process.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace opis::test;  // run, show, TempDir, kIndex, kSearch... (process.h)

namespace {

const std::string kReference = "RGANI, f. 52, op. 1, d. 566, ll. 8-11";
// A fixed search date, so that the note on each record is known.
const std::vector<std::string> kEnv = {"SOURCE_DATE_EPOCH=1000000000"};  // 2001-09-09

// --- RIS reader ------------------------------------------------------------------

// The tags of the RIS specification (RefMan, 2011), plus the older ones
// (A1, T1, Y1, N2, JF, JO...) readers still accept.
const std::set<std::string> kRisTags = {
    "TY", "A1", "A2", "A3", "A4", "AB", "AD", "AN", "AU", "AV", "BT", "C1", "C2", "C3", "C4", "C5",
    "C6", "C7", "C8", "CA", "CN", "CP", "CT", "CY", "DA", "DB", "DO", "DP", "ED", "EP", "ET", "ID",
    "IS", "J1", "J2", "JA", "JF", "JO", "KW", "L1", "L2", "L3", "L4", "LA", "LB", "LK", "M1", "M2",
    "M3", "N1", "N2", "NV", "OP", "PB", "PP", "PY", "RI", "RN", "RP", "SE", "SN", "SP", "ST", "T1",
    "T2", "T3", "TA", "TI", "TT", "U1", "U2", "U3", "U4", "U5", "UR", "VL", "VO", "Y1", "Y2", "ER"};

using RisRecord = std::multimap<std::string, std::string>;

// Read RIS: every line is "TAG  - value" or empty; a record runs from TY
// to ER. Fails the test on any other line.
std::vector<RisRecord> read_ris(const std::string& text) {
  std::vector<RisRecord> out;
  const std::regex line_re("^([A-Z][A-Z0-9])  - (.*)$");
  RisRecord cur;
  bool open = false;
  std::size_t pos = 0;
  int n = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    EXPECT_NE(nl, std::string::npos) << "last line has no line break";
    if (nl == std::string::npos) nl = text.size();
    std::string line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++n;
    EXPECT_TRUE(!line.empty() && line.back() == '\r') << "line " << n << " does not end with CRLF";
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::smatch m;
    if (!std::regex_match(line, m, line_re)) {
      ADD_FAILURE() << "line " << n << " is not 'TAG  - value': " << line;
      continue;
    }
    std::string tag = m[1], value = m[2];
    EXPECT_TRUE(kRisTags.count(tag)) << "line " << n << ": " << tag << " is not a RIS tag";
    if (tag == "TY") {
      EXPECT_FALSE(open) << "line " << n << ": TY inside a record";
      cur.clear();
      open = true;
    } else {
      EXPECT_TRUE(open) << "line " << n << ": " << tag << " outside a record";
    }
    if (tag == "ER") {
      EXPECT_EQ(value, "") << "line " << n;
      out.push_back(cur);
      open = false;
      continue;
    }
    if (tag != "TY") {
      EXPECT_FALSE(value.empty()) << "line " << n << ": empty " << tag;
    }
    EXPECT_EQ(value, std::regex_replace(value, std::regex("^\\s+|\\s+$"), "")) << "line " << n << ": untrimmed";
    cur.emplace(tag, value);
  }
  EXPECT_FALSE(open) << "record without ER";
  return out;
}

std::vector<std::string> values(const RisRecord& r, const std::string& tag) {
  std::vector<std::string> v;
  for (auto [it, end] = r.equal_range(tag); it != end; ++it) v.push_back(it->second);
  return v;
}

// --- CSL-JSON checks (csl-data.json) -----------------------------------------------

const std::set<std::string> kCslTypes = {"article",
                                         "article-journal",
                                         "article-magazine",
                                         "article-newspaper",
                                         "bill",
                                         "book",
                                         "broadcast",
                                         "chapter",
                                         "classic",
                                         "collection",
                                         "dataset",
                                         "document",
                                         "entry",
                                         "entry-dictionary",
                                         "entry-encyclopedia",
                                         "event",
                                         "figure",
                                         "graphic",
                                         "hearing",
                                         "interview",
                                         "legal_case",
                                         "legislation",
                                         "manuscript",
                                         "map",
                                         "motion_picture",
                                         "musical_score",
                                         "pamphlet",
                                         "paper-conference",
                                         "patent",
                                         "performance",
                                         "periodical",
                                         "personal_communication",
                                         "post",
                                         "post-weblog",
                                         "regulation",
                                         "report",
                                         "review",
                                         "review-book",
                                         "software",
                                         "song",
                                         "speech",
                                         "standard",
                                         "thesis",
                                         "treaty",
                                         "webpage"};

void check_csl_name(const json& n, const std::string& where) {
  static const std::set<std::string> kStringKeys = {"family", "given",  "dropping-particle", "non-dropping-particle",
                                                    "suffix", "literal"};
  static const std::set<std::string> kOtherKeys = {"comma-suffix", "static-ordering", "parse-names"};
  ASSERT_TRUE(n.is_object()) << where;
  for (const auto& [k, v] : n.items()) {
    if (kStringKeys.count(k)) {
      EXPECT_TRUE(v.is_string()) << where << "." << k;
      EXPECT_FALSE(v.get<std::string>().empty()) << where << "." << k;
    } else {
      EXPECT_TRUE(kOtherKeys.count(k)) << where << ": name key '" << k << "' is not in csl-data.json";
    }
  }
  // Ours: a person with a family name, or a literal, never both.
  EXPECT_NE(n.contains("family"), n.contains("literal")) << where << ": " << n.dump();
}

void check_csl_date(const json& d, const std::string& where) {
  ASSERT_TRUE(d.is_object()) << where;
  for (const auto& [k, v] : d.items()) {
    EXPECT_TRUE(k == "date-parts" || k == "season" || k == "circa" || k == "literal" || k == "raw")
        << where << ": date key " << k;
  }
  ASSERT_TRUE(d.contains("date-parts")) << where;
  const json& dp = d["date-parts"];
  ASSERT_TRUE(dp.is_array()) << where;
  ASSERT_GE(dp.size(), 1u) << where;
  ASSERT_LE(dp.size(), 2u) << where;
  for (const json& part : dp) {
    ASSERT_TRUE(part.is_array()) << where;
    ASSERT_GE(part.size(), 1u) << where;
    ASSERT_LE(part.size(), 3u) << where;
    for (const json& x : part) ASSERT_TRUE(x.is_number_integer()) << where << ": " << dp.dump();
    if (part.size() >= 2) {
      EXPECT_TRUE(part[1] >= 1 && part[1] <= 12) << where;
    }
    if (part.size() == 3) {
      EXPECT_TRUE(part[2] >= 1 && part[2] <= 31) << where;
    }
  }
}

// Check one item against csl-data.json for the keys we emit; unknown keys fail.
void check_csl_item(const json& item) {
  static const std::set<std::string> kStrings = {"title",    "archive", "archive_location", "language", "URL",
                                                 "abstract", "note"};
  ASSERT_TRUE(item.is_object());
  ASSERT_TRUE(item.contains("id")) << item.dump();
  ASSERT_TRUE(item.contains("type")) << item.dump();
  std::string where = item["id"].is_string() ? item["id"].get<std::string>() : item["id"].dump();
  for (const auto& [k, v] : item.items()) {
    if (k == "id") {
      EXPECT_TRUE(v.is_string() || v.is_number()) << where;
    } else if (k == "type") {
      ASSERT_TRUE(v.is_string()) << where;
      EXPECT_TRUE(kCslTypes.count(v.get<std::string>())) << where << ": type " << v;
    } else if (kStrings.count(k)) {
      ASSERT_TRUE(v.is_string()) << where << "." << k;
      EXPECT_FALSE(v.get<std::string>().empty()) << where << "." << k << " is empty (should be left out)";
    } else if (k == "issued") {
      check_csl_date(v, where + ".issued");
    } else if (k == "contributor" || k == "translator" || k == "editor") {
      ASSERT_TRUE(v.is_array()) << where << "." << k;
      EXPECT_FALSE(v.empty()) << where << "." << k;
      for (const json& n : v) check_csl_name(n, where + "." + k);
    } else {
      ADD_FAILURE() << where << ": unexpected key '" << k << "'";
    }
  }
}

// --- The index -------------------------------------------------------------------

class Export : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = new TempDir;
    s_db = (s_dir->path() / "db").string();
    Result r = opis::test::run({kIndex, "--db", s_db, (kSource / "corpus").string(), (kShared / "records").string()});
    ASSERT_EQ(r.status, 0) << show(r);
  }
  static void TearDownTestSuite() { delete s_dir; }

  static Result search(std::vector<std::string> args) {
    args.insert(args.begin(), {kSearch, "--db", s_db});
    return opis::test::run(args, kEnv);
  }
  // Ids of every match, from the JSON output (a page big enough for all).
  static std::vector<std::string> json_ids(std::vector<std::string> args, unsigned* total = nullptr) {
    args.insert(args.end(), {"--format", "json", "--limit", "100000"});
    Result r = search(args);
    EXPECT_TRUE(r.status == 0 || r.status == 1) << show(r);
    json j = json::parse(r.out);
    EXPECT_TRUE(j["total_exact"].get<bool>());
    if (total) *total = j["total"];
    std::vector<std::string> ids;
    for (const auto& h : j["results"]) ids.push_back(h["id"]);
    return ids;
  }

  static TempDir* s_dir;
  static std::string s_db;
};
TempDir* Export::s_dir = nullptr;
std::string Export::s_db;

const char* const kBroad = "Soviet";  // matches most of the collection

TEST_F(Export, RisReadsBackAndCarriesTheSeedRecord) {
  Result r = search({"--format", "ris", "military force"});
  ASSERT_EQ(r.status, 0) << show(r);
  EXPECT_EQ(r.err, "");
  auto records = read_ris(r.out);
  EXPECT_EQ(records.size(), json_ids({"military force"}).size());
  const RisRecord* seed = nullptr;
  for (const auto& rec : records) {
    EXPECT_EQ(values(rec, "TY"), std::vector<std::string>{"MANSCPT"});
    EXPECT_EQ(values(rec, "N1"), std::vector<std::string>{"Exported from Opis on 2001-09-09; query: military force"});
    if (values(rec, "ID") == std::vector<std::string>{"209747"}) seed = &rec;
  }
  ASSERT_NE(seed, nullptr) << r.out;
  EXPECT_EQ(values(*seed, "AN"), std::vector<std::string>{kReference});
  EXPECT_EQ(values(*seed, "DB"), std::vector<std::string>{"Wilson Center Digital Archive"});
  EXPECT_EQ(values(*seed, "TI"),
            std::vector<std::string>{"Record of a Conversation of Cde. N.S. Khrushchev with a Delegation of Baghdad "
                                     "City Government"});
  EXPECT_EQ(values(*seed, "A4"), std::vector<std::string>{"Greenfield, Angela"});  // translator
  EXPECT_EQ(values(*seed, "A3"), std::vector<std::string>{"Radchenko, Sergey"});   // contributor
  EXPECT_EQ(values(*seed, "DA"), std::vector<std::string>{"1958/11/19/"});
  EXPECT_EQ(values(*seed, "PY"), std::vector<std::string>{"1958"});
  EXPECT_EQ(values(*seed, "LA"), std::vector<std::string>{"Russian"});
  EXPECT_EQ(values(*seed, "UR"), std::vector<std::string>{"https://digitalarchive.umd.edu/document/209747"});
  ASSERT_EQ(values(*seed, "AB").size(), 1u);
  EXPECT_EQ(values(*seed, "AB")[0].rfind("Khrushchev meets with a delegation", 0), 0u);
}

TEST_F(Export, CslJsonFollowsTheSchema) {
  Result r = search({"--format", "csljson", kBroad});
  ASSERT_EQ(r.status, 0) << show(r);
  json a = json::parse(r.out);
  ASSERT_TRUE(a.is_array());
  EXPECT_EQ(a.size(), json_ids({kBroad}).size());
  std::set<std::string> ids;
  for (const json& item : a) {
    check_csl_item(item);
    EXPECT_TRUE(ids.insert(item["id"].get<std::string>()).second) << "duplicate id " << item["id"];
    EXPECT_EQ(item["type"], "manuscript");
    // The note may go on with the date as written (ExportUncertainDates).
    EXPECT_EQ(
        item["note"].get<std::string>().rfind(std::string("Exported from Opis on 2001-09-09; query: ") + kBroad, 0), 0u)
        << item["note"];
  }
  Result seed = search({"--format", "csljson", "id:209747"});
  ASSERT_EQ(seed.status, 0) << show(seed);
  json s = json::parse(seed.out);
  ASSERT_EQ(s.size(), 1u);
  check_csl_item(s[0]);
  EXPECT_EQ(s[0]["id"], "209747");
  EXPECT_EQ(s[0]["type"], "manuscript");
  EXPECT_EQ(s[0]["archive_location"], kReference);
  EXPECT_EQ(s[0]["archive"], "Wilson Center Digital Archive");
  EXPECT_EQ(s[0]["issued"], json::parse(R"({"date-parts": [[1958, 11, 19]]})"));
  EXPECT_EQ(s[0]["translator"], json::parse(R"([{"family": "Greenfield", "given": "Angela"}])"));
  EXPECT_EQ(s[0]["contributor"], json::parse(R"([{"family": "Radchenko", "given": "Sergey"}])"));
  EXPECT_EQ(s[0]["language"], "Russian");
  EXPECT_EQ(s[0]["URL"], "https://digitalarchive.umd.edu/document/209747");
}

TEST_F(Export, CsvHasOneRowPerMatch) {
  unsigned total = 0;
  auto ids = json_ids({kBroad}, &total);
  Result r = search({"--format", "csv", kBroad});
  ASSERT_EQ(r.status, 0) << show(r);
  Rows rows = read_csv(r.out);
  ASSERT_EQ(rows.size(), total + 1) << r.out;
  EXPECT_EQ(rows[0], (std::vector<std::string>{"id", "date", "date_edtf", "title", "archive", "reference", "language",
                                               "contributors", "translators", "url", "summary", "score"}));
  std::vector<std::string> csv_ids;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].size(), rows[0].size()) << "row " << i;
    csv_ids.push_back(rows[i][0]);
  }
  EXPECT_EQ(csv_ids, ids);  // rank order
  for (const auto& row : rows) {
    if (row[0] != "209747") continue;
    EXPECT_EQ(row[1], "1958-11-19");
    EXPECT_EQ(row[2], "1958-11-19");
    EXPECT_EQ(row[5], kReference);  // quoted: it holds commas
    EXPECT_EQ(row[7], "Sergey Radchenko");
    EXPECT_EQ(row[8], "Angela Greenfield");
  }
}

// The sample's uncertain dates (corpus/jsonl/batch-uncertain.jsonl) in
// each format: CSL-JSON ranges and "circa", RIS the first day Zotero can
// read plus the date as written in the note, CSV EDTF and the interval.
TEST_F(Export, UncertainDatesKeepTheirRangeAndQualifier) {
  const char* q = "id:9213 OR id:9214 OR id:9215 OR id:9216";
  Result c = search({"--format", "csljson", q});
  ASSERT_EQ(c.status, 0) << show(c);
  json items = json::parse(c.out);
  ASSERT_EQ(items.size(), 4u) << c.out;
  std::map<std::string, json> by_id;
  for (const json& item : items) {
    check_csl_item(item);
    by_id[item["id"].get<std::string>()] = item;
  }
  EXPECT_EQ(by_id["9213"]["issued"], json::parse(R"({"date-parts": [[1961]], "circa": true})"));
  EXPECT_EQ(by_id["9214"]["issued"], json::parse(R"({"date-parts": [[1958]]})"));
  EXPECT_EQ(by_id["9215"]["issued"], json::parse(R"({"date-parts": [[1958], [1960]]})"));
  EXPECT_EQ(by_id["9216"]["issued"], json::parse(R"({"date-parts": [[1962, 1], [1962, 5]], "circa": true})"));
  const std::string note = std::string("Exported from Opis on 2001-09-09; query: ") + q;
  EXPECT_EQ(by_id["9213"]["note"], note + "; date as written: circa 1961 (EDTF 1961~)");
  EXPECT_EQ(by_id["9214"]["note"], note + "; date as written: [1958] (supplied by the editor; EDTF 1958)");
  EXPECT_EQ(by_id["9215"]["note"], note + "; date as written: 1958-1960 (EDTF 1958/1960)");
  EXPECT_EQ(by_id["9216"]["note"], note + "; date as written: early 1962 (EDTF 1962-01~/1962-05~)");

  Result r = search({"--format", "ris", q});
  ASSERT_EQ(r.status, 0) << show(r);
  std::map<std::string, RisRecord> ris;
  for (const auto& rec : read_ris(r.out)) ris[values(rec, "ID").at(0)] = rec;
  ASSERT_EQ(ris.size(), 4u) << r.out;
  EXPECT_EQ(values(ris["9215"], "DA"), std::vector<std::string>{"1958///"});
  EXPECT_EQ(values(ris["9215"], "PY"), std::vector<std::string>{"1958"});
  EXPECT_EQ(values(ris["9215"], "N1"),
            std::vector<std::string>{note + "; date as written: 1958-1960 (EDTF 1958/1960)"});
  EXPECT_EQ(values(ris["9213"], "DA"), std::vector<std::string>{"1961///"});

  Result v = search({"--format", "csv", "--fields", "id,date,date_edtf,date_start,date_end,date_text", q});
  ASSERT_EQ(v.status, 0) << show(v);
  Rows rows = read_csv(v.out);
  ASSERT_EQ(rows.size(), 5u) << v.out;
  std::map<std::string, std::vector<std::string>> row;
  for (std::size_t i = 1; i < rows.size(); ++i) row[rows[i][0]] = rows[i];
  EXPECT_EQ(row["9213"], (std::vector<std::string>{"9213", "1961", "1961~", "1961-01-01", "1961-12-31", "circa 1961"}));
  EXPECT_EQ(row["9214"], (std::vector<std::string>{"9214", "1958", "1958", "1958-01-01", "1958-12-31", "[1958]"}));
  EXPECT_EQ(row["9215"],
            (std::vector<std::string>{"9215", "1958", "1958/1960", "1958-01-01", "1960-12-31", "1958-1960"}));
  EXPECT_EQ(row["9216"],
            (std::vector<std::string>{"9216", "1962", "1962-01~/1962-05~", "1962-01-01", "1962-05-31", "early 1962"}));
}

TEST_F(Export, CsvFieldsPickAndOrder) {
  Result r = search({"--format", "csv", "--fields", "reference,id,title,rank", "id:209747"});
  ASSERT_EQ(r.status, 0) << show(r);
  Rows rows = read_csv(r.out);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"reference", "id", "title", "rank"}));
  EXPECT_EQ(rows[1][0], kReference);
  EXPECT_EQ(rows[1][1], "209747");
  EXPECT_EQ(rows[1][3], "1");
}

TEST_F(Export, UnknownFieldIsAnErrorListingTheValidOnes) {
  Result r = search({"--format", "csv", "--fields", "id,colour", kBroad});
  EXPECT_EQ(r.status, 2) << show(r);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("unknown field 'colour'"), std::string::npos) << r.err;
  for (const char* f : {"id", "date", "title", "archive", "reference", "language", "contributors", "translators", "url",
                        "summary", "score"}) {
    EXPECT_NE(r.err.find(f), std::string::npos) << f << " in " << r.err;
  }
  // --fields is for CSV only.
  Result ris = search({"--format", "ris", "--fields", "id", kBroad});
  EXPECT_EQ(ris.status, 2) << show(ris);
  EXPECT_EQ(ris.out, "");
}

TEST_F(Export, WholeResultSetNotOnePage) {
  unsigned total = 0;
  auto ids = json_ids({kBroad}, &total);
  ASSERT_GT(total, 10u) << "the query should match more than one page";
  for (const char* format : {"ris", "csljson", "csv"}) {
    Result r = search({"--format", format, kBroad});
    ASSERT_EQ(r.status, 0) << show(r);
    std::vector<std::string> got;
    if (std::string(format) == "ris") {
      for (const auto& rec : read_ris(r.out)) got.push_back(values(rec, "ID").at(0));
    } else if (std::string(format) == "csljson") {
      for (const auto& item : json::parse(r.out)) got.push_back(item["id"]);
    } else {
      Rows rows = read_csv(r.out);
      for (std::size_t i = 1; i < rows.size(); ++i) got.push_back(rows[i][0]);
    }
    EXPECT_EQ(got, ids) << format;  // every match, in rank order
  }
  // --limit applies when given; --sort orders the export.
  Result three = search({"--format", "csljson", "--limit", "3", kBroad});
  ASSERT_EQ(three.status, 0) << show(three);
  EXPECT_EQ(json::parse(three.out).size(), 3u);
  auto by_date = json_ids({"--sort", "date", kBroad});
  Result sorted = search({"--format", "csv", "--fields", "id", "--sort", "date", kBroad});
  Rows rows = read_csv(sorted.out);
  std::vector<std::string> got;
  for (std::size_t i = 1; i < rows.size(); ++i) got.push_back(rows[i][0]);
  EXPECT_EQ(got, by_date);
}

TEST_F(Export, NothingFoundExitsOne) {
  Result ris = search({"--format", "ris", "zzyzxnotaword"});
  EXPECT_EQ(ris.status, 1) << show(ris);
  EXPECT_EQ(ris.out, "");
  Result csl = search({"--format", "csljson", "zzyzxnotaword"});
  EXPECT_EQ(csl.status, 1) << show(csl);
  EXPECT_EQ(json::parse(csl.out), json::array());
  Result csv = search({"--format", "csv", "zzyzxnotaword"});
  EXPECT_EQ(csv.status, 1) << show(csv);
  EXPECT_EQ(read_csv(csv.out).size(), 1u);  // the header
}

// More matches than one page of the exporter (1,000): nothing lost or
// repeated at the page boundaries; --offset and --limit cross them.
TEST(ExportPages, ManyMatches) {
  TempDir d;
  std::string lines;
  for (int i = 0; i < 2100; ++i) {
    lines += json{{"id", "b" + std::to_string(i)},
                  {"title", "record " + std::to_string(i)},
                  {"date", "1961"},
                  {"body", "treaty embassy minister delegation border grain"}}
                 .dump() +
             "\n";
  }
  opis::test::write_file(d.path() / "in" / "big.jsonl", lines);
  std::string db = (d.path() / "db").string();
  Result idx = opis::test::run({kIndex, "--db", db, (d.path() / "in").string()});
  ASSERT_EQ(idx.status, 0) << show(idx);
  auto csv_ids = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = {kSearch, "--db", db, "--format", "csv", "--fields", "id"};
    args.insert(args.end(), extra.begin(), extra.end());
    Result r = opis::test::run(args);
    EXPECT_EQ(r.status, 0) << show(r);
    Rows rows = read_csv(r.out);
    std::vector<std::string> ids;
    for (std::size_t i = 1; i < rows.size(); ++i) ids.push_back(rows[i].at(0));
    return ids;
  };
  Result j = opis::test::run({kSearch, "--db", db, "--format", "json", "--limit", "100000", "treaty"});
  std::vector<std::string> want;
  const json all = json::parse(j.out);
  for (const auto& h : all["results"]) want.push_back(h["id"]);
  ASSERT_EQ(want.size(), 2100u) << show(j).substr(0, 2000);
  EXPECT_EQ(csv_ids({"treaty"}), want);
  auto window = csv_ids({"--offset", "5", "--limit", "1500", "treaty"});
  EXPECT_EQ(window, std::vector<std::string>(want.begin() + 5, want.begin() + 1505));
  EXPECT_EQ(csv_ids({"--offset", "2000", "treaty"}), std::vector<std::string>(want.begin() + 2000, want.end()));
}

// Issue 14: a record's editors ("Edited by") in every export, found by
// editor:; its cited sources in the CSV column.
TEST(ExportEditors, EveryFormatCarriesThem) {
  TempDir dir;
  const std::string db = (dir.path() / "db").string();
  fs::create_directories(dir.path() / "records");
  {
    std::ofstream out(dir.path() / "records" / "edited.txt");
    out << "May 4, 1962\n\n**Notes on the Berlin talks**\n\nCitation:\n\n"
           "\"Notes on the Berlin talks\", May 4, 1962, Opis Sample Archive, f. 1, d. 2. See "
           "https://digitallibrary.un.org/record/731480. Contributed by Anna Smith and edited by Maria Kowalska "
           "and Jan Nowak. <https://example.org/document/4711>\n\nContents:\n\nThe talks in Berlin.\n";
  }
  Result ix = opis::test::run({kIndex, "--db", db, (dir.path() / "records").string()});
  ASSERT_EQ(ix.status, 0) << show(ix);
  auto search = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {kSearch, "--db", db});
    return opis::test::run(args, kEnv);
  };
  const std::vector<std::string> eds{"Kowalska, Maria", "Nowak, Jan"};
  Result ris = search({"--format", "ris", "editor:Kowalska"});
  ASSERT_EQ(ris.status, 0) << show(ris);
  auto records = read_ris(ris.out);
  ASSERT_EQ(records.size(), 1u) << ris.out;
  EXPECT_EQ(values(records[0], "ID"), std::vector<std::string>{"4711"});
  EXPECT_EQ(values(records[0], "ED"), eds);
  EXPECT_EQ(values(records[0], "A3"), std::vector<std::string>{"Smith, Anna"});

  Result csl = search({"--format", "csljson", "editor:Nowak"});
  ASSERT_EQ(csl.status, 0) << show(csl);
  json a = json::parse(csl.out);
  ASSERT_EQ(a.size(), 1u);
  check_csl_item(a[0]);
  EXPECT_EQ(a[0]["editor"],
            json::parse(R"([{"family": "Kowalska", "given": "Maria"}, {"family": "Nowak", "given": "Jan"}])"));

  Result csv = search({"--format", "csv", "--fields", "id,editors,cites", "editor:\"Maria Kowalska\""});
  ASSERT_EQ(csv.status, 0) << show(csv);
  Rows rows = read_csv(csv.out);
  ASSERT_EQ(rows.size(), 2u) << csv.out;
  EXPECT_EQ(rows[1], (std::vector<std::string>{"4711", "Maria Kowalska; Jan Nowak",
                                               "https://digitallibrary.un.org/record/731480"}));

  Result js = search({"--format", "json", "editor:Kowalska"});
  ASSERT_EQ(js.status, 0) << show(js);
  EXPECT_EQ(json::parse(js.out)["results"][0]["editors"], json::array({"Maria Kowalska", "Jan Nowak"}));
  Result rec = search({"--record", "4711", "--format", "json"});
  ASSERT_EQ(rec.status, 0) << show(rec);
  EXPECT_EQ(json::parse(rec.out)["editors"], json::array({"Maria Kowalska", "Jan Nowak"}));
}

TEST_F(Export, OneRecord) {
  Result r = search({"--record", "209747", "--format", "ris"});
  ASSERT_EQ(r.status, 0) << show(r);
  auto records = read_ris(r.out);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(values(records[0], "AN"), std::vector<std::string>{kReference});
}

}  // namespace

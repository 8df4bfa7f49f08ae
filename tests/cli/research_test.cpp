// End to end (issue 5, research features): uncertain and partial dates
// (--date-mode, date:uncertain/supplied/undated, the JSON date fields, the
// date as shown) and archive reference parts (fond:, opis:, delo:, rg:,
// page:), on an index of corpus/, ../shared/corpus/records and JSONL
// fixtures written here.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "process.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace opis::test;  // run, show, TempDir, kIndex, kSearch... (process.h)

namespace {

// Every fixture has the word "zorblat", which no other record has, so that
// `zorblat ...` searches the fixtures alone.
json fixture(const std::string& id, const std::string& date, const std::string& reference = "") {
  json j{
      {"id", id}, {"date", date}, {"title", "Fixture " + id}, {"body", "A zorblat note for the tests of " + id + "."}};
  if (!reference.empty()) j["reference"] = reference;
  return j;
}

class ResearchIndex : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = new TempDir;
    s_db = (s_dir->path() / "db").string();
    std::string jsonl;
    for (const json& j :
         {fixture("res-range", "1958-1960"), fixture("res-circa", "circa 1961"), fixture("res-supplied", "[1958]"),
          fixture("res-nd", "n.d."), fixture("res-early", "early 1962"), fixture("res-questioned", "1958?"),
          fixture("res-decade", "1950s"), fixture("res-between", "between 12 and 14 May 1960"),
          fixture("res-de", "March 3, 1962", "BArch, B 136/59748, 297-301"),
          fixture("res-us", "1958-11", "RG 59, Central Files, 611.61/11-1958"),
          fixture("res-cyr", "1958", "\xD1\x84. 52, \xD0\xBE\xD0\xBF. 3, \xD0\xB4. 77, \xD0\xBB\xD0\xBB. 40-42")}) {
      jsonl += j.dump() + "\n";
    }
    opis::test::write_file(s_dir->path() / "fixtures" / "research.jsonl", jsonl);
    Result r = opis::test::run({kIndex, "--db", s_db, (kSource / "corpus").string(), (kShared / "records").string(),
                                (s_dir->path() / "fixtures").string()});
    ASSERT_EQ(r.status, 0) << show(r);
  }
  static void TearDownTestSuite() { delete s_dir; }

  static Result search(std::vector<std::string> args) {
    args.insert(args.begin(), {kSearch, "--db", s_db});
    return opis::test::run(args);
  }
  static json results(std::vector<std::string> args) {
    args.insert(args.end(), {"--format", "json", "--limit", "200"});
    Result r = search(std::move(args));
    EXPECT_TRUE(r.status == 0 || r.status == 1) << show(r);
    return json::parse(r.out)["results"];
  }
  // Ids found, sorted (unless the order is what is tested).
  static std::vector<std::string> ids(std::vector<std::string> args, bool keep_order = false) {
    std::vector<std::string> out;
    for (const auto& h : results(std::move(args))) out.push_back(h["id"]);
    if (!keep_order) std::sort(out.begin(), out.end());
    return out;
  }
  static bool has(const std::vector<std::string>& v, const std::string& id) {
    return std::find(v.begin(), v.end(), id) != v.end();
  }

  static TempDir* s_dir;
  static std::string s_db;
};
TempDir* ResearchIndex::s_dir = nullptr;
std::string ResearchIndex::s_db;

using Ids = std::vector<std::string>;

TEST_F(ResearchIndex, ReferencePartsFindTheSeedRecord) {
  for (const char* q : {"fond:52", "opis:1", "delo:566", "page:9", "page:8", "page:11", "ref:\"f. 52, op. 1\"",
                        "fond:52 delo:566 page:9", "page:5..9", "repo:RGANI"}) {
    EXPECT_TRUE(has(ids({q}), "209747")) << q;
  }
  for (const char* q : {"page:12", "page:7", "delo:56", "fond:5", "page:1..7"}) {
    EXPECT_FALSE(has(ids({q}), "209747")) << q;
  }
}

TEST_F(ResearchIndex, CyrillicGermanAndUsReferences) {
  EXPECT_EQ(ids({"zorblat fond:52"}), (Ids{"res-cyr"}));
  EXPECT_EQ(ids({"zorblat delo:77 page:41"}), (Ids{"res-cyr"}));
  EXPECT_EQ(ids({"zorblat page:300"}), (Ids{"res-de"}));
  EXPECT_EQ(ids({"zorblat page:297"}), (Ids{"res-de"}));
  EXPECT_EQ(ids({"zorblat page:302"}), Ids{});
  EXPECT_EQ(ids({"zorblat rg:59"}), (Ids{"res-us"}));
  // The sample collection's own German and US references (9015, 9002, 9029).
  EXPECT_TRUE(has(ids({"page:115"}), "9015"));
  Ids rg = ids({"rg:59"});
  EXPECT_TRUE(has(rg, "9002") && has(rg, "9029") && has(rg, "res-us"));
}

TEST_F(ResearchIndex, ReferencePartsInTheRecordAndTheReferenceAsWritten) {
  Result r = search({"--record", "209747", "--format", "json"});
  ASSERT_EQ(r.status, 0) << show(r);
  json j = json::parse(r.out);
  EXPECT_EQ(j["reference"], "RGANI, f. 52, op. 1, d. 566, ll. 8-11");
  const json& p = j["reference_parts"];
  EXPECT_EQ(p["system"], "russian");
  EXPECT_EQ(p["fond"], "52");
  EXPECT_EQ(p["opis"], "1");
  EXPECT_EQ(p["delo"], "566");
  EXPECT_EQ(p["pages"], "8-11");
  EXPECT_EQ(p["first_page"], 8);
  EXPECT_EQ(p["last_page"], 11);
  // Results print the reference exactly as written.
  Result t = search({"--color", "never", "delo:566"});
  ASSERT_EQ(t.status, 0) << show(t);
  EXPECT_NE(t.out.find("RGANI, f. 52, op. 1, d. 566, ll. 8-11"), std::string::npos) << t.out;
}

TEST_F(ResearchIndex, BadPageIsAnError) {
  for (const char* q : {"page:nine", "page:0", "page:9..3", "page:"}) {
    Result r = search({q});
    if (std::string(q) == "page:") continue;  // an empty value: the parser's business
    EXPECT_EQ(r.status, 2) << q << "\n" << show(r);
    EXPECT_NE(r.err.find("page"), std::string::npos) << r.err;
  }
}

TEST_F(ResearchIndex, OverlapAndWithin) {
  // 1958-1960 overlaps 1959 but does not lie within it.
  EXPECT_TRUE(has(ids({"zorblat date:1959"}), "res-range"));
  EXPECT_FALSE(has(ids({"--date-mode", "within", "zorblat date:1959"}), "res-range"));
  EXPECT_TRUE(has(ids({"--date-mode", "overlap", "zorblat date:1959"}), "res-range"));
  // Both find it in a range around it.
  EXPECT_TRUE(has(ids({"zorblat date:1950..1965"}), "res-range"));
  EXPECT_TRUE(has(ids({"--date-mode", "within", "zorblat date:1950..1965"}), "res-range"));
  // --from/--to follow the mode too.
  EXPECT_TRUE(has(ids({"--from", "1959", "--to", "1959", "zorblat"}), "res-range"));
  EXPECT_FALSE(has(ids({"--date-mode", "within", "--from", "1959", "--to", "1959", "zorblat"}), "res-range"));
  EXPECT_TRUE(has(ids({"--date-mode", "within", "--from", "1958", "zorblat"}), "res-range"));
  // A day range inside one month.
  EXPECT_EQ(ids({"--date-mode", "within", "zorblat date:1960-05"}), (Ids{"res-between"}));
  EXPECT_EQ(ids({"zorblat date:1960-05-13"}), (Ids{"res-between", "res-circa", "res-questioned", "res-range"}));
  EXPECT_EQ(ids({"zorblat date:1960-05-15"}), (Ids{"res-circa", "res-questioned", "res-range"}));
  // Within a whole span: every dated fixture, never the undated one.
  Ids all = ids({"--date-mode", "within", "zorblat date:1900..2000"});
  EXPECT_EQ(all.size(), 10u);
  EXPECT_FALSE(has(all, "res-nd"));
  EXPECT_FALSE(has(ids({"zorblat date:1900..2000"}), "res-nd"));
  EXPECT_FALSE(has(ids({"--date-mode", "within", "zorblat date:..2000"}), "res-nd"));
  // A bad mode is refused.
  EXPECT_EQ(search({"--date-mode", "inside", "date:1959"}).status, 2);
}

TEST_F(ResearchIndex, CircaIsWidenedByTwoYears) {
  // circa 1961 is searched as 1959..1963.
  EXPECT_TRUE(has(ids({"zorblat date:1959"}), "res-circa"));
  EXPECT_TRUE(has(ids({"zorblat date:1963"}), "res-circa"));
  EXPECT_FALSE(has(ids({"zorblat date:1958"}), "res-circa"));
  EXPECT_FALSE(has(ids({"zorblat date:1964"}), "res-circa"));
  EXPECT_TRUE(has(ids({"--date-mode", "within", "zorblat date:1959..1963"}), "res-circa"));
  EXPECT_FALSE(has(ids({"--date-mode", "within", "zorblat date:1961"}), "res-circa"));
  // The year term is the year written.
  EXPECT_EQ(ids({"zorblat year:1961"}), (Ids{"res-circa"}));
  // early 1962 is January to May.
  EXPECT_TRUE(has(ids({"zorblat date:1962-03"}), "res-early"));
  EXPECT_FALSE(has(ids({"zorblat date:1962-07"}), "res-early"));
}

TEST_F(ResearchIndex, FlagsAndUndated) {
  EXPECT_EQ(ids({"zorblat date:undated"}), (Ids{"res-nd"}));
  EXPECT_EQ(ids({"zorblat date:uncertain"}), (Ids{"res-circa", "res-early", "res-questioned"}));
  EXPECT_EQ(ids({"zorblat date:supplied"}), (Ids{"res-supplied"}));
  EXPECT_EQ(ids({"zorblat date:range"}), (Ids{"res-between", "res-decade", "res-range"}));
  // The seed record's date is none of these.
  EXPECT_FALSE(has(ids({"date:uncertain"}), "209747"));
}

TEST_F(ResearchIndex, JsonDateFields) {
  json hits = results({"zorblat"});
  ASSERT_EQ(hits.size(), 11u);
  auto hit = [&](const std::string& id) {
    for (const auto& h : hits) {
      if (h["id"] == id) return h;
    }
    ADD_FAILURE() << id;
    return json();
  };
  struct Want {
    const char* id;
    const char* date;
    const char* precision;
    bool uncertain, supplied;
    const char* edtf;
  };
  for (const Want& w :
       {Want{"res-circa", "1961", "year", true, false, "1961~"},
        Want{"res-supplied", "1958", "year", false, true, "1958"},
        Want{"res-questioned", "1958", "year", true, false, "1958?"},
        Want{"res-range", "1958", "year", false, false, "1958/1960"},
        Want{"res-decade", "1950", "year", false, false, "195X"},
        Want{"res-early", "1962", "year", true, false, "1962-01~/1962-05~"},
        Want{"res-between", "1960-05-12", "day", false, false, "1960-05-12/1960-05-14"},
        Want{"res-us", "1958-11", "month", false, false, "1958-11"}, Want{"res-nd", "", "unknown", false, false, ""}}) {
    json h = hit(w.id);
    EXPECT_EQ(h["date"], w.date) << w.id;
    EXPECT_EQ(h["date_precision"], w.precision) << w.id;
    EXPECT_EQ(h["date_uncertain"], w.uncertain) << w.id;
    EXPECT_EQ(h["date_supplied"], w.supplied) << w.id;
    EXPECT_EQ(h["date_edtf"], w.edtf) << w.id;
  }
  // --record: the same, and the interval searched.
  Result r = search({"--record", "res-circa", "--format", "json"});
  ASSERT_EQ(r.status, 0) << show(r);
  json j = json::parse(r.out);
  EXPECT_EQ(j["date_text"], "circa 1961");
  EXPECT_EQ(j["date_edtf"], "1961~");
  EXPECT_EQ(j["date_uncertain"], true);
  EXPECT_EQ(j["date_start"], "1959-01-01");
  EXPECT_EQ(j["date_end"], "1963-12-31");
}

TEST_F(ResearchIndex, TextShowsTheDateAsWrittenAndSortsAtTheStart) {
  Result r = search({"--color", "never", "--sort", "date", "--limit", "20", "zorblat"});
  ASSERT_EQ(r.status, 0) << show(r);
  for (const char* shown :
       {"c. 1961", "[1958]", "1958?", "1958/1960", "1950s", "early 1962", "1958-11", "1960-05-12/1960-05-14", "n.d."}) {
    EXPECT_NE(r.out.find(shown), std::string::npos) << shown << "\n" << r.out;
  }
  // Oldest first by the start of the interval as written: the decade first,
  // the undated last.
  Ids order = ids({"--sort", "date", "zorblat"}, true);
  ASSERT_EQ(order.size(), 11u);
  EXPECT_EQ(order.front(), "res-decade");
  EXPECT_EQ(order.back(), "res-nd");
  Result rec = search({"--color", "never", "--record", "res-circa"});
  EXPECT_NE(rec.out.find("Date: c. 1961 (year precision; circa; searched as 1959-01-01..1963-12-31; EDTF 1961~; "
                         "written 'circa 1961')"),
            std::string::npos)
      << rec.out;
}

TEST_F(ResearchIndex, HelpListsTheNewFieldsAndTheMode) {
  Result r = opis::test::run({kSearch, "--help"});
  ASSERT_EQ(r.status, 0) << show(r);
  for (const char* s : {"--date-mode", "fond:", "opis:", "delo:", "page:", "rg:", "date:uncertain"}) {
    EXPECT_NE(r.out.find(s), std::string::npos) << s;
  }
}

}  // namespace

// Issue 14, end to end: a record's id and URL come from its own link (the
// angle-bracketed one that closes the citation), the other addresses of the
// citation are sources it cites (cites:), "Edited by" names are editors
// (editor:); and an index built under the old id rule loses the old ids
// when opis-index upgrades it.
#include <gtest/gtest.h>
#include <xapian.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "process.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace opis::test;  // run, show, TempDir, kIndex, kSearch (process.h)

namespace {

const std::string kUnCited = "https://digitallibrary.un.org/record/731480";
const std::string kSlug = "address-mr-frank-aiken-minister-external-affairs-ireland";
const std::string kWilson = "https://digitalarchive.wilsoncenter.org/document/" + kSlug;

// A record in the seed layout whose citation names another library's record
// before its own link (the shape of the issue).
std::string aiken_record(const std::string& own_link) {
  return "September 19, 1957\n\n**Address by Mr. Frank Aiken**\n\nCitation:\n\n"
         "\"Address by Mr. Frank Aiken\", September 19, 1957, Wilson Center Digital Archive, United Nations "
         "General Assembly, Official Records, A/PV.682, United Nations Digital Library, " +
         kUnCited + ". Contributed by Charles Kraus and edited by Maria Kowalska." + own_link +
         "\n\nSummary:\n\nThe Irish foreign minister on the withdrawal of foreign troops from central Europe.\n\n"
         "Contents:\n\nThe disengagement of forces in Europe.\n";
}

void write(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

class Issue14 : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(m_records);
    write(m_records / "aiken.txt", aiken_record(" <" + kWilson + ">"));
    write(m_records / "edited.json",
          R"({"title": "Notes on disengagement", "editor": "Jan Nowak", "url": "https://example.org/document/778",
              "body": "Disengagement in central Europe."})");
  }
  Result index(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{kIndex, "--db", m_db};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(m_records.string());
    return run(args);
  }
  Result search(std::vector<std::string> args) {
    args.insert(args.begin(), {kSearch, "--db", m_db});
    return run(args);
  }
  std::vector<std::string> ids(const std::string& query) {
    Result r = search({"--format", "json", query});
    EXPECT_TRUE(r.status == 0 || r.status == 1) << query << "\n" << show(r);
    std::vector<std::string> out;
    if (r.status > 1) return out;
    const json j = json::parse(r.out);  // kept: a loop over a temporary's member would dangle
    for (const auto& h : j["results"]) out.push_back(h["id"]);
    return out;
  }

  TempDir m_dir;
  fs::path m_records = m_dir.path() / "records";
  std::string m_db = (m_dir.path() / "db").string();
};

using Ids = std::vector<std::string>;

TEST_F(Issue14, OwnLinkGivesTheIdAndTheOtherAddressIsACitedSource) {
  Result r = index();
  ASSERT_EQ(r.status, 0) << show(r);
  EXPECT_EQ(ids("id:" + kSlug), Ids{kSlug});
  EXPECT_EQ(ids("id:731480"), Ids{});
  EXPECT_EQ(ids("url:" + kWilson), Ids{kSlug});
  EXPECT_EQ(ids("url:" + kUnCited), Ids{});
  EXPECT_EQ(ids("cites:" + kUnCited), Ids{kSlug});
  EXPECT_EQ(ids("cites:\"" + kUnCited + "\""), Ids{kSlug});
  EXPECT_EQ(ids("cites:" + kWilson), Ids{});  // the own link is no cited source
  EXPECT_EQ(ids("disengagement cites:" + kUnCited), Ids{kSlug});

  Result text = search({"--record", kSlug});
  ASSERT_EQ(text.status, 0) << show(text);
  EXPECT_NE(text.out.find("URL: " + kWilson + "\n"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("Cites: " + kUnCited + "\n"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("Contributors: Charles Kraus\n"), std::string::npos) << text.out;

  Result j = search({"--record", kSlug, "--format", "json"});
  ASSERT_EQ(j.status, 0) << show(j);
  EXPECT_EQ(json::parse(j.out)["cites"], json::array({kUnCited}));
  Result hits = search({"--format", "json", "id:" + kSlug});
  ASSERT_EQ(hits.status, 0) << show(hits);
  EXPECT_EQ(json::parse(hits.out)["results"][0]["cites"], json::array({kUnCited}));
}

TEST_F(Issue14, EditorsAreStoredAndSearchable) {
  Result r = index();
  ASSERT_EQ(r.status, 0) << show(r);
  EXPECT_EQ(ids("editor:Kowalska"), Ids{kSlug});       // "edited by" in a citation
  EXPECT_EQ(ids("editor:\"Jan Nowak\""), Ids{"778"});  // "editor" key of a JSON record
  EXPECT_EQ(ids("editor:Kraus"), Ids{});               // a contributor is no editor
  EXPECT_EQ(ids("Kowalska"), Ids{kSlug});              // names are in plain-word search, as translators'
  Result text = search({"--record", kSlug});
  EXPECT_NE(text.out.find("Editors: Maria Kowalska\n"), std::string::npos) << text.out;
  Result hits = search({"--format", "json", "id:778"});
  ASSERT_EQ(hits.status, 0) << show(hits);
  EXPECT_EQ(json::parse(hits.out)["results"][0]["editors"], json::array({"Jan Nowak"}));
}

// A cited address longer than the writer's term cap (240 bytes) is found
// by the whole address: cites: caps the query's term as the writer did.
TEST_F(Issue14, LongCitedAddressIsFoundWhole) {
  const std::string longer = "https://example.net/" + std::string(300, 'a');
  write(m_records / "long.txt", "Citation:\n\n\"T\", 1961, An Archive, f. 1. See " + longer +
                                    ". Contributed by A. B. <https://example.org/document/55>\n\nContents:\n\nText.\n");
  ASSERT_EQ(index().status, 0);
  EXPECT_EQ(ids("cites:" + longer), Ids{"55"});
  EXPECT_EQ(ids("cites:" + longer + "b"), Ids{});
}

// An index built before this rule holds the record under the cited number;
// opis-index on an index of an older schema reads every file again and must
// drop the ids a file gave and gives no more.
TEST_F(Issue14, UpgradingAnOldIndexDropsTheOldIds) {
  // The old rule's result, made with today's: the UN address in angle
  // brackets is the own link, and 731480 the id.
  write(m_records / "aiken.txt", aiken_record(" <" + kUnCited + ">"));
  ASSERT_EQ(index().status, 0);
  ASSERT_EQ(ids("id:731480"), Ids{"731480"});
  write(m_records / "aiken.txt", aiken_record(" <" + kWilson + ">"));
  {
    Xapian::WritableDatabase db(m_db, Xapian::DB_OPEN);
    db.set_metadata("opis:schema", "4");
    db.commit();
  }
  Result up = index();
  ASSERT_EQ(up.status, 0) << show(up);
  EXPECT_NE(up.err.find("reading every file again"), std::string::npos) << up.err;
  EXPECT_EQ(ids("id:" + kSlug), Ids{kSlug});
  EXPECT_EQ(ids("id:731480"), Ids{});
  EXPECT_EQ(ids("Aiken"), Ids{kSlug});
  // --force alike.
  write(m_records / "aiken.txt", aiken_record(" <" + kUnCited + ">"));
  ASSERT_EQ(index({"--force"}).status, 0);
  EXPECT_EQ(ids("Aiken"), Ids{"731480"});
}

}  // namespace

// End to end, issue 17 (search speed): a stored record's persons and places
// live in a value slot of their own (schema 12, slot::entities), out of the
// document data that every result line reads. Whatever way the index was
// built (one database written directly, or batch databases merged by
// compaction, which numbers the documents anew), each record must get its
// own persons and places back, whole: in --record, in exports, in person:
// queries, and in what the register lists.
#include <gtest/gtest.h>
#include <xapian.h>
#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <string>

#include "opis/index/document.h"
#include "opis/index/schema.h"
#include "process.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace opis::test;  // run, show, TempDir, kIndex, kSearch, kGen (process.h)

namespace {

class Issue17Entities : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = new TempDir;
    const fs::path gen = s_dir->path() / "gen";
    Result g = run({kGen, "-n", "60", "-w", "300", "-o", gen.string()});
    ASSERT_EQ(g.status, 0) << show(g);
    // Bulk: batches of 7 records on two threads, merged by compaction.
    Result b = run({kIndex, "--db", bulk(), "--quiet", "-j", "2", "--batch-size", "7", gen.string()});
    ASSERT_EQ(b.status, 0) << show(b);
    Result d = run({kIndex, "--db", direct(), "--quiet", "--no-bulk", gen.string()});
    ASSERT_EQ(d.status, 0) << show(d);
  }
  static void TearDownTestSuite() { delete s_dir; }
  static std::string bulk() { return (s_dir->path() / "bulk").string(); }
  static std::string direct() { return (s_dir->path() / "direct").string(); }

  // Every stored record of `db` by id, as JSON (with its persons' and
  // places' terms), after checking each against its own document.
  static std::map<std::string, json> records(const std::string& db) {
    std::map<std::string, json> out;
    Xapian::Database d(db);
    for (auto it = d.postlist_begin(""); it != d.postlist_end(""); ++it) {
      const Xapian::Document doc = d.get_document(*it);
      // Out of the document data...
      const std::string data = doc.get_data();
      EXPECT_EQ(data.find("\"persons\":"), std::string::npos);
      EXPECT_EQ(data.find("\"places\":"), std::string::npos);
      const opis::Record r = opis::record_from_document(doc);
      // ... and back with their own record: each person's and place's
      // terms are terms of this document.
      std::set<std::string> terms(doc.termlist_begin(), doc.termlist_end());
      for (const auto& p : r.persons) {
        EXPECT_FALSE(p.terms.empty()) << r.id << ": " << p.name;
        for (const auto& t : p.terms) EXPECT_TRUE(terms.count(t)) << r.id << ": " << p.name << ": " << t;
      }
      for (const auto& p : r.places) EXPECT_TRUE(terms.count(p.term)) << r.id << ": " << p.name << ": " << p.term;
      EXPECT_EQ(r.persons.empty() && r.places.empty(), doc.get_value(opis::slot::entities).empty()) << r.id;
      // Without them, the rest is the same record.
      opis::Record light = opis::record_from_document(doc, false);
      EXPECT_TRUE(light.persons.empty() && light.places.empty()) << r.id;
      opis::Record bare = r;
      bare.persons.clear();
      bare.places.clear();
      EXPECT_EQ(opis::to_json(light), opis::to_json(bare)) << r.id;
      // What a person: query's result lines read: the same persons and places.
      const opis::Record shown = opis::display_record_from_document(doc, true);
      EXPECT_EQ(opis::to_json(shown)["persons"], opis::to_json(r)["persons"]) << r.id;
      EXPECT_EQ(opis::to_json(shown)["places"], opis::to_json(r)["places"]) << r.id;
      json j = opis::to_json(r);
      for (std::size_t i = 0; i < r.persons.size(); ++i) j["persons"][i]["terms"] = r.persons[i].terms;
      for (std::size_t i = 0; i < r.places.size(); ++i) j["places"][i]["term"] = r.places[i].term;
      out[r.id] = j;
    }
    return out;
  }

  static TempDir* s_dir;
};

TempDir* Issue17Entities::s_dir = nullptr;

TEST_F(Issue17Entities, EachRecordGetsItsOwnPersonsAndPlacesBack) {
  const auto a = records(bulk());
  const auto b = records(direct());
  ASSERT_EQ(a.size(), 60u);
  std::size_t with_persons = 0, with_places = 0;
  for (const auto& [id, j] : a) {
    with_persons += !j["persons"].empty();
    with_places += !j["places"].empty();
    ASSERT_TRUE(b.count(id)) << id;
    EXPECT_EQ(j, b.at(id)) << id;
  }
  // The generated records name persons and places: the test tests something.
  EXPECT_GT(with_persons, 30u);
  EXPECT_GT(with_places, 30u);
}

TEST_F(Issue17Entities, RecordExportsAndPersonQueriesShowThem) {
  const auto stored = records(bulk());
  std::string person, id;
  // A person the text mentions by the name the register gives, in a record
  // that names places too.
  for (const auto& [i, j] : stored) {
    if (j["places"].empty() || !id.empty()) continue;
    for (const json& p : j["persons"]) {
      const std::string name = p["name"].get<std::string>();
      if (p["role"] == "mentioned" && j["body"].get<std::string>().find(name) != std::string::npos) {
        id = i;
        person = name;
        break;
      }
    }
  }
  ASSERT_FALSE(id.empty());
  // --record prints them (without their terms), the same from both indexes.
  Result r = run({kSearch, "--db", bulk(), "--record", id, "--format", "json"});
  ASSERT_EQ(r.status, 0) << show(r);
  const json shown = json::parse(r.out);
  ASSERT_EQ(shown["persons"].size(), stored.at(id)["persons"].size()) << r.out;
  ASSERT_EQ(shown["places"].size(), stored.at(id)["places"].size()) << r.out;
  for (std::size_t i = 0; i < shown["persons"].size(); ++i)
    EXPECT_EQ(shown["persons"][i]["name"], stored.at(id)["persons"][i]["name"]);
  for (std::size_t i = 0; i < shown["places"].size(); ++i)
    EXPECT_EQ(shown["places"][i]["name"], stored.at(id)["places"][i]["name"]);
  for (const char* format : {"json", "text", "csljson"}) {
    Result x = run({kSearch, "--db", bulk(), "--record", id, "--format", format});
    Result y = run({kSearch, "--db", direct(), "--record", id, "--format", format});
    EXPECT_EQ(x.status, 0) << show(x);
    EXPECT_TRUE(x.out == y.out) << format << ":\n" << x.out << "\n---\n" << y.out;
  }
  // A person: query's result lines (the display header, the body and the
  // slot): names highlighted, the same from both indexes.
  Result q = run({kSearch, "--db", bulk(), "--format", "json", "--limit", "100", "person:\"" + person + "\""});
  ASSERT_EQ(q.status, 0) << show(q);
  std::size_t highlighted = 0;
  const json answer = json::parse(q.out);
  for (const json& h : answer["results"]) highlighted += !h["highlights"].empty();
  EXPECT_GT(highlighted, 0u) << person << ": " << q.out;
  Result q2 = run({kSearch, "--db", direct(), "--format", "json", "--limit", "100", "person:\"" + person + "\""});
  auto ids = [](const Result& r) {
    std::set<std::string> out;
    const json answer = json::parse(r.out);
    for (const json& h : answer["results"]) out.insert(h["id"].get<std::string>());
    return out;
  };
  EXPECT_EQ(ids(q), ids(q2)) << person;
  // The register lists the same persons from both.
  Result ra = run({kSearch, "--db", bulk(), "--persons", "--format", "json"});
  Result rb = run({kSearch, "--db", direct(), "--persons", "--format", "json"});
  ASSERT_EQ(ra.status, 0) << show(ra);
  EXPECT_TRUE(ra.out == rb.out);
  EXPECT_NE(ra.out.find(person), std::string::npos) << person;
}

}  // namespace

// End to end: the real opis-index and opis-search binaries on real files and
// a fresh index in a temporary directory; stdout, stderr and exit statuses.
#include <gtest/gtest.h>
#include <xapian.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>

#include "opis/version.h"
#include "process.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace opis::test;  // run, show, TempDir, kIndex, kSearch... (process.h)

namespace {

// One index of the real seed record, shared by the query tests.
class SeedIndex : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = new TempDir;
    s_db = (s_dir->path() / "db").string();
    Result r = opis::test::run({kIndex, "--db", s_db, (kShared / "records").string()});
    ASSERT_EQ(r.status, 0) << show(r);
  }
  static void TearDownTestSuite() { delete s_dir; }

  static Result search(std::vector<std::string> args) {
    args.insert(args.begin(), {kSearch, "--db", s_db});
    return opis::test::run(args);
  }
  // Ids returned by a JSON search.
  static std::vector<std::string> ids(std::vector<std::string> args) {  // search adds --db
    args.insert(args.end(), {"--format", "json"});
    Result r = search(std::move(args));
    EXPECT_TRUE(r.status == 0 || r.status == 1) << show(r);
    std::vector<std::string> out;
    const json j = json::parse(r.out);
    for (const auto& h : j["results"]) out.push_back(h["id"]);
    return out;
  }

  static TempDir* s_dir;
  static std::string s_db;
};
TempDir* SeedIndex::s_dir = nullptr;
std::string SeedIndex::s_db;

const std::vector<std::string> kOnlySeed = {"209747"};
const std::vector<std::string> kNone = {};

TEST_F(SeedIndex, PhraseFindsTheRecord) { EXPECT_EQ(ids({"\"military force\""}), kOnlySeed); }

TEST_F(SeedIndex, PhraseWithStopWordsMatches) {
  EXPECT_EQ(ids({"\"the ultimatum that the Soviet Union posed\""}), kOnlySeed);
  // The same words in another order are not the phrase.
  EXPECT_EQ(ids({"\"the Soviet Union posed the ultimatum\""}), kNone);
}

TEST_F(SeedIndex, FieldsFindTheRecord) {
  for (const char* q :
       {"translator:Greenfield", "contributor:Radchenko", "ref:RGANI", "lang:russian", "lang:Russian", "lang:ru",
        "repo:RGANI", "tlang:english", "title:baghdad", "summary:congratulate", "archive:wilson", "funder:Blavatnik",
        "handwritten:dissemination", "footnote:review", "id:209747", "year:1958", "ref:\"f. 52, op. 1\""}) {
    EXPECT_EQ(ids({q}), kOnlySeed) << q;
  }
}

TEST_F(SeedIndex, FieldsDoNotLeak) {
  // Words of the body are not in the title or translator fields.
  for (const char* q : {"title:ultimatum", "translator:Radchenko", "contributor:Greenfield", "lang:english",
                        "ref:Wilson", "repo:GARF", "id:20974"}) {
    EXPECT_EQ(ids({q}), kNone) << q;
  }
}

TEST_F(SeedIndex, BooleanOperators) {
  EXPECT_EQ(ids({"Baghdad AND Kuban"}), kOnlySeed);
  EXPECT_EQ(ids({"Baghdad NOT Kuban"}), kNone);
  EXPECT_EQ(ids({"(zanzibar OR Kuban) Baghdad"}), kOnlySeed);
  EXPECT_EQ(ids({"Baghdad -Kuban"}), kNone);
  EXPECT_EQ(ids({"zanzibar Baghdad"}), kNone);  // all words by default
  EXPECT_EQ(ids({"--any", "zanzibar Baghdad"}), kOnlySeed);
}

TEST_F(SeedIndex, DateFilters) {
  EXPECT_EQ(ids({"--from", "1959-01-01", "Khrushchev"}), kNone);
  EXPECT_EQ(ids({"--to", "1958-11-18", "Khrushchev"}), kNone);
  EXPECT_EQ(ids({"--from", "1958-11-19", "--to", "1958-11-19", "Khrushchev"}), kOnlySeed);
  EXPECT_EQ(ids({"--from", "1958", "Khrushchev"}), kOnlySeed);
  EXPECT_EQ(ids({"Khrushchev date:1958-11..1958-12"}), kOnlySeed);
  EXPECT_EQ(ids({"Khrushchev date:1958..1960"}), kOnlySeed);
  EXPECT_EQ(ids({"Khrushchev date:1959..1960"}), kNone);
  EXPECT_EQ(ids({"Khrushchev date:..1958-11-19"}), kOnlySeed);
  EXPECT_EQ(ids({"date:1958-11"}), kOnlySeed);
  EXPECT_EQ(ids({"--from", "November 1958"}), kOnlySeed);
}

TEST_F(SeedIndex, JsonOutputHasTheDocumentedShape) {
  Result r = search({"--format", "json", "military force"});
  ASSERT_EQ(r.status, 0) << show(r);
  json j = json::parse(r.out);
  EXPECT_EQ(j["query"], "military force");
  EXPECT_EQ(j["total"], 1);
  ASSERT_EQ(j["results"].size(), 1u);
  const json& h = j["results"][0];
  EXPECT_EQ(h["id"], "209747");
  EXPECT_EQ(h["date"], "1958-11-19");
  EXPECT_EQ(h["date_text"], "November 19, 1958");
  EXPECT_EQ(h["archive"], "Wilson Center Digital Archive");
  EXPECT_EQ(h["reference"], "RGANI, f. 52, op. 1, d. 566, ll. 8-11");
  EXPECT_EQ(h["contributors"], json::array({"Sergey Radchenko"}));
  EXPECT_EQ(h["translators"], json::array({"Angela Greenfield"}));
  EXPECT_EQ(h["language"], "Russian");
  EXPECT_EQ(h["url"], "https://digitalarchive.umd.edu/document/209747");
  EXPECT_GT(h["score"].get<double>(), 0);
  std::string snippet = h["snippet"];
  EXPECT_NE(snippet.find("military force"), std::string::npos) << snippet;
  // Highlights point at the matched words inside the snippet.
  ASSERT_FALSE(h["highlights"].empty());
  for (const auto& hl : h["highlights"]) {
    std::string word = snippet.substr(hl[0].get<std::size_t>(), hl[1].get<std::size_t>());
    EXPECT_TRUE(word == "military" || word == "force") << word;
  }
}

// A word matched through its stem only ("conversations" finds
// "CONVERSATION") is highlighted too: the snippet's stemmer stems the words
// that could stem to a query stem, and leaves the others.
TEST_F(SeedIndex, WordsMatchedByTheirStemAreHighlighted) {
  Result r = search({"--format", "json", "conversations"});
  ASSERT_EQ(r.status, 0) << show(r);
  const json j = json::parse(r.out);
  ASSERT_EQ(j["results"].size(), 1u) << r.out;
  const json& h = j["results"][0];
  const std::string snippet = h["snippet"];
  ASSERT_FALSE(h["highlights"].empty()) << r.out;
  for (const auto& hl : h["highlights"]) {
    std::string word = snippet.substr(hl[0].get<std::size_t>(), hl[1].get<std::size_t>());
    for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(word, "conversation") << snippet;
  }
}

TEST_F(SeedIndex, TextOutputPipedHasNoColour) {
  Result r = search({"military force"});
  ASSERT_EQ(r.status, 0) << show(r);
  EXPECT_NE(r.out.find("1958-11-19"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Record of a Conversation of Cde. N.S. Khrushchev"), std::string::npos);
  EXPECT_NE(r.out.find("RGANI, f. 52, op. 1, d. 566, ll. 8-11"), std::string::npos);
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos);
  Result c = search({"--color", "always", "military force"});
  EXPECT_NE(c.out.find("\x1b[1;31mmilitary\x1b[0m"), std::string::npos) << c.out;
}

TEST_F(SeedIndex, NothingFoundExitsOne) {
  Result r = search({"zanzibar"});
  EXPECT_EQ(r.status, 1) << show(r);
  EXPECT_NE(r.out.find("No records match"), std::string::npos);
}

TEST_F(SeedIndex, BadDateIsAnErrorWithExitTwo) {
  Result r = search({"date:1958..soon"});
  EXPECT_EQ(r.status, 2) << show(r);
  EXPECT_NE(r.err.find("cannot read date 'soon'"), std::string::npos) << r.err;
  Result f = search({"--from", "yesterday", "x"});
  EXPECT_EQ(f.status, 2) << show(f);
  EXPECT_NE(f.err.find("--from 'yesterday' is not a date"), std::string::npos) << f.err;
  Result g = search({"date:1960..1958"});
  EXPECT_EQ(g.status, 2) << show(g);
}

TEST_F(SeedIndex, RecordPrintsEveryField) {
  Result r = search({"--record", "209747", "--format", "json"});
  ASSERT_EQ(r.status, 0) << show(r);
  json j = json::parse(r.out);
  EXPECT_EQ(j["funder"], "Blavatnik Family Foundation");
  EXPECT_EQ(j["translation_language"], "English");
  EXPECT_EQ(j["handwritten"].size(), 5u);
  Result t = search({"--record", "209747"});
  EXPECT_NE(t.out.find("Translators: Angela Greenfield"), std::string::npos) << t.out;
  EXPECT_NE(t.out.find("Footnote [1]:"), std::string::npos) << t.out;
  Result missing = search({"--record", "nope"});
  EXPECT_EQ(missing.status, 1) << show(missing);
}

TEST(Cli, ReindexingTheSameFolderKeepsTheCount) {
  TempDir d;
  std::string db = (d.path() / "db").string();
  Result a = opis::test::run({kIndex, "--db", db, (kShared / "records").string()});
  ASSERT_EQ(a.status, 0) << show(a);
  EXPECT_NE(a.out.find("1 added, 0 replaced"), std::string::npos) << a.out;
  Result b = opis::test::run({kIndex, "--db", db, (kShared / "records").string()});
  ASSERT_EQ(b.status, 0) << show(b);
  EXPECT_NE(b.out.find("0 added, 0 replaced, 1 unchanged"), std::string::npos) << b.out;
  EXPECT_EQ(Xapian::Database(db).get_doccount(), 1u);
  Result f = opis::test::run({kIndex, "--force", "--db", db, (kShared / "records").string()});
  EXPECT_NE(f.out.find("0 added, 1 replaced"), std::string::npos) << f.out;
  EXPECT_EQ(Xapian::Database(db).get_doccount(), 1u);
}

TEST(Cli, IncrementalReindexSkipsReplacesRemovesAndPrunes) {
  TempDir d;
  fs::path in = d.path() / "in";
  write_file(in / "a.json", R"({"id": "a", "title": "alpha", "body": "Kuban"})");
  write_file(in / "b.json", R"({"id": "b", "title": "beta", "body": "Kuban"})");
  write_file(in / "batch.jsonl", "{\"id\": \"j1\", \"body\": \"Kuban\"}\n{\"id\": \"j2\", \"body\": \"Kuban\"}\n");
  std::string db = (d.path() / "db").string();
  auto index = [&](std::vector<std::string> extra) {
    std::vector<std::string> args{kIndex, "--db", db};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(in.string());
    return opis::test::run(args);
  };
  Result first = index({});
  ASSERT_EQ(first.status, 0) << show(first);
  EXPECT_NE(first.out.find("4 added, 0 replaced, 0 unchanged"), std::string::npos) << first.out;

  // Change one file, touch another without changing it, drop a line of the
  // JSONL file, delete a file.
  write_file(in / "a.json", R"({"id": "a", "title": "alpha two", "body": "Kuban"})");
  fs::last_write_time(in / "b.json", fs::last_write_time(in / "b.json") + std::chrono::hours(1));
  write_file(in / "batch.jsonl", "{\"id\": \"j1\", \"body\": \"Kuban changed\"}\n");
  write_file(in / "c.json", R"({"id": "c", "body": "Kuban"})");
  Result second = index({});
  ASSERT_EQ(second.status, 0) << show(second);
  EXPECT_NE(second.out.find("1 added, 2 replaced, 1 unchanged, 1 removed from changed files"), std::string::npos)
      << second.out;
  EXPECT_EQ(Xapian::Database(db).get_doccount(), 4u);  // a b j1 c

  fs::remove(in / "c.json");
  Result third = index({"--prune"});
  ASSERT_EQ(third.status, 0) << show(third);
  EXPECT_NE(third.out.find("0 added, 0 replaced, 3 unchanged, 1 pruned"), std::string::npos) << third.out;
  Xapian::Database check(db);
  EXPECT_EQ(check.get_doccount(), 3u);
  EXPECT_FALSE(check.term_exists("Qc"));
  EXPECT_FALSE(check.term_exists("Qj2"));
  EXPECT_TRUE(check.term_exists("Qj1"));
}

TEST(Cli, BadInputIsReportedAndTheBatchGoesOn) {
  TempDir d;
  fs::path in = d.path() / "in";
  write_file(in / "good.txt",
             "May 1, 1960\n\n**A good record**\n\nContents:\n\nTranslation - English\n\nThe U-2 was shot down over "
             "Sverdlovsk.\n");
  write_file(in / "empty.txt", "  \n\n");
  write_file(in / "binary.txt", std::string("abc\0def", 7));
  write_file(in / "broken.json", "{\n  \"id\": \"b1\",\n  \"title\": \"x\" oops\n}\n");
  write_file(in / "batch.jsonl",
             "{\"id\": \"j1\", \"title\": \"first line\", \"body\": \"Sverdlovsk one\"}\n"
             "{\"id\": \"j2\", \"title\": \n"
             "{\"id\": \"j3\", \"title\": \"third line\", \"body\": \"Sverdlovsk three\", \"date\": \"Febtember 31, "
             "19611\"}\n");
  write_file(in / "badutf8.txt", "**Bad bytes**\n\nContents:\n\nSverdlovsk \xff\xfe here\n");
  write_file(in / "ignored.pdf", "not a record");
  std::string db = (d.path() / "db").string();
  Result r = opis::test::run({kIndex, "--db", db, in.string()});
  EXPECT_EQ(r.status, 1) << show(r);
  std::string p = in.string();
  EXPECT_NE(r.err.find(p + "/empty.txt: error: empty file; skipped"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(p + "/binary.txt:1:4: error: binary file"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(p + "/broken.json:3:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("invalid JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(p + "/batch.jsonl:2:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(p + "/batch.jsonl:3: warning: cannot read date 'Febtember 31, 19611'"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(p + "/badutf8.txt:5: warning: invalid UTF-8"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("ignored.pdf"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("4 rejected"), std::string::npos) << r.out;
  // Every good record went in.
  Result s = opis::test::run({kSearch, "--db", db, "--format", "json", "--limit", "50", "Sverdlovsk"});
  ASSERT_EQ(s.status, 0) << show(s);
  std::set<std::string> got;
  const json j = json::parse(s.out);
  for (const auto& h : j["results"]) got.insert(h["id"].get<std::string>());
  EXPECT_EQ(got, (std::set<std::string>{"good", "j1", "j3", "badutf8"}));
}

TEST(Cli, DuplicateIdsInOneBatchTheLaterWins) {
  TempDir d;
  fs::path in = d.path() / "in";
  write_file(in / "a.json", R"({"id": "same", "title": "first version", "body": "alpha"})");
  write_file(in / "b.json", R"({"id": "same", "title": "second version", "body": "beta"})");
  std::string db = (d.path() / "db").string();
  Result r = opis::test::run({kIndex, "--db", db, in.string()});
  EXPECT_EQ(r.status, 0) << show(r);
  EXPECT_NE(r.err.find("b.json: warning: record id 'same' also in"), std::string::npos) << r.err;
  EXPECT_EQ(Xapian::Database(db).get_doccount(), 1u);
  Result s = opis::test::run({kSearch, "--db", db, "--record", "same", "--format", "json"});
  EXPECT_EQ(json::parse(s.out)["title"], "second version");
}

TEST(Cli, MissingIndexAndMissingPathAreClear) {
  TempDir d;
  Result s = opis::test::run({kSearch, "--db", (d.path() / "nowhere").string(), "x"});
  EXPECT_EQ(s.status, 2) << show(s);
  EXPECT_NE(s.err.find("no index at"), std::string::npos) << s.err;
  Result i = opis::test::run({kIndex, "--db", (d.path() / "db").string(), (d.path() / "nothing-here").string()});
  EXPECT_EQ(i.status, 1) << show(i);
  EXPECT_NE(i.err.find("nothing-here: error: no such file or directory"), std::string::npos) << i.err;
}

TEST(Cli, SecondWriterIsRefusedWithExitTwo) {
  TempDir d;
  std::string db = (d.path() / "db").string();
  Xapian::WritableDatabase holder(db, Xapian::DB_CREATE_OR_OPEN);  // holds the write lock
  Result r = opis::test::run({kIndex, "--db", db, (kShared / "records").string()});
  EXPECT_EQ(r.status, 2) << show(r);
  EXPECT_NE(r.err.find("is being written by another process"), std::string::npos) << r.err;
}

TEST(Cli, DatabaseFromTheEnvironment) {
  TempDir d;
  std::string db = (d.path() / "envdb").string();
  Result r = opis::test::run({kIndex, (kShared / "records").string()}, {"OPIS_DB=" + db});
  ASSERT_EQ(r.status, 0) << show(r);
  EXPECT_TRUE(fs::exists(db));
  Result s = opis::test::run({kSearch, "Baghdad"}, {"OPIS_DB=" + db});
  EXPECT_EQ(s.status, 0) << show(s);
}

TEST(Cli, HelpTeachesAndVersionAnswers) {
  for (const auto& bin : {kIndex, kSearch}) {
    Result h = opis::test::run({bin, "--help"});
    EXPECT_EQ(h.status, 0) << show(h);
    EXPECT_NE(h.out.find("Examples:"), std::string::npos) << h.out;
    EXPECT_NE(h.out.find("Exit status:"), std::string::npos) << h.out;
    Result v = opis::test::run({bin, "--version"});
    EXPECT_EQ(v.status, 0);
    EXPECT_NE(v.out.find(OPIS_VERSION), std::string::npos) << v.out;
    Result bad = opis::test::run({bin, "--no-such-flag"});
    EXPECT_EQ(bad.status, 2) << show(bad);
  }
}

TEST(Cli, SampleCollectionIndexesCleanly) {
  TempDir d;
  std::string db = (d.path() / "db").string();
  Result r = opis::test::run({kIndex, "--db", db, (kSource / "corpus").string()});
  EXPECT_EQ(r.status, 0) << show(r);
  EXPECT_EQ(r.err, "");  // our own sample indexes without a warning
  EXPECT_GE(Xapian::Database(db).get_doccount(), 40u);
  // Sorting by date: oldest first, undated last in both directions.
  auto order = [&](const char* sort) {
    Result s =
        opis::test::run({kSearch, "--db", db, "--format", "json", "--limit", "1000", "--sort", sort, "--from", "1900"});
    std::vector<std::string> dates;
    const json j = json::parse(s.out);
    for (const auto& h : j["results"]) dates.push_back(h["date"]);
    return dates;
  };
  auto asc = order("date");
  ASSERT_GE(asc.size(), 10u);
  EXPECT_TRUE(std::is_sorted(asc.begin(), asc.end()));
  auto desc = order("-date");
  EXPECT_TRUE(std::is_sorted(desc.rbegin(), desc.rend()));
}

}  // namespace

namespace {

// Regression: an id that leaves a changed file but is still given by an
// unchanged file later in the walk must stay in the index.
TEST(Cli, IdLeavingAChangedFileStaysWhenAnotherFileGivesIt) {
  TempDir d;
  fs::path in = d.path() / "in";
  write_file(in / "a.json", R"({"id": "same", "body": "first"})");
  write_file(in / "b.json", R"({"id": "same", "body": "second"})");
  std::string db = (d.path() / "db").string();
  opis::test::run({kIndex, "--db", db, in.string()});
  write_file(in / "a.json", R"({"id": "other", "body": "third"})");
  fs::last_write_time(in / "a.json", fs::last_write_time(in / "a.json") + std::chrono::hours(1));
  Result r = opis::test::run({kIndex, "--db", db, in.string()});
  ASSERT_EQ(r.status, 0) << show(r);
  Xapian::Database check(db);
  EXPECT_TRUE(check.term_exists("Qsame"));
  EXPECT_TRUE(check.term_exists("Qother"));
}

TEST_F(SeedIndex, TotalIsRightWithLimitZeroAndSnippetsAreOneLine) {
  Result r = search({"--limit", "0", "--format", "json", "Khrushchev"});
  EXPECT_EQ(r.status, 0) << show(r);
  const json j = json::parse(r.out);
  EXPECT_EQ(j["total"], 1);
  EXPECT_TRUE(j["results"].empty());
  Result s = search({"--format", "json", "Bolsheviks"});
  const json k = json::parse(s.out);
  ASSERT_EQ(k["results"].size(), 1u);
  EXPECT_EQ(k["results"][0]["snippet"].get<std::string>().find('\n'), std::string::npos);
}

}  // namespace

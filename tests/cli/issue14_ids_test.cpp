// Issue 14, with the real opis-index and opis-search: a plain-text record's
// id is its path inside the folder named on the command line, the same
// however and from wherever that folder is written (relative, absolute,
// trailing slash, another working directory, a symbolic link), in a bulk
// build, a direct one and a sharded one; an unchanged collection re-indexed
// by another spelling of its path reads nothing again; a moved collection
// keeps its ids; two folders giving the same id say so. Also: an unclosed
// "[Handwritten:" warns and hides nothing after it, and `id:`/`url:`
// queries and `--record` find 1,000-byte ids and URLs.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <fstream>
#include <set>

#include "process.h"

namespace fs = std::filesystem;
using namespace opis::test;  // run, show, TempDir, kIndex, kSearch (process.h)
using nlohmann::json;

namespace {

// A small collection under `root`: plain-text files at two depths, a seed
// record without a URL and a JSON record without an id.
void write_collection(const fs::path& root) {
  fs::create_directories(root / "letters" / "1961");
  std::ofstream(root / "notes.txt") << "Notes on the collection, in plain prose.\n";
  std::ofstream(root / "letters" / "1961" / "draft.txt") << "A draft letter about the harbour.\n";
  std::ofstream(root / "letters" / "7010.txt") << "**A titled record**\n\nContents:\n\nThe text of it.\n";
  std::ofstream(root / "letters" / "loose.json") << R"({"title": "A JSON record without an id"})";
}

const std::set<std::string> kIds = {"notes.txt", "letters/1961/draft.txt", "7010", "loose"};

// The ids of every record in `db` (a database or a stub), by opis-search.
std::set<std::string> ids_in(const std::string& db) {
  Result r = run({kSearch, "--db", db, "--format", "json", "--limit", "100", "date:undated OR NOT date:undated"});
  std::set<std::string> ids;
  json j = json::parse(r.out, nullptr, false);
  if (j.is_discarded() || !j.contains("results")) {
    ADD_FAILURE() << show(r);
    return ids;
  }
  for (const auto& h : j["results"]) ids.insert(h.at("id").get<std::string>());
  return ids;
}

// Index `args` into `db` from `cwd` (the test's own when empty); the JSON
// summary.
json index(const std::string& db, std::vector<std::string> args, const fs::path& cwd = {}) {
  std::vector<std::string> argv = {kIndex, "--db", db, "--format", "json"};
  argv.insert(argv.end(), args.begin(), args.end());
  Result r = run(argv, {}, cwd);
  EXPECT_EQ(r.status, 0) << show(r);
  json j = json::parse(r.out, nullptr, false);
  if (j.is_discarded()) ADD_FAILURE() << show(r);
  return j;
}

TEST(Issue14Ids, SameIdsWhicheverWayTheFolderIsWritten) {
  TempDir d;
  const fs::path corpus = d.path() / "work" / "corpus";
  write_collection(corpus);
  fs::create_directories(d.path() / "elsewhere" / "deep");
  fs::create_symlink(corpus, d.path() / "link");
  for (std::string mode : {"--threads=2", "--no-bulk"}) {  // a bulk build, a direct one
    const std::string db = (d.path() / ("db" + mode)).string();
    // First relative, from the folder holding it: every file is read.
    json first = index(db, {mode, "corpus"}, d.path() / "work");
    EXPECT_EQ(first["added"], 4) << first.dump();
    EXPECT_EQ(ids_in(db), kIds) << mode;
    // Then every other spelling: nothing is read again, nothing added.
    const std::vector<std::pair<std::vector<std::string>, fs::path>> spellings = {
        {{corpus.string()}, {}},
        {{corpus.string() + "/"}, {}},
        {{"./corpus/"}, d.path() / "work"},
        {{"../../work/./corpus"}, d.path() / "elsewhere" / "deep"},
        {{"../link"}, d.path() / "elsewhere"},
    };
    for (const auto& [args, cwd] : spellings) {
      json again = index(db, args, cwd);
      EXPECT_EQ(again["files_unchanged"], 4) << args[0] << " from " << cwd << ": " << again.dump();
      EXPECT_EQ(again["added"], 0) << args[0] << ": " << again.dump();
      EXPECT_EQ(again["records_in_index"], 4) << args[0] << ": " << again.dump();
    }
    // --force reads every file: each record replaces itself.
    json forced = index(db, {"--force", "../link/"}, d.path() / "elsewhere");
    EXPECT_EQ(forced["replaced"], 4) << forced.dump();
    EXPECT_EQ(Xapian::Database(db).get_doccount(), 4u);
    EXPECT_EQ(ids_in(db), kIds) << mode;
    // The source still holds the path as it was walked, for display.
    Result p = run({kSearch, "--db", db, "--format", "json", "--record", "notes.txt"});
    EXPECT_NE(p.out.find("\"source\": \"../link/notes.txt\""), std::string::npos) << show(p);
  }
}

TEST(Issue14Ids, ShardsAgreeWithOneDatabase) {
  TempDir d;
  const fs::path corpus = d.path() / "corpus";
  write_collection(corpus);
  const std::string stub = (d.path() / "archive.opis").string();
  index(stub, {"--shards", "2", "corpus/"}, d.path());
  EXPECT_EQ(ids_in(stub), kIds);
  json again = index(stub, {corpus.string()});
  EXPECT_EQ(again["files_unchanged"], 4) << again.dump();
  EXPECT_EQ(again["added"], 0) << again.dump();
  EXPECT_EQ(again["records_in_index"], 4) << again.dump();
  EXPECT_EQ(ids_in(stub), kIds);
}

TEST(Issue14Ids, AFileNamedOnItsOwnIsItsName) {
  TempDir d;
  write_collection(d.path() / "corpus");
  const std::string db = (d.path() / "db").string();
  index(db, {"corpus/letters/1961/draft.txt"}, d.path());
  EXPECT_EQ(ids_in(db), (std::set<std::string>{"draft.txt"}));
  index(db, {(d.path() / "corpus" / "letters" / "1961" / "draft.txt").string()});
  EXPECT_EQ(Xapian::Database(db).get_doccount(), 1u);
}

TEST(Issue14Ids, AMovedCollectionKeepsItsIdsAndItsOldPlaceIsForgotten) {
  TempDir d;
  write_collection(d.path() / "disk1" / "corpus");
  const std::string db = (d.path() / "db").string();
  index(db, {"--no-bulk", (d.path() / "disk1" / "corpus").string()});
  fs::create_directories(d.path() / "disk2");
  fs::rename(d.path() / "disk1" / "corpus", d.path() / "disk2" / "archive");
  json moved = index(db, {(d.path() / "disk2" / "archive").string()});
  EXPECT_EQ(moved["added"], 0) << moved.dump();
  EXPECT_EQ(moved["replaced"], 4) << moved.dump();
  EXPECT_EQ(moved["warnings"], 0) << moved.dump();
  EXPECT_EQ(ids_in(db), kIds);
  // The old place holds no record any more: pruning it deletes nothing.
  Result pr = run({kIndex, "--db", db, "--format", "json", "--prune", (d.path() / "disk1").string()});
  EXPECT_EQ(json::parse(pr.out, nullptr, false)["pruned"], 0) << show(pr);
  EXPECT_EQ(ids_in(db), kIds);
  // And the new place, unchanged, is a no-op.
  json again = index(db, {(d.path() / "disk2" / "archive").string()});
  EXPECT_EQ(again["files_unchanged"], 4) << again.dump();
}

// --force (and a schema upgrade, which forces) parses every file again but
// still removes the ids a file no longer gives: how a plain-text record
// indexed before this change (its id the path as typed) is re-identified
// rather than left beside its new id.
TEST(Issue14Ids, ForceStillRemovesTheIdsAFileNoLongerGives) {
  TempDir d;
  fs::create_directories(d.path() / "in");
  std::ofstream(d.path() / "in" / "two.jsonl") << R"({"id":"keep","title":"Kept"})" << '\n'
                                               << R"({"id":"gone","title":"Gone"})" << '\n';
  const std::string db = (d.path() / "db").string();
  index(db, {"--no-bulk", "in"}, d.path());
  std::ofstream(d.path() / "in" / "two.jsonl") << R"({"id":"keep","title":"Kept"})" << '\n';
  json forced = index(db, {"--force", "in"}, d.path());
  EXPECT_EQ(forced["removed"], 1) << forced.dump();
  EXPECT_EQ(ids_in(db), (std::set<std::string>{"keep"}));
}

TEST(Issue14Ids, TwoFoldersGivingTheSameIdSaySo) {
  TempDir d;
  fs::create_directories(d.path() / "a");
  fs::create_directories(d.path() / "b");
  std::ofstream(d.path() / "a" / "notes.txt") << "Notes kept in folder a.\n";
  std::ofstream(d.path() / "b" / "notes.txt") << "Notes kept in folder b.\n";
  const std::string db = (d.path() / "db").string();
  index(db, {"a"}, d.path());
  // A later run: the record of a/notes.txt is replaced, with a warning.
  Result r = run({kIndex, "--db", db, "b"}, {}, d.path());
  EXPECT_EQ(r.status, 0) << show(r);
  const std::string a_notes = fs::weakly_canonical(d.path() / "a" / "notes.txt").string();
  EXPECT_NE(r.err.find("b/notes.txt: warning: record id 'notes.txt' was given by " + a_notes +
                       " in an earlier run; this record replaces it (a plain-text file's id is its path inside the "
                       "folder named to opis-index"),
            std::string::npos)
      << show(r);
  EXPECT_EQ(Xapian::Database(db).get_doccount(), 1u);
  // Both again, unchanged: no flip-flop, no warning.
  Result both = run({kIndex, "--db", db, "a", "b"}, {}, d.path());
  EXPECT_EQ(both.err, "") << show(both);
  // In one run: the later folder's record replaces, with a warning.
  const std::string db2 = (d.path() / "db2").string();
  Result one = run({kIndex, "--db", db2, "a", "b"}, {}, d.path());
  EXPECT_NE(one.err.find("b/notes.txt: warning: record id 'notes.txt' also in a/notes.txt"), std::string::npos)
      << show(one);
  // Naming the folder holding both keeps both.
  const std::string db3 = (d.path() / "db3").string();
  index(db3, {"."}, d.path());
  EXPECT_EQ(ids_in(db3), (std::set<std::string>{"a/notes.txt", "b/notes.txt"}));
}

TEST(Issue14Handwritten, AnUnclosedAnnotationWarnsAndHidesNothingAfterIt) {
  TempDir d;
  fs::create_directories(d.path() / "in");
  std::ofstream(d.path() / "in" / "memo.txt") << "**Memo**\n\nContents:\n\n"
                                                 "First paragraph [Handwritten: approved by\nthe minister\n\n"
                                                 "Second paragraph [Handwritten: filed in archive] ends.\n";
  const std::string db = (d.path() / "db").string();
  Result r = run({kIndex, "--db", db, "in"}, {}, d.path());
  EXPECT_EQ(r.status, 0) << show(r);
  EXPECT_EQ(r.err,
            "in/memo.txt:5: warning: '[Handwritten:' annotation not closed with ']' in its paragraph; ended at the "
            "paragraph\n")
      << show(r);
  EXPECT_EQ(run({kSearch, "--db", db, "handwritten:filed"}).status, 0);
  EXPECT_EQ(run({kSearch, "--db", db, "handwritten:minister"}).status, 0);
  EXPECT_EQ(run({kSearch, "--db", db, "handwritten:paragraph"}).status, 1);  // not past its paragraph
}

TEST(Issue14LongTerms, IdAndUrlLongerThanTheTermCapAreFound) {
  TempDir d;
  fs::create_directories(d.path() / "in");
  const std::string id = "Long-" + std::string(1200, 'k');
  const std::string url = "https://example.org/records/" + std::string(1100, 'u') + "/view";
  auto write = [&](const std::string& title) {
    std::ofstream(d.path() / "in" / "long.json") << json{{"id", id}, {"url", url}, {"title", title}}.dump();
  };
  write("First title");
  for (std::string mode : {"--threads=2", "--no-bulk"}) {  // a bulk build, a direct one
    const std::string db = (d.path() / ("db" + mode)).string();
    index(db, {mode, (d.path() / "in").string()});
    for (const std::string& q : {"id:" + id, "url:" + url, "id:\"" + id + "\""}) {
      Result r = run({kSearch, "--db", db, "--format", "json", q});
      EXPECT_EQ(r.status, 0) << q.substr(0, 40) << ": " << show(r);
      json j = json::parse(r.out, nullptr, false);
      ASSERT_FALSE(j.is_discarded()) << show(r);
      ASSERT_EQ(j["results"].size(), 1u) << show(r);
      EXPECT_EQ(j["results"][0]["id"], id);
    }
    // A prefix of the id, or the id with one byte changed, finds nothing.
    EXPECT_EQ(run({kSearch, "--db", db, "id:" + id.substr(0, 300)}).status, 1);
    EXPECT_EQ(run({kSearch, "--db", db, "id:" + id.substr(0, id.size() - 1) + "j"}).status, 1);
    Result rec = run({kSearch, "--db", db, "--format", "json", "--record", id});
    EXPECT_EQ(rec.status, 0) << show(rec);
    EXPECT_NE(rec.out.find("First title"), std::string::npos) << show(rec);
  }
  // Re-indexing the changed record replaces it, by its capped id term.
  const std::string db = (d.path() / "db--no-bulk").string();
  write("Second title, longer");
  json again = index(db, {(d.path() / "in").string()});
  EXPECT_EQ(again["replaced"], 1) << again.dump();
  EXPECT_EQ(Xapian::Database(db).get_doccount(), 1u);
  Result rec = run({kSearch, "--db", db, "--format", "json", "--record", id});
  EXPECT_NE(rec.out.find("Second title"), std::string::npos) << show(rec);
}

}  // namespace

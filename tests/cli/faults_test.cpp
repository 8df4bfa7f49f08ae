// Faults (issue 6): a second writer, readers while a large index is being
// written, a write failure (file size limit), and a read-only index. The
// real binaries, real files, a fresh index in a temporary directory.
#include <gtest/gtest.h>
#include <xapian.h>
#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "opis/index/index_writer.h"
#include "process.h"

namespace fs = std::filesystem;
using namespace opis::test;  // run, show, TempDir, kIndex, kSearch... (process.h)

namespace {

// Ids in the index; every stored record whole, none twice.
std::set<std::string> ids_in(const std::string& db) {
  std::set<std::string> ids;
  Xapian::Database d(db);
  for (auto it = d.postlist_begin(""); it != d.postlist_end(""); ++it) {
    auto j = opis::to_json(opis::record_from_document(d.get_document(*it)));
    EXPECT_EQ(j["title"], "record " + j["id"].get<std::string>());
    EXPECT_TRUE(ids.insert(j["id"]).second) << "twice: " << j["id"];
  }
  return ids;
}

// Size and content of every file under `dir`, and its modification time.
std::map<std::string, std::pair<std::string, fs::file_time_type>> snapshot(const fs::path& dir) {
  std::map<std::string, std::pair<std::string, fs::file_time_type>> s;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) s[e.path().string()] = {opis::test::slurp(e.path()), e.last_write_time()};
  }
  return s;
}

// A second writer is told who holds the lock, at once, with exit status 2.
TEST(Faults, SecondWriterIsToldWhichProcessIsWriting) {
  TempDir d;
  std::string db = (d.path() / "db").string();
  make_collection(d.path() / "in", "a", 1, 5);
  {
    opis::IndexWriter holder(db, opis::IndexContext{});  // this test process holds the lock
    auto t0 = std::chrono::steady_clock::now();
    Result r = opis::test::run({kIndex, "--db", db, (d.path() / "in").string()});
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(10)) << "must not wait for the lock";
    EXPECT_EQ(r.status, 2) << show(r);
    std::string want =
        "opis-index: error: database '" + db + "' is being written by process " + std::to_string(::getpid());
    EXPECT_EQ(r.err.rfind(want, 0), 0u) << show(r);
    EXPECT_NE(r.err.find("try again when it has finished"), std::string::npos) << show(r);
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << show(r);
  }
  // Nothing was corrupted; the lock is free again.
  Result again = opis::test::run({kIndex, "--db", db, (d.path() / "in").string()});
  EXPECT_EQ(again.status, 0) << show(again);
  EXPECT_EQ(ids_in(db).size(), 5u);
  Result check = opis::test::run({"/usr/bin/xapian-check", db});
  EXPECT_EQ(check.status, 0) << show(check);
}

// kill -9 while Xapian was still creating the database left table files
// without iamglass, and every later run failed with DatabaseNotFoundError.
TEST(Faults, RunKilledWhileCreatingTheDatabaseIsRecovered) {
  TempDir d;
  auto ids = make_collection(d.path() / "in", "c", 1, 3);
  fs::path db = d.path() / "db";
  fs::create_directories(db);
  for (const char* f : {"flintlock", "postlist.glass", "termlist.glass", "v.tmp"}) std::ofstream(db / f) << "";
  Result r = opis::test::run({kIndex, "--db", db.string(), (d.path() / "in").string()});
  EXPECT_EQ(r.status, 0) << show(r);
  EXPECT_EQ(ids_in(db.string()), ids);
}

// opis-search in a loop while opis-index writes a large collection,
// committing often: every search answers (0 or 1), none fails (2).
TEST(Faults, SearchesWhileALargeIndexIsWrittenNeverFail) {
  TempDir d;
  auto all = make_collection(d.path() / "in", "r", 25, 100);
  std::string db = (d.path() / "db").string();
  // Start from a non-empty index, so that opis-index writes it in place,
  // committing every 20 records (an empty one is built aside and swapped
  // in at the end).
  make_collection(d.path() / "seed", "seed", 1, 1);
  Result seeded = opis::test::run({kIndex, "--db", db, (d.path() / "seed").string()});
  ASSERT_EQ(seeded.status, 0) << show(seeded);
  all.insert("seed0-0");
  pid_t writer = opis::test::start({kIndex, "--db", db, "--commit-every", "20", (d.path() / "in").string()});
  ASSERT_GT(writer, 0);
  int searches = 0, found = 0, before_db = 0, locked_seen = 0;
  int wstatus = 0;
  bool done = false;
  std::vector<std::string> failures;
  const std::vector<std::vector<std::string>> queries = {{"treaty"},
                                                         {"\"grain border\""},
                                                         {"--sort", "date", "Moscow OR Warsaw"},
                                                         {"--format", "json", "record"},
                                                         {"--record", "r0-0"},
                                                         {"date:1961", "missile"}};
  auto t0 = std::chrono::steady_clock::now();
  // The second writers below must come after the writer holds the database:
  // on a loaded machine its start can take longer than ten searches, and a
  // second writer would then take the lock first (and the writer be the one
  // refused). Wait for its first commit (r0-0 is in it).
  while (!(done = ::waitpid(writer, &wstatus, WNOHANG) == writer)) {
    if (opis::test::run({kSearch, "--db", db, "--record", "r0-0"}).status == 0) break;
    ASSERT_LT(std::chrono::steady_clock::now() - t0, std::chrono::minutes(5)) << "writer never committed";
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  while (!done) {
    done = ::waitpid(writer, &wstatus, WNOHANG) == writer;
    if (!fs::exists(fs::path(db) / "iamglass")) {
      // Before opis-index has created the database there is nothing to
      // search: that is "no index" (status 2), not a failure under writes.
      ++before_db;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      continue;
    }
    std::vector<std::string> argv = {kSearch, "--db", db};
    const auto& q = queries[searches % queries.size()];
    argv.insert(argv.end(), q.begin(), q.end());
    Result r = opis::test::run(argv);
    ++searches;
    if (r.status == 0) ++found;
    if (r.status != 0 && r.status != 1) failures.push_back(show(r));
    if (!done && searches % 10 == 0) {
      // Meanwhile a second writer is refused with the writer's pid.
      Result w = opis::test::run({kIndex, "--db", db, (d.path() / "in").string()});
      if (w.status == 2 && w.err.find("is being written by process " + std::to_string(writer)) != std::string::npos)
        ++locked_seen;
    }
    ASSERT_LT(std::chrono::steady_clock::now() - t0, std::chrono::minutes(5)) << "writer hung";
  }
  ASSERT_TRUE(WIFEXITED(wstatus)) << wstatus;
  EXPECT_EQ(WEXITSTATUS(wstatus), 0);
  EXPECT_TRUE(failures.empty()) << failures.size() << " of " << searches << " searches failed; first:\n"
                                << failures.front();
  EXPECT_GE(searches, 20) << "the writer finished too soon to test anything";
  EXPECT_GT(found, 0);
  EXPECT_GT(locked_seen, 0) << "a second writer should have been refused at least once";
  RecordProperty("searches_during_writes", searches);
  std::cout << searches << " searches during the writes (" << found << " found something), " << before_db
            << " polls before the database existed, " << locked_seen << " second writers refused\n";
  EXPECT_EQ(ids_in(db), all);
}

// Over a file size limit a write fails: a clear error, exit 2, and the
// index holds its last commit (earlier records present, xapian-check ok).
TEST(Faults, WriteFailureGivesAClearErrorAndKeepsTheLastCommit) {
  TempDir d;
  auto first = make_collection(d.path() / "first", "f", 2, 50);
  make_collection(d.path() / "second", "s", 40, 100);
  std::string db = (d.path() / "db").string();
  Result r1 = opis::test::run({kIndex, "--db", db, (d.path() / "first").string()});
  ASSERT_EQ(r1.status, 0) << show(r1);
  std::uintmax_t largest = 0;
  for (const auto& e : fs::directory_iterator(db)) largest = std::max(largest, e.file_size());
  // Room for a little growth, far less than the second collection needs.
  std::string limit = std::to_string(largest + (1 << 20));
  Result r2 = opis::test::run({"/usr/bin/prlimit", "--fsize=" + limit, kIndex, "--db", db, "--commit-every", "100",
                               (d.path() / "second").string()});
  EXPECT_EQ(r2.status, 2) << show(r2);
  EXPECT_NE(r2.err.find("opis-index: error: database '" + db + "'"), std::string::npos) << show(r2);
  EXPECT_NE(r2.err.find("File too large"), std::string::npos) << show(r2);
  Result check = opis::test::run({"/usr/bin/xapian-check", db});
  EXPECT_EQ(check.status, 0) << show(check);
  auto ids = ids_in(db);
  for (const auto& id : first) EXPECT_TRUE(ids.count(id)) << id;
  // Without the limit the same command finishes the job.
  Result r3 = opis::test::run({kIndex, "--db", db, (d.path() / "second").string()});
  EXPECT_EQ(r3.status, 0) << show(r3);
  EXPECT_EQ(ids_in(db).size(), first.size() + 4000u);
}

// opis-search never writes: on a read-only copy it works, and no file of
// the index changes (checked by content and time, since root ignores
// the missing write permission).
TEST(Faults, SearchNeverWritesAndWorksOnAReadOnlyIndex) {
  TempDir d;
  make_collection(d.path() / "in", "o", 2, 20);
  fs::path db = d.path() / "db";
  Result r = opis::test::run({kIndex, "--db", db.string(), (d.path() / "in").string()});
  ASSERT_EQ(r.status, 0) << show(r);
  fs::path ro = d.path() / "ro";
  fs::copy(db, ro, fs::copy_options::recursive);
  auto before = snapshot(ro);
  Result chmod = opis::test::run({"/bin/chmod", "-R", "a-w", ro.string()});
  ASSERT_EQ(chmod.status, 0) << show(chmod);
  const std::vector<std::vector<std::string>> queries = {{"treaty"},
                                                         {"--format", "json", "--sort", "-date", "record"},
                                                         {"--record", "o0-1"},
                                                         {"--explain", "Moscow NEAR Warsaw"},
                                                         {"--from", "1960", "--to", "1962"},
                                                         {"nosuchwordanywhere"}};
  for (const auto& q : queries) {
    std::vector<std::string> argv = {kSearch, "--db", ro.string()};
    argv.insert(argv.end(), q.begin(), q.end());
    Result s = opis::test::run(argv);
    EXPECT_EQ(s.status, q.back() == "nosuchwordanywhere" ? 1 : 0) << show(s);
  }
  EXPECT_EQ(snapshot(ro), before) << "opis-search changed a file of the index";
  opis::test::run({"/bin/chmod", "-R", "u+w", ro.string()});
}

}  // namespace

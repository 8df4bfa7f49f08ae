// Crash safety: kill -9 opis-index at many points of a long run. After each
// kill the index must open and hold only whole records; a final run must
// finish the job with every record present exactly once.
#include <gtest/gtest.h>
#include <xapian.h>
#include <nlohmann/json.hpp>

#include <csignal>
#include <fstream>
#include <random>
#include <set>
#include <thread>

#include "opis/index/index_writer.h"
#include "process.h"

namespace fs = std::filesystem;
using namespace opis::test;  // run, show, TempDir, kIndex, kSearch... (process.h)

namespace {

std::set<std::string> ids_in(const std::string& db) {
  std::set<std::string> ids;
  Xapian::Database d(db);
  for (auto it = d.allterms_begin("Q"); it != d.allterms_end("Q"); ++it) {
    EXPECT_EQ(it.get_termfreq(), 1u) << *it;  // never twice
    ids.insert((*it).substr(1));
  }
  // Every stored record is whole.
  for (auto it = d.postlist_begin(""); it != d.postlist_end(""); ++it) {
    auto j = opis::to_json(opis::record_from_document(d.get_document(*it)));
    EXPECT_EQ(j["title"], "record " + j["id"].get<std::string>());
  }
  EXPECT_EQ(ids.size(), d.get_doccount());
  return ids;
}

TEST(KillSafety, KilledRunsLoseNothingCommittedAndARerunFinishes) {
  TempDir d;
  auto all = opis::test::make_collection(d.path() / "in", "k", 16, 80);
  std::string db = (d.path() / "db").string();
  std::mt19937 rng(7);
  const int kKills = 20;
  // Calibrate: how long a whole direct run takes on this machine now, so
  // the kills land inside runs however loaded the machine is.
  auto t0 = std::chrono::steady_clock::now();
  opis::test::Result full = opis::test::run({OPIS_INDEX_BIN, "--db", (d.path() / "calibrate").string(), "--no-bulk",
                                             "--commit-every", "37", (d.path() / "in").string()});
  ASSERT_EQ(full.status, 0) << full.err;
  const auto run_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  std::size_t before = 0;
  int survived = 0;
  for (int k = 0; k < kKills; ++k) {
    // Direct writing (--no-bulk): every commit must survive. Every fourth
    // run allows a bulk build, which happens only while the index is still
    // empty and must then leave it as it was.
    bool bulk = k % 4 == 3;
    pid_t pid = opis::test::start({OPIS_INDEX_BIN, "--db", db, "--commit-every", "37", "--force",
                                   bulk ? "--threads=2" : "--no-bulk", (d.path() / "in").string()});
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(run_ms / 10 + rng() % std::max<long>(1, run_ms * 8 / 10)));
    ::kill(pid, SIGKILL);
    int status = opis::test::finish(pid);
    if (status != 128 + SIGKILL) continue;  // finished before the kill
    ++survived;
    // Killed while the very first run was still creating the database:
    // nothing was committed, and the next run must cope (checked below).
    if (before == 0 && !fs::exists(fs::path(db) / "iamglass")) continue;
    auto ids = ids_in(db);  // opens, whole records, none twice
    for (const auto& id : ids) EXPECT_TRUE(all.count(id)) << id;
    // A later kill never loses what an earlier run committed (--force
    // re-reads everything, replacing records in place).
    EXPECT_GE(ids.size(), before);
    before = ids.size();
  }
  EXPECT_GE(survived, kKills / 2) << "most runs should have been killed mid-way";
  EXPECT_GT(before, 0u) << "killed direct runs should have committed something";
  opis::test::Result r = opis::test::run({OPIS_INDEX_BIN, "--db", db, (d.path() / "in").string()});
  ASSERT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(ids_in(db), all);
  // And an incremental re-run finds nothing to do.
  opis::test::Result again = opis::test::run({OPIS_INDEX_BIN, "--db", db, (d.path() / "in").string()});
  EXPECT_NE(again.out.find("0 added, 0 replaced, " + std::to_string(all.size()) + " unchanged"), std::string::npos)
      << again.out;
}

}  // namespace

// Hostile input (issue 6): tests/hostile/make_hostile.py writes a collection
// of every kind of bad input next to good records, with what must become of
// each; the real opis-index runs on it. For each case either the record is
// indexed correctly or exactly one `path[:line[:col]]: error|warning:` line
// says what and why; every good record is indexed; no crash, no hang (the
// run is killed after 120 s), bounded memory, exit status 1 (some rejected).
#include <gtest/gtest.h>
#include <xapian.h>
#include <nlohmann/json.hpp>

#include <sys/resource.h>
#include <sys/stat.h>

#include <map>
#include <regex>
#include <sstream>

#include "opis/index/index_writer.h"
#include "process.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace opis::test;  // run, show, TempDir, kIndex, kSearch... (process.h)

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr long kMaxRssMb = 2048;  // ASan's shadow memory and quarantine
#else
constexpr long kMaxRssMb = 512;  // measured about 140 MB
#endif

struct Line {
  std::string path, severity, message;
  int line = 0;
};

// "path:12:5: error: message" (path may contain spaces, not ": ").
std::optional<Line> parse_line(const std::string& s) {
  static const std::regex re(R"(^(.*?)(?::(\d+))?(?::(\d+))?: (error|warning): (.*)$)");
  std::smatch m;
  if (!std::regex_match(s, m, re)) return std::nullopt;
  Line l{m[1], m[4], m[5], m[2].matched ? std::stoi(m[2]) : 0};
  return l;
}

TEST(Hostile, EveryCaseIsIndexedOrReportedOnceAndEveryGoodRecordIsIn) {
  TempDir d;
  Result gen = opis::test::run(
      {"/usr/bin/env", "python3", (kSource / "tests/hostile/make_hostile.py").string(), d.path().string()});
  ASSERT_EQ(gen.status, 0) << show(gen);
  const json expect = json::parse(opis::test::slurp(d.path() / "expect.json"));
  const std::string in = (d.path() / "in").string();
  const std::string db = (d.path() / "db").string();

  // Bounded time: killed after 120 s (it takes about 3 s).
  Result r = opis::test::run({"/usr/bin/timeout", "-s", "KILL", "120", kIndex, "--db", db, in});
  ASSERT_NE(r.status, 128 + SIGKILL) << "opis-index hung or was killed\n" << show(r);
  ASSERT_NE(r.status, 124) << "opis-index hung\n" << show(r);
  EXPECT_EQ(r.status, 1) << "some records are rejected: exit status 1\n" << show(r);
  // Bounded memory: peak RSS of the waited-for descendants (opis-index).
  rusage ru{};
  getrusage(RUSAGE_CHILDREN, &ru);
  EXPECT_LT(ru.ru_maxrss / 1024, kMaxRssMb) << "peak RSS of opis-index in MB";
  RecordProperty("opis_index_peak_rss_mb", static_cast<int>(ru.ru_maxrss / 1024));

  // Every stderr line is one expected diagnostic, and each expected one
  // appears exactly once.
  const auto& want = expect["diagnostics"];
  std::vector<int> hits(want.size(), 0);
  std::istringstream lines(r.err);
  std::size_t errors = 0;
  for (std::string s; std::getline(lines, s);) {
    auto l = parse_line(s);
    ASSERT_TRUE(l) << "not a `path:line: error|warning: ...` line: " << s;
    int found = -1;
    for (std::size_t i = 0; i < want.size() && found < 0; ++i) {
      const json& w = want[i];
      if (l->path != in + "/" + w["path"].get<std::string>() || l->severity != w["severity"]) continue;
      if (l->line != w.value("line", 0)) continue;
      if (l->message.find(w["contains"].get<std::string>()) == std::string::npos) continue;
      if (hits[i]) continue;
      found = static_cast<int>(i);
    }
    EXPECT_GE(found, 0) << "unexpected diagnostic: " << s;
    if (found >= 0) ++hits[found];
    // Each says what was wrong and what was done.
    EXPECT_NE(l->message.find("; "), std::string::npos) << s;
    if (l->severity == "error") ++errors;
  }
  std::size_t want_errors = 0;
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(hits[i], 1) << "case '" << want[i]["case"].get<std::string>() << "': expected one "
                          << want[i]["severity"].get<std::string>() << " on " << want[i]["path"].get<std::string>()
                          << " containing \"" << want[i]["contains"].get<std::string>() << "\"\n"
                          << r.err;
    if (want[i]["severity"] == "error") ++want_errors;
  }
  EXPECT_EQ(errors, want_errors);
  EXPECT_NE(r.out.find(std::to_string(want_errors) + " rejected"), std::string::npos) << r.out;

  // The index opens and holds exactly the expected records, correctly.
  Xapian::Database x(db);
  std::map<std::string, json> stored;
  for (auto it = x.postlist_begin(""); it != x.postlist_end(""); ++it) {
    json j = opis::to_json(opis::record_from_document(x.get_document(*it)));
    std::string id = j["id"];
    EXPECT_FALSE(stored.count(id)) << "record twice: " << id;
    stored[id] = std::move(j);
  }
  std::size_t cases = 0;
  for (const json& w : expect["records"]) {
    std::string id = w["id"];
    if (auto at = id.find("@IN@"); at != std::string::npos) id.replace(at, 4, in);
    std::string what = "case '" + w["case"].get<std::string>() + "', id " + id.substr(0, 80);
    auto it = stored.find(id);
    if (it == stored.end()) {
      ADD_FAILURE() << what << ": not indexed";
      continue;
    }
    ++cases;
    const json& j = it->second;
    if (w.contains("title")) {
      EXPECT_EQ(j["title"], w["title"]) << what;
    }
    if (w.contains("title_has")) {
      EXPECT_NE(j["title"].get<std::string>().find(w["title_has"].get<std::string>()), std::string::npos) << what;
    }
    if (w.contains("date")) {
      EXPECT_EQ(j["date"], w["date"]) << what;
    }
    if (w.contains("undated")) {
      EXPECT_EQ(j["date_precision"], "unknown") << what;
    }
    if (w.contains("summary")) {
      EXPECT_EQ(j["summary"], w["summary"]) << what;
    }
    if (w.contains("body_has")) {
      EXPECT_NE(j["body"].get<std::string>().find(w["body_has"].get<std::string>()), std::string::npos) << what;
    }
    if (w.contains("lacks")) {
      // Nothing from outside the file (XXE): not in any field.
      for (const auto& l : w["lacks"]) EXPECT_EQ(j.dump().find(l.get<std::string>()), std::string::npos) << what;
    }
  }
  EXPECT_EQ(stored.size(), expect["records"].size() + expect["extra_records"].get<std::size_t>());
  EXPECT_EQ(x.get_doccount(), stored.size());
  RecordProperty("hostile_diagnostics", static_cast<int>(want.size()));
  RecordProperty("hostile_records_checked", static_cast<int>(cases));
  for (const auto& n : expect["notes"]) std::cout << "note: " << n.get<std::string>() << '\n';

  // xapian-check agrees the index is sound.
  Result check = opis::test::run({"/usr/bin/xapian-check", db});
  EXPECT_EQ(check.status, 0) << show(check);
}

// A FIFO named on the command line is refused, not opened: reading it
// would block forever.
TEST(Hostile, NamedFifoIsRejectedWithoutHanging) {
  TempDir d;
  fs::path fifo = d.path() / "pipe.txt";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  Result r = opis::test::run(
      {"/usr/bin/timeout", "-s", "KILL", "30", kIndex, "--db", (d.path() / "db").string(), fifo.string()});
  EXPECT_EQ(r.status, 1) << show(r);
  EXPECT_NE(r.err.find(fifo.string() + ": error: not a regular file (FIFO); skipped"), std::string::npos) << show(r);
}

}  // namespace

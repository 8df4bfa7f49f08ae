// opis-index's flag checks (issue 19: flags -> a validated command before
// any work): each bad combination gives one error line and exit status 2,
// and touches no database; duplicated ids give the same warnings in a bulk
// build (one worker: files in walk order) and a direct one.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "process.h"

namespace fs = std::filesystem;
using namespace opis::test;  // run, show, TempDir, kIndex (process.h)

namespace {

struct BadFlags {
  std::vector<std::string> args;
  std::string error;  ///< the one line on stderr
};

TEST(IndexFlags, EachBadCombinationIsOneErrorLineBeforeAnyWork) {
  TempDir dir;
  const std::string db = (dir.path() / "db").string();
  const std::string src = std::string(OPIS_SOURCE_DIR) + "/corpus/json";
  const std::vector<BadFlags> cases = {
      {{"--shard", "x", src}, "--shard 'x' must be K/N with 0 <= K < N <= 1024 (shards count from 0)"},
      {{"--shard", "2/2", src}, "--shard '2/2' must be K/N with 0 <= K < N <= 1024 (shards count from 0)"},
      {{"--shard", "0/2", "--shards", "2", src},
       "--shard K/N writes one shard database; --db must be its folder, not a stub, and --shards cannot be given "
       "with it"},
      {{"--compact", (dir.path() / "out").string(), src},
       "--compact takes no PATH and no --shards: it merges the shards of --db into OUT"},
      {{"--compact", (dir.path() / "out").string(), "--shards", "2"},
       "--compact takes no PATH and no --shards: it merges the shards of --db into OUT"},
      {{}, "give the files or folders to index; see --help"},
      {{"--compact", (dir.path() / "out").string()}, "'" + db + "' is not a sharded index (a stub file)"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> argv = {kIndex, "--db", db};
    argv.insert(argv.end(), c.args.begin(), c.args.end());
    Result r = run(argv);
    EXPECT_EQ(r.status, 2) << show(r);
    EXPECT_EQ(r.err, "opis-index: error: " + c.error + "\n") << show(r);
    EXPECT_EQ(r.out, "") << show(r);
    EXPECT_FALSE(fs::exists(db)) << show(r);
    EXPECT_FALSE(fs::exists(dir.path() / "out")) << show(r);
  }
}

// The stderr lines of a run, sorted.
std::vector<std::string> sorted_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1) {
    lines.push_back(text.substr(start, nl - start));
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

TEST(IndexFlags, DuplicateIdsWarnAlikeInBulkAndDirectBuilds) {
  TempDir dir;
  fs::create_directories(dir.path() / "src" / "a");
  fs::create_directories(dir.path() / "src" / "b");
  std::ofstream(dir.path() / "src" / "a" / "one.jsonl") << R"({"id":"x1","title":"One"})" << '\n'
                                                        << R"({"id":"x2","title":"Two"})" << '\n';
  std::ofstream(dir.path() / "src" / "b" / "two.json") << R"({"id":"x1","title":"One again"})";
  std::ofstream(dir.path() / "src" / "b" / "three.jsonl") << R"({"id":"x2","title":"Two again"})" << '\n'
                                                          << R"({"id":"x2","title":"Two once more"})" << '\n';
  const std::string src = (dir.path() / "src").string();
  const std::vector<std::string> expected = sorted_lines(
      src + "/b/three.jsonl:1: warning: record id 'x2' also in " + src +
      "/a/one.jsonl:2; this later record replaces it\n" + src + "/b/three.jsonl:2: warning: record id 'x2' also in " +
      src + "/b/three.jsonl:1; this later record replaces it\n" + src +
      "/b/two.json: warning: record id 'x1' also in " + src + "/a/one.jsonl:1; this later record replaces it\n");
  const std::vector<std::vector<std::string>> modes = {{"--threads", "1", "--batch-size", "1"}, {"--no-bulk"}};
  for (std::size_t k = 0; k < modes.size(); ++k) {
    const std::vector<std::string>& mode = modes[k];
    const std::string db = (dir.path() / ("db" + std::to_string(k))).string();
    std::vector<std::string> argv = {kIndex, "-q", "--no-extract", "--db", db, src};
    argv.insert(argv.end(), mode.begin(), mode.end());
    Result r = run(argv);
    EXPECT_EQ(r.status, 0) << show(r);
    EXPECT_EQ(sorted_lines(r.err), expected) << show(r);
  }
}

}  // namespace

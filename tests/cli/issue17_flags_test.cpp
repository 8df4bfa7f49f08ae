// End to end, issue 17 (search speed): opis-search builds CLI11's App with
// only the flags its command line names (query/main.cpp, Wanted), and with
// every flag for --help, --version or a name no flag has. Parsing must not
// tell the difference: the same results whatever other flags the App
// holds, the same messages for bad values as the whole App gives, and the
// whole help.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "opis/version.h"
#include "process.h"

using namespace opis::test;  // run, show, TempDir, kIndex, kSearch (process.h)

namespace {

class Issue17Flags : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = new TempDir;
    s_db = (s_dir->path() / "db").string();
    Result r = run({kIndex, "--db", s_db, "--quiet", (kSource / "corpus").string()});
    ASSERT_EQ(r.status, 0) << show(r);
  }
  static void TearDownTestSuite() { delete s_dir; }
  static Result search(std::vector<std::string> args) {
    args.insert(args.begin(), {kSearch, "--db", s_db});
    return run(args);
  }
  static TempDir* s_dir;
  static std::string s_db;
};

TempDir* Issue17Flags::s_dir = nullptr;
std::string Issue17Flags::s_db;

// The same command line with every flag at its default written out too
// (an App of many flags) answers as the short one (an App of few).
TEST_F(Issue17Flags, MoreFlagsInTheAppChangeNoAnswer) {
  const std::vector<std::string> defaults = {
      "--sort", "relevance", "--date-mode", "overlap",          "--offset", "0",        "--facet-limit",
      "10",     "--context", "5",           "--remote-timeout", "10000",    "--format", "text"};
  for (const std::vector<std::string>& line :
       std::vector<std::vector<std::string>>{{"--color", "never", "Khrushchev"},
                                             {"--color=never", "-n", "3", "Baghdad", "Iraq"},
                                             {"--color", "never", "-n3", "Baghdad"},
                                             {"--color", "never", "--limit=2", "--", "Baghdad"},
                                             {"--color", "never", "Baghdad", "--limit", "2"},
                                             {"--color", "never", "--person", "Khrushchev", "-n", "2"},
                                             {"--color", "never", "--any", "--no-suggest", "Baghdad", "zzzqqq"}}) {
    Result a = search(line);
    std::vector<std::string> longer = line;
    longer.insert(longer.begin(), defaults.begin(), defaults.end());
    Result b = search(longer);
    EXPECT_EQ(a.status, 0) << show(a);
    EXPECT_EQ(a.status, b.status) << show(b);
    EXPECT_TRUE(a.out == b.out) << a.out << "\n---\n" << b.out;
    EXPECT_EQ(a.err, b.err);
  }
}

// Bad values: CLI11's messages, with the flags named (an App of few
// flags) and with a name no flag has (the whole App).
TEST_F(Issue17Flags, BadFlagsAreReportedAsByTheWholeApp) {
  const std::string more = "Run with --help for more information.\n";
  for (const auto& [line, message] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"-n"}, "--limit: 1 required UINT:UINT in [0 - 100000] missing\n"},
           {{"--limit", "abc", "x"}, "--limit: Value abc not in range 0 to 100000\n"},
           {{"-nf", "json", "x"}, "--limit: Value f not in range 0 to 100000\n"},
           {{"--sort", "bogus", "x"}, "--sort: bogus not in {relevance,date,-date}\n"},
           {{"--offset", "-1", "x"}, "Could not convert: --offset = -1\n"},
           {{"--facets", "bogus", "x"}, "--facets: bogus not in {person,place,year,lang,archive}\n"},
           {{"--kwic", "--context", "101", "x"}, "--context: Value 101 not in range 0 to 100\n"},
           {{"--remote-timeout", "0", "x"}, "--remote-timeout: Value 0 not in range 1 to 3600000\n"},
           {{"--color", "sometimes", "x"}, "--color: sometimes not in {auto,always,never}\n"},
           {{"-n", "1", "-n", "2", "x"}, "--limit: At Most 1 required but received 2\n"},
           {{"--batch"}, "--batch: 1 required TEXT missing\n"},
           {{"--no-such-flag", "x"}, "The following argument was not expected: --no-such-flag\n"},
           {{"-x", "x"}, "The following argument was not expected: -x\n"}}) {
    Result r = search(line);
    EXPECT_EQ(r.status, 2) << line.front() << ": " << show(r);
    EXPECT_EQ(r.err, message + more) << line.front();
    EXPECT_EQ(r.out, "");
  }
}

// --help and -h print every flag and the footer, wherever they stand.
TEST_F(Issue17Flags, HelpIsWholeWhereverItStands) {
  Result alone = run({kSearch, "--help"});
  ASSERT_EQ(alone.status, 0) << show(alone);
  for (const std::string& flag : {"--remote-timeout", "--facet-limit", "--batch", "--persons", "--fields"})
    EXPECT_NE(alone.out.find(flag), std::string::npos) << flag;
  EXPECT_NE(alone.out.find("Fields (field:value in the query):"), std::string::npos);
  EXPECT_EQ(alone.out.substr(alone.out.size() - 2), "\n\n");  // the footer, then CLI11's newline
  Result late = search({"--color", "never", "Baghdad", "-h"});
  EXPECT_EQ(late.status, 0) << show(late);
  EXPECT_TRUE(late.out == alone.out);
  Result v = search({"-n", "2", "-V"});
  EXPECT_EQ(v.status, 0) << show(v);
  EXPECT_NE(v.out.find(OPIS_VERSION), std::string::npos) << v.out;
}

}  // namespace

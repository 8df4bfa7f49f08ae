// End to end: opis-gen, the synthetic-collection generator. Its promises are
// checked from outside, as a benchmark script would rely on them: the same
// arguments give the same bytes (whatever the thread count), the seed
// changes everything, and what it writes is read by our own readers and
// indexed by opis-index without a single error or warning.
#include <gtest/gtest.h>
#include <xapian.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include "opis/record/record_reader.h"
#include "process.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace opis::test;  // run, show, TempDir, kIndex, kSearch... (process.h)

namespace {

// Every file under `root`, by path relative to it, with its bytes.
std::map<std::string, std::string> tree(const fs::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file()) files[fs::relative(e.path(), root).string()] = opis::test::slurp(e.path());
  }
  return files;
}

Result gen(const fs::path& out, std::vector<std::string> args) {
  args.insert(args.begin(), {kGen, "--out", out.string()});
  return opis::test::run(args);
}

std::size_t count_words(const std::string& s) {
  std::size_t n = 0;
  bool in_word = false;
  for (char c : s) {
    bool space = c == ' ' || c == '\n' || c == '\t';
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

}  // namespace

TEST(Generator, SameArgumentsGiveTheSameBytesAndTheSeedChangesThem) {
  TempDir d;
  const std::vector<std::string> args = {"--records", "250",     "--format", "both",   "--per-file",
                                         "100",       "--words", "300",      "--seed", "42"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> a = args;
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  };
  Result a = gen(d.path() / "a", with({"--threads", "1"}));
  Result b = gen(d.path() / "b", with({"--threads", "3"}));  // threads change speed, not bytes
  ASSERT_EQ(a.status, 0) << show(a);
  ASSERT_EQ(b.status, 0) << show(b);
  auto ta = tree(d.path() / "a"), tb = tree(d.path() / "b");
  // 250 seed files in records/000/ (1000 a folder), JSONL parts of 100, 100, 50.
  ASSERT_EQ(ta.size(), 253u);
  EXPECT_TRUE(ta.count("records/000/g0000001.txt"));
  EXPECT_TRUE(ta.count("records/000/g0000250.txt"));
  EXPECT_TRUE(ta.count("jsonl/part-0002.jsonl"));
  ASSERT_EQ(ta.size(), tb.size());
  for (const auto& [path, bytes] : ta) {
    ASSERT_TRUE(tb.count(path)) << path;
    EXPECT_TRUE(bytes == tb[path]) << path << " differs between two runs with the same arguments";
  }

  // Another seed: same files, none with the same bytes.
  Result c = gen(d.path() / "c",
                 {"--records", "250", "--format", "both", "--per-file", "100", "--words", "300", "--seed", "43"});
  ASSERT_EQ(c.status, 0) << show(c);
  auto tc = tree(d.path() / "c");
  ASSERT_EQ(tc.size(), ta.size());
  for (const auto& [path, bytes] : ta) EXPECT_FALSE(bytes == tc[path]) << path << " did not change with the seed";

  // A smaller collection is the start of a bigger one: record gN does not
  // depend on --records or --format.
  Result s = gen(d.path() / "s", {"--records", "20", "--words", "300", "--seed", "42"});
  ASSERT_EQ(s.status, 0) << show(s);
  auto ts = tree(d.path() / "s");
  ASSERT_EQ(ts.size(), 20u);
  for (const auto& [path, bytes] : ts) EXPECT_TRUE(bytes == ta[path]) << path;

  // The summary line tells records, bytes, time and speed, and the word
  // count it gives is what a word count of the files finds.
  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(s.err, m, std::regex(R"(20 records written .* (\d+) bytes .* (\d+) words .* s, [0-9.]+ MB/s)")))
      << s.err;
  std::size_t bytes = 0, words = 0;
  for (const auto& [path, text] : ts) {
    bytes += text.size();
    words += count_words(text);
  }
  EXPECT_EQ(std::stoull(m[1]), bytes);
  EXPECT_EQ(std::stoull(m[2]), words);
}

TEST(Generator, OutputIsReadAndIndexedCleanly) {
  TempDir d;
  fs::path out = d.path() / "gen";
  // Shorter records than the default keep the indexing part of the test quick.
  Result g = gen(out, {"--records", "300", "--format", "both", "--seed", "7", "--per-file", "120", "--words", "300"});
  ASSERT_EQ(g.status, 0) << show(g);

  // Every seed-layout file parses as a record of the seed layout, with a
  // known date or none ("n.d."), and no diagnostics at all.
  std::map<std::string, int> precisions;
  int with_notes = 0, with_handwritten = 0, with_summary = 0, wrapped_titles = 0;
  std::set<std::string> repositories, languages;
  std::size_t seed_files = 0;
  for (const auto& e : fs::recursive_directory_iterator(out / "records")) {
    if (!e.is_regular_file()) continue;
    ++seed_files;
    std::vector<opis::Diagnostic> diags;
    std::vector<opis::Record> got;
    int rejected = opis::read_record_file(
        e.path(), [&](opis::Record&& r) { got.push_back(std::move(r)); }, diags);
    std::string where = e.path().string();
    ASSERT_EQ(rejected, 0) << where;
    ASSERT_EQ(got.size(), 1u) << where;
    for (const auto& dg : diags) ADD_FAILURE() << dg.format();
    const opis::Record& r = got[0];
    EXPECT_EQ(r.format, "seed") << where;
    EXPECT_EQ(r.id, e.path().stem().string()) << where;
    EXPECT_EQ(r.id[0], 'g') << where;
    EXPECT_TRUE(r.date.known() || r.date.text == "n.d.") << where << ": date '" << r.date.text << "'";
    if (r.date.known()) {
      EXPECT_GE(r.date.start.year, 1945) << where;
      EXPECT_LE(r.date.end.year, 1991) << where;
    }
    ++precisions[opis::precision_name(r.date.precision)];
    EXPECT_FALSE(r.title.empty()) << where;
    EXPECT_EQ(r.title.find("**"), std::string::npos) << where;
    EXPECT_EQ(r.archive, "Opis Synthetic Archive") << where;
    EXPECT_FALSE(r.reference.empty()) << where;
    EXPECT_EQ(r.url, "https://example.org/opis-synthetic/document/" + r.id) << where;
    EXPECT_FALSE(r.contributors.empty() && r.translators.empty() && r.transcribers.empty())
        << where << ": " << r.citation;
    EXPECT_FALSE(r.original_language.empty()) << where;
    EXPECT_EQ(r.translation_language, "English") << where;
    EXPECT_NE(r.credits.find("ynthetic"), std::string::npos) << where;
    EXPECT_GT(r.body.size(), 200u) << where;
    EXPECT_TRUE(r.extra.empty()) << where;
    with_notes += !r.footnotes.empty();
    with_handwritten += !r.handwritten.empty();
    with_summary += !r.summary.empty();
    if (!r.repository.empty()) repositories.insert(r.repository);
    languages.insert(r.original_language);
    std::string text = opis::test::slurp(e.path());
    std::size_t open = text.find("**");
    wrapped_titles += text.find('\n', open) < text.find("**", open + 2);
  }
  EXPECT_EQ(seed_files, 300u);
  // The variety the generator promises shows up in 300 records.
  for (const char* p : {"day", "month", "year", "unknown"}) EXPECT_GT(precisions[p], 0) << p;
  EXPECT_GT(with_notes, 0);
  EXPECT_GT(with_handwritten, 0);
  EXPECT_GT(with_summary, 0);
  EXPECT_LT(with_summary, 300);
  EXPECT_GT(wrapped_titles, 0);
  EXPECT_GE(languages.size(), 10u);
  for (const char* repo : {"RGANI", "BArch"}) EXPECT_TRUE(repositories.count(repo)) << repo;

  // The JSONL parts: 120 + 120 + 60 lines, every line a clean record.
  std::size_t jsonl_records = 0;
  for (const auto& e : fs::directory_iterator(out / "jsonl")) {
    std::vector<opis::Diagnostic> diags;
    int rejected = opis::read_record_file(
        e.path(),
        [&](opis::Record&& r) {
          ++jsonl_records;
          EXPECT_EQ(r.id[0], 'j');
          EXPECT_TRUE(r.date.known() || r.date.text == "n.d.") << r.id << ": date '" << r.date.text << "'";
          EXPECT_FALSE(r.title.empty()) << r.id;
          EXPECT_FALSE(r.body.empty()) << r.id;
        },
        diags);
    EXPECT_EQ(rejected, 0) << e.path();
    for (const auto& dg : diags) ADD_FAILURE() << dg.format();
  }
  EXPECT_EQ(jsonl_records, 300u);

  // opis-index takes all 600 (g and j ids differ) without an error or a warning.
  std::string db = (d.path() / "db").string();
  Result ix = opis::test::run({kIndex, "--db", db, out.string()});
  ASSERT_EQ(ix.status, 0) << show(ix);
  EXPECT_EQ(ix.err.find("error:"), std::string::npos) << ix.err;
  EXPECT_EQ(ix.err.find("warning:"), std::string::npos) << ix.err;
  EXPECT_EQ(Xapian::Database(db).get_doccount(), 600u);

  // A person of the pool is found, in both forms of record.
  Result s = opis::test::run({kSearch, "--db", db, "--format", "json", "--limit", "600", "Khrushchev"});
  ASSERT_EQ(s.status, 0) << show(s);
  std::set<char> prefixes;
  const json found = json::parse(s.out);
  for (const auto& h : found["results"]) prefixes.insert(h["id"].get<std::string>()[0]);
  EXPECT_EQ(prefixes, (std::set<char>{'g', 'j'}));
}

TEST(Generator, RefusesToMixWithAnEarlierRunAndReportsBadFlags) {
  TempDir d;
  fs::path out = d.path() / "gen";
  ASSERT_EQ(gen(out, {"--records", "5", "--words", "100"}).status, 0);
  Result again = gen(out, {"--records", "3", "--words", "100"});
  EXPECT_EQ(again.status, 2) << show(again);
  EXPECT_NE(again.err.find("already holds files"), std::string::npos) << again.err;
  Result forced = gen(out, {"--records", "3", "--words", "100", "--force"});
  EXPECT_EQ(forced.status, 0) << show(forced);
  EXPECT_EQ(tree(out).size(), 3u);  // the 5 of the first run are gone

  Result bad = gen(out, {"--records", "3", "--format", "xml"});
  EXPECT_EQ(bad.status, 2) << show(bad);
  Result none = opis::test::run({kGen, "--out", out.string()});
  EXPECT_EQ(none.status, 2) << show(none);
  Result help = opis::test::run({kGen, "--help"});
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("Examples:"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("Determinism:"), std::string::npos) << help.out;
}

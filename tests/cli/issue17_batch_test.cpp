// End to end, issue 17 (many queries, one process): `opis-search --batch`
// answers a few hundred queries, plain lines and JSON requests with their
// own options, exactly as the same queries run one by one as separate
// processes with `--format json`; a malformed line gets an error object and
// the batch goes on; blank lines and # comments get no answer.
#include <gtest/gtest.h>
#include <xapian.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <sstream>

#include "process.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace opis::test;  // run, show, TempDir, kIndex, kSearch... (process.h)

namespace {

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// One query of the batch: its line, and the same query's flags for a
// process of its own.
struct Asked {
  std::string line;
  std::vector<std::string> flags;
};

class Issue17Batch : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = new TempDir;
    s_db = (s_dir->path() / "db").string();
    Result r = run({kIndex, "--db", s_db, "--quiet", (kShared / "records").string(), (kSource / "corpus").string()});
    ASSERT_EQ(r.status, 0) << show(r);
  }
  static void TearDownTestSuite() { delete s_dir; }

  // The index's own words (plain terms of letters only), evenly spread
  // over its vocabulary: rare and common, some with "Did you mean".
  static std::vector<std::string> vocabulary(std::size_t n) {
    Xapian::Database db(s_db);
    std::vector<std::string> all;
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
      const std::string w = *t;
      if (w.size() >= 4 && std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
        all.push_back(w);
    }
    std::vector<std::string> out;
    for (std::size_t i = 0; i < n && !all.empty(); ++i) out.push_back(all[i * all.size() / n]);
    return out;
  }

  static Result batch(const std::string& text, std::vector<std::string> flags = {}) {
    const fs::path file = s_dir->path() / "batch.txt";
    write_file(file, text);
    std::vector<std::string> argv{kSearch, "--db", s_db, "--batch", file.string()};
    argv.insert(argv.end(), flags.begin(), flags.end());
    return run(argv);
  }

  static inline TempDir* s_dir = nullptr;
  static inline std::string s_db;
};

TEST_F(Issue17Batch, AnswersEveryQueryExactlyAsOneProcessPerQuery) {
  std::vector<Asked> asked;
  // Queries of the ranking regression set: words, phrases, names, fields.
  for (const char* q : {"Baghdad", "Nasser", "Khrushchev", "\"military force\"", "\"Soviet Union\" Baghdad",
                        "person:Khrushchev", "person:Krushchev", "place:Berlin", "place:Tabriz", "Iraqi revolution",
                        "Khrush*", "Khrushchev NEAR/5 Baghdad", "date:1958..1960", "title:consul", "xqzzv"}) {
    asked.push_back({q, {q}});
  }
  const auto words = vocabulary(120);
  ASSERT_GE(words.size(), 120u);
  for (const auto& w : words) asked.push_back({w, {w}});  // one word
  for (std::size_t i = 0; i + 60 < words.size(); i += 2)
    asked.push_back({words[i] + " " + words[i + 60], {words[i] + " " + words[i + 60]}});  // two words, AND
  // JSON requests, each with its own options, and the same as flags.
  const char* sorts[] = {"relevance", "date", "-date"};
  for (std::size_t i = 0; i < 40; ++i) {
    const std::string& w = words[(i * 7) % words.size()];
    json req{{"query", w}, {"limit", i % 5}, {"offset", i % 3}, {"sort", sorts[i % 3]}};
    std::vector<std::string> flags{"--limit", std::to_string(i % 5), "--offset", std::to_string(i % 3),
                                   "--sort",  sorts[i % 3]};
    if (i % 4 == 1) {
      req["from"] = "1958";
      req["to"] = "1961-06";
      flags.insert(flags.end(), {"--from", "1958", "--to", "1961-06"});
    }
    if (i % 5 == 2) {
      req["facets"] = json::array({"person", "year"});
      flags.insert(flags.end(), {"--facets", "person,year"});
    }
    if (i % 6 == 3) {
      req["any"] = true;
      req["query"] = w + " " + words[(i * 11) % words.size()];
      flags.push_back("--any");
    }
    if (i % 7 == 4) {
      req["suggest"] = false;
      flags.push_back("--no-suggest");
    }
    if (i % 9 == 6) {
      req["suggest"] = true;
      flags.push_back("--suggest");
    }
    if (i % 8 == 5) {
      req["person"] = "Khrushchev";
      req["format"] = "json";
      flags.insert(flags.end(), {"--person", "Khrushchev"});
    }
    flags.insert(flags.begin(), req["query"].get<std::string>());  // before --person, which takes several
    asked.push_back({req.dump(), flags});
  }
  asked.push_back({R"({"like": "209747", "limit": 5})", {"--like", "209747", "--limit", "5"}});
  asked.push_back({R"({"from": "1958-11", "to": "1958-12"})", {"--from", "1958-11", "--to", "1958-12"}});
  ASSERT_GE(asked.size(), 200u);

  std::string text;
  for (const auto& a : asked) text += a.line + '\n';
  Result r = batch(text);
  ASSERT_EQ(r.status, 0) << show(r);
  const auto answers = lines_of(r.out);
  ASSERT_EQ(answers.size(), asked.size()) << r.err;
  std::size_t found = 0;
  for (std::size_t i = 0; i < asked.size(); ++i) {
    std::vector<std::string> argv{kSearch, "--db", s_db, "--format", "json"};
    argv.insert(argv.end(), asked[i].flags.begin(), asked[i].flags.end());
    Result one = run(argv);
    ASSERT_TRUE(one.status == 0 || one.status == 1) << asked[i].line << '\n' << show(one);
    const json alone = json::parse(one.out), in_batch = json::parse(answers[i]);
    // The whole object: ids, order, totals, scores, snippets, facets.
    EXPECT_EQ(in_batch, alone) << "line " << i + 1 << ": " << asked[i].line;
    found += alone.at("total").get<long>() > 0;
  }
  // Most queries find something: the comparison is not of empty pages.
  EXPECT_GE(found, asked.size() * 3 / 4);
}

TEST_F(Issue17Batch, AMalformedLineGetsAnErrorObjectAndTheBatchGoesOn) {
  const std::string text =
      "# a comment: no answer\n"
      "Baghdad\n"
      "\n"
      "   \n"
      "{\"query\": \"Baghdad\", \"limit\": 2\n"       // line 5: not JSON
      "{\"query\": \"Baghdad\", \"limt\": 2}\n"       // line 6: unknown key
      "{\"query\": \"Baghdad\", \"sort\": \"up\"}\n"  // line 7: bad value
      "date:1960..1958\n"                             // line 8: bad query
      "{\"query\": \"Iraq\", \"from\": \"soon\"}\n"   // line 9: bad date
      "{\"query\": \"Iraq\", \"format\": \"csv\"}\n"  // line 10: JSON only
      "  # indented comment\n"
      "{\"query\": \"Nasser\", \"limit\": 1}\n";  // line 12
  Result r = batch(text);
  EXPECT_EQ(r.status, 1) << show(r);
  const auto answers = lines_of(r.out);
  ASSERT_EQ(answers.size(), 8u) << show(r);
  const json first = json::parse(answers[0]);
  EXPECT_EQ(first.at("query"), "Baghdad");
  EXPECT_GT(first.at("total").get<long>(), 0);
  const std::pair<int, const char*> errors[] = {{5, "json"},  {6, "option"}, {7, "option"},
                                                {8, "query"}, {9, "option"}, {10, "option"}};
  for (std::size_t k = 0; k < std::size(errors); ++k) {
    const json e = json::parse(answers[k + 1]);
    SCOPED_TRACE(answers[k + 1]);
    EXPECT_EQ(e.at("line"), errors[k].first);
    EXPECT_EQ(e.at("error").at("kind"), errors[k].second);
    EXPECT_FALSE(e.at("error").at("message").get<std::string>().empty());
    EXPECT_FALSE(e.contains("results"));
    EXPECT_NE(r.err.find("batch.txt:" + std::to_string(errors[k].first) + ": error: "), std::string::npos) << r.err;
  }
  EXPECT_NE(r.err.find("'limt'"), std::string::npos) << r.err;
  const json last = json::parse(answers[7]);
  EXPECT_EQ(last.at("query"), "Nasser");
  EXPECT_EQ(last.at("results").size(), 1u);
  EXPECT_EQ(lines_of(r.err).size(), 6u) << r.err;
}

TEST_F(Issue17Batch, ReadsStandardInputTakesDefaultsFromTheFlagsAndRefusesWhatDoesNotApply) {
  const fs::path file = s_dir->path() / "stdin.txt";
  write_file(file, "Baghdad\n{\"query\": \"Baghdad\", \"limit\": 3}\n");
  Result r =
      run({"/bin/sh", "-c",
           "exec '" + kSearch + "' --db '" + s_db + "' --batch - --limit 1 --sort date < '" + file.string() + "'"});
  ASSERT_EQ(r.status, 0) << show(r);
  const auto answers = lines_of(r.out);
  ASSERT_EQ(answers.size(), 2u) << show(r);
  Result one = run({kSearch, "--db", s_db, "--format", "json", "--limit", "1", "--sort", "date", "Baghdad"});
  EXPECT_EQ(json::parse(answers[0]), json::parse(one.out));
  one = run({kSearch, "--db", s_db, "--format", "json", "--limit", "3", "--sort", "date", "Baghdad"});
  EXPECT_EQ(json::parse(answers[1]), json::parse(one.out));

  for (const auto& bad : std::vector<std::vector<std::string>>{
           {"Baghdad"}, {"--format", "csv"}, {"--kwic"}, {"--record", "209747"}, {"--explain"}}) {
    Result b = batch("Baghdad\n", bad);
    EXPECT_EQ(b.status, 2) << bad[0] << '\n' << show(b);
    EXPECT_TRUE(b.out.empty()) << bad[0];
  }
  Result missing = run({kSearch, "--db", s_db, "--batch", (s_dir->path() / "no-such-file").string()});
  EXPECT_EQ(missing.status, 2) << show(missing);
  EXPECT_NE(missing.err.find("no-such-file"), std::string::npos) << missing.err;
}

}  // namespace

// End to end, issue 17 (search speed): a snippet of a long body is made
// from the part of the body around its matched words (searcher.cpp's
// SnippetWindow), not from the whole text. These records have bodies of
// several thousand words with the matches deep inside: the snippet must
// still show them, highlighted, and say with "…" that the body goes on
// either side.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>

#include "process.h"

using nlohmann::json;
using namespace opis::test;  // run, show, TempDir, kIndex, kSearch, write_file (process.h)

namespace {

// `words` words of filler text that holds none of the test's query words.
std::string filler(int words, int seed) {
  static const char* kWords[] = {"archive",  "minutes",   "meeting", "report",  "question", "comrade", "session",
                                 "economic", "agreement", "present", "matters", "council",  "speech",  "central"};
  std::string out;
  for (int i = 0; i < words; ++i) {
    out += kWords[(i * 7 + seed) % 14];
    out += (i % 15 == 14) ? ".\n" : " ";
  }
  return out;
}

class Issue17Snippet : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = new TempDir;
    std::string records;
    // Matches 90% of the way into a body of about 4,000 words.
    records += json{{"id", "deep"},
                    {"title", "A long record"},
                    {"body", filler(3600, 1) + "Then the Tunisian delegation met the Togolese officials at Lome. " +
                                 filler(400, 2)}}
                   .dump() +
               "\n";
    // "tunisian" alone near the start; both words together deep inside.
    records += json{{"id", "together"},
                    {"title", "Another long record"},
                    {"body", filler(50, 3) + "A Tunisian note. " + filler(2500, 4) +
                                 "Tunisian and Togolese diplomats signed. " + filler(800, 5)}}
                   .dump() +
               "\n";
    // The query word's letters inside other words first (after letters,
    // an accented letter, an apostrophe): the scan that skips to a query
    // word's first letter must not take them for words of their own.
    records += json{{"id", "inside"},
                    {"title", "A third long record"},
                    {"body", filler(100, 6) + "Ottunisian d'tunisian \u00e9tunisian _tunisian 9tunisian. " +
                                 filler(3000, 7) + "Then the Tunisian delegation left. " + filler(400, 8)}}
                   .dump() +
               "\n";
    write_file(s_dir->path() / "long.jsonl", records);
    s_db = (s_dir->path() / "db").string();
    Result r = run({kIndex, "--db", s_db, "--quiet", (s_dir->path() / "long.jsonl").string()});
    ASSERT_EQ(r.status, 0) << show(r);
  }
  static void TearDownTestSuite() { delete s_dir; }

  // The hit `id` of a JSON search for `query`.
  static json hit(const std::string& query, const std::string& id) {
    Result r = run({kSearch, "--db", s_db, "--format", "json", query});
    EXPECT_EQ(r.status, 0) << show(r);
    const json answer = json::parse(r.out);
    for (const json& h : answer["results"]) {
      if (h["id"] == id) return h;
    }
    ADD_FAILURE() << "no hit " << id << " for " << query << ": " << r.out;
    return json::object();
  }

  // The highlighted words of a hit, as written.
  static std::multiset<std::string> highlighted(const json& h) {
    std::multiset<std::string> out;
    const std::string snippet = h.value("snippet", "");
    for (const auto& hl : h.value("highlights", json::array())) {
      const auto at = hl[0].get<std::size_t>(), n = hl[1].get<std::size_t>();
      EXPECT_LE(at + n, snippet.size()) << h.dump();
      if (at + n <= snippet.size()) out.insert(snippet.substr(at, n));
    }
    return out;
  }

  static inline TempDir* s_dir = nullptr;
  static inline std::string s_db;
};

TEST_F(Issue17Snippet, AMatchDeepInALongBodyIsShownAndHighlighted) {
  const json h = hit("tunisian", "deep");
  const std::string snippet = h["snippet"];
  EXPECT_NE(snippet.find("Tunisian delegation"), std::string::npos) << snippet;
  EXPECT_EQ(highlighted(h), std::multiset<std::string>{"Tunisian"}) << h.dump();
  // The body goes on either side of the part shown.
  EXPECT_EQ(snippet.rfind("…", 0), 0u) << snippet;
  EXPECT_EQ(snippet.size() >= 3 ? snippet.substr(snippet.size() - 3) : "", "…") << snippet;
  EXPECT_LT(snippet.size(), 400u) << snippet;
}

TEST_F(Issue17Snippet, AWordMatchedByItsStemIsHighlighted) {
  const json h = hit("delegations", "deep");
  EXPECT_EQ(highlighted(h), std::multiset<std::string>{"delegation"}) << h.dump();
}

TEST_F(Issue17Snippet, APhraseIsShownWhereItsWordsStandTogether) {
  const json h = hit("\"Togolese officials\"", "deep");
  const std::string snippet = h["snippet"];
  EXPECT_NE(snippet.find("Togolese officials"), std::string::npos) << snippet;
  const auto words = highlighted(h);
  ASSERT_FALSE(words.empty()) << h.dump();
  for (const auto& w : words) EXPECT_NE(std::string("Togolese officials").find(w), std::string::npos) << w;
}

TEST_F(Issue17Snippet, TheSnippetShowsWhereMostQueryWordsStandNotTheFirstMatch) {
  // "Tunisian" alone comes first; the snippet shows both words together.
  const json h = hit("tunisian togolese", "together");
  const std::string snippet = h["snippet"];
  EXPECT_NE(snippet.find("Tunisian and Togolese diplomats"), std::string::npos) << snippet;
  const auto words = highlighted(h);
  EXPECT_TRUE(words.count("Tunisian") && words.count("Togolese")) << h.dump();
}

TEST_F(Issue17Snippet, LettersOfAQueryWordInsideOtherWordsAreNoMatch) {
  const json h = hit("tunisian", "inside");
  const std::string snippet = h["snippet"];
  EXPECT_NE(snippet.find("Tunisian delegation"), std::string::npos) << snippet;
  EXPECT_EQ(highlighted(h), std::multiset<std::string>{"Tunisian"}) << h.dump();
}

}  // namespace

// Regression tests for the bugs the hostile collection and the fuzzers of
// issue 6 found in the readers, the citation and date parsers. One test per
// bug; tests/cli/hostile_test.cpp covers the same cases end to end.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include "opis/base/date.h"
#include "opis/base/diagnostic.h"
#include "opis/record/citation.h"
#include "opis/record/record.h"
#include "opis/record/record_reader.h"
#include "opis/search/query_builder.h"

namespace opis {
namespace {

std::vector<Record> read(const std::string& path, const std::string& data, std::vector<Diagnostic>& diags,
                         int* rejected = nullptr) {
  std::vector<Record> out;
  int n = read_records(
      path, data, [&](Record&& r) { out.push_back(std::move(r)); }, diags);
  if (rejected) *rejected = n;
  return out;
}

// fuzz_query: an error thrown from inside Xapian's QueryParser (our date:
// field processor, for a value that is not a date) corrupted the parser's
// memory when two such fields were required: opis-search aborted with
// "free(): invalid pointer" (ASan: bad-free in parse_query). Errors are
// now kept and thrown after parsing.
TEST(Issue6, BadFieldValuesInRequiredTermsAreAQueryErrorNotACrash) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const char* q : {"+date:i7 +date:x", "{ +date:i7: +d\"8\", +date:i75e\"", "+page:x +page:y",
                        "+person:\"\" +person:\"\"", "+date:1960..1958 +date:x"}) {
    try {
      build_query(db, q, QueryOptions{});
      ADD_FAILURE() << "no error for " << q;
    } catch (const QueryError& e) {
      EXPECT_NE(std::string(e.what()), "") << q;
    }
  }
  // The first error is the one reported.
  try {
    build_query(db, "+date:soon +date:x", QueryOptions{});
  } catch (const QueryError& e) {
    EXPECT_NE(std::string(e.what()).find("'soon'"), std::string::npos) << e.what();
  }
}

// std::regex recursed once per URL character: a 1 MB URL overflowed the
// stack and killed opis-index with SIGSEGV.
TEST(Issue6, CitationWithAHugeUrlDoesNotOverflowTheStack) {
  std::string url = "https://example.org/" + std::string(1 << 20, 'a');
  Citation c = parse_citation("\"T\", 1961, An Archive, f. 1. Contributed by A. B. <" + url + ">");
  EXPECT_EQ(c.url, url);
  EXPECT_EQ(c.title, "T");
  EXPECT_EQ(c.contributors, std::vector<std::string>{"A. B."});
  // A bare address with text after it is a cited source (issue 14).
  Citation bare = parse_citation("see " + url + " now");
  EXPECT_EQ(bare.cites, std::vector<std::string>{url});
}

// The hand-written URL finder keeps the regex's forms (the choice of the
// record's own link among them is issue 14's: citation_test.cpp).
TEST(Issue6, UrlFinderMatchesTheOldRegex) {
  EXPECT_EQ(parse_citation("x < https://a.org/b > y").url, "https://a.org/b");
  EXPECT_EQ(parse_citation("x <HTTP://A.org/b>.").url, "HTTP://A.org/b");
  EXPECT_EQ(parse_citation("x <https://a.org/b y https://c.org").url, "https://c.org");
  EXPECT_EQ(parse_citation("x <https://a.org/b y https://c.org").cites, std::vector<std::string>{"https://a.org/b"});
  EXPECT_EQ(parse_citation("no address here <> http://").url, "");
}

TEST(Issue6, LongCreditsAndNamesDoNotOverflowTheStack) {
  EXPECT_EQ(funder_from_credits("support from " + std::string(1 << 20, 'a')).size(), 2048u - 13u);
  EXPECT_EQ(split_names("Ann" + std::string(1 << 20, ' ') + "and Bob"), (std::vector<std::string>{"Ann", "Bob"}));
  std::string many;
  for (int i = 0; i < 100000; ++i) many += "translated and ";
  Citation c = parse_citation("\"T\", 1961, A. " + many + "translated by X.");
  EXPECT_EQ(c.title, "T");
}

// "-1958" read as the year 1958: the minus sign was taken for a separator.
TEST(Issue6, NegativeYearIsNotADate) {
  DateParse d = parse_date("-1958");
  EXPECT_FALSE(d.date.known());
  EXPECT_NE(d.error.find("-1958"), std::string::npos);
  EXPECT_TRUE(parse_date("1958-11").date.known());
}

// A number too large for a double is nlohmann's out_of_range, not a
// parse_error: from a .json file it escaped and ended the whole run.
TEST(Issue6, JsonNumberOverflowIsOneError) {
  std::vector<Diagnostic> diags;
  int rejected = 0;
  EXPECT_NO_THROW(read("big.json", R"({"id": "a", "n": 1e999})", diags, &rejected));
  EXPECT_EQ(rejected, 1);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].format(), "big.json: error: invalid JSON: number overflow parsing '1e999'; file skipped");
  diags.clear();
  auto recs = read("big.jsonl", "{\"id\": \"a\", \"n\": 1e999}\n{\"id\": \"b\"}\n", diags, &rejected);
  EXPECT_EQ(recs.size(), 1u);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].format(), "big.jsonl:1: error: invalid JSON: number overflow parsing '1e999'; line skipped");
}

// A JSONL file with CR-only line ends was one long bad line.
TEST(Issue6, JsonlWithCrLineEnds) {
  std::vector<Diagnostic> diags;
  auto recs = read("cr.jsonl", "{\"id\": \"a\"}\r{\"id\": \"b\"}\r\r{\"id\": \"c\"}", diags);
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[1].id, "b");
  EXPECT_EQ(recs[2].source_line, 4);
  EXPECT_TRUE(diags.empty());
}

// A read error (EIO here) was swallowed by the ifstream copy and the file
// was reported as empty.
TEST(Issue6, ReadErrorIsReportedAsSuch) {
  std::vector<Diagnostic> diags;
  EXPECT_FALSE(read_source_bytes("/proc/self/mem", diags));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].format(), "/proc/self/mem: error: cannot read: Input/output error; skipped");
}

}  // namespace
}  // namespace opis

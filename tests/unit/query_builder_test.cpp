// Query front end: query string -> Xapian query description, as in Xapian's
// own api_queryparser tests. Runs against a real (empty) in-memory-free
// on-disk index only where the parser needs one.
#include <gtest/gtest.h>

#include "opis/index/schema.h"
#include "opis/search/query_builder.h"

namespace {

using namespace opis;

std::string parsed(const std::string& q, QueryOptions o = {}) {
  Xapian::Database db;  // no documents: the parser only needs the API
  return build_query(db, q, o).get_description();
}

TEST(QueryBuilder, Table) {
  struct Case {
    const char* query;
    const char* expect;
  } cases[] = {
      {"military force", "Query((Zmilitari@1 AND Zforc@2))"},
      {"\"military force\"", "Query((military@1 PHRASE 2 force@2))"},
      {"the force", "Query(Zforc@2)"},  // stop word dropped outside phrases
      {"\"the bay of pigs\"", "Query((the@1 PHRASE 4 bay@2 PHRASE 4 of@3 PHRASE 4 pigs@4))"},
      {"title:Baghdad", "Query(Sbaghdad@1)"},
      {"translator:greenfield", "Query(ZXTRgreenfield@1)"},
      {"ref:RGANI", "Query(XREFrgani@1)"},
      {"lang:Russian", "Query(0 * XLANGrussian)"},
      {"id:209747", "Query(0 * Q209747)"},
      {"year:1958", "Query(0 * Y1958)"},
      {"Iraq OR Iran", "Query((iraq@1 OR iran@2))"},
      {"Iraq NOT Iran", "Query((iraq@1 AND_NOT iran@2))"},
      {"the", "Query(Zthe@1)"},  // only stop words: searched as written
  };
  for (const auto& c : cases) EXPECT_EQ(parsed(c.query), c.expect) << c.query;
}

// Issue 14: the writer caps a long id, URL or path term (kMaxTermBytes)
// with a hash; `id:`, `url:` and `path:` build the very same term
// (boolean_term(), id_term()), so a 1,000-byte value finds its record.
TEST(QueryBuilder, LongIdUrlAndPathQueriesBuildTheWritersTerm) {
  const std::string id = "Long-" + std::string(1000, 'x');
  const std::string url = "https://example.org/a/" + std::string(1000, 'y') + "?q=1";
  const std::string path = "/data/" + std::string(1000, 'z') + "/Notes.txt";
  ASSERT_LE(id_term(id).size(), kMaxTermBytes);
  EXPECT_EQ(parsed("id:" + id), "Query(0 * " + id_term(id) + ")");
  EXPECT_EQ(parsed("url:" + url), "Query(0 * " + boolean_term(field("url"), url) + ")");
  EXPECT_EQ(parsed("path:" + path), "Query(0 * " + boolean_term(field("path"), path) + ")");
  // Short values are kept exactly as written, case included.
  EXPECT_EQ(parsed("id:AbC"), "Query(0 * QAbC)");
  EXPECT_EQ(parsed("url:https://Example.org/X"), "Query(0 * Uhttps://Example.org/X)");
  EXPECT_EQ(id_term("AbC"), "QAbC");
}

TEST(QueryBuilder, DateRanges) {
  EXPECT_EQ(parsed("date:1958..1960"), "Query(0 * (VALUE_LE 1 19601231 AND VALUE_GE 2 19580101))");
  EXPECT_EQ(parsed("date:1958-11..1958-12"), "Query(0 * (VALUE_LE 1 19581231 AND VALUE_GE 2 19581101))");
  EXPECT_EQ(parsed("date:1958.."), "Query(VALUE_GE 2 19580101)");
  EXPECT_EQ(parsed("date:..1958-02"), "Query(VALUE_LE 1 19580228)");
  EXPECT_EQ(parsed("date:1958-11-19"), "Query(0 * (VALUE_LE 1 19581119 AND VALUE_GE 2 19581119))");
  EXPECT_THROW(parsed("date:soon"), QueryError);
  EXPECT_THROW(parsed("date:1960..1958"), QueryError);
  EXPECT_THROW(parsed("date:.."), QueryError);
}

TEST(QueryBuilder, OptionsFilterByDateAndChangeTheOperator) {
  QueryOptions o;
  o.from = parse_query_date("1959");
  EXPECT_EQ(parsed("force", o), "Query((Zforc@1 FILTER VALUE_GE 2 19590101))");
  QueryOptions any;
  any.match_any = true;
  EXPECT_EQ(parsed("military force", any), "Query((Zmilitari@1 OR Zforc@2))");
  QueryOptions only;
  only.to = parse_query_date("1960-02");
  EXPECT_EQ(parsed("", only), "Query((<alldocuments> FILTER VALUE_LE 1 19600229))");
}

}  // namespace

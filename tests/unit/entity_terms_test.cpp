// Entity terms: the person:/place: queries (a table of query to
// get_description(), as in Xapian's api_queryparser), index terms of a
// record, and the authority file readers.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "../cli/process.h"
#include "opis/authority.h"
#include "opis/entity_terms.h"
#include "opis/index_writer.h"
#include "opis/name_weight.h"
#include "opis/query_builder.h"
#include "opis/schema.h"

namespace {

using namespace opis;

TEST(EntityTerms, PersonAndPlaceQueries) {
  EXPECT_EQ(person_query("Khrushchov").get_description(),
            "Query((PostingSource(opis::NameWeightSource(XPNkhrushchov x0.3)) OR PostingSource(opis::NameWeightSource(XPKkrusuv x1))))");
  EXPECT_EQ(person_query("=Ceaușescu").get_description(), "Query(PostingSource(opis::NameWeightSource(XPXceaușescu x1)))");
  EXPECT_NE(person_query("Nikita Khrushchev").get_description().find("XPGkrusuv_n"), std::string::npos);
  EXPECT_EQ(place_query("Leningrad").get_description(), "Query(PostingSource(opis::NameWeightSource(XPLsaint petersburg x1)))");
  EXPECT_EQ(within_query("Iraqi").get_description(), "Query(XWIiraq)");
  EXPECT_THROW(person_query("N."), QueryError);
}

TEST(EntityTerms, QuotedValuesReachTheProcessor) {
  // Xapian's parser drops quoted values of free-text prefixes; ours keep them.
  test::TempDir d;
  Xapian::WritableDatabase db((d.path() / "db").string(), Xapian::DB_CREATE_OR_OPEN);
  std::string q = build_query(db, "person:\"Abdul Majid Hassan\" \"military force\"", {}).get_description();
  EXPECT_NE(q.find("XPKhasan"), std::string::npos) << q;
  EXPECT_NE(q.find("XPGhasan_a"), std::string::npos) << q;
  EXPECT_NE(q.find("PHRASE"), std::string::npos) << q;
}

TEST(EntityTerms, RecordTermsAndFacetValues) {
  Record r;
  r.id = "t1";
  r.body = "Cde. N.S. Khrushchev met Prime Minister Qasim in Baghdad. Khrushchev says Iraq is free.";
  r.date = parse_date("1958").date;
  auto tg = make_term_generator();
  Xapian::Document doc = make_document(r, tg);
  std::set<std::string> terms;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) terms.insert(*it);
  for (const char* t : {"XPNkhrushchev", "XPKkrusuv", "XPXkhrushchev", "XPGkrusuv_n", "XPKkasim", "XPLbaghdad", "XPLiraq",
                        "XWIiraq"}) {
    EXPECT_TRUE(terms.count(t)) << t;
  }
  EXPECT_NE(doc.get_value(slot::persons).find("Khrushchev"), std::string::npos);
  EXPECT_EQ(doc.get_value(slot::year), "1958");
}

TEST(EntityTerms, NameWeightGrowsWithMentionsAndSerialises) {
  EXPECT_DOUBLE_EQ(NameWeightSource::weight_of(1, 1.0), 1.0);
  EXPECT_GT(NameWeightSource::weight_of(15, 1.0), NameWeightSource::weight_of(5, 1.0));
  EXPECT_EQ(NameWeightSource::weight_of(0, 1.0), 0.0);
  NameWeightSource s("XPKkrusuv", 0.3);
  std::unique_ptr<NameWeightSource> back(s.unserialise(s.serialise()));
  EXPECT_EQ(back->get_description(), s.get_description());
}

TEST(Authority, ReadsJsonJsonlAndCsvAndReportsBadLines) {
  test::TempDir d;
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(d.path() / name) << text;
    return (d.path() / name).string();
  };
  std::vector<Diagnostic> diags;
  auto a = load_authority(write("a.json", R"([{"name": "Wellesley, Arthur", "aliases": ["Duke of Wellington"], "titles": ["Duc de Wellington"]}])"), diags);
  ASSERT_EQ(a.entries.size(), 1u);
  EXPECT_EQ(a.entries[0].forms(), (std::vector<std::string>{"Arthur Wellesley", "Duke of Wellington", "Duc de Wellington"}));
  auto b = load_authority(write("b.jsonl", "{\"name\": \"Gaddafi, Muammar\", \"aliases\": [\"Qaddafi\"]}\nnot json\n{\"aliases\": []}\n"), diags);
  EXPECT_EQ(b.entries.size(), 1u);
  ASSERT_EQ(diags.size(), 2u);
  EXPECT_NE(diags[0].format().find("b.jsonl:2: error:"), std::string::npos) << diags[0].format();
  EXPECT_NE(diags[1].format().find("b.jsonl:3: error: entry has no 'name'"), std::string::npos) << diags[1].format();
  auto c = load_authority(write("c.csv", "name,aliases,titles\n\"Wellesley, Arthur\",Duke of Wellington;Wellington,Duc de Wellington\n"), diags);
  ASSERT_EQ(c.entries.size(), 1u);
  EXPECT_EQ(c.entries[0].aliases, (std::vector<std::string>{"Duke of Wellington", "Wellington"}));
  EXPECT_THROW(load_authority((d.path() / "missing.csv").string(), diags), std::runtime_error);
  EXPECT_EQ(reading_order("Mao, Zedong (Mao Tse-tung)"), "Zedong Mao");
}

}  // namespace

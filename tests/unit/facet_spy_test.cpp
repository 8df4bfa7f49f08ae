// The multi-valued facet counter on a real index on disk: each value of a
// multi-valued slot counts once per record, labels go with keys, and the
// spy serialises for remote use.
#include <gtest/gtest.h>

#include <filesystem>

#include <xapian.h>

#include "../cli/process.h"
#include "opis/facet_spy.h"
#include "opis/schema.h"

namespace {

using namespace opis;

std::string values(std::initializer_list<std::string> v) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : std::string(1, kFacetSep)) + x;
  return out;
}

TEST(FacetSpy, CountsEveryValueOfEveryMatchingRecord) {
  test::TempDir d;
  std::string path = (d.path() / "db").string();
  {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
    auto add = [&](const std::string& v) {
      Xapian::Document doc;
      doc.add_term("x");
      doc.add_value(slot::persons, v);
      db.add_document(doc);
    };
    std::string l = std::string(1, kFacetLabelSep);
    add(values({"krusuv" + l + "Khrushchev", "hasan" + l + "Hassan", "kasim" + l + "Qasim"}));
    add(values({"krusuv" + l + "Khrushchov", "krusuv" + l + "Khrushchev"}));  // twice in one record: counts once
    add(values({"krusuv" + l + "Khrushchev"}));
    add("");
    db.commit();
  }
  Xapian::Database db(path);
  Xapian::Enquire enq(db);
  enq.set_query(Xapian::Query("x"));
  FacetSpy spy(slot::persons);
  enq.add_matchspy(&spy);
  enq.get_mset(0, 1, db.get_doccount());  // page of 1: the spy still sees all 4
  EXPECT_EQ(spy.documents(), 4u);
  auto top = spy.top(10);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0].label, "Khrushchev");
  EXPECT_EQ(top[0].count, 3u);
  EXPECT_EQ(top[1].label, "Hassan");
  EXPECT_EQ(top[1].count, 1u);
  EXPECT_EQ(spy.top(1).size(), 1u);

  // Remote use: parameters and results survive serialisation.
  std::unique_ptr<Xapian::MatchSpy> back(spy.unserialise(spy.serialise(), Xapian::Registry()));
  EXPECT_EQ(back->name(), "opis::FacetSpy");
  FacetSpy merged(slot::persons);
  merged.merge_results(spy.serialise_results());
  merged.merge_results(spy.serialise_results());
  EXPECT_EQ(merged.top(1)[0].count, 6u);
  std::unique_ptr<Xapian::MatchSpy> c(spy.clone());
  EXPECT_EQ(static_cast<FacetSpy*>(c.get())->slot(), slot::persons);
  Xapian::Registry reg;
  reg.register_match_spy(FacetSpy());
  EXPECT_NE(reg.get_match_spy("opis::FacetSpy"), nullptr);
}

}  // namespace

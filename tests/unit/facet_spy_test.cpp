// The facet counter (Xapian's ValueCountMatchSpy, one per slot, merged) on
// real indexes on disk written by IndexWriter: each person or place of a
// record counts once, keys merge their labels, a record naming more persons
// than another uses more slots, one naming more than kMaxFacetValues keeps
// its most mentioned ones, and a combined (multi-)database counts as one.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include <xapian.h>

#include "../test_context.h"
#include "opis/base/date.h"
#include "opis/index/entity_terms.h"
#include "opis/index/index_writer.h"
#include "opis/index/schema.h"
#include "opis/search/facets.h"
#include "scratch_dir.h"

namespace {

using namespace opis;

Person person(const std::string& name, const std::string& surname, unsigned mentions) {
  Person p;
  p.name = name;
  p.surname = surname;
  p.role = "mentioned";
  p.forms = {name};
  p.mentions = mentions;
  return p;
}

Place place(const std::string& name, unsigned mentions) {
  Place p;
  p.name = name;
  p.kind = "country";
  p.forms = {name};
  p.mentions = mentions;
  return p;
}

Record record(const std::string& id, const std::string& year, std::vector<Person> persons, std::vector<Place> places) {
  Record r;
  r.id = id;
  r.title = "Record " + id;
  r.body = "text";
  if (!year.empty()) r.date = parse_date(year).date;
  r.persons = std::move(persons);
  r.places = std::move(places);
  return r;
}

// Distinct one-word surnames with distinct facet keys: "Baba", "Bada"...
std::vector<Person> many_persons(std::size_t n) {
  const std::string c = "bdfklmnprstvz";
  std::vector<Person> out;
  std::set<std::string> keys;
  for (std::size_t i = 0; out.size() < n && i < c.size() * c.size(); ++i) {
    std::string s = std::string(1, static_cast<char>(c[i / c.size()] - 'a' + 'A')) + "a" + c[i % c.size()] + "a";
    Person p = person(s, "", static_cast<unsigned>(out.size() + 1));  // the k-th is mentioned k + 1 times
    if (keys.insert(person_facet_key(p)).second) out.push_back(p);
  }
  return out;
}

std::map<std::string, Xapian::doccount> as_map(const std::vector<FacetCount>& v) {
  std::map<std::string, Xapian::doccount> m;
  for (const auto& c : v) m[c.label] = c.count;
  return m;
}

class FacetCounterTest : public test::ScratchDir {
 protected:
  std::string build(const std::string& name, const std::vector<Record>& records) {
    std::string path = (m_dir / name).string();
    IndexWriter w(path, test::index_context());
    for (const auto& r : records) w.add(r);
    w.close();
    return path;
  }
  std::vector<Record> main_records() {
    return {
        record("r1", "1958",
               {person("N.S. Khrushchev", "Khrushchev", 15), person("Hassan", "", 3), person("Qasim", "", 2)},
               {place("Iraq", 29), place("Soviet Union", 2)}),
        record("r2", "1958", {person("Khrushchov", "", 4)}, {place("Iraq", 1)}),
        // Two persons with one key (krusuv) in one record: it counts once,
        // under the first one's label.
        record("r3", "1960", {person("N. Khrushchev", "Khrushchev", 1), person("Sergei Khrushchov", "Khrushchov", 2)},
               {}),
        record("r4", "1958", {}, {}),
    };
  }
  struct Counts {
    std::vector<FacetCount> top;
    Xapian::valueno width;
    Xapian::doccount documents;
  };
  static Counts count(const Xapian::Database& db, const char* facet, const Xapian::Query& q, std::size_t n = 100) {
    FacetCounter counter(*find_facet(facet), db);
    Xapian::Enquire enq(db);
    enq.set_query(q);
    counter.add_to(enq);
    enq.get_mset(0, 1, db.get_doccount());  // a page of 1: the spies still see every match
    return {counter.top(n), counter.width(), counter.documents()};
  }
};

TEST_F(FacetCounterTest, CountsEveryPersonOfEveryMatchingRecordOncePerRecord) {
  Xapian::Database db(build("db", main_records()));
  // Slots are filled from the base up: r1 uses persons, persons + 1, + 2.
  Xapian::Document d1 = db.get_document(1);
  EXPECT_EQ(d1.get_value(slot::persons), "krusuv" + std::string(1, kFacetLabelSep) + "Khrushchev");
  EXPECT_EQ(d1.get_value(slot::persons + 2), "kasim" + std::string(1, kFacetLabelSep) + "Qasim");
  EXPECT_EQ(d1.get_value(slot::persons + 3), "");
  EXPECT_EQ(db.get_document(3).get_value(slot::persons + 1), "");  // the second krusuv is not written
  EXPECT_EQ(d1.get_value(slot::places + 1), "Soviet Union");
  EXPECT_EQ(facet_width(db, slot::persons), 3u);
  EXPECT_EQ(facet_width(db, slot::places), 2u);

  Counts c = count(db, "person", Xapian::Query::MatchAll);
  EXPECT_EQ(c.width, 3u);  // r1 names more persons than the others
  EXPECT_EQ(c.documents, 4u);
  ASSERT_EQ(c.top.size(), 3u);
  // krusuv: r1 and r3 say Khrushchev, r2 Khrushchov: one key, its most
  // frequent label.
  EXPECT_EQ(c.top[0].label, "Khrushchev");
  EXPECT_EQ(c.top[0].count, 3u);
  EXPECT_EQ(as_map(c.top), (std::map<std::string, Xapian::doccount>{{"Khrushchev", 3}, {"Hassan", 1}, {"Qasim", 1}}));
  // Ties on count go by label.
  EXPECT_EQ(c.top[1].label, "Hassan");
  EXPECT_EQ(count(db, "person", Xapian::Query::MatchAll, 1).top.size(), 1u);

  // Only the matches count: r2 alone shows its own label.
  Counts r2 = count(db, "person", Xapian::Query(id_term("r2")));
  ASSERT_EQ(r2.top.size(), 1u);
  EXPECT_EQ(r2.top[0].label, "Khrushchov");
  EXPECT_EQ(r2.top[0].count, 1u);

  EXPECT_EQ(as_map(count(db, "place", Xapian::Query::MatchAll).top),
            (std::map<std::string, Xapian::doccount>{{"Iraq", 2}, {"Soviet Union", 1}}));
  // Single-valued facets: one slot.
  Counts years = count(db, "year", Xapian::Query::MatchAll);
  EXPECT_EQ(years.width, 1u);
  ASSERT_EQ(years.top.size(), 2u);
  EXPECT_EQ(years.top[0].label, "1958");
  EXPECT_EQ(years.top[0].count, 3u);
  EXPECT_EQ(years.top[1].label, "1960");
}

TEST_F(FacetCounterTest, ARecordNamingTooManyKeepsTheMostMentioned) {
  auto persons = many_persons(kMaxFacetValues + 6);
  ASSERT_EQ(persons.size(), kMaxFacetValues + 6);
  Xapian::Database db(build("db", {record("big", "", persons, {}), main_records()[1]}));
  Xapian::Document big = db.get_document(1);
  // The 6 least mentioned (the first 6) are left out; the rest keep their
  // order, from the base slot up.
  EXPECT_EQ(big.get_value(slot::persons), person_facet_key(persons[6]) + kFacetLabelSep + persons[6].name);
  EXPECT_EQ(big.get_value(slot::persons + kMaxFacetValues - 1),
            person_facet_key(persons.back()) + kFacetLabelSep + persons.back().name);
  EXPECT_EQ(big.get_value(slot::persons + kMaxFacetValues), "");
  EXPECT_EQ(facet_width(db, slot::persons), kMaxFacetValues);
  Counts c = count(db, "person", Xapian::Query::MatchAll, 1000);
  EXPECT_EQ(c.width, kMaxFacetValues);
  EXPECT_EQ(c.top.size(), kMaxFacetValues + 1);  // 64 of the big record, Khrushchov of r2
  auto m = as_map(c.top);
  EXPECT_EQ(m.count(persons[0].name), 0u);
  EXPECT_EQ(m[persons[6].name], 1u);
  EXPECT_EQ(m["Khrushchov"], 1u);
}

TEST_F(FacetCounterTest, ACombinedDatabaseCountsAsOne) {
  auto recs = main_records();
  Xapian::Database a(build("a", {recs[1], recs[3]}));  // at most one person a record
  Xapian::Database b(build("b", {recs[0], recs[2]}));  // up to three
  Xapian::Database all;
  all.add_database(a);
  all.add_database(b);
  EXPECT_EQ(facet_width(a, slot::persons), 1u);
  EXPECT_EQ(facet_width(all, slot::persons), 3u);
  Counts c = count(all, "person", Xapian::Query::MatchAll);
  EXPECT_EQ(c.documents, 4u);
  EXPECT_EQ(as_map(c.top), (std::map<std::string, Xapian::doccount>{{"Khrushchev", 3}, {"Hassan", 1}, {"Qasim", 1}}));
  // An index without persons has no person slots: nothing to count.
  Xapian::Database none(build("none", {recs[3]}));
  Counts n = count(none, "person", Xapian::Query::MatchAll);
  EXPECT_EQ(n.width, 0u);
  EXPECT_TRUE(n.top.empty());
}

}  // namespace

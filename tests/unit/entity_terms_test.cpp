// Entity terms: the person:/place: queries (a table of query to
// get_description(), as in Xapian's api_queryparser), index terms of a
// record, and the authority file readers.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <iomanip>
#include <regex>
#include <set>
#include <sstream>

#include "../cli/process.h"
#include "../test_context.h"
#include "opis/entities/authority.h"
#include "opis/entities/gazetteer.h"
#include "opis/index/entity_terms.h"
#include "opis/index/index_writer.h"
#include "opis/index/name_weight.h"
#include "opis/index/schema.h"
#include "opis/search/entity_query.h"
#include "opis/search/query_builder.h"

namespace {

using namespace opis;

// 4 significant digits, as described() shows weights.
std::string digits4(double w) {
  std::ostringstream o;
  o << std::setprecision(4) << w;
  return o.str();
}

// The weight of one name term: a fixed weight for the term and one more
// for each mention tier, all Xapian built-ins (name_weight.h).
std::string weighed(const std::string& term, double scale) {
  auto leaf = [](double wt, const std::string& t) {
    return "(PostingSource(Xapian::FixedWeightPostingSource(wt=" + digits4(wt) + ")) FILTER " + t + ")";
  };
  std::string tiers;
  unsigned previous = 1;
  for (unsigned t : {2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64}) {
    tiers += (tiers.empty() ? "" : " OR ") +
             leaf(scale * std::log(double(t) / previous), "XNT" + std::to_string(t) + ":" + term);
    previous = t;
  }
  return "(" + leaf(scale, term) + " AND_MAYBE (" + tiers + "))";
}

// A query's description with each "wt=" weight to 4 significant digits.
std::string described(const Xapian::Query& q) {
  static const std::regex wt("wt=([0-9.e+-]+)");
  std::string d = q.get_description(), out;
  std::size_t last = 0;
  for (std::sregex_iterator it(d.begin(), d.end(), wt), end; it != end; ++it) {
    out += d.substr(last, it->position() - last);
    out += "wt=" + digits4(std::stod((*it)[1].str()));
    last = it->position() + it->length();
  }
  return out + d.substr(last);
}

// The name floor of issue 13: a name-like word (XNW) by its key, or as
// spelled where the record's language has it as a word (XNW=), or by its
// key where it only opens names (XNW^), at a fixed
// weight, less the records where it is the other kind of entity.
std::string name_floor(const std::string& term, const std::string& other_kind) {
  return "((PostingSource(Xapian::FixedWeightPostingSource(wt=" + digits4(0.5) + ")) FILTER " + term + ") AND_NOT " +
         other_kind + ")";
}

TEST(EntityTerms, PersonAndPlaceQueries) {
  EXPECT_EQ(described(place_query("Leningrad", test::gazetteer_path())),
            "Query((" + weighed("XPLsaint petersburg", 1.0) +
                " OR (PostingSource(Xapian::FixedWeightPostingSource(wt=" + digits4(0.5) +
                ")) FILTER (XNWliningrad OR XNW=leningrad OR XNW^liningrad OR XNW^=leningrad))))");
  EXPECT_EQ(described(person_query("=Ceaușescu", test::gazetteer_path())),
            "Query(" + weighed("XPXceaușescu", 1.0) + ")");
  EXPECT_EQ(described(person_query("Khrushchov", test::gazetteer_path())),
            "Query((((" + weighed("XPKkrusuv", 1.0) + " AND_MAYBE " + weighed("XPNkhrushchov", 0.3) +
                ") FILTER (XPSkrusuv OR XPS^krusuv)) OR (PostingSource(Xapian::FixedWeightPostingSource(wt=" +
                digits4(0.5) + ")) FILTER (XNWkrusuv OR XNW=khrushchov OR XNW^krusuv OR XNW^=khrushchov))))");
  // One word: a surname key too (XPS), or the key opening a name ("^"),
  // since no database says it is a given name here (name_floor.h).
  // A country's records are left out of person:'s floor (Jordan the country).
  EXPECT_NE(described(person_query("Jordan", test::gazetteer_path()))
                .find(name_floor("(XNWjurdan OR XNW=jordan OR XNW^jurdan OR XNW^=jordan)", "XPLjordan")),
            std::string::npos);
  // Particles are no given names: person:Al-Mudaris is Mudaris.
  EXPECT_EQ(person_query("Al-Mudaris", test::gazetteer_path()).get_description().find("XPG"), std::string::npos);
  EXPECT_NE(person_query("Al-Mudaris", test::gazetteer_path()).get_description().find("XNWmudaris"), std::string::npos);
  EXPECT_NE(person_query("Nikita Khrushchev", test::gazetteer_path()).get_description().find("XPGkrusuv_n"),
            std::string::npos);
  EXPECT_EQ(within_query("Iraqi", test::gazetteer_path()).get_description(), "Query(XWIiraq)");
  EXPECT_THROW(person_query("N.", test::gazetteer_path()), QueryError);
  // Only built-ins: a remote server (xapian-tcpsrv) knows nothing else.
  EXPECT_EQ(person_query("Khrushchov", test::gazetteer_path()).serialise().find("opis"), std::string::npos);
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
  Xapian::Document doc = make_document(r, tg, test::index_context());
  std::set<std::string> terms;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) terms.insert(*it);
  for (const char* t :
       {"XPNkhrushchev", "XPKkrusuv", "XPXkhrushchev", "XPGkrusuv_n", "XPKkasim", "XPLbaghdad", "XPLiraq", "XWIiraq"}) {
    EXPECT_TRUE(terms.count(t)) << t;
  }
  // Mention tiers of the weighed terms (Khrushchev twice), not of the others.
  EXPECT_TRUE(terms.count("XNT2:XPKkrusuv"));
  EXPECT_TRUE(terms.count("XNT2:XPNkhrushchev"));
  EXPECT_FALSE(terms.count("XNT3:XPKkrusuv"));
  EXPECT_FALSE(terms.count("XNT2:XPKkasim"));
  EXPECT_FALSE(terms.count("XNT2:XPGkrusuv_n"));
  EXPECT_EQ(doc.get_value(5), "");  // schema 1's persons and places slots are unused
  EXPECT_EQ(doc.get_value(6), "");
  // One person a slot, from the base up.
  std::string persons;
  for (Xapian::valueno k = 0; k < kMaxFacetValues; ++k) persons += doc.get_value(slot::persons + k) + "|";
  EXPECT_NE(persons.find("krusuv\x1eKhrushchev|"), std::string::npos) << persons;
  EXPECT_NE(persons.find("kasim\x1eQasim|"), std::string::npos) << persons;
  EXPECT_NE(doc.get_value(slot::places), "");
  EXPECT_EQ(doc.get_value(slot::year), "1958");
}

TEST(EntityTerms, NameWeightGrowsWithMentionsByTiers) {
  constexpr double eps = 1e-5;  // each part is rounded to a multiple of 2^-20
  EXPECT_EQ(name_weight(1, 1.0), 1.0);
  EXPECT_NEAR(name_weight(2, 1.0), 1.0 + std::log(2.0), eps);
  EXPECT_NEAR(name_weight(3, 1.0), 1.0 + std::log(3.0), eps);
  EXPECT_EQ(name_weight(5, 1.0), name_weight(4, 1.0));
  EXPECT_NEAR(name_weight(15, 1.0), 1.0 + std::log(12.0), eps);
  EXPECT_NEAR(name_weight(15, 0.3), 0.3 * (1.0 + std::log(12.0)), eps);
  EXPECT_GT(name_weight(16, 1.0), name_weight(15, 1.0));
  EXPECT_EQ(name_weight(1000, 1.0), name_weight(64, 1.0));  // the last tier
  EXPECT_EQ(name_weight(0, 1.0), 0.0);
  // Never more than the old exact weight, and within ln(3/2) of it.
  for (Xapian::termcount m = 1; m <= 64; ++m) {
    double exact = 1.0 + std::log(double(m));
    EXPECT_LE(name_weight(m, 1.0), exact + eps) << m;
    EXPECT_GT(name_weight(m, 1.0), exact - std::log(1.5) - eps) << m;
  }
  // The seed record (15 x Khrushchev) above a record naming Khrushchov 5
  // times, spelling bonus and all (cli.Issue3 tests this end to end).
  EXPECT_GT(name_weight(15, 1.0), name_weight(5, 1.0) * (1.0 + kExactNameBoost));
  EXPECT_EQ(tier_term(8, "XPKkrusuv"), "XNT8:XPKkrusuv");
  // Capped like every other term, and still distinct.
  std::string longest(kMaxTermBytes, 'a');
  EXPECT_LE(tier_term(64, longest).size(), kMaxTermBytes);
  EXPECT_NE(tier_term(64, longest), tier_term(48, longest));
}

// The query gives each record exactly name_weight(mentions) on a real
// database, and a term with no tiers in it costs nothing.
TEST(EntityTerms, NameWeightQueryWeighsRecordsByMentions) {
  test::TempDir d;
  Xapian::WritableDatabase db((d.path() / "db").string(), Xapian::DB_CREATE_OR_OPEN);
  const std::vector<Xapian::termcount> mentions{1, 2, 3, 5, 8, 15, 16, 40, 64, 100};
  for (auto m : mentions) {
    Xapian::Document doc;
    doc.add_term("XPKkrusuv", m);
    add_tier_terms(doc, "XPKkrusuv", m);
    doc.add_term("filler", 50);  // document length does not matter
    doc.add_value(0, std::to_string(m));
    db.add_document(doc);
  }
  db.commit();
  Xapian::Enquire enq(db);
  enq.set_query(name_weight_query("XPKkrusuv", 0.3));
  Xapian::MSet ms = enq.get_mset(0, 100);
  ASSERT_EQ(ms.size(), mentions.size());
  for (auto it = ms.begin(); it != ms.end(); ++it) {
    auto m = static_cast<Xapian::termcount>(std::stoul(it.get_document().get_value(0)));
    EXPECT_EQ(it.get_weight(), name_weight(m, 0.3)) << m;  // exactly: the parts sum exactly
  }
  EXPECT_EQ(ms.begin().get_document().get_value(0), "64");  // 64 and 100: the top tier, docid order
  EXPECT_NEAR(ms.begin().get_weight(), 0.3 * (1.0 + std::log(64.0)), 1e-5);
  enq.set_query(name_weight_query("XPKnobody", 1.0));
  EXPECT_EQ(enq.get_mset(0, 10).size(), 0u);
  // Xapian's estimate of the count, without looking at any match, is the
  // number of records with the term: the tiers are not taken for terms
  // of their own (an OR of them estimated 4 times too many on a large
  // index).
  for (int i = 0; i < 90; ++i) {
    Xapian::Document doc;
    doc.add_term("filler", 50);
    db.add_document(doc);
  }
  db.commit();
  enq.set_query(name_weight_query("XPKkrusuv", 0.3));
  Xapian::MSet estimate = enq.get_mset(0, 0, Xapian::doccount(0));
  EXPECT_EQ(estimate.get_matches_estimated(), mentions.size());
  // And a person's name: the exact word (XPN) only adds to its key (XPK).
  enq.set_query(Xapian::Query(Xapian::Query::OP_AND_MAYBE, name_weight_query("XPKkrusuv", 1.0),
                              name_weight_query("XPNkhrushchov", 0.3)));
  EXPECT_EQ(enq.get_mset(0, 0, Xapian::doccount(0)).get_matches_estimated(), mentions.size());
}

TEST(Authority, ReadsJsonJsonlAndCsvAndReportsBadLines) {
  test::TempDir d;
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(d.path() / name) << text;
    return (d.path() / name).string();
  };
  std::vector<Diagnostic> diags;
  auto a = load_authority(
      write("a.json",
            R"([{"name": "Wellesley, Arthur", "aliases": ["Duke of Wellington"], "titles": ["Duc de Wellington"]}])"),
      diags);
  ASSERT_EQ(a.entries.size(), 1u);
  EXPECT_EQ(a.entries[0].forms(),
            (std::vector<std::string>{"Arthur Wellesley", "Duke of Wellington", "Duc de Wellington"}));
  auto b = load_authority(
      write("b.jsonl", "{\"name\": \"Gaddafi, Muammar\", \"aliases\": [\"Qaddafi\"]}\nnot json\n{\"aliases\": []}\n"),
      diags);
  EXPECT_EQ(b.entries.size(), 1u);
  ASSERT_EQ(diags.size(), 2u);
  EXPECT_NE(diags[0].format().find("b.jsonl:2: error:"), std::string::npos) << diags[0].format();
  EXPECT_NE(diags[1].format().find("b.jsonl:3: error: entry has no 'name'"), std::string::npos) << diags[1].format();
  auto c = load_authority(
      write("c.csv", "name,aliases,titles\n\"Wellesley, Arthur\",Duke of Wellington;Wellington,Duc de Wellington\n"),
      diags);
  ASSERT_EQ(c.entries.size(), 1u);
  EXPECT_EQ(c.entries[0].aliases, (std::vector<std::string>{"Duke of Wellington", "Wellington"}));
  EXPECT_THROW(load_authority((d.path() / "missing.csv").string(), diags), std::runtime_error);
  EXPECT_EQ(reading_order("Mao, Zedong (Mao Tse-tung)"), "Zedong Mao");
}

// Issue 4: a search reads only the gazetteer's lines for the names it
// looks up (Gazetteer::canonical_of scans the file it is given), and gets
// what the whole gazetteer gives. A gazetteer of the user's
// (OPIS_GAZETTEER) may lack keys: its lines are folded, only those that
// could be the name.
TEST(EntityTerms, PlaceNamesFromAGazetteerWithoutKeys) {
  test::TempDir d;
  const std::string path = (d.path() / "g.tsv").string();
  std::ofstream(path) << "Zürichberg\tZurich Hill\tcity\tSwitzerland\t10\n"
                         "Ирак\tIraq\tcountry\t\t0\n"
                         "Baghdad\tBaghdad\tcity\tIraq\t100\tbaghdad\n";
  EXPECT_EQ(Gazetteer::canonical_of("Zurichberg", path), "Zurich Hill");
  EXPECT_EQ(Gazetteer::canonical_of("Irak", path), "Iraq");
  EXPECT_EQ(Gazetteer::canonical_of("BAGHDAD", path), "Baghdad");
  EXPECT_EQ(Gazetteer::canonical_of("Basra", path), "Basra");
}

// Issue 17: the keyed gazetteer's lines are found by their "\tKEY\n"
// (memmem()): the first line and the last, all lines of a key, and no line
// whose key only ends or starts with it.
TEST(EntityTerms, PlaceNamesFromAKeyedGazetteer) {
  test::TempDir d;
  const std::string path = (d.path() / "g.tsv").string();
  std::ofstream(path) << Gazetteer::kAllKeyed
                      << "Basra\tBasra\tcity\tIraq\t50\tbasra\n"
                         "New Baghdad\tNew Baghdad\tcity\tIraq\t5\tnew baghdad\n"
                         "Baghdadi\tBaghdadi\tcity\tIraq\t5\tbaghdadi\n"
                         "Bagdad\tBaghdad\tcity\tIraq\t100\tbagdad\n"
                         "Baghdad\tBaghdad\tcity\tIraq\t100\tbaghdad\n"
                         "Mosul\tMosul\tcity\tIraq\t80\tmosul\n";
  EXPECT_EQ(Gazetteer::canonical_of("Basra", path), "Basra");
  EXPECT_EQ(Gazetteer::canonical_of("MOSUL", path), "Mosul");
  EXPECT_EQ(Gazetteer::canonical_of("Bagdad", path), "Baghdad");
  EXPECT_EQ(Gazetteer::entries_of("Baghdad", path).size(), 1u);
  EXPECT_EQ(Gazetteer::canonical_of("Baghda", path), "Baghda");
  EXPECT_TRUE(Gazetteer::entries_of("Nineveh", path).empty());
}

TEST(EntityTerms, PlaceNamesFromTheFileAgreeWithTheLoadedGazetteer) {
  const std::vector<std::string> names = {"Leningrad",      "Iraqi",     "Iraq",       "Baghdad",
                                          "Soviet Union",   "USSR",      "Georgia",    "Saint Petersburg",
                                          "Moscow",         "Adapazarı", "Adıyaman",   "Abū ‘Arīsh",
                                          "Kraków",         "Krakow",    "São Paulo",  "Zürich",
                                          "Atlantis Minor", "Kuban",     "Stalingrad", "Peking",
                                          "Bombay",         "Mosul",     "Washington", "Berlin",
                                          "Prague",         "Warsaw",    "Belgrade",   "Ha Noi"};
  std::vector<std::string> scanned;
  for (const auto& n : names) scanned.push_back(Gazetteer::canonical_of(n, test::gazetteer_path()));
  for (std::size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(scanned[i], test::gazetteer().canonical(names[i])) << names[i];
  }
  EXPECT_EQ(scanned[0], "Saint Petersburg");
  EXPECT_EQ(scanned[1], "Iraq");
  EXPECT_EQ(scanned[16], "Atlantis Minor");  // unknown: itself
}

}  // namespace

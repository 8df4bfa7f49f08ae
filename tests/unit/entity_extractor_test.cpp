// The entity extractor on our own annotated fixtures
// (tests/data/persons/fixtures.jsonl, invented sentences, one or more per
// kind of name): precision and recall per kind, printed and checked.
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>

#include "../test_context.h"
#include "opis/entities/authority.h"
#include "opis/entities/entity_extractor.h"
#include "opis/entities/name_key.h"

namespace {

using namespace opis;
using nlohmann::json;

std::string surname_key_of(const std::string& s) {
  auto w = name_words(s);
  return w.empty() ? std::string() : name_key(w.back());
}

struct Tally {
  int gold = 0, found = 0, extracted = 0, correct = 0;
};

TEST(EntityExtractor, AnnotatedFixturesPerKind) {
  std::ifstream in(std::string(OPIS_SOURCE_DIR) + "/tests/data/persons/fixtures.jsonl");
  ASSERT_TRUE(in);
  std::map<std::string, Tally> persons, places;
  std::string line;
  while (std::getline(in, line)) {
    json j = json::parse(line);
    Record r;
    r.body = j["text"];
    r.contributors = j.value("contributors", std::vector<std::string>{});
    r.translators = j.value("translators", std::vector<std::string>{});
    extract_entities(r, test::gazetteer());
    std::string kind = j["kind"];
    auto gp = j["persons"].get<std::vector<std::string>>();
    Tally& tp = persons[kind];
    tp.gold += static_cast<int>(gp.size());
    tp.extracted += static_cast<int>(r.persons.size());
    for (const auto& g : gp) {
      bool hit = false;
      for (const auto& p : r.persons) hit = hit || surname_key_of(p.surname) == surname_key_of(g);
      tp.found += hit;
      EXPECT_TRUE(hit) << kind << ": person " << g << " not found in: " << line;
    }
    for (const auto& p : r.persons) {
      bool ok = false;
      for (const auto& g : gp) ok = ok || surname_key_of(p.surname) == surname_key_of(g);
      tp.correct += ok;
      EXPECT_TRUE(ok) << kind << ": spurious person '" << p.name << "' in: " << line;
    }
    auto gl = j["places"].get<std::vector<std::string>>();
    Tally& tl = places[kind];
    tl.gold += static_cast<int>(gl.size());
    tl.extracted += static_cast<int>(r.places.size());
    for (const auto& g : gl) {
      bool hit = false;
      for (const auto& p : r.places) hit = hit || p.name == g;
      tl.found += hit;
      EXPECT_TRUE(hit) << kind << ": place " << g << " not found in: " << line;
    }
    for (const auto& p : r.places) {
      bool ok = std::find(gl.begin(), gl.end(), p.name) != gl.end();
      tl.correct += ok;
      EXPECT_TRUE(ok) << kind << ": spurious place '" << p.name << "' in: " << line;
    }
  }
  auto report = [](const char* what, const std::map<std::string, Tally>& m) {
    for (const auto& [k, t] : m) {
      if (!t.gold && !t.extracted) continue;
      std::cout << what << " " << k << ": recall " << t.found << "/" << t.gold << ", precision " << t.correct << "/"
                << t.extracted << '\n';
    }
  };
  report("persons", persons);
  report("places", places);
}

TEST(EntityExtractor, RolesAndMentionsAndForms) {
  Record r;
  r.contributors = {"Sergey Radchenko"};
  r.body = "Cde. N.S. Khrushchev spoke. KRUSHCHEV. Khrushchev says that Iraq is free. Written down by O. Troyanovsky.";
  extract_entities(r, test::gazetteer());
  std::map<std::string, Person> by;
  for (const auto& p : r.persons) by[p.surname] = p;
  ASSERT_TRUE(by.count("Khrushchev"));
  EXPECT_EQ(by["Khrushchev"].name, "N.S. Khrushchev");
  EXPECT_EQ(by["Khrushchev"].mentions, 3u);
  EXPECT_NE(std::find(by["Khrushchev"].forms.begin(), by["Khrushchev"].forms.end(), "KRUSHCHEV"),
            by["Khrushchev"].forms.end());
  EXPECT_EQ(by["Radchenko"].role, "contributor");
  EXPECT_EQ(by["Troyanovsky"].role, "note-taker");
}

TEST(EntityExtractor, CatalogueFormWithBracketedAlias) {
  Record r;
  r.contributors = {"Mao, Zedong (Mao Tse-tung)"};
  r.body = "Mao Zedong received the delegation.";
  extract_entities(r, test::gazetteer());
  ASSERT_FALSE(r.persons.empty());
  EXPECT_EQ(r.persons[0].name, "Zedong Mao");
  EXPECT_EQ(r.persons[0].aliases, std::vector<std::string>{"Mao Tse-tung"});
}

TEST(EntityExtractor, CuratedListFromAnExtraField) {
  Record r;
  r.extra = {{"persons", "Khrushchev, Nikita; Qasim, Abd al-Karim"}};
  r.body = "Khrushchev says that Qasim is a friend.";
  extract_entities(r, test::gazetteer());
  ASSERT_EQ(r.persons.size(), 2u);
  EXPECT_EQ(r.persons[0].name, "Nikita Khrushchev");
  EXPECT_EQ(r.persons[0].role, "curated");
  EXPECT_EQ(r.persons[1].name, "Abd al-Karim Qasim");
}

TEST(EntityExtractor, AuthorityNamesFindEachOther) {
  Authority a;
  a.entries.push_back({"Wellesley, Arthur", {"Duke of Wellington"}, {"Duc de Wellington"}});
  a.entries.push_back({"Gaddafi, Muammar", {"Qaddafi", "Kadhafi"}, {}});
  Record r;
  r.body = "The Duc de Wellington wrote to Colonel Kadhafi about Tripoli.";
  extract_entities(r, test::gazetteer(), &a);
  bool wellesley = false, gaddafi = false;
  for (const auto& p : r.persons) {
    if (p.name == "Arthur Wellesley") wellesley = true;
    if (std::find(p.aliases.begin(), p.aliases.end(), "Qaddafi") != p.aliases.end()) gaddafi = true;
  }
  EXPECT_TRUE(wellesley);
  EXPECT_TRUE(gaddafi);
}

}  // namespace

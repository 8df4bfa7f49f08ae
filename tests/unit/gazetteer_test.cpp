// The gazetteer generated at build time (scripts/make_gazetteer.py): real
// data from iso-codes and GeoNames, plus the hand-written additions.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "../test_context.h"
#include "opis/entities/gazetteer.h"
#include "opis/entities/name_key.h"

namespace {

using namespace opis;

TEST(Gazetteer, GeneratedFileHasCountriesCitiesAndFormerNames) {
  const Gazetteer& g = test::gazetteer();
  ASSERT_GT(g.size(), 20000u);  // ~250 countries, ~24,000 cities, subdivisions
  EXPECT_EQ(g.canonical("Iraq"), "Iraq");
  EXPECT_EQ(g.canonical("USSR"), "Soviet Union");
  EXPECT_EQ(g.canonical("Union of Soviet Socialist Republics"), "Soviet Union");
  EXPECT_EQ(g.canonical("Yugoslavia"), "Yugoslavia");
  EXPECT_EQ(g.canonical("German Democratic Republic"), "East Germany");
  EXPECT_EQ(g.canonical("Leningrad"), "Saint Petersburg");
  EXPECT_EQ(g.canonical("Peking"), "Beijing");
  EXPECT_EQ(g.canonical("Iraqi"), "Iraq");
  EXPECT_EQ(g.canonical("British"), "United Kingdom");
  EXPECT_EQ(g.canonical("persia"), "Iran");
  const auto* baghdad = g.find(fold_name("Baghdad"));
  ASSERT_NE(baghdad, nullptr);
  EXPECT_EQ(baghdad->front().country, "Iraq");
  EXPECT_GT(baghdad->front().population, 1000000u);
  EXPECT_TRUE(g.needs_context("don"));
  EXPECT_EQ(g.canonical("Nowhere-on-Earth"), "Nowhere-on-Earth");
}

// The generator precomputes look-up keys in Python; they must be exactly
// what fold_name() (ICU) gives, or those names would never be found.
TEST(Gazetteer, PrecomputedKeysMatchRuntimeFolding) {
  std::ifstream in(OPIS_GAZETTEER_TEST_PATH);
  ASSERT_TRUE(in) << OPIS_GAZETTEER_TEST_PATH;
  std::string line;
  int checked = 0, bad = 0;
  std::string first_bad;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string c;
    while (std::getline(ss, c, '\t')) cols.push_back(c);
    if (cols.size() < 6 || cols[5].empty()) continue;
    ++checked;
    if (fold_name(cols[0]) != cols[5]) {
      if (!bad++) first_bad = cols[0] + " -> " + cols[5] + " vs " + fold_name(cols[0]);
    }
  }
  EXPECT_GT(checked, 20000);
  EXPECT_EQ(bad, 0) << first_bad;
}

TEST(Gazetteer, HandWrittenNamesWinOverGeneratedOnes) {
  Gazetteer g;
  std::istringstream in(
      "Washington\tWashington\tcity\tUnited Kingdom\t53526\n"
      "Washington\tWashington, D.C.\talias\t\t0\n"
      "Georgia\tGeorgia\tcountry\tGeorgia\t0\n"
      "Georgia\tGeorgia (U.S. state)\tsubdivision\tUnited States\t0\n");
  g.load(in);
  EXPECT_EQ(g.canonical("Washington"), "Washington, D.C.");
  EXPECT_EQ(g.canonical("Georgia"), "Georgia");
  EXPECT_EQ(g.find("georgia")->size(), 2u);
}

// Issue 19: the gazetteer is found by the front ends, from the value of
// $OPIS_GAZETTEER they read, and travels as a path or an object: nothing
// in the library reads the environment or keeps a process-wide copy.
TEST(Gazetteer, FrontEndsFindItInTheirOrder) {
  const auto paths = Gazetteer::default_paths("/from/env.tsv");
  ASSERT_GE(paths.size(), 2u);
  EXPECT_EQ(paths[0], "/from/env.tsv");
  EXPECT_EQ(Gazetteer::default_paths(nullptr).size(), paths.size() - 1);
  EXPECT_EQ(Gazetteer::default_paths("").size(), paths.size() - 1);
  // An unreadable $OPIS_GAZETTEER: the build tree's file comes next.
  EXPECT_EQ(Gazetteer::find_default("/no/such/gazetteer.tsv"), test::gazetteer_path());
  EXPECT_EQ(Gazetteer::find_default(test::gazetteer_path().c_str()), test::gazetteer_path());
  EXPECT_EQ(test::gazetteer().path(), test::gazetteer_path());
  // No gazetteer: a place name stands for itself.
  EXPECT_EQ(Gazetteer::canonical_of("Leningrad", ""), "Leningrad");
  EXPECT_EQ(Gazetteer::canonical_of("Leningrad", "/no/such/gazetteer.tsv"), "Leningrad");
  EXPECT_EQ(Gazetteer::canonical_of("Leningrad", test::gazetteer_path()), "Saint Petersburg");
}

}  // namespace

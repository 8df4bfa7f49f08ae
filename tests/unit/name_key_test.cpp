// Name keys (name_key.h): folding, Cyrillic transliteration, and the
// confusion list in tests/data/persons/confusion.tsv, measured: every pair of
// distinct names must keep distinct keys (never merge two people), and most
// spellings of one name must share a key.
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "../name_pairs.h"
#include "opis/entities/name_key.h"

namespace {

using namespace opis;

std::string key_of(const std::string& name) {
  auto w = name_words(name);
  return w.empty() ? std::string() : name_key(w.back());
}

TEST(NameKey, FoldsCaseDiacriticsAndCyrillic) {
  EXPECT_EQ(fold_name("Ceaușescu"), "ceausescu");
  EXPECT_EQ(fold_name("Gómez"), "gomez");
  EXPECT_EQ(fold_name("Хрущёв"), "khrushchev");
  EXPECT_EQ(fold_name("Al-Chadarji"), "al chadarji");
  EXPECT_EQ(exact_form("Ceaușescu"), "ceaușescu");
  EXPECT_EQ(name_words("N.S. Khrushchev"), (std::vector<std::string>{"khrushchev"}));
  EXPECT_EQ(name_words("Ceaușescu, Nicolae"), (std::vector<std::string>{"ceausescu", "nicolae"}));
}

TEST(NameKey, IssueVariantsShareAKey) {
  for (const char* v : {"Krushchev", "Khrushchov", "Хрущёв", "KRUSHCHEV"})
    EXPECT_EQ(key_of(v), key_of("Khrushchev")) << v;
  for (const char* v : {"Qassim", "Kassem", "Qassem"}) EXPECT_EQ(key_of(v), key_of("Qasim")) << v;
  EXPECT_EQ(key_of("Breznev"), key_of("Brezhnev"));
  EXPECT_EQ(key_of("Thomson"), key_of("Thompson"));
  EXPECT_EQ(key_of("Philips"), key_of("Phillips"));
  EXPECT_EQ(key_of("Kadhafi"), key_of("Qaddafi"));
}

TEST(NameKey, DistinctNamesStayApart) {
  EXPECT_NE(key_of("Hassan"), key_of("Hussein"));
  EXPECT_NE(key_of("Kamil"), key_of("Kamal"));
  EXPECT_NE(key_of("Ahmad"), key_of("Mahmoud"));
}

// The confusion list, measured. Prints the figures (see docs/persons-places.md).
TEST(NameKey, ConfusionList) {
  const auto pairs = test::read_name_pairs("confusion.tsv");
  int same = 0, same_ok = 0, diff = 0, diff_ok = 0;
  std::string misses;
  for (const auto& [a, b, want_same] : pairs) {
    bool equal = key_of(a) == key_of(b);
    if (want_same) {
      ++same;
      if (equal)
        ++same_ok;
      else
        misses += " " + a + "/" + b + " (" + key_of(a) + " vs " + key_of(b) + ")";
    } else {
      ++diff;
      if (!equal)
        ++diff_ok;
      else
        misses += " MERGED " + a + "/" + b;
    }
  }
  std::cout << "confusion list: variants matched " << same_ok << "/" << same << ", distinct names kept apart "
            << diff_ok << "/" << diff << "; misses:" << misses << '\n';
  ASSERT_GT(same, 20);
  ASSERT_GT(diff, 10);
  EXPECT_EQ(diff_ok, diff) << misses;             // never merge two people
  EXPECT_GE(same_ok * 100, same * 85) << misses;  // most variants match
}

}  // namespace

namespace {

// Issue 13: real spelling pairs across transliteration systems meet, and
// look-alike names stay apart, with no exception (tests/data/persons/variants.tsv).
TEST(NameKey, Issue13_VariantPairsMeetAndLookAlikesStayApart) {
  int same = 0, different = 0;
  for (const auto& [a, b, want_same] : test::read_name_pairs("variants.tsv")) {
    if (want_same) {
      ++same;
      EXPECT_EQ(key_of(a), key_of(b)) << a << " / " << b;
    } else {
      ++different;
      EXPECT_NE(key_of(a), key_of(b)) << a << " / " << b << " merged";
    }
  }
  EXPECT_GE(same, 60);
  EXPECT_GE(different, 30);
}

}  // namespace
// One list of name particles (issue 19), each word marked with where it
// counts: the extractor's words in running text, the export's in cited names.
TEST(NameParticle, EachUseKeepsItsWords) {
  using opis::ParticleUse;
  for (const char* w : {"al", "van", "de", "ibn", "zu"}) {
    EXPECT_TRUE(opis::is_name_particle(w, ParticleUse::running_text)) << w;
    EXPECT_TRUE(opis::is_name_particle(w, ParticleUse::cited_name)) << w;
  }
  for (const char* w : {"y", "abu", "bint", "as"}) {
    EXPECT_TRUE(opis::is_name_particle(w, ParticleUse::running_text)) << w;
    EXPECT_FALSE(opis::is_name_particle(w, ParticleUse::cited_name)) << w;
  }
  for (const char* w : {"ten", "ter", "vom", "della"}) {
    EXPECT_FALSE(opis::is_name_particle(w, ParticleUse::running_text)) << w;
    EXPECT_TRUE(opis::is_name_particle(w, ParticleUse::cited_name)) << w;
  }
  EXPECT_FALSE(opis::is_name_particle("Van", ParticleUse::cited_name));
  EXPECT_FALSE(opis::is_name_particle("smith", ParticleUse::running_text));
}

// An elided article is a word of its own in a name key, and only an article:
// "d'Indy" and "Indy" share the surname word, "O'Brien" stays one word.
TEST(NameKey, ElidedArticlesAreSplitOffAndOtherApostrophesAreNot) {
  EXPECT_EQ(opis::fold_name("d'Indy"), "d indy");
  EXPECT_EQ(opis::fold_name("l\u2019Alsace-Lorraine"), "l alsace lorraine");
  EXPECT_EQ(opis::fold_name("qu'Aulard"), "qu aulard");
  EXPECT_EQ(opis::fold_name("dell'Acqua"), "dell acqua");
  EXPECT_EQ(opis::fold_name("Braine-l'Alleud"), "braine l alleud");
  EXPECT_EQ(opis::fold_name("O'Brien"), "obrien");
  EXPECT_EQ(opis::fold_name("M'Donald"), "mdonald");
  EXPECT_EQ(opis::fold_name("Lenin's"), "lenins");
  EXPECT_EQ(opis::name_words("Vincent d'Indy"), (std::vector<std::string>{"vincent", "indy"}));
  EXPECT_EQ(opis::elision_length("l'Alsace"), 2u);
  EXPECT_EQ(opis::elision_length("d\u2019Australie"), 4u);
  EXPECT_EQ(opis::elision_length("jusqu'Alger"), 6u);
  EXPECT_EQ(opis::elision_length("O'Brien"), 0u);
  EXPECT_EQ(opis::elision_length("l'"), 0u);
  EXPECT_EQ(opis::elision_length("d'1916"), 0u);
  EXPECT_EQ(opis::elision_length("all'Italia"), 4u);
}

// The KWIC tokenizer, matcher and layout (kwic.h).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "opis/kwic.h"

#include "../csv_reader.h"

using namespace opis;

namespace {

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& t : kwic_tokens(text)) out.emplace_back(text.substr(t.offset, t.length));
  return out;
}

}  // namespace

TEST(KwicTokens, SplitsLikeTheTermGenerator) {
  EXPECT_EQ(words("Cde. N.S. Khrushchev, don't (Хрущёв) 1958-11-19"),
            (std::vector<std::string>{"Cde", "N", "S", "Khrushchev", "don't", "Хрущёв", "1958", "11", "19"}));
  auto t = kwic_tokens("Ceaușescu ХРУЩЁВ");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].folded, "ceausescu");
  EXPECT_EQ(t[1].folded, "хрущев");
  EXPECT_TRUE(kwic_tokens("  ... -- ").empty());
}

TEST(KwicMatches, PhrasesWordsStemsAndWildcards) {
  KwicTerms phrase;
  phrase.phrases = {{"military", "force"}};
  std::string text = "The military force and the military, force. Military  force!";
  auto toks = kwic_tokens(text);
  auto m = kwic_matches(text, toks, phrase);
  ASSERT_EQ(m.size(), 3u);  // the phrase matches across punctuation too (as Xapian's does)
  EXPECT_EQ(m[0], (std::pair<std::size_t, std::size_t>{1, 2}));

  KwicTerms loose;
  loose.stems = {"forc"};
  loose.words = {"military"};
  auto lines = kwic_lines(text, loose, 1);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].keyword, "military force");  // neighbours with only a space merge
  EXPECT_EQ(lines[1].keyword, "military");        // not across a comma
  EXPECT_EQ(lines[2].keyword, "force");
  EXPECT_EQ(lines[3].keyword, "Military force");  // runs of space made one
  EXPECT_EQ(lines[0].left, "The");
  EXPECT_FALSE(lines[0].cut_left);
  EXPECT_TRUE(lines[0].cut_right);

  KwicTerms wild;
  wild.prefixes = {"khrush"};
  auto w = kwic_lines("Khrushchev met Khrushchov's son.", wild, 5);
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[1].keyword, "Khrushchov's");
  EXPECT_EQ(w[1].offset, 15u);
}

TEST(KwicQueryTerms, PhrasesAndLooseTermsFromTheParsedQuery) {
  using Q = Xapian::Query;
  std::vector<Q> words{Q("military"), Q("force")};
  Q phrase(Q::OP_PHRASE, words.begin(), words.end(), 2);
  std::vector<Q> parts{phrase, Q("Zbaghdad"), Q("XTRgreenfield")};
  Q q(Q::OP_AND_NOT, Q(Q::OP_AND, parts.begin(), parts.end()), Q("kuban"));
  auto qt = kwic_query_terms(q);
  ASSERT_EQ(qt.phrases.size(), 1u);
  EXPECT_TRUE(qt.loose_terms.count("Zbaghdad"));
  EXPECT_FALSE(qt.loose_terms.count("kuban"));  // negated
  // For a record that matched: the phrase, the stem; not the field term,
  // nor the phrase's words on their own.
  auto t = kwic_terms_for(qt, {"military", "force", "Zbaghdad", "XTRgreenfield"});
  EXPECT_EQ(t.phrases.size(), 1u);
  EXPECT_EQ(t.stems, (std::set<std::string>{"baghdad"}));
  EXPECT_TRUE(t.words.empty());
}

TEST(KwicLayout, AlignsKeywordsAndExports) {
  std::vector<KwicLine> ls(2);
  ls[0] = {"1", "1958-11-19", "RGANI, f. 52", "a long left context", "force", "right", 10, true, true};
  ls[1] = {"209747", "", "", "Хрущёв", "military force", "x", 3, false, false};
  std::string text = kwic_text(ls, false);
  auto nl = text.find('\n');
  std::string l0 = text.substr(0, nl), l1 = text.substr(nl + 1);
  EXPECT_EQ(l0.find(" | "), std::string("...a long left context").size());
  // Same column in characters: "Хрущёв" is 6 characters, 12 bytes.
  EXPECT_EQ(display_width(l1.substr(0, l1.find(" | "))), display_width(l0.substr(0, l0.find(" | "))));
  EXPECT_NE(l1.find("undated"), std::string::npos);
  EXPECT_NE(l0.find("right...  1"), std::string::npos) << l0;

  auto j = kwic_json(ls);
  EXPECT_EQ(j[1]["keyword"], "military force");
  EXPECT_EQ(j[0]["offset"], 10);
  auto rows = opis::test::read_csv(kwic_csv(ls));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][2], "RGANI, f. 52");
  EXPECT_EQ(rows[2][3], "Хрущёв");
}

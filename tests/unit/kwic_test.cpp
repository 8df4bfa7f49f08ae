// The KWIC tokenizer, matcher and layout (kwic.h).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "opis/base/text.h"
#include "opis/output/kwic_printer.h"
#include "opis/search/kwic.h"
#include "opis/search/searcher.h"

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
  std::vector<Q> parts{phrase, Q("Zbaghdad"), Q("XTRgreenfield"), Q("XLANGrussian")};
  Q q(Q::OP_AND_NOT, Q(Q::OP_AND, parts.begin(), parts.end()), Q("kuban"));
  auto qt = kwic_query_terms(q);
  ASSERT_EQ(qt.phrases.size(), 1u);
  EXPECT_TRUE(qt.loose_terms.count("Zbaghdad"));
  EXPECT_FALSE(qt.loose_terms.count("kuban"));  // negated
  // For a record that matched: the phrase and the stem; not a translator's
  // name (not the record's text), not the exact field's term, nor the
  // phrase's words on their own.
  auto t = kwic_terms_for(qt, {"military", "force", "Zbaghdad", "XTRgreenfield", "XLANGrussian"});
  EXPECT_EQ(t.phrases.size(), 1u);
  EXPECT_EQ(t.stems, (std::set<std::string>{"baghdad"}));
  EXPECT_EQ(t.words, (std::set<std::string>{}));  // translator: is not the record's text
}

// Issue 5: title:, summary: and other text-field terms are found as words.
TEST(KwicFieldWord, TextFieldTermsAsPlainTerms) {
  EXPECT_EQ(kwic_field_word("Sforce"), "force");             // title:Force
  EXPECT_EQ(kwic_field_word("ZSforc"), "Zforc");             // title:force, stemmed
  EXPECT_EQ(kwic_field_word("XSUMultimatum"), "ultimatum");  // summary:
  EXPECT_EQ(kwic_field_word("ZXSUMultimatum"), "Zultimatum");
  EXPECT_EQ(kwic_field_word("XFNkuban"), "kuban");  // footnote:
  EXPECT_EQ(kwic_field_word("XHWnyet"), "nyet");    // handwritten:
  EXPECT_EQ(kwic_field_word("XTRgreenfield"), "");  // translator: names, not text
  EXPECT_EQ(kwic_field_word("XREFrgani"), "");      // ref:
  // Not text fields, or not prefixed.
  for (const char* t :
       {"XPNkhrushchev", "XPKkrusuv", "XPLbaghdad", "XLANGrussian", "Q209747", "Y1958", "force", "Zforc", "S", "ZS"}) {
    EXPECT_EQ(kwic_field_word(t), "") << t;
  }
}

TEST(KwicQueryTerms, TextFieldTermsPhrasesAndNegation) {
  using Q = Xapian::Query;
  std::vector<Q> words{Q("Smilitary"), Q("Sforce")};
  Q phrase(Q::OP_PHRASE, words.begin(), words.end(), 2);
  std::vector<Q> parts{phrase, Q("ZXSUMultimatum"), Q("XPNkhrushchev")};
  Q q(Q::OP_AND_NOT, Q(Q::OP_AND, parts.begin(), parts.end()), Q("ZSkuban"));
  auto qt = kwic_query_terms(q);
  // title:"military force" is the phrase of its words.
  ASSERT_EQ(qt.phrases.size(), 1u);
  EXPECT_EQ(qt.phrases[0], (std::vector<std::string>{"military", "force"}));
  auto t = kwic_terms_for(qt, {qt.loose_terms.begin(), qt.loose_terms.end()});
  EXPECT_EQ(t.phrases.size(), 1u);
  EXPECT_EQ(t.stems, (std::set<std::string>{"ultimatum"}));
  EXPECT_TRUE(t.words.empty());  // not the person term
  // For snippets: only the field words (the phrase's words loose), nothing negated.
  auto f = kwic_field_terms(qt);
  EXPECT_TRUE(f.phrases.empty());
  EXPECT_EQ(f.words, (std::set<std::string>{"force", "military"}));
  EXPECT_EQ(f.stems, (std::set<std::string>{"ultimatum"}));
  // Plain words are left to Xapian's snippet.
  EXPECT_TRUE(kwic_field_terms(kwic_query_terms(Q("Zforc"))).empty());
  // A wildcard in a field: title:Khrush*.
  Q wild(Q::OP_WILDCARD, "Skhrush");
  EXPECT_EQ(kwic_query_terms(wild).wildcards, (std::vector<std::string>{"khrush"}));
}

TEST(KwicMatches, NamesAsWrittenForms) {
  KwicTerms t;
  t.names = kwic_name_phrases({"N.S. Khrushchev", "KRUSHCHEV", "US"});
  EXPECT_EQ(t.names[0], (std::vector<std::string>{"N", "S", "Khrushchev"}));
  auto lines = kwic_lines("Comrade N.S. Khrushchev told us: KRUSHCHEV and the US.", t, 2);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].keyword, "N.S. Khrushchev");
  EXPECT_EQ(lines[0].offset, 8u);
  EXPECT_EQ(lines[1].keyword, "KRUSHCHEV");
  EXPECT_EQ(lines[2].keyword, "US");  // the form as written: not the word "us"
}

TEST(HighlightWords, FieldWordsInTheSnippetOrAWindow) {
  KwicTerms t;
  t.stems = {"forc"};
  t.words = {"military"};
  // Beside Xapian's highlight of "military": "force" alone, not merged over it.
  std::string snippet = "\xE2\x80\xA6use of military force. It";
  std::vector<Highlight> hl{{10, 8}};
  highlight_words(snippet, hl, {}, t, 240);
  ASSERT_EQ(hl.size(), 2u);
  EXPECT_EQ(hl[1].offset, 19u);
  EXPECT_EQ(snippet.substr(hl[1].offset, hl[1].length), "force");
  // A snippet without them: a window of the first text that has one.
  const std::string body(300, 'x');
  std::string summary;
  for (int i = 0; i < 70; ++i) summary += "word ";
  summary += "then the forces left.";
  std::string s2 = "xxx";
  std::vector<Highlight> none;
  highlight_words(s2, none, {&body, &summary}, t, 100);
  ASSERT_EQ(none.size(), 1u) << s2;
  EXPECT_EQ(s2.substr(none[0].offset, none[0].length), "forces");
  EXPECT_EQ(s2.rfind("\xE2\x80\xA6", 0), 0u) << s2;  // cut at the front
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

// A word after an elided article is found as the index finds it (issue 13:
// make_document() indexes "d'Haskell" as "haskell" too).
TEST(KwicMatches, WordsAfterAnElidedArticle) {
  KwicTerms terms;
  terms.words = {"haskell"};
  terms.phrases = {{"alsace", "lorraine"}};
  terms.stems = {"australi"};
  const std::string text = "la lettre d'Haskell sur l'Alsace-Lorraine et d\u2019Australie, don't";
  auto lines = kwic_lines(text, terms, 2);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].keyword, "d'Haskell");
  EXPECT_EQ(lines[1].keyword, "l'Alsace-Lorraine");
  EXPECT_EQ(lines[2].keyword, "d\u2019Australie");
}

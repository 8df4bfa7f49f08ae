// Unit tests for opis/citation.h: the seed record's citation, then a table of
// the variants archive citations take (credit phrases, quotes, URL forms,
// date forms, references), the record's own link and the sources it cites
// (issue 14), split_names() and reference_repository().
#include "opis/record/citation.h"

#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace opis {
namespace {

using Names = std::vector<std::string>;

const std::string kTitle =
    "Record of a Conversation of Cde. N.S. Khrushchev with a Delegation of Baghdad City Government";
const std::string kArchive = "Wilson Center Digital Archive";
const std::string kReference = "RGANI, f. 52, op. 1, d. 566, ll. 8-11";
const std::string kUrl = "https://digitalarchive.umd.edu/document/209747";
// The citation of /work/shared/corpus/records/209747.txt, as one line.
const std::string kSeedCitation =
    "\"Record of a Conversation of Cde. N.S. Khrushchev with a Delegation of Baghdad City "
    "Government\", November 19, 1958, Wilson Center Digital Archive, RGANI, f. 52, op. 1, d. 566, "
    "ll. 8-11. Contributed by Sergey Radchenko and translated by Angela Greenfield. "
    "<https://digitalarchive.umd.edu/document/209747>";
// The seed citation up to its credits: title, date, archive, reference.
const std::string kHead = "\"" + kTitle + "\", November 19, 1958, " + kArchive + ", " + kReference + ".";

void expect_citation(const Citation& got, const Citation& want) {
  EXPECT_EQ(got.title, want.title);
  EXPECT_EQ(got.date_text, want.date_text);
  EXPECT_EQ(got.archive, want.archive);
  EXPECT_EQ(got.reference, want.reference);
  EXPECT_EQ(got.url, want.url);
  EXPECT_EQ(got.cites, want.cites);
  EXPECT_EQ(got.contributors, want.contributors);
  EXPECT_EQ(got.translators, want.translators);
  EXPECT_EQ(got.transcribers, want.transcribers);
  EXPECT_EQ(got.editors, want.editors);
}

TEST(ParseCitation, SeedRecordExactly) {
  Citation want;
  want.title = kTitle;
  want.date_text = "November 19, 1958";
  want.archive = kArchive;
  want.reference = kReference;
  want.url = kUrl;
  want.contributors = {"Sergey Radchenko"};
  want.translators = {"Angela Greenfield"};
  expect_citation(parse_citation(kSeedCitation), want);
}

TEST(ParseCitation, SeedRecordOverSeveralLines) {
  // The reader squashes white space, but the parser must not depend on it.
  std::string text =
      "\"Record of a Conversation of Cde. N.S. Khrushchev\nwith a Delegation of Baghdad City "
      "Government\", November 19, 1958,  Wilson Center Digital Archive, RGANI, f. 52, op. 1, d. 566,\n"
      "ll. 8-11. Contributed by Sergey Radchenko and translated by Angela Greenfield.\n"
      "<https://digitalarchive.umd.edu/document/209747>";
  Citation c = parse_citation(text);
  EXPECT_EQ(c.title, kTitle);
  EXPECT_EQ(c.archive, kArchive);
  EXPECT_EQ(c.reference, kReference);
  EXPECT_EQ(c.url, kUrl);
  EXPECT_EQ(c.contributors, Names{"Sergey Radchenko"});
  EXPECT_EQ(c.translators, Names{"Angela Greenfield"});
}

struct CitationCase {
  std::string name;
  std::string text;
  Citation want;
};

std::ostream& operator<<(std::ostream& os, const CitationCase& c) { return os << c.name; }

// A citation with the seed's title, date, archive and reference.
Citation seed_parts(Names contributors = {}, Names translators = {}, Names transcribers = {}, std::string url = "") {
  Citation c;
  c.title = kTitle;
  c.date_text = "November 19, 1958";
  c.archive = kArchive;
  c.reference = kReference;
  c.url = std::move(url);
  c.contributors = std::move(contributors);
  c.translators = std::move(translators);
  c.transcribers = std::move(transcribers);
  return c;
}

Citation with(Citation c, std::string Citation::*field, std::string value) {
  c.*field = std::move(value);
  return c;
}

class ParseCitationTable : public ::testing::TestWithParam<CitationCase> {};

TEST_P(ParseCitationTable, Fields) { expect_citation(parse_citation(GetParam().text), GetParam().want); }

const std::string kLink = " <" + kUrl + ">";

INSTANTIATE_TEST_SUITE_P(
    Credits, ParseCitationTable,
    ::testing::Values(
        CitationCase{"TranslatedOnly", kHead + " Translated by Angela Greenfield." + kLink,
                     seed_parts({}, {"Angela Greenfield"}, {}, kUrl)},
        CitationCase{"ObtainedOnly", kHead + " Obtained by Sergey Radchenko." + kLink,
                     seed_parts({"Sergey Radchenko"}, {}, {}, kUrl)},
        CitationCase{"ContributedTranscribedAndTranslated",
                     kHead + " Contributed, transcribed, and translated by Sergey Radchenko." + kLink,
                     seed_parts({"Sergey Radchenko"}, {"Sergey Radchenko"}, {"Sergey Radchenko"}, kUrl)},
        CitationCase{"ObtainedByTwo", kHead + " Obtained by Sergey Radchenko and Angela Greenfield." + kLink,
                     seed_parts({"Sergey Radchenko", "Angela Greenfield"}, {}, {}, kUrl)},
        CitationCase{"ThreeContributorsAndATranslator",
                     kHead +
                         " Contributed by Anna Smith, Boris Ivanov and Chen Wei and translated by Dmitri "
                         "Orlov." +
                         kLink,
                     seed_parts({"Anna Smith", "Boris Ivanov", "Chen Wei"}, {"Dmitri Orlov"}, {}, kUrl)},
        CitationCase{"SerialComma", kHead + " Contributed by Anna Smith, Boris Ivanov, and Chen Wei." + kLink,
                     seed_parts({"Anna Smith", "Boris Ivanov", "Chen Wei"}, {}, {}, kUrl)},
        CitationCase{"ObtainedAndTranslated", kHead + " Obtained and translated by Sergey Radchenko." + kLink,
                     seed_parts({"Sergey Radchenko"}, {"Sergey Radchenko"}, {}, kUrl)},
        CitationCase{"DonatedAndProvided", kHead + " Donated by Anna Smith. Provided by Boris Ivanov." + kLink,
                     seed_parts({"Anna Smith", "Boris Ivanov"}, {}, {}, kUrl)},
        CitationCase{"LowerCaseVerb", kHead + " translated by Angela Greenfield." + kLink,
                     seed_parts({}, {"Angela Greenfield"}, {}, kUrl)},
        CitationCase{"NameWithInitial", kHead + " Translated by N. Smith." + kLink,
                     seed_parts({}, {"N. Smith"}, {}, kUrl)},
        CitationCase{"NameWithInitialsAndSuffix", kHead + " Translated by J.R. Smith Jr." + kLink,
                     seed_parts({}, {"J.R. Smith Jr."}, {}, kUrl)},
        CitationCase{"NoCredits", kHead + kLink, seed_parts({}, {}, {}, kUrl)},
        CitationCase{"SentenceAfterCredits",
                     kHead + " Translated by Angela Greenfield. Published with permission." + kLink,
                     seed_parts({}, {"Angela Greenfield"}, {}, kUrl)}));

Citation edited_case() {
  Citation c = seed_parts({}, {}, {}, kUrl);
  c.editors = {"Anna Smith"};
  return c;
}

INSTANTIATE_TEST_SUITE_P(Editors, ParseCitationTable,
                         ::testing::Values(CitationCase{"Edited", kHead + " Edited by Anna Smith." + kLink,
                                                        edited_case()}));

INSTANTIATE_TEST_SUITE_P(
    QuotesAndUrls, ParseCitationTable,
    ::testing::Values(
        CitationCase{"CurlyQuotes",
                     "\xE2\x80\x9C" + kTitle + "\xE2\x80\x9D, November 19, 1958, " + kArchive + ", " + kReference +
                         ". Contributed by Sergey Radchenko." + kLink,
                     seed_parts({"Sergey Radchenko"}, {}, {}, kUrl)},
        CitationCase{"CurlyQuotesCommaInside",
                     "\xE2\x80\x9C" + kTitle + ",\xE2\x80\x9D November 19, 1958, " + kArchive + ", " + kReference +
                         ". Contributed by Sergey Radchenko." + kLink,
                     seed_parts({"Sergey Radchenko"}, {}, {}, kUrl)},
        CitationCase{"StraightQuotesCommaInside",
                     "\"" + kTitle + ",\" November 19, 1958, " + kArchive + ", " + kReference +
                         ". Contributed by Sergey Radchenko." + kLink,
                     seed_parts({"Sergey Radchenko"}, {}, {}, kUrl)},
        CitationCase{"BareUrl", kHead + " Contributed by Sergey Radchenko. " + kUrl,
                     seed_parts({"Sergey Radchenko"}, {}, {}, kUrl)},
        CitationCase{"BareUrlWithFinalPeriod", kHead + " Contributed by Sergey Radchenko. " + kUrl + ".",
                     seed_parts({"Sergey Radchenko"}, {}, {}, kUrl)},
        CitationCase{"NoUrl", kHead + " Contributed by Sergey Radchenko and translated by Angela Greenfield.",
                     seed_parts({"Sergey Radchenko"}, {"Angela Greenfield"}, {}, "")},
        CitationCase{"NoTitleQuotes",
                     "November 19, 1958, " + kArchive + ", " + kReference + ". Contributed by Sergey Radchenko.",
                     with(seed_parts({"Sergey Radchenko"}), &Citation::title, "")}));

INSTANTIATE_TEST_SUITE_P(
    DatesAndReferences, ParseCitationTable,
    ::testing::Values(
        CitationCase{"DayMonthYear",
                     "\"" + kTitle + "\", 19 November, 1958, " + kArchive + ", " + kReference + "." + kLink,
                     with(seed_parts({}, {}, {}, kUrl), &Citation::date_text, "19 November, 1958")},
        CitationCase{"YearOnly", "\"" + kTitle + "\", 1958, " + kArchive + ", " + kReference + "." + kLink,
                     with(seed_parts({}, {}, {}, kUrl), &Citation::date_text, "1958")},
        CitationCase{"MonthYear", "\"" + kTitle + "\", November 1967, " + kArchive + ", " + kReference + "." + kLink,
                     with(seed_parts({}, {}, {}, kUrl), &Citation::date_text, "November 1967")},
        CitationCase{"NoDate", "\"" + kTitle + "\", n.d., " + kArchive + ", " + kReference + "." + kLink,
                     with(seed_parts({}, {}, {}, kUrl), &Citation::date_text, "n.d.")},
        CitationCase{"ReferenceEndingInVerso",
                     kHead.substr(0, kHead.size() - std::string("ll. 8-11.").size()) +
                         "ll. 2-2ob. Translated by Angela Greenfield." + kLink,
                     with(seed_parts({}, {"Angela Greenfield"}, {}, kUrl), &Citation::reference,
                          "RGANI, f. 52, op. 1, d. 566, ll. 2-2ob.")},
        CitationCase{
            "NoReference",
            "\"" + kTitle + "\", November 19, 1958, " + kArchive + ". Contributed by Sergey Radchenko." + kLink,
            with(seed_parts({"Sergey Radchenko"}, {}, {}, kUrl), &Citation::reference, "")},
        // "Archives." ends in "s." but is no abbreviation: the period ends
        // the sentence and is not part of the archive's name.
        CitationCase{"NoReferenceArchiveEndingInS",
                     "\"" + kTitle + "\", November 19, 1958, The National Archives. Obtained by Anna Smith." + kLink,
                     with(with(seed_parts({"Anna Smith"}, {}, {}, kUrl), &Citation::reference, ""), &Citation::archive,
                          "The National Archives")},
        CitationCase{
            "ReferenceEndingInWord",
            "\"" + kTitle + "\", November 19, 1958, " + kArchive +
                ", RG 59, Central Decimal Files. Obtained by Anna Smith." + kLink,
            with(seed_parts({"Anna Smith"}, {}, {}, kUrl), &Citation::reference, "RG 59, Central Decimal Files")}));

// Issue 14: the record's own link is the angle-bracketed one that closes the
// citation (or, with none, a bare one that closes it); every other address
// is a source it cites. One case per shape (docs/record-format.md).
struct LinkCase {
  std::string name;
  std::string text;
  std::string url;  ///< the record's own link
  Names cites;
};

std::ostream& operator<<(std::ostream& os, const LinkCase& c) { return os << c.name; }

class OwnLinkTable : public ::testing::TestWithParam<LinkCase> {};

TEST_P(OwnLinkTable, OwnLinkAndCitedSources) {
  const LinkCase& t = GetParam();
  Citation c = parse_citation(t.text);
  EXPECT_EQ(c.url, t.url);
  EXPECT_EQ(c.cites, t.cites);
  // No address leaks into the credited names.
  for (const Names* names : {&c.contributors, &c.translators, &c.editors}) {
    for (const auto& n : *names) EXPECT_EQ(n.find("http"), std::string::npos) << n;
  }
}

const std::string kOwn = "https://digitalarchive.example.org/document/";
// The citation of the issue: a UN Digital Library record cited inside the
// text, the Wilson Center's own link closing it.
const std::string kUnCited = "https://digitallibrary.un.org/record/731480";
const std::string kWilson =
    "https://digitalarchive.wilsoncenter.org/document/"
    "address-mr-frank-aiken-minister-external-affairs-ireland-united-nations-general-assembly";
const std::string kUnCitation =
    "\"Address by Mr. Frank Aiken, Minister for External Affairs of Ireland, to the United Nations General "
    "Assembly\", September 19, 1957, Wilson Center Digital Archive, United Nations General Assembly, Official "
    "Records, A/PV.682, United Nations Digital Library, " +
    kUnCited + ". Contributed by Anna Smith. <" + kWilson + ">";

INSTANTIATE_TEST_SUITE_P(
    Issue14, OwnLinkTable,
    ::testing::Values(
        LinkCase{"SeedOneAngleLink", kSeedCitation, kUrl, {}},
        LinkCase{"BareSourceInsideAngleLinkClosing", kUnCitation, kWilson, {kUnCited}},
        LinkCase{"TwoAngleLinksTheLastIsOwn",
                 kHead + " See <https://other.example.org/x/1>. Contributed by Anna Smith. <" + kOwn + "2>",
                 kOwn + "2",
                 {"https://other.example.org/x/1"}},
        LinkCase{"NoLink", kHead + " Contributed by Anna Smith.", "", {}},
        LinkCase{"AngleLinkThenPeriod", kHead + " <" + kOwn + "3>.", kOwn + "3", {}},
        LinkCase{"SpacesInsideAngleBrackets", kHead + " < " + kOwn + "4 >", kOwn + "4", {}},
        LinkCase{"HttpNotHttps",
                 kHead + " <http://digitalarchive.example.org/document/5>",
                 "http://digitalarchive.example.org/document/5",
                 {}},
        LinkCase{
            "QueryStringAndFragmentKept", kHead + " <" + kOwn + "6?lang=en&v=2#p3>", kOwn + "6?lang=en&v=2#p3", {}},
        LinkCase{"UpperCaseSchemeAsWritten",
                 kHead + " <HTTPS://Digitalarchive.example.org/Document/7>",
                 "HTTPS://Digitalarchive.example.org/Document/7",
                 {}},
        LinkCase{"BareLinkClosingIsOwn", kHead + " Contributed by Anna Smith. " + kOwn + "8", kOwn + "8", {}},
        LinkCase{"BareLinkClosingThenPeriod", kHead + " Contributed by Anna Smith. " + kOwn + "9.", kOwn + "9", {}},
        LinkCase{"BareLinkInsideOnlyIsCited",
                 kHead + " United Nations Digital Library, " + kUnCited + ". Contributed by Anna Smith.",
                 "",
                 {kUnCited}},
        LinkCase{"BareInsideAndBareClosing",
                 kHead + " United Nations Digital Library, " + kUnCited + ". Contributed by Anna Smith. " + kOwn + "10",
                 kOwn + "10",
                 {kUnCited}},
        LinkCase{"BareLinkAfterAngleIsCited",
                 kHead + " <" + kOwn + "11> Also at https://mirror.example.net/11.",
                 kOwn + "11",
                 {"https://mirror.example.net/11"}},
        LinkCase{
            "OwnLinkAlsoWrittenBareIsNotCited", kHead + " Online at " + kOwn + "12. <" + kOwn + "12>", kOwn + "12", {}},
        LinkCase{"CitedSourcesOnceEachInOrder",
                 kHead + " After https://b.example.org/2, https://a.example.org/1; and https://b.example.org/2. <" +
                     kOwn + "13>",
                 kOwn + "13", Names({"https://b.example.org/2", "https://a.example.org/1"})},
        LinkCase{"ParenthesisOpenedInTheAddressKept",
                 kHead + " (see https://en.wikipedia.org/wiki/Aiken_(surname)). <" + kOwn + "14>",
                 kOwn + "14",
                 {"https://en.wikipedia.org/wiki/Aiken_(surname)"}},
        LinkCase{"UnclosedAngleBracketIsBare",
                 kHead + " <https://other.example.org/15 and more.",
                 "",
                 {"https://other.example.org/15"}},
        LinkCase{"SchemeAloneIsNoLink", kHead + " <https://> http:// " + "<" + kOwn + "16>", kOwn + "16", {}}),
    [](const auto& info) { return info.param.name; });

// The issue's record: its id is the Wilson Center's, the UN library's
// number stays a cited source, and the reference keeps what is written.
TEST(ParseCitation, Issue14UnDigitalLibraryGivesTheOwnLinksId) {
  Citation c = parse_citation(kUnCitation);
  EXPECT_EQ(c.url, kWilson);
  EXPECT_EQ(c.cites, Names{kUnCited});
  EXPECT_EQ(c.contributors, Names{"Anna Smith"});
  EXPECT_EQ(c.archive, "Wilson Center Digital Archive");
  EXPECT_EQ(c.reference,
            "United Nations General Assembly, Official Records, A/PV.682, United Nations Digital Library, " + kUnCited);
}

TEST(FindLinks, PositionsAndKinds) {
  const std::string text = "a https://x.org/1, b < https://y.org/2 > c";
  std::vector<CitationLink> links = find_links(text);
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].url, "https://x.org/1");
  EXPECT_FALSE(links[0].angle);
  EXPECT_EQ(text.substr(links[0].at, links[0].len), "https://x.org/1,");
  EXPECT_EQ(links[1].url, "https://y.org/2");
  EXPECT_TRUE(links[1].angle);
  EXPECT_EQ(text.substr(links[1].at, links[1].len), "< https://y.org/2 >");
  EXPECT_EQ(own_link(text, links), 1u);
  EXPECT_EQ(own_link("a https://x.org/1 b", find_links("a https://x.org/1 b")), std::string_view::npos);
}

TEST(ParseCitation, EmptyAndJunkGiveEmptyParts) {
  expect_citation(parse_citation(""), Citation{});
  Citation c = parse_citation("   ");
  EXPECT_EQ(c.title, "");
  EXPECT_EQ(c.url, "");
  EXPECT_TRUE(c.contributors.empty());
  EXPECT_NO_THROW(parse_citation("\"unclosed title, by by by Contributed by"));
  EXPECT_NO_THROW(parse_citation("<https://>"));
}

struct NamesCase {
  std::string text;
  Names want;
};

std::ostream& operator<<(std::ostream& os, const NamesCase& c) { return os << "'" << c.text << "'"; }

class SplitNamesTable : public ::testing::TestWithParam<NamesCase> {};

TEST_P(SplitNamesTable, Names) { EXPECT_EQ(split_names(GetParam().text), GetParam().want); }

INSTANTIATE_TEST_SUITE_P(
    Forms, SplitNamesTable,
    ::testing::Values(NamesCase{"Sergey Radchenko", {"Sergey Radchenko"}},
                      NamesCase{"Sergey Radchenko.", {"Sergey Radchenko"}},
                      NamesCase{"A. Smith and B. Jones", {"A. Smith", "B. Jones"}},
                      NamesCase{"Anna Smith and Boris Ivanov", {"Anna Smith", "Boris Ivanov"}},
                      NamesCase{"Anna Smith, Boris Ivanov and Chen Wei", {"Anna Smith", "Boris Ivanov", "Chen Wei"}},
                      NamesCase{"Anna Smith, Boris Ivanov, and Chen Wei", {"Anna Smith", "Boris Ivanov", "Chen Wei"}},
                      NamesCase{"Anna Smith & Boris Ivanov", {"Anna Smith", "Boris Ivanov"}},
                      NamesCase{"Anna Smith; Boris Ivanov", {"Anna Smith", "Boris Ivanov"}},
                      NamesCase{"N. Smith", {"N. Smith"}}, NamesCase{"John Smith Jr.", {"John Smith Jr."}},
                      // "and" inside a name is not a separator.
                      NamesCase{"Alexander Anderson and Rand Paul", {"Alexander Anderson", "Rand Paul"}},
                      NamesCase{"", {}}, NamesCase{" , and ", {}}));

TEST(ReferenceRepository, FirstPartWhenItNamesAnArchive) {
  EXPECT_EQ(reference_repository("RGANI, f. 52, op. 1, d. 566, ll. 8-11"), "RGANI");
  EXPECT_EQ(reference_repository("BArch, B 136/59748, 297-301"), "BArch");
  EXPECT_EQ(reference_repository("  AVPRF , f. 0100, op. 46"), "AVPRF");
  EXPECT_EQ(reference_repository("RG 59, Central Files, 611.61/11-1958"), "");  // digits: not a name
  EXPECT_EQ(reference_repository("f. 52, op. 1"), "");                          // a period: not a name
  EXPECT_EQ(reference_repository(""), "");
}

}  // namespace
}  // namespace opis

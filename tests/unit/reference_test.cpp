// Unit tests for parse_reference() (opis/citation.h): a table of archive
// references and their parts, malformed ones that fall back to the generic
// form (system "", the reference kept as written by the caller).
#include "opis/record/citation.h"

#include <ostream>
#include <string>

#include <gtest/gtest.h>

namespace opis {
namespace {

struct RefCase {
  std::string input;
  ReferenceParts want;
};

std::ostream& operator<<(std::ostream& os, const RefCase& c) { return os << "'" << c.input << "'"; }

class ReferenceTable : public ::testing::TestWithParam<RefCase> {};

TEST_P(ReferenceTable, Parts) {
  const RefCase& c = GetParam();
  ReferenceParts got = parse_reference(c.input);
  EXPECT_EQ(got.system, c.want.system);
  EXPECT_EQ(got.repository, c.want.repository);
  EXPECT_EQ(got.fond, c.want.fond);
  EXPECT_EQ(got.opis, c.want.opis);
  EXPECT_EQ(got.delo, c.want.delo);
  EXPECT_EQ(got.record_group, c.want.record_group);
  EXPECT_EQ(got.series, c.want.series);
  EXPECT_EQ(got.file, c.want.file);
  EXPECT_EQ(got.pages, c.want.pages);
  EXPECT_EQ(got.first_page, c.want.first_page);
  EXPECT_EQ(got.last_page, c.want.last_page);
}

ReferenceParts russian(std::string repo, std::string f, std::string op, std::string d, std::string pages, int a,
                       int b) {
  ReferenceParts p;
  p.system = "russian";
  p.repository = std::move(repo);
  p.fond = std::move(f);
  p.opis = std::move(op);
  p.delo = std::move(d);
  p.pages = std::move(pages);
  p.first_page = a;
  p.last_page = b;
  return p;
}

ReferenceParts german(std::string repo, std::string bestand, std::string file, std::string pages, int a, int b) {
  ReferenceParts p;
  p.system = "german";
  p.repository = std::move(repo);
  p.series = std::move(bestand);
  p.file = std::move(file);
  p.pages = std::move(pages);
  p.first_page = a;
  p.last_page = b;
  return p;
}

ReferenceParts us(std::string repo, std::string rg, std::string series, std::string file) {
  ReferenceParts p;
  p.system = "us";
  p.repository = std::move(repo);
  p.record_group = std::move(rg);
  p.series = std::move(series);
  p.file = std::move(file);
  return p;
}

ReferenceParts generic(std::string repo) {
  ReferenceParts p;
  p.repository = std::move(repo);
  return p;
}

INSTANTIATE_TEST_SUITE_P(
    Forms, ReferenceTable,
    ::testing::Values(
        // Russian: f., op., d., l./ll. with verso marks.
        RefCase{"RGANI, f. 52, op. 1, d. 566, ll. 8-11", russian("RGANI", "52", "1", "566", "8-11", 8, 11)},
        RefCase{"GARF, f. R-5446, op. 98, d. 721, l. 5 ob.", russian("GARF", "R-5446", "98", "721", "5 ob.", 5, 5)},
        RefCase{"AVPRF, f. 0100, op. 46, d. 12, ll. 12-14ob.",
                russian("AVPRF", "0100", "46", "12", "12-14ob.", 12, 14)},
        RefCase{"RGASPI, f. 17, op. 3, d. 1090, ll. 2-2ob.", russian("RGASPI", "17", "3", "1090", "2-2ob.", 2, 2)},
        RefCase{"RGANI, f.52, op.1, d.566", russian("RGANI", "52", "1", "566", "", 0, 0)},
        // A papka (folder) is allowed, kept in the reference only.
        RefCase{"AVPRF, f. 0122, op. 41, p. 96, d. 12, ll. 3-5", russian("AVPRF", "0122", "41", "12", "3-5", 3, 5)},
        RefCase{"RGANI, F. 52, Op. 1, D. 566, L. 9", russian("RGANI", "52", "1", "566", "9", 9, 9)},
        // Cyrillic abbreviations.
        RefCase{"\xD1\x84. 52, \xD0\xBE\xD0\xBF. 1, \xD0\xB4. 566, \xD0\xBB\xD0\xBB. 8-11",
                russian("", "52", "1", "566", "8-11", 8, 11)},
        RefCase{"\xD0\xA0\xD0\x93\xD0\x90\xD0\x9D\xD0\x98, \xD1\x84. 52, \xD0\xBE\xD0\xBF. 1, \xD0\xB4. 566, \xD0\xBB. "
                "9 \xD0\xBE\xD0\xB1.",
                russian("\xD0\xA0\xD0\x93\xD0\x90\xD0\x9D\xD0\x98", "52", "1", "566", "9 \xD0\xBE\xD0\xB1.", 9, 9)},
        // Leaves that are not numbers: the parts stay, no page interval.
        RefCase{"RGANI, f. 52, op. 1, d. 566, ll. 8-b", russian("RGANI", "52", "1", "566", "8-b", 0, 0)},
        RefCase{"RGANI, f. 52, op. 1, d. 566, ll. 11-8", russian("RGANI", "52", "1", "566", "11-8", 0, 0)},
        // German (Bundesarchiv).
        RefCase{"BArch, B 136/59748, 297-301", german("BArch", "B 136", "59748", "297-301", 297, 301)},
        RefCase{"BArch, B 136/3579, 112-118", german("BArch", "B 136", "3579", "112-118", 112, 118)},
        RefCase{"BArch, DY 30/3682, Bl. 5", german("BArch", "DY 30", "3682", "5", 5, 5)},
        RefCase{"SAPMO-BArch, DY 30/IV 2/2.035", generic("SAPMO-BArch")},
        RefCase{"BArch, B 136/59748", german("BArch", "B 136", "59748", "", 0, 0)},
        // US National Archives.
        RefCase{"RG 59, Central Files, 611.61/11-1958", us("", "59", "Central Files", "611.61/11-1958")},
        RefCase{"RG 59, Central Foreign Policy Files, P790178-1104",
                us("", "59", "Central Foreign Policy Files", "P790178-1104")},
        RefCase{"NARA, RG 59, Central Files, 611.61/11-1958", us("NARA", "59", "Central Files", "611.61/11-1958")},
        RefCase{"RG 59", us("", "59", "", "")},
        // Generic: the repository when named, nothing else.
        RefCase{"PA AA, MfAA, A 1234", generic("PA AA")}, RefCase{"TNA, FO 371/135894", generic("TNA")},
        RefCase{"ANIC, CC al PCR, Sectia Relatii Externe, dosar 12/1961", generic("ANIC")},
        RefCase{"RGANI, f. 52, op. 1, d. 566, ll. 8-11, misc", generic("RGANI")},
        RefCase{"RGANI, some words", generic("RGANI")}, RefCase{"BArch, B 136/59748, pages", generic("BArch")},
        RefCase{"RG fifty-nine, Central Files", generic("RG fifty-nine")}, RefCase{"", generic("")},
        RefCase{", , ,", generic("")}, RefCase{"f.", generic("")}));

TEST(ParseReference, HostileInputDoesNotThrow) {
  EXPECT_NO_THROW(parse_reference(std::string(100000, ',')));
  EXPECT_NO_THROW(parse_reference("RGANI, ll. 99999999999999999999"));
  EXPECT_EQ(parse_reference("RGANI, f. 1, ll. 99999999999999999999").first_page, 0);
  EXPECT_NO_THROW(parse_reference(std::string(5000, 'f')));
}

TEST(ParseReference, TheSeedCitationsReference) {
  Citation c = parse_citation(
      "\"Record\", November 19, 1958, Wilson Center Digital Archive, RGANI, f. 52, op. 1, d. 566, ll. 8-11. "
      "Contributed by Sergey Radchenko and translated by Angela Greenfield.");
  EXPECT_EQ(c.reference, "RGANI, f. 52, op. 1, d. 566, ll. 8-11");
  ReferenceParts p = parse_reference(c.reference);
  EXPECT_EQ(p.system, "russian");
  EXPECT_EQ(p.delo, "566");
  EXPECT_EQ(p.first_page, 8);
  EXPECT_EQ(p.last_page, 11);
}

}  // namespace
}  // namespace opis

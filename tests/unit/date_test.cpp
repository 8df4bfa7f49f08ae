// Unit tests for opis/date.h: a table of the date forms archive records use,
// what each means as an interval of days, and the ones that must be refused
// (kept as text, with an error) rather than guessed.
#include "opis/base/date.h"

#include <ostream>
#include <string>

#include <gtest/gtest.h>

#include "opis/base/text.h"

namespace opis {
namespace {

struct DateCase {
  std::string input;
  DatePrecision precision;
  std::string start_key;  // Ymd::key() of the first day
  std::string end_key;    // Ymd::key() of the last day
  std::string iso;
  std::string text;  // kept as written (trimmed)
  bool error;        // parse_date() sets DateParse::error
};

// Printed by GoogleTest when a row fails, so the row is named.
std::ostream& operator<<(std::ostream& os, const DateCase& c) { return os << "'" << c.input << "'"; }

class ParseDateTable : public ::testing::TestWithParam<DateCase> {};

TEST_P(ParseDateTable, PrecisionIntervalIsoAndText) {
  const DateCase& c = GetParam();
  DateParse r = parse_date(c.input);
  EXPECT_EQ(precision_name(r.date.precision), std::string(precision_name(c.precision)));
  EXPECT_EQ(r.date.known(), c.precision != DatePrecision::unknown);
  EXPECT_EQ(r.date.start.key(), c.start_key);
  EXPECT_EQ(r.date.end.key(), c.end_key);
  EXPECT_EQ(r.date.iso(), c.iso);
  EXPECT_EQ(r.date.text, c.text);
  EXPECT_EQ(!r.error.empty(), c.error) << "error: " << r.error;
}

constexpr auto U = DatePrecision::unknown;
constexpr auto Y = DatePrecision::year;
constexpr auto M = DatePrecision::month;
constexpr auto D = DatePrecision::day;
const char* const kNone = "00000000";  // key of an unset Ymd

INSTANTIATE_TEST_SUITE_P(
    Forms, ParseDateTable,
    ::testing::Values(
        // Days, in the forms of the citation, the body and ISO.
        DateCase{"November 19, 1958", D, "19581119", "19581119", "1958-11-19", "November 19, 1958", false},
        DateCase{"19 November, 1958", D, "19581119", "19581119", "1958-11-19", "19 November, 1958", false},
        DateCase{"19 November 1958", D, "19581119", "19581119", "1958-11-19", "19 November 1958", false},
        DateCase{"Nov. 19, 1958", D, "19581119", "19581119", "1958-11-19", "Nov. 19, 1958", false},
        DateCase{"Sept. 5, 1958", D, "19580905", "19580905", "1958-09-05", "Sept. 5, 1958", false},
        DateCase{"november 19, 1958", D, "19581119", "19581119", "1958-11-19", "november 19, 1958", false},
        DateCase{"1958-11-19", D, "19581119", "19581119", "1958-11-19", "1958-11-19", false},
        DateCase{"February 29, 1960", D, "19600229", "19600229", "1960-02-29", "February 29, 1960", false},
        // The text is trimmed, not otherwise rewritten.
        DateCase{"  November 19, 1958 \t", D, "19581119", "19581119", "1958-11-19", "November 19, 1958", false},
        // Months: the interval runs to the month's last day.
        DateCase{"1958-11", M, "19581101", "19581130", "1958-11", "1958-11", false},
        DateCase{"November 1967", M, "19671101", "19671130", "1967-11", "November 1967", false},
        DateCase{"February 1960", M, "19600201", "19600229", "1960-02", "February 1960", false},
        DateCase{"February 1958", M, "19580201", "19580228", "1958-02", "February 1958", false},
        DateCase{"Dec. 1958", M, "19581201", "19581231", "1958-12", "Dec. 1958", false},
        // Years.
        DateCase{"1958", Y, "19580101", "19581231", "1958", "1958", false},
        // No date, said so: unknown without an error.
        DateCase{"n.d.", U, kNone, kNone, "", "n.d.", false}, DateCase{"N.D.", U, kNone, kNone, "", "N.D.", false},
        DateCase{"undated", U, kNone, kNone, "", "undated", false}, DateCase{"", U, kNone, kNone, "", "", false},
        DateCase{"   ", U, kNone, kNone, "", "", false},
        // Not understood or impossible: unknown, text kept, error set.
        DateCase{"Febtember 31, 19611", U, kNone, kNone, "", "Febtember 31, 19611", true},
        DateCase{"February 30, 1958", U, kNone, kNone, "", "February 30, 1958", true},
        DateCase{"February 29, 1958", U, kNone, kNone, "", "February 29, 1958", true},
        DateCase{"April 31, 1958", U, kNone, kNone, "", "April 31, 1958", true},
        DateCase{"1958-13-01", U, kNone, kNone, "", "1958-13-01", true},
        DateCase{"1958-13", U, kNone, kNone, "", "1958-13", true},
        DateCase{"1958-02-30", U, kNone, kNone, "", "1958-02-30", true},
        // A day or month of zero does not exist: it must not widen the date
        // to the month or year around it.
        DateCase{"1958-11-00", U, kNone, kNone, "", "1958-11-00", true},
        DateCase{"0 November, 1958", U, kNone, kNone, "", "0 November, 1958", true},
        DateCase{"1958-00-00", U, kNone, kNone, "", "1958-00-00", true},
        DateCase{"1958-00", U, kNone, kNone, "", "1958-00", true}, DateCase{"0000", U, kNone, kNone, "", "0000", true},
        DateCase{"19581", U, kNone, kNone, "", "19581", true}, DateCase{"58", U, kNone, kNone, "", "58", true},
        DateCase{"19/11/1958", U, kNone, kNone, "", "19/11/1958", true},
        DateCase{"Smarch 1958", U, kNone, kNone, "", "Smarch 1958", true},
        DateCase{"garbage", U, kNone, kNone, "", "garbage", true}));

// Partial and uncertain dates (issue 5): the interval as written, the
// interval searched (circa and "?" widened), the flags, EDTF and display.
struct FuzzyCase {
  std::string input;
  DatePrecision precision;
  std::string start_key, end_key;        // as written
  std::string search_start, search_end;  // interval_start(), interval_end()
  DateQualifier qualifier;
  bool supplied, range;
  std::string edtf, display;
};

std::ostream& operator<<(std::ostream& os, const FuzzyCase& c) { return os << "'" << c.input << "'"; }

class FuzzyDateTable : public ::testing::TestWithParam<FuzzyCase> {};

TEST_P(FuzzyDateTable, IntervalFlagsEdtf) {
  const FuzzyCase& c = GetParam();
  DateParse r = parse_date(c.input);
  EXPECT_TRUE(r.error.empty()) << r.error;
  EXPECT_EQ(precision_name(r.date.precision), std::string(precision_name(c.precision)));
  EXPECT_EQ(r.date.start.key(), c.start_key);
  EXPECT_EQ(r.date.end.key(), c.end_key);
  EXPECT_EQ(r.date.interval_start().key(), c.search_start);
  EXPECT_EQ(r.date.interval_end().key(), c.search_end);
  EXPECT_EQ(qualifier_name(r.date.qualifier), std::string(qualifier_name(c.qualifier)));
  EXPECT_EQ(r.date.uncertain(), c.qualifier != DateQualifier::none);
  EXPECT_EQ(r.date.supplied, c.supplied);
  EXPECT_EQ(r.date.range, c.range);
  EXPECT_EQ(r.date.edtf(), c.edtf);
  EXPECT_EQ(r.date.display(), c.display);
  EXPECT_EQ(r.date.text, std::string(trim(c.input)));
}

constexpr auto Q0 = DateQualifier::none;
constexpr auto QC = DateQualifier::circa;
constexpr auto QQ = DateQualifier::questioned;

INSTANTIATE_TEST_SUITE_P(
    Forms, FuzzyDateTable,
    ::testing::Values(
        // Plain dates: no flags; EDTF is the ISO form.
        FuzzyCase{"November 1958", M, "19581101", "19581130", "19581101", "19581130", Q0, false, false, "1958-11",
                  "1958-11"},
        FuzzyCase{"1958", Y, "19580101", "19581231", "19580101", "19581231", Q0, false, false, "1958", "1958"},
        FuzzyCase{"November 19, 1958", D, "19581119", "19581119", "19581119", "19581119", Q0, false, false,
                  "1958-11-19", "1958-11-19"},
        // Circa: widened by 2 years / 2 months / 7 days.
        FuzzyCase{"circa 1961", Y, "19610101", "19611231", "19590101", "19631231", QC, false, false, "1961~",
                  "c. 1961"},
        FuzzyCase{"ca. 1961", Y, "19610101", "19611231", "19590101", "19631231", QC, false, false, "1961~", "c. 1961"},
        FuzzyCase{"c. 1961", Y, "19610101", "19611231", "19590101", "19631231", QC, false, false, "1961~", "c. 1961"},
        FuzzyCase{"Circa 1961", Y, "19610101", "19611231", "19590101", "19631231", QC, false, false, "1961~",
                  "c. 1961"},
        FuzzyCase{"c.1961", Y, "19610101", "19611231", "19590101", "19631231", QC, false, false, "1961~", "c. 1961"},
        FuzzyCase{"circa November 1958", M, "19581101", "19581130", "19580901", "19590131", QC, false, false,
                  "1958-11~", "c. 1958-11"},
        FuzzyCase{"c. 3 January 1960", D, "19600103", "19600103", "19591227", "19600110", QC, false, false,
                  "1960-01-03~", "c. 1960-01-03"},
        FuzzyCase{"1961~", Y, "19610101", "19611231", "19590101", "19631231", QC, false, false, "1961~", "c. 1961"},
        // Questioned: widened like circa, EDTF '?'.
        FuzzyCase{"1958?", Y, "19580101", "19581231", "19560101", "19601231", QQ, false, false, "1958?", "1958?"},
        // Parts of a year: not widened; the parts overlap.
        FuzzyCase{"early 1962", Y, "19620101", "19620531", "19620101", "19620531", DateQualifier::early, false, false,
                  "1962-01~/1962-05~", "early 1962"},
        FuzzyCase{"mid 1962", Y, "19620401", "19620930", "19620401", "19620930", DateQualifier::mid, false, false,
                  "1962-04~/1962-09~", "mid 1962"},
        FuzzyCase{"mid-1962", Y, "19620401", "19620930", "19620401", "19620930", DateQualifier::mid, false, false,
                  "1962-04~/1962-09~", "mid 1962"},
        FuzzyCase{"Late 1962", Y, "19620801", "19621231", "19620801", "19621231", DateQualifier::late, false, false,
                  "1962-08~/1962-12~", "late 1962"},
        // Supplied by the editor: the flag only.
        FuzzyCase{"[1958]", Y, "19580101", "19581231", "19580101", "19581231", Q0, true, false, "1958", "[1958]"},
        FuzzyCase{"[November 1958]", M, "19581101", "19581130", "19581101", "19581130", Q0, true, false, "1958-11",
                  "[1958-11]"},
        FuzzyCase{"[c. 1958]", Y, "19580101", "19581231", "19560101", "19601231", QC, true, false, "1958~",
                  "[c. 1958]"},
        FuzzyCase{"[1958?]", Y, "19580101", "19581231", "19560101", "19601231", QQ, true, false, "1958?", "[1958?]"},
        // Ranges.
        FuzzyCase{"1958-1960", Y, "19580101", "19601231", "19580101", "19601231", Q0, false, true, "1958/1960",
                  "1958/1960"},
        // A US finding aid's short form ("1966-69", tests/data/ead/ead3).
        FuzzyCase{"1966-69", Y, "19660101", "19691231", "19660101", "19691231", Q0, false, true, "1966/1969",
                  "1966/1969"},
        FuzzyCase{"1958 - 1960", Y, "19580101", "19601231", "19580101", "19601231", Q0, false, true, "1958/1960",
                  "1958/1960"},
        FuzzyCase{"1958\xE2\x80\x93"
                  "1960",
                  Y, "19580101", "19601231", "19580101", "19601231", Q0, false, true, "1958/1960", "1958/1960"},
        FuzzyCase{"1958/1960", Y, "19580101", "19601231", "19580101", "19601231", Q0, false, true, "1958/1960",
                  "1958/1960"},
        FuzzyCase{"1958 to 1960", Y, "19580101", "19601231", "19580101", "19601231", Q0, false, true, "1958/1960",
                  "1958/1960"},
        FuzzyCase{"between 1958 and 1960", Y, "19580101", "19601231", "19580101", "19601231", Q0, false, true,
                  "1958/1960", "1958/1960"},
        FuzzyCase{"between 12 and 14 May 1960", D, "19600512", "19600514", "19600512", "19600514", Q0, false, true,
                  "1960-05-12/1960-05-14", "1960-05-12/1960-05-14"},
        FuzzyCase{"12-14 May 1960", D, "19600512", "19600514", "19600512", "19600514", Q0, false, true,
                  "1960-05-12/1960-05-14", "1960-05-12/1960-05-14"},
        FuzzyCase{"Dec. 17-18, 1987", D, "19871217", "19871218", "19871217", "19871218", Q0, false, true,
                  "1987-12-17/1987-12-18", "1987-12-17/1987-12-18"},
        FuzzyCase{"May - June 1960", M, "19600501", "19600630", "19600501", "19600630", Q0, false, true,
                  "1960-05/1960-06", "1960-05/1960-06"},
        FuzzyCase{"November 1958 - January 1959", M, "19581101", "19590131", "19581101", "19590131", Q0, false, true,
                  "1958-11/1959-01", "1958-11/1959-01"},
        FuzzyCase{"1958-11/1959", M, "19581101", "19591231", "19581101", "19591231", Q0, false, true, "1958-11/1959",
                  "1958-11/1959"},
        FuzzyCase{"circa 1958-1960", Y, "19580101", "19601231", "19560101", "19621231", QC, false, true, "1958~/1960~",
                  "c. 1958/1960"},
        // Decades.
        FuzzyCase{"1950s", Y, "19500101", "19591231", "19500101", "19591231", Q0, false, false, "195X", "1950s"},
        FuzzyCase{"1950's", Y, "19500101", "19591231", "19500101", "19591231", Q0, false, false, "195X", "1950s"}));

TEST(ParseDate, UncertainFormsThatAreRefused) {
  for (const char* s : {"1960-1958", "1966-59", "between 14 and 12 May 1960", "circa", "early", "early November 1958",
                        "1958s", "1955s", "[]", "[garbage]", "circa garbage", "1958-1960-1962x", "c. 19611", "??"}) {
    DateParse r = parse_date(s);
    EXPECT_FALSE(r.date.known()) << "'" << s << "' read as " << r.date.edtf();
    EXPECT_FALSE(r.error.empty()) << "'" << s << "'";
  }
  // Undated in brackets: unknown, no error.
  for (const char* s : {"[n.d.]", "[undated]"}) {
    DateParse r = parse_date(s);
    EXPECT_FALSE(r.date.known()) << s;
    EXPECT_TRUE(r.error.empty()) << s << ": " << r.error;
  }
}

TEST(ParseDate, CircaStaysInTheYearsAKeyHolds) {
  DateParse r = parse_date("circa 0001");
  ASSERT_TRUE(r.date.known());
  EXPECT_EQ(r.date.interval_start().key(), "00010101");
  EXPECT_EQ(r.date.interval_end().key(), "00031231");
}

TEST(ParseDate, QualifierNamesRoundTrip) {
  for (DateQualifier q : {DateQualifier::none, DateQualifier::circa, DateQualifier::questioned, DateQualifier::early,
                          DateQualifier::mid, DateQualifier::late}) {
    EXPECT_EQ(qualifier_from_name(qualifier_name(q)), q);
  }
}

TEST(ParseQueryDate, RefusesUncertainForms) {
  // A query's ends are plain dates: "circa" belongs to records.
  for (const char* s : {"circa 1961", "[1958]", "1958?", "1958-1960", "1950s"}) {
    EXPECT_FALSE(parse_query_date(s)) << s;
  }
}

TEST(ParseDate, ErrorQuotesTheText) {
  DateParse r = parse_date("Febtember 31, 19611");
  EXPECT_NE(r.error.find("'Febtember 31, 19611'"), std::string::npos) << r.error;
}

TEST(ParseDate, NeverThrowsOnHostileInput) {
  // Long digit runs must not reach std::stoi unchecked.
  EXPECT_NO_THROW(parse_date("99999999999999999999"));
  EXPECT_NO_THROW(parse_date("November 99999999999999999999, 1958"));
  EXPECT_NO_THROW(parse_date(std::string(10000, '1')));
  EXPECT_FALSE(parse_date("99999999999999999999").date.known());
}

TEST(ParseQueryDate, AcceptsTheRecordForms) {
  auto d = parse_query_date("1958");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->precision, DatePrecision::year);
  EXPECT_EQ(d->start.key(), "19580101");
  EXPECT_EQ(d->end.key(), "19581231");

  d = parse_query_date("1958-11");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->precision, DatePrecision::month);
  EXPECT_EQ(d->end.key(), "19581130");

  d = parse_query_date("1958-11-19");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->precision, DatePrecision::day);
  EXPECT_EQ(d->start, (Ymd{1958, 11, 19}));
  EXPECT_EQ(d->end, (Ymd{1958, 11, 19}));

  d = parse_query_date("November 1958");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->precision, DatePrecision::month);
  EXPECT_EQ(d->start, (Ymd{1958, 11, 1}));
  EXPECT_EQ(d->end, (Ymd{1958, 11, 30}));

  d = parse_query_date("19 November, 1958");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->iso(), "1958-11-19");
}

TEST(ParseQueryDate, RefusesWhatIsNotADate) {
  for (const char* s : {"", "n.d.", "undated", "garbage", "1958-13", "February 30, 1958", "1958-11-00",
                        "Febtember 31, 19611", "19581"}) {
    EXPECT_FALSE(parse_query_date(s)) << "'" << s << "'";
  }
}

TEST(DaysInMonth, GregorianLeapYears) {
  EXPECT_EQ(days_in_month(1958, 1), 31);
  EXPECT_EQ(days_in_month(1958, 2), 28);
  EXPECT_EQ(days_in_month(1960, 2), 29);
  EXPECT_EQ(days_in_month(1900, 2), 28);  // divisible by 100, not by 400
  EXPECT_EQ(days_in_month(2000, 2), 29);  // divisible by 400
  EXPECT_EQ(days_in_month(1958, 4), 30);
  EXPECT_EQ(days_in_month(1958, 6), 30);
  EXPECT_EQ(days_in_month(1958, 9), 30);
  EXPECT_EQ(days_in_month(1958, 11), 30);
  EXPECT_EQ(days_in_month(1958, 12), 31);
  EXPECT_EQ(days_in_month(1958, 0), 0);
  EXPECT_EQ(days_in_month(1958, 13), 0);
  EXPECT_EQ(days_in_month(1958, -1), 0);
}

TEST(Ymd, KeySortsAsTextAndIsoFollowsPrecision) {
  Ymd d{1958, 11, 9};
  EXPECT_EQ(d.key(), "19581109");
  Ymd early{958, 1, 1};
  EXPECT_EQ(early.key(), "09580101");
  EXPECT_LT(early.key(), d.key());  // zero padded, so text order is date order
  EXPECT_EQ(d.iso(DatePrecision::day), "1958-11-09");
  EXPECT_EQ(d.iso(DatePrecision::month), "1958-11");
  EXPECT_EQ(d.iso(DatePrecision::year), "1958");
  EXPECT_EQ(d.iso(DatePrecision::unknown), "");
}

TEST(Precision, NamesRoundTrip) {
  for (DatePrecision p : {DatePrecision::unknown, DatePrecision::year, DatePrecision::month, DatePrecision::day}) {
    EXPECT_EQ(precision_from_name(precision_name(p)), p) << precision_name(p);
  }
  EXPECT_STREQ(precision_name(DatePrecision::day), "day");
  EXPECT_STREQ(precision_name(DatePrecision::unknown), "unknown");
  EXPECT_EQ(precision_from_name("Day"), DatePrecision::unknown);
  EXPECT_EQ(precision_from_name(""), DatePrecision::unknown);
}

}  // namespace
}  // namespace opis

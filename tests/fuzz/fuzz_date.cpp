// Fuzz the date parser. Properties: never throws; the text is kept; a known
// date is a valid interval (start <= end, real days) inside the interval
// searched, each end shaped by its precision; a single date (not a range or
// a decade) without early/mid/late parses again from its ISO form to the
// same interval.
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "opis/base/date.h"

namespace {
bool valid(const opis::Ymd& d) {
  return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= opis::days_in_month(d.year, d.month);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const opis::DateParse p = opis::parse_date(text);
  const opis::Date& d = p.date;
  FUZZ_CHECK(text.find(d.text) != std::string::npos);
  if (!d.known()) {
    FUZZ_CHECK(d.iso().empty());
    return 0;
  }
  FUZZ_CHECK(p.error.empty());
  FUZZ_CHECK(valid(d.start) && valid(d.end));
  FUZZ_CHECK(d.start.key() <= d.end.key());
  // The interval searched holds the interval as written (circa widens it).
  const opis::Ymd lo = d.interval_start(), hi = d.interval_end();
  FUZZ_CHECK(valid(lo) && valid(hi));
  FUZZ_CHECK(lo.key() <= d.start.key() && d.end.key() <= hi.key());
  FUZZ_CHECK(!d.edtf().empty() && !d.display().empty());
  // Each end has the shape of its precision (a range's end has its own);
  // early/mid/late name a part of the period, inside it.
  const bool part_of_year = d.qualifier == opis::DateQualifier::early || d.qualifier == opis::DateQualifier::mid ||
                            d.qualifier == opis::DateQualifier::late;
  switch (part_of_year ? opis::DatePrecision::day : d.precision) {
    case opis::DatePrecision::day: break;
    case opis::DatePrecision::month: FUZZ_CHECK(d.start.day == 1); break;
    case opis::DatePrecision::year: FUZZ_CHECK(d.start.month == 1 && d.start.day == 1); break;
    case opis::DatePrecision::unknown: FUZZ_CHECK(false);
  }
  const opis::DatePrecision end_precision = part_of_year ? opis::DatePrecision::day
                                            : d.range    ? d.end_precision
                                                         : d.precision;
  switch (end_precision) {
    case opis::DatePrecision::day: break;
    case opis::DatePrecision::month: FUZZ_CHECK(d.end.day == opis::days_in_month(d.end.year, d.end.month)); break;
    case opis::DatePrecision::year: FUZZ_CHECK(d.end.month == 12 && d.end.day == 31); break;
    case opis::DatePrecision::unknown: FUZZ_CHECK(d.decade); break;
  }
  if (!d.range && !d.decade) {
    // One date: one day, month or year, and its ISO form reads back the same.
    FUZZ_CHECK(d.start.year == d.end.year);
    if (d.precision == opis::DatePrecision::day) FUZZ_CHECK(d.start == d.end);
    if (d.precision == opis::DatePrecision::month && !part_of_year) FUZZ_CHECK(d.start.month == d.end.month);
    if (d.qualifier == opis::DateQualifier::none || d.qualifier == opis::DateQualifier::circa ||
        d.qualifier == opis::DateQualifier::questioned) {
      auto again = opis::parse_query_date(d.iso());
      FUZZ_CHECK(again && again->precision == d.precision && again->start == d.start && again->end == d.end);
    }
  }
  return 0;
}

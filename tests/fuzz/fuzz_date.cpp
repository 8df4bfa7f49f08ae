// Fuzz the date parser. Properties: never throws; the text is kept; a known
// date is a valid interval (start <= end, real days) whose shape matches its
// precision; an unknown one has an error unless it is empty or "n.d."-like;
// a known date parses again from its ISO form to the same interval.
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "opis/date.h"

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
  FUZZ_CHECK(d.start.year == d.end.year);
  switch (d.precision) {
    case opis::DatePrecision::day: FUZZ_CHECK(d.start == d.end); break;
    case opis::DatePrecision::month:
      FUZZ_CHECK(d.start.month == d.end.month && d.start.day == 1 &&
                 d.end.day == opis::days_in_month(d.end.year, d.end.month));
      break;
    case opis::DatePrecision::year:
      FUZZ_CHECK(d.start.month == 1 && d.start.day == 1 && d.end.month == 12 && d.end.day == 31);
      break;
    case opis::DatePrecision::unknown: FUZZ_CHECK(false);
  }
  auto again = opis::parse_query_date(d.iso());
  FUZZ_CHECK(again && again->precision == d.precision && again->start == d.start && again->end == d.end);
  return 0;
}

// Archive dates: parse the forms records use ("November 19, 1958",
// "19 November, 1958", "1958-11-19", "November 1967", "1958", "n.d.") into an
// interval of days with a precision, keeping the original text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace opis {

enum class DatePrecision { unknown, year, month, day };

/// "day", "month", "year" or "unknown".
const char* precision_name(DatePrecision p);
/// Inverse of precision_name(); unknown for anything else.
DatePrecision precision_from_name(std::string_view name);

/// A calendar day; 0 in month/day means "not given".
struct Ymd {
  int year = 0;
  int month = 0;
  int day = 0;
  /// "YYYYMMDD", zero padded: sorts as text in date order.
  std::string key() const;
  /// ISO 8601 to the given precision: "1958", "1958-11", "1958-11-19".
  std::string iso(DatePrecision p) const;
  bool operator==(const Ymd&) const = default;
};

/// A record's date: what the record says, and what it means as an interval.
struct Date {
  std::string text;                 ///< as written in the record
  DatePrecision precision = DatePrecision::unknown;
  Ymd start;                        ///< first day of the interval
  Ymd end;                          ///< last day of the interval
  bool known() const { return precision != DatePrecision::unknown; }
  /// ISO form at its precision ("1958-11"), or "" when unknown.
  std::string iso() const { return known() ? start.iso(precision) : std::string(); }
};

/// Outcome of parse_date(): the date, and a message when the text was not
/// empty/"n.d." but could not be understood (the text is still kept).
struct DateParse {
  Date date;
  std::string error;
};

/// Parse a date as archive records write it. Never throws: an unparseable or
/// impossible date ("Febtember 31, 19611") gives precision unknown with the
/// text kept and `error` set; "n.d.", "undated" and "" give unknown without
/// error.
DateParse parse_date(std::string_view text);

/// Parse one end of a query range ("1958", "1958-11", "1958-11-19",
/// "November 1958"...). Returns nothing when the text is not a date.
std::optional<Date> parse_query_date(std::string_view text);

/// Number of days in a month (Gregorian), 0 for an invalid month.
int days_in_month(int year, int month);

}  // namespace opis

// Archive dates: parse the forms records use ("November 19, 1958",
// "19 November, 1958", "1958-11-19", "November 1967", "1958", "n.d.", and
// partial or uncertain ones: "circa 1961", "[1958]", "1958-1960", "1950s")
// into an interval of days with a precision and flags, keeping the original
// text.
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

/// How a date was qualified when written (docs/record-format.md#dates).
enum class DateQualifier {
  none,
  circa,       ///< "circa 1961", "ca. 1961", "c. 1961": EDTF "1961~"
  questioned,  ///< "1958?": EDTF "1958?"
  early,       ///< "early 1962": January to May
  mid,         ///< "mid 1962": April to September
  late,        ///< "late 1962": August to December
};

/// How many days a circa or questioned date is widened by on each side
/// when searched, by precision: 2 years for a year, 2 months for a month,
/// 7 days for a day (interval_start(), interval_end()).
inline constexpr int kCircaYears = 2;
inline constexpr int kCircaMonths = 2;
inline constexpr int kCircaDays = 7;

/// A record's date: what the record says, and what it means as an interval.
/// A range ("1958-1960", "between 12 and 14 May 1960") or a decade
/// ("1950s") has the precision of its ends and runs from the first day of
/// its start to the last day of its end.
struct Date {
  std::string text;  ///< as written in the record
  DatePrecision precision = DatePrecision::unknown;
  Ymd start;  ///< first day of the interval as written
  Ymd end;    ///< last day of the interval as written
  DateQualifier qualifier = DateQualifier::none;
  bool supplied = false;                                 ///< in square brackets: supplied by the editor ("[1958]")
  bool range = false;                                    ///< written as a range ("1958-1960", "between ...")
  bool decade = false;                                   ///< a decade ("1950s")
  DatePrecision end_precision = DatePrecision::unknown;  ///< of `end` as written (a range's end may differ)
  bool known() const { return precision != DatePrecision::unknown; }
  /// Circa, questioned, or only a part of a year (early/mid/late).
  bool uncertain() const { return qualifier != DateQualifier::none; }
  /// ISO form at its precision ("1958-11"), or "" when unknown. For a
  /// range, its start.
  std::string iso() const { return known() ? start.iso(precision) : std::string(); }
  /// The interval searched: start/end, widened for circa and questioned
  /// dates by kCircaYears/kCircaMonths/kCircaDays.
  Ymd interval_start() const;
  Ymd interval_end() const;
  /// An EDTF (ISO 8601-2) rendering: "1958-11", "1961~", "1958?",
  /// "1958/1960", "195X", "1962-01~/1962-05~"; "" when unknown. EDTF has no
  /// mark for a supplied date: see `supplied`.
  std::string edtf() const;
  /// The date for display, at its precision and with its qualifiers:
  /// "1958-11", "c. 1961", "1958?", "[1958]", "1958/1960", "1950s",
  /// "early 1962"; "" when unknown.
  std::string display() const;
};

/// "circa", "questioned", "early", "mid", "late" or "" (none).
const char* qualifier_name(DateQualifier q);
/// Inverse of qualifier_name(); none for anything else.
DateQualifier qualifier_from_name(std::string_view name);

/// Outcome of parse_date(): the date, and a message when the text was not
/// empty/"n.d." but could not be understood (the text is still kept).
struct DateParse {
  Date date;
  std::string error;
};

/// Parse a date as archive records write it. Never throws: an unparseable or
/// impossible date ("Febtember 31, 19611") gives precision unknown with the
/// text kept and `error` set; "n.d.", "undated" and "" give unknown without
/// error. Besides single dates it reads qualified and partial forms:
/// "circa 1961" ("ca.", "c.", "approx."), "1958?", "early/mid/late 1962",
/// "[1958]" (supplied), ranges "1958-1960", "1958 to 1960", "1958/1960",
/// "November 1958 - January 1959", "12-14 May 1960", "between 12 and 14
/// May 1960", and decades "1950s".
DateParse parse_date(std::string_view text);

/// Parse one end of a query range ("1958", "1958-11", "1958-11-19",
/// "November 1958"...). Returns nothing when the text is not a date.
std::optional<Date> parse_query_date(std::string_view text);

/// Number of days in a month (Gregorian), 0 for an invalid month.
int days_in_month(int year, int month);

}  // namespace opis

// Date parsing for archive records. Written by hand: the forms archives use
// ("19 November, 1958", "n.d.", "November 1967") are not what ICU's or the
// standard library's locale-bound parsers accept, and we need the precision
// and the interval, not one instant.
#include "opis/base/date.h"

#include <array>
#include <cctype>

#include <fmt/format.h>

#include "opis/base/text.h"

namespace opis {

namespace {

constexpr std::array<std::string_view, 12> kMonths = {"january",   "february", "march",    "april",
                                                      "may",       "june",     "july",     "august",
                                                      "september", "october",  "november", "december"};

// "nov", "nov.", "sept", "november" -> 11; 0 if not a month.
int month_number(std::string_view word) {
  std::string w = ascii_lower(word);
  if (!w.empty() && w.back() == '.') w.pop_back();
  if (w.size() < 3) return 0;
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    std::string_view m = kMonths[i];
    if (w == m) return static_cast<int>(i) + 1;
    if (w.size() <= m.size() && m.substr(0, w.size()) == w && (w.size() == 3 || w == "sept")) {
      return static_cast<int>(i) + 1;
    }
  }
  return 0;
}

struct Token {
  enum Kind { number, word } kind;
  std::string text;
};

// Tokens: runs of digits, runs of letters (with a trailing '.'); separators
// (space, ',', '-', '/') dropped. Returns false on any other character.
bool tokenize(std::string_view s, std::vector<Token>& out) {
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isdigit(c)) {
      std::size_t j = i;
      while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
      out.push_back({Token::number, std::string(s.substr(i, j - i))});
      i = j;
    } else if (std::isalpha(c)) {
      std::size_t j = i;
      while (j < s.size() && std::isalpha(static_cast<unsigned char>(s[j]))) ++j;
      if (j < s.size() && s[j] == '.') ++j;
      out.push_back({Token::word, std::string(s.substr(i, j - i))});
      i = j;
    } else if (c == ' ' || c == ',' || c == '-' || c == '/' || c == '\t') {
      ++i;
    } else {
      return false;
    }
  }
  return true;
}

bool to_int(const std::string& digits, int& v) {
  if (digits.empty() || digits.size() > 4) return false;
  v = std::stoi(digits);
  return true;
}

Date make(int y, int m, int d, std::string_view text) {
  Date date;
  date.text = std::string(text);
  if (d) {
    date.precision = DatePrecision::day;
    date.start = date.end = Ymd{y, m, d};
  } else if (m) {
    date.precision = DatePrecision::month;
    date.start = Ymd{y, m, 1};
    date.end = Ymd{y, m, days_in_month(y, m)};
  } else {
    date.precision = DatePrecision::year;
    date.start = Ymd{y, 1, 1};
    date.end = Ymd{y, 12, 31};
  }
  date.end_precision = date.precision;
  return date;
}

// Parse the forms; returns an error message, "" on success.
std::string parse_into(std::string_view text, Date& out) {
  std::string_view t = trim(text);
  std::vector<Token> tok;
  // A leading '-' is a minus sign, not a separator: "-1958" is not 1958.
  if (!t.empty() && t.front() == '-') return "not a date (negative year)";
  if (!tokenize(t, tok) || tok.empty()) return "not a date";
  int y = 0, m = 0, d = 0;
  auto year_ok = [&](const Token& k) { return k.kind == Token::number && k.text.size() == 4 && to_int(k.text, y); };
  if (tok.size() == 1) {
    // "1958"
    if (!year_ok(tok[0])) return "expected a year of four digits";
  } else if (tok.size() == 2) {
    if (tok[0].kind == Token::word && year_ok(tok[1])) {
      // "November 1967"
      m = month_number(tok[0].text);
      if (!m) return fmt::format("unknown month '{}'", tok[0].text);
    } else if (year_ok(tok[0]) && tok[1].kind == Token::number) {
      // "1958-11"
      if (!to_int(tok[1].text, m) || tok[1].text.size() > 2) return "bad month";
    } else {
      return "not a date";
    }
  } else if (tok.size() == 3) {
    if (year_ok(tok[0]) && tok[1].kind == Token::number && tok[2].kind == Token::number) {
      // "1958-11-19"
      if (tok[1].text.size() > 2 || tok[2].text.size() > 2) return "bad month or day";
      to_int(tok[1].text, m);
      to_int(tok[2].text, d);
    } else if (tok[0].kind == Token::word && tok[1].kind == Token::number && year_ok(tok[2])) {
      // "November 19, 1958"
      m = month_number(tok[0].text);
      if (!m) return fmt::format("unknown month '{}'", tok[0].text);
      if (tok[1].text.size() > 2) return "bad day";
      to_int(tok[1].text, d);
    } else if (tok[0].kind == Token::number && tok[1].kind == Token::word && year_ok(tok[2])) {
      // "19 November, 1958"
      m = month_number(tok[1].text);
      if (!m) return fmt::format("unknown month '{}'", tok[1].text);
      if (tok[0].text.size() > 2) return "bad day";
      to_int(tok[0].text, d);
    } else {
      return "not a date";
    }
  } else {
    return "not a date";
  }
  if (y < 1 || y > 9999) return "year out of range";
  // Check what was written, not what is non-zero: a written month or day of
  // 0 ("1958-11-00") does not exist and must not widen the date to the
  // month or year around it.
  const bool has_month = tok.size() >= 2, has_day = tok.size() == 3;
  if (has_month && (m < 1 || m > 12)) return fmt::format("month {} out of range", m);
  if (has_day && (d < 1 || d > days_in_month(y, m))) return fmt::format("day {} does not exist in {}-{:02}", d, y, m);
  out = make(y, m, d, text);
  return "";
}

// Days since 1970-01-01 of a valid Ymd, and back (proleptic Gregorian;
// the civil-from-days arithmetic on 400-year eras).
long to_days(const Ymd& d) {
  long y = d.year - (d.month <= 2 ? 1 : 0);
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long mp = (d.month + 9) % 12;
  long doy = (153 * mp + 2) / 5 + d.day - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Ymd from_days(long z) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return Ymd{year, month, day};
}

// Keep a widened date within the years a key can hold.
Ymd clamp(Ymd d) {
  if (d.year < 1) return Ymd{1, 1, 1};
  if (d.year > 9999) return Ymd{9999, 12, 31};
  return d;
}

// The first day `months` months before/after the month of `d` (day 1), or
// that month's last day when `last`.
Ymd shift_months(const Ymd& d, int months, bool last) {
  int m0 = d.year * 12 + (d.month - 1) + months;
  int y = m0 / 12, m = m0 % 12 + 1;
  return Ymd{y, m, last ? days_in_month(y, m) : 1};
}

// Longest text the qualified and range forms are looked for in: dates are
// short, and a range is tried at every separator.
constexpr std::size_t kMaxDateText = 80;

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && ascii_lower(s.substr(0, prefix.size())) == prefix;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// One end of a range, or a single date: the plain forms, and a decade
// "1950s" / "1950's".
std::string parse_point(std::string_view text, Date& out) {
  std::string_view t = trim(text);
  if ((t.size() == 5 && t[4] == 's') || (t.size() == 6 && t.substr(4) == "'s")) {
    if (all_digits(t.substr(0, 4)) && t[3] == '0') {
      int y = std::stoi(std::string(t.substr(0, 4)));
      if (y < 1) return "year out of range";
      out = make(y, 0, 0, text);
      out.end = Ymd{y + 9, 12, 31};
      out.decade = true;
      return "";
    }
  }
  return parse_into(t, out);
}

// The left end of a range that leaves out what the right end gives:
// "12" of "12-14 May 1960", "May" of "May - June 1960", "12 May" of
// "12 May - 14 June 1960".
std::string parse_left(std::string_view left, const Date& right, Date& out) {
  std::string_view l = trim(left);
  std::string err = parse_point(l, out);
  if (err.empty()) return err;
  if (all_digits(l) && l.size() <= 2 && right.precision == DatePrecision::day) {
    return parse_into(
        fmt::format("{} {}", l, std::string(kMonths[right.start.month - 1]) + " " + std::to_string(right.start.year)),
        out);
  }
  bool has_year = false;
  for (std::size_t i = 0; i + 4 <= l.size(); ++i) has_year = has_year || all_digits(l.substr(i, 4));
  if (!has_year && !l.empty() && std::isalpha(static_cast<unsigned char>(l[0])) &&
      right.precision != DatePrecision::year) {
    return parse_into(fmt::format("{} {}", l, right.start.year), out);
  }
  return err;
}

// A range: "1958-1960", "1958 - 1960", "1958–1960", "1958 to 1960",
// "1958/1960", "between A and B", "from A to B". Tries each separator in
// turn; "" and `out` set on the first that gives two dates in order.
std::string parse_range(std::string_view text, Date& out) {
  std::string_view t = trim(text);
  std::vector<std::string_view> seps;
  if (starts_with_ci(t, "between ")) {
    t = trim(t.substr(8));
    seps = {" and "};
  } else {
    if (starts_with_ci(t, "from ")) t = trim(t.substr(5));
    seps = {" to ", "\xE2\x80\x93", "\xE2\x80\x94", " - ", "/", "-"};
  }
  std::string lower = ascii_lower(t);
  for (std::string_view sep : seps) {
    for (std::size_t at = lower.find(sep); at != std::string::npos; at = lower.find(sep, at + 1)) {
      std::string_view left = t.substr(0, at), right = t.substr(at + sep.size());
      if (trim(left).empty() || trim(right).empty()) continue;
      // "1966-69" (US finding aids): the right end in the left's century;
      // only above 12, so that "1958-11" stays a month.
      std::string widened;
      if (std::string_view l = trim(left), r = trim(right);
          l.size() == 4 && all_digits(l) && r.size() == 2 && all_digits(r) && sep != "/") {
        int ly = std::stoi(std::string(l)), ry = ly / 100 * 100 + std::stoi(std::string(r));
        if (ry % 100 > 12 && ry > ly) {
          widened = std::to_string(ry);
          right = widened;
        }
      }
      Date b;
      if (!parse_point(right, b).empty()) {
        // "Dec. 17-18, 1987" (US finding aids): the right end takes the
        // left's month ("Dec. 18, 1987").
        std::string_view l = trim(left);
        auto space = l.rfind(' ');
        if (space == std::string_view::npos || !all_digits(l.substr(space + 1)) ||
            !std::isalpha(static_cast<unsigned char>(l[0])) || !all_digits(trim(right).substr(0, 1)))
          continue;
        if (!parse_point(std::string(l.substr(0, space)) + " " + std::string(trim(right)), b).empty()) continue;
      }
      Date a;
      if (!parse_left(left, b, a).empty()) continue;
      if (a.start.key() > b.start.key()) return "range ends before it starts";
      out = a;
      out.end = b.end;
      out.end_precision = b.decade ? DatePrecision::year : b.precision;
      out.range = true;
      out.decade = false;
      return "";
    }
  }
  return "not a date";
}

// Every form of parse_date(): "[...]" (supplied), a qualifier before
// ("circa", "ca.", "c.", "approx.", "early", "mid", "late") or after ("?",
// "~"), then a single date, a decade or a range.
std::string parse_record_date(std::string_view text, Date& out) {
  std::string_view t = trim(text);
  Date d;
  std::string plain = parse_into(t, d);
  if (plain.empty() || t.size() > kMaxDateText) {
    if (plain.empty()) out = d;
    return plain;
  }
  bool supplied = false;
  DateQualifier q = DateQualifier::none;
  auto strip_suffix_marks = [&] {
    while (!t.empty() && (t.back() == '?' || t.back() == '~')) {
      if (t.back() == '?' && q == DateQualifier::none) q = DateQualifier::questioned;
      if (t.back() == '~') q = DateQualifier::circa;
      t = trim(t.substr(0, t.size() - 1));
    }
  };
  strip_suffix_marks();
  if (t.size() >= 2 && t.front() == '[' && t.back() == ']') {
    supplied = true;
    t = trim(t.substr(1, t.size() - 2));
    strip_suffix_marks();
  }
  static constexpr std::pair<std::string_view, DateQualifier> kPrefixes[] = {
      {"circa", DateQualifier::circa},    {"ca.", DateQualifier::circa},     {"ca ", DateQualifier::circa},
      {"c.", DateQualifier::circa},       {"approx.", DateQualifier::circa}, {"approximately ", DateQualifier::circa},
      {"early ", DateQualifier::early},   {"mid-", DateQualifier::mid},      {"mid ", DateQualifier::mid},
      {"middle of ", DateQualifier::mid}, {"late ", DateQualifier::late}};
  for (const auto& [p, kind] : kPrefixes) {
    if (starts_with_ci(t, p)) {
      if (kind == DateQualifier::circa || q == DateQualifier::none) q = kind;
      t = trim(t.substr(p.size()));
      break;
    }
  }
  std::string err = parse_point(t, d);
  if (!err.empty()) {
    std::string range_err = parse_range(t, d);
    if (!range_err.empty()) return range_err == "not a date" ? plain : range_err;
  }
  if (q == DateQualifier::early || q == DateQualifier::mid || q == DateQualifier::late) {
    // A part of a year: early = January to May, mid = April to September,
    // late = August to December (the parts overlap: the words are loose).
    if (d.precision != DatePrecision::year || d.range || d.decade) return "early, mid or late takes a year";
    int y = d.start.year;
    int first = q == DateQualifier::early ? 1 : q == DateQualifier::mid ? 4 : 8;
    int last = q == DateQualifier::early ? 5 : q == DateQualifier::mid ? 9 : 12;
    d.start = Ymd{y, first, 1};
    d.end = Ymd{y, last, days_in_month(y, last)};
  }
  d.text = std::string(text);
  d.qualifier = q;
  d.supplied = supplied;
  out = d;
  return "";
}

}  // namespace

const char* qualifier_name(DateQualifier q) {
  switch (q) {
    case DateQualifier::circa: return "circa";
    case DateQualifier::questioned: return "questioned";
    case DateQualifier::early: return "early";
    case DateQualifier::mid: return "mid";
    case DateQualifier::late: return "late";
    case DateQualifier::none: break;
  }
  return "";
}

DateQualifier qualifier_from_name(std::string_view name) {
  for (DateQualifier q : {DateQualifier::circa, DateQualifier::questioned, DateQualifier::early, DateQualifier::mid,
                          DateQualifier::late}) {
    if (name == qualifier_name(q)) return q;
  }
  return DateQualifier::none;
}

Ymd Date::interval_start() const {
  if (qualifier != DateQualifier::circa && qualifier != DateQualifier::questioned) return start;
  switch (precision) {
    case DatePrecision::year: return clamp(Ymd{start.year - kCircaYears, 1, 1});
    case DatePrecision::month: return clamp(shift_months(start, -kCircaMonths, false));
    case DatePrecision::day: return clamp(from_days(to_days(start) - kCircaDays));
    case DatePrecision::unknown: break;
  }
  return start;
}

Ymd Date::interval_end() const {
  if (qualifier != DateQualifier::circa && qualifier != DateQualifier::questioned) return end;
  switch (end_precision == DatePrecision::unknown ? precision : end_precision) {
    case DatePrecision::year: return clamp(Ymd{end.year + kCircaYears, 12, 31});
    case DatePrecision::month: return clamp(shift_months(end, kCircaMonths, true));
    case DatePrecision::day: return clamp(from_days(to_days(end) + kCircaDays));
    case DatePrecision::unknown: break;
  }
  return end;
}

std::string Date::edtf() const {
  if (!known()) return "";
  std::string mark = qualifier == DateQualifier::circa        ? "~"
                     : qualifier == DateQualifier::questioned ? "?"
                     : uncertain()                            ? "~"
                                                              : "";
  if (decade) return fmt::format("{:03}X", start.year / 10) + mark;
  if (qualifier == DateQualifier::early || qualifier == DateQualifier::mid || qualifier == DateQualifier::late) {
    return start.iso(DatePrecision::month) + mark + "/" + end.iso(DatePrecision::month) + mark;
  }
  std::string s = start.iso(precision) + mark;
  if (!range) return s;
  return s + "/" + end.iso(end_precision == DatePrecision::unknown ? precision : end_precision) + mark;
}

std::string Date::display() const {
  if (!known()) return "";
  std::string s;
  if (decade) {
    s = fmt::format("{:04}s", start.year);
  } else if (range) {
    s = start.iso(precision) + "/" + end.iso(end_precision == DatePrecision::unknown ? precision : end_precision);
  } else {
    s = start.iso(precision);
  }
  switch (qualifier) {
    case DateQualifier::circa: s = "c. " + s; break;
    case DateQualifier::questioned: s += "?"; break;
    case DateQualifier::early: s = "early " + s; break;
    case DateQualifier::mid: s = "mid " + s; break;
    case DateQualifier::late: s = "late " + s; break;
    case DateQualifier::none: break;
  }
  return supplied ? "[" + s + "]" : s;
}

const char* precision_name(DatePrecision p) {
  static constexpr std::array<std::pair<DatePrecision, const char*>, 3> kNames = {
      {{DatePrecision::day, "day"}, {DatePrecision::month, "month"}, {DatePrecision::year, "year"}}};
  for (const auto& [precision, name] : kNames) {
    if (precision == p) return name;
  }
  return "unknown";
}

DatePrecision precision_from_name(std::string_view name) {
  if (name == "day") return DatePrecision::day;
  if (name == "month") return DatePrecision::month;
  if (name == "year") return DatePrecision::year;
  return DatePrecision::unknown;
}

std::string Ymd::key() const { return fmt::format("{:04}{:02}{:02}", year, month, day); }

std::string Ymd::iso(DatePrecision p) const {
  switch (p) {
    case DatePrecision::day: return fmt::format("{:04}-{:02}-{:02}", year, month, day);
    case DatePrecision::month: return fmt::format("{:04}-{:02}", year, month);
    case DatePrecision::year: return fmt::format("{:04}", year);
    case DatePrecision::unknown: break;
  }
  return "";
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2) {
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

DateParse parse_date(std::string_view text) {
  DateParse r;
  std::string_view t = trim(text);
  r.date.text = std::string(t);
  std::string lower = ascii_lower(t);
  // "[n.d.]": undated, said so by the editor.
  if (lower.size() >= 2 && lower.front() == '[' && lower.back() == ']')
    lower = trim_copy(lower.substr(1, lower.size() - 2));
  if (t.empty() || lower == "n.d." || lower == "n.d" || lower == "nd" || lower == "undated" || lower == "no date" ||
      lower == "date unknown") {
    return r;
  }
  Date d;
  std::string err = parse_record_date(t, d);
  if (err.empty()) {
    r.date = d;
  } else {
    r.error = fmt::format("cannot read date '{}' ({})", std::string(t), err);
  }
  return r;
}

std::optional<Date> parse_query_date(std::string_view text) {
  Date d;
  if (!parse_into(text, d).empty()) return std::nullopt;
  return d;
}

}  // namespace opis

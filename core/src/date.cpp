// Date parsing for archive records. Written by hand: the forms archives use
// ("19 November, 1958", "n.d.", "November 1967") are not what ICU's or the
// standard library's locale-bound parsers accept, and we need the precision
// and the interval, not one instant.
#include "opis/date.h"

#include <array>
#include <cctype>

#include <fmt/format.h>

#include "opis/text.h"

namespace opis {

namespace {

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

// "nov", "nov.", "sept", "november" -> 11; 0 if not a month.
int month_number(std::string_view word) {
  std::string w = ascii_lower(word);
  if (!w.empty() && w.back() == '.') w.pop_back();
  if (w.size() < 3) return 0;
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    std::string_view m = kMonths[i];
    if (w == m) return static_cast<int>(i) + 1;
    if (w.size() <= m.size() && m.substr(0, w.size()) == w &&
        (w.size() == 3 || w == "sept")) {
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
  auto year_ok = [&](const Token& k) {
    return k.kind == Token::number && k.text.size() == 4 && to_int(k.text, y);
  };
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
  if (has_day && (d < 1 || d > days_in_month(y, m)))
    return fmt::format("day {} does not exist in {}-{:02}", d, y, m);
  out = make(y, m, d, text);
  return "";
}

}  // namespace

const char* precision_name(DatePrecision p) {
  switch (p) {
    case DatePrecision::day: return "day";
    case DatePrecision::month: return "month";
    case DatePrecision::year: return "year";
    case DatePrecision::unknown: break;
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
  if (t.empty() || lower == "n.d." || lower == "n.d" || lower == "nd" ||
      lower == "undated" || lower == "no date" || lower == "date unknown") {
    return r;
  }
  Date d;
  std::string err = parse_into(t, d);
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

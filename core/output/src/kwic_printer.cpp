// The concordance printed: aligned text, JSON, CSV. Record text is
// untrusted (printer.cpp): each part of a text line is made safe on its
// line before the columns are measured, then the whole through
// terminal_output().
#include "opis/output/kwic_printer.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "opis/base/text.h"
#include "opis/base/untrusted.h"
#include "opis/output/export.h"

namespace opis {

std::string kwic_text(const std::vector<KwicLine>& given, bool color) {
  std::vector<KwicLine> lines = given;
  for (auto& l : lines) {
    for (std::string* s : {&l.id, &l.date, &l.reference, &l.left, &l.keyword, &l.right}) *s = terminal_safe(*s);
  }
  auto left_of = [](const KwicLine& l) { return (l.cut_left ? "..." : "") + l.left; };
  auto right_of = [](const KwicLine& l) { return l.right + (l.cut_right ? "..." : ""); };
  std::size_t lw = 0, kw = 0, rw = 0, iw = 0, dw = 0;
  for (const auto& l : lines) {
    lw = std::max(lw, display_width(left_of(l)));
    kw = std::max(kw, display_width(l.keyword));
    rw = std::max(rw, display_width(right_of(l)));
    iw = std::max(iw, display_width(l.id));
    dw = std::max(dw, display_width(l.date.empty() ? "undated" : l.date));
  }
  auto pad = [](const std::string& s, std::size_t width, bool right_align) {
    std::size_t w = display_width(s);
    std::string fill(width > w ? width - w : 0, ' ');
    return right_align ? fill + s : s + fill;
  };
  std::string out;
  for (const auto& l : lines) {
    std::string k = pad(l.keyword, kw, false);
    if (color)
      k = std::string(sgr::match) + l.keyword + std::string(sgr::reset) +
          std::string(kw - display_width(l.keyword), ' ');
    out += pad(left_of(l), lw, true) + " | " + k + " | " + pad(right_of(l), rw, false) + "  " + pad(l.id, iw, false) +
           "  " + pad(l.date.empty() ? "undated" : l.date, dw, false) + "  " + l.reference;
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += '\n';
  }
  return terminal_output(out, color);
}

nlohmann::json kwic_json(const std::vector<KwicLine>& lines) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& l : lines) {
    a.push_back({{"id", l.id},
                 {"date", l.date},
                 {"reference", l.reference},
                 {"left", l.left},
                 {"keyword", l.keyword},
                 {"right", l.right},
                 {"offset", l.offset}});
  }
  return a;
}

std::string kwic_csv(const std::vector<KwicLine>& lines) {
  std::string out = "id,date,reference,left,keyword,right,offset\r\n";
  for (const auto& l : lines) {
    out += fmt::format("{},{},{},{},{},{},{}\r\n", csv_field(l.id), csv_field(l.date), csv_field(l.reference),
                       csv_field(l.left), csv_field(l.keyword), csv_field(l.right), l.offset);
  }
  return out;
}

std::string kwic_output(const std::vector<KwicLine>& lines, std::string_view format, bool color) {
  if (format == "json") return json_text(kwic_json(lines)) + '\n';
  if (format == "csv") return kwic_csv(lines);
  return kwic_text(lines, color);
}

std::string kwic_summary(const KwicResult& k) {
  return fmt::format("{} occurrence{} in {} of {} matching record{}", k.lines.size(), k.lines.size() == 1 ? "" : "s",
                     k.records_with_lines, k.records, k.records == 1 ? "" : "s");
}

}  // namespace opis

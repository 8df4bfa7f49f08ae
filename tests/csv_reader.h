// A strict RFC 4180 reader for tests of the CSV export (unit and end to
// end): CRLF (or LF) between records, fields quoted when they need it, ""
// for a quote inside. Fails the running test on malformed input.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace opis::test {

using Rows = std::vector<std::vector<std::string>>;

inline Rows read_csv(const std::string& text) {
  Rows rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, was_quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"') {
      EXPECT_TRUE(field.empty() && !was_quoted) << "quote inside an unquoted field at byte " << i;
      quoted = was_quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      was_quoted = false;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r') {
        EXPECT_TRUE(i + 1 < text.size() && text[i + 1] == '\n') << "bare CR at byte " << i;
        ++i;
      }
      row.push_back(std::move(field));
      field.clear();
      was_quoted = false;
      rows.push_back(std::move(row));
      row.clear();
    } else {
      EXPECT_FALSE(was_quoted) << "text after a closing quote at byte " << i;
      field += c;
    }
  }
  EXPECT_FALSE(quoted) << "unterminated quoted field";
  if (!field.empty() || !row.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace opis::test

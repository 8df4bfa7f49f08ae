// Untrusted text made inert (issue 14): terminal_safe(), terminal_output(),
// json_text(), and the CSV and RIS exports' formula and line rules.
#include "opis/base/untrusted.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "opis/output/export.h"

namespace opis {
namespace {

TEST(Issue14TerminalSafe, ControlsAreShownEscaped) {
  EXPECT_EQ(terminal_safe("a\x1b[2Jb"), "a\\x1b[2Jb");
  EXPECT_EQ(terminal_safe("\x1b]0;pwned\x07"), "\\x1b]0;pwned\\x07");
  EXPECT_EQ(terminal_safe("del\x7f nul", TextLayout::block), "del\\x7f nul");
  EXPECT_EQ(terminal_safe(std::string("a\0b", 3)), "a\\x00b");
  // Tab and newline: escaped on a line, kept in a block; CR escaped in both.
  EXPECT_EQ(terminal_safe("a\tb\nc\rd"), "a\\tb\\nc\\rd");
  EXPECT_EQ(terminal_safe("a\tb\nc\rd", TextLayout::block), "a\tb\nc\\rd");
}

TEST(Issue14TerminalSafe, C1AndBidiControlsAreEscaped) {
  EXPECT_EQ(terminal_safe("\xc2\x9b"
                          "31m"),
            "\\u009b31m");  // CSI as UTF-8
  EXPECT_EQ(terminal_safe("\xc2\x80\xc2\x9f"), "\\u0080\\u009f");
  EXPECT_EQ(terminal_safe("x\xe2\x80\xaeyz"), "x\\u202eyz");  // RLO
  EXPECT_EQ(terminal_safe("\xe2\x80\xaa\xe2\x80\xac\xe2\x81\xa6\xe2\x81\xa9"), "\\u202a\\u202c\\u2066\\u2069");
}

TEST(Issue14TerminalSafe, InvalidUtf8IsShownByteByByte) {
  EXPECT_EQ(terminal_safe("a\x9b"
                          "b"),
            "a\\x9bb");                                         // a raw C1 byte
  EXPECT_EQ(terminal_safe("caf\xe9"), "caf\\xe9");              // Latin-1
  EXPECT_EQ(terminal_safe("\xc0\xaf"), "\\xc0\\xaf");           // overlong
  EXPECT_EQ(terminal_safe("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // a surrogate
  EXPECT_EQ(terminal_safe("\xe2\x82"), "\\xe2\\x82");           // cut short
}

TEST(Issue14TerminalSafe, NormalTextIsUnchanged) {
  for (const char* s : {"Khrushchev, N.S. – «Правда» 1958", "Ceaușescu; Kovač", "記録 一", "مصر والعراق", "עברית",
                        "a\xe2\x80\x8f"
                        "b\xe2\x80\x8e"
                        "c\xd8\x9c"
                        "d",
                        "back\\slash", "€ ¥ ©", ""}) {
    EXPECT_EQ(terminal_safe(s), s);
    EXPECT_EQ(terminal_safe(s, TextLayout::block), s);
    EXPECT_EQ(terminal_output(s, true), s);
  }
}

TEST(Issue14TerminalOutput, OnlyOurColoursPass) {
  const std::string ours = std::string(sgr::bold) + "t" + std::string(sgr::reset) + std::string(sgr::match) + "m" +
                           std::string(sgr::reset) + std::string(sgr::dim) + "d" + std::string(sgr::reset) + "\n";
  EXPECT_EQ(terminal_output(ours, true), ours);
  EXPECT_EQ(terminal_output(ours, false), "\\x1b[1mt\\x1b[0m\\x1b[1;31mm\\x1b[0m\\x1b[2md\\x1b[0m\n");
  EXPECT_EQ(terminal_output("\x1b[2J\x1b[1;32m\ta\n", true), "\\x1b[2J\\x1b[1;32m\ta\n");
}

TEST(Issue14JsonText, ControlsAreJsonEscapesAndTheValueIsKept) {
  const std::string v = "t\x1b[2J\x7f\xc2\x9b\xe2\x80\xae\xe2\x81\xa6 é 記 \xe2\x80\x8f";
  nlohmann::json j{
      {"k\x1b"
       "ey\xe2\x80\xae",
       v}};
  const std::string text = json_text(j, -1);
  EXPECT_EQ(text, "{\"k\\u001bey\\u202e\":\"t\\u001b[2J\\u007f\\u009b\\u202e\\u2066 é 記 \xe2\x80\x8f\"}");
  const auto back = nlohmann::json::parse(text);
  EXPECT_EQ(back, j);
  // Invalid UTF-8 becomes U+FFFD instead of an exception.
  EXPECT_EQ(json_text(nlohmann::json("a\x9b"
                                     "b"),
                      -1),
            "\"a\xef\xbf\xbd"
            "b\"");
}

TEST(Issue14CsvField, FormulasAreText) {
  EXPECT_EQ(csv_field("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  EXPECT_EQ(csv_field("+1"), "'+1");
  EXPECT_EQ(csv_field("-2+3"), "'-2+3");
  EXPECT_EQ(csv_field("-1958"), "'-1958");  // OWASP: no exception for numbers
  EXPECT_EQ(csv_field("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_field("\tx"), "'\tx");
  EXPECT_EQ(csv_field("\r=1"), "\"'\r=1\"");
  EXPECT_EQ(csv_field("a=b+c-d@e"), "a=b+c-d@e");  // only the first character counts
  EXPECT_EQ(csv_field("\x1b[2J=x"), "\\x1b[2J=x");
  EXPECT_EQ(csv_field("a\xc2\x9b\xe2\x80\xae"), "a\\u009b\\u202e");
}

TEST(Issue14RisLine, OneLineNoFormulaNoEntryEnd) {
  EXPECT_EQ(ris_line("AB", "text\nER  - \nTY  - JOUR"), "AB  - text ER  - TY  - JOUR\r\n");
  EXPECT_EQ(ris_line("AB",
                     "a\xe2\x80\xa8"
                     "ER  - \xc2\x85"
                     "b\xe2\x80\xa9"
                     "c"),
            "AB  - a ER  - b c\r\n");
  EXPECT_EQ(ris_line("TI", "=HYPERLINK(1)"), "TI  - '=HYPERLINK(1)\r\n");
  EXPECT_EQ(ris_line("TI", "\t-1"), "TI  - '-1\r\n");  // trimmed, then the formula rule
  EXPECT_EQ(ris_line("TI", "a\x1b[2J\xc2\x9b\xe2\x80\xae"), "TI  - a [2J\\u009b\\u202e\r\n");
}

}  // namespace
}  // namespace opis

// Untrusted text stays inert (issue 14, part 1): tests/hostile/make_terminal.py
// writes records whose every field, JSON key, id, file name and folder name
// holds terminal control sequences (ESC [2J, ESC ] 0;pwned BEL, C1 CSI as
// U+009B and as a raw 0x9b byte, one of our own colours left open) and
// bidi overrides, and formula-like values. The real opis-index indexes it
// (into a folder whose name is hostile too) and every output mode of
// opis-search, opis-index and opis-eval runs over it. Text output may hold
// no raw C0 control but newline and tab, no DEL, no C1 control, no invalid
// UTF-8, no bidi control, and with --color only our own colour sequences,
// each closed on its line; JSON must parse (and holds no raw control
// either); no CSV cell or RIS value may start as a formula; RIS keeps one
// record per entry.
#include <gtest/gtest.h>
#include <unicode/utf8.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "../csv_reader.h"
#include "process.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace opis::test;  // run, show, TempDir, kIndex, kSearch, kEval (process.h)

namespace {

// Our --color sequences (untrusted.h sgr::), written out again here so that
// a change there shows.
const std::vector<std::string> kOpen = {"\x1b[1m", "\x1b[1;31m", "\x1b[2m"};
const std::string kReset = "\x1b[0m";

enum class Kind { text, color, json, csv, ris };

// The text around byte `at`, every byte that is not printable ASCII as <xx>.
std::string around(const std::string& s, std::size_t at) {
  std::string out;
  for (std::size_t k = at < 30 ? 0 : at - 30; k < std::min(s.size(), at + 30); ++k) {
    auto b = static_cast<unsigned char>(s[k]);
    if (b < 0x20 || b >= 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "<%02x>", b);
      out += hex;
    } else {
      out += s[k];
    }
  }
  return out;
}

// The first thing in `s` a terminal would act on, or "". `color`: our colour
// sequences are allowed, each closed before the line ends and not nested.
// `crlf` (CSV and RIS): CR is allowed, before LF and, in CSV, inside a
// quoted cell, where RFC 4180 keeps it (the formula check reads the cells).
std::string first_unsafe(const std::string& s, bool crlf, bool color) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  bool open = false;
  for (int32_t i = 0; i < n;) {
    const std::size_t at = static_cast<std::size_t>(i);
    const uint8_t b = p[i];
    if (b == 0x1b && color) {
      std::string_view rest = std::string_view(s).substr(at);
      bool ours = false;
      for (const auto& o : kOpen) {
        if (rest.substr(0, o.size()) == o) {
          if (open) return "a colour opened inside another at byte " + std::to_string(at) + ": " + around(s, at);
          open = ours = true;
          i += static_cast<int32_t>(o.size());
          break;
        }
      }
      if (!ours && rest.substr(0, kReset.size()) == kReset) {
        if (!open) return "a reset with no colour open at byte " + std::to_string(at) + ": " + around(s, at);
        open = false;
        ours = true;
        i += static_cast<int32_t>(kReset.size());
      }
      if (ours) continue;
    }
    if (b == '\n' && open) return "a colour left open at the end of a line: " + around(s, at);
    if (b < 0x80) {
      const bool ok = b == '\n' || b == '\t' || (b >= 0x20 && b != 0x7f) || (crlf && b == '\r');
      if (!ok) return "control byte at " + std::to_string(at) + ": " + around(s, at);
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return "invalid UTF-8 at byte " + std::to_string(at) + ": " + around(s, at);
    if (c <= 0x9f) return "C1 control at byte " + std::to_string(at) + ": " + around(s, at);
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
      return "bidi control at byte " + std::to_string(at) + ": " + around(s, at);
  }
  if (open) return "a colour left open at the end";
  return "";
}

// A cell or value a spreadsheet would evaluate (OWASP: =, +, -, @, tab, CR first).
bool formula(const std::string& v) {
  return !v.empty() && std::string("=+-@\t\r").find(v.front()) != std::string::npos;
}

// The RIS entries of `s` (TY .. ER), checking every line is one tag line.
std::size_t ris_entries(const std::string& s) {
  static const std::regex tag_line(R"(^[A-Z][A-Z0-9]  - (.*)$)");
  std::istringstream in(s);
  std::size_t entries = 0;
  bool inside = false;
  for (std::string l; std::getline(in, l);) {
    if (!l.empty() && l.back() == '\r') l.pop_back();
    if (l.empty()) continue;
    std::smatch m;
    EXPECT_TRUE(std::regex_match(l, m, tag_line)) << "not a RIS tag line: " << l;
    if (m.empty()) continue;
    const std::string tag = l.substr(0, 2), value = m[1];
    EXPECT_FALSE(formula(value)) << "RIS value a spreadsheet would evaluate: " << l;
    if (tag == "TY") {
      EXPECT_FALSE(inside) << "TY inside an entry";
      inside = true;
    } else if (tag == "ER") {
      EXPECT_TRUE(inside) << "ER outside an entry";
      inside = false;
      ++entries;
    } else {
      EXPECT_TRUE(inside) << "a line outside an entry: " << l;
    }
  }
  EXPECT_FALSE(inside) << "an entry never ends";
  return entries;
}

class Issue14Inert : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = new TempDir;
    Result gen =
        run({"/usr/bin/env", "python3", (kSource / "tests/hostile/make_terminal.py").string(), s_dir->path().string()});
    ASSERT_EQ(gen.status, 0) << show(gen);
    s_expect = json::parse(slurp(s_dir->path() / "expect.json"));
    // The index folder's name is hostile too: messages and --status name it.
    s_db = (s_dir->path() / ("db\x1b]0;pwned\x07\xe2\x80\xae")).string();
    s_index = run({kIndex, "--db", s_db, (s_dir->path() / "in").string()});
  }
  static void TearDownTestSuite() {
    delete s_dir;
    s_dir = nullptr;
  }

  // Run `args` and check its output as `kind`, and its stderr as text;
  // its exit status at most `max_status` (2: an error is expected).
  static Result check(const std::string& program, std::vector<std::string> args, Kind kind, int max_status = 1) {
    args.insert(args.begin(), program);
    Result r = run(args);
    std::string what;
    for (const auto& a : args) what += " " + a;
    what = around(what, 0) + (what.size() > 60 ? "..." : "");
    SCOPED_TRACE(what);
    EXPECT_LE(r.status, max_status) << show(r);
    EXPECT_EQ(first_unsafe(r.err, false, false), "") << "stderr of" << what;
    const bool crlf = kind == Kind::csv || kind == Kind::ris;
    EXPECT_EQ(first_unsafe(r.out, crlf, kind == Kind::color), "") << "stdout of" << what;
    if (kind == Kind::json) {
      EXPECT_TRUE(json::accept(r.out)) << "not JSON: " << r.out.substr(0, 300);
    } else if (kind == Kind::csv) {
      for (const auto& row : read_csv(r.out)) {
        for (const auto& cell : row) EXPECT_FALSE(formula(cell)) << "CSV cell a spreadsheet would evaluate: " << cell;
      }
    } else if (kind == Kind::ris) {
      ris_entries(r.out);
    }
    return r;
  }
  static Result search(std::vector<std::string> args, Kind kind, int max_status = 1) {
    args.insert(args.begin(), {"--db", s_db});
    return check(kSearch, args, kind, max_status);
  }

  static std::string payload() { return s_expect["payload"]; }
  static std::string word() { return s_expect["word"]; }

  static TempDir* s_dir;
  static json s_expect;
  static std::string s_db;
  static Result s_index;
};

TempDir* Issue14Inert::s_dir = nullptr;
json Issue14Inert::s_expect;
std::string Issue14Inert::s_db;
Result Issue14Inert::s_index;

TEST_F(Issue14Inert, IndexerDiagnosticsAndSummaryAreInert) {
  // One file rejected (its name holds ESC, BEL, U+202E and a raw 0x9b).
  EXPECT_EQ(s_index.status, 1) << show(s_index);
  EXPECT_EQ(first_unsafe(s_index.err, false, false), "") << s_index.err;
  EXPECT_EQ(first_unsafe(s_index.out, false, false), "") << s_index.out;
  // The escapes are visible: the bad file is named, its bytes shown.
  EXPECT_NE(s_index.err.find(
                "dir\\x1b[2J\\u202e\\x9b-x/bad\\x1b[2J\\x1b]0;pwned\\x07\\u202e\\x9b.json:1:28: error: invalid JSON"),
            std::string::npos)
      << s_index.err;
  EXPECT_NE(s_index.err.find("cannot read date 'Febtember\\x1b[2J"), std::string::npos) << s_index.err;
  EXPECT_NE(s_index.out.find("Index '"), std::string::npos) << s_index.out;
  // Again, with the summary as JSON (the bad file is read again).
  check(kIndex, {"--db", s_db, "--format", "json", (s_dir->path() / "in").string()}, Kind::json);
}

TEST_F(Issue14Inert, EverySearchOutputIsInert) {
  const std::string w = word(), p = payload();
  // Every hostile record holds the word.
  Result text = search({"--limit", "100", w}, Kind::text);
  EXPECT_EQ(text.status, 0);
  EXPECT_NE(text.out.find("\\x1b[2J\\x1b]0;pwned\\x07\\u009b31m\\x1b[1m\\u202egnp.exe\\u2066x\\u2069\\u202c\\x7f"),
            std::string::npos)
      << "the payload shown escaped\n"
      << text.out;
  // The plain file's id is its path; the stored record holds U+FFFD for
  // the byte that is not UTF-8.
  EXPECT_NE(text.out.find("dir\\x1b[2J\\u202e\xef\xbf\xbd-x/plain\\x1b]0;pwned\\x07"), std::string::npos)
      << "the file name shown escaped\n"
      << text.out;
  Result js = search({"--limit", "100", "--format", "json", w}, Kind::json);
  const json j = json::parse(js.out);
  const std::size_t total = j["total"];
  EXPECT_GE(total, s_expect["ids"].size() + 1);
  // JSON says the payload exactly as the record holds it.
  bool found = false;
  for (const auto& h : j["results"]) found = found || h["id"] == "hid-json" + p;
  EXPECT_TRUE(found) << js.out.substr(0, 2000);

  search({"--limit", "100", "--color", "always", w}, Kind::color);
  search({"--facets", "person,place,year,lang,archive", "--facet-limit", "100", w}, Kind::text);
  search({"--facets", "person,place,year,lang,archive", "--color", "always", w}, Kind::color);
  search({"--facets", "person,place,year,lang,archive", "--format", "json", w}, Kind::json);
  search({"--kwic", w}, Kind::text);
  search({"--kwic", "--color", "always", w}, Kind::color);
  search({"--kwic", "--format", "json", w}, Kind::json);
  search({"--kwic", "--format", "csv", w}, Kind::csv);
  search({"--explain", w + " Khrush* person:Khrushchev place:Baghdad"}, Kind::text);
  search({"--kwic", "--explain", w}, Kind::text);
  // The query echoed: "No records match", "Did you mean".
  search({"graim" + p}, Kind::text);
  search({"grai" + p + " graim"}, Kind::color);
  search({"nothingmatchesthis" + p}, Kind::text);
  search({"--format", "json", "graim" + p}, Kind::json);
  search({"--sort", "date", "--from", "1950", w}, Kind::text);
  search({"--status"}, Kind::text);
  search({"--status", "--format", "json"}, Kind::json);
}

TEST_F(Issue14Inert, EveryExportIsInertAndNoCellIsAFormula) {
  const std::string w = word();
  Result json_out = search({"--limit", "100", "--format", "json", w}, Kind::json);
  const std::size_t total = json::parse(json_out.out)["total"];
  Result csv = search({"--format", "csv", w}, Kind::csv);
  EXPECT_EQ(read_csv(csv.out).size(), total + 1);
  EXPECT_NE(csv.out.find("'=HYPERLINK("), std::string::npos) << "the formula is there, neutralised\n" << csv.out;
  std::string all =
      "id,rank,date,date_edtf,date_start,date_end,date_text,title,archive,reference,repository,"
      "language,translation_language,contributors,translators,transcribers,url,summary,citation,score";
  search({"--format", "csv", "--fields", all, w}, Kind::csv);
  Result ris = search({"--format", "ris", w}, Kind::ris);
  EXPECT_EQ(ris_entries(ris.out), total) << "one RIS entry per record";
  search({"--format", "csljson", w}, Kind::json);
}

TEST_F(Issue14Inert, RecordLikeAndRegistersAreInert) {
  for (const auto& idj : s_expect["ids"]) {
    const std::string id = idj;
    Result t = search({"--record", id}, Kind::text);
    EXPECT_EQ(t.status, 0) << "record " << around(id, 0) << " not found\n" << show(t);
    search({"--record", id, "--color", "always"}, Kind::color);
    Result j = search({"--record", id, "--format", "json"}, Kind::json);
    if (j.status == 0) {
      EXPECT_EQ(json::parse(j.out)["id"], id);
    }
    search({"--record", id, "--format", "csv"}, Kind::csv);
    search({"--record", id, "--format", "ris"}, Kind::ris);
    search({"--record", id, "--format", "csljson"}, Kind::json);
    search({"--like", id}, Kind::text);
    search({"--like", id, "--format", "json"}, Kind::json);
  }
  // The JSON record's extra key and footnote label are shown escaped.
  Result full = search({"--record", s_expect["ids"][0]}, Kind::text);
  EXPECT_NE(full.out.find("Key\\x1b[2J"), std::string::npos) << full.out;
  EXPECT_NE(full.out.find("Footnote [1\\x1b[2J"), std::string::npos) << full.out;
  // An id that is not there: the message quotes it.
  search({"--record", "nope" + payload()}, Kind::text);
  for (const char* reg : {"--persons", "--places"}) {
    search({reg}, Kind::text);
    search({reg, "--color", "always"}, Kind::color);
    search({reg, "--format", "json"}, Kind::json);
  }
  search({"--persons", "Ann"}, Kind::text);
}

TEST_F(Issue14Inert, ErrorsAndEvaluationAreInert) {
  const std::string p = payload();
  // Fatal errors quote what was given.
  Result missing = check(kSearch, {"--db", (s_dir->path() / ("missing" + p)).string(), "x"}, Kind::text, 2);
  EXPECT_NE(missing.err.find("no index at"), std::string::npos) << missing.err;
  Result date = search({"--from", p, word()}, Kind::text, 2);
  EXPECT_NE(date.err.find("is not a date"), std::string::npos) << date.err;
  // opis-eval: ids and names from the gold file and the index.
  const std::string gold = (s_dir->path() / "gold.jsonl").string();
  Result ev = check(kEval, {"--db", s_db, "--gold", gold, "-v"}, Kind::text);
  EXPECT_EQ(ev.status, 0) << show(ev);
  EXPECT_NE(ev.out.find("not in the index"), std::string::npos) << ev.out;
  check(kEval, {"--db", s_db, "--gold", gold}, Kind::text);
  check(kEval, {"--db", s_db, "--gold", gold, "--format", "json"}, Kind::json);
}

}  // namespace

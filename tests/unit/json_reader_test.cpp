// Unit tests for the JSON and JSONL readers and for what every reader does
// with bad bytes (opis/record_reader.h), plus Diagnostic::format(). Each test
// writes real files into its own temporary directory.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include "scratch_dir.h"

#include "opis/base/diagnostic.h"
#include "opis/record/record.h"
#include "opis/record/record_reader.h"

namespace opis {
namespace {

namespace fs = std::filesystem;
using Names = std::vector<std::string>;

const std::string kSeedCitation =
    "\"Record of a Conversation of Cde. N.S. Khrushchev with a Delegation of Baghdad City Government\", "
    "November 19, 1958, Wilson Center Digital Archive, RGANI, f. 52, op. 1, d. 566, ll. 8-11. Contributed by "
    "Sergey Radchenko and translated by Angela Greenfield. <https://digitalarchive.umd.edu/document/209747>";

std::string format_all(const std::vector<Diagnostic>& diags) {
  std::string out;
  for (const auto& d : diags) out += d.format() + "\n";
  return out;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// What one read_record_file() call gave.
struct Read {
  int rejected = 0;
  std::vector<Record> records;
  std::vector<Diagnostic> diags;
};

class JsonReader : public opis::test::ScratchDir {
 protected:
  static Read read(const fs::path& p) {
    Read r;
    r.rejected = read_record_file(
        p, [&](Record&& rec) { r.records.push_back(std::move(rec)); }, r.diags);
    return r;
  }
  // Write and read a file that must give exactly one record and no error.
  Record one(const std::string& name, const std::string& bytes) {
    Read r = read(write(name, bytes));
    EXPECT_EQ(r.rejected, 0) << format_all(r.diags);
    EXPECT_EQ(r.records.size(), 1u) << format_all(r.diags);
    for (const auto& d : r.diags) EXPECT_NE(d.severity, Severity::error) << d.format();
    m_diags = r.diags;
    return r.records.empty() ? Record{} : r.records.front();
  }
  // Write and read a file that must be rejected whole with one error.
  Diagnostic rejected(const std::string& name, const std::string& bytes) {
    Read r = read(write(name, bytes));
    EXPECT_EQ(r.rejected, 1);
    EXPECT_TRUE(r.records.empty()) << "the sink must not be called";
    EXPECT_EQ(r.diags.size(), 1u) << format_all(r.diags);
    if (r.diags.empty()) return Diagnostic{};
    EXPECT_EQ(r.diags[0].severity, Severity::error);
    EXPECT_EQ(r.diags[0].path, (m_dir / name).string());
    return r.diags[0];
  }

  std::vector<Diagnostic> m_diags;
};

// --- Good records ---------------------------------------------------------

TEST_F(JsonReader, GoodRecordWithAllFields) {
  const std::string text = R"({
  "id": "abc-1",
  "date": "19 November, 1958",
  "title": "A Title",
  "citation": "\"Another Title\", 1960, Some Archive, BArch, B 1. Contributed by Zed Zee.",
  "archive": "Given Archive",
  "reference": "BArch, B 136/59748, 297-301",
  "repository": "Given Repository",
  "url": "https://example.org/document/999",
  "summary": "A summary.",
  "credits": "This document was made possible with support from Blavatnik Family Foundation",
  "funder": "Given Funder",
  "original_language": "Russian",
  "translation_language": "English",
  "contributors": ["Anna Smith", "Boris Ivanov"],
  "translators": ["Chen Wei"],
  "transcribers": ["Dmitri Orlov"],
  "body": "Text [Handwritten: in the body] more.\n\n[1] A note in the body.",
  "handwritten": ["given annotation"],
  "footnotes": [{"label": "a", "text": "Note A"}, "Note two", {"label": 7, "text": "Note seven"}],
  "extra": {"Keywords": "k1; k2"},
  "collection": "Iraq in the Cold War",
  "pages": 4
})";
  const fs::path p = write("record.json", text);
  Read got = read(p);
  ASSERT_EQ(got.rejected, 0) << format_all(got.diags);
  ASSERT_EQ(got.records.size(), 1u);
  EXPECT_TRUE(got.diags.empty()) << format_all(got.diags);
  const Record& r = got.records[0];
  EXPECT_EQ(r.id, "abc-1");
  EXPECT_EQ(r.source, p.string());
  EXPECT_EQ(r.source_line, 0);
  EXPECT_EQ(r.format, "json");
  EXPECT_EQ(r.date.text, "19 November, 1958");
  EXPECT_EQ(r.date.iso(), "1958-11-19");
  EXPECT_EQ(r.date.precision, DatePrecision::day);
  // Given fields win over what the citation says.
  EXPECT_EQ(r.title, "A Title");
  EXPECT_EQ(r.citation, "\"Another Title\", 1960, Some Archive, BArch, B 1. Contributed by Zed Zee.");
  EXPECT_EQ(r.archive, "Given Archive");
  EXPECT_EQ(r.reference, "BArch, B 136/59748, 297-301");
  EXPECT_EQ(r.repository, "Given Repository");
  EXPECT_EQ(r.url, "https://example.org/document/999");
  EXPECT_EQ(r.summary, "A summary.");
  EXPECT_EQ(r.credits, "This document was made possible with support from Blavatnik Family Foundation");
  EXPECT_EQ(r.funder, "Given Funder");
  EXPECT_EQ(r.original_language, "Russian");
  EXPECT_EQ(r.translation_language, "English");
  EXPECT_EQ(r.contributors, (Names{"Anna Smith", "Boris Ivanov"}));
  EXPECT_EQ(r.translators, Names{"Chen Wei"});
  EXPECT_EQ(r.transcribers, Names{"Dmitri Orlov"});
  EXPECT_EQ(r.body, "Text [Handwritten: in the body] more.\n\n[1] A note in the body.");
  // Given annotations and notes are taken as they are, not rescanned.
  EXPECT_EQ(r.handwritten, Names{"given annotation"});
  EXPECT_EQ(r.footnotes, (std::vector<Footnote>{{"a", "Note A"}, {"2", "Note two"}, {"7", "Note seven"}}));
  // "extra" first, then unknown string keys; unknown non-strings are dropped.
  using Extra = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(r.extra, (Extra{{"Keywords", "k1; k2"}, {"collection", "Iraq in the Cold War"}}));
}

TEST_F(JsonReader, DerivedFieldsWhenLeftOut) {
  Record r = one("derived.json", R"({
    "title": "T",
    "url": "https://example.org/document/rec-7/",
    "reference": "RGANI, f. 5, op. 30, d. 1",
    "credits": "This document was made possible with support from the Blavatnik Family Foundation.",
    "body": "[Handwritten: approved]\n\nText.\n\n[1] A note\ncontinued."
  })");
  EXPECT_EQ(r.id, "rec-7");
  EXPECT_EQ(r.repository, "RGANI");
  EXPECT_EQ(r.funder, "Blavatnik Family Foundation");
  EXPECT_EQ(r.handwritten, Names{"approved"});
  EXPECT_EQ(r.footnotes, (std::vector<Footnote>{{"1", "A note continued."}}));
  EXPECT_FALSE(r.date.known());
  EXPECT_TRUE(m_diags.empty()) << format_all(m_diags);
}

TEST_F(JsonReader, NamesGivenAsOneStringAreSplit) {
  Record r = one("names.json", R"({"title": "T", "contributors": "Anna Smith and Boris Ivanov",
    "translators": "Chen Wei, Dmitri Orlov, and N. Smith", "transcribers": "Eve Adams"})");
  EXPECT_EQ(r.contributors, (Names{"Anna Smith", "Boris Ivanov"}));
  EXPECT_EQ(r.translators, (Names{"Chen Wei", "Dmitri Orlov", "N. Smith"}));
  EXPECT_EQ(r.transcribers, Names{"Eve Adams"});
}

TEST_F(JsonReader, CitationOnlyRecordIsFilledFromTheCitation) {
  Record r = one("citation-only.json", nlohmann::json{{"citation", kSeedCitation}}.dump());
  EXPECT_TRUE(m_diags.empty()) << format_all(m_diags);
  EXPECT_EQ(r.citation, kSeedCitation);
  EXPECT_EQ(r.id, "209747");
  EXPECT_EQ(r.title, "Record of a Conversation of Cde. N.S. Khrushchev with a Delegation of Baghdad City Government");
  EXPECT_EQ(r.date.text, "November 19, 1958");
  EXPECT_EQ(r.date.iso(), "1958-11-19");
  EXPECT_EQ(r.archive, "Wilson Center Digital Archive");
  EXPECT_EQ(r.reference, "RGANI, f. 52, op. 1, d. 566, ll. 8-11");
  EXPECT_EQ(r.repository, "RGANI");
  EXPECT_EQ(r.url, "https://digitalarchive.umd.edu/document/209747");
  EXPECT_EQ(r.contributors, Names{"Sergey Radchenko"});
  EXPECT_EQ(r.translators, Names{"Angela Greenfield"});
}

TEST_F(JsonReader, ByteOrderMarkIsIgnored) {
  Record r = one("bom.json", "\xEF\xBB\xBF{\"id\": \"b\", \"title\": \"T\"}");
  EXPECT_TRUE(m_diags.empty()) << format_all(m_diags);
  EXPECT_EQ(r.id, "b");
  EXPECT_EQ(r.title, "T");
}

TEST_F(JsonReader, BadDateIsAWarningAndTheRecordIsKept) {
  Record r = one("bad-date.json", R"({"id": "d1", "date": "Febtember 31, 19611"})");
  ASSERT_EQ(m_diags.size(), 1u);
  EXPECT_EQ(m_diags[0].severity, Severity::warning);
  EXPECT_TRUE(contains(m_diags[0].message, "Febtember 31, 19611")) << m_diags[0].message;
  EXPECT_EQ(r.date.text, "Febtember 31, 19611");
  EXPECT_FALSE(r.date.known());
}

// --- Ids ------------------------------------------------------------------

TEST_F(JsonReader, IdFromIdThenUrlThenFileStem) {
  EXPECT_EQ(one("a.json", R"({"id": "given", "url": "https://example.org/document/111"})").id, "given");
  EXPECT_EQ(one("b.json", R"({"id": 42})").id, "42");
  EXPECT_EQ(one("c.json", R"({"url": "https://example.org/document/111"})").id, "111");
  EXPECT_EQ(one("d.json", R"({"url": "https://example.org/document/111?lang=en#top"})").id, "111");
  EXPECT_EQ(one("stem.json", R"({"title": "no id, no url"})").id, "stem");
  // A URL without a usable last segment does not give an id.
  EXPECT_EQ(one("host.json", R"({"url": "https://example.org"})").id, "host");
  EXPECT_EQ(one("weird.json", R"({"url": "https://example.org/a b"})").id, "weird");
}

TEST_F(JsonReader, JsonlIdsFromIdThenUrlThenStemAndLine) {
  Read got = read(write("batch.jsonl",
                        "{\"id\": \"given\"}\n"
                        "{\"url\": \"https://example.org/document/222\"}\n"
                        "{\"title\": \"neither\"}\n"));
  ASSERT_EQ(got.rejected, 0) << format_all(got.diags);
  ASSERT_EQ(got.records.size(), 3u);
  EXPECT_EQ(got.records[0].id, "given");
  EXPECT_EQ(got.records[1].id, "222");
  EXPECT_EQ(got.records[2].id, "batch-3");
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(got.records[i].format, "jsonl");
    EXPECT_EQ(got.records[i].source_line, i + 1);
  }
}

// --- Bad JSON -------------------------------------------------------------

TEST_F(JsonReader, SyntaxErrorPointsAtLineAndColumn) {
  // The second comma on line 3, column 16, is the error.
  Diagnostic d = rejected("syntax.json", "{\n  \"id\": \"x\",\n  \"title\": \"y\",,\n  \"body\": \"z\"\n}\n");
  EXPECT_EQ(d.line, 3);
  EXPECT_EQ(d.column, 16);
  EXPECT_TRUE(contains(d.message, "invalid JSON")) << d.message;
  EXPECT_TRUE(contains(d.message, "skipped")) << d.message;
  EXPECT_FALSE(contains(d.message, "[json.exception")) << d.message;
}

TEST_F(JsonReader, TruncatedJsonIsRejected) {
  Diagnostic d = rejected("truncated.json", "{\"id\": \"x\",\n \"title\": \"y");
  EXPECT_EQ(d.line, 2);
  EXPECT_TRUE(contains(d.message, "invalid JSON")) << d.message;
}

TEST_F(JsonReader, ArrayIsNotARecord) {
  Diagnostic d = rejected("array.json", R"([{"id": "1"}, {"id": "2"}])");
  EXPECT_TRUE(contains(d.message, "must be a JSON object")) << d.message;
  EXPECT_TRUE(contains(d.message, "array")) << d.message;
}

TEST_F(JsonReader, ScalarIsNotARecord) {
  Diagnostic d = rejected("scalar.json", "\"just a string\"");
  EXPECT_TRUE(contains(d.message, "must be a JSON object")) << d.message;
}

TEST_F(JsonReader, IntegersAreTakenAsText) {
  Record r = one("int.json", R"({"id": "i", "title": 5, "summary": -12})");
  EXPECT_EQ(r.title, "5");
  EXPECT_EQ(r.summary, "-12");
}

TEST_F(JsonReader, NullIsLikeAMissingField) {
  Record r = one("null.json", R"({"id": "n", "title": null, "contributors": null, "footnotes": null})");
  EXPECT_EQ(r.title, "");
  EXPECT_TRUE(r.contributors.empty());
  EXPECT_TRUE(r.footnotes.empty());
}

struct WrongType {
  std::string json;
  std::string field;  // named in the message
};

std::ostream& operator<<(std::ostream& os, const WrongType& w) { return os << w.json; }

class JsonWrongType : public JsonReader, public ::testing::WithParamInterface<WrongType> {};

TEST_P(JsonWrongType, RejectedNamingTheField) {
  Diagnostic d = rejected("wrong.json", GetParam().json);
  EXPECT_EQ(d.line, 0);
  EXPECT_TRUE(contains(d.message, "'" + GetParam().field + "'") || contains(d.message, GetParam().field)) << d.message;
  EXPECT_TRUE(contains(d.message, "skipped")) << d.message;
}

INSTANTIATE_TEST_SUITE_P(
    Fields, JsonWrongType,
    ::testing::Values(WrongType{R"({"title": [1]})", "title"}, WrongType{R"({"title": 5.5})", "title"},
                      WrongType{R"({"title": true})", "title"}, WrongType{R"({"id": {"a": 1}})", "id"},
                      WrongType{R"({"date": 1958.5})", "date"}, WrongType{R"({"contributors": 5})", "contributors"},
                      WrongType{R"({"contributors": ["A", 1]})", "contributors"},
                      WrongType{R"({"handwritten": {"a": "b"}})", "handwritten"},
                      WrongType{R"({"footnotes": "a note"})", "footnotes"},
                      WrongType{R"({"footnotes": [{"label": "1"}]})", "footnotes"},
                      WrongType{R"({"extra": ["x"]})", "extra"}, WrongType{R"({"extra": {"k": 1}})", "k"}));

// --- JSONL ----------------------------------------------------------------

TEST_F(JsonReader, JsonlGoodBadAndBlankLines) {
  const fs::path p = write("batch.jsonl",
                           "{\"id\": \"one\", \"title\": \"First\"}\n"
                           "{\"id\": \"two\", \"title\": \"Second\"}\n"
                           "\n"
                           "{\"id\": \"bad\", }\n"
                           "{\"id\": \"three\", \"title\": \"Third\"}\n");
  Read got = read(p);
  EXPECT_EQ(got.rejected, 1);
  ASSERT_EQ(got.records.size(), 3u) << format_all(got.diags);
  EXPECT_EQ(got.records[0].id, "one");
  EXPECT_EQ(got.records[0].source_line, 1);
  EXPECT_EQ(got.records[1].id, "two");
  EXPECT_EQ(got.records[1].source_line, 2);
  EXPECT_EQ(got.records[2].id, "three");
  EXPECT_EQ(got.records[2].source_line, 5);
  EXPECT_EQ(got.records[2].title, "Third");
  EXPECT_EQ(got.records[2].source, p.string());
  ASSERT_EQ(got.diags.size(), 1u) << format_all(got.diags);
  EXPECT_EQ(got.diags[0].severity, Severity::error);
  EXPECT_EQ(got.diags[0].path, p.string());
  EXPECT_EQ(got.diags[0].line, 4);
  EXPECT_EQ(got.diags[0].column, 15);  // the '}' where a key was due
  EXPECT_TRUE(contains(got.diags[0].message, "invalid JSON")) << got.diags[0].message;
  EXPECT_TRUE(contains(got.diags[0].message, "line skipped")) << got.diags[0].message;
}

TEST_F(JsonReader, JsonlColumnCountsLeadingWhiteSpace) {
  // The column is in the file's line, not in the line once trimmed.
  Read got = read(write("indented.jsonl", "{\"id\": \"a\"}\n    {\"id\": \"bad\", }\n"));
  EXPECT_EQ(got.rejected, 1);
  ASSERT_EQ(got.diags.size(), 1u) << format_all(got.diags);
  EXPECT_EQ(got.diags[0].line, 2);
  EXPECT_EQ(got.diags[0].column, 19);  // four spaces, then the '}' at 15
}

TEST_F(JsonReader, JsonlCrlfAndNoFinalNewline) {
  Read got = read(write("crlf.jsonl", "{\"id\": \"a\"}\r\n{\"id\": \"b\"}"));
  EXPECT_EQ(got.rejected, 0) << format_all(got.diags);
  ASSERT_EQ(got.records.size(), 2u);
  EXPECT_EQ(got.records[1].id, "b");
  EXPECT_EQ(got.records[1].source_line, 2);
}

TEST_F(JsonReader, JsonlWrongTypeAndNonObjectLinesAreCounted) {
  Read got =
      read(write("mixed.jsonl", "{\"id\": \"a\"}\n[1, 2]\n{\"title\": [1]}\n{\"id\": \"b\", \"date\": \"garbage\"}\n"));
  EXPECT_EQ(got.rejected, 2);
  ASSERT_EQ(got.records.size(), 2u);
  ASSERT_EQ(got.diags.size(), 3u) << format_all(got.diags);
  EXPECT_EQ(got.diags[0].line, 2);
  EXPECT_EQ(got.diags[0].severity, Severity::error);
  EXPECT_TRUE(contains(got.diags[0].message, "must be a JSON object")) << got.diags[0].message;
  EXPECT_EQ(got.diags[1].line, 3);
  EXPECT_EQ(got.diags[1].severity, Severity::error);
  EXPECT_TRUE(contains(got.diags[1].message, "title")) << got.diags[1].message;
  // A bad date only warns, at its line, and the record is kept.
  EXPECT_EQ(got.diags[2].line, 4);
  EXPECT_EQ(got.diags[2].severity, Severity::warning);
  EXPECT_EQ(got.records[1].date.text, "garbage");
}

// --- Bytes: encodings, binary, empty -------------------------------------

TEST_F(JsonReader, InvalidUtf8IsReplacedWithAWarning) {
  const fs::path p = write("latin1.txt", "A plain letter.\n\nFrom Bucure\xBAti, \xE9t\xE9 1958.\n");
  Read got = read(p);
  EXPECT_EQ(got.rejected, 0);
  ASSERT_EQ(got.records.size(), 1u);
  ASSERT_EQ(got.diags.size(), 1u) << format_all(got.diags);
  EXPECT_EQ(got.diags[0].severity, Severity::warning);
  EXPECT_EQ(got.diags[0].line, 3);
  EXPECT_TRUE(contains(got.diags[0].message, "UTF-8")) << got.diags[0].message;
  EXPECT_EQ(got.records[0].body, "A plain letter.\n\nFrom Bucure\xEF\xBF\xBDti, \xEF\xBF\xBDt\xEF\xBF\xBD 1958.");
}

TEST_F(JsonReader, InvalidUtf8InsideJsonString) {
  Record r = one("bad-utf8.json", "{\"id\": \"u\",\n\"title\": \"caf\xE9\"}");
  ASSERT_EQ(m_diags.size(), 1u) << format_all(m_diags);
  EXPECT_EQ(m_diags[0].line, 2);
  EXPECT_EQ(r.title, "caf\xEF\xBF\xBD");
}

TEST_F(JsonReader, NulByteMeansBinary) {
  Diagnostic d = rejected("binary.txt", std::string("text\nmore\0rest", 14));
  EXPECT_TRUE(contains(d.message, "binary")) << d.message;
  EXPECT_EQ(d.line, 2);
  EXPECT_EQ(d.column, 5);
}

TEST_F(JsonReader, EmptyAndWhitespaceOnlyFiles) {
  for (const char* name : {"empty.txt", "empty.json", "empty.jsonl"}) {
    Diagnostic d = rejected(name, "");
    EXPECT_TRUE(contains(d.message, "empty")) << name << ": " << d.message;
  }
  Diagnostic d = rejected("blank.txt", " \n\t\r\n  \n");
  EXPECT_TRUE(contains(d.message, "empty")) << d.message;
  d = rejected("bom-only.txt", "\xEF\xBB\xBF\n");
  EXPECT_TRUE(contains(d.message, "empty")) << d.message;
}

TEST_F(JsonReader, MissingFileIsOneRejection) {
  Read got = read(m_dir / "nope.json");
  EXPECT_EQ(got.rejected, 1);
  EXPECT_TRUE(got.records.empty());
  ASSERT_EQ(got.diags.size(), 1u);
  EXPECT_EQ(got.diags[0].severity, Severity::error);
  EXPECT_TRUE(contains(got.diags[0].message, "cannot read")) << got.diags[0].message;
}

// UTF-16 bytes of `s`, with a BOM.
std::string utf16(const std::u16string& s, bool little_endian) {
  std::string out = little_endian ? "\xFF\xFE" : "\xFE\xFF";
  for (char16_t c : s) {
    char lo = static_cast<char>(c & 0xFF), hi = static_cast<char>(c >> 8);
    if (little_endian) {
      out += lo;
      out += hi;
    } else {
      out += hi;
      out += lo;
    }
  }
  return out;
}

TEST_F(JsonReader, Utf16WithBomIsDecoded) {
  const std::u16string text =
      u"November 19, 1958\r\n\r\n**Meeting with Ceau\u0219escu**\r\n\r\nSummary:\r\n\r\n\u0420\u0435\u0447\u044c "
      u"and \U0001F4DC.\r\n\r\nContents:\r\n\r\nText.\r\n";
  for (bool le : {true, false}) {
    Record r = one(le ? "utf16le.txt" : "utf16be.txt", utf16(text, le));
    EXPECT_TRUE(m_diags.empty()) << format_all(m_diags);
    EXPECT_EQ(r.format, "seed");
    EXPECT_EQ(r.date.iso(), "1958-11-19");
    EXPECT_EQ(r.title,
              "Meeting with Ceau\xC8\x99"
              "escu");
    EXPECT_EQ(r.summary, "\xD0\xA0\xD0\xB5\xD1\x87\xD1\x8C and \xF0\x9F\x93\x9C.");
    EXPECT_EQ(r.body, "Text.");
  }
  Record j = one("utf16.json", utf16(u"{\"id\": \"x\", \"title\": \"Ceau\u0219escu\"}", true));
  EXPECT_EQ(j.title,
            "Ceau\xC8\x99"
            "escu");
}

TEST(SanitizeUtf8, BomAndInvalidSequences) {
  std::string s = "\xEF\xBB\xBFok \xC3\xA9";
  EXPECT_EQ(sanitize_utf8(s), 0);
  EXPECT_EQ(s, "ok \xC3\xA9");

  s = "line 1\nline 2 \xC0\xAF overlong";
  EXPECT_EQ(sanitize_utf8(s), 2);
  EXPECT_EQ(s, "line 1\nline 2 \xEF\xBF\xBD\xEF\xBF\xBD overlong");

  s = "surrogate \xED\xA0\x80 end";
  EXPECT_EQ(sanitize_utf8(s), 1);
  EXPECT_EQ(s, "surrogate \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD end");

  s = "cut \xE2\x80";
  EXPECT_EQ(sanitize_utf8(s), 1);
  EXPECT_EQ(s, "cut \xEF\xBF\xBD\xEF\xBF\xBD");

  s = "above \xF4\x90\x80\x80";  // U+110000
  EXPECT_EQ(sanitize_utf8(s), 1);

  s = "four bytes \xF0\x9F\x93\x9C fine";
  EXPECT_EQ(sanitize_utf8(s), 0);
  EXPECT_EQ(s, "four bytes \xF0\x9F\x93\x9C fine");
}

TEST(IsRecordFile, Extensions) {
  EXPECT_TRUE(is_record_file("a/209747.txt"));
  EXPECT_TRUE(is_record_file("a/b.json"));
  EXPECT_TRUE(is_record_file("a/b.jsonl"));
  EXPECT_TRUE(is_record_file("a/B.JSON"));
  EXPECT_FALSE(is_record_file("a/b.md"));
  EXPECT_FALSE(is_record_file("a/README"));
  EXPECT_FALSE(is_record_file("a/b.json.bak"));
}

// --- Diagnostic -----------------------------------------------------------

TEST(DiagnosticFormat, OmitsAbsentParts) {
  EXPECT_EQ((Diagnostic{Severity::error, "path", 3, 5, "msg"}).format(), "path:3:5: error: msg");
  EXPECT_EQ((Diagnostic{Severity::error, "path", 3, 0, "msg"}).format(), "path:3: error: msg");
  EXPECT_EQ((Diagnostic{Severity::warning, "path", 0, 0, "msg"}).format(), "path: warning: msg");
  EXPECT_EQ((Diagnostic{Severity::warning, "dir/a.jsonl", 12, 1, "bad; line skipped"}).format(),
            "dir/a.jsonl:12:1: warning: bad; line skipped");
  // A column means nothing without a line.
  EXPECT_EQ((Diagnostic{Severity::error, "path", 0, 5, "msg"}).format(), "path: error: msg");
  EXPECT_EQ((Diagnostic{Severity::error, "", 0, 0, "msg"}).format(), "opis: error: msg");
}

}  // namespace
}  // namespace opis

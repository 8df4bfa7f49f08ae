// Unit tests for the seed layout reader (opis/record_reader.h): the real
// record Opis exists for, read field by field, then the variations of the
// layout other records and editors produce (line endings, BOM, section
// order, missing or unknown sections, broken titles and dates, plain text).
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

std::string format_all(const std::vector<Diagnostic>& diags) {
  std::string out;
  for (const auto& d : diags) out += d.format() + "\n";
  return out;
}

// Read one file expecting exactly one record (and a return value of 0).
Record read_one(const fs::path& p, std::vector<Diagnostic>& diags) {
  std::vector<Record> got;
  int rejected = read_record_file(
      p, [&](Record&& r) { got.push_back(std::move(r)); }, diags);
  EXPECT_EQ(rejected, 0) << format_all(diags);
  EXPECT_EQ(got.size(), 1u) << format_all(diags);
  return got.empty() ? Record{} : std::move(got.front());
}

bool starts_with(const std::string& s, const std::string& p) { return s.compare(0, p.size(), p) == 0; }
bool ends_with(const std::string& s, const std::string& p) {
  return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

// --- The real record -------------------------------------------------------

TEST(SeedRecord, RealRecord209747EveryField) {
  const fs::path path = std::string(OPIS_SHARED_CORPUS) + "/records/209747.txt";
  ASSERT_TRUE(fs::exists(path)) << path;
  std::vector<Diagnostic> diags;
  Record r = read_one(path, diags);
  EXPECT_TRUE(diags.empty()) << format_all(diags);

  EXPECT_EQ(r.id, "209747");
  EXPECT_EQ(r.source, path.string());
  EXPECT_EQ(r.source_line, 0);
  EXPECT_EQ(r.format, "seed");

  EXPECT_EQ(r.date.precision, DatePrecision::day);
  EXPECT_EQ(r.date.start, (Ymd{1958, 11, 19}));
  EXPECT_EQ(r.date.end, (Ymd{1958, 11, 19}));
  EXPECT_EQ(r.date.iso(), "1958-11-19");
  EXPECT_EQ(r.date.text, "November 19, 1958");

  EXPECT_EQ(r.title, "Record of a Conversation of Cde. N.S. Khrushchev with a Delegation of Baghdad City Government");
  EXPECT_EQ(r.citation,
            "\"Record of a Conversation of Cde. N.S. Khrushchev with a Delegation of Baghdad City Government\", "
            "November 19, 1958, Wilson Center Digital Archive, RGANI, f. 52, op. 1, d. 566, ll. 8-11. "
            "Contributed by Sergey Radchenko and translated by Angela Greenfield. "
            "<https://digitalarchive.umd.edu/document/209747>");
  EXPECT_EQ(r.archive, "Wilson Center Digital Archive");
  EXPECT_EQ(r.reference, "RGANI, f. 52, op. 1, d. 566, ll. 8-11");
  EXPECT_EQ(r.repository, "RGANI");
  EXPECT_EQ(r.url, "https://digitalarchive.umd.edu/document/209747");
  EXPECT_EQ(r.contributors, Names{"Sergey Radchenko"});
  EXPECT_EQ(r.translators, Names{"Angela Greenfield"});
  EXPECT_TRUE(r.transcribers.empty());

  EXPECT_EQ(r.summary,
            "Khrushchev meets with a delegation from the Baghdad City Government to congratulate them on their "
            "recent revolution and offer advice on the Iraqi government's future strategy.");
  EXPECT_EQ(r.credits, "This document was made possible with support from Blavatnik Family Foundation");
  EXPECT_EQ(r.funder, "Blavatnik Family Foundation");
  EXPECT_EQ(r.original_language, "Russian");
  EXPECT_EQ(r.translation_language, "English");

  EXPECT_TRUE(starts_with(r.body, "[Handwritten: Forward to members")) << r.body.substr(0, 80);
  EXPECT_TRUE(ends_with(r.body, "did not review the record of the conversation]"))
      << r.body.substr(r.body.size() > 80 ? r.body.size() - 80 : 0);
  EXPECT_NE(r.body.find("demonstration of military force"), std::string::npos);
  // The "Translation - English" line opens Contents; it is not body text.
  EXPECT_EQ(r.body.find("Translation - English"), std::string::npos);
  // Paragraphs stay apart; the en dash survives as UTF-8.
  EXPECT_NE(r.body.find("for dissemination]\n\n[Handwritten: Sent out on 24-XI]"), std::string::npos);
  EXPECT_NE(r.body.find("dilemma \xE2\x80\x93 to surrender"), std::string::npos);

  EXPECT_EQ(r.handwritten,
            (Names{"Forward to members and candidate members of the Presidium of the CPSU Central Committee, "
                   "including Cdes. Gromyko and Ponomarev (orders of Comrade N.S. Khrushchev)",
                   "send to the General Section of the CPSU Central Committee for dissemination", "Sent out on 24-XI",
                   "\"sent out\"", "Cde. N.S. Khrushchev did not review the record of the conversation"}));
  EXPECT_EQ(r.footnotes,
            (std::vector<Footnote>{{"1",
                                    "* [handwritten: Cde. N.S. Khrushchev did not review the record of the "
                                    "conversation]"}}));
  EXPECT_TRUE(r.extra.empty());
}

TEST(SeedRecord, RealRecordSurvivesStoredJsonRoundTrip) {
  // What the index stores is what the searcher prints: nothing may be lost.
  const fs::path path = std::string(OPIS_SHARED_CORPUS) + "/records/209747.txt";
  std::vector<Diagnostic> diags;
  Record r = read_one(path, diags);
  nlohmann::json j = to_json(r);
  Record back = record_from_stored_json(nlohmann::json::parse(j.dump()));
  EXPECT_EQ(to_json(back), j);
  EXPECT_EQ(back.date.start, r.date.start);
  EXPECT_EQ(back.date.end, r.date.end);
  EXPECT_EQ(back.date.precision, r.date.precision);
}

// --- Layout variants, built here -----------------------------------------

// Parts of a small seed record; make() joins them in the seed layout.
struct Seed {
  std::string date = "November 19, 1958";
  std::vector<std::string> title = {"**Record of a Conversation of Cde. N.S. Khrushchev",
                                    "with a Delegation of Baghdad City Government**"};
  // label and text of each section, in file order
  std::vector<std::pair<std::string, std::string>> sections = {
      {"Citation",
       "\"Record of a Conversation of Cde. N.S. Khrushchev with a Delegation of Baghdad City Government\", "
       "November 19, 1958, Wilson Center Digital Archive, RGANI, f. 52, op. 1, d. 566, ll. 8-11. Contributed "
       "by Sergey Radchenko and translated by Angela Greenfield. <https://digitalarchive.umd.edu/document/209747>"},
      {"Summary", "Khrushchev meets with a delegation from the Baghdad City Government."},
      {"Credits", "This document was made possible with support from Blavatnik Family Foundation"},
      {"Original Language", "Russian"},
      {"Contents",
       "Translation - English\n\n[Handwritten: Sent out on 24-XI]\n\nRECORD OF A CONVERSATION\n19 November, "
       "1958^[1]\n\nHassan states that the members of the delegation consider it a great honor.\n\n[1] * "
       "[handwritten: not reviewed]"}};

  std::string make() const {
    std::string out = "\n\n";
    if (!date.empty()) out += date + "\n\n";
    for (const auto& l : title) out += l + "\n";
    for (const auto& [label, text] : sections) out += "\n" + label + ":\n\n" + text + "\n";
    return out;
  }
};

const std::string kBody =
    "[Handwritten: Sent out on 24-XI]\n\nRECORD OF A CONVERSATION\n19 November, 1958^[1]\n\nHassan states that "
    "the members of the delegation consider it a great honor.\n\n[1] * [handwritten: not reviewed]";

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) {
    s.replace(p, from.size(), to);
  }
  return s;
}

// Every field but the source path, for comparing two readings.
nlohmann::json fields(const Record& r) {
  nlohmann::json j = to_json(r);
  j.erase("source");
  return j;
}

class SeedLayout : public opis::test::ScratchDir {
 protected:
  // Write `text` as `name` and read it, expecting one record.
  Record read(const std::string& name, const std::string& text) {
    m_diags.clear();
    return read_one(write(name, text), m_diags);
  }

  std::vector<Diagnostic> m_diags;
};

TEST_F(SeedLayout, SmallRecordFields) {
  Record r = read("209747.txt", Seed{}.make());
  EXPECT_TRUE(m_diags.empty()) << format_all(m_diags);
  EXPECT_EQ(r.format, "seed");
  EXPECT_EQ(r.id, "209747");
  EXPECT_EQ(r.date.iso(), "1958-11-19");
  EXPECT_EQ(r.title, "Record of a Conversation of Cde. N.S. Khrushchev with a Delegation of Baghdad City Government");
  EXPECT_EQ(r.archive, "Wilson Center Digital Archive");
  EXPECT_EQ(r.repository, "RGANI");
  EXPECT_EQ(r.contributors, Names{"Sergey Radchenko"});
  EXPECT_EQ(r.translators, Names{"Angela Greenfield"});
  EXPECT_EQ(r.summary, "Khrushchev meets with a delegation from the Baghdad City Government.");
  EXPECT_EQ(r.funder, "Blavatnik Family Foundation");
  EXPECT_EQ(r.original_language, "Russian");
  EXPECT_EQ(r.translation_language, "English");
  EXPECT_EQ(r.body, kBody);
  EXPECT_EQ(r.handwritten, (Names{"Sent out on 24-XI", "not reviewed"}));
  EXPECT_EQ(r.footnotes, (std::vector<Footnote>{{"1", "* [handwritten: not reviewed]"}}));
  EXPECT_TRUE(r.extra.empty());
}

TEST_F(SeedLayout, CrlfBomAndTrailingSpacesReadAsLf) {
  const std::string lf = Seed{}.make();
  const nlohmann::json want = fields(read("209747.txt", lf));
  ASSERT_TRUE(m_diags.empty()) << format_all(m_diags);

  EXPECT_EQ(fields(read("crlf/209747.txt", replace_all(lf, "\n", "\r\n"))), want) << "CRLF";
  EXPECT_TRUE(m_diags.empty()) << format_all(m_diags);
  EXPECT_EQ(fields(read("cr/209747.txt", replace_all(lf, "\n", "\r"))), want) << "CR";
  EXPECT_TRUE(m_diags.empty()) << format_all(m_diags);
  EXPECT_EQ(fields(read("bom/209747.txt", "\xEF\xBB\xBF" + lf)), want) << "BOM";
  EXPECT_TRUE(m_diags.empty()) << format_all(m_diags);
  EXPECT_EQ(fields(read("spaces/209747.txt", replace_all(lf, "\n", " \t \n"))), want) << "trailing spaces";
  EXPECT_TRUE(m_diags.empty()) << format_all(m_diags);
  EXPECT_EQ(fields(read("all/209747.txt", "\xEF\xBB\xBF" + replace_all(lf, "\n", "  \r\n"))), want)
      << "BOM, CRLF and trailing spaces";
  EXPECT_TRUE(m_diags.empty()) << format_all(m_diags);
}

TEST_F(SeedLayout, TitleOverThreeLines) {
  Seed s;
  s.title = {"**Record of a Conversation", "of Cde. N.S. Khrushchev with a Delegation", "of Baghdad City Government**"};
  Record r = read("209747.txt", s.make());
  EXPECT_TRUE(m_diags.empty()) << format_all(m_diags);
  EXPECT_EQ(r.title, "Record of a Conversation of Cde. N.S. Khrushchev with a Delegation of Baghdad City Government");
  EXPECT_EQ(r.summary, "Khrushchev meets with a delegation from the Baghdad City Government.");
}

TEST_F(SeedLayout, TitleOnOneLineWithoutDate) {
  Seed s;
  s.date.clear();
  s.title = {"**A Title**"};
  Record r = read("209747.txt", s.make());
  EXPECT_TRUE(m_diags.empty()) << format_all(m_diags);
  EXPECT_EQ(r.title, "A Title");
  // With no date line, the date comes from the citation.
  EXPECT_EQ(r.date.text, "November 19, 1958");
  EXPECT_EQ(r.date.iso(), "1958-11-19");
  EXPECT_EQ(r.body, kBody);

  // And with no citation either, the record has no date.
  s.sections.erase(s.sections.begin());
  r = read("209747.txt", s.make());
  EXPECT_TRUE(m_diags.empty()) << format_all(m_diags);
  EXPECT_EQ(r.title, "A Title");
  EXPECT_FALSE(r.date.known());
  EXPECT_EQ(r.date.text, "");
}

TEST_F(SeedLayout, SectionsInAnotherOrder) {
  Seed s;
  std::swap(s.sections[0], s.sections[1]);  // Summary before Citation
  std::swap(s.sections[2], s.sections[3]);  // Original Language before Credits
  const nlohmann::json want = fields(read("209747.txt", Seed{}.make()));
  Record r = read("reordered/209747.txt", s.make());
  EXPECT_TRUE(m_diags.empty()) << format_all(m_diags);
  EXPECT_EQ(fields(r), want);
  EXPECT_EQ(r.summary, "Khrushchev meets with a delegation from the Baghdad City Government.");
  EXPECT_EQ(r.url, "https://digitalarchive.umd.edu/document/209747");
}

TEST_F(SeedLayout, ContentsBeforeOtherSections) {
  Seed s;
  std::rotate(s.sections.begin(), s.sections.end() - 1, s.sections.end());  // Contents first
  Record r = read("209747.txt", s.make());
  EXPECT_TRUE(m_diags.empty()) << format_all(m_diags);
  EXPECT_EQ(r.body, kBody);
  EXPECT_EQ(r.summary, "Khrushchev meets with a delegation from the Baghdad City Government.");
  EXPECT_EQ(r.original_language, "Russian");
}

TEST_F(SeedLayout, MissingCitationTakesIdFromFileName) {
  Seed s;
  s.sections.erase(s.sections.begin());      // no Citation
  s.sections.erase(s.sections.begin() + 1);  // no Credits
  Record r = read("4242.txt", s.make());
  EXPECT_TRUE(m_diags.empty()) << format_all(m_diags);
  EXPECT_EQ(r.format, "seed");
  EXPECT_EQ(r.id, "4242");
  EXPECT_EQ(r.citation, "");
  EXPECT_EQ(r.archive, "");
  EXPECT_EQ(r.reference, "");
  EXPECT_EQ(r.repository, "");
  EXPECT_EQ(r.url, "");
  EXPECT_TRUE(r.contributors.empty());
  EXPECT_EQ(r.credits, "");
  EXPECT_EQ(r.funder, "");
  EXPECT_EQ(r.date.iso(), "1958-11-19");
  EXPECT_EQ(r.summary, "Khrushchev meets with a delegation from the Baghdad City Government.");
  EXPECT_EQ(r.original_language, "Russian");
  EXPECT_EQ(r.body, kBody);
}

TEST_F(SeedLayout, OnlyContents) {
  Seed s;
  s.sections.erase(s.sections.begin(), s.sections.end() - 1);
  Record r = read("only-contents.txt", s.make());
  EXPECT_TRUE(m_diags.empty()) << format_all(m_diags);
  EXPECT_EQ(r.format, "seed");
  EXPECT_EQ(r.id, "only-contents");
  EXPECT_EQ(r.summary, "");
  EXPECT_EQ(r.body, kBody);
}

TEST_F(SeedLayout, UnknownLabelIsKeptAsExtra) {
  Seed s;
  s.sections.insert(s.sections.end() - 1, {"Keywords", "Iraq; Khrushchev; revolution"});
  Record r = read("209747.txt", s.make());
  EXPECT_TRUE(m_diags.empty()) << format_all(m_diags);
  ASSERT_EQ(r.extra.size(), 1u);
  EXPECT_EQ(r.extra[0].first, "Keywords");
  EXPECT_EQ(r.extra[0].second, "Iraq; Khrushchev; revolution");
  // The unknown section ends where Contents begins.
  EXPECT_EQ(r.original_language, "Russian");
  EXPECT_EQ(r.body, kBody);
}

TEST_F(SeedLayout, LabelInsideContentsStaysInBody) {
  Seed s;
  s.sections.back().second += "\n\nNote:\n\nThe original is damaged.";
  Record r = read("209747.txt", s.make());
  EXPECT_TRUE(m_diags.empty()) << format_all(m_diags);
  EXPECT_TRUE(r.extra.empty());
  EXPECT_EQ(r.body, kBody + "\n\nNote:\n\nThe original is damaged.");
}

TEST_F(SeedLayout, TitleThatNeverClosesWarnsAndTakesFirstParagraph) {
  Seed s;
  s.title = {"**Record of a Conversation of Cde. N.S. Khrushchev", "with a Delegation of Baghdad City Government"};
  Record r = read("209747.txt", s.make());
  ASSERT_EQ(m_diags.size(), 1u) << format_all(m_diags);
  EXPECT_EQ(m_diags[0].severity, Severity::warning);
  EXPECT_EQ(m_diags[0].line, 5);  // two blank lines, the date, a blank line, then the title
  EXPECT_NE(m_diags[0].message.find("never closes"), std::string::npos) << m_diags[0].message;
  EXPECT_EQ(r.title, "Record of a Conversation of Cde. N.S. Khrushchev with a Delegation of Baghdad City Government");
  // The rest of the record is still read.
  EXPECT_EQ(r.id, "209747");
  EXPECT_EQ(r.summary, "Khrushchev meets with a delegation from the Baghdad City Government.");
  EXPECT_EQ(r.body, kBody);
}

TEST_F(SeedLayout, UnparseableDateWarnsWithLineAndKeepsText) {
  Seed s;
  s.date = "Febtember 31, 19611";
  Record r = read("209747.txt", s.make());
  ASSERT_EQ(m_diags.size(), 1u) << format_all(m_diags);
  const Diagnostic& d = m_diags[0];
  EXPECT_EQ(d.severity, Severity::warning);
  EXPECT_EQ(d.path, (m_dir / "209747.txt").string());
  EXPECT_EQ(d.line, 3);  // after two blank lines
  EXPECT_NE(d.message.find("Febtember 31, 19611"), std::string::npos) << d.message;
  EXPECT_EQ(r.date.text, "Febtember 31, 19611");
  EXPECT_EQ(r.date.precision, DatePrecision::unknown);
  EXPECT_EQ(r.date.iso(), "");
  // The citation's good date does not overwrite what the record says.
  EXPECT_EQ(r.title, "Record of a Conversation of Cde. N.S. Khrushchev with a Delegation of Baghdad City Government");
  EXPECT_EQ(r.id, "209747");
}

TEST_F(SeedLayout, NoDateIsNotAnError) {
  Seed s;
  s.date = "n.d.";
  Record r = read("209747.txt", s.make());
  EXPECT_TRUE(m_diags.empty()) << format_all(m_diags);
  EXPECT_EQ(r.date.text, "n.d.");
  EXPECT_EQ(r.date.precision, DatePrecision::unknown);
  EXPECT_EQ(r.title, "Record of a Conversation of Cde. N.S. Khrushchev with a Delegation of Baghdad City Government");
}

TEST_F(SeedLayout, MonthAndYearDates) {
  Seed s;
  s.date = "November 1967";
  Record r = read("209747.txt", s.make());
  EXPECT_TRUE(m_diags.empty()) << format_all(m_diags);
  EXPECT_EQ(r.date.precision, DatePrecision::month);
  EXPECT_EQ(r.date.end.key(), "19671130");
  s.date = "1958";
  r = read("209747.txt", s.make());
  EXPECT_EQ(r.date.precision, DatePrecision::year);
  EXPECT_EQ(r.date.iso(), "1958");
}

TEST_F(SeedLayout, PlainTextWithoutHeader) {
  const std::string text = "A letter with no header.\n\nIt has [Handwritten: two] paragraphs.\n";
  const fs::path p = write("letter.txt", text);
  std::vector<Diagnostic> diags;
  Record r = read_one(p, diags);
  EXPECT_TRUE(diags.empty()) << format_all(diags);
  EXPECT_EQ(r.format, "plain");
  EXPECT_EQ(r.id, "letter.txt");  // a file read on its own: its name
  EXPECT_EQ(r.source, p.string());
  EXPECT_EQ(r.body, "A letter with no header.\n\nIt has [Handwritten: two] paragraphs.");
  EXPECT_EQ(r.handwritten, Names{"two"});
  EXPECT_EQ(r.title, "");
  EXPECT_FALSE(r.date.known());
  EXPECT_TRUE(r.extra.empty());
}

TEST_F(SeedLayout, ContentsOriginalGivesOriginalLanguage) {
  Seed s;
  s.sections.erase(s.sections.begin() + 3);  // no Original Language section
  s.sections.back().second = "Original - English\n\nDear Sir,\n\nThe text itself.";
  Record r = read("209747.txt", s.make());
  EXPECT_TRUE(m_diags.empty()) << format_all(m_diags);
  EXPECT_EQ(r.original_language, "English");
  EXPECT_EQ(r.translation_language, "");
  EXPECT_EQ(r.body, "Dear Sir,\n\nThe text itself.");
}

TEST_F(SeedLayout, OriginalLanguageSectionWinsOverContentsLine) {
  Seed s;
  s.sections.back().second = "Original - English\n\nThe text itself.";
  Record r = read("209747.txt", s.make());
  EXPECT_EQ(r.original_language, "Russian");
  EXPECT_EQ(r.body, "The text itself.");
}

TEST(ParseSeedText, SameAsReadingTheFile) {
  // parse_seed_text() is what read_record_file() calls for .txt: the path is
  // only used for the id and the diagnostics.
  std::vector<Diagnostic> diags;
  Record r = parse_seed_text(Seed{}.make(), "dir/77.txt", diags);
  EXPECT_TRUE(diags.empty()) << format_all(diags);
  EXPECT_EQ(r.source, "dir/77.txt");
  EXPECT_EQ(r.id, "209747");  // from the URL, not the file name
  EXPECT_EQ(r.body, kBody);
}

// What scan_body() finds in `body` at `at`.
struct Scanned {
  Names hw;
  std::vector<Footnote> notes;
  std::vector<Diagnostic> diags;
};
Scanned scanned(std::string_view body, const TextPlace& at) {
  Scanned s;
  scan_body(body, s.hw, s.notes, at, s.diags);
  return s;
}

TEST(ScanBody, AnnotationsAndFootnotes) {
  Scanned s = scanned(
      "[HANDWRITTEN: see [illegible] here]\n\nText [handwritten:  two\n  lines ] and "
      "[Handwritten: never closed\n\n[1] First note\ncontinued.\n\n[23] Second.\n[x] not a note",
      TextPlace{"b.txt", 10});
  EXPECT_EQ(s.hw, (Names{"see [illegible] here", "two lines", "never closed"}));
  EXPECT_EQ(s.notes, (std::vector<Footnote>{{"1", "First note continued."}, {"23", "Second. [x] not a note"}}));
  ASSERT_EQ(s.diags.size(), 1u);
  EXPECT_EQ(s.diags[0].format(),
            "b.txt:13: warning: '[Handwritten:' annotation not closed with ']' in its paragraph; ended at the "
            "paragraph");
}

// Issue 14: an unclosed "[Handwritten:" hid every annotation after it; it
// now ends at its paragraph, with a warning at its line.
TEST(ScanBody, UnclosedAnnotationEndsAtItsParagraph) {
  Scanned s = scanned(
      "Para one [Handwritten: approved\nby the minister\n   \nPara two [Handwritten: seen] and [handwritten: "
      "filed [sic]]\n\n[Handwritten: last, unclosed",
      TextPlace{"c.txt", 1});
  EXPECT_EQ(s.hw, (Names{"approved by the minister", "seen", "filed [sic]", "last, unclosed"}));
  ASSERT_EQ(s.diags.size(), 2u);
  EXPECT_EQ(s.diags[0].line, 1);
  EXPECT_EQ(s.diags[1].line, 6);
  EXPECT_EQ(s.diags[0].severity, Severity::warning);
  // A bracket closing in a later paragraph does not close it: the paragraph
  // in between is not swallowed.
  s = scanned("[Handwritten: open\n\nmiddle [Handwritten: inner] text]", TextPlace{"d.json", 4, false});
  EXPECT_EQ(s.hw, (Names{"open", "inner"}));
  ASSERT_EQ(s.diags.size(), 1u);
  EXPECT_EQ(s.diags[0].line, 4);  // a JSON string: the record's line
}

// An unclosed annotation takes the rest of its paragraph, tags in it
// included: one warning a paragraph, and the scan stays linear (a paragraph
// of many unclosed tags was read once per tag).
TEST(ScanBody, ManyUnclosedTagsInOneParagraphGiveOneWarning) {
  std::string body;
  for (int i = 0; i < 20000; ++i) body += "[Handwritten: x ";
  body += "\n\nNext paragraph [Handwritten: kept]";
  Scanned s = scanned(body, TextPlace{"e.txt", 1});
  ASSERT_EQ(s.diags.size(), 1u);
  ASSERT_EQ(s.hw.size(), 2u);
  EXPECT_EQ(s.hw[1], "kept");
}

TEST(ParseSeedText, UnclosedAnnotationIsWarnedAtItsFileLine) {
  // Text before the first label and the Contents text are both body; each
  // warning names the line of the file where the annotation opens.
  const std::string text =
      "1 May 1961\n\n**A title**\n\nPreamble [Handwritten: open here\n\nSummary:\n\nA summary.\n\n"
      "Contents:\n\nTranslation - English\n\nFirst [Handwritten: also open\nstill it\n\nThen "
      "[Handwritten: closed] words.\n";
  std::vector<Diagnostic> diags;
  Record r = parse_seed_text(text, "dir/x.txt", diags);
  EXPECT_EQ(r.handwritten, (Names{"open here", "also open still it", "closed"}));
  ASSERT_EQ(diags.size(), 2u) << format_all(diags);
  EXPECT_EQ(diags[0].format(),
            "dir/x.txt:5: warning: '[Handwritten:' annotation not closed with ']' in its paragraph; ended at the "
            "paragraph");
  EXPECT_EQ(diags[1].line, 15);
  EXPECT_EQ(r.body,
            "Preamble [Handwritten: open here\n\nFirst [Handwritten: also open\nstill it\n\nThen "
            "[Handwritten: closed] words.");
  diags.clear();
  r = parse_seed_text("\n\nPlain [Handwritten: a\n\nb [Handwritten: c]\n", "p.txt", diags);
  EXPECT_EQ(r.format, "plain");
  EXPECT_EQ(r.handwritten, (Names{"a", "c"}));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].line, 3);
}

// Issue 14: a plain-text record's id is its name inside the folder given
// to opis-index (SourceRef::name), not the path as typed; the path stays
// its source.
TEST(ParseSeedText, PlainTextIdIsItsNameInsideTheRoot) {
  std::vector<Diagnostic> diags;
  Record r = parse_seed_text("Just words.\n", SourceRef("../x/corpus/sub/n.txt", "sub/n.txt"), diags);
  EXPECT_EQ(r.id, "sub/n.txt");
  EXPECT_EQ(r.source, "../x/corpus/sub/n.txt");
  r = parse_seed_text("Just words.\n", "/abs/corpus/sub/n.txt", diags);  // a file on its own
  EXPECT_EQ(r.id, "n.txt");
  // Seed records without a URL keep their file stem, JSON records theirs.
  r = parse_seed_text("**T**\n\nContents:\n\nText.\n", SourceRef("/a/corpus/sub/7010.txt", "sub/7010.txt"), diags);
  EXPECT_EQ(r.id, "7010");
  EXPECT_EQ(record_from_json(nlohmann::json{{"title", "t"}}, SourceRef("/a/c/s/b.jsonl", "s/b.jsonl"), 3, diags).id,
            "b-3");
}

}  // namespace
}  // namespace opis

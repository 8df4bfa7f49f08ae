// The index writer's own shortcuts must give what Xapian would: the spelling
// data counted by SpellingRecorder against TermGenerator::FLAG_SPELLING, and
// the memoised stemmer of make_term_generator() against Xapian's stemmer.
#include <xapian.h>

#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "../test_context.h"
#include "opis/base/text.h"
#include "opis/entities/entity_extractor.h"
#include "opis/entities/name_key.h"
#include "opis/index/index_writer.h"
#include "opis/index/spelling_recorder.h"
#include "opis/record/record_reader.h"
#include "opis/search/explain.h"
#include "opis/search/suggest.h"
#include "scratch_dir.h"

namespace fs = std::filesystem;
using opis::test::ScratchDir;

namespace {

// Every record of the sample collection and the real one in ../shared.
std::vector<opis::Record> all_records() {
  std::vector<fs::path> paths;
  for (const std::string& dir :
       {std::string(OPIS_SOURCE_DIR) + "/corpus/records", std::string(OPIS_SOURCE_DIR) + "/corpus/json",
        std::string(OPIS_SOURCE_DIR) + "/corpus/jsonl", std::string(OPIS_SHARED_CORPUS) + "/records"}) {
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      if (opis::is_record_file(e.path())) paths.push_back(e.path());
    }
  }
  std::sort(paths.begin(), paths.end());
  std::vector<opis::Record> out;
  for (const auto& p : paths) {
    std::vector<opis::Diagnostic> diags;
    opis::read_record_file(
        p, [&](opis::Record&& r) { out.push_back(std::move(r)); }, diags);
  }
  return out;
}

std::map<std::string, Xapian::termcount> spellings(const Xapian::Database& db) {
  std::map<std::string, Xapian::termcount> out;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) out[*it] = it.get_termfreq();
  return out;
}

class IndexWriterSpelling : public ScratchDir {};

TEST_F(IndexWriterSpelling, RecorderGivesTheSameDataAsXapiansFlag) {
  const auto records = all_records();
  ASSERT_GE(records.size(), 40u);
  const opis::IndexContext ctx = opis::test::index_context();
  // Xapian's way: the TermGenerator adds each word occurrence itself.
  Xapian::WritableDatabase xapian_db((m_dir / "flag").string(), Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator tg = opis::make_term_generator();
  tg.set_database(xapian_db);
  tg.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
  for (const auto& r : records) xapian_db.add_document(opis::make_document(r, tg, ctx));
  xapian_db.commit();
  // Opis's way: counted per document, given at the commit.
  Xapian::WritableDatabase opis_db((m_dir / "recorder").string(), Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator tg2 = opis::make_term_generator();
  opis::SpellingRecorder recorder(true);
  for (const auto& r : records) {
    Xapian::Document doc = opis::make_document(r, tg2, ctx);
    recorder.add(doc);
    opis_db.add_document(doc);
  }
  recorder.flush(opis_db);
  opis_db.commit();

  // The recorder counts every unprefixed word with positions, and so also
  // the word after an elided article (make_document() indexes "l'Alsace"
  // as "alsace" too, at the same position): Xapian's flag saw only the
  // word as written.
  // Likewise the folded form of a word with accents (issue 16: "congrès"
  // is indexed as "congres" too).
  auto want = spellings(xapian_db);
  for (const auto& [word, freq] : spellings(xapian_db)) {
    const std::string folded = opis::search_fold(word);
    if (folded != word) want[folded] += freq;
    if (std::size_t e = opis::elision_length(folded)) want[folded.substr(e)] += freq;
  }
  const auto got = spellings(opis_db);
  ASSERT_GT(want.size(), 1000u);
  EXPECT_EQ(got.size(), want.size());
  std::size_t differ = 0;
  for (const auto& [word, freq] : want) {
    auto it = got.find(word);
    if (it == got.end() || it->second != freq) {
      if (++differ <= 5)
        ADD_FAILURE() << "'" << word << "': Xapian " << freq << ", recorder " << (it == got.end() ? 0 : it->second);
    }
  }
  EXPECT_EQ(differ, 0u);
  // And the suggestions made from them agree.
  for (const char* typo : {"Khruschev", "militry", "delegaton", "sovet"}) {
    EXPECT_EQ(opis_db.get_spelling_suggestion(typo), xapian_db.get_spelling_suggestion(typo)) << typo;
  }
}

// Results that show no names read a record without its persons and places,
// cut out of the stored JSON before parsing: the rest must come back as
// it went in, whatever the strings hold.
TEST(IndexWriterRead, RecordWithoutEntitiesIsTheRecordLessItsNames) {
  auto records = all_records();
  ASSERT_GE(records.size(), 40u);
  opis::Record tricky = records.front();
  tricky.id = "tricky";
  tricky.title = R"(A "persons":[1] title, "places":{} too, a \"quote\" and a brace } ])";
  tricky.summary = "places\",\"persons\":[";
  tricky.extra = {{"persons", "Khrushchev; Nasser"}, {"places", "Baghdad"}, {"zzz", "}]\"\\"}};
  tricky.footnotes.push_back({"9", R"(note with "persons": and \u0000-looking \\u0041 text)"});
  records.push_back(tricky);
  Xapian::TermGenerator tg = opis::make_term_generator();
  const opis::IndexContext ctx = opis::test::index_context();
  std::size_t with_names = 0;
  for (const auto& r : records) {
    Xapian::Document doc = opis::make_document(r, tg, ctx);
    opis::Record full = opis::record_from_document(doc, true);
    opis::Record bare = opis::record_from_document(doc, false);
    if (!full.persons.empty() || !full.places.empty()) ++with_names;
    EXPECT_TRUE(bare.persons.empty() && bare.places.empty()) << r.id;
    full.persons.clear();
    full.places.clear();
    EXPECT_EQ(opis::to_json(bare).dump(), opis::to_json(full).dump()) << r.id;
  }
  EXPECT_GE(with_names, 30u);  // the cut was tried on records that have names
}

TEST(IndexWriterStemmer, MemoisedStemsAreXapiansStems) {
  // make_document() stems each distinct word once, in the record's language
  // (English here: no language given, none identified), with its memo.
  Xapian::TermGenerator tg = opis::make_term_generator();
  Xapian::Stem english("english");
  opis::Record r;
  r.id = "stems";
  // Twice over: the second time is served from the memo.
  r.body = "negotiations negotiated delegations running ran relational generously Khrushchev's";
  r.body += " " + r.body;
  opis::IndexContext ctx;  // no extraction: the body's words alone
  Xapian::Document doc = opis::make_document(r, tg, ctx);
  std::size_t stems = 0;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string term = *t;
    if (term[0] != 'Z') continue;
    ++stems;
    // Each Z term is the stem of some unstemmed word of the text.
    bool found = false;
    for (auto u = doc.termlist_begin(); u != doc.termlist_end(); ++u) {
      const std::string w = *u;
      if (w[0] != 'Z' && "Z" + english(w) == term) found = true;
    }
    EXPECT_TRUE(found) << term;
  }
  EXPECT_EQ(stems, 7u);  // negoti, deleg, run, ran, relat, generous, khrushchev
}

}  // namespace

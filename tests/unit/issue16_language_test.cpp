// Issue 16: records in many languages, each analysed in its own language;
// accents never block a match. On real indexes (IndexWriter and Searcher in
// a temporary folder):
//  - search_fold(): accents, ligatures, ß, case; Cyrillic й kept;
//  - an accent-free query finds the accented word in every text field, and
//    `=word` matches the accents as written;
//  - German nouns are stemmed whatever their case; stems in one language do
//    not match words of another; --lang narrows;
//  - Russian inflections, CJK n-grams, libexttextcat identification, short
//    text undetermined, and persons in a record wholly in Cyrillic.
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "../test_context.h"
#include "opis/base/language_id.h"
#include "opis/base/text.h"
#include "opis/index/index_writer.h"
#include "opis/index/schema.h"
#include "opis/record/record_reader.h"
#include "opis/search/searcher.h"
#include "scratch_dir.h"

namespace {

using namespace opis;

class Issue16 : public test::ScratchDir {
 protected:
  std::string db() const { return (m_dir / "db").string(); }
  void index(const std::vector<Record>& records, const LanguageIdentifier* id = nullptr) {
    IndexContext ctx = test::index_context();
    ctx.identifier = id;
    IndexWriter w(db(), ctx);
    for (const auto& r : records) w.add(r);
    w.commit();
  }
  std::set<std::string> ids(const std::string& query, const std::string& lang = "") {
    Searcher s(db());
    SearchOptions o;
    o.query = query;
    o.limit = 1000;
    o.suggest = false;
    o.query_options.gazetteer = test::gazetteer_path();
    o.query_options.language = lang;
    std::set<std::string> out;
    for (const auto& h : s.search(o).hits) out.insert(h.record.id);
    return out;
  }
};

Record rec(const std::string& id, const std::string& body, const std::string& lang = "") {
  Record r;
  r.id = id;
  r.body = body;
  if (!lang.empty()) {
    r.text_language = lang;
    r.text_language_source = "given";
  }
  return r;
}

using Set = std::set<std::string>;

TEST(Issue16Fold, AccentsLigaturesSharpSAndCase) {
  EXPECT_EQ(search_fold("congrès"), "congres");
  EXPECT_EQ(search_fold("München"), "munchen");
  EXPECT_EQ(search_fold("Bülow"), "bulow");
  EXPECT_EQ(search_fold("ﬁnal"), "final");
  EXPECT_EQ(search_fold("Straße"), "strasse");
  EXPECT_EQ(search_fold("Ceaușescu"), "ceausescu");
  EXPECT_EQ(search_fold("советский"), "советский");  // й keeps its breve
  EXPECT_EQ(search_fold("Хрущёв"), "хрущев");
  // Case kept (the query text: AND stays an operator), ß still folded.
  EXPECT_EQ(search_fold("Bülow AND Straße", false), "Bulow AND Strasse");
  EXPECT_EQ(search_fold("plain ascii", false), "plain ascii");
}

TEST_F(Issue16, AccentFreeQueryFindsTheAccentedWordInEveryTextField) {
  // One record per text field, the accented words only there; a control
  // record has none of them.
  const std::string words = "Bülow congrès München";
  std::vector<std::pair<std::string, std::function<void(Record&)>>> put = {
      {"body", [&](Record& r) { r.body = words; }},
      {"title", [&](Record& r) { r.title = words; }},
      {"summary", [&](Record& r) { r.summary = words; }},
      {"handwritten", [&](Record& r) { r.handwritten = {words}; }},
      {"footnote",
       [&](Record& r) {
         r.footnotes = {{"1", words}};
       }},
      {"contributor", [&](Record& r) { r.contributors = {words}; }},
      {"translator", [&](Record& r) { r.translators = {words}; }},
      {"transcriber", [&](Record& r) { r.transcribers = {words}; }},
      {"editor", [&](Record& r) { r.editors = {words}; }},
      {"archive", [&](Record& r) { r.archive = words; }},
      {"ref", [&](Record& r) { r.reference = words; }},
      {"citation", [&](Record& r) { r.citation = words; }},
      {"funder", [&](Record& r) { r.credits = words; }},
  };
  std::vector<Record> records;
  for (const auto& [name, set] : put) {
    Record r;
    r.id = name;
    set(r);
    records.push_back(r);
  }
  records.push_back(rec("control", "Nothing of the kind here."));
  index(records);
  for (const auto& [name, set] : put) {
    const std::string prefix = name == "body" ? "" : name + ":";
    for (const std::string q : {"bulow", "congres", "Munchen", "BULOW"}) {
      EXPECT_TRUE(ids(prefix + q).count(name)) << prefix + q << " misses the accented word in " << name;
    }
    EXPECT_TRUE(ids(prefix + "Bülow").count(name)) << name;  // written with its accent too
  }
  EXPECT_EQ(ids("\"bulow congres munchen\""), (Set{"body", "title", "summary", "contributor", "translator", "editor"}));
}

TEST_F(Issue16, ExactFormMatchesTheAccentsAsWritten) {
  index({rec("accented", "Le congrès de Vienne."), rec("plain", "A congres of sorts."),
         rec("other", "Le congrés, mal écrit.")});
  EXPECT_EQ(ids("congres"), (Set{"accented", "plain", "other"}));
  EXPECT_EQ(ids("=congrès"), (Set{"accented"}));
  EXPECT_EQ(ids("=congrés"), (Set{"other"}));
  EXPECT_EQ(ids("=Congrès vienne"), (Set{"accented"}));
}

TEST_F(Issue16, GermanNounsAreStemmedWhateverTheirCase) {
  index({rec("a", "Der Kongress tagte in Berlin.", "German"), rec("b", "Die Beschlüsse des Kongresses.", "de"),
         rec("c", "Die Verhandlungen dauerten lange.", "deu"), rec("d", "Eine Verhandlung am Montag.", "de"),
         rec("e", "The congress met in Vienna.")});
  const Set kongress{"a", "b"};
  EXPECT_EQ(ids("Kongress"), kongress);
  EXPECT_EQ(ids("kongress"), kongress);
  EXPECT_EQ(ids("Kongresses"), kongress);
  EXPECT_EQ(ids("Verhandlungen"), (Set{"c", "d"}));
  EXPECT_EQ(ids("verhandlung"), (Set{"c", "d"}));
  EXPECT_EQ(ids("beschluss"), (Set{"b"}));  // ü folded: Beschlüsse
  // English still by English stems in the same index; --lang narrows.
  EXPECT_EQ(ids("congresses"), (Set{"e"}));
  EXPECT_EQ(ids("Kongresses", "german"), kongress);
  EXPECT_EQ(ids("congresses", "de"), Set{});
  EXPECT_EQ(ids("congresses", "en"), (Set{"e"}));
}

TEST_F(Issue16, StemsOfOneLanguageDoNotMatchWordsOfAnother) {
  // French "porte" (door) and English "port": the English stem of "ports"
  // is "port", the French stem of "porte" is "port" too; kept apart, an
  // English-only query does not reach the French record.
  index({rec("fr", "Il ferme la porte.", "fr"), rec("en", "Ships in the ports.", "en")});
  EXPECT_EQ(ids("ports", "en"), (Set{"en"}));
  EXPECT_EQ(ids("portes", "fr"), (Set{"fr"}));
  Searcher s(db());
  SearchOptions o;
  o.query = "ports";
  o.explain = true;
  o.suggest = false;
  const std::string e = s.search(o).explanation;
  EXPECT_NE(e.find("French stem \"port\""), std::string::npos) << e;  // the stems per language
  EXPECT_NE(e.find("English stem \"port\""), std::string::npos) << e;
}

TEST_F(Issue16, RussianInflectionsAndCyrillicPersons) {
  index({rec("ru1", "Начались переговоры в Москве.", "Russian"),
         rec("ru2", "Итоги переговоров подвёл Никита Сергеевич Хрущёв на заседании.", "ru"),
         rec("en", "Talks began.")});
  EXPECT_EQ(ids("переговоров"), (Set{"ru1", "ru2"}));
  EXPECT_EQ(ids("ПЕРЕГОВОРЫ"), (Set{"ru1", "ru2"}));
  EXPECT_EQ(ids("подвел"), (Set{"ru2"}));  // ё folded
  EXPECT_TRUE(ids("person:Khrushchev").count("ru2"));
  EXPECT_TRUE(ids("person:Хрущев").count("ru2"));
}

TEST_F(Issue16, PolishItalianSwedishInflectionsMeetThroughTheDictionary) {
  // Debian's hunspell dictionaries give the lemma (Polish has no Snowball
  // stemmer; Italian's and Swedish's leave these forms apart); a query
  // typed without accents finds the accented forms too.
  index({rec("pl1", "Zobacz stronę podręcznika.", "pl"), rec("pl2", "Na stronach podręczników.", "pl"),
         rec("pl3", "Strona główna.", "pl"), rec("it1", "Il comando ls.", "it"),
         rec("it2", "Tutti i comandi del sistema.", "it"), rec("sv1", "Flaggan anges.", "sv"),
         rec("sv2", "Flaggor och miljövariabeln.", "sv"), rec("sv3", "Miljövariabler ignoreras.", "sv"),
         rec("en", "The main page of the manual.")});
  EXPECT_EQ(ids("strona"), (Set{"pl1", "pl2", "pl3"}));
  EXPECT_EQ(ids("stronach"), (Set{"pl1", "pl2", "pl3"}));
  EXPECT_EQ(ids("podręcznik"), (Set{"pl1", "pl2"}));
  EXPECT_EQ(ids("podrecznika"), (Set{"pl1", "pl2"}));  // no accents: the index's podręcznika
  EXPECT_EQ(ids("strone"), (Set{"pl1", "pl2", "pl3"}));
  EXPECT_EQ(ids("comandi"), (Set{"it1", "it2"}));
  EXPECT_EQ(ids("comando"), (Set{"it1", "it2"}));
  EXPECT_EQ(ids("flaggor"), (Set{"sv1", "sv2"}));
  EXPECT_EQ(ids("flaggan"), (Set{"sv1", "sv2"}));
  EXPECT_EQ(ids("miljövariabel"), (Set{"sv2", "sv3"}));
  EXPECT_EQ(ids("miljovariabeln"), (Set{"sv2", "sv3"}));
  // Languages stay apart: the Polish lemma does not reach English text.
  EXPECT_EQ(ids("page"), (Set{"en"}));
  EXPECT_EQ(ids("strony", "pl"), (Set{"pl1", "pl2", "pl3"}));
  EXPECT_EQ(ids("strony", "en"), Set{});
}

TEST_F(Issue16, PartsInAnotherLanguageAreAnalysedInTheirOwn) {
  // A JSON record: an English translation with its Russian original; a TEI
  // letter in German with a passage in French. Each part's words are
  // stemmed in its own language as well as the record's.
  std::vector<Record> records;
  std::vector<Diagnostic> diags;
  auto sink = [&](Record&& r) { records.push_back(std::move(r)); };
  read_records(SourceRef("dir/r.json", "r.json"),
               R"({"id": "tr", "body": "The negotiations began in Moscow.", "text_language": "en",
                   "original_language": "Russian", "original_text": "Начались переговоры в Москве."})",
               sink, diags);
  read_records(SourceRef("dir/l.xml", "l.xml"), R"(<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
      <titleStmt><title>Brief</title></titleStmt></fileDesc></teiHeader>
      <text xml:lang="de"><body><p>Lieber Freund, die Verhandlungen dauern.</p>
      <div xml:lang="fr"><p>Les plénipotentiaires arrivèrent avec leurs chevaux.</p></div></body></text></TEI>)",
               sink, diags);
  ASSERT_EQ(records.size(), 2u) << (diags.empty() ? "" : diags[0].format());
  ASSERT_EQ(records[0].parts.size(), 1u);
  ASSERT_EQ(records[1].parts.size(), 1u);
  EXPECT_EQ(records[1].parts[0].language, "fr");
  records.push_back(rec("de", "Die Verhandlung war kurz.", "de"));
  index(records);
  EXPECT_EQ(ids("переговоров"), (Set{"tr"}));  // Russian stem of the original
  EXPECT_EQ(ids("negotiation"), (Set{"tr"}));  // English stem of the translation
  EXPECT_EQ(ids("cheval"), (Set{"l.xml"}));    // French stem of the French passage
  EXPECT_EQ(ids("plenipotentiaire"), (Set{"l.xml"}));
  EXPECT_EQ(ids("Verhandlung"), (Set{"l.xml", "de"}));  // German stem of the letter
  EXPECT_EQ(ids("cheval", "fr"), (Set{"l.xml"}));       // textlang:fr holds the part's record
  EXPECT_EQ(ids("cheval", "de"), Set{});                // German stems alone: not there
}

TEST_F(Issue16, ChineseIsIndexedByCharacterNgrams) {
  index({rec("zh", "中华人民共和国外交部的声明", "zh"), rec("en", "A statement of the ministry.")});
  EXPECT_EQ(ids("外交部"), (Set{"zh"}));
  EXPECT_EQ(ids("声明"), (Set{"zh"}));
  EXPECT_EQ(ids("statement"), (Set{"en"}));
}

TEST_F(Issue16, LanguageIsIdentifiedGivenOrUndetermined) {
  const LanguageIdentifier id;
  EXPECT_EQ(id.identify("Die Verhandlungen des Kongresses dauerten mehrere Wochen, bevor die Delegierten sich "
                        "auf einen gemeinsamen Text einigen konnten.")
                .code,
            "de");
  EXPECT_EQ(id.identify("Les plénipotentiaires se sont réunis à Vienne pour signer le traité de paix entre les "
                        "deux puissances.")
                .code,
            "fr");
  EXPECT_EQ(id.identify("Kongress").code, "");  // too little text: undetermined, not a guess
  Record given = rec("given", "Short.", "Italian");
  Record translated = rec("translated", "The meeting of the delegates lasted several weeks before they agreed.");
  translated.original_language = "Russian";
  translated.translation_language = "English";
  Record identified = rec("identified",
                          "Die Verhandlungen des Kongresses dauerten mehrere Wochen, bevor die Delegierten sich "
                          "auf einen gemeinsamen Text einigen konnten.");
  Record undetermined = rec("undetermined", "Kongress.");
  index({given, translated, identified, undetermined}, &id);
  Searcher s(db());
  auto lang = [&](const std::string& rid) { return s.record(rid); };
  ASSERT_TRUE(lang("given"));
  EXPECT_EQ(lang("given")->text_language, "it");
  EXPECT_EQ(lang("given")->text_language_source, "given");
  EXPECT_EQ(lang("translated")->text_language, "en");
  EXPECT_EQ(lang("identified")->text_language, "de");
  EXPECT_EQ(lang("identified")->text_language_source, "identified");
  EXPECT_GT(lang("identified")->text_language_confidence, 0.3);
  EXPECT_EQ(lang("undetermined")->text_language, "");
  EXPECT_EQ(lang("undetermined")->text_language_source, "undetermined");
  // The undetermined record is stemmed in English, which joins these too.
  EXPECT_EQ(ids("Kongresses"), (Set{"identified", "undetermined"}));
  EXPECT_EQ(ids("Kongresses", "de"), (Set{"identified"}));
  EXPECT_EQ(ids("textlang:de"), (Set{"identified"}));
}

}  // namespace

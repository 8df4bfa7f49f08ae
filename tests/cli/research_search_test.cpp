// End to end, issue 5 (research features): the concordance (--kwic), "Did
// you mean" spelling suggestions, related records (--like), wildcards,
// NEAR/ADJ and --explain, with the real opis-index and opis-search on the
// seed record and the sample collection indexed together (bulk, direct
// and sharded).
#include <gtest/gtest.h>
#include <xapian.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>

#include "../csv_reader.h"
#include "process.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace opis::test;  // run, show, TempDir, kIndex, kSearch... (process.h)

namespace {

const std::string kSeedRef = "RGANI, f. 52, op. 1, d. 566, ll. 8-11";

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// Code points before `needle` in `line` (the column it is shown at).
std::size_t column_of(const std::string& line, const std::string& needle) {
  std::size_t at = line.find(needle), n = 0;
  for (std::size_t i = 0; i < at && i < line.size(); ++i) n += (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80;
  return n;
}

class Research : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = new TempDir;
    const std::string records = (kShared / "records").string(), corpus = (kSource / "corpus").string();
    s_db = (s_dir->path() / "db").string();
    s_direct = (s_dir->path() / "direct").string();
    s_stub = (s_dir->path() / "archive.opis").string();
    Result r = opis::test::run({kIndex, "--db", s_db, records, corpus});
    ASSERT_EQ(r.status, 0) << show(r);
    r = opis::test::run({kIndex, "--db", s_direct, "--no-bulk", records, corpus});
    ASSERT_EQ(r.status, 0) << show(r);
    r = opis::test::run({kIndex, "--db", s_stub, "--shards", "3", records, corpus});
    ASSERT_EQ(r.status, 0) << show(r);
  }
  static void TearDownTestSuite() { delete s_dir; }
  static Result search(std::vector<std::string> args, const std::string& db = s_db) {
    args.insert(args.begin(), {kSearch, "--db", db});
    return opis::test::run(args);
  }
  static std::vector<std::string> ids(std::vector<std::string> args, const std::string& db = s_db) {
    args.insert(args.end(), {"--format", "json", "--limit", "100"});
    Result r = search(std::move(args), db);
    EXPECT_TRUE(r.status == 0 || r.status == 1) << show(r);
    std::vector<std::string> out;
    const json j = json::parse(r.out);
    for (const auto& h : j["results"]) out.push_back(h["id"]);
    return out;
  }
  static bool has(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  }
  static TempDir* s_dir;
  static std::string s_db, s_direct, s_stub;
};
TempDir* Research::s_dir = nullptr;
std::string Research::s_db, Research::s_direct, Research::s_stub;

// --- KWIC --------------------------------------------------------------------

TEST_F(Research, KwicShowsThePhraseInContextWithTheReference) {
  Result r = search({"--kwic", "\"military force\""});
  ASSERT_EQ(r.status, 0) << show(r);
  auto ls = lines_of(r.out);
  ASSERT_FALSE(ls.empty());
  bool seed = false;
  for (const auto& l : ls) {
    EXPECT_NE(l.find("| military force |"), std::string::npos) << l;
    if (l.find("209747") != std::string::npos) {
      seed = true;
      EXPECT_NE(l.find("1958-11-19"), std::string::npos) << l;
      EXPECT_NE(l.find(kSeedRef), std::string::npos) << l;
      EXPECT_NE(l.find("demonstration of | military force | to dampen enthusiasm"), std::string::npos) << l;
    }
  }
  EXPECT_TRUE(seed) << r.out;
  EXPECT_NE(r.err.find("occurrence"), std::string::npos) << r.err;
}

TEST_F(Research, KwicCoversEveryMatchAndAlignsTheKeywords) {
  // Plain words: each occurrence of either word in every matching record
  // (more records than a page of 10), keywords in one column.
  Result r = search({"--kwic", "--limit", "1000", "military force"});
  Result all = search({"--kwic", "military force"});
  ASSERT_EQ(all.status, 0) << show(all);
  EXPECT_EQ(r.out, all.out);
  auto ls = lines_of(all.out);
  ASSERT_GE(ls.size(), 10u) << all.out;
  const std::size_t col = column_of(ls[0], " | ");
  std::set<std::string> records;
  for (const auto& l : ls) {
    EXPECT_EQ(column_of(l, " | "), col) << l;
    std::string kw = l.substr(l.find(" | ") + 3);
    kw = kw.substr(0, kw.find(" | "));
    while (!kw.empty() && kw.back() == ' ') kw.pop_back();
    std::string low;
    for (char c : kw) low += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // Words with the stem of "military" or "force": forces, forced...
    EXPECT_TRUE(low.find("militar") != std::string::npos || low.find("forc") != std::string::npos) << l;
  }
  // Adjacent matched words make one keyword.
  EXPECT_NE(all.out.find("| military force |"), std::string::npos);
  // --context N words either side.
  Result c = search({"--kwic", "--context", "2", "\"military force\""});
  ASSERT_EQ(c.status, 0) << show(c);
  EXPECT_NE(c.out.find("...demonstration of | military force | to dampen..."), std::string::npos) << c.out;
}

TEST_F(Research, KwicJsonAndCsvParseBack) {
  Result r = search({"--kwic", "--format", "json", "\"military force\""});
  ASSERT_EQ(r.status, 0) << show(r);
  json a = json::parse(r.out);
  ASSERT_TRUE(a.is_array());
  ASSERT_FALSE(a.empty());
  Result rec = search({"--record", "209747", "--format", "json"});
  ASSERT_EQ(rec.status, 0) << show(rec);
  const std::string body = json::parse(rec.out)["body"];
  bool seed = false;
  for (const auto& l : a) {
    for (const char* k : {"id", "date", "reference", "left", "keyword", "right", "offset"})
      EXPECT_TRUE(l.contains(k)) << k;
    EXPECT_EQ(l["keyword"], "military force");
    if (l["id"] == "209747") {
      seed = true;
      EXPECT_EQ(l["reference"], kSeedRef);
      EXPECT_EQ(l["date"], "1958-11-19");
      std::size_t off = l["offset"];
      EXPECT_EQ(body.substr(off, 14), "military force");  // a byte offset into the body
      EXPECT_EQ(l["left"], "part undertook a demonstration of");
    }
  }
  EXPECT_TRUE(seed);

  Result c = search({"--kwic", "--format", "csv", "\"military force\""});
  ASSERT_EQ(c.status, 0) << show(c);
  auto rows = opis::test::read_csv(c.out);
  ASSERT_EQ(rows.size(), a.size() + 1);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"id", "date", "reference", "left", "keyword", "right", "offset"}));
  for (std::size_t i = 1; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i][0], a[i - 1]["id"]);
    EXPECT_EQ(rows[i][2], a[i - 1]["reference"]);  // quoted: it has commas
    EXPECT_EQ(rows[i][4], "military force");
    EXPECT_EQ(rows[i][6], std::to_string(a[i - 1]["offset"].get<std::size_t>()));
  }
  // Not with the citation formats or --fields.
  EXPECT_EQ(search({"--kwic", "--format", "ris", "Baghdad"}).status, 2);
  EXPECT_EQ(search({"--kwic", "--format", "csv", "--fields", "id", "Baghdad"}).status, 2);
}

TEST_F(Research, KwicFindsWildcardExpansionsAndWorksOverShards) {
  Result r = search({"--kwic", "--format", "json", "Khrush*"});
  ASSERT_EQ(r.status, 0) << show(r);
  std::set<std::string> kws;
  for (const auto& l : json::parse(r.out)) kws.insert(l["keyword"]);
  EXPECT_TRUE(kws.count("Khrushchev")) << r.out;
  EXPECT_TRUE(kws.count("Khrushchov")) << r.out;
  Result s = search({"--kwic", "--format", "json", "\"military force\""}, s_stub);
  ASSERT_EQ(s.status, 0) << show(s);
  EXPECT_EQ(json::parse(s.out).size(),
            json::parse(search({"--kwic", "--format", "json", "\"military force\""}).out).size());
  // Nothing found: exit 1, no lines.
  Result none = search({"--kwic", "zanzibarqq"});
  EXPECT_EQ(none.status, 1) << show(none);
  EXPECT_EQ(none.out, "");
}

// --- Issue 5: person:, place: and text-field terms in KWIC and snippets ------------

// ASCII lower case (enough for the English words checked here).
std::string ascii_lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST_F(Research, TextFieldWordsAreHighlightedInTheSnippet) {
  // Xapian's snippets highlight no prefixed term: title:ultimatum came back
  // with no highlight. Record 9032 has the word only in its title.
  for (const auto& [query, word] : std::vector<std::pair<std::string, std::string>>{
           {"title:ultimatum", "ultimatum"}, {"summary:revolution", "revolution"}}) {
    Result r = search({"--format", "json", query});
    ASSERT_EQ(r.status, 0) << show(r);
    const json j = json::parse(r.out);
    ASSERT_FALSE(j["results"].empty()) << r.out;
    for (const auto& h : j["results"]) {
      const std::string snippet = h["snippet"];
      ASSERT_FALSE(h["highlights"].empty()) << query << "\n" << h.dump();
      std::size_t end = 0;
      for (const auto& x : h["highlights"]) {
        const std::size_t at = x[0], n = x[1];
        EXPECT_GE(at, end) << h.dump();  // sorted, not overlapping
        end = at + n;
        ASSERT_LE(end, snippet.size());
        EXPECT_EQ(ascii_lower(snippet.substr(at, n)), word) << h.dump();  // byte offsets of the word
      }
    }
  }
  // The seed record's summary word is shown where its body has it.
  Result s = search({"--format", "json", "summary:revolution"});
  const json hit = json::parse(s.out)["results"][0];
  EXPECT_EQ(hit["id"], "209747");
  Result rec = search({"--record", "209747", "--format", "json"});
  const std::string body = json::parse(rec.out)["body"];
  std::string shown = hit["snippet"];
  const std::string ellipsis = "…";
  for (std::size_t at; (at = shown.find(ellipsis)) != std::string::npos;) shown.erase(at, ellipsis.size());
  ASSERT_GT(shown.size(), 40u) << hit.dump();
  // A piece of the body (snippets show line breaks as spaces), with the word.
  std::string flat = body;
  for (char& c : flat) c = (c == '\n' || c == '\r') ? ' ' : c;
  EXPECT_NE(flat.find(shown.substr(0, 40)), std::string::npos) << hit.dump();
  EXPECT_NE(ascii_lower(shown).find("revolution"), std::string::npos) << hit.dump();
  // On a terminal (--color always) the word is coloured.
  Result t = search({"--color", "always", "title:ultimatum"});
  ASSERT_EQ(t.status, 0) << show(t);
  EXPECT_NE(t.out.find("\x1b[1;31mUltimatum\x1b[0m"), std::string::npos) << t.out;
}

TEST_F(Research, KwicShowsTheWrittenFormsOfMatchedPersonsAndPlaces) {
  Result rec = search({"--record", "209747", "--format", "json"});
  ASSERT_EQ(rec.status, 0) << show(rec);
  const std::string body = json::parse(rec.out)["body"];
  // person:Khrushchev: every written form of the name (before: no line at all).
  Result r = search({"--kwic", "--format", "json", "person:Khrushchev"});
  ASSERT_EQ(r.status, 0) << show(r);
  std::set<std::string> seed, all;
  for (const auto& l : json::parse(r.out)) {
    const std::string kw = l["keyword"];
    all.insert(kw);
    const std::string low = ascii_lower(kw);
    EXPECT_TRUE(low.find("khrushch") != std::string::npos || low.find("krushch") != std::string::npos ||
                kw == "Хрущёв" || kw == "Hruščov")
        << kw;  // Czech, joined by issue 13's key
    if (l["id"] == "209747") {
      seed.insert(kw);
      EXPECT_EQ(body.substr(l["offset"].get<std::size_t>(), kw.size()), kw);
    }
  }
  EXPECT_EQ(seed, (std::set<std::string>{"N.S. Khrushchev", "N.S. KRUSHCHEV"})) << r.out;
  EXPECT_TRUE(all.count("Khrushchov")) << r.out;  // another record's spelling
  Result text = search({"--kwic", "person:Khrushchev"});
  EXPECT_NE(text.out.find("CONVERSATION OF CDE. | N.S. KRUSHCHEV "), std::string::npos) << text.out;

  // place:Baghdad: its forms as written.
  Result p = search({"--kwic", "--format", "json", "place:Baghdad"});
  ASSERT_EQ(p.status, 0) << show(p);
  std::set<std::string> ids, kws;
  for (const auto& l : json::parse(p.out)) {
    ids.insert(l["id"]);
    kws.insert(l["keyword"]);
    if (l["id"] == "209747") {
      EXPECT_EQ(body.substr(l["offset"].get<std::size_t>(), 7), l["keyword"].get<std::string>());
    }
  }
  EXPECT_EQ(kws, (std::set<std::string>{"Baghdad", "BAGHDAD"})) << p.out;
  EXPECT_TRUE(ids.count("209747")) << p.out;
  EXPECT_GE(ids.size(), 3u) << p.out;
}

TEST_F(Research, KwicShowsTitleWordsFoundInTheBody) {
  // title:delegation: the seed record's title has it, and so has its body.
  Result rec = search({"--record", "209747", "--format", "json"});
  const std::string body = json::parse(rec.out)["body"];
  Result r = search({"--kwic", "--format", "json", "title:delegation"});
  ASSERT_EQ(r.status, 0) << show(r);
  std::size_t seed = 0;
  for (const auto& l : json::parse(r.out)) {
    const std::string kw = l["keyword"];
    EXPECT_EQ(ascii_lower(kw).substr(0, 6), "delega") << kw;  // by stem: delegation, delegations
    if (l["id"] == "209747") {
      ++seed;
      EXPECT_EQ(body.substr(l["offset"].get<std::size_t>(), kw.size()), kw);
    }
  }
  EXPECT_GE(seed, 2u) << r.out;
  Result t = search({"--kwic", "--context", "2", "title:delegation"});
  EXPECT_NE(t.out.find("| delegation "), std::string::npos) << t.out;
}

// --- Did you mean --------------------------------------------------------------

TEST_F(Research, MisspelledWordsGetASuggestion) {
  for (const std::string& db : {s_db, s_direct, s_stub}) {
    Result r = search({"Khruschev"}, db);
    EXPECT_EQ(r.status, 1) << show(r);
    EXPECT_NE(r.out.find("Did you mean: khrushchev?"), std::string::npos) << db << "\n" << show(r);
    Result j = search({"--format", "json", "militry"}, db);
    EXPECT_EQ(j.status, 1) << show(j);
    EXPECT_EQ(json::parse(j.out).value("suggestion", ""), "military") << db << "\n" << j.out;
  }
  // --no-suggest: none looked for.
  Result off = search({"--no-suggest", "--format", "json", "militry"});
  EXPECT_EQ(off.status, 1) << show(off);
  EXPECT_FALSE(json::parse(off.out).contains("suggestion")) << off.out;
  // A query that finds plenty has no suggestion.
  Result ok = search({"--format", "json", "Baghdad"});
  EXPECT_FALSE(json::parse(ok.out).contains("suggestion"));
  EXPECT_EQ(search({"Baghdad"}).out.find("Did you mean"), std::string::npos);
  // Without spelling data (opis-index --no-spelling): no suggestion.
  const std::string bare = (s_dir->path() / "no-spelling").string();
  Result r = opis::test::run({kIndex, "--db", bare, "--no-spelling", (kShared / "records").string()});
  ASSERT_EQ(r.status, 0) << show(r);
  Result j = search({"--format", "json", "Khruschev"}, bare);
  EXPECT_EQ(j.status, 1) << show(j);
  EXPECT_FALSE(json::parse(j.out).contains("suggestion")) << j.out;
}

// The bulk build gives each worker's word counts to its last batch only, and
// the compaction sums them: the spelling data must be the same word for
// word as a direct build's, whatever the number of batches and threads.
TEST_F(Research, SpellingDataDoesNotDependOnBatchesOrThreads) {
  const std::string many = (s_dir->path() / "many-batches").string();
  Result r = opis::test::run({kIndex, "--db", many, "--batch-size", "3", "--threads", "2",
                              (kShared / "records").string(), (kSource / "corpus").string()});
  ASSERT_EQ(r.status, 0) << show(r);
  auto spellings = [](const std::string& path) {
    Xapian::Database db(path);
    std::map<std::string, Xapian::termcount> out;
    for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) out[*it] = it.get_termfreq();
    return out;
  };
  const auto direct = spellings(s_direct);
  EXPECT_GT(direct.size(), 1000u);
  EXPECT_TRUE(spellings(many) == direct);
  EXPECT_TRUE(spellings(s_db) == direct);
}

// --- Related records ---------------------------------------------------------------

TEST_F(Research, LikeFindsOtherRecordsAndSaysWhy) {
  for (const std::string& db : {s_db, s_stub}) {
    Result r = search({"--like", "209747", "--format", "json", "--limit", "20"}, db);
    ASSERT_EQ(r.status, 0) << show(r);
    json j = json::parse(r.out);
    ASSERT_FALSE(j["results"].empty());
    for (const auto& h : j["results"]) EXPECT_NE(h["id"], "209747");
    ASSERT_TRUE(j.contains("similar_terms")) << r.out;
    std::vector<std::string> terms = j["similar_terms"];
    EXPECT_GE(terms.size(), 5u);
    for (const auto& t : terms) {
      EXPECT_FALSE(t.empty());
      EXPECT_FALSE(std::isupper(static_cast<unsigned char>(t[0]))) << t;  // no field terms
      EXPECT_NE(t, "the");
    }
    // Records about Iraq and Baghdad come first.
    std::vector<std::string> top;
    for (std::size_t i = 0; i < 5 && i < j["results"].size(); ++i) top.push_back(j["results"][i]["id"]);
    EXPECT_TRUE(has(top, "9101") || has(top, "9010")) << r.out;
  }
  // The same words and records from shards as from one database.
  Result one = search({"--like", "209747", "--format", "json", "--limit", "100"});
  Result sharded = search({"--like", "209747", "--format", "json", "--limit", "100"}, s_stub);
  EXPECT_EQ(json::parse(one.out)["similar_terms"], json::parse(sharded.out)["similar_terms"]);
  EXPECT_EQ(json::parse(one.out)["total"], json::parse(sharded.out)["total"]);
  Result t = search({"--like", "209747", "--limit", "3"});
  EXPECT_NE(t.out.find("Similar by: "), std::string::npos) << t.out;
  // A query with --like filters the similar records.
  for (const auto& id : ids({"--like", "209747", "lang:russian"})) EXPECT_NE(id, "209747");
  Result missing = search({"--like", "nope"});
  EXPECT_EQ(missing.status, 2) << show(missing);
  EXPECT_NE(missing.err.find("no record with id 'nope'"), std::string::npos) << missing.err;
}

// --- Wildcards, proximity, phrases with names -----------------------------------------

TEST_F(Research, WildcardsFindNamesAndATooBroadOneIsRefused) {
  EXPECT_TRUE(has(ids({"Khrush*"}), "209747"));
  EXPECT_TRUE(has(ids({"Khrush*"}), "9018"));  // Khrushchov
  TempDir d;
  std::string body;
  for (int i = 0; i < 1100; ++i) body += "zq" + std::to_string(1000 + i) + " ";
  write_file(d.path() / "many.jsonl", json{{"id", "many"}, {"title", "many words"}, {"body", body}}.dump() + "\n");
  const std::string db = (d.path() / "db").string();
  Result ix = opis::test::run({kIndex, "--db", db, (d.path() / "many.jsonl").string()});
  ASSERT_EQ(ix.status, 0) << show(ix);
  Result r = search({"zq*"}, db);
  EXPECT_EQ(r.status, 2) << show(r);
  EXPECT_NE(r.err.find("a wildcard matches too many words"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("make it longer"), std::string::npos) << r.err;
  Result k = search({"--kwic", "zq*"}, db);
  EXPECT_EQ(k.status, 2) << show(k);
  EXPECT_EQ(search({"zq10*"}, db).status, 0);  // 100 words: fine
}

TEST_F(Research, NearAndAdjFindAndDoNotFind) {
  // The seed record's title: "... N.S. Khrushchev with a Delegation of Baghdad ...".
  EXPECT_TRUE(has(ids({"Khrushchev NEAR/5 Baghdad"}), "209747"));
  EXPECT_TRUE(has(ids({"Baghdad NEAR/5 Khrushchev"}), "209747"));  // any order
  EXPECT_FALSE(has(ids({"Khrushchev NEAR/1 Baghdad"}), "209747"));
  EXPECT_TRUE(has(ids({"Khrushchev ADJ/8 Baghdad"}), "209747"));
  EXPECT_FALSE(has(ids({"Baghdad ADJ/8 Khrushchev"}), "209747"));  // in order only
  EXPECT_EQ(search({"Khrushchev NEAR/1 Baghdad"}).status, 1);
}

TEST_F(Research, PhrasesWithNamesKeepWorking) {
  auto comrade = ids({"\"Comrade Khrushchev\""});
  EXPECT_FALSE(comrade.empty());
  EXPECT_TRUE(has(ids({"person:Khrushchev \"military force\""}), "209747"));
  EXPECT_TRUE(has(ids({"\"Cde. N.S. Khrushchev\""}), "209747"));
}

TEST_F(Research, ExplainNamesFieldsVariantsAndDates) {
  Result p = search({"--explain", "--limit", "1", "person:Khrushchev"});
  ASSERT_EQ(p.status, 0) << show(p);
  EXPECT_NE(p.err.find("Parsed query: "), std::string::npos) << p.err;
  EXPECT_NE(p.err.find("Understood as:"), std::string::npos) << p.err;
  EXPECT_NE(p.err.find("person: any spelling with the match key"), std::string::npos) << p.err;
  for (const char* v : {"khrushchov", "krushchev", "хрущёв"})
    EXPECT_NE(p.err.find(v), std::string::npos) << v << "\n" << p.err;
  Result w = search({"--explain", "--limit", "1", "Khrush*"});
  EXPECT_NE(w.err.find("any word starting with \"khrush\""), std::string::npos) << w.err;
  EXPECT_NE(w.err.find("khrushchov"), std::string::npos) << w.err;
  Result f = search({"--explain", "--limit", "1", "translator:Greenfield date:1958..1960 \"military force\""});
  EXPECT_NE(f.err.find("translator: the word \"greenfield\""), std::string::npos) << f.err;
  EXPECT_NE(f.err.find("phrase \"military force\""), std::string::npos) << f.err;
  EXPECT_NE(f.err.find("on or before 1960-12-31"), std::string::npos) << f.err;
  EXPECT_NE(f.err.find("on or after 1958-01-01"), std::string::npos) << f.err;
  Result n = search({"--explain", "--limit", "1", "Khrushchev NEAR/5 Baghdad"});
  EXPECT_NE(n.err.find("at most 5 words apart"), std::string::npos) << n.err;
}

}  // namespace

// Schema and index writer: index a record, assert the prefixed terms and
// values present and absent (as omindexcheck does for Omega).
#include <gtest/gtest.h>

#include <set>

#include <nlohmann/json.hpp>

#include "../test_context.h"
#include "opis/entities/entity_extractor.h"
#include "opis/index/document.h"
#include "opis/index/index_writer.h"
#include "opis/index/schema.h"

namespace {

using namespace opis;

std::set<std::string> terms_of(const Xapian::Document& doc) {
  std::set<std::string> t;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) t.insert(*it);
  return t;
}

Record sample() {
  Record r;
  r.id = "209747";
  r.source = "records/209747.txt";
  r.title = "Record of a Conversation with a Delegation of Baghdad";
  r.summary = "Khrushchev meets with a delegation";
  r.body = "a demonstration of military force\n\n[1] note about Kuban";
  r.footnotes = {{"1", "note about Kuban"}};
  r.handwritten = {"Sent out on 24-XI"};
  r.contributors = {"Sergey Radchenko"};
  r.translators = {"Angela Greenfield"};
  r.archive = "Wilson Center Digital Archive";
  r.reference = "RGANI, f. 52, op. 1, d. 566, ll. 8-11";
  r.repository = "RGANI";
  r.url = "https://digitalarchive.umd.edu/document/209747";
  r.original_language = "Russian";
  r.translation_language = "English";
  r.credits = "made possible with support from Blavatnik Family Foundation";
  r.funder = "Blavatnik Family Foundation";
  r.date = parse_date("November 19, 1958").date;
  return r;
}

TEST(Schema, PrefixesAreUniqueAndFieldsFound) {
  std::set<std::string_view> prefixes, names;
  for (const Field& f : fields()) {
    EXPECT_TRUE(prefixes.insert(f.prefix).second) << f.prefix;
    EXPECT_TRUE(names.insert(f.name).second) << f.name;
    EXPECT_EQ(find_field(f.name), &f);
    if (!f.alias.empty()) {
      EXPECT_EQ(find_field(f.alias), &f);
    }
  }
  EXPECT_EQ(find_field("nope"), nullptr);
  EXPECT_EQ(field("id").prefix, "Q");
  EXPECT_EQ(field("title").prefix, "S");
}

TEST(Schema, BooleanTermsAreFoldedAndCapped) {
  EXPECT_EQ(boolean_term(field("lang"), "Russian"), "XLANGrussian");
  EXPECT_EQ(boolean_term(field("repo"), " RGANI "), "XREPOrgani");
  EXPECT_EQ(boolean_term(field("lang"), "Română"), "XLANGromana");
  EXPECT_EQ(boolean_term(field("url"), "https://X/Y"), "Uhttps://X/Y");  // exact
  std::string huge(5000, 'a');
  std::string t = boolean_term(field("url"), huge);
  EXPECT_LE(t.size(), kMaxTermBytes);
  EXPECT_NE(t, boolean_term(field("url"), huge + "b"));  // still distinct
  EXPECT_LE(id_term(huge).size(), kMaxTermBytes);
}

TEST(Schema, DocumentHasTheTermsOfEveryField) {
  auto tg = make_term_generator();
  auto terms = terms_of(make_document(sample(), tg, test::index_context()));
  for (const char* t : {"Q209747",
                        "military",
                        "Zforc",
                        "baghdad",
                        "Sbaghdad",
                        "ZSbaghdad",
                        "XSUMkhrushchev",
                        "XHWsent",
                        "XFNkuban",
                        "XCONradchenko",
                        "XTRgreenfield",
                        "XARCwilson",
                        "XREFrgani",
                        "XREF52",
                        "XREPOrgani",
                        "XLANGrussian",
                        "XLANGru",
                        "XLANGrus",
                        "XTLANGenglish",
                        "XTLANGen",
                        "XFUNDblavatnik",
                        "Y1958",
                        "M195811",
                        "D19581119",
                        "Uhttps://digitalarchive.umd.edu/document/209747",
                        "Precords/209747.txt",
                        "radchenko",
                        "greenfield"}) {
    EXPECT_TRUE(terms.count(t)) << "missing " << t;
  }
  // Body words are not title words; the archive and reference are not in
  // the default field; a field's words do not carry another's prefix.
  for (const char* t : {"Smilitary", "XSUMmilitary", "wilson", "rgani", "XTRradchenko", "XCONgreenfield",
                        "XLANGenglish", "XHWmilitary"}) {
    EXPECT_FALSE(terms.count(t)) << "unexpected " << t;
  }
}

TEST(Schema, TitleWeighsMoreThanSummaryMoreThanBody) {
  Record r;
  r.id = "w";
  r.title = "alpha";
  r.summary = "beta";
  r.body = "gamma";
  auto tg = make_term_generator();
  Xapian::Document doc = make_document(r, tg, test::index_context());
  std::map<std::string, Xapian::termcount> wdf;
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) wdf[*it] = it.get_wdf();
  EXPECT_EQ(wdf["alpha"], kTitleWeight);
  EXPECT_EQ(wdf["beta"], kSummaryWeight);
  EXPECT_EQ(wdf["gamma"], kBodyWeight);
  EXPECT_GT(kTitleWeight, kSummaryWeight);
  EXPECT_GT(kSummaryWeight, kBodyWeight);
}

TEST(Schema, DateValuesAndUndatedSortLast) {
  auto tg = make_term_generator();
  Xapian::Document dated = make_document(sample(), tg, test::index_context());
  EXPECT_EQ(dated.get_value(slot::date_start), "19581119");
  EXPECT_EQ(dated.get_value(slot::date_end), "19581119");
  EXPECT_EQ(dated.get_value(slot::id), "209747");
  Record month = sample();
  month.date = parse_date("November 1958").date;
  Xapian::Document m = make_document(month, tg, test::index_context());
  EXPECT_EQ(m.get_value(slot::date_start), "19581101");
  EXPECT_EQ(m.get_value(slot::date_end), "19581130");
  EXPECT_FALSE(terms_of(m).count("D19581101"));
  Record none = sample();
  none.date = parse_date("n.d.").date;
  Xapian::Document u = make_document(none, tg, test::index_context());
  EXPECT_EQ(u.get_value(slot::date_start), "");
  EXPECT_GT(u.get_value(slot::sort_asc), dated.get_value(slot::sort_asc));
  EXPECT_LT(u.get_value(slot::sort_desc), dated.get_value(slot::sort_desc));
}

TEST(Schema, UncertainDatesWidenTheSlotsNotTheSortKey) {
  auto tg = make_term_generator();
  Record circa = sample();
  circa.date = parse_date("circa 1961").date;
  Xapian::Document c = make_document(circa, tg, test::index_context());
  EXPECT_EQ(c.get_value(slot::date_start), "19590101");
  EXPECT_EQ(c.get_value(slot::date_end), "19631231");
  EXPECT_EQ(c.get_value(slot::sort_asc).substr(0, 8), "19610101");
  auto t = terms_of(c);
  EXPECT_TRUE(t.count("Y1961"));
  EXPECT_FALSE(t.count("Y1959"));
  EXPECT_TRUE(t.count("XDATEuncertain"));
  EXPECT_FALSE(t.count("XDATEsupplied"));

  Record range = sample();
  range.date = parse_date("[1958-1960]").date;
  Xapian::Document r = make_document(range, tg, test::index_context());
  EXPECT_EQ(r.get_value(slot::date_start), "19580101");
  EXPECT_EQ(r.get_value(slot::date_end), "19601231");
  t = terms_of(r);
  for (const char* y : {"Y1958", "Y1959", "Y1960", "XDATEsupplied", "XDATErange"}) EXPECT_TRUE(t.count(y)) << y;
  EXPECT_FALSE(t.count("XDATEuncertain"));
  EXPECT_FALSE(t.count("M195801"));

  // The stored record reads back with its flags.
  Record back = record_from_document(r);
  EXPECT_TRUE(back.date.supplied);
  EXPECT_TRUE(back.date.range);
  EXPECT_EQ(back.date.end.key(), "19601231");
  EXPECT_EQ(back.date.edtf(), "1958/1960");
}

TEST(Schema, ReferencePartsAreTermsAndPageSlots) {
  auto tg = make_term_generator();
  Xapian::Document doc = make_document(sample(), tg, test::index_context());
  auto t = terms_of(doc);
  for (const char* term : {"XFOND52", "XOPIS1", "XDELO566"}) EXPECT_TRUE(t.count(term)) << term;
  EXPECT_EQ(Xapian::sortable_unserialise(doc.get_value(slot::page_first)), 8);
  EXPECT_EQ(Xapian::sortable_unserialise(doc.get_value(slot::page_last)), 11);
  Record us = sample();
  us.reference = "RG 59, Central Files, 611.61/11-1958";
  Xapian::Document u = make_document(us, tg, test::index_context());
  t = terms_of(u);
  EXPECT_TRUE(t.count("XRG59"));
  EXPECT_FALSE(t.count("XFOND52"));
  EXPECT_EQ(u.get_value(slot::page_first), "");
  Record generic = sample();
  generic.reference = "TNA, FO 371/135894";
  t = terms_of(make_document(generic, tg, test::index_context()));
  for (const std::string& term : t) EXPECT_NE(term.rfind("XFOND", 0), 0u) << term;
}

TEST(Schema, StoredDataRoundTrips) {
  auto tg = make_term_generator();
  Record r = sample();
  Xapian::Document doc = make_document(r, tg, test::index_context());
  std::string data = doc.get_data();
  // The display header (schema 11), JSON, NUL, body.
  ASSERT_EQ(data[0], '\x01');
  const std::size_t json_at = data.find('{');
  ASSERT_NE(data.find('\0', json_at), std::string::npos);
  const auto stored = nlohmann::json::parse(data.substr(json_at, data.find('\0', json_at) - json_at));
  EXPECT_FALSE(stored.contains("body"));
  // The persons and places are in their slot (schema 12), deflated.
  EXPECT_FALSE(stored.contains("persons"));
  EXPECT_FALSE(stored.contains("places"));
  const std::string entities = doc.get_value(slot::entities);
  EXPECT_FALSE(entities.empty());
  Record back = record_from_document(doc);
  // The stored record is the record plus the persons and places extracted
  // at index time (issue 3).
  Record expected = r;
  extract_entities(expected, test::gazetteer());
  // And the language its text was analysed in (issue 16).
  const TextLanguage lang = decide_text_language(r, nullptr);
  expected.text_language = lang.code;
  expected.text_language_source = lang.source;
  expected.text_language_confidence = lang.confidence;
  EXPECT_FALSE(expected.places.empty());
  EXPECT_EQ(to_json(back), to_json(expected));
  const nlohmann::json j = to_json(back);
  EXPECT_LT(entities.size(), j["persons"].dump().size() + j["places"].dump().size());
  // A result line of a person: or place: query: the same persons and places.
  Record named = display_record_from_document(doc, true);
  EXPECT_EQ(to_json(named)["persons"], j["persons"]);
  EXPECT_EQ(to_json(named)["places"], j["places"]);
  for (std::size_t i = 0; i < back.persons.size(); ++i) EXPECT_EQ(named.persons[i].terms, back.persons[i].terms);
  for (std::size_t i = 0; i < back.places.size(); ++i) EXPECT_EQ(named.places[i].term, back.places[i].term);
  // Without the persons and places (what a search shows), the rest is whole.
  Record light = record_from_document(doc, false);
  EXPECT_TRUE(light.persons.empty());
  EXPECT_TRUE(light.places.empty());
  expected.persons.clear();
  expected.places.clear();
  EXPECT_EQ(to_json(light), to_json(expected));
  EXPECT_EQ(light.body, r.body);
  // What a result line shows, from the display header alone: the same.
  Record shown = display_record_from_document(doc);
  Record fields;
  for (auto [to, from] : std::initializer_list<std::pair<std::string Record::*, std::string Record::*>>{
           {&Record::id, &Record::id},
           {&Record::title, &Record::title},
           {&Record::summary, &Record::summary},
           {&Record::archive, &Record::archive},
           {&Record::reference, &Record::reference},
           {&Record::repository, &Record::repository},
           {&Record::original_language, &Record::original_language},
           {&Record::text_language, &Record::text_language},
           {&Record::text_language_source, &Record::text_language_source},
           {&Record::url, &Record::url},
           {&Record::body, &Record::body}})
    fields.*to = light.*from;
  fields.contributors = light.contributors;
  fields.translators = light.translators;
  fields.editors = light.editors;
  fields.cites = light.cites;
  fields.date = light.date;
  EXPECT_FALSE(shown.id.empty());
  EXPECT_FALSE(shown.body.empty());
  EXPECT_EQ(to_json(shown), to_json(fields));
}

TEST(Schema, DisplayHeaderKeepsDatesAndInvalidTextAsTheJsonDoes) {
  auto tg = make_term_generator();
  for (const char* when :
       {"circa 1961", "[1958]", "1958-1960", "1950s", "early 1962", "12-14 May 1960", "n.d.", "Febtember 31, 19611"}) {
    Record r = sample();
    r.date = parse_date(when).date;
    r.title = std::string("bad \xff byte");  // invalid UTF-8: the JSON stores U+FFFD
    r.contributors = {"A. \xc3", "B"};
    Xapian::Document doc = make_document(r, tg, test::index_context());
    Record light = record_from_document(doc, false);
    Record shown = display_record_from_document(doc);
    EXPECT_EQ(shown.title, light.title) << when;
    EXPECT_EQ(shown.contributors, light.contributors) << when;
    EXPECT_EQ(to_json(shown)["date"], to_json(light)["date"]) << when;
    EXPECT_EQ(to_json(shown)["date_text"], to_json(light)["date_text"]) << when;
    EXPECT_EQ(to_json(shown)["date_edtf"], to_json(light)["date_edtf"]) << when;
    EXPECT_EQ(shown.date.display(), light.date.display()) << when;
    EXPECT_EQ(shown.date.interval_end().key(), light.date.interval_end().key()) << when;
  }
}

TEST(Schema, ARecordNamingNoOneHasNoEntitiesValue) {
  auto tg = make_term_generator();
  Record r = sample();
  r.body = "nothing and nobody here, in no place at all.";
  r.title = "a note";
  r.summary.clear();
  r.contributors.clear();
  r.translators.clear();
  r.editors.clear();
  Xapian::Document doc = make_document(r, tg, test::index_context());
  Record back = record_from_document(doc);
  ASSERT_TRUE(back.persons.empty() && back.places.empty()) << to_json(back).dump();
  EXPECT_EQ(doc.get_value(slot::entities), "");
  // Read back as it was: empty lists, as to_json() writes them.
  EXPECT_TRUE(to_json(back)["persons"].is_array());
  EXPECT_TRUE(to_json(back)["places"].is_array());
  EXPECT_EQ(to_json(back), to_json(record_from_document(doc, false)));
}

TEST(Schema, APersonsAndPlacesValueCutShortIsAnError) {
  auto tg = make_term_generator();
  Xapian::Document doc = make_document(sample(), tg, test::index_context());
  const std::string value = doc.get_value(slot::entities);
  ASSERT_GT(value.size(), 10u);
  for (const std::string& bad : {value.substr(0, value.size() / 2), std::string("\x85"), std::string("\x05xxxx")}) {
    doc.add_value(slot::entities, bad);
    EXPECT_THROW(record_from_document(doc), std::runtime_error);
    EXPECT_THROW(display_record_from_document(doc, true), std::runtime_error);
    // Readers that want no persons nor places never look.
    EXPECT_NO_THROW(record_from_document(doc, false));
    EXPECT_NO_THROW(display_record_from_document(doc));
  }
}

}  // namespace

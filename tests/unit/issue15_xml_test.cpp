// Issue 15: TEI and EAD read directly. The XML layer's safety (malformed
// files, XXE, entity bombs, deep nesting, wrong encoding declarations), the
// choice of reader by root element, and the TEI and EAD mappings on small
// hand-written documents.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include <gtest/gtest.h>

#include "opis/record/record_reader.h"
#include "scratch_dir.h"

namespace opis {
namespace {

struct Read {
  std::vector<Record> records;
  std::vector<Diagnostic> diags;
  int rejected = 0;
  std::string messages() const {
    std::string m;
    for (const auto& d : diags) m += d.format() + "\n";
    return m;
  }
};

Read read_xml(const std::string& xml, const std::string& name = "doc.xml", const ReadOptions& opts = {}) {
  Read r;
  r.rejected = read_records(
      SourceRef("dir/" + name, name), xml, [&](Record&& rec) { r.records.push_back(std::move(rec)); }, r.diags, opts);
  return r;
}

const Person* person_named(const Record& r, const std::string& name) {
  for (const auto& p : r.persons) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

const Place* place_named(const Record& r, const std::string& name) {
  for (const auto& p : r.places) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

TEST(Issue15Xml, MalformedXmlIsReportedWithLineAndColumnAndSkipped) {
  Read r = read_xml(
      "<?xml version=\"1.0\"?>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">\n<text><body><p>a</b>"
      "</body></text></TEI>\n");
  EXPECT_EQ(r.rejected, 1);
  EXPECT_TRUE(r.records.empty());
  ASSERT_EQ(r.diags.size(), 1u) << r.messages();
  EXPECT_EQ(r.diags[0].line, 3);
  EXPECT_GT(r.diags[0].column, 0);
  EXPECT_NE(r.diags[0].message.find("invalid XML: "), std::string::npos) << r.messages();
  EXPECT_NE(r.diags[0].message.find("file skipped"), std::string::npos) << r.messages();
}

class Issue15XmlFiles : public test::ScratchDir {};

TEST_F(Issue15XmlFiles, ExternalEntitiesAreNeverRead) {
  const std::string secret = write("secret.txt", "SECRET-MARKER-15").string();
  // A local server: had the parser fetched the http:// entity, it would
  // have connected here.
  int srv = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(srv, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(srv, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  socklen_t len = sizeof a;
  ASSERT_EQ(::getsockname(srv, reinterpret_cast<sockaddr*>(&a), &len), 0);
  ASSERT_EQ(::listen(srv, 4), 0);
  ::fcntl(srv, F_SETFL, O_NONBLOCK);
  const std::string url = "http://127.0.0.1:" + std::to_string(ntohs(a.sin_port)) + "/x";
  const std::string xml =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE TEI [\n<!ENTITY pw SYSTEM \"file:///etc/passwd\">\n"
      "<!ENTITY sec SYSTEM \"file://" +
      secret + "\">\n<!ENTITY net SYSTEM \"" + url + "\">\n<!ENTITY % dtd SYSTEM \"" + url +
      "\">\n%dtd;\n]>\n"
      "<TEI><teiHeader><fileDesc><titleStmt><title>XXE</title></titleStmt></fileDesc></teiHeader>"
      "<text><body><p>a &pw; b &sec; c &net; d</p></body></text></TEI>\n";
  Read r = read_xml(xml);
  int conn = ::accept(srv, nullptr, nullptr);
  EXPECT_LT(conn, 0) << "the parser connected to " << url;
  if (conn >= 0) ::close(conn);
  ::close(srv);
  for (const auto& rec : r.records) {
    EXPECT_EQ(rec.body.find("root:"), std::string::npos);
    EXPECT_EQ(rec.body.find("SECRET-MARKER-15"), std::string::npos);
    EXPECT_NE(rec.body.find("a b c d"), std::string::npos) << rec.body;
  }
  EXPECT_NE(r.messages().find("not expanded"), std::string::npos) << r.messages();
}

TEST(Issue15Xml, BillionLaughsIsRefusedQuickly) {
  std::string xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE TEI [\n<!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    xml += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) xml += i == 1 ? "&lol;" : "&lol" + std::to_string(i - 1) + ";";
    xml += "\">\n";
  }
  xml +=
      "]>\n<TEI><teiHeader><fileDesc><titleStmt><title>Laughs</title></titleStmt></fileDesc></teiHeader>"
      "<text><body><p>&lol9;</p></body></text></TEI>\n";
  auto start = std::chrono::steady_clock::now();
  Read r = read_xml(xml);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(secs, 5.0);
  for (const auto& rec : r.records) EXPECT_LT(rec.body.size(), 1000u);
  EXPECT_FALSE(r.diags.empty()) << "the bomb passed in silence";
}

TEST(Issue15Xml, DeepNestingIsAnErrorNotACrash) {
  std::string xml = "<TEI><text><body>";
  for (int i = 0; i < 10000; ++i) xml += "<hi>";
  xml += "deep";
  for (int i = 0; i < 10000; ++i) xml += "</hi>";
  xml += "</body></text></TEI>";
  Read r = read_xml(xml);
  EXPECT_EQ(r.rejected, 1);
  EXPECT_TRUE(r.records.empty());
  EXPECT_NE(r.messages().find("error: invalid XML"), std::string::npos) << r.messages();
}

TEST(Issue15Xml, WrongEncodingDeclarations) {
  // Declared Latin-1, bytes UTF-8: read as UTF-8, with a warning.
  Read r = read_xml(
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><TEI><teiHeader><fileDesc><titleStmt>"
      "<title>Brief an Wien</title></titleStmt></fileDesc></teiHeader><text><body><p>Grüße aus Zürich</p>"
      "</body></text></TEI>");
  ASSERT_EQ(r.records.size(), 1u) << r.messages();
  EXPECT_EQ(r.records[0].body, "Grüße aus Zürich");
  EXPECT_NE(r.messages().find("declares encoding 'iso-8859-1' but its bytes are UTF-8"), std::string::npos);
  // An encoding nobody knows: an error, the file skipped.
  r = read_xml("<?xml version=\"1.0\" encoding=\"klingon-8\"?><TEI><text><body><p>x</p></body></text></TEI>");
  EXPECT_EQ(r.rejected, 1);
  EXPECT_TRUE(r.records.empty());
  EXPECT_NE(r.messages().find("error:"), std::string::npos) << r.messages();
  // Declared UTF-8, a Latin-1 byte: replaced, with a warning, and indexed.
  r = read_xml(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><TEI><text><body><p>Gr\xFC\xDF"
      "e</p></body></text></TEI>");
  ASSERT_EQ(r.records.size(), 1u) << r.messages();
  EXPECT_NE(r.messages().find("invalid UTF-8"), std::string::npos);
}

TEST(Issue15Xml, OtherRootsAreNamedAndSkipped) {
  Read r = read_xml("<rss><channel/></rss>");
  EXPECT_EQ(r.rejected, 1);
  EXPECT_NE(r.messages().find("not a TEI or EAD file (root element <rss>)"), std::string::npos) << r.messages();
  r = read_xml("<TEI xmlns=\"http://example.org/other\"><text/></TEI>");
  EXPECT_EQ(r.rejected, 1);
  EXPECT_NE(r.messages().find("in namespace http://example.org/other"), std::string::npos) << r.messages();
}

TEST(Issue15Xml, TeiWithoutBodyIsIndexedFromItsHeaderWithAWarning) {
  Read r = read_xml(
      "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\" xml:id=\"L1\"><teiHeader><fileDesc><titleStmt>"
      "<title>Only a header</title></titleStmt></fileDesc></teiHeader></TEI>");
  ASSERT_EQ(r.records.size(), 1u) << r.messages();
  EXPECT_EQ(r.records[0].id, "L1");
  EXPECT_EQ(r.records[0].title, "Only a header");
  EXPECT_NE(r.messages().find("has no <body>; indexed from its header alone"), std::string::npos) << r.messages();
}

TEST(Issue15Xml, EadWithoutComponentsGivesTheCollectionWithAWarning) {
  Read r = read_xml(
      "<ead><eadheader><eadid>coll-1</eadid></eadheader><archdesc level=\"collection\"><did>"
      "<unittitle>Papers</unittitle><unitdate normal=\"1901/1920\">1901-1920</unitdate></did>"
      "</archdesc></ead>");
  ASSERT_EQ(r.records.size(), 1u) << r.messages();
  EXPECT_EQ(r.records[0].id, "coll-1");
  EXPECT_EQ(r.records[0].date.start.year, 1901);
  EXPECT_EQ(r.records[0].date.end.year, 1920);
  EXPECT_NE(r.messages().find("describes no components"), std::string::npos) << r.messages();
}

// A letter with a register in the same file: every way of tagging, the
// header's fields, choice, page breaks, notes.
const char* kLetter = R"(<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="L042" xml:lang="de">
 <teiHeader>
  <fileDesc>
   <titleStmt>
    <title level="s">Briefwechsel</title>
    <title level="a">Bahr an Schnitzler, 12. 3. 1898</title>
    <editor><name>Ifkovits, Kurt</name><name>Müller, Martin Anton</name></editor>
    <respStmt><resp>Übersetzung</resp><persName>Jane Roe</persName></respStmt>
   </titleStmt>
   <publicationStmt><idno>hbas-42</idno></publicationStmt>
   <sourceDesc>
    <msDesc><msIdentifier><settlement>Wien</settlement><repository>Theatermuseum</repository>
     <collection>Nachlass Bahr</collection><idno>AM 23.348 Ba</idno></msIdentifier>
     <msContents><summary>Über die Premiere.</summary></msContents></msDesc>
    <listBibl><bibl><date when="1989">1989</date></bibl></listBibl>
   </sourceDesc>
  </fileDesc>
  <profileDesc>
   <langUsage><language ident="de">Deutsch</language></langUsage>
   <correspDesc>
    <correspAction type="sent"><persName ref="#p_bahr">Hermann Bahr</persName><placeName ref="#pl_wien">Wien</placeName>
     <date when="1898-03-12"/></correspAction>
    <correspAction type="received"><persName ref="#p_as">Arthur Schnitzler</persName></correspAction>
   </correspDesc>
  </profileDesc>
 </teiHeader>
 <text>
  <body>
   <div>
    <opener><dateline><placeName ref="#pl_wien">Wien</placeName>, 12. 3.</dateline></opener>
    <p>Lieber <rs type="person" ref="#p_as">Arthur</rs>, gestern mit <persName key="p_hvh">Loris</persName> in
     <placeName ref="#pl_wien">Wien</placeName> ge<pb n="2" break="no"/>wesen, dann <persName>Fritz Kober</persName>
     und <rs type="person" ref="#p_as #p_bahr">wir beide</rs>. Die <choice><sic>Premiäre</sic><corr>Premiere</corr></choice>
     war gut.<note n="1">Gemeint ist <persName ref="#p_hvh">Hofmannsthal</persName>.</note></p>
    <p>Im <orgName>Burgtheater</orgName> <choice><abbr>d. h.</abbr><expan>das heißt</expan></choice> nichts.<lb/>Gruß</p>
   </div>
  </body>
  <back>
   <listPerson>
    <person xml:id="p_as"><persName type="pref"><forename>Arthur</forename><surname>Schnitzler</surname></persName>
     <persName type="pseudonym">Anatol</persName>
     <birth when="1862-05-15"/><death when="1931-10-21"/>
     <idno type="URL" subtype="d-nb">https://d-nb.info/gnd/118609807</idno>
     <idno type="wikidata">Q44331</idno></person>
    <person xml:id="p_bahr"><persName><forename>Hermann</forename><surname>Bahr</surname></persName>
     <idno type="VIAF">49226474</idno></person>
    <person xml:id="p_hvh"><persName><forename>Hugo von</forename><surname>Hofmannsthal</surname></persName>
     <persName type="pseudonym">Loris</persName><persName type="pseudonym">Theophil Morren</persName></person>
   </listPerson>
   <listPlace>
    <place xml:id="pl_wien"><placeName type="pref">Wien</placeName><placeName>Vienna</placeName>
     <idno type="URL">https://www.geonames.org/2761369</idno></place>
   </listPlace>
  </back>
 </text>
</TEI>
)";

TEST(Issue15Tei, HeaderFieldsOfALetter) {
  Read r = read_xml(kLetter, "letters/L042.xml");
  ASSERT_EQ(r.records.size(), 1u) << r.messages();
  const Record& rec = r.records[0];
  EXPECT_EQ(rec.id, "L042");
  EXPECT_EQ(rec.format, "tei");
  EXPECT_EQ(rec.title, "Bahr an Schnitzler, 12. 3. 1898");
  EXPECT_EQ(rec.date.iso(), "1898-03-12");  // the letter's, not the edition's 1989
  EXPECT_EQ(rec.archive, "Theatermuseum, Wien");
  EXPECT_EQ(rec.reference, "Theatermuseum, Nachlass Bahr, AM 23.348 Ba");
  EXPECT_EQ(rec.original_language, "de");
  EXPECT_EQ(rec.summary, "Über die Premiere.");
  EXPECT_EQ(rec.editors, (std::vector<std::string>{"Ifkovits, Kurt", "Müller, Martin Anton"}));
  EXPECT_EQ(rec.translators, (std::vector<std::string>{"Jane Roe"}));
}

TEST(Issue15Tei, TextChoicePagesAndNotes) {
  Read r = read_xml(kLetter, "letters/L042.xml");
  ASSERT_EQ(r.records.size(), 1u) << r.messages();
  const Record& rec = r.records[0];
  // The corrected form shown, the page mark after the word it breaks.
  EXPECT_NE(rec.body.find("Die Premiere war gut."), std::string::npos) << rec.body;
  EXPECT_NE(rec.body.find("gewesen, [p. 2] dann"), std::string::npos) << rec.body;
  EXPECT_NE(rec.body.find("das heißt nichts.\nGruß"), std::string::npos) << rec.body;
  EXPECT_EQ(rec.body.find("Gemeint"), std::string::npos) << "notes are kept apart";
  ASSERT_EQ(rec.footnotes.size(), 1u);
  EXPECT_EQ(rec.footnotes[0].label, "1");
  EXPECT_EQ(rec.footnotes[0].text, "Gemeint ist Hofmannsthal.");
  ASSERT_EQ(rec.extra.size(), 1u);
  EXPECT_EQ(rec.extra[0].first, "variants");
  EXPECT_EQ(rec.extra[0].second, "Premiäre d. h.");
  EXPECT_EQ(rec.body.find("Arthur Schnitzler"), std::string::npos) << "registers are not text";
}

TEST(Issue15Tei, MarkupBecomesTaggedPersonsAndPlacesResolvedByTheRegister) {
  Read r = read_xml(kLetter, "letters/L042.xml");
  ASSERT_EQ(r.records.size(), 1u) << r.messages();
  const Record& rec = r.records[0];
  const Person* as = person_named(rec, "Arthur Schnitzler");
  ASSERT_NE(as, nullptr);
  EXPECT_TRUE(as->tagged);
  EXPECT_EQ(as->role, "addressee");
  EXPECT_EQ(as->surname, "Schnitzler");
  EXPECT_EQ(as->mentions, 3u);  // correspAction, "Arthur", "wir beide"
  EXPECT_EQ(as->aliases, (std::vector<std::string>{"Anatol"}));
  EXPECT_EQ(as->ids, (std::vector<std::string>{"gnd:118609807", "wikidata:Q44331"}));
  EXPECT_EQ(as->dates, "1862-05-15/1931-10-21");
  const Person* bahr = person_named(rec, "Hermann Bahr");
  ASSERT_NE(bahr, nullptr);
  EXPECT_EQ(bahr->role, "sender");
  EXPECT_EQ(bahr->mentions, 2u);
  EXPECT_EQ(bahr->ids, (std::vector<std::string>{"viaf:49226474"}));
  const Person* hvh = person_named(rec, "Hugo von Hofmannsthal");
  ASSERT_NE(hvh, nullptr) << "@key resolves too";
  EXPECT_EQ(hvh->mentions, 2u);  // text and note
  EXPECT_EQ(hvh->forms, (std::vector<std::string>{"Loris", "Hofmannsthal"}));
  const Person* kober = person_named(rec, "Fritz Kober");
  ASSERT_NE(kober, nullptr) << "an untagged-by-ref persName is still a person";
  EXPECT_TRUE(kober->ids.empty());
  const Place* wien = place_named(rec, "Wien");
  ASSERT_NE(wien, nullptr);
  EXPECT_EQ(wien->mentions, 3u);
  EXPECT_EQ(wien->aliases, (std::vector<std::string>{"Vienna"}));
  EXPECT_EQ(wien->ids, (std::vector<std::string>{"geonames:2761369"}));
  unsigned person_mentions = 0, place_mentions = 0;
  for (const auto& p : rec.persons) person_mentions += p.mentions;
  for (const auto& p : rec.places) place_mentions += p.mentions;
  EXPECT_EQ(person_mentions, 8u);  // every (element, ref) pair: 2 in correspDesc, 6 in the text
  EXPECT_EQ(place_mentions, 3u);
}

TEST(Issue15Tei, ARegisterInAnotherFileOfTheRunResolves) {
  const std::string reg = R"(<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><listPerson>
    <person xml:id="pmb11740"><persName><forename>Hugo von</forename><surname>Hofmannsthal</surname></persName>
    <persName type="pseudonym">Loris</persName><idno type="URL">https://pmb.acdh.oeaw.ac.at/entity/11740/</idno></person>
    </listPerson></body></text></TEI>)";
  auto run = std::make_shared<Register>();
  load_registers(SourceRef("dir/indices/listperson.xml", "indices/listperson.xml"), reg, *run);
  ASSERT_EQ(run->size(), 1u);
  ReadOptions opts;
  opts.registers = run;
  Read r = read_xml(
      "<TEI><text><body><p><persName ref=\"listperson.xml#pmb11740\">Loris</persName> und "
      "<persName ref=\"https://pmb.acdh.oeaw.ac.at/entity/11740\">H.</persName></p></body></text></TEI>",
      "D1.xml", opts);
  ASSERT_EQ(r.records.size(), 1u) << r.messages();
  ASSERT_EQ(r.records[0].persons.size(), 1u);
  EXPECT_EQ(r.records[0].persons[0].name, "Hugo von Hofmannsthal");
  EXPECT_EQ(r.records[0].persons[0].mentions, 2u);
  // The register file itself is no record.
  Read self = read_xml(reg, "indices/listperson.xml");
  EXPECT_TRUE(self.records.empty());
  EXPECT_NE(self.messages().find("is a register with no text"), std::string::npos) << self.messages();
}

TEST(Issue15Tei, ACorpusGivesARecordPerDocument) {
  Read r = read_xml(R"(<teiCorpus xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/>
    <TEI><teiHeader><fileDesc><titleStmt><title>One</title></titleStmt></fileDesc></teiHeader><text><body><p>a</p></body></text></TEI>
    <TEI xml:id="two"><teiHeader><fileDesc><titleStmt><title>Two</title></titleStmt></fileDesc></teiHeader><text><body><p>b</p></body></text></TEI>
    </teiCorpus>)",
                    "vol/corpus.xml");
  ASSERT_EQ(r.records.size(), 2u) << r.messages();
  EXPECT_EQ(r.records[0].id, "vol/corpus.xml#1");
  EXPECT_EQ(r.records[0].title, "One");
  EXPECT_EQ(r.records[1].id, "two");
  EXPECT_EQ(r.records[1].body, "b");
}

// A FRUS volume (tests/data/tei/frus): the persons list of the front matter
// is the register; each <div type="document"> a record, the volume none.
TEST(Issue15Tei, AFrusVolumeGivesARecordPerDocument) {
  Read r = read_xml(R"(<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0"
    xml:id="frus1958-60v11"><teiHeader><fileDesc><titleStmt>
    <title type="complete">Foreign Relations, Lebanon and Jordan</title><title type="series">FRUS</title>
    <editor role="primary">Louis J. Smith</editor></titleStmt></fileDesc></teiHeader>
    <text><front><div type="section" xml:id="persons"><head>List of Persons</head><list type="names">
     <item><persName xml:id="p_MC9">Malik, Charles</persName>, Foreign Minister</item></list></div></front>
    <body><div type="compilation"><head>Lebanon</head>
     <div type="chapter"><head>I. Background<note n="1">See earlier volumes.</note></head>
      <div type="document" xml:id="d1" frus:doc-dateTime-min="1958-01-09T11:00:00-05:00"
        frus:doc-dateTime-max="1958-01-09T11:00:00-05:00">
       <head>1. Telegram From Beirut<note n="2" type="source">Source: Central Files, 611.80/1-958. Secret.</note></head>
       <p>Call on <persName corresp="#p_MC9">Malik</persName>.</p></div>
      <div type="document" xml:id="d2" frus:doc-dateTime-min="1958-01-16T00:00:00-05:00"
        frus:doc-dateTime-max="1958-01-18T23:59:59-05:00"><head>2. Editorial Note</head><p>Talks.</p></div>
      <div type="document"><head>3. Memorandum</head>
       <dateline>Washington, <date when="1958-01-17">January 17</date></dateline><p>Text.</p></div>
    </div></div></body></text></TEI>)",
                    "frus1958-60v11.xml");
  ASSERT_EQ(r.records.size(), 3u) << r.messages();
  const Record& d1 = r.records[0];
  EXPECT_EQ(d1.id, "frus1958-60v11/d1");
  EXPECT_EQ(d1.title, "1. Telegram From Beirut");
  EXPECT_EQ(d1.date.edtf(), "1958-01-09");
  EXPECT_EQ(d1.series, "Foreign Relations, Lebanon and Jordan \u203a Lebanon \u203a I. Background");
  EXPECT_EQ(d1.reference, "Central Files, 611.80/1-958. Secret.");
  EXPECT_EQ(d1.editors, (std::vector<std::string>{"Louis J. Smith"}));
  const Person* malik = person_named(d1, "Malik, Charles");
  ASSERT_NE(malik, nullptr);
  EXPECT_TRUE(malik->tagged);
  EXPECT_EQ(malik->forms, (std::vector<std::string>{"Malik"}));
  EXPECT_EQ(d1.body.find("Foreign Minister"), std::string::npos);  // the persons list is not a record's text
  EXPECT_EQ(r.records[1].date.edtf(), "1958-01-16/1958-01-18");
  EXPECT_EQ(r.records[2].id, "frus1958-60v11/#3");
  EXPECT_EQ(r.records[2].date.edtf(), "1958-01-17");
}

const char* kFindingAid = R"(<?xml version="1.0"?>
<ead xmlns="urn:isbn:1-931666-22-9">
 <eadheader><eadid>mss-7</eadid></eadheader>
 <archdesc level="collection">
  <did><unittitle>Smith Family Papers</unittitle><unitid>MS 7</unitid>
   <repository><corpname>Example Library</corpname></repository>
   <unitdate normal="1890/1950">1890-1950</unitdate>
   <origination><persname authfilenumber="n79021164" source="lcnaf">Smith, John, 1850-1920</persname></origination>
  </did>
  <scopecontent><p>Letters and diaries.</p></scopecontent>
  <controlaccess><geogname authfilenumber="2643743" source="geonames">London (England)</geogname>
   <famname>Smith family</famname><corpname>Royal Society</corpname></controlaccess>
  <dsc>
   <c01 level="series" id="s1"><did><unittitle>Correspondence</unittitle><unitid>Series 1</unitid></did>
    <c02 level="subseries"><did><unittitle>Family</unittitle></did>
     <c03 level="file"><did><unittitle>Letters to Mary</unittitle><unitid>Folder 14</unitid>
      <unitdate normal="1901/1903">1901-1903</unitdate></did>
      <scopecontent><p>Written from <geogname>Paris</geogname>.</p></scopecontent></c03>
     <c03 level="item" id="i2"><did><unittitle>Postcard</unittitle><unitdate>circa 1910</unitdate></did></c03>
    </c02>
   </c01>
   <c01 level="otherlevel"><did><unittitle>Loose photograph</unittitle></did></c01>
  </dsc>
 </archdesc>
</ead>)";

TEST(Issue15Ead, ComponentsAtTheChosenLevelsWithPathsDatesAndReferences) {
  Read r = read_xml(kFindingAid, "ead/mss7.xml");
  ASSERT_EQ(r.records.size(), 4u) << r.messages();  // collection, file, item, the leaf of another level
  const Record& coll = r.records[0];
  EXPECT_EQ(coll.id, "mss-7");
  EXPECT_EQ(coll.title, "Smith Family Papers");
  EXPECT_EQ(coll.reference, "Example Library, MS 7");
  EXPECT_EQ(coll.date.start.year, 1890);
  EXPECT_EQ(coll.date.end.year, 1950);
  EXPECT_EQ(coll.body, "Letters and diaries.");
  ASSERT_EQ(coll.persons.size(), 2u);
  EXPECT_EQ(coll.persons[0].role, "creator");
  EXPECT_EQ(coll.persons[0].ids, (std::vector<std::string>{"lcnaf:n79021164"}));
  EXPECT_EQ(coll.persons[1].role, "family");
  ASSERT_EQ(coll.places.size(), 1u);
  EXPECT_EQ(coll.places[0].ids, (std::vector<std::string>{"geonames:2643743"}));
  const Record& file = r.records[1];
  EXPECT_EQ(file.id, "mss-7/Series 1/Folder 14");
  EXPECT_EQ(file.title, "Letters to Mary");
  EXPECT_EQ(file.series, "Smith Family Papers \u203a Correspondence \u203a Family");
  EXPECT_EQ(file.reference, "Example Library, MS 7, Series 1, Folder 14");
  EXPECT_EQ(file.date.edtf(), "1901/1903");
  EXPECT_EQ(file.format, "ead");
  const Record& item = r.records[2];
  EXPECT_EQ(item.id, "mss-7/i2");  // an @id is unique within its finding aid only
  EXPECT_TRUE(item.date.uncertain());
  EXPECT_EQ(r.records[3].title, "Loose photograph");
  EXPECT_EQ(r.records[3].id, "mss-7/c2");
  // With series: the series and the subseries too.
  ReadOptions opts;
  opts.ead_series = true;
  EXPECT_EQ(read_xml(kFindingAid, "ead/mss7.xml", opts).records.size(), 6u);
}

TEST(Issue15Ead, Ead3AndNoNamespace) {
  Read r = read_xml(R"(<ead xmlns="http://ead3.archivists.org/schema/"><control><recordid>e3-1</recordid></control>
    <archdesc level="fonds"><did><unittitle>Fonds</unittitle></did><dsc>
    <c level="file"><did><unittitle>Minutes</unittitle><unitid>F-1</unitid>
     <unitdatestructured><daterange><fromdate standarddate="1920-01-01">1920</fromdate>
     <todate standarddate="1921-06-30">1921</todate></daterange></unitdatestructured></did>
     <controlaccess><persname identifier="118540238" source="gnd"><part>Goethe</part></persname></controlaccess></c>
    </dsc></archdesc></ead>)");
  ASSERT_EQ(r.records.size(), 2u) << r.messages();
  EXPECT_EQ(r.records[1].id, "e3-1/F-1");
  EXPECT_EQ(r.records[1].date.edtf(), "1920-01-01/1921-06-30");
  ASSERT_EQ(r.records[1].persons.size(), 1u);
  EXPECT_EQ(r.records[1].persons[0].ids, (std::vector<std::string>{"gnd:118540238"}));
}

// EAD3 as NCSU's ArchivesSpace exports write it (tests/data/ead/ead3): names
// in <part>s, a structured date without @standarddate.
TEST(Issue15Ead, Ead3NamePartsAndStructuredDatesWithoutStandardDate) {
  Read r = read_xml(R"(<ead xmlns="http://ead3.archivists.org/schema/"><control><recordid>mc00019</recordid></control>
    <archdesc level="collection"><did><unittitle>GI Bill Oral Histories</unittitle>
     <repository><corpname><part>NCSU Libraries</part></corpname></repository></did>
    <controlaccess><persname source="naf"><part localtype="surname">Serow</part><part localtype="forename">Robert C.</part>
     <part localtype="existDates">1947-</part></persname></controlaccess><dsc>
    <c><did><unittitle>Harry Allen, Jr.</unittitle><unitdatestructured><daterange><fromdate>2003</fromdate>
     <todate>2004</todate></daterange></unitdatestructured></did></c></dsc></archdesc></ead>)");
  ASSERT_EQ(r.records.size(), 2u) << r.messages();
  ASSERT_EQ(r.records[0].persons.size(), 1u);
  EXPECT_EQ(r.records[0].persons[0].name, "Serow, Robert C., 1947-");
  EXPECT_EQ(r.records[0].persons[0].surname, "Serow");
  EXPECT_EQ(r.records[0].archive, "NCSU Libraries");
  EXPECT_EQ(r.records[1].id, "mc00019/c1");
  EXPECT_EQ(r.records[1].date.edtf(), "2003/2004");
}

}  // namespace
}  // namespace opis

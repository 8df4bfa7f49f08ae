// The extractor's word lists: titles, particles, organisation words, months,
// verbs of speech, place words, and Debian's English word list.
#include "extractor.h"

#include <fstream>

namespace opis::extraction {

// Titles and honorifics that introduce a name (folded; several words are one
// title). Abbreviations end with '.', which then does not end a sentence.
const WordSet& titles() {
  static const WordSet s = {"cde",
                            "cdes",
                            "comrade",
                            "comrades",
                            "mr",
                            "mrs",
                            "ms",
                            "messrs",
                            "dr",
                            "prof",
                            "professor",
                            "general",
                            "brigadier general",
                            "brigadier",
                            "major general",
                            "lieutenant general",
                            "colonel",
                            "lieutenant colonel",
                            "col",
                            "gen",
                            "major",
                            "captain",
                            "capt",
                            "marshal",
                            "admiral",
                            "prime minister",
                            "president",
                            "chairman",
                            "ambassador",
                            "mayor",
                            "king",
                            "queen",
                            "shah",
                            "emperor",
                            "premier",
                            "first secretary",
                            "general secretary",
                            "secretary",
                            "minister",
                            "foreign minister",
                            "chancellor",
                            "senator",
                            "prince",
                            "sheikh",
                            "emir",
                            "imam",
                            "ayatollah",
                            "deputy",
                            "marshal of the soviet union",
                            "herr",
                            "herrn",
                            "frau",
                            "fraulein",
                            "monsieur",
                            "mme",
                            "sir",
                            "lord",
                            "lady",
                            "comandante",
                            "commander",
                            "consul",
                            "attache",
                            "counsellor",
                            "counselor",
                            "envoy",
                            "governor",
                            "vice president",
                            "vice premier",
                            "pope",
                            "cardinal",
                            "director",
                            "deputy director",
                            "deputy minister",
                            "vice minister",
                            "vice chairman",
                            "chief",
                            "secretary of state",
                            "companero",
                            "companera",
                            "senor",
                            "senora",
                            "genosse",
                            "tovarishch",
                            "elvtars",
                            "tovarasul",
                            "tovarasa",
                            "towarzysz",
                            "soudruh",
                            "drugarica",
                            "drug",
                            "bishop",
                            "archbishop",
                            "father",
                            "rev",
                            "reverend",
                            "u"};
  return s;
}
const WordSet& abbreviations() {
  static const WordSet s = {"cde", "cdes", "mr", "mrs", "ms", "messrs", "dr", "prof", "col", "gen", "capt", "mme",
                            "rev", "st", "lt", "sgt", "no", "vs", "jr", "sr",
                            // French titles; given names written short (Edw. Tuck, Chas. Dawes)
                            "mmes", "mlle", "mlles", "mgr", "ed", "edw", "chas", "wm", "thos", "jas", "geo", "benj"};
  return s;
}
// Words that never belong to a name even when capitalised.
const WordSet& function_words() {
  static const WordSet s = {"of",  "the", "and",   "with", "a",   "an",   "in",   "on",   "to",   "for",
                            "by",  "at",  "from",  "or",   "but", "as",   "into", "that", "this", "is",
                            "was", "not", "no",    "i",    "we",  "he",   "she",  "it",   "they", "his",
                            "her", "its", "their", "our",  "my",  "your", "you"};
  return s;
}
// Words of organisations, documents and places: a run containing one is not
// a person (Blavatnik Family Foundation, Wilson Center).
const WordSet& org_words() {
  static const WordSet s = {
      "foundation",     "committee",   "government",   "council",    "ministry",   "party",        "republic",
      "union",          "army",        "university",   "institute",  "archive",    "archives",     "center",
      "centre",         "bank",        "company",      "agency",     "office",     "embassy",      "commission",
      "press",          "news",        "times",        "post",       "federation", "organization", "organisation",
      "league",         "front",       "movement",     "church",     "hotel",      "street",       "square",
      "palace",         "hall",        "river",        "sea",        "ocean",      "mountains",    "island",
      "islands",        "bay",         "gulf",         "canal",      "state",      "states",       "region",
      "regions",        "province",    "district",     "city",       "county",     "department",   "bureau",
      "division",       "corps",       "fleet",        "navy",       "force",      "forces",       "service",
      "conference",     "treaty",      "pact",         "plan",       "doctrine",   "revolution",   "war",
      "crisis",         "declaration", "document",     "documents",  "record",     "records",      "note",
      "notes",          "memorandum",  "minutes",      "telegram",   "report",     "letter",       "conversation",
      "meeting",        "talks",       "visit",        "delegation", "collection", "sample",       "digital",
      "library",        "history",     "project",      "program",    "programme",  "presidium",    "politburo",
      "soviet",         "assembly",    "congress",     "parliament", "cabinet",    "secretariat",  "academy",
      "school",         "kremlin",     "station",      "airport",    "port",       "peninsula",    "strait",
      "straits",        "highlands",   "translation",  "original",   "language",   "english",      "handwritten",
      "citation",       "summary",     "credits",      "contents",   "keywords",   "group",        "directorate",
      "administration", "command",     "headquarters", "staff",      "general",    "socialist",    "communist",
      "people",         "peoples",     "workers",      "national",   "central",    "executive",    "supreme",
      "foreign",        "affairs",     "trade",        "defence",    "defense",    "security",     "intelligence",
      "agreement",      "accords",     "accord",       "conflict",   "games",      "visits",       "border",
      "olympic",        "newspaper",   "magazine",     "journal",    "radio",      "television",   "agency"};
  return s;
}
const WordSet& months() {
  static const WordSet s = {
      "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
      "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
      // French and German (folded: Février, März, Jänner), which the
      // letters of the development sets date in: "la lettre d'Haskell
      // du 23 Novembre" names no person "Haskell du Novembre".
      "janvier", "fevrier", "avril", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre", "lundi",
      "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "mai", "januar", "janner", "februar", "marz",
      "maerz", "juni", "juli", "oktober", "dezember", "montag", "dienstag", "mittwoch", "donnerstag", "freitag",
      "samstag", "sonnabend", "sonntag"};
  return s;
}
// A capitalised word followed by one of these is a person (Hassan states).
const WordSet& speech_verbs() {
  static const WordSet s = {
      "says",     "said",        "states",     "stated",     "continues", "continued", "replies",  "replied",
      "answers",  "answered",    "asks",       "asked",      "notes",     "noted",     "adds",     "added",
      "thanks",   "thanked",     "expresses",  "expressed",  "requests",  "requested", "declares", "declared",
      "told",     "tells",       "wrote",      "writes",     "agreed",    "agrees",    "proposed", "proposes",
      "stressed", "stresses",    "emphasized", "emphasised", "remarked",  "remarks",   "objected", "insisted",
      "insists",  "explained",   "explains",   "informed",   "informs",   "suggested", "suggests", "promised",
      "promises", "warned",      "warns",      "welcomed",   "welcomes",  "recalled",  "recalls",  "responded",
      "responds", "interjected", "concluded",  "concludes",  "believes",  "believed",  "thinks",   "thought",
      "hopes",    "hoped"};
  return s;
}
// Words after a Don or Georgia that make it a place.
const WordSet& place_words() {
  static const WordSet s = {"region",   "regions", "river", "basin", "steppe", "steppes",
                            "cossacks", "valley",  "delta", "and",   "area",   "oblast"};
  return s;
}

const WordSet& dictionary() {
  static const WordSet s = [] {
    WordSet w;
    std::ifstream in(OPIS_DICT_WORDS);
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line[0] >= 'a' && line[0] <= 'z' && line.find('\'') == std::string::npos) w.insert(line);
    }
    return w;
  }();
  return s;
}

// First words of the titles: most tokens are not one, and are rejected
// without building strings.
const WordSet& title_heads() {
  static const WordSet s = [] {
    WordSet h;
    for (const auto& t : titles()) h.insert(t.substr(0, t.find(' ')));
    return h;
  }();
  return s;
}

}  // namespace opis::extraction

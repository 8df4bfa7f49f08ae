// The record: one archive document as Opis indexes it and prints it back.
// The readers fill it (record_reader.h), the index writer stores it whole as
// the document data (JSON), and the searcher reads it back from there, so a
// result prints without opening the source file.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "opis/base/date.h"
#include "opis/base/diagnostic.h"

namespace opis {

struct Footnote {
  std::string label;  ///< "1" for a "[1] ..." note
  std::string text;
  bool operator==(const Footnote&) const = default;
};

/// A passage of a record's text in another language than the record's
/// (issue 16): a TEI element with its own xml:lang, a JSON record's
/// "original_text". Its words are in the body too; make_document() adds
/// their stems in `language` as well. Not stored: it is analysis only.
struct TextPart {
  std::string language;  ///< ISO 639-1 code
  std::string text;
};

/// A person named in a record (set by the extractor, entity_extractor.h).
struct Person {
  std::string name;     ///< the fullest form seen in the record: "N.S. Khrushchev"
  std::string surname;  ///< as written in `name`: "Khrushchev"
  std::string role;  ///< "mentioned", "contributor", "translator", "transcriber", "editor", "note-taker", "authority"
  std::vector<std::string> forms;  ///< every distinct form as written ("KRUSHCHEV", "Comrade N.S. Khrushchev")
  unsigned mentions = 0;
  std::vector<std::string> aliases;  ///< other names from an authority file
  /// Its index terms (entity_terms.h person_name_terms()), as stored at
  /// index time; empty unless read from an index. Kept so that a search
  /// need not fold the names again (ICU: 20 ms for the first one).
  std::vector<std::string> terms;
  /// Authority ids from an editor's register ("gnd:118609807",
  /// "viaf:...", "wikidata:Q...", "geonames:..."): `authority:gnd:118609807`
  /// and `person:gnd:118609807` find them (docs/record-format.md).
  std::vector<std::string> ids;
  std::string dates;  ///< life dates from a register ("1862-05-15/1931-10-21"), or ""
  /// Tagged by the source's editors (TEI persName, EAD persname): kept
  /// whatever the extractor finds, and it wins where they disagree.
  bool tagged = false;
  bool operator==(const Person&) const = default;
};

/// A place named in a record (set by the extractor, from the gazetteer).
struct Place {
  std::string name;                ///< canonical: "Saint Petersburg" for "Leningrad"
  std::string country;             ///< the country it lies in, when known
  std::string kind;                ///< country, former, city, subdivision, region
  std::vector<std::string> forms;  ///< as written ("Leningrad", "Iraqi")
  unsigned mentions = 0;
  std::string term;                  ///< its index term, as stored at index time (see Person::terms)
  std::vector<std::string> aliases;  ///< other names from a register (each searchable with place:)
  std::vector<std::string> ids;      ///< authority ids, as Person::ids
  bool tagged = false;               ///< tagged by the source's editors, as Person::tagged
  bool operator==(const Place&) const = default;
};

/// Who sets what: the readers set every field from the source; for the seed
/// layout the citation parser fills archive, reference, url, cites,
/// contributors, translators, transcribers and editors, and the body scanner
/// fills handwritten and footnotes.
struct Record {
  std::string id;       ///< unique: from "id", else the URL, else the file
  std::string source;   ///< path of the source file
  int source_line = 0;  ///< line in the source (JSONL), 0 for whole files
  std::string format;   ///< "seed", "json", "jsonl", "plain", "tei" or "ead"

  Date date;
  std::string title;
  std::string citation;
  std::string archive;             ///< holding archive
  std::string reference;           ///< archive reference as written
  std::string repository;          ///< first part of the reference ("RGANI")
  std::string url;                 ///< the record's own link (citation.h own_link())
  std::vector<std::string> cites;  ///< the other addresses its citation names: sources it cites
  std::vector<std::string> contributors;
  std::vector<std::string> translators;
  std::vector<std::string> transcribers;
  std::vector<std::string> editors;  ///< "Edited by"
  std::string summary;
  /// Where the record stands in its collection: an EAD component's
  /// ancestors' titles, "Series 2 › Correspondence" (searchable: series:).
  std::string series;
  std::string credits;
  std::string funder;  ///< "Blavatnik Family Foundation", from credits
  std::string original_language;
  std::string translation_language;
  /// The language the text (body and fields) is in, so that it is analysed
  /// in it (issue 16). Set by a reader when the source says so, as a name or
  /// ISO 639 code (JSON "text_language" or "lang"; TEI's xml:lang), with
  /// text_language_source "given"; otherwise make_document() decides it from
  /// translation_language / original_language or identifies it from the
  /// text, and stores the ISO 639-1 code.
  std::string text_language;
  /// How text_language was decided: "given", "identified" or "undetermined"
  /// ("" until a reader or the indexer says).
  std::string text_language_source;
  double text_language_confidence = 0;   ///< the identifier's, 0..1 (1 when given)
  std::string body;                      ///< the text, annotations and footnotes included
  std::vector<TextPart> parts;           ///< passages of the body in other languages (not stored)
  std::vector<std::string> handwritten;  ///< "[Handwritten: ...]" contents
  std::vector<Footnote> footnotes;
  std::vector<std::pair<std::string, std::string>> extra;  ///< unknown labels
  std::vector<Person> persons;                             ///< set by extract_entities() at index time
  std::vector<Place> places;                               ///< set by extract_entities() at index time
};

/// How a field of Record is held, for the codecs that walk record_fields().
enum class RecordFieldKind {
  text,         ///< a std::string: RecordField::text
  list,         ///< a std::vector<std::string>: RecordField::list
  date,         ///< Record::date: "date" and the date_* keys
  source_line,  ///< Record::source_line, an int
  footnotes,    ///< [{label, text}]
  extra,        ///< {label: text}
  persons,      ///< set at index time
  places,       ///< set at index time
  language,     ///< text_language_source and text_language_confidence
};

/// One field of Record, declared once (record_fields()) and walked by the
/// JSON codec (to_json(), record_from_stored_json()), the JSON reader
/// (record_from_json()) and the CSV export. Where a format does not carry a
/// field, the entry says so.
struct RecordField {
  std::string_view name;  ///< the JSON key, stored and read
  RecordFieldKind kind;
  std::string Record::*text = nullptr;               ///< kind text
  std::vector<std::string> Record::*list = nullptr;  ///< kind list
  bool input = true;            ///< read from a .json/.jsonl record (else such a key is an unknown one, kept in extra)
  std::string_view column;      ///< the CSV column of the field ("" none; export.h lists their order)
  std::string_view alias = {};  ///< another key the JSON reader takes for it ("editor" for "editors"), or ""
};

/// Every field of Record, in the order the JSON reader checks them.
std::span<const RecordField> record_fields();

/// The field with this JSON key or alias, or nullptr.
const RecordField* find_record_field(std::string_view name);

/// Serialise every field (the stored document data and `--record` JSON).
nlohmann::json to_json(const Record& r);
/// Inverse of to_json(); missing keys leave defaults. Throws
/// nlohmann::json::exception on wrong types.
Record record_from_stored_json(const nlohmann::json& j);
/// The date record_from_stored_json() gives back for a stored `d` (its
/// "date_text", "date" and "date_precision"): read again from its text. The
/// index stores it in the display header (index/document.h) so that a
/// result line is the same without the JSON.
Date stored_date(const Date& d);

/// Fill the fields derived from others when a reader left them empty:
/// citation parts (the record's own link, cited sources, credited names),
/// repository, funder, id from the URL. Called by readers.
void complete_record(Record& r);

/// The record id a URL implies: its last path segment when it is made of
/// letters, digits, '-', '_' or '.' ("209747" from ".../document/209747").
std::string id_from_url(std::string_view url);

/// Where a text (a body) is in its source file, to place diagnostics about
/// it: `line` is the file line of its first line. With `spans_lines` its
/// lines are the file's lines (the seed layout, plain text); without, all of
/// it stands on `line` (a JSON string; 0 when no line applies).
struct TextPlace {
  std::string path;
  int line = 0;
  bool spans_lines = true;
};

/// Scan a body for "[Handwritten: ...]" annotations and "[N] ..." footnotes.
/// An annotation ends at its closing bracket (brackets may nest inside) and
/// never runs past its paragraph: one not closed there ends at the blank
/// line that ends its paragraph, or at the end of the body, and gets a
/// warning in `diags` (`path:line: warning: ...; ended at the paragraph`)
/// at the line `at` gives its opening. The annotations after it are found.
void scan_body(std::string_view body, std::vector<std::string>& handwritten, std::vector<Footnote>& footnotes,
               const TextPlace& at, std::vector<Diagnostic>& diags);

/// The funder named in a credits text ("... with support from X"), or "".
std::string funder_from_credits(std::string_view credits);

}  // namespace opis

// The document codec: a Record as a Xapian document (terms of every schema
// field, value slots, the record as stored data) and back, with the one
// analyzer (stemmer and TermGenerator) that the index and query sides share.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

#include "opis/base/language_id.h"
#include "opis/index/index_context.h"
#include "opis/record/record.h"

namespace opis {

/// Build the Xapian document for a record: terms of every schema field,
/// value slots, and the record as JSON document data (its persons and
/// places in their own value slot); persons and places extracted by
/// `ctx.extractor` when the record has none. `tg` must have
/// its stemmer set (see make_term_generator()).
Xapian::Document make_document(const Record& r, Xapian::TermGenerator& tg, const IndexContext& ctx);

/// The record a document stores (the inverse of make_document()): its JSON
/// data and, after a NUL byte, its body; with `with_entities`, its persons
/// and places from their value slot (slot::entities, schema 12). Throws
/// nlohmann::json::exception on data that is not a stored record, and
/// std::runtime_error on a persons-and-places value cut short. Without
/// `with_entities` the persons and places are left empty: a search shows
/// none, and reading them (inflating and parsing their JSON) would be most
/// of the reading of a record (docs/benchmarks.md).
Record record_from_document(const Xapian::Document& doc, bool with_entities = true);

/// What a search result line shows of the record a document stores, read
/// from the stored data's display header without parsing its JSON (schema
/// 11): id, title, summary, archive, reference, repository, original
/// language, text language and its source, url, contributors, translators,
/// editors, cites, the date (as record_from_document() gives it back), and
/// the body; with `with_entities`, the persons and places too (what a
/// person: or place: query's highlights need). Every other field is left
/// empty. Throws std::runtime_error on a header or a persons-and-places
/// value cut short.
Record display_record_from_document(const Xapian::Document& doc, bool with_entities = false);

/// English stemming with a memo of the words already stemmed
/// (language_stemmer("en")). Not thread-safe: one per thread.
Xapian::Stem make_stemmer();

/// The language a record's text is analysed in, and how it was decided.
struct TextLanguage {
  std::string code;    ///< ISO 639-1 ("de"), "" when undetermined
  std::string source;  ///< "given", "identified" or "undetermined"
  double confidence = 0;
};

/// Decide the language of a record's text (issue 16): the record's own
/// text_language when a reader gave it; else the translation's language
/// when the text is a translation (translation_language); else what
/// `identifier` says of the text; else the original language; else
/// undetermined. `identifier` may be null.
TextLanguage decide_text_language(const Record& r, const LanguageIdentifier* identifier);

/// The stem term prefix of language `code` for a field's term prefix:
/// "Z" + prefix for English (as before issue 16), "Z" + prefix + ":" + code
/// + ":" for another language with a stemmer ("Z:de:", "ZS:de:").
std::string stem_prefix(std::string_view field_prefix, std::string_view code);

/// The TermGenerator set up as make_document() expects: words with
/// positions, CJK text as character n-grams; no stems (make_document()
/// adds the stems in the record's language, and folded forms). Use one
/// per thread.
Xapian::TermGenerator make_term_generator();

}  // namespace opis

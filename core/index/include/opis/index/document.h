// The document codec: a Record as a Xapian document (terms of every schema
// field, value slots, the record as stored data) and back, with the one
// analyzer (stemmer and TermGenerator) that the index and query sides share.
#pragma once

#include <xapian.h>

#include "opis/index/index_context.h"
#include "opis/record/record.h"

namespace opis {

/// Build the Xapian document for a record: terms of every schema field,
/// value slots, and the record as JSON document data; persons and places
/// extracted by `ctx.extractor` when the record has none. `tg` must have
/// its stemmer set (see make_term_generator()).
Xapian::Document make_document(const Record& r, Xapian::TermGenerator& tg, const IndexContext& ctx);

/// The record a document stores (the inverse of make_document()): its JSON
/// data and, after a NUL byte, its body. Throws nlohmann::json::exception
/// on data that is not a stored record. Without `with_entities` the persons
/// and places are left empty: their lists are most of the stored JSON, and
/// skipping them measured 10% of a whole search (docs/benchmarks.md).
Record record_from_document(const Xapian::Document& doc, bool with_entities = true);

/// English stemming with a memo of the words already stemmed (Xapian's
/// stemmer works each occurrence out again). Not thread-safe: one per thread.
Xapian::Stem make_stemmer();

/// The TermGenerator set up as both index and query side expect
/// (English stemming, positions on unstemmed words only). Its stemmer keeps
/// a memo of the words it has stemmed: use one per thread.
Xapian::TermGenerator make_term_generator();

}  // namespace opis

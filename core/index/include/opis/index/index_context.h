// The indexing context: what one index build is configured with, built by
// the front end from its flags and passed down as a value (BatchOptions,
// IndexWriter, make_document). Nothing in the index layer reads a global
// or the environment, so two builds in one process can differ.
#pragma once

#include <string>

namespace opis {

class EntityExtractor;
class LanguageIdentifier;

struct IndexContext {
  /// Extracts persons and places from records that come without them (its
  /// gazetteer and authority file come with it); null: no extraction
  /// (opis-index --no-extract). Not owned: it must outlive every writer
  /// given this context. Immutable, so shared by a bulk build's workers.
  const EntityExtractor* extractor = nullptr;
  /// Record spelling data for "Did you mean" (opis-index --no-spelling: false).
  bool spelling = true;
  /// Identifies the language of a record's text when the record does not
  /// give it (issue 16); null: given languages only, others undetermined.
  /// Not owned; thread-safe, so shared by a bulk build's workers.
  const LanguageIdentifier* identifier = nullptr;
  /// ISO 639-1 code of the analysis (stemming) of text whose language is
  /// undetermined: English, what Opis did before it knew languages.
  std::string default_language = "en";
};

}  // namespace opis

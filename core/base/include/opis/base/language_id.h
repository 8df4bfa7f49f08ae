// Language identification of a record's text (issue 16): Debian's
// libexttextcat (n-gram profiles of 160+ languages), wrapped so that a text
// too short or too mixed to tell is "undetermined" rather than a guess, and
// the Xapian stemmer each language has (or none).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace opis {

/// What the identifier said about a text.
struct IdentifiedLanguage {
  std::string code;         ///< ISO 639-1 (or the profile's code: "sr-Latn" -> "sr"); "" undetermined
  double confidence = 0.0;  ///< 0..1: 1 when one profile stands out, less when several were close
};

/// Configuration of the identifier: parameters, set by the front end.
struct LanguageIdOptions {
  /// libexttextcat's fingerprint folder and its configuration file in it.
  std::string data_dir = "/usr/share/libexttextcat";
  std::string conf = "fpdb.conf";
  /// Texts with fewer letters are undetermined (textcat guesses wildly
  /// below a sentence or two; measured on the eval collection, docs/benchmarks.md).
  std::size_t min_letters = 60;
  /// Only the first bytes are read: a few thousand say the language.
  std::size_t max_bytes = 4000;
  /// Below this confidence the text is undetermined.
  double min_confidence = 0.3;
};

/// One libexttextcat handle. identify() is thread-safe (a handle holds its
/// scratch state, so calls are serialised by a mutex: identification is a
/// small part of indexing a record).
class LanguageIdentifier {
 public:
  /// Loads the profiles. Throws std::runtime_error when they cannot be read.
  explicit LanguageIdentifier(const LanguageIdOptions& opts = {});
  ~LanguageIdentifier();
  LanguageIdentifier(const LanguageIdentifier&) = delete;
  LanguageIdentifier& operator=(const LanguageIdentifier&) = delete;

  /// The language of `text`, or code "" when undetermined.
  IdentifiedLanguage identify(std::string_view text) const;

 private:
  LanguageIdOptions m_opts;
  void* m_handle = nullptr;
  mutable std::mutex m_mutex;
};

/// The ISO 639-1 code of a language name or code ("German", "deu", "de"
/// -> "de"); the folded name when iso-codes has no 2-letter code; "" for "".
std::string language_code(std::string_view name_or_code);

/// The name of Xapian's Snowball stemmer for an ISO 639-1 code ("de" ->
/// "german"), or "" when Xapian 1.4 has none (Polish, Chinese...).
std::string_view stemmer_name(std::string_view code);

/// True for Chinese, Japanese and Korean: indexed by character n-grams.
bool is_cjk_language(std::string_view code);

}  // namespace opis

// One synthetic archive record: how opis-gen makes it from (seed, stream,
// index) and how it is written out, in the seed text layout or as a JSONL
// line. Records are independent of each other and of the collection size,
// so any record can be made by any thread, and the first N records of a
// bigger collection are the N records of a smaller one.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pools.h"
#include "random.h"

namespace opis {

/// The fields of one record, as both output forms need them. Strings are
/// reused from record to record (make() clears, keeping their capacity).
struct SyntheticRecord {
  std::string id;                    ///< "g0000042"
  std::string date;                  ///< as written: "November 19, 1958", ..., "n.d."
  std::string title;
  std::size_t title_break = 0;       ///< seed layout wraps the title here (0: one line)
  std::string citation;
  std::string archive;
  std::string reference;
  std::string url;
  std::string summary;               ///< empty: the record has no Summary section
  std::string credits;
  std::string original_language;
  std::string contents_kind;         ///< "Translation" or "Transcript"
  std::string translation_language;
  std::vector<std::string> contributors, translators, transcribers;
  std::string body;
  std::size_t words = 0;             ///< words of the whole record (seed form, as wc -w counts)
};

/// Makes records. Immutable after construction: one instance serves all
/// threads.
class RecordGenerator {
 public:
  /// `mean_words`: mean words per record (header included); each record
  /// gets between 40% and 200% of it.
  RecordGenerator(const Pools& pools, std::uint64_t seed, unsigned mean_words);

  /// Make record `index` (1-based) of the stream named by `prefix` ('g' for
  /// the seed-layout files, 'j' for JSONL), its id zero-padded to
  /// `id_width` digits. Same arguments, same record, byte for byte.
  void make(char prefix, std::uint64_t index, int id_width, SyntheticRecord& out) const;

 private:
  friend class RecordBuilder;
  const Pools& m_pools;
  std::uint64_t m_seed;
  unsigned m_mean_words;
  AliasTable m_vocabulary_table;  ///< Zipf over vocabulary()
};

/// Append the record in the seed layout (what a records/*.txt file holds).
void render_seed(const SyntheticRecord& r, std::string& out);

/// Append the record as one JSON object and a newline (a JSONL line).
void render_jsonl(const SyntheticRecord& r, std::string& out);

/// The host and path every synthetic record's URL starts with.
inline constexpr const char* kSyntheticUrlBase = "https://example.org/opis-synthetic/document/";
/// The holding archive every synthetic citation names.
inline constexpr const char* kSyntheticArchive = "Opis Synthetic Archive";

}  // namespace opis

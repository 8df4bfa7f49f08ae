// Writing a whole synthetic collection: the folder layout, the split into
// work units, and the threads that make and write them. Output does not
// depend on the number of threads: each unit (a folder of seed files or one
// JSONL part) is made from its own records, whose content depends only on
// (seed, stream, index).
#pragma once

#include <cstdint>
#include <filesystem>

#include "pools.h"

namespace opis {

struct CollectionOptions {
  std::filesystem::path out;       ///< DIR: records/ and jsonl/ are made under it
  std::uint64_t records = 0;       ///< records per form
  bool seed_layout = true;         ///< write DIR/records/NNN/gNNNNNNN.txt
  bool jsonl = false;              ///< write DIR/jsonl/part-NNNN.jsonl
  std::uint64_t seed = 1;
  unsigned mean_words = 1160;
  std::uint64_t per_file = 10000;  ///< records per JSONL part
  unsigned threads = 1;
};

struct CollectionStats {
  std::uint64_t records = 0;  ///< over both forms
  std::uint64_t files = 0;
  std::uint64_t bytes = 0;
  std::uint64_t words = 0;    ///< over all records, as wc -w counts the seed form
};

/// Seed-layout files per folder under records/.
inline constexpr std::uint64_t kFilesPerFolder = 1000;

/// Write the collection. Existing files of the same names are overwritten;
/// the caller decides what to do about other files. Throws
/// std::runtime_error (naming the path) when a folder or file cannot be
/// written; files written before that stay.
CollectionStats write_collection(const CollectionOptions& options, const Pools& pools);

}  // namespace opis

// The batch indexer: index whole collections (files and folders) into one
// database, incrementally. For each source file it keeps, in the database's
// metadata, the file's size, modification time, content hash and the ids of
// the records it gave; a re-run skips unchanged files without parsing them,
// re-indexes changed ones (deleting records that left them), and with
// `prune` deletes the records of files that are gone.
//
// Crash safety: documents and this state are written in the same Xapian
// commits, and a commit is atomic, so after a kill the index holds exactly
// the last commit; a file whose state was not committed is read again on
// the next run, and its records replace themselves by id (never twice).
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "opis/base/diagnostic.h"
#include "opis/index/index_context.h"
#include "opis/index/index_writer.h"
#include "opis/record/register.h"

namespace opis {

struct BatchOptions {
  /// How records are indexed (entity extraction, spelling data): given to
  /// every writer of the run, the bulk workers' and each shard's too.
  IndexContext context;
  unsigned commit_every = 1000;
  bool prune = false;  ///< delete records of vanished files under the given paths
  bool force = false;  ///< ignore saved state: re-read every file
  /// Into an empty index: build in parallel batch databases and merge them
  /// with Xapian's compaction (much faster than one growing database).
  bool bulk = true;
  unsigned threads = 0;        ///< bulk workers; 0 = one per core
  unsigned batch_size = 1000;  ///< records per bulk batch database
  /// Sharded indexes (shards.h): with shards > 1, index only the records
  /// whose shard_of(id, shards) is `shard`. Every shard reads every file.
  unsigned shard = 0;
  unsigned shards = 1;
  /// Report and count the problems of files (unreadable, rejected records).
  /// Off for all shards but the first, which reports them once.
  bool report_file_problems = true;
  /// What the readers are told (EAD levels). Its registers, when null, are
  /// those of the run's XML files, read before any record (register.h).
  ReadOptions read;
};

struct BatchCounts {
  std::size_t files = 0;            ///< source files considered
  std::size_t files_unchanged = 0;  ///< skipped: same size+mtime, or same hash
  std::size_t added = 0, replaced = 0, unchanged = 0, removed = 0, pruned = 0;
  std::size_t rejected = 0, duplicates = 0, warnings = 0;
  std::uint64_t bytes_read = 0;
  std::map<std::string, std::size_t> reasons;  ///< rejection reason -> count
  /// Files in the folders walked that no reader takes, by extension
  /// (".pdf", "" for none): their paths, in walk order (issue 15: nothing
  /// passed over in silence).
  std::map<std::string, std::vector<std::string>> not_read;
  bool interrupted = false;
};

/// A file to index, as found by walking the paths.
struct SourceFile {
  std::filesystem::path path;  ///< as walked from the argument: read from it, name it
  /// Its path inside the argument it was found under, folders joined by
  /// '/' (for a file argument, its file name): SourceRef::name, the id of
  /// a plain-text record.
  std::string name;
  /// Where it is, the same however and from wherever the argument was
  /// written: the argument made absolute with its symbolic links resolved
  /// (for a file argument, its folder's), then `name`. The key of the
  /// file's saved state, so that re-indexing an unchanged collection by
  /// another spelling of its path reads nothing again.
  std::string located;
  std::uint64_t size = 0;
};

struct BatchProgress {
  std::size_t files_done = 0, files_total = 0;
  std::uint64_t bytes_done = 0, bytes_total = 0;
  std::size_t records = 0;
};

class BatchIndexer {
 public:
  using DiagnosticSink = std::function<void(const Diagnostic&)>;
  using ProgressSink = std::function<void(const BatchProgress&)>;

  /// Open the database (see IndexWriter for the errors thrown).
  BatchIndexer(const std::string& db_path, BatchOptions opts);

  /// Index `paths` (files, and folders recursively). Each problem goes to
  /// `on_diag` as it happens. Stops early, after committing, when `stop`
  /// becomes true. Xapian errors propagate.
  BatchCounts run(const std::vector<std::string>& paths, const DiagnosticSink& on_diag, const ProgressSink& on_progress,
                  const std::atomic<bool>& stop);

  ~BatchIndexer();
  Xapian::doccount size() const;

 private:
  /// Into an empty index: worker threads index the files into batch
  /// databases, merged at the end (batch_indexer.cpp says why and how).
  BatchCounts run_bulk(const std::vector<SourceFile>& files, BatchCounts c, const DiagnosticSink& on_diag,
                       const ProgressSink& on_progress, const std::atomic<bool>& stop);
  /// Compact `batches` into a new database and swap it in for the (empty)
  /// target, reopening the writer on it.
  void merge_into_place(const std::vector<std::string>& batches);

  std::string m_path;
  BatchOptions m_opts;
  std::unique_ptr<IndexWriter> m_writer;
};

/// Index into a sharded index: a stub file (shards.h) listing local shard
/// databases, one BatchIndexer per shard, all run at once (one thread each;
/// a bulk build's workers are shared out among them). Counts are summed;
/// file problems are reported once.
class ShardedIndexer {
 public:
  using DiagnosticSink = BatchIndexer::DiagnosticSink;
  using ProgressSink = BatchIndexer::ProgressSink;

  /// Open the stub at `stub` and its shards, or create them: `shards` is
  /// how many (0: as many as the existing stub lists). Throws
  /// std::runtime_error when the stub lists another number of shards or a
  /// remote shard, or `stub` is a single-database folder; DatabaseLocked
  /// when a shard is being written.
  ShardedIndexer(const std::string& stub, unsigned shards, BatchOptions opts);
  ~ShardedIndexer();

  BatchCounts run(const std::vector<std::string>& paths, const DiagnosticSink& on_diag, const ProgressSink& on_progress,
                  const std::atomic<bool>& stop);
  Xapian::doccount size() const;
  unsigned shards() const { return static_cast<unsigned>(m_shards.size()); }

 private:
  std::vector<std::unique_ptr<BatchIndexer>> m_shards;
};

/// Merge the local shards of the stub at `stub` into one new database at
/// `out` (Xapian's compaction), which must not exist. The per-file state
/// of the shards is merged, so `out` can be re-indexed incrementally; a
/// record id found in more than one shard is kept once (the copy in the
/// last shard). Returns how many duplicate copies were dropped. Takes the
/// write lock of every shard while it reads them.
std::size_t compact_shards(const std::string& stub, const std::string& out);

/// Complete the swap of a bulk-built index that a crash cut between its two
/// renames (see run_bulk): the merged database is renamed into place.
void finish_interrupted_swap(const std::string& db_path);
/// Remove what a killed bulk build left beside `db_path` (its batches, an
/// unfinished merge, the renamed-aside empty index). Only for the holder of
/// the write lock.
void remove_bulk_leftovers(const std::string& db_path);

/// 64-bit content hash (xxHash XXH3) as 16 hex digits.
std::string content_hash(std::string_view data);

}  // namespace opis

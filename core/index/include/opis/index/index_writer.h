// The index writer: writes Records, made into Xapian documents by
// document.h, into a database on disk. Re-indexing a record with
// the same id replaces it. Changes become durable at commit(): a crash or a
// kill loses at most the records since the last commit, never earlier ones.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include <xapian.h>

#include "opis/index/document.h"
#include "opis/index/index_context.h"
#include "opis/index/spelling_recorder.h"
#include "opis/record/record.h"

namespace opis {

/// Thrown when the database is locked by another writer.
struct DatabaseLocked : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class IndexWriter {
 public:
  /// Open (creating if needed) the database at `path`, to write records
  /// as `ctx` says (entity extraction, spelling data). Throws
  /// DatabaseLocked when another process is writing it, Xapian::Error on
  /// other failures.
  IndexWriter(const std::string& path, const IndexContext& ctx);
  /// Closes the database. Pending changes are committed if they can be; a
  /// failure here (disk full) is swallowed, since the error that stopped
  /// the run has been reported and the last commit stands.
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  /// Add or replace a record. Returns true when a record with the same id
  /// was already in the index (it is replaced). Commits every
  /// `commit_every` records.
  bool add(const Record& r);
  /// Delete the record with this id, if present. Returns true if it was.
  bool remove(const std::string& id);
  /// Make everything added so far durable (documents and metadata alike:
  /// one Xapian commit is atomic).
  void commit();

  /// User metadata of the database (Xapian's key/value store), written in
  /// the same commits as the documents.
  std::string metadata(const std::string& key) const { return m_db.get_metadata(key); }
  void set_metadata(const std::string& key, const std::string& value) { m_db.set_metadata(key, value); }
  /// Every metadata key starting with `prefix`.
  std::vector<std::string> metadata_keys(const std::string& prefix) const;
  /// Commit and release the database (and its lock). No other call is
  /// allowed afterwards.
  void close();
  /// Number of records in the index (including uncommitted ones).
  Xapian::doccount size() const;

  void set_commit_every(unsigned n) { m_commit_every = n; }

 private:
  Xapian::WritableDatabase m_db;
  Xapian::TermGenerator m_tg;
  IndexContext m_ctx;
  SpellingRecorder m_spelling;  // "Did you mean" data, given to m_db at each commit
  unsigned m_commit_every = 1000;
  unsigned m_pending = 0;
};

}  // namespace opis

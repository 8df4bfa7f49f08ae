// The index writer: turns Records into Xapian documents according to the
// schema and writes them into a database on disk. Re-indexing a record with
// the same id replaces it. Changes become durable at commit(): a crash or a
// kill loses at most the records since the last commit, never earlier ones.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include <xapian.h>

#include "opis/record.h"
#include "opis/research.h"

namespace opis {

/// Build the Xapian document for a record: terms of every schema field,
/// value slots, and the record as JSON document data. `tg` must have its
/// stemmer set (see make_term_generator()).
Xapian::Document make_document(const Record& r, Xapian::TermGenerator& tg);

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

/// Thrown when the database is locked by another writer.
struct DatabaseLocked : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class IndexWriter {
 public:
  /// Open (creating if needed) the database at `path`. Throws
  /// DatabaseLocked when another process is writing it, Xapian::Error on
  /// other failures.
  explicit IndexWriter(const std::string& path);
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
  SpellingRecorder m_spelling;  // "Did you mean" data, given to m_db at each commit
  unsigned m_commit_every = 1000;
  unsigned m_pending = 0;
};

}  // namespace opis

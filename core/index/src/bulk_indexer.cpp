// The bulk build of the batch indexer (batch_indexer.h): worker threads
// index files into small batch databases, merged by compaction.
#include "opis/index/batch_indexer.h"

#include "batch_detail.h"

#include <atomic>

#include <fmt/format.h>

#include "opis/index/schema.h"
#include "opis/index/shards.h"
#include "opis/index/spelling_recorder.h"
#include "opis/record/record_reader.h"

namespace opis {

using namespace batch;
using nlohmann::json;

// ---------------------------------------------------------------------------
// Bulk build into an empty index.
//
// Xapian 1.4 slows down as one database grows (postings land in big B-trees
// in random key order), while small databases are fast to write and
// Database::compact merges them in one sequential pass. So each worker
// thread reads, parses and indexes whole files into its own sequence of
// small batch databases (`batch_size` records each); when all are done the
// batches are compacted into a new database that replaces the (empty)
// target. Ids are deduplicated across workers through one shared table:
// when two files give the same id, the later file wins and the loser's copy
// is deleted from its batch before the merge.
//
// Crash safety: until the final swap the target stays as it was (empty);
// a killed bulk run leaves only its temporary folder, removed by the next
// run, which starts again. The swap renames the target aside, the new
// database into place, then removes the old one; finish_interrupted_swap()
// completes a swap a crash cut between the renames.
// ---------------------------------------------------------------------------

namespace {

std::string tmp_dir_of(const std::string& db) { return db + ".opis-tmp"; }
std::string new_dir_of(const std::string& db) { return db + ".opis-new"; }
std::string old_dir_of(const std::string& db) { return db + ".opis-old"; }
constexpr const char* kCompleteMarker = "opis-complete";

}  // namespace

void finish_interrupted_swap(const std::string& db) {
  std::error_code ec;
  fs::path target(db), fresh(new_dir_of(db));
  if (!fs::exists(target, ec) && fs::exists(fresh / kCompleteMarker, ec)) {
    fs::rename(fresh, target, ec);  // crashed between the two renames
  }
}

void remove_bulk_leftovers(const std::string& db) {
  std::error_code ec;
  fs::path target(db);
  if (fs::exists(target, ec)) {
    fs::remove_all(old_dir_of(db), ec);
    fs::remove_all(new_dir_of(db), ec);  // an unfinished merge
    fs::remove(target / kCompleteMarker, ec);
  }
  fs::remove_all(tmp_dir_of(db), ec);  // batches of a killed bulk run
}

namespace {

// What the workers of a bulk build share; `mu` guards what is not atomic.
struct BulkShared {
  BulkShared(const std::vector<SourceFile>& f, const BatchOptions& o, BatchCounts& counts, const std::atomic<bool>& s,
             fs::path t)
      : files(f), opts(o), c(counts), stop(s), tmp(std::move(t)) {}

  const std::vector<SourceFile>& files;
  const BatchOptions& opts;
  BatchCounts& c;  ///< workers count files, added, duplicates and rejected
  const std::atomic<bool>& stop;
  const fs::path tmp;  ///< where the batch databases go
  std::mutex mu;
  std::vector<Diagnostic> pending_diags;
  IdOwners owners;
  std::vector<std::pair<std::string, std::string>> losers;  // (batch, id) to delete
  std::vector<std::string> batches;                         // finished batch databases
  std::atomic<std::size_t> next{0}, files_done{0}, records{0};
  std::atomic<std::uint64_t> bytes_done{0}, bytes_read{0};
  std::atomic<bool> interrupted{false};
  std::exception_ptr failure;
};

// One worker thread of a bulk build: takes the next file until none is
// left, indexing its records into its own sequence of batch databases.
class BulkWorker {
 public:
  // Run worker number `w` to the end; its failure is kept in `s`.
  static void work(BulkShared& s, unsigned w) {
    try {
      BulkWorker(s, w).run();
    } catch (...) {
      std::lock_guard lock(s.mu);
      if (!s.failure) s.failure = std::current_exception();
      s.interrupted = true;
    }
  }

 private:
  BulkWorker(BulkShared& s, unsigned w)
      : m_s(s), m_opts(s.opts), m_w(w), m_tg(make_term_generator()), m_spelling(s.opts.context.spelling) {}

  void run() {
    for (;;) {
      if (m_s.stop) {
        m_s.interrupted = true;
        break;
      }
      std::size_t i = m_s.next++;
      if (i >= m_s.files.size()) break;
      index_file(i);
    }
    if (m_spelling.words() > 0) open_batch();  // the last batch may have just been finished
    finish_batch(true);
  }

  void index_file(std::size_t i) {
    const SourceFile& src = m_s.files[i];
    SourceVisit v(src);
    std::vector<Diagnostic> diags;
    int rejected = 0;
    if (auto data = v.read()) {
      m_s.bytes_read += data->size();
      SourceState now{v.abs, src.size, v.mtime, content_hash(*data), {}};
      rejected = v.records(m_opts, std::move(*data), now, [&](const Record& r) { return add(r, i, diags); });
      if (rejected == 0) {
        open_batch();
        save_state_to(*m_batch, state_key(v.abs), now);
      }
    } else {
      rejected = 1;
    }
    v.report(m_opts, diags);
    {
      std::lock_guard lock(m_s.mu);
      if (m_opts.report_file_problems) m_s.c.rejected += rejected;
      ++m_s.c.files;
      for (auto& d : diags) m_s.pending_diags.push_back(std::move(d));
    }
    m_s.bytes_done += src.size;
    ++m_s.files_done;
  }

  // Index record `r` of file number `i` unless a later file gives its id.
  bool add(const Record& r, std::size_t i, std::vector<Diagnostic>& diags) {
    open_batch();
    {
      std::lock_guard lock(m_s.mu);
      IdOwners::Claim claim = m_s.owners.claim(r, i, m_batch_path, diags);
      if (claim.kind == IdOwners::Claim::first)
        ++m_s.c.added;
      else
        ++m_s.c.duplicates;
      if (claim.kind == IdOwners::Claim::loses) return false;  // an earlier file's copy: the later one stays
      if (claim.kind == IdOwners::Claim::replaces && claim.displaced_batch != m_batch_path) {
        m_s.losers.emplace_back(claim.displaced_batch, r.id);
      }
    }
    Xapian::Document doc = make_document(r, m_tg, m_opts.context);
    m_spelling.add(doc);
    m_batch->replace_document(id_term(r.id), doc);
    ++m_s.records;
    // The file's state goes with its last record's batch.
    if (++m_in_batch >= m_opts.batch_size) finish_batch(false);
    return true;
  }

  void open_batch() {
    if (m_batch) return;
    m_batch_path = (m_s.tmp / fmt::format("w{}-b{:06}", m_w, m_batch_no++)).string();
    // DB_NO_SYNC: a batch is thrown away if the run is killed (the next
    // run starts again, see above), so its commits need not wait for the
    // disk; the merged database is synced by compact() and its own commit.
    m_batch =
        std::make_unique<Xapian::WritableDatabase>(m_batch_path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
    m_in_batch = 0;
  }

  void finish_batch(bool last) {
    if (!m_batch) return;
    if (last || m_spelling.words() > kSpellingWords) m_spelling.flush(*m_batch);
    m_batch->commit();
    m_batch->close();
    m_batch.reset();
    std::lock_guard lock(m_s.mu);
    m_s.batches.push_back(m_batch_path);
  }

  BulkShared& m_s;
  const BatchOptions& m_opts;
  const unsigned m_w;
  Xapian::TermGenerator m_tg;
  // The spelling data of all this worker's records, given to its last
  // batch (the compaction keeps it): Xapian's commit works out each new
  // word's spelling fragments, so giving every batch its own words
  // repeated that work for each word in each batch (spelling data is 10%
  // of a run's instructions, measured with callgrind). Memory stays
  // bounded: past kSpellingWords distinct words (about 100 MB) the counts
  // go to the batch at hand.
  SpellingRecorder m_spelling;
  static constexpr std::size_t kSpellingWords = 1000000;
  std::unique_ptr<Xapian::WritableDatabase> m_batch;
  std::string m_batch_path;
  unsigned m_in_batch = 0, m_batch_no = 0;
};

// Delete the losing copies of duplicated ids from their batches. A batch
// that received an id is stale for it unless it holds the final winner (a
// later file's copy can land in the same batch again).
void drop_losers(const BulkShared& s) {
  for (const auto& [batch, id] : s.losers) {
    if (s.owners.owner(id).batch == batch) continue;
    Xapian::WritableDatabase b(batch, Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
    b.delete_document(id_term(id));
    b.commit();
  }
}

}  // namespace

BatchCounts BatchIndexer::run_bulk(const std::vector<SourceFile>& files, BatchCounts c, const DiagnosticSink& on_diag,
                                   const ProgressSink& on_progress, const std::atomic<bool>& stop) {
  const fs::path tmp = tmp_dir_of(m_path);
  fs::create_directories(tmp);
  unsigned threads = m_opts.threads ? m_opts.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, std::max<std::size_t>(1, files.size()));

  BulkShared s(files, m_opts, c, stop, tmp);
  std::vector<std::thread> pool;
  for (unsigned w = 0; w < threads; ++w) pool.emplace_back([&s, w] { BulkWorker::work(s, w); });
  BatchProgress prog = progress_of(files);
  auto report = [&] {
    std::vector<Diagnostic> out;
    {
      std::lock_guard lock(s.mu);
      out.swap(s.pending_diags);
    }
    report_diags(out, c, on_diag);
    prog.files_done = s.files_done;
    prog.bytes_done = s.bytes_done;
    prog.records = s.records;
    on_progress(prog);
  };
  while (s.files_done < files.size() && !s.interrupted) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    report();
  }
  for (auto& t : pool) t.join();
  report();
  if (s.failure) {
    std::error_code ec;
    fs::remove_all(tmp, ec);
    std::rethrow_exception(s.failure);
  }
  c.interrupted = stop && s.files_done < files.size();
  c.bytes_read = s.bytes_read;

  // Drop the losing copies of duplicated ids, then merge.
  drop_losers(s);
  std::sort(s.batches.begin(), s.batches.end());
  if (!s.batches.empty()) merge_into_place(s.batches);
  std::error_code ec;
  fs::remove_all(tmp, ec);
  return c;
}

void BatchIndexer::merge_into_place(const std::vector<std::string>& batches) {
  Xapian::Database all;
  for (const auto& b : batches) all.add_database(Xapian::Database(b));
  const fs::path fresh = new_dir_of(m_path);
  std::error_code ec;
  fs::remove_all(fresh, ec);
  all.compact(fresh.string(), Xapian::DBCOMPACT_MULTIPASS);
  {
    Xapian::WritableDatabase meta(fresh.string(), Xapian::DB_OPEN);
    meta.set_metadata(kSchemaKey, std::to_string(kSchemaVersion));
    meta.commit();
  }
  std::ofstream(fresh / kCompleteMarker) << "ok\n";
  // Swap the merged database in for the empty target.
  m_writer->close();
  m_writer.reset();
  fs::rename(m_path, old_dir_of(m_path));
  fs::rename(fresh, m_path);
  m_writer = std::make_unique<IndexWriter>(m_path, m_opts.context);
  remove_bulk_leftovers(m_path);
  m_writer->set_commit_every(m_opts.commit_every);
}

}  // namespace opis

// The batch indexer: walk the paths, skip what has not changed, read and
// index the rest, keep per-file state in the database metadata. Two ways
// share the handling of a file (SourceVisit) and of an id given twice
// (IdOwners): the direct one (DirectRun) into the database itself, and the
// bulk build into an empty index (BulkWorker threads, then a merge).
#include "opis/index/batch_indexer.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <chrono>
#include <exception>
#include <fstream>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <filesystem>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <xxhash.h>

#include "opis/record/record_reader.h"
#include "opis/index/spelling_recorder.h"
#include "opis/index/schema.h"
#include "opis/index/shards.h"

namespace opis {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::string_view kStatePrefix = "opis:src:";

struct SourceState {
  std::string path;  ///< absolute, normalised
  std::uint64_t size = 0;
  std::int64_t mtime = 0;  ///< nanoseconds since the file clock's epoch
  std::string hash;
  std::vector<std::string> ids;
};

// Xapian limits metadata keys to a few hundred bytes: long paths are keyed
// by their hash (the full path is inside the value).
std::string state_key(const std::string& abs) {
  std::string key = std::string(kStatePrefix) + abs;
  if (key.size() <= 200) return key;
  return std::string(kStatePrefix) + "#" + content_hash(abs);
}

std::optional<SourceState> load_state(const IndexWriter& w, const std::string& key) {
  std::string v = w.metadata(key);
  if (v.empty()) return std::nullopt;
  try {
    json j = json::parse(v);
    return SourceState{j.at("path"), j.at("size"), j.at("mtime"), j.at("hash"), j.at("ids")};
  } catch (const std::exception&) {
    return std::nullopt;  // unreadable state: treat the file as new
  }
}

std::string state_json(const SourceState& s) {
  return json{{"path", s.path}, {"size", s.size}, {"mtime", s.mtime}, {"hash", s.hash}, {"ids", s.ids}}.dump();
}

void save_state(IndexWriter& w, const std::string& key, const SourceState& s) { w.set_metadata(key, state_json(s)); }

void save_state_to(Xapian::WritableDatabase& db, const std::string& key, const SourceState& s) {
  db.set_metadata(key, state_json(s));
}

bool hidden(const fs::path& p) {
  std::string name = p.filename().string();
  return name.size() > 1 && name[0] == '.';
}

std::string absolute_normal(const fs::path& p) {
  std::error_code ec;
  fs::path a = fs::absolute(p, ec);
  return (ec ? p : a).lexically_normal().string();
}

// "invalid JSON: ...; line skipped" -> "invalid JSON"
std::string reason_of(const std::string& message) {
  std::size_t cut = message.find_first_of(":;(");
  std::string r = cut == std::string::npos ? message : message.substr(0, cut);
  while (!r.empty() && r.back() == ' ') r.pop_back();
  return r;
}

// "not a regular file (FIFO); skipped": never opened, as reading a FIFO or a
// device could block forever.
std::string not_regular(const struct stat& sb) {
  const char* kind = S_ISFIFO(sb.st_mode) ? "FIFO" : S_ISSOCK(sb.st_mode) ? "socket"
                     : S_ISCHR(sb.st_mode) || S_ISBLK(sb.st_mode) ? "device" : "special file";
  return fmt::format("not a regular file ({}); skipped", kind);
}

// Expand the arguments to a sorted list of files. Problems become diagnostics.
std::vector<SourceFile> collect(const std::vector<std::string>& args, std::vector<Diagnostic>& diags) {
  std::vector<SourceFile> files;
  for (const auto& a : args) {
    fs::path p(a);
    std::error_code ec;
    auto st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      diags.push_back({Severity::error, a, 0, 0, "no such file or directory; skipped"});
      continue;
    }
    if (fs::is_directory(st)) {
      std::vector<fs::path> found;
      auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
      for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (hidden(it->path())) {
          std::error_code dec;
          if (it->is_directory(dec)) it.disable_recursion_pending();
          continue;
        }
        if (!is_record_file(it->path())) continue;
        // A record-named entry that is not a readable file is reported, not
        // passed over in silence (issue 6): a link loop, a dangling link, a
        // FIFO (reading it would hang). A folder named like one is walked.
        struct stat sb;
        if (::stat(it->path().c_str(), &sb) == 0) {
          if (S_ISREG(sb.st_mode)) found.push_back(it->path());
          else if (!S_ISDIR(sb.st_mode)) diags.push_back({Severity::error, it->path().string(), 0, 0, not_regular(sb)});
        } else if (errno == ELOOP) {
          diags.push_back({Severity::error, it->path().string(), 0, 0, "symbolic link loop (too many levels of links); skipped"});
        } else if (std::error_code lec; errno == ENOENT && fs::is_symlink(it->symlink_status(lec))) {
          diags.push_back({Severity::error, it->path().string(), 0, 0,
                           fmt::format("dangling symbolic link (to '{}', which does not exist); skipped",
                                       fs::read_symlink(it->path(), lec).string())});
        } else {
          diags.push_back({Severity::error, it->path().string(), 0, 0, fmt::format("cannot read: {}; skipped", std::strerror(errno))});
        }
      }
      if (ec) {
        diags.push_back({Severity::error, a, 0, 0, fmt::format("cannot walk folder: {}; rest of it skipped", ec.message())});
      }
      std::sort(found.begin(), found.end());
      for (auto& f : found) files.push_back({std::move(f), 0});
    } else if (fs::is_regular_file(st)) {
      files.push_back({p, 0});  // named explicitly: read whatever its extension
    } else {
      struct stat sb {};
      ::stat(a.c_str(), &sb);
      diags.push_back({Severity::error, a, 0, 0, not_regular(sb)});
    }
  }
  for (auto& f : files) {
    std::error_code ec;
    f.size = fs::file_size(f.path, ec);
    if (ec) f.size = 0;
  }
  return files;
}
// Whether record id `id` is one this indexer keeps (its shard's, or any).
bool in_shard(const BatchOptions& opts, const std::string& id) {
  return opts.shards <= 1 || shard_of(id, opts.shards) == opts.shard;
}

// Count the diagnostics (warnings, and errors by reason) and pass them on.
void report_diags(const std::vector<Diagnostic>& diags, BatchCounts& c, const BatchIndexer::DiagnosticSink& on_diag) {
  for (const auto& d : diags) {
    if (d.severity == Severity::warning) ++c.warnings;
    else ++c.reasons[reason_of(d.message)];
    on_diag(d);
  }
}

// Progress before the first file of `files`.
BatchProgress progress_of(const std::vector<SourceFile>& files) {
  BatchProgress prog;
  prog.files_total = files.size();
  for (const auto& f : files) prog.bytes_total += f.size;
  return prog;
}

// One source file being indexed, by either path (direct or bulk): where it
// is, when it last changed, and the problems found in it (unreadable,
// rejected records), reported only when the indexer reports file problems
// (one shard reports them for all).
struct SourceVisit {
  explicit SourceVisit(const SourceFile& f) : src(f), path(f.path.string()), abs(absolute_normal(f.path)) {
    std::error_code ec;
    auto mtime_raw = fs::last_write_time(src.path, ec);
    mtime = ec ? 0 : static_cast<std::int64_t>(mtime_raw.time_since_epoch().count());
  }

  // The file's bytes, or nothing (a problem noted) when it cannot be read.
  std::optional<std::string> read() { return read_source_bytes(src.path, problems); }

  // Parse `data`, the file's bytes: each record of this shard goes to
  // `keep`, which says whether it stays in the index; its id then joins
  // `now.ids`. Returns how many records were rejected.
  int records(const BatchOptions& opts, std::string&& data, SourceState& now,
              const std::function<bool(const Record&)>& keep) {
    return read_records(path, std::move(data), [&](Record&& r) {
      if (!in_shard(opts, r.id)) return;
      if (keep(r)) now.ids.push_back(r.id);
    }, problems);
  }

  // The file's problems after `diags`, when this indexer reports them.
  void report(const BatchOptions& opts, std::vector<Diagnostic>& diags) const {
    if (opts.report_file_problems) diags.insert(diags.end(), problems.begin(), problems.end());
  }

  const SourceFile& src;
  const std::string path;  ///< as walked
  const std::string abs;   ///< absolute, normalised: the key of its state
  std::int64_t mtime = 0;  ///< nanoseconds since the file clock's epoch; 0 unknown
  std::vector<Diagnostic> problems;
};

// The warning for a record id given twice in a run: at `path`:`line` the
// copy that stays, `other` where the one it replaces is.
Diagnostic duplicate_id(const std::string& id, const std::string& path, int line, const std::string& other) {
  return {Severity::warning, path, line, 0,
          fmt::format("record id '{}' also in {}; this later record replaces it", id, other)};
}

// Which file gave each record id in this run: of two files giving the same
// id, the later one (in walk order) wins, with a warning, whichever was
// read first (bulk workers read files out of order).
class IdOwners {
 public:
  struct Owner {
    std::size_t file = 0;  ///< walk-order index of the file that gave it
    std::string where;     ///< path, or path:line
    std::string batch;     ///< bulk: the batch database holding it
  };
  struct Claim {
    enum Kind { first, replaces, loses } kind = first;
    std::string displaced_batch;  ///< replaces: the batch of the copy replaced
  };

  // Record `r` of file number `file`, bound for `batch`, claims its id:
  // the first claim owns it; a later one from the same or a later file
  // takes it over, one from an earlier file loses to the owner. A duplicate
  // adds its warning to `diags`.
  Claim claim(const Record& r, std::size_t file, const std::string& batch, std::vector<Diagnostic>& diags) {
    std::string where = r.source_line ? fmt::format("{}:{}", r.source, r.source_line) : r.source;
    auto [it, fresh] = m_owners.try_emplace(r.id, Owner{file, where, batch});
    if (fresh) return {};
    Owner& owner = it->second;
    if (file < owner.file) {
      diags.push_back(duplicate_id(r.id, owner.where, 0, where));
      return {Claim::loses, {}};
    }
    diags.push_back(duplicate_id(r.id, r.source, r.source_line, owner.where));
    Claim c{Claim::replaces, owner.batch};
    owner = Owner{file, std::move(where), batch};
    return c;
  }

  // `id` as given by the unchanged file number `file`, unless claimed.
  void note(const std::string& id, std::size_t file, const std::string& path) { m_owners.try_emplace(id, Owner{file, path, {}}); }

  bool contains(const std::string& id) const { return m_owners.count(id) != 0; }
  const Owner& owner(const std::string& id) const { return m_owners.at(id); }

 private:
  std::unordered_map<std::string, Owner> m_owners;
};

// The direct (non-bulk) indexing of a run: file by file into the writer,
// skipping unchanged files, noting the ids that left changed ones.
class DirectRun {
 public:
  // Counts go to `c`, problems to `diags` (the caller reports them).
  DirectRun(IndexWriter& w, const BatchOptions& opts, BatchCounts& c, std::vector<Diagnostic>& diags)
      : m_w(w), m_opts(opts), m_c(c), m_diags(diags) {}

  // Index file number `i` (in walk order) unless it is unchanged.
  void file(const SourceFile& src, std::size_t i) {
    ++m_c.files;
    SourceVisit v(src);
    const std::string key = state_key(v.abs);
    std::optional<SourceState> prev = m_opts.force ? std::nullopt : load_state(m_w, key);
    if (prev && prev->size == src.size && prev->mtime == v.mtime && v.mtime != 0) {
      skip_unchanged(*prev, i, v.path);
    } else if (auto data = v.read()) {
      m_c.bytes_read += data->size();
      std::string hash = content_hash(*data);
      if (prev && prev->hash == hash) {
        // Touched but not changed: remember the new time, do not re-parse.
        skip_unchanged(*prev, i, v.path);
        prev->size = src.size;
        prev->mtime = v.mtime;
        save_state(m_w, key, *prev);
      } else {
        reindex(v, i, key, std::move(*data), std::move(hash), prev);
      }
    } else if (m_opts.report_file_problems) {
      ++m_c.rejected;  // unreadable now: its earlier records stay
    }
    v.report(m_opts, m_diags);
  }

  // Remove the records that left a changed file, unless another file gave them.
  void remove_left() {
    for (const auto& id : m_left) {
      if (!m_owners.contains(id) && m_w.remove(id)) ++m_c.removed;
    }
  }

  // Remove the records of sources under `paths` that no longer exist.
  void prune(const std::vector<std::string>& paths) {
    std::vector<std::string> roots;
    for (const auto& a : paths) roots.push_back(absolute_normal(a));
    auto under = [&](const std::string& p) {
      for (const auto& r : roots) {
        if (p == r || (p.size() > r.size() && p.compare(0, r.size(), r) == 0 && (r.back() == '/' || p[r.size()] == '/')))
          return true;
      }
      return false;
    };
    for (const auto& key : m_w.metadata_keys(std::string(kStatePrefix))) {
      auto s = load_state(m_w, key);
      if (!s || !under(s->path)) continue;
      std::error_code ec;
      if (fs::exists(s->path, ec)) continue;
      for (const auto& id : s->ids) {
        if (!m_owners.contains(id) && m_w.remove(id)) ++m_c.pruned;
      }
      m_w.set_metadata(key, "");
    }
  }

 private:
  void skip_unchanged(const SourceState& s, std::size_t i, const std::string& path) {
    ++m_c.files_unchanged;
    m_c.unchanged += s.ids.size();
    for (const auto& id : s.ids) m_owners.note(id, i, path);
  }

  // Index the records of a new or changed file; its state is saved unless
  // some were rejected.
  void reindex(SourceVisit& v, std::size_t i, const std::string& key, std::string&& data, std::string hash,
               const std::optional<SourceState>& prev) {
    SourceState now{v.abs, v.src.size, v.mtime, std::move(hash), {}};
    int rejected = v.records(m_opts, std::move(data), now, [&](const Record& r) {
      IdOwners::Claim claim = m_owners.claim(r, i, {}, m_diags);
      if (claim.kind != IdOwners::Claim::first) ++m_c.duplicates;
      if (m_w.add(r)) {
        if (claim.kind == IdOwners::Claim::first) ++m_c.replaced;
      } else {
        ++m_c.added;
      }
      return true;
    });
    if (m_opts.report_file_problems) m_c.rejected += rejected;
    // Records this file gave last time and no longer gives: removed at
    // the end of the run, unless another file gives them.
    if (prev) {
      std::unordered_set<std::string> kept(now.ids.begin(), now.ids.end());
      for (const auto& id : prev->ids) {
        if (!kept.count(id)) m_left.push_back(id);
      }
    }
    // A file with rejected records keeps no state, so the next run reads
    // it again and reports its errors again.
    if (rejected == 0) save_state(m_w, key, now);
    else if (prev) m_w.set_metadata(key, "");
  }

  IndexWriter& m_w;
  const BatchOptions& m_opts;
  BatchCounts& m_c;
  std::vector<Diagnostic>& m_diags;
  IdOwners m_owners;               ///< ids given this run
  std::vector<std::string> m_left;  ///< ids that left a changed file
};

}  // namespace

std::string content_hash(std::string_view data) {
  return fmt::format("{:016x}", XXH3_64bits(data.data(), data.size()));
}

BatchIndexer::BatchIndexer(const std::string& db_path, BatchOptions opts) : m_path(db_path), m_opts(opts) {
  finish_interrupted_swap(db_path);
  m_writer = std::make_unique<IndexWriter>(db_path, opts.context);  // takes the write lock
  // Only the lock holder may clear a killed run's leftovers: a second
  // writer must not delete a running bulk build's batches.
  remove_bulk_leftovers(db_path);
  m_writer->set_commit_every(opts.commit_every);
}

BatchIndexer::~BatchIndexer() = default;

Xapian::doccount BatchIndexer::size() const { return m_writer->size(); }

BatchCounts BatchIndexer::run(const std::vector<std::string>& paths, const DiagnosticSink& on_diag,
                              const ProgressSink& on_progress, const std::atomic<bool>& stop) {
  BatchCounts c;
  std::vector<Diagnostic> diags;
  std::vector<SourceFile> files = collect(paths, diags);
  if (m_opts.report_file_problems) c.rejected += diags.size();
  else diags.clear();
  report_diags(diags, c, on_diag);
  diags.clear();
  if (m_opts.bulk && m_writer->size() == 0 && m_writer->metadata_keys(std::string(kStatePrefix)).empty()) {
    return run_bulk(files, c, on_diag, on_progress, stop);
  }

  BatchProgress prog = progress_of(files);
  DirectRun direct(*m_writer, m_opts, c, diags);
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (stop) {
      c.interrupted = true;
      break;
    }
    direct.file(files[i], i);
    report_diags(diags, c, on_diag);
    diags.clear();
    ++prog.files_done;
    prog.bytes_done += files[i].size;
    prog.records = c.added + c.replaced + c.unchanged;
    on_progress(prog);
  }
  if (!c.interrupted) direct.remove_left();
  if (m_opts.prune && !c.interrupted) direct.prune(paths);
  // Every file given was read (or was unchanged): the index is now of the
  // current schema (an upgrade reads every file, as with --force).
  if (!c.interrupted) m_writer->set_metadata(kSchemaKey, std::to_string(kSchemaVersion));
  m_writer->commit();
  return c;
}

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
      if (claim.kind == IdOwners::Claim::first) ++m_s.c.added;
      else ++m_s.c.duplicates;
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
    m_batch = std::make_unique<Xapian::WritableDatabase>(m_batch_path, Xapian::DB_CREATE_OR_OVERWRITE);
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
    Xapian::WritableDatabase b(batch, Xapian::DB_OPEN);
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

// The batch indexer: walk the paths, skip what has not changed, read and
// index the rest, keep per-file state in the database metadata.
#include "opis/index/batch_indexer.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <chrono>
#include <fstream>
#include <mutex>
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

bool BatchIndexer::in_shard(const std::string& id) const {
  return m_opts.shards <= 1 || shard_of(id, m_opts.shards) == m_opts.shard;
}

BatchCounts BatchIndexer::run(const std::vector<std::string>& paths, const DiagnosticSink& on_diag,
                              const ProgressSink& on_progress, const std::atomic<bool>& stop) {
  BatchCounts c;
  std::vector<Diagnostic> diags;
  auto flush = [&] {
    for (const auto& d : diags) {
      if (d.severity == Severity::warning) ++c.warnings;
      else ++c.reasons[reason_of(d.message)];
      on_diag(d);
    }
    diags.clear();
  };
  std::vector<SourceFile> files = collect(paths, diags);
  if (m_opts.report_file_problems) c.rejected += diags.size();
  else diags.clear();
  flush();
  if (m_opts.bulk && m_writer->size() == 0 && m_writer->metadata_keys(std::string(kStatePrefix)).empty()) {
    return run_bulk(files, c, on_diag, on_progress, stop);
  }

  BatchProgress prog;
  prog.files_total = files.size();
  for (const auto& f : files) prog.bytes_total += f.size;

  std::unordered_map<std::string, std::string> seen;  // id -> where, this run
  std::vector<std::string> left;  // ids that left a changed file
  for (const SourceFile& src : files) {
    if (stop) {
      c.interrupted = true;
      break;
    }
    ++c.files;
    const std::string path = src.path.string();
    const std::string abs = absolute_normal(src.path);
    const std::string key = state_key(abs);
    std::optional<SourceState> prev = m_opts.force ? std::nullopt : load_state(*m_writer, key);
    std::error_code ec;
    auto mtime_raw = fs::last_write_time(src.path, ec);
    std::int64_t mtime = ec ? 0 : static_cast<std::int64_t>(mtime_raw.time_since_epoch().count());

    auto skip_unchanged = [&](const SourceState& s) {
      ++c.files_unchanged;
      c.unchanged += s.ids.size();
      for (const auto& id : s.ids) seen.emplace(id, path);
    };
    // Problems of the file itself (unreadable, rejected records) go here,
    // reported only when this indexer reports file problems (shards).
    std::vector<Diagnostic> file_diags;
    if (prev && prev->size == src.size && prev->mtime == mtime && mtime != 0) {
      skip_unchanged(*prev);
    } else if (auto data = read_source_bytes(src.path, file_diags)) {
      c.bytes_read += data->size();
      std::string hash = content_hash(*data);
      if (prev && prev->hash == hash) {
        // Touched but not changed: remember the new time, do not re-parse.
        skip_unchanged(*prev);
        prev->size = src.size;
        prev->mtime = mtime;
        save_state(*m_writer, key, *prev);
      } else {
        SourceState now{abs, src.size, mtime, hash, {}};
        int rejected = read_records(path, std::move(*data), [&](Record&& r) {
          if (!in_shard(r.id)) return;
          std::string where = r.source_line ? fmt::format("{}:{}", r.source, r.source_line) : r.source;
          auto [it, fresh] = seen.emplace(r.id, where);
          if (!fresh) {
            diags.push_back({Severity::warning, r.source, r.source_line, 0,
                             fmt::format("record id '{}' also in {}; this later record replaces it", r.id, it->second)});
            it->second = where;
            ++c.duplicates;
          }
          if (m_writer->add(r)) {
            if (fresh) ++c.replaced;
          } else {
            ++c.added;
          }
          now.ids.push_back(r.id);
        }, file_diags);
        if (m_opts.report_file_problems) c.rejected += rejected;
        // Records this file gave last time and no longer gives: removed at
        // the end of the run, unless another file gives them.
        if (prev) {
          std::unordered_set<std::string> kept(now.ids.begin(), now.ids.end());
          for (const auto& id : prev->ids) {
            if (!kept.count(id)) left.push_back(id);
          }
        }
        // A file with rejected records keeps no state, so the next run reads
        // it again and reports its errors again.
        if (rejected == 0) save_state(*m_writer, key, now);
        else if (prev) m_writer->set_metadata(key, "");
      }
    } else if (m_opts.report_file_problems) {
      ++c.rejected;  // unreadable now: its earlier records stay
    }
    if (m_opts.report_file_problems) diags.insert(diags.end(), file_diags.begin(), file_diags.end());
    flush();
    ++prog.files_done;
    prog.bytes_done += src.size;
    prog.records = c.added + c.replaced + c.unchanged;
    on_progress(prog);
  }

  if (!c.interrupted) {
    for (const auto& id : left) {
      if (!seen.count(id) && m_writer->remove(id)) ++c.removed;
    }
  }
  if (m_opts.prune && !c.interrupted) {
    // Sources under the given paths that no longer exist.
    std::vector<std::string> roots;
    for (const auto& a : paths) roots.push_back(absolute_normal(a));
    auto under = [&](const std::string& p) {
      for (const auto& r : roots) {
        if (p == r || (p.size() > r.size() && p.compare(0, r.size(), r) == 0 && (r.back() == '/' || p[r.size()] == '/')))
          return true;
      }
      return false;
    };
    for (const auto& key : m_writer->metadata_keys(std::string(kStatePrefix))) {
      auto s = load_state(*m_writer, key);
      if (!s || !under(s->path)) continue;
      std::error_code ec;
      if (fs::exists(s->path, ec)) continue;
      for (const auto& id : s->ids) {
        if (!seen.count(id) && m_writer->remove(id)) ++c.pruned;
      }
      m_writer->set_metadata(key, "");
    }
  }
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

BatchCounts BatchIndexer::run_bulk(const std::vector<SourceFile>& files, BatchCounts c, const DiagnosticSink& on_diag,
                                   const ProgressSink& on_progress, const std::atomic<bool>& stop) {
  const fs::path tmp = tmp_dir_of(m_path);
  fs::create_directories(tmp);
  unsigned threads = m_opts.threads ? m_opts.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, std::max<std::size_t>(1, files.size()));

  std::mutex mu;  // guards everything below that workers share
  std::vector<Diagnostic> pending_diags;
  struct Winner {
    std::size_t file;  // index of the file that gave it
    std::string where;
    std::string batch;  // batch database holding it
  };
  std::unordered_map<std::string, Winner> winners;
  std::vector<std::pair<std::string, std::string>> losers;  // (batch, id) to delete
  std::vector<std::string> batches;                         // finished batch databases
  std::atomic<std::size_t> next{0}, files_done{0}, records{0};
  std::atomic<std::uint64_t> bytes_done{0}, bytes_read{0};
  std::atomic<bool> interrupted{false};
  std::exception_ptr failure;

  auto worker = [&](unsigned w) {
    try {
      Xapian::TermGenerator tg = make_term_generator();
      // The spelling data of all this worker's records, given to its last
      // batch (the compaction below keeps it): Xapian's commit works out
      // each new word's spelling fragments, so giving every batch its own
      // words repeated that work for each word in each batch (spelling
      // data is 10% of a run's instructions, measured with callgrind).
      // Memory stays bounded: past kSpellingWords distinct words (about
      // 100 MB) the counts go to the batch at hand.
      SpellingRecorder spelling(m_opts.context.spelling);
      constexpr std::size_t kSpellingWords = 1000000;
      std::unique_ptr<Xapian::WritableDatabase> batch;
      std::string batch_path;
      unsigned in_batch = 0, batch_no = 0;
      auto finish_batch = [&](bool last) {
        if (!batch) return;
        if (last || spelling.words() > kSpellingWords) spelling.flush(*batch);
        batch->commit();
        batch->close();
        batch.reset();
        std::lock_guard lock(mu);
        batches.push_back(batch_path);
      };
      auto open_batch = [&] {
        if (batch) return;
        batch_path = (tmp / fmt::format("w{}-b{:06}", w, batch_no++)).string();
        batch = std::make_unique<Xapian::WritableDatabase>(batch_path, Xapian::DB_CREATE_OR_OVERWRITE);
        in_batch = 0;
      };
      std::vector<Diagnostic> diags;
      for (;;) {
        if (stop) {
          interrupted = true;
          break;
        }
        std::size_t i = next++;
        if (i >= files.size()) break;
        const SourceFile& src = files[i];
        const std::string path = src.path.string();
        const std::string abs = absolute_normal(src.path);
        std::error_code ec;
        auto mtime_raw = fs::last_write_time(src.path, ec);
        std::int64_t mtime = ec ? 0 : static_cast<std::int64_t>(mtime_raw.time_since_epoch().count());
        int rejected = 0;
        std::vector<Diagnostic> file_diags;  // reported only with report_file_problems
        if (auto data = read_source_bytes(src.path, file_diags)) {
          bytes_read += data->size();
          SourceState now{abs, src.size, mtime, content_hash(*data), {}};
          rejected = read_records(path, std::move(*data), [&](Record&& r) {
            if (!in_shard(r.id)) return;
            std::string where = r.source_line ? fmt::format("{}:{}", r.source, r.source_line) : r.source;
            open_batch();
            {
              std::lock_guard lock(mu);
              auto [it, fresh] = winners.try_emplace(r.id, Winner{i, where, batch_path});
              if (!fresh) {
                ++c.duplicates;
                // The later file (in walk order) wins, whichever worker
                // reached it first.
                bool later = i > it->second.file || (i == it->second.file);
                if (later) {
                  diags.push_back({Severity::warning, r.source, r.source_line, 0,
                                   fmt::format("record id '{}' also in {}; this later record replaces it", r.id,
                                               it->second.where)});
                  if (it->second.batch != batch_path) losers.emplace_back(it->second.batch, r.id);
                  it->second = Winner{i, where, batch_path};
                } else {
                  diags.push_back({Severity::warning, it->second.where, 0, 0,
                                   fmt::format("record id '{}' also in {}; this later record replaces it", r.id,
                                               where)});
                  return;  // an earlier file's copy: the later one stays
                }
              } else {
                ++c.added;
              }
            }
            Xapian::Document doc = make_document(r, tg, m_opts.context);
            spelling.add(doc);
            batch->replace_document(id_term(r.id), doc);
            now.ids.push_back(r.id);
            ++records;
            if (++in_batch >= m_opts.batch_size) {
              // The file's state goes with its last record's batch.
              finish_batch(false);
            }
          }, file_diags);
          if (rejected == 0) {
            open_batch();
            save_state_to(*batch, state_key(abs), now);
          }
        } else {
          rejected = 1;
        }
        if (m_opts.report_file_problems) diags.insert(diags.end(), file_diags.begin(), file_diags.end());
        {
          std::lock_guard lock(mu);
          if (m_opts.report_file_problems) c.rejected += rejected;
          ++c.files;
          for (auto& d : diags) pending_diags.push_back(std::move(d));
        }
        diags.clear();
        bytes_done += src.size;
        ++files_done;
      }
      if (spelling.words() > 0) open_batch();  // the last batch may have just been finished
      finish_batch(true);
    } catch (...) {
      std::lock_guard lock(mu);
      if (!failure) failure = std::current_exception();
      interrupted = true;
    }
  };

  std::vector<std::thread> pool;
  for (unsigned w = 0; w < threads; ++w) pool.emplace_back(worker, w);
  BatchProgress prog;
  prog.files_total = files.size();
  for (const auto& f : files) prog.bytes_total += f.size;
  auto report = [&] {
    std::vector<Diagnostic> out;
    {
      std::lock_guard lock(mu);
      out.swap(pending_diags);
    }
    for (const auto& d : out) {
      if (d.severity == Severity::warning) ++c.warnings;
      else ++c.reasons[reason_of(d.message)];
      on_diag(d);
    }
    prog.files_done = files_done;
    prog.bytes_done = bytes_done;
    prog.records = records;
    on_progress(prog);
  };
  while (files_done < files.size() && !interrupted) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    report();
  }
  for (auto& t : pool) t.join();
  report();
  if (failure) {
    std::error_code ec;
    fs::remove_all(tmp, ec);
    std::rethrow_exception(failure);
  }
  c.interrupted = stop && files_done < files.size();
  c.bytes_read = bytes_read;

  // Drop the losing copies of duplicated ids, then merge.
  // A batch that received an id is stale for it unless it holds the final
  // winner (a later file's copy can land in the same batch again).
  for (const auto& [batch, id] : losers) {
    if (winners.at(id).batch == batch) continue;
    Xapian::WritableDatabase b(batch, Xapian::DB_OPEN);
    b.delete_document(id_term(id));
    b.commit();
  }
  std::sort(batches.begin(), batches.end());
  if (!batches.empty()) {
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
  std::error_code ec;
  fs::remove_all(tmp, ec);
  return c;
}

}  // namespace opis

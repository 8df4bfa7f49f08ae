// Sharded indexes: one BatchIndexer per shard, run side by side, and the
// compaction of shards into one database (see batch_indexer.h, shards.h).
#include <algorithm>
#include <chrono>
#include <exception>
#include <filesystem>
#include <mutex>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "opis/index/batch_indexer.h"
#include "opis/index/schema.h"
#include "opis/index/shards.h"

namespace opis {

namespace fs = std::filesystem;

ShardedIndexer::ShardedIndexer(const std::string& stub, unsigned n, BatchOptions opts) {
  std::error_code ec;
  if (fs::is_directory(stub, ec)) {
    throw std::runtime_error(fmt::format(
        "'{}' is a single-database index, not a sharded one: give --shards a new path (a stub file is written "
        "there), or leave --shards out",
        stub));
  }
  std::vector<std::string> dirs;
  bool create = false;
  if (is_stub(stub)) {
    auto entries = read_stub(stub);
    for (std::size_t k = 0; k < entries.size(); ++k) {
      const StubEntry& e = entries[k];
      if (e.kind != StubEntry::Kind::local) {
        throw std::runtime_error(fmt::format(
            "{}:{}: shard {} is {}: opis-index writes local shards only; index that shard on the machine that holds it",
            stub, e.line, k, e.describe()));
      }
      dirs.push_back(e.resolved);
    }
    if (n && n != dirs.size()) {
      throw std::runtime_error(fmt::format(
          "'{}' has {} shards, not {}: a record's shard depends on the number of shards, so changing it means "
          "re-sharding: index the collection into a new stub with --shards {}, then replace the old stub and its "
          ".shards folder (docs/scaling.md)",
          stub, dirs.size(), n, n));
    }
  } else {
    if (n == 0)
      throw std::runtime_error(fmt::format("'{}' does not exist; give --shards N to create a sharded index", stub));
    fs::create_directories(stub + ".shards");
    for (unsigned k = 0; k < n; ++k) dirs.push_back(shard_dir(stub, k));
    create = true;
  }
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned k = 0; k < dirs.size(); ++k) {
    BatchOptions o = opts;
    o.shard = k;
    o.shards = static_cast<unsigned>(dirs.size());
    o.report_file_problems = k == 0;
    if (!opts.threads) o.threads = std::max(1u, cores / o.shards);
    m_shards.push_back(std::make_unique<BatchIndexer>(dirs[k], o));
  }
  if (create) {
    // Written once every shard database exists: a stub never lists a
    // shard that is not there. A run killed before this point leaves the
    // shards, which the next run opens again.
    std::vector<std::string> lines;
    for (unsigned k = 0; k < dirs.size(); ++k) lines.push_back(shard_stub_line(stub, k));
    write_stub(stub, lines);
  }
}

ShardedIndexer::~ShardedIndexer() = default;

Xapian::doccount ShardedIndexer::size() const {
  Xapian::doccount n = 0;
  for (const auto& s : m_shards) n += s->size();
  return n;
}

BatchCounts ShardedIndexer::run(const std::vector<std::string>& paths, const DiagnosticSink& on_diag,
                                const ProgressSink& on_progress, const std::atomic<bool>& stop) {
  const std::size_t n = m_shards.size();
  std::mutex mu;  // serialises the sinks and guards the arrays below
  std::vector<BatchCounts> counts(n);
  std::vector<BatchProgress> progress(n);
  std::exception_ptr failure;
  std::atomic<bool> halt{false};  // stop, or another shard failed
  std::thread watcher;
  std::vector<std::thread> pool;
  for (std::size_t k = 0; k < n; ++k) {
    pool.emplace_back([&, k] {
      try {
        counts[k] = m_shards[k]->run(
            paths,
            [&](const Diagnostic& d) {
              std::lock_guard lock(mu);
              on_diag(d);
            },
            [&, k](const BatchProgress& p) {
              std::lock_guard lock(mu);
              progress[k] = p;
              // Every shard reads every file: the files done are those all
              // shards are past; bytes and records add up.
              BatchProgress all;
              all.files_total = p.files_total;
              all.files_done = p.files_total;
              for (const auto& q : progress) {
                all.files_done = std::min(all.files_done, q.files_done);
                all.bytes_done += q.bytes_done;
                all.bytes_total += q.bytes_total ? q.bytes_total : p.bytes_total;
                all.records += q.records;
              }
              on_progress(all);
            },
            halt);
      } catch (...) {
        std::lock_guard lock(mu);
        if (!failure) failure = std::current_exception();
        halt = true;
      }
    });
  }
  // Pass a stop request on to the shards (they watch `halt`).
  watcher = std::thread([&] {
    while (!halt) {
      if (stop) halt = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
  for (auto& t : pool) t.join();
  halt = true;
  watcher.join();
  if (failure) std::rethrow_exception(failure);

  // File-level figures from the first shard (every shard saw every file),
  // record-level ones summed.
  BatchCounts c = counts[0];
  for (std::size_t k = 1; k < n; ++k) {
    const BatchCounts& s = counts[k];
    c.added += s.added;
    c.replaced += s.replaced;
    c.unchanged += s.unchanged;
    c.removed += s.removed;
    c.pruned += s.pruned;
    c.duplicates += s.duplicates;
    c.warnings += s.warnings;
    c.interrupted = c.interrupted || s.interrupted;
  }
  c.interrupted = c.interrupted || stop;
  return c;
}

namespace {

// Shards hold the same source files with different record ids: merge the
// per-file state (JSON with "ids") by taking the union of the ids.
class MergingCompactor : public Xapian::Compactor {
 public:
  std::string resolve_duplicate_metadata(const std::string& key, size_t num_tags, const std::string tags[]) override {
    if (key.rfind("opis:src:", 0) != 0) return tags[0];
    try {
      nlohmann::json merged = nlohmann::json::parse(tags[0]);
      auto& ids = merged.at("ids");
      for (size_t i = 1; i < num_tags; ++i) {
        for (const auto& id : nlohmann::json::parse(tags[i]).at("ids")) ids.push_back(id);
      }
      return merged.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);  // as state_json()
    } catch (const std::exception&) {
      return {};  // unreadable state: the file is read again next time
    }
  }
};

}  // namespace

std::size_t compact_shards(const std::string& stub, const std::string& out) {
  std::error_code ec;
  if (fs::exists(out, ec)) {
    throw std::runtime_error(fmt::format("'{}' already exists: give --compact a new path", out));
  }
  auto entries = read_stub(stub);
  std::vector<std::unique_ptr<Xapian::WritableDatabase>> locks;  // no shard changes while we read
  Xapian::Database all;
  for (std::size_t k = 0; k < entries.size(); ++k) {
    const StubEntry& e = entries[k];
    if (e.kind != StubEntry::Kind::local) {
      throw std::runtime_error(
          fmt::format("{}:{}: shard {} is {}: only local shards can be compacted; copy it here first", stub, e.line, k,
                      e.describe()));
    }
    try {
      locks.push_back(std::make_unique<Xapian::WritableDatabase>(e.resolved, Xapian::DB_OPEN));
    } catch (const Xapian::DatabaseLockError&) {
      throw DatabaseLocked(fmt::format("shard {} ('{}') is being written", k, e.resolved));
    }
    all.add_database(open_shard(e));
  }
  const std::string tmp = out + ".opis-compacting";
  fs::remove_all(tmp, ec);
  MergingCompactor compactor;
  // Sources are renumbered in order: shard k's documents come after shard
  // k-1's, so the highest docid of an id is its copy in the last shard.
  all.compact(tmp, Xapian::DBCOMPACT_MULTIPASS, 0, compactor);
  std::size_t dropped = 0;
  {
    Xapian::WritableDatabase db(tmp, Xapian::DB_OPEN);
    const std::string q = id_term("");
    std::vector<Xapian::docid> extra;
    for (auto t = db.allterms_begin(q); t != db.allterms_end(q); ++t) {
      if (t.get_termfreq() < 2) continue;
      std::vector<Xapian::docid> ids(db.postlist_begin(*t), db.postlist_end(*t));
      extra.insert(extra.end(), ids.begin(), ids.end() - 1);
    }
    for (auto d : extra) db.delete_document(d);
    dropped = extra.size();
    db.commit();
  }
  fs::rename(tmp, out);
  return dropped;
}

}  // namespace opis

// The batch indexer's insides shared by its two ways (batch_indexer.cpp,
// the direct one; bulk_indexer.cpp, the bulk build): per-file state, the
// walk of the paths, one file's handling, and which file gave each id.
// Private to the index layer.
#pragma once

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>
#include <xxhash.h>
#include <nlohmann/json.hpp>

#include "opis/index/schema.h"
#include "opis/index/shards.h"
#include "opis/index/spelling_recorder.h"
#include "opis/record/record_reader.h"

#include "opis/index/batch_indexer.h"
#include "opis/index/index_writer.h"

namespace opis::batch {

namespace fs = std::filesystem;

struct SourceState {
  std::string path;  ///< SourceFile::located
  std::uint64_t size = 0;
  std::int64_t mtime = 0;  ///< nanoseconds since the file clock's epoch
  std::string hash;
  std::vector<std::string> ids;
};

std::string state_key(const std::string& abs);
std::optional<SourceState> load_state(const IndexWriter& w, const std::string& key);
std::string state_json(const SourceState& s);
void save_state(IndexWriter& w, const std::string& key, const SourceState& s);
void save_state_to(Xapian::WritableDatabase& db, const std::string& key, const SourceState& s);
bool hidden(const fs::path& p);
std::string absolute_normal(const fs::path& p);
/// `p` absolute, its symbolic links resolved (as far as it exists).
std::string resolved(const fs::path& p);
/// `name` inside the folder `root`.
std::string located(const std::string& root, const std::string& name);
std::string reason_of(const std::string& message);
std::string not_regular(const struct stat& sb);
std::vector<SourceFile> collect(const std::vector<std::string>& args, std::vector<Diagnostic>& diags,
                                std::map<std::string, std::vector<std::string>>* not_read = nullptr);
std::shared_ptr<const Register> run_registers(const std::vector<SourceFile>& files);
bool in_shard(const BatchOptions& opts, const std::string& id);
void report_diags(const std::vector<Diagnostic>& diags, BatchCounts& c, const BatchIndexer::DiagnosticSink& on_diag);
BatchProgress progress_of(const std::vector<SourceFile>& files);
Diagnostic duplicate_id(const std::string& id, const std::string& path, int line, const std::string& other);

// One source file being indexed, by either path (direct or bulk): where it
// is, when it last changed, and the problems found in it (unreadable,
// rejected records), reported only when the indexer reports file problems
// (one shard reports them for all).
struct SourceVisit {
  explicit SourceVisit(const SourceFile& f) : src(f), path(f.path.string()), abs(f.located) {
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
    return read_records(
        SourceRef(path, src.name), std::move(data),
        [&](Record&& r) {
          if (!in_shard(opts, r.id)) return;
          if (keep(r)) now.ids.push_back(r.id);
        },
        problems, opts.read);
  }

  // The file's problems after `diags`, when this indexer reports them.
  void report(const BatchOptions& opts, std::vector<Diagnostic>& diags) const {
    if (opts.report_file_problems) diags.insert(diags.end(), problems.begin(), problems.end());
  }

  const SourceFile& src;
  const std::string path;  ///< as walked
  const std::string abs;   ///< SourceFile::located: the key of its state
  std::int64_t mtime = 0;  ///< nanoseconds since the file clock's epoch; 0 unknown
  std::vector<Diagnostic> problems;
};

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
  void note(const std::string& id, std::size_t file, const std::string& path) {
    m_owners.try_emplace(id, Owner{file, path, {}});
  }

  bool contains(const std::string& id) const { return m_owners.count(id) != 0; }
  const Owner& owner(const std::string& id) const { return m_owners.at(id); }

 private:
  std::unordered_map<std::string, Owner> m_owners;
};

}  // namespace opis::batch

// The batch indexer: walk the paths, skip what has not changed, read and
// index the rest, keep per-file state in the database metadata. This file:
// the shared parts (batch_detail.h) and the direct way; bulk_indexer.cpp:
// the bulk build. Two ways
// share the handling of a file (SourceVisit) and of an id given twice
// (IdOwners): the direct one (DirectRun) into the database itself, and the
// bulk build into an empty index (BulkWorker threads, then a merge).
#include "opis/index/batch_indexer.h"

#include "batch_detail.h"

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

#include "opis/base/text.h"
#include "opis/index/schema.h"
#include "opis/index/shards.h"
#include "opis/index/spelling_recorder.h"
#include "opis/record/record_reader.h"

namespace opis {

namespace fs = std::filesystem;
using nlohmann::json;

namespace batch {

constexpr std::string_view kStatePrefix = "opis:src:";

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

// A path that is not valid UTF-8 (a Latin-1 file name; a plain record's id
// is its path) is stored with U+FFFD rather than throwing (nlohmann's
// type_error 316 stopped the whole run, issue 14); --prune then reads such
// a file again on the next run, since the stored path names no file.
std::string state_json(const SourceState& s) {
  return json{{"path", s.path}, {"size", s.size}, {"mtime", s.mtime}, {"hash", s.hash}, {"ids", s.ids}}.dump(
      -1, ' ', false, json::error_handler_t::replace);
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

std::string resolved(const fs::path& p) {
  std::error_code ec;
  fs::path r = fs::weakly_canonical(fs::absolute(p, ec), ec);
  return ec ? absolute_normal(p) : r.lexically_normal().string();
}

std::string located(const std::string& root, const std::string& name) {
  return root.empty() || root.back() == '/' ? root + name : root + "/" + name;
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
  const char* kind = S_ISFIFO(sb.st_mode)                         ? "FIFO"
                     : S_ISSOCK(sb.st_mode)                       ? "socket"
                     : S_ISCHR(sb.st_mode) || S_ISBLK(sb.st_mode) ? "device"
                                                                  : "special file";
  return fmt::format("not a regular file ({}); skipped", kind);
}

// Expand the arguments to a sorted list of files. Problems become diagnostics.
std::vector<SourceFile> collect(const std::vector<std::string>& args, std::vector<Diagnostic>& diags,
                                std::map<std::string, std::vector<std::string>>* not_read) {
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
        if (!is_record_file(it->path())) {
          std::error_code fec;
          if (not_read && it->is_regular_file(fec))
            (*not_read)[ascii_lower(it->path().extension().string())].push_back(it->path().string());
          continue;
        }
        // A record-named entry that is not a readable file is reported, not
        // passed over in silence (issue 6): a link loop, a dangling link, a
        // FIFO (reading it would hang). A folder named like one is walked.
        struct stat sb;
        if (::stat(it->path().c_str(), &sb) == 0) {
          if (S_ISREG(sb.st_mode))
            found.push_back(it->path());
          else if (!S_ISDIR(sb.st_mode))
            diags.push_back({Severity::error, it->path().string(), 0, 0, not_regular(sb)});
        } else if (errno == ELOOP) {
          diags.push_back(
              {Severity::error, it->path().string(), 0, 0, "symbolic link loop (too many levels of links); skipped"});
        } else if (std::error_code lec; errno == ENOENT && fs::is_symlink(it->symlink_status(lec))) {
          diags.push_back({Severity::error, it->path().string(), 0, 0,
                           fmt::format("dangling symbolic link (to '{}', which does not exist); skipped",
                                       fs::read_symlink(it->path(), lec).string())});
        } else {
          diags.push_back({Severity::error, it->path().string(), 0, 0,
                           fmt::format("cannot read: {}; skipped", std::strerror(errno))});
        }
      }
      if (ec) {
        diags.push_back(
            {Severity::error, a, 0, 0, fmt::format("cannot walk folder: {}; rest of it skipped", ec.message())});
      }
      std::sort(found.begin(), found.end());
      // Names inside the folder: lexically_relative() gives "sub/x.txt" for
      // "corpus/sub/x.txt" under "corpus", "corpus/", "./corpus" or
      // "/abs/corpus" alike, as the walk extends the argument as written.
      const std::string root = resolved(p);
      for (auto& f : found) {
        std::string name = f.lexically_relative(p).generic_string();
        std::string where = located(root, name);
        files.push_back({std::move(f), std::move(name), std::move(where), 0});
      }
    } else if (fs::is_regular_file(st)) {
      // Named explicitly: read whatever its extension; its name is its file
      // name, in its folder.
      std::string name = p.filename().string();
      std::string where = located(resolved(fs::absolute(p, ec).parent_path()), name);
      files.push_back({p, std::move(name), std::move(where), 0});
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
// The registers of the XML files of a run (register.h): read before any
// record, so that a register file serves the documents of every other.
std::shared_ptr<const Register> run_registers(const std::vector<SourceFile>& files) {
  auto reg = std::make_shared<Register>();
  for (const auto& f : files) {
    if (!is_xml_file(f.path)) continue;
    std::vector<Diagnostic> ignored;  // reported when the file is read
    if (auto data = read_source_bytes(f.path, ignored))
      load_registers(SourceRef(f.path.string(), f.name), std::move(*data), *reg);
  }
  return reg;
}

// Whether record id `id` is one this indexer keeps (its shard's, or any).
bool in_shard(const BatchOptions& opts, const std::string& id) {
  return opts.shards <= 1 || shard_of(id, opts.shards) == opts.shard;
}

// Count the diagnostics (warnings, and errors by reason) and pass them on.
void report_diags(const std::vector<Diagnostic>& diags, BatchCounts& c, const BatchIndexer::DiagnosticSink& on_diag) {
  for (const auto& d : diags) {
    if (d.severity == Severity::warning)
      ++c.warnings;
    else
      ++c.reasons[reason_of(d.message)];
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

// The warning for a record id given twice in a run: at `path`:`line` the
// copy that stays, `other` where the one it replaces is.
Diagnostic duplicate_id(const std::string& id, const std::string& path, int line, const std::string& other) {
  return {Severity::warning, path, line, 0,
          fmt::format("record id '{}' also in {}; this later record replaces it", id, other)};
}

}  // namespace batch

using namespace batch;

namespace {

// The warning for record `r` replacing a record of the same id that the
// file at `other`, still there, gave in an earlier run.
Diagnostic replaces_earlier(const Record& r, const std::string& other) {
  std::string msg =
      fmt::format("record id '{}' was given by {} in an earlier run; this record replaces it", r.id, other);
  if (r.format == "plain") {
    msg +=
        " (a plain-text file's id is its path inside the folder named to opis-index: index the folder holding both "
        "to keep both)";
  }
  return {Severity::warning, r.source, r.source_line, 0, std::move(msg)};
}

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
    // With --force (or a schema upgrade) every file is parsed again, but
    // its saved state still says which ids it gave, so that those it no
    // longer gives (a plain-text file's id from before issue 14, which was
    // its path as typed) are removed, not left behind.
    std::optional<SourceState> prev = load_state(m_w, key);
    const bool trust = prev && !m_opts.force;
    if (trust && prev->size == src.size && prev->mtime == v.mtime && v.mtime != 0) {
      skip_unchanged(*prev, i, v.path);
    } else if (auto data = v.read()) {
      m_c.bytes_read += data->size();
      std::string hash = content_hash(*data);
      if (trust && prev->hash == hash) {
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
    for (const auto& a : paths) roots.push_back(resolved(a));
    auto under = [&](const std::string& p) {
      for (const auto& r : roots) {
        if (p == r ||
            (p.size() > r.size() && p.compare(0, r.size(), r) == 0 && (r.back() == '/' || p[r.size()] == '/')))
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
        if (claim.kind == IdOwners::Claim::first) {
          ++m_c.replaced;
          take_over(r, v, key, prev);
        }
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
    if (rejected == 0)
      save_state(m_w, key, now);
    else if (prev)
      m_w.set_metadata(key, "");
  }

  // Record `r` of the file `v` (state `key`, earlier state `prev`) replaced
  // a record indexed before this run. When the id was not this file's, the
  // file that gave it loses it from its saved state (so that its unchanged
  // re-runs do not count it, and --prune of it does not delete it): a file
  // that is gone (a moved collection indexed again at its new place) in
  // silence, its state dropped once it holds no id; a file still there
  // (another folder with a plain-text file of the same name) with a
  // warning, since its record is replaced (issue 14).
  void take_over(const Record& r, const SourceVisit& v, const std::string& key,
                 const std::optional<SourceState>& prev) {
    if (prev && std::find(prev->ids.begin(), prev->ids.end(), r.id) != prev->ids.end()) return;
    if (!m_id_states) {
      // Built once, when first needed: which saved states hold each id.
      m_id_states.emplace();
      for (const auto& k : m_w.metadata_keys(std::string(kStatePrefix))) {
        if (auto s = load_state(m_w, k))
          for (const auto& id : s->ids) (*m_id_states)[id].push_back(k);
      }
    }
    auto it = m_id_states->find(r.id);
    if (it == m_id_states->end()) return;
    for (const std::string& other : it->second) {
      std::optional<SourceState> s = other == key ? std::nullopt : load_state(m_w, other);
      if (!s || std::find(s->ids.begin(), s->ids.end(), r.id) == s->ids.end()) continue;  // no longer its
      std::error_code ec;
      const bool there = fs::exists(s->path, ec);
      if (there && !fs::equivalent(s->path, v.src.path, ec)) m_diags.push_back(replaces_earlier(r, s->path));
      std::erase(s->ids, r.id);
      if (s->ids.empty() && !there)
        m_w.set_metadata(other, "");
      else
        save_state(m_w, other, *s);
    }
    m_id_states->erase(it);
  }

  IndexWriter& m_w;
  const BatchOptions& m_opts;
  BatchCounts& m_c;
  std::vector<Diagnostic>& m_diags;
  IdOwners m_owners;                ///< ids given this run
  std::vector<std::string> m_left;  ///< ids that left a changed file
  /// id -> keys of the saved states that list it; see take_over().
  std::optional<std::unordered_map<std::string, std::vector<std::string>>> m_id_states;
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
  std::vector<SourceFile> files = collect(paths, diags, &c.not_read);
  if (!m_opts.read.registers &&
      std::any_of(files.begin(), files.end(), [](const SourceFile& f) { return is_xml_file(f.path); }))
    m_opts.read.registers = run_registers(files);
  if (m_opts.report_file_problems)
    c.rejected += diags.size();
  else
    diags.clear();
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

}  // namespace opis

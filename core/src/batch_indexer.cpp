// The batch indexer: walk the paths, skip what has not changed, read and
// index the rest, keep per-file state in the database metadata.
#include "opis/batch_indexer.h"

#include <algorithm>
#include <filesystem>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <xxhash.h>

#include "opis/record_reader.h"

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

void save_state(IndexWriter& w, const std::string& key, const SourceState& s) {
  json j{{"path", s.path}, {"size", s.size}, {"mtime", s.mtime}, {"hash", s.hash}, {"ids", s.ids}};
  w.set_metadata(key, j.dump());
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

struct Source {
  fs::path path;
  std::uint64_t size = 0;
};

// Expand the arguments to a sorted list of files. Problems become diagnostics.
std::vector<Source> collect(const std::vector<std::string>& args, std::vector<Diagnostic>& diags) {
  std::vector<Source> files;
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
        std::error_code fec;
        if (it->is_regular_file(fec) && is_record_file(it->path())) found.push_back(it->path());
      }
      if (ec) {
        diags.push_back({Severity::error, a, 0, 0, fmt::format("cannot walk folder: {}; rest of it skipped", ec.message())});
      }
      std::sort(found.begin(), found.end());
      for (auto& f : found) files.push_back({std::move(f), 0});
    } else {
      files.push_back({p, 0});  // named explicitly: read whatever its extension
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

BatchIndexer::BatchIndexer(const std::string& db_path, BatchOptions opts) : m_writer(db_path), m_opts(opts) {
  m_writer.set_commit_every(opts.commit_every);
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
  std::vector<Source> files = collect(paths, diags);
  c.rejected += diags.size();
  flush();

  BatchProgress prog;
  prog.files_total = files.size();
  for (const auto& f : files) prog.bytes_total += f.size;

  std::unordered_map<std::string, std::string> seen;  // id -> where, this run
  std::vector<std::string> left;  // ids that left a changed file
  for (const Source& src : files) {
    if (stop) {
      c.interrupted = true;
      break;
    }
    ++c.files;
    const std::string path = src.path.string();
    const std::string abs = absolute_normal(src.path);
    const std::string key = state_key(abs);
    std::optional<SourceState> prev = m_opts.force ? std::nullopt : load_state(m_writer, key);
    std::error_code ec;
    auto mtime_raw = fs::last_write_time(src.path, ec);
    std::int64_t mtime = ec ? 0 : static_cast<std::int64_t>(mtime_raw.time_since_epoch().count());

    auto skip_unchanged = [&](const SourceState& s) {
      ++c.files_unchanged;
      c.unchanged += s.ids.size();
      for (const auto& id : s.ids) seen.emplace(id, path);
    };
    if (prev && prev->size == src.size && prev->mtime == mtime && mtime != 0) {
      skip_unchanged(*prev);
    } else if (auto data = read_source_bytes(src.path, diags)) {
      c.bytes_read += data->size();
      std::string hash = content_hash(*data);
      if (prev && prev->hash == hash) {
        // Touched but not changed: remember the new time, do not re-parse.
        skip_unchanged(*prev);
        prev->size = src.size;
        prev->mtime = mtime;
        save_state(m_writer, key, *prev);
      } else {
        SourceState now{abs, src.size, mtime, hash, {}};
        int rejected = read_records(path, std::move(*data), [&](Record&& r) {
          std::string where = r.source_line ? fmt::format("{}:{}", r.source, r.source_line) : r.source;
          auto [it, fresh] = seen.emplace(r.id, where);
          if (!fresh) {
            diags.push_back({Severity::warning, r.source, r.source_line, 0,
                             fmt::format("record id '{}' also in {}; this later record replaces it", r.id, it->second)});
            it->second = where;
            ++c.duplicates;
          }
          if (m_writer.add(r)) {
            if (fresh) ++c.replaced;
          } else {
            ++c.added;
          }
          now.ids.push_back(r.id);
        }, diags);
        c.rejected += rejected;
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
        if (rejected == 0) save_state(m_writer, key, now);
        else if (prev) m_writer.set_metadata(key, "");
      }
    } else {
      ++c.rejected;  // unreadable now: its earlier records stay
    }
    flush();
    ++prog.files_done;
    prog.bytes_done += src.size;
    prog.records = c.added + c.replaced + c.unchanged;
    on_progress(prog);
  }

  if (!c.interrupted) {
    for (const auto& id : left) {
      if (!seen.count(id) && m_writer.remove(id)) ++c.removed;
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
    for (const auto& key : m_writer.metadata_keys(std::string(kStatePrefix))) {
      auto s = load_state(m_writer, key);
      if (!s || !under(s->path)) continue;
      std::error_code ec;
      if (fs::exists(s->path, ec)) continue;
      for (const auto& id : s->ids) {
        if (!seen.count(id) && m_writer.remove(id)) ++c.pruned;
      }
      m_writer.set_metadata(key, "");
    }
  }
  m_writer.commit();
  return c;
}

}  // namespace opis

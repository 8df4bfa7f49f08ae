// opis-index: index files and folders of archive records into an Opis index.
// Thin front end: flags -> options, then core; outcome -> exit status.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <map>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "opis/cli.h"
#include "opis/index_writer.h"
#include "opis/record_reader.h"

namespace fs = std::filesystem;
using namespace opis;

namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_signal(int) { g_stop = true; }

constexpr const char* kFooter = R"(
Records:
  *.txt    a record in the seed layout (date line, **title**, Citation:,
           Summary:, Credits:, Original Language:, Contents: sections), or
           plain text without that header (indexed as body, path as id)
  *.json   one record (a JSON object) per file
  *.jsonl  one record per line
  See docs/record-format.md for every field.

Examples:
  opis-index corpus/                      index a folder, recursively
  opis-index --db ~/idx a.txt batch.jsonl index files into ~/idx
  OPIS_DB=~/idx opis-index new/           same database via the environment
  opis-index --format json corpus/        summary as JSON, for scripts

Re-indexing a record with the same id replaces it. Records are committed
every --commit-every records and at the end: a killed run keeps everything
committed before it; run the same command again to finish.

Exit status: 0 all records indexed, 1 some records rejected (each has an
error line on stderr: path:line: error: what; what was done), 2 fatal error
(database cannot be opened or is locked), 130 interrupted (committed first).
)";

struct Counts {
  std::size_t files = 0, added = 0, replaced = 0, rejected = 0, duplicates = 0, warnings = 0;
  std::map<std::string, std::size_t> reasons;
};

// "invalid JSON: ...; line skipped" -> "invalid JSON"
std::string reason_of(const std::string& message) {
  std::size_t cut = message.find_first_of(":;(");
  return cut == std::string::npos ? message : message.substr(0, cut);
}

class Progress {
 public:
  explicit Progress(bool on) : m_on(on), m_start(std::chrono::steady_clock::now()) {}
  void update(std::size_t files_done, std::size_t files_total, std::size_t records, bool force = false) {
    if (!m_on) return;
    auto now = std::chrono::steady_clock::now();
    if (!force && now - m_last < std::chrono::milliseconds(100)) return;
    m_last = now;
    double secs = std::chrono::duration<double>(now - m_start).count();
    double rate = secs > 0 ? records / secs : 0;
    double eta = files_done ? secs * (files_total - files_done) / files_done : 0;
    std::cerr << fmt::format("\r\x1b[K[{}/{} files] {} records, {:.0f} records/s, ETA {:.0f} s", files_done,
                             files_total, records, rate, eta)
              << std::flush;
    m_shown = true;
  }
  void clear() {
    if (m_shown) std::cerr << "\r\x1b[K" << std::flush;
    m_shown = false;
  }

 private:
  bool m_on;
  bool m_shown = false;
  std::chrono::steady_clock::time_point m_start, m_last{};
};

bool hidden(const fs::path& p) {
  std::string name = p.filename().string();
  return name.size() > 1 && name[0] == '.';
}

// Expand the arguments to a sorted list of files. Problems become diagnostics.
std::vector<fs::path> collect(const std::vector<std::string>& args, std::vector<Diagnostic>& diags) {
  std::vector<fs::path> files;
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
          if (it->is_directory(ec)) it.disable_recursion_pending();
          continue;
        }
        std::error_code fec;
        if (it->is_regular_file(fec) && is_record_file(it->path())) found.push_back(it->path());
      }
      if (ec) diags.push_back({Severity::error, a, 0, 0, fmt::format("cannot walk folder: {}; rest of it skipped", ec.message())});
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(p);  // named explicitly: read whatever its extension
    }
  }
  return files;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"opis-index: index archive records (text, JSON, JSONL) into an Opis search index.", "opis-index"};
  app.set_version_flag("-V,--version", "opis-index " OPIS_VERSION);
  app.footer(kFooter);
  std::string db;
  std::vector<std::string> paths;
  bool quiet = false, progress = false;
  unsigned commit_every = 1000;
  std::string format = "text";
  add_db_option(app, db);
  app.add_option("paths", paths, "Files and folders to index (folders recursively)")->required()->option_text("PATH...");
  app.add_option("--commit-every", commit_every, "Commit after this many records (default 1000)")
      ->check(CLI::Range(1u, 10000000u))->option_text("N");
  app.add_option("--format", format, "Summary format: text or json")->check(CLI::IsMember({"text", "json"}))->option_text("FORMAT");
  app.add_flag("-q,--quiet", quiet, "Print errors only, no summary or progress");
  app.add_flag("--progress", progress, "Show progress even when stderr is not a terminal");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : exit_status::error;
  }

  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  auto start = std::chrono::steady_clock::now();
  Counts c;
  std::vector<Diagnostic> diags;
  Progress bar(!quiet && (progress || isatty(STDERR_FILENO)));
  auto flush_diags = [&] {
    if (diags.empty()) return;
    bar.clear();
    for (const auto& d : diags) {
      std::cerr << d.format() << '\n';
      if (d.severity == Severity::warning) ++c.warnings;
      else ++c.reasons[reason_of(d.message)];
    }
    diags.clear();
  };

  std::vector<fs::path> files = collect(paths, diags);
  c.rejected += diags.size();
  flush_diags();

  Xapian::doccount total_after = 0;
  try {
    IndexWriter writer(db);
    writer.set_commit_every(commit_every);
    std::unordered_map<std::string, std::string> seen;  // id -> where, this run
    for (std::size_t i = 0; i < files.size() && !g_stop; ++i) {
      ++c.files;
      c.rejected += read_record_file(files[i], [&](Record&& r) {
        std::string where = r.source_line ? fmt::format("{}:{}", r.source, r.source_line) : r.source;
        auto [it, fresh] = seen.emplace(r.id, where);
        if (!fresh) {
          diags.push_back({Severity::warning, r.source, r.source_line, 0,
                           fmt::format("record id '{}' also in {}; this later record replaces it", r.id, it->second)});
          it->second = where;
          ++c.duplicates;
        }
        if (writer.add(r)) {
          if (fresh) ++c.replaced;
        } else {
          ++c.added;
        }
      }, diags);
      flush_diags();
      bar.update(i + 1, files.size(), c.added + c.replaced);
    }
    writer.commit();
    total_after = writer.size();
  } catch (const DatabaseLocked& e) {
    bar.clear();
    std::cerr << "opis-index: error: " << e.what() << "; try again when it has finished\n";
    return exit_status::error;
  } catch (const Xapian::Error& e) {
    bar.clear();
    std::cerr << fmt::format("opis-index: error: database '{}': {}: {}\n", db, e.get_type(), e.get_msg());
    return exit_status::error;
  } catch (const std::exception& e) {
    bar.clear();
    std::cerr << fmt::format("opis-index: error: {}\n", e.what());
    return exit_status::error;
  }
  bar.clear();

  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::size_t indexed = c.added + c.replaced;
  if (!quiet) {
    if (format == "json") {
      nlohmann::json j{{"database", db},      {"files", c.files},         {"added", c.added},
                       {"replaced", c.replaced}, {"rejected", c.rejected}, {"duplicate_ids", c.duplicates},
                       {"warnings", c.warnings}, {"records_in_index", total_after}, {"seconds", secs},
                       {"interrupted", g_stop.load()}, {"rejected_reasons", c.reasons}};
      std::cout << j.dump(2) << '\n';
    } else {
      std::cout << fmt::format("{}ndexed {} record{} from {} file{} in {:.2f} s ({:.0f} records/s): {} added, {} replaced",
                               g_stop ? "Interrupted: i" : "I", indexed, indexed == 1 ? "" : "s", c.files,
                               c.files == 1 ? "" : "s", secs, secs > 0 ? indexed / secs : 0.0, c.added, c.replaced);
      if (c.duplicates) std::cout << fmt::format(", {} duplicate id{} in this run", c.duplicates, c.duplicates == 1 ? "" : "s");
      std::cout << fmt::format(", {} rejected", c.rejected);
      if (c.warnings) std::cout << fmt::format(", {} warning{}", c.warnings, c.warnings == 1 ? "" : "s");
      std::cout << ".\n";
      for (const auto& [reason, n] : c.reasons) std::cout << fmt::format("  rejected: {} × {}\n", n, reason);
      std::cout << fmt::format("Index '{}' holds {} record{}.\n", db, total_after, total_after == 1 ? "" : "s");
    }
  }
  if (g_stop) return 130;
  return c.rejected ? exit_status::partial : exit_status::ok;
}

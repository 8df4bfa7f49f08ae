// opis-index: index files and folders of archive records into an Opis index.
// Thin front end: flags -> options, then core; outcome -> exit status.
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "opis/cli/cli.h"
#include "opis/index/batch_indexer.h"
#include "opis/entities/entity_extractor.h"
#include "opis/entities/gazetteer.h"
#include "opis/index/schema.h"
#include "opis/index/shards.h"
#include "opis/version.h"

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
  opis-index --prune corpus/              re-index, dropping deleted files' records
  opis-index --format json corpus/        summary as JSON, for scripts
  opis-index --authority names.csv corpus/ with the archive's own person register
  opis-index --no-extract corpus/         skip person and place extraction
  opis-index --db archive.opis --shards 4 corpus/
                                          a sharded index: 4 shard databases in
                                          archive.opis.shards/, listed by the stub
                                          file archive.opis (docs/scaling.md)
  opis-index --db archive.opis --compact one-db/
                                          merge the shards into one database
  opis-index --db /data/shard-07 --shard 7/25 corpus/
                                          only shard 7 of 25, on the machine serving it

Incremental: a re-run skips files unchanged since the last run (same size
and modification time, or same content), re-indexes changed ones, and with
--prune deletes the records of files that are gone. Re-indexing a record
with the same id replaces it. Records are committed every --commit-every
records and at the end: a killed run keeps everything committed before it;
run the same command again to finish.

Exit status: 0 all records indexed, 1 some records rejected (each has an
error line on stderr: path:line: error: what; what was done), 2 fatal error
(database cannot be opened, is locked by another writer - the message
names its process - or a write failed, e.g. disk full: the index keeps its
last commit), 130 interrupted (committed first).
)";

class Progress {
 public:
  explicit Progress(bool on) : m_on(on), m_start(std::chrono::steady_clock::now()) {}
  void update(const BatchProgress& p) {
    if (!m_on) return;
    auto now = std::chrono::steady_clock::now();
    if (p.files_done < p.files_total && now - m_last < std::chrono::milliseconds(100)) return;
    m_last = now;
    double secs = std::chrono::duration<double>(now - m_start).count();
    double mbs = secs > 0 ? p.bytes_done / 1e6 / secs : 0;
    double rate = secs > 0 ? p.records / secs : 0;
    double eta = p.bytes_done ? secs * (p.bytes_total - p.bytes_done) / p.bytes_done : 0;
    std::cerr << fmt::format("\r\x1b[K{} records, {}/{} files, {:.1f} MB/s, {:.0f} records/s, ETA {:.0f} s",
                             p.records, p.files_done, p.files_total, mbs, rate, eta)
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

// What the indexing context's extractor needs alive for the whole run.
struct Extraction {
  std::unique_ptr<Gazetteer> gazetteer;
  std::unique_ptr<EntityExtractor> extractor;  ///< null: --no-extract
};

// The extractor of --authority FILE with the gazetteer found as front ends
// find it (load_gazetteer(): a warning when there is none); none when
// `enabled` is false (--no-extract). The authority file's problems go to
// stderr; throws std::runtime_error when it or the gazetteer cannot be read.
Extraction make_extraction(bool enabled, const std::string& authority_path) {
  std::shared_ptr<const Authority> authority;
  if (!authority_path.empty()) {
    std::vector<Diagnostic> diags;
    authority = std::make_shared<Authority>(load_authority(authority_path, diags));
    for (const auto& d : diags) std::cerr << d.format() << '\n';
  }
  Extraction e;
  if (!enabled) return e;
  e.gazetteer = std::make_unique<Gazetteer>(load_gazetteer());
  e.extractor = std::make_unique<EntityExtractor>(*e.gazetteer, std::move(authority));
  return e;
}

std::string plural(std::size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"opis-index: index archive records (text, JSON, JSONL) into an Opis search index.", "opis-index"};
  app.set_version_flag("-V,--version", "opis-index " OPIS_VERSION);
  app.footer(kFooter);
  std::string db;
  std::vector<std::string> paths;
  bool quiet = false, progress = false;
  std::string format = "text";
  BatchOptions opts;
  add_db_option(app, db);
  app.add_option("paths", paths, "Files and folders to index (folders recursively)")->option_text("PATH...");
  app.add_option("--commit-every", opts.commit_every, "Commit after this many records (default 1000)")
      ->check(CLI::Range(1u, 10000000u))->option_text("N");
  app.add_option("--format", format, "Summary format: text or json")->check(CLI::IsMember({"text", "json"}))->option_text("FORMAT");
  std::string authority_path;
  bool no_extract = false;
  app.add_option("--authority", authority_path,
                 "Person authority file (JSON, JSONL or CSV: name, aliases, titles): its names find each other")
      ->option_text("FILE");
  app.add_flag("--no-extract", no_extract, "Do not extract persons and places (faster; person:, place: find nothing)");
  bool no_spelling = false;
  app.add_flag("--no-spelling", no_spelling,
               "Do not record spelling data (about 5% faster; opis-search then suggests no spellings)");
  app.add_option("-j,--threads", opts.threads, "Worker threads for a bulk build (default: one per core)")->option_text("N");
  app.add_option("--batch-size", opts.batch_size, "Records per batch database in a bulk build (default 1000)")
      ->check(CLI::Range(1u, 10000000u))->option_text("N");
  bool no_bulk = false;
  app.add_flag("--no-bulk", no_bulk, "Into an empty index too, write one database directly (slower; for comparison)");
  app.add_flag("--prune", opts.prune, "Delete records whose source file (under the given PATHs) is gone");
  app.add_flag("--force", opts.force, "Re-read every file, even those unchanged since the last run");
  app.add_flag("-q,--quiet", quiet, "Print errors only, no summary or progress");
  app.add_flag("--progress", progress, "Show progress even when stderr is not a terminal");
  unsigned shards = 0;
  std::string compact_out;
  app.add_option("--shards", shards,
                 "Split the index over N shard databases by record id; --db names the stub file that lists them "
                 "(opis-search --db STUB searches them as one)")
      ->check(CLI::Range(1u, 1024u))->option_text("N");
  app.add_option("--compact", compact_out, "Merge the shards of the sharded index --db into one new database OUT, then stop")
      ->option_text("OUT");
  std::string one_shard;
  app.add_option("--shard", one_shard,
                 "Index only shard K of N into the one database --db (e.g. 2/25): for building each shard of a "
                 "sharded index on the machine that serves it")
      ->option_text("K/N");
  if (auto status = parse_command_line(app, argc, argv)) return *status;
  if (!one_shard.empty()) {
    unsigned k = 0, n = 0;
    char slash = 0, extra = 0;
    if (std::sscanf(one_shard.c_str(), "%u%c%u%c", &k, &slash, &n, &extra) != 3 || slash != '/' || n < 1 || k >= n ||
        n > 1024) {
      std::cerr << fmt::format("opis-index: error: --shard '{}' must be K/N with 0 <= K < N <= 1024 (shards count from 0)\n",
                               one_shard);
      return exit_status::error;
    }
    if (shards || is_stub(db)) {
      std::cerr << "opis-index: error: --shard K/N writes one shard database; --db must be its folder, not a stub, and "
                   "--shards cannot be given with it\n";
      return exit_status::error;
    }
    opts.shard = k;
    opts.shards = n;
  }
  if (!compact_out.empty()) {
    if (!paths.empty() || shards) {
      std::cerr << "opis-index: error: --compact takes no PATH and no --shards: it merges the shards of --db into OUT\n";
      return exit_status::error;
    }
    try {
      if (!is_stub(db)) throw std::runtime_error(fmt::format("'{}' is not a sharded index (a stub file)", db));
      auto start = std::chrono::steady_clock::now();
      std::size_t dropped = compact_shards(db, compact_out);
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      Xapian::Database merged(compact_out);
      if (!quiet) {
        std::cout << fmt::format("Compacted {} into '{}' in {:.2f} s: {}", db, compact_out, secs,
                                 plural(merged.get_doccount(), "record"));
        if (dropped) std::cout << fmt::format(" ({} found in two shards kept once)", plural(dropped, "record"));
        std::cout << ".\n";
      }
      return exit_status::ok;
    } catch (const DatabaseLocked& e) {
      std::cerr << "opis-index: error: " << e.what() << "; try again when it has finished\n";
      return exit_status::error;
    } catch (const Xapian::Error& e) {
      std::cerr << fmt::format("opis-index: error: compacting '{}': {}: {}\n", db, e.get_type(), e.get_msg());
      return exit_status::error;
    } catch (const std::exception& e) {
      std::cerr << fmt::format("opis-index: error: {}\n", e.what());
      return exit_status::error;
    }
  }
  if (paths.empty()) {
    std::cerr << "opis-index: error: give the files or folders to index; see --help\n";
    return exit_status::error;
  }

  opts.bulk = !no_bulk;
  // The indexing context (index_context.h): this run's extractor, with
  // the gazetteer and authority file given here, and the spelling data.
  Extraction extraction;
  try {
    extraction = make_extraction(!no_extract, authority_path);
  } catch (const std::exception& e) {
    std::cerr << fmt::format("opis-index: error: {}\n", e.what());
    return exit_status::error;
  }
  opts.context.extractor = extraction.extractor.get();
  // OPIS_NO_SPELLING=1 as --no-spelling (docs/GUIDE.md: measuring its cost).
  const char* no_spelling_env = std::getenv("OPIS_NO_SPELLING");
  opts.context.spelling = !no_spelling && !(no_spelling_env && *no_spelling_env);
  // An index built by another version of the schema (schema.h) lacks what
  // this one indexes: read every file again, as --force does.
  if (!is_stub(db)) {
    if (auto old = outdated_schema(db)) {
      opts.force = true;
      if (!quiet) {
        std::cerr << fmt::format("opis-index: note: '{}' was built by {} Opis (schema {}); reading every file again "
                                 "to bring it to schema {}\n",
                                 db, old->empty() || *old < std::to_string(kSchemaVersion) ? "an older" : "another",
                                 old->empty() ? "unknown" : *old, kSchemaVersion);
      }
    }
  }
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  // Over a file size limit (ulimit -f) a write fails with EFBIG, which
  // Xapian reports, instead of SIGXFSZ killing the run before it can say so.
  std::signal(SIGXFSZ, SIG_IGN);
  auto start = std::chrono::steady_clock::now();
  Progress bar(!quiet && (progress || isatty(STDERR_FILENO)));
  BatchCounts c;
  Xapian::doccount total_after = 0;
  try {
    auto on_diag = [&](const Diagnostic& d) {
      bar.clear();
      std::cerr << d.format() << '\n';
    };
    auto on_progress = [&](const BatchProgress& p) { bar.update(p); };
    if (shards || is_stub(db)) {
      ShardedIndexer indexer(db, shards, opts);
      c = indexer.run(paths, on_diag, on_progress, g_stop);
      total_after = indexer.size();
    } else {
      BatchIndexer indexer(db, opts);
      c = indexer.run(paths, on_diag, on_progress, g_stop);
      total_after = indexer.size();
    }
  } catch (const DatabaseLocked& e) {
    bar.clear();
    std::cerr << "opis-index: error: " << e.what() << "; try again when it has finished\n";
    return exit_status::error;
  } catch (const Xapian::Error& e) {
    bar.clear();
    // A write error (disk full, file size limit) carries the system's reason
    // apart from the message ("Error writing block 141" + "File too large").
    const char* why = e.get_error_string();
    std::cerr << fmt::format("opis-index: error: database '{}': {}: {}{}; the index keeps what its last commit held\n", db,
                             e.get_type(), e.get_msg(), why && *why ? fmt::format(" ({})", why) : "");
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
      nlohmann::json j{{"database", db},
                       {"files", c.files},
                       {"files_unchanged", c.files_unchanged},
                       {"added", c.added},
                       {"replaced", c.replaced},
                       {"unchanged", c.unchanged},
                       {"removed", c.removed},
                       {"pruned", c.pruned},
                       {"rejected", c.rejected},
                       {"duplicate_ids", c.duplicates},
                       {"warnings", c.warnings},
                       {"records_in_index", total_after},
                       {"bytes_read", c.bytes_read},
                       {"seconds", secs},
                       {"interrupted", c.interrupted},
                       {"rejected_reasons", c.reasons}};
      std::cout << j.dump(2) << '\n';
    } else {
      std::cout << fmt::format("{}ndexed {} from {} in {:.2f} s ({:.0f} records/s, {:.1f} MB/s): {} added, {} replaced, {} unchanged",
                               c.interrupted ? "Interrupted: i" : "I", plural(indexed, "record"), plural(c.files, "file"),
                               secs, secs > 0 ? indexed / secs : 0.0, secs > 0 ? c.bytes_read / 1e6 / secs : 0.0,
                               c.added, c.replaced, c.unchanged);
      if (c.removed) std::cout << fmt::format(", {} removed from changed files", c.removed);
      if (opts.prune) std::cout << fmt::format(", {} pruned", c.pruned);
      if (c.duplicates) std::cout << fmt::format(", {} in this run", plural(c.duplicates, "duplicate id"));
      std::cout << fmt::format(", {} rejected", c.rejected);
      if (c.warnings) std::cout << fmt::format(", {}", plural(c.warnings, "warning"));
      std::cout << ".\n";
      for (const auto& [reason, n] : c.reasons) std::cout << fmt::format("  rejected: {} × {}\n", n, reason);
      std::cout << fmt::format("Index '{}' holds {}.\n", db, plural(total_after, "record"));
    }
  }
  if (c.interrupted) return 130;
  return c.rejected ? exit_status::partial : exit_status::ok;
}

// opis-index: index files and folders of archive records into an Opis index.
// Thin front end: the flags as given (Flags) become a validated Command
// before any work (as ripgrep's lowargs -> hiargs; query/main.cpp does the
// same); one function runs each mode (--compact, indexing); main maps the
// outcome to an exit status.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "opis/base/language_id.h"
#include "opis/base/untrusted.h"
#include "opis/cli/cli.h"
#include "opis/entities/entity_extractor.h"
#include "opis/entities/gazetteer.h"
#include "opis/index/batch_indexer.h"
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
           plain text without that header (indexed as body; its id is its
           path inside the folder given: notes/a.txt for corpus/notes/a.txt,
           whether given as corpus/, ./corpus or /abs/corpus)
  *.json   one record (a JSON object) per file
  *.jsonl  one record per line
  *.xml    TEI P5 (a record per <TEI>, in a <teiCorpus> too; persName,
           placeName and rs as tagged persons and places, resolved through
           the listPerson/listPlace registers of every XML file given) or an
           EAD 2002/EAD3 finding aid (the collection, and its file and item
           components; --ead-series: series and subseries too), told apart
           by the root element
  Files of other types in the folders are counted in the summary ("not
  read"), their paths with -v.
  See docs/record-format.md for every field.

Examples:
  opis-index corpus/                      index a folder, recursively
  opis-index --db ~/idx a.txt batch.jsonl index files into ~/idx
  OPIS_DB=~/idx opis-index new/           same database via the environment
  opis-index --prune corpus/              re-index, dropping deleted files' records
  opis-index --format json corpus/        summary as JSON, for scripts
  opis-index --authority names.csv corpus/ with the archive's own person register
  opis-index --no-extract corpus/         skip person and place extraction
  opis-index edition/ indices/            TEI letters with their registers
  opis-index --ead-series findingaids/    EAD: series records too
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
with the same id replaces it. A collection moved to another place keeps its
ids: index it at its new path (its records are replaced, not doubled).
Records are committed every --commit-every records and at the end: a killed
run keeps everything committed before it; run the same command again to
finish.

Exit status: 0 all records indexed, 1 some records rejected (each has an
error line on stderr: path:line: error: what; what was done) or no file of
a type Opis reads in the paths, 2 fatal error
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
    std::cerr << fmt::format("\r\x1b[K{} records, {}/{} files, {:.1f} MB/s, {:.0f} records/s, ETA {:.0f} s", p.records,
                             p.files_done, p.files_total, mbs, rate, eta)
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

std::string plural(std::size_t n, std::string_view word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

// --- Flags as given ------------------------------------------------------------

struct Flags {
  std::string db, format = "text", authority_path, compact_out, one_shard;
  std::vector<std::string> paths;
  bool quiet = false, progress = false, no_extract = false, no_spelling = false, no_identify = false, no_bulk = false,
       verbose = false;
  unsigned shards = 0;
  BatchOptions opts;  ///< --commit-every, --threads, --batch-size, --prune, --force
};

// What to index and how: paths, the summary, extraction and spelling, bulk.
void add_index_flags(CLI::App& app, Flags& f) {
  add_db_option(app, f.db);
  app.add_option("paths", f.paths, "Files and folders to index (folders recursively)")->option_text("PATH...");
  app.add_option("--commit-every", f.opts.commit_every, "Commit after this many records (default 1000)")
      ->check(CLI::Range(1u, 10000000u))
      ->option_text("N");
  app.add_option("--format", f.format, "Summary format: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->option_text("FORMAT");
  app.add_option("--authority", f.authority_path,
                 "Person authority file (JSON, JSONL or CSV: name, aliases, titles): its names find each other")
      ->option_text("FILE");
  app.add_flag("--no-extract", f.no_extract,
               "Do not extract persons and places (faster; person:, place: find nothing)");
  app.add_flag("--no-identify", f.no_identify,
               "Do not identify the language of records that do not give it (their text is then stemmed in "
               "English, as before Opis knew languages)");
  app.add_flag("--no-spelling", f.no_spelling,
               "Do not record spelling data (about 5% faster; opis-search then suggests no spellings)");
  app.add_option("-j,--threads", f.opts.threads, "Worker threads for a bulk build (default: one per core)")
      ->option_text("N");
  app.add_option("--batch-size", f.opts.batch_size, "Records per batch database in a bulk build (default 1000)")
      ->check(CLI::Range(1u, 10000000u))
      ->option_text("N");
  app.add_flag("--no-bulk", f.no_bulk, "Into an empty index too, write one database directly (slower; for comparison)");
  app.add_flag("--prune", f.opts.prune, "Delete records whose source file (under the given PATHs) is gone");
  app.add_flag("--force", f.opts.force, "Re-read every file, even those unchanged since the last run");
  app.add_flag("--ead-series", f.opts.read.ead_series,
               "EAD finding aids: a record for each series and subseries too (default: the collection, file and "
               "item components)");
  app.add_flag("-q,--quiet", f.quiet, "Print errors only, no summary or progress");
  app.add_flag("-v,--verbose", f.verbose, "In the summary, name each file not read (of a type no reader takes)");
  app.add_flag("--progress", f.progress, "Show progress even when stderr is not a terminal");
}

// Sharded indexes: --shards, --compact, --shard.
void add_shard_flags(CLI::App& app, Flags& f) {
  app.add_option("--shards", f.shards,
                 "Split the index over N shard databases by record id; --db names the stub file that lists them "
                 "(opis-search --db STUB searches them as one)")
      ->check(CLI::Range(1u, 1024u))
      ->option_text("N");
  app.add_option("--compact", f.compact_out,
                 "Merge the shards of the sharded index --db into one new database OUT, then stop")
      ->option_text("OUT");
  app.add_option("--shard", f.one_shard,
                 "Index only shard K of N into the one database --db (e.g. 2/25): for building each shard of a "
                 "sharded index on the machine that serves it")
      ->option_text("K/N");
}

// --- The validated command ---------------------------------------------------

enum class Mode { compact, index };

// What to do, checked: built from Flags before any database is opened.
struct Command {
  Mode mode = Mode::index;
  std::string db;
  std::string compact_out;         ///< Mode::compact
  std::vector<std::string> paths;  ///< Mode::index
  std::string format;              ///< text or json
  bool quiet = false;
  bool verbose = false;        ///< -v: the paths of the files not read
  bool show_progress = false;  ///< --progress, or stderr is a terminal (and not --quiet)
  unsigned shards = 0;         ///< --shards N
  bool extract = true;         ///< not --no-extract
  bool identify = true;        ///< not --no-identify
  std::string authority_path;
  BatchOptions opts;  ///< all but the context's extractor, made by run_index
};

// --shard K/N into opts.shard and opts.shards. Throws std::invalid_argument.
void apply_one_shard(const Flags& f, BatchOptions& opts) {
  unsigned k = 0, n = 0;
  char slash = 0, extra = 0;
  if (std::sscanf(f.one_shard.c_str(), "%u%c%u%c", &k, &slash, &n, &extra) != 3 || slash != '/' || n < 1 || k >= n ||
      n > 1024) {
    throw std::invalid_argument(
        fmt::format("--shard '{}' must be K/N with 0 <= K < N <= 1024 (shards count from 0)", f.one_shard));
  }
  if (f.shards || is_stub(f.db)) {
    throw std::invalid_argument(
        "--shard K/N writes one shard database; --db must be its folder, not a stub, and --shards cannot be given "
        "with it");
  }
  opts.shard = k;
  opts.shards = n;
}

// Flags -> Command: --shard first, then --compact (which stops there), then
// the paths to index. Throws std::invalid_argument, saying what was wrong.
Command validate(const Flags& f) {
  Command c;
  c.db = f.db;
  c.opts = f.opts;
  if (!f.one_shard.empty()) apply_one_shard(f, c.opts);
  c.quiet = f.quiet;
  c.verbose = f.verbose;
  if (!f.compact_out.empty()) {
    if (!f.paths.empty() || f.shards) {
      throw std::invalid_argument("--compact takes no PATH and no --shards: it merges the shards of --db into OUT");
    }
    c.mode = Mode::compact;
    c.compact_out = f.compact_out;
    return c;
  }
  if (f.paths.empty()) throw std::invalid_argument("give the files or folders to index; see --help");
  c.paths = f.paths;
  c.format = f.format;
  c.show_progress = !f.quiet && (f.progress || isatty(STDERR_FILENO));
  c.shards = f.shards;
  c.extract = !f.no_extract;
  c.identify = !f.no_identify;
  c.authority_path = f.authority_path;
  c.opts.bulk = !f.no_bulk;
  // OPIS_NO_SPELLING=1 as --no-spelling (docs/GUIDE.md: measuring its cost).
  const char* no_spelling_env = std::getenv("OPIS_NO_SPELLING");
  c.opts.context.spelling = !f.no_spelling && !(no_spelling_env && *no_spelling_env);
  return c;
}

// --- The modes -----------------------------------------------------------------

// Messages and the summary quote paths, which may hold control characters:
// made safe for the terminal (untrusted.h), as diagnostics are.
int fail(const std::string& what) {
  std::cerr << "opis-index: error: " << terminal_safe(what) << '\n';
  return exit_status::error;
}

int fail_locked(const DatabaseLocked& e) { return fail(std::string(e.what()) + "; try again when it has finished"); }

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// --compact OUT: merge the shards of the stub --db into one database.
int run_compact(const Command& c) {
  try {
    if (!is_stub(c.db)) throw std::runtime_error(fmt::format("'{}' is not a sharded index (a stub file)", c.db));
    auto start = std::chrono::steady_clock::now();
    std::size_t dropped = compact_shards(c.db, c.compact_out);
    double secs = seconds_since(start);
    Xapian::Database merged(c.compact_out);
    if (!c.quiet) {
      std::cout << fmt::format("Compacted {} into '{}' in {:.2f} s: {}", terminal_safe(c.db),
                               terminal_safe(c.compact_out), secs, plural(merged.get_doccount(), "record"));
      if (dropped) std::cout << fmt::format(" ({} found in two shards kept once)", plural(dropped, "record"));
      std::cout << ".\n";
    }
    return exit_status::ok;
  } catch (const DatabaseLocked& e) {
    return fail_locked(e);
  } catch (const Xapian::Error& e) {
    return fail(fmt::format("compacting '{}': {}: {}", c.db, e.get_type(), e.get_msg()));
  } catch (const std::exception& e) {
    return fail(e.what());
  }
}

// An index built by another version of the schema (schema.h) lacks what
// this one indexes: read every file again, as --force does.
void upgrade_outdated(const Command& c, BatchOptions& opts) {
  if (is_stub(c.db)) return;
  auto old = outdated_schema(c.db);
  if (!old) return;
  opts.force = true;
  if (c.quiet) return;
  std::cerr << fmt::format(
      "opis-index: note: '{}' was built by {} Opis (schema {}); reading every file again "
      "to bring it to schema {}\n",
      terminal_safe(c.db), old->empty() || *old < std::to_string(kSchemaVersion) ? "an older" : "another",
      old->empty() ? "unknown" : terminal_safe(*old), kSchemaVersion);
}

// What an indexing run did.
struct Indexed {
  BatchCounts counts;
  Xapian::doccount total_after = 0;  ///< records in the index afterwards
  double seconds = 0;
};

// Index the paths of `c` into --db (one database, or the shards of a stub)
// with `opts`, problems and progress to stderr. Throws what the indexers
// throw (DatabaseLocked, Xapian::Error, std::exception).
Indexed index_paths(const Command& c, const BatchOptions& opts, Progress& bar) {
  auto on_diag = [&](const Diagnostic& d) {
    bar.clear();
    std::cerr << d.format() << '\n';
  };
  auto on_progress = [&](const BatchProgress& p) { bar.update(p); };
  Indexed r;
  if (c.shards || is_stub(c.db)) {
    ShardedIndexer indexer(c.db, c.shards, opts);
    r.counts = indexer.run(c.paths, on_diag, on_progress, g_stop);
    r.total_after = indexer.size();
  } else {
    BatchIndexer indexer(c.db, opts);
    r.counts = indexer.run(c.paths, on_diag, on_progress, g_stop);
    r.total_after = indexer.size();
  }
  return r;
}

// The database of this run, for on_terminate().
std::string g_db;

// A write error inside Xapian's commit() can throw a second time while the
// first unwinds, which ends the process through std::terminate() (Xapian
// 1.4.22: a file size limit reached while glass writes the postlist table,
// where schema 12's persons and places are, tests/cli/faults_test.cpp).
// glass's commit is atomic: the index still holds its last commit. Say so
// as for a write error caught, and exit 2; anything else aborts as before.
[[noreturn]] void on_terminate() {
  if (auto e = std::current_exception()) {
    try {
      std::rethrow_exception(e);
    } catch (const Xapian::DatabaseError& x) {
      const char* why = x.get_error_string();
      fail(fmt::format("database '{}': {}: {}{}; the index keeps what its last commit held", g_db, x.get_type(),
                       x.get_msg(), why && *why ? fmt::format(" ({})", why) : ""));
      std::_Exit(exit_status::error);
    } catch (...) {}
  }
  std::abort();
}

// index_paths, with a failure said on stderr (the bar cleared first):
// nothing then.
std::optional<Indexed> try_index_paths(const Command& c, const BatchOptions& opts, Progress& bar) {
  g_db = c.db;
  std::set_terminate(on_terminate);
  try {
    return index_paths(c, opts, bar);
  } catch (const DatabaseLocked& e) {
    bar.clear();
    fail_locked(e);
  } catch (const Xapian::Error& e) {
    bar.clear();
    // A write error (disk full, file size limit) carries the system's reason
    // apart from the message ("Error writing block 141" + "File too large").
    const char* why = e.get_error_string();
    fail(fmt::format("database '{}': {}: {}{}; the index keeps what its last commit held", c.db, e.get_type(),
                     e.get_msg(), why && *why ? fmt::format(" ({})", why) : ""));
  } catch (const std::exception& e) {
    bar.clear();
    fail(e.what());
  }
  return std::nullopt;
}

// Files of a type no reader takes, by extension: {".pdf": 3}.
nlohmann::json not_read_json(const BatchCounts& n) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [ext, paths] : n.not_read) j[ext.empty() ? "(none)" : ext] = paths.size();
  return j;
}

void print_summary_json(const Command& c, const Indexed& r) {
  const BatchCounts& n = r.counts;
  nlohmann::json j{{"database", c.db},
                   {"files", n.files},
                   {"files_unchanged", n.files_unchanged},
                   {"added", n.added},
                   {"replaced", n.replaced},
                   {"unchanged", n.unchanged},
                   {"removed", n.removed},
                   {"pruned", n.pruned},
                   {"rejected", n.rejected},
                   {"duplicate_ids", n.duplicates},
                   {"warnings", n.warnings},
                   {"records_in_index", r.total_after},
                   {"bytes_read", n.bytes_read},
                   {"seconds", r.seconds},
                   {"interrupted", n.interrupted},
                   {"rejected_reasons", n.reasons},
                   {"not_read", not_read_json(n)}};
  std::cout << json_text(j) << '\n';
}

void print_summary_text(const Command& c, const Indexed& r) {
  const BatchCounts& n = r.counts;
  const double secs = r.seconds;
  std::size_t indexed = n.added + n.replaced;
  std::cout << fmt::format(
      "{}ndexed {} from {} in {:.2f} s ({:.0f} records/s, {:.1f} MB/s): {} added, {} replaced, {} unchanged",
      n.interrupted ? "Interrupted: i" : "I", plural(indexed, "record"), plural(n.files, "file"), secs,
      secs > 0 ? indexed / secs : 0.0, secs > 0 ? n.bytes_read / 1e6 / secs : 0.0, n.added, n.replaced, n.unchanged);
  if (n.removed) std::cout << fmt::format(", {} removed from changed files", n.removed);
  if (c.opts.prune) std::cout << fmt::format(", {} pruned", n.pruned);
  if (n.duplicates) std::cout << fmt::format(", {} in this run", plural(n.duplicates, "duplicate id"));
  std::cout << fmt::format(", {} rejected", n.rejected);
  if (n.warnings) std::cout << fmt::format(", {}", plural(n.warnings, "warning"));
  std::cout << ".\n";
  for (const auto& [reason, count] : n.reasons) {
    std::cout << fmt::format("  rejected: {} × {}\n", count, terminal_safe(reason));
  }
  for (const auto& [ext, paths] : n.not_read) {
    std::cout << fmt::format("  not read: {} × {} (no reader for this type{})\n", paths.size(),
                             ext.empty() ? "without extension" : terminal_safe(ext),
                             c.verbose ? "" : "; -v names them");
    if (c.verbose) {
      for (const auto& p : paths) std::cout << "    " << terminal_safe(p) << '\n';
    }
  }
  std::cout << fmt::format("Index '{}' holds {}.\n", terminal_safe(c.db), plural(r.total_after, "record"));
}

// Index the paths: the extractor, the schema check, then the run; the
// summary on stdout.
int run_index(const Command& c) {
  // The indexing context (index_context.h): this run's extractor, with
  // the gazetteer and authority file given here, and the spelling data.
  Extraction extraction;
  try {
    extraction = make_extraction(c.extract, c.authority_path);
  } catch (const std::exception& e) {
    return fail(e.what());
  }
  // Language identification (libexttextcat's profiles), shared by the workers.
  std::unique_ptr<LanguageIdentifier> identifier;
  try {
    if (c.identify) identifier = std::make_unique<LanguageIdentifier>();
  } catch (const std::exception& e) {
    return fail(std::string(e.what()) + " (install libexttextcat-data, or index with --no-identify)");
  }
  BatchOptions opts = c.opts;
  opts.context.extractor = extraction.extractor.get();
  opts.context.identifier = identifier.get();
  upgrade_outdated(c, opts);
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  // Over a file size limit (ulimit -f) a write fails with EFBIG, which
  // Xapian reports, instead of SIGXFSZ killing the run before it can say so.
  std::signal(SIGXFSZ, SIG_IGN);
  auto start = std::chrono::steady_clock::now();
  Progress bar(c.show_progress);
  std::optional<Indexed> r = try_index_paths(c, opts, bar);
  if (!r) return exit_status::error;
  bar.clear();
  r->seconds = seconds_since(start);
  if (!c.quiet) {
    if (c.format == "json")
      print_summary_json(c, *r);
    else
      print_summary_text(c, *r);
  }
  if (r->counts.interrupted) return 130;
  if (r->counts.files == 0) {
    // Nothing Opis reads was found: say so, and why (issue 15).
    std::size_t others = 0;
    for (const auto& [ext, paths] : r->counts.not_read) others += paths.size();
    std::cerr << fmt::format(
        "opis-index: no file Opis reads (.txt, .json, .jsonl, .xml) in the paths given{}; nothing indexed "
        "(docs/record-format.md lists the formats)\n",
        others ? fmt::format(" ({} of other types passed over: see 'not read' above)", plural(others, "file"))
               : std::string());
    return exit_status::partial;
  }
  return r->counts.rejected ? exit_status::partial : exit_status::ok;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"opis-index: index archive records (text, JSON, JSONL, TEI and EAD XML) into an Opis search index.",
               "opis-index"};
  app.set_version_flag("-V,--version", "opis-index " OPIS_VERSION);
  app.footer(kFooter);
  Flags flags;
  add_index_flags(app, flags);
  add_shard_flags(app, flags);
  if (auto status = parse_command_line(app, argc, argv)) return *status;
  Command command;
  try {
    command = validate(flags);
  } catch (const std::invalid_argument& e) {
    return fail(e.what());
  }
  return command.mode == Mode::compact ? run_compact(command) : run_index(command);
}

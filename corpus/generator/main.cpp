// opis-gen: write a synthetic collection of archive records of any size, in
// the seed text layout and/or as JSONL, for benchmarks and scale tests.
// Thin front end: flags -> validated options -> write_collection() -> one
// summary line on stderr and an exit status.
#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "collection_writer.h"
#include "pools.h"
#include "vocabulary.h"
#include "opis/version.h"

namespace fs = std::filesystem;
using namespace opis;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitError = 2;  // as opis-index: 2 is fatal

constexpr const char* kFooter = R"(
Output:
  DIR/records/000/g0000001.txt ...  seed layout, at most 1000 files a folder
  DIR/jsonl/part-0000.jsonl ...     JSONL, --per-file records a file
  Seed-layout records have ids g0000001, g0000002, ...; JSONL records have
  j0000001, ...: with --format both the two forms hold different records
  (2 x N in all), so both can go into one index without replacing each
  other. Record gN depends only on --seed and --words, not on --records,
  --format or --threads (ids have 7 digits up to 9,999,999 records).

Determinism:
  The same --seed, --words and --records give byte-identical files on any
  machine (own PRNG, no std:: distributions, no libm). --threads changes
  speed only. --iso-codes DIR adds country names from Debian's iso-codes,
  so output then also depends on the iso-codes version installed.

Examples:
  opis-gen --records 10000 --out /tmp/gen10k
      10,000 seed-layout files under /tmp/gen10k/records/
  opis-gen --records 100000 --format jsonl --per-file 25000 --out /tmp/g
      four JSONL files of 25,000 records
  opis-gen --records 300 --format both --words 400 --seed 7 --out /tmp/t
      300 short records in each form
  opis-gen --records 10000 --out /tmp/gen10k && opis-index --db /tmp/db /tmp/gen10k

Exit status: 0 written, 2 bad flags or a file could not be written.
Records are synthetic: real names in invented text (Credits says so).
)";

bool non_empty_dir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec) && !fs::is_empty(p, ec);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"opis-gen: write a synthetic collection of archive records (seed layout and/or JSONL).", "opis-gen"};
  app.set_version_flag("-V,--version", "opis-gen " OPIS_VERSION);
  app.footer(kFooter);

  CollectionOptions o;
  std::string out, format = "seed", iso_codes;
  bool force = false;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  app.add_option("-n,--records", o.records, "Records to write (per form)")->required()
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1000000000}))->option_text("N");
  app.add_option("-o,--out", out, "Output folder (made if missing)")->required()->option_text("DIR");
  app.add_option("-f,--format", format, "seed, jsonl or both (default seed)")
      ->check(CLI::IsMember({"seed", "jsonl", "both"}))->option_text("FORMAT");
  app.add_option("-s,--seed", o.seed, "Random seed (default 1)")->option_text("S");
  app.add_option("-w,--words", o.mean_words, "Mean words per record; each gets 40%..200% of it (default 1160)")
      ->check(CLI::Range(50u, 1000000u))->option_text("W");
  app.add_option("-k,--per-file", o.per_file, "Records per JSONL file (default 10000)")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{100000000}))->option_text("K");
  app.add_option("-j,--threads", threads, "Worker threads (default: one per core); output does not depend on it")
      ->check(CLI::Range(1u, 256u))->option_text("T");
  app.add_option("--iso-codes", iso_codes,
                 "Also draw country names from Debian's iso-codes JSON in DIR (e.g. /usr/share/iso-codes/json)")
      ->option_text("DIR");
  app.add_flag("--force", force, "Replace DIR/records and DIR/jsonl if they already hold files");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitError;
  }
  o.out = out;
  o.seed_layout = format != "jsonl";
  o.jsonl = format != "seed";
  o.threads = threads;

  // Stale files from an earlier, bigger run would silently join the
  // collection: refuse unless told to replace them.
  for (const char* sub : {"records", "jsonl"}) {
    if ((sub[0] == 'r' ? !o.seed_layout : !o.jsonl)) continue;
    fs::path p = o.out / sub;
    if (!non_empty_dir(p)) continue;
    if (!force) {
      std::cerr << fmt::format("opis-gen: error: '{}' already holds files; remove it, choose another --out, or "
                               "pass --force to replace it\n", p.string());
      return kExitError;
    }
    std::error_code ec;
    fs::remove_all(p, ec);
    if (ec) {
      std::cerr << fmt::format("opis-gen: error: cannot remove '{}': {}\n", p.string(), ec.message());
      return kExitError;
    }
  }

  auto start = std::chrono::steady_clock::now();
  Pools pools;
  try {
    pools = build_pools(iso_codes);
  } catch (const std::exception& e) {
    std::cerr << "opis-gen: error: " << e.what() << "; nothing written\n";
    return kExitError;
  }
  CollectionStats st;
  try {
    st = write_collection(o, pools);
  } catch (const std::exception& e) {
    std::cerr << "opis-gen: error: " << e.what() << "; stopped, the collection is incomplete\n";
    return kExitError;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double mb = static_cast<double>(st.bytes) / 1e6;
  std::cerr << fmt::format(
      "opis-gen: {} records written to '{}' in {} files: {} bytes ({:.1f} MB), {} words ({:.0f} per record); "
      "{:.2f} s, {:.1f} MB/s\n",
      st.records, o.out.string(), st.files, st.bytes, mb, st.words,
      st.records ? static_cast<double>(st.words) / static_cast<double>(st.records) : 0.0, secs,
      secs > 0 ? mb / secs : 0.0);
  return kExitOk;
}

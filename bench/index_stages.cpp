// Where indexing time goes: each stage of turning a record into a Xapian
// document, timed per record on one core with Google Benchmark, beside the
// bare TermGenerator work that any Xapian indexer pays. bench/run prints it;
// docs/benchmarks.md explains how it bounds the indexing targets.
//
//   index-stages DIR [google-benchmark flags]   (DIR: opis-gen output)
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "opis/cli/cli.h"
#include "opis/entities/entity_extractor.h"
#include "opis/index/entity_terms.h"
#include "opis/entities/gazetteer.h"
#include "opis/index/index_writer.h"
#include "opis/record/record_reader.h"
#include "opis/index/schema.h"

namespace fs = std::filesystem;

namespace {

std::vector<std::string> g_paths;     // the source files
std::vector<std::string> g_bytes;     // their contents
std::vector<opis::Record> g_records;  // parsed, without persons and places
// What opis-index extracts with: the gazetteer found as the commands find
// it, loaded once in main().
std::unique_ptr<opis::Gazetteer> g_gazetteer;
std::unique_ptr<opis::EntityExtractor> g_extractor;

// The indexing context of opis-index, with extraction on or off (--no-extract).
opis::IndexContext context(bool extract) { return opis::IndexContext{extract ? g_extractor.get() : nullptr, true}; }

void load(const std::string& dir, std::size_t limit) {
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file() && opis::is_record_file(e.path())) g_paths.push_back(e.path().string());
  }
  std::sort(g_paths.begin(), g_paths.end());
  if (g_paths.size() > limit) g_paths.resize(limit);
  for (const auto& p : g_paths) {
    std::vector<opis::Diagnostic> diags;
    auto data = opis::read_source_bytes(p, diags);
    if (!data) continue;
    g_bytes.push_back(*data);
    opis::read_records(p, *data, [](opis::Record&& r) { g_records.push_back(std::move(r)); }, diags);
  }
}

std::int64_t body_bytes() {
  std::int64_t n = 0;
  for (const auto& r : g_records) n += static_cast<std::int64_t>(r.body.size());
  return n;
}

// Read and parse one file's bytes into records.
void BM_Parse(benchmark::State& state) {
  std::size_t i = 0;
  for (auto _ : state) {
    std::vector<opis::Diagnostic> diags;
    std::size_t k = i++ % g_bytes.size();
    opis::read_records(g_paths[k], g_bytes[k], [](opis::Record&& r) { benchmark::DoNotOptimize(r.body.data()); }, diags);
  }
  state.SetItemsProcessed(state.iterations());
}

// Persons and places of one record.
void BM_Extract(benchmark::State& state) {
  std::size_t i = 0;
  for (auto _ : state) {
    opis::Record r = g_records[i++ % g_records.size()];
    g_extractor->extract(r);
    benchmark::DoNotOptimize(r.persons.data());
  }
  state.SetItemsProcessed(state.iterations());
}

// The bare floor: the body through a STEM_SOME TermGenerator, no database.
void BM_TermGeneratorBody(benchmark::State& state) {
  Xapian::TermGenerator tg = opis::make_term_generator();
  std::size_t i = 0;
  for (auto _ : state) {
    Xapian::Document doc;
    tg.set_document(doc);
    tg.index_text(g_records[i++ % g_records.size()].body);
    benchmark::DoNotOptimize(doc.termlist_count());
  }
  state.SetItemsProcessed(state.iterations());
}

// Opis's whole document (fields, exact terms, values, stored JSON and
// body), with extraction of persons and places off or on.
void BM_MakeDocument(benchmark::State& state, bool extract) {
  const opis::IndexContext ctx = context(extract);
  Xapian::TermGenerator tg = opis::make_term_generator();
  std::size_t i = 0;
  for (auto _ : state) {
    Xapian::Document doc = opis::make_document(g_records[i++ % g_records.size()], tg, ctx);
    benchmark::DoNotOptimize(doc.termlist_count());
  }
  state.SetItemsProcessed(state.iterations());
}

// Adding documents to a small batch database on disk, committed every
// 1,000 as opis-index's bulk build does; the documents are made outside
// the timing. Which documents (kind):
enum class Docs {
  bare,         // the bare loop's: the body through the TermGenerator, an id term
  opis,         // Opis's, as opis-index makes them
  no_entities,  // Opis's without persons and places (--no-extract)
  no_data,      // the same without the stored record (its JSON and body)
};
void BM_AddToBatch(benchmark::State& state, Docs kind) {
  std::vector<Xapian::Document> docs;
  Xapian::TermGenerator tg = opis::make_term_generator();
  const opis::IndexContext ctx = context(kind == Docs::opis);
  for (const auto& r : g_records) {
    if (kind != Docs::bare) {
      docs.push_back(opis::make_document(r, tg, ctx));
      if (kind == Docs::no_data) docs.back().set_data("");
    } else {
      Xapian::Document d;
      tg.set_document(d);
      tg.index_text(r.body);
      d.add_boolean_term(opis::id_term(r.id));
      docs.push_back(d);
    }
  }
  const std::string path = (fs::temp_directory_path() / ("opis-index-stages-" + std::to_string(::getpid()))).string();
  std::size_t i = 0;
  auto db = std::make_unique<Xapian::WritableDatabase>(path, Xapian::DB_CREATE_OR_OVERWRITE);
  for (auto _ : state) {
    db->add_document(docs[i++ % docs.size()]);
    if (i % 1000 == 0) {
      db->commit();
      state.PauseTiming();
      db.reset();
      db = std::make_unique<Xapian::WritableDatabase>(path, Xapian::DB_CREATE_OR_OVERWRITE);
      state.ResumeTiming();
    }
  }
  db->commit();
  db.reset();
  fs::remove_all(path);
  double terms = 0, positions = 0, data = 0;
  for (const auto& d : docs) {
    terms += d.termlist_count();
    for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) positions += t.positionlist_count();
    data += d.get_data().size();
  }
  state.counters["terms"] = terms / docs.size();
  state.counters["positions"] = positions / docs.size();
  state.counters["data_bytes"] = data / docs.size();
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(BM_Parse)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Extract)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_TermGeneratorBody)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_MakeDocument, no_extraction, false)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_MakeDocument, with_extraction, true)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_AddToBatch, bare_documents, Docs::bare)->Unit(benchmark::kMicrosecond)->Iterations(3000);
BENCHMARK_CAPTURE(BM_AddToBatch, opis_documents, Docs::opis)->Unit(benchmark::kMicrosecond)->Iterations(3000);
BENCHMARK_CAPTURE(BM_AddToBatch, opis_no_entities, Docs::no_entities)->Unit(benchmark::kMicrosecond)->Iterations(3000);
BENCHMARK_CAPTURE(BM_AddToBatch, opis_no_data, Docs::no_data)->Unit(benchmark::kMicrosecond)->Iterations(3000);

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (argc < 2) {
    std::cerr << "usage: index-stages DIR [--benchmark_... flags]\n  DIR: records written by opis-gen\n";
    return 2;
  }
  load(argv[1], 3000);
  g_gazetteer = std::make_unique<opis::Gazetteer>(opis::load_gazetteer());
  g_extractor = std::make_unique<opis::EntityExtractor>(*g_gazetteer);
  if (g_records.empty()) {
    std::cerr << "index-stages: no records under '" << argv[1] << "'\n";
    return 2;
  }
  std::cerr << "index-stages: " << g_records.size() << " records, " << body_bytes() / 1000000.0 << " MB of body text\n";
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
}

// The floor for indexing speed: what a minimal program does with Xapian
// alone. Each file's whole text goes through one TermGenerator (English
// stemming, STEM_SOME as Opis uses) and add_document, committing every N
// documents. No parsing, no fields, no stored record.
//
//   bare-xapian-index DB DIR [N [THREADS]]
//
// With THREADS (>= 1) it does the same work the way opis-index's bulk build
// does: THREADS threads each fill small batch databases of N documents,
// merged at the end by Xapian's compaction. That is the best this work gets
// from Xapian 1.4 on the machine, the ceiling for any indexer built on it.
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

#include <fmt/format.h>

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& f) {
  std::ifstream in(f, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Xapian::TermGenerator term_generator() {
  Xapian::TermGenerator tg;
  tg.set_stemmer(Xapian::Stem("english"));
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  return tg;
}

Xapian::Document document(Xapian::TermGenerator& tg, const fs::path& f, const std::string& text) {
  Xapian::Document doc;
  tg.set_document(doc);
  tg.index_text(text);
  doc.add_boolean_term("Q" + f.filename().string());
  return doc;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: bare-xapian-index DB DIR [COMMIT_EVERY [THREADS]]\n";
    return 2;
  }
  unsigned every = argc > 3 ? std::stoul(argv[3]) : 1000;
  unsigned threads = argc > 4 ? std::stoul(argv[4]) : 0;
  std::vector<fs::path> files;
  for (auto& e : fs::recursive_directory_iterator(argv[2])) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  auto t0 = std::chrono::steady_clock::now();
  std::atomic<std::uint64_t> bytes{0};
  if (threads == 0) {
    // One database, one thread.
    Xapian::WritableDatabase db(argv[1], Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg = term_generator();
    unsigned n = 0;
    for (const auto& f : files) {
      std::string text = slurp(f);
      bytes += text.size();
      db.add_document(document(tg, f, text));
      if (++n % every == 0) db.commit();
    }
    db.commit();
  } else {
    // Batch databases on THREADS threads, then one compaction.
    const fs::path tmp = std::string(argv[1]) + ".batches";
    fs::remove_all(tmp);
    fs::create_directories(tmp);
    std::atomic<std::size_t> next{0};
    std::mutex mu;
    std::vector<std::string> batches;
    auto worker = [&](unsigned w) {
      Xapian::TermGenerator tg = term_generator();
      std::unique_ptr<Xapian::WritableDatabase> db;
      unsigned in_batch = 0, batch_no = 0;
      for (std::size_t i; (i = next++) < files.size();) {
        if (!db) {
          std::string path = (tmp / fmt::format("w{}-b{:06}", w, batch_no++)).string();
          db = std::make_unique<Xapian::WritableDatabase>(path, Xapian::DB_CREATE_OR_OVERWRITE);
          std::lock_guard lock(mu);
          batches.push_back(path);
        }
        std::string text = slurp(files[i]);
        bytes += text.size();
        db->add_document(document(tg, files[i], text));
        if (++in_batch == every) {
          db->commit();
          db.reset();
          in_batch = 0;
        }
      }
      if (db) db->commit();
    };
    std::vector<std::thread> pool;
    for (unsigned w = 0; w < threads; ++w) pool.emplace_back(worker, w);
    for (auto& t : pool) t.join();
    std::sort(batches.begin(), batches.end());
    Xapian::Database all;
    for (const auto& b : batches) all.add_database(Xapian::Database(b));
    fs::remove_all(argv[1]);
    all.compact(argv[1], Xapian::DBCOMPACT_MULTIPASS);
    fs::remove_all(tmp);
  }
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  fmt::print(stderr, "bare-xapian-index: {} documents, {:.1f} MB in {:.2f} s\n", files.size(), bytes / 1e6, s);
}

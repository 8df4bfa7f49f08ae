// The floor for indexing speed: what a minimal program does with Xapian
// alone. Each file's whole text goes through one TermGenerator (English
// stemming, STEM_SOME as Opis uses) and add_document into one database,
// committing every N documents. No parsing, no fields, no stored record.
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include <fmt/format.h>

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: bare-xapian-index DB DIR [COMMIT_EVERY]\n";
    return 2;
  }
  unsigned every = argc > 3 ? std::stoul(argv[3]) : 1000;
  std::vector<fs::path> files;
  for (auto& e : fs::recursive_directory_iterator(argv[2])) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  auto t0 = std::chrono::steady_clock::now();
  Xapian::WritableDatabase db(argv[1], Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator tg;
  tg.set_stemmer(Xapian::Stem("english"));
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  std::uint64_t bytes = 0;
  unsigned n = 0;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    bytes += text.size();
    Xapian::Document doc;
    tg.set_document(doc);
    tg.index_text(text);
    doc.add_boolean_term("Q" + f.filename().string());
    db.add_document(doc);
    if (++n % every == 0) db.commit();
  }
  db.commit();
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  fmt::print(stderr, "bare-xapian-index: {} documents, {:.1f} MB in {:.2f} s\n", n, bytes / 1e6, s);
}

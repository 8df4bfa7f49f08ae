// SQLite FTS5, the peer a user would reach for first: load the same files
// into an FTS5 table (porter stemming, unicode61 tokenizer), and time MATCH
// queries. Used by bench/run.
//   fts5-bench load DB DIR
//   fts5-bench query DB QUERY REPEATS   -> "count p50_ms" on stdout
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include <fmt/format.h>

namespace fs = std::filesystem;

namespace {

void check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    std::cerr << "fts5-bench: " << what << ": " << sqlite3_errmsg(db) << '\n';
    std::exit(2);
  }
}

int load(const char* path, const char* dir) {
  std::vector<fs::path> files;
  for (auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  sqlite3* db;
  fs::remove(path);
  check(sqlite3_open(path, &db), db, "open");
  check(sqlite3_exec(db, "PRAGMA journal_mode=WAL; CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, body, tokenize='porter unicode61');",
                     nullptr, nullptr, nullptr), db, "create");
  check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
  sqlite3_stmt* st;
  check(sqlite3_prepare_v2(db, "INSERT INTO docs(id, body) VALUES (?, ?)", -1, &st, nullptr), db, "prepare");
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str(), id = f.stem().string();
    sqlite3_bind_text(st, 1, id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    check(sqlite3_step(st), db, "insert");
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
  sqlite3_close(db);
  return 0;
}

int query(const char* path, const std::string& match, int repeats) {
  sqlite3* db;
  check(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, nullptr), db, "open");
  sqlite3_stmt* count_st;
  sqlite3_stmt* top_st;
  check(sqlite3_prepare_v2(db, "SELECT count(*) FROM docs WHERE docs MATCH ?", -1, &count_st, nullptr), db, "prepare");
  check(sqlite3_prepare_v2(db, "SELECT id, snippet(docs, 1, '[', ']', '...', 12) FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10",
                           -1, &top_st, nullptr), db, "prepare");
  std::vector<double> ms;
  long count = 0;
  for (int r = 0; r < repeats; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    // What a search box does: the top 10 with snippets, and the total.
    sqlite3_bind_text(top_st, 1, match.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(top_st) == SQLITE_ROW) {
    }
    sqlite3_reset(top_st);
    sqlite3_bind_text(count_st, 1, match.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(count_st) == SQLITE_ROW) count = sqlite3_column_int64(count_st, 0);
    sqlite3_reset(count_st);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  fmt::print("{} {:.3f} {:.3f}\n", count, ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 99 / 100)]);
  sqlite3_close(db);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string cmd = argc > 1 ? argv[1] : "";
  if (cmd == "load" && argc == 4) return load(argv[2], argv[3]);
  if (cmd == "query" && argc == 5) return query(argv[2], argv[3], std::stoi(argv[4]));
  std::cerr << "usage: fts5-bench load DB DIR | fts5-bench query DB MATCH REPEATS\n";
  return 2;
}

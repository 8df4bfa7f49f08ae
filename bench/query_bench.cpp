// Query benchmark support for bench/run.
//   query-bench make DB PER_CLASS   writes a query set (TSV) on stdout,
//       picked from the index itself so every query has matches: rare and
//       common words, two-word AND, 2-3 word phrases, persons, places, a
//       date-restricted query. Columns: class, Opis query, quest query,
//       FTS5 MATCH, ripgrep pattern ("" where the tool cannot say it).
//   query-bench time DB QUERIES REPEATS   times each query in process:
//       Opis's Searcher (parse, match, load records, snippets) against a
//       bare QueryParser + Enquire loop on the same index; prints p50/p95
//       per class, their ratio, and result counts.
//   query-bench exec REPEATS CMD ARGS...   runs a whole command REPEATS
//       times (stdout to /dev/null) and prints "p50_ms p99_ms".
//   query-bench batch OPIS_SEARCH DB QUERIES REPEATS   the query set as
//       whole processes of opis-search --format json, one per query, and
//       as one opis-search --batch process: queries per second of each,
//       their ratio, and whether every answer of the batch has the same
//       total and ids as its query's own process.
//   query-bench layouts QUERIES REPEATS NAME=DB...   times the same queries
//       through Opis's Searcher (snippets, facets of persons and places) on
//       several layouts of one collection (one database, stubs of local or
//       remote shards): p50, p99, queries/s, and whether every layout
//       returned the same ids and totals as the first.
//   query-bench replay PLAN DB THREADS [MAX]   the requests of a load
//       test's plan (bench/serve_load.py --plan-out: client, kind, query or
//       record id, one a line) done in process, as opis-serve does them
//       (the same SearchOptions, no HTTP, no rendering), by THREADS
//       threads each with its own Searcher (thread t takes the plan's
//       clients t, t+THREADS, ..., in turn; at most MAX requests each):
//       p50/p99 per kind and overall, throughput. The server's figures over
//       these are what HTTP, rendering and the client add.
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "opis/cli/cli.h"
#include "opis/index/index_writer.h"
#include "opis/search/searcher.h"

extern "C" char** environ;

namespace {

bool plain_word(const std::string& t) {
  if (t.size() < 4 || t.size() > 20) return false;
  return std::all_of(t.begin(), t.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

const std::set<std::string> kStop = {"that",  "this",  "with", "from", "have",  "were", "they", "their", "which",
                                     "would", "there", "been", "will", "about", "what", "when", "into",  "them"};

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : text + " ") {
    if (c == ' ' || c == '\n') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

int make(const std::string& path, unsigned per_class) {
  Xapian::Database db(path);
  const double n = db.get_doccount();
  std::vector<std::string> rare, common, mid;
  for (auto it = db.allterms_begin(); it != db.allterms_end(); ++it) {
    std::string t = *it;
    if (!plain_word(t) || kStop.count(t)) continue;
    auto df = it.get_termfreq();
    if (df >= 2 && df <= std::max(3.0, n / 1000))
      rare.push_back(t);
    else if (df >= 0.3 * n)
      common.push_back(t);
    else if (df >= n / 50 && df <= n / 10)
      mid.push_back(t);
  }
  auto pick = [&](const std::vector<std::string>& v, unsigned k, unsigned salt) {
    std::vector<std::string> out;
    if (v.empty()) return out;
    for (unsigned i = 0; i < k; ++i) out.push_back(v[(i * 7919u + salt * 104729u) % v.size()]);
    return out;
  };
  auto row = [](const std::string& cls, const std::string& opis, const std::string& quest, const std::string& fts,
                const std::string& rg) { fmt::print("{}\t{}\t{}\t{}\t{}\n", cls, opis, quest, fts, rg); };
  for (const auto& w : pick(rare, per_class, 1)) row("rare", w, w, w, "\\b" + w + "\\b");
  for (const auto& w : pick(common, per_class, 2)) row("common", w, w, w, "\\b" + w + "\\b");
  auto a = pick(mid, per_class, 3), b = pick(mid, per_class, 4);
  for (unsigned i = 0; i < a.size(); ++i) {
    if (a[i] == b[i]) continue;
    row("and2", a[i] + " " + b[i], a[i] + " AND " + b[i], a[i] + " " + b[i], "");
  }
  // Phrases: windows of 2 and 3 plain words from stored bodies.
  unsigned made = 0;
  for (Xapian::docid d = 1; made < per_class && d <= db.get_lastdocid(); d += std::max(1u, db.get_lastdocid() / 97)) {
    std::string body;
    try {
      body = opis::record_from_document(db.get_document(d)).body;
    } catch (const std::exception&) {
      continue;
    }
    auto w = words_of(body);
    unsigned len = 2 + made % 2;
    for (std::size_t i = w.size() / 3; i + len < w.size(); ++i) {
      bool ok = true;
      for (unsigned k = 0; k < len; ++k) ok = ok && plain_word(w[i + k]);
      if (!ok) continue;
      std::string p = w[i];
      for (unsigned k = 1; k < len; ++k) p += " " + w[i + k];
      row("phrase", "\"" + p + "\"", "\"" + p + "\"", "\"" + p + "\"", p);
      ++made;
      break;
    }
  }
  for (const char* name : {"khrushchev", "gromyko", "tito", "nasser", "ulbricht", "kadar", "zhou", "qasim"}) {
    if (db.term_exists(name)) row("person", name, name, name, std::string("\\b") + name + "\\b");
  }
  for (const char* place : {"baghdad", "warsaw", "prague", "hanoi", "cairo", "belgrade", "havana", "peking"}) {
    if (db.term_exists(place)) row("place", place, place, place, std::string("\\b") + place + "\\b");
  }
  for (const auto& w : pick(common, std::min(per_class, 5u), 5)) row("date", w + " date:1960..1965", "", "", "");
  return 0;
}

struct Timing {
  std::vector<double> opis, bare;
  std::vector<double> opis_count, bare_count;
};

double pct(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * v.size()))];
}

int time_queries(const std::string& path, const std::string& file, int repeats) {
  opis::Searcher searcher(path);
  Xapian::Database db(path);
  Xapian::QueryParser qp;
  qp.set_database(db);
  qp.set_stemmer(Xapian::Stem("english"));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  qp.set_default_op(Xapian::Query::OP_AND);
  std::map<std::string, Timing> by_class;
  std::ifstream in(file);
  std::string line;
  using clock = std::chrono::steady_clock;
  while (std::getline(in, line)) {
    std::stringstream ss(line);
    std::string cls, oq, quest;
    std::getline(ss, cls, '\t');
    std::getline(ss, oq, '\t');
    std::getline(ss, quest, '\t');
    Timing& t = by_class[cls];
    for (int r = 0; r < repeats; ++r) {
      opis::SearchOptions o;
      o.query = oq;
      o.display_records = true;  // what opis-search's result lines read
      auto t0 = clock::now();
      auto res = searcher.search(o);
      t.opis.push_back(std::chrono::duration<double, std::milli>(clock::now() - t0).count());
      if (r == 0) t.opis_count.push_back(res.total);
      if (!quest.empty()) {
        auto t1 = clock::now();
        Xapian::Enquire enq(db);
        enq.set_query(qp.parse_query(oq, Xapian::QueryParser::FLAG_DEFAULT));
        Xapian::MSet m = enq.get_mset(0, 10);
        for (auto it = m.begin(); it != m.end(); ++it) (void)it.get_document().get_data();
        t.bare.push_back(std::chrono::duration<double, std::milli>(clock::now() - t1).count());
        if (r == 0) t.bare_count.push_back(m.get_matches_estimated());
      }
    }
  }
  fmt::print("{:<8} {:>6} {:>10} {:>10} {:>10} {:>10} {:>8} {:>8} {:>12}\n", "class", "n", "opis p50", "opis p95",
             "bare p50", "bare p95", "p50 x", "p95 x", "mean count");
  for (const auto& [cls, t] : by_class) {
    double op50 = pct(t.opis, 0.5), op95 = pct(t.opis, 0.95), bp50 = pct(t.bare, 0.5), bp95 = pct(t.bare, 0.95);
    double mean = 0;
    for (double c : t.opis_count) mean += c / t.opis_count.size();
    fmt::print("{:<8} {:>6} {:>10.3f} {:>10.3f} {:>10.3f} {:>10.3f} {:>8.2f} {:>8.2f} {:>12.0f}\n", cls,
               t.opis_count.size(), op50, op95, bp50, bp95, bp50 > 0 ? op50 / bp50 : 0.0, bp95 > 0 ? op95 / bp95 : 0.0,
               mean);
  }
  return 0;
}

int layouts(const std::string& file, int repeats, int argc, char** argv) {
  std::vector<std::pair<std::string, std::string>> queries;  // class, Opis query
  {
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
      std::stringstream ss(line);
      std::string cls, oq;
      std::getline(ss, cls, '\t');
      std::getline(ss, oq, '\t');
      queries.emplace_back(cls, oq);
    }
  }
  fmt::print("{:<14} {:>8} {:>9} {:>9} {:>10} {:>9} {:>6}\n", "layout", "queries", "p50 ms", "p99 ms", "queries/s",
             "x p50", "same");
  // Layouts are timed in turn within each repeat of each query, so that a
  // change of load on a shared machine falls on all of them alike.
  struct Layout {
    std::string name;
    std::unique_ptr<opis::Searcher> searcher;
    std::vector<double> ms;
    std::vector<std::vector<std::string>> answers;  // total + ids per query
    double seconds = 0;
  };
  std::vector<Layout> all;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    auto eq = arg.find('=');
    all.push_back({arg.substr(0, eq), std::make_unique<opis::Searcher>(arg.substr(eq + 1)), {}, {}, 0});
  }
  using clock = std::chrono::steady_clock;
  for (const auto& [cls, q] : queries) {
    opis::SearchOptions o;
    o.query = q;
    o.facets = {"person", "place"};
    for (auto& l : all) l.answers.emplace_back();
    for (int r = 0; r < repeats; ++r) {
      for (auto& l : all) {
        auto t0 = clock::now();
        auto res = l.searcher->search(o);
        double ms = std::chrono::duration<double, std::milli>(clock::now() - t0).count();
        l.ms.push_back(ms);
        l.seconds += ms / 1000;
        if (r == 0) {
          auto& got = l.answers.back();
          got.push_back(std::to_string(res.total));
          for (const auto& h : res.hits) got.push_back(h.record.id);
        }
      }
    }
  }
  const double base_p50 = pct(all.front().ms, 0.5);
  for (const auto& l : all) {
    double p50 = pct(l.ms, 0.5);
    fmt::print("{:<14} {:>8} {:>9.2f} {:>9.2f} {:>10.0f} {:>9.2f} {:>6}\n", l.name, queries.size(), p50,
               pct(l.ms, 0.99), l.ms.size() / l.seconds, base_p50 > 0 ? p50 / base_p50 : 0.0,
               l.answers == all.front().answers ? "yes" : "NO");
  }
  return 0;
}

int replay(const std::string& plan_file, const std::string& db, unsigned threads, std::size_t max) {
  struct Request {
    std::string kind, value;
  };
  std::map<unsigned, std::vector<Request>> by_client;
  {
    std::ifstream in(plan_file);
    if (!in) throw std::runtime_error("cannot read " + plan_file);
    std::string line;
    while (std::getline(in, line)) {
      auto a = line.find('\t'), b = line.find('\t', a + 1);
      if (a == std::string::npos || b == std::string::npos) continue;
      by_client[std::stoul(line.substr(0, a))].push_back({line.substr(a + 1, b - a - 1), line.substr(b + 1)});
    }
  }
  std::vector<std::vector<const Request*>> work(threads);
  for (unsigned t = 0; t < threads; ++t) {
    std::vector<const std::vector<Request>*> mine;
    for (const auto& [c, reqs] : by_client)
      if (c % threads == t) mine.push_back(&reqs);
    for (std::size_t i = 0; work[t].size() < max; ++i) {  // the clients' requests in turn
      bool any = false;
      for (const auto* reqs : mine) {
        if (i < reqs->size() && work[t].size() < max) {
          work[t].push_back(&(*reqs)[i]);
          any = true;
        }
      }
      if (!any) break;
    }
  }
  const std::string gazetteer = opis::find_gazetteer();
  std::vector<std::map<std::string, std::vector<double>>> ms(threads);
  std::vector<std::unique_ptr<opis::Searcher>> searchers;
  for (unsigned t = 0; t < threads; ++t) searchers.push_back(std::make_unique<opis::Searcher>(db));
  using clock = std::chrono::steady_clock;
  // What serve/main.cpp does for each kind of request (api_options,
  // search_page, record_page, api_record), without HTTP or rendering.
  auto run = [&](unsigned t) {
    opis::Searcher& s = *searchers[t];
    for (const Request* r : work[t]) {
      auto t0 = clock::now();
      s.reopen();  // as the server, at every request
      opis::SearchOptions o;
      o.query_options.gazetteer = gazetteer;
      o.time_limit = 60;  // serve_load.py's --time-limit
      if (r->kind == "api-search") {
        o.query = r->value;
        o.facets = {"person", "place"};
        s.search(o);
      } else if (r->kind == "search-page") {
        o.query = r->value;
        o.limit = 20;
        o.facets = {"person", "place", "year", "lang", "archive"};
        o.facet_limit = 300;
        s.search(o);
      } else if (r->kind == "record-page") {
        s.record(r->value);
        opis::SearchOptions like;
        like.like_id = r->value;
        like.limit = 5;
        like.suggest = false;
        like.time_limit = 60;
        s.search(like);
      } else {
        s.record(r->value);
      }
      ms[t][r->kind].push_back(std::chrono::duration<double, std::milli>(clock::now() - t0).count());
    }
  };
  auto cpu_seconds = [] {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
  };
  const double cpu0 = cpu_seconds();
  auto t0 = clock::now();
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(run, t);
  for (auto& th : pool) th.join();
  const double wall = std::chrono::duration<double>(clock::now() - t0).count();
  const double cpu = cpu_seconds() - cpu0;
  std::map<std::string, std::vector<double>> all;
  std::vector<double> every;
  for (const auto& m : ms)
    for (const auto& [k, v] : m) {
      all[k].insert(all[k].end(), v.begin(), v.end());
      every.insert(every.end(), v.begin(), v.end());
    }
  double load = 0;
  getloadavg(&load, 1);
  fmt::print(
      "in process, {} threads: {} requests in {:.1f} s = {:.0f} requests/s; CPU {:.2f} ms a request; load average "
      "{:.1f}\n",
      threads, every.size(), wall, every.size() / wall, cpu * 1000 / std::max<std::size_t>(every.size(), 1), load);
  fmt::print("{:<12} {:>8} {:>8} {:>8} {:>8}\n", "kind", "requests", "p50 ms", "p99 ms", "mean ms");
  auto row = [](const std::string& k, const std::vector<double>& v) {
    double mean = 0;
    for (double x : v) mean += x / v.size();
    fmt::print("{:<12} {:>8} {:>8.1f} {:>8.1f} {:>8.1f}\n", k, v.size(), pct(v, 0.5), pct(v, 0.99), mean);
  };
  for (const char* k : {"api-search", "search-page", "record-page", "api-record"})
    if (all.count(k)) row(k, all[k]);
  row("all", every);
  return 0;
}

// Run `argv` with stdin from `in` (or /dev/null) and stdout to `out`;
// its exit status, or -1.
int spawn(const std::vector<std::string>& args, const std::string& in, const std::string& out) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, in.empty() ? "/dev/null" : in.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid;
  int st = -1;
  if (posix_spawnp(&pid, argv[0], &fa, nullptr, argv.data(), environ) == 0) waitpid(pid, &st, 0);
  posix_spawn_file_actions_destroy(&fa);
  return st < 0 ? -1 : WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

// Total and ids of an answer (--format json), to check batch against single.
std::string answer_key(const std::string& text) {
  const auto j = nlohmann::json::parse(text);
  std::string key = std::to_string(j.at("total").get<long>());
  for (const auto& h : j.at("results")) key += " " + h.at("id").get<std::string>();
  return key;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

int batch_throughput(const std::string& opis_search, const std::string& db, const std::string& file, int repeats) {
  std::vector<std::string> queries;
  {
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
      std::stringstream ss(line);
      std::string cls, oq;
      std::getline(ss, cls, '\t');
      std::getline(ss, oq, '\t');
      queries.push_back(oq);
    }
  }
  const std::string dir = file + ".batch";
  const std::string lines = dir + "-in.txt", out = dir + "-out.jsonl", one = dir + "-one.json";
  {
    std::ofstream l(lines);
    for (const auto& q : queries) l << q << '\n';
  }
  using clock = std::chrono::steady_clock;
  double single_s = 0, batch_s = 0;
  // First the answers, untimed: each query's own process, then the batch.
  std::vector<std::string> single_keys;
  for (const auto& q : queries) {
    spawn({opis_search, "--db", db, "--format", "json", q}, "", one);
    single_keys.push_back(answer_key(slurp(one)));
  }
  for (int r = 0; r < repeats; ++r) {
    auto t0 = clock::now();
    for (const auto& q : queries) spawn({opis_search, "--db", db, "--format", "json", q}, "", one);
    auto t1 = clock::now();
    spawn({opis_search, "--db", db, "--batch", "-"}, lines, out);
    auto t2 = clock::now();
    single_s += std::chrono::duration<double>(t1 - t0).count();
    batch_s += std::chrono::duration<double>(t2 - t1).count();
  }
  std::vector<std::string> batch_keys;
  {
    std::ifstream in(out);
    for (std::string line; std::getline(in, line);) batch_keys.push_back(answer_key(line));
  }
  const double n = static_cast<double>(queries.size()) * repeats;
  fmt::print("{:<34} {:>8} {:>12} {:>10}\n", "how", "queries", "queries/s", "x");
  fmt::print("{:<34} {:>8} {:>12.1f} {:>10.2f}\n", "one opis-search process per query", queries.size(), n / single_s,
             1.0);
  fmt::print("{:<34} {:>8} {:>12.1f} {:>10.2f}\n", "opis-search --batch (one process)", queries.size(), n / batch_s,
             single_s / batch_s);
  fmt::print("same totals and ids: {}\n", batch_keys == single_keys ? "yes" : "NO");
  return batch_keys == single_keys ? 0 : 1;
}

int exec_times(int repeats, char** argv) {
  std::vector<double> ms;
  for (int r = 0; r < repeats; ++r) {
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    auto t0 = std::chrono::steady_clock::now();
    pid_t pid;
    if (posix_spawnp(&pid, argv[0], &fa, nullptr, argv, environ) != 0) return 2;
    int st;
    waitpid(pid, &st, 0);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    posix_spawn_file_actions_destroy(&fa);
  }
  fmt::print("{:.2f} {:.2f}\n", pct(ms, 0.5), pct(ms, 0.99));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string cmd = argc > 1 ? argv[1] : "";
  try {
    if (cmd == "make" && argc == 4) return make(argv[2], std::stoul(argv[3]));
    if (cmd == "exec" && argc >= 4) return exec_times(std::stoi(argv[2]), argv + 3);
    if (cmd == "time" && argc == 5) return time_queries(argv[2], argv[3], std::stoi(argv[4]));
    if (cmd == "batch" && argc == 6) return batch_throughput(argv[2], argv[3], argv[4], std::stoi(argv[5]));
    if (cmd == "layouts" && argc >= 5) return layouts(argv[2], std::stoi(argv[3]), argc - 4, argv + 4);
    if (cmd == "replay" && (argc == 5 || argc == 6))
      return replay(argv[2], argv[3], std::max(1, std::stoi(argv[4])), argc == 6 ? std::stoul(argv[5]) : SIZE_MAX);
  } catch (const Xapian::Error& e) {
    std::cerr << "query-bench: " << e.get_description() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "query-bench: " << e.what() << '\n';
    return 2;
  }
  std::cerr << "usage: query-bench make DB PER_CLASS | query-bench time DB QUERIES.tsv REPEATS\n"
               "       query-bench batch OPIS_SEARCH DB QUERIES.tsv REPEATS\n"
               "       query-bench exec REPEATS CMD ARGS... | query-bench layouts QUERIES.tsv REPEATS NAME=DB...\n"
               "       query-bench replay PLAN DB THREADS [MAX]\n";
  return 2;
}

// Sharded indexes (issue 7): a collection split over shards and searched
// through a stub file gives the same answers as one database, whether the
// shards are local or served by Xapian's own xapian-tcpsrv on loopback; a
// shard that is down is named, or left out with --allow-partial; re-runs
// stay incremental; a record in two shards comes back once; --compact
// merges shards into one database.
#include <gtest/gtest.h>
#include <xapian.h>
#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "opis/index/shards.h"
#include "process.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace opis::test;  // run, show, TempDir, kIndex, kSearch... (process.h)

namespace {

const std::string kTcpsrv = "/usr/bin/xapian-tcpsrv";

// The collection: generated records (seed layout and JSONL) plus the
// sample collection and the real record, for person and place queries.
std::vector<std::string> make_sources(const fs::path& dir) {
  Result g = run({kGen, "-n", "400", "-w", "250", "-f", "both", "-k", "100", "-o", (dir / "gen").string(),
                  "--iso-codes", "/usr/share/iso-codes/json"});
  EXPECT_EQ(g.status, 0) << show(g);
  return {(dir / "gen").string(), std::string(OPIS_SOURCE_DIR) + "/corpus",
          std::string(OPIS_SHARED_CORPUS) + "/records"};
}

Result index(const std::string& db, const std::vector<std::string>& sources, std::vector<std::string> extra = {}) {
  std::vector<std::string> argv{kIndex, "--db", db, "--quiet"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  argv.insert(argv.end(), sources.begin(), sources.end());
  return run(argv);
}

// The queries compared between layouts: words rare and common, a phrase,
// persons and places (variant expansion, mention weights), fields, dates,
// sorting by date, OR, and facets over the whole match.
const std::vector<std::vector<std::string>> kQueries = {
    {"Khrushchev"},
    {"treaty"},
    {"the minister"},
    {"\"military force\""},
    {"\"Soviet Union\""},
    {"person:Khrushchev"},
    {"person:Kassem"},
    {"place:Baghdad"},
    {"lang:russian"},
    {"date:1958..1962 embassy"},
    {"--sort", "date", "delegation"},
    {"--sort", "-date", "date:1970..1975"},
    {"--any", "uranium capitulation"},
    {"--facets", "person,place,year,lang,archive", "conversation"},
};

json search_json(const std::string& db, const std::vector<std::string>& q, const std::string& limit = "30") {
  std::vector<std::string> argv{kSearch, "--db", db, "--format", "json", "--limit", limit};
  argv.insert(argv.end(), q.begin(), q.end());
  Result r = run(argv);
  EXPECT_TRUE(r.status == 0 || r.status == 1) << show(r);
  try {
    return json::parse(r.out);
  } catch (const std::exception&) {
    ADD_FAILURE() << "not JSON: " << show(r);
    return json::object();
  }
}

std::vector<std::string> ids(const json& j) {
  std::vector<std::string> out;
  for (const auto& h : j.value("results", json::array())) out.push_back(h.at("id"));
  return out;
}

// What must agree between layouts: ids in order, totals, facet counts.
void expect_same_answers(const std::string& single, const std::string& other, const std::string& what) {
  for (const auto& q : kQueries) {
    json a = search_json(single, q), b = search_json(other, q);
    std::string name = fmt::format("{} [{}]", what, fmt::join(q, " "));
    EXPECT_FALSE(ids(a).empty() && q[0] != "--any") << name << ": the single database found nothing";
    EXPECT_EQ(ids(a), ids(b)) << name;
    EXPECT_EQ(a.value("total", -1), b.value("total", -2)) << name;
    EXPECT_EQ(a.value("total_exact", false), b.value("total_exact", true)) << name;
    EXPECT_EQ(a.value("facets", json()), b.value("facets", json())) << name;
    EXPECT_EQ(b.value("partial", true), false) << name;
  }
}

// A xapian-tcpsrv serving one shard on a free loopback port.
struct Server {
  pid_t pid = -1;
  unsigned port = 0;
};

Server serve(const std::string& db, unsigned first_port) {
  for (unsigned port = first_port; port < first_port + 200; ++port) {
    // Its own process group: on SIGTERM xapian-tcpsrv signals its group.
    pid_t pid = opis::test::start({kTcpsrv, "--interface", "127.0.0.1", "--port", std::to_string(port), db}, true);
    if (pid < 0) break;
    for (int i = 0; i < 100; ++i) {
      int st = 0;
      if (waitpid(pid, &st, WNOHANG) == pid) break;  // port taken: it exited
      try {
        Xapian::Database probe = Xapian::Remote::open("127.0.0.1", port, 2000, 2000);
        if (probe.get_doccount() > 0) return {pid, port};
      } catch (const Xapian::Error&) {}
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ::kill(pid, SIGKILL);
    opis::test::finish(pid);
  }
  ADD_FAILURE() << "could not start xapian-tcpsrv for " << db;
  return {};
}

void stop(Server& s) {
  if (s.pid > 0) {
    ::kill(s.pid, SIGTERM);
    opis::test::finish(s.pid);
    s.pid = -1;
  }
}

}  // namespace

TEST(Shards, LocalAndRemoteShardsAnswerLikeOneDatabaseAndADownShardIsNamed) {
  TempDir t;
  auto sources = make_sources(t.path());
  const std::string single = (t.path() / "single").string();
  const std::string stub = (t.path() / "archive.opis").string();
  ASSERT_EQ(index(single, sources).status, 0);
  Result r = run({kIndex, "--db", stub, "--shards", "3", "--format", "json", sources[0], sources[1], sources[2]});
  ASSERT_EQ(r.status, 0) << show(r);
  json summary = json::parse(r.out);
  Xapian::Database one(single);
  EXPECT_EQ(summary.at("records_in_index"), one.get_doccount());
  EXPECT_EQ(summary.at("added"), one.get_doccount());

  // Each shard holds exactly the records whose id hashes to it.
  auto entries = opis::read_stub(stub);
  ASSERT_EQ(entries.size(), 3u);
  Xapian::doccount sum = 0;
  for (unsigned k = 0; k < 3; ++k) {
    Xapian::Database s(entries[k].resolved);
    sum += s.get_doccount();
    EXPECT_GT(s.get_doccount(), one.get_doccount() / 6) << "shard " << k << " is far from a third";
    for (auto it = s.postlist_begin(""); it != s.postlist_end(""); ++it) {
      std::string id = s.get_document(*it).get_value(0);
      ASSERT_EQ(opis::shard_of(id, 3), k) << id;
    }
  }
  EXPECT_EQ(sum, one.get_doccount());

  expect_same_answers(single, stub, "local shards");

  // The same shards served by three xapian-tcpsrv processes.
  std::vector<Server> servers;
  unsigned next_port = 20000 + static_cast<unsigned>(::getpid() % 20000);
  for (unsigned k = 0; k < 3; ++k) {
    servers.push_back(serve(entries[k].resolved, next_port));
    ASSERT_GT(servers.back().port, 0u);
    next_port = servers.back().port + 1;
  }
  const std::string remote = (t.path() / "remote.opis").string();
  write_file(remote,
             fmt::format("# three shards on loopback\nremote 127.0.0.1:{}\nremote 127.0.0.1:{}\nremote 127.0.0.1:{}\n",
                         servers[0].port, servers[1].port, servers[2].port));
  expect_same_answers(single, remote, "remote shards");
  // One shard remote, two local: a mix.
  const std::string mixed = (t.path() / "mixed.opis").string();
  write_file(mixed, fmt::format("auto {}\nremote 127.0.0.1:{}\nauto {}\n", entries[0].resolved, servers[1].port,
                                entries[2].resolved));
  expect_same_answers(single, mixed, "mixed shards");
  // The record itself, through the remote backend.
  Result rec = run({kSearch, "--db", remote, "--record", "209747"});
  EXPECT_EQ(rec.status, 0) << show(rec);
  EXPECT_NE(rec.out.find("RGANI, f. 52, op. 1, d. 566, ll. 8-11"), std::string::npos) << show(rec);

  Result health = run({kSearch, "--db", remote, "--status"});
  EXPECT_EQ(health.status, 0) << show(health);
  EXPECT_EQ(std::count(health.out.begin(), health.out.end(), '\n'), 3) << show(health);

  // Shard 1 goes down: by default an error naming it, exit 2.
  stop(servers[1]);
  health = run({kSearch, "--db", remote, "--status", "--format", "json"});
  EXPECT_EQ(health.status, 2) << show(health);
  json hj = json::parse(health.out);
  ASSERT_EQ(hj.size(), 3u);
  EXPECT_EQ(hj[0].at("ok"), true);
  EXPECT_EQ(hj[1].at("ok"), false);
  EXPECT_EQ(hj[0].at("records").get<unsigned>() + hj[2].at("records").get<unsigned>() +
                Xapian::Database(entries[1].resolved).get_doccount(),
            one.get_doccount());
  Result down = run({kSearch, "--db", remote, "treaty"});
  EXPECT_EQ(down.status, 2) << show(down);
  EXPECT_NE(down.err.find(fmt::format("shard 1 (remote 127.0.0.1:{}", servers[1].port)), std::string::npos)
      << show(down);
  EXPECT_NE(down.err.find("--allow-partial"), std::string::npos) << show(down);
  EXPECT_EQ(down.out, "");

  // With --allow-partial: the records of the two other shards, and a note.
  json all = search_json(single, {"treaty"}, "10000");
  std::set<std::string> expected;
  for (const auto& id : ids(all)) {
    if (opis::shard_of(id, 3) != 1) expected.insert(id);
  }
  ASSERT_FALSE(expected.empty());
  Result part = run({kSearch, "--db", remote, "--allow-partial", "--format", "json", "--limit", "10000", "treaty"});
  EXPECT_EQ(part.status, 0) << show(part);
  EXPECT_NE(part.err.find("partial results: 2 of 3 shards searched"), std::string::npos) << show(part);
  json pj = json::parse(part.out);
  EXPECT_EQ(pj.at("partial"), true);
  ASSERT_EQ(pj.at("missing_shards").size(), 1u);
  EXPECT_NE(pj.at("missing_shards")[0].get<std::string>().find(std::to_string(servers[1].port)), std::string::npos);
  auto got = ids(pj);
  EXPECT_EQ(std::set<std::string>(got.begin(), got.end()), expected);
  EXPECT_EQ(pj.at("total"), expected.size());

  // Every shard down: an error even with --allow-partial.
  stop(servers[0]);
  stop(servers[2]);
  Result none = run({kSearch, "--db", remote, "--allow-partial", "treaty"});
  EXPECT_EQ(none.status, 2) << show(none);
  EXPECT_NE(none.err.find("no shard of"), std::string::npos) << show(none);
}

TEST(Shards, RerunsAreIncrementalAndADuplicatedRecordComesBackOnce) {
  TempDir t;
  const fs::path src = t.path() / "src";
  auto coll = opis::test::make_collection(src, "s", 4, 25);
  const std::string stub = (t.path() / "a.opis").string();
  Result r = run({kIndex, "--db", stub, "--shards", "2", "--format", "json", src.string()});
  ASSERT_EQ(r.status, 0) << show(r);
  EXPECT_EQ(json::parse(r.out).at("added"), 100);

  // A re-run (the stub knows its shards): nothing re-read.
  r = run({kIndex, "--db", stub, "--format", "json", src.string()});
  ASSERT_EQ(r.status, 0) << show(r);
  json j = json::parse(r.out);
  EXPECT_EQ(j.at("unchanged"), 100);
  EXPECT_EQ(j.at("files_unchanged"), 4);
  EXPECT_EQ(j.at("added"), 0);

  // A changed file: its records replaced in the shards that hold them.
  auto entries = opis::read_stub(stub);
  Xapian::doccount before0 = Xapian::Database(entries[0].resolved).get_doccount();
  write_file(src / "s0.jsonl", opis::test::slurp(src / "s0.jsonl") + "\n");  // same records, new bytes
  {
    std::ofstream(src / "s1.jsonl", std::ios::app)
        << json{{"id", "new-one"}, {"title", "an added record"}, {"body", "zanzibar"}}.dump() << '\n';
  }
  r = run({kIndex, "--db", stub, "--format", "json", src.string()});
  ASSERT_EQ(r.status, 0) << show(r);
  j = json::parse(r.out);
  EXPECT_EQ(j.at("added"), 1);
  EXPECT_EQ(j.at("replaced"), 50);  // both changed files are read again
  EXPECT_EQ(Xapian::Database(entries[opis::shard_of("new-one", 2)].resolved).get_termfreq("Qnew-one"), 1u);
  EXPECT_EQ(Xapian::Database(entries[0].resolved).get_doccount(), before0 + (opis::shard_of("new-one", 2) == 0));

  // Shard 1 of 2 built on its own (as on the machine serving it) holds the
  // same records as the stub's shard 1.
  const std::string alone = (t.path() / "alone-1").string();
  r = run({kIndex, "--db", alone, "--shard", "1/2", "--format", "json", src.string()});
  ASSERT_EQ(r.status, 0) << show(r);
  {
    Xapian::Database a(alone), b(entries[1].resolved);
    EXPECT_EQ(a.get_doccount(), b.get_doccount());
    for (auto it = b.postlist_begin(""); it != b.postlist_end(""); ++it) {
      std::string rid = b.get_document(*it).get_value(0);
      EXPECT_EQ(a.get_termfreq("Q" + rid), 1u) << rid;
    }
  }
  EXPECT_EQ(run({kIndex, "--db", alone, "--shard", "2/2", src.string()}).status, 2);
  EXPECT_EQ(run({kIndex, "--db", stub, "--shard", "0/2", src.string()}).status, 2);

  // Another number of shards is refused, with what to do instead.
  r = run({kIndex, "--db", stub, "--shards", "3", src.string()});
  EXPECT_EQ(r.status, 2) << show(r);
  EXPECT_NE(r.err.find("has 2 shards, not 3"), std::string::npos) << show(r);
  EXPECT_NE(r.err.find("re-sharding"), std::string::npos) << show(r);
  // --shards on a single-database folder is refused too.
  const std::string single = (t.path() / "single").string();
  ASSERT_EQ(index(single, {src.string()}).status, 0);
  r = run({kIndex, "--db", single, "--shards", "2", src.string()});
  EXPECT_EQ(r.status, 2) << show(r);
  EXPECT_NE(r.err.find("single-database index"), std::string::npos) << show(r);

  // --compact: one database with the same answers, re-indexable in place.
  const std::string merged = (t.path() / "merged").string();
  r = run({kIndex, "--db", stub, "--compact", merged});
  ASSERT_EQ(r.status, 0) << show(r);
  Xapian::Database m(merged);
  EXPECT_EQ(m.get_doccount(), 101u);
  for (const auto& q : {std::vector<std::string>{"treaty"}, {"embassy"}, {"--sort", "date", "border"}}) {
    EXPECT_EQ(ids(search_json(merged, q)), ids(search_json(stub, q))) << q.back();
  }
  r = run({kIndex, "--db", merged, "--format", "json", src.string()});
  ASSERT_EQ(r.status, 0) << show(r);
  EXPECT_EQ(json::parse(r.out).at("files_unchanged"), 4) << "the shards' file state was merged";
  r = run({kIndex, "--db", stub, "--compact", merged});
  EXPECT_EQ(r.status, 2) << "an existing output is never overwritten\n" << show(r);

  // A re-shard gone wrong: a record also indexed straight into the other
  // shard. Searches collapse it by id.
  std::string id = "s2-7";
  unsigned home = opis::shard_of(id, 2);
  write_file(
      t.path() / "stray" / "one.jsonl",
      json{{"id", id}, {"title", "record " + id}, {"date", "1961"}, {"body", "stray copy treaty"}}.dump() + "\n");
  ASSERT_EQ(index(entries[1 - home].resolved, {(t.path() / "stray").string()}).status, 0);
  json hits = search_json(stub, {"id:" + id});
  EXPECT_EQ(ids(hits), std::vector<std::string>{id});
  EXPECT_EQ(hits.at("total"), 1);

  // Compacted, it is kept once.
  const std::string merged2 = (t.path() / "merged2").string();
  r = run({kIndex, "--db", stub, "--compact", merged2});
  ASSERT_EQ(r.status, 0) << show(r);
  EXPECT_NE(r.out.find("1 record found in two shards kept once"), std::string::npos) << show(r);
  Xapian::Database m2(merged2);
  EXPECT_EQ(m2.get_doccount(), 101u);
  EXPECT_EQ(m2.get_termfreq("Q" + id), 1u);
}

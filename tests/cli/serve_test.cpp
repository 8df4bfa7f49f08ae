// opis-serve (issue 18) end to end, without a browser: the real server on a
// real index over loopback HTTP (httplib's client). Its JSON API must answer
// exactly as `opis-search --format json` for the ranking regression set's
// queries, records and registers; pages carry the CSP; limits answer
// 400/413/503; no path reaches the file system; what opis-index commits
// while it runs is found; SIGTERM stops it cleanly. The browser tests are
// tests/browser/serve_browser_test.py.
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <regex>
#include <set>
#include <thread>

#include "process.h"
#include "ranking_queries.h"

using nlohmann::json;
using namespace opis::test;

namespace {

const std::string kServe = OPIS_SERVE_BIN;

// opis-serve on a free port, its stdout in a file (where it says the port).
class RunningServer {
 public:
  RunningServer(const std::string& db, std::vector<std::string> extra, const std::filesystem::path& dir) {
    m_out = dir / "serve.out";
    std::vector<std::string> argv{kServe, "--db", db, "--listen", "127.0.0.1:0"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, m_out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, (dir / "serve.err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<char*> cargv;
    for (auto& a : argv) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    if (posix_spawn(&m_pid, cargv[0], &fa, nullptr, cargv.data(), environ) != 0) m_pid = -1;
    posix_spawn_file_actions_destroy(&fa);
    const std::regex at(R"(at http://127\.0\.0\.1:(\d+)/)");
    for (int i = 0; i < 200 && m_pid > 0 && m_port == 0; ++i) {
      std::smatch m;
      const std::string out = slurp(m_out);
      if (std::regex_search(out, m, at))
        m_port = std::stoi(m[1]);
      else
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ~RunningServer() {
    if (m_pid > 0) {
      ::kill(m_pid, SIGKILL);
      finish(m_pid);
    }
  }
  int port() const { return m_port; }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", m_port);
    c.set_read_timeout(30, 0);
    return c;
  }
  // SIGTERM, then the exit status and what it printed.
  int stop(std::string& out) {
    ::kill(m_pid, SIGTERM);
    int status = finish(m_pid);
    m_pid = -1;
    out = slurp(m_out);
    return status;
  }

 private:
  std::filesystem::path m_out;
  pid_t m_pid = -1;
  int m_port = 0;
};

std::string enc(const std::string& s) { return httplib::detail::encode_query_param(s); }

class Issue18Serve : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = new TempDir();
    s_db = (s_dir->path() / "db").string();
    std::vector<std::string> argv{kIndex, "--db", s_db, "--quiet", std::string(OPIS_SOURCE_DIR) + "/corpus"};
    if (std::filesystem::exists(kShared / "records")) argv.push_back((kShared / "records").string());
    Result r = run(argv);
    ASSERT_EQ(r.status, 0) << show(r);
    s_server = new RunningServer(s_db, {"--threads", "2"}, s_dir->path());
    ASSERT_GT(s_server->port(), 0) << slurp(s_dir->path() / "serve.err");
  }
  static void TearDownTestSuite() {
    delete s_server;
    delete s_dir;
  }
  static json get_json(const std::string& path, int want = 200) {
    auto res = s_server->client().Get(path);
    EXPECT_TRUE(res) << path;
    if (!res) return {};
    EXPECT_EQ(res->status, want) << path << "\n" << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
    return json::parse(res->body);
  }
  static json search_json(const std::vector<std::string>& args) { return search_json_at(s_db, args); }
  static json search_json_at(const std::string& db, const std::vector<std::string>& args) {
    std::vector<std::string> argv{kSearch, "--db", db, "--format", "json"};
    argv.insert(argv.end(), args.begin(), args.end());
    Result r = run(argv);
    EXPECT_LE(r.status, 1) << show(r);
    return json::parse(r.out);
  }
  static inline TempDir* s_dir = nullptr;
  static inline std::string s_db;
  static inline RunningServer* s_server = nullptr;
};

TEST_F(Issue18Serve, ApiSearchAnswersAsOpisSearchForTheRankingSet) {
  for (const auto& j : kQueries) {
    SCOPED_TRACE(j.query);
    json want = search_json({"--limit", "10", j.query});
    json got = get_json("/api/search?q=" + enc(j.query) + "&limit=10");
    EXPECT_EQ(got, want);
    EXPECT_FALSE(got.at("results").empty());
  }
  // Paging, order, facets and dates go through as the flags do.
  json want = search_json({"--limit", "3", "--offset", "2", "--sort", "-date", "--facets", "person,place,year",
                           "--from", "1950", "Soviet"});
  json got = get_json("/api/search?q=Soviet&limit=3&offset=2&sort=-date&facets=person,place,year&from=1950");
  EXPECT_EQ(got, want);
  EXPECT_EQ(got.at("offset"), 2);
  EXPECT_TRUE(got.contains("facets"));
  // "Did you mean" too.
  EXPECT_EQ(get_json("/api/search?q=Khruschev"), search_json({"Khruschev"}));
}

TEST_F(Issue18Serve, ApiRecordAndRegistersAnswerAsOpisSearch) {
  EXPECT_EQ(get_json("/api/record/9010"), search_json({"--record", "9010"}));
  EXPECT_EQ(get_json("/api/persons"), search_json({"--persons"}));
  EXPECT_EQ(get_json("/api/places?pattern=Berlin"), search_json({"--places", "Berlin"}));
  json missing = get_json("/api/record/no-such-id", 404);
  EXPECT_NE(missing.at("error").get<std::string>().find("no-such-id"), std::string::npos);
  json bad = get_json("/api/search?q=" + enc("\"unclosed (") + "&facets=nonsense", 400);
  EXPECT_TRUE(bad.contains("error"));
}

TEST_F(Issue18Serve, PagesCarryTheCspAndShowResults) {
  auto c = s_server->client();
  auto res = c.Get("/search?q=Baghdad&f=" + enc("person:N.S. Khrushchev"));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->get_header_value("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
  EXPECT_NE(res->get_header_value("Content-Security-Policy").find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_NE(res->body.find("/record?id=209747"), std::string::npos);
  EXPECT_NE(res->body.find("<mark>"), std::string::npos);
  EXPECT_NE(res->body.find("aria-label=\"Remove filter person: N.S. Khrushchev\""), std::string::npos);
  EXPECT_EQ(res->body.find("<script>"), std::string::npos);  // only <script src>
  auto rec = c.Get("/record?id=209747&q=Baghdad");
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->status, 200);
  EXPECT_NE(rec->body.find("<mark>Baghdad</mark>"), std::string::npos);
  EXPECT_NE(rec->body.find("class=\"hw\""), std::string::npos);
  EXPECT_NE(rec->body.find("Similar records"), std::string::npos);
  auto ris = c.Get("/export?format=ris&id=209747");
  ASSERT_TRUE(ris);
  EXPECT_EQ(ris->body.rfind("TY  - ", 0), 0u) << ris->body;
  EXPECT_NE(ris->get_header_value("Content-Disposition").find("opis-209747.ris"), std::string::npos);
  auto all = c.Get("/export?format=csv&q=Baghdad");
  ASSERT_TRUE(all);
  Result cli = run({kSearch, "--db", s_db, "--format", "csv", "Baghdad"});
  EXPECT_EQ(all->body, cli.out);
}

TEST_F(Issue18Serve, LimitsAndPathsAnswerWithoutTheFileSystem) {
  auto c = s_server->client();
  EXPECT_EQ(c.Get("/search?q=" + std::string(2000, 'a'))->status, 413);
  EXPECT_EQ(c.Get("/api/search?q=a&limit=101")->status, 400);
  EXPECT_EQ(c.Get("/search?q=a&sort=sideways")->status, 400);
  for (std::string p : {"/../../../etc/passwd", "/assets/../CMakeLists.txt", "/assets/%2e%2e/%2e%2e/etc/passwd",
                        "/etc/passwd", "/assets/", "/db/iamglass"}) {
    auto r = c.Get(p);
    ASSERT_TRUE(r) << p;
    EXPECT_EQ(r->status, 404) << p;
    EXPECT_EQ(r->body.find("root:"), std::string::npos) << p;
  }
  auto css = c.Get("/assets/opis.css");
  ASSERT_TRUE(css);
  EXPECT_EQ(css->status, 200);
  EXPECT_EQ(css->get_header_value("Content-Type"), "text/css; charset=utf-8");
}

// A raw loopback connection, to send a request in pieces.
class RawConnection {
 public:
  explicit RawConnection(int port) {
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (m_fd >= 0 && ::connect(m_fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
      ::close(m_fd);
      m_fd = -1;
    }
  }
  ~RawConnection() {
    if (m_fd >= 0) ::close(m_fd);
  }
  bool ok() const { return m_fd >= 0; }
  void send(const std::string& s) const { ASSERT_EQ(::write(m_fd, s.data(), s.size()), ssize_t(s.size())); }
  // Everything the server sends until it closes the connection.
  std::string read_all() const {
    std::string out;
    char buf[4096];
    for (ssize_t n; (n = ::read(m_fd, buf, sizeof buf)) > 0;) out.append(buf, size_t(n));
    return out;
  }

 private:
  int m_fd = -1;
};

TEST_F(Issue18Serve, ARequestPastTheTimeLimitGets503) {
  // Deterministic on any machine: no race between a query's speed and the
  // limit. One worker; a client holds it by sending its request slowly (the
  // time limit counts from when the connection was taken, so that request
  // itself is past the limit); a second request waits in the queue behind it
  // past the limit. Both get 503 with Retry-After; a request afterwards is
  // answered (the server recovered).
  TempDir t;
  RunningServer slow(s_db, {"--time-limit", "10", "--threads", "1"}, t.path());
  ASSERT_GT(slow.port(), 0);
  RawConnection holder(slow.port());
  ASSERT_TRUE(holder.ok());
  holder.send("GET /search?q=Baghdad HTTP/1.1\r\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the worker is reading it
  struct Answer {
    int status = 0;
    std::string retry_after;
  };
  Answer queued;
  std::thread other([&] {
    if (auto r = slow.client().Get("/api/search?q=Baghdad")) queued = {r->status, r->get_header_value("Retry-After")};
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // it waits in the queue
  holder.send("Host: 127.0.0.1\r\nConnection: close\r\n\r\n");
  const std::string held = holder.read_all();
  other.join();
  EXPECT_EQ(held.rfind("HTTP/1.1 503", 0), 0u) << held.substr(0, 200);
  EXPECT_NE(held.find("Retry-After: 2"), std::string::npos) << held.substr(0, 200);
  EXPECT_EQ(queued.status, 503);
  EXPECT_EQ(queued.retry_after, "2");
  auto after = slow.client().Get("/api");  // answered at once
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200);
}

TEST_F(Issue18Serve, WhatTheIndexerCommitsIsFoundAndSigtermStops) {
  TempDir t;
  const std::string db = (t.path() / "db").string();
  write_file(t.path() / "a.jsonl", R"({"id":"first","title":"Zanzibar cable","body":"about Zanzibar"})"
                                   "\n");
  ASSERT_EQ(run({kIndex, "--db", db, "--quiet", (t.path() / "a.jsonl").string()}).status, 0);
  RunningServer srv(db, {"--threads", "1"}, t.path());
  ASSERT_GT(srv.port(), 0);
  auto c = srv.client();
  EXPECT_EQ(json::parse(c.Get("/api/search?q=Zanzibar")->body).at("total"), 1);
  write_file(t.path() / "b.jsonl", R"({"id":"second","title":"Zanzibar again","body":"Zanzibar harbour"})"
                                   "\n");
  ASSERT_EQ(run({kIndex, "--db", db, "--quiet", (t.path() / "b.jsonl").string()}).status, 0);
  EXPECT_EQ(json::parse(c.Get("/api/search?q=Zanzibar")->body).at("total"), 2);
  std::string out;
  EXPECT_EQ(srv.stop(out), 0);
  EXPECT_NE(out.find("loopback only"), std::string::npos) << out;
  EXPECT_NE(out.find("opis-serve: stopped"), std::string::npos) << out;
}

// The registers are built once per revision of the index and kept: a
// person or place of a record indexed while the server runs appears in the
// registers' API and pages at the next request, and one that was there
// stays (the cache is rebuilt from the new revision, not patched).
TEST_F(Issue18Serve, RegistersFollowWhatTheIndexerCommits) {
  TempDir t;
  const std::string db = (t.path() / "db").string();
  write_file(t.path() / "a.jsonl",
             R"({"id":"r1","title":"Cable","persons":"Qasim, Abd al-Karim","body":"Qasim spoke in Baghdad."})"
             "\n");
  ASSERT_EQ(run({kIndex, "--db", db, "--quiet", (t.path() / "a.jsonl").string()}).status, 0);
  RunningServer srv(db, {"--threads", "2"}, t.path());
  ASSERT_GT(srv.port(), 0);
  auto c = srv.client();
  auto names = [&](const std::string& path) {
    std::set<std::string> out;
    auto res = c.Get(path);
    EXPECT_TRUE(res && res->status == 200) << path;
    if (!res) return out;
    const json j = json::parse(res->body);
    for (const auto& e : j.at(path.find("persons") != std::string::npos ? "persons" : "places"))
      out.insert(e.at("name").get<std::string>());
    return out;
  };
  // Asked twice (the second from the cache), on both workers' handles.
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(names("/api/persons").count("Abd al-Karim Qasim"), 1u) << testing::PrintToString(names("/api/persons"));
    EXPECT_EQ(names("/api/persons").count("Nehru"), 0u);
  }
  const auto places_before = names("/api/places");
  EXPECT_EQ(places_before.count("New Delhi"), 0u);
  write_file(t.path() / "b.jsonl",
             R"({"id":"r2","title":"Visit","persons":"Nehru, Jawaharlal","body":"Nehru says so in New Delhi."})"
             "\n");
  ASSERT_EQ(run({kIndex, "--db", db, "--quiet", (t.path() / "b.jsonl").string()}).status, 0);
  for (int i = 0; i < 3; ++i) {
    const auto persons = names("/api/persons");
    EXPECT_EQ(persons.count("Jawaharlal Nehru"), 1u) << testing::PrintToString(persons);
    EXPECT_EQ(persons.count("Abd al-Karim Qasim"), 1u) << testing::PrintToString(persons);
    EXPECT_EQ(names("/api/places").count("New Delhi"), 1u) << testing::PrintToString(names("/api/places"));
  }
  EXPECT_EQ(names("/api/persons?pattern=nehru"), std::set<std::string>{"Jawaharlal Nehru"});
  auto page = c.Get("/persons?filter=Nehru");
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("Jawaharlal Nehru"), std::string::npos);
  // And as opis-search lists them.
  EXPECT_EQ(json::parse(c.Get("/api/persons")->body), search_json_at(db, {"--persons"}));
}

}  // namespace

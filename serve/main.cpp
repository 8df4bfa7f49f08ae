// opis-serve: the reading room, an index served to a web browser (issue 18).
// Thin front end over core/: requests become SearchOptions, core/search runs
// them, core/output renders (html.h for pages, the JSON printer for the API,
// so that /api/search answers exactly as `opis-search --format json`).
//
// HTTP is cpp-httplib (Debian's libcpp-httplib-dev, header-only): small,
// blocking, thread-per-request with a pluggable task queue, which is what a
// read-only server over a blocking library (Xapian) wants; no event loop to
// bridge. Each worker thread holds its own Searcher (one Xapian::Database
// per thread: a Database must not be shared between threads) and reopens it
// at each request, so that what opis-index commits shows at once.
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include <fmt/format.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "opis/base/untrusted.h"
#include "opis/cli/cli.h"
#include "opis/entities/place_coordinates.h"
#include "opis/output/export.h"
#include "opis/output/html.h"
#include "opis/output/printer.h"
#include "opis/search/entity_register.h"
#include "opis/search/searcher.h"
#include "opis/version.h"

using namespace opis;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kExamples = R"(
Examples:
  opis-serve --db archive-db                     http://127.0.0.1:8080/ on this machine only
  opis-serve --db archive-db --listen 127.0.0.1:0   any free port (printed on start)
  opis-serve --db archive-db --listen 0.0.0.0:8080  every interface: a team's server (read-only)
  curl 'http://127.0.0.1:8080/api/search?q=Baghdad&limit=5'   as opis-search --format json

Pages: /search, /record?id=ID, /persons, /places, /kwic, /export?format=ris|csljson|csv.
API: /api/search, /api/record/ID, /api/persons, /api/places (docs/serve.md).
Stop with Ctrl-C (SIGINT) or SIGTERM: requests in progress finish first.
Exit status: 0 stopped by a signal, 2 error (no index, address in use).
)";

struct Options {
  std::string db;
  std::string listen = "127.0.0.1:8080";
  unsigned threads = 4;
  unsigned max_query = 1000;       ///< bytes of a query
  unsigned max_page = 100;         ///< results per page (and API limit)
  unsigned max_queue = 64;         ///< connections waiting for a worker before 503
  unsigned time_limit_ms = 10000;  ///< per request, queueing included; 503 past it
  unsigned max_export = 10000;     ///< records in one download of a result set
  OpenOptions open;
  std::string gazetteer;
  std::unordered_map<std::string, LatLon> coords;  ///< the place map's (beside the gazetteer)
  std::string export_date;                         ///< "" today; $SOURCE_DATE_EPOCH's day when set
};

// --- The worker pool -------------------------------------------------------------

// Per worker thread: when its connection was accepted, whether the queue
// was over its bound then, the request's deadline, and its own Searcher.
thread_local Clock::time_point tl_accepted{};
thread_local bool tl_overloaded = false;
thread_local Clock::time_point tl_deadline{};
thread_local std::unique_ptr<Searcher> tl_searcher;

// httplib's TaskQueue with a bound: a connection arriving when `max_queue`
// wait already is still taken (httplib hands it over; only running it
// closes the socket) but marked overloaded, and answered 503 at once. Each
// connection carries its time of arrival, so that time spent waiting counts
// against the request's time limit.
class BoundedPool : public httplib::TaskQueue {
 public:
  BoundedPool(unsigned threads, unsigned max_queue) : m_max_queue(max_queue) {
    for (unsigned i = 0; i < threads; ++i) m_threads.emplace_back([this] { work(); });
  }
  void enqueue(std::function<void()> fn) override {
    {
      std::lock_guard lock(m_mutex);
      const bool over = m_jobs.size() >= m_max_queue;
      m_jobs.push_back([fn = std::move(fn), at = Clock::now(), over] {
        tl_accepted = at;
        tl_overloaded = over;
        fn();
      });
    }
    m_cv.notify_one();
  }
  void shutdown() override {
    {
      std::lock_guard lock(m_mutex);
      m_stop = true;
    }
    m_cv.notify_all();
    for (auto& t : m_threads) t.join();
  }

 private:
  void work() {
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock lock(m_mutex);
        m_cv.wait(lock, [&] { return m_stop || !m_jobs.empty(); });
        if (m_jobs.empty()) return;  // stopping, and nothing left
        job = std::move(m_jobs.front());
        m_jobs.pop_front();
      }
      job();  // the thread's Searcher stays open for its next connection
    }
  }
  unsigned m_max_queue;
  std::mutex m_mutex;
  std::condition_variable m_cv;
  std::deque<std::function<void()>> m_jobs;
  std::vector<std::thread> m_threads;
  bool m_stop = false;
};

// --- Errors ------------------------------------------------------------------------

struct HttpError : std::runtime_error {
  int status;
  HttpError(int s, const std::string& what) : std::runtime_error(what), status(s) {}
};

void check_deadline() {
  if (Clock::now() > tl_deadline)
    throw HttpError(503, "the request took longer than the server's time limit (--time-limit); try a narrower query");
}

// Seconds left for the matcher.
double seconds_left() { return std::max(0.001, std::chrono::duration<double>(tl_deadline - Clock::now()).count()); }

const char* status_title(int s) {
  switch (s) {
    case 400: return "Bad request";
    case 404: return "Not found";
    case 413: return "Too large";
    case 503: return "Busy";
    default: return "Server error";
  }
}

// --- The registers ---------------------------------------------------------------

// The person and place registers, each built once per revision of the index
// (Searcher::revision()) and shared by the workers: building one reads every
// record (seconds at 100,000 records), which the registers' pages and API
// did at every request. A worker whose searcher sees another revision than
// the cached one (opis-index committed) builds it again from its own
// searcher; the others wait for that build rather than repeating it.
class RegisterCache {
 public:
  std::shared_ptr<const Register> get(const Searcher& s, EntityKind kind) {
    Slot& slot = m_slots[kind == EntityKind::person ? 0 : 1];
    const std::string rev = s.revision();
    std::lock_guard lock(slot.mutex);
    if (!slot.reg || slot.revision != rev) {
      slot.reg = std::make_shared<const Register>(build_register(s.database(), kind));
      slot.revision = rev;
    }
    return slot.reg;
  }

 private:
  struct Slot {
    std::mutex mutex;
    std::string revision;
    std::shared_ptr<const Register> reg;
  };
  Slot m_slots[2];
};

// --- Requests ----------------------------------------------------------------------

class Server {
 public:
  explicit Server(Options o) : m_o(std::move(o)) {}

  void routes(httplib::Server& svr);

  // Build both registers now, on a handle of its own, so that the first
  // reader of a register does not wait for it (seconds on a large index:
  // 28 s for the persons of 100,000 generated records on the shared
  // machine, past the default time limit). Run on a thread of its own.
  void warm_registers() {
    try {
      Searcher s(m_o.db, m_o.open);
      m_registers.get(s, EntityKind::place);
      m_registers.get(s, EntityKind::person);
    } catch (const std::exception& e) {
      // A register request will build it, and answer the error, itself.
      std::cerr << "opis-serve: the registers could not be built in advance: " << terminal_safe(e.what()) << '\n';
    }
  }

 private:
  Searcher& searcher() {
    if (!tl_searcher) {
      tl_searcher = std::make_unique<Searcher>(m_o.db, m_o.open);
    } else {
      tl_searcher->reopen();  // what opis-index committed since the last request
    }
    return *tl_searcher;
  }

  unsigned uint_param(const httplib::Request& req, const char* name, unsigned dflt, unsigned max) const {
    if (!req.has_param(name)) return dflt;
    const std::string v = req.get_param_value(name);
    unsigned n = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || p != v.data() + v.size() || v.empty())
      throw HttpError(400, fmt::format("'{}' is not a number (parameter {})", v, name));
    if (n > max) throw HttpError(400, fmt::format("{} is at most {} here (got {})", name, max, n));
    return n;
  }

  std::string text_param(const httplib::Request& req, const char* name) const {
    std::string v = req.get_param_value(name);
    if (v.size() > m_o.max_query)
      throw HttpError(413, fmt::format("parameter {} is longer than {} bytes", name, m_o.max_query));
    return v;
  }

  SortOrder sort_of(const std::string& s) const {
    if (s.empty() || s == "relevance") return SortOrder::relevance;
    if (s == "date") return SortOrder::date;
    if (s == "-date") return SortOrder::date_desc;
    throw HttpError(400, "sort must be relevance, date or -date, not '" + s + "'");
  }

  std::optional<Date> date_param(const std::string& text, const char* name) const {
    if (text.empty()) return std::nullopt;
    auto d = parse_query_date(text);
    if (!d) throw QueryError(fmt::format("{} '{}' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD", name, text));
    return d;
  }

  SearchRequest page_request(const httplib::Request& req) const {
    SearchRequest r;
    r.q = text_param(req, "q");
    for (std::size_t i = 0, n = req.get_param_value_count("f"); i < n && i < 20; ++i) {
      const std::string f = req.get_param_value("f", i);
      if (f.size() > m_o.max_query) throw HttpError(413, "a filter is too long");
      if (auto hf = parse_filter(f)) r.filters.push_back(*hf);
    }
    r.sort = req.has_param("sort") ? req.get_param_value("sort") : "relevance";
    sort_of(r.sort);
    r.from = text_param(req, "from");
    r.to = text_param(req, "to");
    r.page_size = uint_param(req, "n", 20, m_o.max_page);
    if (r.page_size == 0) r.page_size = 20;
    r.page = std::max(1u, uint_param(req, "page", 1, 100000));
    return r;
  }

  SearchOptions page_options(const SearchRequest& r) const {
    SearchOptions o;
    o.query = filtered_query(r.q, r.filters);
    o.query_options.gazetteer = m_o.gazetteer;
    o.query_options.from = date_param(r.from, "from");
    o.query_options.to = date_param(r.to, "to");
    o.sort = sort_of(r.sort);
    o.limit = r.page_size;
    o.offset = (r.page - 1) * r.page_size;
    o.time_limit = seconds_left();
    return o;
  }

  // The API's search: opis-search's flags as parameters.
  SearchOptions api_options(const httplib::Request& req) const {
    SearchOptions o;
    o.query = text_param(req, "q");
    o.query_options.gazetteer = m_o.gazetteer;
    o.query_options.from = date_param(text_param(req, "from"), "from");
    o.query_options.to = date_param(text_param(req, "to"), "to");
    const std::string mode = req.get_param_value("date_mode");
    if (!mode.empty() && mode != "overlap" && mode != "within")
      throw HttpError(400, "date_mode must be overlap or within");
    o.query_options.date_mode = mode == "within" ? DateMode::within : DateMode::overlap;
    o.query_options.match_any = req.get_param_value("any") == "1" || req.get_param_value("any") == "true";
    o.sort = sort_of(req.get_param_value("sort"));
    o.limit = uint_param(req, "limit", 10, m_o.max_page);
    o.offset = uint_param(req, "offset", 0, 1000000);
    o.like_id = text_param(req, "like");
    o.suggest = req.get_param_value("suggest") != "0";
    o.facet_limit = std::max(1u, uint_param(req, "facet_limit", 10, 1000));
    std::stringstream facets(req.get_param_value("facets"));
    for (std::string f; std::getline(facets, f, ',');) {
      if (!f.empty()) o.facets.push_back(f);
    }
    if (o.query.empty() && !o.query_options.from && !o.query_options.to && o.like_id.empty())
      throw QueryError("give a query (q=, or from=/to=, or like=ID)");
    o.time_limit = seconds_left();
    return o;
  }

  void search_page(const httplib::Request& req, httplib::Response& res);
  void record_page(const httplib::Request& req, httplib::Response& res);
  void register_page(const httplib::Request& req, httplib::Response& res, EntityKind kind);
  void kwic_page(const httplib::Request& req, httplib::Response& res);
  void export_download(const httplib::Request& req, httplib::Response& res);
  void api_search(const httplib::Request& req, httplib::Response& res);
  void api_record(const httplib::Request& req, httplib::Response& res);
  void api_register(const httplib::Request& req, httplib::Response& res, EntityKind kind);

  Options m_o;
  RegisterCache m_registers;
};

void html(httplib::Response& res, std::string body, int status = 200) {
  res.status = status;
  res.set_content(std::move(body), "text/html; charset=utf-8");
}

void json_out(httplib::Response& res, std::string body, int status = 200) {
  res.status = status;
  res.set_content(std::move(body), "application/json; charset=utf-8");
}

void Server::search_page(const httplib::Request& req, httplib::Response& res) {
  SearchRequest r = page_request(req);
  Searcher& s = searcher();
  if (filtered_query(r.q, r.filters).empty() && r.from.empty() && r.to.empty()) {
    return html(res, html_search_page(r, nullptr, "", s.size()));
  }
  SearchOptions o;
  try {
    o = page_options(r);
    o.facets = {"person", "place", "year", "lang", "archive"};
    o.facet_limit = 300;  // the histogram's years; other facets show 10
    SearchResult result = s.search(o);
    check_deadline();
    html(res, html_search_page(r, &result, "", s.size()));
  } catch (const QueryError& e) {
    html(res, html_search_page(r, nullptr, e.what(), s.size()), 400);
  }
}

void Server::record_page(const httplib::Request& req, httplib::Response& res) {
  const std::string id = text_param(req, "id"), q = text_param(req, "q");
  Searcher& s = searcher();
  auto r = s.record(id);
  if (!r) throw HttpError(404, "no record with id '" + id + "'");
  std::vector<Highlight> marks;
  if (!q.empty() && id.find('"') == std::string::npos) {
    // The matches of the query the reader came from, found as the
    // concordance finds them, in this record only.
    SearchOptions o;
    o.query = "(" + q + ") id:\"" + id + "\"";
    o.query_options.gazetteer = m_o.gazetteer;
    o.time_limit = seconds_left();
    try {
      for (const auto& l : s.kwic(o, 0, 1).lines) marks.push_back({l.offset, l.keyword.size()});
    } catch (const QueryError&) {
      // The page shows the record without highlights.
    }
    std::sort(marks.begin(), marks.end(), [](const Highlight& a, const Highlight& b) { return a.offset < b.offset; });
  }
  SearchOptions like;
  like.like_id = id;
  like.limit = 5;
  like.suggest = false;
  like.time_limit = seconds_left();
  SearchResult similar = s.search(like);
  check_deadline();
  html(res, html_record_page(*r, q, marks, &similar));
}

void Server::register_page(const httplib::Request& req, httplib::Response& res, EntityKind kind) {
  const std::string filter = text_param(req, "filter");
  auto entries = filter_register(*m_registers.get(searcher(), kind), filter);
  check_deadline();
  html(res, html_register_page(entries, kind, filter, 500, kind == EntityKind::place ? &m_o.coords : nullptr));
}

void Server::kwic_page(const httplib::Request& req, httplib::Response& res) {
  SearchRequest r = page_request(req);
  Searcher& s = searcher();
  if (filtered_query(r.q, r.filters).empty()) return html(res, html_kwic_page(r, nullptr, ""));
  try {
    KwicResult k = s.kwic(page_options(r), 6, 500);  // the first 500 records' lines
    if (k.lines.size() > 5000) k.lines.resize(5000);
    check_deadline();
    html(res, html_kwic_page(r, &k, ""));
  } catch (const QueryError& e) {
    html(res, html_kwic_page(r, nullptr, e.what()), 400);
  }
}

// A file name for a download: the id's safe characters only.
std::string download_name(std::string_view stem, std::string_view ext) {
  std::string s;
  for (char c : stem) s += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
  if (s.size() > 60) s.resize(60);
  return "opis-" + s + "." + std::string(ext);
}

void Server::export_download(const httplib::Request& req, httplib::Response& res) {
  const std::string format = req.get_param_value("format");
  auto ef = export_format_from_name(format);
  if (!ef) throw HttpError(400, "format must be ris, csljson or csv");
  auto exporter = make_exporter(*ef);
  const char* type = *ef == ExportFormat::ris       ? "application/x-research-info-systems"
                     : *ef == ExportFormat::csljson ? "application/vnd.citationstyles.csl+json"
                                                    : "text/csv; charset=utf-8";
  const char* ext = *ef == ExportFormat::ris ? "ris" : *ef == ExportFormat::csljson ? "json" : "csv";
  std::ostringstream out;
  std::string name;
  Searcher& s = searcher();
  if (req.has_param("id")) {  // one record
    const std::string id = text_param(req, "id");
    auto r = s.record(id);
    if (!r) throw HttpError(404, "no record with id '" + id + "'");
    Hit h;
    h.rank = 1;
    h.record = std::move(*r);
    exporter->set_context({"--record " + id, export_date_today(m_o.export_date.c_str())});
    exporter->begin(out);
    exporter->hit(h, out);
    exporter->end(out);
    name = download_name(id, ext);
  } else {  // the whole result set, up to --max-export records
    SearchRequest r = page_request(req);
    SearchOptions o = page_options(r);
    if (o.query.empty() && !o.query_options.from && !o.query_options.to) throw QueryError("give a query");
    o.offset = 0;
    exporter->set_context({o.query, export_date_today(m_o.export_date.c_str())});
    auto run = export_search(s, o, m_o.max_export, *exporter, out);
    if (run.first.total > run.written) res.set_header("X-Opis-Truncated", std::to_string(run.written));
    name = download_name("search", ext);
  }
  check_deadline();
  res.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
  res.set_content(out.str(), type);
}

void Server::api_search(const httplib::Request& req, httplib::Response& res) {
  SearchOptions o = api_options(req);
  SearchResult r = searcher().search(o);
  check_deadline();
  std::ostringstream out;
  make_printer(OutputFormat::json, false)->results(r, out);
  json_out(res, out.str());
}

void Server::api_record(const httplib::Request& req, httplib::Response& res) {
  const std::string id = req.matches[1];
  auto r = searcher().record(id);
  if (!r) throw HttpError(404, "no record with id '" + id + "'");
  std::ostringstream out;
  make_printer(OutputFormat::json, false)->record(*r, out);
  json_out(res, out.str());
}

void Server::api_register(const httplib::Request& req, httplib::Response& res, EntityKind kind) {
  const std::string pattern = text_param(req, "pattern");
  auto entries = filter_register(*m_registers.get(searcher(), kind), pattern);
  check_deadline();
  std::ostringstream out;
  make_printer(OutputFormat::json, false)->register_list(entries, kind, out);
  json_out(res, out.str());
}

constexpr const char* kApiIndex = R"({
  "search": "/api/search?q=QUERY[&limit=N&offset=N&sort=relevance|date|-date&facets=person,place,year,lang,archive&facet_limit=N&from=DATE&to=DATE&date_mode=overlap|within&any=1&like=ID&suggest=0]",
  "record": "/api/record/ID",
  "persons": "/api/persons[?pattern=TEXT]",
  "places": "/api/places[?pattern=TEXT]",
  "documentation": "docs/serve.md"
}
)";

void Server::routes(httplib::Server& svr) {
  // Every handler through here: errors become a page (or JSON for /api/)
  // with the right status; nothing a request sends reaches the file system.
  auto guard = [](auto fn) {
    return [fn](const httplib::Request& req, httplib::Response& res) {
      const bool api = req.path.rfind("/api/", 0) == 0;
      auto fail = [&](int status, const std::string& what) {
        if (status == 503) res.set_header("Retry-After", "2");
        if (api)
          json_out(res, json_text(nlohmann::json{{"error", what}}) + "\n", status);
        else
          html(res, html_error_page(status, status_title(status), what), status);
      };
      try {
        fn(req, res);
      } catch (const HttpError& e) {
        fail(e.status, e.what());
      } catch (const QueryError& e) {
        fail(400, e.what());
      } catch (const ShardUnavailable& e) {
        fail(503, e.what());
      } catch (const Xapian::Error& e) {
        fail(500, fmt::format("index: {}: {}", e.get_type(), e.get_msg()));
      } catch (const std::exception& e) {
        fail(500, e.what());
      }
    };
  };
  svr.Get("/", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/search"); });
  svr.Get("/search", guard([this](auto& q, auto& r) { search_page(q, r); }));
  svr.Get("/record", guard([this](auto& q, auto& r) { record_page(q, r); }));
  svr.Get("/persons", guard([this](auto& q, auto& r) { register_page(q, r, EntityKind::person); }));
  svr.Get("/places", guard([this](auto& q, auto& r) { register_page(q, r, EntityKind::place); }));
  svr.Get("/kwic", guard([this](auto& q, auto& r) { kwic_page(q, r); }));
  svr.Get("/export", guard([this](auto& q, auto& r) { export_download(q, r); }));
  svr.Get("/api", [](const httplib::Request&, httplib::Response& res) { json_out(res, kApiIndex); });
  svr.Get("/api/search", guard([this](auto& q, auto& r) { api_search(q, r); }));
  svr.Get("/api/record/(.+)", guard([this](auto& q, auto& r) { api_record(q, r); }));
  svr.Get("/api/persons", guard([this](auto& q, auto& r) { api_register(q, r, EntityKind::person); }));
  svr.Get("/api/places", guard([this](auto& q, auto& r) { api_register(q, r, EntityKind::place); }));
  // The built-in assets, and for every other path a 404 page.
  svr.Get(".*", guard([](const httplib::Request& req, httplib::Response& res) {
            auto a = html_asset(req.path);
            if (!a) throw HttpError(404, "no page at this address");
            res.set_header("Cache-Control", "max-age=3600");
            res.set_content(std::string(a->body), std::string(a->content_type).c_str());
          }));
  svr.set_pre_routing_handler([this](const httplib::Request&, httplib::Response& res) {
    // The first request of a connection counts its time in the queue.
    const auto now = Clock::now();
    const auto start = tl_accepted == Clock::time_point{} ? now : tl_accepted;
    tl_accepted = {};
    tl_deadline = start + std::chrono::milliseconds(m_o.time_limit_ms);
    if (tl_overloaded || now > tl_deadline) {
      tl_overloaded = false;
      res.status = 503;
      res.set_header("Retry-After", "2");
      res.set_content("opis-serve: busy, try again shortly\n", "text/plain; charset=utf-8");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  svr.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    // No inline script or style, nothing from elsewhere: what a hostile
    // record might inject cannot run even if escaping failed.
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                   "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("X-Frame-Options", "DENY");
  });
}

bool loopback(const std::string& host) {
  return host == "localhost" || host.rfind("127.", 0) == 0 || host == "::1" || host == "[::1]";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"opis-serve: serve an Opis index as a reading room in the web browser (read-only).", "opis-serve"};
  app.set_version_flag("-V,--version", "opis-serve " OPIS_VERSION);
  app.footer(kExamples);
  Options o;
  add_db_option(app, o.db);
  app.add_option("-l,--listen", o.listen,
                 "HOST:PORT to listen on (default 127.0.0.1:8080: this machine only; port 0: any free port)")
      ->option_text("HOST:PORT");
  app.add_option("--threads", o.threads, "Worker threads, each with its own index handle (default 4)")
      ->check(CLI::Range(1u, 256u))
      ->option_text("N");
  app.add_option("--max-query", o.max_query, "Longest query or parameter in bytes (default 1000; 413 past it)")
      ->check(CLI::Range(16u, 100000u))
      ->option_text("BYTES");
  app.add_option("--max-page", o.max_page, "Most results per page and API limit (default 100; 400 past it)")
      ->check(CLI::Range(1u, 10000u))
      ->option_text("N");
  app.add_option("--max-queue", o.max_queue,
                 "Connections waiting for a worker before new ones get 503 Busy (default 64)")
      ->check(CLI::Range(1u, 100000u))
      ->option_text("N");
  app.add_option("--time-limit", o.time_limit_ms,
                 "Milliseconds a request may take, waiting included (default 10000; 503 past it)")
      ->check(CLI::Range(10u, 3600000u))
      ->option_text("MS");
  app.add_option("--max-export", o.max_export, "Most records in one download of a result set (default 10000)")
      ->check(CLI::Range(1u, 1000000u))
      ->option_text("N");
  app.add_flag("--allow-partial", o.open.allow_partial,
               "With a sharded index: when a shard is down, search the others and say which is missing");
  if (auto status = parse_command_line(app, argc, argv)) return *status;

  auto colon = o.listen.rfind(':');
  int port = -1;
  std::string host = colon == std::string::npos ? "" : o.listen.substr(0, colon);
  if (colon != std::string::npos) {
    auto p = std::from_chars(o.listen.data() + colon + 1, o.listen.data() + o.listen.size(), port);
    if (p.ec != std::errc() || p.ptr != o.listen.data() + o.listen.size() || port > 65535) port = -1;
  }
  if (host.empty() || port < 0) {
    std::cerr << "opis-serve: error: --listen '" << terminal_safe(o.listen) << "' is not HOST:PORT (127.0.0.1:8080)\n";
    return exit_status::error;
  }
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);

  unsigned long records = 0;
  try {
    if (!std::filesystem::exists(o.db))
      throw std::runtime_error(fmt::format("no index at '{}'; run opis-index first, or give --db DIR", o.db));
    Searcher probe(o.db, o.open);  // fail now, not on the first request
    records = probe.size();
  } catch (const Xapian::Error& e) {
    std::cerr << "opis-serve: error: cannot open index '" << terminal_safe(o.db) << "': " << terminal_safe(e.get_msg())
              << '\n';
    return exit_status::error;
  } catch (const std::exception& e) {
    std::cerr << "opis-serve: error: " << terminal_safe(e.what()) << '\n';
    return exit_status::error;
  }
  o.gazetteer = find_gazetteer();
  o.coords = load_place_coordinates(place_coordinates_path(o.gazetteer));
  if (const char* e = std::getenv("SOURCE_DATE_EPOCH")) o.export_date = e;  // reproducible export notes

  // SIGINT and SIGTERM are taken by one thread that stops the server (a
  // signal handler may not call into httplib); blocked before any thread
  // starts, so that every thread inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  httplib::Server svr;
  const unsigned threads = o.threads, max_queue = o.max_queue;
  svr.new_task_queue = [threads, max_queue] { return new BoundedPool(threads, max_queue); };
  svr.set_payload_max_length(4096);  // GET only: no request body is read
  svr.set_read_timeout(10, 0);
  svr.set_write_timeout(30, 0);
  // One request a connection: httplib gives a connection its worker for as
  // long as it stays open, so kept-alive connections would hold every worker
  // while others wait (measured: p99 23 s under 8 clients on 4 workers).
  svr.set_keep_alive_max_count(1);
  Server server(o);
  server.routes(svr);

  int bound = port == 0 ? svr.bind_to_any_port(host) : (svr.bind_to_port(host, port) ? port : -1);
  if (bound < 0) {
    std::cerr << "opis-serve: error: cannot listen on " << terminal_safe(o.listen)
              << " (address in use, or not an address of this machine)\n";
    return exit_status::error;
  }
  const std::string shown_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  std::cout << fmt::format("opis-serve: serving {} ({} records) at http://{}:{}/\n", terminal_safe(o.db), records,
                           shown_host, bound);
  if (loopback(host)) {
    std::cout << "opis-serve: loopback only: other machines cannot connect (--listen 0.0.0.0:PORT to share)\n";
  } else {
    std::cout << "opis-serve: listening beyond this machine: whoever can reach this address can read the index\n";
  }
  std::cout << "opis-serve: Ctrl-C stops" << std::endl;

  std::atomic<bool> stopped_by_signal = false;
  std::thread signals([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    stopped_by_signal = true;
    svr.stop();
  });
  // The registers are built while the server already answers; stopping
  // waits for that build to end.
  std::thread warm([&] { server.warm_registers(); });
  bool ok = svr.listen_after_bind();
  if (!stopped_by_signal) {
    // listen ended on its own (an accept error): wake the signal thread.
    pthread_kill(signals.native_handle(), SIGTERM);
  }
  signals.join();
  warm.join();
  std::cout << "opis-serve: stopped" << std::endl;
  return ok || stopped_by_signal ? exit_status::ok : exit_status::error;
}

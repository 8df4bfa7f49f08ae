// opis-search: search an Opis index from the command line.
// Thin front end: flags -> SearchOptions, then core; outcome -> exit status.
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <filesystem>
#include <chrono>
#include <iostream>
#include <thread>

#include <fmt/format.h>

#include "opis/cli.h"
#include "opis/entity_register.h"
#include "opis/printer.h"
#include "opis/schema.h"
#include "opis/searcher.h"

using namespace opis;

namespace {

std::string fields_help() {
  std::string s = "\nFields (field:value in the query):\n";
  for (const Field& f : fields()) {
    if (f.name == "path" || f.kind == FieldKind::internal) continue;
    std::string name = std::string(f.name) + ":";
    if (!f.alias.empty()) name += " " + std::string(f.alias) + ":";
    s += fmt::format("  {:<24}{}\n", name, f.description);
  }
  s += fmt::format("  {:<24}{}\n", "date:",
                   "date or range, overlapping the record's date (date:1958, date:1958-11..1958-12, date:1958.., date:undated)");
  return s;
}

constexpr const char* kExamples = R"(
Query syntax (Xapian's QueryParser): all words must match unless --any;
"exact phrase"; AND, OR, NOT (upper case); +required -excluded; (groups);
wildcard Khrush*. Stop words (the, of...) are ignored outside phrases.

Examples:
  opis-search '"military force"'                  a phrase
  opis-search 'translator:Greenfield'             by translator
  opis-search 'ref:RGANI lang:russian'            by archive reference and language
  opis-search 'Iraq date:1958..1960'              words and a date range
  opis-search --from 1958-11 --to 1958-12 Baghdad same range as options
  opis-search --sort -date --limit 5 Khrushchev   newest first
  opis-search --format json Baghdad | jq '.results[].id'
  opis-search --record 209747                     one whole record, with its persons and places
  opis-search 'person:Khrushchev'                 any spelling: Khrushchov, Krushchev, Хрущёв
  opis-search 'person:=Ceaușescu'                 this exact spelling only
  opis-search --person Qassim --place Baghdad     the same as person:Qassim place:Baghdad
  opis-search 'person:Khrushchev "military force"' names, phrases and Booleans combine
  opis-search --facets person,place,year Iraq     top persons, places, years over all matches
  opis-search --persons Khrush                    the person register: name, variants, records
  opis-search --places                            the place register

Exit status: 0 something found, 1 nothing found, 2 error (bad query, no
index). Output goes to stdout, messages to stderr.
)";

bool want_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no = std::getenv("NO_COLOR");
  if (no && *no) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string(term) == "dumb") return false;
  return isatty(STDOUT_FILENO);
}

std::optional<Date> date_option(const std::string& text, const char* flag) {
  if (text.empty()) return std::nullopt;
  auto d = parse_query_date(text);
  if (!d) {
    throw QueryError(fmt::format("{} '{}' is not a date: use YYYY, YYYY-MM, YYYY-MM-DD or 'November 19, 1958'",
                                 flag, text));
  }
  return d;
}

// A closed pipe (opis-search ... | head) is not an error.
int finish(int status) {
  std::cout.flush();
  if (!std::cout && errno == EPIPE) return exit_status::ok;
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  CLI::App app{"opis-search: search an Opis index of archive records.", "opis-search"};
  app.set_version_flag("-V,--version", "opis-search " OPIS_VERSION);
  app.footer(fields_help() + kExamples);
  std::string db, from, to, sort = "relevance", format = "text", color = "auto", record_id;
  std::vector<std::string> words;
  unsigned limit = 10, offset = 0;
  bool any = false, explain = false;
  add_db_option(app, db);
  app.add_option("query", words, "The query (several arguments are joined with spaces)")->option_text("QUERY...");
  app.add_option("--from", from, "Only records dated on or after DATE (their date overlaps)")->option_text("DATE");
  app.add_option("--to", to, "Only records dated on or before DATE (their date overlaps)")->option_text("DATE");
  app.add_option("-s,--sort", sort, "Order: relevance, date (oldest first) or -date (newest first)")
      ->check(CLI::IsMember({"relevance", "date", "-date"}))->option_text("ORDER");
  app.add_option("-n,--limit", limit, "Show at most N results (default 10)")->check(CLI::Range(0u, 100000u))->option_text("N");
  app.add_option("--offset", offset, "Skip the first N results (for paging)")->option_text("N");
  app.add_option("-f,--format", format, "Output: text or json")->check(CLI::IsMember({"text", "json"}))->option_text("FORMAT");
  app.add_option("--color", color, "Highlight matches: auto (on a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))->option_text("WHEN");
  app.add_flag("--any", any, "Match records with any of the words (default: all)");
  app.add_flag("--explain", explain, "Print how the query was parsed (to stderr)");
  app.add_option("--record", record_id, "Print one whole record by id, with every field, its persons and places")->option_text("ID");
  std::vector<std::string> persons_opt, places_opt, facet_names;
  std::string persons_pattern, places_pattern;
  unsigned facet_limit = 10;
  app.add_option("--person", persons_opt, "Records naming this person, any spelling (as person:NAME; repeatable)")->option_text("NAME");
  app.add_option("--place", places_opt, "Records naming this place, by any of its names (as place:NAME; repeatable)")->option_text("NAME");
  app.add_option("--facets", facet_names, "Count values over all matches: person, place, year, lang, archive (comma-separated)")
      ->delimiter(',')->allow_extra_args(false)
      ->check(CLI::IsMember({"person", "place", "year", "lang", "archive"}))->option_text("LIST");
  app.add_option("--facet-limit", facet_limit, "Values shown per facet (default 10)")->check(CLI::Range(1u, 100000u))->option_text("N");
  auto* persons_flag = app.add_option("--persons", persons_pattern, "List the person register (canonical name, variants, records), or the entries matching PATTERN")
      ->expected(0, 1)->option_text("[PATTERN]");
  auto* places_flag = app.add_option("--places", places_pattern, "List the place register, or the entries matching PATTERN")
      ->expected(0, 1)->option_text("[PATTERN]");
  if (auto status = parse_command_line(app, argc, argv)) return *status;

  try {
    // A bulk build swaps its merged index in with two renames; between them
    // the path is briefly absent. Wait for it rather than fail.
    for (int i = 0; i < 50 && !std::filesystem::exists(db) &&
                    (std::filesystem::exists(db + ".opis-new") || std::filesystem::exists(db + ".opis-old"));
         ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    if (!std::filesystem::exists(db)) {
      std::cerr << fmt::format("opis-search: error: no index at '{}'; run opis-index first, or give --db DIR\n", db);
      return exit_status::error;
    }
    Searcher searcher(db);
    auto printer = make_printer(format == "json" ? OutputFormat::json : OutputFormat::text, want_color(color));
    if (!record_id.empty()) {
      auto r = searcher.record(record_id);
      if (!r) {
        std::cerr << fmt::format("opis-search: no record with id '{}' in '{}'\n", record_id, db);
        return exit_status::partial;
      }
      printer->record(*r, std::cout);
      return finish(exit_status::ok);
    }
    if (persons_flag->count() || places_flag->count()) {
      EntityKind kind = persons_flag->count() ? EntityKind::person : EntityKind::place;
      auto entries = entity_register(db, kind, kind == EntityKind::person ? persons_pattern : places_pattern);
      printer->register_list(entries, kind, std::cout);
      return finish(entries.empty() ? exit_status::partial : exit_status::ok);
    }
    SearchOptions opts;
    for (const auto& w : words) opts.query += (opts.query.empty() ? "" : " ") + w;
    // --person X / --place X are person:"X" / place:"X" added to the query.
    auto quoted = [](const std::string& v) {
      std::string q;
      for (char c : v) q += c == '"' ? ' ' : c;
      return "\"" + q + "\"";
    };
    for (const auto& p : persons_opt) opts.query += (opts.query.empty() ? "" : " ") + std::string("person:") + quoted(p);
    for (const auto& p : places_opt) opts.query += (opts.query.empty() ? "" : " ") + std::string("place:") + quoted(p);
    opts.facets = facet_names;
    opts.facet_limit = facet_limit;
    if (opts.query.empty() && from.empty() && to.empty()) {
      std::cerr << "opis-search: error: give a query (or --from/--to, or --record ID); see --help\n";
      return exit_status::error;
    }
    opts.query_options.match_any = any;
    opts.query_options.from = date_option(from, "--from");
    opts.query_options.to = date_option(to, "--to");
    opts.sort = sort == "date" ? SortOrder::date : sort == "-date" ? SortOrder::date_desc : SortOrder::relevance;
    opts.limit = limit;
    opts.offset = offset;
    SearchResult res = searcher.search(opts);
    if (explain) std::cerr << "Parsed query: " << res.parsed << '\n';
    printer->results(res, std::cout);
    return finish(res.total > 0 ? exit_status::ok : exit_status::partial);
  } catch (const QueryError& e) {
    std::cerr << "opis-search: error: " << e.what() << '\n';
    return exit_status::error;
  } catch (const Xapian::DatabaseOpeningError& e) {
    std::cerr << fmt::format("opis-search: error: cannot open index '{}': {}\n", db, e.get_msg());
    return exit_status::error;
  } catch (const Xapian::Error& e) {
    std::cerr << fmt::format("opis-search: error: index '{}': {}: {}\n", db, e.get_type(), e.get_msg());
    return exit_status::error;
  } catch (const std::exception& e) {
    std::cerr << "opis-search: error: " << e.what() << '\n';
    return exit_status::error;
  }
}

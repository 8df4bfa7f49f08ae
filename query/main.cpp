// opis-search: search an Opis index from the command line.
// Thin front end: flags -> SearchOptions, then core; outcome -> exit status.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <filesystem>
#include <chrono>
#include <iostream>
#include <thread>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "opis/cli/cli.h"
#include "opis/search/entity_register.h"
#include "opis/output/export.h"
#include "opis/output/kwic_printer.h"
#include "opis/output/printer.h"
#include "opis/index/schema.h"
#include "opis/search/searcher.h"
#include "opis/index/shards.h"
#include "opis/version.h"

using namespace opis;

namespace {

// --fields's help: the default columns, then the others (export.h lists both).
std::string csv_fields_help() {
  std::vector<std::string> more;
  for (const auto& f : csv_all_fields()) {
    if (std::find(csv_default_fields().begin(), csv_default_fields().end(), f) == csv_default_fields().end()) more.push_back(f);
  }
  return fmt::format("With --format csv: the columns, in order (comma-separated; default {}; also {})",
                     fmt::join(csv_default_fields(), ","), fmt::join(more, ","));
}

std::string fields_help() {
  std::string s = "\nFields (field:value in the query):\n";
  for (const Field& f : fields()) {
    if (f.name == "path" || f.kind == FieldKind::internal) continue;
    std::string name = std::string(f.name) + ":";
    if (!f.alias.empty()) name += " " + std::string(f.alias) + ":";
    s += fmt::format("  {:<24}{}\n", name, f.description);
  }
  s += fmt::format("  {:<24}{}\n", "date:",
                   "date or range, overlapping the record's date, or containing it with --date-mode within "
                   "(date:1958, date:1958-11..1958-12, date:1958.., date:undated); date:uncertain (circa, ?, "
                   "early/mid/late), date:supplied ([1958]), date:range (1958-1960, 1950s)");
  return s;
}

constexpr const char* kExamples = R"(
Query syntax (Xapian's QueryParser): all words must match unless --any;
"exact phrase"; AND, OR, NOT (upper case); +required -excluded; (groups);
wildcard Khrush*; proximity A NEAR/5 B (any order), A ADJ/3 B (in order).
Stop words (the, of...) are ignored outside phrases.

Examples:
  opis-search '"military force"'                  a phrase
  opis-search 'translator:Greenfield'             by translator
  opis-search 'ref:RGANI lang:russian'            by archive reference and language
  opis-search 'Iraq date:1958..1960'              words and a date range
  opis-search --date-mode within 'date:1958..1960'   records whose whole date lies in the range
  opis-search 'fond:52 delo:566 page:9'           by parts of an archive reference
  opis-search --from 1958-11 --to 1958-12 Baghdad same range as options
  opis-search --sort -date --limit 5 Khrushchev   newest first
  opis-search --format json Baghdad | jq '.results[].id'
  opis-search --format ris Baghdad > baghdad.ris  every match as RIS, for Zotero (File > Import...)
  opis-search --format csljson 'translator:Greenfield' > refs.json   every match as CSL-JSON
  opis-search --format csv --fields id,date,title,reference Iraq > iraq.csv   chosen columns
  opis-search --format ris --limit 20 Iraq        only the first 20 matches
  opis-search --record 209747                     one whole record, with its persons and places
  opis-search 'person:Khrushchev'                 any spelling: Khrushchov, Krushchev, Хрущёв
  opis-search 'person:=Ceaușescu'                 this exact spelling only
  opis-search --person Qassim --place Baghdad     the same as person:Qassim place:Baghdad
  opis-search 'person:Khrushchev "military force"' names, phrases and Booleans combine
  opis-search --facets person,place,year Iraq     top persons, places, years over all matches
  opis-search --kwic '"military force"'           concordance: every occurrence in every match, in context
  opis-search --kwic --context 8 --format csv Baghdad > baghdad-kwic.csv   ... as CSV (or --format json)
  opis-search --like 209747                       records similar to 209747, and the words they share
  opis-search 'Khrushchev NEAR/5 Baghdad'         both within 5 words of each other
  opis-search --explain 'person:Khrushchev Khrush*'   how the query was understood (on stderr)
  opis-search --persons Khrush                    the person register: name, variants, records
  opis-search --places                            the place register
  opis-search --db archive.opis Baghdad           a sharded index: its stub file
  opis-search --db archive.opis --allow-partial Baghdad   ... even with a shard down
  opis-search --db archive.opis --status          health check: is every shard up?

Exit status: 0 something found, 1 nothing found, 2 error (bad query, no
index, a shard down without --allow-partial). Output goes to stdout, messages to stderr.
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
  app.add_option("--from", from, "Only records dated on or after DATE (their date overlaps; see --date-mode)")->option_text("DATE");
  app.add_option("--to", to, "Only records dated on or before DATE (their date overlaps; see --date-mode)")->option_text("DATE");
  std::string date_mode = "overlap";
  app.add_option("--date-mode", date_mode,
                 "How date: and --from/--to match a record's date interval: overlap (default: any part of it in "
                 "the range) or within (all of it in the range)")
      ->check(CLI::IsMember({"overlap", "within"}))->option_text("MODE");
  app.add_option("-s,--sort", sort, "Order: relevance, date (oldest first) or -date (newest first)")
      ->check(CLI::IsMember({"relevance", "date", "-date"}))->option_text("ORDER");
  auto* limit_opt = app.add_option("-n,--limit", limit, "Show at most N results (default 10; with csv, ris or csljson: every match unless given)")
      ->check(CLI::Range(0u, 100000u))->option_text("N");
  app.add_option("--offset", offset, "Skip the first N results (for paging)")->option_text("N");
  app.add_option("-f,--format", format,
                 "Output: text or json (a page of results); csv, ris or csljson (every match, for spreadsheets and Zotero)")
      ->check(CLI::IsMember({"text", "json", "csv", "ris", "csljson"}))->option_text("FORMAT");
  std::string export_fields;
  auto* fields_opt = app.add_option("--fields", export_fields,
                                    csv_fields_help())
      ->option_text("LIST");
  app.add_option("--color", color, "Highlight matches: auto (on a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))->option_text("WHEN");
  app.add_flag("--any", any, "Match records with any of the words (default: all)");
  bool no_suggest = false;
  app.add_flag("--no-suggest", no_suggest,
               "Never look for a \"Did you mean\" spelling when few records match (it costs a few ms on a large "
               "index)");
  app.add_flag("--explain", explain,
               "Print how the query was understood (to stderr): fields, words and stems, phrases, proximity, "
               "wildcard expansions, person name variants, date intervals");
  bool kwic = false;
  unsigned kwic_context = 5;
  std::string like_id;
  app.add_flag("--kwic", kwic,
               "Concordance: one line per occurrence of the matched words or phrase in the text of every matching "
               "record, with context, id, date and reference (text, json or csv)");
  app.add_option("--context", kwic_context, "With --kwic: words of context either side (default 5)")
      ->check(CLI::Range(0u, 100u))->option_text("N");
  app.add_option("--like", like_id,
                 "Records similar to record ID (by its most distinctive words); a QUERY given too only filters them")
      ->option_text("ID");
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
  OpenOptions open_opts;
  app.add_flag("--allow-partial", open_opts.allow_partial,
               "With a sharded index (a stub file): when a shard is down, search the others and say which is missing");
  app.add_option("--remote-timeout", open_opts.remote_timeout_ms,
                 "Milliseconds to wait for a remote shard (default 10000)")->check(CLI::Range(1u, 3600000u))->option_text("MS");
  bool status_flag = false;
  app.add_flag("--status", status_flag,
               "Health check: open every shard of the index (or the one database), count its records, and exit 2 "
               "if any cannot be searched");
  if (auto status = parse_command_line(app, argc, argv)) return *status;
  // Citation export (csv, ris, csljson): check --fields before opening the index.
  std::unique_ptr<Exporter> exporter;
  try {
    if (auto ef = export_format_from_name(format)) {
      exporter = make_exporter(*ef, fields_opt->count() ? parse_csv_fields(export_fields) : std::vector<std::string>{});
    } else if (fields_opt->count()) {
      throw std::invalid_argument("--fields applies to --format csv only");
    }
  } catch (const std::invalid_argument& e) {
    std::cerr << "opis-search: error: " << e.what() << '\n';
    return exit_status::error;
  }

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
    if (status_flag) {
      auto shards = probe_shards(db, open_opts.remote_timeout_ms);
      bool all_ok = true;
      nlohmann::json j = nlohmann::json::array();
      for (std::size_t k = 0; k < shards.size(); ++k) {
        const auto& s = shards[k];
        all_ok = all_ok && s.ok;
        if (format == "json") {
          j.push_back({{"shard", k}, {"where", s.entry.describe()}, {"ok", s.ok}, {"records", s.records},
                       {"milliseconds", s.milliseconds}, {"error", s.error}});
        } else if (s.ok) {
          std::cout << fmt::format("shard {}  {}  ok  {} records  {:.1f} ms\n", k, s.entry.describe(), s.records, s.milliseconds);
        } else {
          std::cout << fmt::format("shard {}  {}  DOWN  {}\n", k, s.entry.describe(), s.error);
        }
      }
      if (format == "json") std::cout << j.dump(2) << '\n';
      return finish(all_ok ? exit_status::ok : exit_status::error);
    }
    Searcher searcher(db, open_opts);
    auto printer = make_printer(format == "json" ? OutputFormat::json : OutputFormat::text, want_color(color));
    if (!record_id.empty()) {
      auto r = searcher.record(record_id);
      if (!r) {
        std::cerr << fmt::format("opis-search: no record with id '{}' in '{}'\n", record_id, db);
        return exit_status::partial;
      }
      if (exporter) {  // one record as csv, ris or csljson
        Hit h;
        h.rank = 1;
        h.record = std::move(*r);
        exporter->set_context({"--record " + record_id, export_date_today()});
        exporter->begin(std::cout);
        exporter->hit(h, std::cout);
        exporter->end(std::cout);
      } else {
        printer->record(*r, std::cout);
      }
      return finish(exit_status::ok);
    }
    if (persons_flag->count() || places_flag->count()) {
      if (exporter) throw QueryError("--persons and --places print text or json, not " + format);
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
    if (opts.query.empty() && from.empty() && to.empty() && like_id.empty()) {
      std::cerr << "opis-search: error: give a query (or --from/--to, --like ID, or --record ID); see --help\n";
      return exit_status::error;
    }
    opts.query_options.match_any = any;
    opts.query_options.from = date_option(from, "--from");
    opts.query_options.to = date_option(to, "--to");
    opts.query_options.date_mode = date_mode == "within" ? DateMode::within : DateMode::overlap;
    opts.query_options.gazetteer = find_gazetteer();  // for place: and within:
    opts.sort = sort == "date" ? SortOrder::date : sort == "-date" ? SortOrder::date_desc : SortOrder::relevance;
    opts.limit = limit;
    opts.offset = offset;
    opts.like_id = like_id;
    opts.suggest = !no_suggest;
    opts.explain = explain;
    if (kwic) {
      // A concordance of every match (--limit N: of the first N records).
      if (format == "ris" || format == "csljson") throw QueryError("--kwic prints text, json or csv, not " + format);
      if (fields_opt->count()) throw QueryError("--fields does not apply to --kwic (its columns are fixed)");
      KwicResult k = searcher.kwic(opts, kwic_context, limit_opt->count() ? std::optional<unsigned>(limit) : std::nullopt);
      if (explain) std::cerr << "Parsed query: " << k.search.parsed << '\n' << "Understood as:\n" << k.search.explanation;
      for (const auto& m : k.search.missing_shards) std::cerr << "opis-search: warning: partial results: " << m << '\n';
      if (format == "json") {
        std::cout << kwic_json(k.lines).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
      } else if (format == "csv") {
        std::cout << kwic_csv(k.lines);
      } else {
        std::cout << kwic_text(k.lines, want_color(color));
        std::cerr << fmt::format("opis-search: {} occurrence{} in {} of {} matching record{}\n", k.lines.size(),
                                 k.lines.size() == 1 ? "" : "s", k.records_with_lines, k.records, k.records == 1 ? "" : "s");
      }
      return finish(k.lines.empty() ? exit_status::partial : exit_status::ok);
    }
    SearchResult res;
    if (exporter) {
      // Every match (or --limit N of them if given), from --offset, in rank
      // or --sort order; each record notes the query and the day.
      std::string asked = opts.query;
      if (!like_id.empty()) asked = "--like " + like_id + (asked.empty() ? "" : " " + asked);
      if (!from.empty()) asked += (asked.empty() ? "" : " ") + std::string("--from ") + from;
      if (!to.empty()) asked += (asked.empty() ? "" : " ") + std::string("--to ") + to;
      if (date_mode == "within") asked += (asked.empty() ? "" : " ") + std::string("--date-mode within");
      if (!facet_names.empty()) std::cerr << "opis-search: warning: --facets is ignored with --format " << format << '\n';
      exporter->set_context({asked, export_date_today()});
      res = export_search(searcher, opts, limit_opt->count() ? std::optional<unsigned>(limit) : std::nullopt,
                          *exporter, std::cout).first;
    } else {
      res = searcher.search(opts);
    }
    if (explain) std::cerr << "Parsed query: " << res.parsed << '\n';
    if (explain && !res.explanation.empty()) std::cerr << "Understood as:\n" << res.explanation;
    if (!res.missing_shards.empty()) {
      std::cerr << fmt::format("opis-search: warning: partial results: {} of {} shards searched\n",
                               res.shards - res.missing_shards.size(), res.shards);
      for (const auto& m : res.missing_shards) std::cerr << "opis-search: warning: " << m << '\n';
    }
    if (!exporter) printer->results(res, std::cout);
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

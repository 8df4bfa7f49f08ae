// opis-search: search an Opis index from the command line.
// Thin front end: the flags as given (Flags) become a validated Command
// before any work (as ripgrep's lowargs -> hiargs); one function runs each
// mode; core/output/ formats; main maps the outcome to an exit status.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <string_view>
#include <thread>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "opis/base/text.h"
#include "opis/base/untrusted.h"
#include "opis/cli/cli.h"
#include "opis/index/schema.h"
#include "opis/index/shards.h"
#include "opis/output/batch.h"
#include "opis/output/export.h"
#include "opis/output/kwic_printer.h"
#include "opis/output/printer.h"
#include "opis/search/entity_register.h"
#include "opis/search/searcher.h"
#include "opis/version.h"

using namespace opis;

namespace {

// --fields's help: the default columns, then the others (export.h lists both).
std::string csv_fields_help() {
  std::vector<std::string> more;
  for (const auto& f : csv_all_fields()) {
    if (std::find(csv_default_fields().begin(), csv_default_fields().end(), f) == csv_default_fields().end())
      more.push_back(f);
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

Many queries, one process (--batch FILE, or - for standard input): each line
is a query, or a JSON object with "query" and any of "person", "place",
"limit", "offset", "from", "to", "date_mode", "sort", "facets",
"facet_limit", "any", "suggest", "like", "format" ("json"); the flags given
are every line's defaults. Each answer is one line of JSON, in order, the
object --format json prints, or {"line", "query", "error": {"kind",
"message"}} for a line that fails; the batch goes on. Blank lines and lines
starting with # are skipped (no answer).
  opis-search --batch queries.txt > answers.jsonl   one answer a line
  opis-search --batch queries.txt --limit 3 --no-suggest   defaults for every line
  printf '%s\n' Baghdad '{"query": "Iraq", "limit": 3, "sort": "-date"}' | opis-search --batch -

Record text is untrusted: control characters and bidi overrides in it are
shown escaped (\x1b, \u202e), never sent to the terminal; JSON escapes them;
CSV and RIS make a value that starts like a formula (=, +, -, @) text ('=).

Exit status: 0 something found, 1 nothing found, 2 error (bad query, no
index, a shard down without --allow-partial). With --batch: 0 every line
answered, 1 some lines answered with an error object, 2 fatal (no index,
unreadable FILE). Output goes to stdout, messages to stderr.
)";

// --- Flags as given ------------------------------------------------------------

struct Flags {
  std::string db, from, to, sort = "relevance", format = "text", color = "auto", date_mode = "overlap";
  std::vector<std::string> words, persons, places, facet_names;
  unsigned limit = 10, offset = 0, kwic_context = 5, facet_limit = 10;
  bool any = false, explain = false, no_suggest = false, suggest = false, kwic = false, status = false;
  std::string export_fields, like_id, record_id, persons_pattern, places_pattern, batch, lang;
  OpenOptions open;
  // Whether a flag was given at all (CLI11 knows after parsing).
  CLI::Option* limit_opt = nullptr;
  CLI::Option* format_opt = nullptr;
  CLI::Option* batch_opt = nullptr;
  CLI::Option* fields_opt = nullptr;
  CLI::Option* persons_opt = nullptr;
  CLI::Option* places_opt = nullptr;
};

bool given(const CLI::Option* o) { return o && o->count() > 0; }

// Which flags to add to the App. Building CLI11's App costs about 25
// instructions in every 1,000 of a whole search (0.8 M: each option is
// built twice and its names checked against every option added before it,
// docs/benchmarks.md), though a command line names two or three flags. So
// the App first gets only the flags the command line names (and the
// query): CLI11 parses them as it would in the whole App, since it looks
// up only the names it meets. A name that no flag has, --help and
// --version (which print the whole App) get the whole App, built again from
// scratch: then the errors and the help are those of every flag.
class Wanted {
 public:
  /// Every flag.
  Wanted() = default;
  /// The flags `argv` names: "--name" and "--name=value" name --name;
  /// "-abc" names -a, -b and -c (a cluster of flags, or -a with the value
  /// "bc": taking all three covers both); nothing after "--".
  Wanted(int argc, char** argv) : m_all(false) {
    for (int i = 1; i < argc; ++i) {
      const std::string_view a = argv[i];
      if (a == "--") break;
      if (a.size() < 2 || a[0] != '-') continue;
      if (a[1] == '-') {
        m_named.emplace(a.substr(0, a.find('=')));
      } else {
        for (char c : a.substr(1)) m_named.insert(std::string{'-', c});
      }
    }
    for (const char* whole : {"-h", "--help", "-V", "--version"}) m_all = m_all || m_named.count(whole);
  }
  /// `names` ("-n,--limit") when the App is to have that flag, else null.
  const char* operator()(const char* names) {
    if (m_all) return names;
    bool named = false;
    for (std::string_view rest = names; !rest.empty();) {
      const std::size_t comma = rest.find(',');
      const std::string_view name = rest.substr(0, comma);
      if (m_named.count(name)) {
        m_found.emplace(name);
        named = true;
      }
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    return named ? names : nullptr;
  }
  /// Whether the App is to have every flag.
  bool all() const { return m_all; }
  /// Whether every name the command line gave is a flag added (after the
  /// flags were added).
  bool complete() const { return m_all || m_found.size() == m_named.size(); }

 private:
  bool m_all = true;
  std::set<std::string, std::less<>> m_named, m_found;
};

// The flags in the order --help lists them: index and query first. Each
// only when `want` says (Wanted).
void add_query_flags(CLI::App& app, Flags& f, Wanted& want) {
  if (want("-d,--db"))
    add_db_option(app, f.db);
  else
    f.db = default_db_path();
  app.add_option("query", f.words, "The query (several arguments are joined with spaces)")->option_text("QUERY...");
  if (auto n = want("--from"))
    app.add_option(n, f.from, "Only records dated on or after DATE (their date overlaps; see --date-mode)")
        ->option_text("DATE");
  if (auto n = want("--to"))
    app.add_option(n, f.to, "Only records dated on or before DATE (their date overlaps; see --date-mode)")
        ->option_text("DATE");
  if (auto n = want("--date-mode"))
    app.add_option(n, f.date_mode,
                   "How date: and --from/--to match a record's date interval: overlap (default: any part of it in "
                   "the range) or within (all of it in the range)")
        ->check(CLI::IsMember({"overlap", "within"}))
        ->option_text("MODE");
  if (auto n = want("--lang"))
    app.add_option(n, f.lang,
                   "Only records whose text is in LANG (name or ISO 639 code), the query's words stemmed in LANG "
                   "alone (default: in every language the index holds)")
        ->option_text("LANG");
  if (auto n = want("-s,--sort"))
    app.add_option(n, f.sort, "Order: relevance, date (oldest first) or -date (newest first)")
        ->check(CLI::IsMember({"relevance", "date", "-date"}))
        ->option_text("ORDER");
  if (auto n = want("-n,--limit"))
    f.limit_opt =
        app.add_option(n, f.limit,
                       "Show at most N results (default 10; with csv, ris or csljson: every match unless given)")
            ->check(CLI::Range(0u, 100000u))
            ->option_text("N");
  if (auto n = want("--offset")) app.add_option(n, f.offset, "Skip the first N results (for paging)")->option_text("N");
}

void add_output_flags(CLI::App& app, Flags& f, Wanted& want) {
  if (auto n = want("-f,--format"))
    f.format_opt = app.add_option(n, f.format,
                                  "Output: text or json (a page of results); csv, ris or csljson (every match, for "
                                  "spreadsheets and Zotero)")
                       ->check(CLI::IsMember({"text", "json", "csv", "ris", "csljson"}))
                       ->option_text("FORMAT");
  if (auto n = want("--fields"))
    f.fields_opt = app.add_option(n, f.export_fields, csv_fields_help())->option_text("LIST");
  if (auto n = want("--color"))
    app.add_option(n, f.color, "Highlight matches: auto (on a terminal), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->option_text("WHEN");
  if (auto n = want("--any")) app.add_flag(n, f.any, "Match records with any of the words (default: all)");
  if (auto n = want("--suggest"))
    app.add_flag(n, f.suggest,
                 "Look for a \"Did you mean\" spelling even when records match (by default only when none does: "
                 "it costs a few ms on a large index)");
  if (auto n = want("--no-suggest")) app.add_flag(n, f.no_suggest, "Never look for a \"Did you mean\" spelling");
  if (auto n = want("--explain"))
    app.add_flag(n, f.explain,
                 "Print how the query was understood (to stderr): fields, words and stems, phrases, proximity, "
                 "wildcard expansions, person name variants, date intervals");
}

void add_mode_flags(CLI::App& app, Flags& f, Wanted& want) {
  if (auto n = want("--kwic"))
    app.add_flag(n, f.kwic,
                 "Concordance: one line per occurrence of the matched words or phrase in the text of every matching "
                 "record, with context, id, date and reference (text, json or csv)");
  if (auto n = want("--context"))
    app.add_option(n, f.kwic_context, "With --kwic: words of context either side (default 5)")
        ->check(CLI::Range(0u, 100u))
        ->option_text("N");
  if (auto n = want("--like"))
    app.add_option(n, f.like_id,
                   "Records similar to record ID (by its most distinctive words); a QUERY given too only filters them")
        ->option_text("ID");
  if (auto n = want("--batch"))
    f.batch_opt = app.add_option(n, f.batch,
                                 "Many queries, one process: answer each line of FILE (- for standard input), a "
                                 "query or a JSON object {\"query\": ..., \"limit\": ...}, with one line of JSON "
                                 "(as --format json); the other flags are every line's defaults")
                      ->option_text("FILE|-");
  if (auto n = want("--record"))
    app.add_option(n, f.record_id, "Print one whole record by id, with every field, its persons and places")
        ->option_text("ID");
  if (auto n = want("--person"))
    app.add_option(n, f.persons, "Records naming this person, any spelling (as person:NAME; repeatable)")
        ->option_text("NAME");
  if (auto n = want("--place"))
    app.add_option(n, f.places, "Records naming this place, by any of its names (as place:NAME; repeatable)")
        ->option_text("NAME");
  if (auto n = want("--facets"))
    app.add_option(n, f.facet_names,
                   "Count values over all matches: person, place, year, lang, archive (comma-separated)")
        ->delimiter(',')
        ->allow_extra_args(false)
        ->check(CLI::IsMember({"person", "place", "year", "lang", "archive"}))
        ->option_text("LIST");
  if (auto n = want("--facet-limit"))
    app.add_option(n, f.facet_limit, "Values shown per facet (default 10)")
        ->check(CLI::Range(1u, 100000u))
        ->option_text("N");
  if (auto n = want("--persons"))
    f.persons_opt =
        app.add_option(n, f.persons_pattern,
                       "List the person register (canonical name, variants, records), or the entries matching PATTERN")
            ->expected(0, 1)
            ->option_text("[PATTERN]");
  if (auto n = want("--places"))
    f.places_opt = app.add_option(n, f.places_pattern, "List the place register, or the entries matching PATTERN")
                       ->expected(0, 1)
                       ->option_text("[PATTERN]");
}

void add_index_flags(CLI::App& app, Flags& f, Wanted& want) {
  if (auto n = want("--allow-partial"))
    app.add_flag(n, f.open.allow_partial,
                 "With a sharded index (a stub file): when a shard is down, search the others and say which is "
                 "missing");
  if (auto n = want("--remote-timeout"))
    app.add_option(n, f.open.remote_timeout_ms, "Milliseconds to wait for a remote shard (default 10000)")
        ->check(CLI::Range(1u, 3600000u))
        ->option_text("MS");
  if (auto n = want("--status"))
    app.add_flag(n, f.status,
                 "Health check: open every shard of the index (or the one database), count its records, and exit 2 "
                 "if any cannot be searched");
}

// --- The validated command ---------------------------------------------------

enum class Mode { status, record, entity_register, kwic, exporting, search, batch };

// What to do, checked: built from Flags before the index is opened.
struct Command {
  Mode mode = Mode::search;
  std::string db;
  OpenOptions open;
  std::string format;  ///< text, json, csv, ris, csljson
  bool color = false;
  std::unique_ptr<Exporter> exporter;    ///< csv, ris, csljson
  std::string record_id;                 ///< Mode::record
  std::string batch;                     ///< Mode::batch: the file of requests, or "-"
  EntityKind kind = EntityKind::person;  ///< Mode::entity_register
  std::string pattern;                   ///< Mode::entity_register
  SearchOptions search;                  ///< kwic, exporting, search
  unsigned kwic_context = 5;
  std::optional<unsigned> limit;  ///< --limit when given
  std::string asked;              ///< the query as given, for an export's note
  bool facets_ignored = false;    ///< --facets with an export format
};

bool want_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no = std::getenv("NO_COLOR");
  if (no && *no) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string(term) == "dumb") return false;
  return isatty(STDOUT_FILENO);
}

// The search of the query, kwic, export and batch modes (for a batch, every
// line's defaults: then it may ask nothing). Throws QueryError.
SearchOptions search_options(const Flags& f) {
  SearchOptions opts;
  opts.query = named_query(join(f.words, " "), f.persons, f.places);
  opts.facets = f.facet_names;
  opts.facet_limit = f.facet_limit;
  opts.query_options.match_any = f.any;
  opts.query_options.from = request_date(f.from, "--from");
  opts.query_options.to = request_date(f.to, "--to");
  opts.query_options.date_mode = f.date_mode == "within" ? DateMode::within : DateMode::overlap;
  opts.query_options.gazetteer = find_gazetteer();
  opts.query_options.language = f.lang;  // for person:, place: and within:
  opts.sort = f.sort == "date" ? SortOrder::date : f.sort == "-date" ? SortOrder::date_desc : SortOrder::relevance;
  opts.limit = f.limit;
  opts.offset = f.offset;
  opts.like_id = f.like_id;
  opts.suggest = !f.no_suggest;
  opts.suggest_always = f.suggest && !f.no_suggest;
  opts.explain = f.explain;
  if (f.batch.empty()) check_request(opts);
  return opts;
}

// What an export notes as its query: the query with --like, --from, --to
// and --date-mode as given.
std::string asked_of(const Flags& f, const std::string& query) {
  std::vector<std::string> parts;
  if (!f.like_id.empty()) parts.push_back("--like " + f.like_id);
  if (!query.empty()) parts.push_back(query);
  if (!f.from.empty()) parts.push_back("--from " + f.from);
  if (!f.to.empty()) parts.push_back("--to " + f.to);
  if (f.date_mode == "within") parts.push_back("--date-mode within");
  return join(parts, " ");
}

// Flags -> Command. The first mode given wins (--status, --record,
// --persons/--places, --kwic, an export format, a search), and only what it
// uses is checked. Throws std::invalid_argument or QueryError, saying what
// was wrong.
Command validate(const Flags& f) {
  Command c;
  c.db = f.db;
  c.open = f.open;
  c.format = f.format;
  c.color = want_color(f.color);
  // Citation export (csv, ris, csljson): --fields is checked first.
  if (auto ef = export_format_from_name(f.format)) {
    c.exporter =
        make_exporter(*ef, given(f.fields_opt) ? parse_csv_fields(f.export_fields) : std::vector<std::string>{});
  } else if (given(f.fields_opt)) {
    throw std::invalid_argument("--fields applies to --format csv only");
  }
  if (given(f.limit_opt)) c.limit = f.limit;
  if (given(f.batch_opt)) {
    // Each line is a search of its own: only the flags of a search apply.
    if (!f.words.empty() || !f.persons.empty() || !f.places.empty())
      throw QueryError("--batch takes its queries from FILE, not from the command line (or --person/--place)");
    if (given(f.format_opt) && f.format != "json")
      throw QueryError("--batch answers in JSON lines (--format json), not " + f.format);
    for (const auto& [given, flag] : std::initializer_list<std::pair<bool, const char*>>{
             {f.status, "--status"},
             {!f.record_id.empty(), "--record"},
             {given(f.persons_opt) || given(f.places_opt), "--persons/--places"},
             {f.kwic, "--kwic"},
             {f.explain, "--explain"},
             {given(f.fields_opt), "--fields"}}) {
      if (given) throw QueryError(fmt::format("{} does not apply to --batch", flag));
    }
    if (f.batch.empty()) throw QueryError("--batch needs a FILE, or - for standard input");
    c.mode = Mode::batch;
    c.batch = f.batch;
    c.search = search_options(f);
    c.search.display_records = true;  // JSON result lines
    return c;
  }
  if (f.status) {
    c.mode = Mode::status;
  } else if (!f.record_id.empty()) {
    c.mode = Mode::record;
    c.record_id = f.record_id;
  } else if (given(f.persons_opt) || given(f.places_opt)) {
    if (c.exporter) throw QueryError("--persons and --places print text or json, not " + f.format);
    c.mode = Mode::entity_register;
    c.kind = given(f.persons_opt) ? EntityKind::person : EntityKind::place;
    c.pattern = c.kind == EntityKind::person ? f.persons_pattern : f.places_pattern;
  } else {
    c.search = search_options(f);
    c.kwic_context = f.kwic_context;
    c.mode = f.kwic ? Mode::kwic : c.exporter ? Mode::exporting : Mode::search;
    // A text or JSON result line needs no more of a record than this.
    c.search.display_records = c.mode == Mode::search;
  }
  if (c.mode == Mode::kwic) {
    // A concordance of every match (--limit N: of the first N records).
    if (f.format == "ris" || f.format == "csljson")
      throw QueryError("--kwic prints text, json or csv, not " + f.format);
    if (given(f.fields_opt)) throw QueryError("--fields does not apply to --kwic (its columns are fixed)");
  }
  if (c.mode == Mode::exporting) {
    c.asked = asked_of(f, c.search.query);
    c.facets_ignored = !f.facet_names.empty();
  }
  return c;
}

// --- The modes -----------------------------------------------------------------

// A closed pipe (opis-search ... | head) is not an error.
int finish(int status) {
  std::cout.flush();
  if (!std::cout && errno == EPIPE) return exit_status::ok;
  return status;
}

// Messages quote queries, ids, paths and the index's errors: made safe for
// the terminal (untrusted.h), as the printers make record text.
int fail(const std::string& what) {
  std::cerr << "opis-search: error: " << terminal_safe(what) << '\n';
  return exit_status::error;
}

std::unique_ptr<Printer> printer_for(const Command& c) {
  return make_printer(c.format == "json" ? OutputFormat::json : OutputFormat::text, c.color);
}

// Whether the index is there. A bulk build swaps its merged index in with
// two renames; between them the path is briefly absent: wait for it rather
// than fail.
bool index_present(const std::string& db) {
  for (int i = 0; i < 50 && !std::filesystem::exists(db) &&
                  (std::filesystem::exists(db + ".opis-new") || std::filesystem::exists(db + ".opis-old"));
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return std::filesystem::exists(db);
}

int run_status(const Command& c) {
  auto shards = probe_shards(c.db, c.open.remote_timeout_ms);
  printer_for(c)->shard_status(shards, std::cout);
  bool all_ok = std::all_of(shards.begin(), shards.end(), [](const ShardStatus& s) { return s.ok; });
  return finish(all_ok ? exit_status::ok : exit_status::error);
}

int run_record(const Command& c, Searcher& searcher) {
  auto r = searcher.record(c.record_id);
  if (!r) {
    std::cerr << fmt::format("opis-search: no record with id '{}' in '{}'\n", terminal_safe(c.record_id),
                             terminal_safe(c.db));
    return exit_status::partial;
  }
  if (c.exporter) {  // one record as csv, ris or csljson
    Hit h;
    h.rank = 1;
    h.record = std::move(*r);
    c.exporter->set_context({"--record " + c.record_id, export_date_today(std::getenv("SOURCE_DATE_EPOCH"))});
    c.exporter->begin(std::cout);
    c.exporter->hit(h, std::cout);
    c.exporter->end(std::cout);
  } else {
    printer_for(c)->record(*r, std::cout);
  }
  return finish(exit_status::ok);
}

int run_register(const Command& c) {
  auto entries = entity_register(c.db, c.kind, c.pattern);
  printer_for(c)->register_list(entries, c.kind, std::cout);
  return finish(entries.empty() ? exit_status::partial : exit_status::ok);
}

int run_kwic(const Command& c, Searcher& searcher) {
  KwicResult k = searcher.kwic(c.search, c.kwic_context, c.limit);
  if (c.search.explain) std::cerr << explanation_text(k.search, true);
  for (const auto& m : k.search.missing_shards) {
    std::cerr << "opis-search: warning: partial results: " << terminal_safe(m) << '\n';
  }
  std::cout << kwic_output(k.lines, c.format, c.color);
  if (c.format != "json" && c.format != "csv") std::cerr << "opis-search: " << kwic_summary(k) << '\n';
  return finish(k.lines.empty() ? exit_status::partial : exit_status::ok);
}

// A search or an export: the notes on stderr, then the exit status.
int after_search(const Command& c, const SearchResult& res) {
  if (c.search.explain) std::cerr << explanation_text(res, false);
  if (!res.missing_shards.empty()) {
    std::cerr << fmt::format("opis-search: warning: partial results: {} of {} shards searched\n",
                             res.shards - res.missing_shards.size(), res.shards);
    for (const auto& m : res.missing_shards) std::cerr << "opis-search: warning: " << terminal_safe(m) << '\n';
  }
  return res.total > 0 ? exit_status::ok : exit_status::partial;
}

// Every match (or --limit N of them if given), from --offset, in rank or
// --sort order; each record notes the query and the day.
int run_export(const Command& c, Searcher& searcher) {
  if (c.facets_ignored) std::cerr << "opis-search: warning: --facets is ignored with --format " << c.format << '\n';
  c.exporter->set_context({c.asked, export_date_today(std::getenv("SOURCE_DATE_EPOCH"))});
  SearchResult res = export_search(searcher, c.search, c.limit, *c.exporter, std::cout).first;
  return finish(after_search(c, res));
}

int run_search(const Command& c, Searcher& searcher) {
  SearchResult res = searcher.search(c.search);
  int status = after_search(c, res);
  printer_for(c)->results(res, std::cout);
  return finish(status);
}

// --batch: one answer a line; 0 when every line was answered, 1 when some
// were answered with an error object.
int run_batch(const Command& c, Searcher& searcher) {
  BatchCounts counts;
  if (c.batch == "-") {
    counts = run_batch(searcher, std::cin, "stdin", c.search, std::cout, std::cerr);
  } else {
    std::ifstream in(c.batch);
    if (!in) return fail(fmt::format("cannot read the batch file '{}': {}", c.batch, std::strerror(errno)));
    counts = run_batch(searcher, in, c.batch, c.search, std::cout, std::cerr);
  }
  return finish(counts.failed ? exit_status::partial : exit_status::ok);
}

int run(const Command& c) {
  if (!index_present(c.db)) {
    return fail(fmt::format("no index at '{}'; run opis-index first, or give --db DIR", c.db));
  }
  if (c.mode == Mode::status) return run_status(c);
  Searcher searcher(c.db, c.open);
  switch (c.mode) {
    case Mode::record: return run_record(c, searcher);
    case Mode::entity_register: return run_register(c);
    case Mode::kwic: return run_kwic(c, searcher);
    case Mode::exporting: return run_export(c, searcher);
    case Mode::search: return run_search(c, searcher);
    case Mode::batch: return run_batch(c, searcher);
    case Mode::status: break;
  }
  return exit_status::error;
}

// The App with the flags `want` says, writing into `flags`.
std::unique_ptr<CLI::App> make_app(Flags& flags, Wanted& want) {
  auto app = std::make_unique<CLI::App>("opis-search: search an Opis index of archive records.", "opis-search");
  if (want.all()) {
    app->set_version_flag("-V,--version", "opis-search " OPIS_VERSION);
    // Made when --help prints it (CLI11 puts a newline after a footer
    // function's text: the last one of the text is left to it).
    app->footer([] {
      std::string s = fields_help() + kExamples;
      s.pop_back();
      return s;
    });
  }
  add_query_flags(*app, flags, want);
  add_output_flags(*app, flags, want);
  add_mode_flags(*app, flags, want);
  add_index_flags(*app, flags, want);
  return app;
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  Flags flags;
  Wanted want(argc, argv);
  std::unique_ptr<CLI::App> app = make_app(flags, want);
  if (!want.complete()) {  // a name no flag has: the whole App says so
    flags = Flags();
    want = Wanted();
    app = make_app(flags, want);
  }
  if (auto status = parse_command_line(*app, argc, argv)) return *status;
  try {
    return run(validate(flags));
  } catch (const Xapian::DatabaseOpeningError& e) {
    return fail(fmt::format("cannot open index '{}': {}", flags.db, e.get_msg()));
  } catch (const Xapian::Error& e) {
    return fail(fmt::format("index '{}': {}: {}", flags.db, e.get_type(), e.get_msg()));
  } catch (const std::exception& e) {
    return fail(e.what());
  }
}

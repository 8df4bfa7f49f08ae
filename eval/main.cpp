// opis-eval: measure person and place search against a gold file. Thin
// front end: flags, then core (evaluation.h), then the figures.
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "opis/base/text.h"
#include "opis/base/untrusted.h"
#include "opis/cli/cli.h"
#include "opis/search/evaluation.h"
#include "opis/version.h"

using namespace opis;

namespace {

constexpr const char* kFooter = R"FOOTER(
Gold file: JSONL, one record a line:
  {"id": "9010", "persons": ["Sabri, Hassan"], "places": ["Baghdad", "Iraq"]}
Recall: the share of gold names whose person:/place: search finds the
record. Precision: the share of the persons (places) the index extracted
from the record that match a gold name. Nothing is indexed: index the
records first with opis-index.

Side by side: for the same value, a person's surname ("Sabri, Hassan" ->
Sabri) or a place's name ("Sarthe (former Maine)" -> Sarthe), the share of
gold names whose person:"V" (place:"V") finds the record, and the share
whose plain phrase "V" does, both limited to the record. With --mentions
(JSONL: id, kind, register, surface; one line per mention, as
eval/data-sources/convert_tei.py writes it) the names split into those some
mention writes as the value ("as register": case kept, whole words) and
the others.

Examples:
  opis-eval --gold tests/data/gold/persons-places.jsonl --db /tmp/sample
  opis-eval --gold gold.jsonl --format json | jq .overall
  opis-eval --gold pec/gold.jsonl --mentions pec/mentions.jsonl --db /tmp/pec --summary

Exit status: 0 evaluated, 2 error (no index, unreadable gold file).
)FOOTER";

std::string pct(double x) { return fmt::format("{:5.1f}%", 100 * x); }

nlohmann::json comparison_json(const Comparison& c) {
  return {{"pairs", c.pairs},
          {"field", c.field},
          {"plain", c.plain},
          {"field_recall", c.field_recall()},
          {"plain_recall", c.plain_recall()}};
}

nlohmann::json score_json(const Score& s, bool with_mentions, bool lists) {
  nlohmann::json j{{"gold", s.gold},
                   {"found", s.found},
                   {"recall", s.recall()},
                   {"extracted", s.extracted},
                   {"correct", s.correct},
                   {"precision", s.precision()},
                   {"by_name", comparison_json(s.by_name)}};
  if (with_mentions) {
    j["as_register"] = comparison_json(s.as_register);
    j["other"] = comparison_json(s.other);
  }
  if (lists) {
    j["missed"] = s.missed;
    j["spurious"] = s.spurious;
  }
  return j;
}

// The side-by-side table: field search and plain phrase of the same value.
void print_side_by_side(const Evaluation& ev) {
  std::cout << fmt::format("\n{:<14} {:>6} {:>9} {:>9}\n", "side by side", "pairs", "field:", "plain");
  auto row = [](const std::string& label, const Comparison& c) {
    std::cout << fmt::format("{:<14} {:>6} {:>9} {:>9}\n", label, c.pairs, pct(c.field_recall()),
                             pct(c.plain_recall()));
  };
  auto block = [&](const std::string& label, const Score& s) {
    row(label, s.by_name);
    if (ev.with_mentions) {
      row("  as register", s.as_register);
      row("  other", s.other);
    }
  };
  block("persons", ev.persons);
  block("places", ev.places);
}

// Ids and names come from the gold file and the index: made safe for the
// terminal on their line (untrusted.h).
std::string safe(std::string_view s) { return terminal_safe(s); }

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"opis-eval: recall and precision of person and place search against a gold file.", "opis-eval"};
  app.set_version_flag("-V,--version", "opis-eval " OPIS_VERSION);
  app.footer(kFooter);
  std::string db, gold_path, mentions_path, format = "text";
  bool verbose = false, summary = false;
  add_db_option(app, db);
  app.add_option("--gold", gold_path, "Gold file (JSONL: id, persons, places)")->required()->option_text("FILE");
  app.add_option("--format", format, "Output: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->option_text("FORMAT");
  app.add_option("--mentions", mentions_path, "How the text writes each gold name (JSONL: id, kind, register, surface)")
      ->option_text("FILE");
  app.add_flag("-v,--verbose", verbose, "List the missed and spurious names of each record");
  app.add_flag("--summary", summary, "Only the overall figures, no line per record");
  if (auto status = parse_command_line(app, argc, argv)) return *status;
  try {
    std::vector<Diagnostic> diags;
    auto gold = load_gold(gold_path, diags);
    if (!mentions_path.empty()) load_mentions(mentions_path, gold, diags);
    for (const auto& d : diags) std::cerr << d.format() << '\n';
    Searcher searcher(db);
    Evaluation ev = evaluate(searcher, gold, load_gazetteer());
    if (format == "json") {
      nlohmann::json out{{"gold", gold_path}};
      if (!summary) {
        nlohmann::json recs = nlohmann::json::array();
        for (const auto& r : ev.records) {
          recs.push_back({{"id", r.id},
                          {"in_index", r.in_index},
                          {"persons", score_json(r.persons, ev.with_mentions, true)},
                          {"places", score_json(r.places, ev.with_mentions, true)}});
        }
        out["records"] = recs;
      }
      out["overall"] = {{"persons", score_json(ev.persons, ev.with_mentions, false)},
                        {"places", score_json(ev.places, ev.with_mentions, false)}};
      std::cout << json_text(out) << '\n';
      return exit_status::ok;
    }
    std::cout << fmt::format("{:<10} {:>15} {:>15} {:>15} {:>15}\n", "record", "person recall", "person prec.",
                             "place recall", "place prec.");
    for (const auto& r : ev.records) {
      if (summary) break;
      if (!r.in_index) {
        std::cout << fmt::format("{:<10} not in the index\n", safe(r.id));
        continue;
      }
      std::cout << fmt::format(
          "{:<10} {:>6} ({:>2}/{:<2}) {:>6} ({:>2}/{:<2}) {:>6} ({:>2}/{:<2}) {:>6} ({:>2}/{:<2})\n", safe(r.id),
          pct(r.persons.recall()), r.persons.found, r.persons.gold, pct(r.persons.precision()), r.persons.correct,
          r.persons.extracted, pct(r.places.recall()), r.places.found, r.places.gold, pct(r.places.precision()),
          r.places.correct, r.places.extracted);
      if (verbose) {
        auto list = [](const std::vector<std::string>& v) { return safe(join(v, "; ")); };
        if (!r.persons.missed.empty()) std::cout << "    persons missed: " << list(r.persons.missed) << '\n';
        if (!r.persons.spurious.empty()) std::cout << "    persons spurious: " << list(r.persons.spurious) << '\n';
        if (!r.places.missed.empty()) std::cout << "    places missed: " << list(r.places.missed) << '\n';
        if (!r.places.spurious.empty()) std::cout << "    places spurious: " << list(r.places.spurious) << '\n';
      }
    }
    std::cout << fmt::format("{:<10} {:>6} ({}/{}) {:>6} ({}/{}) {:>6} ({}/{}) {:>6} ({}/{})\n", "overall",
                             pct(ev.persons.recall()), ev.persons.found, ev.persons.gold, pct(ev.persons.precision()),
                             ev.persons.correct, ev.persons.extracted, pct(ev.places.recall()), ev.places.found,
                             ev.places.gold, pct(ev.places.precision()), ev.places.correct, ev.places.extracted);
    print_side_by_side(ev);
    return exit_status::ok;
  } catch (const Xapian::Error& e) {
    std::cerr << fmt::format("opis-eval: error: index '{}': {}: {}\n", safe(db), e.get_type(), safe(e.get_msg()));
    return exit_status::error;
  } catch (const std::exception& e) {
    std::cerr << "opis-eval: error: " << safe(e.what()) << '\n';
    return exit_status::error;
  }
}

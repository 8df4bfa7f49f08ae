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

constexpr const char* kFooter = R"(
Gold file: JSONL, one record a line:
  {"id": "9010", "persons": ["Sabri, Hassan"], "places": ["Baghdad", "Iraq"]}
Recall: the share of gold names whose person:/place: search finds the
record. Precision: the share of the persons (places) the index extracted
from the record that match a gold name. Nothing is indexed: index the
records first with opis-index.

Examples:
  opis-eval --gold tests/data/gold/persons-places.jsonl --db /tmp/sample
  opis-eval --gold gold.jsonl --format json | jq .overall

Exit status: 0 evaluated, 2 error (no index, unreadable gold file).
)";

std::string pct(double x) { return fmt::format("{:5.1f}%", 100 * x); }

// Ids and names come from the gold file and the index: made safe for the
// terminal on their line (untrusted.h).
std::string safe(std::string_view s) { return terminal_safe(s); }

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"opis-eval: recall and precision of person and place search against a gold file.", "opis-eval"};
  app.set_version_flag("-V,--version", "opis-eval " OPIS_VERSION);
  app.footer(kFooter);
  std::string db, gold_path, format = "text";
  bool verbose = false;
  add_db_option(app, db);
  app.add_option("--gold", gold_path, "Gold file (JSONL: id, persons, places)")->required()->option_text("FILE");
  app.add_option("--format", format, "Output: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->option_text("FORMAT");
  app.add_flag("-v,--verbose", verbose, "List the missed and spurious names of each record");
  if (auto status = parse_command_line(app, argc, argv)) return *status;
  try {
    std::vector<Diagnostic> diags;
    auto gold = load_gold(gold_path, diags);
    for (const auto& d : diags) std::cerr << d.format() << '\n';
    Searcher searcher(db);
    Evaluation ev = evaluate(searcher, gold, load_gazetteer());
    if (format == "json") {
      auto score = [](const Score& s) {
        return nlohmann::json{{"gold", s.gold},           {"found", s.found},      {"recall", s.recall()},
                              {"extracted", s.extracted}, {"correct", s.correct},  {"precision", s.precision()},
                              {"missed", s.missed},       {"spurious", s.spurious}};
      };
      nlohmann::json recs = nlohmann::json::array();
      for (const auto& r : ev.records) {
        recs.push_back(
            {{"id", r.id}, {"in_index", r.in_index}, {"persons", score(r.persons)}, {"places", score(r.places)}});
      }
      nlohmann::json overall{{"persons", score(ev.persons)}, {"places", score(ev.places)}};
      overall["persons"].erase("missed");
      overall["persons"].erase("spurious");
      overall["places"].erase("missed");
      overall["places"].erase("spurious");
      std::cout << json_text(nlohmann::json{{"gold", gold_path}, {"records", recs}, {"overall", overall}}) << '\n';
      return exit_status::ok;
    }
    std::cout << fmt::format("{:<10} {:>15} {:>15} {:>15} {:>15}\n", "record", "person recall", "person prec.",
                             "place recall", "place prec.");
    for (const auto& r : ev.records) {
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
    return exit_status::ok;
  } catch (const Xapian::Error& e) {
    std::cerr << fmt::format("opis-eval: error: index '{}': {}: {}\n", safe(db), e.get_type(), safe(e.get_msg()));
    return exit_status::error;
  } catch (const std::exception& e) {
    std::cerr << "opis-eval: error: " << safe(e.what()) << '\n';
    return exit_status::error;
  }
}

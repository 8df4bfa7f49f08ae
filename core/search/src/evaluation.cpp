// Evaluation of person and place search against a gold file.
#include "opis/search/evaluation.h"

#include <fstream>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "opis/base/text.h"
#include "opis/entities/authority.h"
#include "opis/entities/gazetteer.h"
#include "opis/entities/name_key.h"

namespace opis {

namespace {

std::string quote(const std::string& s) {
  std::string q;
  for (char c : s) q += c == '"' ? ' ' : c;
  return "\"" + q + "\"";
}

bool found_by(Searcher& s, const std::string& id, const std::string& query, const Gazetteer& gz) {
  SearchOptions o;
  o.query = "id:" + quote(id) + " " + query;
  o.query_options.gazetteer = gz.path();
  o.limit = 1;
  try {
    return s.search(o).total > 0;
  } catch (const QueryError&) {
    return false;
  }
}

// Same person: the surname keys agree and every other word of the shorter
// name has a key in the longer one.
bool same_person(const std::string& gold, const Person& p) {
  auto g = name_words(gold_person_query(gold));
  std::vector<std::string> e;
  for (const auto& n : std::vector<std::string>{p.name, p.surname}) {
    for (const auto& w : name_words(n)) e.push_back(name_key(w));
  }
  for (const auto& a : p.aliases) {
    for (const auto& w : name_words(a)) e.push_back(name_key(w));
  }
  if (g.empty() || e.empty()) return false;
  for (const auto& w : g) {
    if (std::find(e.begin(), e.end(), name_key(w)) != e.end()) return true;
  }
  return false;
}

}  // namespace

void Score::add(const Score& o) {
  gold += o.gold;
  found += o.found;
  extracted += o.extracted;
  correct += o.correct;
}

std::string gold_person_query(const std::string& gold_name) {
  auto comma = gold_name.find(',');
  if (comma == std::string::npos) return gold_name;
  std::string given = trim_copy(gold_name.substr(comma + 1));
  // "Hussein, King of Jordan": the part after the comma is a title.
  for (const char* w : {" of ", "King", "Queen", "Shah", "Pope"}) {
    if (given.find(w) != std::string::npos) return trim_copy(gold_name.substr(0, comma));
  }
  return gold_name;  // person: reads "Surname, Given" itself
}

std::vector<GoldRecord> load_gold(const std::string& path, std::vector<Diagnostic>& diags) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(fmt::format("cannot read gold file '{}'", path));
  std::vector<GoldRecord> out;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (trim(line).empty()) continue;
    try {
      auto j = nlohmann::json::parse(line);
      GoldRecord g;
      g.id = j.at("id").is_string() ? j.at("id").get<std::string>() : j.at("id").dump();
      g.persons = j.value("persons", std::vector<std::string>{});
      g.places = j.value("places", std::vector<std::string>{});
      g.line = n;
      out.push_back(std::move(g));
    } catch (const std::exception& e) {
      diags.push_back({Severity::error, path, n, 0, fmt::format("bad gold line ({}); line skipped", e.what())});
    }
  }
  return out;
}

Evaluation evaluate(Searcher& s, const std::vector<GoldRecord>& gold, const Gazetteer& gz) {
  Evaluation ev;
  for (const auto& g : gold) {
    RecordEval re;
    re.id = g.id;
    auto rec = s.record(g.id);
    if (!rec) re.in_index = false;
    for (const auto& p : g.persons) {
      ++re.persons.gold;
      if (rec && found_by(s, g.id, "person:" + quote(gold_person_query(p)), gz))
        ++re.persons.found;
      else
        re.persons.missed.push_back(p);
    }
    for (const auto& p : g.places) {
      ++re.places.gold;
      if (rec && found_by(s, g.id, "place:" + quote(p), gz))
        ++re.places.found;
      else
        re.places.missed.push_back(p);
    }
    if (rec) {
      for (const auto& p : rec->persons) {
        ++re.persons.extracted;
        bool ok =
            std::any_of(g.persons.begin(), g.persons.end(), [&](const std::string& gp) { return same_person(gp, p); });
        if (ok)
          ++re.persons.correct;
        else
          re.persons.spurious.push_back(p.name);
      }
      for (const auto& p : rec->places) {
        ++re.places.extracted;
        bool ok = std::any_of(g.places.begin(), g.places.end(),
                              [&](const std::string& gp) { return fold_name(gz.canonical(gp)) == fold_name(p.name); });
        if (ok)
          ++re.places.correct;
        else
          re.places.spurious.push_back(p.name);
      }
    }
    ev.persons.add(re.persons);
    ev.places.add(re.places);
    ev.records.push_back(std::move(re));
  }
  return ev;
}

}  // namespace opis

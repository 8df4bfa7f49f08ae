// Evaluation of person and place search against a gold file.
#include "opis/search/evaluation.h"

#include <fstream>
#include <functional>
#include <regex>
#include <stdexcept>

#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
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
  o.suggest = false;  // only the count matters: no "Did you mean" look-up for a miss
  try {
    return s.search(o).total > 0;
  } catch (const QueryError&) {
    return false;
  }
}

// One gold name compared side by side: person:"V" (place:"V") against "V".
void compare(Searcher& s, const std::string& id, bool in_index, const std::string& gold_name, bool person,
             const std::map<std::string, std::vector<std::string>>& mentions, const Gazetteer& gz, Score& score) {
  const std::string v = gold_name_value(gold_name, person);
  if (v.empty()) return;  // nothing to search for (measure.py leaves the pair out too)
  Comparison c;
  c.pairs = 1;
  c.field = in_index && found_by(s, id, (person ? "person:" : "place:") + quote(v), gz);
  c.plain = in_index && found_by(s, id, quote(v), gz);
  auto m = mentions.find(gold_name);
  bool as_register = m != mentions.end() && written_as(v, m->second);
  score.by_name.add(c);
  (as_register ? score.as_register : score.other).add(c);
}

// Read JSONL, one object a line; bad lines become diagnostics.
void read_jsonl(const std::string& path, const char* what, std::vector<Diagnostic>& diags,
                const std::function<void(const nlohmann::json&, int)>& take) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(fmt::format("cannot read {} file '{}'", what, path));
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (trim(line).empty()) continue;
    try {
      take(nlohmann::json::parse(line), n);
    } catch (const std::exception& e) {
      diags.push_back({Severity::error, path, n, 0, fmt::format("bad {} line ({}); line skipped", what, e.what())});
    }
  }
}

std::string json_id(const nlohmann::json& j) {
  return j.at("id").is_string() ? j.at("id").get<std::string>() : j.at("id").dump();
}

// Python's \w, as measure.py's verbatim() reads it: a letter, digit or '_'.
bool word_char(UChar32 c) { return c == '_' || u_isalnum(c); }

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

void Comparison::add(const Comparison& o) {
  pairs += o.pairs;
  field += o.field;
  plain += o.plain;
}

void Score::add(const Score& o) {
  gold += o.gold;
  found += o.found;
  extracted += o.extracted;
  correct += o.correct;
  by_name.add(o.by_name);
  as_register.add(o.as_register);
  other.add(o.other);
}

std::string gold_name_value(const std::string& gold_name, bool person) {
  std::string v = gold_name;
  if (person) {
    auto comma = v.find(',');
    if (comma != std::string::npos) v.erase(comma);
  } else {
    static const std::regex trailing_parenthesis(R"(\s*\([^()]*\)\s*$)");
    std::string cut = trim_copy(std::regex_replace(v, trailing_parenthesis, ""));
    if (!cut.empty()) v = cut;
  }
  for (char& c : v) {
    if (c == '"') c = ' ';
  }
  return trim_copy(v);
}

bool written_as(const std::string& value, const std::vector<std::string>& surfaces) {
  if (value.empty()) return false;
  for (const auto& s : surfaces) {
    for (auto at = s.find(value); at != std::string::npos; at = s.find(value, at + 1)) {
      const auto* p = reinterpret_cast<const uint8_t*>(s.data());
      int32_t before = static_cast<int32_t>(at), after = static_cast<int32_t>(at + value.size());
      UChar32 c = 0;
      bool open = true, close = true;
      if (before > 0) {
        U8_PREV(p, 0, before, c);
        open = !word_char(c);
      }
      if (after < static_cast<int32_t>(s.size())) {
        U8_NEXT(p, after, static_cast<int32_t>(s.size()), c);
        close = !word_char(c);
      }
      if (open && close) return true;
    }
  }
  return false;
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
  std::vector<GoldRecord> out;
  read_jsonl(path, "gold", diags, [&](const nlohmann::json& j, int n) {
    GoldRecord g;
    g.id = json_id(j);
    g.persons = j.value("persons", std::vector<std::string>{});
    g.places = j.value("places", std::vector<std::string>{});
    g.line = n;
    out.push_back(std::move(g));
  });
  return out;
}

void load_mentions(const std::string& path, std::vector<GoldRecord>& gold, std::vector<Diagnostic>& diags) {
  std::map<std::string, GoldRecord*> by_id;
  for (auto& g : gold) by_id.emplace(g.id, &g);
  read_jsonl(path, "mentions", diags, [&](const nlohmann::json& j, int) {
    const std::string kind = j.at("kind").get<std::string>();
    if (kind != "person" && kind != "place") throw std::runtime_error("kind '" + kind + "', not person or place");
    auto g = by_id.find(json_id(j));
    if (g == by_id.end()) return;
    const auto& names = kind == "person" ? g->second->persons : g->second->places;
    const std::string reg = j.at("register").get<std::string>();
    if (std::find(names.begin(), names.end(), reg) == names.end()) return;
    auto& mentions = kind == "person" ? g->second->person_mentions : g->second->place_mentions;
    mentions[reg].push_back(j.at("surface").get<std::string>());
  });
}

Evaluation evaluate(Searcher& s, const std::vector<GoldRecord>& gold, const Gazetteer& gz) {
  Evaluation ev;
  for (const auto& g : gold) {
    ev.with_mentions = ev.with_mentions || !g.person_mentions.empty() || !g.place_mentions.empty();
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
      compare(s, g.id, rec.has_value(), p, true, g.person_mentions, gz, re.persons);
    }
    for (const auto& p : g.places) {
      ++re.places.gold;
      if (rec && found_by(s, g.id, "place:" + quote(p), gz))
        ++re.places.found;
      else
        re.places.missed.push_back(p);
      compare(s, g.id, rec.has_value(), p, false, g.place_mentions, gz, re.places);
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

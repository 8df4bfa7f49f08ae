// The register of persons and places, built from the stored records.
#include "opis/search/entity_register.h"

#include <algorithm>
#include <map>
#include <set>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "opis/index/document.h"

#include "opis/entities/name_key.h"
#include "opis/index/schema.h"
#include "opis/record/record.h"

namespace opis {

namespace {

struct Group {
  std::map<std::string, unsigned> names;  ///< full form -> records using it as the name
  std::set<std::string> variants;
  std::set<std::string> ids;
  unsigned mentions = 0;
  std::string given_initial;
};

// First letter of the first given name ("N.S. Khrushchev" -> "n"), or ""
// when the name starts with the surname ("Khrushchev").
std::string initial_of(const std::string& name, const std::string& surname) {
  std::string folded = fold_name(name);
  auto sw = name_words(surname);
  if (folded.empty()) return "";
  std::string first = folded.substr(0, folded.find(' '));
  if (!sw.empty() && first == sw.front()) return "";
  return folded.substr(0, 1);
}

// Whether `pattern` selects an entry: folded, part of its name or a
// variant, or a word of it with the entry's surname key.
bool matches(const std::string& folded_pattern, const std::vector<std::string>& pattern_keys,
             const std::vector<std::string>& folded, const std::string& key) {
  if (folded_pattern.empty()) return true;
  for (const auto& f : folded) {
    if (f.find(folded_pattern) != std::string::npos) return true;
  }
  if (key.empty()) return false;
  return std::find(pattern_keys.begin(), pattern_keys.end(), key) != pattern_keys.end();
}

}  // namespace

Register build_register(const Xapian::Database& db, EntityKind kind) {
  std::multimap<std::string, Group> groups;  // key -> groups with that key
  // Records in id order, not in docid order: the grouping below keeps the
  // first compatible group, and a bulk build's docids follow its threads'
  // timing, so two builds of one collection listed different registers.
  std::vector<std::pair<std::string, Xapian::docid>> order;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    order.emplace_back(db.get_document(*it, Xapian::DOC_ASSUME_VALID).get_value(slot::id), *it);
  }
  std::sort(order.begin(), order.end());
  for (const auto& [id, did] : order) {
    Record r;
    try {
      r = record_from_document(db.get_document(did));
    } catch (const std::exception&) {
      continue;
    }
    if (kind == EntityKind::person) {
      for (const Person& p : r.persons) {
        auto sw = name_words(p.surname.empty() ? p.name : p.surname);
        if (sw.empty()) continue;
        std::string key = name_key(sw.back());
        std::string gi = initial_of(p.name, p.surname);
        Group* g = nullptr;
        auto range = groups.equal_range(key);
        for (auto i = range.first; i != range.second; ++i) {
          if (i->second.given_initial.empty() || gi.empty() || i->second.given_initial == gi) {
            g = &i->second;
            break;
          }
        }
        if (!g) g = &groups.emplace(key, Group{})->second;
        if (g->given_initial.empty()) g->given_initial = gi;
        ++g->names[p.name];
        g->variants.insert(p.forms.begin(), p.forms.end());
        g->variants.insert(p.aliases.begin(), p.aliases.end());
        g->ids.insert(r.id);
        g->mentions += p.mentions;
      }
    } else {
      for (const Place& p : r.places) {
        // One group per canonical place name.
        auto it = groups.find(p.name);
        if (it == groups.end()) it = groups.emplace(p.name, Group{});
        Group& g = it->second;
        ++g.names[p.name];
        g.variants.insert(p.forms.begin(), p.forms.end());
        g.ids.insert(r.id);
        g.mentions += p.mentions;
      }
    }
  }
  Register reg;
  reg.kind = kind;
  std::vector<std::pair<RegisterEntry, std::string>> out;  // entry, key
  for (auto& [key, g] : groups) {
    RegisterEntry e;
    unsigned best = 0;
    for (const auto& [n, c] : g.names) {
      if (c > best || (c == best && n.size() > e.name.size())) {
        e.name = n;
        best = c;
      }
    }
    for (const auto& [n, c] : g.names) g.variants.insert(n);
    g.variants.erase(e.name);
    e.variants.assign(g.variants.begin(), g.variants.end());
    e.records = static_cast<unsigned>(g.ids.size());
    e.mentions = g.mentions;
    e.ids.assign(g.ids.begin(), g.ids.end());
    out.emplace_back(std::move(e), kind == EntityKind::person ? key : std::string());
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.first.records != b.first.records ? a.first.records > b.first.records : a.first.name < b.first.name;
  });
  for (auto& [e, key] : out) {
    std::vector<std::string> folded{fold_name(e.name)};
    for (const auto& v : e.variants) folded.push_back(fold_name(v));
    reg.folded.push_back(std::move(folded));
    reg.keys.push_back(std::move(key));
    reg.entries.push_back(std::move(e));
  }
  return reg;
}

std::vector<RegisterEntry> filter_register(const Register& reg, const std::string& pattern) {
  if (pattern.empty()) return reg.entries;
  const std::string p = fold_name(pattern);
  std::vector<std::string> pattern_keys;
  for (const auto& w : name_words(pattern)) pattern_keys.push_back(name_key(w));
  std::vector<RegisterEntry> out;
  for (std::size_t i = 0; i < reg.entries.size(); ++i) {
    if (matches(p, pattern_keys, reg.folded[i], reg.keys[i])) out.push_back(reg.entries[i]);
  }
  return out;
}

std::vector<RegisterEntry> entity_register(const std::string& db_path, EntityKind kind, const std::string& pattern) {
  return filter_register(build_register(Xapian::Database(db_path), kind), pattern);
}

}  // namespace opis

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

bool matches(const std::string& pattern, const std::string& name, const std::set<std::string>& variants,
             const std::string& key) {
  if (pattern.empty()) return true;
  std::string p = fold_name(pattern);
  if (fold_name(name).find(p) != std::string::npos) return true;
  for (const auto& v : variants) {
    if (fold_name(v).find(p) != std::string::npos) return true;
  }
  for (const auto& w : name_words(pattern)) {
    if (!key.empty() && name_key(w) == key) return true;
  }
  return false;
}

}  // namespace

std::vector<RegisterEntry> entity_register(const std::string& db_path, EntityKind kind, const std::string& pattern) {
  Xapian::Database db(db_path);
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
  std::vector<RegisterEntry> out;
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
    if (matches(pattern, e.name, g.variants, kind == EntityKind::person ? key : std::string()))
      out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(), [](const RegisterEntry& a, const RegisterEntry& b) {
    return a.records != b.records ? a.records > b.records : a.name < b.name;
  });
  return out;
}

}  // namespace opis

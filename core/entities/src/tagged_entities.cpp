// Tagged persons and places joined with the extractor's (see the header).
#include "opis/entities/tagged_entities.h"

#include <algorithm>
#include <set>

#include "opis/entities/name_key.h"

namespace opis {

namespace {

// The name keys of every word of `names`.
void add_keys(const std::vector<std::string>& names, std::set<std::string>& keys) {
  for (const auto& n : names) {
    for (const auto& w : name_words(n)) keys.insert(name_key(w));
  }
}

std::vector<std::string> all_names(const std::string& name, const std::vector<std::string>& forms,
                                   const std::vector<std::string>& aliases) {
  std::vector<std::string> out{name};
  out.insert(out.end(), forms.begin(), forms.end());
  out.insert(out.end(), aliases.begin(), aliases.end());
  return out;
}

// Whether any word of `names` has a key in `keys`.
bool any_key(const std::vector<std::string>& names, const std::set<std::string>& keys) {
  for (const auto& n : names) {
    for (const auto& w : name_words(n)) {
      if (keys.count(name_key(w))) return true;
    }
  }
  return false;
}

}  // namespace

bool has_tagged_entities(const Record& r) {
  return std::any_of(r.persons.begin(), r.persons.end(), [](const Person& p) { return p.tagged; }) ||
         std::any_of(r.places.begin(), r.places.end(), [](const Place& p) { return p.tagged; });
}

void merge_tagged_entities(Record& r, const std::vector<Person>& tagged_persons,
                           const std::vector<Place>& tagged_places, const Gazetteer& gazetteer) {
  std::set<std::string> person_keys, place_keys, place_names;
  for (const auto& p : tagged_persons) add_keys(all_names(p.name, p.forms, p.aliases), person_keys);
  std::vector<Place> places;
  for (Place p : tagged_places) {
    for (const auto& n : all_names(p.name, p.forms, p.aliases)) {
      std::string canon = gazetteer.canonical(n);
      if (!canon.empty() && canon != p.name && std::find(p.aliases.begin(), p.aliases.end(), canon) == p.aliases.end())
        p.aliases.push_back(canon);
    }
    for (const auto& n : all_names(p.name, p.forms, p.aliases)) place_names.insert(fold_name(n));
    add_keys(all_names(p.name, p.forms, {}), place_keys);
    places.push_back(std::move(p));
  }
  std::vector<Person> persons = tagged_persons;
  for (auto& p : r.persons) {
    if (p.tagged) continue;
    std::vector<std::string> names = all_names(p.name, p.forms, {});
    // Named already by the markup, or tagged there as a place.
    if (any_key(names, person_keys) || any_key(names, place_keys)) continue;
    persons.push_back(std::move(p));
  }
  for (auto& p : r.places) {
    if (p.tagged) continue;
    std::vector<std::string> names = all_names(p.name, p.forms, {});
    bool known = std::any_of(names.begin(), names.end(),
                             [&](const std::string& n) { return place_names.count(fold_name(n)) > 0; });
    if (known || any_key(p.forms, person_keys)) continue;
    places.push_back(std::move(p));
  }
  r.persons = std::move(persons);
  r.places = std::move(places);
}

}  // namespace opis

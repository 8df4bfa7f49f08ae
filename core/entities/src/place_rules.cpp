// The place rules of the extractor: the longest gazetteer name at each
// position, demonyms, and the context rules that tell a place from a person
// or a common word.
#include "extractor.h"

#include <algorithm>

#include "opis/base/text.h"

namespace opis::extraction {

const std::vector<PlaceEntry>* Extractor::gaz(const Token& t) const {
  if (!t.gaz_done) {
    t.gaz = m_g.find(t.folded);
    t.gaz_done = true;
  }
  return t.gaz;
}

bool Extractor::strong_place(const Token& t) const {
  const auto* v = gaz(t);
  if (!v) return false;
  for (const auto& e : *v) {
    if (e.kind == "country" || e.kind == "former" || e.kind == "alias" || e.kind == "demonym" || e.kind == "region" ||
        (e.kind == "city" && e.population >= 100000))
      return true;
  }
  return false;
}

void Extractor::places(const std::vector<Token>& t, std::size_t text) {
  std::size_t maxw = m_g.max_words();
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (m_claimed[text][i]) continue;
    // Place names start with a capital; only demonyms (soviet) may not.
    if (!t[i].cap && !m_g.is_demonym(t[i].folded)) continue;
    // A token's folded form may hold a space (Prime-Minister): look up its first word.
    std::size_t from = m_g.max_words_from(t[i].folded.substr(0, t[i].folded.find(' ')));
    if (from == 0) continue;
    for (std::size_t n = std::min({maxw, from, t.size() - i}); n >= 1; --n) {
      std::string key;
      bool ok = true;
      for (std::size_t k = i; k < i + n; ++k) {
        if (m_claimed[text][k]) {
          ok = false;
          break;
        }
        if (k > i && t[k - 1].after != ' ' && t[k - 1].after != ',') {
          ok = false;
          break;
        }
        key += (key.empty() ? "" : " ") + t[k].folded;
      }
      if (!ok) continue;
      const auto* entries = n == 1 ? gaz(t[i]) : m_g.find(key);
      if (!entries || entries->empty()) continue;
      const PlaceEntry* e = choose(t, i, n, *entries);
      if (!e) continue;
      Place& p = place_for(*e);
      ++p.mentions;
      std::string form;
      for (std::size_t k = i; k < i + n; ++k) form += (form.empty() ? "" : " ") + t[k].text;
      if (std::find(p.forms.begin(), p.forms.end(), form) == p.forms.end()) p.forms.push_back(form);
      for (std::size_t k = i; k < i + n; ++k) m_claimed[text][k] = true;
      i += n - 1;
      break;
    }
  }
}

const PlaceEntry* Extractor::choose(const std::vector<Token>& t, std::size_t i, std::size_t n,
                                    const std::vector<PlaceEntry>& entries) {
  const Token& first = t[i];
  const PlaceEntry* demonym = nullptr;
  for (const auto& e : entries) {
    if (e.kind == "demonym") demonym = &e;
  }
  if (!first.cap && !(demonym && n == 1)) return nullptr;
  // "US" in a heading is ambiguous; "the US" (a hand-written alias) is not; "the UN" is no place.
  bool alias = std::any_of(entries.begin(), entries.end(), [](const PlaceEntry& e) { return e.kind == "alias"; });
  if (n == 1 && first.allcaps && first.text.size() <= 2 && !(alias && i > 0 && t[i - 1].folded == "the"))
    return nullptr;  // "US" in a heading is ambiguous; "U.S." is not
  const Token* prev = i > 0 ? &t[i - 1] : nullptr;
  const Token* next = i + n < t.size() ? &t[i + n] : nullptr;
  auto prev_joined = [&] { return prev && prev->after == ' ' && !first.newline_before; };
  // Supreme Soviet, Soviet of Ministers: the council, not the country.
  if (demonym && prev && prev->folded == "supreme") return nullptr;
  bool context_only =
      std::all_of(entries.begin(), entries.end(), [](const PlaceEntry& e) { return e.kind == "context"; });
  if (m_g.needs_context(t[i].folded) && n == 1) {
    bool ctx = (prev && prev->folded == "the" && prev_joined()) ||
               (next && place_words().count(next->folded) && first.after == ' ') ||
               (prev && prev->folded == "and" && i >= 2 && gaz(t[i - 2]));
    if (next && next->cap && !gaz(*next) && first.after == ' ') ctx = false;  // Don Pedro
    if (context_only && !ctx) return nullptr;
  }
  // A place name right after a capitalised given name is a surname (Ruth Jordan).
  if (n == 1 && !demonym && prev && prev->cap && prev_joined() && !prev->sentence_start &&
      !function_words().count(prev->folded) && !title_at(t, i - 1) && !gaz(*prev) && !prev->allcaps && !first.allcaps)
    return nullptr;
  if (n == 1 && !demonym && next && next->cap && first.after == ' ' && !gaz(*next) && !common_word(*next) &&
      !org_words().count(next->folded) && !next->allcaps && !first.allcaps && !title_at(t, i + n))
    return nullptr;
  // "Atlanta, Georgia": prefer the entry in the country of the place just before.
  if (entries.size() > 1 && i >= 1 && t[i - 1].after == ',') {
    for (const auto& [name, pl] : m_places) {
      (void)name;
      if (pl.forms.empty()) continue;
      if (std::find(pl.forms.begin(), pl.forms.end(), t[i - 1].text) == pl.forms.end()) continue;
      for (const auto& e : entries) {
        if (!pl.country.empty() && e.country == pl.country && e.kind != "country") return &e;
      }
    }
  }
  for (const auto& e : entries) {
    if (e.kind != "context") return &e;
  }
  return &entries.front();
}

Place& Extractor::place_for(const PlaceEntry& e) {
  auto it = m_places.find(e.canonical);
  if (it != m_places.end()) return it->second;
  Place p;
  p.name = e.canonical;
  p.kind = e.kind == "context" ? "region" : e.kind;
  p.country = e.country;
  // Aliases and demonyms stand for their canonical place: take its kind.
  if (const auto* v = m_g.find(fold_name(e.canonical))) {
    for (const auto& c : *v) {
      if (c.canonical == e.canonical && c.kind != "alias" && c.kind != "demonym" && c.kind != "context") {
        p.kind = c.kind;
        if (p.country.empty()) p.country = c.country;
        break;
      }
    }
  }
  m_place_order.push_back(e.canonical);
  return m_places.emplace(e.canonical, std::move(p)).first->second;
}

}  // namespace opis::extraction

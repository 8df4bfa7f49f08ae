// The entity extractor: persons and places of a record (see the header for
// the rules). Names are found by hand-written rules over ICU-classified
// tokens: Debian has no named-entity recogniser for C++, and archive prose
// (titles, initials, all-caps headings, transliterated names) is regular
// enough for rules, which stay explainable and testable.
#include "opis/entities/entity_extractor.h"

#include "extractor.h"
#include "german_words.h"
#include "opis/base/text.h"

namespace opis {

namespace extraction {

void Extractor::run(Record& r) {
  m_german = is_german_language(r.original_language) ? Dictionary::german() : nullptr;
  std::vector<std::string> texts;
  texts.push_back(r.title);
  texts.push_back(r.summary);
  std::string cit = r.citation;
  for (const std::string* part : {&r.archive, &r.reference, &r.url}) {
    if (part->empty()) continue;
    for (auto p = cit.find(*part); p != std::string::npos; p = cit.find(*part, p + 1))
      cit.replace(p, part->size(), part->size(), ' ');
  }
  texts.push_back(cit);
  texts.push_back(r.credits);
  texts.push_back(r.body);
  for (const auto& [k, v] : r.extra) {
    std::string key = ascii_lower(trim(k));
    if (key != "persons" && key != "people") texts.push_back(v);  // a curated list is read below, as names
  }
  std::vector<std::vector<Token>> toks;
  for (const auto& t : texts) toks.push_back(tokenize(t));
  m_claimed.assign(toks.size(), {});
  for (std::size_t i = 0; i < toks.size(); ++i) m_claimed[i].assign(toks[i].size(), false);

  auto meta = [&](const std::vector<std::string>& names, const char* role) {
    for (const auto& n : names) {
      auto t = tokenize(n);
      if (t.empty()) continue;
      Candidate c;
      c.role = role;
      for (const auto& w : t) c.words.push_back(w.text);
      c.name = trim_copy(n);
      add(c, false);
    }
  };
  meta(r.contributors, "contributor");
  meta(r.translators, "translator");
  meta(r.transcribers, "transcriber");
  meta(r.editors, "editor");
  // A curated list of persons in a record's extra field "persons" (or
  // "people"), names separated by ';' or new lines: the archive's own
  // list, role "curated". (The JSON reader keeps string fields it does
  // not know as extra fields; an array there is not kept.)
  for (const auto& [k, v] : r.extra) {
    std::string key = ascii_lower(trim(k));
    if (key != "persons" && key != "people") continue;
    std::vector<std::string> names;
    std::string cur;
    for (char ch : v + ";") {
      if (ch == ';' || ch == '\n') {
        if (!trim(cur).empty()) names.push_back(trim_copy(cur));
        cur.clear();
      } else {
        cur += ch;
      }
    }
    meta(names, "curated");
  }
  for (std::size_t i = 0; i < toks.size(); ++i) candidates(toks[i], i);
  if (m_auth) authority_pass(toks);
  for (std::size_t i = 0; i < toks.size(); ++i) link(toks[i], i);
  for (std::size_t i = 0; i < toks.size(); ++i) places(toks[i], i);
  finish(r);
}

void Extractor::finish(Record& r) {
  r.persons.clear();
  for (auto& a : m_persons) {
    if (a.p.mentions == 0 && a.p.role == "mentioned") continue;
    r.persons.push_back(std::move(a.p));
  }
  r.places.clear();
  for (const auto& n : m_place_order) r.places.push_back(m_places[n]);
}

}  // namespace extraction

using extraction::Extractor;

bool is_common_word(std::string_view folded) { return extraction::dictionary().count(std::string(folded)) > 0; }

EntityExtractor::EntityExtractor(const Gazetteer& gazetteer, std::shared_ptr<const Authority> authority)
    : m_gazetteer(gazetteer),
      m_authority(std::move(authority)),
      m_authority_index(m_authority ? std::make_shared<const AuthorityIndex>(*m_authority) : nullptr) {}

void EntityExtractor::extract(Record& r) const {
  Extractor(m_gazetteer, m_authority.get(), m_authority_index.get()).run(r);
}

void extract_entities(Record& r, const Gazetteer& gazetteer, const Authority* authority) {
  if (!authority) return Extractor(gazetteer, nullptr, nullptr).run(r);
  AuthorityIndex ix(*authority);
  Extractor(gazetteer, authority, &ix).run(r);
}

}  // namespace opis

// The person rules of the extractor: runs of capitalised words after titles,
// with initials or verbs of speech (candidates), merging by surname key (add),
// the authority file's names (authority_pass) and short mentions (link).
#include "extractor.h"

#include <algorithm>

#include "german_words.h"
#include "opis/base/text.h"

namespace opis::extraction {

std::string surname_key(const std::string& surname) {
  auto w = name_words(surname);
  return w.empty() ? std::string() : name_key(w.back());
}

bool better_name(const std::string& a, const std::string& b) {
  // Prefer more words, then mixed case over all capitals.
  auto words = [](const std::string& s) { return std::count(s.begin(), s.end(), ' ') + 1; };
  auto upper = [](const std::string& s) {
    for (char c : s) {
      if (c >= 'a' && c <= 'z') return false;
    }
    return true;
  };
  if (upper(a) != upper(b)) return !upper(a);
  return words(a) > words(b);
}

bool Extractor::german_noun(const std::vector<Token>& t, std::size_t i) const {
  return m_german && german_word(t, i, *m_german);
}

void Extractor::candidates(const std::vector<Token>& t, std::size_t text) {
  bool prev_title_person = false;  // "Cdes. Gromyko and Ponomarev"
  std::size_t i = 0;
  while (i < t.size()) {
    std::size_t tl = title_at(t, i);
    bool lower_title = tl && !t[i].cap;
    if (!(t[i].cap || t[i].initials || tl)) {
      if (t[i].folded != "and") prev_title_person = false;
      ++i;
      continue;
    }
    // Collect the run.
    std::size_t start = i, j = i;
    std::vector<std::size_t> words;
    bool had_title = false, note_taker = false;
    if (start >= 3 && (t[start - 1].folded == "by") &&
        ((t[start - 3].folded == "written" && t[start - 2].folded == "down") ||
         (t[start - 3].folded == "notes" && t[start - 2].folded == "taken")))
      note_taker = true;
    if (start >= 2 && t[start - 1].folded == "by" && t[start - 2].folded == "recorded") note_taker = true;
    // Leading titles (possibly several: "Brigadier General").
    while (j < t.size()) {
      std::size_t n = title_at(t, j);
      if (!n) break;
      had_title = true;
      j += n;
      if (t[j - 1].after != ' ') break;
    }
    if (lower_title && (j >= t.size() || !t[j].cap)) {
      i = j ? j : i + 1;
      continue;
    }
    bool stop = had_title && j > start && t[j - 1].after != ' ';
    while (!stop && j < t.size() && j < start + 8) {
      const Token& w = t[j];
      bool particle =
          is_name_particle(w.folded, ParticleUse::running_text) && !w.cap && j + 1 < t.size() && t[j + 1].cap;
      if (!(word_ok_in_name(w) || particle)) break;
      if (j > start && title_at(t, j)) break;  // "Baghdad Brigadier General ...": a new name starts
      if (j > start && w.newline_before && !t[j - 1].allcaps) break;
      // "la lettre d'Haskell du 9. Paul d'Estournelles": a name does not run
      // on into the next sentence (digits are no tokens, the dot is seen).
      if (j > start && w.sentence_start && !t[j - 1].initials) break;
      words.push_back(j);
      ++j;
      if (w.after != ' ') break;
    }
    i = std::max(j, i + 1);
    // Drop leading sentence-start common words and trailing particles.
    while (!words.empty() && !had_title && common(t[words.front()]) && !t[words.front()].initials &&
           (t[words.front()].sentence_start || words.size() > 1) && !is_person_word(t[words.front()]))
      words.erase(words.begin());
    // German: "Der Brief", "Jeder Schmock" (german_noun()).
    while (!words.empty() && !had_title && german_noun(t, words.front()) && !is_person_word(t[words.front()]))
      words.erase(words.begin());
    while (!words.empty() && is_name_particle(t[words.back()].folded, ParticleUse::running_text)) words.pop_back();
    // German: "Grüsse Deine" (german_noun()).
    while (words.size() > 1 && !had_title && german_noun(t, words.back())) words.pop_back();
    if (words.empty()) {
      prev_title_person = false;
      continue;
    }
    bool has_initials = false, has_name = false, all_common = true, org = false, place = false, month = false;
    for (std::size_t k : words) {
      const Token& w = t[k];
      if (w.initials) {
        has_initials = true;
        continue;
      }
      has_name = true;
      // "zu Dir": a particle before a German word makes no name of it.
      if (!common(w) && !german_noun(t, k) && !(m_german && is_name_particle(w.folded, ParticleUse::running_text)))
        all_common = false;
      if (org_words().count(w.folded)) org = true;
      if (strong_place(w)) place = true;
      if (months().count(w.folded)) month = true;
    }
    if (!has_name || org || month) {
      prev_title_person = false;
      continue;
    }
    // The whole run as one place name ("Port Said") is a place.
    std::string all;
    for (std::size_t k : words) all += (all.empty() ? "" : " ") + t[k].folded;
    if (m_g.find(all) && words.size() > 1) {
      prev_title_person = false;
      continue;
    }
    bool acronym = words.size() == 1 && t[words[0]].allcaps && t[words[0]].text.size() <= 5;
    bool accept = false;
    if (had_title || note_taker)
      accept = !all_common && !acronym && !(words.size() == 1 && place);
    else if (has_initials)
      accept = !place;  // D. Rusk: after initials even a common word is a name
    else if (words.size() >= 2) {
      // A given name before a surname that is also a place is a person
      // (Michael Jordan, Ruth Jordan): only the last word a place, and the
      // first word no common word.
      bool only_last_place =
          place && !strong_place(t[words.front()]) && !common(t[words.front()]) &&
          std::none_of(words.begin(), words.end() - 1, [&](std::size_t k) { return strong_place(t[k]); });
      accept = !all_common && (!place || only_last_place);
    } else {
      const Token& w = t[words[0]];
      bool verb = words[0] + 1 < t.size() && speech_verbs().count(t[words[0] + 1].folded) && w.after == ' ';
      bool coordinated = prev_title_person && start >= 1 && t[start - 1].folded == "and";
      accept = (verb || coordinated) && !common(w) && !place && !acronym && !w.allcaps;
    }
    if (!accept) {
      prev_title_person = false;
      continue;
    }
    Candidate c;
    c.role = note_taker ? "note-taker" : "mentioned";
    for (std::size_t k : words) c.words.push_back(t[k].text);
    std::string name;
    for (std::size_t k = 0; k < words.size(); ++k) {
      // "Vincent d'Indy": no space after an elided article (name_tokens.cpp).
      const bool joined = k && (t[words[k - 1]].text.ends_with('\'') || t[words[k - 1]].text.ends_with("\xE2\x80\x99"));
      name += (k && !joined ? " " : "") + t[words[k]].text;
    }
    c.name = name;
    c.first = words.front();
    c.last = words.back();
    for (std::size_t k = c.first; k <= c.last; ++k) m_claimed[text][k] = true;
    add(c, true);
    prev_title_person = had_title;
  }
}

PersonAcc* Extractor::by_other_word(const std::string& key) {
  auto it = m_other_words.find(key);
  if (it == m_other_words.end() || it->second == kAmbiguous) return nullptr;
  return &m_persons[it->second];
}

void Extractor::index_other_words(std::size_t idx) {
  auto words = name_words(m_persons[idx].p.name);
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    auto [it, fresh] = m_other_words.emplace(name_key(words[i]), idx);
    if (!fresh && it->second != idx) it->second = kAmbiguous;
  }
}

void Extractor::add(const Candidate& c, bool counts) {
  if (c.words.empty()) return;
  std::string surname;
  std::string given_initial;
  // Inverted catalogue form "Ceaușescu, Nicolae".
  std::string display = c.name;
  // "Mao, Zedong (Mao Tse-tung)": the bracketed form is an alias.
  std::string bracket_alias;
  if (auto open = display.find('('); open != std::string::npos) {
    auto close = display.find(')', open);
    bracket_alias =
        trim_copy(display.substr(open + 1, close == std::string::npos ? std::string::npos : close - open - 1));
    display = trim_copy(display.substr(0, open));
  }
  if (auto comma = display.find(','); comma != std::string::npos) display = reading_order(display);
  auto dw = tokenize(display);
  std::vector<const Token*> real;
  for (const auto& w : dw) {
    if (!is_name_particle(w.folded, ParticleUse::running_text) || w.cap) real.push_back(&w);
  }
  if (real.empty()) return;
  surname = real.back()->text;
  if (real.size() > 1) given_initial = real.front()->folded.substr(0, 1);
  std::string key = surname_key(surname);
  if (key.empty()) return;
  if (real.size() == 1 && !m_by_key.count(key)) {
    // One word that is not a known surname but another word of exactly one
    // known name: "Zhou" for Zhou Enlai (family name first).
    if (PersonAcc* other = by_other_word(key)) key = other->key;
  }
  PersonAcc* into = nullptr;
  auto range = m_by_key.equal_range(key);
  for (auto it = range.first; it != range.second; ++it) {
    PersonAcc& a = m_persons[it->second];
    if (a.given_initial.empty() || given_initial.empty() || a.given_initial == given_initial) {
      into = &a;
      break;
    }
  }
  if (!into) {
    PersonAcc a;
    a.p.name = display;
    a.p.surname = surname;
    a.p.role = c.role;
    a.key = key;
    a.given_initial = given_initial;
    a.order = m_persons.size();
    m_persons.push_back(std::move(a));
    m_by_key.emplace(key, m_persons.size() - 1);
    index_other_words(m_persons.size() - 1);
    into = &m_persons.back();
  } else {
    if (better_name(display, into->p.name)) {
      into->p.name = display;
      into->p.surname = surname;
      index_other_words(static_cast<std::size_t>(into - m_persons.data()));
    }
    if (into->given_initial.empty()) into->given_initial = given_initial;
    if (into->p.role == "mentioned" && c.role != "mentioned") into->p.role = c.role;
  }
  if (!bracket_alias.empty() &&
      std::find(into->p.aliases.begin(), into->p.aliases.end(), bracket_alias) == into->p.aliases.end())
    into->p.aliases.push_back(bracket_alias);
  if (counts) {
    ++into->p.mentions;
    if (std::find(into->p.forms.begin(), into->p.forms.end(), c.name) == into->p.forms.end())
      into->p.forms.push_back(c.name);
  } else if (std::find(into->p.forms.begin(), into->p.forms.end(), display) == into->p.forms.end()) {
    into->p.forms.push_back(display);
  }
}

void Extractor::authority_pass(const std::vector<std::vector<Token>>& toks) {
  const AuthorityIndex& ix = *m_auth_index;
  // Names of the file in the text: look up each capitalised word's key
  // among the first words of the forms, then check the rest of the form.
  for (std::size_t ti = 0; ti < toks.size(); ++ti) {
    const auto& t = toks[ti];
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (!t[i].cap || t[i].initials || m_claimed[ti][i]) continue;
      auto range = ix.by_first_key.equal_range(name_key(t[i].folded));
      for (auto it = range.first; it != range.second; ++it) {
        const auto& [entry, form] = it->second;
        const auto& keys = ix.keys[entry][form];
        std::size_t k = i;
        bool ok = true;
        for (std::size_t w = 0; ok && w < keys.size(); ++w, ++k) {
          while (k < t.size() && t[k].initials) ++k;
          if (k >= t.size() || name_key(t[k].folded) != keys[w]) ok = false;
        }
        if (!ok || (keys.size() == 1 && common_word(t[i]))) continue;
        const AuthorityEntry& e = m_auth->entries[entry];
        Candidate c{reading_order(e.name), {}, "mentioned", i, k - 1};
        for (std::size_t x = i; x < k; ++x) c.words.push_back(t[x].text);
        add(c, true);
        for (std::size_t x = i; x < k; ++x) m_claimed[ti][x] = true;
        break;
      }
    }
  }
  // Persons of the record that an entry denotes (same surname key as one
  // of its names) get its canonical name and all its names as aliases.
  for (auto& a : m_persons) {
    auto it = ix.by_last_key.find(a.key);
    if (it == ix.by_last_key.end()) continue;
    const AuthorityEntry& e = m_auth->entries[it->second];
    a.p.name = reading_order(e.name);
    for (const auto& f : e.forms()) {
      if (std::find(a.p.aliases.begin(), a.p.aliases.end(), f) == a.p.aliases.end()) a.p.aliases.push_back(f);
    }
  }
}

void Extractor::link(const std::vector<Token>& t, std::size_t text) {
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (m_claimed[text][i] || !t[i].cap || t[i].initials) continue;
    if (function_words().count(t[i].folded)) continue;
    if (german_noun(t, i)) continue;  // "Dein Stück" is no mention of a person Stück
    std::string key = name_key(t[i].folded);
    auto it = m_by_key.find(key);
    PersonAcc* found = it == m_by_key.end() ? nullptr : &m_persons[it->second];
    if (!found && t[i].cap && !t[i].allcaps && !common_word(t[i]) && !gaz(t[i])) found = by_other_word(key);
    if (!found) continue;
    PersonAcc& a = *found;
    // Skip a common word at a sentence start unless it is the surname as written.
    if (common_word(t[i]) && fold_name(a.p.surname) != t[i].folded && it != m_by_key.end()) continue;
    ++a.p.mentions;
    if (std::find(a.p.forms.begin(), a.p.forms.end(), t[i].text) == a.p.forms.end()) a.p.forms.push_back(t[i].text);
    m_claimed[text][i] = true;
  }
}

}  // namespace opis::extraction

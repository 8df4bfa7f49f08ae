// The name-like words of a record, as name keys (name_floor.h).
#include "opis/entities/name_floor.h"

#include <cctype>

#include "extractor.h"
#include "opis/base/text.h"

namespace opis {

namespace {

using namespace extraction;

bool name_like(const Token& t) {
  // al-Karim, el-Sadat: a lower-case particle joined to a capital.
  const bool particle_joined = t.text.size() > 3 && (t.text.rfind("al-", 0) == 0 || t.text.rfind("el-", 0) == 0) &&
                               std::isupper(static_cast<unsigned char>(t.text[3]));
  if (t.initials || !(t.cap || t.allcaps || particle_joined)) return false;
  if (function_words().count(t.folded) || months().count(t.folded)) return false;
  // "However", "MEMORANDUM": a common word capitalised by its position only.
  return !((t.sentence_start || t.allcaps || t.newline_before) && common_word(t));
}

bool is_german(const std::string& language) {
  std::string l = ascii_lower(trim(language));
  return l == "de" || l == "ger" || l == "deu" || l == "german" || l == "deutsch";
}

}  // namespace

std::set<std::string> name_like_keys(const Record& r) {
  std::set<std::string> keys;
  const bool german = is_german(r.original_language);
  auto scan = [&](std::string_view text) {
    for (const Token& t : tokenize(text)) {
      if (!name_like(t)) continue;
      for (const auto& w : name_words(t.text)) {
        if (is_name_particle(w, ParticleUse::running_text)) continue;
        keys.insert(name_key(w));
        // German genitive: Langkammers Urtheil, Schönherrs Riesen.
        if (german && w.size() > 3 && w.back() == 's')
          keys.insert(name_key(std::string_view(w).substr(0, w.size() - 1)));
      }
    }
  };
  scan(r.title);
  scan(r.summary);
  scan(r.body);
  for (const auto& [k, v] : r.extra) scan(v);
  keys.erase(std::string());
  return keys;
}

}  // namespace opis

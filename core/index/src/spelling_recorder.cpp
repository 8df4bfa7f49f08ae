// The spelling data of a writer, counted per word (spelling_recorder.h).
#include "opis/index/spelling_recorder.h"

#include "opis/index/schema.h"

namespace opis {

void SpellingRecorder::add(const Xapian::Document& doc) {
  if (!m_on) return;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string& term = *t;
    if (!is_unprefixed_term(term)) continue;
    // Every unprefixed term comes from index_text() with positions, one per
    // occurrence, as the TermGenerator counted them for FLAG_SPELLING.
    if (Xapian::termcount n = t.positionlist_count()) m_words[term] += n;
  }
}

void SpellingRecorder::flush(Xapian::WritableDatabase& db) {
  for (const auto& [word, n] : m_words) db.add_spelling(word, n);
  m_words.clear();
}

}  // namespace opis

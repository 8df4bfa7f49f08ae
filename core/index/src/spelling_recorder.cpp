// The spelling data of a writer, counted per word (spelling_recorder.h).
#include "opis/index/spelling_recorder.h"

#include <atomic>
#include <cstdlib>

#include "opis/index/schema.h"

namespace opis {

namespace {
std::atomic<bool> g_spelling_data{true};
}  // namespace

void set_spelling_data(bool on) { g_spelling_data = on; }

bool spelling_data_enabled() {
  const char* no = std::getenv("OPIS_NO_SPELLING");
  return g_spelling_data && !(no && *no);
}

SpellingRecorder::SpellingRecorder() : m_on(spelling_data_enabled()) {}

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

// "Did you mean": the query respelled from the index's spelling data.
#include "opis/search/suggest.h"

#include "opis/base/text.h"
#include "opis/search/query_builder.h"

namespace opis {

std::string spelling_suggestion(const Xapian::Database& db, const std::string& text, const QueryOptions& opts) {
  if (trim(text).empty()) return {};
  std::string corrected;
  try {
    build_query(db, text, opts, &corrected);
  } catch (const QueryError&) {
    return {};
  } catch (const Xapian::Error&) {
    return {};
  }
  return corrected == text ? std::string() : corrected;
}

}  // namespace opis

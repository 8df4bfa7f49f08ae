// The ids of the records a query finds, with the build's gazetteer: what the
// person:/place: tests compare (issue 13).
#pragma once

#include <set>
#include <string>

#include "opis/search/searcher.h"
#include "test_context.h"

namespace opis::test {

inline std::set<std::string> search_ids(Searcher& s, const std::string& query) {
  SearchOptions o;
  o.query = query;
  o.limit = 1000;
  o.suggest = false;
  o.query_options.gazetteer = gazetteer_path();
  std::set<std::string> out;
  for (const auto& h : s.search(o).hits) out.insert(h.record.id);
  return out;
}

}  // namespace opis::test

// Fuzz the query front end (build_query) against an empty database.
// Properties: a bad query throws QueryError and nothing else (no Xapian
// error, no other std::exception escapes); a good one can be described.
#include <cstdint>
#include <cstdlib>
#include <string>

#include <xapian.h>

#include "fuzz_check.h"
#include "opis/entities/gazetteer.h"
#include "opis/search/query_builder.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  // place: and within: scan the gazetteer the commands would use.
  static const std::string gazetteer = opis::Gazetteer::find_default(std::getenv("OPIS_GAZETTEER"));
  const std::string text(reinterpret_cast<const char*>(data), size);
  opis::QueryOptions opts;
  opts.gazetteer = gazetteer;
  opts.match_any = size && (data[0] & 1);
  try {
    Xapian::Query q = opis::build_query(db, text, opts);
    FUZZ_CHECK(!q.get_description().empty());
  } catch (const opis::QueryError&) {}
  return 0;
}

// "Did you mean": spelling suggestions from the index's spelling data
// (written by index/spelling_recorder.h).
#pragma once

#include <string>

#include <xapian.h>

#include "opis/search/query_builder.h"

namespace opis {

/// The query respelled with words the index knows ("militry" ->
/// "military", "Khruschev" -> "khrushchev"); "" when there is nothing to
/// suggest (no spelling data, every word known, or an empty query).
std::string spelling_suggestion(const Xapian::Database& db, const std::string& text, const QueryOptions& opts);

}  // namespace opis

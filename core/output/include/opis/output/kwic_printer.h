// The concordance (search/kwic.h) as text, JSON and CSV.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "opis/search/kwic.h"
#include "opis/search/searcher.h"

namespace opis {

/// Aligned text: left context right-aligned so that keywords line up,
/// "..." where the body goes on, then id, date and reference. `color`
/// marks the keyword (ANSI bold red).
std::string kwic_text(const std::vector<KwicLine>& lines, bool color);
/// [{id, date, reference, left, keyword, right, offset}, ...]
nlohmann::json kwic_json(const std::vector<KwicLine>& lines);
/// A header row and one row per line: id,date,reference,left,keyword,right,offset.
std::string kwic_csv(const std::vector<KwicLine>& lines);

/// The concordance in `format`: "json", "csv", or else aligned text.
std::string kwic_output(const std::vector<KwicLine>& lines, std::string_view format, bool color);
/// "3 occurrences in 2 of 5 matching records" (after the text concordance).
std::string kwic_summary(const KwicResult& k);

}  // namespace opis

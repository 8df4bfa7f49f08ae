// Citations: split a record's citation line into title, date, holding archive,
// archive reference, the people credited with their roles, and the URL.
//
//   "Title", November 19, 1958, Wilson Center Digital Archive, RGANI, f. 52,
//   op. 1, d. 566, ll. 8-11. Contributed by Sergey Radchenko and translated
//   by Angela Greenfield. <https://digitalarchive.umd.edu/document/209747>
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace opis {

struct Citation {
  std::string title;       ///< the quoted title, without quotes
  std::string date_text;   ///< the date as written after the title
  std::string archive;     ///< holding archive ("Wilson Center Digital Archive")
  std::string reference;   ///< archive reference ("RGANI, f. 52, op. 1, ...")
  std::string url;
  std::vector<std::string> contributors;  ///< contributed, obtained, donated
  std::vector<std::string> translators;   ///< translated
  std::vector<std::string> transcribers;  ///< transcribed
  std::vector<std::string> editors;       ///< edited
};

/// Parse a citation. Never throws; parts it cannot find stay empty.
Citation parse_citation(std::string_view text);

/// Split "A, B and C" / "A and B" / "A, B, and C" into names.
std::vector<std::string> split_names(std::string_view text);

/// The repository of an archive reference: its first comma-separated part
/// when that looks like an archive's name or acronym ("RGANI" in
/// "RGANI, f. 52, ..."), else "".
std::string reference_repository(std::string_view reference);

}  // namespace opis

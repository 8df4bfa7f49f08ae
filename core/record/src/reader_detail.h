// What the readers (seed_reader.cpp, json_reader.cpp, record_reader.cpp)
// share: not part of the public interface.
#pragma once

#include <string>
#include <string_view>

#include "opis/base/diagnostic.h"

namespace opis::reader_detail {

inline Diagnostic diag(Severity s, const std::string& path, int line, std::string msg, int col = 0) {
  return Diagnostic{s, path, line, col, std::move(msg)};
}

/// CRLF and lone CR to LF; strip trailing spaces and tabs on each line.
std::string normalise_lines(std::string_view in);

/// The file name of `path` without folder and extension (a record's id
/// when it has no other).
std::string file_stem(const std::string& path);

}  // namespace opis::reader_detail

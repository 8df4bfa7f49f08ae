// Diagnostics: what went wrong with one record or file, as a value. Readers
// return them; the front end prints `path:line[:col]: severity: message`.
#pragma once

#include <string>

namespace opis {

enum class Severity { warning, error };

struct Diagnostic {
  Severity severity = Severity::error;
  std::string path;
  int line = 0;         ///< 0 when no line applies
  int column = 0;       ///< 0 when no column applies
  std::string message;  ///< "what was wrong; what was done"
  /// `path:line:col: error: message`, omitting absent parts; the path and
  /// the message made safe for a terminal on one line (untrusted.h).
  std::string format() const;
};

}  // namespace opis

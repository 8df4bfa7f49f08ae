// Diagnostics: formatting as `path:line:col: severity: message`.
#include "opis/base/diagnostic.h"

#include <fmt/format.h>

#include "opis/base/untrusted.h"

namespace opis {

// The path and the message (which quotes bad values) come from the input:
// made safe on their line, since the line goes to a terminal.
std::string Diagnostic::format() const {
  std::string where = path.empty() ? std::string("opis") : terminal_safe(path);
  if (line > 0) where += fmt::format(":{}", line);
  if (line > 0 && column > 0) where += fmt::format(":{}", column);
  return fmt::format("{}: {}: {}", where, severity == Severity::error ? "error" : "warning", terminal_safe(message));
}

}  // namespace opis

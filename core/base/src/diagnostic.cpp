// Diagnostics: formatting as `path:line:col: severity: message`.
#include "opis/base/diagnostic.h"

#include <fmt/format.h>

namespace opis {

std::string Diagnostic::format() const {
  std::string where = path.empty() ? std::string("opis") : path;
  if (line > 0) where += fmt::format(":{}", line);
  if (line > 0 && column > 0) where += fmt::format(":{}", column);
  return fmt::format("{}: {}: {}", where, severity == Severity::error ? "error" : "warning", message);
}

}  // namespace opis

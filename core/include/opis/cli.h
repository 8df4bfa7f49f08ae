// What both commands share on the command line: the --db flag with its
// default ($OPIS_DB, else ./opis-db) and the exit statuses.
#pragma once

#include <cstdlib>
#include <string>

#include <CLI/CLI.hpp>

namespace opis {

/// Exit statuses (ripgrep's convention).
namespace exit_status {
inline constexpr int ok = 0;        ///< search: found; index: all records in
inline constexpr int partial = 1;   ///< search: nothing found; index: some rejected
inline constexpr int error = 2;     ///< a fatal error
}  // namespace exit_status

inline std::string default_db_path() {
  const char* env = std::getenv("OPIS_DB");
  return env && *env ? std::string(env) : std::string("opis-db");
}

/// Add --db DIR to a command.
inline CLI::Option* add_db_option(CLI::App& app, std::string& db) {
  db = default_db_path();
  return app.add_option("-d,--db", db, "Index directory (default: $OPIS_DB, else ./opis-db)")
      ->option_text("DIR");
}

}  // namespace opis

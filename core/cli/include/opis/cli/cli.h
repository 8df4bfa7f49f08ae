// What both commands share on the command line: the --db flag with its
// default ($OPIS_DB, else ./opis-db) and the exit statuses.
#pragma once

#include <cstdlib>
#include <optional>
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

/// Parse the command line. Returns the exit status to leave with when the
/// program must stop here (--help, --version: 0; a bad flag: 2, after
/// CLI11 printed why), or nothing to go on.
inline std::optional<int> parse_command_line(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? exit_status::ok : exit_status::error;
  }
  return std::nullopt;
}

/// Add --db DIR to a command.
inline CLI::Option* add_db_option(CLI::App& app, std::string& db) {
  db = default_db_path();
  return app.add_option("-d,--db", db, "Index directory (default: $OPIS_DB, else ./opis-db)")
      ->option_text("DIR");
}

}  // namespace opis

// What the commands share on the command line: the --db flag with its
// default ($OPIS_DB, else ./opis-db), the gazetteer they find, and the exit
// statuses. The front ends' side: the one place in core/ that reads the
// environment, for front ends to pass what it says down as values.
#pragma once

#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "opis/entities/gazetteer.h"

namespace opis {

/// Exit statuses (ripgrep's convention).
namespace exit_status {
inline constexpr int ok = 0;       ///< search: found; index: all records in
inline constexpr int partial = 1;  ///< search: nothing found; index: some rejected
inline constexpr int error = 2;    ///< a fatal error
}  // namespace exit_status

inline std::string default_db_path() {
  const char* env = std::getenv("OPIS_DB");  // front ends only (see above): the default of --db
  return env && *env ? std::string(env) : std::string("opis-db");
}

/// The gazetteer file of a command: $OPIS_GAZETTEER, else the build tree's
/// generated file, else the installed one (Gazetteer::find_default). ""
/// and a warning on stderr when none can be read: places are then not
/// recognised. Call once per process.
inline std::string find_gazetteer() {
  std::string path = Gazetteer::find_default(std::getenv("OPIS_GAZETTEER"));  // front ends only (see above)
  if (path.empty()) std::cerr << "opis: warning: no gazetteer found (set OPIS_GAZETTEER); places are not recognised\n";
  return path;
}

/// The gazetteer of find_gazetteer(), loaded; empty when there is none.
/// Throws std::runtime_error when the file found cannot be read after all.
inline Gazetteer load_gazetteer() {
  const std::string path = find_gazetteer();
  return path.empty() ? Gazetteer() : Gazetteer(path);
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
  return app.add_option("-d,--db", db, "Index directory (default: $OPIS_DB, else ./opis-db)")->option_text("DIR");
}

}  // namespace opis

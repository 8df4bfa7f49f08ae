// Printers: one interface, text and JSON implementations. Search results and
// whole records are formatted here and nowhere else.
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "opis/index/shards.h"
#include "opis/search/entity_register.h"
#include "opis/search/searcher.h"

namespace opis {

class Printer {
 public:
  virtual ~Printer() = default;
  virtual void results(const SearchResult& r, std::ostream& out) = 0;
  virtual void record(const Record& r, std::ostream& out) = 0;
  /// The person or place register (opis-search --persons / --places).
  virtual void register_list(const std::vector<RegisterEntry>& entries, EntityKind kind, std::ostream& out) = 0;
  /// The health of each shard (opis-search --status): a line each, or a
  /// JSON array of {shard, where, ok, records, milliseconds, error}.
  virtual void shard_status(const std::vector<ShardStatus>& shards, std::ostream& out) = 0;
};

enum class OutputFormat { text, json };

/// `color` adds ANSI highlighting (text only; the front end decides it
/// from the terminal, --color and NO_COLOR).
std::unique_ptr<Printer> make_printer(OutputFormat f, bool color);

/// What --explain prints (to stderr): "Parsed query: ...", then "Understood
/// as:" and the explanation. `always_heading`: the concordance writes the
/// heading over an empty explanation too, the search leaves it out.
std::string explanation_text(const SearchResult& r, bool always_heading);

/// The JSON object of a search's results, as `opis-search --format json`
/// prints it (docs/search-output.md).
nlohmann::json results_to_json(const SearchResult& r);

/// The JSON object of one hit, as documented in docs/search-output.md.
nlohmann::json hit_to_json(const Hit& h);

}  // namespace opis

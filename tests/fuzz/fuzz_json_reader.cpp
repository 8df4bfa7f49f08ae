// Fuzz the JSON and JSONL readers (read_records, hence record_from_json).
// The first byte picks .json or .jsonl. Properties: never throws; each
// rejection has exactly one error diagnostic; every record round-trips
// through its stored JSON; JSONL diagnostics point at a line of the input.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fuzz_check.h"
#include "opis/record/record.h"
#include "opis/record/record_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool lines = data[0] & 1;
  const std::string path = lines ? "fuzz.jsonl" : "fuzz.json";
  std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::vector<opis::Diagnostic> diags;
  std::size_t records = 0;
  int rejected = opis::read_records(
      path, text,
      [&](opis::Record&& r) {
        ++records;
        FUZZ_CHECK(!r.id.empty());
        const nlohmann::json j = opis::to_json(r);
        const opis::Record back = opis::record_from_stored_json(nlohmann::json::parse(j.dump()));
        FUZZ_CHECK(opis::to_json(back) == j);
      },
      diags);
  std::size_t errors = 0, nl = 1;
  for (char c : text) nl += c == '\n' || c == '\r';
  for (const auto& d : diags) {
    errors += d.severity == opis::Severity::error;
    FUZZ_CHECK(d.path == path);
    FUZZ_CHECK(d.line >= 0 && static_cast<std::size_t>(d.line) <= nl);
  }
  FUZZ_CHECK(rejected >= 0 && static_cast<std::size_t>(rejected) == errors);
  if (!lines) FUZZ_CHECK(records + rejected <= 1);
  return 0;
}

// Fuzz the seed-layout parser (parse_seed_text, after the readers' UTF-8
// clean-up). Properties: it never throws; the record serialises to valid
// JSON, and to_json -> record_from_stored_json -> to_json is stable; every
// diagnostic names the file and a line inside the text.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fuzz_check.h"
#include "opis/record/record.h"
#include "opis/record/record_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  opis::sanitize_utf8(text);
  std::vector<opis::Diagnostic> diags;
  opis::Record r = opis::parse_seed_text(text, "fuzz.txt", diags);
  FUZZ_CHECK(!r.id.empty());
  FUZZ_CHECK(r.format == "seed" || r.format == "plain");
  const nlohmann::json j = opis::to_json(r);
  const std::string dumped = j.dump();  // throws on invalid UTF-8
  const opis::Record back = opis::record_from_stored_json(nlohmann::json::parse(dumped));
  FUZZ_CHECK(opis::to_json(back) == j);
  std::size_t lines = 1;
  for (char c : text) lines += c == '\n' || c == '\r';
  for (const auto& d : diags) {
    FUZZ_CHECK(d.path == "fuzz.txt");
    FUZZ_CHECK(d.line >= 0 && static_cast<std::size_t>(d.line) <= lines);
    FUZZ_CHECK(d.message.find("; ") != std::string::npos);
  }
  return 0;
}

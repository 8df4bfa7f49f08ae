// Fuzz the citation parser. Properties: never throws; nothing is invented:
// the URL is a run of the input, and every word (split at white space and
// commas) of the title, date, archive, reference and each credited name
// occurs in the input; names are trimmed and not empty; each cited source
// is a run of the input, an http(s) address, once, and not the own link.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "opis/record/citation.h"

namespace {
void words_in(std::string_view part, const std::string& input) {
  std::size_t i = 0;
  while (i < part.size()) {
    while (i < part.size() && (part[i] == ' ' || part[i] == ',')) ++i;
    std::size_t j = i;
    while (j < part.size() && part[j] != ' ' && part[j] != ',') ++j;
    if (j > i) FUZZ_CHECK(input.find(part.substr(i, j - i)) != std::string::npos);
    i = j;
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const opis::Citation c = opis::parse_citation(text);
  for (const std::string* part : {&c.title, &c.date_text, &c.archive, &c.reference, &c.url}) words_in(*part, text);
  FUZZ_CHECK(text.find(c.url) != std::string::npos);
  for (std::size_t i = 0; i < c.cites.size(); ++i) {
    const std::string& u = c.cites[i];
    FUZZ_CHECK(text.find(u) != std::string::npos);
    FUZZ_CHECK(u.size() > 7 && (u[0] == 'h' || u[0] == 'H'));
    FUZZ_CHECK(u != c.url);
    for (std::size_t j = 0; j < i; ++j) FUZZ_CHECK(c.cites[j] != u);
  }
  for (const auto* names : {&c.contributors, &c.translators, &c.transcribers, &c.editors}) {
    for (const auto& n : *names) {
      FUZZ_CHECK(!n.empty());
      FUZZ_CHECK(n.front() != ' ' && n.back() != ' ');
      words_in(n, text);
    }
  }
  for (const auto& n : opis::split_names(text)) FUZZ_CHECK(!n.empty());
  return 0;
}

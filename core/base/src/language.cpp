// Language keys from Debian's iso-codes (ISO 639-2 with 639-1 codes).
#include "opis/base/language.h"

#include <fstream>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "opis/base/text.h"

namespace opis {

namespace {

struct Codes {
  std::string alpha2, alpha3, bibliographic;
};

// name (folded) -> codes, and code -> codes; loaded once, on first use.
// Not configuration: an immutable cache of Debian's iso-codes file, whose
// path is fixed at build time.
const std::unordered_map<std::string, Codes>& table() {
  static const std::unordered_map<std::string, Codes> t = [] {
    std::unordered_map<std::string, Codes> m;
    std::ifstream in(std::string(OPIS_ISO_CODES_DIR) + "/iso_639-2.json");
    if (!in) return m;  // without iso-codes, languages are indexed by name only
    try {
      auto j = nlohmann::json::parse(in);
      for (const auto& e : j.at("639-2")) {
        Codes c{e.value("alpha_2", ""), e.value("alpha_3", ""), e.value("bibliographic", "")};
        std::string name = e.value("name", "");
        // "Spanish; Castilian": each part is a name.
        std::size_t start = 0;
        while (start < name.size()) {
          std::size_t semi = name.find(';', start);
          std::string part =
              trim_copy(name.substr(start, semi == std::string::npos ? std::string::npos : semi - start));
          if (!part.empty()) m.emplace(fold(part), c);
          if (semi == std::string::npos) break;
          start = semi + 1;
        }
        if (!c.alpha2.empty()) m.emplace(c.alpha2, c);
        if (!c.alpha3.empty()) m.emplace(c.alpha3, c);
        if (!c.bibliographic.empty()) m.emplace(c.bibliographic, c);
      }
    } catch (const std::exception&) {
      m.clear();
    }
    return m;
  }();
  return t;
}

}  // namespace

std::vector<std::string> language_keys(std::string_view name) {
  std::vector<std::string> keys;
  std::string n = fold(trim(name));
  if (n.empty()) return keys;
  keys.push_back(n);
  const auto& t = table();
  if (auto it = t.find(n); it != t.end()) {
    for (const std::string& code : {it->second.alpha2, it->second.alpha3, it->second.bibliographic}) {
      if (!code.empty() && code != n) keys.push_back(code);
    }
  }
  return keys;
}

}  // namespace opis

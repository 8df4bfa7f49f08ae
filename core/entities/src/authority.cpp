// The person authority file: JSON, JSONL or CSV.
#include "opis/entities/authority.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "opis/base/text.h"

namespace opis {

namespace {

std::vector<std::string> split_semicolons(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string part;
  while (std::getline(ss, part, ';')) {
    std::string t = trim_copy(part);
    if (!t.empty()) out.push_back(t);
  }
  return out;
}

// RFC 4180 fields of one CSV line (quotes, doubled quotes inside).
std::vector<std::string> csv_fields(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"')
        quoted = false;
      else
        out.back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

bool entry_from_json(const nlohmann::json& j, AuthorityEntry& e, std::string& why) {
  if (!j.is_object()) {
    why = "an entry must be a JSON object";
    return false;
  }
  auto it = j.find("name");
  if (it == j.end() || !it->is_string() || trim(it->get<std::string>()).empty()) {
    why = "entry has no 'name' string";
    return false;
  }
  e.name = trim_copy(it->get<std::string>());
  for (const char* key : {"aliases", "titles"}) {
    auto a = j.find(key);
    if (a == j.end()) continue;
    if (!a->is_array()) {
      why = fmt::format("'{}' must be an array of strings", key);
      return false;
    }
    for (const auto& v : *a) {
      if (!v.is_string()) {
        why = fmt::format("'{}' must be an array of strings", key);
        return false;
      }
      (std::string(key) == "aliases" ? e.aliases : e.titles).push_back(trim_copy(v.get<std::string>()));
    }
  }
  return true;
}

}  // namespace

std::string reading_order(const std::string& name) {
  auto comma = name.find(',');
  if (comma == std::string::npos) return name;
  std::string surname = trim_copy(name.substr(0, comma));
  std::string given = trim_copy(name.substr(comma + 1));
  // "Mao, Zedong (Mao Tse-tung)": the bracket is an alias, not part of the name.
  if (auto p = given.find('('); p != std::string::npos) given = trim_copy(given.substr(0, p));
  if (given.empty()) return surname;
  return given + " " + surname;
}

std::vector<std::string> AuthorityEntry::forms() const {
  std::vector<std::string> out{reading_order(name)};
  for (const auto& a : aliases) out.push_back(reading_order(a));
  for (const auto& t : titles) out.push_back(t);
  return out;
}

Authority load_authority(const std::string& path, std::vector<Diagnostic>& diags) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("cannot read authority file '{}'", path));
  std::stringstream ss;
  ss << in.rdbuf();
  std::string data = ss.str();
  Authority a;
  auto ends = [&](std::string_view ext) {
    return path.size() >= ext.size() && ascii_lower(path.substr(path.size() - ext.size())) == ext;
  };
  if (ends(".json")) {
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(data);
    } catch (const nlohmann::json::exception& e) {
      throw std::runtime_error(fmt::format("{}: invalid JSON: {}", path, e.what()));
    }
    if (!j.is_array())
      throw std::runtime_error(fmt::format("{}: an authority .json file must be an array of entries", path));
    for (std::size_t i = 0; i < j.size(); ++i) {
      AuthorityEntry e;
      std::string why;
      if (entry_from_json(j[i], e, why))
        a.entries.push_back(std::move(e));
      else
        diags.push_back({Severity::error, path, 0, 0, fmt::format("entry {}: {}; entry skipped", i + 1, why)});
    }
    return a;
  }
  std::stringstream lines(data);
  std::string line;
  int n = 0;
  bool jsonl = ends(".jsonl");
  bool header = true;
  while (std::getline(lines, line)) {
    ++n;
    if (trim(line).empty()) continue;
    AuthorityEntry e;
    if (jsonl) {
      std::string why;
      try {
        if (entry_from_json(nlohmann::json::parse(line), e, why)) {
          a.entries.push_back(std::move(e));
          continue;
        }
      } catch (const nlohmann::json::exception& ex) {
        why = std::string("invalid JSON: ") + ex.what();
      }
      diags.push_back({Severity::error, path, n, 0, why + "; line skipped"});
      continue;
    }
    auto f = csv_fields(line);
    if (header) {
      header = false;
      if (ascii_lower(trim_copy(f[0])) == "name") continue;
    }
    if (trim(f[0]).empty()) {
      diags.push_back({Severity::error, path, n, 0, "empty name; line skipped"});
      continue;
    }
    e.name = trim_copy(f[0]);
    if (f.size() > 1) e.aliases = split_semicolons(f[1]);
    if (f.size() > 2) e.titles = split_semicolons(f[2]);
    a.entries.push_back(std::move(e));
  }
  return a;
}

}  // namespace opis

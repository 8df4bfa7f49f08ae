// The gazetteer: loading the generated TSV and looking names up.
#include "opis/entities/gazetteer.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "opis/base/text.h"
#include "opis/entities/name_key.h"

namespace opis {

namespace {

int rank(const PlaceEntry& e) {
  // Hand-written names first: they were written to settle exactly this.
  if (e.kind == "alias" || e.kind == "demonym") return 0;
  if (e.kind == "country") return 1;
  if (e.kind == "former") return 2;
  if (e.kind == "region") return 3;
  if (e.kind == "city") return 4;
  if (e.kind == "subdivision") return 5;
  return 6;
}

}  // namespace

Gazetteer::Gazetteer(const std::string& path) : m_path(path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read gazetteer '" + path + "'");
  load(in);
}

void Gazetteer::load(std::istream& in) {
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols = split_fields(line);
    if (cols.size() < 3) continue;
    cols.resize(6);
    // The generator precomputes the key of most names (column 6); folding
    // 28,000 names with ICU at every start would cost a tenth of a second.
    std::string key = cols[5].empty() ? fold_name(cols[0]) : cols[5];
    if (key.empty()) continue;
    if (cols[2] == "context") {
      m_context[key] = true;
      // A context-only name with no other entry stands for itself.
    }
    if (cols[2] == "demonym") m_demonyms.insert(key);
    PlaceEntry e{cols[1], cols[2], cols[3], std::strtoul(cols[4].c_str(), nullptr, 10)};
    auto& v = m_names[key];
    v.push_back(std::move(e));
    std::size_t words = 1 + static_cast<std::size_t>(std::count(key.begin(), key.end(), ' '));
    m_max_words = std::max(m_max_words, words);
    std::size_t& from = m_first_words[key.substr(0, key.find(' '))];
    from = std::max(from, words);
  }
  for (auto& [k, v] : m_names) {
    std::stable_sort(v.begin(), v.end(), [](const PlaceEntry& a, const PlaceEntry& b) {
      if (rank(a) != rank(b)) return rank(a) < rank(b);
      return a.population > b.population;
    });
  }
}

namespace {

// The ASCII letters and digits of a name, lower-cased, in order: folding
// keeps each of them (it only adds letters, ß -> ss, and drops the rest),
// so they are a subsequence of the name's folded key.
bool could_fold_to(std::string_view surface, std::string_view key) {
  std::size_t k = 0;
  for (char c : surface) {
    if (static_cast<unsigned char>(c) >= 0x80 || !std::isalnum(static_cast<unsigned char>(c))) continue;
    char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    while (k < key.size() && key[k] != l) ++k;
    if (k == key.size()) return false;
    ++k;
  }
  return true;
}

}  // namespace

std::vector<std::string> Gazetteer::default_paths(const char* env_value) {
  std::vector<std::string> paths;
  if (env_value && *env_value) paths.emplace_back(env_value);
#ifdef OPIS_GAZETTEER_BUILD_PATH
  paths.emplace_back(OPIS_GAZETTEER_BUILD_PATH);
#endif
#ifdef OPIS_GAZETTEER_INSTALL_PATH
  paths.emplace_back(OPIS_GAZETTEER_INSTALL_PATH);
#endif
  return paths;
}

std::string Gazetteer::find_default(const char* env_value) {
  for (const auto& p : default_paths(env_value)) {
    if (std::ifstream(p)) return p;
  }
  return {};
}

std::string Gazetteer::canonical_of(std::string_view name, const std::string& path) {
  const auto entries = entries_of(name, path);
  return entries.empty() ? std::string(name) : entries.front().canonical;
}

std::vector<PlaceEntry> Gazetteer::entries_of(std::string_view name, const std::string& path) {
  const std::string key = fold_name(name);
  if (key.empty() || path.empty()) return {};
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return {};
  std::string all(static_cast<std::size_t>(in.tellg()), '\0');
  in.seekg(0);
  in.read(all.data(), static_cast<std::streamsize>(all.size()));
  // The lines whose key is this name's, loaded into a small gazetteer of
  // their own, which then ranks them as the whole one would.
  std::string kept;
  if (all.rfind(std::string(kAllKeyed), 0) == 0) {
    // Every line ends with its key: find "\tKEY\n". With memmem(), which
    // skips ahead: std::string::find() stops at each tab, five a line, and
    // was a quarter of a whole `opis-search person:khrushchev` (10 M
    // instructions of 42 M, docs/benchmarks.md).
    const std::string needle = "\t" + key + "\n";
    auto find = [&](std::size_t from) {
      const void* at = ::memmem(all.data() + from, all.size() - from, needle.data(), needle.size());
      return at ? static_cast<std::size_t>(static_cast<const char*>(at) - all.data()) : std::string::npos;
    };
    for (std::size_t hit = find(0); hit != std::string::npos; hit = find(hit + 1)) {
      std::size_t begin = all.rfind('\n', hit);
      begin = begin == std::string::npos ? 0 : begin + 1;
      const std::string_view line(all.data() + begin, hit + needle.size() - begin);
      if (std::count(line.begin(), line.end(), '\t') >= 5) kept.append(line);
    }
  } else {
    for (std::size_t at = 0; at < all.size();) {
      std::size_t nl = all.find('\n', at);
      if (nl == std::string::npos) nl = all.size();
      const std::string_view line(all.data() + at, nl - at);
      at = nl + 1;
      if (line.empty() || line[0] == '#') continue;
      const std::size_t last = line.rfind('\t');
      if (last == std::string_view::npos) continue;
      const std::string_view given = line.substr(last + 1), surface = line.substr(0, line.find('\t'));
      // The sixth column is the key when given; a line without it is
      // folded, only when it could be this name.
      const bool has_key = !given.empty() && std::count(line.begin(), line.end(), '\t') >= 5;
      if (has_key ? given == key : (could_fold_to(surface, key) && fold_name(surface) == key)) {
        kept.append(line).push_back('\n');
      }
    }
  }
  Gazetteer g;
  std::istringstream lines(kept);
  g.load(lines);
  const auto* v = g.find(key);
  return v ? *v : std::vector<PlaceEntry>{};
}

const std::vector<PlaceEntry>* Gazetteer::find(std::string_view folded) const {
  auto it = m_names.find(std::string(folded));
  return it == m_names.end() ? nullptr : &it->second;
}

std::size_t Gazetteer::max_words_from(std::string_view first_word) const {
  auto it = m_first_words.find(std::string(first_word));
  return it == m_first_words.end() ? 0 : it->second;
}

bool Gazetteer::needs_context(std::string_view folded) const { return m_context.count(std::string(folded)) > 0; }

std::string Gazetteer::canonical(std::string_view name) const {
  const auto* v = find(fold_name(name));
  if (!v || v->empty()) return std::string(name);
  return v->front().canonical;
}

}  // namespace opis

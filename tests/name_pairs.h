// Pairs of names from a test TSV file (tests/data/persons/confusion.tsv,
// variants.tsv): name, name, same|different; '#' lines are comments.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace opis::test {

struct NamePair {
  std::string a, b;
  bool same = false;  ///< spellings of one name (else: names that must stay apart)
};

/// The pairs of `file` under tests/data/persons/; empty when it cannot be read.
inline std::vector<NamePair> read_name_pairs(const std::string& file) {
  std::ifstream in(std::string(OPIS_SOURCE_DIR) + "/tests/data/persons/" + file);
  std::vector<NamePair> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::stringstream ss(line);
    NamePair p;
    std::string want;
    std::getline(ss, p.a, '\t');
    std::getline(ss, p.b, '\t');
    std::getline(ss, want, '\t');
    p.same = want == "same";
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace opis::test

// opis-gazetteer-keys: fill in the folded key (sixth column) of every line
// of the generated gazetteer that lacks one. The generator (Python) writes
// the keys it can compute exactly; names whose folding needs ICU's
// transliteration (Зуунмод, Adıyaman, Abū ‘Arīsh) are keyed here, with the
// very function Opis folds with (name_key.h fold_name()). Then nothing is
// folded when the gazetteer is read: a search scans the file for a key
// (Gazetteer::canonical_of) instead of creating an ICU transliterator.
//
//   opis-gazetteer-keys IN.tsv OUT.tsv
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "opis/base/text.h"
#include "opis/entities/gazetteer.h"
#include "opis/entities/name_key.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: opis-gazetteer-keys IN.tsv OUT.tsv\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "opis-gazetteer-keys: cannot read " << argv[1] << '\n';
    return 2;
  }
  std::ofstream out(argv[2]);
  out << opis::Gazetteer::kAllKeyed;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') {
      out << line << '\n';
      continue;
    }
    std::vector<std::string> cols = opis::split_fields(line);
    if (cols.size() >= 3 && (cols.size() < 6 || cols[5].empty())) {
      cols.resize(6);
      cols[5] = opis::fold_name(cols[0]);
    }
    for (std::size_t i = 0; i < cols.size(); ++i) out << (i ? "\t" : "") << cols[i];
    out << '\n';
  }
  if (!out) {
    std::cerr << "opis-gazetteer-keys: cannot write " << argv[2] << '\n';
    return 1;
  }
  return 0;
}

// fold(): case and diacritics folding for word comparison (KWIC, highlights).
// It is written with ICU's normalizers and case mapping instead of ICU's
// transliterator (whose first use reads a registry, 15-20 ms): here both
// are run on every name of the gazetteer and every word of the sample
// collection and must agree.
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "opis/base/text.h"

namespace fs = std::filesystem;

namespace {

std::string by_transliterator(const std::string& s) {
  static std::unique_ptr<icu::Transliterator> t = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> tr(
        icu::Transliterator::createInstance("NFD; [:Nonspacing Mark:] Remove; Lower; NFC", UTRANS_FORWARD, status));
    return U_FAILURE(status) ? nullptr : std::move(tr);
  }();
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  t->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

void add_words(const std::string& text, std::set<std::string>& out) {
  std::istringstream in(text);
  for (std::string w; in >> w;) out.insert(w);
}

TEST(Fold, SameAsIcusTransliteratorOnGazetteerNamesAndCorpusWords) {
  std::set<std::string> samples = {
      "Ceaușescu",       "ŞTEFAN", "İstanbul",    "Straße",   "ΣΟΦΙΑ Σοφίας", "Хрущёв",
      "ХРУЩЁВ",          "Łódź",   "Ǆemal ǅemal", "Ångström", "naïve café",   "Nguyễn Văn Thiệu",
      "عبد الكريم قاسم", "हिन्दी",  "毛泽东",      "Ⅻ",        "ﬁnal",         "don’t"};
  {
    std::ifstream in(OPIS_GAZETTEER_TEST_PATH);
    ASSERT_TRUE(in) << OPIS_GAZETTEER_TEST_PATH;
    for (std::string line; std::getline(in, line);) {
      if (line.empty() || line[0] == '#') continue;
      std::size_t tab = line.find('\t');
      samples.insert(line.substr(0, tab));
    }
  }
  for (const auto& e : fs::recursive_directory_iterator(std::string(OPIS_SOURCE_DIR) + "/corpus")) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    add_words(ss.str(), samples);
  }
  std::size_t non_ascii = 0, differ = 0;
  for (const auto& s : samples) {
    if (std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) ++non_ascii;
    const std::string want = by_transliterator(s), got = opis::fold(s);
    if (got != want && ++differ <= 10)
      ADD_FAILURE() << "'" << s << "': transliterator '" << want << "', fold '" << got << "'";
  }
  EXPECT_EQ(differ, 0u);
  EXPECT_GT(non_ascii, 2000u);  // the comparison covered real non-ASCII names
}

TEST(Fold, FoldsCaseAndDiacritics) {
  EXPECT_EQ(opis::fold("Ceaușescu"), "ceausescu");
  EXPECT_EQ(opis::fold("ХРУЩЁВ"), "хрущев");
  EXPECT_EQ(opis::fold("KRUSHCHEV"), "krushchev");
  EXPECT_EQ(opis::fold("Straße"), "straße");  // no mark to drop: ß stays
}

}  // namespace

// join(): the one join of core/ (issue 19); an empty item adds no separator
// before the first non-empty one, as the joins it replaced did.
TEST(Join, SeparatesItems) {
  EXPECT_EQ(opis::join({}, ", "), "");
  EXPECT_EQ(opis::join({"a"}, ", "), "a");
  EXPECT_EQ(opis::join({"a", "b", "c"}, "; "), "a; b; c");
  EXPECT_EQ(opis::join({"", "a"}, ", "), "a");
  EXPECT_EQ(opis::join({"a", "", "b"}, ", "), "a, , b");
}

// trim_ascii() keeps an NBSP that trim() removes.
TEST(Trim, AsciiKeepsNbsp) {
  EXPECT_EQ(opis::trim(" \t\xC2\xA0x\xC2\xA0\n"), "x");
  EXPECT_EQ(opis::trim_ascii(" \t\xC2\xA0x\xC2\xA0\n"), "\xC2\xA0x\xC2\xA0");
  EXPECT_EQ(opis::trim_ascii("\v\f x \r"), "x");
}

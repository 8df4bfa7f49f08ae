// Language identification with Debian's libexttextcat, and the stemmer and
// script facts of a language code (language_id.h).
#include "opis/base/language_id.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <utility>
#include <vector>

#include <textcat.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "opis/base/language.h"
#include "opis/base/text.h"

namespace opis {

namespace {

// ISO 639-1 code -> Xapian 1.4's Snowball stemmer (Stem::get_available_languages()
// on Debian 12, XAPIAN-NOTES.md). Not configuration: what the library has.
// Dutch by Kraaij-Pohlmann: Porter's "dutch" leaves plurals in -s as they
// are ("secties", "opties"), measured on the eval collection (recall 0.62
// against 0.77 for English stems; docs/benchmarks.md).
constexpr std::array<std::pair<std::string_view, std::string_view>, 24> kStemmers = {{
    {"ar", "arabic"},          {"hy", "armenian"},   {"eu", "basque"},     {"ca", "catalan"},  {"da", "danish"},
    {"nl", "kraaij_pohlmann"}, {"en", "english"},    {"fi", "finnish"},    {"fr", "french"},   {"de", "german"},
    {"hu", "hungarian"},       {"id", "indonesian"}, {"ga", "irish"},      {"it", "italian"},  {"lt", "lithuanian"},
    {"ne", "nepali"},          {"nb", "norwegian"},  {"pt", "portuguese"}, {"ro", "romanian"}, {"ru", "russian"},
    {"es", "spanish"},         {"sv", "swedish"},    {"ta", "tamil"},      {"tr", "turkish"},
}};

// The languages an identification may give; another is undetermined.
// libexttextcat has 160 profiles, and a near neighbour of a large language
// wins on short texts (Rusyn for Russian, measured on the eval collection;
// Scots for English): the languages with a stemmer, CJK, and the large
// unstemmed European and Asian ones. Not configuration: what the profiles
// can be trusted with.
bool accepted(std::string_view code) {
  static constexpr std::string_view kAccepted[] = {
      "ar", "hy", "eu", "ca", "da", "nl", "en", "fi", "fr", "de", "hu", "id", "ga", "it", "lt", "ne", "nb",
      "pt", "ro", "ru", "es", "sv", "ta", "tr", "zh", "ja", "ko", "pl", "cs", "sk", "sl", "hr", "sr", "bs",
      "bg", "uk", "be", "el", "he", "fa", "hi", "ur", "lv", "et", "is", "mk", "sq", "vi", "th", "ka"};
  return std::find(std::begin(kAccepted), std::end(kAccepted), code) != std::end(kAccepted);
}

// Letters in the first `max_bytes` of `text` (not digits, spaces, marks).
std::size_t count_letters(std::string_view text) {
  std::size_t n = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto len = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < len;) {
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c >= 0 && u_isalpha(c)) ++n;
  }
  return n;
}

}  // namespace

LanguageIdentifier::LanguageIdentifier(const LanguageIdOptions& opts) : m_opts(opts) {
  std::string dir = opts.data_dir;
  if (!dir.empty() && dir.back() != '/') dir += '/';
  m_handle = special_textcat_Init((dir + opts.conf).c_str(), dir.c_str());
  if (!m_handle) throw std::runtime_error("cannot read libexttextcat's language profiles in " + opts.data_dir);
}

LanguageIdentifier::~LanguageIdentifier() {
  if (m_handle) textcat_Done(m_handle);
}

IdentifiedLanguage LanguageIdentifier::identify(std::string_view text) const {
  IdentifiedLanguage out;
  text = text.substr(0, m_opts.max_bytes);
  // Do not cut a UTF-8 sequence in two: back up to a lead byte.
  while (!text.empty() && m_opts.max_bytes == text.size() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80)
    text.remove_suffix(1);
  if (count_letters(text) < m_opts.min_letters) return out;
  std::lock_guard<std::mutex> lock(m_mutex);
  candidate_t* cands = textcat_GetClassifyFullOutput(m_handle);
  const int n = textcat_ClassifyFull(m_handle, text.data(), text.size(), cands);
  if (n > 0) {
    // textcat keeps the profiles within 5% of the best distance (at most
    // five): one means the text is clearly that language.
    out.confidence = 1.0 / n;
    std::string name = cands[0].name;  // "de--utf8", "zh-CN-utf8", "uz-Cyrl-utf8"
    out.code = name.substr(0, name.find('-'));
  }
  textcat_ReleaseClassifyFullOutput(m_handle, cands);
  if (out.code == "nn" || out.code == "no") out.code = "nb";
  if (out.confidence < m_opts.min_confidence || !accepted(out.code)) out = {};
  return out;
}

std::string language_code(std::string_view name_or_code) {
  std::vector<std::string> keys = language_keys(name_or_code);
  if (keys.empty()) return "";
  for (const auto& k : keys) {
    if (k.size() == 2) return k;
  }
  if (keys[0] == "norwegian bokmal" || keys[0] == "nob" || keys[0] == "no") return "nb";
  return keys[0];
}

std::string_view stemmer_name(std::string_view code) {
  if (code == "no" || code == "nn") code = "nb";
  for (const auto& [c, name] : kStemmers) {
    if (c == code) return name;
  }
  return {};
}

bool is_cjk_language(std::string_view code) { return code == "zh" || code == "ja" || code == "ko"; }

}  // namespace opis

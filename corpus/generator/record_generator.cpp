// How opis-gen writes one synthetic record. The aim is text that exercises
// the parser and the indexer the way real archive records do: every date
// form the reader accepts, wrapped titles, citations with the credit phrases
// and archive-reference conventions of real collections, annotations and
// footnotes, names in several spellings, and body words whose frequencies
// follow Zipf's law (so posting-list lengths, stop-word load and vocabulary
// growth look like a real index's). It does not try to make sense.
#include "record_generator.h"

#include <algorithm>
#include <array>
#include <iterator>

#include <fmt/format.h>

#include "vocabulary.h"

namespace opis {

namespace {

constexpr std::string_view kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                        "July",    "August",   "September", "October", "November", "December"};

int days_in(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

// Original languages with weights (per cent): Soviet-bloc archives dominate,
// as in the real collections this imitates.
struct Language {
  std::string_view name;
  int weight;
};
constexpr Language kLanguages[] = {
    {"Russian", 30}, {"German", 12},   {"Chinese", 8},  {"English", 7},   {"Polish", 6},    {"Czech", 5},
    {"Hungarian", 5}, {"Romanian", 4}, {"Bulgarian", 4}, {"Vietnamese", 3}, {"Korean", 3},  {"Arabic", 3},
    {"French", 3},   {"Spanish", 3},   {"Mongolian", 2}, {"Albanian", 2},
};

constexpr std::string_view kSpeechVerbs[] = {
    "said", "stated", "noted", "remarked", "emphasized", "stressed", "replied", "declared", "pointed out",
    "added", "explained", "observed", "answered", "believes", "says", "expressed the opinion", "underlined",
    "informed the delegation", "recalled", "admitted",
};

// Pieces of rare proper names (see rare_name()).
constexpr std::string_view kOnsets[] = {"B", "D", "G", "K", "L", "M", "N", "P", "R", "S", "T", "V",
                                        "Z", "Br", "Dr", "Gr", "Kr", "St", "Tr", "Ch", "Sh", "Zh", "Kh"};
constexpr std::string_view kVowels[] = {"a", "e", "i", "o", "u", "ia", "ei", "ou"};
constexpr std::string_view kMiddles[] = {"b", "d", "g", "k", "l", "m", "n", "r",
                                         "s", "t", "v", "z", "sk", "nd", "rv", "lk"};
constexpr std::string_view kEndings[] = {"ov", "enko", "ski", "escu", "ić", "ani", "berg", "er", "ova",
                                         "ek", "in", "ashvili", "yan", "ar", "os", "ides", "oglu", "ich"};

bool is_small_word(std::string_view w) {
  for (std::string_view s : {"a", "an", "the", "of", "in", "on", "and", "to", "with", "for", "between", "from",
                             "by", "at", "or"}) {
    if (w == s) return true;
  }
  return false;
}

// Title case for ASCII words: "the situation in" -> "the Situation in"
// (small words stay lower case unless they open the title).
void append_title_case(std::string& out, std::string_view s, bool at_start) {
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = s.find(' ', i);
    if (j == std::string_view::npos) j = s.size();
    std::string_view w = s.substr(i, j - i);
    std::size_t at = out.size();
    out += w;
    if (!w.empty() && w[0] >= 'a' && w[0] <= 'z' && (at_start || !is_small_word(w))) out[at] = static_cast<char>(w[0] - 32);
    at_start = false;
    if (j < s.size()) out += ' ';
    i = j + 1;
  }
}

// Upper case for headings: ASCII, Latin-1 and the Latin Extended-A/B letters
// of our name pools (enough for "GOMUŁKA", "CEAUȘESCU"); anything else is
// copied unchanged.
void append_upper(std::string& out, std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t n = s.size();
  for (std::size_t i = 0; i < n;) {
    unsigned char c = p[i];
    if (c < 0x80) {
      out += static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
      ++i;
    } else if ((c & 0xE0) == 0xC0 && i + 1 < n) {
      unsigned cp = ((c & 0x1Fu) << 6) | (p[i + 1] & 0x3Fu);
      if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) cp -= 0x20;
      else if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177) || (cp >= 0x218 && cp <= 0x21B)) cp &= ~1u;
      else if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) cp -= (cp % 2 == 0) ? 1 : 0;
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
      i += 2;
    } else {
      std::size_t len = (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
      out.append(s.substr(i, len));
      i += len;
    }
  }
}

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  std::size_t run = 0;  // copy unescaped runs in one go
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default: fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
    }
  }
  out.append(s.substr(run));
  out += '"';
}

std::size_t count_words(std::string_view s) {
  std::size_t n = 0;
  bool in_word = false;
  for (char c : s) {
    bool space = c == ' ' || c == '\n' || c == '\t';
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

void append_list(std::string& out, const std::vector<std::string>& names, bool oxford_comma) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 < names.size() ? ", " : (oxford_comma && names.size() > 2 ? ", and " : " and ");
    out += names[i];
  }
}

}  // namespace

// Builds one record. A class rather than free functions because every step
// shares the same state: the record's generator, its cast of persons and
// places, and the running word count of the body.
class RecordBuilder {
 public:
  RecordBuilder(const RecordGenerator& g, char prefix, std::uint64_t index, int id_width, SyntheticRecord& out)
      : m_gen(g), m_pools(g.m_pools), m_rng(mix_seed(g.m_seed, static_cast<unsigned char>(prefix), index)),
        m_out(out), m_vocab(vocabulary()) {
    fmt::format_to(std::back_inserter(m_out.id), "{}{:0{}}", prefix, index, id_width);
  }

  void build() {
    make_date();
    make_cast();
    pick_kind_and_language();
    make_title();
    make_reference();
    make_credits_and_citation();
    if (m_rng.chance(880)) make_summary();
    make_credits_text();
    std::size_t header_words = count_words(m_out.date) + count_words(m_out.title) + count_words(m_out.citation) +
                               count_words(m_out.summary) + count_words(m_out.credits) +
                               count_words(m_out.original_language) +
                               (m_out.summary.empty() ? 8 : 9);  // labels and "Translation - English"
    // Length: 40%..200% of the mean, skewed to the short side like real
    // collections. g = u^2 (p = 3/4) or u (p = 1/4) has mean 3/8, so
    // 0.4 + 1.6 g has mean 1 without calling pow().
    double u = static_cast<double>(m_rng.next() >> 11) * 0x1.0p-53;
    double g = m_rng.chance(750) ? u * u : u;
    auto total = static_cast<std::size_t>(static_cast<double>(m_gen.m_mean_words) * (0.4 + 1.6 * g) + 0.5);
    // The body overshoots its target by about 30 words on average (the
    // sentence that crosses it, the closing lines, footnotes): aim lower.
    constexpr std::size_t kOvershoot = 30;
    m_target_words = total > header_words + kOvershoot + 30 ? total - header_words - kOvershoot : 30;
    make_body();
    // m_words counts exactly what wc -w would (checked by the tests); a
    // recount of every body cost a fifth of the run time.
    m_out.words = header_words + m_words;
  }

 private:
  enum class Kind { conversation, telegram, report, letter, minutes };

  struct CastMember {
    const Person* person = nullptr;
    const std::string* full = nullptr;
    const std::string* short_form = nullptr;
    int mentions = 0;
  };

  // ---- Header ----------------------------------------------------------

  void make_date() {
    m_year = m_rng.between(1945, 1991);
    m_month = m_rng.between(1, 12);
    m_day = m_rng.between(1, days_in(m_year, m_month));
    std::string& d = m_out.date;
    std::string_view month = kMonths[m_month - 1];
    int r = m_rng.between(0, 99);
    if (r < 3) {
      d = "n.d.";
      m_precision = 0;
    } else if (r < 38) {
      fmt::format_to(std::back_inserter(d), "{} {}, {}", month, m_day, m_year);
      m_precision = 3;
    } else if (r < 53) {
      fmt::format_to(std::back_inserter(d), "{} {}, {}", m_day, month, m_year);
      m_precision = 3;
    } else if (r < 73) {
      fmt::format_to(std::back_inserter(d), "{:04}-{:02}-{:02}", m_year, m_month, m_day);
      m_precision = 3;
    } else if (r < 86) {
      fmt::format_to(std::back_inserter(d), "{} {}", month, m_year);
      m_precision = 2;
    } else {
      fmt::format_to(std::back_inserter(d), "{}", m_year);
      m_precision = 1;
    }
  }

  void make_cast() {
    m_cast_size = m_rng.between(2, 4);
    for (int k = 0; k < m_cast_size; ++k) {
      const Person* p = nullptr;
      for (int tries = 0; tries < 8; ++tries) {  // distinct persons; a repeat after 8 tries is harmless
        p = &m_pools.persons[m_pools.person_table.sample(m_rng)];
        bool dup = false;
        for (int j = 0; j < k; ++j) dup = dup || m_cast[j].person == p;
        if (!dup) break;
      }
      CastMember& c = m_cast[k];
      c.person = p;
      // A record settles on one spelling per person, usually the standard one.
      c.full = m_rng.chance(800) ? &p->full.front() : &m_rng.pick(p->full);
      c.short_form = m_rng.chance(900) ? &p->short_forms.front() : &m_rng.pick(p->short_forms);
      if (!p->variants.empty() && m_rng.chance(60)) c.short_form = &m_rng.pick(p->variants);
    }
    m_city = m_pools.cities[m_rng.below(static_cast<std::uint32_t>(m_pools.cities.size()))];
    m_country = m_pools.countries[m_rng.below(static_cast<std::uint32_t>(std::min<std::size_t>(m_pools.countries.size(), 120)))];
  }

  void pick_kind_and_language() {
    int r = m_rng.between(0, 99);
    m_kind = r < 35 ? Kind::conversation : r < 57 ? Kind::telegram : r < 77 ? Kind::report : r < 89 ? Kind::letter : Kind::minutes;
    int w = m_rng.between(0, 99);
    for (const auto& l : kLanguages) {
      if (w < l.weight) {
        m_language = l.name;
        break;
      }
      w -= l.weight;
    }
    m_out.original_language = m_language;
    m_english = m_language == "English";
    m_out.contents_kind = m_english ? "Transcript" : "Translation";
    m_out.translation_language = "English";
  }

  std::string_view place_name(std::uint32_t idx) {
    const Place& p = m_pools.places[idx];
    return p.names.size() == 1 || m_rng.chance(850) ? std::string_view(p.names.front())
                                                    : std::string_view(m_rng.pick(p.names));
  }
  std::string_view city_name() { return m_pools.places[m_city].names.front(); }
  std::string_view country_name() { return m_pools.places[m_country].names.front(); }

  // A topic, its '%' replaced by a country; title-cased for titles.
  void append_topic(std::string& out, bool title_case) {
    std::string_view t = m_rng.pick(m_pools.topics);
    std::size_t pct = t.find('%');
    std::string_view before = t.substr(0, pct);
    if (title_case) append_title_case(out, before, false);
    else out += before;
    if (pct != std::string_view::npos) {
      out += place_name(m_pools.countries[m_rng.below(static_cast<std::uint32_t>(std::min<std::size_t>(m_pools.countries.size(), 120)))]);
      std::string_view after = t.substr(pct + 1);
      if (title_case) append_title_case(out, after, false);
      else out += after;
    }
  }

  // A cast member as titles name them: full form, sometimes with a title.
  void append_formal(std::string& out, int k, bool may_title) {
    const CastMember& c = m_cast[k];
    if (may_title && !c.person->titles.empty() && m_rng.chance(400)) {
      out += m_rng.pick(c.person->titles);
      out += ' ';
    }
    out += *c.full;
  }

  void make_title() {
    std::string& t = m_out.title;
    int v = m_rng.between(0, 5);
    switch (m_kind) {
      case Kind::conversation:
        if (v <= 1) {
          t += "Record of a Conversation of ";
          append_formal(t, 0, true);
          t += v == 0 ? " with " : " with a Delegation of ";
          if (v == 0) append_formal(t, 1, true);
          else append_title_case(t, country_name(), false);
        } else if (v <= 3) {
          t += v == 2 ? "Memorandum of Conversation between " : "Record of a Conversation between ";
          append_formal(t, 0, false);
          t += " and ";
          append_formal(t, 1, false);
        } else if (v == 4) {
          t += "Memorandum of Conversation between ";
          append_formal(t, 0, true);
          t += " and the Ambassador of ";
          t += country_name();
        } else {
          t += "Record of the Main Content of a Conversation between ";
          append_formal(t, 0, false);
          t += " and ";
          append_formal(t, 1, false);
        }
        break;
      case Kind::telegram:
        if (v <= 1) {
          t += "Telegram from the Embassy in ";
          t += city_name();
          if (v == 1) {
            t += " on ";
            append_topic(t, true);
          }
        } else if (v == 2) {
          t += "Cipher Telegram from ";
          append_formal(t, 0, true);
          t += " to ";
          append_formal(t, 1, true);
        } else if (v == 3) {
          t += "Telegram from ";
          t += city_name();
          t += " to the Ministry of Foreign Affairs";
        } else if (v == 4) {
          t += "Cable from the Consulate General in ";
          t += city_name();
        } else {
          t += "Telegram from ";
          append_formal(t, 0, true);
          t += " to the Central Committee";
        }
        break;
      case Kind::report:
        if (v <= 1) t += "Report on ";
        else if (v == 2) { t += "Report of the Embassy in "; t += city_name(); t += " on "; }
        else if (v == 3) t += "Information on ";
        else if (v == 4) t += "Note on ";
        else { t += "Report by "; append_formal(t, 0, true); t += " on "; }
        append_topic(t, true);
        break;
      case Kind::letter:
        if (v <= 3) {
          t += "Letter from ";
          append_formal(t, 0, true);
          t += " to ";
          append_formal(t, 1, true);
          if (v >= 2) {
            t += " on ";
            append_topic(t, true);
          }
        } else {
          t += "Letter from the Central Committee to ";
          append_formal(t, 0, true);
        }
        break;
      case Kind::minutes:
        if (v <= 2) {
          t += "Minutes of a Meeting of the Political Bureau on ";
          append_topic(t, true);
        } else if (v <= 4) {
          t += "Minutes of the Conversation between Delegations of ";
          t += country_name();
          t += " and ";
          t += place_name(m_pools.countries[m_rng.below(60)]);
        } else {
          t += "Minutes of a Meeting between ";
          append_formal(t, 0, true);
          t += " and ";
          append_formal(t, 1, true);
        }
        break;
    }
    // Long titles are often wrapped over two lines in the seed layout, as in
    // the real records: break at the space nearest the middle.
    if (t.size() > 55 && m_rng.chance(500)) {
      std::size_t mid = t.size() / 2;
      std::size_t before = t.rfind(' ', mid), after = t.find(' ', mid);
      std::size_t at = before == std::string::npos ? after
                       : after == std::string::npos ? before
                       : (mid - before <= after - mid ? before : after);
      if (at != std::string::npos) m_out.title_break = at;
    }
  }

  void append_range(std::string& out, const char* one, const char* many) {
    int a = m_rng.between(1, 400);
    int b = a + m_rng.between(0, 14);
    if (a == b) fmt::format_to(std::back_inserter(out), "{} {}", one, a);
    else fmt::format_to(std::back_inserter(out), "{} {}-{}", many, a, b);
  }

  // Archive references in the conventions of the archives that hold such
  // documents; the reader only needs "REPOSITORY, rest", but the indexer's
  // ref: field and the citation parser see the real variety.
  //
  // Every draw is its own statement or an element of a braced list (which
  // C++ evaluates left to right): function arguments are evaluated in an
  // unspecified order, and two draws in one call would make the output
  // depend on the compiler.
  void make_reference() {
    std::string& r = m_out.reference;
    auto out = std::back_inserter(r);
    auto n = [&](int lo, int hi) { return m_rng.between(lo, hi); };
    int v = n(0, 99);
    if (v < 8) {  // generic, any language
      const int file = n(1, 9999);
      fmt::format_to(out, "Archive of the Ministry of Foreign Affairs of {}, file {}, ", place_name(m_country), file);
      append_range(r, "p.", "pp.");
      return;
    }
    const int w = n(0, 4);
    const std::string_view lang = m_language;
    if (lang == "Russian" || lang == "Korean") {
      if (w == 0) {
        const int x[] = {m_rng.pick(std::array{2, 3, 4, 5, 52, 89}), n(1, 90), n(1, 1500)};
        fmt::format_to(out, "RGANI, f. {}, op. {}, d. {}, ", x[0], x[1], x[2]);
      } else if (w == 1) {
        const int x[] = {n(100, 600), n(1, 80), n(1, 500), n(1, 60)};
        fmt::format_to(out, "AVPRF, f. 0{}, op. {}, p. {}, d. {}, ", x[0], x[1], x[2], x[3]);
      } else if (w == 2) {
        const int x[] = {m_rng.pick(std::array{5446, 9401, 7523, 8131}), n(1, 130), n(1, 2000)};
        fmt::format_to(out, "GARF, f. R-{}, op. {}, d. {}, ", x[0], x[1], x[2]);
      } else if (w == 3) {
        const int x[] = {m_rng.pick(std::array{17, 82, 495, 558}), n(1, 170), n(1, 1200)};
        fmt::format_to(out, "RGASPI, f. {}, op. {}, d. {}, ", x[0], x[1], x[2]);
      } else {
        const int x[] = {m_rng.pick(std::array{3, 45, 52}), n(1, 90), n(1, 900)};
        fmt::format_to(out, "APRF, f. {}, op. {}, d. {}, ", x[0], x[1], x[2]);
      }
      append_range(r, "l.", "ll.");
    } else if (lang == "German") {
      if (w <= 1) {
        const int x[] = {n(3000, 12000), n(1, 200), n(201, 260)};
        fmt::format_to(out, "BArch, DY 30/{}, {}-{}", x[0], x[1], x[2]);
      } else if (w == 2) {
        fmt::format_to(out, "SAPMO-BArch, DY 30/J IV 2/2/{}", n(100, 2400));
      } else if (w == 3) {
        std::string_view series = m_rng.pick(std::array{"A", "C"});
        const int x[] = {n(100, 20000), n(60, 90), n(1, 40), n(41, 80)};
        fmt::format_to(out, "PA AA, MfAA, {} {}/{}, {}-{}", series, x[0], x[1], x[2], x[3]);
      } else {
        const int x[] = {n(1000, 9000), n(1, 50), n(51, 120)};
        fmt::format_to(out, "BStU, MfS, ZAIG {}, {}-{}", x[0], x[1], x[2]);
      }
    } else if (lang == "English") {
      static constexpr std::array kFiles = {"611.61", "761.00", "661.00", "751G.00", "793.00", "780.00", "033.6100"};
      if (w <= 1) {
        // US decimal files end in the date: 611.61/11-1958 is 19 November 1958.
        fmt::format_to(out, "RG 59, Central Files, {}/{}-{}{:02}", m_rng.pick(kFiles), m_month, m_day, m_year % 100);
      } else if (w == 2) {
        const int number = n(1, 33);
        std::string_view country = m_rng.pick(std::array{"USSR", "CHICOM", "VIET S", "GER E", "POL", "CUBA"});
        fmt::format_to(out, "NARA, RG 59, Central Foreign Policy Files, {}-{}, POL {} {}", m_year, m_year + 2, number, country);
      } else if (w == 3) {
        fmt::format_to(out, "TNA, FO 371/{}", n(100000, 190000));
      } else {
        std::string_view library = m_rng.pick(std::array{"JFK", "LBJ", "Ford", "Carter", "Eisenhower"});
        fmt::format_to(out, "{} Library, NSF, Countries, Box {}", library, n(1, 400));
      }
    } else if (lang == "Polish") {
      if (w < 3) {
        fmt::format_to(out, "AAN, KC PZPR, XI A/{}, ", n(1, 200));
        append_range(r, "k.", "k.");
      } else {
        const int x[] = {n(1, 60), n(1, 900), n(1, 80)};
        fmt::format_to(out, "AMSZ, Departament II, z. {}, t. {}, w. {}", x[0], x[1], x[2]);
      }
    } else if (lang == "Czech") {
      if (w < 3) {
        const int x[] = {n(1, 200), n(1, 400)};
        fmt::format_to(out, "NA, KSČ-ÚV-02/1, sv. {}, ar. j. {}", x[0], x[1]);
      } else {
        std::string_view country = m_rng.pick(std::array{"SSSR", "ČLR", "NDR", "KLDR"});
        fmt::format_to(out, "AMZV, TO-T 1955-1959, {}, k. {}", country, n(1, 40));
      }
    } else if (lang == "Hungarian") {
      if (w < 3) {
        const int x[] = {n(4, 47), n(1, 900), n(1, 30), n(31, 60)};
        fmt::format_to(out, "MNL OL, M-KS 288. f. {}/{}. ő.e., {}-{}", x[0], x[1], x[2], x[3]);
      } else {
        std::string_view country = place_name(m_country);
        fmt::format_to(out, "MNL OL, XIX-J-1-j, {}, {}. doboz", country, n(1, 120));
      }
    } else if (lang == "Romanian") {
      std::string_view fond = m_rng.pick(std::array{"Relații Externe", "Cancelarie", "Secția Relații Externe"});
      fmt::format_to(out, "ANIC, fond CC al PCR, {}, dosar {}/{}", fond, n(1, 200), m_year);
    } else if (lang == "Bulgarian") {
      const int x[] = {n(5, 60), n(1, 900)};
      fmt::format_to(out, "TsDA, f. 1B, op. {}, a.e. {}, ", x[0], x[1]);
      append_range(r, "l.", "l.");
    } else if (lang == "Chinese") {
      const int x[] = {m_rng.pick(std::array{109, 105, 106, 204}), n(1, 4000), n(1, 20), n(1, 40), n(41, 90)};
      fmt::format_to(out, "PRC FMA {}-{:05}-{:02}, {}-{}", x[0], x[1], x[2], x[3], x[4]);
    } else if (lang == "Vietnamese") {
      fmt::format_to(out, "VNA3, Phủ Thủ tướng, hồ sơ {}", n(1, 9999));
    } else if (lang == "Albanian") {
      fmt::format_to(out, "AQSH, F. 14/AP, M-PKSH, V. {}, D. {}, ", m_year, n(1, 90));
      append_range(r, "fl.", "fl.");
    } else if (lang == "French") {
      fmt::format_to(out, "AMAE, Europe 1944-1960, URSS, vol. {}", n(1, 400));
    } else if (lang == "Spanish") {
      std::string_view country = place_name(m_country);
      fmt::format_to(out, "Archivo del MINREX, {}, caja {}", country, n(1, 300));
    } else if (lang == "Mongolian") {
      const int x[] = {n(1, 5), n(1, 700)};
      fmt::format_to(out, "MFA Archive of Mongolia, f. {}, d. {}, ", x[0], x[1]);
      append_range(r, "h.", "h.");
    } else {  // Arabic and anything else
      const int x[] = {n(1, 999), n(1, 5), n(1, 9), n(1, 9999)};
      fmt::format_to(out, "BRCC {:03}-{}-{}-{:04}", x[0], x[1], x[2], x[3]);
    }
  }

  void pick_scholars(std::vector<std::string>& to, int n) {
    for (int i = 0; i < n; ++i) {
      std::string_view s = m_rng.pick(m_pools.scholars);
      bool dup = false;
      for (const auto& t : to) dup = dup || t == s;
      if (!dup) to.emplace_back(s);
    }
  }
  int how_many() { int r = m_rng.between(0, 99); return r < 70 ? 1 : r < 90 ? 2 : 3; }

  // The citation, with the credit phrases real citations use. The lists we
  // fill are what parse_citation() reads back from the phrase.
  void make_credits_and_citation() {
    auto& c = m_out.contributors;
    auto& t = m_out.translators;
    auto& s = m_out.transcribers;
    std::string credit;
    bool oxford = m_rng.chance(500);
    auto list = [&](const std::vector<std::string>& names) { append_list(credit, names, oxford); };
    int r = m_rng.between(0, 99);
    if (m_english) {
      if (r < 50) { pick_scholars(c, how_many()); credit = "Contributed by "; list(c); }
      else if (r < 75) { pick_scholars(c, how_many()); credit = "Obtained by "; list(c); }
      else if (r < 90) { pick_scholars(c, how_many()); s = c; credit = "Contributed and transcribed by "; list(c); }
      else { pick_scholars(s, how_many()); credit = "Transcribed by "; list(s); }
    } else if (r < 30) {
      pick_scholars(c, how_many()); pick_scholars(t, how_many());
      credit = "Contributed by "; list(c); credit += " and translated by "; list(t);
    } else if (r < 45) {
      pick_scholars(t, how_many()); credit = "Translated by "; list(t);
    } else if (r < 55) {
      pick_scholars(c, how_many()); credit = "Obtained by "; list(c);
    } else if (r < 65) {
      pick_scholars(c, how_many()); t = c; credit = "Obtained and translated by "; list(c);
    } else if (r < 73) {
      pick_scholars(c, how_many()); t = c; s = c; credit = "Contributed, transcribed, and translated by "; list(c);
    } else if (r < 83) {
      pick_scholars(c, how_many()); credit = "Contributed by "; list(c);
    } else if (r < 90) {
      pick_scholars(c, how_many()); pick_scholars(t, how_many());
      credit = "Obtained by "; list(c); credit += " and translated by "; list(t);
    } else if (r < 95) {
      pick_scholars(c, how_many()); pick_scholars(t, how_many());
      credit = "Contributed by "; list(c); credit += ". Translated by "; list(t);
    } else {
      pick_scholars(s, how_many()); pick_scholars(t, how_many());
      credit = "Transcribed by "; list(s); credit += " and translated by "; list(t);
    }
    m_out.archive = kSyntheticArchive;
    m_out.url = kSyntheticUrlBase;
    m_out.url += m_out.id;
    fmt::format_to(std::back_inserter(m_out.citation), "\"{}\", {}, {}, {}. {}. <{}>", m_out.title, m_out.date,
                   m_out.archive, m_out.reference, credit, m_out.url);
  }

  void append_cast_short(std::string& out, int k) { out += *m_cast[k].short_form; }

  void make_summary() {
    std::string& s = m_out.summary;
    int v = m_rng.between(0, 2);
    switch (m_kind) {
      case Kind::conversation:
        if (v == 0) { append_cast_short(s, 0); s += " and "; append_cast_short(s, 1); s += " discuss "; append_topic(s, false); s += " and "; append_topic(s, false); }
        else { append_cast_short(s, 0); s += " receives "; s += *m_cast[1].full; s += " and speaks about "; append_topic(s, false); }
        break;
      case Kind::telegram:
        if (v == 0) { s += "The embassy in "; s += city_name(); s += " reports on "; append_topic(s, false); }
        else { append_cast_short(s, 0); s += " informs "; append_cast_short(s, 1); s += " of "; append_topic(s, false); }
        break;
      case Kind::report:
        s += "A report on "; append_topic(s, false); s += ", with an assessment of "; append_topic(s, false);
        break;
      case Kind::letter:
        append_cast_short(s, 0); s += " writes to "; append_cast_short(s, 1); s += " about "; append_topic(s, false);
        break;
      case Kind::minutes:
        s += "The participants discuss "; append_topic(s, false); s += "; "; append_cast_short(s, 0);
        s += " and "; append_cast_short(s, 1); s += " speak";
        break;
    }
    s += '.';
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 32);
    if (m_rng.chance(400)) {
      // A second sentence from the body machinery; the body is still empty.
      s += ' ';
      sentence(m_rng.between(8, 18), false);
      m_out.summary += m_out.body;
      m_out.body.clear();
    }
  }

  void make_credits_text() {
    static constexpr std::string_view kCredits[] = {
        "This record is synthetic: opis-gen generated it for benchmarks and tests. It is not a historical document.",
        "Synthetic record generated by opis-gen; not a historical document. Real names appear in invented text.",
        "This synthetic document was made possible with support from the Opis Synthetic Fund; it is generated text, not a historical record.",
    };
    m_out.credits = m_rng.pick(kCredits);
  }

  // ---- Body ------------------------------------------------------------

  // Append text made of words separated by single spaces, counting them.
  void put(std::string_view s) {
    m_out.body += s;
    m_words += 1 + spaces(s);
  }
  static std::size_t spaces(std::string_view s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), ' ')); }

  void put_word() { put(m_vocab[m_gen.m_vocabulary_table.sample(m_rng)]); }

  // A cast member in running text: the full form first, then mostly the
  // short form, sometimes with a title, now and then a variant spelling.
  void put_cast(int k, bool possessive = false) {
    CastMember& c = m_cast[k];
    const Person& p = *c.person;
    bool title_ok = !p.titles.empty() && c.short_form->rfind("the ", 0) != 0 && c.short_form->rfind("King ", 0) != 0;
    if (c.mentions++ == 0) {
      if (title_ok && m_rng.chance(400)) { put(m_rng.pick(p.titles)); m_out.body += ' '; }
      put(*c.full);
    } else {
      int r = m_rng.between(0, 99);
      if (r < 55) put(*c.short_form);
      else if (r < 75 && title_ok) { put(m_rng.pick(p.titles)); m_out.body += ' '; put(*c.short_form); }
      else if (r < 88 || p.variants.empty()) put(*c.full);
      else put(m_rng.pick(p.variants));
    }
    if (possessive) m_out.body += "'s";
  }

  void put_random_person() {
    const Person& p = m_pools.persons[m_pools.person_table.sample(m_rng)];
    if (!p.titles.empty() && m_rng.chance(150)) { put(m_rng.pick(p.titles)); m_out.body += ' '; }
    int r = m_rng.between(0, 99);
    put(r < 45 ? p.full.front() : r < 92 || p.variants.empty() ? p.short_forms.front() : m_rng.pick(p.variants));
  }

  void put_place() { put(place_name(static_cast<std::uint32_t>(m_pools.place_table.sample(m_rng)))); }

  // The long tail of rare proper names (minor persons, villages, plants)
  // that real collections are full of and that make an index's vocabulary
  // keep growing. The rank follows Zipf's law (s = 1) without libm: pick a
  // power-of-two band uniformly, then a rank uniformly inside it. The name
  // is a pure function of the rank (rank 5 is the same name everywhere),
  // built from syllables chosen by a hash of the rank, so that frequent and
  // rare names look alike.
  void put_rare_name() {
    int band = m_rng.between(0, 19);
    std::uint64_t rank = (1ull << band) + m_rng.below(1u << band);
    std::string& b = m_out.body;
    int ctx = m_rng.between(0, 9);
    if (ctx == 0) { b += "Comrade "; ++m_words; }
    else if (ctx == 1) { b += "Mr. "; ++m_words; }
    else if (ctx == 2) { b += "the village of "; m_words += 3; }
    else if (ctx == 3) { b += "the "; ++m_words; }
    std::uint64_t state = rank;
    std::uint64_t x = splitmix64(state);
    auto piece = [&x](auto const& list) {
      std::string_view p = list[x % std::size(list)];
      x /= std::size(list);
      return p;
    };
    b += piece(kOnsets);
    b += piece(kVowels);
    b += piece(kMiddles);
    b += piece(kVowels);
    if (x % 3 == 0) {  // a third of the names get one more syllable
      x /= 3;
      b += piece(kMiddles);
      b += piece(kVowels);
    } else {
      x /= 3;
    }
    b += piece(kEndings);
    ++m_words;
    if (ctx == 3) { b += m_rng.chance(500) ? " plant" : " district"; ++m_words; }
  }

  void put_number() {
    auto out = std::back_inserter(m_out.body);
    switch (m_rng.between(0, 9)) {
      case 0: fmt::format_to(out, "{} years", m_rng.between(2, 40)); break;
      case 1: fmt::format_to(out, "{} minutes", m_rng.between(5, 95)); break;
      case 2: fmt::format_to(out, "{} months", m_rng.between(2, 18)); break;
      case 3: { const int x[] = {m_rng.between(1, 900), m_rng.between(0, 999)}; fmt::format_to(out, "{},{:03} tons", x[0], x[1]); break; }
      case 4: fmt::format_to(out, "{} percent", m_rng.between(2, 95)); break;
      case 5: fmt::format_to(out, "{} divisions", m_rng.between(2, 40)); break;
      case 6: { const int x[] = {m_rng.between(1, 28), m_rng.between(0, 11)}; fmt::format_to(out, "{} {}", x[0], kMonths[x[1]]); break; }
      case 7: { const int x[] = {m_rng.between(0, 11), m_rng.between(1945, 1991)}; fmt::format_to(out, "{} {}", kMonths[x[0]], x[1]); break; }
      case 8: fmt::format_to(out, "in {}", m_rng.between(1917, 1991)); break;
      default: fmt::format_to(out, "{} million rubles", m_rng.between(2, 900)); ++m_words; break;
    }
    m_words += 2;
  }

  // `n` words of running text: mostly vocabulary, with persons, places,
  // rare names, numbers and editorial marks mixed in.
  void clause(int n) {
    std::string& b = m_out.body;
    int quote_at = -1, quote_end = -1;
    if (n >= 6 && m_rng.chance(30)) {
      quote_at = m_rng.between(1, n - 4);
      quote_end = quote_at + m_rng.between(1, 3);
    }
    int dash_at = n >= 8 && m_rng.chance(15) ? m_rng.between(3, n - 3) : -1;
    for (int i = 0; i < n; ++i) {
      if (i > 0) {
        if (i == dash_at) { b += " \xE2\x80\x93 "; ++m_words; }  // en dash, as in translated prose
        else if (m_split_here && i == n / 2) { b += "\n\n"; m_split_here = false; }  // page break mid-sentence
        else b += ' ';
      }
      if (i == quote_at) b += '"';
      int r = m_rng.between(0, 999);
      if (r < 11) {
        const int k = m_rng.between(0, m_cast_size - 1);
        put_cast(k, m_rng.chance(60));
      }
      else if (r < 16) put_random_person();
      else if (r < 36) put_place();
      else if (r < 51) put_rare_name();
      else if (r < 59) put_number();
      else if (r < 64) { b += '['; put_word(); b += ']'; }
      else if (r < 66) { b += "[illegible]"; ++m_words; }
      else put_word();
      if (i == quote_end) b += '"';
      if (i + 1 < n && i != quote_at - 1 && i + 1 != dash_at && m_rng.chance(60)) b += ',';
    }
  }

  // Capitalise the first letter of what was appended since `from` (after a
  // quote or bracket). Only ASCII: sentences never open with other letters
  // except in names, which are capitalised already.
  void capitalise_from(std::size_t from) {
    std::string& b = m_out.body;
    for (std::size_t i = from; i < b.size() && i < from + 3; ++i) {
      char c = b[i];
      if (c >= 'a' && c <= 'z') { b[i] = static_cast<char>(c - 32); return; }
      if (c != '"' && c != '[') return;
    }
  }

  void sentence(int n, bool may_note) {
    std::string& b = m_out.body;
    std::size_t start = b.size();
    int r = m_rng.between(0, 99);
    bool question = false;
    if (r < 22) {
      put_cast(m_rng.between(0, m_cast_size - 1));
      b += ' ';
      if (m_rng.chance(150)) { put("asked whether"); question = true; }
      else { put(m_rng.pick(kSpeechVerbs)); b += " that"; ++m_words; }
      b += ' ';
      clause(std::max(3, n - 4));
    } else if (r < 30) {
      clause(std::max(3, n - 2));
      b += " in ";
      ++m_words;
      put_place();
    } else if (r < 35) {
      b += "In ";
      ++m_words;
      put_place();
      b += ", ";
      clause(std::max(3, n - 2));
    } else {
      clause(n);
    }
    capitalise_from(start);
    if (may_note && m_notes_placed < m_notes_wanted && m_rng.below(m_note_odds) == 0) {
      fmt::format_to(std::back_inserter(b), "^[{}]", ++m_notes_placed);
    }
    int p = m_rng.between(0, 99);
    b += question || p < 3 ? '?' : p < 4 ? '!' : '.';
  }

  int sentence_length() {
    if (m_rng.chance(100)) return m_rng.between(3, 6);
    const int x[] = {m_rng.between(0, 11), m_rng.between(0, 11), m_rng.between(0, 9)};
    return 5 + x[0] + x[1] + x[2];
  }

  // A paragraph of 2..7 sentences; `lead` (if any) opens it.
  void paragraph(std::string_view lead = {}) {
    std::string& b = m_out.body;
    if (!b.empty()) b += "\n\n";
    if (!lead.empty()) put(lead);
    int n = m_rng.between(2, 7);
    for (int i = 0; i < n && m_words < m_target_words; ++i) {
      if (i > 0 || !lead.empty()) b += ' ';
      sentence(sentence_length(), true);
    }
  }

  void handwritten() {
    std::string& b = m_out.body;
    if (!b.empty()) b += "\n\n";
    b += "[Handwritten: ";
    m_words += 1;
    switch (m_rng.between(0, 5)) {
      case 0: put("Forward to members and candidate members of the Presidium"); break;
      case 1: put("To the archive."); break;
      case 2: put_cast(0); b += ": "; put("please read"); break;
      case 3: {
        static constexpr std::string_view kRomanMonths[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"};
        const int x[] = {m_rng.between(1, 28), m_rng.between(0, 11)};
        fmt::format_to(std::back_inserter(b), "Sent out on {}-{}", x[0], kRomanMonths[x[1]]);
        m_words += 4;
        break;
      }
      case 4: put("\"sent out\""); break;
      default: clause(m_rng.between(3, 9)); break;
    }
    b += ']';
  }

  void put_signature_name() {
    // An invented official: they are at the end of the list.
    const auto n = static_cast<std::uint32_t>(std::min<std::size_t>(m_pools.persons.size(), 60));
    const Person& p = m_pools.persons[m_pools.persons.size() - 1 - m_rng.below(n)];
    put(p.full.front());
  }

  void heading_lines(std::string_view text, std::size_t width) {
    // Upper-case heading wrapped at `width` bytes, one line each.
    std::string& b = m_out.body;
    std::size_t line_start = b.size();
    std::size_t i = 0;
    while (i < text.size()) {
      std::size_t j = text.find(' ', i);
      if (j == std::string_view::npos) j = text.size();
      if (b.size() > line_start && b.size() - line_start + (j - i) > width) {
        b += '\n';
        line_start = b.size();
      } else if (b.size() > line_start) {
        b += ' ';
      }
      append_upper(b, text.substr(i, j - i));
      ++m_words;
      i = j + 1;
    }
  }

  void make_body() {
    std::string& b = m_out.body;
    b.reserve(m_target_words * 7 + 256);
    m_words = 0;
    // Footnotes: decide how many, then let sentences place the markers.
    m_notes_wanted = m_rng.chance(250) ? m_rng.between(1, 4) : 0;
    m_note_odds = static_cast<std::uint32_t>(std::max<std::size_t>(1, m_target_words / 20 / (m_notes_wanted + 1)));
    int split_paragraph = m_rng.chance(200) ? m_rng.between(2, 6) : -1;

    if (m_rng.chance(300)) {
      int n = m_rng.between(1, 3);
      for (int i = 0; i < n; ++i) handwritten();
    }
    // Opening, by kind of document.
    switch (m_kind) {
      case Kind::conversation:
        if (m_rng.chance(600)) {
          if (!b.empty()) b += "\n\n";
          heading_lines(m_out.title, 36);
          if (m_precision == 3) {
            b += '\n';
            fmt::format_to(std::back_inserter(b), "{} {}, {}", m_day, kMonths[m_month - 1], m_year);
            m_words += 3;
          }
        }
        if (m_rng.chance(500)) {
          if (!b.empty()) b += "\n\n";
          put("Present:");
          b += ' ';
          for (int k = 0; k < m_cast_size; ++k) {
            put(*m_cast[k].full);
            b += ", ";
          }
          put("and");  // and someone from outside the cast, as in real lists
          b += ' ';
          put_random_person();
          b += '.';
        }
        break;
      case Kind::telegram:
        if (!b.empty()) b += "\n\n";
        put(m_rng.pick(std::array{"SECRET", "TOP SECRET", "CONFIDENTIAL", "Strictly Secret"}));
        b += "\n\n";
        fmt::format_to(std::back_inserter(b), "CIPHER TELEGRAM No. {}", m_rng.between(10, 99999));
        m_words += 4;
        b += "\n\nFrom ";
        ++m_words;
        append_upper(b, city_name());
        m_words += 1 + spaces(city_name());
        break;
      case Kind::report:
        if (!b.empty()) b += "\n\n";
        put(m_rng.pick(std::array{"REPORT", "INFORMATION", "NOTE", "Top Secret"}));
        break;
      case Kind::letter:
        if (!b.empty()) b += "\n\n";
        put("Dear");
        b += ' ';
        put(m_cast[1].person->titles.empty() || m_cast[1].person->titles.front() == "Cde."
                ? std::string_view("Comrade") : std::string_view(m_cast[1].person->titles.front()));
        b += ' ';
        put(*m_cast[1].short_form);
        b += ',';
        break;
      case Kind::minutes:
        if (!b.empty()) b += "\n\n";
        put("Present:");
        b += ' ';
        for (int k = 0; k < m_cast_size; ++k) {
          if (k > 0) b += ", ";
          put(*m_cast[k].full);
        }
        b += '.';
        break;
    }
    // The text.
    int para = 0;
    int section = 0;
    static constexpr std::string_view kRoman[] = {"I.", "II.", "III.", "IV.", "V.", "VI.", "VII.", "VIII."};
    while (m_words < m_target_words) {
      ++para;
      m_split_here = para == split_paragraph;
      std::string lead;
      if (m_kind == Kind::telegram) {
        lead = fmt::format("{}.", para);
      } else if (m_kind == Kind::minutes || (m_kind == Kind::conversation && m_rng.chance(300))) {
        int k = m_rng.between(0, m_cast_size - 1);
        std::size_t at = b.size();
        put_cast(k);  // speaker, then a colon: "Cde. Gomułka: ..."
        lead = b.substr(at) + ":";
        m_words -= count_words(b.substr(at));
        b.resize(at);
      } else if (m_kind == Kind::report && section < 8 && (para == 1 || m_rng.chance(150))) {
        b += "\n\n";
        b += kRoman[section++];
        b += ' ';
        std::size_t at = b.size();
        append_topic(b, true);
        capitalise_from(at);
        m_words += 1 + count_words(std::string_view(b).substr(at));
      }
      paragraph(lead);
    }
    // Closing.
    switch (m_kind) {
      case Kind::conversation:
        b += "\n\n";
        fmt::format_to(std::back_inserter(b), "The conversation lasted {} minutes. Written down by ", m_rng.between(15, 180));
        m_words += 8;
        put_signature_name();
        b += '.';
        break;
      case Kind::telegram:
        b += "\n\n";
        append_upper(b, *m_cast[0].short_form);
        m_words += 1 + spaces(*m_cast[0].short_form);
        break;
      case Kind::report:
        b += "\n\n";
        fmt::format_to(std::back_inserter(b), "Ambassador in {}\n", city_name());
        m_words += 3 + spaces(city_name());
        put_signature_name();
        break;
      case Kind::letter:
        b += "\n\n";
        put(m_rng.pick(std::array{"With comradely greetings,", "Sincerely yours,", "With respect,"}));
        b += '\n';
        put(*m_cast[0].full);
        break;
      case Kind::minutes:
        b += "\n\n";
        const int x[] = {m_rng.between(12, 22), m_rng.between(0, 59)};
        fmt::format_to(std::back_inserter(b), "The meeting closed at {}:{:02}.", x[0], x[1]);
        m_words += 5;
        break;
    }
    if (m_rng.chance(100)) handwritten();
    // Footnotes, "[1] ..." each in its own paragraph, as the reader expects.
    for (int k = 1; k <= m_notes_placed; ++k) {
      fmt::format_to(std::back_inserter(b), "\n\n[{}] ", k);
      ++m_words;
      switch (m_rng.between(0, 4)) {
        case 0: put_cast(m_rng.between(0, m_cast_size - 1)); b += ' '; put(m_rng.pick(std::array{"was ambassador at the time.", "was then a member of the Presidium.", "was head of the department."})); break;
        case 1: put("So in the original."); break;
        case 2: put("The enclosure has not been found in the file."); break;
        case 3: put("Handwritten in the margin:"); b += " \""; m_split_here = false; clause(m_rng.between(2, 6)); b += "\""; break;
        default: sentence(m_rng.between(6, 16), false); break;
      }
    }
  }

  const RecordGenerator& m_gen;
  const Pools& m_pools;
  Rng m_rng;
  SyntheticRecord& m_out;
  std::span<const std::string_view> m_vocab;

  int m_year = 0, m_month = 0, m_day = 0;
  int m_precision = 0;  ///< 3 day, 2 month, 1 year, 0 undated
  std::array<CastMember, 4> m_cast{};
  int m_cast_size = 0;
  std::uint32_t m_city = 0, m_country = 0;
  Kind m_kind = Kind::conversation;
  std::string_view m_language;
  bool m_english = false;

  std::size_t m_words = 0;         ///< body words so far, as wc -w counts them
  std::size_t m_target_words = 0;
  int m_notes_wanted = 0, m_notes_placed = 0;
  std::uint32_t m_note_odds = 1;
  bool m_split_here = false;
};

RecordGenerator::RecordGenerator(const Pools& pools, std::uint64_t seed, unsigned mean_words)
    : m_pools(pools), m_seed(seed), m_mean_words(mean_words) {
  // q = 1: "the" ~6.5%, the 100 most frequent words ~55% of the text, close
  // to published counts for English.
  auto w = AliasTable::zipf_weights(vocabulary().size(), 1.0);
  m_vocabulary_table = AliasTable(w);
}

void RecordGenerator::make(char prefix, std::uint64_t index, int id_width, SyntheticRecord& out) const {
  out.id.clear();
  out.date.clear();
  out.title.clear();
  out.title_break = 0;
  out.citation.clear();
  out.archive.clear();
  out.reference.clear();
  out.url.clear();
  out.summary.clear();
  out.credits.clear();
  out.original_language.clear();
  out.contents_kind.clear();
  out.translation_language.clear();
  out.contributors.clear();
  out.translators.clear();
  out.transcribers.clear();
  out.body.clear();
  out.words = 0;
  RecordBuilder(*this, prefix, index, id_width, out).build();
}

void render_seed(const SyntheticRecord& r, std::string& out) {
  // The real records open with two blank lines and have no final newline;
  // we copy that so the reader sees exactly what it sees in the field.
  out += "\n\n";
  out += r.date;
  out += "\n\n**";
  if (r.title_break) {
    out.append(r.title, 0, r.title_break);
    out += '\n';
    out.append(r.title, r.title_break + 1);
  } else {
    out += r.title;
  }
  out += "**\n\nCitation:\n\n";
  out += r.citation;
  if (!r.summary.empty()) {
    out += "\n\nSummary:\n\n";
    out += r.summary;
  }
  out += "\n\nCredits:\n\n";
  out += r.credits;
  out += "\n\nOriginal Language:\n\n";
  out += r.original_language;
  out += "\n\nContents:\n\n";
  out += r.contents_kind;
  out += " - ";
  out += r.translation_language;
  out += "\n\n";
  out += r.body;
}

void render_jsonl(const SyntheticRecord& r, std::string& out) {
  auto field = [&](std::string_view key, std::string_view value, bool first = false) {
    if (!first) out += ',';
    append_json_string(out, key);
    out += ':';
    append_json_string(out, value);
  };
  auto list = [&](std::string_view key, const std::vector<std::string>& values) {
    out += ',';
    append_json_string(out, key);
    out += ":[";
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i) out += ',';
      append_json_string(out, values[i]);
    }
    out += ']';
  };
  out += '{';
  field("id", r.id, true);
  field("date", r.date);
  field("title", r.title);
  field("citation", r.citation);
  field("archive", r.archive);
  field("reference", r.reference);
  field("url", r.url);
  if (!r.summary.empty()) field("summary", r.summary);
  field("credits", r.credits);
  field("original_language", r.original_language);
  field("translation_language", r.translation_language);
  list("contributors", r.contributors);
  list("translators", r.translators);
  list("transcribers", r.transcribers);
  field("body", r.body);
  out += "}\n";
}

}  // namespace opis

// Citation parsing. Written by hand: no library knows the shape of an
// archive citation. The grammar we accept is documented in
// docs/record-format.md.
#include "opis/record/citation.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include "opis/base/date.h"
#include "opis/base/text.h"

namespace opis {

namespace {

// Text handed to a std::regex is cut to this size (see find_url()).
constexpr std::size_t kMaxRegexBytes = 4096;

// The longest prefix of `s` of at most `n` bytes that does not cut a UTF-8
// sequence.
std::size_t utf8_prefix(std::string_view s, std::size_t n) {
  if (s.size() <= n) return s.size();
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return n;
}

// One or more credit verbs joined by commas/"and", then "by":
// "Contributed by", "Obtained and translated by",
// "Contributed, transcribed, and translated by".
const std::regex& credit_regex() {
  static const std::regex re(
      R"(\b((?:(?:contributed|obtained|translated|transcribed|donated|edited|provided)(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+))*(?:contributed|obtained|translated|transcribed|donated|edited|provided))\s+by\s+)",
      std::regex::icase | std::regex::optimize);
  return re;
}

bool is_initial_or_abbrev(std::string_view word) {
  // "N." "Jr." "Dr." "St." : a period that does not end a sentence.
  if (word.empty() || word.back() != '.') return false;
  std::string_view w = word.substr(0, word.size() - 1);
  auto dot = w.rfind('.');
  if (dot != std::string_view::npos) w = w.substr(dot + 1);
  return w.size() <= 2 || w == "Jr" || w == "Sr" || w == "Prof";
}

// Cut a list of names at the end of its sentence: ". " followed by a
// capitalised word, unless the period belongs to an initial.
std::string_view cut_sentence(std::string_view s) {
  for (std::size_t i = 0; i + 2 < s.size(); ++i) {
    if (s[i] == '.' && s[i + 1] == ' ' && std::isupper(static_cast<unsigned char>(s[i + 2]))) {
      std::size_t ws = s.rfind(' ', i);
      std::string_view word =
          s.substr(ws == std::string_view::npos ? 0 : ws + 1, i + 1 - (ws == std::string_view::npos ? 0 : ws + 1));
      if (!is_initial_or_abbrev(word)) return s.substr(0, i + 1);
    }
  }
  return s;
}

std::string strip_trailing(std::string_view s) {
  s = trim(s);
  for (;;) {
    std::string_view before = s;
    if (s.size() >= 4 && ascii_lower(s.substr(s.size() - 4)) == " and") s.remove_suffix(4);
    s = trim(s);
    while (!s.empty() && (s.back() == ',' || s.back() == ';')) s.remove_suffix(1);
    s = trim(s);
    if (s == before) break;
  }
  return std::string(s);
}

// Drop a sentence-final period from a name, keeping "Jr." and initials.
std::string strip_final_period(std::string_view name) {
  name = trim(name);
  if (!name.empty() && name.back() == '.') {
    auto sp = name.rfind(' ');
    std::string_view last = name.substr(sp == std::string_view::npos ? 0 : sp + 1);
    if (!is_initial_or_abbrev(last)) name.remove_suffix(1);
  }
  return std::string(trim(name));
}

// A reference that ends in one of these keeps its final period.
bool ends_with_abbreviation(std::string_view s) {
  auto sp = s.find_last_of(" ,-");
  std::string_view last = s.substr(sp == std::string_view::npos ? 0 : sp + 1);
  std::string l = ascii_lower(last);
  for (std::string_view a : {"ob.", "l.", "ll.", "d.", "f.", "op.", "p.", "k.", "s.", "pp.", "no."}) {
    if (l.size() < a.size() || l.compare(l.size() - a.size(), a.size(), a) != 0) continue;
    // The abbreviation alone, or after a folio number ("2ob."): "Archives."
    // or "Files." merely end in "s." and their period ends the sentence.
    std::string_view stem = std::string_view(l).substr(0, l.size() - a.size());
    bool digits = true;
    for (char ch : stem) digits = digits && std::isdigit(static_cast<unsigned char>(ch));
    if (digits) return true;
  }
  return false;
}

// The punctuation that may close the sentence an address ends: not part of
// it. ")" and "]" are, when the address opened them (a Wikipedia title).
std::string_view strip_closing(std::string_view url) {
  // Counted once: a hostile address of a million ")" stays linear.
  auto open_paren = std::count(url.begin(), url.end(), '('), close_paren = std::count(url.begin(), url.end(), ')');
  auto open_bracket = std::count(url.begin(), url.end(), '['), close_bracket = std::count(url.begin(), url.end(), ']');
  while (!url.empty()) {
    char c = url.back();
    if (c == ')' && close_paren > open_paren)
      --close_paren;
    else if (c == ']' && close_bracket > open_bracket)
      --close_bracket;
    else if (std::string_view(".,;:!?'\"").find(c) == std::string_view::npos)
      break;
    url.remove_suffix(1);
  }
  return url;
}

}  // namespace

// Written by hand, not as a std::regex: libstdc++'s regex recurses once per
// character matched and overflows the stack on a long URL (a citation with a
// 1 MB URL crashed opis-index; issue 6). One pass, linear in the text.
std::vector<CitationLink> find_links(std::string_view s) {
  std::vector<CitationLink> links;
  auto scheme = [&](std::size_t i) -> std::size_t {  // length of "http://" or "https://" at i, or 0
    for (std::string_view p : {"http://", "https://"}) {
      if (i + p.size() <= s.size() && ascii_lower(s.substr(i, p.size())) == p) return p.size();
    }
    return 0;
  };
  auto space = [&](std::size_t i) { return i < s.size() && std::isspace(static_cast<unsigned char>(s[i])); };
  // An address is kept when something follows its scheme ("https://." is none).
  auto add = [&](std::size_t at, std::size_t len, std::string_view url, std::size_t scheme_len, bool angle) {
    url = strip_closing(url);
    if (url.size() > scheme_len) links.push_back({std::string(url), at, len, angle});
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<') {
      std::size_t j = i + 1;
      while (space(j)) ++j;
      if (std::size_t n = scheme(j)) {
        std::size_t e = j + n;
        while (e < s.size() && s[e] != '>' && !space(e)) ++e;
        std::size_t k = e;
        while (space(k)) ++k;
        if (e > j + n && k < s.size() && s[k] == '>') {
          add(i, k + 1 - i, s.substr(j, e - j), n, true);
          i = k;
        }
      }
    } else if (std::size_t n = scheme(i)) {
      std::size_t e = i + n;
      while (e < s.size() && !space(e) && s[e] != '<' && s[e] != '>') ++e;
      add(i, e - i, s.substr(i, e - i), n, false);
      i = e - 1;
    }
  }
  return links;
}

std::size_t own_link(std::string_view text, const std::vector<CitationLink>& links) {
  for (std::size_t i = links.size(); i-- > 0;) {
    if (links[i].angle) return i;
  }
  if (links.empty()) return std::string_view::npos;
  // No angle brackets: the address that closes the citation, as the seed's
  // own link does, when only closing punctuation follows it.
  const CitationLink& last = links.back();
  std::string_view after = text.substr(last.at + last.len);
  if (strip_closing(trim(after)).empty()) return links.size() - 1;
  return std::string_view::npos;
}

namespace {

void split_commas(std::string_view s, std::vector<std::string>& parts) {
  std::size_t start = 0;
  for (;;) {
    std::size_t c = s.find(',', start);
    parts.push_back(trim_copy(s.substr(start, c == std::string_view::npos ? std::string_view::npos : c - start)));
    if (c == std::string_view::npos) break;
    start = c + 1;
  }
}

}  // namespace

std::vector<std::string> split_names(std::string_view text) {
  static const std::regex sep(R"(\s*,\s*and\s+|\s*,\s*|\s+and\s+|\s*&\s*|\s*;\s*)",
                              std::regex::icase | std::regex::optimize);
  std::vector<std::string> names;
  // One space at most between words, so that no \s* of the regex runs
  // over a long stretch of white space (std::regex recurses per character).
  std::string s;
  for (char ch : text) {
    if (!std::isspace(static_cast<unsigned char>(ch)))
      s += ch;
    else if (s.empty() || s.back() != ' ')
      s += ' ';
  }
  for (std::sregex_token_iterator it(s.begin(), s.end(), sep, -1), end; it != end; ++it) {
    std::string n = strip_final_period(it->str());
    if (!n.empty()) names.push_back(n);
  }
  return names;
}

std::string reference_repository(std::string_view reference) {
  std::string_view first = trim(reference.substr(0, reference.find(',')));
  if (first.empty() || first.size() > 40 || first.size() == trim(reference).size()) return "";
  for (char c : first) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isdigit(u) || c == '/' || c == '.') return "";
  }
  return std::string(first);
}

namespace {

// "8-11", "8", "5 ob.", "12-14ob.", "2-2ob.", "8-11 ob." -> first and last
// leaf; false when the text is not a page or a page range.
bool parse_pages(std::string_view text, int& first, int& last) {
  std::string s = ascii_lower(trim(text));
  // Drop verso marks ("ob." / "об."), then spaces.
  for (std::string_view ob : {"ob.", "ob", "\xD0\xBE\xD0\xB1.", "\xD0\xBE\xD0\xB1", "v."}) {
    for (std::size_t at = s.find(ob); at != std::string::npos; at = s.find(ob)) s.erase(at, ob.size());
  }
  std::string t;
  for (char c : s) {
    if (c != ' ') t += c;
  }
  // Accept "N", "N-M" (hyphen or en dash).
  std::string dash = "\xE2\x80\x93";
  if (auto at = t.find(dash); at != std::string::npos) t.replace(at, dash.size(), "-");
  auto num = [](std::string_view d, int& v) {
    if (d.empty() || d.size() > 6) return false;
    for (char c : d) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    }
    v = std::stoi(std::string(d));
    return v > 0;
  };
  auto dash_at = t.find('-');
  if (dash_at == std::string::npos) {
    if (!num(t, first)) return false;
    last = first;
    return true;
  }
  if (!num(std::string_view(t).substr(0, dash_at), first) || !num(std::string_view(t).substr(dash_at + 1), last))
    return false;
  if (last < first) return false;
  return true;
}

// The value after an abbreviation at the start of `part`: "f. 52" with
// abbreviation "f." gives "52". Abbreviations are matched case-insensitively
// (ASCII) and must be followed by a space or a digit.
bool take_after(std::string_view part, std::initializer_list<std::string_view> abbrevs, std::string& value) {
  for (std::string_view a : abbrevs) {
    if (part.size() <= a.size()) continue;
    if (ascii_lower(part.substr(0, a.size())) != a) continue;
    unsigned char next = static_cast<unsigned char>(part[a.size()]);
    if (next != ' ' && !std::isdigit(next)) continue;
    value = trim_copy(part.substr(a.size()));
    return !value.empty();
  }
  return false;
}

bool is_record_group(std::string_view part, std::string& rg) {
  std::string v;
  if (!take_after(part, {"rg", "record group"}, v)) return false;
  for (char c : v) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  rg = v;
  return true;
}

// "B 136/59748" -> Bestand "B 136", file "59748": a signature of capital
// letters, a space or not, digits, then '/' and the file.
bool is_german_signature(std::string_view part, std::string& bestand, std::string& file) {
  auto slash = part.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 >= part.size()) return false;
  std::string_view b = trim(part.substr(0, slash));
  std::size_t i = 0;
  while (i < b.size() && std::isupper(static_cast<unsigned char>(b[i]))) ++i;
  if (i == 0 || i > 4) return false;
  while (i < b.size() && b[i] == ' ') ++i;
  std::size_t digits = i;
  while (i < b.size() && std::isdigit(static_cast<unsigned char>(b[i]))) ++i;
  if (i == digits || i != b.size()) return false;
  std::string_view f = trim(part.substr(slash + 1));
  if (f.empty() || f.find(' ') != std::string_view::npos) return false;
  bestand = std::string(b);
  file = std::string(f);
  return true;
}

}  // namespace

ReferenceParts parse_reference(std::string_view reference) {
  ReferenceParts p;
  std::string ref = squash_spaces(reference);
  if (ref.size() > kMaxRegexBytes) return p;  // no archive writes such a reference
  std::vector<std::string> parts;
  split_commas(ref, parts);
  while (!parts.empty() && parts.back().empty()) parts.pop_back();
  if (parts.empty()) return p;
  p.repository = reference_repository(ref);
  std::size_t k = p.repository.empty() ? 0 : 1;

  // Russian: f., op., d., l./ll. (Latin or Cyrillic), in any order after
  // the repository; pages may be followed by a verso mark.
  {
    ReferenceParts r = p;
    bool any = false, bad = false;
    for (std::size_t i = k; i < parts.size() && !bad; ++i) {
      const std::string& part = parts[i];
      std::string v;
      if (take_after(part, {"f.", "\xD1\x84.", "\xD0\xA4."}, v)) {
        r.fond = v;
      } else if (take_after(part, {"op.", "\xD0\xBE\xD0\xBF.", "\xD0\x9E\xD0\xBF."}, v)) {
        r.opis = v;
      } else if (take_after(part, {"d.", "\xD0\xB4.", "\xD0\x94."}, v)) {
        r.delo = v;
      } else if (take_after(part, {"ll.", "l.", "\xD0\xBB\xD0\xBB.", "\xD0\xBB.", "\xD0\x9B\xD0\x9B.", "\xD0\x9B."},
                            v)) {
        if (r.pages.empty()) {
          r.pages = v;
          if (!parse_pages(v, r.first_page, r.last_page)) r.first_page = r.last_page = 0;
        }
      } else if (take_after(part, {"p.", "k.", "\xD0\xBF.", "\xD0\xBA."}, v)) {
        // papka (folder) or karton (box): kept in the reference only.
        v.clear();
      } else {
        bad = true;  // a part of no Russian kind: not this system
      }
      any = any || !v.empty();
    }
    if (!bad && any && (!r.fond.empty() || !r.delo.empty())) {
      r.system = "russian";
      return r;
    }
  }
  // US National Archives: [NARA,] RG N, series, file...
  {
    std::size_t i = 0;
    ReferenceParts r;
    std::string rg;
    if (is_record_group(parts[0], rg)) {
      i = 1;
    } else if (parts.size() > 1 && is_record_group(parts[1], rg)) {
      r.repository = parts[0];
      i = 2;
    }
    if (!rg.empty()) {
      r.system = "us";
      r.record_group = rg;
      if (i < parts.size()) r.series = parts[i++];
      if (i < parts.size()) r.file = join({parts.begin() + static_cast<std::ptrdiff_t>(i), parts.end()}, ", ");
      return r;
    }
  }
  // German (Bundesarchiv style): repository, "B 136/59748", pages.
  // Only for the Bundesarchiv: other archives ("TNA, FO 371/135894") write
  // the same shape with other meanings, and keep the generic form.
  std::string repo = ascii_lower(p.repository);
  bool barch =
      repo.rfind("barch", 0) == 0 || repo.rfind("bundesarchiv", 0) == 0 || repo.find("-barch") != std::string::npos;
  if (barch && k == 1 && parts.size() >= 2 && parts.size() <= 3) {
    ReferenceParts r = p;
    if (is_german_signature(parts[1], r.series, r.file)) {
      if (parts.size() == 3) {
        std::string pages = parts[2];
        std::string v;
        if (take_after(pages, {"pp.", "p.", "bl.", "s."}, v)) pages = v;
        if (!parse_pages(pages, r.first_page, r.last_page)) return p;
        r.pages = pages;
      }
      r.system = "german";
      return r;
    }
  }
  return p;
}

Citation parse_citation(std::string_view text) {
  Citation c;
  std::string s = squash_spaces(text);

  // The record's own link, cut from the text; the other addresses are
  // sources it cites and stay where they are written.
  const std::vector<CitationLink> links = find_links(s);
  const std::size_t own = own_link(s, links);
  for (std::size_t i = 0; i < links.size(); ++i) {
    const std::string& u = links[i].url;
    if (i == own || (own != std::string_view::npos && u == links[own].url)) continue;
    if (std::find(c.cites.begin(), c.cites.end(), u) == c.cites.end()) c.cites.push_back(u);
  }
  if (own != std::string_view::npos) {
    const CitationLink& l = links[own];
    c.url = l.url;
    s = squash_spaces(s.substr(0, l.at) + " " + s.substr(l.at + l.len));
  }

  // The quoted title, straight or curly quotes.
  std::string_view rest = s;
  auto take_title = [&](std::string_view open, std::string_view close) {
    if (rest.substr(0, open.size()) != open) return false;
    std::size_t end = rest.find(close, open.size());
    if (end == std::string_view::npos) return false;
    std::string_view t = trim(rest.substr(open.size(), end - open.size()));
    if (!t.empty() && t.back() == ',') t.remove_suffix(1);  // "Title,"
    c.title = std::string(trim(t));
    rest = trim(rest.substr(end + close.size()));
    if (!rest.empty() && rest.front() == ',') rest.remove_prefix(1);
    rest = trim(rest);
    return true;
  };
  if (!take_title("\"", "\"")) take_title("\xE2\x80\x9C", "\xE2\x80\x9D");

  // Credit phrases and the names after each.
  std::string r(rest);
  std::vector<std::smatch> credits;
  // Credits are looked for in the first kMaxRegexBytes only: std::regex
  // recurses once per character it matches (issue 6).
  const std::string head = r.substr(0, utf8_prefix(r, kMaxRegexBytes));
  for (std::sregex_iterator it(head.begin(), head.end(), credit_regex()), end; it != end; ++it) {
    credits.push_back(*it);
  }
  std::size_t main_end = credits.empty() ? r.size() : static_cast<std::size_t>(credits[0].position(0));
  for (std::size_t i = 0; i < credits.size(); ++i) {
    std::size_t from = credits[i].position(0) + credits[i].length(0);
    std::size_t to = i + 1 < credits.size() ? credits[i + 1].position(0) : r.size();
    std::string_view seg = std::string_view(r).substr(from, to - from);
    seg = cut_sentence(seg);
    std::vector<std::string> names = split_names(strip_trailing(seg));
    std::string verbs = ascii_lower(credits[i][1].str());
    auto add = [&](std::vector<std::string>& to_list) {
      for (const auto& n : names) to_list.push_back(n);
    };
    if (verbs.find("contributed") != std::string::npos || verbs.find("obtained") != std::string::npos ||
        verbs.find("donated") != std::string::npos || verbs.find("provided") != std::string::npos) {
      add(c.contributors);
    }
    if (verbs.find("translated") != std::string::npos) add(c.translators);
    if (verbs.find("transcribed") != std::string::npos) add(c.transcribers);
    if (verbs.find("edited") != std::string::npos) add(c.editors);
  }

  // The main part: "DATE, ARCHIVE, REFERENCE."
  std::string_view main = trim(std::string_view(r).substr(0, main_end));
  if (!main.empty() && main.back() == '.' && !ends_with_abbreviation(main)) main.remove_suffix(1);
  std::vector<std::string> parts;
  if (!main.empty()) split_commas(main, parts);
  std::size_t k = 0;
  if (parts.size() >= 2 && parse_query_date(parts[0] + ", " + parts[1])) {
    c.date_text = parts[0] + ", " + parts[1];  // "November 19, 1958"
    k = 2;
  } else if (!parts.empty()) {
    DateParse d = parse_date(parts[0]);
    std::string l = ascii_lower(parts[0]);
    if (d.date.known() || l == "n.d." || l == "n.d" || l == "undated") {
      c.date_text = parts[0];
      k = 1;
    }
  }
  if (k < parts.size()) c.archive = parts[k++];
  std::string ref;
  for (; k < parts.size(); ++k) {
    if (!ref.empty()) ref += ", ";
    ref += parts[k];
  }
  c.reference = ref;
  return c;
}

}  // namespace opis

// The seed reader: one record in the seed layout (date line, **title**,
// `Label:` sections; docs/record-format.md), or plain text without that
// header. The layout is our own convention, so its parser is written here.
#include <cctype>

#include "opis/base/text.h"
#include "opis/record/record_reader.h"
#include "reader_detail.h"

namespace opis {

using reader_detail::diag;
using reader_detail::file_stem;
using reader_detail::normalise_lines;

namespace {

enum class Section { none, citation, summary, credits, original_language, contents, extra };

Section known_section(std::string_view label) {
  std::string l = ascii_lower(label);
  if (l == "citation") return Section::citation;
  if (l == "summary") return Section::summary;
  if (l == "credits") return Section::credits;
  if (l == "original language") return Section::original_language;
  if (l == "contents") return Section::contents;
  return Section::extra;
}

// "Label:" alone on a line: a capitalised label of letters, spaces and a few
// marks, at most 48 bytes. Returns the label or "".
std::string_view label_of(std::string_view line) {
  if (line.size() < 2 || line.size() > 49 || line.back() != ':') return {};
  std::string_view l = line.substr(0, line.size() - 1);
  if (!std::isupper(static_cast<unsigned char>(l[0]))) return {};
  for (char c : l) {
    unsigned char u = static_cast<unsigned char>(c);
    if (!(std::isalpha(u) || c == ' ' || c == '-' || c == '\'' || c == '/' || u >= 0x80)) return {};
  }
  return l;
}

// Join lines [from, to) and trim blank lines at both ends.
std::string join_lines(const std::vector<std::string_view>& lines, std::size_t from, std::size_t to) {
  while (from < to && is_blank(lines[from])) ++from;
  while (to > from && is_blank(lines[to - 1])) --to;
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    if (i > from) out += '\n';
    out += lines[i];
  }
  return out;
}

bool is_label_line(const std::vector<std::string_view>& lines, std::size_t i) {
  return !label_of(lines[i]).empty() && (i + 1 >= lines.size() || is_blank(lines[i + 1]));
}

using Lines = std::vector<std::string_view>;
constexpr std::size_t kNone = std::string::npos;

// Where the header lines are: a date line, a "**title**", and whether known
// section labels follow (kNone: absent).
struct Header {
  std::size_t first = 0;  ///< the first non-blank line
  std::size_t date_at = kNone;
  std::size_t title_at = kNone;
  bool has_labels = false;
};

std::size_t next_nonblank(const Lines& lines, std::size_t from) {
  while (from < lines.size() && is_blank(lines[from])) ++from;
  return from;
}

Header find_header(const Lines& lines) {
  Header h;
  const std::size_t i = h.first = next_nonblank(lines, 0);
  for (std::size_t k = i; k < lines.size(); ++k) {
    if (is_label_line(lines, k) && known_section(label_of(lines[k])) != Section::extra) {
      h.has_labels = true;
      break;
    }
  }
  if (i < lines.size() && trim(lines[i]).substr(0, 2) == "**") {
    h.title_at = i;
  } else if (i < lines.size()) {
    std::size_t j = next_nonblank(lines, i + 1);
    if (j < lines.size() && trim(lines[j]).substr(0, 2) == "**") {
      h.date_at = i;
      h.title_at = j;
    } else if (h.has_labels && !is_label_line(lines, i) && trim(lines[i]).size() < 60) {
      h.date_at = i;
    }
  }
  return h;
}

void read_date_line(const Lines& lines, std::size_t at, const std::string& path, Record& r,
                    std::vector<Diagnostic>& diags) {
  DateParse d = parse_date(trim(lines[at]));
  r.date = d.date;
  if (!d.error.empty()) {
    diags.push_back(diag(Severity::warning, path, static_cast<int>(at) + 1,
                         d.error + "; kept as text, record indexed without a date"));
  }
}

// "**Title**", possibly over several lines. Returns the line after it.
std::size_t read_title(const Lines& lines, std::size_t at, const std::string& path, Record& r,
                       std::vector<Diagnostic>& diags) {
  std::string title;
  std::size_t k = at;
  bool closed = false;
  for (; k < lines.size(); ++k) {
    std::string_view l = trim(lines[k]);
    if (k > at && (l.empty() || is_label_line(lines, k))) break;
    if (k == at) l.remove_prefix(2);
    bool ends = l.size() >= 2 && l.substr(l.size() - 2) == "**";
    if (ends) l.remove_suffix(2);
    if (!title.empty()) title += ' ';
    title += l;
    if (ends) {
      closed = true;
      ++k;
      break;
    }
  }
  r.title = squash_spaces(title);
  if (!closed) {
    diags.push_back(diag(Severity::warning, path, static_cast<int>(at) + 1,
                         "title opened with '**' never closes; took the lines up to the next blank line as title"));
  }
  return k;
}

// The Contents section, lines [from, to): "Translation - English" (or
// "Original - Russian") on its first line names a language, then the text.
// Returns the index of the text's first line.
std::size_t read_contents(const Lines& lines, std::size_t from, std::size_t to, Record& r) {
  std::size_t first = next_nonblank(lines, from);
  if (first < to) {
    std::string_view l = trim(lines[first]);
    for (std::string_view kind : {"translation", "transcription", "original", "transcript"}) {
      if (!starts_with_icase(l, kind)) continue;
      std::string_view rest = trim(l.substr(kind.size()));
      std::size_t dash = 0;
      if (starts_with_icase(rest, "-") || starts_with_icase(rest, ":"))
        dash = 1;
      else if (rest.substr(0, 3) == "\xE2\x80\x93" || rest.substr(0, 3) == "\xE2\x80\x94")
        dash = 3;
      if (dash) {
        std::string lang = trim_copy(rest.substr(dash));
        if (kind == "original") {
          if (r.original_language.empty()) r.original_language = lang;
        } else {
          r.translation_language = lang;
        }
        first = next_nonblank(lines, first + 1);
      }
      break;
    }
  }
  r.body = join_lines(lines, first, to);
  return first;
}

// The `Label:` sections after the header, each into its field; then the
// body's annotations and footnotes (scan_body), found at the file's lines.
class SectionReader {
 public:
  SectionReader(const Lines& lines, std::size_t pos, Record& r) : m_lines(lines), m_start(pos), m_r(r) {}

  void read() {
    for (std::size_t k = m_start; k < m_lines.size(); ++k) {
      if (!is_label_line(m_lines, k)) continue;
      std::string_view label = label_of(m_lines[k]);
      Section s = known_section(label);
      // Inside Contents only a known section not seen yet ends the text: a
      // "Note:" line in a letter is part of the letter.
      if (m_current == Section::contents && (s == Section::extra || m_seen[static_cast<int>(s)])) continue;
      flush(k);
      m_current = s;
      m_seen[static_cast<int>(s)] = true;
      m_label = std::string(label);
      m_start = k + 1;
    }
    flush(m_lines.size());
  }

  // Scan the body, text before the first label (part of the body) and
  // Contents each at its own lines, and join them.
  void scan_body(const std::string& path, std::vector<Diagnostic>& diags) {
    if (!m_preamble.empty()) {
      opis::scan_body(m_preamble, m_r.handwritten, m_r.footnotes,
                      TextPlace{path, static_cast<int>(m_preamble_line) + 1}, diags);
    }
    opis::scan_body(m_r.body, m_r.handwritten, m_r.footnotes, TextPlace{path, static_cast<int>(m_body_line) + 1},
                    diags);
    if (!m_preamble.empty()) m_r.body = m_r.body.empty() ? m_preamble : m_preamble + "\n\n" + m_r.body;
  }

 private:
  void flush(std::size_t end) {
    if (m_current == Section::contents) {
      m_body_line = read_contents(m_lines, m_start, end, m_r);
      return;
    }
    std::string body = join_lines(m_lines, m_start, end);
    switch (m_current) {
      case Section::none:
        m_preamble = body;
        m_preamble_line = next_nonblank(m_lines, m_start);
        break;
      case Section::citation: m_r.citation = squash_spaces(body); break;
      case Section::summary: m_r.summary = body; break;
      case Section::credits: m_r.credits = body; break;
      case Section::original_language: m_r.original_language = squash_spaces(body); break;
      case Section::contents: break;  // above
      case Section::extra: m_r.extra.emplace_back(m_label, body); break;
    }
  }

  const Lines& m_lines;
  std::size_t m_start;
  Record& m_r;
  Section m_current = Section::none;
  std::string m_label;
  bool m_seen[8] = {};
  std::string m_preamble;
  std::size_t m_preamble_line = 0;  ///< index of the preamble's first line
  std::size_t m_body_line = 0;      ///< index of the Contents text's first line
};

}  // namespace

Record parse_seed_text(std::string_view raw, const SourceRef& src, std::vector<Diagnostic>& diags) {
  const std::string& path = src.path;
  std::string text = normalise_lines(raw);
  auto lines = split_lines(text);
  Record r;
  r.source = path;
  const Header h = find_header(lines);
  if (h.title_at == kNone && h.date_at == kNone && !h.has_labels) {
    // No header: plain text, indexed as body with its name inside the
    // folder given to opis-index as id (not the path as typed: issue 14).
    r.format = "plain";
    r.id = src.name;
    r.body = join_lines(lines, 0, lines.size());
    scan_body(r.body, r.handwritten, r.footnotes, TextPlace{path, static_cast<int>(next_nonblank(lines, 0)) + 1},
              diags);
    return r;
  }
  r.format = "seed";
  std::size_t pos = h.first;
  if (h.date_at != kNone) {
    read_date_line(lines, h.date_at, path, r, diags);
    pos = h.date_at + 1;
  }
  if (h.title_at != kNone) pos = read_title(lines, h.title_at, path, r, diags);
  SectionReader sections(lines, pos, r);
  sections.read();
  sections.scan_body(path, diags);
  complete_record(r);
  if (r.id.empty()) r.id = file_stem(src.name);
  return r;
}

}  // namespace opis

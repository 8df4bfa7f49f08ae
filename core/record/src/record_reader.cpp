// Readers for the seed layout, plain text, JSON and JSONL. The seed layout
// is our own convention (documented in docs/record-format.md), so its parser
// is written here; JSON goes through nlohmann/json and UTF-16 through ICU.
#include "opis/record/record_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unicode/unistr.h>

#include "opis/record/citation.h"
#include "opis/base/text.h"

namespace opis {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::uintmax_t kMaxFileBytes = 256u << 20;  // a record file, not a dump

Diagnostic diag(Severity s, const std::string& path, int line, std::string msg, int col = 0) {
  return Diagnostic{s, path, line, col, std::move(msg)};
}

// CRLF and lone CR to LF; strip trailing spaces and tabs on each line.
std::string normalise_lines(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '\r') {
      if (i + 1 < in.size() && in[i + 1] == '\n') ++i;
      c = '\n';
    }
    if (c == '\n') {
      while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
    }
    out += c;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
  return out;
}

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

bool blank(std::string_view s) { return trim(s).empty(); }

// Join lines [from, to) and trim blank lines at both ends.
std::string join_lines(const std::vector<std::string_view>& lines, std::size_t from, std::size_t to) {
  while (from < to && blank(lines[from])) ++from;
  while (to > from && blank(lines[to - 1])) --to;
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    if (i > from) out += '\n';
    out += lines[i];
  }
  return out;
}

bool is_label_line(const std::vector<std::string_view>& lines, std::size_t i) {
  return !label_of(lines[i]).empty() && (i + 1 >= lines.size() || blank(lines[i + 1]));
}

std::string file_stem(const std::string& path) { return fs::path(path).stem().string(); }

}  // namespace

int sanitize_utf8(std::string& text) {
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  std::string out;
  int first_bad = 0;
  int line = 1;
  bool changed = false;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    unsigned char c = s[i];
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) { len = 1; cp = c; }
    else if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
    bool ok = len > 0 && i + len <= n;
    for (std::size_t k = 1; ok && k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) ok = false;
      else cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    // Reject overlong forms, surrogates and code points above U+10FFFF.
    if (ok && len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ok = false;
    if (ok && len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ok = false;
    if (ok) {
      if (changed) out.append(text, i, len);
      if (c == '\n') ++line;
      i += len;
    } else {
      if (!changed) { out.assign(text, 0, i); changed = true; }
      if (!first_bad) first_bad = line;
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  if (changed) text.swap(out);
  return first_bad;
}

Record parse_seed_text(std::string_view raw, const std::string& path, std::vector<Diagnostic>& diags) {
  std::string text = normalise_lines(raw);
  auto lines = split_lines(text);
  Record r;
  r.source = path;

  std::size_t i = 0;
  while (i < lines.size() && blank(lines[i])) ++i;
  auto next_nonblank = [&](std::size_t from) {
    while (from < lines.size() && blank(lines[from])) ++from;
    return from;
  };
  bool has_labels = false;
  for (std::size_t k = i; k < lines.size(); ++k) {
    if (is_label_line(lines, k) && known_section(label_of(lines[k])) != Section::extra) {
      has_labels = true;
      break;
    }
  }
  std::size_t title_at = std::string::npos;
  std::size_t date_at = std::string::npos;
  if (i < lines.size() && trim(lines[i]).substr(0, 2) == "**") {
    title_at = i;
  } else if (i < lines.size()) {
    std::size_t j = next_nonblank(i + 1);
    if (j < lines.size() && trim(lines[j]).substr(0, 2) == "**") {
      date_at = i;
      title_at = j;
    } else if (has_labels && !is_label_line(lines, i) && trim(lines[i]).size() < 60) {
      date_at = i;
    }
  }
  if (title_at == std::string::npos && date_at == std::string::npos && !has_labels) {
    // No header: plain text, indexed as body with its path as id.
    r.format = "plain";
    r.id = path;
    r.body = join_lines(lines, 0, lines.size());
    scan_body(r.body, r.handwritten, r.footnotes);
    return r;
  }
  r.format = "seed";
  std::size_t pos = i;
  if (date_at != std::string::npos) {
    DateParse d = parse_date(trim(lines[date_at]));
    r.date = d.date;
    if (!d.error.empty()) {
      diags.push_back(diag(Severity::warning, path, static_cast<int>(date_at) + 1,
                           d.error + "; kept as text, record indexed without a date"));
    }
    pos = date_at + 1;
  }
  if (title_at != std::string::npos) {
    // "**Title**", possibly over several lines.
    std::string title;
    std::size_t k = title_at;
    bool closed = false;
    for (; k < lines.size(); ++k) {
      std::string_view l = trim(lines[k]);
      if (k > title_at && (l.empty() || is_label_line(lines, k))) break;
      if (k == title_at) l.remove_prefix(2);
      bool ends = l.size() >= 2 && l.substr(l.size() - 2) == "**";
      if (ends) l.remove_suffix(2);
      if (!title.empty()) title += ' ';
      title += l;
      if (ends) { closed = true; ++k; break; }
    }
    r.title = squash_spaces(title);
    if (!closed) {
      diags.push_back(diag(Severity::warning, path, static_cast<int>(title_at) + 1,
                           "title opened with '**' never closes; took the lines up to the next blank line as title"));
    }
    pos = k;
  }

  // Sections.
  Section current = Section::none;
  std::string extra_label;
  std::size_t start = pos;
  bool seen[8] = {};
  std::string preamble;
  auto flush = [&](std::size_t end) {
    std::string body = join_lines(lines, start, end);
    switch (current) {
      case Section::none:
        preamble = body;
        break;
      case Section::citation: r.citation = squash_spaces(body); break;
      case Section::summary: r.summary = body; break;
      case Section::credits: r.credits = body; break;
      case Section::original_language: r.original_language = squash_spaces(body); break;
      case Section::contents: {
        // "Translation - English" (or "Original - Russian") opens the text.
        auto bl = split_lines(body);
        std::size_t first = 0;
        if (!bl.empty()) {
          std::string_view l = trim(bl[0]);
          for (std::string_view kind : {"translation", "transcription", "original", "transcript"}) {
            if (starts_with_icase(l, kind)) {
              std::string_view rest = trim(l.substr(kind.size()));
              std::size_t dash = 0;
              if (starts_with_icase(rest, "-") || starts_with_icase(rest, ":")) dash = 1;
              else if (rest.substr(0, 3) == "\xE2\x80\x93" || rest.substr(0, 3) == "\xE2\x80\x94") dash = 3;
              if (dash) {
                std::string lang = trim_copy(rest.substr(dash));
                if (kind == "original") {
                  if (r.original_language.empty()) r.original_language = lang;
                } else {
                  r.translation_language = lang;
                }
                first = 1;
              }
              break;
            }
          }
        }
        r.body = join_lines(bl, first, bl.size());
        break;
      }
      case Section::extra: r.extra.emplace_back(extra_label, body); break;
    }
  };
  for (std::size_t k = pos; k < lines.size(); ++k) {
    if (!is_label_line(lines, k)) continue;
    std::string_view label = label_of(lines[k]);
    Section s = known_section(label);
    // Inside Contents only a known section not seen yet ends the text: a
    // "Note:" line in a letter is part of the letter.
    if (current == Section::contents && (s == Section::extra || seen[static_cast<int>(s)])) continue;
    flush(k);
    current = s;
    seen[static_cast<int>(s)] = true;
    extra_label = std::string(label);
    start = k + 1;
  }
  flush(lines.size());
  if (!preamble.empty()) {
    r.body = r.body.empty() ? preamble : preamble + "\n\n" + r.body;
  }
  scan_body(r.body, r.handwritten, r.footnotes);
  complete_record(r);
  if (r.id.empty()) r.id = file_stem(path);
  return r;
}

Record record_from_json(const json& j, const std::string& path, int line, std::vector<Diagnostic>& diags) {
  if (!j.is_object()) {
    throw std::invalid_argument(fmt::format("a record must be a JSON object, got {}", j.type_name()));
  }
  Record r;
  r.source = path;
  r.source_line = line;
  r.format = line ? "jsonl" : "json";
  auto str = [&](const std::string& key, std::string& out) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return;
    if (it->is_string()) out = it->get<std::string>();
    else if (it->is_number_integer() || it->is_number_unsigned()) out = it->dump();
    else throw std::invalid_argument(fmt::format("field '{}' must be a string, got {}", key, it->type_name()));
  };
  auto list = [&](const std::string& key, std::vector<std::string>& out) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return;
    if (it->is_string()) {
      // A string where a list is expected: names are split ("A and B");
      // an annotation is one item.
      if (key == "handwritten") out.push_back(it->get<std::string>());
      else out = split_names(it->get<std::string>());
      return;
    }
    if (!it->is_array()) {
      throw std::invalid_argument(fmt::format("field '{}' must be an array of strings, got {}", key, it->type_name()));
    }
    for (const auto& v : *it) {
      if (!v.is_string()) {
        throw std::invalid_argument(fmt::format("field '{}' must hold strings, found {}", key, v.type_name()));
      }
      out.push_back(v.get<std::string>());
    }
  };
  static const char* kKnown[] = {"id", "date", "title", "citation", "archive", "reference", "repository",
                                 "url", "summary", "credits", "funder", "original_language",
                                 "translation_language", "contributors", "translators", "transcribers",
                                 "body", "handwritten", "footnotes", "extra"};
  str("id", r.id);
  std::string date;
  str("date", date);
  str("title", r.title);
  str("citation", r.citation);
  str("archive", r.archive);
  str("reference", r.reference);
  str("repository", r.repository);
  str("url", r.url);
  str("summary", r.summary);
  str("credits", r.credits);
  str("funder", r.funder);
  str("original_language", r.original_language);
  str("translation_language", r.translation_language);
  list("contributors", r.contributors);
  list("translators", r.translators);
  list("transcribers", r.transcribers);
  str("body", r.body);
  list("handwritten", r.handwritten);
  if (auto it = j.find("footnotes"); it != j.end() && !it->is_null()) {
    if (!it->is_array()) throw std::invalid_argument("field 'footnotes' must be an array");
    for (const auto& f : *it) {
      if (f.is_string()) r.footnotes.push_back({std::to_string(r.footnotes.size() + 1), f.get<std::string>()});
      else if (f.is_object() && f.contains("text") && f["text"].is_string())
        r.footnotes.push_back({f.contains("label") ? (f["label"].is_string() ? f["label"].get<std::string>() : f["label"].dump()) : std::to_string(r.footnotes.size() + 1),
                               f["text"].get<std::string>()});
      else throw std::invalid_argument("field 'footnotes' must hold strings or {\"label\", \"text\"} objects");
    }
  }
  if (auto it = j.find("extra"); it != j.end() && !it->is_null()) {
    if (!it->is_object()) throw std::invalid_argument("field 'extra' must be an object of strings");
    for (const auto& [k, v] : it->items()) {
      if (!v.is_string()) throw std::invalid_argument(fmt::format("extra field '{}' must be a string", k));
      r.extra.emplace_back(k, v.get<std::string>());
    }
  }
  // Unknown string keys are kept as extra fields, like unknown labels.
  for (const auto& [k, v] : j.items()) {
    bool known = false;
    for (const char* kk : kKnown) known = known || k == kk;
    if (!known && v.is_string()) r.extra.emplace_back(k, v.get<std::string>());
  }
  DateParse d = parse_date(date);
  r.date = d.date;
  if (!d.error.empty()) {
    diags.push_back(diag(Severity::warning, path, line, d.error + "; kept as text, record indexed without a date"));
  }
  complete_record(r);
  if (r.id.empty()) r.id = line ? fmt::format("{}-{}", file_stem(path), line) : file_stem(path);
  return r;
}

bool is_record_file(const fs::path& p) {
  std::string ext = ascii_lower(p.extension().string());
  return ext == ".txt" || ext == ".json" || ext == ".jsonl";
}

namespace {

// Line and column (1-based) of a byte offset.
std::pair<int, int> line_col(std::string_view text, std::size_t offset) {
  int line = 1, col = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') { ++line; col = 1; } else { ++col; }
  }
  return {line, col};
}

// nlohmann's messages start "[json.exception.parse_error.101] parse error at
// line 1, column 5: "; keep what follows.
std::string json_message(const std::exception& e) {
  std::string m = e.what();
  auto close = m.find(']');
  auto colon = m.find(": ", close == std::string::npos ? 0 : close);
  if (colon != std::string::npos) return m.substr(colon + 2);
  // "[json.exception.out_of_range.406] number overflow parsing '1e999'"
  if (close != std::string::npos && close + 2 <= m.size()) return m.substr(close + 2);
  return m;
}

// Decode UTF-16 with a BOM into UTF-8 (ICU).
bool decode_utf16(std::string& data) {
  if (data.size() < 2) return false;
  const char* cs = nullptr;
  if (static_cast<unsigned char>(data[0]) == 0xFF && static_cast<unsigned char>(data[1]) == 0xFE) cs = "UTF-16LE";
  else if (static_cast<unsigned char>(data[0]) == 0xFE && static_cast<unsigned char>(data[1]) == 0xFF) cs = "UTF-16BE";
  if (!cs) return false;
  icu::UnicodeString u(data.data() + 2, static_cast<int32_t>(data.size() - 2), cs);
  std::string out;
  u.toUTF8String(out);
  data.swap(out);
  return true;
}

}  // namespace

std::optional<std::string> read_source_bytes(const fs::path& p, std::vector<Diagnostic>& diags) {
  const std::string path = p.string();
  std::error_code ec;
  auto size = fs::file_size(p, ec);
  if (ec) {
    diags.push_back(diag(Severity::error, path, 0, fmt::format("cannot read: {}; skipped", ec.message())));
    return std::nullopt;
  }
  if (size > kMaxFileBytes) {
    diags.push_back(diag(Severity::error, path, 0,
                         fmt::format("file is {} MB, over the {} MB limit for one record file; skipped",
                                     size >> 20, kMaxFileBytes >> 20)));
    return std::nullopt;
  }
  // read(2) directly: an ifstream copied through rdbuf() hides a failing
  // read (EIO, EISDIR), and the file then looked empty (issue 6).
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    diags.push_back(diag(Severity::error, path, 0, fmt::format("cannot read: {}; skipped", std::strerror(errno))));
    return std::nullopt;
  }
  std::string data;
  data.reserve(static_cast<std::size_t>(size));
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int e = errno;
      ::close(fd);
      diags.push_back(diag(Severity::error, path, 0, fmt::format("cannot read: {}; skipped", std::strerror(e))));
      return std::nullopt;
    }
    if (n == 0) break;
    data.append(buf, static_cast<std::size_t>(n));
    if (data.size() > kMaxFileBytes) {
      ::close(fd);
      diags.push_back(diag(Severity::error, path, 0,
                           fmt::format("file is over the {} MB limit for one record file; skipped", kMaxFileBytes >> 20)));
      return std::nullopt;
    }
  }
  ::close(fd);
  return data;
}

int read_record_file(const fs::path& p, const RecordSink& sink, std::vector<Diagnostic>& diags) {
  auto data = read_source_bytes(p, diags);
  if (!data) return 1;
  return read_records(p.string(), std::move(*data), sink, diags);
}

int read_records(const std::string& path, std::string data, const RecordSink& sink,
                 std::vector<Diagnostic>& diags) {
  const fs::path p(path);
  if (blank(data)) {
    diags.push_back(diag(Severity::error, path, 0, "empty file; skipped"));
    return 1;
  }
  bool utf16 = decode_utf16(data);
  if (!utf16) {
    auto nul = data.find('\0');
    if (nul != std::string::npos) {
      auto [l, c] = line_col(data, nul);
      diags.push_back(diag(Severity::error, path, l, "binary file (NUL byte); skipped", c));
      return 1;
    }
  }
  if (int bad = sanitize_utf8(data)) {
    diags.push_back(diag(Severity::warning, path, bad, "invalid UTF-8; replaced with U+FFFD and indexed"));
  }
  if (blank(data)) {
    diags.push_back(diag(Severity::error, path, 0, "empty file; skipped"));
    return 1;
  }
  std::string ext = ascii_lower(p.extension().string());
  if (ext == ".json") {
    json j;
    try {
      j = json::parse(data);
    } catch (const json::parse_error& e) {
      auto [l, c] = line_col(data, e.byte ? e.byte - 1 : 0);
      diags.push_back(diag(Severity::error, path, l, fmt::format("invalid JSON: {}; file skipped", json_message(e)), c));
      return 1;
    } catch (const json::exception& e) {
      // A number too large for a double (1e999) is an out_of_range error,
      // not a parse_error: it escaped and ended the whole run (issue 6).
      diags.push_back(diag(Severity::error, path, 0, fmt::format("invalid JSON: {}; file skipped", json_message(e))));
      return 1;
    }
    try {
      sink(record_from_json(j, path, 0, diags));
    } catch (const std::exception& e) {
      diags.push_back(diag(Severity::error, path, 0, fmt::format("{}; record skipped", e.what())));
      return 1;
    }
    return 0;
  }
  if (ext == ".jsonl") {
    int rejected = 0;
    // Lines may end in CRLF or a lone CR: a CR-only file was one bad line
    // (issue 6). JSON strings cannot hold a raw CR, so this changes no value.
    if (data.find('\r') != std::string::npos) data = normalise_lines(data);
    auto lines = split_lines(data);
    for (std::size_t k = 0; k < lines.size(); ++k) {
      std::string_view l = trim(lines[k]);
      if (l.empty()) continue;
      int ln = static_cast<int>(k) + 1;
      try {
        json j = json::parse(l);
        sink(record_from_json(j, path, ln, diags));
      } catch (const json::parse_error& e) {
        diags.push_back(diag(Severity::error, path, ln,
                             fmt::format("invalid JSON: {}; line skipped", json_message(e)),
                             // e.byte counts in the trimmed line: add back the
                             // leading white space so the column is the file's.
                             static_cast<int>(l.data() - lines[k].data() + (e.byte ? e.byte : 1))));
        ++rejected;
      } catch (const json::exception& e) {
        diags.push_back(diag(Severity::error, path, ln, fmt::format("invalid JSON: {}; line skipped", json_message(e))));
        ++rejected;
      } catch (const std::exception& e) {
        diags.push_back(diag(Severity::error, path, ln, fmt::format("{}; line skipped", e.what())));
        ++rejected;
      }
    }
    return rejected;
  }
  sink(parse_seed_text(data, path, diags));
  return 0;
}

}  // namespace opis

// Reading record files: bytes (read(2), at most 256 MB), decoding (UTF-8
// checked, UTF-16 through ICU), then the reader the extension picks: the
// seed layout and plain text (seed_reader.cpp), JSON and JSONL
// (json_reader.cpp), XML: TEI and EAD (xml_reader.cpp).
#include "opis/record/record_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>
#include <unicode/unistr.h>
#include <nlohmann/json.hpp>

#include "opis/base/text.h"
#include "reader_detail.h"

namespace opis {

namespace fs = std::filesystem;
using nlohmann::json;
using reader_detail::diag;
using reader_detail::normalise_lines;

namespace {

constexpr std::uintmax_t kMaxFileBytes = 256u << 20;  // a record file, not a dump

}  // namespace

namespace reader_detail {

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

std::string file_stem(const std::string& path) { return fs::path(path).stem().string(); }

}  // namespace reader_detail

SourceRef::SourceRef(const std::string& path_) : path(path_), name(fs::path(path_).filename().string()) {}
SourceRef::SourceRef(const char* path_) : SourceRef(std::string(path_)) {}

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
    if (c < 0x80) {
      len = 1;
      cp = c;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    }
    bool ok = len > 0 && i + len <= n;
    for (std::size_t k = 1; ok && k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80)
        ok = false;
      else
        cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    // Reject overlong forms, surrogates and code points above U+10FFFF.
    if (ok && len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ok = false;
    if (ok && len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ok = false;
    if (ok) {
      if (changed) out.append(text, i, len);
      if (c == '\n') ++line;
      i += len;
    } else {
      if (!changed) {
        out.assign(text, 0, i);
        changed = true;
      }
      if (!first_bad) first_bad = line;
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  if (changed) text.swap(out);
  return first_bad;
}

bool is_record_file(const fs::path& p) {
  std::string ext = ascii_lower(p.extension().string());
  return ext == ".txt" || ext == ".json" || ext == ".jsonl" || ext == ".xml";
}

namespace {

// Line and column (1-based) of a byte offset.
std::pair<int, int> line_col(std::string_view text, std::size_t offset) {
  int line = 1, col = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
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
  if (static_cast<unsigned char>(data[0]) == 0xFF && static_cast<unsigned char>(data[1]) == 0xFE)
    cs = "UTF-16LE";
  else if (static_cast<unsigned char>(data[0]) == 0xFE && static_cast<unsigned char>(data[1]) == 0xFF)
    cs = "UTF-16BE";
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
                         fmt::format("file is {} MB, over the {} MB limit for one record file; skipped", size >> 20,
                                     kMaxFileBytes >> 20)));
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
      diags.push_back(
          diag(Severity::error, path, 0,
               fmt::format("file is over the {} MB limit for one record file; skipped", kMaxFileBytes >> 20)));
      return std::nullopt;
    }
  }
  ::close(fd);
  return data;
}

int read_record_file(const fs::path& p, const RecordSink& sink, std::vector<Diagnostic>& diags,
                     const ReadOptions& opts) {
  auto data = read_source_bytes(p, diags);
  if (!data) return 1;
  return read_records(SourceRef(p.string()), std::move(*data), sink, diags, opts);
}

int read_records(const SourceRef& src, std::string data, const RecordSink& sink, std::vector<Diagnostic>& diags,
                 const ReadOptions& opts) {
  const std::string& path = src.path;
  const fs::path p(path);
  if (is_blank(data)) {
    diags.push_back(diag(Severity::error, path, 0, "empty file; skipped"));
    return 1;
  }
  // XML decodes itself (its declaration names the encoding; libxml2).
  if (is_xml_file(p)) return read_xml_records(src, std::move(data), sink, diags, opts);
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
  if (is_blank(data)) {
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
      diags.push_back(
          diag(Severity::error, path, l, fmt::format("invalid JSON: {}; file skipped", json_message(e)), c));
      return 1;
    } catch (const json::exception& e) {
      // A number too large for a double (1e999) is an out_of_range error,
      // not a parse_error: it escaped and ended the whole run (issue 6).
      diags.push_back(diag(Severity::error, path, 0, fmt::format("invalid JSON: {}; file skipped", json_message(e))));
      return 1;
    }
    try {
      sink(record_from_json(j, src, 0, diags));
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
        sink(record_from_json(j, src, ln, diags));
      } catch (const json::parse_error& e) {
        diags.push_back(diag(Severity::error, path, ln, fmt::format("invalid JSON: {}; line skipped", json_message(e)),
                             // e.byte counts in the trimmed line: add back the
                             // leading white space so the column is the file's.
                             static_cast<int>(l.data() - lines[k].data() + (e.byte ? e.byte : 1))));
        ++rejected;
      } catch (const json::exception& e) {
        diags.push_back(
            diag(Severity::error, path, ln, fmt::format("invalid JSON: {}; line skipped", json_message(e))));
        ++rejected;
      } catch (const std::exception& e) {
        diags.push_back(diag(Severity::error, path, ln, fmt::format("{}; line skipped", e.what())));
        ++rejected;
      }
    }
    return rejected;
  }
  sink(parse_seed_text(data, src, diags));
  return 0;
}

}  // namespace opis

// The record model: JSON (de)serialisation and the fields derived from others.
#include "opis/record/record.h"

#include <cctype>
#include <regex>

#include <nlohmann/json.hpp>

#include "opis/record/citation.h"
#include "opis/base/text.h"

namespace opis {

using nlohmann::json;

json to_json(const Record& r) {
  json j;
  j["id"] = r.id;
  j["source"] = r.source;
  if (r.source_line) j["source_line"] = r.source_line;
  j["format"] = r.format;
  j["date"] = r.date.iso();
  j["date_text"] = r.date.text;
  j["date_precision"] = precision_name(r.date.precision);
  j["date_uncertain"] = r.date.uncertain();
  j["date_supplied"] = r.date.supplied;
  j["date_edtf"] = r.date.edtf();
  if (r.date.known()) {
    // The interval searched (circa and questioned dates widened).
    j["date_start"] = r.date.interval_start().iso(DatePrecision::day);
    j["date_end"] = r.date.interval_end().iso(DatePrecision::day);
  }
  j["title"] = r.title;
  j["citation"] = r.citation;
  j["archive"] = r.archive;
  j["reference"] = r.reference;
  j["repository"] = r.repository;
  // The reference's parts, derived from it (never read back: parse_reference()).
  if (ReferenceParts p = parse_reference(r.reference); !p.system.empty()) {
    json parts{{"system", p.system}};
    auto put = [&](const char* key, const std::string& v) {
      if (!v.empty()) parts[key] = v;
    };
    put("repository", p.repository);
    put("fond", p.fond);
    put("opis", p.opis);
    put("delo", p.delo);
    put("record_group", p.record_group);
    put("series", p.series);
    put("file", p.file);
    put("pages", p.pages);
    if (p.first_page) {
      parts["first_page"] = p.first_page;
      parts["last_page"] = p.last_page;
    }
    j["reference_parts"] = parts;
  }
  j["url"] = r.url;
  j["contributors"] = r.contributors;
  j["translators"] = r.translators;
  j["transcribers"] = r.transcribers;
  j["summary"] = r.summary;
  j["credits"] = r.credits;
  j["funder"] = r.funder;
  j["original_language"] = r.original_language;
  j["translation_language"] = r.translation_language;
  j["handwritten"] = r.handwritten;
  json notes = json::array();
  for (const auto& f : r.footnotes) notes.push_back({{"label", f.label}, {"text", f.text}});
  j["footnotes"] = notes;
  json extra = json::object();
  for (const auto& [k, v] : r.extra) extra[k] = v;
  j["extra"] = extra;
  j["body"] = r.body;
  json persons = json::array();
  for (const auto& p : r.persons) {
    json o{{"name", p.name}, {"surname", p.surname}, {"role", p.role}, {"forms", p.forms}, {"mentions", p.mentions}};
    if (!p.aliases.empty()) o["aliases"] = p.aliases;
    persons.push_back(std::move(o));
  }
  j["persons"] = persons;
  json places = json::array();
  for (const auto& p : r.places) {
    places.push_back({{"name", p.name}, {"country", p.country}, {"kind", p.kind}, {"forms", p.forms}, {"mentions", p.mentions}});
  }
  j["places"] = places;
  return j;
}

Record record_from_stored_json(const json& j) {
  Record r;
  auto str = [&](const char* key, std::string& out) {
    if (auto it = j.find(key); it != j.end() && it->is_string()) out = it->get<std::string>();
  };
  auto list = [&](const char* key, std::vector<std::string>& out) {
    if (auto it = j.find(key); it != j.end() && it->is_array()) out = it->get<std::vector<std::string>>();
  };
  str("id", r.id);
  str("source", r.source);
  if (auto it = j.find("source_line"); it != j.end() && it->is_number_integer()) r.source_line = it->get<int>();
  str("format", r.format);
  str("date_text", r.date.text);
  std::string precision, iso;
  str("date_precision", precision);
  str("date", iso);
  // The date is read again from its text (the parser is deterministic, so
  // this gives the stored interval and flags back); an index of an older
  // Opis whose text the parser refuses keeps its ISO date.
  if (DateParse again = parse_date(r.date.text); again.date.known()) {
    r.date = again.date;
  } else if (auto d = parse_query_date(iso); d && precision_from_name(precision) != DatePrecision::unknown) {
    std::string text = r.date.text;
    r.date = *d;
    r.date.text = text;
  }
  str("title", r.title);
  str("citation", r.citation);
  str("archive", r.archive);
  str("reference", r.reference);
  str("repository", r.repository);
  str("url", r.url);
  list("contributors", r.contributors);
  list("translators", r.translators);
  list("transcribers", r.transcribers);
  str("summary", r.summary);
  str("credits", r.credits);
  str("funder", r.funder);
  str("original_language", r.original_language);
  str("translation_language", r.translation_language);
  list("handwritten", r.handwritten);
  if (auto it = j.find("footnotes"); it != j.end() && it->is_array()) {
    for (const auto& f : *it) r.footnotes.push_back({f.value("label", ""), f.value("text", "")});
  }
  if (auto it = j.find("extra"); it != j.end() && it->is_object()) {
    for (const auto& [k, v] : it->items()) {
      if (v.is_string()) r.extra.emplace_back(k, v.get<std::string>());
    }
  }
  str("body", r.body);
  if (auto it = j.find("persons"); it != j.end() && it->is_array()) {
    for (const auto& o : *it) {
      if (!o.is_object()) continue;
      Person p{o.value("name", ""), o.value("surname", ""), o.value("role", ""),
               o.value("forms", std::vector<std::string>{}), o.value("mentions", 0u),
               o.value("aliases", std::vector<std::string>{}), o.value("terms", std::vector<std::string>{})};
      r.persons.push_back(std::move(p));
    }
  }
  if (auto it = j.find("places"); it != j.end() && it->is_array()) {
    for (const auto& o : *it) {
      if (!o.is_object()) continue;
      r.places.push_back({o.value("name", ""), o.value("country", ""), o.value("kind", ""),
                          o.value("forms", std::vector<std::string>{}), o.value("mentions", 0u), o.value("term", "")});
    }
  }
  return r;
}

std::string id_from_url(std::string_view url) {
  std::string_view u = trim(url);
  while (!u.empty() && u.back() == '/') u.remove_suffix(1);
  auto q = u.find_first_of("?#");
  if (q != std::string_view::npos) u = u.substr(0, q);
  auto slash = u.rfind('/');
  if (slash == std::string_view::npos) return "";
  // Only a real path segment: not the host of "https://host".
  if (slash < 2 || u.substr(slash - 1, 2) == "//") return "";
  std::string_view seg = u.substr(slash + 1);
  if (seg.empty()) return "";
  for (char c : seg) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return "";
  }
  return std::string(seg);
}

void scan_body(std::string_view body, std::vector<std::string>& handwritten,
               std::vector<Footnote>& footnotes) {
  // "[Handwritten: ...]", any case, brackets may nest inside.
  std::string lower = ascii_lower(body);
  const std::string_view tag = "[handwritten:";
  for (std::size_t pos = lower.find(tag); pos != std::string::npos; pos = lower.find(tag, pos + 1)) {
    int depth = 0;
    std::size_t end = std::string::npos;
    for (std::size_t i = pos; i < body.size(); ++i) {
      if (body[i] == '[') ++depth;
      else if (body[i] == ']' && --depth == 0) { end = i; break; }
    }
    if (end == std::string::npos) break;  // never closed: not an annotation
    std::string text = squash_spaces(body.substr(pos + tag.size(), end - pos - tag.size()));
    if (!text.empty()) handwritten.push_back(text);
  }
  // Footnotes: a line starting "[N] " (N digits); following non-blank lines
  // continue it until a blank line or the next note.
  auto lines = split_lines(body);
  Footnote* open = nullptr;
  for (std::string_view raw : lines) {
    std::string_view line = trim(raw);
    if (line.empty()) { open = nullptr; continue; }
    std::size_t close = line.find(']');
    bool is_note = line.size() > 3 && line[0] == '[' && close != std::string_view::npos && close > 1 &&
                   close + 1 < line.size() && line[close + 1] == ' ';
    if (is_note) {
      for (std::size_t i = 1; i < close; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(line[i]))) { is_note = false; break; }
      }
    }
    if (is_note) {
      footnotes.push_back({std::string(line.substr(1, close - 1)), trim_copy(line.substr(close + 2))});
      open = &footnotes.back();
    } else if (open) {
      open->text += ' ';
      open->text += line;
    }
  }
}

std::string funder_from_credits(std::string_view credits) {
  static const std::regex re(
      R"((?:support|funding|a grant|grants?) from (?:the )?([^.;]+)|(?:funded|supported|sponsored) by (?:the )?([^.;]+))",
      std::regex::icase | std::regex::optimize);
  std::string s = squash_spaces(credits);
  // std::regex recurses once per character matched: a long credits text
  // without a period overflowed the stack (issue 6). A funder is named early.
  std::size_t n = std::min<std::size_t>(s.size(), 2048);
  while (n < s.size() && n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  s.resize(n);
  std::smatch m;
  if (!std::regex_search(s, m, re)) return "";
  return trim_copy(m[1].matched ? m[1].str() : m[2].str());
}

void complete_record(Record& r) {
  if (!r.citation.empty()) {
    Citation c = parse_citation(r.citation);
    if (r.title.empty()) r.title = c.title;
    if (r.archive.empty()) r.archive = c.archive;
    if (r.reference.empty()) r.reference = c.reference;
    if (r.url.empty()) r.url = c.url;
    if (r.contributors.empty()) r.contributors = c.contributors;
    if (r.translators.empty()) r.translators = c.translators;
    if (r.transcribers.empty()) r.transcribers = c.transcribers;
    if (r.date.text.empty() && !c.date_text.empty()) r.date = parse_date(c.date_text).date;
  }
  if (r.repository.empty()) r.repository = reference_repository(r.reference);
  if (r.funder.empty()) r.funder = funder_from_credits(r.credits);
  if (r.id.empty()) r.id = id_from_url(r.url);
  if (r.handwritten.empty() && r.footnotes.empty()) scan_body(r.body, r.handwritten, r.footnotes);
}

}  // namespace opis

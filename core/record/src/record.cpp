// The record model: JSON (de)serialisation and the fields derived from others.
#include "opis/record/record.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include <nlohmann/json.hpp>

#include "opis/base/text.h"
#include "opis/record/citation.h"

namespace opis {

using nlohmann::json;

namespace {

using K = RecordFieldKind;

// In the order the JSON reader checks them (its first wrong type is the
// one reported); the stored JSON sorts its keys whatever the order here.
constexpr RecordField kFields[] = {
    {"id", K::text, &Record::id, nullptr, true, "id"},
    {"date", K::date, nullptr, nullptr, true, ""},
    {"title", K::text, &Record::title, nullptr, true, "title"},
    {"citation", K::text, &Record::citation, nullptr, true, "citation"},
    {"archive", K::text, &Record::archive, nullptr, true, "archive"},
    {"reference", K::text, &Record::reference, nullptr, true, "reference"},
    {"repository", K::text, &Record::repository, nullptr, true, "repository"},
    {"url", K::text, &Record::url, nullptr, true, "url"},
    {"cites", K::list, nullptr, &Record::cites, true, "cites"},
    {"summary", K::text, &Record::summary, nullptr, true, "summary"},
    {"series", K::text, &Record::series, nullptr, true, ""},
    {"credits", K::text, &Record::credits, nullptr, true, ""},
    {"funder", K::text, &Record::funder, nullptr, true, ""},
    {"original_language", K::text, &Record::original_language, nullptr, true, "language"},
    {"translation_language", K::text, &Record::translation_language, nullptr, true, "translation_language"},
    {"text_language", K::text, &Record::text_language, nullptr, true, "", "language"},
    {"contributors", K::list, nullptr, &Record::contributors, true, "contributors"},
    {"translators", K::list, nullptr, &Record::translators, true, "translators"},
    {"transcribers", K::list, nullptr, &Record::transcribers, true, "transcribers"},
    {"editors", K::list, nullptr, &Record::editors, true, "editors", "editor"},
    {"body", K::text, &Record::body, nullptr, true, ""},
    {"handwritten", K::list, nullptr, &Record::handwritten, true, ""},
    {"footnotes", K::footnotes, nullptr, nullptr, true, ""},
    {"extra", K::extra, nullptr, nullptr, true, ""},
    // Set by the reader or at index time, never read from a source record.
    {"source", K::text, &Record::source, nullptr, false, ""},
    {"source_line", K::source_line, nullptr, nullptr, false, ""},
    {"format", K::text, &Record::format, nullptr, false, ""},
    {"persons", K::persons, nullptr, nullptr, false, ""},
    {"places", K::places, nullptr, nullptr, false, ""},
    {"text_language_source", K::language, nullptr, nullptr, false, ""},
};

void put_date(const Date& d, json& j) {
  j["date"] = d.iso();
  j["date_text"] = d.text;
  j["date_precision"] = precision_name(d.precision);
  j["date_uncertain"] = d.uncertain();
  j["date_supplied"] = d.supplied;
  j["date_edtf"] = d.edtf();
  if (d.known()) {
    // The interval searched (circa and questioned dates widened).
    j["date_start"] = d.interval_start().iso(DatePrecision::day);
    j["date_end"] = d.interval_end().iso(DatePrecision::day);
  }
}

// The reference's parts, derived from it (never read back: parse_reference()).
void put_reference_parts(const std::string& reference, json& j) {
  ReferenceParts p = parse_reference(reference);
  if (p.system.empty()) return;
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

json persons_json(const std::vector<Person>& persons) {
  json a = json::array();
  for (const auto& p : persons) {
    json o{{"name", p.name}, {"surname", p.surname}, {"role", p.role}, {"forms", p.forms}, {"mentions", p.mentions}};
    if (!p.aliases.empty()) o["aliases"] = p.aliases;
    if (!p.ids.empty()) o["ids"] = p.ids;
    if (!p.dates.empty()) o["dates"] = p.dates;
    if (p.tagged) o["tagged"] = true;
    a.push_back(std::move(o));
  }
  return a;
}

json places_json(const std::vector<Place>& places) {
  json a = json::array();
  for (const auto& p : places) {
    json o{{"name", p.name}, {"country", p.country}, {"kind", p.kind}, {"forms", p.forms}, {"mentions", p.mentions}};
    if (!p.aliases.empty()) o["aliases"] = p.aliases;
    if (!p.ids.empty()) o["ids"] = p.ids;
    if (p.tagged) o["tagged"] = true;
    a.push_back(std::move(o));
  }
  return a;
}

// The fields that are not one string or one list.
void put_other(const RecordField& f, const Record& r, json& j) {
  switch (f.kind) {
    case K::text:
    case K::list: break;
    case K::date: put_date(r.date, j); break;
    case K::source_line:
      if (r.source_line) j["source_line"] = r.source_line;
      break;
    case K::footnotes: {
      json notes = json::array();
      for (const auto& n : r.footnotes) notes.push_back({{"label", n.label}, {"text", n.text}});
      j["footnotes"] = notes;
      break;
    }
    case K::extra: {
      json extra = json::object();
      for (const auto& [k, v] : r.extra) extra[k] = v;
      j["extra"] = extra;
      break;
    }
    case K::persons: j["persons"] = persons_json(r.persons); break;
    case K::places: j["places"] = places_json(r.places); break;
    case K::language:
      j["text_language_source"] = r.text_language_source;
      j["text_language_confidence"] = r.text_language_confidence;
      break;
  }
}

// The date as stored: read again from its text (the parser is
// deterministic, so this gives the stored interval and flags back); an
// index of an older Opis whose text the parser refuses keeps its ISO date.
void read_back_date(std::string text, const std::string& iso, const std::string& precision, Date& date) {
  date.text = std::move(text);
  if (DateParse again = parse_date(date.text); again.date.known()) {
    date = again.date;
    return;
  }
  if (auto d = parse_query_date(iso); d && precision_from_name(precision) != DatePrecision::unknown) {
    std::string kept = date.text;
    date = *d;
    date.text = kept;
  }
}

void get_date(const json& j, Date& date) {
  auto key = [&](const char* k) {
    auto it = j.find(k);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  read_back_date(key("date_text"), key("date"), key("date_precision"), date);
}

// `f` for each object of the array `v` (anything else is passed over).
template <class F>
void each_object(const json& v, F f) {
  if (!v.is_array()) return;
  for (const auto& o : v) {
    if (o.is_object()) f(o);
  }
}

void get_other(const RecordField& f, const json& v, Record& r) {
  switch (f.kind) {
    case K::text:
    case K::list:
    case K::date: break;
    case K::source_line:
      if (v.is_number_integer()) r.source_line = v.get<int>();
      break;
    case K::footnotes:
      if (!v.is_array()) break;
      for (const auto& n : v) r.footnotes.push_back({n.value("label", ""), n.value("text", "")});
      break;
    case K::extra:
      if (!v.is_object()) break;
      for (const auto& [k, x] : v.items()) {
        if (x.is_string()) r.extra.emplace_back(k, x.get<std::string>());
      }
      break;
    case K::persons:
      each_object(v, [&](const json& o) {
        r.persons.push_back({o.value("name", ""), o.value("surname", ""), o.value("role", ""),
                             o.value("forms", std::vector<std::string>{}), o.value("mentions", 0u),
                             o.value("aliases", std::vector<std::string>{}),
                             o.value("terms", std::vector<std::string>{}), o.value("ids", std::vector<std::string>{}),
                             o.value("dates", ""), o.value("tagged", false)});
      });
      break;
    case K::places:
      each_object(v, [&](const json& o) {
        r.places.push_back({o.value("name", ""), o.value("country", ""), o.value("kind", ""),
                            o.value("forms", std::vector<std::string>{}), o.value("mentions", 0u), o.value("term", ""),
                            o.value("aliases", std::vector<std::string>{}), o.value("ids", std::vector<std::string>{}),
                            o.value("tagged", false)});
      });
      break;
    case K::language:
      if (v.is_string()) r.text_language_source = v.get<std::string>();
      break;
  }
}

}  // namespace

Date stored_date(const Date& d) {
  Date out;
  read_back_date(d.text, d.iso(), precision_name(d.precision), out);
  return out;
}

std::span<const RecordField> record_fields() { return kFields; }

const RecordField* find_record_field(std::string_view name) {
  for (const RecordField& f : kFields) {
    if (f.name == name || (!f.alias.empty() && f.alias == name)) return &f;
  }
  return nullptr;
}

json to_json(const Record& r) {
  json j;
  for (const RecordField& f : kFields) {
    if (f.kind == K::text)
      j[std::string(f.name)] = r.*f.text;
    else if (f.kind == K::list)
      j[std::string(f.name)] = r.*f.list;
    else
      put_other(f, r, j);
  }
  put_reference_parts(r.reference, j);
  return j;
}

Record record_from_stored_json(const json& j) {
  Record r;
  for (const RecordField& f : kFields) {
    if (f.kind == K::date) {
      get_date(j, r.date);
      continue;
    }
    auto it = j.find(f.name);
    if (it == j.end()) continue;
    if (f.kind == K::text && it->is_string())
      r.*f.text = it->get<std::string>();
    else if (f.kind == K::list && it->is_array())
      r.*f.list = it->get<std::vector<std::string>>();
    else
      get_other(f, *it, r);
  }
  if (auto c = j.find("text_language_confidence"); c != j.end() && c->is_number())
    r.text_language_confidence = c->get<double>();
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

namespace {

// Where the paragraph holding offset `pos` of `text` ends: the newline
// before its first blank line, or the end of the text.
std::size_t paragraph_end(std::string_view text, std::size_t pos) {
  for (std::size_t nl = text.find('\n', pos); nl != std::string_view::npos;) {
    std::size_t next = text.find('\n', nl + 1);
    std::string_view line =
        text.substr(nl + 1, next == std::string_view::npos ? std::string_view::npos : next - nl - 1);
    if (trim(line).empty()) return nl;
    nl = next;
  }
  return text.size();
}

}  // namespace

void scan_body(std::string_view body, std::vector<std::string>& handwritten, std::vector<Footnote>& footnotes,
               const TextPlace& at, std::vector<Diagnostic>& diags) {
  // "[Handwritten: ...]", any case, brackets may nest inside, within its
  // paragraph: an unclosed one hid every annotation after it (issue 14).
  // Linear in the body whatever it holds: the paragraph's end is found once
  // per paragraph, lines are counted on from the last tag, and the scan
  // goes on after an unclosed tag's paragraph (its text holds the rest).
  std::string lower = ascii_lower(body);
  const std::string_view tag = "[handwritten:";
  std::size_t para = 0;  // end of the paragraph of the last tag
  bool in_para = false;
  std::size_t counted = 0;  // newlines counted up to here
  int line = at.line;
  auto line_of = [&](std::size_t pos) {
    if (!at.spans_lines || at.line <= 0) return at.line;
    line += static_cast<int>(std::count(body.begin() + static_cast<std::ptrdiff_t>(counted),
                                        body.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
    counted = pos;
    return line;
  };
  for (std::size_t pos = lower.find(tag); pos != std::string::npos; pos = lower.find(tag, pos + 1)) {
    if (!in_para || pos > para) para = paragraph_end(body, pos);
    in_para = true;
    int depth = 0;
    std::size_t end = std::string::npos;
    for (std::size_t i = pos; i < para; ++i) {
      if (body[i] == '[')
        ++depth;
      else if (body[i] == ']' && --depth == 0) {
        end = i;
        break;
      }
    }
    const bool closed = end != std::string::npos;
    if (!closed) {
      end = para;
      diags.push_back({Severity::warning, at.path, line_of(pos), 0,
                       "'[Handwritten:' annotation not closed with ']' in its paragraph; ended at the paragraph"});
    }
    std::string text = squash_spaces(body.substr(pos + tag.size(), end - pos - tag.size()));
    if (!text.empty()) handwritten.push_back(text);
    if (!closed) pos = para;  // the rest of its paragraph is in it
  }
  // Footnotes: a line starting "[N] " (N digits); following non-blank lines
  // continue it until a blank line or the next note.
  auto lines = split_lines(body);
  Footnote* open = nullptr;
  for (std::string_view raw : lines) {
    std::string_view line = trim(raw);
    if (line.empty()) {
      open = nullptr;
      continue;
    }
    std::size_t close = line.find(']');
    bool is_note = line.size() > 3 && line[0] == '[' && close != std::string_view::npos && close > 1 &&
                   close + 1 < line.size() && line[close + 1] == ' ';
    if (is_note) {
      for (std::size_t i = 1; i < close; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(line[i]))) {
          is_note = false;
          break;
        }
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
    if (r.cites.empty()) r.cites = c.cites;
    if (r.contributors.empty()) r.contributors = c.contributors;
    if (r.translators.empty()) r.translators = c.translators;
    if (r.transcribers.empty()) r.transcribers = c.transcribers;
    if (r.editors.empty()) r.editors = c.editors;
    if (r.date.text.empty() && !c.date_text.empty()) r.date = parse_date(c.date_text).date;
  }
  if (r.repository.empty()) r.repository = reference_repository(r.reference);
  if (r.funder.empty()) r.funder = funder_from_credits(r.credits);
  if (r.id.empty()) r.id = id_from_url(r.url);
}

}  // namespace opis

// The JSON reader: one record from one JSON object (a .json file or a
// .jsonl line). The keys are Record's fields (record_fields(), record.h);
// unknown string keys are kept as extra fields.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "opis/record/citation.h"
#include "opis/record/record_reader.h"
#include "reader_detail.h"

namespace opis {

using nlohmann::json;
using reader_detail::diag;

namespace {

void get_text(const json& j, std::string_view key, std::string& out) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return;
  if (it->is_string())
    out = it->get<std::string>();
  else if (it->is_number_integer() || it->is_number_unsigned())
    out = it->dump();
  else
    throw std::invalid_argument(fmt::format("field '{}' must be a string, got {}", key, it->type_name()));
}

void get_list(const json& j, std::string_view key, std::vector<std::string>& out) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return;
  if (it->is_string()) {
    // A string where a list is expected: names are split ("A and B");
    // an annotation is one item.
    if (key == "handwritten")
      out.push_back(it->get<std::string>());
    else
      out = split_names(it->get<std::string>());
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
}

void get_footnotes(const json& j, std::vector<Footnote>& out) {
  auto it = j.find("footnotes");
  if (it == j.end() || it->is_null()) return;
  if (!it->is_array()) throw std::invalid_argument("field 'footnotes' must be an array");
  for (const auto& f : *it) {
    const std::string next = std::to_string(out.size() + 1);
    if (f.is_string()) {
      out.push_back({next, f.get<std::string>()});
    } else if (f.is_object() && f.contains("text") && f["text"].is_string()) {
      std::string label = !f.contains("label")     ? next
                          : f["label"].is_string() ? f["label"].get<std::string>()
                                                   : f["label"].dump();
      out.push_back({std::move(label), f["text"].get<std::string>()});
    } else {
      throw std::invalid_argument("field 'footnotes' must hold strings or {\"label\", \"text\"} objects");
    }
  }
}

void get_extra(const json& j, std::vector<std::pair<std::string, std::string>>& out) {
  if (auto it = j.find("extra"); it != j.end() && !it->is_null()) {
    if (!it->is_object()) throw std::invalid_argument("field 'extra' must be an object of strings");
    for (const auto& [k, v] : it->items()) {
      if (!v.is_string()) throw std::invalid_argument(fmt::format("extra field '{}' must be a string", k));
      out.emplace_back(k, v.get<std::string>());
    }
  }
  // Unknown string keys are kept as extra fields, like unknown labels.
  for (const auto& [k, v] : j.items()) {
    const RecordField* f = find_record_field(k);
    if (!(f && f->input) && k != "lang" && v.is_string()) out.emplace_back(k, v.get<std::string>());
  }
}

}  // namespace

Record record_from_json(const json& j, const SourceRef& src, int line, std::vector<Diagnostic>& diags) {
  const std::string& path = src.path;
  if (!j.is_object()) {
    throw std::invalid_argument(fmt::format("a record must be a JSON object, got {}", j.type_name()));
  }
  Record r;
  r.source = path;
  r.source_line = line;
  r.format = line ? "jsonl" : "json";
  std::string date;
  for (const RecordField& f : record_fields()) {
    if (!f.input) continue;
    if (f.kind == RecordFieldKind::text) {
      get_text(j, f.name, r.*f.text);
      if ((r.*f.text).empty() && !f.alias.empty()) get_text(j, f.alias, r.*f.text);
    } else if (f.kind == RecordFieldKind::list) {
      get_list(j, f.name, r.*f.list);
      if ((r.*f.list).empty() && !f.alias.empty()) get_list(j, f.alias, r.*f.list);
    } else if (f.kind == RecordFieldKind::date)
      get_text(j, f.name, date);
  }
  // The language of the text (issue 16): "text_language", "language" or "lang".
  if (r.text_language.empty()) get_text(j, "lang", r.text_language);
  if (!r.text_language.empty()) {
    r.text_language_source = "given";
    r.text_language_confidence = 1;
  }
  get_footnotes(j, r.footnotes);
  get_extra(j, r.extra);
  // An original beside its translation (issue 16): "original_text", kept
  // as an extra field (shown, its words indexed) and analysed in the
  // original language too.
  if (auto it = j.find("original_text"); it != j.end() && it->is_string() && !r.original_language.empty())
    r.parts.push_back({r.original_language, it->get<std::string>()});
  DateParse d = parse_date(date);
  r.date = d.date;
  if (!d.error.empty()) {
    diags.push_back(diag(Severity::warning, path, line, d.error + "; kept as text, record indexed without a date"));
  }
  complete_record(r);
  // Annotations and footnotes the keys did not give, from the body (a JSON
  // string: all of it on the record's line).
  if (r.handwritten.empty() && r.footnotes.empty())
    scan_body(r.body, r.handwritten, r.footnotes, TextPlace{path, line, false}, diags);
  if (r.id.empty()) {
    r.id = line ? fmt::format("{}-{}", reader_detail::file_stem(src.name), line) : reader_detail::file_stem(src.name);
  }
  return r;
}

}  // namespace opis

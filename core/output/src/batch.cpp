// Many queries, one open index: requests as JSON objects, answers as the
// JSON of `opis-search --format json`, and the batch loop (batch.h).
#include "opis/output/batch.h"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "opis/base/text.h"
#include "opis/base/untrusted.h"
#include "opis/index/schema.h"
#include "opis/output/printer.h"

namespace opis {

using nlohmann::json;

std::string named_query(const std::string& words, const std::vector<std::string>& persons,
                        const std::vector<std::string>& places) {
  auto quoted = [](const std::string& v) {
    std::string q;
    for (char c : v) q += c == '"' ? ' ' : c;
    return "\"" + q + "\"";
  };
  std::vector<std::string> parts;
  if (!words.empty()) parts.push_back(words);
  for (const auto& p : persons) parts.push_back("person:" + quoted(p));
  for (const auto& p : places) parts.push_back("place:" + quoted(p));
  return join(parts, " ");
}

std::optional<Date> request_date(const std::string& text, std::string_view what) {
  if (text.empty()) return std::nullopt;
  auto d = parse_query_date(text);
  if (!d) {
    throw QueryError(
        fmt::format("{} '{}' is not a date: use YYYY, YYYY-MM, YYYY-MM-DD or 'November 19, 1958'", what, text));
  }
  return d;
}

void check_request(const SearchOptions& opts) {
  if (opts.query.empty() && !opts.query_options.from && !opts.query_options.to && opts.like_id.empty()) {
    throw QueryError("give a query (or --from/--to, --like ID, or --record ID); see --help");
  }
}

const std::vector<std::string>& request_keys() {
  static const std::vector<std::string> keys = {"query",       "person", "place",     "limit", "offset",
                                                "from",        "to",     "date_mode", "sort",  "facets",
                                                "facet_limit", "any",    "suggest",   "like",  "format"};
  return keys;
}

namespace {

// The typed value of one key of a request; QueryError saying what was
// expected otherwise.
std::string string_of(const json& v, const std::string& key) {
  if (!v.is_string()) throw QueryError(fmt::format("'{}' must be a string, not {}", key, v.dump()));
  return v.get<std::string>();
}

unsigned unsigned_of(const json& v, const std::string& key, unsigned max) {
  if (!v.is_number_unsigned() || v.get<std::uint64_t>() > max) {
    throw QueryError(fmt::format("'{}' must be a whole number from 0 to {}, not {}", key, max, v.dump()));
  }
  return static_cast<unsigned>(v.get<std::uint64_t>());
}

bool bool_of(const json& v, const std::string& key) {
  if (!v.is_boolean()) throw QueryError(fmt::format("'{}' must be true or false, not {}", key, v.dump()));
  return v.get<bool>();
}

// A string, or an array of strings.
std::vector<std::string> strings_of(const json& v, const std::string& key) {
  if (v.is_string()) return {v.get<std::string>()};
  std::vector<std::string> out;
  if (v.is_array()) {
    for (const auto& x : v) {
      if (!x.is_string()) break;
      out.push_back(x.get<std::string>());
    }
    if (out.size() == v.size()) return out;
  }
  throw QueryError(fmt::format("'{}' must be a string or an array of strings, not {}", key, v.dump()));
}

// One of `valid`, quoted in the message otherwise.
std::string one_of(const json& v, const std::string& key, const std::vector<std::string>& valid) {
  std::string s = string_of(v, key);
  if (std::find(valid.begin(), valid.end(), s) == valid.end()) {
    throw QueryError(fmt::format("'{}' cannot be '{}'; valid: {}", key, s, join(valid, ", ")));
  }
  return s;
}

std::vector<std::string> facets_of(const json& v) {
  std::vector<std::string> names;
  for (const auto& item : strings_of(v, "facets")) {
    for (const auto& n : split_fields(item, ',')) {
      if (!trim(n).empty()) names.push_back(std::string(trim(n)));
    }
  }
  std::vector<std::string> valid;
  for (const auto& f : facets()) valid.emplace_back(f.name);
  for (const auto& n : names) {
    if (!find_facet(n)) throw QueryError(fmt::format("unknown facet '{}'; valid facets: {}", n, join(valid, ", ")));
  }
  return names;
}

}  // namespace

SearchOptions search_request(const json& request, const SearchOptions& defaults) {
  if (!request.is_object()) throw QueryError("a request must be a JSON object, not " + request.dump());
  SearchOptions opts = defaults;
  std::string words = defaults.query;
  std::vector<std::string> persons, places;
  for (const auto& [key, v] : request.items()) {
    if (key == "query") {
      words = string_of(v, key);
    } else if (key == "person") {
      persons = strings_of(v, key);
    } else if (key == "place") {
      places = strings_of(v, key);
    } else if (key == "limit") {
      opts.limit = unsigned_of(v, key, 100000);
    } else if (key == "offset") {
      opts.offset = unsigned_of(v, key, std::numeric_limits<unsigned>::max() - 200000);
    } else if (key == "facet_limit") {
      opts.facet_limit = std::max(1u, unsigned_of(v, key, 100000));
    } else if (key == "from") {
      opts.query_options.from = request_date(string_of(v, key), "from");
    } else if (key == "to") {
      opts.query_options.to = request_date(string_of(v, key), "to");
    } else if (key == "date_mode") {
      opts.query_options.date_mode =
          one_of(v, key, {"overlap", "within"}) == "within" ? DateMode::within : DateMode::overlap;
    } else if (key == "sort") {
      const std::string s = one_of(v, key, {"relevance", "date", "-date"});
      opts.sort = s == "date" ? SortOrder::date : s == "-date" ? SortOrder::date_desc : SortOrder::relevance;
    } else if (key == "facets") {
      opts.facets = facets_of(v);
    } else if (key == "any") {
      opts.query_options.match_any = bool_of(v, key);
    } else if (key == "suggest") {
      opts.suggest = opts.suggest_always = bool_of(v, key);  // as --suggest, or --no-suggest
    } else if (key == "like") {
      opts.like_id = string_of(v, key);
    } else if (key == "format") {
      one_of(v, key, {"json"});  // answers are JSON lines
    } else {
      throw QueryError(fmt::format("unknown key '{}'; valid keys: {}", key, join(request_keys(), ", ")));
    }
  }
  opts.query = named_query(words, persons, places);
  check_request(opts);
  return opts;
}

json answer_json(Searcher& searcher, const SearchOptions& opts) { return results_to_json(searcher.search(opts)); }

json error_json(std::string_view kind, const std::string& message, std::size_t line, const std::string& query) {
  json j = json::object();
  if (line) j["line"] = line;
  if (!query.empty()) j["query"] = query;
  j["error"] = {{"kind", kind}, {"message", message}};
  return j;
}

BatchCounts run_batch(Searcher& searcher, std::istream& in, const std::string& name, const SearchOptions& defaults,
                      std::ostream& out, std::ostream& err) {
  BatchCounts counts;
  std::string text;
  for (std::size_t line = 1; std::getline(in, text); ++line) {
    if (!text.empty() && text.back() == '\r') text.pop_back();  // a file written on Windows
    const std::string_view trimmed = trim(text);
    if (trimmed.empty() || trimmed.front() == '#') continue;
    std::string query(trimmed);
    json answer;
    // The request's phase names the kind of a failure: reading the line,
    // its options, then the search.
    std::string_view kind = "json";
    try {
      SearchOptions opts = defaults;
      if (trimmed.front() == '{') {
        const json request = json::parse(trimmed);
        kind = "option";
        if (request.contains("query") && request["query"].is_string()) query = request["query"].get<std::string>();
        opts = search_request(request, defaults);
      } else {
        kind = "option";
        opts.query = query;
        check_request(opts);
      }
      kind = "query";
      answer = answer_json(searcher, opts);
      ++counts.answered;
    } catch (const json::exception& e) {
      answer = error_json(kind, std::string("not a JSON object: ") + e.what(), line, query);
    } catch (const QueryError& e) {
      answer = error_json(kind, e.what(), line, query);
    } catch (const Xapian::Error& e) {
      answer = error_json("index", e.get_type() + std::string(": ") + e.get_msg(), line, query);
    }
    if (answer.contains("error")) {
      ++counts.failed;
      err << fmt::format("{}:{}: error: {}; answered with an error object, the batch goes on\n", terminal_safe(name),
                         line, terminal_safe(answer["error"]["message"].get<std::string>()));
    }
    out << json_text(answer, -1) << '\n';
    out.flush();
    if (!out) break;  // a closed pipe (... | head): no one reads the answers
  }
  return counts;
}

}  // namespace opis

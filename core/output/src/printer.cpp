// Printers: text for people (colour on a terminal), JSON for scripts.
#include "opis/output/printer.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "opis/base/text.h"

namespace opis {

using nlohmann::json;

namespace {

constexpr const char* kBold = "\x1b[1m";
constexpr const char* kMatch = "\x1b[1;31m";
constexpr const char* kDim = "\x1b[2m";
constexpr const char* kReset = "\x1b[0m";

std::string highlighted(const Hit& h, bool color) {
  if (!color) return h.snippet;
  std::string out;
  std::size_t pos = 0;
  for (const auto& hl : h.highlights) {
    out.append(h.snippet, pos, hl.offset - pos);
    out += kMatch;
    out.append(h.snippet, hl.offset, hl.length);
    out += kReset;
    pos = hl.offset + hl.length;
  }
  out.append(h.snippet, pos, std::string::npos);
  return out;
}

std::string date_column(const Record& r) {
  // At its precision, with its qualifiers: "1958-11", "c. 1961", "[1958]".
  if (r.date.known()) return r.date.display();
  return r.date.text.empty() ? "undated" : r.date.text;
}

class TextPrinter : public Printer {
 public:
  explicit TextPrinter(bool color) : m_color(color) {}

  void results(const SearchResult& r, std::ostream& out) override {
    if (r.hits.empty()) {
      if (r.total == 0) {
        out << fmt::format("No records match '{}'.\n", r.query);
        research_lines(r, out);
      } else {
        // --limit 0 (counts and facets only), or an offset past the end.
        out << fmt::format("{}{} record{} for '{}', none shown at offset {}.\n", r.total_exact ? "" : "about ", r.total,
                           r.total == 1 ? "" : "s", r.query, r.offset);
      }
      facets(r, out);
      return;
    }
    out << fmt::format("{}{} record{}{} for '{}', showing {}-{}:\n", r.total_exact ? "" : "about ", r.total,
                       r.total == 1 ? "" : "s", "", r.query, r.offset + 1, r.offset + r.hits.size());
    research_lines(r, out);
    for (const Hit& h : r.hits) {
      const Record& rec = h.record;
      out << '\n';
      std::string title = rec.title.empty() ? rec.id : rec.title;
      out << fmt::format("{:>3}. {:<10}  {}{}{}\n", h.rank, date_column(rec), m_color ? kBold : "", title,
                         m_color ? kReset : "");
      std::string meta = "id " + rec.id;
      if (!rec.reference.empty())
        meta += " · " + rec.reference;
      else if (!rec.archive.empty())
        meta += " · " + rec.archive;
      if (!rec.original_language.empty()) meta += " · " + rec.original_language;
      meta += fmt::format(" · score {:.2f}", h.score);
      out << fmt::format("     {}{}{}\n", m_color ? kDim : "", meta, m_color ? kReset : "");
      if (!h.snippet.empty()) out << "     " << highlighted(h, m_color) << '\n';
      for (const auto& w : h.why) out << "     why: " << w << '\n';
    }
    facets(r, out);
  }

  // "Did you mean" and --like's terms, under the first line.
  void research_lines(const SearchResult& r, std::ostream& out) {
    if (!r.suggestion.empty()) out << fmt::format("Did you mean: {}?\n", r.suggestion);
    if (!r.similar_terms.empty()) out << "Similar by: " << join(r.similar_terms, ", ") << '\n';
  }

  void facets(const SearchResult& r, std::ostream& out) {
    for (const auto& f : r.facets) {
      out << fmt::format("\n{}Facet {}:{}\n", m_color ? kBold : "", f.name, m_color ? kReset : "");
      if (f.values.empty()) out << "  (none)\n";
      for (const auto& v : f.values) out << fmt::format("  {:>5}  {}\n", v.count, v.label);
    }
  }

  void register_list(const std::vector<RegisterEntry>& entries, EntityKind kind, std::ostream& out) override {
    if (entries.empty()) {
      out << fmt::format("No {} in the register.\n", kind == EntityKind::person ? "persons" : "places");
      return;
    }
    for (const auto& e : entries) {
      out << fmt::format("{}{}{}  ({} record{}, {} mention{})\n", m_color ? kBold : "", e.name, m_color ? kReset : "",
                         e.records, e.records == 1 ? "" : "s", e.mentions, e.mentions == 1 ? "" : "s");
      if (!e.variants.empty()) out << "    variants: " << join(e.variants, "; ") << '\n';
      out << "    records: " << join(e.ids, ", ") << '\n';
    }
  }

  void shard_status(const std::vector<ShardStatus>& shards, std::ostream& out) override {
    for (std::size_t k = 0; k < shards.size(); ++k) {
      const auto& s = shards[k];
      if (s.ok) {
        out << fmt::format("shard {}  {}  ok  {} records  {:.1f} ms\n", k, s.entry.describe(), s.records,
                           s.milliseconds);
      } else {
        out << fmt::format("shard {}  {}  DOWN  {}\n", k, s.entry.describe(), s.error);
      }
    }
  }

  void record(const Record& r, std::ostream& out) override {
    auto field = [&](std::string_view label, const std::string& value) {
      if (value.empty()) return;
      out << fmt::format("{}{}:{} {}\n", m_color ? kBold : "", label, m_color ? kReset : "", value);
    };
    field("Id", r.id);
    std::string date_notes;
    if (r.date.uncertain()) date_notes += fmt::format("; {}", qualifier_name(r.date.qualifier));
    if (r.date.supplied) date_notes += "; supplied by the editor";
    if (r.date.known() && (r.date.interval_start() != r.date.start || r.date.interval_end() != r.date.end)) {
      date_notes += fmt::format("; searched as {}..{}", r.date.interval_start().iso(DatePrecision::day),
                                r.date.interval_end().iso(DatePrecision::day));
    }
    if (r.date.known() && r.date.edtf() != r.date.iso()) date_notes += "; EDTF " + r.date.edtf();
    std::string date = r.date.known()        ? fmt::format("{} ({} precision{}; written '{}')", r.date.display(),
                                                           precision_name(r.date.precision), date_notes, r.date.text)
                       : r.date.text.empty() ? "undated"
                       : parse_date(r.date.text).error.empty() ? "undated (written '" + r.date.text + "')"
                                                               : "'" + r.date.text + "' (not understood)";
    field("Date", date);
    field("Title", r.title);
    field("Archive", r.archive);
    field("Reference", r.reference);
    field("Repository", r.repository);
    field("Contributors", join(r.contributors, ", "));
    field("Translators", join(r.translators, ", "));
    field("Transcribers", join(r.transcribers, ", "));
    field("Editors", join(r.editors, ", "));
    field("URL", r.url);
    for (const auto& c : r.cites) field("Cites", c);
    field("Original language", r.original_language);
    field("Translation", r.translation_language);
    field("Funder", r.funder);
    field("Source", r.source_line ? fmt::format("{}:{}", r.source, r.source_line) : r.source);
    field("Citation", r.citation);
    field("Summary", r.summary);
    field("Credits", r.credits);
    for (const auto& [k, v] : r.extra) field(k, v);
    for (std::size_t i = 0; i < r.handwritten.size(); ++i)
      field(fmt::format("Handwritten {}", i + 1), r.handwritten[i]);
    for (const auto& f : r.footnotes) field(fmt::format("Footnote [{}]", f.label), f.text);
    for (const auto& p : r.persons) {
      std::string v = p.role;
      if (p.mentions) v += fmt::format(", {} mention{}", p.mentions, p.mentions == 1 ? "" : "s");
      if (!p.forms.empty()) v += ": " + join(p.forms, "; ");
      if (!p.aliases.empty()) v += " (authority: " + join(p.aliases, "; ") + ")";
      field("Person " + p.name, v);
    }
    for (const auto& p : r.places) {
      std::string v = p.kind;
      if (!p.country.empty() && p.country != p.name) v += " in " + p.country;
      v += fmt::format(", {} mention{}", p.mentions, p.mentions == 1 ? "" : "s");
      if (!p.forms.empty()) v += ": " + join(p.forms, "; ");
      field("Place " + p.name, v);
    }
    if (!r.body.empty()) out << '\n' << r.body << '\n';
  }

 private:
  bool m_color;
};

class JsonPrinter : public Printer {
 public:
  void results(const SearchResult& r, std::ostream& out) override {
    json j;
    j["query"] = r.query;
    j["total"] = r.total;
    j["total_exact"] = r.total_exact;
    j["offset"] = r.offset;
    if (!r.suggestion.empty()) j["suggestion"] = r.suggestion;
    if (!r.similar_terms.empty()) j["similar_terms"] = r.similar_terms;
    if (r.shards > 1) {
      j["shards"] = r.shards;
      j["partial"] = !r.missing_shards.empty();
      j["missing_shards"] = r.missing_shards;
    }
    json results = json::array();
    for (const Hit& h : r.hits) results.push_back(hit_to_json(h));
    j["results"] = results;
    if (!r.facets.empty()) {
      json f = json::object();
      for (const auto& fr : r.facets) {
        json values = json::array();
        for (const auto& v : fr.values) values.push_back({{"value", v.label}, {"count", v.count}});
        f[fr.name] = values;
      }
      j["facets"] = f;
    }
    out << j.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
  }
  void register_list(const std::vector<RegisterEntry>& entries, EntityKind kind, std::ostream& out) override {
    json a = json::array();
    for (const auto& e : entries) {
      a.push_back({{"name", e.name},
                   {"variants", e.variants},
                   {"records", e.records},
                   {"mentions", e.mentions},
                   {"ids", e.ids}});
    }
    out << json{{kind == EntityKind::person ? "persons" : "places", a}}.dump(2, ' ', false,
                                                                             json::error_handler_t::replace)
        << '\n';
  }
  void shard_status(const std::vector<ShardStatus>& shards, std::ostream& out) override {
    json j = json::array();
    for (std::size_t k = 0; k < shards.size(); ++k) {
      const auto& s = shards[k];
      j.push_back({{"shard", k},
                   {"where", s.entry.describe()},
                   {"ok", s.ok},
                   {"records", s.records},
                   {"milliseconds", s.milliseconds},
                   {"error", s.error}});
    }
    out << j.dump(2) << '\n';
  }
  void record(const Record& r, std::ostream& out) override {
    out << to_json(r).dump(2, ' ', false, json::error_handler_t::replace) << '\n';
  }
};

}  // namespace

std::string explanation_text(const SearchResult& r, bool always_heading) {
  std::string out = "Parsed query: " + r.parsed + '\n';
  if (always_heading || !r.explanation.empty()) out += "Understood as:\n" + r.explanation;
  return out;
}

json hit_to_json(const Hit& h) {
  const Record& r = h.record;
  json hl = json::array();
  for (const auto& x : h.highlights) hl.push_back({x.offset, x.length});
  json j{{"rank", h.rank},
         {"id", r.id},
         {"title", r.title},
         {"date", r.date.iso()},
         {"date_text", r.date.text},
         {"date_precision", precision_name(r.date.precision)},
         {"date_uncertain", r.date.uncertain()},
         {"date_supplied", r.date.supplied},
         {"date_edtf", r.date.edtf()},
         {"archive", r.archive},
         {"reference", r.reference},
         {"repository", r.repository},
         {"contributors", r.contributors},
         {"translators", r.translators},
         {"editors", r.editors},
         {"language", r.original_language},
         {"url", r.url},
         {"cites", r.cites},
         {"score", h.score},
         {"snippet", h.snippet},
         {"highlights", hl}};
  if (!h.why.empty()) j["why"] = h.why;
  return j;
}

std::unique_ptr<Printer> make_printer(OutputFormat f, bool color) {
  if (f == OutputFormat::json) return std::make_unique<JsonPrinter>();
  return std::make_unique<TextPrinter>(color);
}

}  // namespace opis

// Printers: text for people (colour on a terminal), JSON for scripts.
//
// Record text is untrusted (issue 14): the text printer passes each value
// through terminal_safe() as it formats it (TextLayout::line for what must
// stay on its line, block for --record values and the body), then what it
// wrote through terminal_output(), which lets only our own colours through.
// The JSON printer writes json_text(): controls as \u escapes.
#include "opis/output/printer.h"

#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "opis/base/text.h"
#include "opis/base/untrusted.h"

namespace opis {

using nlohmann::json;

namespace {

constexpr std::string_view kBold = sgr::bold;
constexpr std::string_view kMatch = sgr::match;
constexpr std::string_view kDim = sgr::dim;
constexpr std::string_view kReset = sgr::reset;

// Untrusted text on one line, and as lines (untrusted.h).
std::string line(std::string_view s) { return terminal_safe(s); }
std::string block(std::string_view s) { return terminal_safe(s, TextLayout::block); }
std::string lines(const std::vector<std::string>& items, std::string_view sep) { return line(join(items, sep)); }

// The snippet on one line, its matches in our colour: each piece made safe
// on its own, so that the highlights' offsets still apply.
std::string highlighted(const Hit& h, bool color) {
  if (!color) return line(h.snippet);
  std::string out;
  std::size_t pos = 0;
  const std::string_view snippet = h.snippet;
  for (const auto& hl : h.highlights) {
    out += line(snippet.substr(pos, hl.offset - pos));
    out += kMatch;
    out += line(snippet.substr(hl.offset, hl.length));
    out += kReset;
    pos = hl.offset + hl.length;
  }
  out += line(snippet.substr(pos));
  return out;
}

std::string date_column(const Record& r) {
  // At its precision, with its qualifiers: "1958-11", "c. 1961", "[1958]".
  if (r.date.known()) return r.date.display();
  return r.date.text.empty() ? "undated" : line(r.date.text);
}

class TextPrinter : public Printer {
 public:
  explicit TextPrinter(bool color) : m_color(color) {}

  void results(const SearchResult& r, std::ostream& to) override {
    std::ostringstream out;
    results_to(r, out);
    to << terminal_output(out.str(), m_color);
  }
  void register_list(const std::vector<RegisterEntry>& entries, EntityKind kind, std::ostream& to) override {
    std::ostringstream out;
    register_to(entries, kind, out);
    to << terminal_output(out.str(), m_color);
  }
  void shard_status(const std::vector<ShardStatus>& shards, std::ostream& to) override {
    std::ostringstream out;
    shards_to(shards, out);
    to << terminal_output(out.str(), m_color);
  }
  void record(const Record& r, std::ostream& to) override {
    std::ostringstream out;
    record_to(r, out);
    to << terminal_output(out.str(), m_color);
  }

 private:
  void results_to(const SearchResult& r, std::ostream& out) {
    if (r.hits.empty()) {
      if (r.total == 0) {
        out << fmt::format("No records match '{}'.\n", line(r.query));
        research_lines(r, out);
      } else {
        // --limit 0 (counts and facets only), or an offset past the end.
        out << fmt::format("{}{} record{} for '{}', none shown at offset {}.\n", r.total_exact ? "" : "about ", r.total,
                           r.total == 1 ? "" : "s", line(r.query), r.offset);
      }
      facets(r, out);
      return;
    }
    out << fmt::format("{}{} record{}{} for '{}', showing {}-{}:\n", r.total_exact ? "" : "about ", r.total,
                       r.total == 1 ? "" : "s", "", line(r.query), r.offset + 1, r.offset + r.hits.size());
    research_lines(r, out);
    for (const Hit& h : r.hits) {
      const Record& rec = h.record;
      out << '\n';
      std::string title = line(rec.title.empty() ? rec.id : rec.title);
      out << fmt::format("{:>3}. {:<10}  {}{}{}\n", h.rank, date_column(rec), m_color ? kBold : "", title,
                         m_color ? kReset : "");
      std::string meta = "id " + line(rec.id);
      if (!rec.reference.empty())
        meta += " · " + line(rec.reference);
      else if (!rec.archive.empty())
        meta += " · " + line(rec.archive);
      if (!rec.original_language.empty()) meta += " · " + line(rec.original_language);
      meta += fmt::format(" · score {:.2f}", h.score);
      out << fmt::format("     {}{}{}\n", m_color ? kDim : "", meta, m_color ? kReset : "");
      if (!h.snippet.empty()) out << "     " << highlighted(h, m_color) << '\n';
      for (const auto& w : h.why) out << "     why: " << line(w) << '\n';
    }
    facets(r, out);
  }

  // "Did you mean" and --like's terms, under the first line.
  void research_lines(const SearchResult& r, std::ostream& out) {
    if (!r.suggestion.empty()) out << fmt::format("Did you mean: {}?\n", line(r.suggestion));
    if (!r.similar_terms.empty()) out << "Similar by: " << lines(r.similar_terms, ", ") << '\n';
  }

  void facets(const SearchResult& r, std::ostream& out) {
    for (const auto& f : r.facets) {
      out << fmt::format("\n{}Facet {}:{}\n", m_color ? kBold : "", line(f.name), m_color ? kReset : "");
      if (f.values.empty()) out << "  (none)\n";
      for (const auto& v : f.values) out << fmt::format("  {:>5}  {}\n", v.count, line(v.label));
    }
  }

  void register_to(const std::vector<RegisterEntry>& entries, EntityKind kind, std::ostream& out) {
    if (entries.empty()) {
      out << fmt::format("No {} in the register.\n", kind == EntityKind::person ? "persons" : "places");
      return;
    }
    for (const auto& e : entries) {
      out << fmt::format("{}{}{}  ({} record{}, {} mention{})\n", m_color ? kBold : "", line(e.name),
                         m_color ? kReset : "", e.records, e.records == 1 ? "" : "s", e.mentions,
                         e.mentions == 1 ? "" : "s");
      if (!e.variants.empty()) out << "    variants: " << lines(e.variants, "; ") << '\n';
      out << "    records: " << lines(e.ids, ", ") << '\n';
    }
  }

  void shards_to(const std::vector<ShardStatus>& shards, std::ostream& out) {
    for (std::size_t k = 0; k < shards.size(); ++k) {
      const auto& s = shards[k];
      if (s.ok) {
        out << fmt::format("shard {}  {}  ok  {} records  {:.1f} ms\n", k, line(s.entry.describe()), s.records,
                           s.milliseconds);
      } else {
        out << fmt::format("shard {}  {}  DOWN  {}\n", k, line(s.entry.describe()), line(s.error));
      }
    }
  }

  // Every label that holds record text (an extra field's key, a person's
  // name) is made safe on its line; so is every value of one line (an id, a
  // title, a URL: a newline in it would forge a line of its own, "URL: ..."),
  // and texts (summary, citation, notes, extra fields) keep their lines.
  void record_to(const Record& r, std::ostream& out) {
    auto put = [&](std::string_view label, const std::string& value, TextLayout layout) {
      if (value.empty()) return;
      out << fmt::format("{}{}:{} {}\n", m_color ? kBold : "", line(label), m_color ? kReset : "",
                         layout == TextLayout::line ? line(value) : block(value));
    };
    auto field = [&](std::string_view label, const std::string& value) { put(label, value, TextLayout::line); };
    auto text = [&](std::string_view label, const std::string& value) { put(label, value, TextLayout::block); };
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
    field("Series", r.series);
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
    if (!r.text_language_source.empty()) {
      // Issue 16: the language the text was analysed in, and how it was known.
      std::string how = r.text_language_source;
      if (how == "identified") how += fmt::format(", confidence {:.2f}", r.text_language_confidence);
      field("Text language", r.text_language.empty() ? how : r.text_language + " (" + how + ")");
    }
    field("Funder", r.funder);
    field("Source", r.source_line ? fmt::format("{}:{}", r.source, r.source_line) : r.source);
    text("Citation", r.citation);
    text("Summary", r.summary);
    text("Credits", r.credits);
    for (const auto& [k, v] : r.extra) text(k, v);
    for (std::size_t i = 0; i < r.handwritten.size(); ++i) text(fmt::format("Handwritten {}", i + 1), r.handwritten[i]);
    for (const auto& f : r.footnotes) text(fmt::format("Footnote [{}]", f.label), f.text);
    for (const auto& p : r.persons) {
      std::string v = p.role;
      if (p.mentions) v += fmt::format(", {} mention{}", p.mentions, p.mentions == 1 ? "" : "s");
      if (!p.forms.empty()) v += ": " + join(p.forms, "; ");
      if (!p.aliases.empty()) v += " (authority: " + join(p.aliases, "; ") + ")";
      if (!p.dates.empty()) v += " [" + p.dates + "]";
      if (!p.ids.empty()) v += " {" + join(p.ids, ", ") + "}";
      if (p.tagged) v += " (tagged)";
      field("Person " + p.name, v);
    }
    for (const auto& p : r.places) {
      std::string v = p.kind;
      if (!p.country.empty() && p.country != p.name) v += " in " + p.country;
      v += fmt::format(", {} mention{}", p.mentions, p.mentions == 1 ? "" : "s");
      if (!p.forms.empty()) v += ": " + join(p.forms, "; ");
      if (!p.aliases.empty()) v += " (register: " + join(p.aliases, "; ") + ")";
      if (!p.ids.empty()) v += " {" + join(p.ids, ", ") + "}";
      if (p.tagged) v += " (tagged)";
      field("Place " + p.name, v);
    }
    if (!r.body.empty()) out << '\n' << block(r.body) << '\n';
  }

  bool m_color;
};

class JsonPrinter : public Printer {
 public:
  void results(const SearchResult& r, std::ostream& out) override { out << json_text(results_to_json(r)) << '\n'; }
  void register_list(const std::vector<RegisterEntry>& entries, EntityKind kind, std::ostream& out) override {
    json a = json::array();
    for (const auto& e : entries) {
      a.push_back({{"name", e.name},
                   {"variants", e.variants},
                   {"records", e.records},
                   {"mentions", e.mentions},
                   {"ids", e.ids}});
    }
    out << json_text(json{{kind == EntityKind::person ? "persons" : "places", a}}) << '\n';
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
    out << json_text(j) << '\n';
  }
  void record(const Record& r, std::ostream& out) override { out << json_text(to_json(r)) << '\n'; }
};

}  // namespace

std::string explanation_text(const SearchResult& r, bool always_heading) {
  // The query's words and the index's terms (wildcard expansions, name
  // variants) are untrusted; the explanation's lines are ours.
  std::string out = "Parsed query: " + line(r.parsed) + '\n';
  if (always_heading || !r.explanation.empty()) out += "Understood as:\n" + block(r.explanation);
  return out;
}

json results_to_json(const SearchResult& r) {
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
  return j;
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
         {"text_language", r.text_language},
         {"text_language_source", r.text_language_source},
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

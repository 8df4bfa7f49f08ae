// HTML pages of the reading room (html.h). Everything a record holds is
// escaped where it is written: html_text() in content, html_attr() in
// attributes, url_component() inside links we build, safe_href() for the
// record's own addresses. No inline script, style attribute or event
// handler is ever written (the server's CSP forbids them anyway); the
// histogram's bars are SVG presentation attributes, which CSP allows.
#include "opis/output/html.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "opis/base/text.h"
#include "opis/base/untrusted.h"
#include "opis/version.h"

namespace opis {

// --- Escaping ----------------------------------------------------------------

namespace {

std::string escape_markup(std::string_view s, bool attr) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\n': out += attr ? "&#10;" : "\n"; break;
      case '\t': out += attr ? "&#9;" : "\t"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string html_text(std::string_view s) { return escape_markup(terminal_safe(s, TextLayout::block), false); }

std::string html_attr(std::string_view s) { return escape_markup(terminal_safe(s, TextLayout::block), true); }

std::string url_component(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string safe_href(std::string_view url) {
  // Only what is plainly a web address: the scheme checked on the exact
  // bytes (no leading space, no control character or space anywhere that a
  // browser would strip before reading the scheme), then escaped.
  if (!starts_with_icase(url, "http://") && !starts_with_icase(url, "https://")) return "";
  for (unsigned char c : url) {
    if (c <= 0x20 || c == 0x7f) return "";
  }
  if (terminal_safe(url) != url) return "";  // C1 controls, bidi overrides, invalid UTF-8
  return html_attr(url);
}

// --- The search page's request -------------------------------------------------

namespace {

constexpr std::string_view kFilterFacets[] = {"person", "place", "year", "lang", "archive"};

std::string facet_title(std::string_view facet) {
  if (facet == "person") return "Persons";
  if (facet == "place") return "Places";
  if (facet == "year") return "Years";
  if (facet == "lang") return "Languages";
  if (facet == "archive") return "Archives";
  return std::string(facet);
}

std::string unquoted(std::string_view v) {
  std::string s(v);
  std::replace(s.begin(), s.end(), '"', ' ');
  return trim_copy(s);
}

}  // namespace

std::optional<HtmlFilter> parse_filter(std::string_view f) {
  auto colon = f.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  HtmlFilter h{std::string(f.substr(0, colon)), trim_copy(f.substr(colon + 1))};
  if (h.value.empty() ||
      std::find(std::begin(kFilterFacets), std::end(kFilterFacets), h.facet) == std::end(kFilterFacets))
    return std::nullopt;
  if (h.facet == "year" && (h.value.size() > 6 || !std::all_of(h.value.begin(), h.value.end(), [](char c) {
                              return (c >= '0' && c <= '9') || c == '-';
                            })))
    return std::nullopt;
  return h;
}

std::string filter_param(const HtmlFilter& f) { return f.facet + ":" + f.value; }

std::string filter_clause(const HtmlFilter& f) {
  if (f.facet == "year") return "date:" + f.value;
  return f.facet + ":\"" + unquoted(f.value) + "\"";
}

std::string filtered_query(std::string_view q, const std::vector<HtmlFilter>& filters) {
  std::vector<std::string> parts;
  std::string typed = trim_copy(q);
  if (!typed.empty()) parts.push_back(filters.empty() ? typed : "(" + typed + ")");
  for (const auto& f : filters) parts.push_back(filter_clause(f));
  return join(parts, " ");
}

std::string search_params(const SearchRequest& r, unsigned page) {
  std::string s = "q=" + url_component(r.q);
  for (const auto& f : r.filters) s += "&f=" + url_component(filter_param(f));
  if (r.sort != "relevance") s += "&sort=" + url_component(r.sort);
  if (!r.from.empty()) s += "&from=" + url_component(r.from);
  if (!r.to.empty()) s += "&to=" + url_component(r.to);
  if (r.page_size != 20) s += fmt::format("&n={}", r.page_size);
  if (page > 1) s += fmt::format("&page={}", page);
  return s;
}

// --- Page frame ----------------------------------------------------------------

namespace {

// The search page's address for `r` at `page`, attribute-escaped.
std::string search_href(const SearchRequest& r, unsigned page = 1) {
  return html_attr("/search?" + search_params(r, page));
}

// A search for one facet value alone (from a record or a register).
std::string facet_search_href(std::string_view facet, std::string_view value) {
  return html_attr("/search?q=&f=" + url_component(std::string(facet) + ":" + std::string(value)));
}

std::string record_href(std::string_view id, std::string_view q = {}) {
  std::string u = "/record?id=" + url_component(id);
  if (!q.empty()) u += "&q=" + url_component(q);
  return html_attr(u);
}

void page_start(std::string& out, std::string_view title, std::string_view current) {
  auto nav = [&](std::string_view href, std::string_view label) {
    out +=
        fmt::format("<li><a href=\"{}\"{}>{}</a></li>", href, current == label ? " aria-current=\"page\"" : "", label);
  };
  out +=
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += fmt::format("<title>{} · Opis</title>\n", html_text(title));
  out +=
      "<link rel=\"stylesheet\" href=\"/assets/opis.css\">\n<link rel=\"icon\" href=\"/favicon.svg\">\n"
      "<script src=\"/assets/opis.js\" defer></script>\n</head>\n<body>\n"
      "<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
      "<header><nav aria-label=\"Main\"><span class=\"brand\">Opis</span><ul>";
  nav("/search", "Search");
  nav("/persons", "Persons");
  nav("/places", "Places");
  out += "</ul></nav></header>\n<main id=\"main\">\n";
}

void page_end(std::string& out) {
  out += "</main>\n<footer><p>Opis " OPIS_VERSION
         " · offline reading room · <a href=\"/api\">JSON API</a></p></footer>\n</body>\n</html>\n";
}

// `text` with the byte spans `hl` (in order, not overlapping) in <mark>.
std::string marked(std::string_view text, const std::vector<Highlight>& hl) {
  std::string out;
  std::size_t pos = 0;
  for (const auto& h : hl) {
    if (h.offset < pos || h.offset + h.length > text.size()) continue;
    out += html_text(text.substr(pos, h.offset - pos));
    out += "<mark>" + html_text(text.substr(h.offset, h.length)) + "</mark>";
    pos = h.offset + h.length;
  }
  out += html_text(text.substr(pos));
  return out;
}

std::string date_html(const Date& d) {
  std::string shown = !d.text.empty() ? d.text : d.known() ? d.display() : "undated";
  if (!d.known()) return "<span class=\"date\">" + html_text(shown) + "</span>";
  return fmt::format("<time class=\"date\" datetime=\"{}\">{}</time>", html_attr(d.iso()), html_text(shown));
}

std::string plural(unsigned long n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

constexpr std::string_view kSyntaxHelp =
    "<details class=\"help\"><summary>Query syntax</summary><ul>"
    "<li><code>word word</code>: all words; <code>\"exact phrase\"</code>; <code>AND</code>, <code>OR</code>, "
    "<code>NOT</code>, <code>(groups)</code>, <code>-excluded</code></li>"
    "<li><code>Khrush*</code> wildcard; <code>A NEAR/5 B</code>, <code>A ADJ/3 B</code> proximity</li>"
    "<li><code>person:Khrushchev</code> any spelling; <code>place:Leningrad</code> any name of a place</li>"
    "<li><code>date:1958..1960</code>, <code>date:1958-11</code>, <code>date:undated</code>; "
    "<code>translator:Greenfield</code>, <code>ref:RGANI</code>, <code>lang:russian</code>, "
    "<code>fond:52 delo:566</code></li></ul></details>\n";

// The form: the words, the filters kept as hidden fields, dates and order.
void search_form(std::string& out, const SearchRequest& req, std::string_view action) {
  out += fmt::format("<form class=\"search\" role=\"search\" action=\"{}\" method=\"get\">\n", action);
  out += fmt::format(
      "<label for=\"q\">Search the records</label>\n<div class=\"row\"><input id=\"q\" name=\"q\" type=\"search\" "
      "value=\"{}\" maxlength=\"1000\" autocomplete=\"off\"><button type=\"submit\">Search</button></div>\n",
      html_attr(req.q));
  for (const auto& f : req.filters)
    out += fmt::format("<input type=\"hidden\" name=\"f\" value=\"{}\">\n", html_attr(filter_param(f)));
  if (action == "/search") {
    out += "<div class=\"row options\">";
    out += fmt::format("<label>From <input name=\"from\" value=\"{}\" size=\"10\" placeholder=\"1958\"></label>",
                       html_attr(req.from));
    out += fmt::format("<label>To <input name=\"to\" value=\"{}\" size=\"10\" placeholder=\"1962-05\"></label>",
                       html_attr(req.to));
    out += "<label>Order <select name=\"sort\" data-autosubmit>";
    for (auto [v, label] :
         {std::pair{"relevance", "relevance"}, {"date", "date, oldest first"}, {"-date", "date, newest first"}}) {
      out += fmt::format("<option value=\"{}\"{}>{}</option>", v, req.sort == v ? " selected" : "", label);
    }
    out += "</select></label>";
    out += "<label>Per page <select name=\"n\" data-autosubmit>";
    for (unsigned n : {10u, 20u, 50u, 100u})
      out += fmt::format("<option{}>{}</option>", req.page_size == n ? " selected" : "", n);
    out += "</select></label></div>\n";
  }
  out += kSyntaxHelp;
  out += "</form>\n";
}

// The chosen filters, each a link that removes it.
void active_filters(std::string& out, const SearchRequest& req) {
  if (req.filters.empty()) return;
  out += "<ul class=\"filters\" aria-label=\"Active filters\">";
  for (std::size_t i = 0; i < req.filters.size(); ++i) {
    SearchRequest less = req;
    less.filters.erase(less.filters.begin() + static_cast<std::ptrdiff_t>(i));
    const auto& f = req.filters[i];
    out += fmt::format(
        "<li><a class=\"filter\" href=\"{}\" aria-label=\"Remove filter {}: {}\">{}: {} <span "
        "aria-hidden=\"true\">×</span></a></li>",
        search_href(less), html_attr(f.facet), html_attr(f.value), html_text(f.facet), html_text(f.value));
  }
  out += "</ul>\n";
}

std::vector<FacetCount> years_in_order(const FacetResult& f) {
  std::vector<FacetCount> v = f.values;
  std::sort(v.begin(), v.end(), [](const FacetCount& a, const FacetCount& b) { return a.label < b.label; });
  return v;
}

// The years of a facet as a continuous axis: the years between the first
// and the last with no record get a bar of 0 (when all are 4-digit years
// and the span is at most 300 years; else only the years present).
std::vector<FacetCount> year_axis(const FacetResult& f) {
  auto v = years_in_order(f);
  auto year = [](const std::string& s) {
    return s.size() == 4 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }) ? std::stoi(s)
                                                                                                         : -1;
  };
  if (v.empty() || std::any_of(v.begin(), v.end(), [&](const FacetCount& c) { return year(c.label) < 0; })) return v;
  const int first = year(v.front().label), last = year(v.back().label);
  if (last - first > 300) return v;
  std::vector<FacetCount> axis;
  std::size_t k = 0;
  for (int y = first; y <= last; ++y) {
    if (k < v.size() && year(v[k].label) == y)
      axis.push_back(v[k++]);
    else
      axis.push_back({std::to_string(y), 0});
  }
  return axis;
}

// The year histogram: an SVG bar per year, each a link narrowing to it.
void histogram(std::string& out, const SearchRequest& req, const FacetResult& years) {
  auto v = year_axis(years);
  if (v.size() < 2) return;
  Xapian::doccount most = 1;
  for (const auto& c : v) most = std::max(most, c.count);
  const double width = 600, height = 80, bar = width / v.size();
  out += "<figure class=\"histogram\"><figcaption>Records by year (select a bar to narrow)</figcaption>\n";
  out += fmt::format("<svg viewBox=\"0 0 {} {}\" role=\"group\" aria-label=\"Records by year\">", width, height + 14);
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i].count == 0) continue;  // a year without records: a gap
    SearchRequest more = req;
    more.filters.push_back({"year", v[i].label});
    double h = std::max(2.0, height * v[i].count / most);
    out += fmt::format(
        "<a href=\"{}\"><rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\"><title>{}: "
        "{}</title></rect></a>",
        search_href(more), i * bar + bar * 0.1, height - h, bar * 0.8, h, html_text(v[i].label),
        plural(v[i].count, "record", "records"));
  }
  out += fmt::format("<text x=\"0\" y=\"{}\">{}</text><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
                     height + 12, html_text(v.front().label), width, height + 12, html_text(v.back().label));
  out += "</svg></figure>\n";
}

void facet_lists(std::string& out, const SearchRequest& req, const SearchResult& res) {
  out += "<aside class=\"facets\" aria-label=\"Filters\">\n<h2>Narrow</h2>\n";
  for (const auto& f : res.facets) {
    if (f.values.empty()) continue;
    auto values = f.name == "year" ? years_in_order(f) : f.values;
    out += fmt::format("<section><h3>{}</h3><ul>", facet_title(f.name));
    std::size_t shown = 0;
    for (const auto& v : values) {
      if (f.name != "year" && ++shown > 10) break;
      HtmlFilter hf{f.name, v.label};
      if (std::find(req.filters.begin(), req.filters.end(), hf) != req.filters.end()) continue;
      SearchRequest more = req;
      more.page = 1;
      more.filters.push_back(hf);
      out += fmt::format("<li><a href=\"{}\">{}</a> <span class=\"count\">{}</span></li>", search_href(more),
                         html_text(v.label), v.count);
    }
    out += "</ul></section>\n";
  }
  out += "</aside>\n";
}

void hit_html(std::string& out, const Hit& h, std::string_view q) {
  const Record& r = h.record;
  out += "<li class=\"hit\"><article>";
  out +=
      fmt::format("<h3><a href=\"{}\">{}</a></h3>", record_href(r.id, q), html_text(r.title.empty() ? r.id : r.title));
  out += "<p class=\"meta\">" + date_html(r.date);
  if (!r.reference.empty())
    out += " · <span class=\"ref\">" + html_text(r.reference) + "</span>";
  else if (!r.archive.empty())
    out += " · <span class=\"ref\">" + html_text(r.archive) + "</span>";
  if (!r.original_language.empty()) out += " · <span class=\"lang\">" + html_text(r.original_language) + "</span>";
  out += " · id " + html_text(r.id) + "</p>";
  if (!h.snippet.empty()) out += "<p class=\"snippet\">" + marked(h.snippet, h.highlights) + "</p>";
  out += "</article></li>\n";
}

void paging(std::string& out, const SearchRequest& req, const SearchResult& res) {
  const unsigned pages = static_cast<unsigned>((res.total + req.page_size - 1) / req.page_size);
  if (pages <= 1) return;
  out += "<nav class=\"paging\" aria-label=\"Pages\"><ul>";
  if (req.page > 1)
    out += fmt::format("<li><a href=\"{}\" rel=\"prev\">Previous</a></li>", search_href(req, req.page - 1));
  unsigned lo = req.page > 4 ? req.page - 4 : 1, hi = std::min(pages, lo + 8);
  for (unsigned p = lo; p <= hi; ++p) {
    if (p == req.page)
      out += fmt::format("<li><span aria-current=\"page\">{}</span></li>", p);
    else
      out += fmt::format("<li><a href=\"{}\">{}</a></li>", search_href(req, p), p);
  }
  if (req.page < pages)
    out += fmt::format("<li><a href=\"{}\" rel=\"next\">Next</a></li>", search_href(req, req.page + 1));
  out += "</ul></nav>\n";
}

void downloads(std::string& out, const SearchRequest& req) {
  std::string p = search_params(req, 1);
  out += "<p class=\"downloads\">Every match: ";
  out += fmt::format("<a href=\"{}\">RIS</a> · ", html_attr("/export?format=ris&" + p));
  out += fmt::format("<a href=\"{}\">CSL-JSON</a> · ", html_attr("/export?format=csljson&" + p));
  out += fmt::format("<a href=\"{}\">CSV</a> · ", html_attr("/export?format=csv&" + p));
  out += fmt::format("<a href=\"{}\">concordance</a></p>\n", html_attr("/kwic?" + p));
}

}  // namespace

std::string html_search_page(const SearchRequest& req, const SearchResult* res, std::string_view error,
                             unsigned long records) {
  std::string out;
  std::string query = filtered_query(req.q, req.filters);
  page_start(out, query.empty() ? "Search" : query, "Search");
  out += "<h1>Search</h1>\n";
  search_form(out, req, "/search");
  active_filters(out, req);
  if (!error.empty()) {
    out += "<p class=\"error\" role=\"alert\">" + html_text(error) + "</p>\n";
  } else if (!res) {
    out += fmt::format(
        "<p>{} in the index. Type words, a phrase in quotes, or a field such as "
        "<code>person:Khrushchev</code>.</p>\n",
        plural(records, "record", "records"));
  } else {
    out += "<div class=\"layout\">\n<section class=\"results\" aria-labelledby=\"results-h\">\n";
    if (res->total == 0) {
      out += "<h2 id=\"results-h\">No records match</h2>\n";
    } else {
      out += fmt::format("<h2 id=\"results-h\">{}{}, showing {}–{}</h2>\n", res->total_exact ? "" : "about ",
                         plural(res->total, "record", "records"), res->offset + 1, res->offset + res->hits.size());
    }
    if (!res->suggestion.empty()) {
      SearchRequest s = req;
      s.q = res->suggestion;
      s.page = 1;
      out += fmt::format("<p class=\"suggest\">Did you mean <a href=\"{}\">{}</a>?</p>\n", search_href(s),
                         html_text(res->suggestion));
    }
    for (const auto& f : res->facets)
      if (f.name == "year") histogram(out, req, f);
    if (!res->hits.empty()) {
      out += fmt::format("<ol class=\"hits\" start=\"{}\">\n", res->hits.front().rank);
      for (const Hit& h : res->hits) hit_html(out, h, query);
      out += "</ol>\n";
    }
    paging(out, req, *res);
    if (res->total > 0) downloads(out, req);
    out += "</section>\n";
    facet_lists(out, req, *res);
    out += "</div>\n";
  }
  page_end(out);
  return out;
}

// --- Record page -----------------------------------------------------------------

namespace {

// The spans of "[Handwritten: ...]" in a body (brackets nest), to set apart.
std::vector<Highlight> handwritten_spans(std::string_view body) {
  std::vector<Highlight> spans;
  constexpr std::string_view kOpen = "[Handwritten:";
  std::size_t pos = 0;
  while ((pos = body.find(kOpen, pos)) != std::string_view::npos) {
    int depth = 0;
    std::size_t end = pos;
    for (; end < body.size(); ++end) {
      if (body[end] == '[') ++depth;
      if (body[end] == ']' && --depth == 0) break;
      if (body.substr(end, 2) == "\n\n") break;  // never past its paragraph (as scan_body)
    }
    end = std::min(end + 1, body.size());
    spans.push_back({pos, end - pos});
    pos = end;
  }
  return spans;
}

// The body with matches in <mark> and annotations in <span class="hw">:
// split at every boundary of either, each piece wrapped in what covers it.
std::string body_html(std::string_view body, const std::vector<Highlight>& marks) {
  const auto hw = handwritten_spans(body);
  std::vector<std::size_t> cuts{0, body.size()};
  for (const auto* v : {&marks, &hw}) {
    for (const auto& h : *v) {
      if (h.offset + h.length > body.size()) continue;
      cuts.push_back(h.offset);
      cuts.push_back(h.offset + h.length);
    }
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  auto covered = [](const std::vector<Highlight>& v, std::size_t at) {
    return std::any_of(v.begin(), v.end(),
                       [&](const Highlight& h) { return at >= h.offset && at < h.offset + h.length; });
  };
  std::string out;
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    std::string piece = html_text(body.substr(cuts[i], cuts[i + 1] - cuts[i]));
    if (covered(marks, cuts[i])) piece = "<mark>" + piece + "</mark>";
    if (covered(hw, cuts[i])) piece = "<span class=\"hw\">" + piece + "</span>";
    out += piece;
  }
  return out;
}

void field_row(std::string& out, std::string_view label, const std::string& value_html) {
  if (value_html.empty()) return;
  out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", label, value_html);
}

std::string names_html(const std::vector<std::string>& names) {
  std::vector<std::string> v;
  for (const auto& n : names) v.push_back(html_text(n));
  return join(v, ", ");
}

// A URL as a link when it is a web address, else as text.
std::string url_html(const std::string& url) {
  std::string href = safe_href(url);
  if (href.empty()) return html_text(url);
  return fmt::format("<a href=\"{}\" rel=\"noopener noreferrer nofollow\">{}</a>", href, html_text(url));
}

}  // namespace

std::string html_record_page(const Record& r, std::string_view q, const std::vector<Highlight>& body_highlights,
                             const SearchResult* similar) {
  std::string out;
  const std::string title = r.title.empty() ? r.id : r.title;
  page_start(out, title, "");
  if (!q.empty()) {
    out += fmt::format("<p class=\"back\"><a href=\"{}\">← Back to the search</a></p>\n",
                       html_attr("/search?q=" + url_component(q)));
  }
  out += "<div class=\"record-layout\">\n<article class=\"record\">\n<h1>" + html_text(title) + "</h1>\n";
  out += "<dl class=\"fields\">\n";
  field_row(out, "Id", html_text(r.id));
  std::string date = date_html(r.date);
  if (r.date.known() && r.date.text != r.date.display())
    date += " <span class=\"note\">(" + html_text(r.date.display()) + ")</span>";
  if (r.date.supplied) date += " <span class=\"note\">supplied by the editor</span>";
  field_row(out, "Date", date);
  field_row(out, "Archive", html_text(r.archive));
  field_row(out, "Reference", html_text(r.reference));
  field_row(out, "Repository", html_text(r.repository));
  field_row(out, "Contributors", names_html(r.contributors));
  field_row(out, "Translators", names_html(r.translators));
  field_row(out, "Transcribers", names_html(r.transcribers));
  field_row(out, "Editors", names_html(r.editors));
  if (!r.url.empty()) field_row(out, "URL", url_html(r.url));
  for (const auto& c : r.cites) field_row(out, "Cites", url_html(c));
  field_row(out, "Original language", html_text(r.original_language));
  field_row(out, "Translation", html_text(r.translation_language));
  field_row(out, "Funder", html_text(r.funder));
  field_row(out, "Credits", html_text(r.credits));
  for (const auto& [k, v] : r.extra) field_row(out, html_text(k), html_text(v));
  field_row(out, "Source", html_text(r.source_line ? fmt::format("{}:{}", r.source, r.source_line) : r.source));
  out += "</dl>\n";
  if (!r.citation.empty()) {
    out += "<section class=\"citation\" aria-labelledby=\"cite-h\"><h2 id=\"cite-h\">Citation</h2>\n";
    out += "<blockquote id=\"citation\">" + html_text(r.citation) + "</blockquote>\n";
    out += "<button type=\"button\" class=\"copy\" data-copy=\"citation\" hidden>Copy citation</button>\n";
    out += "</section>\n";
  }
  out += "<section class=\"downloads\" aria-labelledby=\"dl-h\"><h2 id=\"dl-h\">Download</h2><p>";
  for (auto [fmt_name, label] : {std::pair{"ris", "RIS"}, {"csljson", "CSL-JSON"}, {"csv", "CSV"}}) {
    out += fmt::format("<a href=\"{}\" download>{}</a> ",
                       html_attr("/export?format=" + std::string(fmt_name) + "&id=" + url_component(r.id)), label);
  }
  out += fmt::format("<a href=\"{}\">JSON</a></p></section>\n", html_attr("/api/record/" + url_component(r.id)));
  if (!r.summary.empty()) {
    out += "<section aria-labelledby=\"sum-h\"><h2 id=\"sum-h\">Summary</h2><p class=\"text\">" + html_text(r.summary) +
           "</p></section>\n";
  }
  if (!r.body.empty()) {
    out += "<section aria-labelledby=\"text-h\"><h2 id=\"text-h\">Text</h2>\n<div class=\"body text\">" +
           body_html(r.body, body_highlights) + "</div></section>\n";
  }
  if (!r.handwritten.empty()) {
    out += "<section class=\"notes\" aria-labelledby=\"hw-h\"><h2 id=\"hw-h\">Handwritten annotations</h2><ol>";
    for (const auto& h : r.handwritten) out += "<li class=\"text\">" + html_text(h) + "</li>";
    out += "</ol></section>\n";
  }
  if (!r.footnotes.empty()) {
    out += "<section class=\"notes\" aria-labelledby=\"fn-h\"><h2 id=\"fn-h\">Footnotes</h2><dl>";
    for (const auto& f : r.footnotes)
      out += "<dt>[" + html_text(f.label) + "]</dt><dd class=\"text\">" + html_text(f.text) + "</dd>";
    out += "</dl></section>\n";
  }
  out += "</article>\n<aside class=\"entities\" aria-label=\"Persons, places and similar records\">\n";
  if (!r.persons.empty()) {
    out += "<section><h2>Persons</h2><ul>";
    for (const auto& p : r.persons) {
      out += fmt::format("<li><a class=\"person\" href=\"{}\">{}</a> <span class=\"note\">{}{}</span></li>",
                         facet_search_href("person", p.name), html_text(p.name), html_text(p.role),
                         p.mentions ? ", " + plural(p.mentions, "mention", "mentions") : "");
    }
    out += "</ul></section>\n";
  }
  if (!r.places.empty()) {
    out += "<section><h2>Places</h2><ul>";
    for (const auto& p : r.places) {
      out += fmt::format("<li><a class=\"place\" href=\"{}\">{}</a> <span class=\"note\">{}</span></li>",
                         facet_search_href("place", p.name), html_text(p.name),
                         html_text(p.country.empty() || p.country == p.name ? p.kind : p.kind + " in " + p.country));
    }
    out += "</ul></section>\n";
  }
  if (similar && !similar->hits.empty()) {
    out += "<section><h2>Similar records</h2><ol>";
    for (const Hit& h : similar->hits) {
      out += fmt::format("<li><a href=\"{}\">{}</a> {}</li>", record_href(h.record.id),
                         html_text(h.record.title.empty() ? h.record.id : h.record.title), date_html(h.record.date));
    }
    out += "</ol></section>\n";
  }
  out += "</aside>\n</div>\n";
  page_end(out);
  return out;
}

// --- Registers -------------------------------------------------------------------

namespace {

// The place map: equirectangular, 2 units a degree, a grid every 30
// degrees, a dot per place with coordinates (area by records), each a link.
void place_map(std::string& out, const std::vector<RegisterEntry>& entries,
               const std::unordered_map<std::string, LatLon>& coords) {
  struct Dot {
    const RegisterEntry* e;
    LatLon at;
  };
  std::vector<Dot> dots;
  for (const auto& e : entries) {
    if (auto it = coords.find(e.name); it != coords.end()) dots.push_back({&e, it->second});
  }
  if (dots.empty()) return;
  unsigned most = 1;
  // The view: the dots' extent with a margin of 15 degrees, at least 60 by
  // 30 degrees, within the world (x = (lon + 180) * 2, y = (90 - lat) * 2).
  double x0 = 720, y0 = 360, x1 = 0, y1 = 0;
  for (const auto& d : dots) {
    most = std::max(most, d.e->records);
    x0 = std::min(x0, (d.at.lon + 180) * 2), x1 = std::max(x1, (d.at.lon + 180) * 2);
    y0 = std::min(y0, (90 - d.at.lat) * 2), y1 = std::max(y1, (90 - d.at.lat) * 2);
  }
  x0 -= 30, y0 -= 30, x1 += 30, y1 += 30;
  if (x1 - x0 < 120) x0 -= (120 - (x1 - x0)) / 2, x1 = x0 + 120;
  if (y1 - y0 < 60) y0 -= (60 - (y1 - y0)) / 2, y1 = y0 + 60;
  x0 = std::max(0.0, x0), y0 = std::max(0.0, y0), x1 = std::min(720.0, x1), y1 = std::min(360.0, y1);
  const double scale = (x1 - x0) / 480;  // dots keep their size on screen however far the map zooms
  out += fmt::format(
      "<figure class=\"map\"><figcaption>{} on the map (cities at their coordinates, countries at their largest "
      "city; GeoNames)</figcaption>\n<svg viewBox=\"{:.0f} {:.0f} {:.0f} {:.0f}\" role=\"group\" aria-label=\"Map "
      "of places\"><rect class=\"sea\" x=\"0\" y=\"0\" width=\"720\" height=\"360\"/>",
      plural(dots.size(), "place", "places"), x0, y0, x1 - x0, y1 - y0);
  for (int lon = -170; lon <= 170; lon += 10)
    out += fmt::format("<line class=\"grid{}\" x1=\"{}\" y1=\"0\" x2=\"{}\" y2=\"360\"/>", lon % 30 ? " fine" : "",
                       (lon + 180) * 2, (lon + 180) * 2);
  for (int lat = -80; lat <= 80; lat += 10)
    out += fmt::format("<line class=\"grid{}\" x1=\"0\" y1=\"{}\" x2=\"720\" y2=\"{}\"/>", lat % 30 ? " fine" : "",
                       (90 - lat) * 2, (90 - lat) * 2);
  // Largest first, so that small dots stay on top and clickable.
  std::sort(dots.begin(), dots.end(), [](const Dot& a, const Dot& b) { return a.e->records > b.e->records; });
  for (const auto& d : dots) {
    double r = scale * (2.5 + 9.0 * std::sqrt(static_cast<double>(d.e->records) / most));
    out += fmt::format(
        "<a href=\"{}\"><circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{:.1f}\"><title>{}: {}</title></circle></a>",
        facet_search_href("place", d.e->name), (d.at.lon + 180) * 2, (90 - d.at.lat) * 2, r, html_text(d.e->name),
        plural(d.e->records, "record", "records"));
  }
  out += "</svg></figure>\n";
}

}  // namespace

std::string html_register_page(const std::vector<RegisterEntry>& entries, EntityKind kind, std::string_view filter,
                               std::size_t shown, const std::unordered_map<std::string, LatLon>* coords) {
  const bool person = kind == EntityKind::person;
  const std::string_view what = person ? "Persons" : "Places";
  std::string out;
  page_start(out, what, what);
  out += fmt::format("<h1>{}</h1>\n", what);
  out += fmt::format(
      "<form class=\"search\" role=\"search\" action=\"/{}\" method=\"get\"><label for=\"filter\">Filter the "
      "register</label><div class=\"row\"><input id=\"filter\" name=\"filter\" type=\"search\" value=\"{}\" "
      "data-filter=\"register\" autocomplete=\"off\"><button type=\"submit\">Filter</button></div></form>\n",
      person ? "persons" : "places", html_attr(filter));
  out += fmt::format("<p class=\"count\" id=\"register-count\">{}{}</p>\n",
                     plural(entries.size(), person ? "person" : "place", person ? "persons" : "places"),
                     entries.size() > shown ? fmt::format(", the first {} shown; filter to see others", shown) : "");
  if (coords) place_map(out, entries, *coords);
  out += "<ul id=\"register\" class=\"register\">\n";
  for (std::size_t i = 0; i < entries.size() && i < shown; ++i) {
    const auto& e = entries[i];
    std::string keys = fold(e.name);
    for (const auto& v : e.variants) keys += "\n" + fold(v);
    out += fmt::format("<li data-names=\"{}\"><a href=\"{}\">{}</a> <span class=\"count\">{}</span>", html_attr(keys),
                       facet_search_href(person ? "person" : "place", e.name), html_text(e.name),
                       plural(e.records, "record", "records"));
    if (!e.variants.empty()) out += "<br><span class=\"note\">also " + names_html(e.variants) + "</span>";
    out += "<br><span class=\"ids\">";
    for (std::size_t k = 0; k < e.ids.size() && k < 12; ++k)
      out += fmt::format("<a href=\"{}\">{}</a> ", record_href(e.ids[k]), html_text(e.ids[k]));
    if (e.ids.size() > 12) out += fmt::format("and {} more", e.ids.size() - 12);
    out += "</span></li>\n";
  }
  out += "</ul>\n";
  page_end(out);
  return out;
}

// --- Concordance -----------------------------------------------------------------

std::string html_kwic_page(const SearchRequest& req, const KwicResult* k, std::string_view error) {
  std::string out;
  const std::string query = filtered_query(req.q, req.filters);
  page_start(out, "Concordance: " + query, "");
  out += "<h1>Concordance</h1>\n";
  search_form(out, req, "/kwic");
  active_filters(out, req);
  if (!error.empty()) {
    out += "<p class=\"error\" role=\"alert\">" + html_text(error) + "</p>\n";
  } else if (k) {
    out += fmt::format("<p>{} in {} of {} matching records. <a href=\"{}\">Back to the results</a></p>\n",
                       plural(k->lines.size(), "occurrence", "occurrences"), k->records_with_lines, k->records,
                       search_href(req));
    out +=
        "<div class=\"kwic-wrap\"><table class=\"kwic\"><thead><tr><th scope=\"col\">Before</th><th "
        "scope=\"col\">Match</th><th scope=\"col\">After</th><th scope=\"col\">Record</th></tr></thead><tbody>\n";
    for (const auto& l : k->lines) {
      out += fmt::format(
          "<tr><td class=\"left\">{}{}</td><td class=\"kw\"><mark>{}</mark></td><td>{}{}</td><td><a "
          "href=\"{}\">{}</a> {}</td></tr>\n",
          l.cut_left ? "… " : "", html_text(l.left), html_text(l.keyword), html_text(l.right), l.cut_right ? " …" : "",
          record_href(l.id, query), html_text(l.id), html_text(l.date));
    }
    out += "</tbody></table></div>\n";
  }
  page_end(out);
  return out;
}

std::string html_error_page(int status, std::string_view title, std::string_view message) {
  std::string out;
  page_start(out, title, "");
  out += fmt::format("<h1>{} {}</h1>\n<p role=\"alert\">{}</p>\n<p><a href=\"/search\">Search the records</a></p>\n",
                     status, html_text(title), html_text(message));
  page_end(out);
  return out;
}

}  // namespace opis

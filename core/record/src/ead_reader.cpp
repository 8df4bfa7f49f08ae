// The EAD reader (EAD 2002 with or without its namespace, and EAD3): a
// record for the collection (<archdesc>) and one per component (<c>,
// <c01>...<c12>) at the chosen levels, with its ancestors' titles as its
// series path. The whole finding aid is expanded at once (a finding aid is
// one document; the file is at most 256 MB, record_reader.cpp). The
// mapping is in docs/record-format.md#ead.
#include <algorithm>

#include <fmt/format.h>

#include "opis/base/text.h"
#include "reader_detail.h"
#include "xml_detail.h"

namespace opis::xml_detail {

using reader_detail::diag;

namespace {

bool is_component(const xmlNode* n) {
  std::string_view nm = name(n);
  if (nm == "c") return true;
  return nm.size() == 3 && nm[0] == 'c' && nm[1] >= '0' && nm[1] <= '1' && nm[2] >= '0' && nm[2] <= '9';
}

bool has_components(const xmlNode* n) {
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (is_component(c)) return true;
  }
  return false;
}

// Whether a component gives a record: file and item always; series and
// subseries (and record groups) with `series`; a component of another or
// no level when it has no components below it (then it is what a reader
// calls a file), else with `series`.
bool wanted(const xmlNode* c, bool series) {
  std::string level = ascii_lower(attr(c, "level"));
  if (level == "file" || level == "item") return true;
  if (level == "series" || level == "subseries" || level == "recordgrp" || level == "subgrp" || level == "fonds" ||
      level == "collection")
    return series;
  return !has_components(c) || series;
}

// Block texts (paragraphs) of the description elements, a blank line apart.
std::string blocks(const xmlNode* n) {
  if (!n) return {};
  std::vector<std::string> parts;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || is(c, "head")) continue;
    if (is(c, "p") || is(c, "list") || is(c, "chronlist") || is(c, "table") || is(c, "blockquote")) {
      std::string t = text_of(c);
      if (!t.empty()) parts.push_back(t);
    } else {
      std::string t = blocks(c);
      if (!t.empty()) parts.push_back(t);
    }
  }
  if (parts.empty()) return text_of(n);
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "\n\n") + p;
  return out;
}

std::string id_of(const xmlNode* n) {
  std::string a = attr(n, "authfilenumber");
  if (a.empty()) a = attr(n, "identifier");
  if (a.empty()) return {};
  std::string id = authority_id(attr(n, "source"), a);
  if (id.empty()) {
    std::string src = ascii_lower(attr(n, "source"));
    id = src.empty() ? a : src + ":" + a;
  }
  return id;
}

// The text of an access point. EAD3 writes a name in <part>s
// (surname, forename, dates; a body and its subdivision): they are
// joined with ", " as a heading reads ("Serow, Robert C., 1947-"), the
// surname in `surname` when a part says so.
std::string name_of(const xmlNode* n, std::string* surname = nullptr) {
  std::vector<const xmlNode*> parts = children(n, "part");
  if (parts.empty()) return text_of(n);
  std::string out;
  for (const xmlNode* p : parts) {
    std::string t = text_of(p);
    if (t.empty()) continue;
    if (surname && surname->empty() && ascii_lower(attr(p, "localtype")) == "surname") *surname = t;
    out += (out.empty() ? "" : ", ") + t;
  }
  return out;
}

// The persons and places of a <controlaccess> or <origination> (role).
void access_points(const xmlNode* n, const std::string& role, Record& r) {
  if (!n) return;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    std::string_view nm = name(c);
    if (nm == "controlaccess") {
      access_points(c, role, r);
      continue;
    }
    std::string surname;
    std::string text = name_of(c, &surname);
    if (text.empty()) continue;
    std::string id = id_of(c);
    if (nm == "persname" || nm == "famname") {
      Person p;
      p.name = text;
      p.role = nm == "famname" ? "family" : role;
      p.forms = {text};
      p.mentions = 1;
      p.tagged = true;
      auto comma = text.find(',');
      p.surname = surname.empty() ? trim_copy(text.substr(0, comma)) : surname;
      if (!id.empty()) p.ids.push_back(id);
      r.persons.push_back(std::move(p));
    } else if (nm == "geogname") {
      Place p;
      p.name = text;
      p.kind = "place";
      p.forms = {text};
      p.mentions = 1;
      p.tagged = true;
      if (!id.empty()) p.ids.push_back(id);
      r.places.push_back(std::move(p));
    } else if (nm == "corpname" || nm == "subject" || nm == "genreform" || nm == "occupation" || nm == "function" ||
               nm == "title") {
      // Organisations and subjects: searchable words (Opis keeps no
      // organisation kind), an extra field.
      auto it = std::find_if(r.extra.begin(), r.extra.end(), [](const auto& kv) { return kv.first == "subjects"; });
      if (it == r.extra.end())
        r.extra.emplace_back("subjects", text);
      else
        it->second += "; " + text;
    }
  }
}

struct Collection {
  std::string id;          ///< eadid / recordid
  std::string title;       ///< the collection's unittitle
  std::string repository;  ///< its repository's name
  std::string unitid;      ///< its unitid
  std::string language;
};

// The fields a <did> gives to a record.
void did_fields(const xmlNode* did, Record& r) {
  r.title = text_of(child(did, "unittitle"));
  const xmlNode* date = child(did, "unitdate");
  if (!date) date = child(did, "unitdatestructured");
  // EAD 2002 lets the date stand inside the title ("Congressional,
  // <unitdate>Sept. 30, 1987</unitdate>", the US National Library of
  // Medicine's finding aids).
  if (!date) date = child(child(did, "unittitle"), "unitdate");
  if (date) r.date = date_of(date);
  // EAD3 gives both: the structured date when the written one is not a date.
  if (const xmlNode* structured = child(did, "unitdatestructured"); !r.date.known() && structured) {
    Date d = date_of(structured);
    if (d.known()) r.date = d;
  }
  if (r.title.empty() && date) r.title = text_of(date);
  if (const xmlNode* abstract = child(did, "abstract")) r.summary = text_of(abstract);
  if (const xmlNode* lang = descendant(child(did, "langmaterial"), "language")) {
    std::string code = attr(lang, "langcode");
    r.original_language = code.empty() ? text_of(lang) : code;
  }
  access_points(child(did, "origination"), "creator", r);
}

void description(const xmlNode* n, Record& r) {
  std::vector<std::string> parts;
  for (std::string_view el : {"scopecontent", "bioghist", "odd", "arrangement", "processinfo"}) {
    for (const xmlNode* d : children(n, el)) {
      std::string t = blocks(d);
      if (!t.empty()) parts.push_back(t);
    }
  }
  for (const auto& p : parts) r.body += (r.body.empty() ? "" : "\n\n") + p;
  if (r.summary.empty()) {
    if (const xmlNode* sc = child(n, "scopecontent")) r.summary = text_of(child(sc, "p"));
  }
  for (const xmlNode* ca : children(n, "controlaccess")) access_points(ca, "subject", r);
}

std::string reference(const Collection& col, const std::vector<std::string>& unitids) {
  std::vector<std::string> parts{col.repository, col.unitid};
  parts.insert(parts.end(), unitids.begin(), unitids.end());
  std::string out;
  for (const auto& p : parts) {
    if (!p.empty()) out += (out.empty() ? "" : ", ") + p;
  }
  return out;
}

class EadWalker {
 public:
  EadWalker(const SourceRef& src, const Collection& col, const ReadOptions& opts, const RecordSink& sink)
      : m_src(src), m_col(col), m_opts(opts), m_sink(sink) {}

  // The components under `n`, with the titles and unitids of their ancestors.
  void components(const xmlNode* n, std::vector<std::string>& titles, std::vector<std::string>& unitids,
                  const std::string& ordinal) {
    std::size_t k = 0;
    for (const xmlNode* c = n->children; c; c = c->next) {
      if (!is_component(c)) continue;
      ++k;
      ++m_components;
      const xmlNode* did = child(c, "did");
      std::string title = text_of(child(did, "unittitle"));
      if (title.empty()) title = text_of(child(did, "unitdate"));
      std::string unitid = text_of(child(did, "unitid"));
      std::string pos = ordinal.empty() ? std::to_string(k) : ordinal + "." + std::to_string(k);
      if (wanted(c, m_opts.ead_series)) record(c, did, titles, unitids, unitid, pos);
      titles.push_back(title);
      unitids.push_back(unitid);
      components(c, titles, unitids, pos);
      titles.pop_back();
      unitids.pop_back();
    }
  }

  std::size_t records() const { return m_records; }
  std::size_t component_count() const { return m_components; }

 private:
  void record(const xmlNode* c, const xmlNode* did, const std::vector<std::string>& titles,
              const std::vector<std::string>& unitids, const std::string& unitid, const std::string& pos) {
    Record r;
    r.source = m_src.path;
    r.format = "ead";
    did_fields(did, r);
    description(c, r);
    std::vector<std::string> path{m_col.title};
    path.insert(path.end(), titles.begin(), titles.end());
    std::erase_if(path, [](const std::string& s) { return s.empty(); });
    for (const auto& p : path) r.series += (r.series.empty() ? "" : " \u203a ") + p;
    std::vector<std::string> ids = unitids;
    ids.push_back(unitid);
    std::erase_if(ids, [](const std::string& s) { return s.empty(); });
    r.reference = reference(m_col, ids);
    r.archive = m_col.repository;
    if (r.original_language.empty()) r.original_language = m_col.language;
    // An @id is an XML ID: unique within its finding aid only (the
    // Archives nationales number the components of each of theirs d_1,
    // d_1_1, ...), so it is qualified by the collection's eadid/recordid.
    r.id = attr(c, "id");
    if (!r.id.empty() && !m_col.id.empty()) r.id = m_col.id + "/" + r.id;
    if (r.id.empty()) {
      std::string tail;
      for (const auto& u : ids) tail += "/" + u;
      r.id = (m_col.id.empty() ? m_src.name : m_col.id) + (unitid.empty() ? "/c" + pos : tail);
    }
    complete_record(r);
    ++m_records;
    m_sink(std::move(r));
  }

  const SourceRef& m_src;
  const Collection& m_col;
  const ReadOptions& m_opts;
  const RecordSink& m_sink;
  std::size_t m_records = 0;
  std::size_t m_components = 0;
};

}  // namespace

int read_ead(XmlStream& xs, const SourceRef& src, const RecordSink& sink, std::vector<Diagnostic>& diags,
             const ReadOptions& opts) {
  const xmlNode* ead = xs.expand();
  if (!ead) {
    diags.push_back(diag(Severity::error, src.path, xs.error_line(),
                         fmt::format("invalid XML: {}; file skipped", xs.error()), xs.error_column()));
    return 1;
  }
  const xmlNode* archdesc = child(ead, "archdesc");
  if (!archdesc) {
    diags.push_back(diag(Severity::error, src.path, line_of(ead), "EAD file with no <archdesc>; file skipped"));
    return 1;
  }
  Collection col;
  col.id = text_of(descendant(child(ead, "eadheader"), "eadid"));
  if (col.id.empty()) col.id = text_of(descendant(child(ead, "control"), "recordid"));
  const xmlNode* did = child(archdesc, "did");
  col.title = text_of(child(did, "unittitle"));
  col.unitid = text_of(child(did, "unitid"));
  const xmlNode* repo = child(did, "repository");
  col.repository = name_of(child(repo, "corpname"));
  if (col.repository.empty()) col.repository = text_of(repo);
  if (const xmlNode* lang = descendant(child(did, "langmaterial"), "language")) col.language = attr(lang, "langcode");

  // The collection's own record.
  Record r;
  r.source = src.path;
  r.format = "ead";
  did_fields(did, r);
  description(archdesc, r);
  r.reference = reference(col, {});
  r.archive = col.repository;
  r.id = !col.id.empty() ? col.id : !attr(archdesc, "id").empty() ? attr(archdesc, "id") : src.name;
  complete_record(r);
  sink(std::move(r));

  EadWalker w(src, col, opts, sink);
  std::vector<std::string> titles, unitids;
  const xmlNode* dsc = child(archdesc, "dsc");
  if (dsc) w.components(dsc, titles, unitids, "");
  if (w.component_count() == 0) {
    diags.push_back(diag(Severity::warning, src.path, line_of(archdesc),
                         fmt::format("EAD finding aid '{}' describes no components; indexed as one record for the "
                                     "collection",
                                     col.id)));
  }
  if (xs.skip_to_next_element() || xs.failed()) {
    if (xs.failed()) {
      diags.push_back(diag(Severity::error, src.path, xs.error_line(),
                           fmt::format("invalid XML after the finding aid: {}; rest of the file skipped", xs.error()),
                           xs.error_column()));
      return 1;
    }
  }
  return 0;
}

}  // namespace opis::xml_detail

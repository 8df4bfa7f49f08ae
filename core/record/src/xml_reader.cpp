// XML files: libxml2 set up safely, the choice of reader by the root
// element and its namespace (TEI, teiCorpus, EAD 2002, EAD3), the editors'
// registers, and the helpers the TEI and EAD readers share. Why libxml2's
// streaming reader and which options: docs/record-format.md#xml-safety.
#include <mutex>

#include <fmt/format.h>
#include <libxml/parser.h>

#include "opis/base/text.h"
#include "opis/record/record_reader.h"
#include "reader_detail.h"
#include "xml_detail.h"

namespace opis {

namespace fs = std::filesystem;
using reader_detail::diag;

namespace xml_detail {

namespace {

// Never load anything an XML file points at (a DTD, an external entity, a
// schema): the readers read the file they are given and nothing else.
// libxml2's loader hook is process-wide by its design (2.9 has no
// per-parser one for xmlTextReader), so it is set once here; it is a second
// lock behind the parse options, which already keep libxml2 from asking.
// libxml2 then reports "failed to load external entity".
xmlParserInputPtr refuse_external(const char* /*url*/, const char* /*id*/, xmlParserCtxtPtr /*ctxt*/) {
  return nullptr;
}

void init_libxml2() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    xmlSetExternalEntityLoader(refuse_external);
  });
}

// No XML_PARSE_NOENT (entity substitution, which would also load external
// entities), DTDLOAD, DTDATTR, DTDVALID, XINCLUDE or HUGE (HUGE lifts the
// amplification and depth limits). BIG_LINES: line numbers past 65535.
constexpr int kOptions = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT | XML_PARSE_BIG_LINES;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

XmlStream::XmlStream(std::string_view data, const char* encoding) {
  init_libxml2();
  m_reader = xmlReaderForMemory(data.data(), static_cast<int>(data.size()), nullptr, encoding, kOptions);
  if (!m_reader) {
    m_failed = true;
    m_error = "cannot start the XML parser";
    return;
  }
  xmlTextReaderSetStructuredErrorHandler(m_reader, &XmlStream::on_error, this);
}

XmlStream::~XmlStream() {
  if (m_reader) xmlFreeTextReader(m_reader);
}

void XmlStream::on_error(void* self, xmlErrorPtr e) {
  auto* s = static_cast<XmlStream*>(self);
  if (!e || e->level < XML_ERR_ERROR || s->m_failed) return;
  s->m_failed = true;
  s->m_error = e->message ? std::string(trim(e->message)) : std::string("XML error");
  s->m_line = e->line;
  s->m_column = e->int2;
}

bool XmlStream::advance(int ret) {
  while (ret == 1 && !m_failed) {
    if (xmlTextReaderNodeType(m_reader) == XML_READER_TYPE_ELEMENT) return true;
    ret = xmlTextReaderRead(m_reader);
  }
  if (ret < 0 && !m_failed) {
    m_failed = true;
    m_error = "malformed XML";
  }
  return false;
}

bool XmlStream::next_element() { return m_reader && !m_failed && advance(xmlTextReaderRead(m_reader)); }

bool XmlStream::skip_to_next_element() { return m_reader && !m_failed && advance(xmlTextReaderNext(m_reader)); }

std::string_view XmlStream::local_name() const {
  const xmlChar* n = xmlTextReaderConstLocalName(m_reader);
  return n ? std::string_view(reinterpret_cast<const char*>(n)) : std::string_view();
}

std::string_view XmlStream::ns() const {
  const xmlChar* n = xmlTextReaderConstNamespaceUri(m_reader);
  return n ? std::string_view(reinterpret_cast<const char*>(n)) : std::string_view();
}

int XmlStream::depth() const { return xmlTextReaderDepth(m_reader); }

xmlNode* XmlStream::expand() {
  xmlNode* n = xmlTextReaderExpand(m_reader);
  if (!n && !m_failed) {
    m_failed = true;
    m_error = "malformed XML";
  }
  return m_failed ? nullptr : n;
}

std::string_view name(const xmlNode* n) {
  return n && n->type == XML_ELEMENT_NODE && n->name ? std::string_view(reinterpret_cast<const char*>(n->name))
                                                     : std::string_view();
}

bool is(const xmlNode* n, std::string_view local) { return name(n) == local; }

std::string attr(const xmlNode* n, std::string_view local) {
  if (!n || n->type != XML_ELEMENT_NODE) return {};
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    if (!a->name || std::string_view(reinterpret_cast<const char*>(a->name)) != local) continue;
    std::string v;
    for (const xmlNode* t = a->children; t; t = t->next) {
      if (t->content) v += reinterpret_cast<const char*>(t->content);
    }
    return trim_copy(v);
  }
  return {};
}

const xmlNode* child(const xmlNode* n, std::string_view local) {
  if (!n) return nullptr;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (is(c, local)) return c;
  }
  return nullptr;
}

std::vector<const xmlNode*> children(const xmlNode* n, std::string_view local) {
  std::vector<const xmlNode*> out;
  if (!n) return out;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (is(c, local)) out.push_back(c);
  }
  return out;
}

const xmlNode* descendant(const xmlNode* n, std::string_view local) {
  if (!n) return nullptr;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (is(c, local)) return c;
    if (const xmlNode* d = descendant(c, local)) return d;
  }
  return nullptr;
}

void descendants(const xmlNode* n, std::string_view local, std::vector<const xmlNode*>& out) {
  if (!n) return;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (is(c, local))
      out.push_back(c);
    else
      descendants(c, local, out);
  }
}

bool append_entity(const xmlNode* ref, std::string& out) {
  // A reference node's children point at the entity's declaration.
  const auto* ent = reinterpret_cast<const xmlEntity*>(ref->children);
  if (!ent || ent->type != XML_ENTITY_DECL || ent->etype != XML_INTERNAL_GENERAL_ENTITY || !ent->content) return false;
  std::string_view v(reinterpret_cast<const char*>(ent->content));
  if (v.find_first_of("&<") != std::string_view::npos || v.size() > 4096) return false;
  out += v;
  return true;
}

namespace {

void raw_text(const xmlNode* n, std::string& out) {
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (c->content) out += reinterpret_cast<const char*>(c->content);
    } else if (c->type == XML_ENTITY_REF_NODE) {
      append_entity(c, out);
    } else if (c->type == XML_ELEMENT_NODE) {
      out += ' ';  // <lb/>, <choice>: words apart (text_of() is for short names and headings)
      raw_text(c, out);
    }
  }
}

}  // namespace

std::string squeeze(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (is_space(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string text_of(const xmlNode* n) {
  if (!n) return {};
  std::string raw;
  raw_text(n, raw);
  return squeeze(raw);
}

int line_of(const xmlNode* n) { return n ? static_cast<int>(xmlGetLineNo(n)) : 0; }

std::string authority_id(std::string_view scheme, std::string_view value) {
  std::string v = trim_copy(value);
  std::string s = ascii_lower(scheme);
  auto after = [&](std::string_view marker) -> std::string {
    auto p = v.find(marker);
    if (p == std::string::npos) return {};
    std::string rest = v.substr(p + marker.size());
    auto end = rest.find_first_of("/?#");
    return end == std::string::npos ? rest : rest.substr(0, end);
  };
  if (std::string id = after("d-nb.info/gnd/"); !id.empty()) return "gnd:" + id;
  if (std::string id = after("viaf.org/viaf/"); !id.empty()) return "viaf:" + id;
  if (std::string id = after("geonames.org/"); !id.empty()) return "geonames:" + id;
  if (std::string id = after("wikidata.org/wiki/"); !id.empty()) return "wikidata:" + id;
  if (std::string id = after("wikidata.org/entity/"); !id.empty()) return "wikidata:" + id;
  if (v.empty() || v.find("://") != std::string::npos || v.find(' ') != std::string::npos) return {};
  for (std::string_view k : {"gnd", "viaf", "geonames", "wikidata", "lcnaf", "ulan", "tgn", "isni"}) {
    if (s == k) return std::string(k) + ":" + v;
  }
  if (s == "d-nb" || s == "dnb") return "gnd:" + v;
  if (s == "naf" || s == "lcsh") return "lcnaf:" + v;
  return {};
}

Date date_of(const xmlNode* n) {
  auto parse = [](const std::string& text) { return parse_date(text).date; };
  std::string when = attr(n, "when");
  if (when.empty()) when = attr(n, "when-iso");
  if (!when.empty()) {
    Date d = parse(when);
    if (d.known()) return d;
  }
  for (auto [a, b] : {std::pair{"from", "to"}, std::pair{"notBefore", "notAfter"}}) {
    std::string x = attr(n, a), y = attr(n, b);
    if (!x.empty() && !y.empty()) {
      Date d = parse(x == y ? x : x + "/" + y);
      if (d.known()) return d;
    }
    if (!x.empty() || !y.empty()) {
      Date d = parse((x.empty() ? y : x) + "?");
      if (d.known()) return d;
    }
  }
  for (const char* a : {"normal", "standarddate"}) {
    std::string v = attr(n, a);
    if (!v.empty()) {
      Date d = parse(v);
      if (d.known()) return d;
    }
  }
  // EAD3: <unitdatestructured><daterange><fromdate standarddate=...>.
  if (const xmlNode* from = descendant(n, "fromdate")) {
    const xmlNode* to = descendant(n, "todate");
    std::string x = attr(from, "standarddate"), y = attr(to, "standarddate");
    if (!x.empty()) {
      Date d = parse(y.empty() ? x : x + "/" + y);
      if (d.known()) return d;
    }
    // No @standarddate (NCSU's ArchivesSpace exports): the dates as written.
    x = text_of(from), y = text_of(to);
    if (!x.empty()) {
      Date d = parse(y.empty() || y == x ? x : x + "/" + y);
      if (d.known()) return d;
    }
  }
  if (const xmlNode* one = descendant(n, "datesingle")) {
    std::string x = attr(one, "standarddate");
    if (x.empty()) x = text_of(one);
    if (!x.empty()) return parse(x);
  }
  Date d = parse(text_of(n));
  if (!d.known()) d.text = text_of(n);
  return d;
}

namespace {

bool looks_like_uri(std::string_view s) { return s.find("://") != std::string_view::npos; }

// A name element of a register, in reading order: "forename surname" when
// it has those parts (addName, nameLink and roleName kept in place), else
// its text.
std::string entry_name(const xmlNode* n, std::string* surname) {
  const xmlNode* sur = child(n, "surname");
  if (!sur) return text_of(n);
  if (surname) *surname = text_of(sur);
  std::string given, rest;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    std::string t = text_of(c);
    if (t.empty()) continue;
    if (is(c, "surname")) continue;
    (is(c, "forename") ? given : rest) += (t + " ");
  }
  return squeeze(given + " " + text_of(sur) + " " + rest);
}

const char* kind_of_list(std::string_view n) {
  if (n == "person" || n == "persName" || n == "personGrp") return "person";
  if (n == "place" || n == "placeName") return "place";
  if (n == "org" || n == "orgName") return "org";
  return nullptr;
}

// One <person>/<place>/<org> of a register.
RegisterEntry entry_of(const xmlNode* n, const char* kind) {
  RegisterEntry e;
  e.kind = kind;
  e.id = attr(n, "id");
  std::string_view name_el = e.kind == "person" ? "persName" : e.kind == "place" ? "placeName" : "orgName";
  std::vector<const xmlNode*> names = children(n, name_el);
  if (names.empty() && e.kind == "org") names = children(n, "name");
  // A place's names inside its <settlement>, <district>, <region>,
  // <geogName> (the Auden-Musulin registers: <place><settlement
  // type="P"><placeName>Kirchstetten</placeName></settlement>), not those of
  // its <location> (the place it is located in).
  if (names.empty() && e.kind == "place") {
    for (std::string_view holder : {"settlement", "district", "region", "bloc", "geogName"}) {
      for (const xmlNode* h : children(n, holder)) {
        for (const xmlNode* c : children(h, name_el)) names.push_back(c);
      }
    }
  }
  const xmlNode* pref = nullptr;
  for (const xmlNode* c : names) {
    std::string t = attr(c, "type");
    if (t == "pref" || t == "main" || t == "reg") {
      pref = c;
      break;
    }
  }
  if (!pref && !names.empty()) pref = names.front();
  if (pref) e.name = entry_name(pref, &e.surname);
  for (const xmlNode* c : names) {
    if (c == pref) continue;
    std::string a = entry_name(c, nullptr);
    if (a.empty() || looks_like_uri(a) || a == e.name) continue;
    if (std::find(e.aliases.begin(), e.aliases.end(), a) == e.aliases.end()) e.aliases.push_back(a);
  }
  for (const xmlNode* id : children(n, "idno")) {
    std::string v = text_of(id);
    std::string scheme = attr(id, "subtype").empty() ? attr(id, "type") : attr(id, "subtype");
    std::string a = authority_id(scheme, v);
    if (a.empty()) a = authority_id(attr(id, "type"), v);
    if (looks_like_uri(v)) e.uris.push_back(v);
    if (!a.empty() && std::find(e.ids.begin(), e.ids.end(), a) == e.ids.end()) e.ids.push_back(a);
  }
  if (e.kind == "person") {
    auto life = [&](const char* el) {
      const xmlNode* x = child(n, el);
      if (!x) return std::string();
      std::string w = attr(x, "when");
      if (w.empty()) w = attr(child(x, "date"), "when");
      return w;
    };
    std::string b = life("birth"), d = life("death");
    if (!b.empty() || !d.empty()) e.dates = b + "/" + d;
  }
  return e;
}

// The register entries under `n`, each entry's URIs too (its idno texts).
void collect_entries(const xmlNode* n, bool in_list, const std::string& file, Register& reg, std::size_t& count) {
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    std::string_view nm = name(c);
    const bool list = nm == "listPerson" || nm == "listPlace" || nm == "listOrg" || nm == "list";
    if (in_list && (nm == "person" || nm == "place" || nm == "org" || nm == "personGrp")) {
      if (!attr(c, "id").empty()) {
        reg.add(file, entry_of(c, kind_of_list(nm)));
        ++count;
      }
      collect_entries(c, in_list, file, reg, count);  // places within places
      continue;
    }
    // A name with an xml:id in a list (the persons list of a FRUS volume).
    if (in_list && (nm == "persName" || nm == "placeName" || nm == "orgName") && !attr(c, "id").empty()) {
      RegisterEntry e;
      e.kind = kind_of_list(nm);
      e.id = attr(c, "id");
      e.name = entry_name(c, &e.surname);
      reg.add(file, std::move(e));
      ++count;
      continue;
    }
    collect_entries(c, in_list || list, file, reg, count);
  }
}

}  // namespace

std::size_t add_register_entries(const xmlNode* n, const std::string& file, Register& reg) {
  std::size_t count = 0;
  if (n) collect_entries(n, true, file, reg, count);
  return count;
}

}  // namespace xml_detail

void Register::add(const std::string& file, RegisterEntry e) {
  const std::size_t k = m_entries.size();
  m_by_file_id.emplace(file + '\x1f' + e.id, k);
  m_by_id.emplace(e.id, k);
  for (std::string u : e.uris) {
    while (!u.empty() && u.back() == '/') u.pop_back();
    m_by_uri.emplace(u, k);
  }
  m_entries.push_back(std::move(e));
}

const RegisterEntry* Register::find(const std::string& file, std::string_view ref) const {
  std::string r = trim_copy(ref);
  if (r.empty()) return nullptr;
  std::string id = r;
  if (auto hash = r.rfind('#'); hash != std::string::npos) id = r.substr(hash + 1);
  if (auto it = m_by_file_id.find(file + '\x1f' + id); it != m_by_file_id.end()) return &m_entries[it->second];
  if (auto it = m_by_id.find(id); it != m_by_id.end()) return &m_entries[it->second];
  // "pmb:2121", "https://pmb.../entity/2121/": the entry whose id ends with
  // what the URI ends with.
  std::string u = r;
  while (!u.empty() && u.back() == '/') u.pop_back();
  if (auto it = m_by_uri.find(u); it != m_by_uri.end()) return &m_entries[it->second];
  return nullptr;
}

bool Register::has_file(const std::string& file) const { return m_files.count(file) > 0; }

namespace {

// Where the encoding an XML declaration names is (offset and length in
// `d`; length 0 when none): read here, before libxml2, only to decide
// whether the bytes are checked as UTF-8 first.
std::pair<std::size_t, std::size_t> declared_encoding(std::string_view d) {
  const std::size_t at = d.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  if (d.substr(at, 5) != "<?xml") return {0, 0};
  std::string_view decl = d.substr(0, std::min(d.find("?>"), std::size_t{300}));
  auto p = decl.find("encoding", at);
  if (p == std::string_view::npos) return {0, 0};
  p = decl.find_first_of("\"'", p);
  if (p == std::string_view::npos) return {0, 0};
  auto q = decl.find(decl[p], p + 1);
  if (q == std::string_view::npos) return {0, 0};
  return {p + 1, q - p - 1};
}

bool single_byte_latin(const std::string& e) {
  return e == "latin1" || e == "us-ascii" || e == "ascii" || e.rfind("iso-8859-", 0) == 0 ||
         e.rfind("windows-125", 0) == 0 || e.rfind("cp125", 0) == 0;
}

bool has_multibyte(std::string_view d) {
  for (unsigned char c : d) {
    if (c >= 0x80) return true;
  }
  return false;
}

// How libxml2 is to decode `data` ("UTF-8" forced, or null: as the file
// declares). UTF-8 (declared or by default) is checked first and repaired
// as the other readers do; a declaration of a single-byte encoding over
// bytes that are valid UTF-8 with non-ASCII letters is taken for a wrong
// declaration (read as Latin-1 they would all be mojibake).
const char* xml_encoding(std::string& data, const std::string& path, std::vector<Diagnostic>& diags) {
  auto byte = [&](std::size_t i) { return i < data.size() ? static_cast<unsigned char>(data[i]) : 0u; };
  const bool utf16 = (byte(0) == 0xFF && byte(1) == 0xFE) || (byte(0) == 0xFE && byte(1) == 0xFF) ||
                     (byte(0) == '<' && byte(1) == 0) || (byte(0) == 0 && byte(1) == '<');
  if (utf16) return nullptr;
  const auto [at, len] = declared_encoding(data);
  const std::string enc = ascii_lower(std::string_view(data).substr(at, len));
  if (enc.empty() || enc == "utf-8" || enc == "utf8") {
    if (int bad = sanitize_utf8(data))
      diags.push_back(diag(Severity::warning, path, bad, "invalid UTF-8; replaced with U+FFFD and indexed"));
    return "UTF-8";
  }
  if (single_byte_latin(enc) && has_multibyte(data)) {
    std::string copy = data;
    if (sanitize_utf8(copy) == 0) {
      diags.push_back(diag(Severity::warning, path, 1,
                           fmt::format("declares encoding '{}' but its bytes are UTF-8; read as UTF-8", enc)));
      // libxml2 follows the declaration over the encoding it is given: the
      // declaration is corrected in the bytes it reads.
      data.replace(at, len, "UTF-8");
      return "UTF-8";
    }
  }
  return nullptr;
}

void add_file_registers(std::string_view data, const char* enc, const std::string& file, Register& reg) {
  xml_detail::XmlStream xs(data, enc);
  bool more = xs.next_element();
  while (more) {
    std::string_view n = xs.local_name();
    if (n == "listPerson" || n == "listPlace" || n == "listOrg" || n == "list") {
      if (xmlNode* node = xs.expand()) xml_detail::add_register_entries(node, file, reg);
      more = xs.skip_to_next_element();
    } else {
      more = xs.next_element();
    }
  }
  reg.mark_file(file);
}

}  // namespace

bool is_xml_file(const fs::path& p) { return ascii_lower(p.extension().string()) == ".xml"; }

void load_registers(const SourceRef& src, std::string data, Register& reg) {
  std::vector<Diagnostic> ignored;  // the reading pass reports them
  const char* enc = xml_encoding(data, src.path, ignored);
  add_file_registers(data, enc, src.name, reg);
}

int read_xml_records(const SourceRef& src, std::string data, const RecordSink& sink, std::vector<Diagnostic>& diags,
                     const ReadOptions& opts) {
  const std::string& path = src.path;
  const char* enc = xml_encoding(data, path, diags);
  Register local;
  if (!opts.registers || !opts.registers->has_file(src.name)) add_file_registers(data, enc, src.name, local);
  xml_detail::XmlStream xs(data, enc);
  if (!xs.next_element()) {
    diags.push_back(diag(Severity::error, path, xs.error_line(),
                         fmt::format("invalid XML: {}; file skipped", xs.failed() ? xs.error() : "no element"),
                         xs.error_column()));
    return 1;
  }
  const std::string root(xs.local_name()), ns(xs.ns());
  using namespace xml_detail;
  if ((root == "TEI" || root == "teiCorpus") && (ns.empty() || ns == kTeiNs))
    return read_tei(xs, src, sink, diags, opts, local);
  if (root == "ead" && (ns.empty() || ns == kEad2002Ns || ns == kEad3Ns)) return read_ead(xs, src, sink, diags, opts);
  diags.push_back(diag(Severity::error, path, 1,
                       fmt::format("not a TEI or EAD file (root element <{}>{}); file skipped", root,
                                   ns.empty() ? "" : " in namespace " + ns)));
  return 1;
}

}  // namespace opis

// The TEI P5 reader: a record per <TEI> (in a <teiCorpus> too), streamed:
// each <TEI> is expanded alone and freed once read, so memory is bounded by
// the largest document of a corpus, not the file. The mapping is in
// docs/record-format.md#tei; the editors' persName/placeName markup becomes
// the record's persons and places (tagged), resolved through the registers.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "opis/base/text.h"
#include "reader_detail.h"
#include "xml_detail.h"

namespace opis::xml_detail {

using reader_detail::diag;

namespace {

// Elements whose content is not the document's text.
bool skipped(std::string_view n) {
  return n == "teiHeader" || n == "fw" || n == "listPerson" || n == "listPlace" || n == "listOrg" || n == "listBibl" ||
         n == "listEvent" || n == "facsimile" || n == "standOff" || n == "figDesc" || n == "interpGrp" ||
         n == "linkGrp";
}

// Elements that stand as blocks: a blank line around them.
bool block(std::string_view n) {
  return n == "p" || n == "div" || n == "head" || n == "ab" || n == "lg" || n == "opener" || n == "closer" ||
         n == "postscript" || n == "dateline" || n == "salute" || n == "signed" || n == "list" || n == "table" ||
         n == "sp" || n == "quote" || n == "address" || n == "byline" || n == "docTitle" || n == "titlePart" ||
         n == "argument" || n == "epigraph" || n == "trailer" || n == "div1" || n == "div2" || n == "div3" ||
         n == "div4" || n == "div5";
}

// Elements that end a line: item, row, l.
bool line_element(std::string_view n) { return n == "item" || n == "row" || n == "l" || n == "cell"; }

// The kind a tagged name stands for: "person", "place", "org" or "".
std::string_view tag_kind(const xmlNode* n) {
  std::string_view nm = name(n);
  if (nm == "persName") return "person";
  if (nm == "placeName") return "place";
  if (nm == "orgName") return "org";
  if (nm == "rs") {
    std::string t = attr(n, "type");
    if (t == "person" || t == "personGrp") return "person";
    if (t == "place") return "place";
    if (t == "org" || t == "organisation" || t == "organization") return "org";
    // A project's own types: "pec_person", "placeOfResidence".
    std::string f = fold(t);
    if (f.find("person") != std::string::npos) return "person";
    if (f.find("place") != std::string::npos) return "place";
    if (f.find("org") != std::string::npos) return "org";
  }
  return {};
}

// The references of a tagged name: @ref, else @key, else @corresp, split on
// white space ("#pmb12618 #pmb12621").
std::vector<std::string> refs_of(const xmlNode* n) {
  std::string v = attr(n, "ref");
  if (v.empty()) v = attr(n, "key");
  if (v.empty()) v = attr(n, "corresp");
  std::vector<std::string> out;
  for (auto p : split_fields(v, ' ')) {
    if (!trim(p).empty()) out.push_back(trim_copy(p));
  }
  return out;
}

// One record's text, entities and notes, built by walking its <text>.
class TeiWalker {
 public:
  TeiWalker(const SourceRef& src, Record& r, const Register& local, const Register* run)
      : m_src(src), m_r(r), m_local(local), m_run(run) {}

  // The kind of a tagged name: by its element (tag_kind()), else, for an
  // <rs> whose @type says nothing of it (DAHN's <rs type="pec" ref="#p0002">
  // "ami"), by the register entry its first reference resolves to.
  std::string_view kind_of(const xmlNode* n) const {
    std::string_view k = tag_kind(n);
    if (!k.empty() || name(n) != "rs") return k;
    std::vector<std::string> refs = refs_of(n);
    if (refs.empty()) return {};
    const RegisterEntry* e = m_local.find(m_src.name, refs.front());
    if (!e && m_run) e = m_run->find(m_src.name, refs.front());
    if (!e) return {};
    return e->kind == "person" ? "person" : e->kind == "place" ? "place" : e->kind == "org" ? "org" : "";
  }

  // The body text: `n`'s content, notes apart.
  std::string body(const xmlNode* n) {
    Text t;
    walk(n, t, 0);
    return finish(t);
  }

  // A tagged name seen outside the text (correspAction), with a role.
  void mention(const xmlNode* n, std::string_view role) { add_mention(n, text_of(n), role); }
  bool tagged(const xmlNode* n) const { return !kind_of(n).empty(); }

  std::size_t tagged_elements() const { return m_tagged; }
  std::size_t left_out_entities() const { return m_left_out; }
  const std::vector<std::string>& variants() const { return m_variants; }

 private:
  struct Text {
    std::string out;
    bool space = false;
    std::string pending;  // a page mark waiting for the end of a word (<pb break="no"/>)
  };

  void chars(Text& t, std::string_view s) {
    for (char c : s) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        t.space = true;
        continue;
      }
      if (t.space) {
        if (!t.pending.empty()) {
          sep(t);
          t.out += t.pending;
          t.pending.clear();
        }
        sep(t);
      }
      t.space = false;
      t.out += c;
    }
  }
  static void sep(Text& t) {
    if (!t.out.empty() && t.out.back() != '\n' && t.out.back() != ' ') t.out += ' ';
  }
  static void newline(Text& t, const char* nl) {
    while (!t.out.empty() && t.out.back() == ' ') t.out.pop_back();
    if (t.out.empty()) return;
    std::size_t have = 0;
    for (auto it = t.out.rbegin(); it != t.out.rend() && *it == '\n'; ++it) ++have;
    std::size_t want = std::string_view(nl).size();
    while (have < want) {
      t.out += '\n';
      ++have;
    }
    t.space = false;
  }
  std::string finish(Text& t) {
    if (!t.pending.empty()) {
      sep(t);
      t.out += t.pending;
    }
    while (!t.out.empty() && (t.out.back() == '\n' || t.out.back() == ' ')) t.out.pop_back();
    return std::move(t.out);
  }

  void walk(const xmlNode* n, Text& t, int depth) {
    for (const xmlNode* c = n->children; c; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        if (c->content) chars(t, reinterpret_cast<const char*>(c->content));
      } else if (c->type == XML_ENTITY_REF_NODE) {
        std::string v;
        if (append_entity(c, v))
          chars(t, v);
        else
          ++m_left_out;
      } else if (c->type == XML_ELEMENT_NODE && depth < 512) {
        element(c, t, depth + 1);
      }
    }
  }

  void element(const xmlNode* c, Text& t, int depth) {
    std::string_view nm = name(c);
    if (skipped(nm)) return;
    if (nm == "note") {
      Text nt;
      walk(c, nt, depth);
      std::string text = finish(nt);
      if (!text.empty()) {
        std::string label = attr(c, "n");
        if (label.empty()) label = std::to_string(m_r.footnotes.size() + 1);
        m_r.footnotes.push_back({label, text});
      }
      return;
    }
    if (nm == "lb") {
      if (attr(c, "break") != "no") newline(t, "\n");
      return;
    }
    if (nm == "pb") {
      std::string n = attr(c, "n");
      if (n.empty()) return;
      std::string mark = "[p. " + n + "]";
      if (attr(c, "break") == "no") {
        t.pending = mark;  // after the word it breaks
      } else {
        sep(t);
        t.out += mark;
        t.space = true;
      }
      return;
    }
    if (nm == "choice") {
      choice(c, t, depth);
      return;
    }
    std::string_view kind = kind_of(c);
    if (!kind.empty()) {
      if (t.space) sep(t);
      t.space = false;
      std::size_t start = t.out.size();
      walk(c, t, depth);
      add_mention(c, squeeze(std::string_view(t.out).substr(std::min(start, t.out.size()))), "mentioned");
      return;
    }
    const bool is_block = block(nm);
    if (is_block) newline(t, "\n\n");
    walk(c, t, depth);
    if (is_block)
      newline(t, "\n\n");
    else if (line_element(nm))
      newline(t, "\n");
  }

  // <choice>: the corrected, regularised or expanded form is shown; the
  // other (sic, orig, abbr) is kept searchable (Record::extra "variants").
  void choice(const xmlNode* c, Text& t, int depth) {
    const xmlNode* shown = nullptr;
    for (std::string_view pref : {"corr", "reg", "expan"}) {
      if ((shown = child(c, pref))) break;
    }
    for (const xmlNode* k = c->children; k; k = k->next) {
      if (k->type == XML_ELEMENT_NODE && !shown) shown = k;  // <seg>s only: the first
    }
    for (const xmlNode* k = c->children; k; k = k->next) {
      if (k->type != XML_ELEMENT_NODE) continue;
      if (k == shown) {
        walk(k, t, depth);
      } else {
        std::string v = text_of(k);
        if (!v.empty()) m_variants.push_back(v);
      }
    }
  }

  void add_mention(const xmlNode* n, std::string text, std::string_view role) {
    std::string_view kind = kind_of(n);
    if (kind.empty() || kind == "org") return;  // Opis keeps no organisations (docs/record-format.md#tei)
    std::vector<std::string> refs = refs_of(n);
    if (refs.empty()) refs.push_back("");
    for (const auto& ref : refs) {
      ++m_tagged;
      const RegisterEntry* e = nullptr;
      if (!ref.empty()) {
        e = m_local.find(m_src.name, ref);
        if (!e && m_run) e = m_run->find(m_src.name, ref);
        if (e && e->kind != kind) e = nullptr;
      }
      std::string key = e ? "e:" + e->id : !ref.empty() ? "r:" + ref : "t:" + fold(text);
      std::string nm = e && !e->name.empty() ? e->name : text.empty() ? ref : text;
      if (kind == "person")
        person(key, nm, text, e, role);
      else
        place(key, nm, text, e);
    }
  }

  void person(const std::string& key, const std::string& nm, const std::string& form, const RegisterEntry* e,
              std::string_view role) {
    auto [it, fresh] = m_persons.emplace(key, m_r.persons.size());
    if (fresh) {
      Person p;
      p.name = nm;
      p.tagged = true;
      p.role = std::string(role);
      if (e) {
        p.surname = e->surname;
        p.aliases = e->aliases;
        p.ids = e->ids;
        p.dates = e->dates;
      }
      if (p.surname.empty()) {
        auto words = split_fields(nm, ' ');
        if (!words.empty()) p.surname = std::string(words.back());
      }
      m_r.persons.push_back(std::move(p));
    }
    Person& p = m_r.persons[it->second];
    if (role != "mentioned" && p.role == "mentioned") p.role = std::string(role);
    ++p.mentions;
    if (!form.empty() && std::find(p.forms.begin(), p.forms.end(), form) == p.forms.end()) p.forms.push_back(form);
  }

  void place(const std::string& key, const std::string& nm, const std::string& form, const RegisterEntry* e) {
    auto [it, fresh] = m_places.emplace(key, m_r.places.size());
    if (fresh) {
      Place p;
      p.name = nm;
      p.kind = "place";
      p.tagged = true;
      if (e) {
        p.aliases = e->aliases;
        p.ids = e->ids;
      }
      m_r.places.push_back(std::move(p));
    }
    Place& p = m_r.places[it->second];
    ++p.mentions;
    if (!form.empty() && std::find(p.forms.begin(), p.forms.end(), form) == p.forms.end()) p.forms.push_back(form);
  }

  const SourceRef& m_src;
  Record& m_r;
  const Register& m_local;
  const Register* m_run;
  std::map<std::string, std::size_t> m_persons, m_places;
  std::vector<std::string> m_variants;
  std::size_t m_tagged = 0;
  std::size_t m_left_out = 0;
};

// The main title of a titleStmt: type main, else level a, else the first
// that is not a series/monograph title or a date.
std::string main_title(const xmlNode* title_stmt) {
  auto titles = children(title_stmt, "title");
  for (const xmlNode* t : titles) {
    if (attr(t, "type") == "main") return text_of(t);
  }
  for (const xmlNode* t : titles) {
    if (attr(t, "level") == "a") return text_of(t);
  }
  for (const xmlNode* t : titles) {
    std::string type = attr(t, "type"), level = attr(t, "level");
    if (level != "s" && level != "m" && level != "j" && type != "sub" && type != "iso-date") return text_of(t);
  }
  return titles.empty() ? std::string() : text_of(titles.front());
}

// The document's date: correspDesc (sent), creation, the manuscript's
// origin, a title of type iso-date, then a date of the sourceDesc outside
// a bibliography (an edition's imprint date is not the document's).
Date document_date(const xmlNode* header) {
  const xmlNode* profile = child(header, "profileDesc");
  if (const xmlNode* cd = descendant(profile, "correspDesc")) {
    for (const xmlNode* a : children(cd, "correspAction")) {
      if (attr(a, "type") != "sent") continue;
      if (const xmlNode* d = child(a, "date")) return date_of(d);
    }
  }
  if (const xmlNode* d = descendant(child(profile, "creation"), "date")) return date_of(d);
  const xmlNode* source = descendant(header, "sourceDesc");
  if (const xmlNode* d = descendant(descendant(source, "msDesc"), "origDate")) return date_of(d);
  for (const xmlNode* t : children(descendant(header, "titleStmt"), "title")) {
    if (attr(t, "type") == "iso-date") return date_of(t);
  }
  for (const xmlNode* c = source ? source->children : nullptr; c; c = c->next) {
    if (is(c, "listBibl") || is(c, "biblStruct") || is(c, "bibl")) continue;
    if (const xmlNode* d = is(c, "date") ? c : descendant(c, "date")) return date_of(d);
  }
  return {};
}

std::string join_nonempty(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

// The names an <editor>/<respStmt> gives: its <name>/<persName> children,
// else its text.
std::vector<std::string> names_in(const xmlNode* n) {
  std::vector<std::string> out;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (is(c, "name") || is(c, "persName")) out.push_back(text_of(c));
  }
  if (out.empty() && !is(n, "respStmt")) out.push_back(text_of(n));
  std::erase_if(out, [](const std::string& s) { return s.empty(); });
  return out;
}

void add_unique(std::vector<std::string>& to, const std::vector<std::string>& names) {
  for (const auto& n : names) {
    if (std::find(to.begin(), to.end(), n) == to.end()) to.push_back(n);
  }
}

void header_fields(const xmlNode* header, Record& r) {
  const xmlNode* file_desc = child(header, "fileDesc");
  const xmlNode* title_stmt = child(file_desc, "titleStmt");
  r.title = main_title(title_stmt);
  r.date = document_date(header);
  for (const xmlNode* e : children(title_stmt, "editor")) add_unique(r.editors, names_in(e));
  std::vector<const xmlNode*> resps;
  descendants(file_desc, "respStmt", resps);
  for (const xmlNode* rs : resps) {
    std::string resp = fold(text_of(child(rs, "resp")));
    auto names = names_in(rs);
    if (resp.find("transl") != std::string::npos || resp.find("ubersetz") != std::string::npos ||
        resp.find("tradu") != std::string::npos)
      add_unique(r.translators, names);
    else if (resp.find("transcri") != std::string::npos || resp.find("transkri") != std::string::npos)
      add_unique(r.transcribers, names);
    else
      add_unique(r.editors, names);
  }
  if (const xmlNode* ms = descendant(descendant(file_desc, "sourceDesc"), "msIdentifier")) {
    std::string settlement = text_of(child(ms, "settlement"));
    std::string repo = text_of(child(ms, "repository"));
    r.archive = join_nonempty({repo, settlement}, ", ");
    r.reference = join_nonempty({repo, text_of(child(ms, "collection")), text_of(child(ms, "idno"))}, ", ");
  }
  const xmlNode* profile = child(header, "profileDesc");
  if (const xmlNode* lang = descendant(child(profile, "langUsage"), "language")) {
    std::string ident = attr(lang, "ident");
    r.original_language = ident.empty() ? text_of(lang) : ident;
  }
  std::vector<std::string> summaries;
  for (const xmlNode* a : children(profile, "abstract")) summaries.push_back(text_of(a));
  std::vector<const xmlNode*> sums;
  descendants(descendant(file_desc, "sourceDesc"), "summary", sums);
  for (const xmlNode* s : sums) summaries.push_back(text_of(s));
  std::vector<const xmlNode*> notes;
  descendants(file_desc, "note", notes);
  for (const xmlNode* n : notes) {
    std::string t = attr(n, "type");
    if (t == "summary" || t == "abstract" || t == "regest") summaries.push_back(text_of(n));
  }
  r.summary = join_nonempty(summaries, "\n\n");
}

// The id of a <TEI>: @xml:id, else its publicationStmt idno, else the file
// name (with its position in a corpus).
std::string document_id(const xmlNode* tei, const xmlNode* header, const SourceRef& src, std::size_t ordinal,
                        bool corpus) {
  std::string id = attr(tei, "id");
  if (id.empty()) {
    for (const xmlNode* i : children(descendant(child(header, "fileDesc"), "publicationStmt"), "idno")) {
      if (!(id = text_of(i)).empty()) break;
    }
  }
  if (id.empty()) id = corpus ? fmt::format("{}#{}", src.name, ordinal) : src.name;
  return id;
}

// A heading's text without its notes (a FRUS document's <head> carries the
// source note).
void text_without_notes(const xmlNode* n, std::string& out) {
  for (const xmlNode* c = n ? n->children : nullptr; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (c->content) out += reinterpret_cast<const char*>(c->content);
    } else if (c->type == XML_ELEMENT_NODE && !is(c, "note")) {
      text_without_notes(c, out);
    }
  }
}
std::string head_of(const xmlNode* div) {
  std::string raw;
  text_without_notes(child(div, "head"), raw);
  return squeeze(raw);
}

// The documents of a volume that holds many (the Foreign Relations of the
// United States volumes: <div type="document"> under compilations and
// chapters of the <body>), outermost first; none for an ordinary TEI.
void document_divs(const xmlNode* n, std::vector<const xmlNode*>& out) {
  for (const xmlNode* c = n ? n->children : nullptr; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (is(c, "div") && attr(c, "type") == "document")
      out.push_back(c);
    else
      document_divs(c, out);
  }
}

// A FRUS document's date: its editors' bounds frus:doc-dateTime-min/max
// (instants at Washington time: their day is the document's), one day or
// a range; else the dateline's <date>.
Date frus_date(const xmlNode* div) {
  std::string lo = attr(div, "doc-dateTime-min").substr(0, 10), hi = attr(div, "doc-dateTime-max").substr(0, 10);
  if (!lo.empty() || !hi.empty()) {
    Date d = parse_date(lo.empty() ? hi : hi.empty() || hi == lo ? lo : lo + "/" + hi).date;
    if (d.known()) return d;
  }
  if (const xmlNode* dl = descendant(div, "dateline")) {
    if (const xmlNode* d = descendant(dl, "date")) return date_of(d);
  }
  return {};
}

// The hierarchy above a document: the headings of the divisions that hold
// it (compilation, chapter), below the volume's title.
std::string division_path(const xmlNode* div, const std::string& volume) {
  std::vector<std::string> heads;
  for (const xmlNode* p = div->parent; p && p->type == XML_ELEMENT_NODE && !is(p, "body"); p = p->parent) {
    if (is(p, "div")) heads.push_back(head_of(p));
  }
  std::string path = volume;
  for (auto it = heads.rbegin(); it != heads.rend(); ++it) {
    if (it->empty()) continue;
    path += (path.empty() ? "" : " \u203a ") + *it;
  }
  return path;
}

// The outermost passages of `n` in another language than `lang` (Record::parts).
void language_parts(const xmlNode* n, const std::string& lang, Record& r) {
  for (const xmlNode* c = n ? n->children : nullptr; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    const std::string l = attr(c, "lang");
    if (!l.empty() && l != lang) {
      r.parts.push_back({l, text_of(c)});
    } else {
      language_parts(c, lang, r);
    }
  }
}

// One document of a FRUS volume to a record (docs/record-format.md#tei):
// id "<volume id>/<document xml:id>", the document's heading as title, its
// date bounds, the divisions above it as series; the volume's editors and
// registers (the persons and abbreviations lists of its front matter).
void frus_document(const xmlNode* div, const Record& volume, const SourceRef& src, std::size_t ordinal,
                   const Register& local, const ReadOptions& opts, const RecordSink& sink,
                   std::vector<Diagnostic>& diags) {
  Record r;
  r.source = src.path;
  r.format = "tei";
  std::string id = attr(div, "id");
  r.id = volume.id + "/" + (id.empty() ? fmt::format("#{}", ordinal) : id);
  r.title = head_of(div);
  r.date = frus_date(div);
  r.series = division_path(div, volume.title);
  r.editors = volume.editors;
  r.original_language = volume.original_language;
  r.text_language = volume.text_language;
  // The source note (type "source"): where the document is held, as written.
  for (const xmlNode* n : children(child(div, "head"), "note")) {
    if (attr(n, "type") != "source") continue;
    std::string s = text_of(n);
    if (s.rfind("Source: ", 0) == 0) s = s.substr(8);
    r.reference = s;
  }
  TeiWalker w(src, r, local, opts.registers.get());
  r.body = w.body(div);
  if (!w.variants().empty()) r.extra.emplace_back("variants", join_nonempty(w.variants(), " "));
  language_parts(div, r.text_language, r);
  if (w.left_out_entities()) {
    diags.push_back(diag(Severity::warning, src.path, line_of(div),
                         fmt::format("{} entity reference(s) not expanded (external, or holding markup); left out "
                                     "of the text of record '{}'",
                                     w.left_out_entities(), r.id)));
  }
  if (r.title.empty() && r.body.empty()) {
    diags.push_back(diag(Severity::warning, src.path, line_of(div),
                         fmt::format("document '{}' has no heading and no text; record skipped", r.id)));
    return;
  }
  complete_record(r);
  sink(std::move(r));
}

// One <TEI> element to a record.
void tei_record(const xmlNode* tei, const SourceRef& src, std::size_t ordinal, bool corpus, const Register& local,
                const ReadOptions& opts, const RecordSink& sink, std::vector<Diagnostic>& diags) {
  Record r;
  r.source = src.path;
  r.format = "tei";
  const xmlNode* header = child(tei, "teiHeader");
  r.id = document_id(tei, header, src, ordinal, corpus);
  header_fields(header, r);
  TeiWalker w(src, r, local, opts.registers.get());
  // correspAction: sender and addressee, as tagged persons with a role.
  if (const xmlNode* cd = descendant(child(header, "profileDesc"), "correspDesc")) {
    for (const xmlNode* a : children(cd, "correspAction")) {
      std::string type = attr(a, "type");
      std::string role = type == "sent" ? "sender" : type == "received" ? "addressee" : "mentioned";
      for (const xmlNode* c = a->children; c; c = c->next) {
        if (w.tagged(c)) w.mention(c, role);
      }
    }
  }
  const xmlNode* text = child(tei, "text");
  const xmlNode* body = descendant(text, "body");
  // A volume of documents (FRUS): a record per document, none for the
  // volume (its front matter is registers, preface and lists).
  std::vector<const xmlNode*> docs;
  document_divs(body, docs);
  if (!docs.empty()) {
    r.text_language = attr(text, "lang");
    if (r.original_language.empty()) r.original_language = r.text_language;
    std::size_t n = 0;
    for (const xmlNode* d : docs) frus_document(d, r, src, ++n, local, opts, sink, diags);
    return;
  }
  if (text) r.body = w.body(text);
  if (!w.variants().empty()) r.extra.emplace_back("variants", join_nonempty(w.variants(), " "));
  if (r.original_language.empty()) r.original_language = attr(text, "lang");
  // The text's own xml:lang is the language it is analysed in (issue 16):
  // given, not identified.
  r.text_language = attr(text, "lang");
  // Passages with their own xml:lang (a <div xml:lang="fr"> in a German
  // letter, an original beside its translation): analysed in that
  // language too (Record::parts). The outermost such element only.
  language_parts(text, r.text_language, r);
  const int line = line_of(tei);
  if (w.left_out_entities()) {
    diags.push_back(diag(Severity::warning, src.path, line,
                         fmt::format("{} entity reference(s) not expanded (external, or holding markup); left out "
                                     "of the text of record '{}'",
                                     w.left_out_entities(), r.id)));
  }
  if (!body) {
    if (r.title.empty() && r.body.empty()) {
      diags.push_back(diag(Severity::error, src.path, line,
                           fmt::format("TEI document '{}' has no <text>, no body and no title; record skipped", r.id)));
      return;
    }
    diags.push_back(diag(Severity::warning, src.path, line,
                         fmt::format("TEI document '{}' has no <body>; indexed from its header alone", r.id)));
  } else if (r.body.empty() &&
             (descendant(body, "listPerson") || descendant(body, "listPlace") || descendant(body, "listOrg"))) {
    diags.push_back(diag(Severity::warning, src.path, line,
                         fmt::format("TEI document '{}' is a register with no text; its entries resolve the "
                                     "references of the run, not indexed as a record",
                                     r.id)));
    return;
  }
  complete_record(r);
  sink(std::move(r));
}

}  // namespace

int read_tei(XmlStream& xs, const SourceRef& src, const RecordSink& sink, std::vector<Diagnostic>& diags,
             const ReadOptions& opts, const Register& local) {
  const bool corpus = xs.local_name() == "teiCorpus";
  std::size_t ordinal = 0;
  bool more = true;
  while (more) {
    if (xs.local_name() == "TEI") {
      const xmlNode* tei = xs.expand();
      if (!tei) break;
      tei_record(tei, src, ++ordinal, corpus, local, opts, sink, diags);
      more = xs.skip_to_next_element();
    } else {
      more = xs.next_element();
    }
  }
  if (xs.failed()) {
    diags.push_back(diag(Severity::error, src.path, xs.error_line(),
                         fmt::format("invalid XML: {}; {} skipped", xs.error(), ordinal ? "rest of the file" : "file"),
                         xs.error_column()));
    return 1;
  }
  if (ordinal == 0) {
    diags.push_back(diag(Severity::error, src.path, 1, "TEI corpus with no <TEI> document; file skipped"));
    return 1;
  }
  return 0;
}

}  // namespace opis::xml_detail

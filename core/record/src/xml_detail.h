// What the XML readers (xml_reader.cpp, tei_reader.cpp, ead_reader.cpp)
// share: libxml2 set up safely, a streaming parse with its errors as
// diagnostics, and small helpers over libxml2's nodes. Not public.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "opis/base/date.h"
#include "opis/base/diagnostic.h"
#include "opis/record/record_reader.h"
#include "opis/record/register.h"

namespace opis::xml_detail {

inline constexpr std::string_view kTeiNs = "http://www.tei-c.org/ns/1.0";
inline constexpr std::string_view kEad2002Ns = "urn:isbn:1-931666-22-9";
inline constexpr std::string_view kEad3Ns = "http://ead3.archivists.org/schema/";

/// A streaming parse of one XML file (libxml2's xmlTextReader) with the
/// safety options of docs/record-format.md#xml-safety: no network, no DTD
/// or external entity loaded, no entity substitution, libxml2's own limits
/// on entity amplification and depth (256; XML_PARSE_HUGE is never set).
/// The first error the parser reports is kept with its line and column.
class XmlStream {
 public:
  /// `encoding`: "UTF-8" to force it, or null to let libxml2 read the
  /// declaration and byte-order mark.
  XmlStream(std::string_view data, const char* encoding);
  ~XmlStream();
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;

  /// Move to the next element start; false at the end or on an error.
  bool next_element();
  /// Skip the current element's subtree, then move to the next element
  /// start (xmlTextReaderNext: the skipped subtree is freed).
  bool skip_to_next_element();
  std::string_view local_name() const;
  std::string_view ns() const;
  int depth() const;
  /// The current element with its whole subtree (owned by the stream,
  /// freed when it moves past it); null on an error.
  xmlNode* expand();

  bool failed() const { return m_failed; }
  /// The parser's first error: message (no trailing newline), line, column.
  const std::string& error() const { return m_error; }
  int error_line() const { return m_line; }
  int error_column() const { return m_column; }

 private:
  static void on_error(void* self, xmlErrorPtr e);
  bool advance(int ret);
  xmlTextReaderPtr m_reader = nullptr;
  bool m_failed = false;
  std::string m_error;
  int m_line = 0, m_column = 0;
};

/// The element's local name ("" for other nodes).
std::string_view name(const xmlNode* n);
bool is(const xmlNode* n, std::string_view local);
/// An attribute by local name, whatever its namespace ("id" is xml:id).
std::string attr(const xmlNode* n, std::string_view local);
/// The first child element with that local name, or null.
const xmlNode* child(const xmlNode* n, std::string_view local);
/// Every child element with that local name.
std::vector<const xmlNode*> children(const xmlNode* n, std::string_view local);
/// The first descendant element with that local name (depth first), or null.
const xmlNode* descendant(const xmlNode* n, std::string_view local);
/// Every descendant element with that local name, not looking inside them.
void descendants(const xmlNode* n, std::string_view local, std::vector<const xmlNode*>& out);
/// All the text under `n`, white space collapsed to single spaces, trimmed.
/// Entity references: see append_entity().
std::string text_of(const xmlNode* n);
/// The text an entity reference stands for: an internal entity's literal
/// value when it holds no markup and no further reference (so that no
/// expansion can grow: billion laughs), else nothing; an external entity is
/// never read. Returns false when something was left out.
bool append_entity(const xmlNode* ref, std::string& out);
/// The node's line in its file (0 unknown).
int line_of(const xmlNode* n);
/// White space runs to one space, trimmed.
std::string squeeze(std::string_view s);

/// An authority id in Opis's form ("gnd:118609807") from an identifier
/// and what names its scheme (an <idno>'s type/subtype, an EAD @source), or
/// from a URI alone (d-nb.info/gnd/, viaf.org/viaf/, geonames.org/,
/// wikidata.org/): "" when neither says a known scheme.
std::string authority_id(std::string_view scheme, std::string_view value);

/// A date from a TEI <date>/<origDate> or EAD <unitdate>: its @when,
/// @from/@to, @notBefore/@notAfter (an interval; one end alone is
/// questioned), @normal or @standarddate, else its text.
Date date_of(const xmlNode* n);

/// Parse the bytes of a TEI or EAD file (after the root element names it);
/// the readers' entry points.
int read_tei(XmlStream& xs, const SourceRef& src, const RecordSink& sink, std::vector<Diagnostic>& diags,
             const ReadOptions& opts, const Register& local);
int read_ead(XmlStream& xs, const SourceRef& src, const RecordSink& sink, std::vector<Diagnostic>& diags,
             const ReadOptions& opts);
/// Add the entries of the register elements under `n` (listPerson,
/// listPlace, listOrg; persName/placeName/orgName with an xml:id in a
/// <list>) to `reg`. Returns how many.
std::size_t add_register_entries(const xmlNode* n, const std::string& file, Register& reg);

}  // namespace opis::xml_detail

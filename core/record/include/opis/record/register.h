// Editors' registers: the persons, places and organisations a TEI edition
// lists (<listPerson>, <listPlace>, <listOrg>, or persName/placeName with an
// xml:id in a list of the front matter, as the US Foreign Relations volumes
// keep them), by the id the text's @ref/@key/@corresp points at. The TEI
// reader (tei_reader.cpp) resolves each tagged name to its entry: canonical
// name, alternative names, life dates and authority ids. A register may be
// in the file that uses it or in another file given to the same run
// (opis-index reads the registers of every XML file first). Also the
// options the readers take (ReadOptions).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace opis {

/// One entry of a register.
struct RegisterEntry {
  std::string kind;                  ///< "person", "place" or "org"
  std::string id;                    ///< its xml:id
  std::string name;                  ///< canonical, in reading order ("Arthur Schnitzler")
  std::string surname;               ///< a person's surname when the register gives it
  std::vector<std::string> aliases;  ///< every other name it gives (pseudonyms, spellings)
  /// Authority ids in Opis's form "scheme:value" (gnd, viaf, geonames,
  /// wikidata), from its <idno> elements.
  std::vector<std::string> ids;
  std::string dates;              ///< life dates "1862-05-15/1931-10-21" (persons), or ""
  std::vector<std::string> uris;  ///< the URIs of its <idno>s: a @ref may point at one
};

/// The entries of the registers of one run, found by what a reference
/// writes: "#pmb2121", "listperson.xml#pmb2121", "pmb2121", or a URI an
/// entry's <idno> gives ("https://pmb.acdh.oeaw.ac.at/entity/2121").
class Register {
 public:
  /// Add an entry found in the file named `file` (SourceRef::name).
  void add(const std::string& file, RegisterEntry e);
  /// The entry `ref` points at from a document in `file`: an id in the
  /// same file first, then any file's (the first one read wins), then a URI
  /// of an <idno>. Null when none.
  const RegisterEntry* find(const std::string& file, std::string_view ref) const;
  /// Whether the entries of `file` have been added (so that a reader need
  /// not read them again).
  bool has_file(const std::string& file) const;
  void mark_file(const std::string& file) { m_files.emplace(file, true); }
  std::size_t size() const { return m_entries.size(); }

 private:
  std::vector<RegisterEntry> m_entries;
  std::unordered_map<std::string, std::size_t> m_by_id;       ///< xml:id, first file wins
  std::unordered_map<std::string, std::size_t> m_by_file_id;  ///< file + '\x1f' + xml:id
  std::unordered_map<std::string, std::size_t> m_by_uri;      ///< an idno URI, without a trailing '/'
  std::unordered_map<std::string, bool> m_files;
};

/// What the readers are told besides the file: passed down from the front
/// end (opis-index) as a value.
struct ReadOptions {
  /// EAD: also a record for each series and subseries (default: file and
  /// item components, and the collection).
  bool ead_series = false;
  /// The registers of the run's XML files (null: each TEI file resolves its
  /// references with the registers it holds itself).
  std::shared_ptr<const Register> registers;
};

}  // namespace opis

// Readers: turn source files into Records plus Diagnostics.
//  - *.txt in the seed layout (date line, **title**, `Label:` sections),
//    or plain text without that header (indexed as body, its name inside
//    the folder given to opis-index as id: SourceRef);
//  - *.json, one record per file;  *.jsonl, one record per line;
//  - *.xml by its root element: TEI P5 (a record per <TEI>, in a
//    <teiCorpus> too) and EAD 2002 or EAD3 finding aids (a record per
//    component at the chosen levels, and the collection): xml_reader.cpp,
//    tei_reader.cpp, ead_reader.cpp.
// Bad input never throws: it becomes a Diagnostic and, where possible, a
// record is still produced (invalid UTF-8 is replaced, a bad date is kept as
// text). The format is documented in docs/record-format.md.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "opis/base/diagnostic.h"
#include "opis/record/record.h"
#include "opis/record/register.h"

namespace opis {

/// A source file as the readers see it.
///  - `path`: where it is read from, as the walk found it
///    ("../x/corpus/plain/notes.txt"); it names the file in diagnostics and
///    is Record::source (what `path:` searches and `--record` shows).
///  - `name`: its path inside the root named on the command line, folders
///    joined by '/' ("plain/notes.txt" under the folder "corpus", however
///    and from wherever that folder was written), or for a file named on
///    its own, its file name. A plain-text file's record id is its name, so
///    the id does not depend on how the path was typed (issue 14).
struct SourceRef {
  SourceRef(std::string path_, std::string name_) : path(std::move(path_)), name(std::move(name_)) {}
  /// A file named on its own: its name is its file name.
  SourceRef(const std::string& path_);  // NOLINT(google-explicit-constructor): a path is a SourceRef
  SourceRef(const char* path_);         // NOLINT(google-explicit-constructor)
  std::string path;
  std::string name;
};

/// Parse the text of one seed-layout or plain-text file `src` (its name is
/// the id of a plain file; its path is the record's source and is named in
/// diagnostics).
Record parse_seed_text(std::string_view text, const SourceRef& src, std::vector<Diagnostic>& diags);

/// Build a record from one JSON object (a .json file or a .jsonl line of
/// `src`). Throws std::invalid_argument with a message when `j` is not a
/// usable record (not an object, a field of the wrong type). Warnings (a
/// date kept as text) go to `diags`.
Record record_from_json(const nlohmann::json& j, const SourceRef& src, int line, std::vector<Diagnostic>& diags);

/// What a reader gives for each record it read.
using RecordSink = std::function<void(Record&&)>;

/// True for the file names the readers accept (.txt, .json, .jsonl, .xml).
bool is_record_file(const std::filesystem::path& p);
/// True for .xml files (their reader is chosen by their root element).
bool is_xml_file(const std::filesystem::path& p);

/// Read one file of any supported kind, passing each good record to `sink`
/// and appending problems to `diags`. Returns the number of records rejected
/// (a file that cannot be read at all counts as one).
int read_record_file(const std::filesystem::path& p, const RecordSink& sink, std::vector<Diagnostic>& diags,
                     const ReadOptions& opts = {});

/// Read a whole source file (at most 256 MB). On failure appends an error
/// and returns nothing.
std::optional<std::string> read_source_bytes(const std::filesystem::path& p, std::vector<Diagnostic>& diags);

/// Parse the bytes of one source file (as read_record_file() does after
/// reading): the extension of its path picks the reader.
int read_records(const SourceRef& src, std::string data, const RecordSink& sink, std::vector<Diagnostic>& diags,
                 const ReadOptions& opts = {});

/// Read the bytes of an XML file: TEI or EAD by its root element and
/// namespace; any other root is an error (the file is skipped). Malformed
/// XML: `path:line:col: error: invalid XML: <libxml2's message>; file
/// skipped` (records of a corpus read before the error are kept).
int read_xml_records(const SourceRef& src, std::string data, const RecordSink& sink, std::vector<Diagnostic>& diags,
                     const ReadOptions& opts = {});

/// Add the register entries of an XML file's bytes to `reg` (its problems
/// are left to the reading pass). opis-index does this for every XML file
/// before reading any, so that a register in its own file serves them all.
void load_registers(const SourceRef& src, std::string data, Register& reg);

/// Decode bytes as UTF-8: strips a BOM, replaces invalid sequences with
/// U+FFFD. Returns the 1-based line of the first invalid sequence, 0 if none.
int sanitize_utf8(std::string& text);

}  // namespace opis

// Readers: turn source files into Records plus Diagnostics.
//  - *.txt in the seed layout (date line, **title**, `Label:` sections),
//    or plain text without that header (indexed as body, path as id);
//  - *.json, one record per file;  *.jsonl, one record per line.
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

namespace opis {

/// Parse the text of one seed-layout or plain-text file. `path` names the
/// source (for the id of a plain file and for diagnostics).
Record parse_seed_text(std::string_view text, const std::string& path, std::vector<Diagnostic>& diags);

/// Build a record from one JSON object (a .json file or a .jsonl line).
/// Throws std::invalid_argument with a message when `j` is not a usable
/// record (not an object, a field of the wrong type). Warnings (a date kept
/// as text) go to `diags`.
Record record_from_json(const nlohmann::json& j, const std::string& path, int line, std::vector<Diagnostic>& diags);

/// What a reader gives for each record it read.
using RecordSink = std::function<void(Record&&)>;

/// True for the file names the readers accept (.txt, .json, .jsonl).
bool is_record_file(const std::filesystem::path& p);

/// Read one file of any supported kind, passing each good record to `sink`
/// and appending problems to `diags`. Returns the number of records rejected
/// (a file that cannot be read at all counts as one).
int read_record_file(const std::filesystem::path& p, const RecordSink& sink, std::vector<Diagnostic>& diags);

/// Read a whole source file (at most 256 MB). On failure appends an error
/// and returns nothing.
std::optional<std::string> read_source_bytes(const std::filesystem::path& p, std::vector<Diagnostic>& diags);

/// Parse the bytes of one source file (as read_record_file() does after
/// reading): the extension of `path` picks the reader.
int read_records(const std::string& path, std::string data, const RecordSink& sink, std::vector<Diagnostic>& diags);

/// Decode bytes as UTF-8: strips a BOM, replaces invalid sequences with
/// U+FFFD. Returns the 1-based line of the first invalid sequence, 0 if none.
int sanitize_utf8(std::string& text);

}  // namespace opis

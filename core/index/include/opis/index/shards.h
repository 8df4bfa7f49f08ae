// Shards: one collection over several Xapian databases, searched as one.
//
// `opis-index --shards N` puts each record in shard shard_of(id, N) and
// writes a stub database file (Xapian's own format, one line per shard:
// `auto PATH` for a local shard, `remote HOST:PORT` for one served by
// xapian-tcpsrv) that `opis-search --db STUB` opens as one database. A
// stub is plain text a user may edit, e.g. to point a shard at another
// machine. Xapian opens a stub by itself, but then one shard down fails the
// whole search without saying which: Opis reads the stub here so that it
// can name the shard, and, when asked, search the others.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace opis {

/// The shard of a record id among `n`: XXH3-64 of the id's bytes, mod n.
/// Stable across runs, machines and versions (a test pins its values), so
/// re-indexing a record always lands in the shard that holds it.
unsigned shard_of(std::string_view id, unsigned n);

/// A malformed stub file: what() is "path:line: what was wrong".
struct StubError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// One line of a stub file.
struct StubEntry {
  enum class Kind { local, tcp, program };
  Kind kind = Kind::local;
  std::string backend;   ///< local: "auto", "glass" or "chert", as written
  std::string path;      ///< local: as written; relative paths are relative to the stub's folder
  std::string resolved;  ///< local: the path opened
  std::string host;      ///< tcp
  unsigned port = 0;     ///< tcp
  std::string program;   ///< program: xapian-progsrv or the like, and its arguments
  std::string args;
  std::size_t line = 0;  ///< line number in the stub

  /// "local /x/a.shards/001", "remote 127.0.0.1:7001"
  std::string describe() const;
};

/// True when `path` names a stub file (a regular file; a database is a folder).
bool is_stub(const std::string& path);

/// Read a stub file. Blank lines and lines starting with '#' are skipped,
/// as Xapian does. Throws StubError (unreadable, unknown line, no shard).
std::vector<StubEntry> read_stub(const std::string& path);

/// Write a stub file atomically (a temporary file renamed over it), with a
/// comment header saying what wrote it. `lines` are stub lines.
void write_stub(const std::string& path, const std::vector<std::string>& lines);

/// Where `opis-index --shards` puts shard `k` of the stub at `stub`:
/// `<stub>.shards/NNN`, written in the stub relative to its folder.
std::string shard_dir(const std::string& stub, unsigned k);
/// The stub line for that shard: "auto <stub-name>.shards/NNN".
std::string shard_stub_line(const std::string& stub, unsigned k);

/// Open one shard read-only. `timeout_ms` bounds connecting to and waiting
/// for a remote server. Throws Xapian::Error.
Xapian::Database open_shard(const StubEntry& e, unsigned timeout_ms = 10000);

/// What a health check says of one shard.
struct ShardStatus {
  StubEntry entry;
  bool ok = false;
  std::string error;  ///< why not, when !ok
  Xapian::doccount records = 0;
  double milliseconds = 0;  ///< to open it and count its records
};

/// Open every shard the stub at `stub` lists (or the one database at a
/// folder path) and count its records: `opis-search --status`.
std::vector<ShardStatus> probe_shards(const std::string& stub, unsigned timeout_ms = 10000);

}  // namespace opis

// Shards: the shard of an id, and stub files (see the header).
#include "opis/index/shards.h"

#include <unistd.h>

#include <charconv>
#include <chrono>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <xxhash.h>

namespace opis {

namespace fs = std::filesystem;

unsigned shard_of(std::string_view id, unsigned n) {
  if (n <= 1) return 0;
  return static_cast<unsigned>(XXH3_64bits(id.data(), id.size()) % n);
}

std::string StubEntry::describe() const {
  switch (kind) {
    case Kind::local: return "local " + resolved;
    case Kind::tcp: return fmt::format("remote {}:{}", host, port);
    case Kind::program: return "remote :" + program + (args.empty() ? "" : " " + args);
  }
  return {};
}

bool is_stub(const std::string& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

// Xapian parses stub files itself, but only to open them all or fail; the
// format (dbfactory.cc in Xapian 1.4) is small enough to read here too.
std::vector<StubEntry> read_stub(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw StubError(fmt::format("{}: cannot read the stub file", path));
  const fs::path base = fs::absolute(fs::path(path)).parent_path();
  std::vector<StubEntry> out;
  std::string raw;
  std::size_t line_no = 0;
  while (std::getline(in, raw)) {
    ++line_no;
    std::string_view line = trim(raw);
    if (line.empty() || line[0] == '#') continue;
    auto sp = line.find_first_of(" \t");
    std::string_view type = line.substr(0, sp);
    std::string_view rest = sp == std::string_view::npos ? std::string_view{} : trim(line.substr(sp));
    auto fail = [&](std::string_view why) {
      return StubError(fmt::format("{}:{}: {} (the line reads '{}')", path, line_no, why, line));
    };
    StubEntry e;
    e.line = line_no;
    if (type == "auto" || type == "glass" || type == "chert") {
      if (rest.empty()) throw fail("a database line needs a path");
      e.kind = StubEntry::Kind::local;
      e.backend = type;
      e.path = rest;
      fs::path p(e.path);
      e.resolved = (p.is_absolute() ? p : base / p).lexically_normal().string();
    } else if (type == "remote") {
      if (rest.empty()) throw fail("a remote line needs HOST:PORT or :PROGRAM");
      if (rest[0] == ':') {
        e.kind = StubEntry::Kind::program;
        std::string_view prog = rest.substr(1);
        auto psp = prog.find_first_of(" \t");
        e.program = prog.substr(0, psp);
        if (psp != std::string_view::npos) e.args = trim(prog.substr(psp));
        if (e.program.empty()) throw fail("a remote program line needs a program");
      } else {
        auto colon = rest.rfind(':');
        if (colon == std::string_view::npos || colon == 0 || rest.find_first_of(" \t") != std::string_view::npos)
          throw fail("a remote line needs HOST:PORT (Xapian's stub format: 'remote 127.0.0.1:7001')");
        e.kind = StubEntry::Kind::tcp;
        e.host = rest.substr(0, colon);
        std::string_view port = rest.substr(colon + 1);
        unsigned v = 0;
        auto [p, ec] = std::from_chars(port.data(), port.data() + port.size(), v);
        if (ec != std::errc() || p != port.data() + port.size() || v == 0 || v > 65535)
          throw fail("the port must be a number from 1 to 65535");
        e.port = v;
      }
    } else {
      throw fail(fmt::format("unknown database type '{}' (Opis reads auto, glass, chert and remote lines)", type));
    }
    out.push_back(std::move(e));
  }
  if (out.empty()) throw StubError(fmt::format("{}: the stub file lists no database", path));
  return out;
}

void write_stub(const std::string& path, const std::vector<std::string>& lines) {
  std::string tmp = fmt::format("{}.tmp.{}", path, ::getpid());
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << "# Opis sharded index: a Xapian stub database, one shard per line.\n"
           "# Written by opis-index --shards; a line may be changed to\n"
           "# 'remote HOST:PORT' for a shard served by xapian-tcpsrv.\n";
    for (const auto& l : lines) out << l << '\n';
    out.flush();
    if (!out) throw std::runtime_error(fmt::format("{}: cannot write the stub file", tmp));
  }
  fs::rename(tmp, path);
}

std::string shard_dir(const std::string& stub, unsigned k) { return fmt::format("{}.shards/{:03}", stub, k); }

std::string shard_stub_line(const std::string& stub, unsigned k) {
  return fmt::format("auto {}.shards/{:03}", fs::path(stub).filename().string(), k);
}

Xapian::Database open_shard(const StubEntry& e, unsigned timeout_ms) {
  switch (e.kind) {
    case StubEntry::Kind::local: {
      int backend = e.backend == "glass"   ? Xapian::DB_BACKEND_GLASS
                    : e.backend == "chert" ? Xapian::DB_BACKEND_CHERT
                                           : 0;
      // Xapian would open a missing folder as an empty database in some
      // cases; a shard that is not there is an error.
      std::error_code ec;
      if (!fs::exists(e.resolved, ec)) throw Xapian::DatabaseOpeningError("no database at " + e.resolved);
      return Xapian::Database(e.resolved, backend);
    }
    case StubEntry::Kind::tcp: return Xapian::Remote::open(e.host, e.port, timeout_ms, timeout_ms);
    case StubEntry::Kind::program: return Xapian::Remote::open(e.program, e.args, timeout_ms);
  }
  throw Xapian::InvalidArgumentError("bad stub entry");
}

std::vector<ShardStatus> probe_shards(const std::string& stub, unsigned timeout_ms) {
  std::vector<StubEntry> entries;
  if (is_stub(stub)) {
    entries = read_stub(stub);
  } else {
    StubEntry e;
    e.backend = "auto";
    e.path = stub;
    e.resolved = fs::absolute(fs::path(stub)).lexically_normal().string();
    entries.push_back(e);
  }
  std::vector<ShardStatus> out;
  for (const auto& e : entries) {
    ShardStatus s;
    s.entry = e;
    auto t0 = std::chrono::steady_clock::now();
    try {
      s.records = open_shard(e, timeout_ms).get_doccount();
      s.ok = true;
    } catch (const Xapian::Error& err) {
      s.error = err.get_type() + std::string(": ") + err.get_msg();
    }
    s.milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace opis

// Collection writer for opis-gen: plans the work units, runs the threads,
// writes the files with plain POSIX calls (one open/write/close per seed
// file: iostreams cost more than the text generation at 100,000 files).
#include "collection_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "record_generator.h"

namespace opis {

namespace fs = std::filesystem;

namespace {

int digits(std::uint64_t v) {
  int n = 1;
  while (v >= 10) {
    v /= 10;
    ++n;
  }
  return n;
}

[[noreturn]] void fail(const std::string& what, const fs::path& p, int err) {
  throw std::runtime_error(fmt::format("cannot {} '{}': {}", what, p.string(), std::generic_category().message(err)));
}

// An open file we append to; written through a buffer so that a JSONL part
// costs a few large writes.
class OutFile {
 public:
  explicit OutFile(fs::path p) : m_path(std::move(p)) {
    m_fd = ::open(m_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (m_fd < 0) fail("create", m_path, errno);
  }
  OutFile(const OutFile&) = delete;
  OutFile& operator=(const OutFile&) = delete;
  ~OutFile() {
    if (m_fd >= 0) ::close(m_fd);
  }

  void write(std::string_view data) {
    while (!data.empty()) {
      ssize_t n = ::write(m_fd, data.data(), data.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        fail("write", m_path, errno);
      }
      data.remove_prefix(static_cast<std::size_t>(n));
    }
  }

  void close() {
    int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0) fail("close", m_path, errno);
  }

 private:
  fs::path m_path;
  int m_fd = -1;
};

// A unit of work: records [first, last] of one stream, into one folder of
// seed files or one JSONL part.
struct Unit {
  bool jsonl = false;
  std::uint64_t first = 0, last = 0;
  fs::path path;  // the folder (seed) or the file (JSONL)
};

}  // namespace

CollectionStats write_collection(const CollectionOptions& o, const Pools& pools) {
  const RecordGenerator gen(pools, o.seed, o.mean_words);
  // Ids "g0000001": seven digits, more when the collection needs them.
  const int id_width = std::max(7, digits(o.records));

  std::vector<Unit> units;
  if (o.jsonl && o.records > 0) {
    // JSONL parts first: they are the largest units, and starting them early
    // keeps one long part from finishing alone at the end.
    const std::uint64_t parts = (o.records + o.per_file - 1) / o.per_file;
    const int width = std::max(4, digits(parts - 1));
    fs::path dir = o.out / "jsonl";
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) fail("create folder", dir, ec.value());
    for (std::uint64_t p = 0; p < parts; ++p) {
      units.push_back({true, p * o.per_file + 1, std::min(o.records, (p + 1) * o.per_file),
                       dir / fmt::format("part-{:0{}}.jsonl", p, width)});
    }
  }
  if (o.seed_layout && o.records > 0) {
    const std::uint64_t shards = (o.records + kFilesPerFolder - 1) / kFilesPerFolder;
    const int width = std::max(3, digits(shards - 1));
    for (std::uint64_t s = 0; s < shards; ++s) {
      fs::path dir = o.out / "records" / fmt::format("{:0{}}", s, width);
      std::error_code ec;
      fs::create_directories(dir, ec);
      if (ec) fail("create folder", dir, ec.value());
      units.push_back({false, s * kFilesPerFolder + 1, std::min(o.records, (s + 1) * kFilesPerFolder), dir});
    }
  }

  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex error_mutex;
  std::exception_ptr error;
  std::vector<CollectionStats> per_thread(std::max(1u, o.threads));

  auto work = [&](CollectionStats& stats) {
    SyntheticRecord rec;
    std::string buf;
    try {
      for (std::size_t u = next++; u < units.size() && !stop; u = next++) {
        const Unit& unit = units[u];
        if (unit.jsonl) {
          OutFile f(unit.path);
          for (std::uint64_t i = unit.first; i <= unit.last; ++i) {
            gen.make('j', i, id_width, rec);
            render_jsonl(rec, buf);
            stats.words += rec.words;
            if (buf.size() >= (4u << 20)) {
              f.write(buf);
              stats.bytes += buf.size();
              buf.clear();
            }
          }
          f.write(buf);
          stats.bytes += buf.size();
          buf.clear();
          f.close();
          ++stats.files;
        } else {
          for (std::uint64_t i = unit.first; i <= unit.last; ++i) {
            gen.make('g', i, id_width, rec);
            buf.clear();
            render_seed(rec, buf);
            OutFile f(unit.path / (rec.id + ".txt"));
            f.write(buf);
            f.close();
            stats.bytes += buf.size();
            stats.words += rec.words;
            ++stats.files;
          }
        }
        stats.records += unit.last - unit.first + 1;
      }
    } catch (...) {
      std::lock_guard lock(error_mutex);
      if (!error) error = std::current_exception();
      stop = true;
    }
  };

  if (per_thread.size() == 1) {
    work(per_thread[0]);
  } else {
    std::vector<std::thread> threads;
    for (auto& s : per_thread) threads.emplace_back(work, std::ref(s));
    for (auto& t : threads) t.join();
  }
  if (error) std::rethrow_exception(error);

  CollectionStats total;
  for (const auto& s : per_thread) {
    total.records += s.records;
    total.files += s.files;
    total.bytes += s.bytes;
    total.words += s.words;
  }
  return total;
}

}  // namespace opis

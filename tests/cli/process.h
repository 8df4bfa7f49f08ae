// Result a real binary as a child process and capture its stdout, stderr and
// exit status: the end-to-end tests drive opis-index and opis-search exactly
// as a user's shell would.
#pragma once

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace opis::test {

// The programs and folders the end-to-end tests use (tests/CMakeLists.txt).
inline const std::string kIndex = OPIS_INDEX_BIN;
inline const std::string kSearch = OPIS_SEARCH_BIN;
inline const std::string kEval = OPIS_EVAL_BIN;
inline const std::filesystem::path kShared = OPIS_SHARED_CORPUS;
inline const std::filesystem::path kSource = OPIS_SOURCE_DIR;
#ifdef OPIS_GEN_BIN
inline const std::string kGen = OPIS_GEN_BIN;
#endif

struct Result {
  int status = -1;  ///< exit status, or 128+signal
  std::string out;
  std::string err;
};

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// A fresh temporary directory, removed when the object goes.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "opis-test-XXXXXX").string();
    m_path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
};

/// Result `argv` with extra environment entries ("NAME=value"), stdin from
/// /dev/null, and capture output.
inline Result run(const std::vector<std::string>& argv, const std::vector<std::string>& env = {},
                  const std::filesystem::path& cwd = {}) {
  TempDir io;
  auto out = io.path() / "out", err = io.path() / "err";
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&fa, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<std::string> args = argv;
  std::vector<std::string> envs;
  for (char** e = environ; *e; ++e) {
    std::string s = *e;
    if (s.rfind("OPIS_DB=", 0) == 0 || s.rfind("NO_COLOR=", 0) == 0) continue;
    envs.push_back(s);
  }
  for (const auto& e : env) envs.push_back(e);
  std::string cmd;
  if (!cwd.empty()) {
    // posix_spawn has no portable chdir: go through the shell.
    std::string line = "cd '" + cwd.string() + "' && exec";
    for (const auto& a : argv) line += " '" + a + "'";
    args = {"/bin/sh", "-c", line};
  }
  std::vector<char*> cargv, cenv;
  for (auto& a : args) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  for (auto& e : envs) cenv.push_back(e.data());
  cenv.push_back(nullptr);
  pid_t pid;
  Result r;
  if (posix_spawn(&pid, cargv[0], &fa, nullptr, cargv.data(), cenv.data()) == 0) {
    int st = 0;
    waitpid(pid, &st, 0);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  }
  posix_spawn_file_actions_destroy(&fa);
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

/// Start `argv` in the background with stdout/stderr to /dev/null; returns
/// its pid (or -1). Pair with finish(). With `own_group`, in a process
/// group of its own (xapian-tcpsrv, on SIGTERM, signals its whole group).
inline pid_t start(const std::vector<std::string>& argv, bool own_group = false) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  std::vector<std::string> args = argv;
  std::vector<char*> cargv;
  for (auto& a : args) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  if (own_group) {
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
  }
  pid_t pid = -1;
  if (posix_spawn(&pid, cargv[0], &fa, &attr, cargv.data(), environ) != 0) pid = -1;
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&fa);
  return pid;
}

/// Wait for a started process; its exit status, or 128+signal.
inline int finish(pid_t pid) {
  int st = 0;
  if (waitpid(pid, &st, 0) < 0) return -1;
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/// Write `text` to `p`, creating its folders.
inline void write_file(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

/// A run's status and output, for assertion messages.
inline std::string show(const Result& r) {
  return "exit " + std::to_string(r.status) + "\n--- stdout ---\n" + r.out + "\n--- stderr ---\n" + r.err;
}

/// `files` JSONL files of `per_file` records of 300 words each, ids
/// "<tag><file>-<n>" and titles "record <id>"; returns the ids. Enough text
/// that indexing takes a while (for kill and fault tests).
inline std::set<std::string> make_collection(const std::filesystem::path& dir, const std::string& tag, int files,
                                             int per_file) {
  std::filesystem::create_directories(dir);
  std::set<std::string> ids;
  std::mt19937 rng(11);
  const char* words[] = {"treaty",     "embassy", "minister", "delegation", "border",    "grain",  "missile",
                         "conference", "Moscow",  "Baghdad",  "Warsaw",     "agreement", "report", "party"};
  for (int f = 0; f < files; ++f) {
    std::ofstream out(dir / (tag + std::to_string(f) + ".jsonl"));
    for (int i = 0; i < per_file; ++i) {
      std::string id = tag + std::to_string(f) + "-" + std::to_string(i);
      std::string body;
      for (int w = 0; w < 300; ++w) body += std::string(words[rng() % 14]) + (w % 12 == 11 ? ". " : " ");
      out << nlohmann::json{{"id", id}, {"title", "record " + id}, {"date", "1961"}, {"body", body}}.dump() << '\n';
      ids.insert(id);
    }
  }
  return ids;
}

}  // namespace opis::test

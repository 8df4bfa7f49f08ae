// The index writer: the database the documents of document.h go into.
#include "opis/index/index_writer.h"

#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "opis/index/schema.h"

namespace opis {

IndexWriter::IndexWriter(const std::string& path, const IndexContext& ctx)
    : m_tg(make_term_generator()), m_ctx(ctx), m_spelling(ctx.spelling) {
  // Xapian's lock does not say who holds it: the writer leaves its pid in
  // opis-writer.pid in the database folder, and a second writer names it.
  const std::string pid_file = path + "/opis-writer.pid";
  // A run killed while Xapian was creating the database leaves table files
  // without the revision file iamglass: nothing was ever committed, but
  // opening then failed on every later run (issue 6). Create it afresh;
  // under the write lock, so never under another writer's feet.
  int action = Xapian::DB_CREATE_OR_OPEN;
  if (std::error_code ec; std::filesystem::is_directory(path, ec) && !std::filesystem::exists(path + "/iamglass", ec) &&
                          std::filesystem::exists(path + "/postlist.glass", ec)) {
    action = Xapian::DB_CREATE_OR_OVERWRITE;
  }
  try {
    m_db = Xapian::WritableDatabase(path, action);
  } catch (const Xapian::DatabaseLockError& e) {
    std::string who = "another process";
    long pid = 0;
    if (std::ifstream in(pid_file); in >> pid && pid > 0 && ::kill(static_cast<pid_t>(pid), 0) == 0) {
      std::string comm;
      std::getline(std::ifstream("/proc/" + std::to_string(pid) + "/comm"), comm);
      who = "process " + std::to_string(pid) + (comm.empty() ? "" : " (" + comm + ")");
    }
    throw DatabaseLocked("database '" + path + "' is being written by " + who + " (" + e.get_msg() + ")");
  }
  std::ofstream(pid_file, std::ios::trunc) << ::getpid() << '\n';
  // A new index gets the current schema version. An index of an older one
  // keeps its version until a whole run has rewritten it (BatchIndexer), so
  // that a killed upgrade is taken up again by the next run.
  if (m_db.get_doccount() == 0) m_db.set_metadata(kSchemaKey, std::to_string(kSchemaVersion));
}

bool IndexWriter::add(const Record& r) {
  Xapian::Document doc = make_document(r, m_tg, m_ctx);
  m_spelling.add(doc);
  std::string q = id_term(r.id);
  bool existed = m_db.term_exists(q);
  m_db.replace_document(q, doc);
  if (++m_pending >= m_commit_every) commit();
  return existed;
}

bool IndexWriter::remove(const std::string& id) {
  std::string q = id_term(id);
  if (!m_db.term_exists(q)) return false;
  m_db.delete_document(q);
  if (++m_pending >= m_commit_every) commit();
  return true;
}

std::vector<std::string> IndexWriter::metadata_keys(const std::string& prefix) const {
  std::vector<std::string> keys;
  for (auto it = m_db.metadata_keys_begin(prefix); it != m_db.metadata_keys_end(prefix); ++it) keys.push_back(*it);
  return keys;
}

void IndexWriter::commit() {
  m_spelling.flush(m_db);
  m_db.commit();
  m_pending = 0;
}

IndexWriter::~IndexWriter() {
  try {
    m_spelling.flush(m_db);
    m_db.close();
  } catch (const Xapian::Error&) {}
}

void IndexWriter::close() {
  m_spelling.flush(m_db);
  m_db.commit();
  m_db.close();
}

Xapian::doccount IndexWriter::size() const { return m_db.get_doccount(); }

}  // namespace opis

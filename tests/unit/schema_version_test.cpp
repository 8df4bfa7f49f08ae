// The schema version ("opis:schema" metadata): the writer stamps it, a
// searcher refuses an index of another version with a message that says
// what to do, and opis-index learns that an index must be read again.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <stdexcept>

#include <xapian.h>

#include "../test_context.h"
#include "opis/index/batch_indexer.h"
#include "opis/index/index_writer.h"
#include "opis/index/schema.h"
#include "scratch_dir.h"

namespace {

using namespace opis;

class SchemaVersion : public test::ScratchDir {};

TEST_F(SchemaVersion, WriterStampsItAndOlderIndexesAreRefused) {
  const std::string path = (m_dir / "db").string();
  {
    IndexWriter w(path, test::index_context());
    Record r;
    r.id = "1";
    r.body = "text";
    w.add(r);
    w.close();
  }
  {
    Xapian::Database db(path);
    EXPECT_EQ(db.get_metadata("opis:schema"), std::to_string(kSchemaVersion));
    EXPECT_NO_THROW(check_schema(db, path));
  }
  EXPECT_EQ(outdated_schema(path), std::nullopt);
  {
    Xapian::WritableDatabase w(path, Xapian::DB_OPEN);
    w.set_metadata("opis:schema", "1");
    w.commit();
  }
  Xapian::Database db(path);
  try {
    check_schema(db, "somewhere");
    FAIL() << "no error for schema 1";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()),
              "somewhere: index built by an older Opis (schema 1); run opis-index on it again to upgrade");
  }
  EXPECT_EQ(outdated_schema(path), std::optional<std::string>("1"));
  {
    Xapian::WritableDatabase w(path, Xapian::DB_OPEN);
    w.set_metadata("opis:schema", std::to_string(kSchemaVersion + 1));  // a newer Opis
    w.commit();
  }
  db.reopen();
  EXPECT_THROW(check_schema(db, path), std::runtime_error);
}

TEST_F(SchemaVersion, EmptyAndMissingIndexesAreNotOutdated) {
  const std::string path = (m_dir / "empty").string();
  {
    Xapian::WritableDatabase w(path, Xapian::DB_CREATE_OR_OPEN);
    w.set_metadata("opis:schema", "1");
    w.commit();
  }
  EXPECT_NO_THROW(check_schema(Xapian::Database(path), path));
  EXPECT_EQ(outdated_schema(path), std::nullopt);
  EXPECT_EQ(outdated_schema((m_dir / "missing").string()), std::nullopt);
}

TEST_F(SchemaVersion, AnUpgradeIsMarkedDoneOnlyWhenItsRunCompletes) {
  const std::string path = (m_dir / "db").string();
  write("src/a.jsonl", "{\"id\": \"a1\", \"title\": \"one\"}\n{\"id\": \"a2\", \"title\": \"two\"}\n");
  const std::vector<std::string> paths{(m_dir / "src").string()};
  auto quiet = [](const auto&) {};
  {
    BatchOptions opts;
    opts.context = test::index_context();
    BatchIndexer b(path, opts);
    std::atomic<bool> go{false};
    b.run(paths, quiet, quiet, go);
  }
  auto stamp = [&](const std::string& v) {
    Xapian::WritableDatabase w(path, Xapian::DB_OPEN);
    w.set_metadata(kSchemaKey, v);
    w.commit();
  };
  auto version = [&] { return Xapian::Database(path).get_metadata(kSchemaKey); };
  stamp("1");
  BatchOptions force;
  force.context = test::index_context();
  force.force = true;  // what opis-index does for an outdated index
  {
    // Opening the writer does not stamp an index that has records.
    BatchIndexer b(path, force);
    std::atomic<bool> stop{true};  // interrupted before the first file
    BatchCounts c = b.run(paths, quiet, quiet, stop);
    EXPECT_TRUE(c.interrupted);
  }
  EXPECT_EQ(version(), "1") << "a killed upgrade must be taken up again";
  {
    BatchIndexer b(path, force);
    std::atomic<bool> go{false};
    BatchCounts c = b.run(paths, quiet, quiet, go);
    EXPECT_EQ(c.replaced, 2u);
  }
  EXPECT_EQ(version(), std::to_string(kSchemaVersion));
}

}  // namespace

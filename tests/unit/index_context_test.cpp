// Issue 19: configuration travels as values. Two indexes built in one
// process, at the same time, with different indexing contexts (extraction
// on or off, spelling data on or off, two authority files) each get their
// own settings: were any of them process-wide, the second writer's would
// leak into the first one's index and these tests would fail.
#include <gtest/gtest.h>
#include <xapian.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "../test_context.h"
#include "opis/entities/authority.h"
#include "opis/entities/entity_extractor.h"
#include "opis/index/batch_indexer.h"
#include "opis/index/index_writer.h"
#include "scratch_dir.h"

namespace {

using namespace opis;

class IndexContextTest : public test::ScratchDir {};

constexpr const char* kBody =
    "The Duc de Wellington wrote to Colonel Kadhafi about Tripoli. The delegation met in Baghdad.";

// Each authority file knows one of the two persons of kBody by another name.
std::shared_ptr<const Authority> authority(const std::string& name, const std::string& alias) {
  auto a = std::make_shared<Authority>();
  a->entries.push_back({name, {alias}, {}});
  return a;
}

bool has_term(const std::string& db, const std::string& term) { return Xapian::Database(db).term_exists(term); }

bool has_prefix(const std::string& db, const std::string& prefix) {
  Xapian::Database d(db);
  return d.allterms_begin(prefix) != d.allterms_end(prefix);
}

bool has_spellings(const std::string& db) {
  Xapian::Database d(db);
  return d.spellings_begin() != d.spellings_end();
}

TEST_F(IndexContextTest, TwoWritersInOneProcessKeepTheirOwnContext) {
  const EntityExtractor gaddafi(test::gazetteer(), authority("Gaddafi, Muammar", "Qaddafi"));
  const std::string on = (m_dir / "on").string(), off = (m_dir / "off").string();
  {
    // Both open at once, records added in turn: the last one set up must
    // not decide for the other.
    IndexWriter with(on, IndexContext{&gaddafi, true});
    IndexWriter without(off, IndexContext{nullptr, false});
    for (int i = 0; i < 3; ++i) {
      Record r;
      r.id = "r" + std::to_string(i);
      r.body = kBody;
      with.add(r);
      without.add(r);
    }
    with.close();
    without.close();
  }
  EXPECT_TRUE(has_term(on, "XPNqaddafi")) << "the authority file's alias";
  EXPECT_TRUE(has_term(on, "XPLbaghdad")) << "the gazetteer's place";
  EXPECT_TRUE(has_spellings(on));
  EXPECT_FALSE(has_prefix(off, "XP")) << "--no-extract: no person or place terms";
  EXPECT_FALSE(has_spellings(off)) << "--no-spelling: no spelling data";
  EXPECT_TRUE(has_term(off, "baghdad")) << "the text itself is indexed";
}

TEST_F(IndexContextTest, TwoBulkBuildsAtOnceWithTwoAuthorityFiles) {
  std::string jsonl;
  for (int i = 0; i < 20; ++i) jsonl += "{\"id\": \"r" + std::to_string(i) + "\", \"body\": \"" + kBody + "\"}\n";
  const std::vector<std::string> paths{write("in/records.jsonl", jsonl).string()};
  const EntityExtractor gaddafi(test::gazetteer(), authority("Gaddafi, Muammar", "Qaddafi"));
  const EntityExtractor wellesley(test::gazetteer(), authority("Wellesley, Arthur", "Duc de Wellington"));
  const std::string a = (m_dir / "a").string(), b = (m_dir / "b").string();
  BatchOptions oa, ob;
  oa.context = IndexContext{&gaddafi, true};
  ob.context = IndexContext{&wellesley, false};
  oa.threads = ob.threads = 2;
  oa.batch_size = ob.batch_size = 3;  // several batches, each worker's own writer
  BatchIndexer ia(a, oa), ib(b, ob);
  const std::atomic<bool> go{false};
  auto quiet = [](const auto&) {};
  BatchCounts ca, cb;
  std::thread ta([&] { ca = ia.run(paths, quiet, quiet, go); });
  std::thread tb([&] { cb = ib.run(paths, quiet, quiet, go); });
  ta.join();
  tb.join();
  ASSERT_EQ(ca.added, 20u);
  ASSERT_EQ(cb.added, 20u);
  EXPECT_TRUE(has_term(a, "XPNqaddafi"));
  EXPECT_FALSE(has_term(a, "XPNwellesley")) << "b's authority file leaked into a";
  EXPECT_TRUE(has_term(b, "XPNwellesley"));
  EXPECT_FALSE(has_term(b, "XPNqaddafi")) << "a's authority file leaked into b";
  EXPECT_TRUE(has_spellings(a));
  EXPECT_FALSE(has_spellings(b));
}

}  // namespace

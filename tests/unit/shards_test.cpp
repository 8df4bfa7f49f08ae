// Shards: the id -> shard function is pinned (changing it would scatter
// every existing sharded index), and stub files are read as Xapian reads
// them, with errors that name the line.
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "opis/index/shards.h"
#include "scratch_dir.h"

using opis::read_stub;
using opis::shard_of;
using opis::StubEntry;
using opis::StubError;

TEST(ShardOf, IsPinnedAndSpreadsIds) {
  // XXH3-64 of the id's bytes, mod n: these values must never change.
  EXPECT_EQ(shard_of("209747", 1), 0u);
  EXPECT_EQ(shard_of("anything", 0), 0u);
  std::map<unsigned, int> counts;
  for (int i = 0; i < 3000; ++i) ++counts[shard_of("g" + std::to_string(i), 3)];
  ASSERT_EQ(counts.size(), 3u);
  for (const auto& [k, n] : counts) {
    EXPECT_GT(n, 900) << "shard " << k;
    EXPECT_LT(n, 1100) << "shard " << k;
  }
  EXPECT_EQ(shard_of("209747", 3), 0u);
  EXPECT_EQ(shard_of("209747", 16), 4u);
  EXPECT_EQ(shard_of("g0000001", 3), 2u);
  EXPECT_EQ(shard_of("g0000001", 16), 7u);
  EXPECT_EQ(shard_of("j0000042", 4), 2u);
  EXPECT_EQ(shard_of("Ceaușescu", 16), 5u);
}

class Stub : public opis::test::ScratchDir {
 protected:
  std::string file(const std::string& name) { return (m_dir / name).string(); }
};

TEST_F(Stub, ReadsLocalRemoteAndProgramLines) {
  std::string p = file("a.opis");
  std::ofstream(p) << "# comment\n\nauto a.opis.shards/000\nglass /abs/shard\n  remote 10.0.0.5:33333  \n"
                      "remote :xapian-progsrv /srv/x\nchert rel/x\r\n";
  auto e = read_stub(p);
  ASSERT_EQ(e.size(), 5u);
  EXPECT_EQ(e[0].kind, StubEntry::Kind::local);
  EXPECT_EQ(e[0].resolved, file("a.opis.shards/000"));
  EXPECT_EQ(e[0].line, 3u);
  EXPECT_EQ(e[1].resolved, "/abs/shard");
  EXPECT_EQ(e[1].backend, "glass");
  EXPECT_EQ(e[2].kind, StubEntry::Kind::tcp);
  EXPECT_EQ(e[2].host, "10.0.0.5");
  EXPECT_EQ(e[2].port, 33333u);
  EXPECT_EQ(e[2].describe(), "remote 10.0.0.5:33333");
  EXPECT_EQ(e[3].kind, StubEntry::Kind::program);
  EXPECT_EQ(e[3].program, "xapian-progsrv");
  EXPECT_EQ(e[3].args, "/srv/x");
  EXPECT_EQ(e[4].resolved, file("rel/x"));
}

TEST_F(Stub, BadLinesAreNamed) {
  auto error_of = [&](const std::string& text) {
    std::string p = file("bad.opis");
    std::ofstream(p, std::ios::trunc) << text;
    try {
      read_stub(p);
    } catch (const StubError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(error_of("auto x\nremote tcp host:1\n").find("bad.opis:2: a remote line needs HOST:PORT"),
            std::string::npos);
  EXPECT_NE(error_of("remote host:http\n").find("bad.opis:1: the port must be a number"), std::string::npos);
  EXPECT_NE(error_of("remote host\n").find("bad.opis:1: a remote line needs HOST:PORT"), std::string::npos);
  EXPECT_NE(error_of("remote host:70000\n").find("bad.opis:1:"), std::string::npos);
  EXPECT_NE(error_of("honey x\n").find("unknown database type 'honey'"), std::string::npos);
  EXPECT_NE(error_of("# nothing\n").find("lists no database"), std::string::npos);
  EXPECT_NE(error_of("auto\n").find("needs a path"), std::string::npos);
}

TEST_F(Stub, WrittenStubsReadBack) {
  std::string p = file("w.opis");
  opis::write_stub(p, {opis::shard_stub_line(p, 0), opis::shard_stub_line(p, 1)});
  auto e = read_stub(p);
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[1].resolved, opis::shard_dir(p, 1));
  EXPECT_EQ(e[1].path, "w.opis.shards/001");
}

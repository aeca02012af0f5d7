// Store over RocksDB: tables, atomic batches, the memory environment, reopening a directory,
// the lock and read-only modes (docs/node/store.md).

#include "tenet/node/store/store.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace tenet::node {
namespace {

Bytes store_bytes(std::string_view text) {
  return Bytes(text.begin(), text.end());
}

/// A fresh directory under the system temp dir, removed at the end of the test.
class StoreTempDir {
 public:
  StoreTempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("tenet-store-test-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(path_);
  }
  ~StoreTempDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::unique_ptr<Store> open_memory_store() {
  auto store = Store::open({.dir = "/mem", .in_memory = true});
  EXPECT_TRUE(store.ok()) << (store.ok() ? "" : store.error().message);
  return std::move(*store);
}

TEST(Store, PutGetEraseByTable) {
  auto store = open_memory_store();
  const Bytes key = store_bytes("k");
  EXPECT_FALSE(store->get(Table::Header, key));
  Store::Batch batch;
  batch.put(Table::Header, key, store_bytes("header"));
  batch.put(Table::Body, key, store_bytes("body"));
  EXPECT_EQ(batch.size_bytes(), 2u + 6u + 2u + 4u);
  ASSERT_TRUE(store->write(std::move(batch)).ok());
  EXPECT_EQ(store->get(Table::Header, key), store_bytes("header"));
  EXPECT_EQ(store->get(Table::Body, key), store_bytes("body"));
  EXPECT_FALSE(store->get(Table::Receipts, key));

  Store::Batch erase;
  erase.erase(Table::Header, key);
  ASSERT_TRUE(store->write(std::move(erase)).ok());
  EXPECT_FALSE(store->get(Table::Header, key));
  EXPECT_EQ(store->get(Table::Body, key), store_bytes("body"));
}

TEST(Store, NodesAndCodeAreReadersAndSinks) {
  auto store = open_memory_store();
  Hash256 node_hash{};
  node_hash[0] = 0xab;
  Hash256 code_hash{};
  code_hash[31] = 0xcd;
  Store::Batch batch;
  batch.put_node(node_hash, store_bytes("node"));
  batch.put_code(code_hash, store_bytes("code"));
  EXPECT_FALSE(store->node(node_hash));
  ASSERT_TRUE(store->write(std::move(batch)).ok());
  EXPECT_EQ(store->node(node_hash), store_bytes("node"));
  EXPECT_EQ(store->code(code_hash), store_bytes("code"));
  EXPECT_EQ(store->get(Table::Node, node_hash), store_bytes("node"));
  EXPECT_EQ(store->get(Table::Code, code_hash), store_bytes("code"));
  EXPECT_FALSE(store->node(code_hash));
}

TEST(Store, BatchIsInvisibleUntilWritten) {
  auto store = open_memory_store();
  Store::Batch batch;
  for (uint64_t i = 0; i < 100; ++i) {
    batch.put(Table::Canonical, block_number_key(i), store_bytes("hash" + std::to_string(i)));
  }
  EXPECT_FALSE(store->get(Table::Canonical, block_number_key(0)));
  Store::Batch moved = std::move(batch);
  ASSERT_TRUE(store->write(std::move(moved)).ok());
  for (uint64_t i = 0; i < 100; ++i) {
    EXPECT_EQ(store->get(Table::Canonical, block_number_key(i)),
              store_bytes("hash" + std::to_string(i)));
  }
}

TEST(Store, BlockNumberKeyIsBigEndian) {
  EXPECT_EQ(block_number_key(0), Bytes(8, 0));
  EXPECT_EQ(block_number_key(0x0102030405060708),
            (Bytes{0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08}));
}

TEST(Store, MemoryStoresAreSeparate) {
  auto a = open_memory_store();
  auto b = open_memory_store();
  Store::Batch batch;
  batch.put(Table::Meta, store_bytes("format"), store_bytes("x"));
  ASSERT_TRUE(a->write(std::move(batch)).ok());
  EXPECT_TRUE(a->get(Table::Meta, store_bytes("format")));
  EXPECT_FALSE(b->get(Table::Meta, store_bytes("format")));
}

TEST(Store, ReopenedDirectorySeesTheData) {
  StoreTempDir dir;
  {
    auto store = Store::open({.dir = dir.path(), .fsync = true});
    ASSERT_TRUE(store.ok()) << store.error().message;
    Store::Batch batch;
    batch.put(Table::Meta, store_bytes("head"), store_bytes("0xabc"));
    ASSERT_TRUE((*store)->write(std::move(batch)).ok());
  }
  auto store = Store::open({.dir = dir.path()});
  ASSERT_TRUE(store.ok()) << store.error().message;
  EXPECT_EQ((*store)->get(Table::Meta, store_bytes("head")), store_bytes("0xabc"));
}

TEST(Store, SecondOpenIsRefusedNamingTheDirectory) {
  StoreTempDir dir;
  auto first = Store::open({.dir = dir.path()});
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto second = Store::open({.dir = dir.path()});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().message,
            "data directory " + dir.path().string() + " is in use by another process");
}

TEST(Store, ReadOnlyReadsAndRefusesWrites) {
  StoreTempDir dir;
  {
    auto store = Store::open({.dir = dir.path()});
    ASSERT_TRUE(store.ok()) << store.error().message;
    Store::Batch batch;
    batch.put(Table::Meta, store_bytes("format"), store_bytes("tenet-node/1"));
    ASSERT_TRUE((*store)->write(std::move(batch)).ok());
  }
  auto store = Store::open({.dir = dir.path(), .read_only = true});
  ASSERT_TRUE(store.ok()) << store.error().message;
  EXPECT_EQ((*store)->get(Table::Meta, store_bytes("format")), store_bytes("tenet-node/1"));
  Store::Batch batch;
  batch.put(Table::Meta, store_bytes("format"), store_bytes("other"));
  auto written = (*store)->write(std::move(batch));
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().message, "the store is open read-only");
}

TEST(Store, ReadOnlyOfAMissingDirectoryFails) {
  StoreTempDir dir;
  auto store = Store::open({.dir = dir.path(), .read_only = true});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(
      store.error().message.rfind("cannot open data directory " + dir.path().string() + ": ", 0),
      0u)
      << store.error().message;
  EXPECT_FALSE(std::filesystem::exists(dir.path()));
}

}  // namespace
}  // namespace tenet::node

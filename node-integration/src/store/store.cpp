// The node's key-value store over RocksDB (docs/node/store.md): one default column family,
// keys = table tag ‖ key, one atomic WriteBatch per write, the WAL always on, a memory
// environment for --in-memory, and a node cache in front of the trie nodes.

#include "tenet/node/store/store.hpp"

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <string>

#include "tenet/node/trie/node_cache.hpp"

namespace tenet::node {

namespace {

/// The RocksDB key of `key` in `table`.
std::string store_key(Table table, ByteView key) {
  std::string out;
  out.reserve(key.size() + 1);
  out.push_back(static_cast<char>(table));
  out.append(reinterpret_cast<const char*>(key.data()), key.size());
  return out;
}

rocksdb::Slice slice_of(ByteView bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

/// Whether `status` reports the directory's LOCK file held (by this or another process).
bool is_lock_error(const rocksdb::Status& status) {
  const std::string text = status.ToString();
  return status.IsIOError() &&
         (text.find("lock file") != std::string::npos || text.find("/LOCK") != std::string::npos);
}

/// Reads trie nodes straight from RocksDB (what the node cache falls back to).
class RawNodeReader : public NodeReader {
 public:
  explicit RawNodeReader(const Store& store) : store_(store) {}
  std::optional<Bytes> node(const Hash256& hash) const override {
    return store_.get(Table::Node, hash);
  }

 private:
  const Store& store_;
};

/// Feeds the trie nodes of a written batch to the node cache.
class CacheFiller : public rocksdb::WriteBatch::Handler {
 public:
  explicit CacheFiller(NodeCache& cache) : cache_(cache) {}
  void Put(const rocksdb::Slice& key, const rocksdb::Slice& value) override {
    if (key.size() == 33 && key[0] == static_cast<char>(Table::Node)) {
      Hash256 hash;
      std::copy_n(reinterpret_cast<const uint8_t*>(key.data()) + 1, 32, hash.begin());
      cache_.insert(hash, ByteView(reinterpret_cast<const uint8_t*>(value.data()), value.size()));
    }
  }
  void Delete(const rocksdb::Slice&) override {}

 private:
  NodeCache& cache_;
};

}  // namespace

struct Store::Batch::Impl {
  rocksdb::WriteBatch batch;
  std::size_t bytes = 0;
};

Store::Batch::Batch() : impl_(std::make_unique<Impl>()) {}
Store::Batch::~Batch() = default;
Store::Batch::Batch(Batch&&) noexcept = default;
Store::Batch& Store::Batch::operator=(Batch&&) noexcept = default;

void Store::Batch::put(Table table, ByteView key, ByteView value) {
  const std::string k = store_key(table, key);
  impl_->batch.Put(k, slice_of(value));
  impl_->bytes += k.size() + value.size();
}

void Store::Batch::erase(Table table, ByteView key) {
  const std::string k = store_key(table, key);
  impl_->batch.Delete(k);
  impl_->bytes += k.size();
}

void Store::Batch::put_node(const Hash256& hash, ByteView rlp) {
  put(Table::Node, hash, rlp);
}

void Store::Batch::put_code(const Hash256& code_hash, ByteView code) {
  put(Table::Code, code_hash, code);
}

std::size_t Store::Batch::size_bytes() const {
  return impl_->bytes;
}

struct Store::Impl {
  Options options;
  /// The memory environment of --in-memory (declared first: it outlives the database).
  std::unique_ptr<rocksdb::Env> mem_env;
  std::unique_ptr<rocksdb::DB> db;
  std::unique_ptr<RawNodeReader> raw_nodes;
  std::unique_ptr<NodeCache> node_cache;
};

Result<std::unique_ptr<Store>> Store::open(const Options& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  rocksdb::Options db_options;
  db_options.create_if_missing = !options.read_only;
  db_options.keep_log_file_num = 2;
  rocksdb::BlockBasedTableOptions table;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  table.block_cache = rocksdb::NewLRUCache(std::size_t{64} << 20);
  db_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  std::string dir = options.dir.string();
  if (options.in_memory) {
    impl->mem_env.reset(rocksdb::NewMemEnv(rocksdb::Env::Default()));
    db_options.env = impl->mem_env.get();
    if (dir.empty()) dir = "/tenet-node-memory";
  }
  rocksdb::DB* raw = nullptr;
  const rocksdb::Status status = options.read_only
                                     ? rocksdb::DB::OpenForReadOnly(db_options, dir, &raw)
                                     : rocksdb::DB::Open(db_options, dir, &raw);
  if (!status.ok()) {
    if (is_lock_error(status)) {
      return vm::Error{"data directory " + dir + " is in use by another process"};
    }
    return vm::Error{"cannot open data directory " + dir + ": " + status.ToString()};
  }
  impl->db.reset(raw);
  std::unique_ptr<Store> store(new Store(std::move(impl)));
  store->impl_->raw_nodes = std::make_unique<RawNodeReader>(*store);
  store->impl_->node_cache = std::make_unique<NodeCache>(*store->impl_->raw_nodes);
  return store;
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Store::~Store() {
  if (impl_ && impl_->db) {
    impl_->db->Close().PermitUncheckedError();
    impl_->db.reset();
  }
}

std::optional<Bytes> Store::get(Table table, ByteView key) const {
  std::string value;
  const rocksdb::Status status =
      impl_->db->Get(rocksdb::ReadOptions(), store_key(table, key), &value);
  if (!status.ok()) return std::nullopt;
  return Bytes(value.begin(), value.end());
}

std::optional<Bytes> Store::node(const Hash256& hash) const {
  return impl_->node_cache->node(hash);
}

std::optional<Bytes> Store::code(const Hash256& code_hash) const {
  return get(Table::Code, code_hash);
}

Result<bool> Store::write(Batch&& batch) {
  if (impl_->options.read_only) return vm::Error{"the store is open read-only"};
  rocksdb::WriteOptions write_options;
  write_options.sync = impl_->options.fsync;
  write_options.disableWAL = false;
  const rocksdb::Status status = impl_->db->Write(write_options, &batch.impl_->batch);
  if (!status.ok()) return vm::Error{"cannot write the data directory: " + status.ToString()};
  CacheFiller filler(*impl_->node_cache);
  batch.impl_->batch.Iterate(&filler).PermitUncheckedError();
  return true;
}

Bytes block_number_key(uint64_t number) {
  Bytes key(8);
  for (int i = 0; i < 8; ++i) key[i] = static_cast<uint8_t>(number >> (56 - 8 * i));
  return key;
}

}  // namespace tenet::node

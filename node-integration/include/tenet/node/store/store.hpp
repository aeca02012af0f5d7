#pragma once
/// \file
/// The node's database: one RocksDB (default column family), keys = a table tag byte ‖ key,
/// one atomic WriteBatch per block holding everything the block changed and the head pointer
/// (docs/node/store.md). `--in-memory` opens the same Store over RocksDB's memory
/// environment: one implementation. Reads are thread-safe and never block the writer.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "tenet/node/common/types.hpp"
#include "tenet/node/state/state_view.hpp"
#include "tenet/node/trie/node_store.hpp"

namespace tenet::node {

/// The tables (the first byte of every key).
enum class Table : char {
  Meta = 'm',       ///< "format", "genesis" (JSON), "head" (block hash)
  Header = 'h',     ///< block hash → header RLP
  Canonical = 'n',  ///< block number (8 bytes big-endian) → block hash
  Body = 'b',       ///< block hash → body RLP
  Receipts = 'r',   ///< block hash → receipts
  TxIndex = 'x',    ///< tx hash → (block hash, index)
  Node = 't',       ///< trie node hash → node RLP
  Code = 'c',       ///< code hash → container
  Pending = 'p',    ///< "overrides" → the pending anvil_set* list
};

/// The node's key-value store. Also the node and code reader of every StateView.
class Store : public NodeReader, public CodeReader {
 public:
  /// How to open.
  struct Options {
    std::filesystem::path dir;
    /// RocksDB over a memory environment: nothing touches the disk.
    bool in_memory = false;
    /// Sync the WAL on every block (survives power loss, not only kill -9).
    bool fsync = false;
    /// Open read-only (--verify).
    bool read_only = false;
  };
  /// Opens (creating when missing, unless read-only). Errors: "data directory D is in use by
  /// another process" (lock held), or RocksDB's message naming the directory.
  static Result<std::unique_ptr<Store>> open(const Options& options);
  ~Store() override;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  /// The value under `key` in `table`.
  std::optional<Bytes> get(Table table, ByteView key) const;
  std::optional<Bytes> node(const Hash256& hash) const override;
  std::optional<Bytes> code(const Hash256& code_hash) const override;

  /// Writes collected for one atomic write; also where a commit emits trie nodes and code.
  class Batch : public NodeSink, public CodeSink {
   public:
    Batch();
    ~Batch() override;
    Batch(Batch&&) noexcept;
    Batch& operator=(Batch&&) noexcept;
    /// Sets `key` in `table`.
    void put(Table table, ByteView key, ByteView value);
    /// Erases `key` from `table`.
    void erase(Table table, ByteView key);
    void put_node(const Hash256& hash, ByteView rlp) override;
    void put_code(const Hash256& code_hash, ByteView code) override;
    /// Bytes written so far (keys and values).
    std::size_t size_bytes() const;

   private:
    friend class Store;
    struct Impl;
    std::unique_ptr<Impl> impl_;
  };
  /// Writes `batch` atomically: in the WAL when this returns (synced with Options::fsync).
  Result<bool> write(Batch&& batch);

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// The 8-byte big-endian key of a block number (Table::Canonical).
Bytes block_number_key(uint64_t number);

}  // namespace tenet::node

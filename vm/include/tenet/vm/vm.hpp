#pragma once
/// \file
/// The virtual machine: validates and pre-decodes containers (once per code hash) and
/// executes external frames against a Host.

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "tenet/vm/crypto.hpp"
#include "tenet/vm/host.hpp"
#include "tenet/vm/message.hpp"
#include "tenet/vm/opcodes.hpp"

namespace tenet::vm {

/// Observes every executed instruction (`tenet run --trace`). Tracing uses a separate
/// instantiation of the interpreter loop, so an absent tracer costs nothing.
class Tracer {
 public:
  virtual ~Tracer() = default;
  /// Called before each instruction executes. `stack` is the current frame's operand
  /// stack, bottom first; `gas_left` is after the block's static charge.
  virtual void on_instruction(int depth, uint16_t function, uint32_t pc, Op op, int64_t gas_left,
                              std::span<const Word> stack) = 0;
  /// Called when an external frame at `depth` starts running the code whose keccak256 is
  /// `code_hash` (the init container for a creation), before its first instruction: with it
  /// a tracer knows which code each `pc` of that depth belongs to. A frame refused before it
  /// runs (bad selector, re-entrancy, value to a non-payable function) is not announced.
  virtual void on_frame(int depth, const Hash256& code_hash) {
    (void)depth;
    (void)code_hash;
  }
};

/// VM configuration.
struct VmOptions {
  bool test_mode = false;  ///< accept CHEAT instructions (tenet test only)
  /// Bytes of decoded programs (Program::memory_bytes) the code cache keeps between
  /// transactions, least recently used evicted. The programs of the running transaction
  /// are held besides, so a transaction never reloads one (docs/vm.md, "Load once").
  size_t code_cache_bytes = size_t{16} << 20;
};

/// The trap reason of a frame whose code would take the distinct code loaded in its
/// transaction over kMaxTransactionCode.
inline constexpr std::string_view kTransactionCodeLimitReason =
    "transaction code limit of 1 MiB exceeded";

/// The selector of `Reentrancy()`, the revert data of a refused re-entrant call.
std::array<uint8_t, 4> reentrancy_selector();
/// ABI revert data `Panic(uint256(code))`.
std::vector<uint8_t> panic_data(uint8_t code);

/// Executes Tenet containers. Not thread-safe: its code cache and the running transaction's
/// bookkeeping are unsynchronised, so a host that runs transactions on several threads gives
/// each thread its own Vm.
class Vm {
 public:
  explicit Vm(VmOptions options = {});
  ~Vm();
  Vm(const Vm&) = delete;
  Vm& operator=(const Vm&) = delete;

  /// Runs one external frame. For CallKind::Call, `code` is the container stored at
  /// msg.recipient and `code_hash` its keccak256; the VM dispatches on the selector
  /// (export table, `receive`), enforces payable, view (static context) and the
  /// re-entrancy rule. For CallKind::Create, `code` is msg.init_code; the VM
  /// validates it and runs the constructor with msg.input as its call data; on
  /// Success the host stores `code` at the new address.
  ExecResult execute(Host& host, const Message& msg, std::span<const uint8_t> code,
                     const Hash256& code_hash);

  /// Installs (or with nullptr removes) an instruction tracer.
  void set_tracer(Tracer* tracer) { tracer_ = tracer; }

  /// Options in force.
  const VmOptions& options() const { return options_; }

  /// Bytes of decoded programs in the code cache now (at most options().code_cache_bytes).
  size_t code_cache_bytes_used() const;
  /// Containers parsed and pre-decoded so far (cache misses), and of those, how many were
  /// validated (the others had been validated by this VM before: docs/vm.md, "Load once").
  struct LoadCounts {
    uint64_t loaded = 0;     ///< programs built
    uint64_t validated = 0;  ///< of which fully validated
  };
  /// The load counters (for tests and diagnostics).
  LoadCounts load_counts() const;
  /// Bytes of code (container sizes, distinct code hashes) loaded by the running
  /// transaction, or by the last one when none runs; at most kMaxTransactionCode.
  size_t transaction_code_bytes() const;

  struct Impl;

 private:
  VmOptions options_;
  Tracer* tracer_ = nullptr;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tenet::vm

#pragma once
/// \file
/// Every code the runner can meet, by code hash: the contracts of `src/`, the test
/// contracts and the children they create. Traces decode calls with it, the test host
/// answers an expected revert with the zero values of the callee's results from it, failures
/// find their source line in it, the gas report names contracts and functions with it.
/// Filled once before tests run; read-only (and so shared by the workers) afterwards.

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "tenet/abi/entry.hpp"
#include "tenet/compiler/codegen.hpp"
#include "tenet/vm/crypto.hpp"

namespace tenet::runner {

/// What is known about one code.
struct KnownCode {
  std::string name;                        ///< the contract's name
  std::string source;                      ///< root-relative path of the file declaring it
  bool is_test = false;                    ///< a test contract
  std::vector<abi::AbiEntry> abi;          ///< its ABI
  std::vector<std::string> files;          ///< line table files (root-relative, std as "std/…")
  std::vector<compiler::LineEntry> lines;  ///< the line table, sorted by code offset
  size_t size = 0;                         ///< bytes of the container
};

/// A source position found for a code offset.
struct CodePosition {
  std::string file;     ///< root-relative
  uint32_t line = 0;    ///< 1-based
  uint32_t column = 0;  ///< 1-based
};

/// Code hash → KnownCode.
class ArtifactRegistry {
 public:
  /// Adds (or replaces) what is known about the code whose keccak256 is `code_hash`.
  void add(const vm::Hash256& code_hash, KnownCode code);
  /// The code, or nullptr.
  const KnownCode* find(const vm::Hash256& code_hash) const;
  /// The function entry `input`'s selector names in that code, or nullptr (unknown code,
  /// short input, unknown selector).
  const abi::AbiEntry* function(const vm::Hash256& code_hash, std::span<const uint8_t> input) const;
  /// The ABI encoding of the zero values of that function's results (`transfer` → 32 zero
  /// bytes; `name` → an empty string's encoding); empty when the function is unknown or has
  /// no results.
  std::vector<uint8_t> zero_results(const vm::Hash256& code_hash,
                                    std::span<const uint8_t> input) const;
  /// Every error entry of every known code, one per selector (for abi::decode_revert).
  const std::vector<abi::AbiEntry>& errors() const { return errors_; }
  /// Every event entry of every known code, one per (selector, indexed layout).
  const std::vector<abi::AbiEntry>& events() const { return events_; }
  /// The source position of the instruction at absolute code offset `pc` (the last line
  /// entry at or before it with a line), or none.
  std::optional<CodePosition> position(const vm::Hash256& code_hash, uint32_t pc) const;
  /// Every code, by hash.
  const std::map<vm::Hash256, KnownCode>& codes() const { return codes_; }

 private:
  std::map<vm::Hash256, KnownCode> codes_;
  std::vector<abi::AbiEntry> errors_;
  std::vector<abi::AbiEntry> events_;
};

}  // namespace tenet::runner

#pragma once
/// \file
/// The Tenet container: the unit that a deployment carries and the chain stores.
/// The byte format is specified in docs/bytecode.md; this header is its C++ shape.
/// `parse_container` checks only the framing (sizes, counts, table shapes); the
/// rules about the code itself are the validator's (validator.hpp).

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "tenet/vm/error.hpp"
#include "tenet/vm/word.hpp"

namespace tenet::vm {

/// The four magic bytes that open every container: 0x7f 'T' 'N' 'B'.
inline constexpr std::array<uint8_t, 4> kContainerMagic{0x7f, 'T', 'N', 'B'};
/// The container format version this VM reads and writes.
inline constexpr uint8_t kContainerVersion = 1;
/// "No function" marker for the constructor and receive indices.
inline constexpr uint16_t kNoFunction = 0xffff;

/// Limits enforced by the parser and validator.
struct ContainerLimits {
  static constexpr size_t kMaxContainerSize = 24576;  ///< 24 KiB (EIP-170), children included
  /// The limit in test mode (a VM that accepts cheat codes, `tenet test`): test contracts
  /// never reach a chain, and one test contract holds a whole suite of tests.
  static constexpr size_t kMaxTestContainerSize = size_t{1} << 20;
  static constexpr unsigned kMaxStack = 1024;   ///< per function
  static constexpr unsigned kMaxLocals = 4096;  ///< params + locals per function
  static constexpr unsigned kMaxParams = 255;   ///< params or results per function
};

/// Function flags (a bit set in the function table).
enum FunctionFlag : uint8_t {
  kFlagView = 1,       ///< runs in a static context when entered from outside
  kFlagPayable = 2,    ///< accepts value
  kFlagReentrant = 4,  ///< may be entered while the contract already has a frame
};

/// One entry of the function table.
struct FunctionInfo {
  uint32_t code_offset = 0;  ///< start of the body in the code section
  uint32_t code_size = 0;    ///< length of the body in bytes
  uint8_t params = 0;        ///< arguments, which become locals 0..params-1
  uint8_t results = 0;       ///< values left on the stack by RETF
  uint16_t locals = 0;       ///< further locals, zero-initialised
  uint16_t max_stack = 0;    ///< highest operand stack height (checked by the validator)
  uint8_t flags = 0;         ///< FunctionFlag bits

  bool is_view() const { return flags & kFlagView; }
  bool is_payable() const { return flags & kFlagPayable; }
  bool is_reentrant() const { return flags & kFlagReentrant; }
  friend bool operator==(const FunctionInfo&, const FunctionInfo&) = default;
};

/// One entry of the export table: an ABI selector and the function it enters.
struct ExportEntry {
  std::array<uint8_t, 4> selector{};  ///< first four bytes of keccak256(signature)
  uint16_t function = 0;              ///< index into the function table
  friend bool operator==(const ExportEntry&, const ExportEntry&) = default;
};

/// A parsed container. `code`, `children` and `metadata` are owned copies.
struct Container {
  uint16_t constructor = kNoFunction;          ///< run once at deployment, or none
  uint16_t receive = kNoFunction;              ///< run for empty call data, or none
  std::vector<FunctionInfo> functions;         ///< the function table
  std::vector<ExportEntry> exports;            ///< sorted by selector, unique
  std::vector<Word> constants;                 ///< the constant pool (PUSHC)
  std::vector<std::vector<uint8_t>> children;  ///< embedded containers for CREATE
  std::vector<uint8_t> code;                   ///< all function bodies
  std::vector<uint8_t> metadata;               ///< ignored by execution

  friend bool operator==(const Container&, const Container&) = default;
};

/// A parsed container and the number of bytes it occupied; whatever follows in the
/// input (the constructor arguments of a deployment) starts at `size`.
struct ParsedContainer {
  Container container;
  size_t size = 0;
};

/// The container size limit of a VM in test mode or not.
constexpr size_t max_container_size(bool test_mode) {
  return test_mode ? ContainerLimits::kMaxTestContainerSize : ContainerLimits::kMaxContainerSize;
}

/// Parses the framing of a container from the start of `bytes`; a container larger than
/// `max_size` bytes is a framing error.
Result<ParsedContainer> parse_container(std::span<const uint8_t> bytes,
                                        size_t max_size = ContainerLimits::kMaxContainerSize);
/// Serialises a container (the exact inverse of parse_container).
std::vector<uint8_t> serialize_container(const Container& c);

}  // namespace tenet::vm

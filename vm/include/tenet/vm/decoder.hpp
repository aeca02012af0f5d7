#pragma once
/// \file
/// The one instruction decoder. `decode_instruction` reads the instruction at a code
/// offset — its opcode, size, immediate and static jump targets — following the opcode
/// table, and says why when the bytes are not an instruction. The validator, the
/// interpreter's pre-decoder, the disassembler, the compiler's gas estimator and the
/// CLI's source-line annotation all decode through it.

#include <cstdint>
#include <iterator>
#include <span>

#include "tenet/vm/bytes.hpp"
#include "tenet/vm/error.hpp"
#include "tenet/vm/opcodes.hpp"

namespace tenet::vm {

/// The static jump targets of one instruction: a view of consecutive big-endian u32
/// code offsets inside the code it was decoded from (valid as long as that code is).
class JumpTargets {
 public:
  /// Iterates the targets in code order.
  class Iterator {
   public:
    using iterator_category = std::forward_iterator_tag;  ///< a forward range
    using value_type = uint32_t;                          ///< a code offset
    using difference_type = std::ptrdiff_t;               ///< iterator distance
    using reference = uint32_t;                           ///< targets are read, not stored
    using pointer = void;                                 ///< no addressable element
    Iterator() = default;
    /// An iterator at the target whose four bytes start at `at`.
    explicit Iterator(const uint8_t* at) : at_(at) {}
    /// The target.
    uint32_t operator*() const { return load_be<uint32_t>(at_); }
    /// Moves to the next target.
    Iterator& operator++() {
      at_ += 4;
      return *this;
    }
    /// Moves to the next target, returning the old position.
    Iterator operator++(int) {
      Iterator old = *this;
      at_ += 4;
      return old;
    }
    /// Same position.
    friend bool operator==(const Iterator&, const Iterator&) = default;

   private:
    const uint8_t* at_ = nullptr;
  };

  JumpTargets() = default;
  /// `count` targets stored from `first` on.
  JumpTargets(const uint8_t* first, uint32_t count) : first_(first), count_(count) {}

  /// The number of targets.
  uint32_t size() const { return count_; }
  /// True when the instruction has no static targets.
  bool empty() const { return count_ == 0; }
  /// Target `k` (`k < size()`).
  uint32_t operator[](uint32_t k) const { return load_be<uint32_t>(first_ + 4 * size_t{k}); }
  /// The first target.
  Iterator begin() const { return Iterator(first_); }
  /// Past the last target.
  Iterator end() const { return Iterator(first_ + 4 * size_t{count_}); }

 private:
  const uint8_t* first_ = nullptr;
  uint32_t count_ = 0;
};

/// One decoded instruction.
struct Instruction {
  uint32_t offset = 0;     ///< code offset of the opcode byte
  uint32_t size = 1;       ///< the opcode byte plus its immediate
  Op op = Op::STOP;        ///< the opcode
  uint64_t immediate = 0;  ///< the fixed immediate (0 if none); JUMPTABLE: the entry count
  /// JUMP/JUMPI: the target; JUMPTABLE: the default target, then the entries in order;
  /// otherwise none.
  JumpTargets targets;

  /// The opcode table's entry for `op`.
  const OpInfo& info() const { return op_info(op); }
};

/// Why the bytes at an offset are not an instruction.
struct DecodeError {
  /// What is wrong.
  enum class Kind : uint8_t {
    UndefinedOpcode,     ///< the byte is not in the opcode table
    TruncatedImmediate,  ///< the immediate runs past the end of the code
  };
  Kind kind = Kind::UndefinedOpcode;  ///< what is wrong
  uint32_t offset = 0;                ///< code offset of the opcode byte
  uint8_t byte = 0;                   ///< the opcode byte
  /// TruncatedImmediate: the immediate bytes the instruction needs. When even a
  /// JUMPTABLE's entry count is cut off, the entries are unknown and this is the size
  /// with none (`needed_is_minimum`).
  uint32_t needed = 0;
  bool needed_is_minimum = false;  ///< `needed` is a lower bound (see `needed`)
  uint32_t available = 0;          ///< TruncatedImmediate: bytes left after the opcode byte
};

/// The size in bytes of a JUMPTABLE's immediate with `count` entries: the u16 count,
/// the u32 default target and `count` u32 targets.
constexpr uint64_t jump_table_immediate_size(uint64_t count) {
  return 2 + 4 + 4 * count;
}

/// Decodes the instruction at `offset` of `code`. `code` ends where instructions must
/// end — for the validator, at the end of the function — so an immediate that runs
/// past it is truncated. Requires `offset < code.size()`. For validated code this never
/// fails.
Result<Instruction, DecodeError> decode_instruction(std::span<const uint8_t> code, uint32_t offset);

}  // namespace tenet::vm

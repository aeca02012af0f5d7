#pragma once
/// \file
/// ValueOps: the type-directed code shapes of irgen — deep copies, content equality,
/// ABI encoding and decoding, and storage reads and writes of whole values — each
/// emitted at the builder's insert point of an IrContext. Types whose code is large
/// (ABI and storage of reference types, copies) get one internal LLVM function per type,
/// generated on first use and reused, named after the type ("abi.decode.(uint256,string)[]").
///
/// Memory representation: irgen_context.hpp. Storage layout: language.md §10 (one slot
/// per value-type word, no packing; structs and fixed arrays take consecutive slots;
/// a map at slot p keeps k at keccak256(pad32(k) ‖ pad32(p)), for string keys
/// keccak256(k ‖ pad32(p)); a dynamic array, string or bytes at p keeps its length at p
/// and its contents from keccak256(pad32(p)), arrays one element (of `storage_slots(T)`
/// slots) after another, string/bytes in 32-byte chunks).

#include <llvm/IR/Value.h>

#include <cstdint>
#include <optional>
#include <vector>

#include "irgen_context.hpp"

namespace tenet::compiler::irgen {

/// Type-directed code generation over an IrContext.
class ValueOps {
 public:
  explicit ValueOps(IrContext& cx);

  // --- memory values -------------------------------------------------------------
  /// A deep copy of `v` (a reference type); scalars are returned unchanged.
  llvm::Value* copy(llvm::Value* v, const Type* type);
  /// `a == b` as i1: by value for scalars, by content for string/bytes.
  llvm::Value* equals(llvm::Value* a, llvm::Value* b, const Type* type);
  /// A fresh zeroed value of `type` (structs and fixed arrays get nested zeroed values
  /// for their reference-type members; dynamic arrays/string/bytes have length 0).
  llvm::Value* zero_value(const Type* type);
  /// A fresh `[T]` of `length` zeroed elements (`new [T](n)`; length: i256).
  llvm::Value* new_dynamic_array(const Type* array_type, llvm::Value* length);
  /// A fresh string/bytes value holding `data` (a literal).
  llvm::Value* bytes_literal(const std::string& data);
  /// The length (i256) of a `[T]`, string or bytes value (a `[T; N]` gives N).
  llvm::Value* length(llvm::Value* v, const Type* type);
  /// Pointer to element `index` (i256) of an array value, after a bounds check that
  /// panics with 0x32. For string/bytes: pointer to the byte.
  llvm::Value* element_ptr(llvm::Value* v, const Type* type, llvm::Value* index);
  /// Loads the element at `p` (from element_ptr or a struct field word) as an SSA value.
  llvm::Value* load_element(llvm::Value* p, const Type* element_type);
  /// Stores SSA value `v` as the element at `p`.
  void store_element(llvm::Value* p, llvm::Value* v, const Type* element_type);

  // --- ABI -------------------------------------------------------------------------
  /// abi.encode(values…) as a fresh `bytes` value, optionally after a 4-byte selector.
  llvm::Value* abi_encode(llvm::ArrayRef<llvm::Value*> values, llvm::ArrayRef<const Type*> types,
                          std::optional<uint32_t> selector = std::nullopt);
  /// Decodes `types` from the ABI encoding at `data` (a pointer) of `size` bytes (i256),
  /// validating everything: too short, offsets or lengths out of range, values that do
  /// not fit their type (e.g. a uint8 word ≥ 256, a bool word > 1, an enum out of
  /// range) → revert with empty revert data.
  std::vector<llvm::Value*> abi_decode(llvm::Value* data, llvm::Value* size, llvm::ArrayRef<const Type*> types);
  /// Decodes `types` from the call data after `offset` bytes (4 for a selector, 0 for
  /// constructor arguments), copying it into memory first.
  std::vector<llvm::Value*> abi_decode_calldata(uint32_t offset, llvm::ArrayRef<const Type*> types);

  // --- storage ---------------------------------------------------------------------
  /// Slots a value of `type` occupies at its position (1 for value types, maps,
  /// dynamic arrays, string and bytes; the sum of the parts for structs and fixed arrays).
  static uint64_t storage_slots(const Type* type);
  /// Reads a whole value of `type` stored from `slot` (i256) into a fresh SSA/memory value.
  llvm::Value* storage_load(llvm::Value* slot, const Type* type);
  /// Writes `v` of `type` to storage from `slot` (dynamic arrays/string/bytes: also
  /// clears the old elements past the new length).
  void storage_store(llvm::Value* slot, llvm::Value* v, const Type* type);
  /// The slot of `m[key]` for a map at `slot` with key type `key_type`.
  llvm::Value* map_slot(llvm::Value* slot, llvm::Value* key, const Type* key_type);
  /// The slot of element `index` (i256) of a storage array of `type` at `slot`, after a
  /// bounds check (Panic(0x32)) against the fixed length or the stored length.
  llvm::Value* array_element_slot(llvm::Value* slot, const Type* type, llvm::Value* index);
  /// `self.arr.push(v)` for a storage `[T]` at `slot`.
  void storage_push(llvm::Value* slot, const Type* array_type, llvm::Value* v);
  /// `self.arr.pop()`: removes and returns the last element (Panic(0x31) when empty).
  llvm::Value* storage_pop(llvm::Value* slot, const Type* array_type);
  /// The length (i256) of a storage `[T]`, string or bytes at `slot` (a `[T; N]` gives N).
  llvm::Value* storage_length(llvm::Value* slot, const Type* type);

  // --- hashing ---------------------------------------------------------------------
  /// keccak256 (or sha256) as language.md §9 defines it: of the raw bytes for one
  /// string/bytes argument, otherwise of abi.encode of all arguments. Result: i256.
  llvm::Value* hash(Intrinsic which, llvm::ArrayRef<llvm::Value*> values, llvm::ArrayRef<const Type*> types);

 private:
  IrContext& cx_;
};

}  // namespace tenet::compiler::irgen

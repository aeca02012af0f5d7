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

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_INTERNAL_HEADER(irgen, irgen_values.hpp)

#include <llvm/IR/Instructions.h>
#include <llvm/IR/Value.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "irgen_context.hpp"

namespace tenet::compiler::irgen {

/// Type-directed code generation over an IrContext. Create one per IrContext: the
/// per-type helper functions are cached in it.
///
/// Unsupported constructs (a map in memory, equality of arrays, …) do not produce
/// silently wrong code: the first one is recorded in `error` and the method returns a
/// placeholder of the right LLVM type. irgen must check `error` and fail the compilation
/// with it.
class ValueOps {
 public:
  explicit ValueOps(IrContext& cx);

  /// The first construct these methods could not generate code for, as a message such
  /// as "irgen: abi encoding of `map<u256, u256>` is not supported yet"; nullopt while
  /// everything generated is correct.
  std::optional<std::string> error;

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
  /// `bytesN(b)` of a `bytes` value: its first N bytes (zero-padded when shorter) as the
  /// left-aligned word.
  llvm::Value* bytes_prefix(llvm::Value* v, uint32_t n);
  /// `bytes(w)` of a `bytesN` word: a fresh `bytes` value of length N.
  llvm::Value* bytes_of_word(llvm::Value* w, uint32_t n);
  /// The length (i256) of a `[T]`, string or bytes value (a `[T; N]` gives N).
  llvm::Value* length(llvm::Value* v, const Type* type);
  /// Pointer to element `index` (i256) of an array value, after a bounds check that
  /// panics with 0x32. For string/bytes: pointer to the byte — read and write it with
  /// load_byte/store_byte, not load_element/store_element (which access whole words).
  llvm::Value* element_ptr(llvm::Value* v, const Type* type, llvm::Value* index);
  /// Loads the element at `p` (from element_ptr of an array or a struct field word) as
  /// an SSA value.
  llvm::Value* load_element(llvm::Value* p, const Type* element_type);
  /// Stores SSA value `v` as the element at `p`.
  void store_element(llvm::Value* p, llvm::Value* v, const Type* element_type);
  /// Loads the byte at `p` (element_ptr of a string/bytes value) as a `u8` (i8).
  llvm::Value* load_byte(llvm::Value* p);
  /// Stores the `u8` `v` (i8) as the byte at `p` (element_ptr of a string/bytes value).
  void store_byte(llvm::Value* p, llvm::Value* v);
  /// Pointer to word `index` (a constant) of a struct or tuple value: its field `index`.
  llvm::Value* field_ptr(llvm::Value* v, uint32_t index);

  // --- ABI -------------------------------------------------------------------------
  /// abi.encode(values…) as a fresh `bytes` value, optionally after a 4-byte selector.
  llvm::Value* abi_encode(llvm::ArrayRef<llvm::Value*> values, llvm::ArrayRef<const Type*> types,
                          std::optional<uint32_t> selector = std::nullopt);
  /// Decodes `types` from the ABI encoding at `data` (a pointer) of `size` bytes (i256),
  /// validating everything: too short, offsets or lengths out of range, values that do
  /// not fit their type (e.g. a uint8 word ≥ 256, a bool word > 1, an enum out of
  /// range) → revert with empty revert data.
  std::vector<llvm::Value*> abi_decode(llvm::Value* data, llvm::Value* size,
                                       llvm::ArrayRef<const Type*> types);
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
  /// Byte `index` (i256) of the storage string/bytes at `slot` as a `u8` (i8), after a
  /// bounds check against the stored length (Panic(0x32)).
  llvm::Value* storage_load_byte(llvm::Value* slot, llvm::Value* index);
  /// Sets byte `index` (i256) of the storage string/bytes at `slot` to the `u8` `v`,
  /// after a bounds check against the stored length (Panic(0x32)).
  void storage_store_byte(llvm::Value* slot, llvm::Value* index, llvm::Value* v);

  // --- hashing ---------------------------------------------------------------------
  /// keccak256 (or sha256) as language.md §9 defines it: of the raw bytes for one
  /// string/bytes argument, otherwise of abi.encode of all arguments. Result: i256.
  llvm::Value* hash(Intrinsic which, llvm::ArrayRef<llvm::Value*> values,
                    llvm::ArrayRef<const Type*> types);

  /// The topic of an indexed event parameter `v` of reference type `type` (not a top-level
  /// string/bytes, whose topic is `hash` of its raw bytes): keccak256 of its in-place
  /// encoding (value types as their ABI word; string/bytes as their contents zero-padded
  /// to a multiple of 32 bytes, no length; arrays and structs as their parts' in-place
  /// encodings one after another, no length or offsets). Result: i256.
  llvm::Value* indexed_topic(llvm::Value* v, const Type* type);

  // --- text (assertion messages; irgen_values_text.cpp) ------------------------------
  /// A fresh string of the strings' contents one after another.
  llvm::Value* concat(llvm::ArrayRef<llvm::Value*> strings);
  /// `v` of `type` as a fresh string (docs/language-guide.md, "Tests"): integers and enums
  /// in decimal, bool `true`/`false`, address and contracts as 0x + 40 lowercase hex
  /// digits, bytes32 as 0x + 64, string in double quotes, bytes as 0x + 2 digits a byte.
  llvm::Value* format(llvm::Value* v, const Type* type);

 private:
  /// Builds the body of a helper function (the builder is inside it).
  using HelperBody = std::function<void(llvm::Function*)>;
  /// The loop body: gets the index and the carried value, returns the next carried value.
  using LoopBody = std::function<llvm::Value*(llvm::Value* index, llvm::Value* carried)>;

  /// The internal helper `name` for `type`, generated by `body` on first use.
  llvm::Function* helper(const std::string& name, const Type* type, llvm::Type* result,
                         llvm::ArrayRef<llvm::Type*> params, const HelperBody& body);
  /// Records `what` as unsupported (the first one wins) and returns a placeholder of
  /// LLVM type `type` (null for void).
  llvm::Value* unsupported(const std::string& what, llvm::Type* type);
  /// `for (i = begin; i < end; ++i)` over i256 with one optional loop-carried value;
  /// returns the carried value after the loop (null without one).
  llvm::Value* loop(llvm::Value* begin, llvm::Value* end, llvm::Value* carried,
                    const LoopBody& body);
  /// `base + offset` bytes (offset: any integer, truncated to 32 bits).
  llvm::Value* byte_ptr(llvm::Value* base, llvm::Value* offset);
  /// `n` rounded up to a multiple of 32 (i256).
  llvm::Value* padded(llvm::Value* n);
  /// `ceil(n / 32)` (i256).
  llvm::Value* words_of(llvm::Value* n);
  /// Copies `len` (i256) bytes from `src` to `dst` (non-overlapping).
  void copy_bytes(llvm::Value* dst, llvm::Value* src, llvm::Value* len);
  /// At least `bytes` (and 64) bytes of scratch memory of the current function (one
  /// alloca in its entry block), for data that is hashed right after it is written.
  llvm::Value* scratch(uint64_t bytes = 64);
  /// The member types of a struct or tuple.
  static std::vector<const Type*> members(const Type* type);
  /// True when ValueOps can represent `type` in memory (no maps, no internal kinds).
  static bool memory_supported(const Type* type);

  // ABI
  /// True when ValueOps can encode and decode `type` (no maps; static sizes below 2^32).
  static bool abi_supported(const Type* type);
  /// True for the ABI's dynamic types: string, bytes, `[T]`, and aggregates holding one.
  static bool abi_dynamic(const Type* type);
  /// The encoded size of a static type (32 per scalar word).
  static uint64_t abi_static_size(const Type* type);
  /// What a value of `type` takes in the head of a tuple: 32 (an offset) when dynamic.
  static uint64_t abi_head_size(const Type* type);
  /// The encoded size (i256) of `v` of `type` (a constant for static types).
  llvm::Value* abi_size(llvm::Value* v, const Type* type);
  /// Encodes `v` of `type` at `dst`; returns the end of its encoding.
  llvm::Value* abi_encode_at(llvm::Value* v, const Type* type, llvm::Value* dst);
  /// Encodes the word block `words` holding `types` as a tuple starting at `start`; returns the
  /// end.
  llvm::Value* abi_encode_fields(llvm::Value* words, const std::vector<const Type*>& types,
                                 llvm::Value* start);
  /// Encodes `count` elements of `element` from the word block `words` as a tuple at `start`.
  llvm::Value* abi_encode_elements(llvm::Value* words, llvm::Value* count, const Type* element,
                                   llvm::Value* start);
  /// The total encoded size of `count` elements of `element` held in `words`.
  llvm::Value* abi_elements_size(llvm::Value* words, llvm::Value* count, const Type* element);
  /// Decodes a value of `type` whose encoding starts `start` bytes into `data` (of `size` bytes).
  llvm::Value* abi_decode_at(llvm::Value* data, llvm::Value* start, llvm::Value* size,
                             const Type* type);
  /// The word (i256) a scalar of `type` is decoded to from the ABI word at `p`, validated.
  llvm::Value* abi_decode_word(llvm::Value* p, const Type* type);
  /// The ABI word `w` of a scalar of `type`, after reverting unless it is in range.
  llvm::Value* abi_check_word(llvm::Value* w, const Type* type);
  /// Decodes `count` elements of `element` of a tuple starting at `start` into `words`.
  void abi_decode_elements(llvm::Value* data, llvm::Value* start, llvm::Value* size,
                           llvm::Value* count, const Type* element, llvm::Value* words);
  /// Decodes the tuple `types` starting at `start` into `words` (one word per member).
  void abi_decode_fields(llvm::Value* data, llvm::Value* start, llvm::Value* size,
                         const std::vector<const Type*>& types, llvm::Value* words);
  /// The offset word at `head` of a dynamic member of a tuple at `start`, checked, as
  /// the absolute start of the member.
  llvm::Value* abi_tail_start(llvm::Value* data, llvm::Value* start, llvm::Value* head,
                              llvm::Value* size);

  // in-place encoding (indexed event parameters)
  /// The in-place encoded size (i256) of `v` of `type` (a constant for ABI-static types).
  llvm::Value* inplace_size(llvm::Value* v, const Type* type);
  /// Writes the in-place encoding of `v` of `type` at `dst` (zeroed memory); returns its end.
  llvm::Value* inplace_encode_at(llvm::Value* v, const Type* type, llvm::Value* dst);

  // text
  /// The decimal digits of the word `w` (with a leading '-' for a negative signed one).
  llvm::Value* decimal(llvm::Value* w, bool is_signed);
  /// "0x" and the low `bytes` bytes of the word `w` as lowercase hex digits.
  llvm::Value* hex_word(llvm::Value* w, uint32_t bytes);
  /// "0x" and the bytes of the string/bytes value `v` as lowercase hex digits.
  llvm::Value* hex_bytes(llvm::Value* v);

  // storage
  /// `keccak256(pad32(slot))`: where a dynamic array, string or bytes at `slot` keeps its contents.
  llvm::Value* data_slot(llvm::Value* slot);
  /// `slot + index * k` (i256, wrapping).
  llvm::Value* slot_add(llvm::Value* slot, llvm::Value* index, uint64_t k);
  /// The memory word (scalar word or pointer) of a value of `type` read from `slot`.
  llvm::Value* storage_load_word(llvm::Value* slot, const Type* type);
  /// Writes the memory word `w` (scalar word or pointer) of `type` to `slot`.
  void storage_store_word(llvm::Value* slot, llvm::Value* w, const Type* type);
  /// Zeroes every slot a value of `type` at `slot` uses (contents of dynamic values too).
  void storage_clear(llvm::Value* slot, const Type* type);
  /// For byte `index` of the storage string/bytes at `slot` (bounds-checked): the slot of
  /// its chunk and the shift (i256, a multiple of 8 below 256) of the byte in that word.
  std::pair<llvm::Value*, llvm::Value*> storage_byte_position(llvm::Value* slot,
                                                              llvm::Value* index);

  IrContext& cx_;
  /// The helper functions generated so far, by name and type.
  std::map<std::pair<std::string, const Type*>, llvm::Function*> helpers_;
  /// The scratch alloca of each function that has one.
  std::map<llvm::Function*, llvm::AllocaInst*> scratch_;
};

}  // namespace tenet::compiler::irgen

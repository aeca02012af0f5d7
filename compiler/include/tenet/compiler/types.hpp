#pragma once
/// \file
/// Semantic types. Every distinct type exists once, owned by a TypeTable, so two
/// `const Type*` denote the same type exactly when they are equal. Semantic analysis
/// stores them on expressions (ast::Expr::type) and in the checked program's model
/// (checked_program.hpp), which ABI/layout emission and irgen read.

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_PUBLIC_HEADER(sema, types.hpp)

#include <compare>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace tenet::compiler {

struct StructInfo;
struct EnumInfo;
struct ContractInfo;
struct EventInfo;
struct ErrorInfo;

/// What a type is.
enum class TypeKind : uint8_t {
  integer,        ///< `u8` … `u256`, `i8` … `i256` (bits(), is_signed())
  boolean,        ///< `bool`
  address,        ///< `address`
  fixed_bytes,    ///< `bytes1` … `bytes32` (bytes_width())
  string,         ///< `string`
  bytes,          ///< `bytes`
  fixed_array,    ///< `[T; N]` (element(), length())
  dynamic_array,  ///< `[T]` (element())
  map,            ///< `map<K, V>` (key(), value()); storage only
  struct_type,    ///< a struct (struct_info())
  enum_type,      ///< an enum (enum_info())
  contract,       ///< a contract, test contract or interface (contract_info())
  tuple,          ///< `(T, U, …)`: function results and `let (a, b) = …` only (elements())
  // Kinds that only semantic analysis sees on expressions:
  int_constant,  ///< an integer literal or constant expression before it takes a type
  unit,          ///< no value: a call of a function without a result
  error_value,   ///< `Er(args)` as the reason of require / vm.expect_revert (error_info())
  event_value,   ///< `Ev(args)` as the argument of vm.expect_emit (event_info())
  invalid,       ///< an expression that failed to check (silences follow-on errors)
};

/// One semantic type. Obtain types from a TypeTable; compare them by address.
class Type {
 public:
  /// What kind of type this is.
  TypeKind kind() const { return kind_; }
  /// Width in bits of an integer type (8 … 256); 0 for other kinds.
  uint16_t bits() const { return bits_; }
  /// True for the signed integer types `i8` … `i256`.
  bool is_signed() const { return signed_; }
  /// True for the integer types (not int_constant).
  bool is_integer() const { return kind_ == TypeKind::integer; }
  /// True for unsigned integer types.
  bool is_unsigned_integer() const { return kind_ == TypeKind::integer && !signed_; }
  /// True for the fixed and dynamic array kinds.
  bool is_array() const {
    return kind_ == TypeKind::fixed_array || kind_ == TypeKind::dynamic_array;
  }
  /// The element type of an array; null otherwise.
  const Type* element() const { return element_; }
  /// The length N of `[T; N]`; 0 otherwise.
  uint64_t length() const { return length_; }
  /// The width N (1 … 32) of `bytesN`; 0 for other kinds.
  uint32_t bytes_width() const {
    return kind_ == TypeKind::fixed_bytes ? static_cast<uint32_t>(length_) : 0;
  }
  /// True for `bytesN` of any width.
  bool is_fixed_bytes() const { return kind_ == TypeKind::fixed_bytes; }
  /// The key type of a map; null otherwise.
  const Type* key() const { return element_; }
  /// The value type of a map; null otherwise.
  const Type* value() const { return value_; }
  /// The element types of a tuple (empty otherwise).
  const std::vector<const Type*>& elements() const { return elements_; }
  /// The struct of a struct type; null otherwise.
  const StructInfo* struct_info() const { return static_cast<const StructInfo*>(decl_); }
  /// The enum of an enum type; null otherwise.
  const EnumInfo* enum_info() const { return static_cast<const EnumInfo*>(decl_); }
  /// The contract or interface of a contract type; null otherwise.
  const ContractInfo* contract_info() const { return static_cast<const ContractInfo*>(decl_); }
  /// The error of an error_value; null otherwise.
  const ErrorInfo* error_info() const { return static_cast<const ErrorInfo*>(decl_); }
  /// The event of an event_value; null otherwise.
  const EventInfo* event_info() const { return static_cast<const EventInfo*>(decl_); }
  /// The name of a struct, enum or contract type ("" otherwise).
  const std::string& name() const { return name_; }

  /// True when a value of this type takes one storage slot and is copied as a word:
  /// integers, bool, address, bytes1 … bytes32, enums, contracts.
  bool is_value_type() const;
  /// True when this type is or contains a map (such types live only in storage).
  bool contains_map() const;

 private:
  friend class TypeTable;
  Type() = default;

  TypeKind kind_ = TypeKind::invalid;
  uint16_t bits_ = 0;
  bool signed_ = false;
  const Type* element_ = nullptr;
  const Type* value_ = nullptr;
  uint64_t length_ = 0;
  const void* decl_ = nullptr;
  std::string name_;
  std::vector<const Type*> elements_;
};

/// Owns and interns every type of a compilation: asking twice for the same type gives
/// the same pointer. Not copyable; pointers stay valid for the table's lifetime.
class TypeTable {
 public:
  TypeTable();
  TypeTable(const TypeTable&) = delete;
  TypeTable& operator=(const TypeTable&) = delete;

  /// `u<bits>` or `i<bits>`; bits is one of 8, 16, 32, 64, 128, 256.
  const Type* integer(uint16_t bits, bool is_signed);
  /// `u256`.
  const Type* u256() { return integer(256, false); }
  /// `u8`.
  const Type* u8() { return integer(8, false); }
  /// `u64`.
  const Type* u64() { return integer(64, false); }
  /// `bool`.
  const Type* boolean();
  /// `address`.
  const Type* address();
  /// `bytes<width>`; width is 1 … 32.
  const Type* fixed_bytes(uint32_t width);
  /// `bytes32`.
  const Type* bytes32() { return fixed_bytes(32); }
  /// `string`.
  const Type* string();
  /// `bytes`.
  const Type* bytes();
  /// `[element; length]`.
  const Type* fixed_array(const Type* element, uint64_t length);
  /// `[element]`.
  const Type* dynamic_array(const Type* element);
  /// `map<key, value>`.
  const Type* map(const Type* key, const Type* value);
  /// The type of struct `s`.
  const Type* struct_type(const StructInfo* s, const std::string& name);
  /// The type of enum `e`.
  const Type* enum_type(const EnumInfo* e, const std::string& name);
  /// The type of contract or interface `c`.
  const Type* contract_type(const ContractInfo* c, const std::string& name);
  /// `(elements…)`.
  const Type* tuple(const std::vector<const Type*>& elements);
  /// The type of an integer constant that has not taken a type yet.
  const Type* int_constant();
  /// The "no value" type.
  const Type* unit();
  /// The type of `Er(args)` for error `e`.
  const Type* error_value(const ErrorInfo* e, const std::string& name);
  /// The type of `Ev(args)` for event `e`.
  const Type* event_value(const EventInfo* e, const std::string& name);
  /// The type of an expression that failed to check.
  const Type* invalid();
  /// The primitive type spelled `name` (u8 … u256, i8 … i256, bool, address, bytes1 … bytes32,
  /// string, bytes), or null.
  const Type* primitive(std::string_view name);

 private:
  using Key = std::tuple<TypeKind, uint16_t, bool, const Type*, const Type*, uint64_t, const void*>;
  const Type* intern(Key key, const std::string& name);

  std::map<Key, std::unique_ptr<Type>> types_;
  std::map<std::vector<const Type*>, std::unique_ptr<Type>> tuples_;
};

/// The Ethereum ABI type name: "uint256", "int8", "address", "bool", "bytes4",
/// "string", "bytes", "uint8" (enums), "address" (contracts), "tuple" (structs; see
/// abi_components), "T[N]", "T[]". Maps, tuples and internal kinds give "".
std::string abi_name(const Type& type);

/// The type as Tenet spells it, for diagnostics: "u256", "[u8; 4]", "[address]",
/// "map<address, u256>", "Point", "(u256, bool)", "integer literal", "()".
std::string display_name(const Type& type);

/// The number of 32-byte storage slots a value of the type takes (language.md §10):
/// 1 for value types, maps, dynamic arrays, strings and bytes; N × slots(T) for
/// `[T; N]`; the sum of the fields for a struct.
uint64_t storage_slots(const Type& type);

}  // namespace tenet::compiler

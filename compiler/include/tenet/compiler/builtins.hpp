#pragma once
/// \file
/// The built-ins of the language (language.md §9 and the assertions of §11): the fields
/// of `msg`, `tx` and `block`, the properties and methods of addresses, arrays, `string`
/// and `bytes`, and the built-in functions. One table (`TENET_BUILTINS`) states, for each,
/// how it is written, its type, what sema requires of the place that uses it, and the
/// `tenet.*` intrinsic irgen lowers it to. Sema resolves every use to its `Builtin` id
/// (`Resolution::builtin`) and irgen switches on the id; the names are text for people.
/// The cheat codes (`vm.*`) are the table `TENET_CHEATS` of tenet/vm/cheats.hpp, whose
/// Tenet signatures are written in the same signature text as the types here.
///
/// Signature text (`parse_signature`): a type (`address`, `u64`), or a function
/// `(name: type, …)` optionally followed by ` -> result`, where a result is a type or a
/// tuple `(u8, bytes32)`. Besides the primitive types a parameter may be `T` (the element
/// type of the array a method is called on; for the assertions, the common type of the
/// operands), `error` (an error value `Er(args)`), `event` (an event value `E(args)`);
/// `name?: type` is optional, and `values...` takes any number of values of any type.
/// Several forms of one call are separated by " | ".

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_PUBLIC_HEADER(sema, builtins.hpp)

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tenet/compiler/intrinsics.hpp"
#include "tenet/compiler/types.hpp"

namespace tenet::compiler {

/// How a built-in is written.
enum class BuiltinForm : uint8_t {
  field,            ///< `msg.sender`: a field of `msg`, `tx` or `block`
  address_field,    ///< `a.balance`: a property of an address
  function,         ///< `keccak256(x)`: a function called by name
  abi_function,     ///< `abi.encode(x)`: a function of `abi`
  address_method,   ///< `a.transfer(v)`: a method of an address
  sequence_method,  ///< `xs.len()`: a method of an array, `string` or `bytes`
  test_function,    ///< `assert_eq(a, b)`: a function of test contracts
};

/// What sema requires of the place where a built-in is used (beyond its argument types).
enum class BuiltinEffect : uint8_t {
  pure,           ///< anywhere (in free functions and constants too)
  reads_env,      ///< reads the call, block or accounts: not in free functions or constants
  payable_only,   ///< reads_env, and in a `pub` function or init only when it is payable
  changes_state,  ///< changes state: only in contract functions, not in `view` ones
  test_only,      ///< only in test contracts
};

// X(ID, "name", FORM, "type", EFFECT, "action", LOWERING, "semantics")
// name: as written (`msg.sender`, `balance` for `a.balance`, `abi.encode`).
// type: its signature text (see above). action: what a use does, for sema's messages
// ("free function 'f' is pure: it cannot <action>"); empty for pure and test-only ones.
// LOWERING: the intrinsic irgen calls, or std::nullopt when irgen builds it from other
// code (ValueOps, assertions).
#define TENET_BUILTINS(X)                                                                          \
  X(msg_sender, "msg.sender", field, "address", reads_env, "read 'msg.sender'", Intrinsic::caller, \
    "the account that made the current call")                                                      \
  X(msg_value, "msg.value", field, "u256", payable_only, "read 'msg.value'", Intrinsic::callvalue, \
    "the value sent with the current call")                                                        \
  X(tx_origin, "tx.origin", field, "address", reads_env, "read 'tx.origin'", Intrinsic::origin,    \
    "the account that signed the transaction")                                                     \
  X(tx_gas_price, "tx.gas_price", field, "u256", reads_env, "read 'tx.gas_price'",                 \
    Intrinsic::gasprice, "the gas price of the transaction")                                       \
  X(block_number, "block.number", field, "u64", reads_env, "read 'block.number'",                  \
    Intrinsic::number, "the number of the current block")                                          \
  X(block_timestamp, "block.timestamp", field, "u64", reads_env, "read 'block.timestamp'",         \
    Intrinsic::timestamp, "the time of the current block, in seconds")                             \
  X(block_chain_id, "block.chain_id", field, "u256", reads_env, "read 'block.chain_id'",           \
    Intrinsic::chainid, "the id of the chain")                                                     \
  X(block_coinbase, "block.coinbase", field, "address", reads_env, "read 'block.coinbase'",        \
    Intrinsic::coinbase, "the account of the block's producer")                                    \
  X(block_gas_limit, "block.gas_limit", field, "u64", reads_env, "read 'block.gas_limit'",         \
    Intrinsic::gaslimit, "the gas limit of the current block")                                     \
  X(block_base_fee, "block.base_fee", field, "u256", reads_env, "read 'block.base_fee'",           \
    Intrinsic::basefee, "the base fee of the current block (EIP-1559)")                            \
  X(block_difficulty, "block.difficulty", field, "u256", reads_env, "read 'block.difficulty'",     \
    Intrinsic::difficulty, "the proof-of-work difficulty of the current block")                    \
  X(msg_data, "msg.data", field, "bytes", reads_env, "read 'msg.data'", std::nullopt,              \
    "the whole call data of the current call (a copy in memory)")                                  \
  X(msg_sig, "msg.sig", field, "bytes4", reads_env, "read 'msg.sig'", std::nullopt,                \
    "the first four bytes of the call data (the selector), zero-padded")                           \
  X(balance, "balance", address_field, "u256", reads_env, "read 'balance'", Intrinsic::balance,    \
    "`a.balance`: the native balance of the account")                                              \
  X(code_size, "code_size", address_field, "u256", reads_env, "read 'code_size'",                  \
    Intrinsic::extcodesize, "`a.code_size`: the size of the account's code")                       \
  X(gas_left, "gas_left", function, "() -> u64", reads_env, "read the remaining gas",              \
    Intrinsic::gas, "the gas left to the current call")                                            \
  X(blockhash, "blockhash", function, "(n: u64) -> bytes32", reads_env, "read a block hash",       \
    Intrinsic::blockhash, "the hash of block n if it is one of the 256 before the current one, else 0") \
  X(keccak256, "keccak256", function, "(values...) -> bytes32", pure, "", Intrinsic::keccak256,    \
    "of the raw bytes of one string or bytes, else of abi.encode of the arguments")                \
  X(sha256, "sha256", function, "(values...) -> bytes32", pure, "", Intrinsic::sha256,             \
    "of the raw bytes of one string or bytes, else of abi.encode of the arguments")                \
  X(ecrecover, "ecrecover", function,                                                              \
    "(digest: bytes32, v: u8, r: bytes32, s: bytes32) -> address", pure, "", Intrinsic::ecrecover, \
    "the signer of the digest, or the zero address")                                               \
  X(addmod, "addmod", function, "(a: u256, b: u256, m: u256) -> u256", pure, "",                   \
    Intrinsic::addmod, "(a + b) % m at full precision; Panic(0x12) when m is 0")                   \
  X(mulmod, "mulmod", function, "(a: u256, b: u256, m: u256) -> u256", pure, "",                   \
    Intrinsic::mulmod, "(a * b) % m at full precision; Panic(0x12) when m is 0")                   \
  X(log, "log", function, "(values...)", pure, "", Intrinsic::debuglog,                            \
    "prints abi.encode of the arguments to the test runner's output and the node's trace")         \
  X(abi_encode, "abi.encode", abi_function, "(values...) -> bytes", pure, "", std::nullopt,        \
    "the standard ABI encoding of the arguments (ValueOps::abi_encode)")                           \
  X(abi_encode_packed, "abi.encode_packed", abi_function, "(values...) -> bytes", pure, "",        \
    std::nullopt, "Solidity's packed encoding: value types in their own width, string/bytes raw")  \
  X(abi_encode_with_selector, "abi.encode_with_selector", abi_function, "(values...) -> bytes",    \
    pure, "", std::nullopt, "`(sel: bytes4, args...)`: the selector, then abi.encode of the args") \
  X(abi_decode, "abi.decode", abi_function, "(values...) -> T", pure, "", std::nullopt,            \
    "`(data: bytes, (T, ...))`: the decoded values; reverts with empty data when invalid")         \
  X(concat, "concat", function, "(values...) -> T", pure, "", std::nullopt,                        \
    "joins strings into a string, or bytes and bytesN values into bytes")                          \
  X(transfer, "transfer", address_method, "(amount: u256)", changes_state, "send value",           \
    Intrinsic::transfer, "`a.transfer(v)`: sends value; reverts with empty data on failure")       \
  X(call, "call", address_method, "(data: bytes) -> (bool, bytes)", changes_state,                 \
    "call other contracts", Intrinsic::call,                                                       \
    "`a.call{value: v, gas: g}(data)`: a raw call that never reverts: (success, returned data)")   \
  X(static_call, "static_call", address_method, "(data: bytes) -> (bool, bytes)", reads_env,       \
    "call other contracts", Intrinsic::staticcall,                                                 \
    "`a.static_call{gas: g}(data)`: a read-only raw call; never reverts: (success, data)")         \
  X(len, "len", sequence_method, "() -> u256", pure, "", std::nullopt,                             \
    "`xs.len()`: the number of elements or bytes")                                                 \
  X(push, "push", sequence_method, "(value: T)", changes_state, "write storage", std::nullopt,     \
    "`xs.push(v)` on a dynamic array in storage: appends v")                                       \
  X(pop, "pop", sequence_method, "() -> T", changes_state, "write storage", std::nullopt,          \
    "`xs.pop()` on a dynamic array in storage: removes and returns the last element")              \
  X(slice, "slice", sequence_method, "(from: u256, to: u256) -> T", pure, "", std::nullopt,        \
    "`x.slice(a, b)` on string or bytes: a copy of bytes a..b; Panic(0x32) unless a <= b <= len")  \
  X(assert_eq, "assert_eq", test_function, "(a: T, b: T, message?: string)", test_only, "",        \
    std::nullopt, "fails unless a == b")                                                           \
  X(assert_ne, "assert_ne", test_function, "(a: T, b: T, message?: string)", test_only, "",        \
    std::nullopt, "fails unless a != b")                                                           \
  X(assert_lt, "assert_lt", test_function, "(a: T, b: T, message?: string)", test_only, "",        \
    std::nullopt, "fails unless a < b")                                                            \
  X(assert_le, "assert_le", test_function, "(a: T, b: T, message?: string)", test_only, "",        \
    std::nullopt, "fails unless a <= b")                                                           \
  X(assert_gt, "assert_gt", test_function, "(a: T, b: T, message?: string)", test_only, "",        \
    std::nullopt, "fails unless a > b")                                                            \
  X(assert_ge, "assert_ge", test_function, "(a: T, b: T, message?: string)", test_only, "",        \
    std::nullopt, "fails unless a >= b")                                                           \
  X(fail, "fail", test_function, "(message: string)", test_only, "", std::nullopt,                 \
    "fails the test with the message")

/// The built-ins.
enum class Builtin : uint8_t {
#define TENET_X(id, name, form, type, effect, action, lowering, doc) id,
  TENET_BUILTINS(TENET_X)
#undef TENET_X
};

/// Everything the table says about one built-in.
struct BuiltinInfo {
  Builtin id;                          ///< its id
  std::string_view name;               ///< as written: "msg.sender", "balance", "abi.encode"
  BuiltinForm form;                    ///< how it is written
  std::string_view type;               ///< its signature text: "address", "() -> u64"
  BuiltinEffect effect;                ///< what sema requires of the place of a use
  std::string_view action;             ///< "read 'msg.sender'", "send value"; "" when pure
  std::optional<Intrinsic> intrinsic;  ///< what irgen calls, if one intrinsic
  std::string_view doc;                ///< one-line semantics
};

/// Every built-in, in table order.
std::span<const BuiltinInfo> builtins();
/// The table entry of `id`.
const BuiltinInfo& builtin_info(Builtin id);
/// The built-in written as `name` in `form` ("msg.sender" as a field, "len" as a method).
std::optional<Builtin> find_builtin(BuiltinForm form, std::string_view name);
/// True when `name` is an object of built-ins: msg, tx, block, abi (cheat codes: vm).
bool is_builtin_object(std::string_view name);

/// How a parameter of a signature takes its argument.
enum class ParamKind : uint8_t {
  value,        ///< a value of `type`
  error_value,  ///< an error value `Er(args)` (`error`)
  event_value,  ///< an event value `E(args)` (`event`)
};

/// One parameter of a signature.
struct SignatureParam {
  std::string name;                   ///< as documented ("digest")
  ParamKind kind = ParamKind::value;  ///< how it takes its argument
  const Type* type = nullptr;         ///< for values; null for `T` without a binding
  bool optional = false;              ///< `name?: type`
};

/// One form of a built-in's or cheat code's signature, its types resolved.
struct Signature {
  std::vector<SignatureParam> params;  ///< in order
  bool variadic = false;               ///< `(values...)`: any number of any values
  const Type* result = nullptr;        ///< the result type (unit when none; T may be null)

  /// The parameters' types, in order.
  std::vector<const Type*> types() const;
  /// The parameters' names, in order.
  std::vector<std::string> names() const;
};

/// Parses one form of signature text (see the file comment) with types from `types`;
/// `T` stands for `generic` (null when unbound). A bare type is a signature without
/// parameters whose result is that type. Nullopt when the text is malformed.
std::optional<Signature> parse_signature(TypeTable& types, std::string_view text,
                                         const Type* generic = nullptr);
/// The forms of signature text: "() | (m: string)" → {"()", "(m: string)"}.
std::vector<std::string_view> signature_forms(std::string_view text);

}  // namespace tenet::compiler

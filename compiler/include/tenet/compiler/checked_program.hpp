#pragma once
/// \file
/// The checked program: what semantic analysis (sema.hpp) learned about a compilation,
/// as plain data for ABI/layout emission and irgen. It owns the ASTs of every file it
/// read and the TypeTable; the model's records point into both. Records live in
/// std::deque so pointers to them stay valid while the program lives (and across a
/// move of the program).
///
/// How expressions are annotated (for irgen):
/// - Every checked expression has `ast::Expr::type` set, except the callee of a call
///   (the CallExpr carries the result type and a Resolution) and the `msg`, `tx`,
///   `block`, `vm` and `abi` objects of built-ins. A call of a function without a result
///   has type `unit`; one with several results a `tuple`.
/// - An expression whose value is known at compile time (literals, constants, folded
///   operators, enum variants, constant conversions) has its value in `constants`.
///   A literal operand inside a typed expression may keep the type `int_constant`; use
///   its value at the type of the expression that consumes it.
/// - Implicit widening (u8 → u64, i8 → i256) is not recorded on the widened expression:
///   the consumer (a let with a type, an argument, a return, an assignment, an
///   operator) converts to the type it needs. Arithmetic and bitwise operators have the
///   wider operand type; comparisons compare at the wider operand type.
/// - An array literal checked against an array type (`let xs: [u8] = [1, 2]`) has that
///   type, so `[]` and `[1, 2]` can initialise dynamic arrays.

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_PUBLIC_HEADER(sema, checked_program.hpp)

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "tenet/compiler/ast.hpp"
#include "tenet/compiler/builtins.hpp"
#include "tenet/compiler/source.hpp"
#include "tenet/compiler/types.hpp"
#include "tenet/vm/cheats.hpp"

namespace tenet::compiler {

/// A named, typed slot of a signature: a parameter, a struct field, an error parameter.
struct ParamInfo {
  std::string name;            ///< as written
  const Type* type = nullptr;  ///< resolved type
  SourceRange range;           ///< `name: T`
};

/// A compile-time value: of a `const` item or of a folded constant expression.
struct ConstantValue {
  /// Which member holds the value.
  enum class Kind { integer, boolean, string, bytes };
  Kind kind = Kind::integer;  ///< which member is set
  /// integer (also address, bytes32 and enum values): decimal, "-" first if negative
  std::string integer;
  bool boolean = false;  ///< boolean
  std::string bytes;     ///< string (UTF-8) or bytes content
};

/// `struct S { … }`.
struct StructInfo {
  std::string name;                       ///< S
  std::vector<ParamInfo> fields;          ///< in order
  std::string doc;                        ///< `///` text
  SourceRange range;                      ///< the name in the declaration
  FileId file = kNoFile;                  ///< declaring file
  const ast::StructDecl* decl = nullptr;  ///< the declaration
  const Type* type = nullptr;             ///< the struct type
  /// The index of field `field`, or -1.
  int field_index(const std::string& field) const;
};

/// `enum E { … }`.
struct EnumInfo {
  std::string name;                     ///< E
  std::vector<std::string> variants;    ///< in order; the first is 0
  std::string doc;                      ///< `///` text
  SourceRange range;                    ///< the name in the declaration
  FileId file = kNoFile;                ///< declaring file
  const ast::EnumDecl* decl = nullptr;  ///< the declaration
  const Type* type = nullptr;           ///< the enum type
};

/// One parameter of an event.
struct EventParamInfo {
  std::string name;            ///< as written
  const Type* type = nullptr;  ///< resolved type
  bool indexed = false;        ///< a topic
  SourceRange range;           ///< the whole parameter
};

/// `event E(…);`
struct EventInfo {
  std::string name;                      ///< E
  std::vector<EventParamInfo> params;    ///< in order
  std::string doc;                       ///< `///` text
  SourceRange range;                     ///< the name in the declaration
  FileId file = kNoFile;                 ///< declaring file
  const ast::EventDecl* decl = nullptr;  ///< the declaration
  /// The canonical signature hashed for topic 0: "Transfer(address,address,uint256)".
  std::string signature() const;
};

/// `error Er(…);`
struct ErrorInfo {
  std::string name;                      ///< Er
  std::vector<ParamInfo> params;         ///< in order
  std::string doc;                       ///< `///` text
  SourceRange range;                     ///< the name in the declaration
  FileId file = kNoFile;                 ///< declaring file
  const ast::ErrorDecl* decl = nullptr;  ///< the declaration
  /// The canonical signature hashed for the selector: "InsufficientBalance(uint256,uint256)".
  std::string signature() const;
};

/// A `const` item or contract constant.
struct ConstInfo {
  std::string name;                      ///< the constant
  const Type* type = nullptr;            ///< its declared type
  std::optional<ConstantValue> value;    ///< its value (absent if it failed to fold)
  std::string doc;                       ///< `///` text
  SourceRange range;                     ///< the name in the declaration
  FileId file = kNoFile;                 ///< declaring file
  const ast::ConstDecl* decl = nullptr;  ///< the declaration
  const ContractInfo* owner = nullptr;   ///< the contract, or null for a top-level const
};

struct FieldInfo;

/// A function: free, a contract member, an interface declaration, or the synthesised
/// getter of a `pub` field.
struct FunctionInfo {
  std::string name;                                    ///< the function's name
  ast::FunctionKind kind = ast::FunctionKind::normal;  ///< normal, test or invariant
  bool is_pub = false;                      ///< in the ABI (always true in interfaces and getters)
  bool is_view = false;                     ///< `view` (getters are view)
  bool is_payable = false;                  ///< `payable`
  bool is_reentrant = false;                ///< `reentrant`
  bool is_receive = false;                  ///< `pub payable fn receive()`
  std::vector<ParamInfo> params;            ///< parameters (a getter's keys/indices, named "")
  std::vector<const Type*> results;         ///< result types; several for `-> (A, B)`
  std::string doc;                          ///< `///` text
  SourceRange range;                        ///< the name in the declaration
  FileId file = kNoFile;                    ///< declaring file
  const ast::FunctionDecl* decl = nullptr;  ///< the declaration (null for getters)
  const ContractInfo* owner = nullptr;      ///< the contract/interface; null for free functions
  const FieldInfo* getter_of = nullptr;     ///< the field, for a getter
  /// (1.1) the component that declares it (null for a contract's own function)
  const ContractInfo* component = nullptr;
  /// (1.1) in a contract or component that uses the declaring component: the component's
  /// own FunctionInfo this one copies (null for a declaration)
  const FunctionInfo* origin = nullptr;
  /// The declaration: `*origin` for a copy, else this.
  const FunctionInfo& declaration() const { return origin != nullptr ? *origin : *this; }
  /// 1.1: the ABI name given with `as "…"` (empty: the ABI uses `name`).
  std::string external_name;
  /// The name in the ABI, the selector and the signature: `external_name` or `name`.
  const std::string& abi_name() const;
  /// The canonical signature hashed for the selector: "transfer(address,uint256)" (with
  /// the ABI name).
  std::string signature() const;
};

/// A storage field of a contract.
struct FieldInfo {
  std::string name;                      ///< the field
  const Type* type = nullptr;            ///< its type
  bool is_pub = false;                   ///< has a getter
  uint64_t slot = 0;                     ///< first storage slot (language.md §10)
  std::string doc;                       ///< `///` text
  SourceRange range;                     ///< the name in the declaration
  const ast::FieldDecl* decl = nullptr;  ///< the declaration
  /// (1.1) the component that declares it (null for a contract's own field)
  const ContractInfo* component = nullptr;
  /// (1.1) in a contract or component that uses the declaring component: the component's
  /// own FieldInfo this one copies, at this contract's slot (null for a declaration)
  const FieldInfo* origin = nullptr;
  /// The declaration: `*origin` for a copy, else this.
  const FieldInfo& declaration() const { return origin != nullptr ? *origin : *this; }
};

/// The constructor of a contract.
struct InitInfo {
  bool is_payable = false;              ///< accepts value at deployment
  std::vector<ParamInfo> params;        ///< constructor parameters
  std::string doc;                      ///< `///` text
  SourceRange range;                    ///< the whole member
  const ast::InitDecl* decl = nullptr;  ///< the declaration
};

/// A contract, test contract, interface or (1.1) component.
///
/// A contract (or component) that `uses` components holds copies of their fields,
/// functions and getters (`origin` set), components' fields first (language.md §10);
/// component constants stay in the component and are found through `components`.
struct ContractInfo {
  /// Which of the four.
  enum class Kind { contract, test_contract, interface, component };
  std::string name;                         ///< C
  Kind kind = Kind::contract;               ///< contract, test contract or interface
  std::deque<FieldInfo> fields;             ///< storage fields in slot order
  std::deque<ConstInfo> consts;             ///< contract constants
  std::deque<FunctionInfo> functions;       ///< functions in source order (receive included)
  std::deque<FunctionInfo> getters;         ///< getters of the pub fields, in field order
  std::optional<InitInfo> init;             ///< the constructor, if written
  const FunctionInfo* receive = nullptr;    ///< `receive`, if written
  std::vector<const EventInfo*> events;     ///< events in scope in the declaring file
  std::vector<const ErrorInfo*> errors;     ///< errors in scope in the declaring file
  std::string doc;                          ///< `///` text
  SourceRange range;                        ///< the name in the declaration
  FileId file = kNoFile;                    ///< declaring file
  const ast::ContractDecl* decl = nullptr;  ///< the declaration (contracts)
  const ast::InterfaceDecl* interface_decl = nullptr;  ///< the declaration (interfaces)
  const Type* type = nullptr;                          ///< the contract type
  uint64_t storage_size = 0;                           ///< slots used by the fields
  std::vector<const ContractInfo*> uses;  ///< (1.1) the components after `uses`, in order
  /// (1.1) every component included, directly or not, each once in storage order
  std::vector<const ContractInfo*> components;

  /// The function named `name`, or null.
  const FunctionInfo* find_function(const std::string& name) const;
  /// The field named `name`, or null.
  const FieldInfo* find_field(const std::string& name) const;
  /// (1.1) This contract's field for `field`: its copy of a component's field (with this
  /// contract's slot), or `field` itself when it is the contract's own.
  const FieldInfo& field_for(const FieldInfo& field) const;
};

/// What a name, member or call in a function body refers to (for irgen). Absent for
/// expressions whose meaning their AST node and type already say.
struct Resolution {
  /// The kinds of referents.
  enum class Kind {
    local,          ///< a local or parameter (`decl_range` is its declaration)
    constant,       ///< a `const` (constant)
    free_call,      ///< a call of a free function (function)
    internal_call,  ///< `self.f(…)` (function)
    external_call,  ///< `c.f(…)` / `I(a).f(…)` on another contract (function; a getter too)
    conversion,     ///< `T(x)` (target)
    builtin,        ///< a built-in: `msg.sender`, `keccak256`, `vm.prank`, `a.balance`, … (name)
    struct_field,   ///< `s.f` (index)
    storage_field,  ///< `self.f` (field)
    enum_variant,   ///< `E::V` (index)
    error_value,    ///< `Er(args)`
    event_value,    ///< `Ev(args)`
  };
  Kind kind = Kind::local;                 ///< which referent
  const FunctionInfo* function = nullptr;  ///< for calls
  const ConstInfo* constant = nullptr;     ///< for constants
  const FieldInfo* field = nullptr;        ///< for storage fields
  const Type* target = nullptr;            ///< for conversions
  /// for built-ins, as written, for people (tests, messages): "msg.sender", "vm.prank", "push";
  /// irgen reads `builtin` or `cheat`
  std::string name;
  std::optional<Builtin> builtin;  ///< for built-ins other than cheat codes: which one
  std::optional<vm::Cheat> cheat;  ///< for cheat codes (`vm.prank(a)`): which one
  uint32_t index = 0;              ///< struct field or enum variant index
  SourceRange decl_range;          ///< for locals: where declared
};

/// What one `catch` clause of a `try` statement matches (language.md §5, 1.1).
struct CatchInfo {
  /// Which revert data the clause takes.
  enum class Kind {
    custom_error,  ///< `catch E(…)`: selector of `error` ‖ its ABI-encoded parameters
    error_string,  ///< `catch Error(m)`: `Error(string)`
    panic,         ///< `catch Panic(c)`: `Panic(uint256)`
    any,           ///< `catch (data)` / `catch`: everything else, as raw bytes
  };
  Kind kind = Kind::any;             ///< which
  const ErrorInfo* error = nullptr;  ///< for custom_error
  std::vector<const Type*> decoded;  ///< the types decoded after the selector (any: none)
};

/// Sema's facts about one `try` statement (for irgen).
struct TryInfo {
  std::vector<const Type*> results;  ///< what the call yields on success (`new`: the contract)
  std::vector<CatchInfo> clauses;    ///< parallel to the statement's clauses
};

/// One use of a declared name and the declaration it resolves to (editor support:
/// go-to-definition and references; docs/compiler.md "Source index"). Sema records one
/// wherever it resolves a name: names, `self.x`, `s.f`, `E::V`, `I.f`, callees, events
/// in `emit`, errors in `revert`/`require`/`catch`, struct literal names and fields,
/// written types, `new C`, `uses`, imported names and their aliases.
struct NameUse {
  SourceRange use;  ///< the name as written where it is used
  /// the declaration it resolves to: a range starting at the declaring name (for a struct
  /// field or error parameter, `name: T`); a component member's copy is recorded as its
  /// declaration in the component, a getter as its field
  SourceRange declaration;
};

/// A local variable or parameter as sema declared it (editor support: hover, outline).
struct LocalInfo {
  std::string name;                        ///< as written
  const Type* type = nullptr;              ///< its type (invalid if it failed to resolve)
  bool is_mut = false;                     ///< `let mut` / `mut` binding
  bool is_param = false;                   ///< a parameter of a function or init
  SourceRange range;                       ///< the name in its declaration
  const ContractInfo* contract = nullptr;  ///< the enclosing contract, if any
  const FunctionInfo* function = nullptr;  ///< the enclosing function (null in init)
};

/// One source file of the program.
struct ModuleInfo {
  FileId file = kNoFile;                 ///< its id in the SourceManager
  std::string path;                      ///< the normalised path it was loaded from
  std::unique_ptr<ast::SourceFile> ast;  ///< its AST (null if it failed to parse)
  /// Parallel to the AST's imports: the file each one loaded, or kNoFile when it failed.
  std::vector<FileId> imports;
};

/// Everything semantic analysis knows about a program.
struct CheckedProgram {
  std::unique_ptr<TypeTable> types = std::make_unique<TypeTable>();  ///< every type
  FileId entry = kNoFile;                                            ///< the file compiled
  std::deque<ModuleInfo> modules;           ///< the entry first, then imports as loaded
  std::deque<StructInfo> structs;           ///< every struct of every file
  std::deque<EnumInfo> enums;               ///< every enum
  std::deque<EventInfo> events;             ///< every event
  std::deque<ErrorInfo> errors;             ///< every error
  std::deque<ConstInfo> consts;             ///< top-level constants
  std::deque<FunctionInfo> free_functions;  ///< top-level functions
  std::deque<ContractInfo> contracts;       ///< contracts, test contracts and interfaces
  std::deque<ContractInfo> components;      ///< (1.1) components (no code, no artifact)
  /// What names, members and calls refer to (see Resolution).
  std::unordered_map<const ast::Expr*, Resolution> resolutions;
  /// The value of every folded constant expression.
  std::unordered_map<const ast::Expr*, ConstantValue> constants;
  /// Every checked `try` statement (1.1).
  std::unordered_map<const ast::TryStmt*, TryInfo> tries;
  /// (1.1) The event of each `emit` statement, keyed by its event name (an import alias
  /// may name the event differently from its declaration).
  std::unordered_map<const ast::Identifier*, const EventInfo*> emitted_events;
  /// (1.1) The error of each `revert Er(…)` statement, keyed by its error name.
  std::unordered_map<const ast::Identifier*, const ErrorInfo*> reverted_errors;
  /// Every resolved use of a declared name, in checking order (see NameUse).
  std::vector<NameUse> name_uses;
  /// Every local and parameter declared in a checked body, in checking order.
  std::deque<LocalInfo> locals;

  /// The contracts, test contracts and interfaces declared in the entry file, in order.
  std::vector<const ContractInfo*> entry_contracts() const;
  /// The contract or interface named `name` (entry file first), or null.
  const ContractInfo* find_contract(const std::string& name) const;
};

/// What the getter of a `pub` field returns for the value type `value` (after its keys
/// and indices): a struct's members in order except arrays, maps and members holding a map
/// (as solc; `string`/`bytes` and map-free structs kept); any other type is itself, with
/// an empty name. Sema's getter results, the ABI's outputs and irgen's getter and calls
/// all use it (language.md §6, 1.1).
std::vector<ParamInfo> getter_members(const Type* value);

/// The ABI signature form of a type: like abi_name, but a struct is spelled as the
/// tuple of its fields: "(uint256,address)", "(uint256,address)[]".
std::string abi_canonical_name(const Type& type);

}  // namespace tenet::compiler

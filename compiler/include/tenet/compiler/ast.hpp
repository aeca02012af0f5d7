#pragma once
/// \file
/// The abstract syntax tree: the compiler's own nodes, built from ANTLR's parse tree
/// by the parser (parser.hpp) and owned by an ast::SourceFile. Every node keeps its
/// SourceRange. Expressions, statements and types are a small struct holding the
/// range and a std::variant of node kinds; children are held by unique_ptr. Literal
/// text is kept exactly as written; semantic analysis gives it a value and a type.

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_PUBLIC_HEADER(parse, ast.hpp)

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "tenet/compiler/source.hpp"

namespace tenet::compiler {

/// A semantic type; defined by semantic analysis, which annotates expressions with it.
class Type;

}  // namespace tenet::compiler

namespace tenet::compiler::ast {

struct Expr;
struct Stmt;
struct TypeExpr;
/// Owning pointer to an expression.
using ExprPtr = std::unique_ptr<Expr>;
/// Owning pointer to a statement.
using StmtPtr = std::unique_ptr<Stmt>;
/// Owning pointer to a written type.
using TypePtr = std::unique_ptr<TypeExpr>;

/// A name as written, with its range.
struct Identifier {
  std::string name;   ///< the identifier's text
  SourceRange range;  ///< where it is written
};

// ------------------------------------------------------------------ types

/// A type written by name: `u256`, `bool`, `address`, `Point`, `IERC20`, ...
/// (primitive types are names too; semantic analysis resolves them).
struct NamedType {
  Identifier name;  ///< the name
};

/// `[T; N]` (size set) or `[T]` (size null: a dynamic array).
struct ArrayType {
  TypePtr element;  ///< T
  ExprPtr size;     ///< N, a constant expression; null for a dynamic array
};

/// `map<K, V>`.
struct MapType {
  TypePtr key;    ///< K
  TypePtr value;  ///< V
};

/// A type as written in the source.
struct TypeExpr {
  SourceRange range;                                 ///< the whole type
  std::variant<NamedType, ArrayType, MapType> kind;  ///< which type form
};

// ------------------------------------------------------------------ expressions

/// An integer literal: `42`, `1_000`, `0xff_ff`, `1e18`, `2.5e6`.
struct IntegerLiteral {
  std::string text;  ///< exactly as written
};

/// A string literal `"…"`.
struct StringLiteral {
  std::string text;   ///< as written, with quotes and escapes
  std::string value;  ///< the bytes it denotes (escapes decoded, UTF-8)
};

/// A hex byte literal `hex"dead_beef"` (type `bytes`).
struct HexLiteral {
  std::string text;   ///< as written
  std::string value;  ///< the bytes it denotes
};

/// `true` or `false`.
struct BoolLiteral {
  bool value = false;  ///< which one
};

/// `self`.
struct SelfExpr {};

/// A name used as a value: a local, constant, function, type (in `u64(x)`), `msg`, ...
struct NameExpr {
  std::string name;  ///< the identifier
};

/// An enum variant `Status::Shipped`.
struct EnumPath {
  Identifier enum_name;  ///< `Status`
  Identifier variant;    ///< `Shipped`
};

/// `name: value` inside a struct literal or call options.
struct FieldInit {
  Identifier name;    ///< the field or option name
  ExprPtr value;      ///< its value
  SourceRange range;  ///< `name: value`
};

/// `Point { x: 1, y: 2 }`.
struct StructLiteral {
  Identifier name;                ///< the struct's name
  std::vector<FieldInit> fields;  ///< in source order (at least one)
};

/// `[a, b, c]`.
struct ArrayLiteral {
  std::vector<ExprPtr> elements;  ///< in order (may be empty)
};

/// `[T; N]` written as an expression: a type, valid only in the type list of
/// `abi.decode(data, (T, …))` (semantic analysis checks where). `[T]` and names there
/// are parsed as an array literal and names.
struct ArrayTypeExpr {
  TypePtr type;  ///< the fixed-size array type
};

/// `(a, b)`: only valid as a returned value (semantic analysis checks where).
struct TupleExpr {
  std::vector<ExprPtr> elements;  ///< two or more
};

/// Prefix operators.
enum class UnaryOp { logical_not, negate, bit_not };

/// `!x`, `-x`, `~x`.
struct UnaryExpr {
  UnaryOp op = UnaryOp::logical_not;  ///< the operator
  ExprPtr operand;                    ///< its operand
};

/// Infix operators.
enum class BinaryOp {
  add,          ///< `+` (checked)
  sub,          ///< `-` (checked)
  mul,          ///< `*` (checked)
  div,          ///< `/` (checked: division by zero)
  rem,          ///< `%` (checked: division by zero)
  pow,          ///< `**` (checked, right associative)
  add_wrap,     ///< `+%` (wrapping)
  sub_wrap,     ///< `-%` (wrapping)
  mul_wrap,     ///< `*%` (wrapping)
  shl,          ///< `<<`
  shr,          ///< `>>`
  bit_and,      ///< `&`
  bit_xor,      ///< `^`
  bit_or,       ///< `|`
  lt,           ///< `<`
  le,           ///< `<=`
  gt,           ///< `>`
  ge,           ///< `>=`
  eq,           ///< `==`
  ne,           ///< `!=`
  logical_and,  ///< `&&` (short-circuit)
  logical_or,   ///< `||` (short-circuit)
};

/// `lhs op rhs`.
struct BinaryExpr {
  BinaryOp op = BinaryOp::add;  ///< the operator
  ExprPtr lhs;                  ///< left operand
  ExprPtr rhs;                  ///< right operand
  SourceRange op_range;         ///< where the operator is written
};

/// `cond ? then_value : else_value`.
struct ConditionalExpr {
  ExprPtr condition;   ///< the condition
  ExprPtr then_value;  ///< chosen when true
  ExprPtr else_value;  ///< chosen when false
};

/// `callee{value: v, gas: g}(args)`: a function call, a conversion `u64(x)`, an error
/// or event value `InsufficientBalance(1, 2)`, a method `a.transfer(v)`, ...
struct CallExpr {
  ExprPtr callee;                  ///< what is called
  std::vector<FieldInit> options;  ///< call options (`value`, `gas`); empty if none
  std::vector<ExprPtr> args;       ///< the arguments
};

/// `object.member`.
struct MemberExpr {
  ExprPtr object;     ///< the left side
  Identifier member;  ///< the member's name
};

/// `base[index]`.
struct IndexExpr {
  ExprPtr base;   ///< the indexed value
  ExprPtr index;  ///< the index or key
};

/// `new C(args)` or `new C{value: v}(args)`: deploys contract C.
struct NewContractExpr {
  Identifier contract;             ///< C
  std::vector<FieldInit> options;  ///< call options; empty if none
  std::vector<ExprPtr> args;       ///< constructor arguments
};

/// `new [T](n)`: a zeroed dynamic array of n elements.
struct NewArrayExpr {
  TypePtr element;            ///< T
  std::vector<ExprPtr> args;  ///< the arguments (the length; sema checks there is one)
};

/// An expression.
struct Expr {
  SourceRange range;  ///< the whole expression (parentheses around it excluded)
  std::variant<IntegerLiteral, StringLiteral, HexLiteral, BoolLiteral, SelfExpr, NameExpr, EnumPath,
               StructLiteral, ArrayLiteral, TupleExpr, UnaryExpr, BinaryExpr, ConditionalExpr,
               CallExpr, MemberExpr, IndexExpr, NewContractExpr, NewArrayExpr, ArrayTypeExpr>
      kind;                    ///< which expression
  const Type* type = nullptr;  ///< set by semantic analysis
};

// ------------------------------------------------------------------ statements

/// A `{ … }` sequence of statements.
struct Block {
  std::vector<StmtPtr> statements;  ///< in order
  SourceRange range;                ///< from `{` to `}`
};

/// `let [mut] x[: T] = e;`
struct LetStmt {
  bool is_mut = false;  ///< `let mut`
  Identifier name;      ///< the new local
  TypePtr type;         ///< the written type, or null
  ExprPtr init;         ///< the initial value
};

/// One name in `let (a, mut b) = …;`.
struct LetBinding {
  bool is_mut = false;  ///< `mut`
  Identifier name;      ///< the new local (`_` to ignore the value)
};

/// `let (a, b) = e;`
struct LetTupleStmt {
  std::vector<LetBinding> bindings;  ///< two or more
  ExprPtr init;                      ///< the tuple-valued expression
};

/// Assignment operators.
enum class AssignOp {
  assign,   ///< `=`
  add,      ///< `+=`
  sub,      ///< `-=`
  mul,      ///< `*=`
  div,      ///< `/=`
  rem,      ///< `%=`
  bit_and,  ///< `&=`
  bit_or,   ///< `|=`
  bit_xor,  ///< `^=`
  shl,      ///< `<<=`
  shr,      ///< `>>=`
};

/// `place op value;`
struct AssignStmt {
  AssignOp op = AssignOp::assign;  ///< `=` or a compound operator
  ExprPtr target;                  ///< the place
  ExprPtr value;                   ///< the assigned value
  SourceRange op_range;            ///< where the operator is written
};

/// `e;`
struct ExprStmt {
  ExprPtr expr;  ///< the expression (usually a call)
};

/// `if c { … } [else if … | else { … }]`.
struct IfStmt {
  ExprPtr condition;    ///< the condition
  Block then_block;     ///< taken when true
  StmtPtr else_branch;  ///< null, an IfStmt (`else if`) or a BlockStmt (`else { … }`)
};

/// A block in statement position (the `else { … }` of an if).
struct BlockStmt {
  Block block;  ///< the block
};

/// `while c { … }`.
struct WhileStmt {
  ExprPtr condition;  ///< checked before each iteration
  Block body;         ///< the loop body
};

/// `for i in a..b { … }` / `for i in a..=b { … }` / `for _ in …`.
struct ForStmt {
  Identifier variable;     ///< the counter (`_` when unused)
  ExprPtr start;           ///< a
  ExprPtr end;             ///< b
  bool inclusive = false;  ///< `..=`
  Block body;              ///< the loop body
};

/// `break;`
struct BreakStmt {};
/// `continue;`
struct ContinueStmt {};

/// `return;` / `return e;` / `return (a, b);`
struct ReturnStmt {
  ExprPtr value;  ///< null for `return;`; a TupleExpr for several results
};

/// `emit Event(args);`
struct EmitStmt {
  Identifier event;           ///< the event's name
  std::vector<ExprPtr> args;  ///< its arguments
};

/// `require(cond);` / `require(cond, "message");` / `require(cond, Err(args));`
struct RequireStmt {
  ExprPtr condition;  ///< must be true
  ExprPtr reason;     ///< null, a string literal, or a CallExpr naming an error
};

/// `revert("message");` (message set) or `revert Err(args);` (error set).
struct RevertStmt {
  ExprPtr message;                  ///< the message form, else null
  std::optional<Identifier> error;  ///< the error form: the error's name
  std::vector<ExprPtr> args;        ///< the error form: its arguments
};

/// `assert(cond);`
struct AssertStmt {
  ExprPtr condition;  ///< must be true
};

/// One name a `try` binds to a result of its call: `a`, `mut a`, `a: T` (`_` ignores it).
struct TryBinding {
  bool is_mut = false;  ///< `mut`
  Identifier name;      ///< the new local
  TypePtr type;         ///< the written type (must equal the result's), or null
};

/// One `catch` clause of a `try`.
struct CatchClause {
  std::optional<Identifier> error;  ///< `catch E(…)` / `Error(…)` / `Panic(…)`; none: catch-all
  std::vector<Identifier> bindings;  ///< the names bound (the catch-all binds at most one)
  Block body;                        ///< runs when the clause matches
  SourceRange range;                 ///< the whole clause
};

/// `try call -> (a, b) { … } catch … { … } …` (1.1): handles the failure of one external
/// call or `new` instead of bubbling it.
struct TryStmt {
  ExprPtr call;                      ///< an external call or `new C(…)`
  std::vector<TryBinding> results;   ///< the `-> (…)` names; empty when not written
  Block body;                        ///< runs when the call succeeded
  std::vector<CatchClause> clauses;  ///< in source order (at least one)
};

/// `delete place;` (1.1): resets the place to its type's zero value.
struct DeleteStmt {
  ExprPtr place;  ///< a `mut` local, a part of one, or a storage path
};

/// A statement.
struct Stmt {
  SourceRange range;  ///< the whole statement
  std::variant<LetStmt, LetTupleStmt, AssignStmt, ExprStmt, IfStmt, BlockStmt, WhileStmt, ForStmt,
               BreakStmt, ContinueStmt, ReturnStmt, EmitStmt, RequireStmt, RevertStmt,
               AssertStmt, TryStmt, DeleteStmt>
      kind;  ///< which statement
};

// ------------------------------------------------------------------ items

/// `name: T` in a parameter list, an error, or a struct.
struct Param {
  Identifier name;    ///< the name
  TypePtr type;       ///< its type
  SourceRange range;  ///< `name: T`
};

/// `const NAME: T = e;` (an item or a contract member).
struct ConstDecl {
  Identifier name;  ///< the constant
  TypePtr type;     ///< its type
  ExprPtr value;    ///< a constant expression
};

/// `struct S { a: T, b: U }`.
struct StructDecl {
  Identifier name;            ///< S
  std::vector<Param> fields;  ///< in order
};

/// `enum E { A, B, C }`.
struct EnumDecl {
  Identifier name;                   ///< E
  std::vector<Identifier> variants;  ///< in order (the first is 0)
};

/// `name: T [indexed]` in an event.
struct EventParam {
  Identifier name;       ///< the name
  TypePtr type;          ///< its type
  bool indexed = false;  ///< a topic rather than data
  SourceRange range;     ///< the whole parameter
};

/// `event E(a: T indexed, b: U);`
struct EventDecl {
  Identifier name;                 ///< E
  std::vector<EventParam> params;  ///< in order
};

/// `error Er(a: T);`
struct ErrorDecl {
  Identifier name;            ///< Er
  std::vector<Param> params;  ///< in order
};

/// What a function is for.
enum class FunctionKind {
  normal,     ///< `fn`
  test,       ///< `test fn` (test contracts)
  invariant,  ///< `invariant fn` (test contracts)
};

/// A function: free, a contract member, or an interface declaration (no body).
struct FunctionDecl {
  Identifier name;                           ///< the function's name
  FunctionKind kind = FunctionKind::normal;  ///< normal, test or invariant
  bool is_pub = false;                       ///< `pub`
  bool is_view = false;                      ///< `view`
  bool is_payable = false;                   ///< `payable`
  bool is_reentrant = false;                 ///< `reentrant`
  std::vector<Param> params;                 ///< parameters
  std::vector<TypePtr> results;              ///< result types (empty: none)
  bool tuple_result = false;                 ///< written `-> (A, B)`
  std::optional<Block> body;                 ///< absent in interfaces
  SourceRange header_range;                  ///< from the first modifier to the result type
  /// 1.1: `as "abiName"`, the name the ABI uses (selector, signature) instead of `name`.
  std::optional<Identifier> external_name;
};

/// A storage field of a contract: `[pub] name: T;`
struct FieldDecl {
  bool is_pub = false;  ///< gets a getter in the ABI
  Identifier name;      ///< the field
  TypePtr type;         ///< its type
};

/// The constructor `[payable] init(params) { … }`.
struct InitDecl {
  bool is_payable = false;    ///< accepts value at deployment
  std::vector<Param> params;  ///< constructor parameters
  Block body;                 ///< its body
};

/// A member of a contract.
struct ContractMember {
  SourceRange range;                                                ///< the whole member
  std::string doc;                                                  ///< `///` comment text
  std::variant<FieldDecl, ConstDecl, InitDecl, FunctionDecl> kind;  ///< which member
};

/// `[test] contract C [uses A, B] { … }`, or (1.1) `component C [uses A, B] { … }`.
struct ContractDecl {
  Identifier name;                      ///< C
  bool is_test = false;                 ///< `test contract`
  std::vector<ContractMember> members;  ///< in source order (fields in slot order)
  bool is_component = false;            ///< (1.1) `component C { … }`
  std::vector<Identifier> uses;         ///< (1.1) the components after `uses`, in order
};

/// `interface I { fn f(…) -> R; … }`.
struct InterfaceDecl {
  Identifier name;                         ///< I
  std::vector<FunctionDecl> functions;     ///< declarations without bodies
  std::vector<std::string> function_docs;  ///< `///` text of each function (parallel)
};

/// A top-level item.
struct Item {
  SourceRange range;  ///< the whole item
  std::string doc;    ///< its `///` doc comment: the lines without `///`, joined by '\n'
  std::variant<ConstDecl, StructDecl, EnumDecl, EventDecl, ErrorDecl, InterfaceDecl, ContractDecl,
               FunctionDecl>
      kind;  ///< which item
};

/// `import "./x.tn";` or `import { A, B } from "../y.tn";`
struct ImportDecl {
  std::string path;               ///< the path as written (escapes decoded)
  SourceRange path_range;         ///< the string literal
  bool selective = false;         ///< the `{ … } from` form
  std::vector<Identifier> names;  ///< the imported names (selective form)
  /// (1.1) parallel to `names`: the local name after `as` (`{ A as B }`), or an empty name
  std::vector<Identifier> aliases;
  SourceRange range;              ///< the whole import
};

/// One parsed source file.
struct SourceFile {
  FileId file = kNoFile;            ///< where it came from
  std::vector<ImportDecl> imports;  ///< in order
  std::vector<Item> items;          ///< in order
  /// Editor support (ParseOptions::keep_partial): the file has syntax errors, and the
  /// imports, items, members and statements that did not parse are missing. Such a tree
  /// is never compiled (its errors make the program invalid).
  bool partial = false;
};

/// The keyword or symbol of a unary operator (`!`, `-`, `~`).
const char* spelling(UnaryOp op);
/// The symbol of a binary operator (`+`, `**`, `+%`, `==`, ...).
const char* spelling(BinaryOp op);
/// The symbol of an assignment operator (`=`, `+=`, ...).
const char* spelling(AssignOp op);

}  // namespace tenet::compiler::ast

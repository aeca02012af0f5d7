#pragma once
// The semantic checker's private interface. One Checker runs one check_program call;
// its members are defined in several files, one per concern:
//   sema.cpp               driver (check_program) and the order of the passes
//   sema_modules.cpp       loading files, imports, module scopes
//   sema_declarations.cpp  items, written types, signatures, contract members, getters
//   sema_components.cpp    (1.1) components: `uses`, storage order, one namespace per contract
//   sema_scopes.cpp        locals, name lookup, "did you mean" suggestions, effects
//   sema_expressions.cpp   expressions, implicit conversions, operators
//   sema_calls.cpp         calls: functions, conversions, built-ins, cheat codes, new
//   sema_statements.cpp    statements, definite return, unreachable code
//   const_eval.cpp         integer literals and constant arithmetic

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_INTERNAL_HEADER(sema, sema_checker.hpp)

#include <boost/multiprecision/cpp_int.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "tenet/compiler/builtins.hpp"
#include "tenet/compiler/checked_program.hpp"
#include "tenet/compiler/diagnostics.hpp"
#include "tenet/compiler/sema.hpp"

namespace tenet::compiler::sema {

/// Arbitrary-precision integers for constant folding.
using BigInt = boost::multiprecision::cpp_int;

/// A compile-time value while checking.
struct Value {
  /// Which member is set.
  enum class Kind { integer, boolean, string, bytes };
  Kind kind = Kind::integer;  ///< which member holds the value
  BigInt integer;             ///< integers, addresses, bytes32, enum indices
  bool boolean = false;       ///< bool
  std::string bytes;          ///< string or bytes content
};

// ---------------------------------------------------------------- const_eval.cpp

/// Parses an integer literal's text (`1_000`, `0xff`, `2.5e3`). On failure returns
/// nullopt and sets `error` to a message.
std::optional<BigInt> parse_integer_literal(const std::string& text, std::string& error);
/// True when `v` is a value of integer type `t`.
bool fits(const BigInt& v, const Type& t);
/// "0..255", "-128..127", "0..2^256-1".
std::string range_text(const Type& t);
/// `v` wrapped into integer type `t` (two's complement).
BigInt wrap(const BigInt& v, const Type& t);
/// `v` as a value of `bytesN` type `t`: the word with its 32 - N low bytes cleared.
BigInt fixed_bytes_value(const BigInt& v, const Type& t);
/// The value of a constant conversion from or to `bytesN` (integer or address values are
/// numbers; `bytesN` values are left-aligned words); nullopt when an integer does not fit
/// in 8·N bits. Other conversions keep the value.
std::optional<BigInt> convert_constant(const BigInt& v, const Type& from, const Type& to);
/// The decimal text of `v`.
std::string to_string(const BigInt& v);
/// `v` for a diagnostic: decimal when short, else "2^256" or "about 2^299".
std::string describe(const BigInt& v);
/// The public form of a value.
ConstantValue to_constant_value(const Value& v);

/// A name declared at the top level of a file (or imported into it).
struct Symbol {
  /// What the name denotes.
  enum class Kind { constant, structure, enumeration, event, error, contract, function };
  Kind kind = Kind::constant;  ///< what it is
  std::string name;            ///< the name
  const void* info = nullptr;  ///< ConstInfo, StructInfo, EnumInfo, EventInfo, ErrorInfo,
                               ///< ContractInfo, FunctionInfo
  SourceRange range;           ///< where it is declared
};

/// A local variable or parameter in scope.
struct Local {
  std::string name;            ///< its name
  const Type* type = nullptr;  ///< its type
  bool is_mut = false;         ///< `let mut`
  bool is_param = false;       ///< a parameter
  bool is_counter = false;     ///< a `for` counter
  bool used = false;           ///< read at least once
  SourceRange range;           ///< where declared
};

/// Where the expressions being checked are.
struct Context {
  /// The kind of body.
  enum class Body { none, constant, free_function, method, init };
  Body body = Body::none;                  ///< what is being checked
  FileId module = kNoFile;                 ///< the file (for top-level names)
  const ContractInfo* contract = nullptr;  ///< the enclosing contract, if any
  const FunctionInfo* function = nullptr;  ///< the function, if any
  std::string name;                        ///< the function's or constant's name
  bool is_view = false;                    ///< `view`
  bool is_payable = false;                 ///< `payable`
  bool is_pub = false;                     ///< `pub`
  std::vector<const Type*> results;        ///< result types
  std::vector<Local> locals;               ///< locals in scope, innermost last
  std::vector<size_t> scope_starts;        ///< locals.size() at each open scope
  std::vector<bool> loop_breaks;           ///< per enclosing loop: has a `break`
};

/// How control leaves a statement.
enum class Flow {
  falls_through,  ///< may continue with the next statement
  returns,        ///< every path returns or reverts (or loops forever)
  jumps,          ///< never falls through, but may break or continue
};

/// The semantic checker.
class Checker {
 public:
  /// `parse_diagnostics` receives the syntax errors (default: `diagnostics`);
  /// `keep_partial` parses with ParseOptions::keep_partial (CheckOptions).
  Checker(SourceManager& sources, const std::filesystem::path& stdlib_dir,
          DiagnosticEngine& diagnostics, CheckedProgram& program,
          DiagnosticEngine* parse_diagnostics = nullptr, bool keep_partial = false)
      : sources_(sources),
        stdlib_dir_(stdlib_dir),
        diags_(diagnostics),
        parse_diags_(parse_diagnostics != nullptr ? *parse_diagnostics : diagnostics),
        keep_partial_(keep_partial),
        prog_(program),
        types_(*program.types) {}

  /// Runs every pass over the program whose entry is `entry`.
  void run(FileId entry);

 private:
  // ------------------------------------------------------------ sema_modules.cpp
  struct Module {
    size_t index = 0;                               // in prog_.modules
    std::vector<int> import_targets;                // per import: module index, or -1
    std::unordered_map<std::string, Symbol> scope;  // names visible at the top level
    std::vector<Symbol> own;                        // items declared in the file, in order
  };
  void load_modules(FileId entry);
  int load_module(const std::string& path, FileId file);
  std::optional<std::string> resolve_import_path(const ModuleInfo& from, const ast::ImportDecl& d,
                                                 std::string& shown);
  void bind_imports(size_t module_index);
  /// (1.1) "; it is imported as 'B' here" when an item declared as `name` is in scope under
  /// an import alias, else suggest(name, candidates).
  std::string imported_as(const std::string& name, Symbol::Kind kind,
                          const std::vector<std::string>& candidates) const;
  bool add_symbol(Module& m, const std::string& name, const Symbol& s);
  const Symbol* lookup_top(FileId module, const std::string& name) const;
  Module& module_of(FileId file);

  // ------------------------------------------------------------ sema_declarations.cpp
  void declare_items(size_t module_index);
  void resolve_signatures();
  void resolve_struct(StructInfo& s);
  void resolve_contract(ContractInfo& c);
  void resolve_function(FunctionInfo& f, const ast::FunctionDecl& d, ContractInfo* owner);
  /// 1.1: checks and records the `as "abiName"` of `f` (pub functions only, a name).
  void resolve_external_name(FunctionInfo& f, const ast::FunctionDecl& d);
  /// 1.1: reports two ABI functions (getters included) of `c` with one signature — only
  /// possible through external names.
  void check_abi_signatures(const ContractInfo& c);
  void add_getter(ContractInfo& c, const FieldInfo& field);
  const Type* resolve_type(const ast::TypeExpr& t);
  const Type* resolve_param_type(const ast::TypeExpr& t, const char* what);
  void evaluate_const(ConstInfo& c);
  void check_bodies();
  void check_function_body(const FunctionInfo& f, const ContractInfo* owner);
  void check_init_body(const ContractInfo& c);

  // ------------------------------------------------------------ sema_components.cpp
  /// Links every `uses`, orders the included components and copies their members.
  void include_components();
  void link_uses(ContractInfo& c);
  /// Fills c.components; `via[i]` is the `uses` entry of c that brings components[i].
  void order_components(ContractInfo& c, std::vector<const ast::Identifier*>& via);
  void include_members(ContractInfo& c, const std::vector<const ast::Identifier*>& via);
  /// "'Ownable' is a component, not a type: …".
  std::string component_not_a_type(const std::string& name) const;
  /// Reports and returns true when `s` is a component used where a type or contract is needed.
  bool reject_component(const Symbol* s, const std::string& name, const SourceRange& range);
  /// "contract 'C'" or "component 'C'", for messages about `self.`.
  static std::string self_owner(const ContractInfo& c);
  /// For a component: why `self.` does not reach a member (language.md §6); else "".
  static std::string self_scope_hint(const ContractInfo& c);

  // ------------------------------------------------------------ sema_scopes.cpp
  void push_scope();
  void pop_scope();
  void declare_local(const ast::Identifier& id, const Type* type, bool is_mut, bool is_param,
                     bool is_counter);
  /// Records that the name written at `use` resolves to the declaration at `declaration`
  /// (CheckedProgram::name_uses, for editor support).
  void record_use(const SourceRange& use, const SourceRange& declaration);
  /// The declaration a use of function `f` resolves to: a getter's field, a component
  /// member's declaration in the component, else `f` itself.
  static const SourceRange& declaration_of(const FunctionInfo& f);
  int find_local(const std::string& name) const;
  const ConstInfo* find_contract_const(const std::string& name) const;
  std::vector<std::string> visible_names() const;
  std::string suggest(const std::string& name, const std::vector<std::string>& candidates) const;
  /// "; did you mean 'self.f'?" for a near miss of a field (or function) of the contract.
  std::string suggest_member(const std::string& name, bool functions) const;
  void report_unknown_name(const std::string& name, const SourceRange& range);
  // Effects: each reports an error when the current body may not have the effect.
  void need_impure(const std::string& what, const SourceRange& range);
  void note_state_change(const std::string& what, const SourceRange& range);
  void note_call(const FunctionInfo& callee, const SourceRange& range);
  bool in_test_contract() const;

  // ------------------------------------------------------------ sema_expressions.cpp
  const Type* check(const ast::Expr& e, const Type* expected = nullptr);
  const Type* check_value(const ast::Expr& e, const Type* target, const std::string& what = "");
  const Type* check_condition(const ast::Expr& e, const std::string& what);
  bool coerce(const ast::Expr& e, const Type* from, const Type* to, const std::string& what = "");
  const Type* materialize(const ast::Expr& e, const Type* from);
  bool implicitly_converts(const Type* from, const Type* to) const;
  bool explicitly_converts(const Type* from, const Type* to) const;
  const Type* unify(const ast::Expr& lhs, const Type* lt, const ast::Expr& rhs, const Type* rt,
                    const std::string& op, const SourceRange& at);
  const Type* set(const ast::Expr& e, const Type* t);
  void set_value(const ast::Expr& e, Value v);
  const Value* value_of(const ast::Expr& e) const;
  void resolve(const ast::Expr& e, Resolution r);
  const Type* check_name(const ast::Expr& e, const ast::NameExpr& n, bool as_place);
  /// `msg.sender` and the other fields of msg, tx and block (language.md §9).
  const Type* check_builtin_field(const ast::Expr& e, const std::string& object,
                                  const ast::Identifier& member);
  const Type* check_member(const ast::Expr& e, const ast::MemberExpr& m);
  /// `I.f.selector`, `E.selector` (bytes4 constants), and the diagnostics for members of type
  /// names (`Status.Created`, `u256.max`, `type(uint256).max`); null when `m` is none of them.
  const Type* check_type_member(const ast::Expr& e, const ast::MemberExpr& m);
  /// `I.f.selector` and `E.selector`; null when `m` is not a selector of a declared item.
  const Type* check_selector(const ast::Expr& e, const ast::MemberExpr& m);
  /// The top-level item `e` names when it is a bare name that no local shadows; else null.
  const Symbol* type_name_symbol(const ast::Expr& e) const;
  const Type* check_index(const ast::Expr& e, const ast::IndexExpr& x);
  /// `b[i]` on a `bytesN` value: a u8, folded when both are constants.
  const Type* check_byte_index(const ast::Expr& e, const ast::IndexExpr& x, const Type* bt);
  const Type* check_unary(const ast::Expr& e, const ast::UnaryExpr& u, const Type* expected);
  const Type* check_binary(const ast::Expr& e, const ast::BinaryExpr& b, const Type* expected);
  const Type* fold_binary(const ast::Expr& e, const ast::BinaryExpr& b, const Type* t,
                          const Value& l, const Value& r);
  const Type* check_conditional(const ast::Expr& e, const ast::ConditionalExpr& c,
                                const Type* expected);
  const Type* check_struct_literal(const ast::Expr& e, const ast::StructLiteral& s);
  const Type* check_array_literal(const ast::Expr& e, const ast::ArrayLiteral& a,
                                  const Type* expected);
  const Type* check_enum_path(const ast::Expr& e, const ast::EnumPath& p);
  /// `u8::MAX`, `i64::MIN`: the bound of integer type `type` as a typed constant.
  const Type* check_type_bound(const ast::Expr& e, const ast::EnumPath& p, const Type* type);
  const Type* check_tuple(const ast::Expr& e, const ast::TupleExpr& t,
                          const std::vector<const Type*>* expected);
  bool is_storage_path(const ast::Expr& e) const;
  void check_no_map(const Type* t, const SourceRange& range, const std::string& what);

  // ------------------------------------------------------------ sema_calls.cpp
  const Type* check_call(const ast::Expr& e, const ast::CallExpr& c, const Type* expected);
  void check_args(const ast::Expr& call, const std::vector<ast::ExprPtr>& args,
                  const std::vector<const Type*>& params, const std::vector<std::string>& names,
                  const std::string& callee);
  /// check_args against a declared parameter list (elements with `type` and `name`).
  template <class Param>
  void check_args_against(const ast::Expr& call, const std::vector<ast::ExprPtr>& args,
                          const std::vector<Param>& declared, const std::string& callee) {
    std::vector<const Type*> params;
    std::vector<std::string> names;
    for (const Param& p : declared) {
      params.push_back(p.type);
      names.push_back(p.name);
    }
    check_args(call, args, params, names, callee);
  }
  const Type* check_conversion(const ast::Expr& e, const ast::CallExpr& c, const Type* target);
  const Type* check_builtin_call(const ast::Expr& e, const ast::CallExpr& c,
                                 const std::string& name, bool& handled);
  const Type* check_test_function(const ast::Expr& e, const ast::CallExpr& c, Builtin id);
  const Type* check_cheat_code(const ast::Expr& e, const ast::CallExpr& c,
                               const ast::Identifier& name);
  const Type* check_expect_revert(const ast::Expr& e, const ast::CallExpr& c,
                                  const vm::CheatInfo& info, const std::vector<Signature>& forms);
  /// The signature of built-in `id` from the table; `T` is `generic`.
  Signature signature_of(Builtin id, const Type* generic = nullptr);
  /// The forms of the Tenet signature of a cheat code, parsed once.
  const std::vector<Signature>& cheat_forms(const vm::CheatInfo& info);
  /// Records that `e` uses built-in `id`, written `name`.
  void resolve_builtin(const ast::Expr& e, Builtin id, const std::string& name);
  const Type* check_method_call(const ast::Expr& e, const ast::CallExpr& c,
                                const ast::MemberExpr& m);
  /// `xs.len()`, `xs.push(v)`, `xs.pop()` on a value `xs` of type `t`.
  const Type* check_sequence_method(const ast::Expr& e, const ast::CallExpr& c,
                                    const ast::MemberExpr& m, const Type* t);
  const Type* check_external_call(const ast::Expr& e, const ast::CallExpr& c,
                                  const ast::MemberExpr& m, const ContractInfo& target);
  bool check_options(const std::vector<ast::FieldInit>& options, bool payable,
                     const std::string& not_payable);
  const Type* check_new_contract(const ast::Expr& e, const ast::NewContractExpr& n);
  const Type* check_new_array(const ast::Expr& e, const ast::NewArrayExpr& n);
  const Type* check_error_value(const ast::Expr& e, const std::string& where);
  const Type* check_event_value(const ast::Expr& e);
  const Type* primitive_type(const std::string& name);
  void forbid_options(const ast::CallExpr& c, const std::string& what);

  // ------------------------------------------------------------ sema_strings_abi.cpp
  /// `concat(a, b, …)`: all string → string; all bytes/bytesN → bytes.
  const Type* check_concat(const ast::Expr& e, const ast::CallExpr& c);
  /// `x.slice(a, b)` on a string or bytes `x` of type `t`.
  const Type* check_slice(const ast::Expr& e, const ast::CallExpr& c, const ast::MemberExpr& m,
                          const Type* t);
  /// `abi.encode_packed`, `abi.encode_with_selector` and `abi.decode`.
  const Type* check_abi_helper(const ast::Expr& e, const ast::CallExpr& c, Builtin id);
  /// Reports a type the packed encoding has no form for (structs, nested arrays, maps).
  void check_packed_type(const Type* t, const SourceRange& range, const std::string& callee);
  /// `abi.decode(data, (T, …))`: the value for one type, else the tuple of the types.
  const Type* check_abi_decode(const ast::Expr& e, const ast::CallExpr& c);
  /// The type an element of abi.decode's type list denotes (a name, `[T]`, `[T; N]`).
  const Type* type_argument(const ast::Expr& e);
  /// `[T; N]` where a value is expected: an error.
  const Type* check_array_type_expr(const ast::Expr& e);

  // ------------------------------------------------------------ sema_statements.cpp
  Flow check_block(const ast::Block& b, bool new_scope = true);
  Flow check_stmt(const ast::Stmt& s);
  void check_let(const ast::Stmt& s, const ast::LetStmt& l);
  void check_let_tuple(const ast::Stmt& s, const ast::LetTupleStmt& l);
  void check_assign(const ast::Stmt& s, const ast::AssignStmt& a);
  /// The type of the place `target`, or invalid after reporting why it is not one;
  /// `verb` words the messages ("assign to", "delete").
  const Type* check_place(const ast::Expr& target, const std::string& verb = "assign to");
  /// `delete place;` (1.1): a place whose type is not a whole map.
  void check_delete(const ast::DeleteStmt& d);
  Flow check_if(const ast::IfStmt& i);
  void check_return(const ast::Stmt& s, const ast::ReturnStmt& r);
  void check_emit(const ast::Stmt& s, const ast::EmitStmt& em);
  void check_require(const ast::RequireStmt& r);
  void check_revert(const ast::Stmt& s, const ast::RevertStmt& r);
  const ErrorInfo* lookup_error(const ast::Identifier& name, const std::string& where);

  // ------------------------------------------------------------ sema_try.cpp
  /// `try … catch …` (1.1): the call, the success bindings, the clauses, definite return.
  Flow check_try(const ast::TryStmt& t);
  /// The result types of the call `try` handles; nullopt (after an error) when it is not
  /// an external call or `new`.
  std::optional<std::vector<const Type*>> try_call_results(const ast::Expr& call);
  /// Declares the `-> (…)` bindings of `t` for the results `results`.
  void declare_try_bindings(const ast::TryStmt& t, const std::vector<const Type*>& results);
  /// What `clause` matches, its bindings declared in the current scope.
  CatchInfo check_catch(const ast::CatchClause& clause);

  SourceManager& sources_;
  std::filesystem::path stdlib_dir_;
  DiagnosticEngine& diags_;
  DiagnosticEngine& parse_diags_;  // syntax errors (CheckOptions::tolerate_syntax_errors)
  bool keep_partial_;
  CheckedProgram& prog_;
  TypeTable& types_;

  std::vector<Module> modules_;                        // parallel to prog_.modules
  std::unordered_map<FileId, size_t> module_by_file_;  // FileId -> module index
  std::unordered_map<std::string, size_t> module_by_path_;
  std::vector<std::string> loading_;                       // import stack (cycle detection)
  std::unordered_map<const ConstInfo*, int> const_state_;  // 1 in progress, 2 done
  std::unordered_map<const ast::Expr*, Value> values_;
  std::unordered_map<uint16_t, std::vector<Signature>> cheat_forms_;  // by cheat id
  std::unordered_set<std::string> reported_cycles_;  // component cycles, by their names
  Context ctx_;
};

}  // namespace tenet::compiler::sema

#pragma once
/// \file
/// The translator of irgen (docs/compiler.md, "irgen"): one Gen per contract module walks
/// the checked AST and emits LLVM IR through an IrContext, calling ValueOps for every
/// type-directed shape (ABI, copies, storage of whole values). irgen.cpp holds the module
/// level (functions, entry points, getters), irgen_expr.cpp expressions and operators,
/// irgen_stmt.cpp statements and places, irgen_calls.cpp calls and built-ins.

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_INTERNAL_HEADER(irgen, irgen_gen.hpp)

#include <llvm/IR/Function.h>
#include <llvm/IR/Instructions.h>

#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "irgen_context.hpp"
#include "tenet/compiler/irgen.hpp"
#include "values/irgen_values.hpp"

namespace tenet::compiler::irgen {

/// The selector of `Error(string)`.
inline constexpr uint32_t kErrorStringSelector = 0x08c379a0;

/// Generates one contract's module.
class Gen {
 public:
  /// Prepares generation of `contract` into `cx`'s module.
  Gen(IrContext& cx, const ContractInfo& contract, const IrgenOptions& options);

  /// Generates every function and entry point; the first error, if any.
  std::optional<vm::Error> run();
  /// The contracts `new` deploys, in child-index order.
  const std::vector<const ContractInfo*>& children() const { return children_; }

 private:
  // ---- module level (irgen.cpp) -------------------------------------------------
  llvm::Function* function_for(const FunctionInfo& f);
  llvm::Function* init_function();
  void define_body(llvm::Function* fn, const std::vector<ParamInfo>& params,
                   const std::vector<ast::Param>& decl_params,
                   const std::vector<const Type*>& results, const ast::Block& body, FileId file,
                   const SourceRange& range);
  llvm::Function* begin_entry(const std::string& name, FileId file, const SourceRange& range);
  void define_export(const FunctionInfo& f);
  void define_constructor();
  void define_receive(const FunctionInfo& f);
  void define_getter(const FunctionInfo& g);
  /// Ends an entry with the ABI encoding of `values` as return data.
  void return_encoded(const std::vector<llvm::Value*>& values,
                      const std::vector<const Type*>& types);
  /// The i256 word at `base + 32 * index` / a data pointer `bytes + 32`.
  llvm::Value* bytes_data(llvm::Value* bytes);
  int child_index(const ContractInfo& c);

  // ---- errors and locations -----------------------------------------------------
  /// Records the first error ("file:line:col: error: msg"); generation goes on with
  /// placeholder values so the caller can stop at the end.
  void fail(const SourceRange& range, const std::string& message);
  /// Sets the debug location for the lifetime of the object, restoring the previous one.
  class At {
   public:
    At(Gen& g, const SourceRange& range);
    ~At();
    At(const At&) = delete;
    At& operator=(const At&) = delete;

   private:
    Gen& g_;
    llvm::DebugLoc saved_;
  };

  // ---- statements and places (irgen_stmt.cpp) ------------------------------------
  void block(const ast::Block& b);
  void stmt(const ast::Stmt& s);
  void let(const ast::LetStmt& l);
  void let_tuple(const ast::LetTupleStmt& l);
  void assign(const ast::AssignStmt& a, const SourceRange& range);
  void if_stmt(const ast::IfStmt& s);
  void while_stmt(const ast::WhileStmt& s);
  void for_stmt(const ast::ForStmt& s);
  void return_stmt(const ast::ReturnStmt& r);
  void emit_stmt(const ast::EmitStmt& e, const SourceRange& range);
  void require_stmt(const ast::RequireStmt& r);
  void revert_stmt(const ast::RevertStmt& r, const SourceRange& range);
  /// Reverts with `Error(string)` carrying `message`.
  void revert_with_message(llvm::Value* message);
  /// Reverts with the custom error `info` and its arguments.
  void revert_with_error(const ErrorInfo& info, const std::vector<ast::ExprPtr>& args);
  /// The revert data of the custom error `info` with `args`: selector ‖ ABI arguments.
  llvm::Value* error_data(const ErrorInfo& info, const std::vector<ast::ExprPtr>& args);
  /// The log of `emit info(args)`: fills `topics` (topic 0 first) and returns the data
  /// (a `bytes` value); null after a failure.
  llvm::Value* event_log(const EventInfo& info, const std::vector<ast::ExprPtr>& args,
                         const SourceRange& range, std::vector<llvm::Value*>& topics);
  /// Ends the current block with `t` and continues in a fresh unreachable block.
  void after_terminator();
  /// Branches to `target` unless the block already ended.
  void branch_to(llvm::BasicBlock* target);
  llvm::BasicBlock* new_block(const char* name);

  /// A local's stack slot (declared with `declare_local`).
  struct Local {
    llvm::AllocaInst* slot = nullptr;
    const Type* type = nullptr;
  };
  Local* find_local(const SourceRange& decl);
  llvm::AllocaInst* declare_local(const ast::Identifier& name, const Type* type, llvm::Value* init);
  void collect_local_types(const ast::Block& body);
  llvm::AllocaInst* entry_alloca(llvm::Type* type, const std::string& name);

  // ---- expressions (irgen_expr.cpp) ---------------------------------------------
  /// The value of `e` at its own type (an untyped integer constant at u256).
  llvm::Value* expr(const ast::Expr& e);
  /// The value of `e` converted implicitly to `want` (widening, constants at `want`).
  llvm::Value* expr_as(const ast::Expr& e, const Type* want);
  /// Like expr_as, but a reference value that lives in a place is deep-copied.
  llvm::Value* value_of(const ast::Expr& e, const Type* want);
  /// True when `e` denotes (part of) a local: its value may alias.
  bool is_place(const ast::Expr& e) const;
  /// The value of `e` as a function result: a part of a `let` local is moved out (the
  /// local dies with the frame and owns its memory); a part of a parameter is copied.
  llvm::Value* result_value(const ast::Expr& e, const Type* want);
  /// True when `e` is a storage path `self.f…`.
  bool is_storage_path(const ast::Expr& e) const;
  /// The i256 slot of the storage path `e`.
  llvm::Value* storage_slot(const ast::Expr& e);
  /// The resolution sema recorded for `e`, or null.
  const Resolution* resolution(const ast::Expr& e) const;
  /// A folded constant of `e`, or null.
  const ConstantValue* constant(const ast::Expr& e) const;
  llvm::Value* constant_value(const ConstantValue& c, const Type* type, const SourceRange& range);
  /// Implicit conversion of an SSA value between integer types (widening).
  llvm::Value* widen(llvm::Value* v, const Type* from, const Type* to);
  /// The type both operands of a comparison or `?:` meet at.
  const Type* common_type(const Type* a, const Type* b) const;
  /// `a op b` at type `t` (operands already at `t`; for shifts `b` is at `b_type`).
  llvm::Value* binary(ast::BinaryOp op, llvm::Value* a, llvm::Value* b, const Type* t,
                      const Type* b_type);
  llvm::Value* compare(ast::BinaryOp op, llvm::Value* a, llvm::Value* b, const Type* t);
  llvm::Value* checked_arith(llvm::Intrinsic::ID id, llvm::Value* a, llvm::Value* b);
  llvm::Value* power(llvm::Value* a, llvm::Value* e, const Type* t, const Type* e_type);
  llvm::Value* shift(bool left, llvm::Value* a, llvm::Value* amount, const Type* t,
                     const Type* amount_type);
  llvm::Value* divide(bool rem, llvm::Value* a, llvm::Value* b, const Type* t);
  llvm::Value* convert(llvm::Value* v, const Type* from, const Type* to, const SourceRange& range);
  /// The conversions to and from `bytesN` (language.md §3); null when there is none.
  llvm::Value* convert_fixed_bytes(llvm::Value* v, const Type* from, const Type* to);
  llvm::Value* placeholder(const Type* type);
  llvm::Value* struct_literal(const ast::Expr& e, const ast::StructLiteral& s);
  llvm::Value* array_literal(const ast::Expr& e, const ast::ArrayLiteral& a);
  llvm::Value* member(const ast::Expr& e, const ast::MemberExpr& m);
  llvm::Value* index(const ast::Expr& e, const ast::IndexExpr& x);
  llvm::Value* logical(const ast::BinaryExpr& b);
  llvm::Value* conditional(const ast::Expr& e, const ast::ConditionalExpr& c);
  /// Packs values into a tuple block (one word each).
  llvm::Value* make_tuple(const std::vector<llvm::Value*>& values,
                          const std::vector<const Type*>& types);
  /// Unpacks a tuple block.
  std::vector<llvm::Value*> unpack_tuple(llvm::Value* tuple, const std::vector<const Type*>& types);

  // ---- calls (irgen_calls.cpp) ----------------------------------------------------
  llvm::Value* call(const ast::Expr& e, const ast::CallExpr& c);
  llvm::Value* builtin_call(const ast::Expr& e, const ast::CallExpr& c, const Resolution& r);
  llvm::Value* builtin_value(const ast::Expr& e, const Resolution& r, const ast::Expr* object);
  /// `ecrecover`, `addmod`, `mulmod`: word arguments, one intrinsic.
  llvm::Value* word_builtin(const ast::Expr& e, const ast::CallExpr& c, Builtin id);
  /// `xs.len()`, `xs.push(v)`, `xs.pop()`.
  llvm::Value* sequence_method(const ast::Expr& e, const ast::CallExpr& c, const ast::MemberExpr& m,
                               Builtin id);
  llvm::Value* external_call(const ast::Expr& e, const ast::CallExpr& c, const FunctionInfo& f);
  llvm::Value* new_contract(const ast::Expr& e, const ast::NewContractExpr& n);
  /// Copies the last call's return data into fresh memory: (pointer, size).
  std::pair<llvm::Value*, llvm::Value*> return_data();
  /// Reverts with the last call's return data.
  void bubble_revert();
  /// `log(args…)`: `tenet.debuglog` of the ABI encoding of (string types, args…), where
  /// `types` is the canonical ABI type list of the arguments, "(string,uint256)"
  /// (docs/compiler.md "Built-ins"; decoded by abi::decode_log).
  void debug_log(const ast::Expr& e, const ast::CallExpr& c);
  /// The `create.failed` path of `new` (the creation yielded no address): reverts with
  /// the creation's revert data. In test contracts it first asks the host (internal cheat
  /// expected_revert_taken) whether vm.expect_revert expected this creation to revert; if
  /// so it branches to `succeeded`, where `new` yields the zero address.
  void creation_failed(llvm::BasicBlock* succeeded);
  /// A cheat code `vm.…` (language.md §11; the table of vm/cheats.hpp).
  llvm::Value* cheat_call(const ast::Expr& e, const ast::CallExpr& c, vm::Cheat cheat);
  /// `assert_eq` … `assert_ge` and `fail` of test contracts.
  void assertion(const ast::Expr& e, const ast::CallExpr& c, Builtin id);

  // ---- operand records of instrumented builds (irgen_operands.cpp) ----------------
  /// A comparison whose operands were evaluated once, for its operand record.
  struct Comparison {
    llvm::Value* holds = nullptr;          ///< the comparison's result (i1)
    llvm::Value* lhs = nullptr;            ///< the left operand, at `type`
    llvm::Value* rhs = nullptr;            ///< the right operand, at `type`
    const Type* type = nullptr;            ///< the operands' common type
    ast::BinaryOp op = ast::BinaryOp::eq;  ///< the operator
    SourceRange range;                     ///< the comparison in the source
  };
  /// With record_operands and `cond` a comparison (`==` `!=` `<` `<=` `>` `>=`): evaluates
  /// both operands once and compares them; otherwise null (the caller evaluates `cond`).
  std::optional<Comparison> recorded_comparison(const ast::Expr& cond);
  /// The condition `cond` as i1 and, when recorded_comparison applies, its comparison.
  llvm::Value* condition(const ast::Expr& cond, std::optional<Comparison>& compared);
  /// Emits the operand record of `c` here: tenet.debuglog of "tcmp" ‖ ABI (string file,
  /// uint32 line, uint32 column, string op, string lhs, string rhs) (abi/log.hpp).
  void record_operands(const Comparison& c);
  /// Branches on `holds`; on false runs the blocks `what`.fail (the operand record of
  /// `compared`, if any, then `on_failure`, which must not return normally) and goes on
  /// in `what`.ok.
  void fail_unless(llvm::Value* holds, const std::optional<Comparison>& compared,
                   const std::string& what, const std::function<void()>& on_failure);
  /// The Tenet type of an ABI type name of the cheat table ("uint256", "bytes32[]"), or null.
  const Type* abi_type(std::string_view name);
  /// Evaluates arguments and their types for ABI encoding.
  void encode_args(const std::vector<ast::ExprPtr>& args, std::vector<llvm::Value*>& values,
                   std::vector<const Type*>& types);
  /// The result types of a getter as its ABI returns them (structs flattened).
  std::vector<const Type*> getter_outputs(const Type* t, std::vector<int>* kept_fields) const;

  // ---- state ---------------------------------------------------------------------
  IrContext& cx_;
  ValueOps vo_;
  const ContractInfo& contract_;
  IrgenOptions options_;
  TypeTable& types_;
  std::optional<vm::Error> error_;
  std::vector<const ContractInfo*> children_;
  std::map<const FunctionInfo*, llvm::Function*> functions_;
  llvm::Function* init_fn_ = nullptr;
  std::deque<std::pair<const FunctionInfo*, llvm::Function*>> pending_;

  // the function being generated
  llvm::Function* fn_ = nullptr;
  SourceRange entry_range_;  ///< the declaration of the entry point being generated
  llvm::DISubprogram* sp_ = nullptr;
  const std::vector<const Type*>* results_ = nullptr;
  std::map<std::pair<FileId, uint32_t>, Local> locals_;
  /// The declarations of the function's parameters (their values may alias the caller's).
  std::set<std::pair<FileId, uint32_t>> params_;
  /// The type of each local of the function, as its uses carry it.
  std::map<std::pair<FileId, uint32_t>, const Type*> local_types_;
  struct Loop {
    llvm::BasicBlock* break_to;
    llvm::BasicBlock* continue_to;
  };
  std::vector<Loop> loops_;
};

/// The selector of a signature as a 32-bit number.
uint32_t selector_number(const std::string& signature);

}  // namespace tenet::compiler::irgen

// irgen, `try` / `catch` (language.md §5, 1.1): the call without bubbling, the success
// bindings, and the dispatch of the revert data over the clauses by selector, decoding
// with the non-reverting policy of ValueOps::abi_decode (docs/compiler.md, "1.1: try/catch
// and low-level calls").

#include <llvm/IR/CFG.h>

#include "irgen_gen.hpp"

namespace tenet::compiler::irgen {

namespace {

/// The selector of `Panic(uint256)`.
constexpr uint32_t kPanicSelector = 0x4e487b71;

/// The selector a clause matches (not for the catch-all).
uint32_t clause_selector(const CatchInfo& c) {
  switch (c.kind) {
    case CatchInfo::Kind::custom_error:
      return selector_number(c.error->signature());
    case CatchInfo::Kind::error_string:
      return kErrorStringSelector;
    case CatchInfo::Kind::panic:
      return kPanicSelector;
    case CatchInfo::Kind::any:
      break;
  }
  return 0;
}

}  // namespace

void Gen::try_stmt(const ast::TryStmt& t) {
  auto& B = cx_.b;
  auto it = cx_.program.tries.find(&t);
  if (it == cx_.program.tries.end()) return fail(t.call->range, "irgen: unchecked 'try'");
  const TryInfo& info = it->second;
  llvm::BasicBlock* failed = new_block("try.failed");
  llvm::BasicBlock* no_code = new_block("try.nocode");
  llvm::BasicBlock* done = new_block("try.end");
  try_call(t, info, failed, no_code, done);
  // Copy the revert data first: a clause's own calls replace the return data.
  B.SetInsertPoint(failed);
  llvm::Value* returned = return_bytes();
  if (llvm::pred_empty(no_code)) {  // `try new`: there is no code check
    no_code->eraseFromParent();
    catch_clauses(t, info, returned, done);
  } else {
    llvm::BasicBlock* failed_end = B.GetInsertBlock();
    llvm::BasicBlock* dispatch = new_block("try.catch");
    B.CreateBr(dispatch);
    B.SetInsertPoint(no_code);  // a callee without code: a failure with empty data
    llvm::Value* empty = cx_.alloc(cx_.word(32));
    B.CreateBr(dispatch);
    B.SetInsertPoint(dispatch);
    llvm::PHINode* data = B.CreatePHI(cx_.ptr_type(), 2, "revert.data");
    data->addIncoming(returned, failed_end);
    data->addIncoming(empty, no_code);
    catch_clauses(t, info, data, done);
  }
  B.SetInsertPoint(done);
}

void Gen::try_call(const ast::TryStmt& t, const TryInfo& info, llvm::BasicBlock* failed,
                   llvm::BasicBlock* no_code, llvm::BasicBlock* done) {
  auto& B = cx_.b;
  const ast::Expr& e = *t.call;
  llvm::Value* ok = nullptr;
  std::vector<llvm::Value*> results;
  llvm::BasicBlock* succeeded = new_block("try.ok");
  if (const auto* n = std::get_if<ast::NewContractExpr>(&e.kind)) {
    if (e.type->contract_info() == nullptr) return fail(e.range, "irgen: unknown contract");
    llvm::Value* address = create_contract(e, *n);
    At at(*this, e.range);
    B.CreateCondBr(B.CreateICmpEQ(address, cx_.word(0)), failed, succeeded);
    B.SetInsertPoint(succeeded);
    results.push_back(B.CreateTrunc(address, cx_.llvm_type(e.type)));
  } else {
    const Resolution* r = resolution(e);
    const auto* c = std::get_if<ast::CallExpr>(&e.kind);
    if (r == nullptr || c == nullptr || r->kind != Resolution::Kind::external_call ||
        !std::holds_alternative<ast::MemberExpr>(c->callee->kind)) {
      return fail(e.range, "irgen: 'try' needs an external call");
    }
    const FunctionInfo& f = *r->function;
    CallOperands ops = call_operands(*c, f);
    At at(*this, e.range);
    ok = emit_external_call(f, ops, no_code);
    B.CreateCondBr(B.CreateICmpEQ(ok, cx_.word(0)), failed, succeeded);
    B.SetInsertPoint(succeeded);
    if (!info.results.empty()) {
      auto [p, size] = return_data();
      results = vo_.abi_decode(p, size, info.results);  // undecodable results revert
    }
  }
  for (size_t i = 0; i < t.results.size() && i < results.size(); ++i) {
    declare_local(t.results[i].name, info.results[i], results[i]);
  }
  block(t.body);
  branch_to(done);
}

void Gen::catch_clauses(const ast::TryStmt& t, const TryInfo& info, llvm::Value* data,
                        llvm::BasicBlock* done) {
  auto& B = cx_.b;
  llvm::BasicBlock* catch_all = new_block("catch.all");
  llvm::Value* size = cx_.load_word(data);
  llvm::Value* bytes = bytes_data(data);
  llvm::BasicBlock* selected = new_block("catch.selector");
  B.CreateCondBr(B.CreateICmpULT(size, cx_.word(4)), catch_all, selected);
  B.SetInsertPoint(selected);
  llvm::Value* selector = B.CreateLShr(cx_.load_word(bytes), cx_.word(224));
  const ast::CatchClause* any = nullptr;
  for (size_t i = 0; i < t.clauses.size() && i < info.clauses.size(); ++i) {
    const CatchInfo& c = info.clauses[i];
    if (c.kind == CatchInfo::Kind::any) {
      any = &t.clauses[i];
      break;
    }
    if (c.kind == CatchInfo::Kind::custom_error && c.error == nullptr) continue;
    llvm::BasicBlock* match = new_block("catch.match");
    llvm::BasicBlock* next = new_block("catch.next");
    B.CreateCondBr(B.CreateICmpEQ(selector, cx_.word(clause_selector(c))), match, next);
    B.SetInsertPoint(match);
    {
      At at(*this, t.clauses[i].range);
      llvm::Value* args = B.CreateGEP(B.getInt8Ty(), bytes, B.getInt32(4));
      std::vector<llvm::Value*> values =
          vo_.abi_decode(args, B.CreateSub(size, cx_.word(4)), c.decoded, catch_all);
      for (size_t k = 0; k < t.clauses[i].bindings.size() && k < values.size(); ++k) {
        declare_local(t.clauses[i].bindings[k], c.decoded[k], values[k]);
      }
    }
    block(t.clauses[i].body);
    branch_to(done);
    B.SetInsertPoint(next);
  }
  B.CreateBr(catch_all);
  B.SetInsertPoint(catch_all);
  if (any == nullptr) {  // no clause takes it: bubble, as without `try`
    cx_.call(Intrinsic::revert, {bytes, size});
    B.CreateUnreachable();
    return;
  }
  if (!any->bindings.empty()) declare_local(any->bindings[0], types_.bytes(), data);
  block(any->body);
  branch_to(done);
}

}  // namespace tenet::compiler::irgen

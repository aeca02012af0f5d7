// irgen, statements: locals, assignments to locals, their parts and storage paths,
// control flow, return, emit, require/revert/assert.

#include <functional>

#include "irgen_gen.hpp"
#include "tenet/vm/crypto.hpp"

namespace tenet::compiler::irgen {

namespace {

ast::BinaryOp binary_of(ast::AssignOp op) {
  switch (op) {
    case ast::AssignOp::add:
      return ast::BinaryOp::add;
    case ast::AssignOp::sub:
      return ast::BinaryOp::sub;
    case ast::AssignOp::mul:
      return ast::BinaryOp::mul;
    case ast::AssignOp::div:
      return ast::BinaryOp::div;
    case ast::AssignOp::rem:
      return ast::BinaryOp::rem;
    case ast::AssignOp::bit_and:
      return ast::BinaryOp::bit_and;
    case ast::AssignOp::bit_or:
      return ast::BinaryOp::bit_or;
    case ast::AssignOp::bit_xor:
      return ast::BinaryOp::bit_xor;
    case ast::AssignOp::shl:
      return ast::BinaryOp::shl;
    case ast::AssignOp::shr:
      return ast::BinaryOp::shr;
    case ast::AssignOp::assign:
      break;
  }
  return ast::BinaryOp::add;
}

}  // namespace

llvm::BasicBlock* Gen::new_block(const char* name) {
  return llvm::BasicBlock::Create(cx_.llvm, name, fn_);
}

void Gen::after_terminator() {
  cx_.b.SetInsertPoint(new_block("dead"));
}

void Gen::branch_to(llvm::BasicBlock* target) {
  if (cx_.b.GetInsertBlock()->getTerminator() == nullptr) cx_.b.CreateBr(target);
}

Gen::Local* Gen::find_local(const SourceRange& decl) {
  auto it = locals_.find({decl.file, decl.begin.offset});
  return it == locals_.end() ? nullptr : &it->second;
}

llvm::AllocaInst* Gen::declare_local(const ast::Identifier& name, const Type* type,
                                     llvm::Value* init) {
  if (name.name == "_" || type == nullptr) return nullptr;
  llvm::AllocaInst* slot = entry_alloca(cx_.llvm_type(type), name.name);
  if (init != nullptr) cx_.b.CreateStore(init, slot);
  locals_[{name.range.file, name.range.begin.offset}] = Local{slot, type};
  return slot;
}

void Gen::block(const ast::Block& b) {
  for (const ast::StmtPtr& s : b.statements) stmt(*s);
}

void Gen::stmt(const ast::Stmt& s) {
  At at(*this, s.range);
  std::visit(
      [&](const auto& k) {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, ast::LetStmt>) {
          let(k);
        } else if constexpr (std::is_same_v<K, ast::LetTupleStmt>) {
          let_tuple(k);
        } else if constexpr (std::is_same_v<K, ast::AssignStmt>) {
          assign(k, s.range);
        } else if constexpr (std::is_same_v<K, ast::ExprStmt>) {
          expr(*k.expr);
        } else if constexpr (std::is_same_v<K, ast::IfStmt>) {
          if_stmt(k);
        } else if constexpr (std::is_same_v<K, ast::BlockStmt>) {
          block(k.block);
        } else if constexpr (std::is_same_v<K, ast::WhileStmt>) {
          while_stmt(k);
        } else if constexpr (std::is_same_v<K, ast::ForStmt>) {
          for_stmt(k);
        } else if constexpr (std::is_same_v<K, ast::BreakStmt>) {
          if (loops_.empty()) return fail(s.range, "irgen: 'break' outside a loop");
          cx_.b.CreateBr(loops_.back().break_to);
          after_terminator();
        } else if constexpr (std::is_same_v<K, ast::ContinueStmt>) {
          if (loops_.empty()) return fail(s.range, "irgen: 'continue' outside a loop");
          cx_.b.CreateBr(loops_.back().continue_to);
          after_terminator();
        } else if constexpr (std::is_same_v<K, ast::ReturnStmt>) {
          return_stmt(k);
        } else if constexpr (std::is_same_v<K, ast::EmitStmt>) {
          emit_stmt(k, s.range);
        } else if constexpr (std::is_same_v<K, ast::RequireStmt>) {
          require_stmt(k);
        } else if constexpr (std::is_same_v<K, ast::RevertStmt>) {
          revert_stmt(k, s.range);
        } else if constexpr (std::is_same_v<K, ast::AssertStmt>) {
          std::optional<Comparison> compared;
          llvm::Value* c = condition(*k.condition, compared);
          if (!compared) {
            cx_.panic_if(cx_.b.CreateNot(c), kPanicAssert);
          } else {
            fail_unless(c, compared, "assert", [this] { cx_.panic(kPanicAssert); });
          }
        } else if constexpr (std::is_same_v<K, ast::TryStmt>) {
          try_stmt(k);
        } else if constexpr (std::is_same_v<K, ast::DeleteStmt>) {
          delete_stmt(k, s.range);
        }
      },
      s.kind);
  if (vo_.error && !error_) fail(s.range, *vo_.error);
}

void Gen::let(const ast::LetStmt& l) {
  const Type* t = l.init->type;
  if (t != nullptr && t->kind() == TypeKind::int_constant) t = types_.u256();
  // A declared type (`let x: u64 = small;`) is the type the local's uses carry.
  auto it = local_types_.find({l.name.range.file, l.name.range.begin.offset});
  if (it != local_types_.end()) t = it->second;
  llvm::Value* v = value_of(*l.init, t);
  declare_local(l.name, t, v);
}

namespace {

void walk_expr(const ast::Expr& e, const std::function<void(const ast::Expr&)>& f);

void walk_block(const ast::Block& b, const std::function<void(const ast::Expr&)>& f);

void walk_stmt(const ast::Stmt& s, const std::function<void(const ast::Expr&)>& f) {
  std::visit(
      [&](const auto& k) {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, ast::LetStmt> || std::is_same_v<K, ast::LetTupleStmt>) {
          walk_expr(*k.init, f);
        } else if constexpr (std::is_same_v<K, ast::AssignStmt>) {
          walk_expr(*k.target, f);
          walk_expr(*k.value, f);
        } else if constexpr (std::is_same_v<K, ast::ExprStmt>) {
          walk_expr(*k.expr, f);
        } else if constexpr (std::is_same_v<K, ast::IfStmt>) {
          walk_expr(*k.condition, f);
          walk_block(k.then_block, f);
          if (k.else_branch) walk_stmt(*k.else_branch, f);
        } else if constexpr (std::is_same_v<K, ast::BlockStmt>) {
          walk_block(k.block, f);
        } else if constexpr (std::is_same_v<K, ast::WhileStmt>) {
          walk_expr(*k.condition, f);
          walk_block(k.body, f);
        } else if constexpr (std::is_same_v<K, ast::ForStmt>) {
          walk_expr(*k.start, f);
          walk_expr(*k.end, f);
          walk_block(k.body, f);
        } else if constexpr (std::is_same_v<K, ast::ReturnStmt>) {
          if (k.value) walk_expr(*k.value, f);
        } else if constexpr (std::is_same_v<K, ast::EmitStmt>) {
          for (const auto& a : k.args) walk_expr(*a, f);
        } else if constexpr (std::is_same_v<K, ast::RequireStmt>) {
          walk_expr(*k.condition, f);
          if (k.reason) walk_expr(*k.reason, f);
        } else if constexpr (std::is_same_v<K, ast::RevertStmt>) {
          if (k.message) walk_expr(*k.message, f);
          for (const auto& a : k.args) walk_expr(*a, f);
        } else if constexpr (std::is_same_v<K, ast::AssertStmt>) {
          walk_expr(*k.condition, f);
        } else if constexpr (std::is_same_v<K, ast::TryStmt>) {
          walk_expr(*k.call, f);
          walk_block(k.body, f);
          for (const ast::CatchClause& c : k.clauses) walk_block(c.body, f);
        } else if constexpr (std::is_same_v<K, ast::DeleteStmt>) {
          walk_expr(*k.place, f);
        }
      },
      s.kind);
}

void walk_block(const ast::Block& b, const std::function<void(const ast::Expr&)>& f) {
  for (const auto& s : b.statements) walk_stmt(*s, f);
}

void walk_expr(const ast::Expr& e, const std::function<void(const ast::Expr&)>& f) {
  f(e);
  std::visit(
      [&](const auto& k) {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, ast::StructLiteral>) {
          for (const auto& x : k.fields) walk_expr(*x.value, f);
        } else if constexpr (std::is_same_v<K, ast::ArrayLiteral> ||
                             std::is_same_v<K, ast::TupleExpr>) {
          for (const auto& x : k.elements) walk_expr(*x, f);
        } else if constexpr (std::is_same_v<K, ast::UnaryExpr>) {
          walk_expr(*k.operand, f);
        } else if constexpr (std::is_same_v<K, ast::BinaryExpr>) {
          walk_expr(*k.lhs, f);
          walk_expr(*k.rhs, f);
        } else if constexpr (std::is_same_v<K, ast::ConditionalExpr>) {
          walk_expr(*k.condition, f);
          walk_expr(*k.then_value, f);
          walk_expr(*k.else_value, f);
        } else if constexpr (std::is_same_v<K, ast::CallExpr>) {
          walk_expr(*k.callee, f);
          for (const auto& o : k.options) walk_expr(*o.value, f);
          for (const auto& a : k.args) walk_expr(*a, f);
        } else if constexpr (std::is_same_v<K, ast::MemberExpr>) {
          walk_expr(*k.object, f);
        } else if constexpr (std::is_same_v<K, ast::IndexExpr>) {
          walk_expr(*k.base, f);
          walk_expr(*k.index, f);
        } else if constexpr (std::is_same_v<K, ast::NewContractExpr>) {
          for (const auto& o : k.options) walk_expr(*o.value, f);
          for (const auto& a : k.args) walk_expr(*a, f);
        } else if constexpr (std::is_same_v<K, ast::NewArrayExpr>) {
          for (const auto& a : k.args) walk_expr(*a, f);
        }
      },
      e.kind);
}

}  // namespace

void Gen::collect_local_types(const ast::Block& body) {
  local_types_.clear();
  walk_block(body, [&](const ast::Expr& e) {
    if (!std::holds_alternative<ast::NameExpr>(e.kind) || e.type == nullptr) return;
    const Resolution* r = resolution(e);
    if (r != nullptr && r->kind == Resolution::Kind::local) {
      local_types_[{r->decl_range.file, r->decl_range.begin.offset}] = e.type;
    }
  });
}

void Gen::let_tuple(const ast::LetTupleStmt& l) {
  const Type* t = l.init->type;
  if (t == nullptr || t->kind() != TypeKind::tuple) {
    fail(l.init->range, "irgen: 'let (…)' needs a tuple");
    return;
  }
  std::vector<llvm::Value*> values;
  if (const auto* tuple = std::get_if<ast::TupleExpr>(&l.init->kind)) {
    for (size_t i = 0; i < tuple->elements.size(); ++i)
      values.push_back(value_of(*tuple->elements[i], t->elements()[i]));
  } else {
    llvm::Value* p = expr(*l.init);
    values = unpack_tuple(p, t->elements());
  }
  for (size_t i = 0; i < l.bindings.size() && i < values.size(); ++i) {
    declare_local(l.bindings[i].name, t->elements()[i], values[i]);
  }
}

void Gen::assign(const ast::AssignStmt& a, const SourceRange& range) {
  auto& B = cx_.b;
  const ast::Expr& target = *a.target;
  const Type* t = target.type;
  const bool compound = a.op != ast::AssignOp::assign;
  // The right-hand side is evaluated first, then the place (its slot, index and bounds
  // check), then the old value: a call on the right that changes the place (a `pop`, a
  // write to the same field) can neither leave a stale, unchecked slot behind nor be
  // overwritten by an old value read before it ran.
  const ast::BinaryOp op = compound ? binary_of(a.op) : ast::BinaryOp{};
  const Type* rt = t;
  if (compound && (op == ast::BinaryOp::shl || op == ast::BinaryOp::shr)) {
    rt = a.value->type->kind() == TypeKind::int_constant ? types_.u256() : a.value->type;
  }
  llvm::Value* rhs = compound ? expr_as(*a.value, rt) : value_of(*a.value, t);
  // The new value from the old one (compound) or the right-hand side.
  auto new_value = [&](const std::function<llvm::Value*()>& read_old) -> llvm::Value* {
    if (!compound) return rhs;
    llvm::Value* old = read_old();
    At at(*this, range);
    return binary(op, old, rhs, t, rt);
  };
  // A local.
  if (std::holds_alternative<ast::NameExpr>(target.kind)) {
    const Resolution* r = resolution(target);
    Local* l =
        r != nullptr && r->kind == Resolution::Kind::local ? find_local(r->decl_range) : nullptr;
    if (l == nullptr) return fail(target.range, "irgen: cannot assign to this name");
    llvm::Value* v = new_value([&] { return B.CreateLoad(l->slot->getAllocatedType(), l->slot); });
    B.CreateStore(widen(v, t, l->type), l->slot);
    return;
  }
  // A storage path.
  if (is_storage_path(target)) {
    const bool bytes_element =
        std::holds_alternative<ast::IndexExpr>(target.kind) &&
        (std::get<ast::IndexExpr>(target.kind).base->type->kind() == TypeKind::string ||
         std::get<ast::IndexExpr>(target.kind).base->type->kind() == TypeKind::bytes);
    if (bytes_element) {
      const auto& x = std::get<ast::IndexExpr>(target.kind);
      if (!compound) {
        llvm::Value* v = rhs;
        llvm::Value* slot = storage_slot(*x.base);
        llvm::Value* i = cx_.as_word(expr_as(*x.index, types_.u256()));
        At at(*this, range);
        vo_.storage_store_byte(slot, i, v);
        return;
      }
      llvm::Value* slot = storage_slot(*x.base);
      llvm::Value* i = cx_.as_word(expr_as(*x.index, types_.u256()));
      llvm::Value* v = new_value([&] { return vo_.storage_load_byte(slot, i); });
      At at(*this, range);
      vo_.storage_store_byte(slot, i, v);
      return;
    }
    if (!compound) {
      llvm::Value* v = rhs;
      llvm::Value* slot = storage_slot(target);
      At at(*this, range);
      vo_.storage_store(slot, v, t);
      return;
    }
    llvm::Value* slot = storage_slot(target);
    llvm::Value* v = new_value([&] { return vo_.storage_load(slot, t); });
    At at(*this, range);
    vo_.storage_store(slot, v, t);
    return;
  }
  // An element or field of a local.
  llvm::Value* p = nullptr;
  bool byte = false;
  if (const auto* x = std::get_if<ast::IndexExpr>(&target.kind)) {
    const Type* bt = x->base->type;
    byte = bt->kind() == TypeKind::string || bt->kind() == TypeKind::bytes;
    llvm::Value* base = expr(*x->base);
    llvm::Value* i = cx_.as_word(expr_as(*x->index, types_.u256()));
    At at(*this, target.range);
    p = vo_.element_ptr(base, bt, i);
  } else if (const auto* m = std::get_if<ast::MemberExpr>(&target.kind)) {
    const Resolution* r = resolution(target);
    if (r == nullptr || r->kind != Resolution::Kind::struct_field) {
      return fail(target.range, "irgen: cannot assign to this member");
    }
    llvm::Value* base = expr(*m->object);
    At at(*this, target.range);
    p = cx_.word_ptr(base, B.getInt32(r->index));
  } else {
    return fail(target.range, "irgen: cannot assign to this expression");
  }
  llvm::Value* v = new_value([&] { return byte ? vo_.load_byte(p) : vo_.load_element(p, t); });
  At at(*this, range);
  if (byte) {
    vo_.store_byte(p, v);
  } else {
    vo_.store_element(p, v, t);
  }
}

void Gen::delete_stmt(const ast::DeleteStmt& d, const SourceRange& range) {
  auto& B = cx_.b;
  const ast::Expr& target = *d.place;
  const Type* t = target.type;
  const auto* index = std::get_if<ast::IndexExpr>(&target.kind);
  const bool byte = index != nullptr && (index->base->type->kind() == TypeKind::string ||
                                         index->base->type->kind() == TypeKind::bytes);
  // A local.
  if (std::holds_alternative<ast::NameExpr>(target.kind)) {
    const Resolution* r = resolution(target);
    Local* l =
        r != nullptr && r->kind == Resolution::Kind::local ? find_local(r->decl_range) : nullptr;
    if (l == nullptr) return fail(target.range, "irgen: cannot delete this name");
    B.CreateStore(widen(vo_.zero_value(t), t, l->type), l->slot);
    return;
  }
  // A storage path: the slot (and the bounds check of its index), then the clearing.
  if (is_storage_path(target)) {
    if (byte) {
      llvm::Value* slot = storage_slot(*index->base);
      llvm::Value* i = cx_.as_word(expr_as(*index->index, types_.u256()));
      At at(*this, range);
      vo_.storage_store_byte(slot, i, B.getInt8(0));
      return;
    }
    llvm::Value* slot = storage_slot(target);
    At at(*this, range);
    vo_.storage_clear(slot, t);
    return;
  }
  // An element or field of a local.
  llvm::Value* p = nullptr;
  if (index != nullptr) {
    llvm::Value* base = expr(*index->base);
    llvm::Value* i = cx_.as_word(expr_as(*index->index, types_.u256()));
    At at(*this, target.range);
    p = vo_.element_ptr(base, index->base->type, i);
  } else if (const auto* m = std::get_if<ast::MemberExpr>(&target.kind)) {
    const Resolution* r = resolution(target);
    if (r == nullptr || r->kind != Resolution::Kind::struct_field) {
      return fail(target.range, "irgen: cannot delete this member");
    }
    llvm::Value* base = expr(*m->object);
    At at(*this, target.range);
    p = cx_.word_ptr(base, B.getInt32(r->index));
  } else {
    return fail(target.range, "irgen: cannot delete this expression");
  }
  At at(*this, range);
  if (byte) {
    vo_.store_byte(p, B.getInt8(0));
  } else {
    vo_.store_element(p, vo_.zero_value(t), t);
  }
}

void Gen::if_stmt(const ast::IfStmt& s) {
  auto& B = cx_.b;
  // `if cmp { revert …; }`: the taken branch is the failing path of `cmp`.
  const bool guards_revert =
      !s.then_block.statements.empty() &&
      std::holds_alternative<ast::RevertStmt>(s.then_block.statements.front()->kind);
  std::optional<Comparison> compared;
  llvm::Value* c =
      guards_revert ? condition(*s.condition, compared) : expr_as(*s.condition, types_.boolean());
  llvm::BasicBlock* then_block = new_block("if.then");
  llvm::BasicBlock* else_block = s.else_branch ? new_block("if.else") : nullptr;
  llvm::BasicBlock* done = new_block("if.end");
  B.CreateCondBr(c, then_block, else_block != nullptr ? else_block : done);
  B.SetInsertPoint(then_block);
  if (compared) record_operands(*compared);
  block(s.then_block);
  branch_to(done);
  if (else_block != nullptr) {
    B.SetInsertPoint(else_block);
    stmt(*s.else_branch);
    branch_to(done);
  }
  B.SetInsertPoint(done);
}

void Gen::while_stmt(const ast::WhileStmt& s) {
  auto& B = cx_.b;
  llvm::BasicBlock* head = new_block("while.cond");
  llvm::BasicBlock* body = new_block("while.body");
  llvm::BasicBlock* done = new_block("while.end");
  B.CreateBr(head);
  B.SetInsertPoint(head);
  llvm::Value* c = expr_as(*s.condition, types_.boolean());
  B.CreateCondBr(c, body, done);
  B.SetInsertPoint(body);
  loops_.push_back({done, head});
  block(s.body);
  loops_.pop_back();
  branch_to(head);
  B.SetInsertPoint(done);
}

void Gen::for_stmt(const ast::ForStmt& s) {
  auto& B = cx_.b;
  const Type* t = s.start->type;
  if (t == nullptr || !t->is_integer()) t = s.end->type;
  if (t == nullptr || !t->is_integer()) t = types_.u256();
  llvm::Value* lo = expr_as(*s.start, t);
  llvm::Value* hi = expr_as(*s.end, t);
  llvm::AllocaInst* counter = entry_alloca(cx_.llvm_type(t), "for.i");
  B.CreateStore(lo, counter);
  llvm::BasicBlock* head = new_block("for.cond");
  llvm::BasicBlock* body = new_block("for.body");
  llvm::BasicBlock* latch = new_block("for.next");
  llvm::BasicBlock* done = new_block("for.end");
  B.CreateBr(head);
  B.SetInsertPoint(head);
  llvm::Value* i = B.CreateLoad(counter->getAllocatedType(), counter);
  const bool is_signed = t->is_signed();
  llvm::Value* more = s.inclusive ? (is_signed ? B.CreateICmpSLE(i, hi) : B.CreateICmpULE(i, hi))
                                  : (is_signed ? B.CreateICmpSLT(i, hi) : B.CreateICmpULT(i, hi));
  B.CreateCondBr(more, body, done);
  B.SetInsertPoint(body);
  declare_local(s.variable, t, i);
  loops_.push_back({done, latch});
  block(s.body);
  loops_.pop_back();
  branch_to(latch);
  B.SetInsertPoint(latch);
  llvm::Value* current = B.CreateLoad(counter->getAllocatedType(), counter);
  llvm::Value* next = B.CreateAdd(current, llvm::ConstantInt::get(current->getType(), 1));
  B.CreateStore(next, counter);
  if (s.inclusive) {
    // `..=` ends after the last value without incrementing past it (no overflow at MAX).
    B.CreateCondBr(B.CreateICmpEQ(current, hi), done, head);
  } else {
    B.CreateBr(head);
  }
  B.SetInsertPoint(done);
}

void Gen::return_stmt(const ast::ReturnStmt& r) {
  auto& B = cx_.b;
  const std::vector<const Type*>& results = *results_;
  if (r.value == nullptr || results.empty()) {
    if (r.value != nullptr) expr(*r.value);
    B.CreateRetVoid();
  } else if (results.size() == 1) {
    llvm::Value* v = result_value(*r.value, results[0]);
    B.CreateRet(v);
  } else if (const auto* tuple = std::get_if<ast::TupleExpr>(&r.value->kind)) {
    std::vector<llvm::Value*> values;
    for (size_t i = 0; i < tuple->elements.size() && i < results.size(); ++i) {
      values.push_back(value_of(*tuple->elements[i], results[i]));  // two results may share a local
    }
    B.CreateRet(make_tuple(values, results));
  } else {
    B.CreateRet(expr(*r.value));
  }
  after_terminator();
}

void Gen::emit_stmt(const ast::EmitStmt& e, const SourceRange& range) {
  // The events in scope in the contract's file (sema resolved the name among them).
  const EventInfo* info = nullptr;
  for (const EventInfo* ev : contract_.events) {
    if (ev->name == e.event.name) info = ev;
  }
  // (1.1) What sema resolved: an event imported under an alias, or one emitted in a
  // component declared in another file.
  if (auto it = cx_.program.emitted_events.find(&e.event); it != cx_.program.emitted_events.end())
    info = it->second;
  if (info == nullptr) return fail(range, "irgen: unknown event '" + e.event.name + "'");
  std::vector<llvm::Value*> topics;
  llvm::Value* enc = event_log(*info, e.args, range, topics);
  if (enc == nullptr) return;
  At at(*this, range);
  std::vector<llvm::Value*> args = {bytes_data(enc), cx_.load_word(enc)};
  args.insert(args.end(), topics.begin(), topics.end());
  static const Intrinsic kLogs[] = {Intrinsic::log0, Intrinsic::log1, Intrinsic::log2,
                                    Intrinsic::log3, Intrinsic::log4};
  cx_.call(kLogs[topics.size()], args);
}

llvm::Value* Gen::event_log(const EventInfo& info, const std::vector<ast::ExprPtr>& args,
                            const SourceRange& range, std::vector<llvm::Value*>& topics) {
  auto hash = vm::keccak256(std::span<const uint8_t>(
      reinterpret_cast<const uint8_t*>(info.signature().data()), info.signature().size()));
  llvm::APInt topic0(256, 0);
  for (uint8_t byte : hash) topic0 = (topic0.shl(8)) | llvm::APInt(256, byte);
  topics.push_back(cx_.word(topic0));
  std::vector<llvm::Value*> data;
  std::vector<const Type*> data_types;
  for (size_t i = 0; i < args.size() && i < info.params.size(); ++i) {
    const EventParamInfo& p = info.params[i];
    llvm::Value* v = expr_as(*args[i], p.type);
    if (!p.indexed) {
      data.push_back(v);
      data_types.push_back(p.type);
      continue;
    }
    At at(*this, args[i]->range);
    if (p.type->kind() == TypeKind::string || p.type->kind() == TypeKind::bytes) {
      topics.push_back(vo_.hash(Intrinsic::keccak256, {v}, {p.type}));
    } else if (IrContext::is_reference(p.type)) {
      // Ethereum hashes the in-place encoding (docs/language.md, "7. Events and errors").
      topics.push_back(vo_.indexed_topic(v, p.type));
    } else {
      topics.push_back(cx_.to_word(v, p.type));
    }
  }
  if (topics.size() > 4) {
    fail(range, "irgen: too many indexed parameters");
    return nullptr;
  }
  At at(*this, range);
  return vo_.abi_encode(data, data_types);
}

void Gen::revert_with_message(llvm::Value* message) {
  llvm::Value* enc = vo_.abi_encode({message}, {types_.string()}, kErrorStringSelector);
  cx_.call(Intrinsic::revert, {bytes_data(enc), cx_.load_word(enc)});
}

llvm::Value* Gen::error_data(const ErrorInfo& info, const std::vector<ast::ExprPtr>& args) {
  std::vector<llvm::Value*> values;
  std::vector<const Type*> types;
  for (size_t i = 0; i < args.size() && i < info.params.size(); ++i) {
    values.push_back(expr_as(*args[i], info.params[i].type));
    types.push_back(info.params[i].type);
  }
  return vo_.abi_encode(values, types, selector_number(info.signature()));
}

void Gen::revert_with_error(const ErrorInfo& info, const std::vector<ast::ExprPtr>& args) {
  llvm::Value* enc = error_data(info, args);
  cx_.call(Intrinsic::revert, {bytes_data(enc), cx_.load_word(enc)});
}

void Gen::require_stmt(const ast::RequireStmt& r) {
  auto& B = cx_.b;
  std::optional<Comparison> compared;
  llvm::Value* c = condition(*r.condition, compared);
  if (r.reason == nullptr && !compared) {
    cx_.revert_if(B.CreateNot(c));
    return;
  }
  fail_unless(c, compared, "require", [&] {
    if (r.reason == nullptr) {
      cx_.call(Intrinsic::revert, {llvm::ConstantPointerNull::get(cx_.ptr_type()), cx_.word(0)});
      return;
    }
    const Resolution* res = resolution(*r.reason);
    if (res != nullptr && res->kind == Resolution::Kind::error_value) {
      const auto& call = std::get<ast::CallExpr>(r.reason->kind);
      At at(*this, r.reason->range);
      revert_with_error(*r.reason->type->error_info(), call.args);
    } else {
      llvm::Value* message = expr_as(*r.reason, types_.string());
      At at(*this, r.reason->range);
      revert_with_message(message);
    }
  });
}

void Gen::fail_unless(llvm::Value* holds, const std::optional<Comparison>& compared,
                      const std::string& what, const std::function<void()>& on_failure) {
  auto& B = cx_.b;
  llvm::BasicBlock* fail_block = new_block((what + ".fail").c_str());
  llvm::BasicBlock* ok = new_block((what + ".ok").c_str());
  B.CreateCondBr(holds, ok, fail_block);
  B.SetInsertPoint(fail_block);
  if (compared) record_operands(*compared);
  on_failure();
  if (B.GetInsertBlock()->getTerminator() == nullptr) B.CreateUnreachable();
  B.SetInsertPoint(ok);
}

void Gen::revert_stmt(const ast::RevertStmt& r, const SourceRange& range) {
  if (r.message != nullptr && r.message->type != nullptr &&
      r.message->type->kind() == TypeKind::bytes) {  // 1.1 `revert(data)`: raw revert data
    llvm::Value* data = expr(*r.message);
    At at(*this, range);
    cx_.call(Intrinsic::revert, {bytes_data(data), cx_.load_word(data)});
    return;
  }
  if (r.message != nullptr) {
    llvm::Value* message = expr_as(*r.message, types_.string());
    At at(*this, range);
    revert_with_message(message);
    return;
  }
  if (!r.error) {
    cx_.call(Intrinsic::revert, {llvm::ConstantPointerNull::get(cx_.ptr_type()), cx_.word(0)});
    return;
  }
  // Sema resolved the name in the scope of the function's file: an error declared there,
  // else one the contract's file sees, else one imported from another file.
  const ErrorInfo* info = nullptr;
  // (1.1) What sema resolved (an error imported under an alias has another local name).
  if (auto it = cx_.program.reverted_errors.find(&*r.error);
      it != cx_.program.reverted_errors.end())
    info = it->second;
  for (const ErrorInfo& e : cx_.program.errors) {
    if (info == nullptr && e.name == r.error->name && e.file == r.error->range.file) info = &e;
  }
  for (const ErrorInfo* e : contract_.errors) {
    if (info == nullptr && e->name == r.error->name) info = e;
  }
  for (const ErrorInfo& e : cx_.program.errors) {
    if (info == nullptr && e.name == r.error->name && e.params.size() == r.args.size()) info = &e;
  }
  if (info == nullptr) return fail(r.error->range, "irgen: unknown error '" + r.error->name + "'");
  revert_with_error(*info, r.args);
}

}  // namespace tenet::compiler::irgen

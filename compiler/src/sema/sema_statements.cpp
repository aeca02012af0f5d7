// Statements: locals, assignments and places, control flow (definite return,
// unreachable code), emit, require, revert, assert.

#include "sema_checker.hpp"

namespace tenet::compiler::sema {

Flow Checker::check_block(const ast::Block& b, bool new_scope) {
  if (new_scope) push_scope();
  Flow flow = Flow::falls_through;
  bool warned = false;
  for (const ast::StmtPtr& s : b.statements) {
    if (flow != Flow::falls_through && !warned) {
      diags_.warning(s->range, "unreachable code");
      warned = true;
    }
    Flow f = check_stmt(*s);
    if (flow == Flow::falls_through) flow = f;
  }
  if (new_scope) pop_scope();
  return flow;
}

Flow Checker::check_stmt(const ast::Stmt& s) {
  return std::visit(
      [&](const auto& k) -> Flow {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, ast::LetStmt>) {
          check_let(s, k);
        } else if constexpr (std::is_same_v<K, ast::LetTupleStmt>) {
          check_let_tuple(s, k);
        } else if constexpr (std::is_same_v<K, ast::AssignStmt>) {
          check_assign(s, k);
        } else if constexpr (std::is_same_v<K, ast::ExprStmt>) {
          const Type* t = check(*k.expr);
          if (t->kind() == TypeKind::int_constant) materialize(*k.expr, t);
        } else if constexpr (std::is_same_v<K, ast::IfStmt>) {
          return check_if(k);
        } else if constexpr (std::is_same_v<K, ast::BlockStmt>) {
          return check_block(k.block);
        } else if constexpr (std::is_same_v<K, ast::WhileStmt>) {
          check_condition(*k.condition, "the condition of 'while'");
          ctx_.loop_breaks.push_back(false);
          check_block(k.body);
          bool has_break = ctx_.loop_breaks.back();
          ctx_.loop_breaks.pop_back();
          const Value* v = value_of(*k.condition);
          if (v != nullptr && v->kind == Value::Kind::boolean && v->boolean && !has_break) {
            return Flow::returns;  // loops forever: never falls through
          }
        } else if constexpr (std::is_same_v<K, ast::ForStmt>) {
          const Type* a = check(*k.start);
          const Type* b = check(*k.end);
          const Type* t = unify(*k.start, a, *k.end, b, k.inclusive ? "..=" : "..",
                                join(k.start->range, k.end->range));
          if (t->kind() == TypeKind::int_constant) {
            t = materialize(*k.start, t);
            materialize(*k.end, b);
          }
          if (t->kind() != TypeKind::invalid && !t->is_integer()) {
            diags_.error(k.start->range,
                         "a 'for' range needs integer bounds, found " + display_name(*t));
            t = types_.invalid();
          }
          push_scope();
          declare_local(k.variable, t, false, false, true);
          ctx_.loop_breaks.push_back(false);
          check_block(k.body);
          ctx_.loop_breaks.pop_back();
          pop_scope();
        } else if constexpr (std::is_same_v<K, ast::BreakStmt> ||
                             std::is_same_v<K, ast::ContinueStmt>) {
          const char* word = std::is_same_v<K, ast::BreakStmt> ? "break" : "continue";
          if (ctx_.loop_breaks.empty()) {
            diags_.error(s.range, std::string("'") + word + "' outside of a loop");
            return Flow::falls_through;
          }
          if (std::is_same_v<K, ast::BreakStmt>) ctx_.loop_breaks.back() = true;
          return Flow::jumps;
        } else if constexpr (std::is_same_v<K, ast::ReturnStmt>) {
          check_return(s, k);
          return Flow::returns;
        } else if constexpr (std::is_same_v<K, ast::EmitStmt>) {
          check_emit(s, k);
        } else if constexpr (std::is_same_v<K, ast::RequireStmt>) {
          check_require(k);
        } else if constexpr (std::is_same_v<K, ast::RevertStmt>) {
          check_revert(s, k);
          return Flow::returns;
        } else if constexpr (std::is_same_v<K, ast::AssertStmt>) {
          check_condition(*k.condition, "the condition of 'assert'");
        } else if constexpr (std::is_same_v<K, ast::TryStmt>) {
          return check_try(k);
        } else if constexpr (std::is_same_v<K, ast::DeleteStmt>) {
          check_delete(k);
        }
        return Flow::falls_through;
      },
      s.kind);
}

void Checker::check_let(const ast::Stmt& s, const ast::LetStmt& l) {
  (void)s;
  const Type* declared = nullptr;
  if (l.type != nullptr) {
    declared = resolve_type(*l.type);
    if (declared->contains_map()) {
      diags_.error(l.type->range, "a local cannot have type " + display_name(*declared) +
                                      ": maps exist only in storage fields");
      declared = types_.invalid();
    }
  }
  const Type* t = nullptr;
  if (declared != nullptr) {
    t = check_value(*l.init, declared);
    if (t->kind() == TypeKind::invalid) t = declared;
  } else {
    t = check(*l.init);
    if (t->kind() == TypeKind::map) {
      diags_.error(l.init->range,
                   "a map cannot be copied into a local: maps exist only in "
                   "storage; index it instead (m[key])");
      t = types_.invalid();
    } else if (t->contains_map()) {
      diags_.error(l.init->range, display_name(*t) +
                                      " contains a map, so it cannot be copied out of storage "
                                      "into a local; read the fields you need directly from "
                                      "storage");
      t = types_.invalid();
    } else if (t->kind() == TypeKind::unit) {
      diags_.error(l.init->range, "this call returns no value, so '" + l.name.name +
                                      "' cannot be initialised with it");
      t = types_.invalid();
    } else if (t->kind() == TypeKind::tuple) {
      std::string names;
      for (size_t i = 0; i < t->elements().size(); ++i) {
        names += (i == 0 ? "" : ", ") + std::string(1, static_cast<char>('a' + (i % 26)));
      }
      diags_.error(l.init->range, "this call returns " + std::to_string(t->elements().size()) +
                                      " values " + display_name(*t) + "; unpack them with 'let (" +
                                      names + ") = ...'");
      t = types_.invalid();
    } else {
      t = materialize(*l.init, t);
    }
  }
  declare_local(l.name, t, l.is_mut, false, false);
}

void Checker::check_let_tuple(const ast::Stmt& s, const ast::LetTupleStmt& l) {
  (void)s;
  const Type* t = nullptr;
  if (const auto* tuple = std::get_if<ast::TupleExpr>(&l.init->kind)) {
    t = check_tuple(*l.init, *tuple, nullptr);
  } else {
    t = check(*l.init);
  }
  std::vector<const Type*> elements;
  if (t->kind() == TypeKind::tuple) {
    elements = t->elements();
    if (elements.size() != l.bindings.size()) {
      diags_.error(l.init->range, "cannot unpack " + std::to_string(elements.size()) + " values " +
                                      display_name(*t) + " into " +
                                      std::to_string(l.bindings.size()) + " names");
      elements.clear();
    }
  } else if (t->kind() != TypeKind::invalid) {
    diags_.error(l.init->range,
                 "'let (...)' unpacks a tuple, but this expression has type " + display_name(*t));
  }
  for (size_t i = 0; i < l.bindings.size(); ++i) {
    const Type* bt = i < elements.size() ? elements[i] : types_.invalid();
    declare_local(l.bindings[i].name, bt, l.bindings[i].is_mut, false, false);
  }
}

const Type* Checker::check_place(const ast::Expr& target, const std::string& verb) {
  // Find the root of the place: a local or `self.field`.
  const ast::Expr* root = &target;
  while (true) {
    if (const auto* m = std::get_if<ast::MemberExpr>(&root->kind)) {
      if (std::holds_alternative<ast::SelfExpr>(m->object->kind)) break;
      root = m->object.get();
    } else if (const auto* i = std::get_if<ast::IndexExpr>(&root->kind)) {
      root = i->base.get();
    } else {
      break;
    }
  }
  if (const auto* n = std::get_if<ast::NameExpr>(&root->kind)) {
    int local = find_local(n->name);
    if (local >= 0) {
      const Local& l = ctx_.locals[static_cast<size_t>(local)];
      if (!l.is_mut) {
        const bool whole = root == &target;
        if (l.is_counter) {
          diags_.error(target.range, "cannot " + verb + " the loop counter '" + l.name +
                                         "': it is immutable inside the loop; use a 'while' loop "
                                         "with a 'let mut' counter");
        } else if (l.is_param) {
          diags_.error(target.range, "cannot " + verb + " parameter '" + l.name +
                                         "': parameters are immutable; copy it first: 'let mut " +
                                         l.name + "_ = " + l.name + ";'");
        } else {
          diags_.error(target.range,
                       "cannot " + verb + " " +
                           (whole ? "'" + l.name + "'" : "a part of '" + l.name + "'") +
                           ": it is immutable; declare it with 'let mut " + l.name + "'");
        }
        diags_.note(l.range, "'" + l.name + "' is declared here");
        if (root == &target) {
          set(target, l.type);
          return types_.invalid();
        }
      }
      if (root == &target) {
        return set(target, check_name(target, *n, true));
      }
      const bool was_used = l.used;
      const Type* t = check(target);
      ctx_.locals[static_cast<size_t>(local)].used = was_used;
      return l.is_mut ? t : types_.invalid();
    }
    if (find_contract_const(n->name) != nullptr ||
        (lookup_top(ctx_.module, n->name) != nullptr &&
         lookup_top(ctx_.module, n->name)->kind == Symbol::Kind::constant)) {
      diags_.error(target.range, "cannot " + verb + " constant '" + n->name + "'");
      return types_.invalid();
    }
    const Type* t = check(target);  // reports unknown names, fields without self., ...
    if (t->kind() != TypeKind::invalid) {
      diags_.error(target.range, "cannot " + verb +
                                     " this expression: a place is a 'let mut' "
                                     "local, a part of one, or a storage path like self.field");
    }
    return types_.invalid();
  }
  if (const auto* m = std::get_if<ast::MemberExpr>(&root->kind);
      m != nullptr && std::holds_alternative<ast::SelfExpr>(m->object->kind)) {
    const Type* t = check(target);
    if (t->kind() != TypeKind::invalid) note_state_change("write storage", target.range);
    return t;
  }
  check(target);
  if (target.type != nullptr && target.type->kind() != TypeKind::invalid) {
    diags_.error(target.range, "cannot " + verb +
                                   " this expression: a place is a 'let mut' local, "
                                   "a part of one, or a storage path like self.field");
  }
  return types_.invalid();
}

void Checker::check_assign(const ast::Stmt& s, const ast::AssignStmt& a) {
  (void)s;
  const Type* t = check_place(*a.target);
  if (const auto* x = std::get_if<ast::IndexExpr>(&a.target->kind);
      x != nullptr && x->base->type != nullptr && x->base->type->is_fixed_bytes()) {
    diags_.error(a.target->range, "cannot assign to a byte of " + display_name(*x->base->type) +
                                      ": build a new value, e.g. with '|' and '<<'");
    t = types_.invalid();
  }
  if (t->kind() == TypeKind::invalid) {
    check(*a.value);
    return;
  }
  if (t->contains_map()) {
    check(*a.value);
    diags_.error(a.target->range,
                 "a map cannot be assigned as a whole; assign its entries: "
                 "m[key] = value");
    return;
  }
  if (a.op == ast::AssignOp::assign) {
    check_value(*a.value, t, "assignment");
    return;
  }
  const std::string op = ast::spelling(a.op);
  if (a.op == ast::AssignOp::shl || a.op == ast::AssignOp::shr) {
    const Type* rt = check(*a.value);
    if (rt->kind() == TypeKind::int_constant) {
      const Value* v = value_of(*a.value);
      if (v != nullptr && v->integer < 0) {
        diags_.error(a.value->range, "a shift amount must be unsigned");
      } else {
        coerce(*a.value, rt, types_.u256());
      }
    } else if (rt->kind() != TypeKind::invalid && !rt->is_unsigned_integer()) {
      diags_.error(a.value->range,
                   "a shift amount must be an unsigned integer, found " + display_name(*rt));
    }
    if (!t->is_integer() && !t->is_fixed_bytes()) {
      diags_.error(a.op_range, "operator '" + op + "' cannot be applied to " + display_name(*t));
    }
    return;
  }
  const bool bitwise = a.op == ast::AssignOp::bit_and || a.op == ast::AssignOp::bit_or ||
                       a.op == ast::AssignOp::bit_xor;
  if (!t->is_integer() && !(bitwise && t->is_fixed_bytes())) {
    check(*a.value);
    diags_.error(a.op_range, "operator '" + op + "' cannot be applied to " + display_name(*t));
    return;
  }
  check_value(*a.value, t, "'" + op + "'");
  if (a.op == ast::AssignOp::div || a.op == ast::AssignOp::rem) {
    const Value* v = value_of(*a.value);
    if (v != nullptr && v->kind == Value::Kind::integer && v->integer == 0) {
      diags_.error(a.value->range, "division by zero");
    }
  }
}

void Checker::check_delete(const ast::DeleteStmt& d) {
  const Type* t = check_place(*d.place, "delete");
  if (t->kind() == TypeKind::map) {
    diags_.error(d.place->range,
                 "a map cannot be deleted as a whole: it keeps no list of its keys; delete "
                 "its entries one by one ('delete m[key];')");
  }
}

Flow Checker::check_if(const ast::IfStmt& i) {
  check_condition(*i.condition, "the condition of 'if'");
  Flow then_flow = check_block(i.then_block);
  if (i.else_branch == nullptr) return Flow::falls_through;
  Flow else_flow = check_stmt(*i.else_branch);
  if (then_flow == Flow::returns && else_flow == Flow::returns) return Flow::returns;
  if (then_flow != Flow::falls_through && else_flow != Flow::falls_through) return Flow::jumps;
  return Flow::falls_through;
}

void Checker::check_return(const ast::Stmt& s, const ast::ReturnStmt& r) {
  const std::vector<const Type*>& results = ctx_.results;
  const std::string who =
      ctx_.body == Context::Body::init ? "init" : "function '" + ctx_.name + "'";
  if (r.value == nullptr) {
    if (!results.empty()) {
      std::string expected =
          results.size() == 1 ? display_name(*results[0]) : display_name(*types_.tuple(results));
      diags_.error(s.range, who + " must return a value of type " + expected + ": write 'return " +
                                (results.size() == 1 ? "value" : "(a, b)") + ";'");
    }
    return;
  }
  if (results.empty()) {
    check(*r.value);
    diags_.error(r.value->range, who + " has no result type, so 'return' takes no value" +
                                     (ctx_.body == Context::Body::init
                                          ? std::string("")
                                          : "; declare one with '-> T' or remove the value"));
    return;
  }
  if (results.size() == 1) {
    check_value(*r.value, results[0], "return value");
    return;
  }
  if (const auto* tuple = std::get_if<ast::TupleExpr>(&r.value->kind)) {
    if (tuple->elements.size() != results.size()) {
      for (const auto& x : tuple->elements) check(*x);
      diags_.error(r.value->range, who + " returns " + std::to_string(results.size()) + " values " +
                                       display_name(*types_.tuple(results)) +
                                       ", but this returns " +
                                       std::to_string(tuple->elements.size()));
      return;
    }
    std::vector<const Type*> got;
    for (size_t i = 0; i < results.size(); ++i) {
      check_value(*tuple->elements[i], results[i],
                  "return value " + std::to_string(i + 1) + " of " + who);
      got.push_back(results[i]);
    }
    set(*r.value, types_.tuple(got));
    return;
  }
  const Type* t = check(*r.value);
  if (t != types_.tuple(results) && t->kind() != TypeKind::invalid) {
    diags_.error(r.value->range, who + " returns " + display_name(*types_.tuple(results)) +
                                     ", found " + display_name(*t));
  }
}

void Checker::check_emit(const ast::Stmt& s, const ast::EmitStmt& em) {
  note_state_change("emit events", s.range);
  const Symbol* sym = lookup_top(ctx_.module, em.event.name);
  if (sym == nullptr || sym->kind != Symbol::Kind::event) {
    for (const auto& a : em.args) check(*a);
    if (sym != nullptr && sym->kind == Symbol::Kind::error) {
      diags_.error(em.event.range, "'" + em.event.name +
                                       "' is an error, not an event; raise it "
                                       "with 'revert " +
                                       em.event.name + "(...);'");
      return;
    }
    std::vector<std::string> names;
    for (const auto& [n, sy] : module_of(ctx_.module).scope) {
      if (sy.kind == Symbol::Kind::event) names.push_back(n);
    }
    if (sym != nullptr) {
      diags_.error(em.event.range, "'" + em.event.name + "' is not an event");
    } else {
      diags_.error(em.event.range, "unknown event '" + em.event.name + "'" +
                                       imported_as(em.event.name, Symbol::Kind::event, names) +
                                       " (declare it: event " + em.event.name + "(...);)");
    }
    return;
  }
  const EventInfo& info = *static_cast<const EventInfo*>(sym->info);
  record_use(em.event.range, info.range);
  prog_.emitted_events[&em.event] = &info;
  // The range of the call part: from the event name to the end of the statement.
  ast::Expr at;  // the call part: from the event's name to before the `;`
  at.range = s.range;
  at.range.begin = em.event.range.begin;
  if (at.range.end.column > at.range.begin.column + 1) {
    --at.range.end.column;
    --at.range.end.offset;
  }
  check_args_against(at, em.args, info.params, "event '" + info.name + "'");
}

const ErrorInfo* Checker::lookup_error(const ast::Identifier& name, const std::string& where) {
  (void)where;
  const Symbol* sym = lookup_top(ctx_.module, name.name);
  if (sym != nullptr && sym->kind == Symbol::Kind::error) {
    record_use(name.range, sym->range);
    return static_cast<const ErrorInfo*>(sym->info);
  }
  if (sym != nullptr && sym->kind == Symbol::Kind::event) {
    diags_.error(name.range, "'" + name.name + "' is an event, not an error; emit it with 'emit " +
                                 name.name + "(...);'");
    return nullptr;
  }
  std::vector<std::string> names;
  for (const auto& [n, sy] : module_of(ctx_.module).scope) {
    if (sy.kind == Symbol::Kind::error) names.push_back(n);
  }
  if (sym != nullptr) {
    diags_.error(name.range, "'" + name.name + "' is not an error");
  } else {
    diags_.error(name.range, "unknown error '" + name.name + "'" +
                                 imported_as(name.name, Symbol::Kind::error, names) +
                                 " (declare it: error " + name.name + "(...);)");
  }
  return nullptr;
}

void Checker::check_require(const ast::RequireStmt& r) {
  check_condition(*r.condition, "the condition of 'require'");
  if (r.reason == nullptr) return;
  if (check_error_value(*r.reason, "require") != nullptr) return;
  if (const auto* call = std::get_if<ast::CallExpr>(&r.reason->kind)) {
    if (const auto* n = std::get_if<ast::NameExpr>(&call->callee->kind);
        n != nullptr && find_local(n->name) < 0 && lookup_top(ctx_.module, n->name) == nullptr &&
        primitive_type(n->name) == nullptr) {
      for (const auto& a : call->args) check(*a);
      lookup_error(ast::Identifier{n->name, call->callee->range}, "require");
      return;
    }
  }
  const Type* t = check(*r.reason);
  if (t->kind() == TypeKind::invalid || t->kind() == TypeKind::string) return;
  diags_.error(r.reason->range,
               "the reason of 'require' must be a string message or an error, "
               "e.g. require(ok, \"message\") or require(ok, MyError(...)); "
               "found " +
                   display_name(*t));
}

void Checker::check_revert(const ast::Stmt& s, const ast::RevertStmt& r) {
  if (r.message != nullptr) {
    // 1.1: a `bytes` value is raw revert data (language.md §5); anything else a message.
    const Type* t = check(*r.message, types_.string());
    if (t->kind() == TypeKind::bytes || t->kind() == TypeKind::invalid) return;
    if (t->kind() != TypeKind::string) {
      diags_.error(r.message->range,
                   "'revert(...)' takes a string message (reverting with "
                   "Error(string)) or bytes (the raw revert data), found " +
                       display_name(*t));
    }
    return;
  }
  if (!r.error) return;
  const ErrorInfo* info = lookup_error(*r.error, "revert");
  if (info == nullptr) {
    for (const auto& a : r.args) check(*a);
    return;
  }
  prog_.reverted_errors[&*r.error] = info;
  ast::Expr at;  // the call part: from the error's name to before the `;`
  at.range = s.range;
  at.range.begin = r.error->range.begin;
  if (at.range.end.column > at.range.begin.column + 1) {
    --at.range.end.column;
    --at.range.end.offset;
  }
  check_args_against(at, r.args, info->params, "error '" + info->name + "'");
}

}  // namespace tenet::compiler::sema

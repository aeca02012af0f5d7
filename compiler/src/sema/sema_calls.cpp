// Calls: free functions, internal and external calls, conversions, built-ins, cheat
// codes, `new`, and error/event values.

#include "sema_checker.hpp"

namespace tenet::compiler::sema {
namespace {

/// The hint for a conversion of `bytesN` to an integer type it does not fit.
std::string fixed_bytes_hint(const Type& from) {
  const uint32_t n = from.bytes_width();
  if (n == 32) return " (bytes32 converts only to u256: u256(h))";
  uint32_t m = 8;
  while (m < 8 * n) m *= 2;
  return " (" + display_name(from) + " converts to an unsigned integer of " +
         std::to_string(8 * n) + " bits or more: u" + std::to_string(m) + "(b))";
}

std::string plural(size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

/// The text of `range` in `sources` as written.
std::string source_of(const SourceManager& sources, const SourceRange& range) {
  const std::string_view text = sources.file(range.file).text();
  if (range.end.offset < range.begin.offset || range.end.offset > text.size()) return "c";
  return std::string(text.substr(range.begin.offset, range.end.offset - range.begin.offset));
}

const Type* result_of(TypeTable& types, const FunctionInfo& f) {
  if (f.results.empty()) return types.unit();
  if (f.results.size() == 1) return f.results[0];
  return types.tuple(f.results);
}

}  // namespace

void Checker::check_args(const ast::Expr& call, const std::vector<ast::ExprPtr>& args,
                         const std::vector<const Type*>& params,
                         const std::vector<std::string>& names, const std::string& callee) {
  if (args.size() != params.size()) {
    diags_.error(call.range, callee + " takes " + plural(params.size(), "argument") + ", but " +
                                 std::to_string(args.size()) +
                                 (args.size() == 1 ? " was" : " were") + " given");
    for (const auto& a : args) check(*a);
    return;
  }
  for (size_t i = 0; i < args.size(); ++i) {
    if (i >= params.size()) {
      check(*args[i]);
      continue;
    }
    std::string what = i < names.size() && !names[i].empty()
                           ? "argument '" + names[i] + "' of " + callee
                           : "argument " + std::to_string(i + 1) + " of " + callee;
    check_value(*args[i], params[i], what);
  }
}

void Checker::forbid_options(const ast::CallExpr& c, const std::string& what) {
  if (c.options.empty()) return;
  diags_.error(c.options.front().range,
               "call options {value, gas} apply only to external calls and 'new', not to " + what);
  for (const auto& o : c.options) check(*o.value);
}

bool Checker::check_options(const std::vector<ast::FieldInit>& options, bool payable,
                            const std::string& not_payable) {
  bool has_value = false;
  bool has_gas = false;
  for (const ast::FieldInit& o : options) {
    if (o.name.name == "value") {
      if (has_value) diags_.error(o.name.range, "call option 'value' is given twice");
      has_value = true;
      check_value(*o.value, types_.u256(), "call option 'value'");
      if (!payable) diags_.error(o.range, not_payable);
      note_state_change("send value", o.range);
    } else if (o.name.name == "gas") {
      if (has_gas) diags_.error(o.name.range, "call option 'gas' is given twice");
      has_gas = true;
      check_value(*o.value, types_.u64(), "call option 'gas'");
    } else {
      check(*o.value);
      diags_.error(o.name.range,
                   "unknown call option '" + o.name.name + "': the options are 'value' and 'gas'");
    }
  }
  return has_value;
}

const Type* Checker::check_call(const ast::Expr& e, const ast::CallExpr& c, const Type* expected) {
  (void)expected;
  const ast::Expr& callee = *c.callee;
  if (const auto* m = std::get_if<ast::MemberExpr>(&callee.kind))
    return check_method_call(e, c, *m);
  const auto* n = std::get_if<ast::NameExpr>(&callee.kind);
  if (n == nullptr) {
    check(callee);
    for (const auto& a : c.args) check(*a);
    if (callee.type != nullptr && callee.type->kind() != TypeKind::invalid) {
      diags_.error(callee.range,
                   "a value of type " + display_name(*callee.type) + " cannot be called");
    }
    return types_.invalid();
  }
  const std::string& name = n->name;
  auto check_rest = [&]() {
    for (const auto& a : c.args) check(*a);
    return types_.invalid();
  };
  int local = find_local(name);
  if (local >= 0) {
    ctx_.locals[static_cast<size_t>(local)].used = true;
    record_use(callee.range, ctx_.locals[static_cast<size_t>(local)].range);
    diags_.error(callee.range, "'" + name + "' is a local of type " +
                                   display_name(*ctx_.locals[static_cast<size_t>(local)].type) +
                                   ", not a function");
    return check_rest();
  }
  if (const Type* p = primitive_type(name)) {
    forbid_options(c, "conversions");
    return check_conversion(e, c, p);
  }
  if (const ConstInfo* k = find_contract_const(name)) {
    record_use(callee.range, k->range);
    diags_.error(callee.range, "'" + name + "' is a constant, not a function");
    return check_rest();
  }
  if (const Symbol* s = lookup_top(ctx_.module, name)) {
    record_use(callee.range, s->range);
    switch (s->kind) {
      case Symbol::Kind::structure:
        diags_.error(callee.range, "'" + name + "' is a struct; build it with a literal: " + name +
                                       " { field: value, ... }");
        return check_rest();
      case Symbol::Kind::enumeration:
        forbid_options(c, "conversions");
        return check_conversion(e, c, static_cast<const EnumInfo*>(s->info)->type);
      case Symbol::Kind::contract:
        if (reject_component(s, name, callee.range)) return check_rest();
        forbid_options(c, "conversions");
        return check_conversion(e, c, static_cast<const ContractInfo*>(s->info)->type);
      case Symbol::Kind::constant:
        diags_.error(callee.range, "'" + name + "' is a constant, not a function");
        return check_rest();
      case Symbol::Kind::event:
        diags_.error(callee.range,
                     "'" + name + "' is an event; emit it with 'emit " + name + "(...);'");
        return check_rest();
      case Symbol::Kind::error:
        diags_.error(callee.range, "'" + name + "' is an error; raise it with 'revert " + name +
                                       "(...);' or 'require(condition, " + name + "(...));'");
        return check_rest();
      case Symbol::Kind::function: {
        const FunctionInfo& f = *static_cast<const FunctionInfo*>(s->info);
        forbid_options(c, "calls of free functions");
        if (ctx_.body == Context::Body::constant || ctx_.body == Context::Body::none) {
          need_impure("call functions", callee.range);
        }
        check_args_against(e, c.args, f.params, "'" + f.name + "'");
        Resolution r;
        r.kind = Resolution::Kind::free_call;
        r.function = &f;
        resolve(e, r);
        return result_of(types_, f);
      }
    }
  }
  bool handled = false;
  const Type* t = check_builtin_call(e, c, name, handled);
  if (handled) return t;
  if (ctx_.contract != nullptr) {
    if (ctx_.contract->find_function(name) != nullptr) {
      diags_.error(
          callee.range,
          "'" + name + "' is a function of this contract; call it as 'self." + name + "(...)'");
      return check_rest();
    }
    if (ctx_.contract->find_field(name) != nullptr) {
      diags_.error(callee.range, "'" + name + "' is a storage field, not a function");
      return check_rest();
    }
  }
  if (name == "require" || name == "revert" || name == "assert" || name == "emit") {
    return check_rest();  // keywords: cannot reach here
  }
  if (name == "type" && c.args.size() == 1) {  // Solidity's `type(uint256).max`
    const auto* written = std::get_if<ast::NameExpr>(&c.args[0]->kind);
    std::string tenet = written != nullptr ? written->name : "u256";
    if (tenet.rfind("uint", 0) == 0)
      tenet = "u" + (tenet.size() > 4 ? tenet.substr(4) : "256");
    else if (tenet.rfind("int", 0) == 0)
      tenet = "i" + (tenet.size() > 3 ? tenet.substr(3) : "256");
    diags_.error(callee.range,
                 "unknown function 'type': integer bounds are constants of their "
                 "type in Tenet: write '" +
                     tenet + "::MAX' (or '" + tenet + "::MIN')");
    return types_.invalid();
  }
  std::vector<std::string> names = visible_names();
  for (const BuiltinInfo& b : builtins()) {
    if (b.form == BuiltinForm::function ||
        (b.form == BuiltinForm::test_function && in_test_contract())) {
      names.emplace_back(b.name);
    }
  }
  std::string hint = suggest(name, names);
  if (hint.empty() && ctx_.contract != nullptr) hint = suggest_member(name, true);
  diags_.error(callee.range, "unknown function '" + name + "'" + hint);
  return check_rest();
}

const Type* Checker::check_conversion(const ast::Expr& e, const ast::CallExpr& c,
                                      const Type* target) {
  const std::string tname = display_name(*target);
  if (c.args.size() != 1) {
    for (const auto& a : c.args) check(*a);
    diags_.error(e.range, "a conversion to " + tname + " takes exactly one argument, but " +
                              std::to_string(c.args.size()) +
                              (c.args.size() == 1 ? " was" : " were") + " given");
    return types_.invalid();
  }
  const ast::Expr& arg = *c.args[0];
  Resolution r;
  r.kind = Resolution::Kind::conversion;
  r.target = target;
  if (std::holds_alternative<ast::SelfExpr>(arg.kind) && target->kind() == TypeKind::address) {
    if (ctx_.body != Context::Body::method && ctx_.body != Context::Body::init) {
      need_impure("use 'self'", arg.range);
      return types_.invalid();
    }
    set(arg, ctx_.contract->type);
    resolve(e, r);
    return target;
  }
  const Type* from = check(arg);
  if (from->kind() == TypeKind::invalid) return types_.invalid();
  if (from->kind() == TypeKind::unit || from->kind() == TypeKind::tuple) {
    materialize(arg, from);
    return types_.invalid();
  }
  if (!explicitly_converts(from, target)) {
    std::string hint;
    if (from->kind() == TypeKind::address && target->is_integer()) {
      hint = " (an address converts only to u256: u256(a))";
    } else if (from->is_fixed_bytes() && target->is_integer()) {
      hint = fixed_bytes_hint(*from);
    } else if (from->is_signed() &&
               (target->kind() == TypeKind::address || target->is_fixed_bytes())) {
      hint = " (convert to an unsigned integer first)";
    } else if ((from->kind() == TypeKind::address && target->is_fixed_bytes()) ||
               (from->is_fixed_bytes() && target->kind() == TypeKind::address)) {
      hint = " (an address converts to and from bytes20 only)";
    } else if (from->kind() == TypeKind::contract && target->kind() == TypeKind::contract) {
      hint = " (go through an address: " + tname + "(address(c)))";
    } else if (from->kind() == TypeKind::boolean) {
      hint = " (use a conditional: b ? 1 : 0)";
    } else if (target->kind() == TypeKind::contract) {
      hint = " (" + tname + "(...) takes an address)";
    }
    diags_.error(arg.range, "cannot convert " + display_name(*from) + " to " + tname + hint);
    return types_.invalid();
  }
  resolve(e, r);
  if (from->kind() == TypeKind::int_constant) {
    const Value* v = value_of(arg);
    if (v != nullptr) {
      bool ok = true;
      std::string range;
      if (target->is_integer()) {
        ok = fits(v->integer, *target);
        range = range_text(*target);
      } else if (target->kind() == TypeKind::address) {
        ok = v->integer >= 0 && v->integer < (BigInt(1) << 160);
        range = "0..2^160-1";
      } else if (target->is_fixed_bytes()) {
        const unsigned bits = 8 * target->bytes_width();
        ok = v->integer >= 0 && v->integer < (BigInt(1) << bits);
        range = "0.." + (bits <= 16 ? to_string((BigInt(1) << bits) - 1)
                                    : "2^" + std::to_string(bits) + "-1");
      } else if (target->kind() == TypeKind::enum_type) {
        size_t n = target->enum_info()->variants.size();
        ok = v->integer >= 0 && v->integer < n;
        if (!ok) {
          diags_.error(arg.range, describe(v->integer) + " is not a variant of enum '" + tname +
                                      "' (it has " + plural(n, "variant") + ": 0.." +
                                      std::to_string(n == 0 ? 0 : n - 1) + ")");
          return types_.invalid();
        }
      } else if (target->kind() == TypeKind::contract) {
        ok = false;
      }
      if (!ok) {
        if (target->kind() == TypeKind::contract) {
          diags_.error(arg.range, "cannot convert an integer to " + tname + "; write " + tname +
                                      "(address(...))");
        } else {
          diags_.error(arg.range, std::string(std::holds_alternative<ast::IntegerLiteral>(arg.kind)
                                                  ? "literal "
                                                  : "constant value ") +
                                      describe(v->integer) + " does not fit in " + tname +
                                      " (range " + range + ")");
        }
        return types_.invalid();
      }
      set(arg, target->is_integer() ? target : types_.u256());
      if (target->is_fixed_bytes()) {
        set_value(e, Value{Value::Kind::integer, *convert_constant(v->integer, *from, *target),
                           false, ""});
      } else {
        set_value(e, *v);
      }
    } else {
      materialize(arg, from);
    }
    return target;
  }
  // A constant folds into a value type only: bytes(bytes4(0x12345678)) is a bytes value
  // made at run time from the folded bytes4 (an integer constant is not a bytes value).
  const bool value_target = target->is_integer() || target->is_fixed_bytes() ||
                            target->kind() == TypeKind::address;
  if (const Value* v = value_of(arg);
      v != nullptr && v->kind == Value::Kind::integer && value_target) {
    if (target->is_integer() && !from->is_fixed_bytes() && !fits(v->integer, *target)) {
      diags_.error(arg.range, "constant value " + describe(v->integer) + " does not fit in " +
                                  tname + " (range " + range_text(*target) + ")");
      return types_.invalid();
    }
    if (from->is_fixed_bytes() || target->is_fixed_bytes()) {
      const std::optional<BigInt> folded = convert_constant(v->integer, *from, *target);
      if (!folded) {
        diags_.error(arg.range, "constant value " + describe(v->integer) + " does not fit in " +
                                    tname + " (it has " + std::to_string(target->bytes_width()) +
                                    " bytes)");
        return types_.invalid();
      }
      set_value(e, Value{Value::Kind::integer, *folded, false, ""});
    } else if (target->is_integer() || target->kind() == TypeKind::address) {
      set_value(e, *v);
    }
  }
  return target;
}

const Type* Checker::check_builtin_call(const ast::Expr& e, const ast::CallExpr& c,
                                        const std::string& name, bool& handled) {
  std::optional<Builtin> found = find_builtin(BuiltinForm::function, name);
  if (!found) found = find_builtin(BuiltinForm::test_function, name);
  handled = found.has_value();
  if (!found) return nullptr;
  const Builtin id = *found;
  const BuiltinInfo& info = builtin_info(id);
  forbid_options(c, "built-in functions");
  if (info.form == BuiltinForm::test_function) return check_test_function(e, c, id);
  if (id == Builtin::concat) return check_concat(e, c);
  if (info.effect == BuiltinEffect::reads_env) need_impure(std::string(info.action), e.range);
  const std::string callee = "'" + name + "'";
  auto any_values = [&](const char* what) {
    for (const auto& a : c.args) {
      const Type* t = check_value(*a, nullptr);
      check_no_map(t, a->range, what);
    }
  };
  const Signature sig = signature_of(id);
  switch (id) {
    case Builtin::keccak256:
    case Builtin::sha256:
      if (c.args.empty()) diags_.error(e.range, callee + " takes at least one argument");
      any_values("hashed");
      break;
    case Builtin::log:
      any_values("logged");
      break;
    default:
      check_args(e, c.args, sig.types(), sig.names(), callee);
      break;
  }
  if ((id == Builtin::addmod || id == Builtin::mulmod) && c.args.size() == 3) {
    const Value* m = value_of(*c.args[2]);
    if (m != nullptr && m->integer == 0) {
      diags_.error(c.args[2]->range, "the modulus of " + callee + " is zero (division by zero)");
    }
  }
  resolve_builtin(e, id, name);
  return sig.result;
}

const Type* Checker::check_test_function(const ast::Expr& e, const ast::CallExpr& c, Builtin id) {
  const std::string name(builtin_info(id).name);
  const std::string callee = "'" + name + "'";
  const bool is_assert = id != Builtin::fail;
  if (!in_test_contract()) {
    diags_.error(c.callee->range, callee + " is only available in test contracts; use " +
                                      (is_assert ? "assert(...) or require(...)" : "revert(...)") +
                                      " here");
    for (const auto& a : c.args) check(*a);
    return types_.unit();
  }
  resolve_builtin(e, id, name);
  const Signature sig = signature_of(id);
  if (!is_assert) {
    check_args(e, c.args, sig.types(), sig.names(), callee);
    return sig.result;
  }
  if (c.args.size() < 2 || c.args.size() > 3) {
    for (const auto& a : c.args) check(*a);
    diags_.error(e.range, callee + " takes 2 or 3 arguments (a, b, optional message), but " +
                              std::to_string(c.args.size()) +
                              (c.args.size() == 1 ? " was" : " were") + " given");
    return sig.result;
  }
  const Type* a = check(*c.args[0]);
  const Type* b = check(*c.args[1]);
  const Type* t = unify(*c.args[0], a, *c.args[1], b, name, e.range);
  if (t->kind() == TypeKind::int_constant) {
    materialize(*c.args[0], t);
    materialize(*c.args[1], t);
    t = types_.u256();
  }
  if (t->kind() != TypeKind::invalid) {
    const bool ordered = t->is_integer() || t->kind() == TypeKind::address || t->is_fixed_bytes();
    const bool equatable = ordered || t->kind() == TypeKind::boolean ||
                           t->kind() == TypeKind::enum_type || t->kind() == TypeKind::string ||
                           t->kind() == TypeKind::bytes;
    const bool equality = id == Builtin::assert_eq || id == Builtin::assert_ne;
    if (!(equality ? equatable : ordered)) {
      diags_.error(c.args[0]->range, callee + " cannot compare values of type " + display_name(*t));
    }
  }
  if (c.args.size() == 3) check_value(*c.args[2], sig.params[2].type, "the message of " + callee);
  return sig.result;
}

Signature Checker::signature_of(Builtin id, const Type* generic) {
  std::optional<Signature> sig = parse_signature(types_, builtin_info(id).type, generic);
  if (!sig) {  // the table is tested (builtins_test.cpp); this is a programming error
    diags_.error(SourceRange{}, "internal error: the built-in table's type of '" +
                                    std::string(builtin_info(id).name) + "' is malformed");
    return Signature{{}, false, types_.invalid()};
  }
  return *sig;
}

void Checker::resolve_builtin(const ast::Expr& e, Builtin id, const std::string& name) {
  Resolution r;
  r.kind = Resolution::Kind::builtin;
  r.name = name;
  r.builtin = id;
  resolve(e, r);
}

const Type* Checker::check_method_call(const ast::Expr& e, const ast::CallExpr& c,
                                       const ast::MemberExpr& m) {
  const ast::Expr& obj = *m.object;
  const std::string& member = m.member.name;
  auto check_rest = [&]() {
    for (const auto& a : c.args) check(*a);
    return types_.invalid();
  };
  if (const auto* n = std::get_if<ast::NameExpr>(&obj.kind);
      n != nullptr && find_local(n->name) < 0 && lookup_top(ctx_.module, n->name) == nullptr) {
    if (n->name == "abi") {
      forbid_options(c, "built-in functions");
      const std::optional<Builtin> id = find_builtin(BuiltinForm::abi_function, "abi." + member);
      if (!id) {
        std::string list;
        for (const BuiltinInfo& b : builtins()) {
          if (b.form == BuiltinForm::abi_function)
            list += (list.empty() ? "" : ", ") + std::string(b.name) + "(...)";
        }
        diags_.error(m.member.range, "'abi' has no function '" + member + "'; it has " + list);
        return check_rest();
      }
      if (*id != Builtin::abi_encode) return check_abi_helper(e, c, *id);
      for (const auto& a : c.args) {
        const Type* t = check_value(*a, nullptr);
        check_no_map(t, a->range, "encoded");
      }
      resolve_builtin(e, *id, "abi." + member);
      return signature_of(*id).result;
    }
    if (n->name == "vm") return check_cheat_code(e, c, m.member);
    if (is_builtin_object(n->name)) {  // msg, tx, block
      diags_.error(e.range, "'" + n->name + "." + member + "' is not a function");
      return check_rest();
    }
  }
  if (std::holds_alternative<ast::SelfExpr>(obj.kind)) {
    if (ctx_.body != Context::Body::method && ctx_.body != Context::Body::init) {
      need_impure("use 'self'", obj.range);
      return check_rest();
    }
    const ContractInfo& contract = *ctx_.contract;
    const FunctionInfo* f = contract.find_function(member);
    if (f == nullptr) {
      if (const FieldInfo* field = contract.find_field(member)) {
        // `self.token.f()` is handled below (the object is a field); `self.x()` is not.
        diags_.error(m.member.range, "'" + member + "' is a storage field of type " +
                                         display_name(*field->type) +
                                         ", not a function; read it as 'self." + member + "'");
        return check_rest();
      }
      const Symbol* top = lookup_top(ctx_.module, member);
      if (top != nullptr && top->kind == Symbol::Kind::function) {
        diags_.error(m.member.range, "'" + member +
                                         "' is a free function, not a function of "
                                         "contract '" +
                                         contract.name + "'; call it without 'self.': " + member +
                                         "(...)");
        return check_rest();
      }
      std::vector<std::string> names;
      for (const FunctionInfo& g : contract.functions) names.push_back(g.name);
      diags_.error(m.member.range, self_owner(contract) + " has no function '" + member + "'" +
                                       suggest(member, names) + self_scope_hint(contract));
      return check_rest();
    }
    record_use(m.member.range, declaration_of(*f));
    forbid_options(c, "internal calls (self." + member + "(...))");
    note_call(*f, e.range);
    check_args_against(e, c.args, f->params, "'" + f->name + "'");
    Resolution r;
    r.kind = Resolution::Kind::internal_call;
    r.function = f;
    resolve(e, r);
    set(obj, contract.type);
    set(*c.callee, types_.unit());
    return result_of(types_, *f);
  }
  const Type* t = check(obj);
  if (t->kind() == TypeKind::int_constant) t = materialize(obj, t);
  if (t->kind() == TypeKind::invalid) return check_rest();
  if (t->kind() == TypeKind::contract) return check_external_call(e, c, m, *t->contract_info());
  if (t->kind() == TypeKind::address) {
    if (const std::optional<Builtin> id = find_builtin(BuiltinForm::address_method, member)) {
      const Signature sig = signature_of(*id);
      if (*id == Builtin::call || *id == Builtin::static_call) {
        check_options(c.options, *id == Builtin::call,
                      "'static_call' is read-only, so it cannot send value; use 'call'");
      } else {
        forbid_options(c, "'" + member + "'");
      }
      check_args(e, c.args, sig.types(), sig.names(), "'" + member + "'");
      if (builtin_info(*id).effect == BuiltinEffect::changes_state) {
        note_state_change(std::string(builtin_info(*id).action), e.range);
      } else {
        need_impure(std::string(builtin_info(*id).action), e.range);
      }
      resolve_builtin(e, *id, member);
      return sig.result;
    }
    if (find_builtin(BuiltinForm::address_field, member)) {
      diags_.error(e.range,
                   "'" + member + "' is not a function: write ." + member + " without parentheses");
      return check_rest();
    }
    if (member == "send") {
      diags_.error(m.member.range,
                   "Tenet has no 'send'; use 'a.transfer(v)' (reverts) or "
                   "'a.call{value: v}(hex\"\")' (returns ok)");
      return check_rest();
    }
    diags_.error(m.member.range, "address has no function '" + member +
                                     "'; to call a contract at an address, convert it first, "
                                     "e.g. IToken(a)." +
                                     member + "(...)");
    return check_rest();
  }
  if (t->is_array() || t->kind() == TypeKind::string || t->kind() == TypeKind::bytes) {
    return check_sequence_method(e, c, m, t);
  }
  diags_.error(m.member.range, "type " + display_name(*t) + " has no function '" + member + "'");
  return check_rest();
}

const Type* Checker::check_sequence_method(const ast::Expr& e, const ast::CallExpr& c,
                                           const ast::MemberExpr& m, const Type* t) {
  const ast::Expr& obj = *m.object;
  const std::string& member = m.member.name;
  auto check_rest = [&]() {
    for (const auto& a : c.args) check(*a);
    return types_.invalid();
  };
  const std::optional<Builtin> id = find_builtin(BuiltinForm::sequence_method, member);
  if (id == Builtin::slice) return check_slice(e, c, m, t);
  if (id == Builtin::len) {
    const Signature sig = signature_of(*id);
    forbid_options(c, "'len'");
    check_args(e, c.args, sig.types(), sig.names(), "'len'");
    resolve_builtin(e, *id, member);
    return sig.result;
  }
  if (id == Builtin::push || id == Builtin::pop) {
    forbid_options(c, "'" + member + "'");
    if (t->kind() != TypeKind::dynamic_array) {
      diags_.error(m.member.range, "'" + member + "' needs a dynamic array, but this is " +
                                       display_name(*t) +
                                       (t->is_array() ? " (its length is fixed)" : ""));
      return check_rest();
    }
    if (!is_storage_path(obj)) {
      diags_.error(m.member.range, "'" + member +
                                       "' works only on dynamic arrays in storage "
                                       "(self.field." +
                                       member + "(...)); this array is a local value");
      return check_rest();
    }
    note_state_change(std::string(builtin_info(*id).action), e.range);
    resolve_builtin(e, *id, member);
    const Signature sig = signature_of(*id, t->element());
    check_args(e, c.args, sig.types(), sig.names(), "'" + member + "'");
    return sig.result;
  }
  diags_.error(m.member.range, display_name(*t) + " has no function '" + member + "'" +
                                   (t->is_array() ? "; arrays have len(), push(v) and pop()"
                                                  : "; it has len() and slice(a, b)"));
  return check_rest();
}

const Type* Checker::check_external_call(const ast::Expr& e, const ast::CallExpr& c,
                                         const ast::MemberExpr& m, const ContractInfo& target) {
  const std::string& member = m.member.name;
  const char* kind = target.kind == ContractInfo::Kind::interface ? "interface" : "contract";
  const FunctionInfo* f = target.find_function(member);
  if (f == nullptr) {
    for (const FunctionInfo& g : target.getters) {
      if (g.name == member) f = &g;
    }
  }
  if (f != nullptr) record_use(m.member.range, declaration_of(*f));
  if (f == nullptr && find_builtin(BuiltinForm::address_method, member)) {
    diags_.error(m.member.range, "'" + member + "' is a function of address, not of " + kind +
                                     " '" + target.name + "': write 'address(" +
                                     source_of(sources_, m.object->range) + ")." + member +
                                     "(...)'");
    for (const auto& a : c.args) check(*a);
    return types_.invalid();
  }
  if (f == nullptr) {
    std::vector<std::string> names;
    for (const FunctionInfo& g : target.functions) {
      if (g.is_pub) names.push_back(g.name);
    }
    for (const FunctionInfo& g : target.getters) names.push_back(g.name);
    diags_.error(m.member.range, std::string(kind) + " '" + target.name + "' has no function '" +
                                     member + "'" + suggest(member, names));
    for (const auto& a : c.args) check(*a);
    return types_.invalid();
  }
  if (!f->is_pub) {
    diags_.error(m.member.range, "'" + member + "' is not pub in contract '" + target.name +
                                     "': only pub functions can be called from outside");
    for (const auto& a : c.args) check(*a);
    return types_.invalid();
  }
  need_impure("call other contracts", e.range);
  note_call(*f, e.range);
  check_options(c.options, f->is_payable,
                "'" + member +
                    "' is not payable, so it cannot receive value; remove 'value' or mark it "
                    "'payable'");
  check_args_against(e, c.args, f->params, "'" + member + "'");
  Resolution r;
  r.kind = Resolution::Kind::external_call;
  r.function = f;
  resolve(e, r);
  return result_of(types_, *f);
}

const Type* Checker::check_new_contract(const ast::Expr& e, const ast::NewContractExpr& n) {
  auto check_rest = [&]() {
    for (const auto& a : n.args) check(*a);
    for (const auto& o : n.options) check(*o.value);
    return types_.invalid();
  };
  const Symbol* s = lookup_top(ctx_.module, n.contract.name);
  if (s != nullptr) record_use(n.contract.range, s->range);
  if (s == nullptr) {
    std::vector<std::string> names;
    for (const auto& [name, sym] : module_of(ctx_.module).scope) {
      if (sym.kind == Symbol::Kind::contract) names.push_back(name);
    }
    diags_.error(n.contract.range, "unknown contract '" + n.contract.name + "'" +
                                       suggest(n.contract.name, names) +
                                       " (import the file that declares it)");
    return check_rest();
  }
  if (s->kind != Symbol::Kind::contract) {
    diags_.error(n.contract.range, "'" + n.contract.name + "' is not a contract");
    return check_rest();
  }
  if (reject_component(s, n.contract.name, n.contract.range)) return check_rest();
  const ContractInfo& target = *static_cast<const ContractInfo*>(s->info);
  if (target.kind == ContractInfo::Kind::interface) {
    diags_.error(n.contract.range, "cannot create '" + target.name +
                                       "' with 'new': it is an interface; only contracts can be "
                                       "deployed");
    return check_rest();
  }
  if (target.kind == ContractInfo::Kind::test_contract) {
    diags_.error(n.contract.range, "cannot create test contract '" + target.name + "' with 'new'");
    return check_rest();
  }
  if (ctx_.contract == &target) {
    diags_.error(n.contract.range, "contract '" + target.name +
                                       "' cannot create itself with 'new' (its code would "
                                       "contain itself)");
    return check_rest();
  }
  note_state_change("create contracts", e.range);
  check_options(
      n.options, target.init && target.init->is_payable,
      "contract '" + target.name + "' cannot receive value at deployment: its init is not payable");
  check_args_against(e, n.args, target.init ? target.init->params : std::vector<ParamInfo>{},
                     "'new " + target.name + "'");
  return target.type;
}

const Type* Checker::check_new_array(const ast::Expr& e, const ast::NewArrayExpr& n) {
  const Type* element = resolve_type(*n.element);
  if (element->contains_map()) {
    diags_.error(n.element->range, "arrays of maps exist only in storage");
    element = types_.invalid();
  }
  if (n.args.size() != 1) {
    for (const auto& a : n.args) check(*a);
    diags_.error(e.range, "new [T](n) takes exactly one argument, the length, but " +
                              std::to_string(n.args.size()) +
                              (n.args.size() == 1 ? " was" : " were") + " given");
    return types_.invalid();
  }
  check_value(*n.args[0], types_.u256(), "the length of 'new'");
  if (element->kind() == TypeKind::invalid) return element;
  return types_.dynamic_array(element);
}

const Type* Checker::check_error_value(const ast::Expr& e, const std::string& where) {
  const auto* call = std::get_if<ast::CallExpr>(&e.kind);
  if (call == nullptr) return nullptr;
  const auto* n = std::get_if<ast::NameExpr>(&call->callee->kind);
  if (n == nullptr || find_local(n->name) >= 0) return nullptr;
  const Symbol* s = lookup_top(ctx_.module, n->name);
  if (s == nullptr || s->kind != Symbol::Kind::error) return nullptr;
  (void)where;
  const ErrorInfo& info = *static_cast<const ErrorInfo*>(s->info);
  record_use(call->callee->range, info.range);
  forbid_options(*call, "errors");
  check_args_against(e, call->args, info.params, "error '" + info.name + "'");
  Resolution r;
  r.kind = Resolution::Kind::error_value;
  resolve(e, r);
  return set(e, types_.error_value(&info, info.name));
}

const Type* Checker::check_event_value(const ast::Expr& e) {
  const auto* call = std::get_if<ast::CallExpr>(&e.kind);
  const auto* n = call != nullptr ? std::get_if<ast::NameExpr>(&call->callee->kind) : nullptr;
  const Symbol* s = n != nullptr ? lookup_top(ctx_.module, n->name) : nullptr;
  if (s == nullptr || s->kind != Symbol::Kind::event) {
    check(e);
    diags_.error(e.range,
                 "vm.expect_emit takes an event with its arguments, e.g. "
                 "vm.expect_emit(Transfer(a, b, 1))");
    return types_.invalid();
  }
  const EventInfo& info = *static_cast<const EventInfo*>(s->info);
  record_use(call->callee->range, info.range);
  check_args_against(e, call->args, info.params, "event '" + info.name + "'");
  Resolution r;
  r.kind = Resolution::Kind::event_value;
  resolve(e, r);
  return set(e, types_.event_value(&info, info.name));
}

const Type* Checker::check_cheat_code(const ast::Expr& e, const ast::CallExpr& c,
                                      const ast::Identifier& name) {
  const std::string full = "vm." + name.name;
  if (!in_test_contract()) {
    diags_.error(e.range, "cheat codes ('" + full + "') are only available in test contracts");
    for (const auto& a : c.args) check(*a);
    return types_.invalid();
  }
  forbid_options(c, "cheat codes");
  const std::optional<vm::CheatInfo> info = vm::cheat_by_name(full);
  if (!info) {
    std::vector<std::string> names;
    for (const vm::CheatInfo& ch : vm::kCheats)
      if (!ch.internal()) names.emplace_back(ch.name.substr(3));
    diags_.error(name.range, "unknown cheat code '" + full + "'" + suggest(name.name, names));
    for (const auto& a : c.args) check(*a);
    return types_.invalid();
  }
  Resolution r;
  r.kind = Resolution::Kind::builtin;
  r.name = full;
  r.cheat = info->cheat;
  resolve(e, r);
  const std::string callee = "'" + full + "'";
  const std::vector<Signature>& forms = cheat_forms(*info);
  if (forms.size() > 1) return check_expect_revert(e, c, *info, forms);
  const Signature& sig = forms.front();
  if (sig.params.size() == 1 && sig.params[0].kind == ParamKind::event_value) {
    if (c.args.size() != 1) {
      for (const auto& a : c.args) check(*a);
      diags_.error(e.range,
                   callee + " takes one event value, e.g. " + full + "(Transfer(a, b, 1))");
      return sig.result;
    }
    check_event_value(*c.args[0]);
    return sig.result;
  }
  check_args(e, c.args, sig.types(), sig.names(), callee);
  return sig.result;
}

const Type* Checker::check_expect_revert(const ast::Expr& e, const ast::CallExpr& c,
                                         const vm::CheatInfo& info,
                                         const std::vector<Signature>& forms) {
  // Forms "()", "(reason: string)" and "(reason: error)": an error value is tried first.
  const std::string full(info.name);
  const std::string callee = "'" + full + "'";
  const Signature* value_form = nullptr;
  bool error_form = false;
  bool arity_known = false;
  for (const Signature& f : forms) {
    if (f.params.size() != c.args.size()) continue;
    arity_known = true;
    if (f.params.empty()) continue;
    if (f.params[0].kind == ParamKind::error_value) error_form = true;
    if (f.params[0].kind == ParamKind::value) value_form = &f;
  }
  if (!arity_known) {
    for (const auto& a : c.args) check(*a);
    diags_.error(e.range, callee + " takes no argument, a message, or an error value");
    return forms.front().result;
  }
  if (c.args.size() == 1 && !(error_form && check_error_value(*c.args[0], full) != nullptr) &&
      value_form != nullptr) {
    check_value(*c.args[0], value_form->params[0].type,
                "the " + value_form->params[0].name + " of " + callee);
  }
  return forms.front().result;
}

const std::vector<Signature>& Checker::cheat_forms(const vm::CheatInfo& info) {
  auto [it, inserted] = cheat_forms_.try_emplace(info.id);
  if (!inserted) return it->second;
  for (std::string_view form : signature_forms(info.signature)) {
    std::optional<Signature> sig = parse_signature(types_, form);
    if (!sig) {  // the table is tested (builtins_test.cpp); this is a programming error
      diags_.error(SourceRange{}, "internal error: the cheat table's signature of '" +
                                      std::string(info.name) + "' is malformed");
      sig = Signature{{}, false, types_.invalid()};
    }
    it->second.push_back(std::move(*sig));
  }
  return it->second;
}

}  // namespace tenet::compiler::sema

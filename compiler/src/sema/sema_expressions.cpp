// Expressions: names, members, indexing, operators, literals; implicit and explicit
// conversions; constant folding of operators.

#include <array>
#include <cctype>

#include "sema_checker.hpp"
#include "tenet/vm/crypto.hpp"

namespace tenet::compiler::sema {
namespace {

bool is_builtin_function(const std::string& n) {
  return find_builtin(BuiltinForm::function, n) || find_builtin(BuiltinForm::test_function, n);
}

/// True when `n` is an object with built-in fields (msg, tx, block).
bool has_builtin_fields(const std::string& n) {
  for (const BuiltinInfo& b : builtins()) {
    if (b.form == BuiltinForm::field && b.name.starts_with(n + ".")) return true;
  }
  return false;
}

// Two's-complement bits of `v` as an unsigned value of `bits` width. (bit_set, not
// `1 << bits`: with the shift inlined, g++ 12 -O3 reports a false "undefined behavior".)
BigInt to_unsigned(const BigInt& v, uint16_t bits) {
  BigInt modulus = 0;
  boost::multiprecision::bit_set(modulus, bits);
  BigInt r = v % modulus;
  if (r < 0) r += modulus;
  return r;
}

}  // namespace

const Type* Checker::set(const ast::Expr& e, const Type* t) {
  const_cast<ast::Expr&>(e).type = t;  // the AST is owned (mutably) by the program
  return t;
}

void Checker::set_value(const ast::Expr& e, Value v) {
  values_[&e] = std::move(v);
}

const Value* Checker::value_of(const ast::Expr& e) const {
  auto it = values_.find(&e);
  return it == values_.end() ? nullptr : &it->second;
}

void Checker::resolve(const ast::Expr& e, Resolution r) {
  prog_.resolutions[&e] = std::move(r);
}

bool Checker::is_storage_path(const ast::Expr& e) const {
  if (const auto* m = std::get_if<ast::MemberExpr>(&e.kind)) {
    if (std::holds_alternative<ast::SelfExpr>(m->object->kind)) return true;
    return is_storage_path(*m->object);
  }
  if (const auto* i = std::get_if<ast::IndexExpr>(&e.kind)) return is_storage_path(*i->base);
  return false;
}

void Checker::check_no_map(const Type* t, const SourceRange& range, const std::string& what) {
  if (t != nullptr && t->contains_map()) {
    diags_.error(range, "a value of type " + display_name(*t) + " cannot be " + what +
                            ": maps exist only in storage; index the map instead");
  }
}

// ------------------------------------------------------------------ conversions

bool Checker::implicitly_converts(const Type* from, const Type* to) const {
  if (from == to) return true;
  return from->is_integer() && to->is_integer() && from->is_signed() == to->is_signed() &&
         from->bits() <= to->bits();
}

bool Checker::explicitly_converts(const Type* from, const Type* to) const {
  if (from == to) return true;
  const bool from_int = from->is_integer() || from->kind() == TypeKind::int_constant;
  switch (to->kind()) {
    case TypeKind::integer:
      if (from_int || from->kind() == TypeKind::enum_type) return true;
      if (from->is_fixed_bytes()) return !to->is_signed() && to->bits() >= 8 * from->bytes_width();
      return from->kind() == TypeKind::address && to->bits() == 256 && !to->is_signed();
    case TypeKind::address:
      return from->is_unsigned_integer() || from->kind() == TypeKind::int_constant ||
             from->kind() == TypeKind::contract ||
             (from->is_fixed_bytes() && from->bytes_width() == 20);
    case TypeKind::fixed_bytes:
      return from->is_unsigned_integer() || from->kind() == TypeKind::int_constant ||
             from->is_fixed_bytes() || from->kind() == TypeKind::bytes ||
             (from->kind() == TypeKind::address && to->bytes_width() == 20);
    case TypeKind::bytes:  // bytes(b) of a bytesN: its N bytes; (1.1) bytes(s): a copy
      return from->is_fixed_bytes() || from->kind() == TypeKind::string;
    case TypeKind::enum_type:
      return from_int;
    case TypeKind::contract:
      return from->kind() == TypeKind::address;
    case TypeKind::string:  // (1.1) a copy of the bytes
      return from->kind() == TypeKind::bytes;
    default:
      return false;
  }
}

bool Checker::coerce(const ast::Expr& e, const Type* from, const Type* to,
                     const std::string& what) {
  if (from == nullptr || to == nullptr) return false;
  if (from->kind() == TypeKind::invalid || to->kind() == TypeKind::invalid) return true;
  if (from == to) return true;
  if (from->kind() == TypeKind::int_constant && to->is_integer()) {
    const Value* v = value_of(e);
    if (v != nullptr && !fits(v->integer, *to)) {
      std::string text;
      if (const auto* lit = std::get_if<ast::IntegerLiteral>(&e.kind)) text = lit->text;
      if (const auto* u = std::get_if<ast::UnaryExpr>(&e.kind);
          u != nullptr && u->op == ast::UnaryOp::negate) {
        if (const auto* lit = std::get_if<ast::IntegerLiteral>(&u->operand->kind)) {
          text = "-" + lit->text;
        }
      }
      if (!text.empty()) {
        diags_.error(e.range, "literal " + text + " does not fit in " + display_name(*to) +
                                  " (range " + range_text(*to) + ")");
      } else {
        diags_.error(e.range, "constant value " + describe(v->integer) + " does not fit in " +
                                  display_name(*to) + " (range " + range_text(*to) + ")");
      }
      return false;
    }
    set(e, to);
    return true;
  }
  if (implicitly_converts(from, to)) return true;
  std::string prefix = what.empty() ? "type mismatch" : "type mismatch in " + what;
  if (from->kind() == TypeKind::unit) {
    diags_.error(e.range,
                 prefix + ": expected " + display_name(*to) + ", but this call returns no value");
    return false;
  }
  std::string msg = prefix + ": expected " + display_name(*to) + ", found " + display_name(*from);
  if (explicitly_converts(from, to)) {
    msg += " (convert explicitly with " + display_name(*to) + "(...))";
  } else if (from->is_integer() && to->is_integer()) {
    msg += " (convert explicitly with " + display_name(*to) + "(...))";
  }
  diags_.error(e.range, msg);
  return false;
}

const Type* Checker::materialize(const ast::Expr& e, const Type* t) {
  switch (t->kind()) {
    case TypeKind::int_constant: {
      const Value* v = value_of(e);
      if (v != nullptr && !fits(v->integer, *types_.u256())) {
        diags_.error(e.range, "constant value " + describe(v->integer) +
                                  " does not fit in u256, the type of an integer literal with "
                                  "no context; give it a type, e.g. 'let x: i256 = ...'");
        return set(e, types_.invalid());
      }
      return set(e, types_.u256());
    }
    case TypeKind::unit:
      diags_.error(e.range, "this call returns no value");
      return types_.invalid();
    case TypeKind::tuple:
      diags_.error(e.range, "this call returns several values (" + display_name(*t) +
                                "); unpack them with 'let (a, b) = ...'");
      return types_.invalid();
    case TypeKind::map:
      diags_.error(e.range, "a map cannot be copied out of storage; index it instead: m[key]");
      return types_.invalid();
    case TypeKind::error_value:
    case TypeKind::event_value:
      return types_.invalid();
    default:
      return t;
  }
}

const Type* Checker::check_value(const ast::Expr& e, const Type* target, const std::string& what) {
  const Type* t = check(e, target);
  if (target == nullptr) return materialize(e, t);
  if (t->kind() == TypeKind::map) return materialize(e, t);
  if (!coerce(e, t, target, what)) return types_.invalid();
  return target;
}

const Type* Checker::check_condition(const ast::Expr& e, const std::string& what) {
  const Type* t = check(e);
  if (t->kind() == TypeKind::invalid || t->kind() == TypeKind::boolean) return t;
  std::string found = display_name(*t);
  if (t->kind() == TypeKind::int_constant) found = "an integer";
  diags_.error(e.range, what + " must be bool, found " + found +
                            (t->is_integer() || t->kind() == TypeKind::int_constant
                                 ? " (compare it explicitly, e.g. 'x != 0')"
                                 : ""));
  return types_.invalid();
}

const Type* Checker::unify(const ast::Expr& lhs, const Type* lt, const ast::Expr& rhs,
                           const Type* rt, const std::string& op, const SourceRange& at) {
  if (lt->kind() == TypeKind::invalid || rt->kind() == TypeKind::invalid) return types_.invalid();
  if (lt == rt) return lt;
  if (lt->kind() == TypeKind::int_constant && rt->is_integer()) {
    return coerce(lhs, lt, rt) ? rt : types_.invalid();
  }
  if (rt->kind() == TypeKind::int_constant && lt->is_integer()) {
    return coerce(rhs, rt, lt) ? lt : types_.invalid();
  }
  if (lt->is_integer() && rt->is_integer()) {
    if (lt->is_signed() == rt->is_signed()) return lt->bits() >= rt->bits() ? lt : rt;
    const Type* wider = lt->bits() >= rt->bits() ? lt : rt;
    const Type* target = wider->is_signed() ? wider : rt->is_signed() ? rt : lt;
    diags_.error(at, "cannot mix " + display_name(*lt) + " and " + display_name(*rt) + " in '" +
                         op + "': convert one side explicitly, e.g. " + display_name(*target) +
                         "(...)");
    return types_.invalid();
  }
  if (lt->kind() == TypeKind::unit || rt->kind() == TypeKind::unit) {
    diags_.error(lt->kind() == TypeKind::unit ? lhs.range : rhs.range,
                 "this call returns no value");
    return types_.invalid();
  }
  std::string hint;
  if ((lt->kind() == TypeKind::address && rt->kind() == TypeKind::int_constant) ||
      (rt->kind() == TypeKind::address && lt->kind() == TypeKind::int_constant)) {
    hint = " (convert the number with address(...), e.g. address(0))";
  } else if (lt->kind() == TypeKind::enum_type || rt->kind() == TypeKind::enum_type) {
    hint = " (an enum converts to an integer with u8(e))";
  }
  diags_.error(at, "mismatched types in '" + op + "': " + display_name(*lt) + " and " +
                       display_name(*rt) + hint);
  return types_.invalid();
}

// ------------------------------------------------------------------ expressions

const Type* Checker::check(const ast::Expr& e, const Type* expected) {
  const Type* t = std::visit(
      [&](const auto& k) -> const Type* {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, ast::IntegerLiteral>) {
          std::string error;
          std::optional<BigInt> v = parse_integer_literal(k.text, error);
          if (!v) {
            diags_.error(e.range, error);
            return types_.invalid();
          }
          Value val;
          val.integer = *v;
          set_value(e, std::move(val));
          return types_.int_constant();
        } else if constexpr (std::is_same_v<K, ast::StringLiteral>) {
          Value val;
          val.kind = Value::Kind::string;
          val.bytes = k.value;
          set_value(e, std::move(val));
          return types_.string();
        } else if constexpr (std::is_same_v<K, ast::HexLiteral>) {
          Value val;
          val.kind = Value::Kind::bytes;
          val.bytes = k.value;
          set_value(e, std::move(val));
          return types_.bytes();
        } else if constexpr (std::is_same_v<K, ast::BoolLiteral>) {
          Value val;
          val.kind = Value::Kind::boolean;
          val.boolean = k.value;
          set_value(e, std::move(val));
          return types_.boolean();
        } else if constexpr (std::is_same_v<K, ast::SelfExpr>) {
          if (ctx_.body != Context::Body::method && ctx_.body != Context::Body::init) {
            need_impure("use 'self'", e.range);
          } else {
            diags_.error(e.range,
                         "'self' is not a value on its own: use address(self) for this "
                         "contract's address, self.field or self.f(...)");
          }
          return types_.invalid();
        } else if constexpr (std::is_same_v<K, ast::NameExpr>) {
          return check_name(e, k, false);
        } else if constexpr (std::is_same_v<K, ast::EnumPath>) {
          return check_enum_path(e, k);
        } else if constexpr (std::is_same_v<K, ast::StructLiteral>) {
          return check_struct_literal(e, k);
        } else if constexpr (std::is_same_v<K, ast::ArrayLiteral>) {
          return check_array_literal(e, k, expected);
        } else if constexpr (std::is_same_v<K, ast::TupleExpr>) {
          for (const auto& x : k.elements) check(*x);
          diags_.error(e.range,
                       "a tuple (a, b) can only be returned or unpacked with "
                       "'let (a, b) = ...'");
          return types_.invalid();
        } else if constexpr (std::is_same_v<K, ast::UnaryExpr>) {
          return check_unary(e, k, expected);
        } else if constexpr (std::is_same_v<K, ast::BinaryExpr>) {
          return check_binary(e, k, expected);
        } else if constexpr (std::is_same_v<K, ast::ConditionalExpr>) {
          return check_conditional(e, k, expected);
        } else if constexpr (std::is_same_v<K, ast::CallExpr>) {
          return check_call(e, k, expected);
        } else if constexpr (std::is_same_v<K, ast::MemberExpr>) {
          return check_member(e, k);
        } else if constexpr (std::is_same_v<K, ast::IndexExpr>) {
          return check_index(e, k);
        } else if constexpr (std::is_same_v<K, ast::NewContractExpr>) {
          return check_new_contract(e, k);
        } else if constexpr (std::is_same_v<K, ast::ArrayTypeExpr>) {
          return check_array_type_expr(e);
        } else {
          return check_new_array(e, k);
        }
      },
      e.kind);
  set(e, t);
  return t;
}

const Type* Checker::check_name(const ast::Expr& e, const ast::NameExpr& n, bool as_place) {
  const std::string& name = n.name;
  int local = find_local(name);
  if (local >= 0) {
    Local& l = ctx_.locals[static_cast<size_t>(local)];
    if (!as_place) l.used = true;
    Resolution r;
    r.kind = Resolution::Kind::local;
    r.decl_range = l.range;
    resolve(e, r);
    record_use(e.range, l.range);
    return l.type;
  }
  auto use_const = [&](const ConstInfo* c) -> const Type* {
    record_use(e.range, c->range);
    evaluate_const(const_cast<ConstInfo&>(*c));
    Resolution r;
    r.kind = Resolution::Kind::constant;
    r.constant = c;
    resolve(e, r);
    if (const Value* v = value_of(*c->decl->value)) set_value(e, *v);
    return c->type != nullptr ? c->type : types_.invalid();
  };
  if (const ConstInfo* c = find_contract_const(name)) return use_const(c);
  if (const Symbol* s = lookup_top(ctx_.module, name)) {
    if (s->kind != Symbol::Kind::constant) record_use(e.range, s->range);
    switch (s->kind) {
      case Symbol::Kind::constant:
        return use_const(static_cast<const ConstInfo*>(s->info));
      case Symbol::Kind::function:
        diags_.error(e.range, "'" + name + "' is a function; call it: " + name + "(...)");
        return types_.invalid();
      case Symbol::Kind::event:
        diags_.error(e.range, "'" + name + "' is an event; emit it with 'emit " + name + "(...)'");
        return types_.invalid();
      case Symbol::Kind::error:
        diags_.error(e.range,
                     "'" + name + "' is an error; raise it with 'revert " + name + "(...)'");
        return types_.invalid();
      default:
        diags_.error(e.range, "'" + name + "' is a type, not a value");
        return types_.invalid();
    }
  }
  if (is_builtin_object(name)) {
    if (name == "vm" && !in_test_contract()) {
      diags_.error(e.range, "cheat codes ('vm') are only available in test contracts");
    } else if (name == "vm" || name == "abi") {
      diags_.error(e.range, "'" + name + "' is not a value; call one of its functions, e.g. " +
                                (name == "vm" ? "vm.prank(a)" : "abi.encode(x)"));
    } else {
      std::string example;  // its first field
      for (const BuiltinInfo& b : builtins()) {
        if (example.empty() && b.form == BuiltinForm::field && b.name.starts_with(name + "."))
          example = b.name;
      }
      diags_.error(e.range, "'" + name +
                                "' is not a value on its own; use one of its fields, "
                                "e.g. " +
                                example);
    }
    return types_.invalid();
  }
  if (is_builtin_function(name)) {
    diags_.error(e.range, "'" + name + "' is a built-in function; call it: " + name + "(...)");
    return types_.invalid();
  }
  if (primitive_type(name) != nullptr) {
    diags_.error(e.range,
                 "'" + name + "' is a type, not a value; to convert write " + name + "(x)");
    return types_.invalid();
  }
  if (ctx_.contract != nullptr) {
    if (ctx_.contract->find_field(name) != nullptr) {
      diags_.error(e.range, "'" + name + "' is a storage field; write 'self." + name + "'");
      return types_.invalid();
    }
    if (ctx_.contract->find_function(name) != nullptr) {
      diags_.error(e.range, "'" + name + "' is a function of this contract; call it as 'self." +
                                name + "(...)'");
      return types_.invalid();
    }
  }
  report_unknown_name(name, e.range);
  return types_.invalid();
}

const Type* Checker::check_builtin_field(const ast::Expr& e, const std::string& object,
                                         const ast::Identifier& member) {
  std::vector<std::string> names;
  for (const BuiltinInfo& f : builtins()) {
    if (f.form != BuiltinForm::field || !f.name.starts_with(object + ".")) continue;
    const std::string field(f.name.substr(object.size() + 1));
    names.push_back(field);
    if (member.name != field) continue;
    const std::string full(f.name);
    need_impure(std::string(f.action), e.range);
    if (f.effect == BuiltinEffect::payable_only && ctx_.is_pub && !ctx_.is_payable &&
        (ctx_.body == Context::Body::method || ctx_.body == Context::Body::init)) {
      if (ctx_.body == Context::Body::init) {
        diags_.error(e.range, "'" + full +
                                  "' can only be read in payable functions: this init is "
                                  "not payable, so " +
                                  full + " is always 0 here; write 'payable init(...)'");
      } else {
        diags_.error(e.range, "'" + full + "' can only be read in payable functions: '" +
                                  ctx_.name + "' is not payable, so " + full +
                                  " is always 0 here; mark it 'pub payable fn " + ctx_.name + "'");
      }
    }
    resolve_builtin(e, f.id, full);
    return signature_of(f.id).result;
  }
  std::string list;
  for (const std::string& f : names) list += (list.empty() ? "" : ", ") + object + "." + f;
  diags_.error(member.range, "'" + object + "' has no field '" + member.name + "'" +
                                 suggest(member.name, names) + " (it has " + list + ")");
  return types_.invalid();
}

const Symbol* Checker::type_name_symbol(const ast::Expr& e) const {
  const auto* n = std::get_if<ast::NameExpr>(&e.kind);
  if (n == nullptr || find_local(n->name) >= 0) return nullptr;
  return lookup_top(ctx_.module, n->name);
}

const Type* Checker::check_selector(const ast::Expr& e, const ast::MemberExpr& m) {
  const ast::Expr& obj = *m.object;
  std::string signature;
  if (const Symbol* s = type_name_symbol(obj)) {
    if (s->kind == Symbol::Kind::error) {
      record_use(obj.range, s->range);
      signature = static_cast<const ErrorInfo*>(s->info)->signature();
    } else if (s->kind == Symbol::Kind::event) {
      diags_.error(e.range, "an event has no selector: its topic 0 is the 32-byte keccak256(\"" +
                                static_cast<const EventInfo*>(s->info)->signature() + "\")");
      return types_.invalid();
    } else {
      return nullptr;
    }
  } else if (const auto* f = std::get_if<ast::MemberExpr>(&obj.kind)) {
    const Symbol* c = type_name_symbol(*f->object);
    if (c == nullptr || c->kind != Symbol::Kind::contract) return nullptr;
    const ContractInfo& info = *static_cast<const ContractInfo*>(c->info);
    record_use(f->object->range, c->range);
    const FunctionInfo* fn = info.find_function(f->member.name);
    for (const FunctionInfo& g : info.getters) {
      if (fn == nullptr && g.name == f->member.name) fn = &g;
    }
    if (fn != nullptr) record_use(f->member.range, declaration_of(*fn));
    if (fn == nullptr || !fn->is_pub) {
      std::vector<std::string> names;
      for (const FunctionInfo& g : info.functions) {
        if (g.is_pub) names.push_back(g.name);
      }
      for (const FunctionInfo& g : info.getters) names.push_back(g.name);
      diags_.error(f->member.range,
                   (fn == nullptr ? "'" + info.name + "' has no function '" + f->member.name + "'"
                                  : "'" + f->member.name + "' is not pub, so it has no selector") +
                       suggest(f->member.name, names));
      return types_.invalid();
    }
    signature = fn->signature();
  } else {
    return nullptr;
  }
  // The names of the item (and function) are not values: they get the "no value" type.
  set(obj, types_.unit());
  if (const auto* f = std::get_if<ast::MemberExpr>(&obj.kind)) set(*f->object, types_.unit());
  const std::array<uint8_t, 4> sel = vm::selector_of(signature);
  Value v;
  for (uint8_t byte : sel) v.integer = (v.integer << 8) | byte;
  v.integer <<= 224;
  set_value(e, std::move(v));
  return types_.fixed_bytes(4);
}

const Type* Checker::check_type_member(const ast::Expr& e, const ast::MemberExpr& m) {
  const ast::Expr& obj = *m.object;
  const std::string& member = m.member.name;
  if (member == "selector") {
    if (const Type* t = check_selector(e, m)) return t;
  }
  const bool bound = member == "max" || member == "min" || member == "MAX" || member == "MIN";
  std::string upper = member;
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  if (const auto* n = std::get_if<ast::NameExpr>(&obj.kind);
      n != nullptr && find_local(n->name) < 0) {
    const Symbol* s = lookup_top(ctx_.module, n->name);
    if (s != nullptr && s->kind == Symbol::Kind::enumeration) {
      diags_.error(e.range, "enum variants are written '" + n->name + "::" + member + "'");
      return types_.invalid();
    }
    const Type* p = s == nullptr ? primitive_type(n->name) : nullptr;
    if (p != nullptr && p->is_integer() && bound) {
      diags_.error(e.range, "integer bounds are constants of their type: write '" + n->name +
                                "::" + upper + "'");
      return types_.invalid();
    }
  }
  if (const auto* c = std::get_if<ast::CallExpr>(&obj.kind); c != nullptr && bound) {
    const auto* callee = std::get_if<ast::NameExpr>(&c->callee->kind);
    if (callee != nullptr && callee->name == "type" && find_local("type") < 0 &&
        lookup_top(ctx_.module, "type") == nullptr && c->args.size() == 1) {
      if (const auto* arg = std::get_if<ast::NameExpr>(&c->args[0]->kind)) {
        std::string tenet = arg->name;
        if (tenet.starts_with("uint")) tenet = "u" + tenet.substr(4);
        if (tenet.starts_with("int")) tenet = "i" + tenet.substr(3);
        if (tenet == "u" || tenet == "i") tenet += "256";
        if (const Type* p = primitive_type(tenet); p != nullptr && p->is_integer()) {
          diags_.error(e.range, "Tenet has no 'type(" + arg->name + ")." + member +
                                    "': integer bounds are constants of their type: write '" +
                                    tenet + "::" + upper + "'");
          return types_.invalid();
        }
      }
    }
  }
  return nullptr;
}

const Type* Checker::check_member(const ast::Expr& e, const ast::MemberExpr& m) {
  const ast::Expr& obj = *m.object;
  const std::string& member = m.member.name;
  if (const Type* t = check_type_member(e, m)) return t;
  if (const auto* n = std::get_if<ast::NameExpr>(&obj.kind);
      n != nullptr && find_local(n->name) < 0 && lookup_top(ctx_.module, n->name) == nullptr &&
      has_builtin_fields(n->name)) {
    return check_builtin_field(e, n->name, m.member);
  }
  if (const auto* n = std::get_if<ast::NameExpr>(&obj.kind);
      n != nullptr && find_local(n->name) < 0 && (n->name == "abi" || n->name == "vm")) {
    if (n->name == "vm" && !in_test_contract()) {
      diags_.error(e.range, "cheat codes ('vm." + member +
                                "') are only available in test "
                                "contracts");
    } else {
      diags_.error(e.range, "'" + n->name + "." + member + "' is a function; call it");
    }
    return types_.invalid();
  }
  if (std::holds_alternative<ast::SelfExpr>(obj.kind)) {
    if (ctx_.body != Context::Body::method && ctx_.body != Context::Body::init) {
      need_impure("use 'self'", obj.range);
      return types_.invalid();
    }
    const ContractInfo& c = *ctx_.contract;
    set(obj, c.type);
    if (const FieldInfo* f = c.find_field(member)) {
      record_use(m.member.range, f->declaration().range);
      Resolution r;
      r.kind = Resolution::Kind::storage_field;
      r.field = f;
      resolve(e, r);
      return f->type;
    }
    if (c.find_function(member) != nullptr) {
      diags_.error(e.range, "'" + member + "' is a function; call it: self." + member + "(...)");
      return types_.invalid();
    }
    if (find_contract_const(member) != nullptr) {
      diags_.error(e.range,
                   "'" + member + "' is a constant; write '" + member + "' without 'self.'");
      return types_.invalid();
    }
    std::vector<std::string> names;
    for (const FieldInfo& f : c.fields) names.push_back(f.name);
    diags_.error(m.member.range, self_owner(c) + " has no field '" + member + "'" +
                                     suggest(member, names) + self_scope_hint(c));
    return types_.invalid();
  }
  const Type* t = check(obj);
  if (t->kind() == TypeKind::int_constant) t = materialize(obj, t);
  switch (t->kind()) {
    case TypeKind::invalid:
      return t;
    case TypeKind::struct_type: {
      const StructInfo& s = *t->struct_info();
      int index = s.field_index(member);
      if (index < 0) {
        std::vector<std::string> names;
        for (const ParamInfo& f : s.fields) names.push_back(f.name);
        diags_.error(m.member.range, "struct '" + s.name + "' has no field '" + member + "'" +
                                         suggest(member, names));
        return types_.invalid();
      }
      record_use(m.member.range, s.fields[static_cast<size_t>(index)].range);
      Resolution r;
      r.kind = Resolution::Kind::struct_field;
      r.index = static_cast<uint32_t>(index);
      resolve(e, r);
      return s.fields[static_cast<size_t>(index)].type;
    }
    case TypeKind::address:
      if (std::optional<Builtin> id = find_builtin(BuiltinForm::address_field, member)) {
        need_impure(std::string(builtin_info(*id).action), e.range);
        resolve_builtin(e, *id, member);
        return signature_of(*id).result;
      }
      break;
    case TypeKind::contract:
      if (find_builtin(BuiltinForm::address_field, member)) {
        diags_.error(m.member.range,
                     "'" + member + "' is a property of addresses: write address(" +
                         std::string(sources_.file(obj.range.file)
                                         .text()
                                         .substr(obj.range.begin.offset,
                                                 obj.range.end.offset - obj.range.begin.offset)) +
                         ")." + member);
        return types_.invalid();
      }
      if (t->contract_info()->find_function(member) != nullptr) {
        diags_.error(e.range, "'" + member + "' is a function; call it: ." + member + "(...)");
        return types_.invalid();
      }
      break;
    default:
      if ((t->is_array() || t->kind() == TypeKind::string || t->kind() == TypeKind::bytes) &&
          find_builtin(BuiltinForm::sequence_method, member)) {
        diags_.error(e.range, "'" + member + "' is a method; call it: ." + member + "(...)");
        return types_.invalid();
      }
      break;
  }
  diags_.error(m.member.range, "type " + display_name(*t) + " has no field '" + member + "'");
  return types_.invalid();
}

const Type* Checker::check_index(const ast::Expr& e, const ast::IndexExpr& x) {
  (void)e;
  const Type* bt = check(*x.base);
  if (bt->kind() == TypeKind::invalid) {
    check(*x.index);
    return bt;
  }
  if (bt->kind() == TypeKind::map) {
    check_value(*x.index, bt->key(), "map key");
    return bt->value();
  }
  const bool is_array = bt->is_array();
  if (bt->is_fixed_bytes()) return check_byte_index(e, x, bt);
  if (!is_array && bt->kind() != TypeKind::string && bt->kind() != TypeKind::bytes) {
    check(*x.index);
    diags_.error(x.base->range, "cannot index a value of type " + display_name(*bt) +
                                    " (only arrays, maps, string, bytes and bytesN can be "
                                    "indexed)");
    return types_.invalid();
  }
  const Type* it = check(*x.index);
  if (it->kind() == TypeKind::int_constant) {
    const Value* v = value_of(*x.index);
    if (v != nullptr && v->integer < 0) {
      diags_.error(x.index->range, "index " + describe(v->integer) + " is negative");
      return types_.invalid();
    }
    if (!coerce(*x.index, it, types_.u256())) return types_.invalid();
    if (v != nullptr && bt->kind() == TypeKind::fixed_array && v->integer >= bt->length()) {
      diags_.error(x.index->range, "index " + describe(v->integer) + " is out of bounds for " +
                                       display_name(*bt) + " (valid indices are 0.." +
                                       std::to_string(bt->length() - 1) + ")");
      return types_.invalid();
    }
  } else if (it->kind() != TypeKind::invalid && !it->is_unsigned_integer()) {
    diags_.error(x.index->range, "an index must be an unsigned integer, found " +
                                     display_name(*it) +
                                     (it->is_integer() ? " (convert it with u256(...))" : ""));
    return types_.invalid();
  }
  return is_array ? bt->element() : types_.u8();
}

const Type* Checker::check_byte_index(const ast::Expr& e, const ast::IndexExpr& x, const Type* bt) {
  const Type* it = check_value(*x.index, types_.u256(), "the index of " + display_name(*bt));
  if (it->kind() == TypeKind::invalid) return types_.invalid();
  const Value* v = value_of(*x.index);
  if (v == nullptr) return types_.u8();
  if (v->integer >= bt->bytes_width()) {
    diags_.error(x.index->range, "index " + describe(v->integer) + " is out of bounds for " +
                                     display_name(*bt) + " (valid indices are 0.." +
                                     std::to_string(bt->bytes_width() - 1) + ")");
    return types_.invalid();
  }
  if (const Value* w = value_of(*x.base)) {
    const unsigned shift = 248 - 8 * static_cast<unsigned>(v->integer);
    set_value(e, Value{Value::Kind::integer, BigInt((w->integer >> shift) & 0xff), false, ""});
  }
  return types_.u8();
}

// ------------------------------------------------------------------ operators

const Type* Checker::check_unary(const ast::Expr& e, const ast::UnaryExpr& u,
                                 const Type* expected) {
  const Type* t = check(*u.operand, expected);
  if (t->kind() == TypeKind::invalid) return t;
  const Value* v = value_of(*u.operand);
  switch (u.op) {
    case ast::UnaryOp::logical_not:
      if (t->kind() != TypeKind::boolean) {
        diags_.error(u.operand->range, "'!' needs a bool operand, found " + display_name(*t) +
                                           (t->is_integer() ? " (for bits use '~')" : ""));
        return types_.invalid();
      }
      if (v != nullptr) {
        Value r = *v;
        r.boolean = !v->boolean;
        set_value(e, std::move(r));
      }
      return t;
    case ast::UnaryOp::negate:
      if (t->kind() == TypeKind::int_constant) {
        if (v != nullptr) {
          Value r;
          r.integer = -v->integer;
          set_value(e, std::move(r));
        }
        return t;
      }
      if (!t->is_integer() || !t->is_signed()) {
        diags_.error(e.range,
                     "unary '-' applies only to signed integers, found " + display_name(*t) +
                         (t->is_unsigned_integer() ? " (use a signed type such as i256)" : ""));
        return types_.invalid();
      }
      if (v != nullptr) {
        BigInt r = -v->integer;
        if (!fits(r, *t)) {
          diags_.error(e.range, "overflow in constant expression: -(" + describe(v->integer) +
                                    ") does not fit in " + display_name(*t));
          return types_.invalid();
        }
        Value val;
        val.integer = r;
        set_value(e, std::move(val));
      }
      return t;
    case ast::UnaryOp::bit_not: {
      if (t->kind() == TypeKind::int_constant) {
        t = expected != nullptr && expected->is_integer() ? expected : types_.u256();
        if (!coerce(*u.operand, types_.int_constant(), t)) return types_.invalid();
      }
      if (!t->is_integer() && !t->is_fixed_bytes()) {
        diags_.error(u.operand->range, "'~' needs an integer or bytesN operand, found " +
                                           display_name(*t) +
                                           (t->kind() == TypeKind::boolean ? " (use '!')" : ""));
        return types_.invalid();
      }
      if (v != nullptr) {
        uint16_t bits = t->is_integer() ? t->bits() : 256;
        Value r;
        r.integer = (BigInt(1) << bits) - 1 - to_unsigned(v->integer, bits);
        if (t->is_integer()) r.integer = wrap(r.integer, *t);
        if (t->is_fixed_bytes()) r.integer = fixed_bytes_value(r.integer, *t);
        set_value(e, std::move(r));
      }
      return t;
    }
  }
  return types_.invalid();
}

const Type* Checker::check_binary(const ast::Expr& e, const ast::BinaryExpr& b,
                                  const Type* expected) {
  using Op = ast::BinaryOp;
  const std::string op = ast::spelling(b.op);
  if (b.op == Op::logical_and || b.op == Op::logical_or) {
    const Type* lt = check_condition(*b.lhs, "the left operand of '" + op + "'");
    const Type* rt = check_condition(*b.rhs, "the right operand of '" + op + "'");
    if (lt->kind() == TypeKind::invalid || rt->kind() == TypeKind::invalid) {
      return types_.boolean();
    }
    const Value* l = value_of(*b.lhs);
    const Value* r = value_of(*b.rhs);
    if (l != nullptr && r != nullptr) {
      Value v;
      v.kind = Value::Kind::boolean;
      v.boolean = b.op == Op::logical_and ? (l->boolean && r->boolean) : (l->boolean || r->boolean);
      set_value(e, std::move(v));
    }
    return types_.boolean();
  }
  if (b.op == Op::pow || b.op == Op::shl || b.op == Op::shr) {
    const Type* lt = check(*b.lhs, expected);
    const Type* rt = check(*b.rhs);
    if (lt->kind() == TypeKind::invalid || rt->kind() == TypeKind::invalid) {
      return types_.invalid();
    }
    const char* what = b.op == Op::pow ? "the exponent of '**'" : "a shift amount";
    if (rt->kind() == TypeKind::int_constant) {
      const Value* rv = value_of(*b.rhs);
      if (rv != nullptr && rv->integer < 0) {
        diags_.error(b.rhs->range,
                     std::string(what) + " must be unsigned, found " + describe(rv->integer));
        return types_.invalid();
      }
      if (lt->kind() != TypeKind::int_constant) {
        if (!coerce(*b.rhs, rt, types_.u256())) return types_.invalid();
        rt = types_.u256();
      }
    } else if (!rt->is_unsigned_integer()) {
      diags_.error(b.rhs->range,
                   std::string(what) + " must be an unsigned integer, found " + display_name(*rt));
      return types_.invalid();
    }
    if (lt->kind() == TypeKind::int_constant && rt->kind() != TypeKind::int_constant) {
      lt = expected != nullptr && expected->is_integer() ? expected : types_.u256();
      if (!coerce(*b.lhs, types_.int_constant(), lt)) return types_.invalid();
    }
    if (lt->kind() != TypeKind::int_constant && !lt->is_integer() &&
        !(lt->is_fixed_bytes() && b.op != Op::pow)) {
      diags_.error(b.lhs->range,
                   "'" + op + "' needs an integer operand, found " + display_name(*lt));
      return types_.invalid();
    }
    if (b.op == Op::shl && lt->kind() == TypeKind::int_constant && expected != nullptr &&
        expected->is_integer()) {
      // `<<` drops the bits shifted out of the type the context asks for: `let x: u8 = 1 << 8`
      if (!coerce(*b.lhs, lt, expected)) return types_.invalid();
      lt = expected;
    }
    const Value* l = value_of(*b.lhs);
    const Value* r = value_of(*b.rhs);
    if (l != nullptr && r != nullptr) return fold_binary(e, b, lt, *l, *r);
    return lt;
  }
  const Type* lt = check(*b.lhs);
  const Type* rt = check(*b.rhs);
  const Type* t = unify(*b.lhs, lt, *b.rhs, rt, op, b.op_range);
  if (t->kind() == TypeKind::invalid) {
    return b.op >= Op::lt && b.op <= Op::ne ? types_.boolean() : t;
  }
  const bool is_int = t->is_integer() || t->kind() == TypeKind::int_constant;
  const bool comparison = b.op == Op::lt || b.op == Op::le || b.op == Op::gt || b.op == Op::ge;
  const bool equality = b.op == Op::eq || b.op == Op::ne;
  bool ok = true;
  if (comparison) {
    ok = is_int || t->kind() == TypeKind::address || t->is_fixed_bytes();
  } else if (equality) {
    ok = is_int || t->kind() == TypeKind::address || t->is_fixed_bytes() ||
         t->kind() == TypeKind::boolean || t->kind() == TypeKind::enum_type ||
         t->kind() == TypeKind::string || t->kind() == TypeKind::bytes;
  } else if (b.op == Op::bit_and || b.op == Op::bit_or || b.op == Op::bit_xor) {
    ok = is_int || t->is_fixed_bytes();
  } else {
    ok = is_int;
  }
  if (!ok) {
    std::string hint;
    if (t->kind() == TypeKind::contract) hint = " (compare addresses: address(a) == address(b))";
    if (t->kind() == TypeKind::boolean && (b.op == Op::bit_and || b.op == Op::bit_or)) {
      hint = std::string(" (use '") + (b.op == Op::bit_and ? "&&" : "||") + "')";
    }
    if ((t->kind() == TypeKind::string || t->kind() == TypeKind::bytes) && b.op == Op::add) {
      hint = " (strings cannot be concatenated with '+')";
    }
    diags_.error(b.op_range,
                 "operator '" + op + "' cannot be applied to " + display_name(*t) + hint);
    return comparison || equality ? types_.boolean() : types_.invalid();
  }
  if ((b.op == Op::add_wrap || b.op == Op::sub_wrap || b.op == Op::mul_wrap) &&
      t->kind() == TypeKind::int_constant) {
    t = expected != nullptr && expected->is_integer() ? expected : types_.u256();
    if (!coerce(*b.lhs, types_.int_constant(), t) || !coerce(*b.rhs, types_.int_constant(), t)) {
      return types_.invalid();
    }
  }
  const Value* l = value_of(*b.lhs);
  const Value* r = value_of(*b.rhs);
  if ((b.op == Op::div || b.op == Op::rem) && r != nullptr && r->integer == 0) {
    diags_.error(b.rhs->range,
                 "division by zero" + std::string(l != nullptr ? " in constant expression" : ""));
    return types_.invalid();
  }
  if (l != nullptr && r != nullptr) {
    const Type* folded = fold_binary(e, b, t, *l, *r);
    if (folded->kind() == TypeKind::invalid)
      return comparison || equality ? types_.boolean() : folded;
  }
  return comparison || equality ? types_.boolean() : t;
}

const Type* Checker::fold_binary(const ast::Expr& e, const ast::BinaryExpr& b, const Type* t,
                                 const Value& l, const Value& r) {
  using Op = ast::BinaryOp;
  Value out;
  if (l.kind != Value::Kind::integer || r.kind != Value::Kind::integer) {
    if (b.op == Op::eq || b.op == Op::ne) {
      bool same = l.kind == Value::Kind::boolean ? l.boolean == r.boolean : l.bytes == r.bytes;
      out.kind = Value::Kind::boolean;
      out.boolean = b.op == Op::eq ? same : !same;
      set_value(e, std::move(out));
    }
    return t;
  }
  const BigInt& x = l.integer;
  const BigInt& y = r.integer;
  const bool typed = t->is_integer();
  const uint16_t bits = typed ? t->bits() : 256;
  auto overflow = [&](const BigInt& v) -> const Type* {
    diags_.error(e.range, "overflow in constant expression: the result " + describe(v) +
                              " does not fit in " + display_name(*t) + " (range " + range_text(*t) +
                              ")");
    return types_.invalid();
  };
  auto compare = [&](bool v) {
    out.kind = Value::Kind::boolean;
    out.boolean = v;
    set_value(e, std::move(out));
    return t;
  };
  BigInt v;
  if (t->is_fixed_bytes() && (b.op == Op::shl || b.op == Op::shr)) {
    v = y >= 256 ? BigInt(0)
                 : fixed_bytes_value(b.op == Op::shl ? BigInt(x << static_cast<unsigned>(y))
                                                     : BigInt(x >> static_cast<unsigned>(y)),
                                     *t);
    set_value(e, Value{Value::Kind::integer, v, false, ""});
    return t;
  }
  switch (b.op) {
    case Op::add:
    case Op::add_wrap:
      v = x + y;
      break;
    case Op::sub:
    case Op::sub_wrap:
      v = x - y;
      break;
    case Op::mul:
    case Op::mul_wrap:
      v = x * y;
      break;
    case Op::div:
      v = x / y;
      break;
    case Op::rem:
      v = x % y;
      break;
    case Op::pow: {
      BigInt ax = x < 0 ? BigInt(-x) : x;
      if (ax > 1 && (y > 1024 || BigInt(boost::multiprecision::msb(ax) + 1) * y > 4096)) {
        if (typed) return overflow(BigInt(x));
        diags_.error(e.range, "constant expression is too large");
        return types_.invalid();
      }
      v = boost::multiprecision::pow(
          x, static_cast<unsigned>(ax <= 1 ? (y > 2 ? 2 + (y % 2) : y) : y));
      break;
    }
    case Op::shl:
      if (typed) {
        v = y >= bits ? BigInt(0) : wrap(x << static_cast<unsigned>(y), *t);
      } else if (y > 1024) {
        diags_.error(e.range, "constant expression is too large");
        return types_.invalid();
      } else {
        v = x << static_cast<unsigned>(y);
      }
      set_value(e, Value{Value::Kind::integer, v, false, ""});
      return t;
    case Op::shr:
      if (x < 0) {
        v = y >= bits ? BigInt(-1) : BigInt(-((-x - 1) >> static_cast<unsigned>(y)) - 1);
      } else {
        v = y >= 1024 ? BigInt(0) : BigInt(x >> static_cast<unsigned>(y));
      }
      set_value(e, Value{Value::Kind::integer, v, false, ""});
      return t;
    case Op::bit_and:
    case Op::bit_or:
    case Op::bit_xor: {
      BigInt ux = to_unsigned(x, bits), uy = to_unsigned(y, bits);
      v = b.op == Op::bit_and  ? BigInt(ux & uy)
          : b.op == Op::bit_or ? BigInt(ux | uy)
                               : BigInt(ux ^ uy);
      if (typed) v = wrap(v, *t);
      set_value(e, Value{Value::Kind::integer, v, false, ""});
      return t;
    }
    case Op::lt:
      return compare(x < y);
    case Op::le:
      return compare(x <= y);
    case Op::gt:
      return compare(x > y);
    case Op::ge:
      return compare(x >= y);
    case Op::eq:
      return compare(x == y);
    case Op::ne:
      return compare(x != y);
    default:
      return t;
  }
  const bool wrapping = b.op == Op::add_wrap || b.op == Op::sub_wrap || b.op == Op::mul_wrap;
  if (typed) {
    if (wrapping) {
      v = wrap(v, *t);
    } else if (!fits(v, *t)) {
      return overflow(v);
    }
  }
  set_value(e, Value{Value::Kind::integer, v, false, ""});
  return t;
}

const Type* Checker::check_conditional(const ast::Expr& e, const ast::ConditionalExpr& c,
                                       const Type* expected) {
  check_condition(*c.condition, "the condition of '?:'");
  const Type* a = check(*c.then_value, expected);
  const Type* b = check(*c.else_value, expected);
  if (expected != nullptr && a->kind() == TypeKind::int_constant && expected->is_integer() &&
      b->kind() == TypeKind::int_constant) {
    if (!coerce(*c.then_value, a, expected) || !coerce(*c.else_value, b, expected)) {
      return types_.invalid();
    }
    a = b = expected;
  }
  const Type* t = unify(*c.then_value, a, *c.else_value, b, "?:", e.range);
  const Value* cv = value_of(*c.condition);
  const Value* av = value_of(*c.then_value);
  const Value* bv = value_of(*c.else_value);
  if (cv != nullptr && av != nullptr && bv != nullptr) set_value(e, cv->boolean ? *av : *bv);
  return t;
}

// ------------------------------------------------------------------ literals

const Type* Checker::check_struct_literal(const ast::Expr& e, const ast::StructLiteral& s) {
  const Symbol* sym = lookup_top(ctx_.module, s.name.name);
  if (sym == nullptr || sym->kind != Symbol::Kind::structure) {
    for (const auto& f : s.fields) check(*f.value);
    if (sym == nullptr) {
      std::vector<std::string> names;
      for (const auto& [n, sy] : module_of(ctx_.module).scope) {
        if (sy.kind == Symbol::Kind::structure) names.push_back(n);
      }
      diags_.error(s.name.range,
                   "unknown struct '" + s.name.name + "'" + suggest(s.name.name, names));
    } else if (sym->kind == Symbol::Kind::function) {
      diags_.error(s.name.range,
                   "call options {value, gas} apply only to external calls and "
                   "'new', not to calls of free functions like '" +
                       s.name.name + "'");
    } else {
      diags_.error(s.name.range, "'" + s.name.name + "' is not a struct");
    }
    return types_.invalid();
  }
  const StructInfo& info = *static_cast<const StructInfo*>(sym->info);
  record_use(s.name.range, info.range);
  for (const ast::FieldInit& f : s.fields) {
    const int index = info.field_index(f.name.name);
    if (index >= 0) record_use(f.name.range, info.fields[static_cast<size_t>(index)].range);
  }
  if (info.type->contains_map()) {
    for (const auto& f : s.fields) check(*f.value);
    diags_.error(e.range, "struct '" + info.name +
                              "' contains a map, so it exists only in storage and cannot be "
                              "built as a value");
    return types_.invalid();
  }
  std::vector<bool> given(info.fields.size(), false);
  for (const ast::FieldInit& f : s.fields) {
    int index = info.field_index(f.name.name);
    if (index < 0) {
      check(*f.value);
      std::vector<std::string> names;
      for (const ParamInfo& p : info.fields) names.push_back(p.name);
      diags_.error(f.name.range, "struct '" + info.name + "' has no field '" + f.name.name + "'" +
                                     suggest(f.name.name, names));
      continue;
    }
    if (given[static_cast<size_t>(index)]) {
      check(*f.value);
      diags_.error(f.name.range, "field '" + f.name.name + "' is given twice");
      continue;
    }
    given[static_cast<size_t>(index)] = true;
    check_value(*f.value, info.fields[static_cast<size_t>(index)].type,
                "field '" + f.name.name + "' of '" + info.name + "'");
  }
  std::string missing;
  size_t count = 0;
  for (size_t i = 0; i < given.size(); ++i) {
    if (given[i]) continue;
    missing += (missing.empty() ? "'" : ", '") + info.fields[i].name + "'";
    ++count;
  }
  if (count != 0) {
    diags_.error(e.range, "missing field" + std::string(count > 1 ? "s " : " ") + missing +
                              " in struct literal of '" + info.name + "'");
  }
  if (info.type->contains_map()) {
    diags_.error(e.range, "struct '" + info.name +
                              "' contains a map, so it exists only in storage and cannot be "
                              "built as a value");
    return types_.invalid();
  }
  return info.type;
}

const Type* Checker::check_array_literal(const ast::Expr& e, const ast::ArrayLiteral& a,
                                         const Type* expected) {
  if (expected != nullptr && expected->is_array()) {
    const Type* element = expected->element();
    for (const auto& x : a.elements) check_value(*x, element, "array element");
    if (expected->kind() == TypeKind::fixed_array && a.elements.size() != expected->length()) {
      diags_.error(e.range, "expected " + std::to_string(expected->length()) + " elements for " +
                                display_name(*expected) + ", found " +
                                std::to_string(a.elements.size()));
      return types_.invalid();
    }
    return expected;
  }
  if (a.elements.empty()) {
    diags_.error(e.range,
                 "cannot infer the element type of an empty array literal; give it a "
                 "type, e.g. 'let xs: [u256] = [];'");
    return types_.invalid();
  }
  std::vector<const Type*> ts;
  const Type* element = nullptr;
  for (const auto& x : a.elements) {
    ts.push_back(check(*x));
    if (element == nullptr && ts.back()->kind() != TypeKind::int_constant) element = ts.back();
  }
  if (element == nullptr) element = types_.u256();
  if (element->kind() == TypeKind::invalid) return element;
  element = materialize(*a.elements[0], element);
  bool ok = true;
  for (size_t i = 0; i < a.elements.size(); ++i) {
    if (!coerce(*a.elements[i], ts[i], element, "array element")) ok = false;
  }
  if (!ok || element->kind() == TypeKind::invalid) return types_.invalid();
  return types_.fixed_array(element, a.elements.size());
}

const Type* Checker::check_type_bound(const ast::Expr& e, const ast::EnumPath& p,
                                      const Type* type) {
  const std::string& name = p.enum_name.name;
  const std::string& bound = p.variant.name;
  if (!type->is_integer()) {
    diags_.error(e.range, "'" + name + "' has no '" + bound +
                              "': integer bounds T::MIN and T::MAX exist only for integer types");
    return types_.invalid();
  }
  if (bound != "MIN" && bound != "MAX") {
    diags_.error(p.variant.range, "integer type '" + name + "' has no constant '" + bound + "'" +
                                      suggest(bound, {"MIN", "MAX"}) + " (it has " + name +
                                      "::MIN and " + name + "::MAX)");
    return types_.invalid();
  }
  const uint16_t bits = type->bits();
  Value v;
  if (bound == "MAX") {
    v.integer = (BigInt(1) << (type->is_signed() ? bits - 1 : bits)) - 1;
  } else {
    v.integer = type->is_signed() ? BigInt(-(BigInt(1) << (bits - 1))) : BigInt(0);
  }
  set_value(e, std::move(v));
  return type;
}

const Type* Checker::check_enum_path(const ast::Expr& e, const ast::EnumPath& p) {
  if (const Type* primitive = primitive_type(p.enum_name.name);
      primitive != nullptr && lookup_top(ctx_.module, p.enum_name.name) == nullptr) {
    return check_type_bound(e, p, primitive);
  }
  const Symbol* sym = lookup_top(ctx_.module, p.enum_name.name);
  if (sym == nullptr || sym->kind != Symbol::Kind::enumeration) {
    if (sym == nullptr) {
      std::vector<std::string> names;
      for (const auto& [n, sy] : module_of(ctx_.module).scope) {
        if (sy.kind == Symbol::Kind::enumeration) names.push_back(n);
      }
      diags_.error(p.enum_name.range,
                   "unknown enum '" + p.enum_name.name + "'" + suggest(p.enum_name.name, names));
    } else {
      diags_.error(p.enum_name.range, "'" + p.enum_name.name + "' is not an enum");
    }
    return types_.invalid();
  }
  const EnumInfo& info = *static_cast<const EnumInfo*>(sym->info);
  record_use(p.enum_name.range, info.range);
  for (size_t i = 0; i < info.variants.size(); ++i) {
    if (info.variants[i] != p.variant.name) continue;
    for (const ast::Identifier& v : info.decl->variants) {
      if (v.name == p.variant.name) {
        record_use(p.variant.range, v.range);
        break;
      }
    }
    Value v;
    v.integer = static_cast<unsigned>(i);
    set_value(e, std::move(v));
    Resolution r;
    r.kind = Resolution::Kind::enum_variant;
    r.index = static_cast<uint32_t>(i);
    resolve(e, r);
    return info.type;
  }
  diags_.error(p.variant.range, "enum '" + info.name + "' has no variant '" + p.variant.name + "'" +
                                    suggest(p.variant.name, info.variants));
  return types_.invalid();
}

const Type* Checker::check_tuple(const ast::Expr& e, const ast::TupleExpr& t,
                                 const std::vector<const Type*>* expected) {
  std::vector<const Type*> out;
  bool ok = true;
  for (size_t i = 0; i < t.elements.size(); ++i) {
    const Type* want = expected != nullptr && i < expected->size() ? (*expected)[i] : nullptr;
    const Type* got = check_value(*t.elements[i], want);
    if (got->kind() == TypeKind::invalid) ok = false;
    out.push_back(got);
  }
  return set(e, ok ? types_.tuple(out) : types_.invalid());
}

}  // namespace tenet::compiler::sema

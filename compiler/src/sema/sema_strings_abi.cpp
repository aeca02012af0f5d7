// Built-ins over string, bytes and the ABI (language.md §3, §4, §9, the (1.1) items):
// `concat(a, b, …)`, `x.slice(a, b)`, `abi.encode_packed`, `abi.encode_with_selector`
// and `abi.decode(data, (T, …))` with its type-list argument.

#include "sema_checker.hpp"

namespace tenet::compiler::sema {
namespace {

/// The example every message about the type list of abi.decode shows.
constexpr const char* kDecodeExample = "e.g. abi.decode(data, (u256, string))";

}  // namespace

const Type* Checker::check_concat(const ast::Expr& e, const ast::CallExpr& c) {
  if (c.args.empty()) {
    diags_.error(e.range, "'concat' takes at least one argument: concat(a, b, ...)");
    return types_.invalid();
  }
  const ast::Expr* first_string = nullptr;
  const ast::Expr* first_bytes = nullptr;
  bool ok = true;
  for (const auto& a : c.args) {
    const Type* t = check_value(*a, nullptr);
    if (t->kind() == TypeKind::invalid) {
      ok = false;
    } else if (t->kind() == TypeKind::string) {
      if (first_string == nullptr) first_string = a.get();
    } else if (t->kind() == TypeKind::bytes || t->is_fixed_bytes()) {
      if (first_bytes == nullptr) first_bytes = a.get();
    } else {
      diags_.error(
          a->range,
          "'concat' joins string values or bytes values, not " + display_name(*t) +
              (t->is_integer() || t->kind() == TypeKind::address || t->kind() == TypeKind::boolean
                   ? " (abi.encode_packed(...) joins value types into bytes)"
                   : ""));
      ok = false;
    }
  }
  if (first_string != nullptr && first_bytes != nullptr) {
    const ast::Expr& later = first_string->range.begin.offset > first_bytes->range.begin.offset
                                 ? *first_string
                                 : *first_bytes;
    diags_.error(later.range,
                 "'concat' cannot mix string and bytes: convert with bytes(s) to join bytes, "
                 "or with string(b) to join strings");
    ok = false;
  }
  resolve_builtin(e, Builtin::concat, "concat");
  if (!ok) return types_.invalid();
  return first_bytes == nullptr ? types_.string() : types_.bytes();
}

const Type* Checker::check_slice(const ast::Expr& e, const ast::CallExpr& c,
                                 const ast::MemberExpr& m, const Type* t) {
  forbid_options(c, "'slice'");
  if (t->kind() != TypeKind::string && t->kind() != TypeKind::bytes) {
    diags_.error(m.member.range,
                 "'slice' works on string and bytes, but this is " + display_name(*t));
    for (const auto& a : c.args) check(*a);
    return types_.invalid();
  }
  const Signature sig = signature_of(Builtin::slice, t);
  check_args(e, c.args, sig.types(), sig.names(), "'slice'");
  resolve_builtin(e, Builtin::slice, m.member.name);
  return sig.result;
}

const Type* Checker::check_abi_helper(const ast::Expr& e, const ast::CallExpr& c, Builtin id) {
  const std::string name(builtin_info(id).name);
  const std::string callee = "'" + name + "'";
  resolve_builtin(e, id, name);
  if (id == Builtin::abi_decode) return check_abi_decode(e, c);
  size_t first_value = 0;
  if (id == Builtin::abi_encode_with_selector) {
    if (c.args.empty()) {
      diags_.error(e.range, callee + " takes a selector and the values to encode: " + name +
                                "(I.f.selector, a, b)");
      return types_.bytes();
    }
    const Type* bytes4 = primitive_type("bytes4");
    if (bytes4 == nullptr) {
      diags_.error(c.args[0]->range, "internal error: the type bytes4 is missing");
    } else {
      check_value(*c.args[0], bytes4, "the selector of " + callee);
    }
    first_value = 1;
  }
  for (size_t i = first_value; i < c.args.size(); ++i) {
    const ast::Expr& a = *c.args[i];
    if (id != Builtin::abi_encode_packed) {
      check_no_map(check_value(a, nullptr), a.range, "encoded");
      continue;
    }
    const Type* t = check(a);
    if (t->kind() == TypeKind::int_constant) {
      diags_.error(a.range, callee +
                                " needs typed values: an integer literal has no width here; "
                                "give it a type, e.g. u8(1) or u256(1)");
      materialize(a, t);
      continue;
    }
    t = materialize(a, t);
    check_packed_type(t, a.range, callee);
  }
  return types_.bytes();
}

void Checker::check_packed_type(const Type* t, const SourceRange& range,
                                const std::string& callee) {
  if (t->kind() == TypeKind::invalid || t->kind() == TypeKind::string ||
      t->kind() == TypeKind::bytes || t->is_value_type()) {
    return;
  }
  if (t->contains_map()) {
    check_no_map(t, range, "encoded");
    return;
  }
  if (t->kind() == TypeKind::struct_type) {
    diags_.error(range, callee +
                            " cannot encode a struct (the packed encoding has no form for "
                            "it); pass its fields, or use abi.encode");
    return;
  }
  if (t->is_array()) {
    if (!t->element()->is_value_type()) {
      diags_.error(range, callee + " encodes arrays of value types only, not " + display_name(*t) +
                              "; use abi.encode");
    }
    return;
  }
  diags_.error(range, callee + " cannot encode a value of type " + display_name(*t));
}

const Type* Checker::check_abi_decode(const ast::Expr& e, const ast::CallExpr& c) {
  if (c.args.size() != 2) {
    for (const auto& a : c.args) check(*a);
    diags_.error(e.range,
                 "'abi.decode' takes the data and a list of types, " + std::string(kDecodeExample) +
                     ", but " + std::to_string(c.args.size()) +
                     (c.args.size() == 1 ? " argument was" : " arguments were") + " given");
    return types_.invalid();
  }
  check_value(*c.args[0], types_.bytes(), "the data of 'abi.decode'");
  const ast::Expr& list = *c.args[1];
  std::vector<const Type*> types;
  bool ok = true;
  if (const auto* t = std::get_if<ast::TupleExpr>(&list.kind)) {
    for (const auto& x : t->elements) types.push_back(type_argument(*x));
  } else {
    types.push_back(type_argument(list));
  }
  for (size_t i = 0; i < types.size(); ++i) {
    const ast::Expr& at = std::holds_alternative<ast::TupleExpr>(list.kind)
                              ? *std::get<ast::TupleExpr>(list.kind).elements[i]
                              : list;
    if (types[i]->kind() == TypeKind::invalid) {
      ok = false;
    } else if (types[i]->contains_map()) {
      diags_.error(at.range, "'abi.decode' cannot decode " + display_name(*types[i]) +
                                 ": maps exist only in storage");
      ok = false;
    }
  }
  const Type* result = types.size() == 1 ? types[0] : types_.tuple(types);
  if (std::holds_alternative<ast::TupleExpr>(list.kind)) set(list, result);
  return ok ? result : types_.invalid();
}

const Type* Checker::type_argument(const ast::Expr& e) {
  const Type* t = types_.invalid();
  if (const auto* n = std::get_if<ast::NameExpr>(&e.kind)) {
    if (find_local(n->name) >= 0) {
      diags_.error(e.range, "'" + n->name +
                                "' is a value, not a type: the second argument of "
                                "'abi.decode' lists types, " +
                                kDecodeExample);
    } else {
      ast::TypeExpr named;
      named.range = e.range;
      named.kind = ast::NamedType{ast::Identifier{n->name, e.range}};
      t = resolve_type(named);
    }
  } else if (const auto* a = std::get_if<ast::ArrayLiteral>(&e.kind);
             a && a->elements.size() == 1) {
    const Type* element = type_argument(*a->elements[0]);
    if (element->kind() != TypeKind::invalid) t = types_.dynamic_array(element);
  } else if (const auto* f = std::get_if<ast::ArrayTypeExpr>(&e.kind)) {
    t = resolve_type(*f->type);
  } else {
    diags_.error(e.range, "this is not a type: the second argument of 'abi.decode' lists types, " +
                              std::string(kDecodeExample));
  }
  return set(e, t);
}

const Type* Checker::check_array_type_expr(const ast::Expr& e) {
  diags_.error(e.range,
               "a type is not a value: [T; N] can be written here only in the type list of "
               "abi.decode(data, (T, ...))");
  return types_.invalid();
}

}  // namespace tenet::compiler::sema

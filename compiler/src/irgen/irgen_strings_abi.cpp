// irgen, (1.1) built-ins over string, bytes and the ABI (language.md §3, §4, §9):
// `concat`, `x.slice(a, b)`, `abi.encode_packed`, `abi.encode_with_selector`, `abi.decode`.

#include "irgen_gen.hpp"

namespace tenet::compiler::irgen {

llvm::Value* Gen::string_abi_builtin(const ast::Expr& e, const ast::CallExpr& c, Builtin id) {
  switch (id) {
    case Builtin::concat:  // the packed encoding of string, bytes and bytesN is their bytes
    case Builtin::abi_encode_packed: {
      std::vector<llvm::Value*> values;
      std::vector<const Type*> types;
      encode_args(c.args, values, types);
      At at(*this, e.range);
      return vo_.abi_encode_packed(values, types);
    }
    case Builtin::abi_encode_with_selector: {
      llvm::Value* selector = cx_.as_word(expr_as(*c.args[0], c.args[0]->type));
      std::vector<llvm::Value*> values;
      std::vector<const Type*> types;
      for (size_t i = 1; i < c.args.size(); ++i) {
        const Type* t = c.args[i]->type;
        if (t->kind() == TypeKind::int_constant) t = types_.u256();
        values.push_back(expr_as(*c.args[i], t));
        types.push_back(t);
      }
      At at(*this, e.range);
      return vo_.abi_encode_with_selector(selector, values, types);
    }
    case Builtin::abi_decode: {
      llvm::Value* data = expr_as(*c.args[0], types_.bytes());
      const bool list = std::holds_alternative<ast::TupleExpr>(c.args[1]->kind);
      std::vector<const Type*> types = list ? e.type->elements() : std::vector<const Type*>{e.type};
      At at(*this, e.range);
      std::vector<llvm::Value*> values =
          vo_.abi_decode(bytes_data(data), cx_.load_word(data), types);
      return list ? make_tuple(values, types) : values[0];
    }
    case Builtin::slice: {
      const auto* m = std::get_if<ast::MemberExpr>(&c.callee->kind);
      if (m == nullptr) break;
      const Type* t = m->object->type;
      llvm::Value* v = nullptr;
      if (is_storage_path(*m->object)) {
        llvm::Value* slot = storage_slot(*m->object);
        At at(*this, m->object->range);
        v = vo_.storage_load(slot, t);
      } else {
        v = expr(*m->object);
      }
      llvm::Value* from = cx_.as_word(expr_as(*c.args[0], types_.u256()));
      llvm::Value* to = cx_.as_word(expr_as(*c.args[1], types_.u256()));
      At at(*this, e.range);
      return vo_.slice(v, from, to);
    }
    default:
      break;
  }
  fail(e.range, "irgen: this built-in is not supported here");
  return placeholder(e.type);
}

}  // namespace tenet::compiler::irgen

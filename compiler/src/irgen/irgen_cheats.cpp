// irgen, test contracts (language.md §11): cheat codes lowered to `tenet.cheat` with the
// ids and ABI shapes of vm/cheats.hpp, and the assertions assert_eq … assert_ge and fail.

#include <string_view>

#include "irgen_gen.hpp"
#include "tenet/vm/cheats.hpp"

namespace tenet::compiler::irgen {

namespace {

/// The members of an ABI tuple type name of the cheat table: "(address,uint256)".
std::vector<std::string_view> tuple_members(std::string_view tuple) {
  std::vector<std::string_view> out;
  if (tuple.size() < 2) return out;
  std::string_view inner = tuple.substr(1, tuple.size() - 2);
  while (!inner.empty()) {
    size_t comma = inner.find(',');
    out.push_back(inner.substr(0, comma));
    if (comma == std::string_view::npos) break;
    inner.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace

const Type* Gen::abi_type(std::string_view name) {
  if (name == "address") return types_.address();
  if (name == "bool") return types_.boolean();
  if (name == "string") return types_.string();
  if (name == "bytes") return types_.bytes();
  if (name == "bytes32") return types_.bytes32();
  if (name == "bytes32[]") return types_.dynamic_array(types_.bytes32());
  if (name.rfind("uint", 0) == 0) {
    int bits = 0;
    for (char ch : name.substr(4)) bits = bits * 10 + (ch - '0');
    return types_.integer(static_cast<uint16_t>(bits), false);
  }
  return nullptr;
}

llvm::Value* Gen::cheat_call(const ast::Expr& e, const ast::CallExpr& c, vm::Cheat cheat) {
  auto& B = cx_.b;
  std::optional<vm::CheatInfo> info = vm::cheat_by_id(static_cast<uint16_t>(cheat));
  if (!info) {
    fail(e.range, "irgen: unknown cheat code " + std::to_string(static_cast<uint16_t>(cheat)));
    return placeholder(e.type);
  }
  const std::string name(info->name);
  if (!options_.test_mode) {
    fail(e.range, "irgen: cheat code '" + name + "' outside test mode");
    return placeholder(e.type);
  }
  bool known = true;
  auto types_of = [&](std::string_view tuple) {
    std::vector<const Type*> out;
    for (std::string_view member : tuple_members(tuple)) {
      const Type* t = abi_type(member);
      if (t == nullptr) {
        fail(e.range, "irgen: the ABI type '" + std::string(member) + "' of '" + name +
                          "' in the cheat table is not supported");
        known = false;
        t = types_.u256();
      }
      out.push_back(t);
    }
    return out;
  };
  std::vector<llvm::Value*> values;
  std::vector<const Type*> types = types_of(info->args);
  std::vector<const Type*> results = types_of(info->results);
  if (!known) return placeholder(e.type);
  if (info->cheat == vm::Cheat::expect_revert) {
    // (bool exact, bytes expected): the host compares revert data byte for byte.
    llvm::Value* expected = nullptr;
    if (c.args.empty()) {
      expected = vo_.bytes_literal("");
    } else {
      const ast::Expr& reason = *c.args[0];
      const Resolution* res = resolution(reason);
      if (res != nullptr && res->kind == Resolution::Kind::error_value) {
        const auto& call = std::get<ast::CallExpr>(reason.kind);
        expected = error_data(*reason.type->error_info(), call.args);
      } else {
        llvm::Value* message = expr_as(reason, types_.string());
        At at(*this, reason.range);
        expected = vo_.abi_encode({message}, {types_.string()}, kErrorStringSelector);
      }
    }
    values = {B.getInt1(!c.args.empty()), expected};
  } else if (info->cheat == vm::Cheat::expect_emit) {
    // (bytes32[] topics, bytes data), computed as `emit` computes them.
    const ast::Expr& event = *c.args[0];
    const EventInfo* event_info = event.type->event_info();
    const auto* call = std::get_if<ast::CallExpr>(&event.kind);
    if (event_info == nullptr || call == nullptr) {
      fail(event.range, "irgen: vm.expect_emit needs an event value");
      return placeholder(e.type);
    }
    std::vector<llvm::Value*> topics;
    llvm::Value* data = event_log(*event_info, call->args, event.range, topics);
    if (data == nullptr) return placeholder(e.type);
    At at(*this, e.range);
    llvm::Value* array = cx_.alloc(cx_.word(32 * (topics.size() + 1)));
    cx_.store_word(array, cx_.word(topics.size()));
    for (size_t i = 0; i < topics.size(); ++i)
      cx_.store_word(cx_.word_ptr(array, cx_.word(i + 1)), topics[i]);
    values = {array, data};
  } else {
    for (size_t i = 0; i < c.args.size() && i < types.size(); ++i)
      values.push_back(expr_as(*c.args[i], types[i]));
  }
  At at(*this, e.range);
  llvm::Value* input = vo_.abi_encode(values, types);
  llvm::Value* ok =
      cx_.call(Intrinsic::cheat, {cx_.word(info->id), bytes_data(input), cx_.load_word(input)});
  llvm::BasicBlock* refused = new_block("cheat.refused");
  llvm::BasicBlock* done = new_block("cheat.ok");
  B.CreateCondBr(B.CreateICmpEQ(ok, cx_.word(0)), refused, done);
  B.SetInsertPoint(refused);
  bubble_revert();
  if (B.GetInsertBlock()->getTerminator() == nullptr) B.CreateUnreachable();
  B.SetInsertPoint(done);
  if (results.empty()) return nullptr;
  auto [p, size] = return_data();
  std::vector<llvm::Value*> decoded = vo_.abi_decode(p, size, results);
  if (decoded.size() == 1) return decoded[0];
  return make_tuple(decoded, results);
}

void Gen::assertion(const ast::Expr& e, const ast::CallExpr& c, Builtin id) {
  auto& B = cx_.b;
  if (id == Builtin::fail) {
    llvm::Value* message = expr_as(*c.args[0], types_.string());
    At at(*this, e.range);
    revert_with_message(message);
    return;
  }
  struct Check {
    Builtin id;
    ast::BinaryOp op;
    const char* violated;  ///< the relation that holds when the assertion fails
  };
  static const Check kChecks[] = {
      {Builtin::assert_eq, ast::BinaryOp::eq, " != "},
      {Builtin::assert_ne, ast::BinaryOp::ne, " == "},
      {Builtin::assert_lt, ast::BinaryOp::lt, " >= "},
      {Builtin::assert_le, ast::BinaryOp::le, " > "},
      {Builtin::assert_gt, ast::BinaryOp::gt, " <= "},
      {Builtin::assert_ge, ast::BinaryOp::ge, " < "},
  };
  const Check* check = nullptr;
  for (const Check& k : kChecks) {
    if (id == k.id) check = &k;
  }
  if (check == nullptr || c.args.size() < 2) {
    fail(e.range, "irgen: '" + std::string(builtin_info(id).name) + "' is not supported yet");
    return;
  }
  const Type* t = common_type(c.args[0]->type, c.args[1]->type);
  llvm::Value* a = expr_as(*c.args[0], t);
  llvm::Value* b = expr_as(*c.args[1], t);
  At at(*this, e.range);
  llvm::Value* holds = compare(check->op, a, b, t);
  llvm::BasicBlock* failed = new_block("assert.failed");
  llvm::BasicBlock* ok = new_block("assert.ok");
  B.CreateCondBr(holds, ok, failed);
  B.SetInsertPoint(failed);
  if (options_.record_operands) record_operands({holds, a, b, t, check->op, e.range});
  llvm::Value* prefix = nullptr;
  if (c.args.size() == 3) {
    llvm::Value* user = expr_as(*c.args[2], types_.string());
    At at_message(*this, e.range);
    prefix = vo_.concat({user, vo_.bytes_literal(": ")});
  } else {
    prefix = vo_.bytes_literal("assertion failed: ");
  }
  llvm::Value* message =
      vo_.concat({prefix, vo_.format(a, t), vo_.bytes_literal(check->violated), vo_.format(b, t)});
  revert_with_message(message);
  if (B.GetInsertBlock()->getTerminator() == nullptr) B.CreateUnreachable();
  B.SetInsertPoint(ok);
}

}  // namespace tenet::compiler::irgen

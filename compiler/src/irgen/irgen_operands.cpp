// irgen, operand records of instrumented builds (IrgenOptions::record_operands): on the
// failing path of a comparison in `require`, `assert`, `assert_eq`… and
// `if cmp { revert …; }`, a DEBUGLOG names the comparison's place and operand values, so
// the test runner can print "a > 3 failed: 2 > 3" (docs/compiler.md, "Operand records").

#include "irgen_gen.hpp"

namespace tenet::compiler::irgen {
namespace {

/// "tcmp": the first 4 bytes of an operand record (abi::is_operand_record).
constexpr uint32_t kOperandRecordTag = 0x74636d70;

bool is_comparison(ast::BinaryOp op) {
  using ast::BinaryOp;
  return op == BinaryOp::eq || op == BinaryOp::ne || op == BinaryOp::lt || op == BinaryOp::le ||
         op == BinaryOp::gt || op == BinaryOp::ge;
}

}  // namespace

std::optional<Gen::Comparison> Gen::recorded_comparison(const ast::Expr& cond) {
  if (!options_.record_operands) return std::nullopt;
  const auto* k = std::get_if<ast::BinaryExpr>(&cond.kind);
  if (k == nullptr || !is_comparison(k->op)) return std::nullopt;
  Comparison c;
  c.op = k->op;
  c.range = cond.range;
  c.type = common_type(k->lhs->type, k->rhs->type);
  if (c.type->kind() == TypeKind::int_constant) c.type = types_.u256();
  c.lhs = expr_as(*k->lhs, c.type);
  c.rhs = expr_as(*k->rhs, c.type);
  At at(*this, cond.range);
  c.holds = binary(k->op, c.lhs, c.rhs, c.type, c.type);
  return c;
}

llvm::Value* Gen::condition(const ast::Expr& cond, std::optional<Comparison>& compared) {
  compared = recorded_comparison(cond);
  if (compared) return compared->holds;
  return expr_as(cond, types_.boolean());
}

void Gen::record_operands(const Comparison& c) {
  At at(*this, c.range);
  const Type* u32 = types_.integer(32, false);
  const std::string file = c.range.file == kNoFile ? "" : cx_.sources.file(c.range.file).name();
  llvm::Value* line = llvm::ConstantInt::get(cx_.llvm_type(u32), c.range.begin.line);
  llvm::Value* column = llvm::ConstantInt::get(cx_.llvm_type(u32), c.range.begin.column);
  llvm::Value* payload =
      vo_.abi_encode({vo_.bytes_literal(file), line, column, vo_.bytes_literal(ast::spelling(c.op)),
                      vo_.format(c.lhs, c.type), vo_.format(c.rhs, c.type)},
                     {types_.string(), u32, u32, types_.string(), types_.string(), types_.string()},
                     kOperandRecordTag);
  cx_.call(Intrinsic::debuglog, {bytes_data(payload), cx_.load_word(payload)});
}

}  // namespace tenet::compiler::irgen

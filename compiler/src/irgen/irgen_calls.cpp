// irgen, calls: internal and free calls, conversions, built-ins (language.md §9),
// external calls and `new` (§8).

#include "irgen_gen.hpp"
#include "tenet/vm/cheats.hpp"

namespace tenet::compiler::irgen {

namespace {

const ast::FieldInit* option(const std::vector<ast::FieldInit>& options, const char* name) {
  for (const ast::FieldInit& o : options) {
    if (o.name.name == name) return &o;
  }
  return nullptr;
}

/// `msg.data`: a new `bytes` value (length word, then the data padded to words) holding the
/// whole call data, copied with CALLDATASIZE and CALLDATACOPY.
llvm::Value* call_data_bytes(IrContext& cx) {
  auto& b = cx.b;
  llvm::Value* size = cx.call(Intrinsic::calldatasize, {});
  llvm::Value* padded = b.CreateAnd(b.CreateAdd(size, cx.word(31)), b.CreateNot(cx.word(31)));
  llvm::Value* p = cx.alloc(b.CreateAdd(padded, cx.word(32)));
  cx.store_word(p, size);
  llvm::Value* data = b.CreateGEP(b.getInt8Ty(), p, b.getInt32(32));
  cx.call(Intrinsic::calldatacopy, {data, cx.word(0), size});
  return p;
}

/// `msg.sig`: the call data's first word with all but its top four bytes cleared — a
/// left-aligned `bytes4` (CALLDATALOAD zero-pads call data shorter than four bytes).
llvm::Value* call_data_selector(IrContext& cx) {
  llvm::Value* first = cx.call(Intrinsic::calldataload, {cx.word(0)});
  return cx.b.CreateAnd(first, llvm::ConstantInt::get(cx.word_type(), llvm::APInt::getHighBitsSet(256, 32)));
}

}  // namespace

void Gen::encode_args(const std::vector<ast::ExprPtr>& args, std::vector<llvm::Value*>& values,
                      std::vector<const Type*>& types) {
  for (const auto& a : args) {
    const Type* t = a->type;
    if (t->kind() == TypeKind::int_constant) t = types_.u256();
    values.push_back(expr_as(*a, t));
    types.push_back(t);
  }
}

std::pair<llvm::Value*, llvm::Value*> Gen::return_data() {
  llvm::Value* size = cx_.call(Intrinsic::returndatasize, {});
  llvm::Value* p = cx_.alloc(size);
  cx_.call(Intrinsic::returndatacopy, {p, cx_.word(0), size});
  return {p, size};
}

void Gen::debug_log(const ast::Expr& e, const ast::CallExpr& c) {
  std::vector<llvm::Value*> values{nullptr};  // the type list, made below
  std::vector<const Type*> types{types_.string()};
  encode_args(c.args, values, types);
  std::string list = "(";
  for (size_t i = 1; i < types.size(); ++i) {
    const std::string name = abi_canonical_name(*types[i]);
    if (name.empty()) {
      fail(c.args[i - 1]->range,
           "irgen: a value of type '" + display_name(*types[i]) + "' cannot be logged");
      return;
    }
    list += (i > 1 ? "," : "") + name;
  }
  At at(*this, e.range);
  values[0] = vo_.bytes_literal(list + ")");
  llvm::Value* payload = vo_.abi_encode(values, types);
  cx_.call(Intrinsic::debuglog, {bytes_data(payload), cx_.load_word(payload)});
}

void Gen::bubble_revert() {
  auto [p, size] = return_data();
  cx_.call(Intrinsic::revert, {p, size});
}

llvm::Value* Gen::call(const ast::Expr& e, const ast::CallExpr& c) {
  const Resolution* r = resolution(e);
  if (r == nullptr) {
    fail(e.range, "irgen: unresolved call");
    return placeholder(e.type);
  }
  switch (r->kind) {
    case Resolution::Kind::free_call:
    case Resolution::Kind::internal_call: {
      const FunctionInfo& f = *r->function;
      std::vector<llvm::Value*> args;
      for (size_t i = 0; i < c.args.size() && i < f.params.size(); ++i) {
        args.push_back(expr_as(*c.args[i], f.params[i].type));
      }
      llvm::Function* fn = function_for(f);
      At at(*this, e.range);
      return cx_.b.CreateCall(fn, args);
    }
    case Resolution::Kind::conversion: {
      const ast::Expr& arg = *c.args[0];
      if (std::holds_alternative<ast::SelfExpr>(arg.kind)) {
        At at(*this, e.range);
        return cx_.b.CreateTrunc(cx_.call(Intrinsic::address, {}), cx_.llvm_type(r->target));
      }
      const Type* from = arg.type;
      if (from->kind() == TypeKind::int_constant) from = types_.u256();
      llvm::Value* v = expr_as(arg, from);
      At at(*this, e.range);
      return convert(v, from, r->target, e.range);
    }
    case Resolution::Kind::builtin:
      return builtin_call(e, c, *r);
    case Resolution::Kind::external_call:
      return external_call(e, c, *r->function);
    default:
      break;
  }
  fail(e.range, "irgen: this call is not supported here");
  return placeholder(e.type);
}

llvm::Value* Gen::builtin_value(const ast::Expr& e, const Resolution& r, const ast::Expr* object) {
  if (!r.builtin) {
    fail(e.range, "irgen: built-in '" + r.name + "' is not supported here");
    return placeholder(e.type);
  }
  const BuiltinInfo& info = builtin_info(*r.builtin);
  switch (info.form) {
    case BuiltinForm::field:  // msg.sender, …: the intrinsic, narrowed to the field's type
      if (*r.builtin == Builtin::msg_data) {
        At at(*this, e.range);
        return call_data_bytes(cx_);
      }
      if (*r.builtin == Builtin::msg_sig) return call_data_selector(cx_);
      if (!info.intrinsic) break;
      return cx_.b.CreateTrunc(cx_.call(*info.intrinsic, {}), cx_.llvm_type(e.type));
    case BuiltinForm::address_field: {  // a.balance, a.code_size
      if (object == nullptr) break;
      llvm::Value* a = cx_.as_word(expr(*object));
      At at(*this, e.range);
      return cx_.call(*info.intrinsic, {a});
    }
    default:
      break;
  }
  fail(e.range, "irgen: built-in '" + r.name + "' is not supported here");
  return placeholder(e.type);
}

llvm::Value* Gen::builtin_call(const ast::Expr& e, const ast::CallExpr& c, const Resolution& r) {
  if (r.cheat) return cheat_call(e, c, *r.cheat);
  if (!r.builtin) {
    fail(e.range, "irgen: '" + r.name + "' is not supported yet");
    return placeholder(e.type);
  }
  auto& B = cx_.b;
  const Builtin id = *r.builtin;
  const BuiltinInfo& info = builtin_info(id);
  const ast::MemberExpr* m = std::get_if<ast::MemberExpr>(&c.callee->kind);
  switch (id) {
    case Builtin::gas_left:
      return B.CreateTrunc(cx_.call(*info.intrinsic, {}), B.getInt64Ty());
    case Builtin::keccak256:
    case Builtin::sha256: {
      std::vector<llvm::Value*> values;
      std::vector<const Type*> types;
      encode_args(c.args, values, types);
      At at(*this, e.range);
      return vo_.hash(*info.intrinsic, values, types);
    }
    case Builtin::ecrecover:
    case Builtin::addmod:
    case Builtin::mulmod:
    case Builtin::blockhash:
      return word_builtin(e, c, id);
    case Builtin::log:
      debug_log(e, c);
      return nullptr;
    case Builtin::abi_encode: {
      std::vector<llvm::Value*> values;
      std::vector<const Type*> types;
      encode_args(c.args, values, types);
      At at(*this, e.range);
      return vo_.abi_encode(values, types);
    }
    case Builtin::transfer: {
      if (m == nullptr) break;
      llvm::Value* to = cx_.as_word(expr(*m->object));
      llvm::Value* amount = expr_as(*c.args[0], types_.u256());
      At at(*this, e.range);
      llvm::Value* ok = cx_.call(*info.intrinsic, {to, amount});
      cx_.revert_if(B.CreateICmpEQ(ok, cx_.word(0)));
      return nullptr;
    }
    case Builtin::call:
    case Builtin::static_call:
      if (m == nullptr) break;
      return raw_call(e, c, id);
    case Builtin::len:
    case Builtin::push:
    case Builtin::pop:
      if (m == nullptr) break;
      return sequence_method(e, c, *m, id);
    case Builtin::concat:
    case Builtin::slice:
    case Builtin::abi_encode_packed:
    case Builtin::abi_encode_with_selector:
    case Builtin::abi_decode:
      return string_abi_builtin(e, c, id);
    case Builtin::assert_eq:
    case Builtin::assert_ne:
    case Builtin::assert_lt:
    case Builtin::assert_le:
    case Builtin::assert_gt:
    case Builtin::assert_ge:
    case Builtin::fail:
      assertion(e, c, id);
      return nullptr;
    default:
      break;
  }
  fail(e.range, "irgen: '" + r.name + "' is not supported yet");
  return placeholder(e.type);
}

llvm::Value* Gen::word_builtin(const ast::Expr& e, const ast::CallExpr& c, Builtin id) {
  auto& B = cx_.b;
  const BuiltinInfo& info = builtin_info(id);
  std::optional<Signature> sig = parse_signature(types_, info.type);
  if (!sig) {
    fail(e.range, "irgen: the type of '" + std::string(info.name) + "' in the table is malformed");
    return placeholder(e.type);
  }
  std::vector<llvm::Value*> w;
  for (size_t i = 0; i < sig->params.size(); ++i) {
    llvm::Value* v = expr_as(*c.args[i], sig->params[i].type);
    w.push_back(id == Builtin::ecrecover || id == Builtin::blockhash ? cx_.as_word(v) : v);
  }
  At at(*this, e.range);
  if (id == Builtin::ecrecover || id == Builtin::blockhash) {
    return B.CreateTrunc(cx_.call(*info.intrinsic, w), cx_.llvm_type(sig->result));
  }
  cx_.panic_if(B.CreateICmpEQ(w[2], cx_.word(0)), kPanicDivideByZero);  // addmod, mulmod
  return cx_.call(*info.intrinsic, w);
}

llvm::Value* Gen::sequence_method(const ast::Expr& e, const ast::CallExpr& c,
                                  const ast::MemberExpr& m, Builtin id) {
  const Type* t = m.object->type;
  if (id == Builtin::len) {
    if (is_storage_path(*m.object)) {
      llvm::Value* slot = storage_slot(*m.object);
      At at(*this, e.range);
      return vo_.storage_length(slot, t);
    }
    llvm::Value* v = expr(*m.object);
    At at(*this, e.range);
    return vo_.length(v, t);
  }
  llvm::Value* slot = storage_slot(*m.object);
  if (id == Builtin::pop) {
    At at(*this, e.range);
    return vo_.storage_pop(slot, t);
  }
  llvm::Value* v = value_of(*c.args[0], t->element());
  At at(*this, e.range);
  vo_.storage_push(slot, t, v);
  return nullptr;
}

Gen::CallOperands Gen::call_operands(const ast::CallExpr& c, const FunctionInfo& f) {
  const auto& m = std::get<ast::MemberExpr>(c.callee->kind);
  CallOperands ops;
  ops.target = cx_.as_word(expr(*m.object));
  if (const ast::FieldInit* o = option(c.options, "value"))
    ops.value = expr_as(*o->value, types_.u256());
  if (const ast::FieldInit* o = option(c.options, "gas"))
    ops.gas = cx_.as_word(expr_as(*o->value, types_.u64()));
  for (size_t i = 0; i < c.args.size() && i < f.params.size(); ++i) {
    ops.args.push_back(expr_as(*c.args[i], f.params[i].type));
    ops.types.push_back(f.params[i].type);
  }
  return ops;
}

llvm::Value* Gen::emit_external_call(const FunctionInfo& f, CallOperands& ops,
                                     llvm::BasicBlock* no_code) {
  auto& B = cx_.b;
  // `c.receive{value: v}()` runs the callee's receive: empty call data (language.md §8).
  llvm::Value* data = nullptr;
  if (!f.is_receive) data = vo_.abi_encode(ops.args, ops.types, selector_number(f.signature()));
  llvm::Value* codeless =
      B.CreateICmpEQ(cx_.call(Intrinsic::extcodesize, {ops.target}), cx_.word(0));
  if (no_code == nullptr) {
    cx_.revert_if(codeless);
  } else {
    llvm::BasicBlock* has_code = new_block("call.code");
    B.CreateCondBr(codeless, no_code, has_code);
    B.SetInsertPoint(has_code);
  }
  llvm::Value* gas = ops.gas != nullptr ? ops.gas : cx_.call(Intrinsic::gas, {});
  // The data operands are emitted last, as before the split (byte-identical code).
  auto data_ptr = [&]() -> llvm::Value* {
    return data != nullptr ? bytes_data(data) : llvm::ConstantPointerNull::get(cx_.ptr_type());
  };
  auto data_len = [&]() { return data != nullptr ? cx_.load_word(data) : cx_.word(0); };
  if (f.is_view && ops.value == nullptr) {
    llvm::Value* p = data_ptr();
    return cx_.call(Intrinsic::staticcall, {gas, ops.target, p, data_len()});
  }
  llvm::Value* value = ops.value != nullptr ? ops.value : cx_.word(0);
  llvm::Value* p = data_ptr();
  return cx_.call(Intrinsic::call, {gas, ops.target, value, p, data_len()});
}

llvm::Value* Gen::external_call(const ast::Expr& e, const ast::CallExpr& c, const FunctionInfo& f) {
  auto& B = cx_.b;
  if (!std::holds_alternative<ast::MemberExpr>(c.callee->kind)) {
    fail(e.range, "irgen: unexpected external call shape");
    return placeholder(e.type);
  }
  CallOperands ops = call_operands(c, f);
  At at(*this, e.range);
  llvm::Value* ok = emit_external_call(f, ops);
  llvm::BasicBlock* failed = new_block("call.failed");
  llvm::BasicBlock* succeeded = new_block("call.ok");
  B.CreateCondBr(B.CreateICmpEQ(ok, cx_.word(0)), failed, succeeded);
  B.SetInsertPoint(failed);
  bubble_revert();
  if (B.GetInsertBlock()->getTerminator() == nullptr) B.CreateUnreachable();
  B.SetInsertPoint(succeeded);
  // A getter of a struct returns its kept members (getter_members): f.results says so.
  const std::vector<const Type*>& outputs = f.results;
  if (outputs.empty()) return nullptr;
  auto [p, size] = return_data();
  std::vector<llvm::Value*> results = vo_.abi_decode(p, size, outputs);
  if (results.size() == 1) return results[0];
  return make_tuple(results, outputs);
}

llvm::Value* Gen::create_contract(const ast::Expr& e, const ast::NewContractExpr& n) {
  const ContractInfo* target = e.type->contract_info();
  if (const ast::FieldInit* o = option(n.options, "gas")) {
    fail(o->range, "irgen: 'new' forwards all gas; the 'gas' option of 'new' is not supported");
    return cx_.word(0);
  }
  llvm::Value* value = cx_.word(0);
  if (const ast::FieldInit* o = option(n.options, "value"))
    value = expr_as(*o->value, types_.u256());
  std::vector<llvm::Value*> args;
  std::vector<const Type*> arg_types;
  for (size_t i = 0; i < n.args.size(); ++i) {
    const Type* t = target->init && i < target->init->params.size() ? target->init->params[i].type
                                                                    : n.args[i]->type;
    args.push_back(expr_as(*n.args[i], t));
    arg_types.push_back(t);
  }
  At at(*this, e.range);
  llvm::Value* data = vo_.abi_encode(args, arg_types);
  int index = child_index(*target);
  return cx_.call(Intrinsic::create, {cx_.word(static_cast<uint64_t>(index)), value,
                                      bytes_data(data), cx_.load_word(data)});
}

llvm::Value* Gen::new_contract(const ast::Expr& e, const ast::NewContractExpr& n) {
  auto& B = cx_.b;
  const ContractInfo* target = e.type->contract_info();
  if (target == nullptr) {
    fail(e.range, "irgen: unknown contract in 'new'");
    return placeholder(e.type);
  }
  llvm::Value* address = create_contract(e, n);
  At at(*this, e.range);
  llvm::BasicBlock* failed = new_block("create.failed");
  llvm::BasicBlock* succeeded = new_block("create.ok");
  B.CreateCondBr(B.CreateICmpEQ(address, cx_.word(0)), failed, succeeded);
  B.SetInsertPoint(failed);
  creation_failed(succeeded);
  B.SetInsertPoint(succeeded);
  return B.CreateTrunc(address, cx_.llvm_type(e.type));
}

llvm::Value* Gen::return_bytes() {
  llvm::Value* size = cx_.call(Intrinsic::returndatasize, {});
  llvm::Value* out = cx_.alloc(cx_.b.CreateAdd(size, cx_.word(32)));
  cx_.store_word(out, size);
  cx_.call(Intrinsic::returndatacopy, {bytes_data(out), cx_.word(0), size});
  return out;
}

llvm::Value* Gen::raw_call(const ast::Expr& e, const ast::CallExpr& c, Builtin id) {
  const auto& m = std::get<ast::MemberExpr>(c.callee->kind);
  llvm::Value* target = cx_.as_word(expr(*m.object));
  llvm::Value* value = nullptr;
  llvm::Value* gas = nullptr;
  if (const ast::FieldInit* o = option(c.options, "value"))
    value = expr_as(*o->value, types_.u256());
  if (const ast::FieldInit* o = option(c.options, "gas"))
    gas = cx_.as_word(expr_as(*o->value, types_.u64()));
  llvm::Value* data = expr_as(*c.args[0], types_.bytes());
  At at(*this, e.range);
  if (gas == nullptr) gas = cx_.call(Intrinsic::gas, {});
  llvm::Value* ok = nullptr;
  if (id == Builtin::static_call) {
    ok = cx_.call(Intrinsic::staticcall, {gas, target, bytes_data(data), cx_.load_word(data)});
  } else {
    ok = cx_.call(Intrinsic::call, {gas, target, value != nullptr ? value : cx_.word(0),
                                    bytes_data(data), cx_.load_word(data)});
  }
  llvm::Value* success = cx_.b.CreateICmpNE(ok, cx_.word(0));
  return make_tuple({success, return_bytes()}, {types_.boolean(), types_.bytes()});
}

void Gen::creation_failed(llvm::BasicBlock* succeeded) {
  auto& B = cx_.b;
  if (!options_.test_mode) {
    bubble_revert();
    if (B.GetInsertBlock()->getTerminator() == nullptr) B.CreateUnreachable();
    return;
  }
  // The creation's revert data, kept: asking the host replaces the return data.
  auto [data, size] = return_data();
  const auto id = static_cast<uint64_t>(vm::Cheat::expected_revert_taken);
  llvm::Value* ok = cx_.call(Intrinsic::cheat, {cx_.word(id), data, cx_.word(0)});
  llvm::BasicBlock* answered = new_block("create.asked");
  llvm::BasicBlock* read = new_block("create.answer");
  llvm::BasicBlock* bubble = new_block("create.revert");
  B.CreateCondBr(B.CreateICmpEQ(ok, cx_.word(0)), bubble, answered);
  B.SetInsertPoint(answered);
  llvm::Value* answer_size = cx_.call(Intrinsic::returndatasize, {});
  B.CreateCondBr(B.CreateICmpEQ(answer_size, cx_.word(32)), read, bubble);
  B.SetInsertPoint(read);
  llvm::Value* answer = cx_.alloc(cx_.word(32));
  cx_.call(Intrinsic::returndatacopy, {answer, cx_.word(0), cx_.word(32)});
  // An expected revert: `new` yields the zero address (`address` is 0 on this path).
  B.CreateCondBr(B.CreateICmpEQ(cx_.load_word(answer), cx_.word(1)), succeeded, bubble);
  B.SetInsertPoint(bubble);
  cx_.call(Intrinsic::revert, {data, size});
  if (B.GetInsertBlock()->getTerminator() == nullptr) B.CreateUnreachable();
}

}  // namespace tenet::compiler::irgen

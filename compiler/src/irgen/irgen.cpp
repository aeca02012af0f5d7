// irgen, the module level: internal functions, entry points (exports, constructor,
// receive, getters), and generate_ir.

#include "tenet/compiler/irgen.hpp"

#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>

#include <cstdio>

#include "irgen_gen.hpp"
#include "tenet/compiler/intrinsics.hpp"
#include "tenet/vm/bytes.hpp"
#include "tenet/vm/crypto.hpp"

namespace tenet::compiler {
namespace irgen {

uint32_t selector_number(const std::string& signature) {
  return vm::load_be<uint32_t>(vm::selector_of(signature).data());
}

Gen::Gen(IrContext& cx, const ContractInfo& contract, const IrgenOptions& options)
    : cx_(cx), vo_(cx), contract_(contract), options_(options), types_(*cx.program.types) {}

void Gen::fail(const SourceRange& range, const std::string& message) {
  if (error_) return;
  std::string where = "<unknown>";
  if (range.valid()) {
    where = cx_.sources.file(range.file).name() + ":" + std::to_string(range.begin.line) + ":" +
            std::to_string(range.begin.column);
  }
  error_ = vm::Error{where + ": error: " + message};
}

Gen::At::At(Gen& g, const SourceRange& range) : g_(g), saved_(g.cx_.b.getCurrentDebugLocation()) {
  if (g.sp_ != nullptr && range.valid()) g.cx_.set_location(range, g.sp_);
}

Gen::At::~At() {
  g_.cx_.b.SetCurrentDebugLocation(saved_);
}

int Gen::child_index(const ContractInfo& c) {
  for (size_t i = 0; i < children_.size(); ++i) {
    if (children_[i] == &c) return static_cast<int>(i);
  }
  children_.push_back(&c);
  return static_cast<int>(children_.size() - 1);
}

llvm::Value* Gen::bytes_data(llvm::Value* bytes) {
  return cx_.b.CreateGEP(cx_.b.getInt8Ty(), bytes, cx_.b.getInt32(32));
}

namespace {

llvm::Type* result_type(IrContext& cx, const std::vector<const Type*>& results) {
  if (results.empty()) return llvm::Type::getVoidTy(cx.llvm);
  if (results.size() == 1) return cx.llvm_type(results[0]);
  return cx.ptr_type();
}

std::string hex8(uint32_t v) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", v);
  return buf;
}

}  // namespace

llvm::Function* Gen::function_for(const FunctionInfo& fn_info) {
  // (1.1) A component's function and a contract's copy of it are one function of this
  // contract, generated from the declaration; its storage goes to this contract's slots.
  const FunctionInfo& f = fn_info.declaration();
  auto it = functions_.find(&f);
  if (it != functions_.end()) return it->second;
  std::vector<llvm::Type*> params;
  for (const ParamInfo& p : f.params) params.push_back(cx_.llvm_type(p.type));
  auto* type = llvm::FunctionType::get(result_type(cx_, f.results), params, false);
  std::string name = f.owner != nullptr ? f.owner->name + "." + f.name : f.name;
  auto* fn = llvm::Function::Create(type, llvm::Function::InternalLinkage, name, *cx_.module);
  fn->addFnAttr(llvm::Attribute::NoUnwind);
  functions_[&f] = fn;
  pending_.emplace_back(&f, fn);
  return fn;
}

llvm::Function* Gen::init_function() {
  if (init_fn_ != nullptr) return init_fn_;
  const InitInfo& init = *contract_.init;
  std::vector<llvm::Type*> params;
  for (const ParamInfo& p : init.params) params.push_back(cx_.llvm_type(p.type));
  auto* type = llvm::FunctionType::get(llvm::Type::getVoidTy(cx_.llvm), params, false);
  init_fn_ = llvm::Function::Create(type, llvm::Function::InternalLinkage, contract_.name + ".init",
                                    *cx_.module);
  init_fn_->addFnAttr(llvm::Attribute::NoUnwind);
  static const std::vector<const Type*> kNoResults;
  define_body(init_fn_, init.params, init.decl->params, kNoResults, init.decl->body, contract_.file,
              init.range);
  return init_fn_;
}

llvm::AllocaInst* Gen::entry_alloca(llvm::Type* type, const std::string& name) {
  llvm::BasicBlock& entry = fn_->getEntryBlock();
  llvm::IRBuilder<> b(&entry, entry.getFirstInsertionPt());
  b.SetCurrentDebugLocation(cx_.b.getCurrentDebugLocation());
  return b.CreateAlloca(type, nullptr, name);
}

void Gen::define_body(llvm::Function* fn, const std::vector<ParamInfo>& params,
                      const std::vector<ast::Param>& decl_params,
                      const std::vector<const Type*>& results, const ast::Block& body, FileId file,
                      const SourceRange& range) {
  fn_ = fn;
  sp_ = cx_.debug_function(fn, file, range.begin.line);
  results_ = &results;
  locals_.clear();
  params_.clear();
  loops_.clear();
  collect_local_types(body);
  cx_.b.SetInsertPoint(llvm::BasicBlock::Create(cx_.llvm, "entry", fn));
  At at(*this, range);
  for (size_t i = 0; i < params.size() && i < decl_params.size(); ++i) {
    declare_local(decl_params[i].name, params[i].type, fn->getArg(static_cast<unsigned>(i)));
    params_.insert({decl_params[i].name.range.file, decl_params[i].name.range.begin.offset});
  }
  block(body);
  if (cx_.b.GetInsertBlock()->getTerminator() == nullptr) {
    if (results.empty()) {
      cx_.b.CreateRetVoid();
    } else {
      cx_.b.CreateUnreachable();  // sema: every path returns
    }
  }
  sp_ = nullptr;
  fn_ = nullptr;
  cx_.b.SetCurrentDebugLocation(llvm::DebugLoc());
}

llvm::Function* Gen::begin_entry(const std::string& name, FileId file, const SourceRange& range) {
  auto* type = llvm::FunctionType::get(llvm::Type::getVoidTy(cx_.llvm), {}, false);
  auto* fn = llvm::Function::Create(type, llvm::Function::ExternalLinkage, name, *cx_.module);
  fn->addFnAttr(llvm::Attribute::NoUnwind);
  fn_ = fn;
  sp_ = cx_.debug_function(fn, file, range.begin.line);
  locals_.clear();
  loops_.clear();
  cx_.b.SetInsertPoint(llvm::BasicBlock::Create(cx_.llvm, "entry", fn));
  cx_.set_location(range, sp_);
  entry_range_ = range;
  return fn;
}

void Gen::return_encoded(const std::vector<llvm::Value*>& values,
                         const std::vector<const Type*>& types) {
  if (values.empty()) {
    cx_.call(Intrinsic::stop, {});
  } else {
    llvm::Value* enc = vo_.abi_encode(values, types);
    cx_.call(Intrinsic::return_, {bytes_data(enc), cx_.load_word(enc)});
  }
  if (vo_.error && !error_) fail(entry_range_, *vo_.error);
  if (cx_.b.GetInsertBlock()->getTerminator() == nullptr) cx_.b.CreateUnreachable();
  sp_ = nullptr;
  fn_ = nullptr;
  cx_.b.SetCurrentDebugLocation(llvm::DebugLoc());
}

void Gen::define_export(const FunctionInfo& f) {
  llvm::Function* impl = function_for(f);
  llvm::Function* fn = begin_entry(impl->getName().str() + ".entry", f.file, f.range);
  fn->addFnAttr(std::string(entry_attr::kExport), hex8(selector_number(f.signature())));
  if (f.is_view) fn->addFnAttr(std::string(entry_attr::kView));
  if (f.is_payable) fn->addFnAttr(std::string(entry_attr::kPayable));
  if (f.is_reentrant) fn->addFnAttr(std::string(entry_attr::kReentrant));
  std::vector<const Type*> param_types;
  for (const ParamInfo& p : f.params) param_types.push_back(p.type);
  std::vector<llvm::Value*> args = vo_.abi_decode_calldata(4, param_types);
  llvm::Value* r = cx_.b.CreateCall(impl, args);
  std::vector<llvm::Value*> out;
  if (f.results.size() == 1) {
    out.push_back(r);
  } else if (f.results.size() > 1) {
    out = unpack_tuple(r, f.results);
  }
  return_encoded(out, f.results);
}

void Gen::define_constructor() {
  const InitInfo& init = *contract_.init;
  llvm::Function* impl = init_function();
  llvm::Function* fn = begin_entry(contract_.name + ".init.entry", contract_.file, init.range);
  fn->addFnAttr(std::string(entry_attr::kConstructor));
  if (init.is_payable) fn->addFnAttr(std::string(entry_attr::kPayable));
  std::vector<const Type*> param_types;
  for (const ParamInfo& p : init.params) param_types.push_back(p.type);
  std::vector<llvm::Value*> args = vo_.abi_decode_calldata(0, param_types);
  cx_.b.CreateCall(impl, args);
  return_encoded({}, {});
}

void Gen::define_receive(const FunctionInfo& f) {
  llvm::Function* impl = function_for(f);
  llvm::Function* fn = begin_entry(impl->getName().str() + ".entry", f.file, f.range);
  fn->addFnAttr(std::string(entry_attr::kReceive));
  fn->addFnAttr(std::string(entry_attr::kPayable));
  if (f.is_reentrant) fn->addFnAttr(std::string(entry_attr::kReentrant));
  cx_.b.CreateCall(impl, {});
  return_encoded({}, {});
}

void Gen::define_getter(const FunctionInfo& g) {
  const FieldInfo& field = *g.getter_of;
  llvm::Function* fn = begin_entry(contract_.name + "." + g.name + ".getter", g.file, g.range);
  fn->addFnAttr(std::string(entry_attr::kExport), hex8(selector_number(g.signature())));
  fn->addFnAttr(std::string(entry_attr::kView));
  std::vector<const Type*> param_types;
  for (const ParamInfo& p : g.params) param_types.push_back(p.type);
  std::vector<llvm::Value*> keys = vo_.abi_decode_calldata(4, param_types);
  llvm::Value* slot = cx_.word(field.slot);
  const Type* t = field.type;
  size_t k = 0;
  while (t->kind() == TypeKind::map || t->is_array()) {
    if (t->kind() == TypeKind::map) {
      slot = vo_.map_slot(slot, keys[k++], t->key());
      t = t->value();
    } else {
      slot = vo_.array_element_slot(slot, t, keys[k++]);
      t = t->element();
    }
  }
  std::vector<llvm::Value*> out;
  std::vector<const Type*> out_types;
  if (t->kind() == TypeKind::struct_type) {
    // The members getter_members keeps (as g.results and the ABI say), each read from
    // its own slot offset in the struct.
    const StructInfo& s = *t->struct_info();
    uint64_t offset = 0;
    size_t next = 0;
    const std::vector<ParamInfo> kept = getter_members(t);
    for (const ParamInfo& member : s.fields) {
      if (next < kept.size() && kept[next].range == member.range &&
          kept[next].name == member.name) {
        out_types.push_back(member.type);
        out.push_back(vo_.storage_load(cx_.b.CreateAdd(slot, cx_.word(offset)), member.type));
        ++next;
      }
      offset += ValueOps::storage_slots(member.type);
    }
  } else {
    out.push_back(vo_.storage_load(slot, t));
    out_types.push_back(t);
  }
  return_encoded(out, out_types);
}

std::optional<vm::Error> Gen::run() {
  const bool is_test = contract_.kind == ContractInfo::Kind::test_contract;
  if (contract_.init) define_constructor();
  for (const FunctionInfo& f : contract_.functions) {
    if (f.is_receive) {
      define_receive(f);
    } else if (f.is_pub) {
      define_export(f);
    } else if (is_test && (f.kind != ast::FunctionKind::normal || f.name == "setup")) {
      define_export(f);
    }
  }
  for (const FunctionInfo& g : contract_.getters) define_getter(g);
  while (!pending_.empty()) {
    auto [f, fn] = pending_.front();
    pending_.pop_front();
    if (f->decl == nullptr || !f->decl->body) {
      fail(f->range, "irgen: function '" + f->name + "' has no body");
      continue;
    }
    define_body(fn, f->params, f->decl->params, f->results, *f->decl->body, f->file, f->range);
  }
  if (!error_ && vo_.error) error_ = vm::Error{contract_.name + ": " + *vo_.error};
  return error_;
}

}  // namespace irgen

vm::Result<IrModule> generate_ir(llvm::LLVMContext& context, const CheckedProgram& program,
                                 const SourceManager& sources, const ContractInfo& contract,
                                 const IrgenOptions& options) {
  if (contract.kind == ContractInfo::Kind::interface) {
    return vm::Error{"irgen: '" + contract.name + "' is an interface and has no code"};
  }
  auto module = std::make_unique<llvm::Module>(contract.name, context);
  module->setDataLayout(tenet_data_layout());
  irgen::IrContext cx(context, program, sources, std::move(module));
  irgen::Gen gen(cx, contract, options);
  if (auto error = gen.run()) return *error;
  cx.finish_debug_info();
  std::string problems;
  llvm::raw_string_ostream os(problems);
  if (llvm::verifyModule(*cx.module, &os)) {
    return vm::Error{"irgen: internal error: the module of '" + contract.name +
                     "' does not verify: " + os.str()};
  }
  IrModule out;
  out.module = std::move(cx.module);
  out.children = gen.children();
  return out;
}

}  // namespace tenet::compiler

/// \file
/// generate_bytecode: the module-level part of codegen — the function table, entry
/// points and exports, the allocator, the constant pool, max_stack and validation
/// (docs/compiler.md, "codegen").

#include "tenet/compiler/codegen.hpp"

#include <llvm/IR/Module.h>

#include <algorithm>

#include "codegen_internal.hpp"
#include "tenet/compiler/opt.hpp"
#include "tenet/vm/hex.hpp"
#include "tenet/vm/validator.hpp"

namespace tenet::compiler {
namespace {

/// True when codegen must append the allocator: a call to tenet.alloc or an alloca.
bool uses_allocator(const llvm::Module& module) {
  if (const llvm::Function* alloc = module.getFunction(intrinsic_info(Intrinsic::alloc).name);
      alloc != nullptr && !alloc->use_empty())
    return true;
  for (const llvm::Function& f : module)
    for (const llvm::BasicBlock& bb : f)
      for (const llvm::Instruction& inst : bb)
        if (llvm::isa<llvm::AllocaInst>(inst)) return true;
  return false;
}

std::optional<std::array<uint8_t, 4>> parse_selector(std::string_view hex) {
  if (hex.size() != 8) return std::nullopt;
  std::array<uint8_t, 4> out{};
  for (size_t i = 0; i < 8; ++i) {
    const int v = vm::hex_digit_value(hex[i]);
    if (v < 0) return std::nullopt;
    out[i / 2] = static_cast<uint8_t>(out[i / 2] << 4 | v);
  }
  return out;
}

}  // namespace

vm::Result<CodegenResult> generate_bytecode(const llvm::Module& module,
                                            std::span<const std::vector<uint8_t>> children,
                                            bool test_mode) {
  if (module.getDataLayoutStr() != tenet_data_layout())
    return vm::Error{"codegen: module data layout \"" + module.getDataLayoutStr() +
                     "\" is not Tenet's \"" + std::string(tenet_data_layout()) + "\""};
  codegen::ModuleInfo info;
  info.layout = &module.getDataLayout();
  info.children = children.size();
  info.test_mode = test_mode;
  std::vector<const llvm::Function*> defined;
  for (const llvm::Function& f : module)
    if (!f.isDeclaration()) {
      info.function_index[&f] = static_cast<uint16_t>(defined.size());
      defined.push_back(&f);
    }
  if (defined.empty()) return vm::Error{"codegen: the module defines no functions"};
  const bool allocator = uses_allocator(module);
  if (defined.size() + (allocator ? 1 : 0) > 0xfffe)
    return vm::Error{"codegen: too many functions (" + std::to_string(defined.size()) + ")"};
  info.alloc_index = static_cast<uint16_t>(defined.size());

  CodegenResult result;
  vm::Container& c = result.container;
  codegen::ConstantPool pool;
  codegen::LineTable lines;
  std::vector<std::pair<std::array<uint8_t, 4>, uint16_t>> exports;
  for (const llvm::Function* f : defined) {
    const std::string name = "codegen: function @" + f->getName().str() + ": ";
    const uint16_t index = info.function_index[f];
    const uint32_t offset = static_cast<uint32_t>(c.code.size());
    codegen::Emitter out(c.code, pool, lines);
    codegen::FunctionTranslator translator(*f, info, out, lines);
    auto locals = translator.run();
    if (!locals) return locals.error();
    vm::FunctionInfo fi;
    fi.code_offset = offset;
    fi.code_size = static_cast<uint32_t>(c.code.size()) - offset;
    fi.params = static_cast<uint8_t>(f->arg_size());
    fi.results = f->getReturnType()->isVoidTy() ? 0 : 1;
    fi.locals = *locals;
    if (f->hasFnAttribute(entry_attr::kView)) fi.flags |= vm::kFlagView;
    if (f->hasFnAttribute(entry_attr::kPayable)) fi.flags |= vm::kFlagPayable;
    if (f->hasFnAttribute(entry_attr::kReentrant)) fi.flags |= vm::kFlagReentrant;
    c.functions.push_back(fi);
    result.function_names.push_back(f->getName().str());

    const bool exported = f->hasFnAttribute(entry_attr::kExport);
    const bool constructor = f->hasFnAttribute(entry_attr::kConstructor);
    const bool receive = f->hasFnAttribute(entry_attr::kReceive);
    if ((exported || constructor || receive) && (fi.params != 0 || fi.results != 0))
      return vm::Error{name + "an entry point must have type void ()"};
    if (exported) {
      auto selector = parse_selector(f->getFnAttribute(entry_attr::kExport).getValueAsString());
      if (!selector)
        return vm::Error{name + "tenet-export must be 8 hex digits, not \"" +
                         f->getFnAttribute(entry_attr::kExport).getValueAsString().str() + "\""};
      exports.emplace_back(*selector, index);
    }
    if (constructor) {
      if (c.constructor != vm::kNoFunction) return vm::Error{name + "a second constructor"};
      c.constructor = index;
    }
    if (receive) {
      if (c.receive != vm::kNoFunction) return vm::Error{name + "a second receive function"};
      c.receive = index;
    }
  }
  if (allocator) {
    const uint32_t offset = static_cast<uint32_t>(c.code.size());
    codegen::Emitter out(c.code, pool, lines);
    out.set_position({});
    codegen::emit_allocator(out);
    if (!out.finish()) return vm::Error{"codegen: internal error: unbound label in the allocator"};
    vm::FunctionInfo fi;
    fi.code_offset = offset;
    fi.code_size = static_cast<uint32_t>(c.code.size()) - offset;
    fi.params = 1;
    fi.results = 1;
    fi.locals = 2;
    c.functions.push_back(fi);
    result.function_names.emplace_back(intrinsic_info(Intrinsic::alloc).name);
  }

  std::sort(exports.begin(), exports.end());
  for (size_t i = 0; i < exports.size(); ++i) {
    if (i > 0 && exports[i].first == exports[i - 1].first)
      return vm::Error{
          "codegen: two functions export the selector 0x" +
          std::string(
              defined[exports[i].second]->getFnAttribute(entry_attr::kExport).getValueAsString()) +
          ": @" + defined[exports[i - 1].second]->getName().str() + " and @" +
          defined[exports[i].second]->getName().str()};
    c.exports.push_back(vm::ExportEntry{exports[i].first, exports[i].second});
  }
  if (pool.words().size() > 0xffff) return vm::Error{"codegen: more than 65535 constants"};
  c.constants = pool.words();
  c.children.assign(children.begin(), children.end());

  vm::ValidationOptions options;
  options.allow_cheats = test_mode;
  auto analysis = vm::analyze_unbounded(c, options);
  if (!analysis)
    return vm::Error{"codegen: internal error: the generated code is invalid: " +
                     analysis.error().message};
  for (size_t i = 0; i < c.functions.size(); ++i)
    c.functions[i].max_stack = analysis->functions[i].max_stack;
  auto valid = vm::validate(c, options);
  if (!valid)
    return vm::Error{"codegen: internal error: the generated code is invalid: " +
                     valid.error().message};

  result.files = std::move(lines.files);
  result.lines = std::move(lines.rows);
  return result;
}

}  // namespace tenet::compiler

/// \file
/// The optimisation pipeline and the legality check (see opt.hpp, docs/compiler.md).

#include "tenet/compiler/opt.hpp"

#include "tenet/compiler/llvm_intrinsics.hpp"

#include <llvm/ADT/SetVector.h>
#include <llvm/ADT/SmallPtrSet.h>
#include <llvm/Analysis/TargetLibraryInfo.h>
#include <llvm/Analysis/TargetTransformInfo.h>
#include <llvm/Analysis/TargetTransformInfoImpl.h>
#include <llvm/IR/Constants.h>
#include <llvm/IR/DebugInfoMetadata.h>
#include <llvm/IR/DerivedTypes.h>
#include <llvm/IR/Function.h>
#include <llvm/IR/InlineAsm.h>
#include <llvm/IR/InstIterator.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/IntrinsicInst.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/PassManager.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/CommandLine.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/TargetParser/Triple.h>
#include <llvm/Transforms/InstCombine/InstCombine.h>
#include <llvm/Transforms/Scalar/ADCE.h>
#include <llvm/Transforms/Scalar/EarlyCSE.h>
#include <llvm/Transforms/Scalar/GVN.h>
#include <llvm/Transforms/Scalar/LICM.h>
#include <llvm/Transforms/Scalar/Reassociate.h>
#include <llvm/Transforms/Scalar/SCCP.h>
#include <llvm/Transforms/Scalar/SROA.h>
#include <llvm/Transforms/Scalar/SimplifyCFG.h>
#include <llvm/Transforms/Utils/BreakCriticalEdges.h>
#include <llvm/Transforms/Utils/Mem2Reg.h>
#include <llvm/Transforms/Utils/Cloning.h>
#include <llvm/Transforms/Utils/ValueMapper.h>

#include <memory>

namespace tenet::compiler {
namespace {

/// Cost model of the Tenet VM: no vector registers, one 256-bit scalar register class,
/// every integer up to 256 bits legal, no lookup tables, no hardware popcount.
class VmTTI : public llvm::TargetTransformInfoImplCRTPBase<VmTTI> {
  using Base = llvm::TargetTransformInfoImplCRTPBase<VmTTI>;

 public:
  explicit VmTTI(const llvm::DataLayout& dl) : Base(dl) {}

  bool shouldBuildLookupTables() const { return false; }
  bool shouldBuildLookupTablesForConstant(llvm::Constant*) const { return false; }
  unsigned getNumberOfRegisters(unsigned class_id) const { return class_id == 1 ? 0 : 16; }
  llvm::TypeSize getRegisterBitWidth(llvm::TargetTransformInfo::RegisterKind kind) const {
    return llvm::TypeSize::getFixed(kind == llvm::TargetTransformInfo::RGK_Scalar ? 256 : 0);
  }
  unsigned getMinVectorRegisterBitWidth() const { return 0; }
  bool isTypeLegal(llvm::Type* ty) const { return ty->isIntegerTy() && ty->getIntegerBitWidth() <= 256; }
  llvm::TargetTransformInfo::PopcntSupportKind getPopcntSupport(unsigned) const {
    return llvm::TargetTransformInfo::PSK_Software;
  }
};

/// `-replexitval=never`: stops IndVarSimplify from replacing loop exit values by SCEV
/// closed forms, which are computed in wider integers (an `s += i` loop over i256 became
/// `mul i257`). The option lives in LLVM's process-wide option registry (a global that
/// LLVM forces on us), so it is set once per process, through the registered
/// `cl::Option` itself rather than `cl::ParseCommandLineOptions` (which only works once
/// per process and would clash with a host that parses its own LLVM options). The
/// function-local static makes the one-time set thread-safe.
bool set_llvm_options_once() {
  static const bool ok = [] {
    auto& options = llvm::cl::getRegisteredOptions();
    auto it = options.find("replexitval");
    if (it == options.end()) return false;
    // addOccurrence parses "never" with the option's own enum parser; false = success.
    return !it->second->addOccurrence(0, "replexitval", "never");
  }();
  return ok;
}

/// The analyses every pipeline shares: the VM cost model and a library-info with every
/// library function disabled (no memset/memcpy idioms, no libcalls).
struct Analyses {
  llvm::TargetLibraryInfoImpl tlii{llvm::Triple()};
  llvm::PassBuilder pb;
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;

  explicit Analyses(llvm::PipelineTuningOptions pto) : pb(/*TM=*/nullptr, pto) {
    tlii.disableAllFunctions();
    // Registered before registerFunctionAnalyses, which does not override them.
    fam.registerPass([] {
      return llvm::TargetIRAnalysis(
          [](const llvm::Function& f) { return llvm::TargetTransformInfo(VmTTI(f.getDataLayout())); });
    });
    fam.registerPass([this] { return llvm::TargetLibraryAnalysis(tlii); });
    pb.registerModuleAnalyses(mam);
    pb.registerCGSCCAnalyses(cgam);
    pb.registerFunctionAnalyses(fam);
    pb.registerLoopAnalyses(lam);
    pb.crossRegisterProxies(lam, fam, cgam, mam);
  }
};

llvm::PipelineTuningOptions tuning() {
  llvm::PipelineTuningOptions pto;
  pto.LoopVectorization = false;
  pto.SLPVectorization = false;
  pto.LoopInterleaving = false;
  pto.LoopUnrolling = false;
  return pto;
}

/// The conservative pipeline (O1, and the fallback for O2): classic scalar clean-ups only.
llvm::FunctionPassManager conservative_pipeline() {
  llvm::FunctionPassManager fpm;
  fpm.addPass(llvm::SROAPass(llvm::SROAOptions::ModifyCFG));
  fpm.addPass(llvm::EarlyCSEPass(/*UseMemorySSA=*/true));
  fpm.addPass(llvm::InstCombinePass());
  fpm.addPass(llvm::SimplifyCFGPass(llvm::SimplifyCFGOptions().convertSwitchToLookupTable(false)));
  fpm.addPass(llvm::ReassociatePass());
  fpm.addPass(llvm::createFunctionToLoopPassAdaptor(llvm::LICMPass(llvm::LICMOptions()), /*UseMemorySSA=*/true));
  fpm.addPass(llvm::GVNPass());
  fpm.addPass(llvm::SCCPPass());
  fpm.addPass(llvm::ADCEPass());
  fpm.addPass(llvm::BreakCriticalEdgesPass());
  return fpm;
}

/// Runs the pipeline of `level` over `module`.
void run_pipeline(llvm::Module& module, OptLevel level) {
  Analyses a(tuning());
  llvm::ModulePassManager mpm;
  switch (level) {
    case OptLevel::O0: {
      llvm::FunctionPassManager fpm;
      fpm.addPass(llvm::PromotePass());  // locals to SSA values: codegen keeps them in VM locals
      fpm.addPass(llvm::BreakCriticalEdgesPass());
      mpm.addPass(llvm::createModuleToFunctionPassAdaptor(std::move(fpm)));
      break;
    }
    case OptLevel::O1:
      mpm.addPass(llvm::createModuleToFunctionPassAdaptor(conservative_pipeline()));
      break;
    case OptLevel::O2: {
      mpm = a.pb.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O2);
      llvm::FunctionPassManager fpm;
      fpm.addPass(llvm::BreakCriticalEdgesPass());
      mpm.addPass(llvm::createModuleToFunctionPassAdaptor(std::move(fpm)));
      break;
    }
  }
  mpm.run(module, a.mam);
}

std::string print(const llvm::Value& v) {
  std::string text;
  llvm::raw_string_ostream os(text);
  v.print(os);
  os.flush();
  auto first = text.find_first_not_of(' ');
  return first == std::string::npos ? text : text.substr(first);
}

/// Why `ty` is not representable in 256-bit words, or nullopt.
std::optional<std::string> bad_type(llvm::Type* ty) {
  if (ty->isVectorTy()) return "vector type";
  if (ty->isFloatingPointTy()) return "floating-point type";
  if (ty->isIntegerTy() && ty->getIntegerBitWidth() > 256) return "integer wider than 256 bits";
  if (auto* st = llvm::dyn_cast<llvm::StructType>(ty)) {
    for (auto* e : st->elements())
      if (auto why = bad_type(e)) return why;
  }
  if (auto* at = llvm::dyn_cast<llvm::ArrayType>(ty)) return bad_type(at->getElementType());
  return std::nullopt;
}

/// Why `inst` is not translatable, or nullopt.
std::optional<std::string> bad_instruction(const llvm::Instruction& inst) {
  if (llvm::isa<llvm::InvokeInst>(inst)) return "invoke";
  if (llvm::isa<llvm::LandingPadInst>(inst)) return "landingpad";
  if (llvm::isa<llvm::CallBrInst>(inst)) return "callbr";
  if (llvm::isa<llvm::ResumeInst>(inst)) return "resume";
  if (inst.isAtomic()) return "atomic operation";
  if (auto why = bad_type(inst.getType())) return why;
  for (const auto& op : inst.operands()) {
    if (llvm::isa<llvm::Function>(op.get()) || llvm::isa<llvm::InlineAsm>(op.get())) continue;  // callees
    if (auto why = bad_type(op->getType())) return why;
  }
  if (auto* call = llvm::dyn_cast<llvm::CallBase>(&inst)) {
    if (call->isInlineAsm()) return "inline assembly";
    const llvm::Function* callee = call->getCalledFunction();
    if (callee == nullptr) return "indirect call";
    if (auto why = bad_type(callee->getFunctionType()->getReturnType())) return why;
    if (callee->isIntrinsic()) {
      if (!is_supported_llvm_intrinsic(callee->getIntrinsicID()))
        return "unsupported intrinsic @" + callee->getName().str();
      return std::nullopt;
    }
    if (callee->isDeclaration() && !callee->getName().starts_with("tenet."))
      return "call to unknown external function @" + callee->getName().str();
  }
  return std::nullopt;
}

std::optional<std::string> check_all(const llvm::Function& f, const OptOptions& options) {
  if (auto why = check_legal(f)) return why;
  if (options.extra_check) return options.extra_check(f);
  return std::nullopt;
}

/// Collects the global values `v` refers to, through constant expressions, in the order
/// first met (a pointer-ordered set would make re-declarations nondeterministic).
void referenced_globals(const llvm::Value* v, llvm::SetVector<const llvm::GlobalValue*>& out,
                        llvm::SmallPtrSetImpl<const llvm::Value*>& seen) {
  if (!seen.insert(v).second) return;
  if (auto* g = llvm::dyn_cast<llvm::GlobalValue>(v)) {
    out.insert(g);
    return;
  }
  if (auto* c = llvm::dyn_cast<llvm::Constant>(v))
    for (const auto& op : c->operands()) referenced_globals(op.get(), out, seen);
}

/// Replaces the body of `target` (in the optimised module) by `source` (the same
/// function in the pre-optimisation clone, already run through the conservative
/// pipeline). Globals are matched by name; a missing declaration is re-declared, a
/// missing definition is an error.
std::optional<std::string> transplant(llvm::Function& target, const llvm::Function& source) {
  llvm::Module& module = *target.getParent();
  llvm::SetVector<const llvm::GlobalValue*> globals;  // first-use order: deterministic
  llvm::SmallPtrSet<const llvm::Value*, 32> seen;
  for (const auto& inst : llvm::instructions(source))
    for (const auto& op : inst.operands()) referenced_globals(op.get(), globals, seen);

  if (target.getFunctionType() != source.getFunctionType())
    return "@" + target.getName().str() + " changed type during optimisation";
  llvm::ValueToValueMapTy vmap;
  for (const llvm::GlobalValue* g : globals) {
    if (g == &source) {
      vmap[g] = &target;
      continue;
    }
    llvm::GlobalValue* mine = module.getNamedValue(g->getName());
    if (mine == nullptr) {
      auto* fn = llvm::dyn_cast<llvm::Function>(g);
      if (fn == nullptr || !fn->isDeclaration())
        return "@" + g->getName().str() + " no longer exists after optimisation";
      auto* decl = llvm::Function::Create(fn->getFunctionType(), fn->getLinkage(), fn->getName(), module);
      decl->copyAttributesFrom(fn);
      mine = decl;
    }
    // Pointers are opaque, so compare what they point to: dead-argument elimination and
    // argument promotion may have changed an internal function's signature.
    if (mine->getValueType() != g->getValueType())
      return "@" + g->getName().str() + " changed type during optimisation";
    vmap[g] = mine;
  }
  // Keep the optimised module's debug-info compile units and the function's own
  // subprogram instead of cloning copies of them (CloneModule keeps the order of
  // !llvm.dbg.cu).
  const llvm::NamedMDNode* source_units = source.getParent()->getNamedMetadata("llvm.dbg.cu");
  const llvm::NamedMDNode* target_units = module.getNamedMetadata("llvm.dbg.cu");
  if (source_units != nullptr && target_units != nullptr &&
      source_units->getNumOperands() == target_units->getNumOperands())
    for (unsigned i = 0; i < source_units->getNumOperands(); ++i)
      vmap.MD()[source_units->getOperand(i)].reset(target_units->getOperand(i));
  if (source.getSubprogram() != nullptr && target.getSubprogram() != nullptr)
    vmap.MD()[source.getSubprogram()].reset(target.getSubprogram());
  auto linkage = target.getLinkage();
  auto visibility = target.getVisibility();
  target.deleteBody();  // also resets the linkage to external
  auto arg = target.arg_begin();
  for (const auto& a : source.args()) vmap[&a] = &*arg++;
  llvm::SmallVector<llvm::ReturnInst*, 8> returns;
  llvm::CloneFunctionInto(&target, &source, vmap, llvm::CloneFunctionChangeType::DifferentModule, returns);
  target.setLinkage(linkage);
  target.setVisibility(visibility);
  return std::nullopt;
}

}  // namespace

std::optional<std::string> check_legal(const llvm::Function& f) {
  if (auto why = bad_type(f.getReturnType())) return *why + " in the signature of @" + f.getName().str();
  for (const auto& a : f.args())
    if (auto why = bad_type(a.getType())) return *why + " in the signature of @" + f.getName().str();
  for (const auto& inst : llvm::instructions(f))
    if (auto why = bad_instruction(inst)) return *why + " in `" + print(inst) + "`";
  return std::nullopt;
}

vm::Result<OptReport> optimise(llvm::Module& module, OptLevel level, const OptOptions& options) {
  if (module.getDataLayoutStr().empty()) module.setDataLayout(tenet_data_layout());
  if (module.getDataLayoutStr() != tenet_data_layout())
    return vm::Error{"module data layout \"" + module.getDataLayoutStr() + "\" is not Tenet's \"" +
                     std::string(tenet_data_layout()) + "\""};
  if (!set_llvm_options_once()) return vm::Error{"cannot set LLVM option -replexitval=never"};
  {
    std::string text;
    llvm::raw_string_ostream os(text);
    if (llvm::verifyModule(module, &os)) return vm::Error{"invalid LLVM IR before optimisation: " + os.str()};
  }
  for (auto& f : module)
    if (!f.isDeclaration()) f.addFnAttr("no-jump-tables", "true");

  std::unique_ptr<llvm::Module> before;
  if (level != OptLevel::O0) before = llvm::CloneModule(module);
  run_pipeline(module, level);

  OptReport report;
  std::unique_ptr<Analyses> fallback;  // built on the first failure only
  for (auto& f : module) {
    if (f.isDeclaration()) continue;
    auto why = check_all(f, options);
    if (!why) continue;
    if (level == OptLevel::O0) return vm::Error{"function @" + f.getName().str() + ": " + *why};
    llvm::Function* original = before->getFunction(f.getName());
    if (original == nullptr || original->isDeclaration())
      return vm::Error{"function @" + f.getName().str() + ": " + *why + " (no original to fall back to)"};
    if (!fallback) fallback = std::make_unique<Analyses>(tuning());
    auto fpm = conservative_pipeline();
    fpm.run(*original, fallback->fam);
    if (auto still = check_all(*original, options))
      return vm::Error{"function @" + f.getName().str() + ": " + *still};
    if (auto failed = transplant(f, *original))
      return vm::Error{"function @" + f.getName().str() + ": cannot fall back: " + *failed};
    report.fell_back.push_back(f.getName().str());
  }
  {
    std::string text;
    llvm::raw_string_ostream os(text);
    if (llvm::verifyModule(module, &os)) return vm::Error{"invalid LLVM IR after optimisation: " + os.str()};
  }
  return report;
}

}  // namespace tenet::compiler

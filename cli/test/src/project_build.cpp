#include "tenet/runner/project_build.hpp"

#include <map>
#include <utility>

#include "tenet/abi/type.hpp"
#include "tenet/compiler/abi.hpp"
#include "tenet/compiler/compile.hpp"
#include "tenet/compiler/diagnostics.hpp"
#include "tenet/compiler/sema.hpp"
#include "tenet/runner/build_cache.hpp"

#ifndef TENET_SOURCE_DIR
#error "TENET_SOURCE_DIR (the source tree, holding stdlib/) must be defined by the build"
#endif

namespace tenet::runner {
namespace {

using compiler::ContractInfo;

/// How a file is read: the contracts of src/ files, the test contracts of test files.
enum class FileRole { Source, Test };

/// What one build needs while it walks the files.
struct BuildContext {
  std::filesystem::path root;
  std::filesystem::path stdlib;
  const BuildFlags& flags;
  BuildCache cache;
};

/// A file name as the registry and reports show it: root-relative, stdlib files as "std/…".
std::string shown_name(const BuildContext& ctx, const std::string& path) {
  if (auto r = compiler::path_under(path, ctx.root)) return *r;
  if (auto s = compiler::path_under(path, ctx.stdlib)) return *s;
  return std::filesystem::path(path).lexically_normal().generic_string();
}

/// A test contract's `setup`, test and invariant functions as ABI function entries (they
/// are not `pub`, so not in its ABI), so traces name the test call.
void add_test_functions(const ContractInfo& contract, std::vector<abi::AbiEntry>& abi) {
  for (const compiler::FunctionInfo& f : contract.functions) {
    const bool setup = f.name == "setup" && f.kind == compiler::ast::FunctionKind::normal;
    if (!setup && f.kind == compiler::ast::FunctionKind::normal) continue;
    abi::AbiEntry entry;
    entry.kind = abi::AbiEntryKind::function;
    entry.name = f.name;
    entry.state_mutability = "nonpayable";
    for (const compiler::ParamInfo& p : f.params)
      entry.inputs.push_back(compiler::abi_param(*p.type, p.name));
    abi.push_back(std::move(entry));
  }
}

CachedCode code_of(const BuildContext& ctx, const compiler::CheckedProgram& program,
                   const compiler::SourceManager& sources, const ContractInfo& contract,
                   const compiler::CompiledContract& compiled) {
  CachedCode code;
  code.name = contract.name;
  code.source = shown_name(ctx, sources.file(contract.file).name());
  code.is_test = contract.kind == ContractInfo::Kind::test_contract;
  code.bytecode = compiled.bytecode;
  code.abi = compiler::contract_abi(program, contract);
  if (code.is_test) add_test_functions(contract, code.abi);
  for (const std::string& f : compiled.code.files) code.files.push_back(shown_name(ctx, f));
  code.lines = compiled.code.lines;
  return code;
}

/// Sets CompileOptions::record_operands (when the compiler has it).
template <class Options>
void set_record_operands(Options& options, bool on) {
  if constexpr (requires { options.record_operands; }) {
    options.record_operands = on;
  } else {
    (void)options;
    (void)on;
  }
}

/// The compile options of this build.
compiler::CompileOptions compile_options(const BuildFlags& flags) {
  compiler::CompileOptions options;
  options.level = flags.level <= 0   ? compiler::OptLevel::O0
                  : flags.level == 1 ? compiler::OptLevel::O1
                                     : compiler::OptLevel::O2;
  set_record_operands(options, flags.record_operands);
  return options;
}

/// The suite of test contract `contract` of `file`: its cases in source order.
TestSuite discover(const ContractInfo& contract, std::string file, std::vector<uint8_t> bytecode) {
  TestSuite suite;
  suite.file = std::move(file);
  suite.contract = contract.name;
  suite.bytecode = std::move(bytecode);
  for (const compiler::FunctionInfo& f : contract.functions) {
    if (f.name == "setup" && f.kind == compiler::ast::FunctionKind::normal) suite.has_setup = true;
    if (f.kind == compiler::ast::FunctionKind::normal) continue;
    TestCase test;
    test.name = f.name;
    test.signature = f.signature();
    test.selector = vm::selector_of(test.signature);
    test.line = f.range.begin.line;
    for (const compiler::ParamInfo& p : f.params) {
      // The ABI type of a parameter; its canonical spelling is what the selector hashed.
      auto type = abi::type_of(compiler::abi_param(*p.type, p.name));
      if (type) test.params.push_back(std::move(*type));
      test.param_names.push_back(p.name);
    }
    test.kind = f.kind == compiler::ast::FunctionKind::invariant ? TestKind::Invariant
                : f.params.empty()                               ? TestKind::Unit
                                                                 : TestKind::Fuzz;
    suite.cases.push_back(std::move(test));
  }
  return suite;
}

/// Checks and compiles one file. Diagnostics go to `errors` / `warnings`.
std::optional<FileOutputs> compile_file(const BuildContext& ctx, const std::filesystem::path& path,
                                        const std::string& source_name, FileRole role,
                                        std::string& errors, std::string& warnings,
                                        std::vector<FileInput>& inputs) {
  compiler::SourceManager sources;
  std::string read_error;
  const auto entry = sources.load_file(path.string(), read_error);
  if (!entry) {
    errors += "error: " + read_error + "\n";
    return std::nullopt;
  }
  compiler::DiagnosticEngine engine;
  auto program = compiler::check_program(sources, *entry, ctx.stdlib, engine);
  const std::string rendered =
      compiler::render_all(engine, sources, compiler::RenderOptions{ctx.flags.color});
  (engine.has_errors() ? errors : warnings) += rendered;
  if (engine.has_errors() || !program) return std::nullopt;

  const auto wanted =
      role == FileRole::Test ? ContractInfo::Kind::test_contract : ContractInfo::Kind::contract;
  FileOutputs out;
  bool failed = false;
  for (const ContractInfo* contract : program->entry_contracts()) {
    if (contract->kind != wanted) continue;
    auto compiled =
        compiler::compile_contract(*program, sources, *contract, compile_options(ctx.flags));
    if (!compiled) {
      errors += "error: " + compiled.error().message + "\n";
      failed = true;
      continue;
    }
    out.codes.push_back(code_of(ctx, *program, sources, *contract, *compiled));
    // Every contract it creates (flattened by the compiler), with its own line table.
    for (const compiler::CompiledContract& child : compiled->children)
      if (child.contract != nullptr)
        out.codes.push_back(code_of(ctx, *program, sources, *child.contract, child));
    if (role == FileRole::Test)
      out.suites.push_back(discover(*contract, source_name, compiled->bytecode));
  }
  if (failed) return std::nullopt;
  for (size_t i = 0; i < sources.size(); ++i) {
    const compiler::SourceBuffer& buffer = sources.file(static_cast<compiler::FileId>(i));
    std::error_code ec;
    const auto absolute = std::filesystem::absolute(buffer.name(), ec);
    inputs.push_back(
        {ec ? buffer.name() : absolute.lexically_normal().string(), content_hash(buffer.text())});
  }
  return out;
}

/// The outputs of one file, from the cache or compiled now (and then stored).
std::optional<FileOutputs> outputs_of(BuildContext& ctx, const std::filesystem::path& path,
                                      FileRole role, BuiltProject& built, std::string& errors,
                                      std::string& warnings) {
  const std::string source_name = shown_name(ctx, path.string());
  if (auto cached = ctx.cache.load(source_name)) {
    ++built.cached_files;
    return cached;
  }
  std::vector<FileInput> inputs;
  auto out = compile_file(ctx, path, source_name, role, errors, warnings, inputs);
  if (!out) return std::nullopt;
  ++built.compiled_files;
  ctx.cache.store(source_name, inputs, *out);
  return out;
}

void add_code(ArtifactRegistry& registry, const CachedCode& c) {
  KnownCode known;
  known.name = c.name;
  known.source = c.source;
  known.is_test = c.is_test;
  known.abi = c.abi;
  known.files = c.files;
  known.lines = c.lines;
  known.size = c.bytecode.size();
  registry.add(vm::keccak256(c.bytecode), std::move(known));
}

}  // namespace

vm::Result<BuiltProject> build_project(const std::filesystem::path& root,
                                       const compiler::ProjectConfig& config,
                                       const BuildFlags& flags, std::string& warnings) {
  BuildContext ctx{
      root, flags.stdlib.empty() ? std::filesystem::path(TENET_SOURCE_DIR "/stdlib") : flags.stdlib,
      flags, BuildCache(root / "cache" / "build", flags.level, flags.record_operands)};
  BuiltProject built;
  built.root = root;
  built.config = config;
  built.flags = flags;
  std::string errors;
  std::vector<FileOutputs> all;
  for (const auto& path : compiler::find_sources(root / config.src, ".tn")) {
    if (path.filename().string().ends_with(".t.tn")) continue;  // test files are built as tests
    if (auto out = outputs_of(ctx, path, FileRole::Source, built, errors, warnings))
      all.push_back(std::move(*out));
  }
  for (const auto& path : compiler::find_sources(root / config.tests, ".t.tn"))
    if (auto out = outputs_of(ctx, path, FileRole::Test, built, errors, warnings))
      all.push_back(std::move(*out));

  std::map<std::string, std::string> declared_in;  // test contract → file
  for (FileOutputs& out : all) {
    for (const CachedCode& c : out.codes) add_code(built.registry, c);
    for (TestSuite& suite : out.suites) {
      if (auto [it, inserted] = declared_in.emplace(suite.contract, suite.file);
          !inserted && it->second != suite.file) {
        errors += "error: test contract '" + suite.contract + "' is declared in both " +
                  it->second + " and " + suite.file + "; test contracts need unique names\n";
        continue;
      }
      built.suites.push_back(std::move(suite));
    }
  }
  if (!errors.empty()) return vm::Error{errors};
  return built;
}

}  // namespace tenet::runner

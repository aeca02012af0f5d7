// The compiler fuzz harness (compiler_harness.hpp).

#include "compiler_harness.hpp"

#include "tenet/compiler/compile.hpp"
#include "tenet/compiler/diagnostics.hpp"
#include "tenet/compiler/gas_estimate.hpp"
#include "tenet/compiler/sema.hpp"
#include "tenet/vm/container.hpp"
#include "tenet/vm/validator.hpp"

namespace tenet::fuzz {
namespace {

using compiler::ContractInfo;

/// The entry file's name: relative imports resolve against a directory that does not
/// exist, so an input cannot read files of the machine it runs on.
constexpr const char* kEntryName = "/nonexistent-tenet-fuzz/input.tn";

/// Whether a compile error after sema reports a compiler bug rather than a limit or an
/// unsupported construct.
bool is_internal_error(const std::string& message) {
  return message.find("internal error") != std::string::npos ||
         message.find("invalid LLVM IR") != std::string::npos;
}

/// Parses `bytecode` back, validates it and estimates its gas, then does the same for
/// every child container it embeds; an error message, or empty.
std::string check_bytecode(std::span<const uint8_t> bytecode, bool test_mode) {
  auto parsed = vm::parse_container(bytecode);
  if (!parsed) return "the container does not parse: " + parsed.error().message;
  if (parsed->size != bytecode.size()) return "the container has trailing bytes";
  vm::ValidationOptions options;
  options.allow_cheats = test_mode;
  auto valid = vm::validate(parsed->container, options);
  if (!valid) return "the container does not validate: " + valid.error().message;
  auto gas = compiler::estimate_gas(parsed->container, options);
  if (!gas) return "the gas estimator rejects the container: " + gas.error().message;
  for (size_t i = 0; i < parsed->container.children.size(); ++i) {
    std::string child = check_bytecode(parsed->container.children[i], test_mode);
    if (!child.empty()) return "child " + std::to_string(i) + ": " + child;
  }
  return {};
}

/// The optimisation level an input's first byte chooses.
compiler::OptLevel level_of(uint8_t byte) {
  switch (byte % 3) {
    case 0:
      return compiler::OptLevel::O0;
    case 1:
      return compiler::OptLevel::O1;
    default:
      return compiler::OptLevel::O2;
  }
}

}  // namespace

CompileOutcome compile_input(std::span<const uint8_t> input,
                             const std::filesystem::path& stdlib_dir) {
  CompileOutcome outcome;
  if (input.empty()) return outcome;
  compiler::SourceManager sources;
  compiler::DiagnosticEngine diagnostics;
  const compiler::FileId entry =
      sources.add_file(kEntryName, std::string(input.begin() + 1, input.end()));
  auto program = compiler::check_program(sources, entry, stdlib_dir, diagnostics);
  if (diagnostics.has_errors()) return outcome;
  outcome.checked = true;
  compiler::CompileOptions options;
  options.level = level_of(input[0]);
  for (const ContractInfo* contract : program->entry_contracts()) {
    if (contract->kind == ContractInfo::Kind::interface) continue;
    auto compiled = compiler::compile_contract(*program, sources, *contract, options);
    if (!compiled) {
      const std::string& message = compiled.error().message;
      (is_internal_error(message) ? outcome.defects : outcome.rejected).push_back(message);
      continue;
    }
    const bool test_mode = contract->kind == ContractInfo::Kind::test_contract;
    std::string defect = check_bytecode(compiled->bytecode, test_mode);
    if (!defect.empty()) {
      outcome.defects.push_back("contract '" + contract->name + "': " + defect);
      continue;
    }
    ++outcome.compiled;
  }
  return outcome;
}

}  // namespace tenet::fuzz

// `tenet compile FILE.tn [--emit KIND] [-O0|-O1|-O2]`: checks one file and prints one
// output to stdout (toolchain.md §1): the AST, the ABI JSON or the storage layout JSON.
// The kinds that need the back end (llvm, llvm-opt, asm, bytecode, gas) are not built
// yet and exit with 2.
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "commands.hpp"
#include "common.hpp"
#include "tenet/compiler/abi.hpp"
#include "tenet/compiler/ast_printer.hpp"
#include "tenet/compiler/diagnostics.hpp"
#include "tenet/compiler/layout.hpp"
#include "tenet/compiler/sema.hpp"

#ifndef TENET_STDLIB_DIR
#error "TENET_STDLIB_DIR (the directory holding std/) must be defined by the build"
#endif

namespace tenet::cli {
namespace {

/// The output kinds of toolchain.md §1 that work now.
constexpr std::array<std::string_view, 3> kFrontEndKinds{"ast", "abi", "layout"};
/// The output kinds that need the back end (irgen, opt, codegen).
constexpr std::array<std::string_view, 5> kBackEndKinds{"llvm", "llvm-opt", "asm", "bytecode",
                                                        "gas"};
/// Not in --help: one line per selector, event topic and error selector, in the format
/// of tests/ethers/check_abi.mjs (for the ethers cross-check).
constexpr std::string_view kSelectorsKind = "selectors";

struct CompileOptions {
  std::string file;
  std::string emit = "bytecode";
  int optimization = 2;
};

bool contains(std::span<const std::string_view> kinds, std::string_view kind) {
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

/// The stdlib directory (the one holding `std/`): $TENET_STDLIB, else the source tree's.
std::filesystem::path stdlib_dir() {
  if (const char* env = std::getenv("TENET_STDLIB"); env != nullptr && *env != '\0') return env;
  return TENET_STDLIB_DIR;
}

/// Prints one JSON value per contract: the value itself for exactly one contract, else
/// an object keyed by contract name (`{}` for none).
void print_per_contract(const std::vector<std::pair<std::string, nlohmann::json>>& per_contract) {
  if (per_contract.size() == 1) {
    std::cout << per_contract.front().second.dump(2) << "\n";
    return;
  }
  nlohmann::json all = nlohmann::json::object();
  for (const auto& [name, value] : per_contract) all[name] = value;
  std::cout << all.dump(2) << "\n";
}

int run(const CompileOptions& opt) {
  const std::string& kind = opt.emit;
  if (contains(kBackEndKinds, kind)) {
    print_error(
        "--emit " + kind +
        " needs the compiler back end, which is not built yet; available now: ast, abi, layout");
    return kExitUsage;
  }
  if (!contains(kFrontEndKinds, kind) && kind != kSelectorsKind) {
    print_error("--emit: unknown output '" + kind +
                "' (expected ast, llvm, llvm-opt, asm, bytecode, abi, layout or gas)");
    return kExitUsage;
  }

  compiler::SourceManager sources;
  std::string read_error;
  const auto entry = sources.load_file(opt.file, read_error);
  if (!entry) {
    print_error(read_error);
    return kExitFailure;
  }
  compiler::DiagnosticEngine diagnostics;
  const auto program = compiler::check_program(sources, *entry, stdlib_dir(), diagnostics);
  const compiler::RenderOptions render_options{isatty(STDERR_FILENO) != 0};
  std::cerr << compiler::render_all(diagnostics, sources, render_options);
  if (diagnostics.has_errors()) return kExitFailure;

  if (kind == "ast") {
    const compiler::ast::SourceFile* ast = nullptr;
    for (const auto& module : program->modules)
      if (module.file == *entry) ast = module.ast.get();
    if (ast == nullptr) return kExitFailure;
    std::cout << compiler::print_ast(*ast);
    return kExitOk;
  }

  const auto contracts = program->entry_contracts();
  if (kind == kSelectorsKind) {
    std::vector<std::string> lines;
    for (const compiler::ContractInfo* c : contracts) {
      const auto abi = compiler::contract_abi(*program, *c);
      for (auto& line : compiler::abi_fragment_lines(abi, contracts.size() == 1 ? "" : c->name))
        lines.push_back(std::move(line));
    }
    std::sort(lines.begin(), lines.end());
    for (const auto& line : lines) std::cout << line << "\n";
    return kExitOk;
  }

  std::vector<std::pair<std::string, nlohmann::json>> per_contract;
  for (const compiler::ContractInfo* c : contracts) {
    if (kind == "abi") {
      per_contract.emplace_back(c->name, compiler::to_json(compiler::contract_abi(*program, *c)));
    } else if (c->kind != compiler::ContractInfo::Kind::interface) {
      per_contract.emplace_back(c->name, compiler::to_json(compiler::storage_layout(*c)));
    }
  }
  print_per_contract(per_contract);
  return kExitOk;
}

}  // namespace

Command add_compile_command(CLI::App& parent) {
  auto opt = std::make_shared<CompileOptions>();
  CLI::App* app = parent.add_subcommand("compile", "Compile one Tenet file and print one output");
  app->add_option("FILE", opt->file, "Tenet source file (.tn)")->required();
  app->add_option("--emit", opt->emit,
                  "what to print: ast, abi, layout (now); llvm, llvm-opt, asm, bytecode, gas (with "
                  "the back end)")
      ->capture_default_str();
  app->add_option("-O", opt->optimization, "optimisation level: -O0, -O1 or -O2")
      ->check(CLI::Range(0, 2))
      ->capture_default_str();
  return {app, [opt] { return run(*opt); }};
}

}  // namespace tenet::cli

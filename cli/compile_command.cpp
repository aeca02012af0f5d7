// `tenet compile FILE.tn [--emit KIND] [-O0|-O1|-O2] [--contract NAME]`: checks one file
// and prints one output to stdout (toolchain.md §1, docs/cli.md): the AST, the ABI JSON,
// the storage layout JSON (every contract of the file), or for one contract the LLVM IR
// before or after optimisation, the annotated assembly, the bytecode, the gas estimates.
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "commands.hpp"
#include "common.hpp"
#include "tenet/compiler/abi.hpp"
#include "tenet/compiler/artifact.hpp"
#include "tenet/compiler/ast_printer.hpp"
#include "tenet/compiler/gas_estimate.hpp"
#include "tenet/compiler/layout.hpp"
#include "tenet/vm/assembler.hpp"
#include "tenet/vm/decoder.hpp"
#include "tenet/vm/hex.hpp"
#include "tenet/vm/opcodes.hpp"

namespace tenet::cli {
namespace {

/// The output kinds of toolchain.md §1.
constexpr std::array<std::string_view, 8> kKinds{"ast",      "llvm", "llvm-opt", "asm",
                                                 "bytecode", "abi",  "layout",   "gas"};
/// Not in --help: one line per selector, event topic and error selector, in the format
/// of tests/ethers/check_abi.mjs (for the ethers cross-check).
constexpr std::string_view kSelectorsKind = "selectors";

struct CompileOptions {
  std::string file;
  std::string emit = "bytecode";
  std::string contract;
  int optimization = 2;
};

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

/// The code offset of every instruction of every function, in function order (the order
/// in which `vm::disassemble` prints them). The container is validated.
std::vector<std::vector<uint32_t>> instruction_offsets(const vm::Container& c) {
  std::vector<std::vector<uint32_t>> out;
  for (const vm::FunctionInfo& fn : c.functions) {
    std::vector<uint32_t>& offsets = out.emplace_back();
    const uint32_t end = fn.code_offset + fn.code_size;
    const auto code = std::span<const uint8_t>(c.code).first(end);
    for (uint32_t off = fn.code_offset; off < end;) {
      offsets.push_back(off);
      off += vm::decode_instruction(code, off).value().size;
    }
  }
  return out;
}

/// The disassembly with a `; file:line` comment before each instruction whose source
/// line differs from the previous instruction's (compiler-generated code, line 0, is
/// not annotated).
std::string annotated_assembly(const compiler::CodegenResult& code) {
  const std::string text = vm::disassemble(code.container);
  const auto offsets = instruction_offsets(code.container);
  std::istringstream in(text);
  std::string line, out;
  int function = -1;
  size_t next = 0;
  std::pair<uint32_t, uint32_t> last{UINT32_MAX, 0};
  while (std::getline(in, line)) {
    if (line.starts_with(".fn ")) {
      ++function;
      next = 0;
      last = {UINT32_MAX, 0};
    } else if (line.starts_with("  ") && function >= 0 && next < offsets[function].size()) {
      const uint32_t off = offsets[function][next++];
      auto it = std::upper_bound(
          code.lines.begin(), code.lines.end(), off,
          [](uint32_t o, const compiler::LineEntry& e) { return o < e.code_offset; });
      if (it != code.lines.begin()) {
        const compiler::LineEntry& e = *std::prev(it);
        if (e.line != 0 && std::make_pair(e.file, e.line) != last && e.file < code.files.size())
          out += "  ; " + code.files[e.file] + ":" + std::to_string(e.line) + "\n";
        last = {e.file, e.line};
      }
    }
    out += line + "\n";
  }
  return out;
}

/// `--emit gas`: one line per entry point, "name  gas" or "name  unbounded (reason)".
std::string gas_lines(const std::vector<compiler::NamedGas>& estimates) {
  size_t width = 0;
  for (const auto& g : estimates) width = std::max(width, g.name.size());
  std::string out;
  for (const auto& g : estimates) {
    out += g.name + std::string(width + 2 - g.name.size(), ' ');
    out += g.bound.gas ? std::to_string(*g.bound.gas) : "unbounded (" + g.bound.reason + ")";
    out += "\n";
  }
  return out;
}

int run_back_end(const CompileOptions& opt, const CheckedFile& file) {
  auto contract = pick_contract(file, opt.contract);
  if (!contract) {
    print_error(contract.error().message);
    return kExitUsage;
  }
  const bool keep_ir = opt.emit == "llvm" || opt.emit == "llvm-opt";
  auto compiled = compile(file, **contract, opt.optimization, keep_ir);
  if (!compiled) {
    print_error(compiled.error().message);
    return kExitFailure;
  }
  if (opt.emit == "llvm") {
    std::cout << compiled->llvm_ir;
  } else if (opt.emit == "llvm-opt") {
    std::cout << compiled->llvm_ir_opt;
  } else if (opt.emit == "asm") {
    std::cout << annotated_assembly(compiled->code);
  } else if (opt.emit == "bytecode") {
    std::cout << vm::hex_encode(compiled->bytecode) << "\n";
  } else {  // gas
    auto gas =
        compiler::contract_gas_estimates(*file.program, **contract, compiled->code.container);
    if (!gas) {
      print_error(gas.error().message);
      return kExitFailure;
    }
    std::cout << gas_lines(*gas);
  }
  return kExitOk;
}

int run(const CompileOptions& opt) {
  const std::string& kind = opt.emit;
  if (std::find(kKinds.begin(), kKinds.end(), kind) == kKinds.end() && kind != kSelectorsKind) {
    print_error("--emit: unknown output '" + kind +
                "' (expected ast, llvm, llvm-opt, asm, bytecode, abi, layout or gas)");
    return kExitUsage;
  }
  std::string diagnostics;
  auto file = check_file(opt.file, diagnostics);
  std::cerr << diagnostics;
  if (!file) return kExitFailure;

  if (kind == "ast") {
    for (const auto& module : file->program->modules)
      if (module.file == file->entry && module.ast) {
        std::cout << compiler::print_ast(*module.ast);
        return kExitOk;
      }
    return kExitFailure;
  }
  const auto contracts = file->program->entry_contracts();
  if (kind == kSelectorsKind) {
    std::vector<std::string> lines;
    for (const compiler::ContractInfo* c : contracts) {
      const auto abi = compiler::contract_abi(*file->program, *c);
      for (auto& line : compiler::abi_fragment_lines(abi, contracts.size() == 1 ? "" : c->name))
        lines.push_back(std::move(line));
    }
    std::sort(lines.begin(), lines.end());
    for (const auto& line : lines) std::cout << line << "\n";
    return kExitOk;
  }
  if (kind == "abi" || kind == "layout") {
    std::vector<std::pair<std::string, nlohmann::json>> per_contract;
    for (const compiler::ContractInfo* c : contracts) {
      if (kind == "abi") {
        per_contract.emplace_back(c->name,
                                  compiler::to_json(compiler::contract_abi(*file->program, *c)));
      } else if (c->kind != compiler::ContractInfo::Kind::interface) {
        per_contract.emplace_back(c->name, compiler::to_json(compiler::storage_layout(*c)));
      }
    }
    print_per_contract(per_contract);
    return kExitOk;
  }
  return run_back_end(opt, *file);
}

}  // namespace

Command add_compile_command(CLI::App& parent) {
  auto opt = std::make_shared<CompileOptions>();
  CLI::App* app = parent.add_subcommand("compile", "Compile one Tenet file and print one output");
  app->add_option("FILE", opt->file, "Tenet source file (.tn)")->required();
  app->add_option(
         "--emit", opt->emit,
         "what to print: ast, abi, layout (every contract of the file); llvm, llvm-opt, asm, "
         "bytecode, gas (one contract)")
      ->capture_default_str();
  app->add_option(
      "--contract", opt->contract,
      "the contract for llvm, llvm-opt, asm, bytecode and gas (default: the last contract "
      "declared in FILE)");
  app->add_option("-O", opt->optimization, "optimisation level: -O0, -O1 or -O2")
      ->check(CLI::Range(0, 2))
      ->capture_default_str();
  return {app, [opt] { return run(*opt); }};
}

}  // namespace tenet::cli

#pragma once
/// \file
/// Shared by the compiler, contract and language-server benchmarks: a generated program,
/// reading a `.tn` file and running the whole compiler on it in-process (parse, check,
/// compile_contract for each contract).

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "tenet/compiler/compile.hpp"
#include "tenet/compiler/diagnostics.hpp"
#include "tenet/compiler/sema.hpp"
#include "tenet/compiler/source.hpp"

namespace tenet::bench {

/// A generated contract of `functions` functions, 10 lines each, using storage, maps,
/// loops, arithmetic, events and errors: about 10 lines per function plus a header (the
/// compiler's and the language server's benchmarks).
inline std::string generated_program(int functions) {
  std::string src =
      "event Moved(from: address indexed, to: address indexed, amount: u256);\n"
      "error Short(have: u256, need: u256);\n"
      "contract Big {\n"
      "    pub total: u256;\n"
      "    balances: map<address, u256>;\n";
  for (int i = 0; i < functions; ++i) {
    const std::string n = std::to_string(i);
    src += "    pub fn f" + n + "(to: address, amount: u256) -> u256 {\n"
           "        let have = self.balances[msg.sender];\n"
           "        if have < amount { revert Short(have, amount); }\n"
           "        let mut acc: u256 = 0;\n"
           "        for i in 0.." + std::to_string(i % 7 + 1) + " { acc += i * " + n + " + (amount >> 2); }\n"
           "        self.balances[msg.sender] = have - amount;\n"
           "        self.balances[to] += amount;\n"
           "        emit Moved(msg.sender, to, amount);\n"
           "        return acc +% self.total;\n"
           "    }\n";
  }
  src += "}\n";
  return src;
}

/// The whole text of the file at `path`, or nothing if it cannot be read.
inline std::optional<std::string> read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// One contract compiled from a file.
struct CompiledContractCode {
  std::string name;               ///< the contract's name
  std::vector<uint8_t> bytecode;  ///< its deployable container
};

/// Parses and checks `text` (named `name`, imports resolved against the project's
/// stdlib), then compiles every contract and test contract of that file at `level`.
/// Fails with the rendered diagnostics, or the compiler's error after the file's name.
inline vm::Result<std::vector<CompiledContractCode>> compile_source(const std::string& name,
                                                                    const std::string& text,
                                                                    compiler::OptLevel level) {
  using namespace tenet::compiler;
  SourceManager sources;
  DiagnosticEngine diagnostics;
  const FileId id = sources.add_file(name, text);
  auto program = check_program(sources, id, TENET_SOURCE_DIR "/stdlib", diagnostics);
  if (diagnostics.has_errors()) return vm::Error{render_all(diagnostics, sources)};
  std::vector<CompiledContractCode> out;
  for (const ContractInfo* contract : program->entry_contracts()) {
    if (contract->kind == ContractInfo::Kind::interface) continue;
    CompileOptions options;
    options.level = level;
    auto compiled = compile_contract(*program, sources, *contract, options);
    if (!compiled) return vm::Error{name + ": " + compiled.error().message};
    out.push_back({contract->name, std::move(compiled->bytecode)});
  }
  return out;
}

/// Reads and compiles the file at `path` (see compile_source).
inline vm::Result<std::vector<CompiledContractCode>> compile_file(const std::filesystem::path& path,
                                                                  compiler::OptLevel level) {
  auto text = read_text(path);
  if (!text) return vm::Error{"cannot read " + path.string()};
  return compile_source(path.string(), *text, level);
}

}  // namespace tenet::bench

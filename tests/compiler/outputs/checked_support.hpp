#pragma once
// Shared by the outputs tests: a program checked in memory, with its contracts' ABI and
// storage layout as compact JSON.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "tenet/compiler/abi.hpp"
#include "tenet/compiler/diagnostics.hpp"
#include "tenet/compiler/layout.hpp"
#include "tenet/compiler/sema.hpp"
#include "tenet/compiler/source.hpp"

namespace tenet::compiler::testing_outputs {

/// One checked in-memory program.
struct Checked {
  SourceManager sources;
  DiagnosticEngine diagnostics;
  std::unique_ptr<CheckedProgram> program;

  /// The contract or interface named `name` (fails the test if absent).
  const ContractInfo& contract(const std::string& name) const {
    const ContractInfo* c = program->find_contract(name);
    EXPECT_NE(c, nullptr) << name;
    return *c;
  }
  /// The ABI of contract `name` as compact JSON.
  std::string abi(const std::string& name) const {
    return to_json(contract_abi(*program, contract(name))).dump();
  }
  /// The storage layout of contract `name` as compact JSON.
  std::string layout(const std::string& name) const {
    return to_json(storage_layout(contract(name))).dump();
  }
};

/// Checks `text` as the file test.tn (the test fails on any error).
inline std::unique_ptr<Checked> check(const std::string& text) {
  auto c = std::make_unique<Checked>();
  const FileId id = c->sources.add_file("test.tn", text);
  c->program = check_program(c->sources, id, TENET_SOURCE_DIR "/stdlib", c->diagnostics);
  EXPECT_FALSE(c->diagnostics.has_errors()) << render_all(c->diagnostics, c->sources);
  return c;
}

}  // namespace tenet::compiler::testing_outputs

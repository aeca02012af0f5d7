#pragma once
// Helpers for tests that compile Tenet source end to end: check a program from a string,
// run irgen or the whole driver on one of its contracts, deploy the bytecode into a
// JournaledHost and call it with ABI call data.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "vm/vm_test_support.hpp"
#include "tenet/compiler/compile.hpp"
#include "tenet/compiler/diagnostics.hpp"
#include "tenet/compiler/sema.hpp"
#include "tenet/vm/crypto.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::compiler::testing {

/// A checked in-memory program.
struct CheckedSource {
  SourceManager sources;                    ///< holds the file
  DiagnosticEngine diagnostics;             ///< what sema reported
  std::unique_ptr<CheckedProgram> program;  ///< the checked program

  /// The contract named `name` (fails the test when absent).
  const ContractInfo& contract(const std::string& name) const {
    const ContractInfo* c = program->find_contract(name);
    EXPECT_NE(c, nullptr) << "no contract " << name;
    return *c;
  }
};

/// Checks `text` as the file "test.tn"; fails the test on diagnostics of severity error.
inline std::unique_ptr<CheckedSource> check_source(const std::string& text) {
  auto c = std::make_unique<CheckedSource>();
  FileId id = c->sources.add_file("test.tn", text);
  c->program = check_program(c->sources, id, std::filesystem::path(TENET_SOURCE_DIR) / "stdlib",
                             c->diagnostics);
  EXPECT_FALSE(c->diagnostics.has_errors()) << render_all(c->diagnostics, c->sources);
  return c;
}

/// ABI words of call data: a selector followed by 32-byte words.
using vm::testing::calldata;

/// A 32-byte big-endian word from a decimal or hex string.
inline std::vector<uint8_t> word_bytes(std::string_view text) {
  return vm::testing::be(vm::testing::W(text));
}

/// Concatenates byte strings.
inline std::vector<uint8_t> cat(std::initializer_list<std::vector<uint8_t>> parts) {
  std::vector<uint8_t> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

/// The 4-byte selector of `signature` as bytes.
inline std::vector<uint8_t> selector_bytes(std::string_view signature) {
  auto s = vm::selector_of(signature);
  return {s.begin(), s.end()};
}

/// Hex text of bytes (for readable assertions).
inline std::string hex(const std::vector<uint8_t>& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (uint8_t b : bytes) {
    out += digits[b >> 4];
    out += digits[b & 15];
  }
  return out;
}

/// A 32-byte word as 64 hex digits, from a number.
inline std::string hex_word(uint64_t v) {
  std::string out(64, '0');
  for (int i = 63; i >= 0 && v != 0; --i, v >>= 4)
    out[static_cast<size_t>(i)] = "0123456789abcdef"[v & 15];
  return out;
}

/// The revert data of Panic(code), as hex.
inline std::string panic_hex(uint64_t code) {
  return "4e487b71" + hex_word(code);
}

/// A 32-byte word of a signed number (two's complement).
inline std::vector<uint8_t> iw(int64_t v) {
  vm::Word w{v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v)};
  if (v < 0) w = vm::negate(w);
  return vm::testing::be(w);
}
/// A 32-byte word of an address.
inline std::vector<uint8_t> aw(const vm::Address& a) { return vm::testing::be(vm::to_word(a)); }
/// Call data: selector of `signature` ‖ words.
inline std::vector<uint8_t> input(std::string_view signature,
                                  std::initializer_list<std::vector<uint8_t>> words = {}) {
  std::vector<uint8_t> out;
  out.reserve(4 + 32 * words.size());
  for (uint8_t b : vm::selector_of(signature)) out.push_back(b);
  for (const auto& w : words) out.insert(out.end(), w.begin(), w.end());
  return out;
}
/// A hex word of a signed number.
inline std::string hw(int64_t v) { return hex(iw(v)); }
/// The length word and padded bytes of a string (its ABI tail).
inline std::vector<uint8_t> tail(const std::string& s) {
  std::vector<uint8_t> bytes(s.begin(), s.end());
  bytes.resize((s.size() + 31) / 32 * 32, 0);
  return cat({iw(static_cast<int64_t>(s.size())), bytes});
}

/// Compiles source, deploys contracts and calls them.
class E2eTest : public ::testing::Test {
 protected:
  E2eTest() : host(vm) { host.set_balance(sender, vm::testing::W("1000000000000000000000")); }

  /// Compiles contract `name` of `source` at `level` (fails the test on errors).
  std::vector<uint8_t> compile(const std::string& source, const std::string& name, OptLevel level) {
    checked.push_back(check_source(source));
    if (checked.back()->diagnostics.has_errors()) return {};
    CompileOptions options;
    options.level = level;
    auto r = compile_contract(*checked.back()->program, checked.back()->sources,
                              checked.back()->contract(name), options);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    if (!r) return {};
    log_bytecode(source, name, level, r->bytecode);
    return r->bytecode;
  }

  /// With TENET_BYTECODE_LOG=FILE, appends "<source hash> <contract> O<level> <bytecode
  /// hash>" for every program compiled, so scripts/bytecode-hashes.sh can show that a
  /// change leaves the bytecode of the inline test programs byte-identical too.
  static void log_bytecode(const std::string& source, const std::string& name, OptLevel level,
                           const std::vector<uint8_t>& bytecode) {
    const char* path = std::getenv("TENET_BYTECODE_LOG");
    if (path == nullptr) return;
    const auto short_hash = [](std::span<const uint8_t> bytes) {
      return vm::hex_encode(vm::sha256(bytes)).substr(2, 16);
    };
    std::ofstream(path, std::ios::app)
        << short_hash({reinterpret_cast<const uint8_t*>(source.data()), source.size()}) << " "
        << name << " O" << static_cast<int>(level) << " " << short_hash(bytecode) << "\n";
  }

  /// Compiles and deploys contract `name` with ABI-encoded constructor arguments.
  vm::Address deploy(const std::string& source, const std::string& name, OptLevel level,
                     const std::vector<uint8_t>& args = {}, const vm::Word& value = vm::Word{}) {
    std::vector<uint8_t> code = compile(source, name, level);
    if (code.empty()) return vm::Address{};
    code.insert(code.end(), args.begin(), args.end());
    vm::ExecResult r = host.deploy(sender, code, 10'000'000, value);
    EXPECT_EQ(r.status, vm::Status::Success) << r.reason << " " << hex(r.output);
    return r.created;
  }

  /// Calls `to` from the sender.
  vm::ExecResult call(const vm::Address& to, const std::vector<uint8_t>& input,
                      const vm::Word& value = vm::Word{}, int64_t gas = 10'000'000) {
    return host.transact(sender, to, input, gas, value);
  }

  /// Calls and expects success; returns the output as hex.
  std::string ok(const vm::Address& to, const std::vector<uint8_t>& input,
                 const vm::Word& value = vm::Word{}) {
    vm::ExecResult r = call(to, input, value);
    EXPECT_EQ(r.status, vm::Status::Success) << r.reason << " revert data " << hex(r.output);
    return hex(r.output);
  }

  /// Calls and expects a revert; returns the revert data as hex.
  std::string reverts(const vm::Address& to, const std::vector<uint8_t>& input,
                      const vm::Word& value = vm::Word{}) {
    vm::ExecResult r = call(to, input, value);
    EXPECT_EQ(r.status, vm::Status::Revert) << r.reason << " output " << hex(r.output);
    return hex(r.output);
  }

  vm::Vm vm;
  vm::JournaledHost host;
  vm::Address sender = *vm::parse_address("0x1804c8ab1f12e6bbf3894d4083f33e07309d1f38");
  std::vector<std::unique_ptr<CheckedSource>> checked;
};

}  // namespace tenet::compiler::testing

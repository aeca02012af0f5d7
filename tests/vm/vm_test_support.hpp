#pragma once
// Shared fixture for interpreter tests: assembles `.tasm` text, deploys it into a
// JournaledHost and calls it.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tenet/vm/assembler.hpp"
#include "tenet/vm/container.hpp"
#include "tenet/vm/crypto.hpp"
#include "tenet/vm/gas.hpp"
#include "tenet/vm/hex.hpp"
#include "tenet/vm/journaled_host.hpp"
#include "tenet/vm/vm.hpp"

namespace tenet::vm::testing {

/// The address 0x00…00nn: distinct accounts for tests.
inline Address addr(uint8_t n) {
  Address a;
  a.bytes[19] = n;
  return a;
}

/// Bytes from hex text (with or without 0x); aborts the test on a typo.
inline std::vector<uint8_t> bytes_of(std::string_view hex) { return hex_decode(hex).value(); }

/// Parses a hex word; aborts the test on a typo.
inline Word W(std::string_view text) {
  auto w = parse_word(text);
  EXPECT_TRUE(w.has_value()) << text;
  return w.value_or(Word{});
}

/// Assembly that returns the word on top of the stack as 32 bytes of output.
inline const std::string kReturnTop = "  PUSH 0\n  SWAP 1\n  MSTORE\n  PUSH 0\n  PUSH 32\n  RETURN\n";

/// What an external frame pays at entry for its entry function's frame of `words` words
/// (params + locals + max stack): the growth of the frame's one quadratic from 0.
inline int64_t entry_frame_gas(uint64_t words) {
  return static_cast<int64_t>(memory_cost(words));
}

/// 2^256 − 1 as a `PUSH` operand.
inline const std::string kHuge = "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";

/// A callee that returns the gas it was given (GAS at its first instruction, plus 2 for GAS).
inline const std::string kGasReporter = R"T(
.fn g export="g()"
  GAS
)T" + kReturnTop + R"T(
.end
)T";

/// `PUSH` operand placing the selector of `signature` in the top 4 bytes of a word.
inline std::string selector_word(std::string_view signature) {
  auto s = selector_of(signature);
  return to_hex(shl(Word{(uint64_t{s[0]} << 24) | (uint64_t{s[1]} << 16) | (uint64_t{s[2]} << 8) | s[3]}, Word{224}));
}

/// Assembly that calls the address in the first call-data argument with `signature`'s
/// selector as call data, forwarding all gas and no value; leaves the success flag.
inline std::string call_first_arg(std::string_view signature) {
  return "  PUSH 0\n  PUSH " + selector_word(signature) +
         "\n  MSTORE\n  GAS\n  PUSH 4\n  CALLDATALOAD\n  PUSH 0\n  PUSH 0\n  PUSH 4\n  CALL\n";
}

/// 32-byte big-endian encoding of a word.
inline std::vector<uint8_t> be(const Word& w) {
  auto a = word_to_be(w);
  return {a.begin(), a.end()};
}

/// Call data: a selector followed by words.
inline std::vector<uint8_t> calldata(std::string_view signature, std::vector<Word> args = {}) {
  auto sel = selector_of(signature);
  std::vector<uint8_t> out(sel.begin(), sel.end());
  for (const auto& a : args) {
    auto b = be(a);
    out.insert(out.end(), b.begin(), b.end());
  }
  return out;
}

/// The fixture: one VM, one journaled host, a funded sender.
class VmTest : public ::testing::Test {
 protected:
  VmTest() : host(vm) { host.set_balance(sender, W("1000000000000000000000")); }

  /// Assembles source (fails the test on error).
  std::vector<uint8_t> assemble_ok(const std::string& source,
                                   const ChildLoader& loader = {}) {
    auto c = assemble(source, "test.tasm", loader);
    EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
    if (!c) return {};
    return serialize_container(*c);
  }

  /// Deploys assembled source with constructor arguments; returns its address.
  Address deploy(const std::string& source, std::vector<uint8_t> args = {}) {
    auto code = assemble_ok(source);
    code.insert(code.end(), args.begin(), args.end());
    ExecResult r = host.deploy(sender, code, 10'000'000);
    EXPECT_EQ(r.status, Status::Success) << r.reason;
    return r.created;
  }

  /// Calls `to` from the sender.
  ExecResult call(const Address& to, const std::vector<uint8_t>& input, int64_t gas = 10'000'000,
                  const Word& value = Word{}) {
    return host.transact(sender, to, input, gas, value);
  }

  /// Runs a body as the whole of `main()`; the body leaves one word on the stack,
  /// which is returned.
  Word eval(const std::string& body) {
    const Address a = deploy(".fn main locals=8 export=\"main()\"\n" + body +
                             "\n  LSET 7\n  PUSH 0\n  LGET 7\n  MSTORE\n  PUSH 0\n  PUSH 32\n  RETURN\n.end\n");
    ExecResult r = call(a, calldata("main()"));
    EXPECT_EQ(r.status, Status::Success) << r.reason;
    EXPECT_EQ(r.output.size(), 32u);
    if (r.output.size() != 32) return Word{};
    return word_from_be(r.output.data());
  }

  /// Runs a body as `main()` (the body must end the frame itself).
  ExecResult exec(const std::string& body, int64_t gas = 10'000'000, const std::vector<uint8_t>& extra_input = {}) {
    const Address a = deploy(".fn main locals=8 export=\"main()\"\n" + body + "\n.end\n");
    auto input = calldata("main()");
    input.insert(input.end(), extra_input.begin(), extra_input.end());
    return call(a, input, gas);
  }

  Vm vm;
  JournaledHost host;
  Address sender = *parse_address("0x1804c8ab1f12e6bbf3894d4083f33e07309d1f38");
};

}  // namespace tenet::vm::testing

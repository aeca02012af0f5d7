// The denial-of-service patterns (patterns.hpp) and their measured run.
#include "patterns.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <new>
#include <sstream>
#include <stdexcept>

#include "alloc_counter.hpp"
#include "programs.hpp"
#include "tenet/vm/assembler.hpp"
#include "tenet/vm/container.hpp"
#include "tenet/vm/crypto.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::dos {

namespace {

using vm::Word;

/// Gas of a cold call to a code-less account (the fewest a cold call can cost): bounds
/// how many distinct contracts a budget can reach.
constexpr int64_t kColdCallGas = 2600;
/// Gas given to a callee that only stops: a callee that fails (a trap when the code it
/// would load is refused) consumes this, not the caller's budget, so the loop goes on.
constexpr int64_t kCalleeGas = 10'000;
/// Data size of the large hashing, copying and logging patterns.
constexpr uint64_t kLargeData = 64 * 1024;
/// Range of the large copy patterns.
constexpr uint64_t kCopyRange = 256 * 1024;

Word word_of_hex(const char* hex) {
  return *vm::parse_word(hex);
}

/// A full 256-bit operand (top bit set: negative when read as signed).
const Word kFullA =
    word_of_hex("0xf3a1c5e7092b4d6f8193a5b7c9d1e3f5a7b9c1d3e5f708192a3b4c5d6e7f8091");
/// A second full operand.
const Word kFullB =
    word_of_hex("0xd2c4b6a8907e6c5a4e3c2a1f0e9d8c7b6a5f4e3d2c1b0a99887766554433221f");
/// A 160-bit divisor (three limbs: the widest quotient loop of a 4-limb division).
const Word kDivisor160 = word_of_hex("0x9b3e7a1c5f0d2e4b6a8c9d1f3e5a7b9c0d2e4f61");
/// A full 256-bit odd modulus (secp256k1's field prime).
const Word kModulus =
    word_of_hex("0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f");

/// A pattern with one contract whose `run()` is the whole transaction.
Pattern single(std::string name, Resource r, std::string description, std::string source) {
  return Pattern{name, r, std::move(description), [name, source](SetupWorld& w, int64_t) {
                   return Transaction{deploy_source(w, source, name + ".tasm"), run_input()};
                 }};
}

std::string read_source_file(const std::string& relative) {
  std::ifstream in(std::string(TENET_SOURCE_DIR) + "/" + relative);
  if (!in) throw std::runtime_error("cannot read " + relative);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// The baseline: bench/programs/arith_loop.tasm with more iterations than any budget pays.
Pattern arith_loop() {
  return Pattern{
      kBaselinePattern, Resource::Time,
      "bench/programs/arith_loop.tasm until out of gas (the baseline unit)",
      [](SetupWorld& w, int64_t) {
        const auto sel = vm::selector_of("run(uint256)");
        std::vector<uint8_t> input(sel.begin(), sel.end());
        const auto n = vm::word_to_be(Word{~uint64_t{0}});
        input.insert(input.end(), n.begin(), n.end());
        return Transaction{
            deploy_source(w, read_source_file("bench/programs/arith_loop.tasm"), "arith_loop.tasm"),
            input};
      }};
}

/// Calls each of `count` distinct maximal contracts once (addresses in the call data).
Pattern cold_calls_max_contracts() {
  return Pattern{
      "cold_calls_max_contracts", Resource::Time,
      "CALL of many distinct max-size contracts, each once (program cache misses)",
      [](SetupWorld& w, int64_t gas) {
        const size_t size = vm::ContainerLimits::kMaxContainerSize;
        const size_t count = std::max<size_t>(
            1,
            std::min<size_t>(static_cast<size_t>(gas / kColdCallGas) + 1, w.max_code_bytes / size));
        std::vector<Word> addresses;
        for (size_t i = 0; i < count; ++i)
          addresses.push_back(vm::to_word(deploy(w, filled_container(size, uint32_t(i) + 1))));
        const std::string source = loop_fn(
            "locals=1", store_run_selector(),
            call_run("  LGET 0\n  PUSH 32\n  MUL\n  PUSH 4\n  ADD\n  CALLDATALOAD\n", kCalleeGas) +
                "  LGET 0\n  PUSH 1\n  ADD\n  LTEE 0\n  PUSH " + std::to_string(count) +
                "\n  LT\n  ISZERO\n  JUMPI done\n",
            20'000);
        const std::string with_done = source.substr(0, source.size() - 5) + "done:\n  STOP\n.end\n";
        return Transaction{deploy_source(w, with_done, "cold_calls.tasm"), run_input(addresses)};
      }};
}

/// Calls one maximal contract over and over (warm after the first call).
Pattern warm_call_max_contract() {
  return Pattern{"warm_call_max_contract", Resource::Time,
                 "CALL of one max-size contract repeatedly (warm)", [](SetupWorld& w, int64_t) {
                   const vm::Address callee =
                       deploy(w, filled_container(vm::ContainerLimits::kMaxContainerSize, 1));
                   const std::string source =
                       loop_fn("", store_run_selector(),
                               call_run("  PUSH4 4\n  CALLDATALOAD\n", kCalleeGas), 20'000);
                   return Transaction{deploy_source(w, source, "warm_call.tasm"),
                                      run_input(std::vector<Word>{vm::to_word(callee)})};
                 }};
}

/// A caller of `callee_source`'s `run()` in a loop.
/// With `call_once`, the callee is called once before the loop and only `after_call` loops.
Pattern call_loop(std::string name, Resource r, std::string description, std::string callee_source,
                  bool call_once, std::string after_call, int64_t margin) {
  return Pattern{name, r, std::move(description), [=](SetupWorld& w, int64_t) {
                   const vm::Address callee = deploy_source(w, callee_source, name + "_callee");
                   const std::string call = call_run("  PUSH4 4\n  CALLDATALOAD\n");
                   const std::string source =
                       loop_fn("", store_run_selector() + (call_once ? call : ""),
                               (call_once ? "" : call) + after_call, margin);
                   return Transaction{deploy_source(w, source, name + ".tasm"),
                                      run_input(std::vector<Word>{vm::to_word(callee)})};
                 }};
}

/// A contract whose `run()` (re-entrant) grows memory to `words` words and calls itself,
/// while more than the margin is left: external frames nested as deep as gas allows.
std::string nested_source(uint64_t words) {
  return ".fn run reentrant export=\"run()\"\n" + store_run_selector() + grow_memory(words * 32) +
         "  GAS\n  PUSH 10000\n  LT\n  JUMPI done\n" + call_run("  ADDRESS\n") +
         "done:\n  STOP\n.end\n";
}

/// Internal recursion as deep as allowed, each frame with the most locals; at the bottom,
/// an external call to itself starts the same again in a new frame.
std::string recursion_source() {
  const unsigned locals = vm::ContainerLimits::kMaxLocals - 1;
  const int depth = vm::kMaxCallDepth - 4;  // internal calls nest to 1024 per external frame
  return ".fn run reentrant export=\"run()\"\n" + store_run_selector() + "  PUSH " +
         std::to_string(depth) + "\n  CALLF f\n  STOP\n.end\n" +
         ".fn f params=1 locals=" + std::to_string(locals) +
         "\n  LGET 0\n  ISZERO\n  JUMPI out\n  GAS\n  PUSH 20000\n  LT\n  JUMPI out\n"
         "  LGET 0\n  PUSH1 1\n  SUB\n  CALLF f\n  RETF\nout:\n" +
         call_run("  ADDRESS\n") + "  RETF\n.end\n";
}

void add_call_patterns(std::vector<Pattern>& v) {
  v.push_back(cold_calls_max_contracts());
  v.push_back(warm_call_max_contract());
  v.push_back(call_loop("entry_large_frame", Resource::Memory,
                        "external entry into a function declaring the most locals and stack",
                        ".fn run locals=" + std::to_string(vm::ContainerLimits::kMaxLocals) +
                            " max_stack=" + std::to_string(vm::ContainerLimits::kMaxStack) +
                            " export=\"run()\"\n  STOP\n.end\n",
                        false, "", 200'000));
  v.push_back(call_loop(
      "return_large_repeat", Resource::Time, "CALL of a contract that RETURNs 32 KiB, repeatedly",
      ".fn run export=\"run()\"\n  PUSH0\n  PUSH 32768\n  RETURN\n.end\n", false, "", 50'000));
  v.push_back(call_loop(
      "returndatacopy_large", Resource::Time,
      "RETURNDATACOPY of 256 KiB of return data, repeatedly",
      ".fn run export=\"run()\"\n  PUSH0\n  PUSH " + std::to_string(kCopyRange) +
          "\n  RETURN\n.end\n",
      true,
      repeat("  PUSH0\n  PUSH0\n  PUSH " + std::to_string(kCopyRange) + "\n  RETURNDATACOPY\n", 4),
      100'000));
  v.push_back(
      single("nested_calls_memory", Resource::Memory,
             "external calls nested as deep as gas allows, each frame growing memory to 32 KiB",
             nested_source(1024)));
  v.push_back(single("nested_calls_memory_256k", Resource::Memory,
                     "external calls nested as deep as gas allows, each frame growing memory to "
                     "256 KiB",
                     nested_source(8192)));
  v.push_back(single("nested_calls_plain", Resource::Memory,
                     "external calls nested as deep as gas allows (frames only)",
                     nested_source(1)));
  v.push_back(single("internal_recursion_max_locals", Resource::Memory,
                     "CALLF recursion as deep as allowed with 4095 locals per frame, then an "
                     "external call that does it again",
                     recursion_source()));
  v.push_back(single("callf_max_locals", Resource::Time,
                     "CALLF of a function with the most locals, repeatedly",
                     loop_fn("", "", repeat("  CALLF big\n", 4), 100'000) + ".fn big locals=" +
                         std::to_string(vm::ContainerLimits::kMaxLocals) + "\n  RETF\n.end\n"));
  v.push_back(single(
      "call_codeless_cold", Resource::Time, "CALL of distinct code-less accounts (each cold)",
      loop_fn("locals=1", "  PUSH 0x1000000\n  LSET 0\n",
              call_run("  LGET 0\n", kCalleeGas) + "  LGET 0\n  PUSH1 1\n  ADD\n  LSET 0\n",
              30'000)));
}

void add_memory_patterns(std::vector<Pattern>& v) {
  const std::string large = std::to_string(kLargeData);
  const std::string range = std::to_string(kCopyRange);
  v.push_back(single("memory_one_frame", Resource::Memory,
                     "one frame's memory grown 1 KiB at a time until out of gas",
                     loop_fn("locals=1", "",
                             "  LGET 0\n  PUSH 1024\n  ADD\n  LTEE 0\n  PUSH1 1\n  MSTORE8\n", 0)));
  v.push_back(single(
      "debuglog_64k", Resource::Memory, "DEBUGLOG of 64 KiB until out of gas",
      loop_fn("", grow_memory(kLargeData), "  PUSH0\n  PUSH " + large + "\n  DEBUGLOG\n", 0)));
  v.push_back(single(
      "log4_large", Resource::Memory, "LOG4 of 64 KiB until out of gas",
      loop_fn("", grow_memory(kLargeData),
              "  PUSH0\n  PUSH " + large + "\n  PUSH1 1\n  PUSH1 2\n  PUSH1 3\n  PUSH1 4\n  LOG4\n",
              0)));
  v.push_back(single(
      "log4_empty", Resource::Memory, "LOG4 with no data, repeatedly",
      loop_fn("", "", "  PUSH0\n  PUSH0\n  PUSH1 1\n  PUSH1 2\n  PUSH1 3\n  PUSH1 4\n  LOG4\n",
              20'000)));
  v.push_back(
      single("mcopy_large", Resource::Time, "MCOPY of 256 KiB within memory, repeatedly",
             loop_fn("", grow_memory(2 * kCopyRange),
                     repeat("  PUSH " + range + "\n  PUSH0\n  PUSH " + range + "\n  MCOPY\n", 4),
                     100'000)));
  v.push_back(Pattern{
      "calldatacopy_large", Resource::Time, "CALLDATACOPY of 256 KiB of call data, repeatedly",
      [range](SetupWorld& w, int64_t) {
        const std::string source = loop_fn(
            "", "", repeat("  PUSH0\n  PUSH0\n  PUSH " + range + "\n  CALLDATACOPY\n", 4), 100'000);
        std::vector<uint8_t> input = run_input();
        input.resize(kCopyRange, 0xa5);
        return Transaction{deploy_source(w, source, "calldatacopy.tasm"), input};
      }});
}

void add_compute_patterns(std::vector<Pattern>& v) {
  const std::string large = std::to_string(kLargeData);
  auto hashing = [&](std::string name, const char* op, bool big) {
    v.push_back(
        single(name, Resource::Time,
               std::string(op) + (big ? " of 64 KiB" : " of nothing") + ", repeatedly",
               loop_fn("", big ? grow_memory(kLargeData) : "",
                       big ? "  PUSH0\n  PUSH " + large + "\n  " + op + "\n  POP\n"
                           : repeat(std::string("  PUSH0\n  PUSH0\n  ") + op + "\n  POP\n", 16),
                       big ? 200'000 : 10'000)));
  };
  hashing("keccak_empty", "KECCAK256", false);
  hashing("keccak_large", "KECCAK256", true);
  hashing("sha256_empty", "SHA256", false);
  hashing("sha256_large", "SHA256", true);

  const vm::Hash256 key = vm::keccak256(std::vector<uint8_t>{'d', 'o', 's'});
  const vm::Hash256 digest = vm::keccak256(std::vector<uint8_t>{'m', 's', 'g'});
  const auto sig = vm::sign(key, digest);
  const std::string ecrecover = push(vm::word_from_be(digest.data())) + push(Word{sig->v}) +
                                push(vm::word_from_be(sig->r.data())) +
                                push(vm::word_from_be(sig->s.data())) + "  ECRECOVER\n  POP\n";
  v.push_back(single("ecrecover_valid", Resource::Time,
                     "ECRECOVER of a valid signature, repeatedly",
                     loop_fn("", "", repeat(ecrecover, 4), 50'000)));

  auto arith = [&](std::string name, const char* op, const Word& second, bool ternary,
                   int unroll = 16) {
    const std::string setup =
        push(kFullA) + "  LSET 0\n" + push(second) + "  LSET 1\n" + push(kModulus) + "  LSET 2\n";
    const std::string one = std::string("  LGET 0\n  LGET 1\n") + (ternary ? "  LGET 2\n" : "") +
                            "  " + op + "\n  POP\n";
    v.push_back(single(name, Resource::Time,
                       std::string(op) + " of full 256-bit operands, repeatedly",
                       loop_fn("locals=3", setup, repeat(one, unroll), 10'000)));
  };
  arith("div_full", "DIV", kDivisor160, false);
  arith("mod_full", "MOD", kDivisor160, false);
  arith("sdiv_full", "SDIV", kDivisor160, false);
  arith("smod_full", "SMOD", kDivisor160, false);
  arith("addmod_full", "ADDMOD", kFullB, true);
  arith("mulmod_full", "MULMOD", kFullB, true);
  arith("exp_32byte", "EXP", kFullB, false, 4);

  std::string table =
      "  LGET 0\n  PUSH 0x9e3779b97f4a7c15\n  MUL\n  PUSH1 1\n  ADD\n  LTEE 0\n"
      "  PUSH1 248\n  SHR\n  JUMPTABLE next";
  std::string targets;
  for (int i = 0; i < 256; ++i) {
    table += ", t" + std::to_string(i);
    targets += "t" + std::to_string(i) + ":\n  JUMP next\n";
  }
  v.push_back(single("jumptable_random", Resource::Time,
                     "JUMPTABLE of 256 targets with a pseudo-random index",
                     loop_fn("locals=1", "", table + "\n" + targets + "next:\n", 10'000)));
}

void add_state_patterns(std::vector<Pattern>& v) {
  const std::string next = "  LGET 0\n  PUSH1 1\n  ADD\n  LSET 0\n";
  v.push_back(single("sstore_new_slots", Resource::Memory, "SSTORE of new slots (journal growth)",
                     loop_fn("locals=1", "", "  LGET 0\n  PUSH1 1\n  SSTORE\n" + next, 50'000)));
  v.push_back(single("sload_cold", Resource::Time, "SLOAD of distinct cold slots",
                     loop_fn("locals=1", "", "  LGET 0\n  SLOAD\n  POP\n" + next, 10'000)));
  v.push_back(single("balance_cold", Resource::Time, "BALANCE of distinct cold accounts",
                     loop_fn("locals=1", "  PUSH 0x1000000\n  LSET 0\n",
                             "  LGET 0\n  BALANCE\n  POP\n" + next, 20'000)));
  v.push_back(Pattern{"transfer_new_accounts", Resource::Memory,
                      "TRANSFER of 1 wei to distinct new accounts", [next](SetupWorld& w, int64_t) {
                        const vm::Address a = deploy_source(
                            w,
                            loop_fn("locals=1", "  PUSH 0x1000000\n  LSET 0\n",
                                    "  LGET 0\n  PUSH1 1\n  TRANSFER\n  POP\n" + next, 50'000),
                            "transfer.tasm");
                        w.host.set_balance(a, Word{0, 1, 0, 0});
                        return Transaction{a, run_input()};
                      }});
  const std::vector<uint8_t> child = assemble_or_throw(stop_contract(), "child.tasm");
  v.push_back(
      single("create_small_children", Resource::Memory, "CREATE of a small child, repeatedly",
             ".child " + vm::hex_encode(child) + "\n" +
                 loop_fn("", "", "  PUSH0\n  PUSH0\n  PUSH0\n  CREATE 0\n  POP\n", 100'000)));
  v.push_back(
      Pattern{"create_large_child", Resource::Time,
              "CREATE of the largest child a container can hold", [](SetupWorld& w, int64_t) {
                auto parent = vm::assemble(
                    ".child " + vm::hex_encode(assemble_or_throw(stop_contract(), "c")) + "\n" +
                        loop_fn("", "", "  PUSH0\n  PUSH0\n  PUSH0\n  CREATE 0\n  POP\n", 0),
                    "create_large.tasm");
                if (!parent) throw std::runtime_error(parent.error().message);
                const size_t overhead =
                    vm::serialize_container(*parent).size() - parent->children[0].size();
                size_t child_size = vm::ContainerLimits::kMaxContainerSize - overhead;
                std::vector<uint8_t> bytes;
                do {
                  parent->children[0] = filled_container(child_size, 7);
                  bytes = vm::serialize_container(*parent);
                  child_size -= 8;
                } while (bytes.size() > vm::ContainerLimits::kMaxContainerSize);
                return Transaction{deploy(w, bytes), run_input()};
              }});
}

std::vector<Pattern> make_patterns() {
  std::vector<Pattern> v;
  v.push_back(arith_loop());
  add_call_patterns(v);
  add_memory_patterns(v);
  add_compute_patterns(v);
  add_state_patterns(v);
  return v;
}

}  // namespace

const std::vector<Pattern>& patterns() {
  static const std::vector<Pattern> all = make_patterns();
  return all;
}

RunResult run_pattern(const Pattern& pattern, int64_t gas, const RunOptions& options) {
  const vm::Address sender = *vm::parse_address("0x1804c8ab1f12e6bbf3894d4083f33e07309d1f38");
  vm::Vm vm;
  vm::JournaledHost host(vm);
  Transaction tx;
  {
    // Set up on a separate VM, then copy the accounts: the measured VM starts with a cold
    // code cache, as a node does after a restart or after the attacker flushed its cache.
    vm::Vm setup_vm;
    vm::JournaledHost setup_host(setup_vm);
    setup_host.set_balance(sender, Word{0, 0, 1, 0});
    SetupWorld world{setup_vm, setup_host, sender, options.max_code_bytes};
    tx = pattern.prepare(world, gas);
    for (const auto& [address, account] : setup_host.accounts()) {
      host.set_balance(address, account.balance);
      host.set_nonce(address, account.nonce);
      if (!account.code.empty()) host.set_code(address, account.code);
    }
  }
  RunResult result;
  result.gas_limit = gas;
  reset_peak();
  const size_t base = live_bytes();
  if (options.limit_bytes) set_limit(base + options.limit_bytes);
  const auto start = std::chrono::steady_clock::now();
  vm::ExecResult r;
  try {
    r = host.transact(sender, tx.to, tx.input, gas);
  } catch (const std::bad_alloc&) {
    result.exhausted = true;
  }
  set_limit(0);
  const auto stop = std::chrono::steady_clock::now();
  result.peak_bytes = peak_bytes() - base;
  result.nanoseconds = static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(stop - start).count());
  result.status = r.status;
  result.gas_used = gas - r.gas_left;
  result.reason = r.reason;
  return result;
}

RunResult run_pattern_bounded(const Pattern& pattern, int64_t gas, size_t ceiling_bytes,
                              const RunOptions& options, int64_t start_gas) {
  RunOptions hard_limit = options;
  hard_limit.limit_bytes = 2 * ceiling_bytes;
  int64_t g = std::min(gas, start_gas);
  RunResult last = run_pattern(pattern, g, hard_limit);
  while (g < gas && !last.exhausted) {
    const int64_t next = std::min(gas, g * 2);
    const double projected =
        static_cast<double>(last.peak_bytes) * static_cast<double>(next) / static_cast<double>(g);
    if (projected > static_cast<double>(ceiling_bytes)) break;
    RunResult attempt = run_pattern(pattern, next, hard_limit);
    if (attempt.exhausted) break;
    g = next;
    last = std::move(attempt);
  }
  last.reduced = last.gas_limit < gas;
  return last;
}

}  // namespace tenet::dos

// Building blocks of the denial-of-service patterns: loop skeletons, filled containers,
// deployment.
#include "programs.hpp"

#include <stdexcept>

#include "tenet/vm/assembler.hpp"
#include "tenet/vm/container.hpp"
#include "tenet/vm/crypto.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::dos {

namespace {

/// Gas given to a set-up deployment (200 gas per byte of a maximal container and more).
constexpr int64_t kDeployGas = int64_t{1} << 50;

}  // namespace

std::string push(const vm::Word& w) {
  return "  PUSH " + vm::to_hex(w) + "\n";
}

std::string loop_fn(const std::string& attrs, const std::string& setup, const std::string& body,
                    int64_t margin) {
  std::string s = ".fn run " + attrs + " export=\"run()\"\n" + setup + "loop:\n" + body;
  if (margin == 0) return s + "  JUMP loop\n.end\n";
  return s + "  GAS\n  PUSH " + std::to_string(margin) + "\n  GT\n  JUMPI loop\n  STOP\n.end\n";
}

std::string repeat(const std::string& text, int count) {
  std::string s;
  for (int i = 0; i < count; ++i) s += text;
  return s;
}

std::string grow_memory(uint64_t bytes) {
  return "  PUSH " + std::to_string(bytes - 1) + "\n  PUSH1 1\n  MSTORE8\n";
}

std::string store_run_selector() {
  const auto sel = vm::selector_of("run()");
  std::array<uint8_t, 32> word{};
  std::copy(sel.begin(), sel.end(), word.begin());
  return "  PUSH0\n" + push(vm::word_from_be(word.data())) + "  MSTORE\n";
}

std::string call_run(const std::string& to_lines, int64_t gas) {
  return (gas ? "  PUSH " + std::to_string(gas) + "\n" : std::string("  GAS\n")) + to_lines +
         "  PUSH0\n  PUSH0\n  PUSH1 4\n  CALL\n  POP\n";
}

std::string stop_contract() {
  return ".fn run export=\"run()\"\n  STOP\n.end\n";
}

std::vector<uint8_t> filled_container(size_t size, uint32_t variant) {
  vm::Container c;
  // run(): PUSH4 variant; POP; STOP — the variant makes every container's code distinct.
  const std::vector<uint8_t> run_code{0x12,
                                      static_cast<uint8_t>(variant >> 24),
                                      static_cast<uint8_t>(variant >> 16),
                                      static_cast<uint8_t>(variant >> 8),
                                      static_cast<uint8_t>(variant),
                                      0x15,
                                      0x00};
  c.exports.push_back({vm::selector_of("run()"), 0});
  auto build = [&](size_t pairs) {
    c.code = run_code;
    c.code.reserve(run_code.size() + 2 * pairs + 1);
    for (size_t i = 0; i < pairs; ++i) {
      c.code.push_back(0x10);  // PUSH0
      c.code.push_back(0x15);  // POP
    }
    c.code.push_back(0x00);  // STOP
    c.functions = {
        vm::FunctionInfo{0, static_cast<uint32_t>(run_code.size()), 0, 0, 0, 1, 0},
        vm::FunctionInfo{static_cast<uint32_t>(run_code.size()),
                         static_cast<uint32_t>(c.code.size() - run_code.size()), 0, 0, 0, 1, 0}};
    return vm::serialize_container(c);
  };
  const size_t overhead = build(0).size();
  size_t pairs = size > overhead ? (size - overhead) / 2 : 0;
  std::vector<uint8_t> bytes = build(pairs);
  while (bytes.size() > size && pairs > 0) bytes = build(--pairs);
  return bytes;
}

std::vector<uint8_t> assemble_or_throw(const std::string& source, const std::string& name) {
  auto c = vm::assemble(source, name);
  if (!c) throw std::runtime_error(name + ": " + c.error().message);
  return vm::serialize_container(*c);
}

vm::Address deploy(SetupWorld& world, std::span<const uint8_t> container) {
  vm::ExecResult r = world.host.deploy(world.sender, container, kDeployGas);
  if (r.status != vm::Status::Success)
    throw std::runtime_error("set-up deployment failed: " + std::string(vm::status_name(r.status)) +
                             " " + r.reason);
  return r.created;
}

vm::Address deploy_source(SetupWorld& world, const std::string& source, const std::string& name) {
  return deploy(world, assemble_or_throw(source, name));
}

std::vector<uint8_t> run_input(std::span<const vm::Word> words) {
  const auto sel = vm::selector_of("run()");
  std::vector<uint8_t> input(sel.begin(), sel.end());
  for (const vm::Word& w : words) {
    const auto be = vm::word_to_be(w);
    input.insert(input.end(), be.begin(), be.end());
  }
  return input;
}

}  // namespace tenet::dos

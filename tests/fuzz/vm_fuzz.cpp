// libFuzzer target over the validator and the interpreter. Random inputs must never
// crash, hang or read out of bounds (run under ASan+UBSan).
//
// Input: one mode byte, then
//   mode even: a whole container (parse → validate → deploy → call every export);
//   mode odd:  raw code for one exported function inside a well-formed container, so
//              the fuzzer spends its time on the validator and interpreter rules.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "tenet/vm/container.hpp"
#include "tenet/vm/journaled_host.hpp"
#include "tenet/vm/validator.hpp"
#include "tenet/vm/vm.hpp"

namespace {

using namespace tenet::vm;

constexpr int64_t kGas = 200'000;

void run_container(const std::vector<uint8_t>& bytes) {
  auto parsed = parse_container(bytes);
  if (!parsed) return;
  // Serialising what was parsed must reproduce the bytes it consumed.
  const auto again = serialize_container(parsed->container);
  if (!std::equal(again.begin(), again.end(), bytes.begin())) __builtin_trap();
  Vm vm;
  // Block 300 with a chain behind it, so BLOCKHASH reaches the host (its window is 44..299).
  TxContext context;
  context.number = 300;
  context.difficulty = Word{1};
  JournaledHost host(vm, context);
  host.set_block_hashes([](uint64_t n) { return Word{n, 0, 0, 0xb10c}; });
  const Address sender = *parse_address("0x1804c8ab1f12e6bbf3894d4083f33e07309d1f38");
  host.set_balance(sender, Word{1'000'000});
  ExecResult d = host.deploy(sender, bytes, kGas);
  if (d.status != Status::Success) return;
  for (const auto& e : parsed->container.exports) {
    std::vector<uint8_t> input(e.selector.begin(), e.selector.end());
    input.resize(36, 0x11);
    host.transact(sender, d.created, input, kGas);
  }
  host.transact(sender, d.created, {}, kGas, Word{1});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const uint8_t mode = data[0];
  std::vector<uint8_t> rest(data + 1, data + size);
  if (mode % 2 == 0) {
    run_container(rest);
    return 0;
  }
  if (rest.size() < 3) return 0;
  Container c;
  FunctionInfo main_fn{0, static_cast<uint32_t>(rest.size() - 2), 0, 0, rest[0], 1024, 0};
  c.code.assign(rest.begin() + 2, rest.end());
  c.functions.push_back(main_fn);
  // A helper function callable with CALLF 1: params/results from the second byte.
  c.functions.push_back(FunctionInfo{main_fn.code_size, 1, static_cast<uint8_t>(rest[1] & 3),
                                     static_cast<uint8_t>((rest[1] >> 2) & 3), 2, 16, 0});
  c.code.push_back(0x01);  // TRAP
  c.exports.push_back(ExportEntry{{0, 0, 0, 1}, 0});
  c.constants.push_back(Word{0, 0, 0, 1});
  run_container(serialize_container(c));
  return 0;
}

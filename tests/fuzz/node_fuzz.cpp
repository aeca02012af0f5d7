// libFuzzer target over the node's readers of untrusted bytes (node_harness.hpp): no input
// may crash, hang, be accepted in a form it cannot give back, or get a JSON-RPC answer that
// is not JSON-RPC 2.0. Run by `make fuzz-node` (tests/fuzz/README.md).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>

#include "node_harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto outcome = tenet::fuzz::run_node_input(std::span<const uint8_t>(data, size));
  if (outcome.defects.empty()) return 0;
  for (const auto& defect : outcome.defects) std::fprintf(stderr, "defect: %s\n", defect.c_str());
  std::abort();  // libFuzzer saves the input as crash-…
}

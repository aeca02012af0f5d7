// libFuzzer target over the node's decoders of untrusted bytes (node_harness.hpp): no input
// may crash, hang, or be accepted in a form it cannot give back. Run by `make fuzz-node`
// (tests/fuzz/README.md).
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

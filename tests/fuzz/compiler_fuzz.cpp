// libFuzzer target over the whole compile pipeline (compiler_harness.hpp): no input may
// crash, hang, or make the compiler emit bytecode that fails validation. Run by
// `make fuzz-compiler` (tests/fuzz/README.md).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>

#include "compiler_harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto outcome =
      tenet::fuzz::compile_input(std::span<const uint8_t>(data, size), TENET_STDLIB_DIR);
  if (outcome.defects.empty()) return 0;
  for (const auto& defect : outcome.defects) std::fprintf(stderr, "defect: %s\n", defect.c_str());
  std::abort();  // libFuzzer saves the input as crash-…
}

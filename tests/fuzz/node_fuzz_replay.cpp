// Replays the saved node fuzz corpus (tests/fuzz/node_corpus/) through the same harness as
// the libFuzzer target, in the release build. Usage: tenet_node_fuzz_replay <file or
// directory>... Prints one line per defect and a summary; exits 1 on any defect.
#include <chrono>
#include <cstdio>

#include "corpus_files.hpp"
#include "node_harness.hpp"

int main(int argc, char** argv) {
  const auto files = tenet::fuzz::corpus_files(1, argc, argv);
  if (files.empty()) {
    std::fprintf(stderr, "usage: %s <corpus file or directory>...\n", argv[0]);
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  size_t accepted = 0, defective = 0;
  for (const auto& file : files) {
    const auto outcome = tenet::fuzz::run_node_input(tenet::fuzz::corpus_bytes(file));
    accepted += outcome.accepted ? 1 : 0;
    if (outcome.defects.empty()) continue;
    ++defective;
    for (const auto& defect : outcome.defects)
      std::printf("%s: defect: %s\n", file.string().c_str(), defect.c_str());
  }
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  std::printf("%zu inputs: %zu accepted, %zu with defects, %lld ms\n", files.size(), accepted,
              defective, static_cast<long long>(ms));
  return defective == 0 ? 0 : 1;
}

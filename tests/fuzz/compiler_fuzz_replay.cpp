// Replays the saved compiler fuzz corpus (tests/fuzz/compiler_corpus/) through the
// same harness as the libFuzzer target, in the release build: every input must compile
// or be rejected cleanly. Usage: tenet_compiler_fuzz_replay [--verbose] <file or directory>...
// Prints one line per defect (with --verbose, also per compile error after sema) and a
// summary; exits 1 on any defect.
#include <chrono>
#include <cstdio>
#include <string>

#include "compiler_harness.hpp"
#include "corpus_files.hpp"

int main(int argc, char** argv) {
  const bool verbose = argc > 1 && std::string(argv[1]) == "--verbose";
  const auto files = tenet::fuzz::corpus_files(verbose ? 2 : 1, argc, argv);
  if (files.empty()) {
    std::fprintf(stderr, "usage: %s [--verbose] <corpus file or directory>...\n", argv[0]);
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  size_t checked = 0, compiled = 0, rejected = 0, defective = 0;
  for (const auto& file : files) {
    const auto bytes = tenet::fuzz::corpus_bytes(file);
    const auto outcome = tenet::fuzz::compile_input(bytes, TENET_STDLIB_DIR);
    checked += outcome.checked ? 1 : 0;
    compiled += outcome.compiled;
    rejected += outcome.rejected.size();
    for (const auto& message : outcome.rejected)
      if (verbose) std::printf("%s: rejected: %s\n", file.string().c_str(), message.c_str());
    if (outcome.defects.empty()) continue;
    ++defective;
    for (const auto& defect : outcome.defects)
      std::printf("%s: defect: %s\n", file.string().c_str(), defect.c_str());
  }
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  std::printf(
      "%zu inputs (%zu passed sema): %zu contracts compiled and validated, %zu rejected after "
      "sema, %zu inputs with defects, %lld ms\n",
      files.size(), checked, compiled, rejected, defective, static_cast<long long>(ms));
  return defective == 0 ? 0 : 1;
}

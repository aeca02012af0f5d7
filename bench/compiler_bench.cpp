// Front-end benchmark: parse + semantic analysis of a generated 10,000-line contract
// (issue target: under 1 s on the project machine).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <string>

#include "tenet/compiler/diagnostics.hpp"
#include "tenet/compiler/parser.hpp"
#include "tenet/compiler/sema.hpp"
#include "tenet/compiler/source.hpp"

namespace {

using namespace tenet::compiler;

/// A contract of `functions` functions, 10 lines each, using storage, maps, loops,
/// arithmetic, events and errors: about 10 lines per function plus a header.
std::string generated_program(int functions) {
  std::string src =
      "event Moved(from: address indexed, to: address indexed, amount: u256);\n"
      "error Short(have: u256, need: u256);\n"
      "contract Big {\n"
      "    pub total: u256;\n"
      "    balances: map<address, u256>;\n";
  for (int i = 0; i < functions; ++i) {
    const std::string n = std::to_string(i);
    src += "    pub fn f" + n + "(to: address, amount: u256) -> u256 {\n"
           "        let have = self.balances[msg.sender];\n"
           "        if have < amount { revert Short(have, amount); }\n"
           "        let mut acc: u256 = 0;\n"
           "        for i in 0.." + std::to_string(i % 7 + 1) + " { acc += i * " + n + " + (amount >> 2); }\n"
           "        self.balances[msg.sender] = have - amount;\n"
           "        self.balances[to] += amount;\n"
           "        emit Moved(msg.sender, to, amount);\n"
           "        return acc +% self.total;\n"
           "    }\n";
  }
  src += "}\n";
  return src;
}

/// Lines in a string.
size_t line_count(const std::string& s) { return static_cast<size_t>(std::count(s.begin(), s.end(), '\n')); }

void BM_ParseAndCheck(benchmark::State& state) {
  const std::string src = generated_program(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    SourceManager sources;
    DiagnosticEngine diagnostics;
    const FileId id = sources.add_file("big.tn", src);
    auto program = check_program(sources, id, TENET_SOURCE_DIR "/stdlib", diagnostics);
    if (diagnostics.error_count() != 0) {
      state.SkipWithError("the generated program has errors");
      return;
    }
    benchmark::DoNotOptimize(program.get());
  }
  state.counters["lines"] = static_cast<double>(line_count(src));
}

void BM_ParseOnly(benchmark::State& state) {
  const std::string src = generated_program(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    SourceManager sources;
    DiagnosticEngine diagnostics;
    const FileId id = sources.add_file("big.tn", src);
    auto file = parse_file(sources, id, diagnostics);
    benchmark::DoNotOptimize(file.get());
  }
  state.counters["lines"] = static_cast<double>(line_count(src));
}

BENCHMARK(BM_ParseAndCheck)->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseOnly)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace
BENCHMARK_MAIN();

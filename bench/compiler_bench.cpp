// Compiler benchmarks: parse + semantic analysis of a generated 10,000-line contract
// (issue target: under 1 s on the project machine); the whole compiler (parse, check,
// irgen, optimisation, codegen) on the conformance corpus and on each contract of
// bench/contracts/, at -O0 and -O2.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "compile_support.hpp"

#include "tenet/compiler/diagnostics.hpp"
#include "tenet/compiler/parser.hpp"
#include "tenet/compiler/sema.hpp"
#include "tenet/compiler/source.hpp"

namespace {

using namespace tenet::compiler;

/// Lines in a string.
size_t line_count(const std::string& s) { return static_cast<size_t>(std::count(s.begin(), s.end(), '\n')); }

void BM_ParseAndCheck(benchmark::State& state) {
  const std::string src = tenet::bench::generated_program(static_cast<int>(state.range(0)));
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
  const std::string src = tenet::bench::generated_program(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    SourceManager sources;
    DiagnosticEngine diagnostics;
    const FileId id = sources.add_file("big.tn", src);
    auto file = parse_file(sources, id, diagnostics);
    benchmark::DoNotOptimize(file.get());
  }
  state.counters["lines"] = static_cast<double>(line_count(src));
}

/// The optimisation level of a benchmark argument (0 or 2).
OptLevel level_of(int64_t arg) {
  return arg == 0 ? OptLevel::O0 : arg == 1 ? OptLevel::O1 : OptLevel::O2;
}

/// A source file held in memory, so that file reading stays out of the timings.
struct CorpusFile {
  std::string name;  ///< the path
  std::string text;  ///< the contents
};

/// Every `.tn` file under tests/conformance/ (whatever exists when the benchmark runs,
/// subdirectories included) and bench/contracts/, sorted by path.
std::vector<CorpusFile> corpus_files() {
  std::vector<std::filesystem::path> paths;
  for (const char* dir : {"/tests/conformance", "/bench/contracts"}) {
    const std::filesystem::path root = std::string(TENET_SOURCE_DIR) + dir;
    std::error_code ec;
    if (!std::filesystem::is_directory(root, ec)) continue;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root, ec)) {
      if (entry.is_regular_file() && entry.path().extension() == ".tn") paths.push_back(entry.path());
    }
  }
  std::sort(paths.begin(), paths.end());
  std::vector<CorpusFile> files;
  for (const auto& path : paths) {
    if (auto text = tenet::bench::read_text(path)) files.push_back({path.string(), std::move(*text)});
  }
  return files;
}

/// Compiles the whole corpus (every contract of every file, with its imports) per
/// iteration. Files without a contract are compiled through the files that import them.
/// A file that does not compile at this level is left out of the timing, counted in
/// `failed` and named on stderr, so the figure always says how much of the corpus it covers.
void BM_CompileCorpus(benchmark::State& state) {
  const OptLevel level = level_of(state.range(0));
  std::vector<CorpusFile> files;
  double contracts = 0;
  double lines = 0;
  double failed = 0;
  for (auto& file : corpus_files()) {
    auto compiled = tenet::bench::compile_source(file.name, file.text, level);
    if (!compiled) {
      ++failed;
      // Said once per level, although Google Benchmark runs this function more than once.
      static std::set<std::pair<int64_t, std::string>> reported;
      if (reported.emplace(state.range(0), file.name).second) {
        const std::string& message = compiled.error().message;
        std::cerr << "BM_CompileCorpus/O:" << state.range(0) << ": left out "
                  << message.substr(0, message.find('\n')) << "\n";
      }
      continue;
    }
    if (compiled->empty()) continue;  // a module of imported items only (compiled by its importers)
    contracts += static_cast<double>(compiled->size());
    lines += static_cast<double>(line_count(file.text));
    files.push_back(std::move(file));
  }
  if (files.empty()) {
    state.SkipWithError("no file of the corpus compiles");
    return;
  }
  for (auto _ : state) {
    for (const auto& file : files) {
      auto compiled = tenet::bench::compile_source(file.name, file.text, level);
      benchmark::DoNotOptimize(compiled.ok());
    }
  }
  state.counters["files"] = static_cast<double>(files.size());
  state.counters["contracts"] = contracts;
  state.counters["lines"] = lines;
  state.counters["failed"] = failed;
  state.counters["lines/s"] =
      benchmark::Counter(lines * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

/// Compiles one contract file of bench/contracts/ per iteration.
void BM_CompileBenchContract(benchmark::State& state, const std::string& contract) {
  const OptLevel level = level_of(state.range(0));
  const std::string path = std::string(TENET_SOURCE_DIR) + "/bench/contracts/" + contract + ".tn";
  const auto text = tenet::bench::read_text(path);
  if (!text) {
    state.SkipWithError(("cannot read " + path).c_str());
    return;
  }
  size_t code_bytes = 0;
  for (auto _ : state) {
    auto compiled = tenet::bench::compile_source(path, *text, level);
    if (!compiled) {
      state.SkipWithError(compiled.error().message.c_str());
      return;
    }
    if (!compiled->empty()) code_bytes = compiled->front().bytecode.size();
  }
  state.counters["code_bytes"] = static_cast<double>(code_bytes);
}

BENCHMARK(BM_ParseAndCheck)->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseOnly)->Arg(1000)->Unit(benchmark::kMillisecond);

/// The arguments of the whole-compiler benchmarks: the optimisation levels -O0 and -O2.
void at_levels(benchmark::internal::Benchmark* b) {
  b->ArgName("O")->Arg(0)->Arg(2)->Unit(benchmark::kMillisecond);
}

BENCHMARK(BM_CompileCorpus)->Apply(at_levels);
BENCHMARK_CAPTURE(BM_CompileBenchContract, ArithLoop, std::string("ArithLoop"))->Apply(at_levels);
BENCHMARK_CAPTURE(BM_CompileBenchContract, Fib, std::string("Fib"))->Apply(at_levels);
BENCHMARK_CAPTURE(BM_CompileBenchContract, KeccakChain, std::string("KeccakChain"))->Apply(at_levels);
BENCHMARK_CAPTURE(BM_CompileBenchContract, Token, std::string("Token"))->Apply(at_levels);

}  // namespace
BENCHMARK_MAIN();

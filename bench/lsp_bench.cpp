// Language-server benchmark (docs/cli.md "tenet lsp"): the time from a one-line change of a
// generated 2,000-line file (textDocument/didChange, incremental) to its diagnostics —
// applying the change, parsing, semantic analysis and the publishDiagnostics message, as
// `tenet lsp` does on every keystroke. The target is 100 ms.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "compile_support.hpp"
#include "tenet/lsp/server.hpp"

namespace {

using nlohmann::json;

void BM_DiagnosticsAfterOneLineChange(benchmark::State& state) {
  const std::string text = tenet::bench::generated_program(static_cast<int>(state.range(0)));
  tenet::lsp::Server server(tenet::lsp::ServerOptions{TENET_SOURCE_DIR "/stdlib"});
  const std::string uri = "file:///tmp/tenet-lsp-bench/Big.tn";
  server.handle(json{{"jsonrpc", "2.0"},
                     {"id", 1},
                     {"method", "initialize"},
                     {"params", {{"capabilities", json::object()}}}}
                    .dump());
  server.handle(json{
      {"jsonrpc", "2.0"},
      {"method", "textDocument/didOpen"},
      {"params",
       {{"textDocument", {{"uri", uri}, {"languageId", "tenet"}, {"version", 1}, {"text", text}}}}}}
                    .dump());
  int version = 1;
  for (auto _ : state) {
    // Line 8 is `let mut acc: u256 = 0;` of f0: its initial value alternates 1 and 0.
    ++version;
    const std::string body = json{{"jsonrpc", "2.0"},
                                  {"method", "textDocument/didChange"},
                                  {"params",
                                   {{"textDocument", {{"uri", uri}, {"version", version}}},
                                    {"contentChanges",
                                     {{{"range",
                                        {{"start", {{"line", 8}, {"character", 28}}},
                                         {"end", {{"line", 8}, {"character", 29}}}}},
                                       {"text", version % 2 == 0 ? "1" : "0"}}}}}}}
                                 .dump();
    auto out = server.handle(body);
    if (out.size() != 1 || !out[0]["params"]["diagnostics"].empty()) {
      state.SkipWithError("the change did not give empty diagnostics");
      return;
    }
    benchmark::DoNotOptimize(out);
  }
  state.counters["lines"] = static_cast<double>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

BENCHMARK(BM_DiagnosticsAfterOneLineChange)->Arg(200)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();

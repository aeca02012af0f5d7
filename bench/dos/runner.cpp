// tenet_dos_bench: runs every denial-of-service pattern (patterns.hpp) at a gas budget and
// prints, worst first, its time and native memory per gas against the arithmetic loop's.
// The goal (issue 9): every pattern ≤ 5 × the arithmetic loop's ns per gas and ≤ 64 MiB
// at the block gas limit. `make bench-dos` runs it; docs/vm.md describes it.
//
//   tenet_dos_bench [--gas N] [--filter REGEX] [--repeat N] [--ceiling-mib N] [--list]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <regex>
#include <string>
#include <vector>

#include "patterns.hpp"

namespace {

using tenet::dos::Pattern;
using tenet::dos::RunResult;

/// The goal: time per gas at most this many times the arithmetic loop's.
constexpr double kMaxRatio = 5.0;
/// The goal: native memory held at the budget.
constexpr double kMaxPeakBytes = 64.0 * 1024 * 1024;

struct Options {
  int64_t gas = 30'000'000;
  std::string filter;
  int repeat = 3;
  size_t ceiling_bytes = size_t{1} << 30;
  bool list = false;
};

struct Row {
  const Pattern* pattern;
  RunResult run;
  double ns_per_gas = 0;
  double ratio = 0;
  double bytes_per_gas = 0;
  double peak_at_budget = 0;  ///< bytes: measured, or bytes/gas × budget if the run was reduced
  double badness = 0;         ///< max(ratio / goal, peak / goal)
};

bool parse_args(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    const char* v = nullptr;
    if (a == "--list") {
      o.list = true;
    } else if ((a == "--gas" || a == "--filter" || a == "--repeat" || a == "--ceiling-mib") &&
               (v = value())) {
      if (a == "--gas") o.gas = std::strtoll(v, nullptr, 10);
      if (a == "--filter") o.filter = v;
      if (a == "--repeat") o.repeat = std::max(1, std::atoi(v));
      if (a == "--ceiling-mib") o.ceiling_bytes = std::strtoull(v, nullptr, 10) << 20;
    } else {
      std::fprintf(stderr,
                   "usage: tenet_dos_bench [--gas N] [--filter REGEX] [--repeat N] "
                   "[--ceiling-mib N] [--list]\n");
      return false;
    }
  }
  return o.gas > 0;
}

/// Best of `repeat` bounded runs: the fastest, and the largest peak seen.
RunResult measure(const Pattern& p, const Options& o) {
  RunResult best = tenet::dos::run_pattern_bounded(p, o.gas, o.ceiling_bytes);
  for (int i = 1; i < o.repeat; ++i) {
    RunResult r = best.reduced || best.exhausted
                      ? tenet::dos::run_pattern(p, best.gas_limit, {2 * o.ceiling_bytes})
                      : tenet::dos::run_pattern(p, o.gas, {2 * o.ceiling_bytes});
    if (r.exhausted) continue;
    r.reduced = best.reduced;
    const size_t peak = std::max(best.peak_bytes, r.peak_bytes);
    if (r.nanoseconds < best.nanoseconds) best = r;
    best.peak_bytes = peak;
  }
  return best;
}

std::string status_text(const RunResult& r) {
  if (r.exhausted) return "exhausted";
  return std::string(tenet::vm::status_name(r.status));
}

void print_table(const std::vector<Row>& rows, const Options& o, double baseline) {
  std::printf("budget %lld gas; arith_loop %.2f ns/gas; goal: ratio <= %.0f, peak <= %.0f MiB\n\n",
              static_cast<long long>(o.gas), baseline, kMaxRatio, kMaxPeakBytes / (1 << 20));
  std::printf("%-30s %-6s %11s %11s %-10s %10s %9s %9s %10s %11s %s\n", "pattern", "kind",
              "gas limit", "gas used", "status", "ns/gas", "x arith", "peak MiB", "bytes/gas",
              "MiB@budget", "verdict");
  for (const Row& r : rows) {
    const bool ok = r.ratio <= kMaxRatio && r.peak_at_budget <= kMaxPeakBytes;
    std::printf("%-30s %-6s %11lld %11lld %-10s %10.2f %9.2f %9.2f %10.3f %11.1f %s%s\n",
                r.pattern->name.c_str(),
                r.pattern->resource == tenet::dos::Resource::Time ? "time" : "memory",
                static_cast<long long>(r.run.gas_limit), static_cast<long long>(r.run.gas_used),
                status_text(r.run).c_str(), r.ns_per_gas, r.ratio,
                static_cast<double>(r.run.peak_bytes) / (1 << 20), r.bytes_per_gas,
                r.peak_at_budget / (1 << 20), ok ? "ok" : "OVER",
                r.run.reduced ? " (reduced budget: memory ceiling)" : "");
  }
}

void print_verdict(const std::vector<Row>& rows) {
  const Row* worst_ratio = nullptr;
  const Row* worst_peak = nullptr;
  for (const Row& r : rows) {
    if (!worst_ratio || r.ratio > worst_ratio->ratio) worst_ratio = &r;
    if (!worst_peak || r.peak_at_budget > worst_peak->peak_at_budget) worst_peak = &r;
  }
  if (!worst_ratio) return;
  const bool time_ok = worst_ratio->ratio <= kMaxRatio;
  const bool memory_ok = worst_peak->peak_at_budget <= kMaxPeakBytes;
  std::printf(
      "\nverdict: worst time ratio %.2f (%s) %s %.0f; worst memory %.1f MiB (%s) %s %.0f MiB: %s\n",
      worst_ratio->ratio, worst_ratio->pattern->name.c_str(), time_ok ? "<=" : ">", kMaxRatio,
      worst_peak->peak_at_budget / (1 << 20), worst_peak->pattern->name.c_str(),
      memory_ok ? "<=" : ">", kMaxPeakBytes / (1 << 20),
      time_ok && memory_ok ? "GOAL MET" : "GOAL NOT MET");
}

int run(const Options& o) {
  const auto& all = tenet::dos::patterns();
  if (o.list) {
    for (const Pattern& p : all) std::printf("%-30s %s\n", p.name.c_str(), p.description.c_str());
    return 0;
  }
  const std::regex filter(o.filter.empty() ? ".*" : o.filter);
  std::vector<Row> rows;
  double baseline = 0;
  const Pattern* baseline_pattern = nullptr;
  for (const Pattern& p : all) {
    const bool is_baseline = p.name == tenet::dos::kBaselinePattern;
    if (is_baseline) baseline_pattern = &p;
    if (!is_baseline && !std::regex_search(p.name, filter)) continue;
    std::fprintf(stderr, "running %s...\n", p.name.c_str());
    Row row{&p, measure(p, o)};
    row.ns_per_gas = row.run.gas_used > 0 ? static_cast<double>(row.run.nanoseconds) /
                                                static_cast<double>(row.run.gas_used)
                                          : 0;
    if (is_baseline) baseline = row.ns_per_gas;
    if (!is_baseline && baseline_pattern) {
      // The machine's speed drifts (other work): re-measure the unit after every pattern and
      // divide by the best seen.
      const RunResult unit = tenet::dos::run_pattern(*baseline_pattern, o.gas);
      if (unit.gas_used > 0)
        baseline = std::min(
            baseline, static_cast<double>(unit.nanoseconds) / static_cast<double>(unit.gas_used));
    }
    row.bytes_per_gas = row.run.gas_used > 0 ? static_cast<double>(row.run.peak_bytes) /
                                                   static_cast<double>(row.run.gas_used)
                                             : 0;
    row.peak_at_budget = row.run.reduced || row.run.exhausted
                             ? row.bytes_per_gas * static_cast<double>(o.gas)
                             : static_cast<double>(row.run.peak_bytes);
    rows.push_back(row);
  }
  for (Row& r : rows) {
    if (r.pattern == baseline_pattern) r.ns_per_gas = baseline;
    r.ratio = baseline > 0 ? r.ns_per_gas / baseline : 0;
    r.badness = std::max(r.ratio / kMaxRatio, r.peak_at_budget / kMaxPeakBytes);
  }
  std::sort(rows.begin(), rows.end(),
            [](const Row& a, const Row& b) { return a.badness > b.badness; });
  print_table(rows, o, baseline);
  print_verdict(rows);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse_args(argc, argv, o)) return 2;
  try {
    return run(o);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tenet_dos_bench: %s\n", e.what());
    return 1;
  }
}

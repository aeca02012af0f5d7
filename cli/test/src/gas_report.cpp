// `--gas-report`: the calls and creations of every test run into known, non-test code,
// gathered per worker and merged into one table per contract (forge's layout).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tenet/runner/outputs.hpp"
#include "tenet/vm/gas.hpp"
#include "tenet/vm/opcodes.hpp"

namespace tenet::runner {
namespace {

/// Gas of every call of one function (or every deployment), unordered.
using GasSamples = std::vector<int64_t>;

/// What one worker saw of one code.
struct CodeSamples {
  GasSamples deployments;
  std::map<std::string, GasSamples> functions;  ///< by function name
};

/// One worker's samples, by code hash.
using WorkerSamples = std::map<vm::Hash256, CodeSamples>;

/// The name a call's input selects: the ABI entry's name, `receive` for short input,
/// `fallback` for an unknown selector.
std::string function_name(const ArtifactRegistry& registry, const CallNode& node) {
  if (node.input_size < 4) return "receive";
  const abi::AbiEntry* entry = registry.function(node.code_hash, node.input);
  return entry ? entry->name : "fallback";
}

/// What a creation cost its creator: CREATE's static gas and its price per byte of the
/// container (docs/gas.md), plus what the constructor's frame used.
int64_t deployment_cost(const CallNode& node, size_t code_size) {
  const auto per_byte = static_cast<int64_t>(vm::kCreatePerByteCost);
  return static_cast<int64_t>(vm::op_info(vm::Op::CREATE).gas) +
         per_byte * static_cast<int64_t>(code_size) + node.gas_used;
}

struct Stats {
  int64_t min = 0, avg = 0, median = 0, max = 0;
  size_t calls = 0;
};

Stats stats_of(GasSamples samples) {
  Stats s;
  if (samples.empty()) return s;
  std::sort(samples.begin(), samples.end());
  s.calls = samples.size();
  s.min = samples.front();
  s.max = samples.back();
  int64_t sum = 0;  // gas of a call is at most the test gas limit: no overflow
  for (const int64_t g : samples) sum += g;
  s.avg = sum / static_cast<int64_t>(samples.size());
  const size_t mid = samples.size() / 2;
  s.median = samples.size() % 2 ? samples[mid] : (samples[mid - 1] + samples[mid]) / 2;
  return s;
}

/// A table of cells rendered with columns padded to their widest cell.
std::string render_table(const std::vector<std::vector<std::string>>& rows, bool color) {
  std::vector<size_t> width(rows.front().size(), 0);
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  }
  auto line = [&](const std::vector<std::string>& row, bool bold) {
    std::string text = "|";
    for (size_t c = 0; c < row.size(); ++c) {
      const std::string cell = fmt::format("{:<{}}", row[c], width[c]);
      text += " " + (bold && c == 0 && color ? "\x1b[1m" + cell + "\x1b[0m" : cell) + " |";
    }
    return text + "\n";
  };
  std::string out = line(rows[0], true) + "|";
  for (const size_t w : width) out += std::string(w + 2, '-') + "|";
  out += "\n";
  for (size_t r = 1; r < rows.size(); ++r) out += line(rows[r], false);
  return out;
}

}  // namespace

struct GasReport::Impl {
  Impl(const ArtifactRegistry& r, unsigned jobs) : registry(r), workers(std::max(jobs, 1u)) {}
  const ArtifactRegistry& registry;
  std::vector<WorkerSamples> workers;  ///< one per worker index; no locking needed
  std::mutex overflow_mutex;           ///< guards `overflow`
  WorkerSamples overflow;              ///< for a worker index beyond `jobs`

  void record(WorkerSamples& samples, const CallTrace& trace) {
    for (const CallNode& node : trace.nodes) {
      const KnownCode* code = registry.find(node.code_hash);
      if (!code || code->is_test) continue;
      CodeSamples& s = samples[node.code_hash];
      if (node.kind == vm::CallKind::Create) {
        s.deployments.push_back(deployment_cost(node, code->size));
      } else {
        s.functions[function_name(registry, node)].push_back(node.gas_used);
      }
    }
  }
};

GasReport::GasReport(const ArtifactRegistry& registry, unsigned jobs)
    : impl_(std::make_unique<Impl>(registry, jobs)) {}

GasReport::~GasReport() = default;

RunHooks GasReport::hooks() {
  RunHooks hooks;
  hooks.want_traces = true;
  hooks.on_run = [impl = impl_.get()](unsigned worker, const TestSuite&,
                                      const RunOutcome& outcome) {
    if (!outcome.trace) return;
    if (worker < impl->workers.size()) {
      impl->record(impl->workers[worker], *outcome.trace);
    } else {
      std::lock_guard lock(impl->overflow_mutex);
      impl->record(impl->overflow, *outcome.trace);
    }
  };
  // Deployments and calls of setup(): once per suite, whichever worker built the base.
  hooks.on_setup = [impl = impl_.get()](const TestSuite&, const RunOutcome& outcome) {
    if (!outcome.trace) return;
    std::lock_guard lock(impl->overflow_mutex);
    impl->record(impl->overflow, *outcome.trace);
  };
  return hooks;
}

std::string GasReport::render(bool color) const {
  // Merge: samples are unordered multisets, so the statistics do not depend on which worker
  // ran what.
  WorkerSamples merged;
  auto merge = [&](const WorkerSamples& from) {
    for (const auto& [hash, samples] : from) {
      CodeSamples& into = merged[hash];
      into.deployments.insert(into.deployments.end(), samples.deployments.begin(),
                              samples.deployments.end());
      for (const auto& [name, gas] : samples.functions) {
        into.functions[name].insert(into.functions[name].end(), gas.begin(), gas.end());
      }
    }
  };
  for (const WorkerSamples& w : impl_->workers) merge(w);
  merge(impl_->overflow);

  std::map<std::string, std::string> tables;  // by "source:Name", then code hash order
  for (const auto& [hash, samples] : merged) {
    const KnownCode& code = *impl_->registry.find(hash);
    const std::string title = fmt::format("{}:{} contract", code.source, code.name);
    std::vector<std::vector<std::string>> rows{
        {title, "", "", "", "", ""}, {"Deployment Cost", "Deployment Size", "", "", "", ""}};
    const Stats deploy = stats_of(samples.deployments);
    rows.push_back({deploy.calls ? std::to_string(deploy.min) : "-", std::to_string(code.size), "",
                    "", "", ""});
    rows.push_back({"Function Name", "min", "avg", "median", "max", "# calls"});
    for (const auto& [name, gas] : samples.functions) {
      const Stats s = stats_of(gas);
      rows.push_back({name, std::to_string(s.min), std::to_string(s.avg), std::to_string(s.median),
                      std::to_string(s.max), std::to_string(s.calls)});
    }
    std::string key = title;
    while (tables.contains(key)) key += "\x01";  // two codes of one name: keep both
    tables.emplace(std::move(key), render_table(rows, color));
  }
  std::string out;
  for (const auto& [title, table] : tables) {
    if (!out.empty()) out += "\n";
    out += table;
  }
  return out;
}

}  // namespace tenet::runner

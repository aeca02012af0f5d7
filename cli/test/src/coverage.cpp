// Coverage recording: the plan (what is measurable, from the line tables and the containers
// of the src/ contracts), the per-worker tracer, and merging.
#include "tenet/runner/coverage.hpp"

#include <algorithm>
#include <set>
#include <tuple>
#include <utility>

#include "tenet/vm/container.hpp"
#include "tenet/vm/decoder.hpp"

namespace tenet::runner {
namespace {

bool under(const std::string& file, const std::string& dir) {
  return file.size() > dir.size() && file.compare(0, dir.size(), dir) == 0 &&
         file[dir.size()] == '/';
}

/// The code section of a container, or empty when it does not parse.
std::vector<uint8_t> code_section(std::span<const uint8_t> container) {
  auto parsed = vm::parse_container(container, vm::max_container_size(true));
  if (!parsed) return {};
  return std::move(parsed->container.code);
}

/// Every JUMPI and JUMPTABLE of a code section, walked function by function as the
/// disassembler does (offset → the instruction).
std::vector<vm::Instruction> conditional_jumps(std::span<const uint8_t> container,
                                               std::vector<uint8_t>& code_storage) {
  std::vector<vm::Instruction> jumps;
  auto parsed = vm::parse_container(container, vm::max_container_size(true));
  if (!parsed) return jumps;
  code_storage = parsed->container.code;
  const std::span<const uint8_t> code(code_storage);
  for (const vm::FunctionInfo& fn : parsed->container.functions) {
    const uint32_t end = fn.code_offset + fn.code_size;
    if (end > code.size()) return {};
    for (uint32_t off = fn.code_offset; off < end;) {
      auto ins = vm::decode_instruction(code.first(end), off);
      if (!ins) return {};
      if (ins->op == vm::Op::JUMPI || ins->op == vm::Op::JUMPTABLE) jumps.push_back(*ins);
      off += ins->size;
    }
  }
  return jumps;
}

/// The line-table entry index covering `pc`, or -1.
int32_t entry_at(const std::vector<compiler::LineEntry>& lines, uint32_t pc) {
  auto it =
      std::upper_bound(lines.begin(), lines.end(), pc,
                       [](uint32_t o, const compiler::LineEntry& e) { return o < e.code_offset; });
  if (it == lines.begin()) return -1;
  return static_cast<int32_t>(std::prev(it) - lines.begin());
}

}  // namespace

CoveragePlan CoveragePlan::build(const ArtifactRegistry& registry,
                                 const std::map<vm::Hash256, std::vector<uint8_t>>& containers,
                                 const std::string& src_dir, int level) {
  CoveragePlan plan;
  plan.level_ = level;
  // 1. The measurable lines: src/ lines of the line tables of the src/ contracts.
  std::set<std::pair<std::string, uint32_t>> measurable;
  for (const auto& [hash, code] : registry.codes()) {
    if (code.is_test || !under(code.source, src_dir)) continue;
    for (const compiler::LineEntry& e : code.lines) {
      if (e.line != 0 && e.file < code.files.size() && under(code.files[e.file], src_dir)) {
        measurable.emplace(code.files[e.file], e.line);
      }
    }
  }
  std::map<std::pair<std::string, uint32_t>, int32_t> line_index;
  for (const auto& [file, line] : measurable) {
    line_index.emplace(std::pair{file, line}, static_cast<int32_t>(plan.lines_.size()));
    plan.lines_.push_back({file, line});
  }
  // 2. The branch sites of the src/ contracts whose container is known.
  struct Site {
    BranchSite site;
    vm::Hash256 hash;
  };
  std::vector<Site> sites;
  for (const auto& [hash, code] : registry.codes()) {
    if (code.is_test || !under(code.source, src_dir)) continue;
    auto found = containers.find(hash);
    if (found == containers.end()) {
      plan.without_branches_.push_back(code.name);
      continue;
    }
    std::vector<uint8_t> storage;
    for (const vm::Instruction& ins : conditional_jumps(found->second, storage)) {
      const int32_t e = entry_at(code.lines, ins.offset);
      if (e < 0 || code.lines[e].line == 0 || code.lines[e].file >= code.files.size()) continue;
      const std::string& file = code.files[code.lines[e].file];
      if (!under(file, src_dir)) continue;
      const uint32_t outcomes =
          ins.op == vm::Op::JUMPI ? 2 : static_cast<uint32_t>(ins.immediate) + 1;
      sites.push_back(
          {BranchSite{file, code.lines[e].line, code.name, ins.offset, ins.op, outcomes}, hash});
    }
  }
  std::sort(sites.begin(), sites.end(), [](const Site& a, const Site& b) {
    return std::tie(a.site.file, a.site.line, a.site.contract, a.site.pc, a.hash) <
           std::tie(b.site.file, b.site.line, b.site.contract, b.site.pc, b.hash);
  });
  // 3. Per code, offset → line and offset → branch site. Every code gets a line map (a test
  // contract may run src/ code it inlined); only src/ codes have branch sites.
  for (const auto& [hash, code] : registry.codes()) {
    CodeMap map;
    size_t extent = code.size;
    if (auto c = containers.find(hash); c != containers.end())
      extent = code_section(c->second).size();
    for (const compiler::LineEntry& e : code.lines)
      extent = std::max<size_t>(extent, e.code_offset + 1);
    map.line.assign(extent, -1);
    bool any = false;
    for (size_t i = 0; i < code.lines.size(); ++i) {
      const compiler::LineEntry& e = code.lines[i];
      if (e.line == 0 || e.file >= code.files.size()) continue;
      auto idx = line_index.find({code.files[e.file], e.line});
      if (idx == line_index.end()) continue;
      const size_t end = i + 1 < code.lines.size() ? code.lines[i + 1].code_offset : extent;
      for (size_t pc = e.code_offset; pc < std::min(end, extent); ++pc) map.line[pc] = idx->second;
      any = true;
    }
    map.branch.assign(extent, -1);
    for (size_t s = 0; s < sites.size(); ++s) {
      if (sites[s].hash == hash && sites[s].site.pc < extent) {
        map.branch[sites[s].site.pc] = static_cast<int32_t>(s);
        any = true;
      }
    }
    if (any) plan.codes_.emplace(hash, std::move(map));
  }
  for (Site& s : sites) plan.branches_.push_back(std::move(s.site));
  std::sort(plan.without_branches_.begin(), plan.without_branches_.end());
  return plan;
}

const CoveragePlan::CodeMap* CoveragePlan::find(const vm::Hash256& code_hash) const {
  auto it = codes_.find(code_hash);
  return it == codes_.end() ? nullptr : &it->second;
}

std::map<vm::Hash256, std::vector<uint8_t>> containers_of(const std::vector<TestSuite>& suites) {
  std::map<vm::Hash256, std::vector<uint8_t>> found;
  std::vector<std::vector<uint8_t>> pending;
  for (const TestSuite& suite : suites) pending.push_back(suite.bytecode);
  while (!pending.empty()) {
    std::vector<uint8_t> bytes = std::move(pending.back());
    pending.pop_back();
    auto parsed = vm::parse_container(bytes, vm::max_container_size(true));
    if (!parsed) continue;
    bytes.resize(parsed->size);  // constructor arguments are not part of the code
    const vm::Hash256 hash = vm::keccak256(bytes);
    if (found.contains(hash)) continue;
    for (auto& child : parsed->container.children) pending.push_back(std::move(child));
    found.emplace(hash, std::move(bytes));
  }
  return found;
}

CoverageCounts CoverageCounts::zero(const CoveragePlan& plan) {
  CoverageCounts counts;
  counts.lines.assign(plan.lines().size(), 0);
  for (const BranchSite& site : plan.branches()) counts.branches.emplace_back(site.outcomes, 0);
  return counts;
}

void CoverageCounts::merge(const CoverageCounts& other) {
  for (size_t i = 0; i < lines.size() && i < other.lines.size(); ++i) lines[i] += other.lines[i];
  for (size_t s = 0; s < branches.size() && s < other.branches.size(); ++s) {
    for (size_t o = 0; o < branches[s].size() && o < other.branches[s].size(); ++o) {
      branches[s][o] += other.branches[s][o];
    }
  }
}

CoverageTracer::CoverageTracer(const CoveragePlan& plan)
    : plan_(plan), counts_(CoverageCounts::zero(plan)) {}

void CoverageTracer::on_frame(int depth, const vm::Hash256& code_hash) {
  if (depth < 0) return;
  if (frames_.size() <= static_cast<size_t>(depth)) frames_.resize(static_cast<size_t>(depth) + 1);
  Frame& frame = frames_[static_cast<size_t>(depth)];
  frame.map = plan_.find(code_hash);
  frame.calls.assign(1, Position{});
}

void CoverageTracer::on_instruction(int depth, uint16_t, uint32_t pc, vm::Op op, int64_t,
                                    std::span<const vm::Word> stack) {
  if (depth < 0 || static_cast<size_t>(depth) >= frames_.size()) return;
  Frame& frame = frames_[static_cast<size_t>(depth)];
  if (!frame.map || pc >= frame.map->line.size() || frame.calls.empty()) return;
  Position& at = frame.calls.back();
  const int32_t line = frame.map->line[pc];
  if (line >= 0) {
    if (line != at.line || pc <= at.pc) ++counts_.lines[static_cast<size_t>(line)];
    at.line = line;
  }
  at.pc = pc;
  const int32_t site = frame.map->branch[pc];
  if (site >= 0 && !stack.empty()) {
    std::vector<uint64_t>& outcomes = counts_.branches[static_cast<size_t>(site)];
    const vm::Word& top = stack.back();
    if (op == vm::Op::JUMPI) {
      ++outcomes[top.is_zero() ? 1 : 0];
    } else if (op == vm::Op::JUMPTABLE) {
      const size_t entries = outcomes.size() - 1;
      ++outcomes[top.fits_u64() && top.low64() < entries ? top.low64() : entries];
    }
  }
  if (op == vm::Op::CALLF) {
    frame.calls.push_back(Position{});
  } else if (op == vm::Op::RETF && frame.calls.size() > 1) {
    frame.calls.pop_back();
  }
}

CoverageRecorder::CoverageRecorder(const CoveragePlan& plan, unsigned jobs) : plan_(plan) {
  for (unsigned w = 0; w < std::max(jobs, 1u); ++w) {
    tracers_.push_back(std::make_unique<CoverageTracer>(plan));
  }
}

CoverageRecorder::~CoverageRecorder() = default;

RunHooks CoverageRecorder::hooks() {
  RunHooks hooks;
  hooks.on_worker_start = [this](unsigned worker, Executor& executor) {
    if (worker < tracers_.size()) executor.set_tracer(tracers_[worker].get());
  };
  return hooks;
}

CoverageCounts CoverageRecorder::counts() const {
  CoverageCounts total = CoverageCounts::zero(plan_);
  for (const auto& tracer : tracers_) total.merge(tracer->counts());
  return total;
}

std::vector<FileCoverage> coverage_by_file(const CoveragePlan& plan, const CoverageCounts& counts) {
  std::map<std::string, FileCoverage> files;
  for (size_t i = 0; i < plan.lines().size(); ++i) {
    const CoverageLine& l = plan.lines()[i];
    FileCoverage& f = files[l.file];
    f.file = l.file;
    f.lines[l.line] = counts.lines[i];
    if (counts.lines[i]) ++f.lines_hit;
  }
  for (size_t s = 0; s < plan.branches().size(); ++s) {
    const BranchSite& site = plan.branches()[s];
    FileCoverage& f = files[site.file];
    f.file = site.file;
    f.branches.emplace_back(&site, counts.branches[s]);
    f.branches_found += site.outcomes;
    for (const uint64_t n : counts.branches[s]) f.branches_hit += n ? 1 : 0;
  }
  std::vector<FileCoverage> sorted;
  for (auto& [name, f] : files) sorted.push_back(std::move(f));
  return sorted;
}

}  // namespace tenet::runner

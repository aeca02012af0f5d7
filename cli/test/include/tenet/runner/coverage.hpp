#pragma once
/// \file
/// `tenet coverage`: line and branch coverage of the sources under `src/`, measured on the
/// bytecode the project builds (its optimisation level) through the line tables. A line is
/// measurable when a line table of a `src/` contract maps code to it; a branch is a
/// conditional jump that remains in that code (JUMPI: taken or not; JUMPTABLE: each entry
/// and the default). A line the optimiser merged away is not counted.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "tenet/runner/artifact_registry.hpp"
#include "tenet/runner/discovery.hpp"
#include "tenet/runner/runner.hpp"
#include "tenet/vm/error.hpp"
#include "tenet/vm/vm.hpp"

namespace tenet::runner {

/// One measurable line.
struct CoverageLine {
  std::string file;   ///< root-relative ("src/Token.tn")
  uint32_t line = 0;  ///< 1-based
};

/// One conditional jump of a `src/` contract.
struct BranchSite {
  std::string file;           ///< root-relative
  uint32_t line = 0;          ///< the line its code belongs to
  std::string contract;       ///< the contract whose code holds it
  uint32_t pc = 0;            ///< its code offset
  vm::Op op = vm::Op::JUMPI;  ///< JUMPI or JUMPTABLE
  /// Outcomes: JUMPI 2 (0 = jumps, 1 = falls through); JUMPTABLE entries + 1 (the last is
  /// the default).
  uint32_t outcomes = 2;
};

/// What can be covered: the measurable lines and the branch sites of the `src/` contracts,
/// and per code a dense map from code offset to them. Built once, read by every worker.
class CoveragePlan {
 public:
  /// Plans coverage of the files under `src_dir` ("src") from every non-test code of
  /// `registry` whose source is under it. Branch sites come from `containers` (code hash →
  /// container bytes: see containers_of); a `src/` code missing there contributes lines only.
  /// `level` is the optimisation level the code was built at (for the reports).
  static CoveragePlan build(const ArtifactRegistry& registry,
                            const std::map<vm::Hash256, std::vector<uint8_t>>& containers,
                            const std::string& src_dir, int level);

  /// Where code offsets of one code lead (-1: nothing measurable there).
  struct CodeMap {
    std::vector<int32_t> line;    ///< code offset → index into lines()
    std::vector<int32_t> branch;  ///< code offset → index into branches()
  };
  /// The map of a code, or nullptr when the code has nothing measurable.
  const CodeMap* find(const vm::Hash256& code_hash) const;
  /// Every measurable line, sorted by file then line.
  const std::vector<CoverageLine>& lines() const { return lines_; }
  /// Every branch site, sorted by file, line, contract, pc.
  const std::vector<BranchSite>& branches() const { return branches_; }
  /// The optimisation level measured.
  int level() const { return level_; }
  /// `src/` contracts whose container was not available (their branches are not counted).
  const std::vector<std::string>& without_branches() const { return without_branches_; }

 private:
  std::map<vm::Hash256, CodeMap> codes_;
  std::vector<CoverageLine> lines_;
  std::vector<BranchSite> branches_;
  std::vector<std::string> without_branches_;
  int level_ = 2;
};

/// The containers of the test suites and of every child they embed (recursively), by code
/// hash: every code a test can deploy.
std::map<vm::Hash256, std::vector<uint8_t>> containers_of(const std::vector<TestSuite>& suites);

/// Hit counts against a plan.
struct CoverageCounts {
  std::vector<uint64_t> lines;                  ///< per plan line: times execution entered it
  std::vector<std::vector<uint64_t>> branches;  ///< per plan branch site: per outcome
  /// Zero counts shaped like `plan`.
  static CoverageCounts zero(const CoveragePlan& plan);
  /// Adds `other` (same plan) to these counts.
  void merge(const CoverageCounts& other);
};

/// Records coverage of every instruction a worker's VM runs (install with
/// Executor::set_tracer). A line is hit each time execution moves onto it from another line
/// of the same function call, or jumps back to an earlier instruction of it (a loop); an
/// internal call's return continues the caller's line without a new hit.
class CoverageTracer : public vm::Tracer {
 public:
  /// `plan` outlives the tracer.
  explicit CoverageTracer(const CoveragePlan& plan);
  /// Notes which code the frame at `depth` runs.
  void on_frame(int depth, const vm::Hash256& code_hash) override;
  /// Counts the line and the branch outcome of the instruction.
  void on_instruction(int depth, uint16_t function, uint32_t pc, vm::Op op, int64_t gas_left,
                      std::span<const vm::Word> stack) override;
  /// What was recorded so far.
  const CoverageCounts& counts() const { return counts_; }

 private:
  /// Where one internal function call of a frame last was.
  struct Position {
    int32_t line = -1;  ///< plan line index, -1 before the first measurable line
    uint32_t pc = 0;    ///< code offset of the last instruction
  };
  /// One external frame: its code's map and the positions of its internal calls.
  struct Frame {
    const CoveragePlan::CodeMap* map = nullptr;
    std::vector<Position> calls;
  };
  const CoveragePlan& plan_;
  CoverageCounts counts_;
  std::vector<Frame> frames_;
};

/// Coverage for a run: one tracer per worker, installed by hooks(), merged by counts().
class CoverageRecorder {
 public:
  /// `plan` outlives the recorder; `jobs` workers.
  CoverageRecorder(const CoveragePlan& plan, unsigned jobs);
  ~CoverageRecorder();
  /// Hooks that install each worker's tracer.
  RunHooks hooks();
  /// The merged counts of every worker.
  CoverageCounts counts() const;

 private:
  const CoveragePlan& plan_;
  std::vector<std::unique_ptr<CoverageTracer>> tracers_;
};

/// Coverage of one file.
struct FileCoverage {
  std::string file;                                                           ///< root-relative
  std::map<uint32_t, uint64_t> lines;                                         ///< line → hits
  std::vector<std::pair<const BranchSite*, std::vector<uint64_t>>> branches;  ///< in plan order
  size_t lines_hit = 0;                                                       ///< lines with hits
  size_t branches_found = 0;  ///< outcomes of all sites
  size_t branches_hit = 0;    ///< outcomes taken at least once
};

/// Per-file coverage, sorted by file.
std::vector<FileCoverage> coverage_by_file(const CoveragePlan& plan, const CoverageCounts& counts);

/// The header line every report carries: "measured on -O2 bytecode; …".
std::string coverage_header(int level);

/// The `summary` report: a table of lines and branches per file and the total.
std::string coverage_summary(const std::vector<FileCoverage>& files, int level);

/// The lcov tracefile (`lcov.info`): TN, SF, DA, BRDA, LF/LH, BRF/BRH, end_of_record per file;
/// paths root-relative.
std::string lcov_info(const std::vector<FileCoverage>& files);

/// Writes the `html` report under `dir` (index.html and one page per file, sources read from
/// `root`); returns the number of pages written. An error names the file that could not be
/// written.
vm::Result<size_t> write_coverage_html(const std::vector<FileCoverage>& files, int level,
                                       const std::filesystem::path& root,
                                       const std::filesystem::path& dir);

}  // namespace tenet::runner

// Coverage: the plan (measurable lines from the line tables, branch sites from the
// containers), the tracer's counts on real runs, merging, and the three reports.

#include "tenet/runner/coverage.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "test_host_support.hpp"

namespace tenet::runner {
namespace {

using testing::revert_text;
using testing::test_call;

// Line numbers matter: the assertions below name them.
const std::string kCoverageSource = R"(contract Meter {
    pub total: u256;

    pub fn add(x: u256) -> u256 {
        if x > 100 {
            return 0;
        }
        self.total += x;
        return self.total;
    }

    pub fn pick(k: u256) -> u256 {
        let mut r: u256 = 0;
        if k == 1 {
            r = 10;
        } else {
            r = 20;
        }
        return r;
    }

    pub fn unused() -> u256 {
        return 42;
    }
}

test contract MeterTest {
    m: Meter;
    fn setup() { self.m = new Meter(); }
    test fn adds() { assert_eq(self.m.add(5), 5); }
    test fn adds_too_much() { assert_eq(self.m.add(500), 0); }
}
)";

/// The suite compiled at `level`, its registry re-rooted as a project's: Meter in
/// src/meter.tn, the test contract in tests/meter.t.tn.
struct Project {
  std::unique_ptr<testing::BuiltSuite> built;
  ArtifactRegistry registry;
};

Project project(compiler::OptLevel level, const std::string& source = kCoverageSource,
                const std::string& test = "MeterTest", const std::string& contract = "Meter") {
  Project p{testing::build_suite(source, test, {contract}, level), {}};
  for (const auto& [hash, code] : p.built->registry.codes()) {
    KnownCode copy = code;
    copy.source = code.is_test ? "tests/meter.t.tn" : "src/meter.tn";
    for (std::string& f : copy.files) f = copy.source;
    p.registry.add(hash, std::move(copy));
  }
  return p;
}

/// Runs the named tests of the suite with a recorder on one worker.
CoverageCounts run(const Project& p, const CoveragePlan& plan,
                   const std::vector<std::string>& tests) {
  CoverageRecorder recorder(plan, 1);
  RunHooks hooks = recorder.hooks();
  Executor ex(p.registry, ExecutorOptions{});
  hooks.on_worker_start(0, ex);
  EXPECT_FALSE(ex.install(p.built->suite));
  for (const std::string& t : tests) {
    RunOutcome r = ex.run(test_call(t));
    EXPECT_TRUE(r.passed()) << t << ": " << revert_text(r.result) << r.misuse.value_or("");
  }
  return recorder.counts();
}

CoveragePlan plan_of(const Project& p, int level) {
  return CoveragePlan::build(p.registry, containers_of({p.built->suite}), "src", level);
}

/// A scratch directory removed at the end of the test.
struct Scratch {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("tenet_coverage_" + std::to_string(::getpid()));
  Scratch() { std::filesystem::create_directories(dir / "src"); }
  ~Scratch() { std::filesystem::remove_all(dir); }
};

std::string read(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Counted by hand from `tenet compile m.tn --emit asm -O2` (the same source): the line
// table has runs of lines 2 (the `total` getter), 4 (add's entry: the call data check),
// 5, 8, 9 (add's body; `return 0` of line 6 was merged into line 5's run), 12, 14 (pick:
// the if/else became one SELECT, lines 13, 15, 17, 19 are gone) and 22 (unused; 23 merged).
// JUMPIs with a line: 2, 4, 12 and 22 (call data size checks), 5 (`x > 100`, which jumps
// when false), 8 (the overflow check of `+=`). `adds` calls add(5) once: lines 4, 5, 8, 9
// run once; the call data check jumps, `x > 100` jumps (false), the overflow check falls
// through.
TEST(Coverage, OneTestAtO2CountedByHand) {
  Project p = project(compiler::OptLevel::O2);
  const CoveragePlan plan = plan_of(p, 2);
  EXPECT_TRUE(plan.without_branches().empty());
  EXPECT_EQ(plan.level(), 2);
  const auto files = coverage_by_file(plan, run(p, plan, {"adds"}));
  EXPECT_EQ(lcov_info(files),
            "TN:\nSF:src/meter.tn\n"
            "DA:2,0\nDA:4,1\nDA:5,1\nDA:8,1\nDA:9,1\nDA:12,0\nDA:14,0\nDA:22,0\n"
            "BRDA:2,0,0,-\nBRDA:2,0,1,-\nBRDA:4,0,0,1\nBRDA:4,0,1,0\nBRDA:5,0,0,1\n"
            "BRDA:5,0,1,0\nBRDA:8,0,0,0\nBRDA:8,0,1,1\nBRDA:12,0,0,-\nBRDA:12,0,1,-\n"
            "BRDA:22,0,0,-\nBRDA:22,0,1,-\n"
            "BRF:12\nBRH:3\nLF:8\nLH:4\nend_of_record\n");
  EXPECT_EQ(coverage_summary(files, 2),
            "lines and branches measured on -O2 bytecode; a line the optimiser merged away is "
            "not counted; branches are the conditional jumps that remain\n"
            "| File         | Lines        | Branches      |\n"
            "|--------------|--------------|---------------|\n"
            "| src/meter.tn | 50.00% (4/8) | 25.00% (3/12) |\n"
            "| Total        | 50.00% (4/8) | 25.00% (3/12) |\n");
}

// add(500) as well: `x > 100` now also falls through (to `return 0`, line 5's run at -O2).
TEST(Coverage, BothOutcomesOfABranch) {
  Project p = project(compiler::OptLevel::O2);
  const CoveragePlan plan = plan_of(p, 2);
  const auto files = coverage_by_file(plan, run(p, plan, {"adds", "adds_too_much"}));
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].lines,
            (std::map<uint32_t, uint64_t>{
                {2, 0}, {4, 2}, {5, 2}, {8, 1}, {9, 1}, {12, 0}, {14, 0}, {22, 0}}));
  EXPECT_EQ(files[0].branches_found, 12u);
  EXPECT_EQ(files[0].branches_hit, 4u);
  EXPECT_NE(lcov_info(files).find("BRDA:5,0,0,1\nBRDA:5,0,1,1\n"), std::string::npos);
}

// At -O0 the lines the optimiser merged are there: `return 0` (6), `return r` (19),
// `return 42` (23).
TEST(Coverage, LevelDecidesWhatIsMeasurable) {
  Project p = project(compiler::OptLevel::O0);
  const CoveragePlan plan = plan_of(p, 0);
  std::vector<uint32_t> lines;
  for (const CoverageLine& l : plan.lines()) lines.push_back(l.line);
  EXPECT_EQ(lines, (std::vector<uint32_t>{2, 4, 5, 6, 8, 9, 12, 14, 19, 22, 23}));
  auto files = coverage_by_file(plan, run(p, plan, {"adds"}));
  EXPECT_EQ(files[0].lines.at(6), 0u);
  files = coverage_by_file(plan, run(p, plan, {"adds_too_much"}));
  EXPECT_EQ(files[0].lines.at(6), 1u);
  EXPECT_EQ(files[0].lines.at(8), 0u);
  EXPECT_EQ(coverage_header(0).find("measured on -O0 bytecode;"), 19u);
}

TEST(Coverage, MergingWorkersAddsCounts) {
  Project p = project(compiler::OptLevel::O2);
  const CoveragePlan plan = plan_of(p, 2);
  CoverageCounts merged = run(p, plan, {"adds"});
  merged.merge(run(p, plan, {"adds_too_much"}));
  const CoverageCounts together = run(p, plan, {"adds", "adds_too_much"});
  EXPECT_EQ(merged.lines, together.lines);
  EXPECT_EQ(merged.branches, together.branches);
}

TEST(Coverage, ContainersOfFindsTheChildrenTestsDeploy) {
  Project p = project(compiler::OptLevel::O2);
  const auto containers = containers_of({p.built->suite});
  EXPECT_EQ(containers.size(), 2u);  // MeterTest and the Meter it embeds
  EXPECT_TRUE(containers.contains(p.built->hashes.at("Meter")));
  EXPECT_TRUE(containers.contains(p.built->hashes.at("MeterTest")));
  // Without its container a contract still has its lines, not its branches.
  const CoveragePlan plan = CoveragePlan::build(p.registry, {}, "src", 2);
  EXPECT_EQ(plan.without_branches(), std::vector<std::string>{"Meter"});
  EXPECT_EQ(plan.lines().size(), 8u);
  EXPECT_TRUE(plan.branches().empty());
}

// An if/else-if chain on k = 0…3 becomes one JUMPTABLE at -O2 (line 5: 4 entries and the
// default, 5 outcomes); set(1), set(3) and set(9) take entries 1 and 3 and the default.
const std::string kTableSource = R"(contract Jt {
    pub v: u256;

    pub fn set(k: u256) {
        if k == 0 {
            self.v = 11;
        } else if k == 1 {
            self.v = 23;
        } else if k == 2 {
            self.v = 37;
        } else if k == 3 {
            self.v = 41;
        } else {
            self.v = 59;
        }
    }
}

test contract JtTest {
    j: Jt;
    fn setup() { self.j = new Jt(); }
    test fn sets() {
        self.j.set(1);
        self.j.set(3);
        self.j.set(9);
        assert_eq(self.j.v(), 59);
    }
}
)";

TEST(Coverage, JumpTableOutcomes) {
  Project p = project(compiler::OptLevel::O2, kTableSource, "JtTest", "Jt");
  const CoveragePlan plan = plan_of(p, 2);
  const BranchSite* table = nullptr;
  for (const BranchSite& site : plan.branches()) {
    if (site.op == vm::Op::JUMPTABLE) table = &site;
  }
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->line, 5u);
  EXPECT_EQ(table->outcomes, 5u);
  const auto files = coverage_by_file(plan, run(p, plan, {"sets"}));
  EXPECT_NE(lcov_info(files).find("BRDA:5,0,0,0\nBRDA:5,0,1,1\nBRDA:5,0,2,0\nBRDA:5,0,3,1\n"
                                  "BRDA:5,0,4,1\n"),
            std::string::npos)
      << lcov_info(files);
}

TEST(Coverage, GenhtmlAcceptsTheTracefile) {
  Project p = project(compiler::OptLevel::O2);
  const CoveragePlan plan = plan_of(p, 2);
  const auto files = coverage_by_file(plan, run(p, plan, {"adds"}));
  Scratch scratch;
  std::ofstream(scratch.dir / "src/meter.tn") << kCoverageSource;
  std::ofstream(scratch.dir / "lcov.info") << lcov_info(files);
  // genhtml (Debian lcov, scripts/install-deps.sh) exits non-zero on a malformed tracefile.
  const std::string command = "cd '" + scratch.dir.string() +
                              "' && genhtml --quiet --branch-coverage --output-directory html "
                              "lcov.info > genhtml.log 2>&1";
  EXPECT_EQ(std::system(command.c_str()), 0) << read(scratch.dir / "genhtml.log");
  EXPECT_TRUE(std::filesystem::exists(scratch.dir / "html/index.html"));
  EXPECT_EQ(read(scratch.dir / "genhtml.log"), "");
}

TEST(Coverage, HtmlPages) {
  Project p = project(compiler::OptLevel::O2);
  const CoveragePlan plan = plan_of(p, 2);
  const auto files = coverage_by_file(plan, run(p, plan, {"adds"}));
  Scratch scratch;
  std::ofstream(scratch.dir / "src/meter.tn") << kCoverageSource;
  auto pages = write_coverage_html(files, 2, scratch.dir, scratch.dir / "coverage");
  ASSERT_TRUE(pages.ok()) << pages.error().message;
  EXPECT_EQ(*pages, 2u);
  const std::string index = read(scratch.dir / "coverage/index.html");
  EXPECT_NE(index.find("<tr><td><a href=\"src/meter.tn.html\">src/meter.tn</a></td>"
                       "<td>50.00% (4/8)</td><td>25.00% (3/12)</td></tr>"),
            std::string::npos)
      << index;
  EXPECT_NE(index.find("measured on -O2 bytecode"), std::string::npos);
  const std::string page = read(scratch.dir / "coverage/src/meter.tn.html");
  EXPECT_NE(page.find("<a href=\"../index.html\">index</a>"), std::string::npos);
  EXPECT_NE(page.find("<tr class=\"part\"><td>8</td><td>1</td><td>1/2</td><td>        "
                      "self.total += x;</td></tr>"),
            std::string::npos)
      << page;
  EXPECT_NE(page.find("<tr class=\"miss\"><td>22</td><td>0</td><td>0/2</td>"), std::string::npos);
  EXPECT_NE(page.find("<tr><td>6</td><td></td><td></td><td>            return 0;</td></tr>"),
            std::string::npos);
  EXPECT_NE(page.find("<td>contract Meter {</td>"), std::string::npos);
}

}  // namespace
}  // namespace tenet::runner

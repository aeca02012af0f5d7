// Artifacts: every field of toolchain.md §2 from a checked program and a hand-assembled
// container (so the test does not depend on codegen's output), exact JSON.
#include "tenet/compiler/artifact.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tenet/compiler/diagnostics.hpp"
#include "tenet/compiler/sema.hpp"
#include "tenet/vm/assembler.hpp"
#include "tenet/vm/crypto.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::compiler {
namespace {

constexpr const char* kArtifactSource = R"tn(
/// Counts.
contract Counter {
    /// The count.
    pub count: u256;

    /// Starts at `start`.
    init(start: u256) { self.count = start; }

    /// Adds one.
    pub fn bump() { self.count += 1; }

    pub view fn twice(xs: [u256]) -> u256 { return xs.len() * 2; }

    fn hidden() {}
}
)tn";

/// A container with the contract's entry points (not what codegen makes of it, but
/// with known gas): constructor, bump(), count(), twice(uint256[]).
constexpr const char* kContainer = R"tasm(.constructor init
.fn init
  PUSH0
  PUSH1 4
  SSTORE
  STOP
.end
.fn bump export="bump()"
  PUSH0
  SLOAD
  PUSH1 1
  ADD
  PUSH0
  SWAP 1
  SSTORE
  STOP
.end
.fn count view export="count()"
  PUSH0
  SLOAD
  POP
  STOP
.end
.fn twice view export="twice(uint256[])" locals=1
  CALLDATASIZE
  LSET 0
  PUSH0
  PUSH0
  LGET 0
  CALLDATACOPY
  STOP
.end
)tasm";

struct Fixture {
  SourceManager sources;
  std::unique_ptr<CheckedProgram> program;
  CompiledContract compiled;
};

std::unique_ptr<Fixture> make_fixture() {
  auto f = std::make_unique<Fixture>();
  DiagnosticEngine diagnostics;
  const FileId id = f->sources.add_file("/abs/project/src/counter.tn", kArtifactSource);
  f->program = check_program(f->sources, id, std::filesystem::path(TENET_SOURCE_DIR) / "stdlib",
                             diagnostics);
  EXPECT_FALSE(diagnostics.has_errors()) << render_all(diagnostics, f->sources);
  auto c = vm::assemble(kContainer, "t.tasm");
  EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
  f->compiled.name = "Counter";
  f->compiled.code.container = *c;
  f->compiled.bytecode = vm::serialize_container(*c);
  f->compiled.code.files = {"/abs/project/src/counter.tn", "/abs/stdlib/std/math.tn"};
  f->compiled.code.lines = {{0, 0, 8, 25}, {5, 0, 0, 0}, {6, 1, 3, 9}};
  return f;
}

TEST(Artifact, EveryField) {
  auto f = make_fixture();
  const ContractInfo* contract = f->program->find_contract("Counter");
  ASSERT_NE(contract, nullptr);
  ArtifactInput input;
  input.program = f->program.get();
  input.contract = contract;
  input.compiled = &f->compiled;
  input.source_name = "src/counter.tn";
  input.file_name = [](const std::string& name) { return name.substr(name.rfind('/') + 1); };
  auto artifact = build_artifact(input);
  ASSERT_TRUE(artifact.ok()) << artifact.error().message;
  const nlohmann::json& a = *artifact;
  EXPECT_EQ(a["contractName"], "Counter");
  EXPECT_EQ(a["sourceName"], "src/counter.tn");
  EXPECT_EQ(a["bytecode"], vm::hex_encode(f->compiled.bytecode));
  EXPECT_EQ(a["bytecodeHash"], vm::hex_encode(vm::keccak256(f->compiled.bytecode)));
  EXPECT_EQ(a["compiler"].dump(),
            std::string(R"j({"name":"tenet","version":")j") + compiler_version() + "\"}");
  EXPECT_EQ(a["sourceMap"].dump(),
            R"j({"entries":[[0,0,8,25],[5,0,0,0],[6,1,3,9]],"files":["counter.tn","math.tn"]})j");
  EXPECT_EQ(a["storageLayout"].dump(), R"j([{"name":"count","slot":0,"slots":1,"type":"u256"}])j");
  EXPECT_EQ(
      a["devdoc"].dump(),
      R"j({"details":"Counts.","kind":"dev","methods":{"bump()":{"details":"Adds one."},)j"
      R"j("constructor":{"details":"Starts at `start`."},"count()":{"details":"The count."}},"version":1})j");
  // constructor: 1 + 1 + 22100 (its call data is one word, which it does not read);
  // bump: 1 + 0 + 1 + 3 + 1 + 1 static, 2100 + 22100; count: 2 + 2100;
  // twice(uint256[]) copies the whole call data, whose size the ABI does not fix. Each adds
  // its frame, C(max stack) = 3 per word: 2 words for the constructor and bump, 1 for count.
  EXPECT_EQ(
      a["gasEstimates"].dump(),
      R"j({"bump()":24213,"constructor":22108,"count()":2105,"twice(uint256[])":"unbounded"})j");
  EXPECT_EQ(a["abi"].size(), 4u);  // constructor, bump, count, twice
  // Keys are sorted, so the text is stable.
  const std::string text = artifact_text(a);
  EXPECT_TRUE(text.starts_with("{\n  \"abi\": ["));
  EXPECT_TRUE(text.ends_with("}\n"));
}

TEST(Artifact, NamedGasEstimatesWithReasons) {
  auto f = make_fixture();
  const ContractInfo* contract = f->program->find_contract("Counter");
  auto gas = contract_gas_estimates(*f->program, *contract, f->compiled.code.container);
  ASSERT_TRUE(gas.ok()) << gas.error().message;
  ASSERT_EQ(gas->size(), 4u);
  EXPECT_EQ((*gas)[3].name, "twice(uint256[])");
  EXPECT_EQ((*gas)[3].bound.reason,
            "CALLDATACOPY at offset 0x1c in function 3: memory length not bounded");
}

TEST(Artifact, CallDataSizesOfStaticSignatures) {
  auto f = make_fixture();
  const auto abi = contract_abi(*f->program, *f->program->find_contract("Counter"));
  const CallDataSizes sizes = abi_call_data_sizes(abi);
  EXPECT_EQ(sizes.constructor, 32u);
  EXPECT_EQ(sizes.exports.at(vm::selector_of("bump()")), 4u);
  EXPECT_EQ(sizes.exports.at(vm::selector_of("count()")), 4u);
  EXPECT_EQ(sizes.exports.count(vm::selector_of("twice(uint256[])")), 0u);
}

}  // namespace
}  // namespace tenet::compiler

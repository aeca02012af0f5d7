// (1.1) Components in the outputs: the storage layout (language.md §6, §10: components'
// fields first, each component once, in the order of first mention, depth first, left to
// right, used before own; each entry names its component), the ABI (pub component
// functions and getters of pub component fields are the contract's) and what the program
// holds (components are not contracts: no artifact, no code).

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <unistd.h>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tenet/compiler/abi.hpp"
#include "tenet/compiler/compile.hpp"
#include "tenet/compiler/diagnostics.hpp"
#include "tenet/compiler/layout.hpp"
#include "tenet/compiler/sema.hpp"
#include "tenet/compiler/source.hpp"
#include "compiler/outputs/checked_support.hpp"

namespace tenet::compiler {
namespace {

using testing_outputs::Checked;
using testing_outputs::check;

// A diamond: Left and Right both use Base; Top uses Left and Right. Base comes once,
// first; then Left's own field, then Right's (Base is not repeated), then the contract's.
constexpr const char* kDiamond = R"tn(
component Base {
    pub owner: address;
    pair: [u256; 2];
}
component Left uses Base {
    pub left: u8;
    pub fn poke() { self.left = 1; }
}
component Right uses Base {
    right: map<address, u256>;
    pub view fn get(a: address) -> u256 { return self.right[a]; }
}
contract Top uses Left, Right {
    pub own: bool;
}
contract Other uses Right {
    first: u256;
}
contract Plain {
    a: u256;
}
)tn";

TEST(ComponentsLayout, DiamondSharedComponentOnceAndFirst) {
  auto c = check(kDiamond);
  EXPECT_EQ(c->layout("Top"),
            R"json([{"component":"Base","name":"owner","slot":0,"slots":1,"type":"address"},)json"
            R"json({"component":"Base","name":"pair","slot":1,"slots":2,"type":"[u256; 2]"},)json"
            R"json({"component":"Left","name":"left","slot":3,"slots":1,"type":"u8"},)json"
            R"json({"component":"Right","name":"right","slot":4,"slots":1,)json"
            R"json("type":"map<address, u256>"},)json"
            R"json({"name":"own","slot":5,"slots":1,"type":"bool"}])json");
}

TEST(ComponentsLayout, OneComponentAtOtherSlotsInAnotherContract) {
  auto c = check(kDiamond);
  EXPECT_EQ(c->layout("Other"),
            R"json([{"component":"Base","name":"owner","slot":0,"slots":1,"type":"address"},)json"
            R"json({"component":"Base","name":"pair","slot":1,"slots":2,"type":"[u256; 2]"},)json"
            R"json({"component":"Right","name":"right","slot":3,"slots":1,)json"
            R"json("type":"map<address, u256>"},)json"
            R"json({"name":"first","slot":4,"slots":1,"type":"u256"}])json");
  // A contract without components has no "component" keys (the v1 layout, unchanged).
  EXPECT_EQ(c->layout("Plain"), R"json([{"name":"a","slot":0,"slots":1,"type":"u256"}])json");
}

TEST(ComponentsLayout, OrderOfFirstMentionLeftToRight) {
  auto c = check(R"tn(
component A { a: u256; }
component B uses A { b: u256; }
component C { c: u256; }
component D uses C, B { d: u256; }
contract X uses B, D { x: u256; }
contract Y uses D, A { y: u256; }
)tn");
  auto names = [&](const std::string& contract) {
    std::string out;
    for (const StorageField& f : storage_layout(c->contract(contract)))
      out += f.name + "@" + std::to_string(f.slot) + " ";
    return out;
  };
  EXPECT_EQ(names("X"), "a@0 b@1 c@2 d@3 x@4 ");
  EXPECT_EQ(names("Y"), "c@0 a@1 b@2 d@3 y@4 ");
}

TEST(ComponentsAbi, PubFunctionsAndGettersOfComponentsAreTheContracts) {
  auto c = check(kDiamond);
  std::vector<std::string> entries;
  for (const AbiEntry& e : contract_abi(*c->program, c->contract("Top")))
    entries.push_back(e.name + "/" + e.state_mutability);
  std::sort(entries.begin(), entries.end());
  EXPECT_EQ(entries, (std::vector<std::string>{"get/view", "left/view", "own/view", "owner/view",
                                               "poke/nonpayable"}));
}

TEST(ComponentsProgram, ComponentsAreNotContracts) {
  auto c = check(kDiamond);
  EXPECT_EQ(c->program->find_contract("Base"), nullptr);
  std::vector<std::string> entry;
  for (const ContractInfo* k : c->program->entry_contracts()) entry.push_back(k->name);
  EXPECT_EQ(entry, (std::vector<std::string>{"Top", "Other", "Plain"}));
  ASSERT_EQ(c->program->components.size(), 3u);
  EXPECT_EQ(c->program->components[0].kind, ContractInfo::Kind::component);
  // Top holds copies of its components' functions, pointing at their declarations.
  const FunctionInfo* poke = c->contract("Top").find_function("poke");
  ASSERT_NE(poke, nullptr);
  EXPECT_EQ(&poke->declaration(), c->program->components[1].find_function("poke"));
  EXPECT_EQ(poke->component, &c->program->components[1]);
}

// The getter of a component's pub field is code of the component's file: sema records the
// component's file, and the line table's rows for the getter name it (they named the using
// contract's file at the field's line: coverage and failure locations pointed at unrelated
// lines of the contract's file).
TEST(ComponentsProgram, GetterOfAComponentFieldIsInTheComponentsFile) {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("tenet_component_getter_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "named.tn") << "component Named {\n    pub label: u256;\n}\n";
  std::ofstream(dir / "box.tn") << "import \"./named.tn\";\n\ncontract Box uses Named {\n"
                                   "    pub size: u256;\n}\n";
  SourceManager sources;
  DiagnosticEngine diagnostics;
  std::string error;
  const auto entry = sources.load_file((dir / "box.tn").string(), error);
  ASSERT_TRUE(entry.has_value()) << error;
  auto program = check_program(sources, *entry, TENET_SOURCE_DIR "/stdlib", diagnostics);
  ASSERT_FALSE(diagnostics.has_errors()) << render_all(diagnostics, sources);
  const ContractInfo* box = program->find_contract("Box");
  ASSERT_NE(box, nullptr);
  const FunctionInfo* label = nullptr;
  for (const FunctionInfo& g : box->getters) {
    if (g.name == "label") label = &g;
  }
  ASSERT_NE(label, nullptr);
  EXPECT_EQ(sources.file(label->file).name(), (dir / "named.tn").string());

  auto compiled = compile_contract(*program, sources, *box);
  ASSERT_TRUE(compiled.ok()) << compiled.error().message;
  const auto& files = compiled->code.files;
  const auto named = std::find(files.begin(), files.end(), (dir / "named.tn").string());
  ASSERT_NE(named, files.end()) << "the line table does not name named.tn";
  const auto index = static_cast<uint32_t>(named - files.begin());
  EXPECT_TRUE(std::any_of(compiled->code.lines.begin(), compiled->code.lines.end(),
                          [&](const LineEntry& e) { return e.file == index && e.line == 2; }));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace tenet::compiler

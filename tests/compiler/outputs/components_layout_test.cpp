// (1.1) Components in the outputs: the storage layout (language.md §6, §10: components'
// fields first, each component once, in the order of first mention, depth first, left to
// right, used before own; each entry names its component), the ABI (pub component
// functions and getters of pub component fields are the contract's) and what the program
// holds (components are not contracts: no artifact, no code).

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tenet/compiler/abi.hpp"
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

}  // namespace
}  // namespace tenet::compiler

// ABI JSON and storage layout emission (abi.hpp, layout.hpp). The expected ABI JSON of
// the first tests is solc 0.8.28's output, byte for byte, for the same contract written
// in Solidity: Tenet's --emit abi has solc's shape and order.

#include "tenet/compiler/abi.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "compiler/test_support.hpp"
#include "tenet/compiler/diagnostics.hpp"
#include "tenet/compiler/layout.hpp"
#include "tenet/compiler/sema.hpp"
#include "tenet/compiler/source.hpp"
#include "compiler/outputs/checked_support.hpp"

namespace tenet::compiler {
namespace {

using testing_outputs::Checked;
using testing_outputs::check;

// The shared token contract (its comments say what it holds).
using testing::kTokenFixture;

// Structs (nested, in arrays), enums, fixed and nested arrays, an interface type, a
// payable init, receive, a tuple result, an event with a struct and an indexed string,
// an error with an enum and a struct, and getters of arrays, maps and structs.
constexpr const char* kShapes = R"tn(
enum Kind { Square, Circle }
struct Point { x: u256, y: i64 }
struct Shape { name: string, corners: [Point], origin: Point, tags: [u8; 2], kind: Kind }
event Added(id: u256 indexed, label: string indexed, shape: Shape);
error BadKind(kind: Kind, at: Point);

interface IRegistry {
    view fn lookup(name: string) -> address;
    fn register(p: Point) -> bool;
}

contract Shapes {
    pub shapes: [Shape];
    pub points: map<u256, Point>;
    pub grid: [[u8; 3]; 2];
    pub registry: IRegistry;
    pub kind: Kind;
    pub by_name: map<string, [u256]>;
    counter: u256;

    payable init(r: IRegistry) {
        self.registry = r;
    }

    pub payable fn receive() {
        self.counter += 1;
    }

    pub fn add(s: Shape, ps: [Point; 2], k: Kind) -> (u256, Point) {
        if k != Kind::Square { revert BadKind(k, ps[0]); }
        self.kind = k;
        emit Added(self.counter, s.name, s);
        return (self.counter, ps[1]);
    }

    pub view fn corners(i: u256) -> [Point] {
        return self.shapes[i].corners;
    }
}
)tn";

TEST(AbiJson, TokenMatchesSolc) {
  auto c = check(kTokenFixture);
  EXPECT_EQ(
      c->abi("Token"),
      R"json([{"inputs":[{"internalType":"uint256","name":"supply","type":"uint256"}],"stateMutability":"nonpayable","type":"constructor"},{"inputs":[{"internalType":"uint256","name":"have","type":"uint256"},{"internalType":"uint256","name":"need","type":"uint256"}],"name":"InsufficientBalance","type":"error"},{"anonymous":false,"inputs":[{"indexed":true,"internalType":"address","name":"from","type":"address"},{"indexed":true,"internalType":"address","name":"to","type":"address"},{"indexed":false,"internalType":"uint256","name":"amount","type":"uint256"}],"name":"Transfer","type":"event"},{"inputs":[{"internalType":"address","name":"","type":"address"},{"internalType":"address","name":"","type":"address"}],"name":"allowance","outputs":[{"internalType":"uint256","name":"","type":"uint256"}],"stateMutability":"view","type":"function"},{"inputs":[{"internalType":"address","name":"who","type":"address"}],"name":"balanceOf","outputs":[{"internalType":"uint256","name":"","type":"uint256"}],"stateMutability":"view","type":"function"},{"inputs":[],"name":"name","outputs":[{"internalType":"string","name":"","type":"string"}],"stateMutability":"view","type":"function"},{"inputs":[],"name":"total_supply","outputs":[{"internalType":"uint256","name":"","type":"uint256"}],"stateMutability":"view","type":"function"},{"inputs":[{"internalType":"address","name":"to","type":"address"},{"internalType":"uint256","name":"amount","type":"uint256"}],"name":"transfer","outputs":[{"internalType":"bool","name":"","type":"bool"}],"stateMutability":"nonpayable","type":"function"},{"stateMutability":"payable","type":"receive"}])json");
}

TEST(AbiJson, StructsEnumsArraysPayableInitReceiveMatchSolc) {
  auto c = check(kShapes);
  EXPECT_EQ(
      c->abi("Shapes"),
      R"json([{"inputs":[{"internalType":"contract IRegistry","name":"r","type":"address"}],"stateMutability":"payable","type":"constructor"},{"inputs":[{"internalType":"enum Kind","name":"kind","type":"uint8"},{"components":[{"internalType":"uint256","name":"x","type":"uint256"},{"internalType":"int64","name":"y","type":"int64"}],"internalType":"struct Point","name":"at","type":"tuple"}],"name":"BadKind","type":"error"},{"anonymous":false,"inputs":[{"indexed":true,"internalType":"uint256","name":"id","type":"uint256"},{"indexed":true,"internalType":"string","name":"label","type":"string"},{"components":[{"internalType":"string","name":"name","type":"string"},{"components":[{"internalType":"uint256","name":"x","type":"uint256"},{"internalType":"int64","name":"y","type":"int64"}],"internalType":"struct Point[]","name":"corners","type":"tuple[]"},{"components":[{"internalType":"uint256","name":"x","type":"uint256"},{"internalType":"int64","name":"y","type":"int64"}],"internalType":"struct Point","name":"origin","type":"tuple"},{"internalType":"uint8[2]","name":"tags","type":"uint8[2]"},{"internalType":"enum Kind","name":"kind","type":"uint8"}],"indexed":false,"internalType":"struct Shape","name":"shape","type":"tuple"}],"name":"Added","type":"event"},{"inputs":[{"components":[{"internalType":"string","name":"name","type":"string"},{"components":[{"internalType":"uint256","name":"x","type":"uint256"},{"internalType":"int64","name":"y","type":"int64"}],"internalType":"struct Point[]","name":"corners","type":"tuple[]"},{"components":[{"internalType":"uint256","name":"x","type":"uint256"},{"internalType":"int64","name":"y","type":"int64"}],"internalType":"struct Point","name":"origin","type":"tuple"},{"internalType":"uint8[2]","name":"tags","type":"uint8[2]"},{"internalType":"enum Kind","name":"kind","type":"uint8"}],"internalType":"struct Shape","name":"s","type":"tuple"},{"components":[{"internalType":"uint256","name":"x","type":"uint256"},{"internalType":"int64","name":"y","type":"int64"}],"internalType":"struct Point[2]","name":"ps","type":"tuple[2]"},{"internalType":"enum Kind","name":"k","type":"uint8"}],"name":"add","outputs":[{"internalType":"uint256","name":"","type":"uint256"},{"components":[{"internalType":"uint256","name":"x","type":"uint256"},{"internalType":"int64","name":"y","type":"int64"}],"internalType":"struct Point","name":"","type":"tuple"}],"stateMutability":"nonpayable","type":"function"},{"inputs":[{"internalType":"string","name":"","type":"string"},{"internalType":"uint256","name":"","type":"uint256"}],"name":"by_name","outputs":[{"internalType":"uint256","name":"","type":"uint256"}],"stateMutability":"view","type":"function"},{"inputs":[{"internalType":"uint256","name":"i","type":"uint256"}],"name":"corners","outputs":[{"components":[{"internalType":"uint256","name":"x","type":"uint256"},{"internalType":"int64","name":"y","type":"int64"}],"internalType":"struct Point[]","name":"","type":"tuple[]"}],"stateMutability":"view","type":"function"},{"inputs":[{"internalType":"uint256","name":"","type":"uint256"},{"internalType":"uint256","name":"","type":"uint256"}],"name":"grid","outputs":[{"internalType":"uint8","name":"","type":"uint8"}],"stateMutability":"view","type":"function"},{"inputs":[],"name":"kind","outputs":[{"internalType":"enum Kind","name":"","type":"uint8"}],"stateMutability":"view","type":"function"},{"inputs":[{"internalType":"uint256","name":"","type":"uint256"}],"name":"points","outputs":[{"internalType":"uint256","name":"x","type":"uint256"},{"internalType":"int64","name":"y","type":"int64"}],"stateMutability":"view","type":"function"},{"inputs":[],"name":"registry","outputs":[{"internalType":"contract IRegistry","name":"","type":"address"}],"stateMutability":"view","type":"function"},{"inputs":[{"internalType":"uint256","name":"","type":"uint256"}],"name":"shapes","outputs":[{"internalType":"string","name":"name","type":"string"},{"components":[{"internalType":"uint256","name":"x","type":"uint256"},{"internalType":"int64","name":"y","type":"int64"}],"internalType":"struct Point","name":"origin","type":"tuple"},{"internalType":"enum Kind","name":"kind","type":"uint8"}],"stateMutability":"view","type":"function"},{"stateMutability":"payable","type":"receive"}])json");
}

TEST(AbiJson, InterfaceMatchesSolc) {
  auto c = check(kShapes);
  EXPECT_EQ(
      c->abi("IRegistry"),
      R"json([{"inputs":[{"internalType":"string","name":"name","type":"string"}],"name":"lookup","outputs":[{"internalType":"address","name":"","type":"address"}],"stateMutability":"view","type":"function"},{"inputs":[{"components":[{"internalType":"uint256","name":"x","type":"uint256"},{"internalType":"int64","name":"y","type":"int64"}],"internalType":"struct Point","name":"p","type":"tuple"}],"name":"register","outputs":[{"internalType":"bool","name":"","type":"bool"}],"stateMutability":"nonpayable","type":"function"}])json");
}

// 1.1: an interface declares `receive` as `payable fn receive();`; its ABI entry is
// solc's `{"stateMutability":"payable","type":"receive"}` (language.md §8).
TEST(AbiJson, InterfaceReceiveIsAReceiveEntry) {
  auto c = check("interface IPayee {\n    payable fn receive();\n    fn id() -> u256;\n}\n");
  EXPECT_EQ(
      c->abi("IPayee"),
      R"json([{"inputs":[],"name":"id","outputs":[{"internalType":"uint256","name":"","type":"uint256"}],"stateMutability":"nonpayable","type":"function"},{"stateMutability":"payable","type":"receive"}])json");
}

// Selectors and topics as ethers.js v6 computes them from solc's JSON for the same
// contracts (tests/ethers/check_abi.mjs on solc's output).
TEST(AbiSelectors, TokenLinesMatchEthers) {
  auto c = check(kTokenFixture);
  const auto abi = contract_abi(*c->program, c->contract("Token"));
  EXPECT_EQ(abi_fragment_lines(abi),
            (std::vector<std::string>{
                "constructor(uint256)",
                "error InsufficientBalance(uint256,uint256) 0xcf479181",
                "event Transfer(address,address,uint256) "
                "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef indexed 0,1",
                "function allowance(address,address) 0xdd62ed3e view returns (uint256)",
                "function balanceOf(address) 0x70a08231 view returns (uint256)",
                "function name() 0x06fdde03 view returns (string)",
                "function total_supply() 0x3940e9ee view returns (uint256)",
                "function transfer(address,uint256) 0xa9059cbb nonpayable returns (bool)",
                "receive",
            }));
}

TEST(AbiSelectors, ShapesLinesMatchEthers) {
  auto c = check(kShapes);
  const auto abi = contract_abi(*c->program, c->contract("Shapes"));
  EXPECT_EQ(
      abi_fragment_lines(abi, "Shapes"),
      (std::vector<std::string>{
          "Shapes constructor(address)",
          "Shapes error BadKind(uint8,(uint256,int64)) 0x6fa61106",
          "Shapes event "
          "Added(uint256,string,(string,(uint256,int64)[],(uint256,int64),uint8[2],uint8)) "
          "0xaf95f264d6f65197936d02006bb8128fb39469ad44bb99adf6d778753e15e9c7 indexed 0,1",
          "Shapes function "
          "add((string,(uint256,int64)[],(uint256,int64),uint8[2],uint8),(uint256,int64)[2],uint8) "
          "0x07b4f668 nonpayable returns (uint256,(uint256,int64))",
          "Shapes function by_name(string,uint256) 0xfa09b56f view returns (uint256)",
          "Shapes function corners(uint256) 0x3f3593ee view returns ((uint256,int64)[])",
          "Shapes function grid(uint256,uint256) 0x146008e3 view returns (uint8)",
          "Shapes function kind() 0x04baa00b view returns (uint8)",
          "Shapes function points(uint256) 0x9799b4e7 view returns (uint256,int64)",
          "Shapes function registry() 0x7b103999 view returns (address)",
          "Shapes function shapes(uint256) 0x9a784c42 view returns (string,(uint256,int64),uint8)",
          "Shapes receive",
      }));
}

// The signatures hashed here are the ones semantic analysis gives functions, events,
// errors and getters (which external calls and the export table use).
TEST(AbiSelectors, SignaturesAgreeWithSemanticAnalysis) {
  for (const std::string& text : {kTokenFixture, std::string(kShapes)}) {
    auto c = check(text);
    for (const ContractInfo& contract : c->program->contracts) {
      const auto abi = contract_abi(*c->program, contract);
      auto find = [&](AbiEntryKind kind, const std::string& name) -> const AbiEntry* {
        for (const AbiEntry& e : abi)
          if (e.kind == kind && e.name == name) return &e;
        return nullptr;
      };
      for (const FunctionInfo& f : contract.functions) {
        if (!f.is_pub || f.is_receive) continue;
        const AbiEntry* e = find(AbiEntryKind::function, f.name);
        ASSERT_NE(e, nullptr) << f.name;
        EXPECT_EQ(abi_signature(*e), f.signature());
      }
      for (const FunctionInfo& g : contract.getters) {
        const AbiEntry* e = find(AbiEntryKind::function, g.name);
        ASSERT_NE(e, nullptr) << g.name;
        EXPECT_EQ(abi_signature(*e), g.signature()) << "getter " << g.name;
        // A struct-valued getter returns the struct's members (solc's rule), in the ABI
        // and in semantic analysis alike (getter_members, 1.1).
        ASSERT_EQ(e->outputs.size(), g.results.size()) << "getter " << g.name;
        for (size_t i = 0; i < g.results.size(); ++i) {
          if (e->outputs[i].type == "tuple") continue;  // a nested struct: "(uint256,int64)"
          EXPECT_EQ(e->outputs[i].type, abi_canonical_name(*g.results[i]))
              << "getter " << g.name << " output " << i;
        }
      }
      for (const EventInfo* ev : contract.events)
        if (const AbiEntry* e = find(AbiEntryKind::event, ev->name)) {
          EXPECT_EQ(abi_signature(*e), ev->signature());
        }
      for (const ErrorInfo* er : contract.errors)
        if (const AbiEntry* e = find(AbiEntryKind::error, er->name)) {
          EXPECT_EQ(abi_signature(*e), er->signature());
        }
    }
  }
}

// No init: no constructor. Internal functions and free functions are not in the ABI;
// an error raised in a free function the contract calls is; `require(c, Er(…))` counts.
TEST(AbiJson, WithoutInitAndWithFreeFunctions) {
  auto c = check(R"tn(
error TooBig(limit: u64);
error Denied();
error Unrelated(code: u8);
event Set(value: u64);

fn clamp(x: u64, limit: u64) -> u64 {
    if x > limit { revert TooBig(limit); }
    return x;
}

contract Box {
    value: u64;
    owner: address;

    pub fn set(v: u64) {
        require(msg.sender == self.owner, Denied());
        self.value = clamp(v, 100);
        emit Set(self.value);
    }

    pub view fn get() -> u64 { return self.value; }

    pub payable fn fund() {}

    fn helper() -> u64 { return 1; }
}
)tn");
  EXPECT_EQ(
      c->abi("Box"),
      R"json([{"inputs":[],"name":"Denied","type":"error"},)json"
      R"json({"inputs":[{"internalType":"uint64","name":"limit","type":"uint64"}],"name":"TooBig","type":"error"},)json"
      R"json({"anonymous":false,"inputs":[{"indexed":false,"internalType":"uint64","name":"value","type":"uint64"}],"name":"Set","type":"event"},)json"
      R"json({"inputs":[],"name":"fund","outputs":[],"stateMutability":"payable","type":"function"},)json"
      R"json({"inputs":[],"name":"get","outputs":[{"internalType":"uint64","name":"","type":"uint64"}],"stateMutability":"view","type":"function"},)json"
      R"json({"inputs":[{"internalType":"uint64","name":"v","type":"uint64"}],"name":"set","outputs":[],"stateMutability":"nonpayable","type":"function"}])json");
}

// Each contract of a file lists only the events it emits.
TEST(AbiJson, EventsBelongToTheContractThatEmitsThem) {
  auto c = check(R"tn(
event A(x: u256);
event B(y: bool indexed);

contract First {
    pub fn f() { emit A(1); }
}

contract Second {
    pub fn g() { emit B(true); }
}
)tn");
  EXPECT_EQ(
      c->abi("First"),
      R"json([{"anonymous":false,"inputs":[{"indexed":false,"internalType":"uint256","name":"x","type":"uint256"}],"name":"A","type":"event"},)json"
      R"json({"inputs":[],"name":"f","outputs":[],"stateMutability":"nonpayable","type":"function"}])json");
  EXPECT_EQ(
      c->abi("Second"),
      R"json([{"anonymous":false,"inputs":[{"indexed":true,"internalType":"bool","name":"y","type":"bool"}],"name":"B","type":"event"},)json"
      R"json({"inputs":[],"name":"g","outputs":[],"stateMutability":"nonpayable","type":"function"}])json");
}

// The getter of a pub field (abi.hpp getter_abi): keys and indices outer first.
TEST(AbiGetters, KeysIndicesAndStructMembers) {
  auto c = check(R"tn(
struct Inner { flag: bool, data: bytes }
struct Rec { id: u32, owners: [address], inner: Inner, scores: map<address, u8>, tag: bytes32 }
contract Getters {
    pub nested: map<address, [map<u8, i128>]>;
    pub fixed: [[bool; 2]; 4];
    pub recs: map<bytes32, Rec>;
    pub rec: Rec;
}
)tn");
  std::vector<std::string> lines;
  for (const FieldInfo& f : c->contract("Getters").fields) {
    const AbiEntry getter = getter_abi(f);
    std::string outputs;
    for (const AbiParam& p : getter.outputs)
      outputs += (outputs.empty() ? "" : ",") + p.name + ":" + canonical_type(p);
    lines.push_back(abi_signature(getter) + " -> " + outputs);
  }
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "nested(address,uint256,uint8) -> :int128",
                       "fixed(uint256,uint256) -> :bool",
                       "recs(bytes32) -> id:uint32,inner:(bool,bytes),tag:bytes32",
                       "rec() -> id:uint32,inner:(bool,bytes),tag:bytes32",
                   }));
}

TEST(AbiJson, PrettyPrintedShapeOfOneEntry) {
  auto c = check("contract C { pub x: u8; }");
  EXPECT_EQ(to_json(contract_abi(*c->program, c->contract("C"))).dump(2), R"json([
  {
    "inputs": [],
    "name": "x",
    "outputs": [
      {
        "internalType": "uint8",
        "name": "",
        "type": "uint8"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  }
])json");
}

// language.md §10: one slot per value type, consecutive slots for fixed arrays and
// structs, one slot for maps, dynamic arrays, strings and bytes.
TEST(LayoutJson, SlotsFollowLanguageSection10) {
  auto c = check(R"tn(
enum Color { Red, Green }
struct Point { x: u256, y: i64 }
struct Pair { a: Point, b: [u8; 3] }
interface IThing { fn f(); }
contract Store {
    a: u8;
    pub p: Point;
    pair: Pair;
    fixed: [Point; 2];
    m: map<address, Pair>;
    items: [Pair];
    s: string;
    b: bytes;
    last: bool;
    color: Color;
    thing: IThing;
    grid: [[u16; 2]; 3];
}
)tn");
  EXPECT_EQ(c->layout("Store"),
            R"json([{"name":"a","slot":0,"slots":1,"type":"u8"},)json"
            R"json({"name":"p","slot":1,"slots":2,"type":"Point"},)json"
            R"json({"name":"pair","slot":3,"slots":5,"type":"Pair"},)json"
            R"json({"name":"fixed","slot":8,"slots":4,"type":"[Point; 2]"},)json"
            R"json({"name":"m","slot":12,"slots":1,"type":"map<address, Pair>"},)json"
            R"json({"name":"items","slot":13,"slots":1,"type":"[Pair]"},)json"
            R"json({"name":"s","slot":14,"slots":1,"type":"string"},)json"
            R"json({"name":"b","slot":15,"slots":1,"type":"bytes"},)json"
            R"json({"name":"last","slot":16,"slots":1,"type":"bool"},)json"
            R"json({"name":"color","slot":17,"slots":1,"type":"Color"},)json"
            R"json({"name":"thing","slot":18,"slots":1,"type":"IThing"},)json"
            R"json({"name":"grid","slot":19,"slots":6,"type":"[[u16; 2]; 3]"}])json");
}

TEST(LayoutJson, TokenAndEmptyContract) {
  auto c = check(kTokenFixture);
  EXPECT_EQ(
      c->layout("Token"),
      R"json([{"name":"total_supply","slot":0,"slots":1,"type":"u256"},)json"
      R"json({"name":"balances","slot":1,"slots":1,"type":"map<address, u256>"},)json"
      R"json({"name":"allowance","slot":2,"slots":1,"type":"map<address, map<address, u256>>"},)json"
      R"json({"name":"name","slot":3,"slots":1,"type":"string"}])json");
  auto empty = check("contract Empty { pub fn f() {} }");
  EXPECT_EQ(empty->layout("Empty"), "[]");
}

TEST(LayoutJson, InterfaceHasNoStorage) {
  auto c = check(kShapes);
  EXPECT_TRUE(storage_layout(c->contract("IRegistry")).empty());
}

}  // namespace
}  // namespace tenet::compiler

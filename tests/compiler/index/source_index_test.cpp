// The source index (compiler/src/index/): definitions, references, outline, hover and
// completion over a program of three files (one of them std/math.tn), and over files
// with syntax errors (CheckOptions::tolerate_syntax_errors).

#include "tenet/compiler/source_index.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "tenet/compiler/diagnostics.hpp"
#include "tenet/compiler/parser.hpp"
#include "tenet/compiler/sema.hpp"
#include "tenet/vm/crypto.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::compiler {
namespace {

using ::testing::ElementsAre;
using ::testing::IsSupersetOf;

const char* const kToken = R"(/// Moved tokens.
event Transfer(from: address indexed, to: address indexed, amount: u256);
/// Not enough.
error Insufficient(have: u256);

interface IToken {
    /// The balance of `who`.
    fn balanceOf(who: address) -> u256;
}
)";

const char* const kMain = R"(import { IToken as Tok, Transfer, Insufficient } from "./token.tn";
import "std/math.tn";

/// A point.
struct Point {
    x: u256,
    y: u256,
}

enum Status { Open, Closed }

const LIMIT: u256 = 100;

component Owned {
    owner: address;
    fn only_owner() {
        require(msg.sender == self.owner);
    }
}

/// The vault.
contract Vault uses Owned {
    /// Balances by account.
    pub balances: map<address, u256>;
    status: Status;
    const FEE: u256 = 3;

    init() {
        self.owner = msg.sender;
    }

    /// Deposits `amount`.
    pub fn deposit(amount: u256) -> u256 {
        self.only_owner();
        let p = Point { x: amount, y: LIMIT };
        let total = self.balances[msg.sender] + p.x + FEE;
        self.balances[msg.sender] = min(total, LIMIT);
        self.status = Status::Closed;
        emit Transfer(msg.sender, msg.sender, total);
        if total > 1000 {
            revert Insufficient(total);
        }
        let s: string = "ééé"; let t: Tok = Tok(msg.sender); // Tok is IToken
        return t.balanceOf(msg.sender) + s.len();
    }
}

test contract VaultTest {
    v: Vault;

    fn setup() {
        self.v = new Vault();
        vm.prank(address(1));
    }

    fn probe(t: Tok) -> u256 {
        require(true, Insufficient(1));
        let _sel: bytes4 = Tok.balanceOf.selector;
        try t.balanceOf(address(self)) -> (b) {
            return b;
        } catch Insufficient(have) {
            return have;
        }
    }
}
)";

// A program on disk (imports are read from files), checked for the index.
struct Indexed {
  std::filesystem::path dir;
  SourceManager sources;
  DiagnosticEngine diagnostics;
  std::unique_ptr<CheckedProgram> program;
  SourceIndex index;
  FileId main = kNoFile;
  std::string text;  // of main

  ~Indexed() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }

  // Byte offset of the `nth` occurrence of `needle` in main's text, plus `delta`.
  uint32_t at(const std::string& needle, int nth = 0, int delta = 0) const {
    size_t pos = text.find(needle);
    for (int i = 0; i < nth && pos != std::string::npos; ++i) pos = text.find(needle, pos + 1);
    EXPECT_NE(pos, std::string::npos) << needle;
    return static_cast<uint32_t>(pos + static_cast<size_t>(delta));
  }
  // The file holding `range`, by file name, and the text it spans.
  std::string where(const SourceRange& r) const {
    const SourceBuffer& b = sources.file(r.file);
    return std::filesystem::path(b.name()).filename().string() + ":" +
           std::to_string(r.begin.line) + ":" + std::to_string(r.begin.column) + " " +
           std::string(b.text().substr(r.begin.offset, r.end.offset - r.begin.offset));
  }
  std::string definition(const std::string& needle, int nth = 0, int delta = 0) const {
    std::optional<SourceRange> r = index.definition(main, at(needle, nth, delta));
    return r ? where(*r) : "none";
  }
  std::vector<std::string> references(const std::string& needle, int nth = 0) const {
    std::vector<std::string> out;
    std::optional<size_t> s = index.symbol_at(main, at(needle, nth));
    if (!s) return out;
    for (const SourceRange& r : index.references(*s, true)) out.push_back(where(r));
    return out;
  }
  std::vector<std::string> complete(const std::string& edited, uint32_t offset) const {
    std::vector<std::string> out;
    for (const auto& c : index.complete(main, offset, edited)) out.push_back(c.label);
    return out;
  }
};

std::unique_ptr<Indexed> index_files(const std::string& main_text,
                                     const std::string& token_text = kToken) {
  auto ix = std::make_unique<Indexed>();
  static int counter = 0;
  ix->dir = std::filesystem::temp_directory_path() /
            ("tenet_index_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
  std::filesystem::create_directories(ix->dir);
  std::ofstream(ix->dir / "token.tn") << token_text;
  ix->text = main_text;
  ix->main = ix->sources.add_file((ix->dir / "main.tn").string(), main_text);
  CheckOptions options;
  options.tolerate_syntax_errors = true;
  ix->program =
      check_program(ix->sources, ix->main, std::filesystem::path(TENET_SOURCE_DIR) / "stdlib",
                    ix->diagnostics, options);
  ix->index = SourceIndex::build(*ix->program, ix->sources);
  return ix;
}

std::string rendered(const Indexed& ix) {
  return render_all(ix.diagnostics, ix.sources);
}

TEST(SourceIndex, TheFixtureIsAValidProgram) {
  auto ix = index_files(kMain);
  EXPECT_FALSE(ix->diagnostics.has_errors()) << rendered(*ix);
}

TEST(SourceIndex, DefinitionsOfEveryKindOfUse) {
  auto ix = index_files(kMain);
  // locals, parameters, constants (top-level and contract)
  EXPECT_EQ(ix->definition("total, LIMIT"), "main.tn:36:13 total");
  EXPECT_EQ(ix->definition("amount, y"), "main.tn:33:20 amount");
  EXPECT_EQ(ix->definition("LIMIT }"), "main.tn:12:7 LIMIT");
  EXPECT_EQ(ix->definition("FEE;"), "main.tn:26:11 FEE");
  // struct literal name and field names, member access on a struct
  EXPECT_EQ(ix->definition("Point {", 1), "main.tn:5:8 Point");
  EXPECT_EQ(ix->definition("x: amount"), "main.tn:6:5 x");
  EXPECT_EQ(ix->definition("p.x", 0, 2), "main.tn:6:5 x");
  // storage fields, a component's field and function through self, `uses`
  EXPECT_EQ(ix->definition("self.balances[msg.sender] +", 0, 5), "main.tn:24:9 balances");
  EXPECT_EQ(ix->definition("self.owner = ", 0, 5), "main.tn:15:5 owner");
  EXPECT_EQ(ix->definition("self.only_owner();", 0, 5), "main.tn:16:8 only_owner");
  EXPECT_EQ(ix->definition("uses Owned", 0, 5), "main.tn:14:11 Owned");
  // written types, enum paths
  EXPECT_EQ(ix->definition("status: Status", 0, 8), "main.tn:10:6 Status");
  EXPECT_EQ(ix->definition("Status::Closed"), "main.tn:10:6 Status");
  EXPECT_EQ(ix->definition("Status::Closed", 0, 8), "main.tn:10:21 Closed");
  // events and errors of another file, an interface through an import alias
  EXPECT_EQ(ix->definition("Transfer(msg"), "token.tn:2:7 Transfer");
  EXPECT_EQ(ix->definition("Insufficient(total"), "token.tn:4:7 Insufficient");
  EXPECT_EQ(ix->definition("Tok = ", 0, 0), "token.tn:6:11 IToken");
  EXPECT_EQ(ix->definition("Tok(msg"), "token.tn:6:11 IToken");
  EXPECT_EQ(ix->definition("balanceOf(msg"), "token.tn:8:8 balanceOf");
  // the imported names and their aliases
  EXPECT_EQ(ix->definition("IToken as"), "token.tn:6:11 IToken");
  EXPECT_EQ(ix->definition("Tok,"), "token.tn:6:11 IToken");
  EXPECT_EQ(ix->definition("Insufficient }"), "token.tn:4:7 Insufficient");
  // std/, `new`, a called free function
  EXPECT_EQ(ix->definition("min("), "math.tn:4:4 min");
  EXPECT_EQ(ix->definition("new Vault", 0, 4), "main.tn:22:10 Vault");
  // errors in require and catch, the bindings of try and catch, a selector
  EXPECT_EQ(ix->definition("Insufficient(1)"), "token.tn:4:7 Insufficient");
  EXPECT_EQ(ix->definition("Insufficient(have"), "token.tn:4:7 Insufficient");
  EXPECT_EQ(ix->definition("have;"), "main.tn:61:30 have");
  EXPECT_EQ(ix->definition("b;"), "main.tn:59:44 b");
  EXPECT_EQ(ix->definition("Tok.balanceOf.selector"), "token.tn:6:11 IToken");
  EXPECT_EQ(ix->definition("balanceOf.selector"), "token.tn:8:8 balanceOf");
  // a declaration is its own definition
  EXPECT_EQ(ix->definition("deposit("), "main.tn:33:12 deposit");
}

TEST(SourceIndex, ReferencesAcrossFilesAndAliases) {
  auto ix = index_files(kMain);
  EXPECT_THAT(ix->references("total ="),
              ElementsAre("main.tn:36:13 total", "main.tn:37:41 total", "main.tn:39:47 total",
                          "main.tn:40:12 total", "main.tn:41:33 total"));
  EXPECT_THAT(ix->references("IToken as"),
              ElementsAre("main.tn:1:10 IToken", "main.tn:1:20 Tok", "main.tn:43:39 Tok",
                          "main.tn:43:45 Tok", "main.tn:56:17 Tok", "main.tn:58:28 Tok",
                          "token.tn:6:11 IToken"));
  EXPECT_THAT(ix->references("Owned {"), ElementsAre("main.tn:14:11 Owned", "main.tn:22:21 Owned"));
  EXPECT_THAT(ix->references("owner: address"),
              ElementsAre("main.tn:15:5 owner", "main.tn:17:36 owner", "main.tn:29:14 owner"));
  // without the declaration
  std::optional<size_t> fee = ix->index.symbol_at(ix->main, ix->at("FEE"));
  ASSERT_TRUE(fee);
  ASSERT_EQ(ix->index.references(*fee, false).size(), 1u);
  EXPECT_EQ(ix->where(ix->index.references(*fee, false)[0]), "main.tn:36:55 FEE");
}

TEST(SourceIndex, OutlineOfAMultiContractFile) {
  auto ix = index_files(kMain);
  std::vector<std::string> top;
  for (size_t s : ix->index.outline(ix->main)) {
    const Symbol& sym = ix->index.symbols()[s];
    top.push_back(std::string(symbol_kind_name(sym.kind)) + " " + sym.name);
  }
  EXPECT_THAT(top, ElementsAre("struct Point", "enum Status", "constant LIMIT", "component Owned",
                               "contract Vault", "test contract VaultTest"));
  std::optional<size_t> vault = ix->index.symbol_at(ix->main, ix->at("Vault uses"));
  ASSERT_TRUE(vault);
  std::vector<std::string> members;
  for (size_t s : ix->index.children(*vault)) {
    const Symbol& sym = ix->index.symbols()[s];
    members.push_back(std::string(symbol_kind_name(sym.kind)) + " " + sym.name + " (" +
                      sym.container + ")");
  }
  EXPECT_THAT(members,
              ElementsAre("field balances (Vault)", "field status (Vault)", "constant FEE (Vault)",
                          "function init (Vault)", "function deposit (Vault)"));
  const Symbol& v = ix->index.symbols()[*vault];
  EXPECT_EQ(v.detail, "contract Vault uses Owned");
  EXPECT_EQ(v.doc, "The vault.");
  EXPECT_EQ(v.full_range.begin.line, 22u);
  EXPECT_EQ(v.full_range.end.line, 46u);
}

TEST(SourceIndex, HoverTexts) {
  auto ix = index_files(kMain);
  auto deposit = ix->index.hover(ix->main, ix->at("deposit("));
  ASSERT_TRUE(deposit);
  EXPECT_EQ(deposit->signature, "pub fn deposit(amount: u256) -> u256");
  EXPECT_EQ(deposit->doc, "Deposits `amount`.");
  EXPECT_EQ(deposit->selector, vm::hex_encode(vm::selector_of("deposit(uint256)")));
  ASSERT_TRUE(deposit->function);
  EXPECT_EQ(deposit->function->contract, "Vault");
  EXPECT_EQ(deposit->function->function, "deposit");

  auto balance_of = ix->index.hover(ix->main, ix->at("balanceOf(msg"));
  ASSERT_TRUE(balance_of);
  EXPECT_EQ(balance_of->signature, "fn balanceOf(who: address) -> u256");
  EXPECT_EQ(balance_of->doc, "The balance of `who`.");
  EXPECT_EQ(balance_of->selector, "0x70a08231");
  EXPECT_EQ(ix->where(balance_of->range), "main.tn:44:18 balanceOf");

  auto transfer = ix->index.hover(ix->main, ix->at("Transfer(msg"));
  ASSERT_TRUE(transfer);
  EXPECT_EQ(transfer->signature,
            "event Transfer(from: address indexed, to: address indexed, amount: u256)");
  EXPECT_EQ(transfer->doc, "Moved tokens.");
  EXPECT_EQ(transfer->selector,
            "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
  EXPECT_FALSE(transfer->function);

  auto total = ix->index.hover(ix->main, ix->at("total > 1000"));
  ASSERT_TRUE(total);
  EXPECT_EQ(total->signature, "let total: u256");
  EXPECT_EQ(total->type, "u256");

  auto balances = ix->index.hover(ix->main, ix->at("balances[msg.sender] +"));
  ASSERT_TRUE(balances);
  EXPECT_EQ(balances->signature, "pub balances: map<address, u256>");
  EXPECT_EQ(balances->type, "map<address, u256>");
  EXPECT_EQ(balances->doc, "Balances by account.");
  EXPECT_EQ(balances->selector, vm::hex_encode(vm::selector_of("balances(address)")));

  auto init = ix->index.hover(ix->main, ix->at("init()"));
  ASSERT_TRUE(init);
  EXPECT_EQ(init->signature, "init()");
  ASSERT_TRUE(init->function);
  EXPECT_EQ(init->function->contract, "Vault");
  EXPECT_EQ(init->function->function, "init");

  auto limit = ix->index.hover(ix->main, ix->at("LIMIT: u256"));
  ASSERT_TRUE(limit);
  EXPECT_EQ(limit->signature, "const LIMIT: u256 = 100");

  auto closed = ix->index.hover(ix->main, ix->at("Closed;"));
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->signature, "Status::Closed");
  EXPECT_EQ(closed->type, "Status");

  // An expression: the comparison under its operator, an index expression under `[`.
  auto compare = ix->index.hover(ix->main, ix->at("> 1000"));
  ASSERT_TRUE(compare);
  EXPECT_EQ(compare->signature, "");
  EXPECT_EQ(compare->type, "bool");
  EXPECT_EQ(ix->where(compare->range), "main.tn:40:12 total > 1000");
  auto element = ix->index.hover(ix->main, ix->at("] +"));
  ASSERT_TRUE(element);
  EXPECT_EQ(element->type, "u256");
}

TEST(SourceIndex, PositionsAtTheEdgesOfNames) {
  auto ix = index_files(kMain);
  const uint32_t first = ix->at("total > 1000");
  EXPECT_EQ(ix->definition("total > 1000"), "main.tn:36:13 total");
  EXPECT_EQ(ix->index.definition(ix->main, first + 4), ix->index.definition(ix->main, first));
  // just after the name (a cursor at the end of a word) still finds it
  EXPECT_EQ(ix->index.definition(ix->main, first + 5), ix->index.definition(ix->main, first));
  // on the whitespace and operator after it: nothing
  EXPECT_FALSE(ix->index.symbol_at(ix->main, first + 6));
  EXPECT_FALSE(ix->index.hover(ix->main, first - 2));  // in `if `
  // in a comment and a doc comment
  EXPECT_FALSE(ix->index.symbol_at(ix->main, ix->at("Tok is IToken", 0, 8)));
  EXPECT_FALSE(ix->index.hover(ix->main, ix->at("Tok is IToken", 0, 8)));
  EXPECT_FALSE(ix->index.symbol_at(ix->main, ix->at("The vault")));
  // after a string with multi-byte characters: offsets are bytes, columns code points
  const uint32_t t = ix->at("t: Tok");
  auto s = ix->index.symbol_at(ix->main, t);
  ASSERT_TRUE(s);
  const SourceRange& r = ix->index.symbols()[*s].name_range;
  EXPECT_EQ(r.begin.offset, t);
  EXPECT_EQ(r.begin.line, 43u);
  EXPECT_EQ(r.begin.column, 36u);  // `        let s: string = "ééé"; let ` is 35 code points
  EXPECT_EQ(ix->definition("t.balanceOf"), "main.tn:43:36 t");
}

TEST(SourceIndex, CompletionAfterSelfDotListsMembersOfTheContractAndItsComponents) {
  auto ix = index_files(kMain);
  // Mid-edit: `self.` typed at the start of a line of deposit, not yet parsable.
  const uint32_t line = ix->at("        self.status = ");
  std::string edited = ix->text;
  edited.insert(line, "        self.\n");
  const uint32_t cursor = line + 13;
  EXPECT_THAT(ix->complete(edited, cursor),
              ElementsAre("FEE", "balances", "deposit", "only_owner", "owner", "status"));
  edited.insert(cursor, "ba");
  EXPECT_THAT(ix->complete(edited, cursor + 2), ElementsAre("balances"));
  auto items = ix->index.complete(ix->main, cursor + 2, edited);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].kind, SymbolKind::field);
  EXPECT_EQ(items[0].detail, "balances: map<address, u256>");
  EXPECT_EQ(items[0].doc, "Balances by account.");
}

TEST(SourceIndex, CompletionOfStructFieldsEnumVariantsAndInterfaceFunctions) {
  auto ix = index_files(kMain);
  const uint32_t line = ix->at("        self.status = ");
  auto with = [&](const std::string& typed, uint32_t at = 0) {
    if (at == 0) at = line;
    std::string edited = ix->text;
    edited.insert(at, "        " + typed + "\n");
    return ix->complete(edited, at + 8 + static_cast<uint32_t>(typed.size()));
  };
  EXPECT_THAT(with("p."), ElementsAre("x", "y"));
  EXPECT_THAT(with("Status::"), ElementsAre("Closed", "Open"));
  EXPECT_THAT(with("Status::O"), ElementsAre("Open"));
  EXPECT_THAT(with("msg.s"), ElementsAre("sender", "sig"));
  EXPECT_THAT(with("msg.sender.ba"), ElementsAre("balance"));
  EXPECT_THAT(with("s.l", ix->at("        return t.")), ElementsAre("len"));
  // vm. is for test contracts only
  EXPECT_THAT(with("vm."), ElementsAre());
  // fallback: locals before the cursor, top-level and imported names, built-ins, keywords
  EXPECT_THAT(with("to"), ElementsAre("total"));
  EXPECT_THAT(with("Tr"), ElementsAre("Transfer"));
  EXPECT_THAT(with("Tok"), ElementsAre("Tok"));
  EXPECT_THAT(with("mi"), ElementsAre("min"));
  EXPECT_THAT(with("whi"), ElementsAre("while"));
  EXPECT_THAT(with("LI"), ElementsAre("LIMIT"));
  EXPECT_THAT(with("FE"), ElementsAre("FEE"));
}

TEST(SourceIndex, CompletionOfCheatCodesInTestContracts) {
  auto ix = index_files(kMain);
  const uint32_t line = ix->at("        vm.prank");
  std::string edited = ix->text;
  edited.insert(line, "        vm.pr\n");
  auto items = ix->index.complete(ix->main, line + 13, edited);
  std::vector<std::string> labels;
  for (const auto& c : items) labels.push_back(c.label);
  EXPECT_THAT(labels, ElementsAre("prank"));
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items[0].kind, SymbolKind::function);
  EXPECT_EQ(items[0].detail.rfind("vm.prank(", 0), 0u) << items[0].detail;
  // every cheat code of the table, none other
  edited = ix->text;
  edited.insert(line, "        vm.\n");
  size_t expected = 0;
  for (const vm::CheatInfo& c : vm::kCheats) expected += c.internal() ? 0 : 1;
  EXPECT_EQ(ix->index.complete(ix->main, line + 11, edited).size(), expected);
}

TEST(SourceIndex, CompletionOfImportedNames) {
  auto ix = index_files(kMain);
  std::string edited = ix->text;
  const uint32_t brace = ix->at("IToken as");
  edited.insert(brace, "In, ");
  EXPECT_THAT(ix->complete(edited, brace + 2), ElementsAre("Insufficient"));
  edited = ix->text;
  edited.insert(brace, ", ");
  EXPECT_THAT(ix->complete(edited, brace), ElementsAre("IToken", "Insufficient", "Transfer"));
}

// A syntax error in one function: the rest of the file is indexed, the diagnostics are
// those of the parser alone (no cascades), and they equal what `tenet build` reports.
TEST(SourceIndex, AFileWithASyntaxErrorStillYieldsTheRest) {
  const std::string text = R"(contract C {
    x: u256;

    fn broken() -> u256 {
        let a = ;
        return 1;
    }

    /// Good.
    fn good() -> u256 {
        let b = self.x;
        return b;
    }
}

contract D {
    fn f() -> u256 { return 2 }
    fn g() {}
}
)";
  auto ix = index_files(text);
  Indexed plain;
  plain.sources.add_file("main.tn", text);
  parse_file(plain.sources, 0, plain.diagnostics);
  std::string expected;
  for (const Diagnostic& d : plain.diagnostics.diagnostics()) expected += d.message + "\n";
  std::string got;
  for (const Diagnostic& d : ix->diagnostics.diagnostics()) got += d.message + "\n";
  EXPECT_EQ(got, expected);
  EXPECT_TRUE(ix->diagnostics.has_errors());
  ASSERT_TRUE(ix->program->modules[0].ast);
  EXPECT_TRUE(ix->program->modules[0].ast->partial);

  std::vector<std::string> names;
  for (const Symbol& s : ix->index.symbols()) names.push_back(s.name);
  EXPECT_THAT(names, IsSupersetOf({"C", "x", "broken", "good", "b", "D", "g"}));
  EXPECT_EQ(ix->definition("x;"), "main.tn:2:5 x");
  EXPECT_EQ(ix->definition("b;"), "main.tn:11:13 b");
  auto good = ix->index.hover(ix->main, ix->at("good"));
  ASSERT_TRUE(good);
  EXPECT_EQ(good->signature, "fn good() -> u256");
  EXPECT_EQ(good->doc, "Good.");
}

TEST(SourceIndex, AnInterfaceKeepsTheFunctionsThatParsed) {
  auto ix = index_files(
      "interface I {\n    fn a() -> u256;\n    fn b(x: u256 y: u256) -> u256;\n"
      "    /// C.\n    fn c() -> bool;\n}\n");
  EXPECT_TRUE(ix->diagnostics.has_errors());
  std::vector<std::string> names;
  for (const Symbol& s : ix->index.symbols()) names.push_back(s.name);
  EXPECT_THAT(names, ElementsAre("I", "a", "c"));
  auto c = ix->index.hover(ix->main, ix->at("c()"));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->doc, "C.");
  EXPECT_EQ(c->selector, vm::hex_encode(vm::selector_of("c()")));
}

TEST(SourceIndex, AnUnfinishedFileStillYieldsWhatParsed) {
  const std::string text = R"(struct P { a: u256, b: bool }
contract C {
    p: P;
    fn f() {
        self.p.)";
  auto ix = index_files(text);
  EXPECT_TRUE(ix->diagnostics.has_errors());
  std::vector<std::string> names;
  for (const Symbol& s : ix->index.symbols()) names.push_back(s.name);
  EXPECT_THAT(names, IsSupersetOf({"P", "a", "b", "C", "p", "f"}));
  EXPECT_THAT(ix->complete(text, static_cast<uint32_t>(text.size())), ElementsAre("a", "b"));
}

TEST(SourceIndex, NoCascadingSemanticErrorsInAPartialFileButThoseOfOtherFiles) {
  // token.tn has a semantic error (reported), main.tn a syntax error (its semantic errors,
  // like the unknown name, are not).
  const std::string token = "error E(x: u256);\nfn f() -> u256 { return nope; }\n";
  auto ix = index_files("import \"./token.tn\";\nfn g() -> u256 { return unknown }\n", token);
  std::string got;
  for (const Diagnostic& d : ix->diagnostics.diagnostics()) got += d.message + "\n";
  EXPECT_THAT(got, ::testing::HasSubstr("unknown name 'nope'"));
  EXPECT_THAT(got, ::testing::Not(::testing::HasSubstr("'unknown'")));
  EXPECT_THAT(got, ::testing::HasSubstr("expected ';'"));
}

}  // namespace
}  // namespace tenet::compiler

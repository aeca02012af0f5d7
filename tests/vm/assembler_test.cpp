// The assembler and disassembler: hand-computed bytes, every error with its position,
// PUSH's choice of form, and disassemble → assemble round trips.
#include "tenet/vm/assembler.hpp"
#include "vm_test_support.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tenet/vm/container.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::vm {
namespace {

/// Bytes from hex digits (spaces allowed); the test data is always well-formed.
using testing::bytes_of;


/// Lower-case hex of `bytes`, for readable failures.
std::string hex(const std::vector<uint8_t>& bytes) {
  std::string out;
  for (uint8_t b : bytes) {
    out += "0123456789abcdef"[b >> 4];
    out += "0123456789abcdef"[b & 15];
  }
  return out;
}

/// Assembles `source` as "t.tasm" and serialises it; fails the test on an error.
std::vector<uint8_t> assemble_bytes(std::string_view source, const ChildLoader& loader = {},
                                    const ValidationOptions& options = {}) {
  auto c = assemble(source, "t.tasm", loader, options);
  EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
  return c ? serialize_container(*c) : std::vector<uint8_t>{};
}

/// The code section of the assembled source.
std::vector<uint8_t> code_of(std::string_view source) {
  auto c = assemble(source, "t.tasm");
  EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
  return c ? c->code : std::vector<uint8_t>{};
}

/// The error message of assembling `source` as "t.tasm".
std::string error_of(std::string_view source, const ChildLoader& loader = {},
                     const ValidationOptions& options = {}) {
  auto c = assemble(source, "t.tasm", loader, options);
  return c ? "(no error)" : c.error().message;
}

/// A one-function program around `body`.
std::string program(std::string_view body) {
  return ".fn main\n" + std::string(body) + ".end\n";
}

/// Disassembles the assembled source and assembles the text again; the bytes must match.
void expect_round_trip(std::string_view source, const ChildLoader& loader = {}) {
  auto first = assemble(source, "t.tasm", loader);
  ASSERT_TRUE(first.ok()) << first.error().message;
  const std::string text = disassemble(*first);
  auto second = assemble(text, "d.tasm");
  ASSERT_TRUE(second.ok()) << second.error().message << "\n" << text;
  EXPECT_EQ(serialize_container(*second), serialize_container(*first)) << text;
  EXPECT_EQ(disassemble(*second), text);
}

const char* const kChildSource = R"T(.constructor init
.fn init
  STOP
.end
)T";

/// Serves kChildSource as "child.tasm".
Result<std::vector<uint8_t>> load_child(std::string_view path) {
  if (path != "child.tasm") return Error{"no such file"};
  auto c = assemble(kChildSource, path);
  if (!c) return c.error();
  return serialize_container(*c);
}

// ---- Hand-computed bytes ----------------------------------------------------------------

TEST(AssemblerBytes, SmallestProgram) {
  EXPECT_EQ(assemble_bytes(program("  STOP\n")),
            bytes_of("7f544e42 01 00 ffff ffff 0001 0000 0000 0000 00000001 00000000"
                     "00000000 00000001 00 00 0000 0000 00 00"
                     "00"));
}

TEST(AssemblerBytes, PushPopStop) {
  // 1000000 = 0x0f4240 needs PUSH4; max_stack is computed as 1.
  EXPECT_EQ(assemble_bytes(program("  PUSH 1000000\n  POP\n  STOP\n")),
            bytes_of("7f544e42 01 00 ffff ffff 0001 0000 0000 0000 00000007 00000000"
                     "00000000 00000007 00 00 0000 0001 00 00"
                     "12000f4240 15 00"));
}

TEST(AssemblerBytes, FunctionsExportsLabelsCallsAndConstants) {
  const char* source = R"T(; three functions
.receive on_receive
.fn main export="get()" view locals=1
  PUSH 3
  LSET 0
loop:                      ; offset 5
  LGET 0
  PUSH1 1
  SUB
  LTEE 0
  JUMPI loop
  PUSH 0x1_0000_0000_0000_0000   ; 2^64: a pool constant
  CALLF helper
  POP
  STOP
.end
.fn helper params=1 results=1
  LGET 0
  PUSH1 2
  ADD
  RETF
.end
.fn on_receive payable
  STOP
.end
)T";
  const std::vector<uint8_t> expected = bytes_of(
      // header: receive 2, 3 functions, 1 export, 1 constant, 35 bytes of code
      "7f544e42 01 00 ffff 0002 0003 0001 0001 0000 00000023 00000000"
      // main: 27 bytes, locals 1, max_stack 2, view
      "00000000 0000001b 00 00 0001 0002 01 00"
      // helper: 7 bytes at 27, 1 param, 1 result, max_stack 2
      "0000001b 00000007 01 01 0000 0002 00 00"
      // on_receive: 1 byte at 34, payable
      "00000022 00000001 00 00 0000 0000 02 00"
      // export: selector of get() is 0x6d4ce63c
      "6d4ce63c 0000"
      // constant 0: 2^64
      "0000000000000000 0000000000000000 0000000000000001 0000000000000000"
      // main
      "1103 190000 180000 1101 21 1a0000 0600000005 140000 080001 15 00"
      // helper
      "180000 1102 20 09"
      // on_receive
      "00");
  const std::vector<uint8_t> actual = assemble_bytes(source);
  EXPECT_EQ(hex(actual), hex(expected));
}

TEST(AssemblerBytes, JumpTableEncoding) {
  const char* source = R"T(.fn main
  PUSH1 4
  CALLDATALOAD
  JUMPTABLE other, a, b
a:
  STOP
b:
  PANIC 0x11
other:
  PUSH0
  PUSH0
  REVERT
.end
)T";
  // JUMPTABLE at 3: count 2, default 20, targets 18 and 19.
  EXPECT_EQ(code_of(source),
            bytes_of("1104 68 07 0002 00000015 00000012 00000013 00 0411 10 10 03"));
}

TEST(AssemblerBytes, EveryImmediateWidth) {
  const char* source = R"T(.fn main locals=300
  PUSH8 0x0102030405060708
  PUSH4 0xa0b0c0d0
  DUP 1
  SWAP 2
  SEXT 7
  LSET 299
  POP
  POP
  JUMP end
end:
  STOP
.end
)T";
  EXPECT_EQ(code_of(source), bytes_of("130102030405060708 12a0b0c0d0 1601 1702 2a07 19012b 15 15 "
                                      "050000001e 00"));
}

TEST(AssemblerBytes, ExportsAreSortedBySelectorAndMayRepeatPerFunction) {
  const char* source = R"T(.fn a export=0xffffffff export=0x00000002
  STOP
.end
.fn b export=0x00000001 payable
  STOP
.end
)T";
  auto c = assemble(source, "t.tasm");
  ASSERT_TRUE(c.ok()) << c.error().message;
  ASSERT_EQ(c->exports.size(), 3u);
  EXPECT_EQ(c->exports[0], (ExportEntry{{0, 0, 0, 1}, 1}));
  EXPECT_EQ(c->exports[1], (ExportEntry{{0, 0, 0, 2}, 0}));
  EXPECT_EQ(c->exports[2], (ExportEntry{{0xff, 0xff, 0xff, 0xff}, 0}));
  EXPECT_EQ(c->functions[1].flags, kFlagPayable);
}

TEST(AssemblerBytes, FlagsCallsByIndexAndConstructor) {
  const char* source = R"T(.constructor 1
.fn a view payable reentrant
  CALLF 1
  STOP
.end
.fn init
  STOP
.end
)T";
  auto c = assemble(source, "t.tasm");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->constructor, 1);
  EXPECT_EQ(c->receive, kNoFunction);
  EXPECT_EQ(c->functions[0].flags, kFlagView | kFlagPayable | kFlagReentrant);
  EXPECT_EQ(c->code, bytes_of("080001 00 00"));
}

TEST(AssemblerBytes, ExplicitMaxStackIsKept) {
  auto c = assemble(".fn main max_stack=9\n  PUSH0\n  POP\n  STOP\n.end\n", "t.tasm");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->functions[0].max_stack, 9);
}

TEST(AssemblerBytes, ChildrenByPathByHexAndByName) {
  const char* source = R"T(.child "child.tasm" as kid
.child 0x0102
.metadata "hi"
.fn main
  PUSH0
  PUSH0
  PUSH0
  CREATE kid
  POP
  STOP
.end
)T";
  auto c = assemble(source, "t.tasm", load_child);
  ASSERT_TRUE(c.ok()) << c.error().message;
  ASSERT_EQ(c->children.size(), 2u);
  EXPECT_EQ(c->children[0], assemble_bytes(kChildSource));
  EXPECT_EQ(c->children[1], bytes_of("0102"));
  EXPECT_EQ(c->metadata, bytes_of("6869"));
  EXPECT_EQ(c->code, bytes_of("10 10 10 930000 15 00"));
}

TEST(AssemblerBytes, CommentsBlankLinesAndCarriageReturns) {
  EXPECT_EQ(code_of("; header\r\n\r\n.fn main ; the entry\r\n  STOP ; done\r\n.end\r\n"),
            bytes_of("00"));
}

TEST(AssemblerBytes, LabelAndInstructionOnOneLine) {
  EXPECT_EQ(code_of(program("  JUMP x\nx: STOP\n")), bytes_of("0500000005 00"));
}

TEST(AssemblerBytes, CheatNeedsTestMode) {
  const std::string source = program("  PUSH0\n  PUSH0\n  CHEAT 3\n  POP\n  STOP\n");
  EXPECT_EQ(error_of(source),
            "t.tasm: error: validation failed: function 0 at offset 2: test-only-instruction: "
            "CHEAT 3 is only allowed in test mode");
  ValidationOptions test_mode;
  test_mode.allow_cheats = true;
  auto c = assemble(source, "t.tasm", {}, test_mode);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->code, bytes_of("10 10 f00003 15 00"));
}

// ---- PUSH picks the smallest form ---------------------------------------------------------

TEST(AssemblerPush, PicksTheSmallestForm) {
  const auto push = [](std::string_view value) {
    return code_of(program("  PUSH " + std::string(value) + "\n  POP\n  STOP\n"));
  };
  EXPECT_EQ(push("0"), bytes_of("10 15 00"));
  EXPECT_EQ(push("1"), bytes_of("1101 15 00"));
  EXPECT_EQ(push("255"), bytes_of("11ff 15 00"));
  EXPECT_EQ(push("256"), bytes_of("1200000100 15 00"));
  EXPECT_EQ(push("0xffff_ffff"), bytes_of("12ffffffff 15 00"));
  EXPECT_EQ(push("4294967296"), bytes_of("130000000100000000 15 00"));
  EXPECT_EQ(push("18446744073709551615"), bytes_of("13ffffffffffffffff 15 00"));
  EXPECT_EQ(push("18446744073709551616"), bytes_of("140000 15 00"));
  EXPECT_EQ(push("-0"), bytes_of("10 15 00"));
}

TEST(AssemblerPush, LargeValuesShareOnePoolConstant) {
  auto c = assemble(R"T(.const 7
.fn main
  PUSH 0x10000000000000000
  PUSH -1
  PUSH 18446744073709551616
  PUSHC 0
  POP
  POP
  POP
  POP
  STOP
.end
)T",
                    "t.tasm");
  ASSERT_TRUE(c.ok()) << c.error().message;
  ASSERT_EQ(c->constants.size(), 3u);
  EXPECT_EQ(c->constants[0], Word{7});
  EXPECT_EQ(c->constants[1], (Word{0, 1, 0, 0}));
  EXPECT_EQ(c->constants[2], (Word{~0ull, ~0ull, ~0ull, ~0ull}));
  EXPECT_EQ(c->code, bytes_of("140001 140002 140001 140000 15 15 15 15 00"));
}

TEST(AssemblerPush, NegativeValuesAreTwosComplement) {
  auto c = assemble(
      program(
          "  PUSH -2\n  POP\n  PUSH "
          "-0x8000000000000000000000000000000000000000000000000000000000000000\n  POP\n  STOP\n"),
      "t.tasm");
  ASSERT_TRUE(c.ok()) << c.error().message;
  ASSERT_EQ(c->constants.size(), 2u);
  EXPECT_EQ(c->constants[0], (Word{~1ull, ~0ull, ~0ull, ~0ull}));
  EXPECT_EQ(c->constants[1], (Word{0, 0, 0, 1ull << 63}));
}

// ---- Errors, with their positions -----------------------------------------------------------

TEST(AssemblerErrors, UnknownInstruction) {
  EXPECT_EQ(error_of(program("  ADDD\n")), "t.tasm:2:3: error: unknown instruction 'ADDD'");
  EXPECT_EQ(error_of(program("  add\n")), "t.tasm:2:3: error: unknown instruction 'add'");
}

TEST(AssemblerErrors, UndefinedLabel) {
  EXPECT_EQ(error_of(program("loop:\n  JUMP loop2\n")),
            "t.tasm:3:8: error: undefined label 'loop2'");
  // Labels are local to their function.
  EXPECT_EQ(error_of(".fn a\nx:\n  STOP\n.end\n.fn b\n  JUMP x\n.end\n"),
            "t.tasm:6:8: error: undefined label 'x'");
  EXPECT_EQ(error_of(program("  JUMPTABLE a, b\na:\n  STOP\n")),
            "t.tasm:2:16: error: undefined label 'b'");
}

TEST(AssemblerErrors, ImmediateDoesNotFit) {
  EXPECT_EQ(error_of(program("  PUSH1 300\n")),
            "t.tasm:2:9: error: PUSH1 value 300 does not fit in 1 byte");
  EXPECT_EQ(error_of(program("  PUSH4 0x1_0000_0000\n")),
            "t.tasm:2:9: error: PUSH4 value 0x1_0000_0000 does not fit in 4 bytes");
  EXPECT_EQ(error_of(program("  LGET 65536\n")),
            "t.tasm:2:8: error: LGET value 65536 does not fit in 2 bytes");
  EXPECT_EQ(error_of(".fn main params=256\n  STOP\n.end\n"),
            "t.tasm:1:17: error: params value 256 does not fit in 1 byte");
  EXPECT_EQ(error_of(program("  .byte 256\n")),
            "t.tasm:2:9: error: .byte value 256 does not fit in 1 byte");
}

TEST(AssemblerErrors, BadNumbers) {
  EXPECT_EQ(error_of(program("  PUSH 12ab\n")), "t.tasm:2:8: error: invalid number '12ab'");
  EXPECT_EQ(error_of(program("  PUSH1 -1\n")), "t.tasm:2:9: error: invalid number '-1'");
  EXPECT_EQ(error_of(program("  PUSH 1__0\n")), "t.tasm:2:8: error: invalid number '1__0'");
  EXPECT_EQ(error_of(".const 0xg\n"), "t.tasm:1:8: error: invalid number '0xg'");
  EXPECT_EQ(error_of(".fn main locals=x\n"), "t.tasm:1:17: error: invalid number 'x'");
}

TEST(AssemblerErrors, OperandCounts) {
  EXPECT_EQ(error_of(program("  ADD 1\n")), "t.tasm:2:7: error: ADD takes no operand");
  EXPECT_EQ(error_of(program("  LGET\n")), "t.tasm:2:3: error: LGET needs an operand");
  EXPECT_EQ(error_of(program("  LGET 1, 2\n")), "t.tasm:2:11: error: LGET takes one operand");
  EXPECT_EQ(error_of(program("  PUSH\n")), "t.tasm:2:3: error: PUSH needs an operand");
  EXPECT_EQ(error_of(program("  JUMPTABLE\n")),
            "t.tasm:2:3: error: JUMPTABLE needs a default target");
  EXPECT_EQ(error_of(program("  JUMPTABLE a b\n")), "t.tasm:2:15: error: expected ',' before 'b'");
  EXPECT_EQ(error_of(program("  JUMPTABLE a,, b\n")), "t.tasm:2:15: error: unexpected ','");
  EXPECT_EQ(error_of(program("  JUMPTABLE a,\n")),
            "t.tasm:2:14: error: unexpected ',' at the end of the line");
  EXPECT_EQ(error_of(program("  JUMP 1x\n")), "t.tasm:2:8: error: invalid number '1x'");
  EXPECT_EQ(error_of(program("  JUMP a-b\n")), "t.tasm:2:8: error: invalid label 'a-b'");
}

TEST(AssemblerErrors, Labels) {
  EXPECT_EQ(error_of(program("x:\nx:\n  STOP\n")), "t.tasm:3:1: error: duplicate label 'x'");
  EXPECT_EQ(error_of("x:\n"), "t.tasm:1:1: error: label 'x' outside a function");
  EXPECT_EQ(error_of(program("1x:\n  STOP\n")), "t.tasm:2:1: error: invalid label name '1x'");
}

TEST(AssemblerErrors, Functions) {
  EXPECT_EQ(error_of(program("  STOP\n") + ".fn main\n  STOP\n.end\n"),
            "t.tasm:4:5: error: duplicate function 'main'");
  EXPECT_EQ(error_of(".fn main\n  STOP\n"), "t.tasm:1:1: error: missing .end for function 'main'");
  EXPECT_EQ(error_of(".fn a\n  STOP\n.fn b\n"),
            "t.tasm:3:1: error: '.fn' inside function 'a' (missing .end?)");
  EXPECT_EQ(error_of(".end\n"), "t.tasm:1:1: error: '.end' without '.fn'");
  EXPECT_EQ(error_of(program("")), "t.tasm:2:1: error: function 'main' has no instructions");
  EXPECT_EQ(error_of("  STOP\n"), "t.tasm:1:3: error: instruction 'STOP' outside a function");
  EXPECT_EQ(error_of(".fn\n"), "t.tasm:1:1: error: '.fn' expects a function name");
  EXPECT_EQ(error_of(".fn 2x\n"), "t.tasm:1:5: error: invalid function name '2x'");
  EXPECT_EQ(error_of(".fn main cheap\n"), "t.tasm:1:10: error: unknown attribute 'cheap'");
  EXPECT_EQ(error_of(".fn main size=2\n"), "t.tasm:1:10: error: unknown attribute 'size'");
  EXPECT_EQ(error_of(".fn main view view\n"), "t.tasm:1:15: error: duplicate attribute 'view'");
  EXPECT_EQ(error_of(".fn main locals=1 locals=2\n"),
            "t.tasm:1:19: error: duplicate attribute 'locals'");
  EXPECT_EQ(error_of(program("  STOP\n") + ".end x\n"), "t.tasm:4:1: error: '.end' without '.fn'");
  EXPECT_EQ(error_of(".fn main\n  STOP\n.end x\n"), "t.tasm:3:6: error: unexpected 'x'");
  EXPECT_EQ(error_of(""), "t.tasm: error: no functions (a container needs at least one .fn)");
}

TEST(AssemblerErrors, UndefinedNames) {
  EXPECT_EQ(error_of(program("  CALLF helper\n  STOP\n")),
            "t.tasm:2:9: error: undefined function 'helper'");
  EXPECT_EQ(error_of(".constructor init\n" + program("  STOP\n")),
            "t.tasm:1:14: error: undefined function 'init'");
  EXPECT_EQ(error_of(".receive r\n" + program("  STOP\n")),
            "t.tasm:1:10: error: undefined function 'r'");
  EXPECT_EQ(error_of(program("  PUSH0\n  PUSH0\n  PUSH0\n  CREATE token\n  POP\n  STOP\n")),
            "t.tasm:5:10: error: undefined child 'token'");
}

TEST(AssemblerErrors, Directives) {
  EXPECT_EQ(error_of(".foo\n"), "t.tasm:1:1: error: unknown directive '.foo'");
  EXPECT_EQ(error_of(".fn main\n  .const 1\n"),
            "t.tasm:2:3: error: '.const' is not allowed inside a function");
  EXPECT_EQ(error_of(".byte 1\n"), "t.tasm:1:1: error: '.byte' outside a function");
  EXPECT_EQ(error_of(".constructor a\n.constructor b\n"),
            "t.tasm:2:1: error: duplicate '.constructor'");
  EXPECT_EQ(error_of(".receive\n"), "t.tasm:1:1: error: '.receive' expects an operand");
  EXPECT_EQ(error_of(".const 1 2\n"), "t.tasm:1:10: error: unexpected '2'");
  EXPECT_EQ(error_of(".metadata 0x00\n.metadata 0x01\n"),
            "t.tasm:2:1: error: duplicate '.metadata'");
  EXPECT_EQ(error_of(".metadata 0x0\n"),
            "t.tasm:1:11: error: '.metadata' expects 0x-hex bytes or a quoted string, got '0x0'");
  EXPECT_EQ(error_of(".metadata \"abc\n"), "t.tasm:1:11: error: unterminated string");
}

TEST(AssemblerErrors, Children) {
  EXPECT_EQ(error_of(".child \"child.tasm\"\n"),
            "t.tasm:1:8: error: cannot load child 'child.tasm': no child loader was given");
  EXPECT_EQ(error_of(".child \"missing.tasm\"\n", load_child),
            "t.tasm:1:8: error: cannot load child 'missing.tasm': no such file");
  EXPECT_EQ(error_of(".child 0x1\n"),
            "t.tasm:1:8: error: '.child' expects a quoted path or 0x-hex bytes, got '0x1'");
  EXPECT_EQ(error_of(".child 0x01 of x\n"),
            "t.tasm:1:13: error: expected 'as' before the child's name, got 'of'");
  EXPECT_EQ(error_of(".child 0x01 as x\n.child 0x02 as x\n"),
            "t.tasm:2:16: error: duplicate child name 'x'");
  EXPECT_EQ(error_of(".child\n"),
            "t.tasm:1:1: error: '.child' expects a quoted path or 0x-hex bytes, optionally "
            "followed by 'as NAME'");
}

TEST(AssemblerErrors, Exports) {
  EXPECT_EQ(error_of(".fn a export=\"f()\"\n  STOP\n.end\n.fn b export=\"f()\"\n"),
            "t.tasm:4:14: error: duplicate export selector 0x26121ff0 (already exported by 'a')");
  EXPECT_EQ(error_of(".fn a export=0x123\n"),
            "t.tasm:1:14: error: export= expects a quoted signature or a 4-byte 0x selector, got "
            "'0x123'");
  EXPECT_EQ(error_of(".fn a export=\"f\"\n"),
            "t.tasm:1:14: error: invalid export signature 'f' (expected a form such as "
            "\"transfer(address,uint256)\")");
}

TEST(AssemblerErrors, ValidationFailuresNameTheFile) {
  EXPECT_EQ(error_of(program("  ADD\n  STOP\n")),
            "t.tasm: error: validation failed: function 0 at offset 0: stack-underflow: ADD "
            "needs 2 items, the stack has 0");
  EXPECT_EQ(error_of(".fn main max_stack=0\n  PUSH0\n  POP\n  STOP\n.end\n"),
            "t.tasm: error: validation failed: function 0 at offset 0: max-stack-exceeded: PUSH0 "
            "raises the stack height to 1, above the declared max_stack of 0");
}

// ---- Disassembly ---------------------------------------------------------------------------

TEST(AssemblerDisassembly, CanonicalText) {
  const char* source = R"T(.receive pay
.fn main export="get()" view locals=1
  PUSH 1
  LSET 0
again:
  LGET 0
  JUMPI again
  PUSH 0x1_0000_0000_0000_0000
  CALLF pay
  POP
  STOP
.end
.fn pay payable
  STOP
.end
)T";
  auto c = assemble(source, "t.tasm");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(
      disassemble(*c),
      "; Tenet container, 118 bytes\n"
      "; functions: 2, exports: 1, constants: 1, children: 0, code: 22 bytes, metadata: 0 bytes\n"
      ".receive f1\n"
      ".const 0x10000000000000000\n"
      "\n"
      ".fn f0 params=0 results=0 locals=1 max_stack=1 view export=0x6d4ce63c\n"
      "  PUSH1 1\n"
      "  LSET 0\n"
      "L_5:\n"
      "  LGET 0\n"
      "  JUMPI L_5\n"
      "  PUSHC 0  ; = 0x10000000000000000\n"
      "  CALLF f1\n"
      "  POP\n"
      "  STOP\n"
      ".end\n"
      "\n"
      ".fn f1 params=0 results=0 locals=0 max_stack=0 payable\n"
      "  STOP\n"
      ".end\n");
}

TEST(AssemblerDisassembly, UndecodableBytesAreShownRaw) {
  Container c;
  c.functions.push_back(FunctionInfo{0, 4, 0, 0, 0, 0, 0});
  c.code = {0xfe, 0x00, 0x12, 0x01};  // unknown opcode, STOP, PUSH4 cut short
  EXPECT_EQ(
      disassemble(c),
      "; Tenet container, 46 bytes\n"
      "; functions: 1, exports: 0, constants: 0, children: 0, code: 4 bytes, metadata: 0 bytes\n"
      "\n"
      ".fn f0 params=0 results=0 locals=0 max_stack=0\n"
      "  .byte 0xfe\n"
      "  STOP\n"
      "  .byte 0x12, 0x01\n"
      ".end\n");
}

// ---- Round trips: disassemble(assemble(x)) assembles to the same bytes -----------------------

TEST(AssemblerRoundTrip, StraightLine) {
  expect_round_trip(program("  PUSH 1000000\n  POP\n  STOP\n"));
}

TEST(AssemblerRoundTrip, LoopsCallsAndConstants) {
  expect_round_trip(R"T(.receive on_receive
.const 5
.fn main export="get()" view locals=1
  PUSH 3
  LSET 0
loop:
  LGET 0
  PUSH1 1
  SUB
  LTEE 0
  JUMPI loop
  PUSH 0x1_0000_0000_0000_0000
  PUSH -1
  ADD
  CALLF helper
  PUSH8 0xffff_ffff_ffff
  PUSHC 0
  POP
  POP
  POP
  STOP
.end
.fn helper params=1 results=1 locals=3
  LGET 0
  PUSH1 2
  ADD
  RETF
.end
.fn on_receive payable
  STOP
.end
)T");
}

TEST(AssemblerRoundTrip, JumpTables) {
  expect_round_trip(R"T(.fn main export="pick(uint256)" reentrant
  PUSH1 4
  CALLDATALOAD
  JUMPTABLE other, a, b, c, a
a:
  STOP
b:
  PUSH0
  JUMPTABLE c
c:
  PUSH0
  PUSH0
  REVERT
other:
  PANIC 1
.end
.fn empty_table export="e()"
  PUSH0
  JUMPTABLE done
done:
  STOP
.end
)T");
}

TEST(AssemblerRoundTrip, ChildrenMetadataConstructorAndExports) {
  expect_round_trip(R"T(.constructor init
.child "child.tasm" as kid
.child 0x7f544e42
.metadata "tenet metadata"
.fn transfer export="transfer(address,uint256)" export="send(address,uint256)" payable
  PUSH0
  PUSH0
  PUSH0
  CREATE kid
  POP
  STOP
.end
.fn init locals=2 max_stack=12
  PUSH 4096
  LSET 1
  STOP
.end
.fn balance export="balanceOf(address)" view
  PUSH0
  SLOAD
  PUSH0
  MSTORE
  PUSH1 32
  PUSH0
  RETURN
.end
)T",
                    load_child);
}

TEST(AssemblerRoundTrip, CheatsRoundTripInTestMode) {
  ValidationOptions test_mode;
  test_mode.allow_cheats = true;
  auto first =
      assemble(program("  PUSH0\n  PUSH0\n  CHEAT 7\n  POP\n  STOP\n"), "t.tasm", {}, test_mode);
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto second = assemble(disassemble(*first), "d.tasm", {}, test_mode);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(serialize_container(*second), serialize_container(*first));
}

}  // namespace
}  // namespace tenet::vm

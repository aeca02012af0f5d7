// The one instruction decoder: every opcode's size and immediate as the opcode table
// states them, undefined bytes, truncated immediates and jump tables, and the static
// jump targets of JUMP, JUMPI and JUMPTABLE.
#include "tenet/vm/decoder.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tenet/vm/opcodes.hpp"

namespace tenet::vm {
namespace {

/// The targets of `ins` in order.
std::vector<uint32_t> targets_of(const Instruction& ins) {
  return {ins.targets.begin(), ins.targets.end()};
}

/// `op` followed by `imm` (the immediate bytes as given).
std::vector<uint8_t> code_of(Op op, std::vector<uint8_t> imm = {}) {
  imm.insert(imm.begin(), static_cast<uint8_t>(op));
  return imm;
}

TEST(Decoder, EveryOpcodeHasTheTablesSizeAndImmediate) {
  for (unsigned byte = 0; byte < 256; ++byte) {
    const OpInfo& info = kOpTable[byte];
    if (!info.defined || info.imm == Imm::Table) continue;
    const std::string name(info.name);
    // The opcode, its immediate bytes 0x81 0x82 ..., then a trailing byte that is not part
    // of it; the decoder starts at offset 1.
    std::vector<uint8_t> code{0xee, static_cast<uint8_t>(byte)};
    uint64_t expected = 0;
    for (unsigned i = 0; i < imm_size(info.imm); ++i) {
      code.push_back(static_cast<uint8_t>(0x81 + i));
      expected = (expected << 8) | (0x81 + i);
    }
    code.push_back(0xee);
    auto ins = decode_instruction(code, 1);
    ASSERT_TRUE(ins.ok()) << name;
    EXPECT_EQ(ins->offset, 1u) << name;
    EXPECT_EQ(ins->op, static_cast<Op>(byte)) << name;
    EXPECT_EQ(&ins->info(), &info) << name;
    EXPECT_EQ(ins->size, 1 + imm_size(info.imm)) << name;
    EXPECT_EQ(ins->immediate, expected) << name;
    const bool jumps = info.kind == OpKind::Jump || info.kind == OpKind::Branch;
    EXPECT_EQ(targets_of(*ins), jumps ? std::vector<uint32_t>{static_cast<uint32_t>(expected)}
                                      : std::vector<uint32_t>{})
        << name;
  }
}

TEST(Decoder, ImmediateSizesFollowTheImmediateKind) {
  EXPECT_EQ(decode_instruction(code_of(Op::ADD), 0)->size, 1u);
  EXPECT_EQ(decode_instruction(code_of(Op::PUSH1, {0xff}), 0)->immediate, 0xffu);
  EXPECT_EQ(decode_instruction(code_of(Op::CALLF, {0x01, 0x02}), 0)->immediate, 0x0102u);
  EXPECT_EQ(decode_instruction(code_of(Op::PUSH4, {0xde, 0xad, 0xbe, 0xef}), 0)->immediate,
            0xdeadbeefu);
  auto push8 = decode_instruction(code_of(Op::PUSH8, {1, 2, 3, 4, 5, 6, 7, 8}), 0);
  ASSERT_TRUE(push8.ok());
  EXPECT_EQ(push8->size, 9u);
  EXPECT_EQ(push8->immediate, 0x0102030405060708u);
}

TEST(Decoder, UndefinedBytesAreErrors) {
  unsigned undefined = 0;
  for (unsigned byte = 0; byte < 256; ++byte) {
    if (kOpTable[byte].defined) continue;
    ++undefined;
    const std::vector<uint8_t> code{0x00, static_cast<uint8_t>(byte), 0x00, 0x00, 0x00, 0x00};
    auto ins = decode_instruction(code, 1);
    ASSERT_FALSE(ins.ok()) << byte;
    EXPECT_EQ(ins.error().kind, DecodeError::Kind::UndefinedOpcode);
    EXPECT_EQ(ins.error().offset, 1u);
    EXPECT_EQ(ins.error().byte, byte);
  }
  EXPECT_GT(undefined, 100u);
  EXPECT_FALSE(decode_instruction(std::vector<uint8_t>{0xfe}, 0).ok());
}

TEST(Decoder, TruncatedFixedImmediates) {
  for (unsigned byte = 0; byte < 256; ++byte) {
    const OpInfo& info = kOpTable[byte];
    if (!info.defined || info.imm == Imm::Table || info.imm == Imm::None) continue;
    const unsigned n = imm_size(info.imm);
    // One immediate byte short, with the opcode at offset 2.
    std::vector<uint8_t> code{0x10, 0x10, static_cast<uint8_t>(byte)};
    code.resize(code.size() + n - 1, 0);
    auto ins = decode_instruction(code, 2);
    ASSERT_FALSE(ins.ok()) << info.name;
    const DecodeError& e = ins.error();
    EXPECT_EQ(e.kind, DecodeError::Kind::TruncatedImmediate) << info.name;
    EXPECT_EQ(e.offset, 2u);
    EXPECT_EQ(e.byte, byte);
    EXPECT_EQ(e.needed, n) << info.name;
    EXPECT_FALSE(e.needed_is_minimum);
    EXPECT_EQ(e.available, n - 1) << info.name;
  }
}

TEST(Decoder, TheCodeEndsWhereTheSpanEnds) {
  // The bytes PUSH4 needs exist, but past the end the caller gives (a function's end).
  const std::vector<uint8_t> code{static_cast<uint8_t>(Op::PUSH4), 0, 0, 0, 1, 0};
  auto cut = decode_instruction(std::span<const uint8_t>(code).first(3), 0);
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.error().needed, 4u);
  EXPECT_EQ(cut.error().available, 2u);
  auto whole = decode_instruction(std::span<const uint8_t>(code).first(5), 0);
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(whole->immediate, 1u);
}

TEST(Decoder, JumpTable) {
  // PUSH0, then JUMPTABLE with 2 entries: default 0x10, entries 0x20 and 0x01020304.
  const std::vector<uint8_t> code{static_cast<uint8_t>(Op::PUSH0),
                                  static_cast<uint8_t>(Op::JUMPTABLE),
                                  0x00,
                                  0x02,
                                  0x00,
                                  0x00,
                                  0x00,
                                  0x10,
                                  0x00,
                                  0x00,
                                  0x00,
                                  0x20,
                                  0x01,
                                  0x02,
                                  0x03,
                                  0x04,
                                  static_cast<uint8_t>(Op::STOP)};
  auto ins = decode_instruction(code, 1);
  ASSERT_TRUE(ins.ok());
  EXPECT_EQ(ins->op, Op::JUMPTABLE);
  EXPECT_EQ(ins->size, 15u);
  EXPECT_EQ(ins->size, 1 + jump_table_immediate_size(2));
  EXPECT_EQ(ins->immediate, 2u);  // the entry count
  ASSERT_EQ(ins->targets.size(), 3u);
  EXPECT_EQ(ins->targets[0], 0x10u);  // the default first
  EXPECT_EQ(targets_of(*ins), (std::vector<uint32_t>{0x10, 0x20, 0x01020304}));
  EXPECT_EQ(decode_instruction(code, 16)->op, Op::STOP);

  const std::vector<uint8_t> empty_table{static_cast<uint8_t>(Op::JUMPTABLE), 0, 0, 0, 0, 0, 7};
  auto only_default = decode_instruction(empty_table, 0);
  ASSERT_TRUE(only_default.ok());
  EXPECT_EQ(only_default->size, 7u);
  EXPECT_EQ(targets_of(*only_default), (std::vector<uint32_t>{7}));
}

TEST(Decoder, TruncatedJumpTables) {
  const auto jt = static_cast<uint8_t>(Op::JUMPTABLE);
  // The entry count itself is cut off: at least the count and the default are needed.
  for (const std::vector<uint8_t>& code : {std::vector<uint8_t>{jt}, std::vector<uint8_t>{jt, 0}}) {
    auto ins = decode_instruction(code, 0);
    ASSERT_FALSE(ins.ok());
    EXPECT_EQ(ins.error().kind, DecodeError::Kind::TruncatedImmediate);
    EXPECT_EQ(ins.error().needed, 6u);
    EXPECT_TRUE(ins.error().needed_is_minimum);
    EXPECT_EQ(ins.error().available, code.size() - 1);
  }
  // Two entries announced, one target short.
  std::vector<uint8_t> short_targets{jt, 0, 2};
  short_targets.resize(short_targets.size() + 8, 0);
  auto ins = decode_instruction(short_targets, 0);
  ASSERT_FALSE(ins.ok());
  EXPECT_EQ(ins.error().needed, 14u);
  EXPECT_FALSE(ins.error().needed_is_minimum);
  EXPECT_EQ(ins.error().available, 10u);
  // The largest table: 65535 entries need 262146 immediate bytes.
  auto huge = decode_instruction(std::vector<uint8_t>{jt, 0xff, 0xff, 0, 0, 0, 0}, 0);
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.error().needed, 262146u);
}

TEST(Decoder, JumpTargets) {
  // The targets are read from the code, so the code must outlive the instruction.
  const std::vector<uint8_t> jump_code = code_of(Op::JUMP, {0, 0, 1, 0});
  auto jump = decode_instruction(jump_code, 0);
  ASSERT_TRUE(jump.ok());
  EXPECT_EQ(targets_of(*jump), (std::vector<uint32_t>{256}));
  const std::vector<uint8_t> jumpi_code = code_of(Op::JUMPI, {0, 0, 0, 9});
  auto jumpi = decode_instruction(jumpi_code, 0);
  ASSERT_TRUE(jumpi.ok());
  EXPECT_EQ(jumpi->immediate, 9u);
  EXPECT_EQ(targets_of(*jumpi), (std::vector<uint32_t>{9}));
  EXPECT_TRUE(decode_instruction(code_of(Op::CALLF, {0, 1}), 0)->targets.empty());
  EXPECT_TRUE(decode_instruction(code_of(Op::PUSH4, {0, 0, 0, 1}), 0)->targets.empty());
}

}  // namespace
}  // namespace tenet::vm

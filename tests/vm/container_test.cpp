// The container framing: hand-written bytes, round trips, and every framing error with
// its exact message.
#include "tenet/vm/container.hpp"
#include "tenet/vm/hex.hpp"
#include "vm_test_support.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tenet::vm {
namespace {

/// Bytes from hex digits (spaces allowed); the test data is always well-formed.
using testing::bytes_of;


/// One function, whose body is STOP.
Container minimal() {
  Container c;
  c.functions.push_back(FunctionInfo{0, 1, 0, 0, 0, 0, 0});
  c.code = {0x00};
  return c;
}

// The minimal container, byte for byte.
const char* const kMinimalHex =
    "7f544e42 01 00 ffff ffff 0001 0000 0000 0000 00000001 00000000"  // header
    "00000000 00000001 00 00 0000 0000 00 00"                         // function 0
    "00";                                                             // code

std::vector<uint8_t> minimal_bytes() {
  return serialize_container(minimal());
}

/// A container using every section.
Container full() {
  Container c;
  c.constructor = 1;
  c.receive = 0;
  c.functions.push_back(FunctionInfo{0, 3, 0, 0, 0, 1, kFlagPayable});
  c.functions.push_back(FunctionInfo{3, 1, 0, 0, 2, 0, 0});
  c.functions.push_back(FunctionInfo{4, 2, 2, 1, 300, 7, kFlagView | kFlagReentrant});
  c.exports.push_back(ExportEntry{{0x12, 0x34, 0x56, 0x78}, 2});
  c.exports.push_back(ExportEntry{{0xab, 0xcd, 0xef, 0x01}, 0});
  c.constants = {Word{1}, Word{0, 0, 0, 0x8000000000000000}};
  c.children = {minimal_bytes(), {}, {1, 2, 3}};
  c.code = {0x11, 0x05, 0x00, 0x00, 0x10, 0x09};
  c.metadata = {0xde, 0xad};
  return c;
}

std::string parse_error(const std::vector<uint8_t>& bytes) {
  auto parsed = parse_container(bytes);
  return parsed ? "(no error)" : parsed.error().message;
}

TEST(ContainerFormat, MinimalContainerBytes) {
  EXPECT_EQ(serialize_container(minimal()), bytes_of(kMinimalHex));
  auto parsed = parse_container(bytes_of(kMinimalHex));
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->container, minimal());
  EXPECT_EQ(parsed->size, 43u);
}

TEST(ContainerFormat, EveryFieldIsBigEndianAtItsOffset) {
  const std::vector<uint8_t> bytes = serialize_container(full());
  const std::vector<uint8_t> header =
      bytes_of("7f544e42 01 00 0001 0000 0003 0002 0002 0003 00000006 00000002");
  ASSERT_GE(bytes.size(), header.size());
  EXPECT_EQ(std::vector<uint8_t>(bytes.begin(), bytes.begin() + 26), header);
  // Function 2 (offset 26 + 32): offset 4, size 2, params 2, results 1, locals 300,
  // max_stack 7, flags view|reentrant, reserved 0.
  EXPECT_EQ(std::vector<uint8_t>(bytes.begin() + 58, bytes.begin() + 74),
            bytes_of("00000004 00000002 02 01 012c 0007 05 00"));
  // The export table follows the function table.
  EXPECT_EQ(std::vector<uint8_t>(bytes.begin() + 74, bytes.begin() + 86),
            bytes_of("12345678 0002 abcdef01 0000"));
  // Constant 1 is 2^255.
  EXPECT_EQ(bytes[86 + 32], 0x80);
  // The last bytes are the code, then the metadata.
  EXPECT_EQ(std::vector<uint8_t>(bytes.end() - 8, bytes.end()), bytes_of("110500001009 dead"));
}

TEST(ContainerFormat, RoundTripOfEverySection) {
  const Container c = full();
  const std::vector<uint8_t> bytes = serialize_container(c);
  auto parsed = parse_container(bytes);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->container, c);
  EXPECT_EQ(parsed->size, bytes.size());
  EXPECT_EQ(serialize_container(parsed->container), bytes);
}

TEST(ContainerFormat, TrailingBytesAreReportedThroughSize) {
  std::vector<uint8_t> bytes = serialize_container(full());
  const size_t container_size = bytes.size();
  bytes.insert(bytes.end(), {0xaa, 0xbb, 0xcc});
  auto parsed = parse_container(bytes);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->size, container_size);
  EXPECT_EQ(parsed->container, full());
}

TEST(ContainerFormat, ChildrenAreOpaqueBytes) {
  // A child is checked when CREATE deploys it, not by the parent's framing.
  Container c = minimal();
  c.children = {{0xff}};
  auto parsed = parse_container(serialize_container(c));
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->container.children, c.children);
}

TEST(ContainerFormat, SizeAtTheLimitIsAccepted) {
  Container c = minimal();
  c.metadata.assign(ContainerLimits::kMaxContainerSize - 43, 0);
  auto parsed = parse_container(serialize_container(c));
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->size, ContainerLimits::kMaxContainerSize);
}

// ---- Framing errors --------------------------------------------------------------------

TEST(ContainerErrors, TruncatedHeader) {
  EXPECT_EQ(parse_error({}), "container: truncated header (need 26 bytes at offset 0, have 0)");
  EXPECT_EQ(parse_error(bytes_of("7f544e4201")),
            "container: truncated header (need 26 bytes at offset 0, have 5)");
}

TEST(ContainerErrors, BadMagic) {
  std::vector<uint8_t> bytes = bytes_of(kMinimalHex);
  bytes[3] = 'C';
  EXPECT_EQ(parse_error(bytes), "container: bad magic");
}

TEST(ContainerErrors, UnsupportedVersion) {
  std::vector<uint8_t> bytes = bytes_of(kMinimalHex);
  bytes[4] = 2;
  EXPECT_EQ(parse_error(bytes), "container: unsupported version 2");
}

TEST(ContainerErrors, ReservedFlags) {
  std::vector<uint8_t> bytes = bytes_of(kMinimalHex);
  bytes[5] = 1;
  EXPECT_EQ(parse_error(bytes), "container: reserved flags must be 0");
}

TEST(ContainerErrors, NoFunctions) {
  Container c = minimal();
  c.functions.clear();
  c.code.clear();
  EXPECT_EQ(parse_error(serialize_container(c)),
            "container: function count is 0 (at least one function is required)");
}

TEST(ContainerErrors, TruncatedFunctionTable) {
  Container c = minimal();
  c.functions = {FunctionInfo{0, 1}, FunctionInfo{1, 1}, FunctionInfo{2, 1}};
  c.code = {0, 0, 0};
  std::vector<uint8_t> bytes = serialize_container(c);
  bytes.resize(26 + 20);
  EXPECT_EQ(parse_error(bytes),
            "container: truncated function table (need 48 bytes at offset 26, have 20)");
}

TEST(ContainerErrors, UnknownFunctionFlags) {
  Container c = minimal();
  c.functions[0].flags = kFlagView | 0x08;
  EXPECT_EQ(parse_error(serialize_container(c)),
            "container: function 0 has unknown flag bits 0x08");
}

TEST(ContainerErrors, NonZeroReservedByte) {
  std::vector<uint8_t> bytes = bytes_of(kMinimalHex);
  bytes[26 + 15] = 1;
  EXPECT_EQ(parse_error(bytes), "container: function 0 has a non-zero reserved byte (0x01)");
}

TEST(ContainerErrors, EmptyFunctionBody) {
  Container c = minimal();
  c.functions.push_back(FunctionInfo{1, 0});
  EXPECT_EQ(parse_error(serialize_container(c)),
            "container: function 1 has an empty body (code size 0)");
}

TEST(ContainerErrors, FunctionsMustTileTheCodeInOrder) {
  Container c;
  c.functions = {FunctionInfo{0, 9}, FunctionInfo{7, 3}};
  c.code.assign(12, 0);
  EXPECT_EQ(parse_error(serialize_container(c)),
            "container: function 1 starts at code offset 7, expected 9 (functions must tile the "
            "code section in order)");
  c.functions = {FunctionInfo{1, 11}};
  EXPECT_EQ(parse_error(serialize_container(c)),
            "container: function 0 starts at code offset 1, expected 0 (functions must tile the "
            "code section in order)");
}

TEST(ContainerErrors, FunctionsMustCoverTheWholeCodeSection) {
  Container c;
  c.functions = {FunctionInfo{0, 4}, FunctionInfo{4, 6}};
  c.code.assign(12, 0);
  EXPECT_EQ(parse_error(serialize_container(c)),
            "container: functions end at code offset 10, but the code section is 12 bytes "
            "(functions must tile the code section in order)");
  c.functions = {FunctionInfo{0, 4}, FunctionInfo{4, 0xffffffff}};
  EXPECT_EQ(parse_error(serialize_container(c)),
            "container: functions end at code offset 4294967299, but the code section is 12 "
            "bytes (functions must tile the code section in order)");
}

TEST(ContainerErrors, TruncatedSections) {
  const std::vector<uint8_t> bytes = serialize_container(full());
  // Layout of full(): header 26, functions 48 (to 74), exports 12 (to 86), constants 64
  // (to 150), children 4+43, 4+0, 4+3 (to 208), code 6 (to 214), metadata 2 (to 216).
  ASSERT_EQ(bytes.size(), 216u);
  const auto cut = [&](size_t n) { return std::vector<uint8_t>(bytes.begin(), bytes.begin() + n); };
  EXPECT_EQ(parse_error(cut(80)),
            "container: truncated export table (need 12 bytes at offset 74, have 6)");
  EXPECT_EQ(parse_error(cut(149)),
            "container: truncated constant pool (need 64 bytes at offset 86, have 63)");
  EXPECT_EQ(parse_error(cut(152)),
            "container: truncated child 0 size (need 4 bytes at offset 150, have 2)");
  EXPECT_EQ(parse_error(cut(160)),
            "container: truncated child 0 (need 43 bytes at offset 154, have 6)");
  EXPECT_EQ(parse_error(cut(203)),
            "container: truncated child 2 size (need 4 bytes at offset 201, have 2)");
  EXPECT_EQ(parse_error(cut(206)),
            "container: truncated child 2 (need 3 bytes at offset 205, have 1)");
  EXPECT_EQ(parse_error(cut(210)),
            "container: truncated code section (need 6 bytes at offset 208, have 2)");
  EXPECT_EQ(parse_error(cut(215)),
            "container: truncated metadata (need 2 bytes at offset 214, have 1)");
}

TEST(ContainerErrors, SizeLimit) {
  Container c = minimal();
  c.metadata.assign(ContainerLimits::kMaxContainerSize - 43 + 1, 0);
  EXPECT_EQ(parse_error(serialize_container(c)),
            "container: size 24577 exceeds the limit of 24576 bytes");
}

}  // namespace
}  // namespace tenet::vm

// Content-Length framing (tenet/lsp/framing.hpp): well-formed frames, and every malformed
// header part is reported and skipped so the next message still reads.
#include "tenet/lsp/framing.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace tenet::lsp {
namespace {

TEST(Framing, ReadsConsecutiveMessages) {
  std::istringstream in("Content-Length: 2\r\n\r\n{}Content-Length: 4\r\n\r\nnull");
  Frame a = read_frame(in);
  EXPECT_EQ(a.status, FrameStatus::message);
  EXPECT_EQ(a.body, "{}");
  Frame b = read_frame(in);
  EXPECT_EQ(b.status, FrameStatus::message);
  EXPECT_EQ(b.body, "null");
  EXPECT_EQ(read_frame(in).status, FrameStatus::end_of_input);
}

TEST(Framing, AcceptsOtherHeadersBareNewlinesAndAnyCase) {
  std::istringstream in(
      "content-length:  3 \nContent-Type: application/vscode-jsonrpc; charset=utf-8\n\n[1]");
  Frame f = read_frame(in);
  EXPECT_EQ(f.status, FrameStatus::message);
  EXPECT_EQ(f.body, "[1]");
}

TEST(Framing, SkipsBlankLinesBetweenMessages) {
  std::istringstream in("\r\n\r\nContent-Length: 1\r\n\r\n1");
  EXPECT_EQ(read_frame(in).body, "1");
}

TEST(Framing, BodyBytesAreCountedNotCharacters) {
  std::istringstream in("Content-Length: 4\r\n\r\n\"é\"x");
  EXPECT_EQ(read_frame(in).body, "\"é\"");
}

struct MalformedCase {
  const char* input;
  const char* error;
};

class FramingMalformed : public ::testing::TestWithParam<MalformedCase> {};

TEST_P(FramingMalformed, IsReportedAndTheNextMessageStillReads) {
  std::istringstream in(std::string(GetParam().input) + "Content-Length: 2\r\n\r\n{}");
  Frame bad = read_frame(in);
  EXPECT_EQ(bad.status, FrameStatus::malformed);
  EXPECT_EQ(bad.error, GetParam().error);
  Frame next = read_frame(in);
  EXPECT_EQ(next.status, FrameStatus::message);
  EXPECT_EQ(next.body, "{}");
}

INSTANTIATE_TEST_SUITE_P(
    Headers, FramingMalformed,
    ::testing::Values(
        MalformedCase{"Content-Type: text/plain\r\n\r\n", "missing Content-Length header"},
        MalformedCase{"Content-Length: twelve\r\n\r\n", "invalid Content-Length 'twelve'"},
        MalformedCase{"Content-Length: -1\r\n\r\n", "invalid Content-Length '-1'"},
        MalformedCase{"Content-Length:\r\n\r\n", "invalid Content-Length ''"},
        MalformedCase{"Content-Length: 99999999999\r\n\r\n",
                      "Content-Length 99999999999 exceeds the limit of 67108864 bytes"},
        MalformedCase{"hello there\r\n\r\n", "malformed header line 'hello there'"},
        MalformedCase{"Content-Length: 2\r\ngarbage\r\n\r\n", "malformed header line 'garbage'"}));

TEST(Framing, EndOfInputInsideABodyIsTheEnd) {
  std::istringstream in("Content-Length: 10\r\n\r\n{\"a\"");
  EXPECT_EQ(read_frame(in).status, FrameStatus::end_of_input);
}

TEST(Framing, EndOfInputInsideHeadersIsTheEnd) {
  std::istringstream in("Content-Length: 10\r\n");
  EXPECT_EQ(read_frame(in).status, FrameStatus::end_of_input);
}

TEST(Framing, WritesTheLengthInBytes) {
  std::ostringstream out;
  write_frame(out, "{\"é\":1}");
  EXPECT_EQ(out.str(), "Content-Length: 8\r\n\r\n{\"é\":1}");  // é is 2 bytes
}

}  // namespace
}  // namespace tenet::lsp

#pragma once
/// \file
/// The base protocol's framing (LSP 3.17, "Base Protocol"): each message is a header part
/// of `Name: value` lines ended by an empty line, then a body of exactly `Content-Length`
/// bytes:
///
///     Content-Length: 52\r\n
///     \r\n
///     {"jsonrpc":"2.0","id":1,"method":"shutdown"}
///
/// Header lines end in "\r\n" (a bare "\n" is accepted); `Content-Type` and unknown
/// headers are ignored. Reading and writing work on standard streams so that tests drive
/// the server in-process.

#include <cstddef>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>

namespace tenet::lsp {

/// The largest body accepted (64 MiB); a larger Content-Length is a malformed header.
inline constexpr size_t kMaxContentLength = size_t{64} << 20;

/// What read_frame found.
enum class FrameStatus {
  message,       ///< a body was read
  malformed,     ///< the header part was malformed; the reader skipped past it
  end_of_input,  ///< the stream ended (possibly in the middle of a message)
};

/// One read: the body of a message, or why the header part was refused.
struct Frame {
  FrameStatus status = FrameStatus::end_of_input;  ///< what was found
  std::string body;                                ///< the message body (status message)
  std::string error;  ///< "missing Content-Length header", … (status malformed)
};

/// Reads the next message from `in`. Empty lines before a header part are skipped. A
/// malformed header part (a line without ':', a Content-Length that is not a decimal
/// number or exceeds kMaxContentLength, no Content-Length) is consumed up to its empty line
/// and reported, so the caller can answer with an error and read on.
Frame read_frame(std::istream& in);

/// Writes `body` to `out` with its Content-Length header, and flushes.
void write_frame(std::ostream& out, std::string_view body);

}  // namespace tenet::lsp

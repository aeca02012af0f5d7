// Content-Length framing (framing.hpp).
#include "tenet/lsp/framing.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

namespace tenet::lsp {
namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

/// `text` for a message: at most 40 characters.
std::string shortened(std::string_view text) {
  if (text.size() <= 40) return std::string(text);
  return std::string(text.substr(0, 40)) + "…";
}

/// The value of a Content-Length header, or none when it is not a decimal number in range.
std::optional<size_t> content_length(std::string_view value) {
  if (value.empty() || value.size() > 12) return std::nullopt;
  size_t n = 0;
  for (char c : value) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<size_t>(c - '0');
  }
  return n;
}

}  // namespace

Frame read_frame(std::istream& in) {
  std::optional<size_t> length;
  std::string problem;
  bool started = false;
  std::string line;
  while (true) {
    if (!std::getline(in, line)) return Frame{};
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (!started) continue;  // blank lines between messages
      break;
    }
    started = true;
    const size_t colon = line.find(':');
    if (colon == std::string::npos) {
      if (problem.empty()) problem = "malformed header line '" + shortened(line) + "'";
      continue;
    }
    const std::string_view name = trimmed(std::string_view(line).substr(0, colon));
    const std::string_view value = trimmed(std::string_view(line).substr(colon + 1));
    if (!equals_ignoring_case(name, "Content-Length")) continue;
    const auto n = content_length(value);
    if (!n) {
      if (problem.empty()) problem = "invalid Content-Length '" + shortened(value) + "'";
    } else if (*n > kMaxContentLength) {
      if (problem.empty())
        problem = "Content-Length " + std::string(value) + " exceeds the limit of " +
                  std::to_string(kMaxContentLength) + " bytes";
    } else {
      length = n;
    }
  }
  if (problem.empty() && !length) problem = "missing Content-Length header";
  if (!problem.empty()) return Frame{FrameStatus::malformed, "", problem};
  Frame frame{FrameStatus::message, std::string(*length, '\0'), ""};
  in.read(frame.body.data(), static_cast<std::streamsize>(*length));
  if (static_cast<size_t>(in.gcount()) != *length) return Frame{};
  return frame;
}

void write_frame(std::ostream& out, std::string_view body) {
  out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out.flush();
}

}  // namespace tenet::lsp

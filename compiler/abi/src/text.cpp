// Text helpers shared inside tenet::abi (text.hpp).
#include "text.hpp"

#include <nlohmann/json.hpp>

namespace tenet::abi::detail {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

vm::Result<std::vector<std::string_view>> split_top_level(std::string_view inner) {
  std::vector<std::string_view> parts;
  if (trim(inner).empty()) return parts;
  int depth = 0;
  bool quoted = false;
  size_t start = 0;
  for (size_t i = 0; i < inner.size(); ++i) {
    const char c = inner[i];
    if (quoted) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        quoted = false;
      continue;
    }
    if (c == '"')
      quoted = true;
    else if (c == '[' || c == '(')
      ++depth;
    else if (c == ']' || c == ')') {
      if (--depth < 0) return vm::Error{"unbalanced '" + std::string(1, c) + "'"};
    } else if (c == ',' && depth == 0) {
      parts.push_back(trim(inner.substr(start, i - start)));
      start = i + 1;
    }
  }
  if (quoted) return vm::Error{"unterminated string"};
  if (depth != 0) return vm::Error{"unbalanced brackets"};
  parts.push_back(trim(inner.substr(start)));
  return parts;
}

std::string json_quoted(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace tenet::abi::detail

#pragma once
// Internal to tenet::abi: the small text helpers the type, signature and value parsers
// share.

#include <string>
#include <string_view>
#include <vector>

#include "tenet/vm/error.hpp"

namespace tenet::abi::detail {

/// `s` without leading and trailing blanks (space, tab, newline).
std::string_view trim(std::string_view s);

/// Splits `inner` at top-level commas (outside brackets, parentheses and double-quoted
/// strings); each part is trimmed. Blank text is no parts.
vm::Result<std::vector<std::string_view>> split_top_level(std::string_view inner);

/// `s` as a JSON string literal (invalid UTF-8 replaced).
std::string json_quoted(const std::string& s);

}  // namespace tenet::abi::detail

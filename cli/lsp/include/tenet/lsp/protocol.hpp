#pragma once
/// \file
/// Reading the protocol's structures out of request params, and writing them back. Every
/// reader checks shapes and types and says what is wrong ("'position.line' must be a
/// non-negative integer"), for an invalid_params answer; nothing here throws.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "tenet/lsp/position.hpp"
#include "tenet/vm/error.hpp"

namespace tenet::lsp {

/// `object[key]` when it is a string; else an error naming `path` ("textDocument.uri").
vm::Result<std::string> read_string(const nlohmann::json& object, std::string_view key,
                                    std::string_view path);
/// `object[key]` when it is an integer; else an error naming `path`.
vm::Result<int64_t> read_integer(const nlohmann::json& object, std::string_view key,
                                 std::string_view path);
/// `object[key]` when it is an object; else an error naming `path`.
vm::Result<const nlohmann::json*> read_object(const nlohmann::json& object, std::string_view key,
                                              std::string_view path);
/// A Position member `key` of `object` (`{"line": n, "character": n}`, both ≥ 0).
vm::Result<Position> read_position(const nlohmann::json& object, std::string_view key,
                                   std::string_view path);
/// A Range member `key` of `object` (`{"start": Position, "end": Position}`).
vm::Result<Range> read_range(const nlohmann::json& object, std::string_view key,
                             std::string_view path);
/// `params.textDocument.uri`.
vm::Result<std::string> read_document_uri(const nlohmann::json& params);

/// `{"line": …, "character": …}`.
nlohmann::json to_json(const Position& position);
/// `{"start": …, "end": …}`.
nlohmann::json to_json(const Range& range);

}  // namespace tenet::lsp

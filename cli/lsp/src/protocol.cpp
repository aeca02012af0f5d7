// Protocol structures from and to JSON (protocol.hpp).
#include "tenet/lsp/protocol.hpp"

#include <limits>

namespace tenet::lsp {

using nlohmann::json;

namespace {

std::string joined(std::string_view path, std::string_view key) {
  return path.empty() ? std::string(key) : std::string(path) + "." + std::string(key);
}

const json* member(const json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

vm::Result<uint32_t> read_index(const json& object, std::string_view key, std::string_view path) {
  const json* value = member(object, key);
  if (value == nullptr || !value->is_number_integer() || value->get<int64_t>() < 0 ||
      value->get<int64_t>() > std::numeric_limits<uint32_t>::max())
    return vm::Error{"'" + joined(path, key) + "' must be a non-negative integer"};
  return static_cast<uint32_t>(value->get<int64_t>());
}

}  // namespace

vm::Result<std::string> read_string(const json& object, std::string_view key,
                                    std::string_view path) {
  const json* value = member(object, key);
  if (value == nullptr || !value->is_string())
    return vm::Error{"'" + joined(path, key) + "' must be a string"};
  return value->get<std::string>();
}

vm::Result<int64_t> read_integer(const json& object, std::string_view key, std::string_view path) {
  const json* value = member(object, key);
  if (value == nullptr || !value->is_number_integer())
    return vm::Error{"'" + joined(path, key) + "' must be an integer"};
  return value->get<int64_t>();
}

vm::Result<const json*> read_object(const json& object, std::string_view key,
                                    std::string_view path) {
  const json* value = member(object, key);
  if (value == nullptr || !value->is_object())
    return vm::Error{"'" + joined(path, key) + "' must be an object"};
  return value;
}

vm::Result<Position> read_position(const json& object, std::string_view key,
                                   std::string_view path) {
  auto p = read_object(object, key, path);
  if (!p) return p.error();
  const std::string where = joined(path, key);
  auto line = read_index(**p, "line", where);
  if (!line) return line.error();
  auto character = read_index(**p, "character", where);
  if (!character) return character.error();
  return Position{*line, *character};
}

vm::Result<Range> read_range(const json& object, std::string_view key, std::string_view path) {
  auto r = read_object(object, key, path);
  if (!r) return r.error();
  const std::string where = joined(path, key);
  auto start = read_position(**r, "start", where);
  if (!start) return start.error();
  auto end = read_position(**r, "end", where);
  if (!end) return end.error();
  return Range{*start, *end};
}

vm::Result<std::string> read_document_uri(const json& params) {
  auto document = read_object(params, "textDocument", "");
  if (!document) return document.error();
  return read_string(**document, "uri", "textDocument");
}

json to_json(const Position& position) {
  return json{{"line", position.line}, {"character", position.character}};
}

json to_json(const Range& range) {
  return json{{"start", to_json(range.start)}, {"end", to_json(range.end)}};
}

}  // namespace tenet::lsp

// An ABI JSON array read back into entries (entry.hpp, entries_from_json).
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "tenet/abi/entry.hpp"
#include "tenet/abi/type.hpp"

namespace tenet::abi {
namespace {

using nlohmann::json;

/// The entry kinds by their "type" strings.
constexpr std::pair<const char*, AbiEntryKind> kEntryJsonKinds[] = {
    {"constructor", AbiEntryKind::constructor},
    {"error", AbiEntryKind::error},
    {"event", AbiEntryKind::event},
    {"function", AbiEntryKind::function},
    {"receive", AbiEntryKind::receive}};

/// The string at `key` of `object` ("" when absent), or an error when it is not a string.
vm::Result<std::string> entry_json_string(const json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) return std::string();
  if (!it->is_string()) return vm::Error{std::string(key) + " is not a string"};
  return it->get<std::string>();
}

vm::Result<AbiParam> entry_json_param(const json& j);

/// The parameters at `key` of `entry` (none when absent).
vm::Result<std::vector<AbiParam>> entry_json_params(const json& entry, const char* key,
                                                    const std::string& what) {
  std::vector<AbiParam> out;
  const auto it = entry.find(key);
  if (it == entry.end()) return out;
  if (!it->is_array()) return vm::Error{std::string(key) + " is not an array"};
  for (std::size_t i = 0; i < it->size(); ++i) {
    auto p = entry_json_param((*it)[i]);
    if (!p) return vm::Error{what + " " + std::to_string(i) + ": " + p.error().message};
    out.push_back(std::move(*p));
  }
  return out;
}

vm::Result<AbiParam> entry_json_param(const json& j) {
  if (!j.is_object()) return vm::Error{"not an object"};
  AbiParam p;
  auto type = entry_json_string(j, "type");
  if (!type) return type.error();
  if (type->empty()) return vm::Error{"no type"};
  p.type = std::move(*type);
  auto name = entry_json_string(j, "name");
  if (!name) return name.error();
  p.name = std::move(*name);
  auto internal = entry_json_string(j, "internalType");
  if (!internal) return internal.error();
  p.internal_type = std::move(*internal);
  if (const auto it = j.find("indexed"); it != j.end()) {
    if (!it->is_boolean()) return vm::Error{"indexed is not a boolean"};
    p.indexed = it->get<bool>();
  }
  if (p.type.starts_with("tuple")) {
    if (!j.contains("components")) return vm::Error{"a tuple without components"};
    auto components = entry_json_params(j, "components", "component");
    if (!components) return components.error();
    p.components = std::move(*components);
  }
  auto checked = type_of(p);
  if (!checked) return checked.error();
  return p;
}

/// One entry.
vm::Result<AbiEntry> entry_json_entry(const json& j) {
  if (!j.is_object()) return vm::Error{"not an object"};
  auto type = entry_json_string(j, "type");
  if (!type) return type.error();
  AbiEntry e;
  bool known = false;
  for (const auto& [name, kind] : kEntryJsonKinds)
    if (*type == name) e.kind = kind, known = true;
  if (!known) return vm::Error{"unknown type '" + *type + "'"};
  auto name = entry_json_string(j, "name");
  if (!name) return name.error();
  e.name = std::move(*name);
  auto mutability = entry_json_string(j, "stateMutability");
  if (!mutability) return mutability.error();
  e.state_mutability = std::move(*mutability);
  auto inputs = entry_json_params(j, "inputs", "input");
  if (!inputs) return inputs.error();
  e.inputs = std::move(*inputs);
  auto outputs = entry_json_params(j, "outputs", "output");
  if (!outputs) return outputs.error();
  e.outputs = std::move(*outputs);
  return e;
}

}  // namespace

vm::Result<std::vector<AbiEntry>> entries_from_json(const json& abi) {
  if (!abi.is_array()) return vm::Error{"the ABI is not a JSON array"};
  std::vector<AbiEntry> out;
  for (std::size_t i = 0; i < abi.size(); ++i) {
    auto e = entry_json_entry(abi[i]);
    if (!e) {
      std::string what = "entry " + std::to_string(i);
      if (abi[i].is_object()) {
        const auto name = abi[i].find("name");
        const auto type = abi[i].find("type");
        if (type != abi[i].end() && type->is_string() && name != abi[i].end() && name->is_string())
          what += " (" + type->get<std::string>() + " " + name->get<std::string>() + ")";
      }
      return vm::Error{what + ": " + e.error().message};
    }
    out.push_back(std::move(*e));
  }
  return out;
}

}  // namespace tenet::abi

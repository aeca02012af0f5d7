// A contract's ABI as data: signatures, selectors and solc-shaped JSON (entry.hpp).
#include "tenet/abi/entry.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "tenet/vm/crypto.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::abi {
namespace {

std::string join_canonical(const std::vector<AbiParam>& params) {
  std::string out;
  for (size_t i = 0; i < params.size(); ++i) {
    if (i != 0) out += ",";
    out += canonical_type(params[i]);
  }
  return out;
}

nlohmann::json param_json(const AbiParam& p) {
  nlohmann::json j = {{"internalType", p.internal_type}, {"name", p.name}, {"type", p.type}};
  if (p.type.starts_with("tuple")) {
    nlohmann::json components = nlohmann::json::array();
    for (const AbiParam& c : p.components) components.push_back(param_json(c));
    j["components"] = std::move(components);
  }
  if (p.indexed) j["indexed"] = *p.indexed;
  return j;
}

nlohmann::json params_json(const std::vector<AbiParam>& params) {
  nlohmann::json out = nlohmann::json::array();
  for (const AbiParam& p : params) out.push_back(param_json(p));
  return out;
}

}  // namespace

const char* abi_kind_name(AbiEntryKind kind) {
  switch (kind) {
    case AbiEntryKind::constructor:
      return "constructor";
    case AbiEntryKind::error:
      return "error";
    case AbiEntryKind::event:
      return "event";
    case AbiEntryKind::function:
      return "function";
    case AbiEntryKind::receive:
      return "receive";
  }
  return "function";
}

std::string canonical_type(const AbiParam& param) {
  if (!param.type.starts_with("tuple")) return param.type;
  return "(" + join_canonical(param.components) + ")" + param.type.substr(5);
}

std::string abi_signature(const AbiEntry& entry) {
  switch (entry.kind) {
    case AbiEntryKind::constructor:
      return "constructor(" + join_canonical(entry.inputs) + ")";
    case AbiEntryKind::receive:
      return "receive()";
    default:
      return entry.name + "(" + join_canonical(entry.inputs) + ")";
  }
}

std::string abi_selector_hex(const AbiEntry& entry) {
  const std::string signature = abi_signature(entry);
  switch (entry.kind) {
    case AbiEntryKind::function:
    case AbiEntryKind::error: {
      const auto selector = vm::selector_of(signature);
      return vm::hex_encode(selector);
    }
    case AbiEntryKind::event: {
      const auto topic = vm::keccak256(
          std::span(reinterpret_cast<const uint8_t*>(signature.data()), signature.size()));
      return vm::hex_encode(topic);
    }
    default:
      return "";
  }
}

nlohmann::json to_json(std::span<const AbiEntry> entries) {
  nlohmann::json abi = nlohmann::json::array();
  for (const AbiEntry& e : entries) {
    nlohmann::json j = {{"type", abi_kind_name(e.kind)}};
    switch (e.kind) {
      case AbiEntryKind::constructor:
        j["inputs"] = params_json(e.inputs);
        j["stateMutability"] = e.state_mutability;
        break;
      case AbiEntryKind::error:
        j["inputs"] = params_json(e.inputs);
        j["name"] = e.name;
        break;
      case AbiEntryKind::event:
        j["anonymous"] = false;
        j["inputs"] = params_json(e.inputs);
        j["name"] = e.name;
        break;
      case AbiEntryKind::function:
        j["inputs"] = params_json(e.inputs);
        j["name"] = e.name;
        j["outputs"] = params_json(e.outputs);
        j["stateMutability"] = e.state_mutability;
        break;
      case AbiEntryKind::receive:
        j["stateMutability"] = e.state_mutability;
        break;
    }
    abi.push_back(std::move(j));
  }
  return abi;
}

std::vector<std::string> abi_fragment_lines(std::span<const AbiEntry> entries,
                                            const std::string& prefix) {
  std::vector<std::string> lines;
  for (const AbiEntry& e : entries) {
    std::string line;
    switch (e.kind) {
      case AbiEntryKind::function:
        line = "function " + abi_signature(e) + " " + abi_selector_hex(e) + " " +
               e.state_mutability + " returns (" + join_canonical(e.outputs) + ")";
        break;
      case AbiEntryKind::event: {
        line = "event " + abi_signature(e) + " " + abi_selector_hex(e) + " indexed";
        std::string indexed;
        for (size_t i = 0; i < e.inputs.size(); ++i) {
          if (!e.inputs[i].indexed.value_or(false)) continue;
          indexed += (indexed.empty() ? "" : ",") + std::to_string(i);
        }
        if (!indexed.empty()) line += " " + indexed;
        break;
      }
      case AbiEntryKind::error:
        line = "error " + abi_signature(e) + " " + abi_selector_hex(e);
        break;
      case AbiEntryKind::constructor:
        line = abi_signature(e);
        break;
      case AbiEntryKind::receive:
        line = "receive";
        break;
    }
    lines.push_back(prefix.empty() ? line : prefix + " " + line);
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

}  // namespace tenet::abi

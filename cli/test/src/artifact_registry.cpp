// Every code the runner can meet, by code hash (artifact_registry.hpp).
#include "tenet/runner/artifact_registry.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>

#include "tenet/abi/type.hpp"
#include "tenet/abi/values.hpp"

namespace tenet::runner {
namespace {

/// The text abi::encode_values reads as the zero value of `type`.
std::string zero_text(const abi::AbiType& type) {
  using Kind = abi::AbiType::Kind;
  switch (type.kind) {
    case Kind::uint:
    case Kind::int_:
      return "0";
    case Kind::boolean:
      return "false";
    case Kind::address:
      return "0x" + std::string(40, '0');
    case Kind::fixed_bytes:
      return "0x" + std::string(2 * type.bits, '0');
    case Kind::string:
      return "\"\"";
    case Kind::bytes:
      return "0x";
    case Kind::array: {
      if (!type.length) return "[]";
      std::string out = "[";
      for (uint64_t i = 0; i < *type.length; ++i)
        out += (i ? "," : "") + zero_text(type.children.front());
      return out + "]";
    }
    case Kind::tuple: {
      std::string out = "(";
      for (size_t i = 0; i < type.children.size(); ++i)
        out += (i ? "," : "") + zero_text(type.children[i]);
      return out + ")";
    }
  }
  return "0";
}

/// The selector of a function or error entry.
std::array<uint8_t, 4> selector_of(const abi::AbiEntry& entry) {
  return vm::selector_of(abi::abi_signature(entry));
}

/// Which event parameters are topics: the layout two events with one signature may differ in.
std::vector<bool> indexed_layout(const abi::AbiEntry& entry) {
  std::vector<bool> out;
  for (const abi::AbiParam& p : entry.inputs) out.push_back(p.indexed.value_or(false));
  return out;
}

}  // namespace

void ArtifactRegistry::add(const vm::Hash256& code_hash, KnownCode code) {
  for (const abi::AbiEntry& e : code.abi) {
    if (e.kind == abi::AbiEntryKind::error) {
      const auto selector = selector_of(e);
      const bool known = std::any_of(errors_.begin(), errors_.end(), [&](const abi::AbiEntry& k) {
        return selector_of(k) == selector;
      });
      if (!known) errors_.push_back(e);
    } else if (e.kind == abi::AbiEntryKind::event) {
      const std::string signature = abi::abi_signature(e);
      const bool known = std::any_of(events_.begin(), events_.end(), [&](const abi::AbiEntry& k) {
        return abi::abi_signature(k) == signature && indexed_layout(k) == indexed_layout(e);
      });
      if (!known) events_.push_back(e);
    }
  }
  codes_.insert_or_assign(code_hash, std::move(code));
}

const KnownCode* ArtifactRegistry::find(const vm::Hash256& code_hash) const {
  auto it = codes_.find(code_hash);
  return it == codes_.end() ? nullptr : &it->second;
}

const abi::AbiEntry* ArtifactRegistry::function(const vm::Hash256& code_hash,
                                                std::span<const uint8_t> input) const {
  const KnownCode* code = find(code_hash);
  if (!code || input.size() < 4) return nullptr;
  for (const abi::AbiEntry& e : code->abi) {
    if (e.kind != abi::AbiEntryKind::function) continue;
    const auto selector = selector_of(e);
    if (std::memcmp(selector.data(), input.data(), 4) == 0) return &e;
  }
  return nullptr;
}

std::vector<uint8_t> ArtifactRegistry::zero_results(const vm::Hash256& code_hash,
                                                    std::span<const uint8_t> input) const {
  const abi::AbiEntry* f = function(code_hash, input);
  if (!f || f->outputs.empty()) return {};
  auto types = abi::types_of(f->outputs);
  if (!types) return {};
  std::vector<std::string> texts;
  for (const abi::AbiType& t : *types) texts.push_back(zero_text(t));
  auto encoded = abi::encode_values(*types, texts);
  return encoded ? std::move(*encoded) : std::vector<uint8_t>{};
}

std::optional<CodePosition> ArtifactRegistry::position(const vm::Hash256& code_hash,
                                                       uint32_t pc) const {
  const KnownCode* code = find(code_hash);
  if (!code) return std::nullopt;
  auto it = std::upper_bound(
      code->lines.begin(), code->lines.end(), pc,
      [](uint32_t offset, const compiler::LineEntry& e) { return offset < e.code_offset; });
  while (it != code->lines.begin()) {
    --it;
    if (it->line == 0) continue;
    if (it->file >= code->files.size()) return std::nullopt;
    return CodePosition{code->files[it->file], it->line, it->column};
  }
  return std::nullopt;
}

}  // namespace tenet::runner

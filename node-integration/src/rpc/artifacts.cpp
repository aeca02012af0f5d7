/// \file
/// The artifacts the node knows, and revert messages (artifacts.hpp).

#include "tenet/node/rpc/artifacts.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <utility>
#include <vector>

#include "tenet/abi/entry.hpp"
#include "tenet/abi/revert.hpp"
#include "tenet/vm/crypto.hpp"
#include "tenet/vm/hex.hpp"

namespace tenet::node {

namespace {

/// ABI entries by selector.
using ArtifactSelectorTable = std::map<std::array<uint8_t, 4>, abi::AbiEntry>;

}  // namespace

struct ArtifactIndex::Impl {
  /// Custom errors by selector (the first artifact, by file name, declaring one wins).
  ArtifactSelectorTable errors;
  /// Functions by selector, likewise.
  ArtifactSelectorTable functions;
  /// Codes by bytecodeHash, likewise.
  std::map<Hash256, ArtifactCode> codes;
};

namespace {

/// The text of `file`, or none when it cannot be read.
std::optional<std::string> artifacts_read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Adds the errors and functions of one artifact's ABI.
void artifacts_add(ArtifactSelectorTable& errors, ArtifactSelectorTable& functions,
                   const std::vector<abi::AbiEntry>& entries) {
  for (const abi::AbiEntry& e : entries) {
    if (e.kind != abi::AbiEntryKind::error && e.kind != abi::AbiEntryKind::function) continue;
    const auto selector = vm::selector_of(abi::abi_signature(e));
    auto& table = e.kind == abi::AbiEntryKind::error ? errors : functions;
    table.emplace(selector, e);
  }
}

/// A `sourceMap` entry field: a number within uint32.
bool artifacts_u32(const nlohmann::json& v, uint32_t& out) {
  if (!v.is_number_unsigned() || v.get<uint64_t>() > UINT32_MAX) return false;
  out = static_cast<uint32_t>(v.get<uint64_t>());
  return true;
}

/// The code part of an artifact: `contractName`, `bytecodeHash` and `sourceMap` (none when
/// it has no bytecodeHash), or what is malformed.
Result<std::optional<std::pair<Hash256, ArtifactCode>>> artifacts_code(
    const nlohmann::json& artifact) {
  if (!artifact.contains("bytecodeHash")) return std::optional<std::pair<Hash256, ArtifactCode>>{};
  const nlohmann::json& hash_json = artifact["bytecodeHash"];
  std::vector<uint8_t> hash_bytes;
  if (hash_json.is_string()) {
    if (auto decoded = vm::hex_decode(hash_json.get<std::string>())) hash_bytes = *decoded;
  }
  if (hash_bytes.size() != 32) return vm::Error{"bytecodeHash: not 32 bytes of hex"};
  std::pair<Hash256, ArtifactCode> out;
  std::copy(hash_bytes.begin(), hash_bytes.end(), out.first.begin());
  if (artifact.contains("contractName") && artifact["contractName"].is_string())
    out.second.contract = artifact["contractName"].get<std::string>();
  if (!artifact.contains("sourceMap")) return std::optional{std::move(out)};
  const nlohmann::json& map = artifact["sourceMap"];
  if (!map.is_object() || !map.contains("files") || !map["files"].is_array() ||
      !map.contains("entries") || !map["entries"].is_array()) {
    return vm::Error{"sourceMap: not {files, entries}"};
  }
  for (const nlohmann::json& f : map["files"]) {
    if (!f.is_string()) return vm::Error{"sourceMap: a file name is not a string"};
    out.second.files.push_back(f.get<std::string>());
  }
  for (const nlohmann::json& e : map["entries"]) {
    SourceMapEntry entry;
    uint32_t column = 0;
    if (!e.is_array() || e.size() != 4 || !artifacts_u32(e[0], entry.offset) ||
        !artifacts_u32(e[1], entry.file) || !artifacts_u32(e[2], entry.line) ||
        !artifacts_u32(e[3], column) || entry.file >= out.second.files.size() ||
        (!out.second.entries.empty() && entry.offset < out.second.entries.back().offset)) {
      return vm::Error{"sourceMap: malformed entry " + e.dump()};
    }
    out.second.entries.push_back(entry);
  }
  return std::optional{std::move(out)};
}

/// "panic: <meaning> (0x11)".
std::string artifacts_panic_text(const abi::DecodedRevert& d) {
  char code[32];
  std::snprintf(code, sizeof code, "0x%02llx", static_cast<unsigned long long>(d.code.value_or(0)));
  return "panic: " + d.message + " (" + code + ")";
}

}  // namespace

ArtifactIndex::ArtifactIndex() : impl_(std::make_unique<Impl>()) {}
ArtifactIndex::~ArtifactIndex() = default;
ArtifactIndex::ArtifactIndex(ArtifactIndex&&) noexcept = default;
ArtifactIndex& ArtifactIndex::operator=(ArtifactIndex&&) noexcept = default;

Result<ArtifactIndex> ArtifactIndex::load(const std::filesystem::path& out_dir) {
  ArtifactIndex index;
  std::error_code ec;
  if (!std::filesystem::is_directory(out_dir, ec)) return index;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(out_dir, ec))
    if (entry.is_regular_file() && entry.path().extension() == ".json")
      files.push_back(entry.path());
  if (ec) return vm::Error{"cannot list artifacts in " + out_dir.string() + ": " + ec.message()};
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    const auto text = artifacts_read_file(file);
    if (!text) return vm::Error{"cannot read artifact " + file.string()};
    const auto artifact = nlohmann::json::parse(*text, nullptr, false);
    if (artifact.is_discarded()) return vm::Error{"artifact " + file.string() + " is not JSON"};
    if (!artifact.is_object() || !artifact.contains("abi")) continue;  // not an artifact
    auto entries = abi::entries_from_json(artifact["abi"]);
    if (!entries)
      return vm::Error{"artifact " + file.string() + ": abi: " + entries.error().message};
    artifacts_add(index.impl_->errors, index.impl_->functions, *entries);
    auto code = artifacts_code(artifact);
    if (!code) return vm::Error{"artifact " + file.string() + ": " + code.error().message};
    if (*code) index.impl_->codes.emplace(std::move(**code));
  }
  return index;
}

std::string ArtifactIndex::revert_message(ByteView revert_data) const {
  std::vector<abi::AbiEntry> candidates;
  if (revert_data.size() >= 4) {
    std::array<uint8_t, 4> selector{};
    std::copy_n(revert_data.begin(), 4, selector.begin());
    if (auto it = impl_->errors.find(selector); it != impl_->errors.end())
      candidates.push_back(it->second);
  }
  const abi::DecodedRevert d = abi::decode_revert(revert_data, candidates);
  const std::string prefix = "execution reverted";
  if (d.kind == "empty") return prefix;
  if (d.kind == "error") return prefix + ": " + d.message;
  if (d.kind == "panic") return prefix + ": " + artifacts_panic_text(d);
  if (d.name.starts_with("0x")) {
    const ByteView selector = revert_data.first(std::min<std::size_t>(4, revert_data.size()));
    return prefix + ": custom error " + vm::hex_encode(selector);
  }
  return prefix + ": " + abi::describe_revert(d);
}

const ArtifactCode* ArtifactIndex::code(const Hash256& code_hash) const {
  auto it = impl_->codes.find(code_hash);
  return it == impl_->codes.end() ? nullptr : &it->second;
}

std::optional<std::string> ArtifactIndex::function_signature(ByteView input) const {
  if (input.size() < 4) return std::nullopt;
  std::array<uint8_t, 4> selector{};
  std::copy_n(input.begin(), 4, selector.begin());
  auto it = impl_->functions.find(selector);
  if (it == impl_->functions.end()) return std::nullopt;
  return abi::abi_signature(it->second);
}

const SourceMapEntry* ArtifactCode::entry_at(uint32_t pc) const {
  auto after = std::upper_bound(entries.begin(), entries.end(), pc,
                                [](uint32_t p, const SourceMapEntry& e) { return p < e.offset; });
  if (after == entries.begin() || std::prev(after)->line == 0) return nullptr;
  return &*std::prev(after);
}

std::optional<SourceLine> ArtifactCode::line_at(uint32_t pc) const {
  const SourceMapEntry* e = entry_at(pc);
  if (!e) return std::nullopt;
  return SourceLine{files[e->file], e->line};
}

}  // namespace tenet::node

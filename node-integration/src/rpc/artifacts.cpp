/// \file
/// The artifacts the node knows, and revert messages (artifacts.hpp).

#include "tenet/node/rpc/artifacts.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
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

}  // namespace tenet::node

#pragma once
/// \file
/// The artifacts the node knows (`--artifacts DIR`, default the project's `out/`): it names
/// custom errors in revert messages, by selector, from any artifact's ABI.

#include <filesystem>
#include <memory>
#include <string>

#include "tenet/node/common/types.hpp"

namespace tenet::node {

/// Custom errors (and functions, for traces) by selector, read from `*.json` artifacts.
class ArtifactIndex {
 public:
  /// An index knowing nothing (revert messages name custom errors by selector).
  ArtifactIndex();
  ~ArtifactIndex();
  ArtifactIndex(ArtifactIndex&&) noexcept;
  ArtifactIndex& operator=(ArtifactIndex&&) noexcept;
  /// Reads every artifact in `out_dir` (a missing directory is an empty index). Errors: an
  /// artifact that is not valid JSON or whose ABI does not parse, naming the file.
  static Result<ArtifactIndex> load(const std::filesystem::path& out_dir);
  /// The eth_call revert message of `revert_data` (toolchain §4 Errors): "execution
  /// reverted", "execution reverted: <message>", "execution reverted: panic: <meaning>
  /// (0x11)", "execution reverted: custom error 0x<selector>" or with the error's name and
  /// arguments when an artifact declares it.
  std::string revert_message(ByteView revert_data) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tenet::node

#pragma once
/// \file
/// The artifacts the node knows (`--artifacts DIR`, default the project's `out/`): it names
/// custom errors in revert messages, by selector, from any artifact's ABI, and tells traces
/// which contract a code is and the source line of an instruction (`sourceMap`).

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tenet/node/common/types.hpp"

namespace tenet::node {

/// A position in a source file: the file (relative to the project root) and its 1-based line.
struct SourceLine {
  std::string file;
  uint32_t line = 0;
  friend bool operator==(const SourceLine&, const SourceLine&) = default;
};

/// One entry of an artifact's `sourceMap` (docs/cli.md, "sourceMap"): the instructions from
/// code offset `offset` up to the next entry's come from line `line` of `files[file]` (line 0:
/// compiler-generated code).
struct SourceMapEntry {
  uint32_t offset = 0;
  uint32_t file = 0;
  uint32_t line = 0;
};

/// What an artifact tells about the code whose keccak256 is its `bytecodeHash`.
struct ArtifactCode {
  /// `contractName`.
  std::string contract;
  /// `sourceMap.files`.
  std::vector<std::string> files;
  /// `sourceMap.entries`, sorted by offset.
  std::vector<SourceMapEntry> entries;
  /// The source line of the instruction at code offset `pc` (the last entry at or before
  /// it), or none when that entry has line 0 or there is none.
  std::optional<SourceLine> line_at(uint32_t pc) const;
  /// The entry line_at reads (null when it gives none): for lookups of every instruction.
  const SourceMapEntry* entry_at(uint32_t pc) const;
};

/// Custom errors (and functions, for traces) by selector, and codes by hash, read from
/// `*.json` artifacts.
class ArtifactIndex {
 public:
  /// An index knowing nothing (revert messages name custom errors by selector).
  ArtifactIndex();
  ~ArtifactIndex();
  ArtifactIndex(ArtifactIndex&&) noexcept;
  ArtifactIndex& operator=(ArtifactIndex&&) noexcept;
  /// Reads every artifact in `out_dir` (a missing directory is an empty index). Errors: an
  /// artifact that is not valid JSON, whose ABI does not parse, or whose `bytecodeHash` or
  /// `sourceMap` (when present) is malformed, naming the file.
  static Result<ArtifactIndex> load(const std::filesystem::path& out_dir);
  /// The eth_call revert message of `revert_data` (toolchain §4 Errors): "execution
  /// reverted", "execution reverted: <message>", "execution reverted: panic: <meaning>
  /// (0x11)", "execution reverted: custom error 0x<selector>" or with the error's name and
  /// arguments when an artifact declares it.
  std::string revert_message(ByteView revert_data) const;
  /// The artifact of the code whose keccak256 is `code_hash` (its `bytecodeHash`; the first
  /// artifact by file name wins), or null.
  const ArtifactCode* code(const Hash256& code_hash) const;
  /// The signature of the function `input` selects ("put(uint256)"), from any artifact's
  /// ABI, or none.
  std::optional<std::string> function_signature(ByteView input) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tenet::node

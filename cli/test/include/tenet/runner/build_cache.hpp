#pragma once
/// \file
/// The build cache of `tenet test` under ROOT/cache/build: one entry per source file and
/// build flavour (optimisation level, operand records). An entry holds everything the
/// runner needs from that file — the codes it compiles (bytecode, line table, ABI) and the
/// test suites it declares — and the keccak256 of every file its compilation read (imports
/// and stdlib files included). An entry is used only when the compiler (its version and
/// executable), the flavour and every hash still match, so a warm run reads no source through the
/// compiler. An unreadable or corrupt entry is a miss, never an error.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "tenet/abi/entry.hpp"
#include "tenet/compiler/codegen.hpp"
#include "tenet/runner/discovery.hpp"
#include "tenet/vm/crypto.hpp"

namespace tenet::runner {

/// One compiled code a source file contributes to the registry.
struct CachedCode {
  std::string name;                        ///< the contract's name
  std::string source;                      ///< root-relative path of the declaring file
  bool is_test = false;                    ///< a test contract
  std::vector<uint8_t> bytecode;           ///< the container
  std::vector<abi::AbiEntry> abi;          ///< its ABI
  std::vector<std::string> files;          ///< line table files (root-relative, std as "std/…")
  std::vector<compiler::LineEntry> lines;  ///< the line table
};

/// What one source file gives the build.
struct FileOutputs {
  std::vector<CachedCode> codes;  ///< its contracts and their children, in compile order
  std::vector<TestSuite> suites;  ///< its test contracts (test files only), in source order
};

/// A file a compilation read, and the keccak256 of its content.
struct FileInput {
  std::string path;    ///< absolute path
  vm::Hash256 hash{};  ///< keccak256 of the bytes read
};

/// The cache of one build flavour.
class BuildCache {
 public:
  /// The cache under `dir` (ROOT/cache/build) for builds at `level` with or without
  /// operand records.
  BuildCache(std::filesystem::path dir, int level, bool record_operands);
  /// The stored outputs of `source_name` (root-relative) when the entry exists, parses, was
  /// written by this compiler version for this flavour, and every input file still has its
  /// hash; else none.
  std::optional<FileOutputs> load(const std::string& source_name) const;
  /// Stores the outputs of `source_name` with the files its compilation read. Failing to
  /// write is ignored (the next run compiles again).
  void store(const std::string& source_name, const std::vector<FileInput>& inputs,
             const FileOutputs& outputs) const;
  /// Where the entry of `source_name` lives.
  std::filesystem::path entry_path(const std::string& source_name) const;

 private:
  std::filesystem::path dir_;
  int level_;
  bool record_operands_;
};

/// keccak256 of `text`.
vm::Hash256 content_hash(std::string_view text);

}  // namespace tenet::runner

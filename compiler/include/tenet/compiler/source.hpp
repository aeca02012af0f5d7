#pragma once
/// \file
/// Source files and positions in them. A SourceManager owns the text of every file a
/// compilation reads; everything else refers to files by FileId and to places in them
/// by SourceRange.

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_PUBLIC_HEADER(common, source.hpp)

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tenet::compiler {

/// Identifies one file held by a SourceManager.
using FileId = uint32_t;

/// The FileId of "no file" (a diagnostic about the command line, an unreadable file).
inline constexpr FileId kNoFile = UINT32_MAX;

/// A place in a file. Lines and columns count from 1; a column counts Unicode code
/// points (a tab is one column); the offset is in bytes from the start of the file.
struct SourcePos {
  uint32_t line = 0;    ///< 1-based line
  uint32_t column = 0;  ///< 1-based column in code points
  uint32_t offset = 0;  ///< 0-based byte offset

  friend bool operator==(const SourcePos&, const SourcePos&) = default;
};

/// A half-open span [begin, end) of one file.
struct SourceRange {
  FileId file = kNoFile;  ///< the file, or kNoFile
  SourcePos begin;        ///< first character
  SourcePos end;          ///< one past the last character

  /// True when the range points into a file.
  bool valid() const { return file != kNoFile; }
  friend bool operator==(const SourceRange&, const SourceRange&) = default;
};

/// The key that names the file at `path` whatever way the path is written: absolute, `..`
/// and symbolic links resolved (lexically normal when the file system cannot say). Sema
/// keys a program's modules by it, and SourceManager its overlays.
std::string file_key(const std::string& path);

/// The smallest range covering both `a` and `b` (which must be in one file).
SourceRange join(const SourceRange& a, const SourceRange& b);

/// One source file: its name as the user gave it and its text.
class SourceBuffer {
 public:
  /// Takes the file's display name (used in diagnostics) and its full text.
  SourceBuffer(std::string name, std::string text);

  /// The name shown in diagnostics (the path as given).
  const std::string& name() const { return name_; }
  /// The whole text, as read.
  std::string_view text() const { return text_; }
  /// The number of lines (a final line without a newline counts).
  uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }
  /// The text of 1-based line `line`, without its line terminator ("" if out of range).
  std::string_view line_text(uint32_t line) const;
  /// The position of byte `offset` (clamped to the end of the text).
  SourcePos position_of(uint32_t offset) const;

 private:
  std::string name_;
  std::string text_;
  std::vector<uint32_t> line_starts_;  // byte offset of each line's first character
};

/// Owns every source file of a compilation.
class SourceManager {
 public:
  /// Adds a file from memory (tests, stdin, generated code) and returns its id.
  FileId add_file(std::string name, std::string text);
  /// Reads a file from disk. On failure returns nullopt and sets `error` to a message
  /// such as "cannot read 'x.tn': No such file or directory".
  std::optional<FileId> load_file(const std::string& path, std::string& error);
  /// Makes load_file read `text` for the file at `path` instead of the disk (an editor's
  /// unsaved buffer, `tenet lsp`). Paths are compared absolute and with symbolic links
  /// resolved; without overlays load_file only reads the disk.
  void set_overlay(const std::string& path, std::string text);

  /// The file with id `id` (which must come from this manager).
  const SourceBuffer& file(FileId id) const { return files_.at(id); }
  /// The number of files held.
  size_t size() const { return files_.size(); }

 private:
  std::vector<SourceBuffer> files_;
  std::map<std::string, std::string> overlays_;  // resolved path → text
};

}  // namespace tenet::compiler

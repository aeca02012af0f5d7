#pragma once
/// \file
/// Checking one document with the compiler's front end as the editor sees it: the document's
/// own text, and for every import that is open in the editor the editor's text instead of
/// the disk's (SourceManager overlays). The project around a file is found as `tenet build`
/// finds it: the nearest directory at or above the file holding `tenet.toml`.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "tenet/compiler/checked_program.hpp"
#include "tenet/compiler/diagnostics.hpp"
#include "tenet/compiler/project.hpp"
#include "tenet/compiler/source.hpp"
#include "tenet/compiler/source_index.hpp"
#include "tenet/lsp/document_store.hpp"
#include "tenet/lsp/position.hpp"

namespace tenet::lsp {

/// A project: its root (the directory of `tenet.toml`) and settings.
struct Project {
  std::filesystem::path root;      ///< holds tenet.toml
  compiler::ProjectConfig config;  ///< the settings (defaults when tenet.toml does not read)
};

/// The project of `file` (an absolute path): the nearest directory at or above the file's
/// directory with a `tenet.toml`; none when there is none.
std::optional<Project> find_project(const std::filesystem::path& file);

/// One document after semantic analysis (tolerating syntax errors: the parts that parsed
/// are checked and indexed) and its source index.
struct CheckedDocument {
  compiler::SourceManager sources;                    ///< every file read
  std::unique_ptr<compiler::CheckedProgram> program;  ///< the checked program (never null)
  compiler::DiagnosticEngine diagnostics;             ///< everything reported
  compiler::FileId file = compiler::kNoFile;          ///< the document itself
  std::optional<compiler::SourceIndex> index;         ///< names, uses and types of `program`

  /// True when the program read the file `path` (the document or any of its imports).
  bool reads(const std::string& path) const;
};

/// Checks `path` with text `text`; imports that are open in `documents` are read from them,
/// `std/…` imports from `stdlib_dir`.
std::unique_ptr<CheckedDocument> check_document(const std::string& path, const std::string& text,
                                                const DocumentStore& documents,
                                                const std::filesystem::path& stdlib_dir);

/// The LSP range of `range` (in a file of `sources`).
Range to_lsp_range(const compiler::SourceRange& range, const compiler::SourceManager& sources,
                   PositionEncoding encoding);

/// The byte offset in file `file` of `sources` of an LSP position.
size_t offset_in(const compiler::SourceManager& sources, compiler::FileId file, Position position,
                 PositionEncoding encoding);

/// The FileId of the file `path` among `sources` (compared by compiler::file_key), if read.
std::optional<compiler::FileId> file_of(const compiler::SourceManager& sources,
                                        const std::string& path);

/// True when `range` (in `file`) holds byte `offset` (its end included, so a cursor just after
/// a name is on it).
bool touches(const compiler::SourceRange& range, compiler::FileId file, size_t offset);

}  // namespace tenet::lsp

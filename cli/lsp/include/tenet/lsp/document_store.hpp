#pragma once
/// \file
/// The documents the editor has open (textDocument/didOpen … didClose): their text as the
/// editor holds it, which may differ from the disk. Changes arrive whole (full sync) or as
/// range replacements (incremental sync), applied in order.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tenet/lsp/position.hpp"
#include "tenet/vm/error.hpp"

namespace tenet::lsp {

/// One open document.
struct Document {
  std::string uri;      ///< as the editor names it
  std::string path;     ///< the file it is, absolute (from the URI)
  int64_t version = 0;  ///< the editor's version number
  std::string text;     ///< the editor's text
};

/// One content change: replace `range` (in the negotiated encoding) with `text`, or the whole
/// text when there is no range.
struct TextChange {
  std::optional<Range> range;  ///< none: full sync
  std::string text;            ///< the new text of the range
};

/// The open documents, by URI.
class DocumentStore {
 public:
  /// Opens (or reopens) `uri` with `text`. Fails for a URI that is not a `file:` URI.
  vm::Result<const Document*> open(const std::string& uri, int64_t version, std::string text);
  /// Applies `changes` in order and sets the version. Fails for a document not open.
  vm::Result<const Document*> change(const std::string& uri, int64_t version,
                                     const std::vector<TextChange>& changes,
                                     PositionEncoding encoding);
  /// Forgets `uri`; false when it was not open.
  bool close(const std::string& uri);
  /// The open document `uri`, or null.
  const Document* find(const std::string& uri) const;
  /// The open document `uri`, or the error "unknown document '<uri>'".
  vm::Result<const Document*> get(const std::string& uri) const;
  /// The open document whose path is `path` (absolute), or null.
  const Document* find_by_path(const std::string& path) const;
  /// Every open document, by URI.
  const std::map<std::string, Document>& all() const { return documents_; }

 private:
  std::map<std::string, Document> documents_;
};

}  // namespace tenet::lsp

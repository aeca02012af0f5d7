// The open documents (document_store.hpp).
#include "tenet/lsp/document_store.hpp"

#include <algorithm>
#include <filesystem>

#include "tenet/lsp/uri.hpp"

namespace tenet::lsp {

vm::Result<const Document*> DocumentStore::open(const std::string& uri, int64_t version,
                                                std::string text) {
  const auto path = path_of_uri(uri);
  if (!path) return vm::Error{"'" + uri + "' is not a file: URI"};
  Document& d = documents_[uri];
  d = Document{uri, std::filesystem::path(*path).lexically_normal().string(), version,
               std::move(text)};
  return &d;
}

vm::Result<const Document*> DocumentStore::change(const std::string& uri, int64_t version,
                                                  const std::vector<TextChange>& changes,
                                                  PositionEncoding encoding) {
  const auto it = documents_.find(uri);
  if (it == documents_.end()) return vm::Error{"unknown document '" + uri + "'"};
  Document& d = it->second;
  for (const TextChange& c : changes) {
    if (!c.range) {
      d.text = c.text;
      continue;
    }
    const LineIndex lines(d.text);
    const size_t begin = lines.offset_of(c.range->start, encoding);
    const size_t end = std::max(begin, lines.offset_of(c.range->end, encoding));
    d.text.replace(begin, end - begin, c.text);
  }
  d.version = version;
  return &d;
}

bool DocumentStore::close(const std::string& uri) {
  return documents_.erase(uri) > 0;
}

const Document* DocumentStore::find(const std::string& uri) const {
  const auto it = documents_.find(uri);
  return it == documents_.end() ? nullptr : &it->second;
}

vm::Result<const Document*> DocumentStore::get(const std::string& uri) const {
  const Document* d = find(uri);
  if (d == nullptr) return vm::Error{"unknown document '" + uri + "'"};
  return d;
}

const Document* DocumentStore::find_by_path(const std::string& path) const {
  for (const auto& [uri, d] : documents_)
    if (d.path == path) return &d;
  return nullptr;
}

}  // namespace tenet::lsp

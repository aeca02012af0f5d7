// The source index's requests by position: symbol at, definition, references, outline, hover.

#include "tenet/compiler/source_index.hpp"

#include <algorithm>

#include "tenet/compiler/types.hpp"

namespace tenet::compiler {

std::string_view symbol_kind_name(SymbolKind kind) {
  switch (kind) {
    case SymbolKind::contract:
      return "contract";
    case SymbolKind::test_contract:
      return "test contract";
    case SymbolKind::component:
      return "component";
    case SymbolKind::interface:
      return "interface";
    case SymbolKind::struct_type:
      return "struct";
    case SymbolKind::enum_type:
      return "enum";
    case SymbolKind::enum_variant:
      return "enum variant";
    case SymbolKind::event:
      return "event";
    case SymbolKind::error:
      return "error";
    case SymbolKind::function:
      return "function";
    case SymbolKind::field:
      return "field";
    case SymbolKind::constant:
      return "constant";
    case SymbolKind::local:
      return "local";
    case SymbolKind::parameter:
      return "parameter";
  }
  return "symbol";
}

const SourceIndex::Occurrence* SourceIndex::occurrence_at(FileId file, uint32_t offset) const {
  auto it = occurrences_.find(file);
  if (it == occurrences_.end()) return nullptr;
  const Occurrence* after_word = nullptr;
  for (const Occurrence& o : it->second) {
    if (o.begin > offset) break;
    if (offset < o.end) return &o;
    if (offset == o.end) after_word = &o;
  }
  return after_word;
}

std::optional<size_t> SourceIndex::symbol_at(FileId file, uint32_t offset) const {
  const Occurrence* o = occurrence_at(file, offset);
  if (o == nullptr) return std::nullopt;
  return o->symbol;
}

std::optional<SourceRange> SourceIndex::definition(FileId file, uint32_t offset) const {
  std::optional<size_t> s = symbol_at(file, offset);
  if (!s) return std::nullopt;
  return symbols_[*s].name_range;
}

std::vector<SourceRange> SourceIndex::references(size_t symbol, bool include_declaration) const {
  std::vector<SourceRange> out;
  if (symbol >= symbols_.size()) return out;
  out = uses_[symbol];
  if (include_declaration) out.push_back(symbols_[symbol].name_range);
  std::sort(out.begin(), out.end(), [](const SourceRange& a, const SourceRange& b) {
    return a.file != b.file ? a.file < b.file : a.begin.offset < b.begin.offset;
  });
  return out;
}

std::vector<size_t> SourceIndex::outline(FileId file) const {
  std::vector<size_t> out;
  for (size_t i = 0; i < symbols_.size(); ++i) {
    if (!symbols_[i].parent && symbols_[i].name_range.file == file) out.push_back(i);
  }
  return out;
}

std::vector<size_t> SourceIndex::children(size_t symbol) const {
  std::vector<size_t> out;
  for (size_t i = 0; i < symbols_.size(); ++i) {
    if (symbols_[i].parent == symbol) out.push_back(i);
  }
  std::sort(out.begin(), out.end(), [&](size_t a, size_t b) {
    return symbols_[a].name_range.begin.offset < symbols_[b].name_range.begin.offset;
  });
  return out;
}

std::optional<size_t> SourceIndex::enclosing(FileId file, uint32_t offset,
                                             bool (*accept)(SymbolKind)) const {
  std::optional<size_t> best;
  for (size_t i = 0; i < symbols_.size(); ++i) {
    const Symbol& s = symbols_[i];
    if (s.full_range.file != file || !accept(s.kind)) continue;
    if (s.full_range.begin.offset > offset || offset > s.full_range.end.offset) continue;
    if (!best || s.full_range.begin.offset >= symbols_[*best].full_range.begin.offset) best = i;
  }
  return best;
}

std::optional<SourceIndex::Hover> SourceIndex::hover(FileId file, uint32_t offset) const {
  if (const Occurrence* o = occurrence_at(file, offset)) {
    const Symbol& s = symbols_[o->symbol];
    Hover h;
    h.signature = s.detail;
    h.type = s.type;
    h.doc = s.doc;
    h.selector = s.selector;
    if (s.kind == SymbolKind::function) {
      FunctionRef ref;
      ref.function = s.name;
      if (s.parent) ref.contract = symbols_[*s.parent].name;
      h.function = std::move(ref);
    }
    const SourceBuffer& buffer = sources_->file(file);
    h.range = SourceRange{file, buffer.position_of(o->begin), buffer.position_of(o->end)};
    return h;
  }
  auto it = typed_.find(file);
  if (it == typed_.end()) return std::nullopt;
  const Typed* best = nullptr;
  for (const Typed& t : it->second) {
    if (t.range.begin.offset > offset || offset >= t.range.end.offset) continue;
    if (t.type->kind() == TypeKind::invalid || t.type->kind() == TypeKind::unit) continue;
    const uint32_t size = t.range.end.offset - t.range.begin.offset;
    if (best == nullptr || size <= best->range.end.offset - best->range.begin.offset) best = &t;
  }
  if (best == nullptr) return std::nullopt;
  Hover h;
  h.type = display_name(*best->type);
  h.range = best->range;
  return h;
}

}  // namespace tenet::compiler

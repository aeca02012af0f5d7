// Completion: the context from the text before the cursor, the candidates from the index.

#include <algorithm>
#include <cctype>

#include "tenet/compiler/builtins.hpp"
#include "tenet/compiler/parser.hpp"
#include "tenet/compiler/source_index.hpp"
#include "tenet/compiler/types.hpp"
#include "tenet/vm/cheats.hpp"

namespace tenet::compiler {
namespace {

bool is_ident_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

bool is_contract_kind(SymbolKind k) {
  return k == SymbolKind::contract || k == SymbolKind::test_contract ||
         k == SymbolKind::component || k == SymbolKind::interface;
}

bool is_function_kind(SymbolKind k) {
  return k == SymbolKind::function;
}

// The dotted chain of names just before `end` in `text` (`self.a.b` before `.`): the
// names, outermost first; empty when something else (a call, an index) comes first.
std::vector<std::string> receiver_chain(std::string_view text, size_t end) {
  std::vector<std::string> out;
  size_t i = end;
  while (true) {
    size_t j = i;
    while (j > 0 && is_ident_char(text[j - 1])) --j;
    if (j == i) return {};
    out.insert(out.begin(), std::string(text.substr(j, i - j)));
    if (j == 0 || text[j - 1] != '.') break;
    i = j - 1;
  }
  return out;
}

}  // namespace

std::optional<size_t> SourceIndex::find_top(FileId file, std::string_view name) const {
  for (const auto& [label, i] : visible_top(file)) {
    if (label == name) return i;
  }
  return std::nullopt;
}

std::vector<std::pair<std::string, size_t>> SourceIndex::visible_top(FileId file) const {
  std::vector<std::pair<std::string, size_t>> out;
  for (size_t i : outline(file)) out.emplace_back(symbols_[i].name, i);
  const ModuleInfo* module = nullptr;
  for (const ModuleInfo& m : program_->modules) {
    if (m.file == file) module = &m;
  }
  if (module == nullptr || module->ast == nullptr) return out;
  const auto& imports = module->ast->imports;
  for (size_t k = 0; k < imports.size() && k < module->imports.size(); ++k) {
    const FileId target = module->imports[k];
    if (target == kNoFile) continue;
    const ast::ImportDecl& d = imports[k];
    if (!d.selective) {
      for (size_t i : outline(target)) out.emplace_back(symbols_[i].name, i);
      continue;
    }
    for (size_t n = 0; n < d.names.size(); ++n) {
      const ast::Identifier& name = d.names[n];
      const bool alias = n < d.aliases.size() && !d.aliases[n].name.empty();
      if (std::optional<size_t> s = symbol_at(file, name.range.begin.offset))
        out.emplace_back(alias ? d.aliases[n].name : name.name, *s);
    }
  }
  return out;
}

std::optional<size_t> SourceIndex::find_local_before(FileId file, uint32_t offset,
                                                     std::string_view name) const {
  std::optional<size_t> function = enclosing(file, offset, is_function_kind);
  std::optional<size_t> best;
  for (size_t i = 0; i < symbols_.size(); ++i) {
    const Symbol& s = symbols_[i];
    if (s.name != name || s.name_range.file != file || s.name_range.begin.offset > offset) continue;
    if (s.kind != SymbolKind::local && s.kind != SymbolKind::parameter) continue;
    if (function && s.parent != function) continue;
    if (!best || s.name_range.begin.offset > symbols_[*best].name_range.begin.offset) best = i;
  }
  return best;
}

const Type* SourceIndex::receiver_type(FileId file, uint32_t offset,
                                       std::string_view receiver) const {
  std::vector<std::string> chain;
  size_t start = 0;
  for (size_t i = 0; i <= receiver.size(); ++i) {
    if (i == receiver.size() || receiver[i] == '.') {
      chain.emplace_back(receiver.substr(start, i - start));
      start = i + 1;
    }
  }
  const Type* t = nullptr;
  if (chain.size() >= 2 && is_builtin_object(chain.front())) {  // `msg.sender.`
    if (std::optional<Builtin> b = find_builtin(BuiltinForm::field, chain[0] + "." + chain[1])) {
      t = program_->types->primitive(builtin_info(*b).type);
    }
    chain.erase(chain.begin());
  } else if (chain.front() == "self") {
    std::optional<size_t> c = enclosing(file, offset, is_contract_kind);
    if (c) t = symbols_[*c].value_type;
  } else if (std::optional<size_t> l = find_local_before(file, offset, chain.front())) {
    t = symbols_[*l].value_type;
  } else if (std::optional<size_t> top = find_top(file, chain.front())) {
    if (symbols_[*top].kind == SymbolKind::constant) t = symbols_[*top].value_type;
  }
  for (size_t i = 1; i < chain.size() && t != nullptr; ++i) {
    if (t->kind() == TypeKind::struct_type) {
      const StructInfo& s = *t->struct_info();
      const int at = s.field_index(chain[i]);
      t = at >= 0 ? s.fields[static_cast<size_t>(at)].type : nullptr;
    } else if (t->kind() == TypeKind::contract && i == 1 && chain.front() == "self") {
      const FieldInfo* f = t->contract_info()->find_field(chain[i]);
      t = f != nullptr ? f->type : nullptr;
    } else {
      t = nullptr;
    }
  }
  return t;
}

void SourceIndex::add_member_completions(const Type* type, bool through_self,
                                         std::vector<Completion>& out) const {
  switch (type->kind()) {
    case TypeKind::struct_type:
      for (const ParamInfo& f : type->struct_info()->fields) {
        out.push_back(
            {f.name, SymbolKind::field, f.name + ": " + (f.type ? display_name(*f.type) : ""), ""});
      }
      return;
    case TypeKind::contract: {
      const ContractInfo& c = *type->contract_info();
      auto function = [&](const FunctionInfo& f) {
        std::string detail = std::string(f.is_pub ? "pub " : "") + "fn " + f.name + "(";
        for (size_t i = 0; i < f.params.size(); ++i) {
          detail += (i ? ", " : "") + f.params[i].name + (f.params[i].name.empty() ? "" : ": ") +
                    (f.params[i].type ? display_name(*f.params[i].type) : "");
        }
        detail += ")";
        if (f.results.size() == 1 && f.results[0] != nullptr)
          detail += " -> " + display_name(*f.results[0]);
        out.push_back({f.name, SymbolKind::function, detail, f.declaration().doc});
      };
      if (through_self) {
        for (const FieldInfo& f : c.fields) {
          out.push_back({f.name, SymbolKind::field,
                         f.name + ": " + (f.type ? display_name(*f.type) : ""),
                         f.declaration().doc});
        }
        for (const FunctionInfo& f : c.functions) function(f);
        auto constant = [&](const ConstInfo& k) {
          out.push_back({k.name, SymbolKind::constant,
                         "const " + k.name + ": " + (k.type ? display_name(*k.type) : ""), k.doc});
        };
        for (const ConstInfo& k : c.consts) constant(k);
        for (const ContractInfo* u : c.components)
          for (const ConstInfo& k : u->consts) constant(k);
        return;
      }
      for (const FunctionInfo& f : c.functions) {
        if (f.is_pub) function(f);
      }
      for (const FunctionInfo& g : c.getters) function(g);
      return;
    }
    default:
      break;
  }
  for (const BuiltinInfo& b : builtins()) {
    const bool address =
        type->kind() == TypeKind::address &&
        (b.form == BuiltinForm::address_field || b.form == BuiltinForm::address_method);
    const bool sequence =
        (type->is_array() || type->kind() == TypeKind::string || type->kind() == TypeKind::bytes) &&
        b.form == BuiltinForm::sequence_method;
    if (!address && !sequence) continue;
    const bool field = b.form == BuiltinForm::address_field;
    out.push_back({std::string(b.name), field ? SymbolKind::field : SymbolKind::function,
                   std::string(b.type), std::string(b.doc)});
  }
}

std::vector<SourceIndex::Completion> SourceIndex::complete(FileId file, uint32_t offset,
                                                           std::string_view text) const {
  std::vector<Completion> out;
  const size_t cursor = std::min<size_t>(offset, text.size());
  size_t word = cursor;
  while (word > 0 && is_ident_char(text[word - 1])) --word;
  const std::string prefix(text.substr(word, cursor - word));
  // The index was built from an earlier text: positions before the cursor have moved by
  // at most the length of the edit, so "the enclosing declaration" uses the word's start.
  const auto at = static_cast<uint32_t>(word);
  std::optional<size_t> contract = enclosing(file, at, is_contract_kind);
  const bool in_test = contract && symbols_[*contract].kind == SymbolKind::test_contract;

  if (word > 0 && text[word - 1] == '.') {
    std::vector<std::string> chain = receiver_chain(text, word - 1);
    if (chain.size() == 1 && chain[0] == "vm") {
      if (in_test) {
        for (const vm::CheatInfo& c : vm::kCheats) {
          if (c.internal()) continue;
          out.push_back({std::string(c.name.substr(3)), SymbolKind::function,
                         std::string(c.name) + std::string(c.signature), std::string(c.semantics)});
        }
      }
    } else if (chain.size() == 1 && is_builtin_object(chain[0])) {
      for (const BuiltinInfo& b : builtins()) {
        if (!b.name.starts_with(chain[0] + ".")) continue;
        out.push_back({std::string(b.name.substr(chain[0].size() + 1)),
                       b.form == BuiltinForm::field ? SymbolKind::field : SymbolKind::function,
                       std::string(b.type), std::string(b.doc)});
      }
    } else if (!chain.empty()) {
      std::string receiver;
      for (const std::string& n : chain) receiver += (receiver.empty() ? "" : ".") + n;
      if (const Type* t = receiver_type(file, at, receiver)) {
        add_member_completions(t, chain.size() == 1 && chain[0] == "self", out);
      }
    }
  } else if (word >= 2 && text[word - 1] == ':' && text[word - 2] == ':') {
    std::vector<std::string> chain = receiver_chain(text, word - 2);
    if (chain.size() == 1) {
      if (std::optional<size_t> e = find_top(file, chain[0]);
          e && symbols_[*e].kind == SymbolKind::enum_type) {
        for (size_t v : children(*e)) {
          out.push_back({symbols_[v].name, SymbolKind::enum_variant, symbols_[v].detail, ""});
        }
      }
    }
  } else {
    // Inside `import { … }`: the names the imported file declares.
    const size_t import_at = text.rfind("import", word);
    const size_t brace =
        import_at == std::string_view::npos ? std::string_view::npos : text.find('{', import_at);
    const size_t closing =
        brace == std::string_view::npos ? std::string_view::npos : text.find('}', brace);
    if (brace != std::string_view::npos && brace < word &&
        (closing == std::string_view::npos || closing >= word) &&
        text.substr(import_at, brace - import_at).find(';') == std::string_view::npos) {
      const size_t quote = text.find('"', word);
      const size_t quote_end = quote == std::string_view::npos ? quote : text.find('"', quote + 1);
      if (quote_end != std::string_view::npos) {
        const std::string path(text.substr(quote + 1, quote_end - quote - 1));
        for (const ModuleInfo& m : program_->modules) {
          if (m.file != file || m.ast == nullptr) continue;
          for (size_t k = 0; k < m.ast->imports.size() && k < m.imports.size(); ++k) {
            if (m.ast->imports[k].path != path || m.imports[k] == kNoFile) continue;
            for (size_t s : outline(m.imports[k])) {
              out.push_back(
                  {symbols_[s].name, symbols_[s].kind, symbols_[s].detail, symbols_[s].doc});
            }
          }
        }
      }
    } else {
      if (std::optional<size_t> function = enclosing(file, at, is_function_kind)) {
        for (size_t s : children(*function)) {
          const Symbol& l = symbols_[s];
          if ((l.kind == SymbolKind::local || l.kind == SymbolKind::parameter) &&
              l.name_range.begin.offset < at) {
            out.push_back({l.name, l.kind, l.detail, ""});
          }
        }
      }
      for (const auto& [label, s] : visible_top(file)) {
        out.push_back({label, symbols_[s].kind, symbols_[s].detail, symbols_[s].doc});
      }
      if (contract) {  // contract constants are written without `self.`
        for (size_t s : children(*contract)) {
          if (symbols_[s].kind == SymbolKind::constant)
            out.push_back(
                {symbols_[s].name, SymbolKind::constant, symbols_[s].detail, symbols_[s].doc});
        }
      }
      for (const BuiltinInfo& b : builtins()) {
        if (b.form == BuiltinForm::function || (in_test && b.form == BuiltinForm::test_function))
          out.push_back(
              {std::string(b.name), SymbolKind::function, std::string(b.type), std::string(b.doc)});
      }
      for (std::string_view k : keywords()) {
        out.push_back({std::string(k), SymbolKind::local, "keyword", ""});
      }
    }
  }
  std::erase_if(out, [&](const Completion& c) { return !c.label.starts_with(prefix); });
  std::stable_sort(out.begin(), out.end(),
                   [](const Completion& a, const Completion& b) { return a.label < b.label; });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Completion& a, const Completion& b) {
                          return a.label == b.label && a.kind == b.kind;
                        }),
            out.end());
  return out;
}

}  // namespace tenet::compiler

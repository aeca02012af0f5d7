// Loading the files of a program, imports and the top-level scope of each file.

#include <algorithm>

#include "sema_checker.hpp"
#include "tenet/compiler/parser.hpp"

namespace tenet::compiler::sema {
namespace {

const char* symbol_kind_name(Symbol::Kind k) {
  switch (k) {
    case Symbol::Kind::constant:
      return "constant";
    case Symbol::Kind::structure:
      return "struct";
    case Symbol::Kind::enumeration:
      return "enum";
    case Symbol::Kind::event:
      return "event";
    case Symbol::Kind::error:
      return "error";
    case Symbol::Kind::contract:
      return "contract";
    case Symbol::Kind::function:
      return "function";
  }
  return "item";
}

}  // namespace

Checker::Module& Checker::module_of(FileId file) {
  return modules_.at(module_by_file_.at(file));
}

void Checker::load_modules(FileId entry) {
  load_module(file_key(sources_.file(entry).name()), entry);
}

int Checker::load_module(const std::string& path, FileId file) {
  const size_t index = prog_.modules.size();
  ModuleInfo& info = prog_.modules.emplace_back();
  info.file = file;
  info.path = path;
  info.ast = parse_file(sources_, file, parse_diags_, ParseOptions{keep_partial_});
  modules_.emplace_back();
  modules_.back().index = index;
  module_by_file_[file] = index;
  module_by_path_[path] = index;
  if (info.ast == nullptr) return static_cast<int>(index);

  loading_.push_back(path);
  const ast::SourceFile& file_ast = *prog_.modules[index].ast;
  std::vector<int> targets;
  for (const ast::ImportDecl& d : file_ast.imports) {
    std::string shown;
    std::optional<std::string> resolved = resolve_import_path(prog_.modules[index], d, shown);
    if (!resolved) {
      targets.push_back(-1);
      continue;
    }
    const std::string key = file_key(*resolved);
    auto on_stack = std::find(loading_.begin(), loading_.end(), key);
    if (on_stack != loading_.end()) {
      std::string chain;
      for (auto it = on_stack; it != loading_.end(); ++it) {
        chain += sources_.file(prog_.modules[module_by_path_.at(*it)].file).name() + " -> ";
      }
      chain += shown;
      diags_.error(d.path_range, "import cycle: " + chain +
                                     " (move the shared items into a file both can import)");
      targets.push_back(static_cast<int>(module_by_path_.at(key)));
      continue;
    }
    auto loaded = module_by_path_.find(key);
    if (loaded != module_by_path_.end()) {
      targets.push_back(static_cast<int>(loaded->second));
      continue;
    }
    std::string error;
    std::optional<FileId> id = sources_.load_file(shown, error);
    if (!id) {
      diags_.error(d.path_range,
                   "cannot find the imported file '" + d.path + "' (looked for '" + shown + "')");
      targets.push_back(-1);
      continue;
    }
    targets.push_back(load_module(key, *id));
  }
  loading_.pop_back();
  for (int t : targets) {
    prog_.modules[index].imports.push_back(t < 0 ? kNoFile
                                                 : prog_.modules[static_cast<size_t>(t)].file);
  }
  modules_[index].import_targets = std::move(targets);
  return static_cast<int>(index);
}

std::optional<std::string> Checker::resolve_import_path(const ModuleInfo& from,
                                                        const ast::ImportDecl& d,
                                                        std::string& shown) {
  std::filesystem::path p(d.path);
  if (d.path.rfind("std/", 0) == 0) {
    shown = (stdlib_dir_ / p).lexically_normal().string();
    return shown;
  }
  if (p.is_absolute()) {
    diags_.error(d.path_range,
                 "import paths are relative to the importing file ('./', '../') or 'std/'; "
                 "an absolute path is not allowed");
    return std::nullopt;
  }
  if (d.path.rfind("./", 0) != 0 && d.path.rfind("../", 0) != 0) {
    diags_.error(d.path_range,
                 "import paths start with './', '../' or 'std/': write \"./" + d.path + "\"");
    return std::nullopt;
  }
  std::filesystem::path base = std::filesystem::path(sources_.file(from.file).name()).parent_path();
  shown = (base / p).lexically_normal().string();
  return shown;
}

bool Checker::add_symbol(Module& m, const std::string& name, const Symbol& s) {
  auto [it, inserted] = m.scope.emplace(name, s);
  if (inserted || it->second.info == s.info) return true;
  return false;
}

void Checker::bind_imports(size_t module_index) {
  Module& m = modules_[module_index];
  const ModuleInfo& info = prog_.modules[module_index];
  if (info.ast == nullptr) return;
  const auto& imports = info.ast->imports;
  for (size_t i = 0; i < imports.size() && i < m.import_targets.size(); ++i) {
    int target = m.import_targets[i];
    if (target < 0 || prog_.modules[static_cast<size_t>(target)].ast == nullptr) continue;
    const ast::ImportDecl& d = imports[i];
    const Module& t = modules_[static_cast<size_t>(target)];
    auto bind = [&](const std::string& name, const Symbol& s, const SourceRange& at) {
      if (add_symbol(m, name, s)) return;
      const Symbol& other = m.scope.at(name);
      diags_.error(at, "'" + name + "' imported from '" + d.path + "' clashes with another " +
                           symbol_kind_name(other.kind) + " '" + name +
                           "' already in scope (rename one of them, or import selectively)");
      diags_.note(other.range, "the other '" + name + "' is declared here");
    };
    if (!d.selective) {
      for (const Symbol& s : t.own) {
        bind(s.name, s, d.range);
      }
      continue;
    }
    for (size_t k = 0; k < d.names.size(); ++k) {
      const ast::Identifier& id = d.names[k];
      // (1.1) `{ A as B }`: B is a local name only; the item keeps its declared name.
      const ast::Identifier& local =
          k < d.aliases.size() && !d.aliases[k].name.empty() ? d.aliases[k] : id;
      const Symbol* found = nullptr;
      std::vector<std::string> names;
      for (const Symbol& s : t.own) {
        if (s.name == id.name) found = &s;
        names.push_back(s.name);
      }
      if (found == nullptr) {
        diags_.error(id.range, "'" + id.name + "' is not declared in '" + d.path + "'" +
                                   suggest(id.name, names));
        continue;
      }
      if (&local != &id &&
          (types_.primitive(local.name) != nullptr || is_builtin_object(local.name))) {
        diags_.error(local.range, "'" + local.name +
                                      "' is a built-in name and cannot name an imported item; "
                                      "choose another name after 'as'");
        continue;
      }
      record_use(id.range, found->range);
      if (&local != &id) record_use(local.range, found->range);
      bind(local.name, *found, local.range);
    }
  }
}

std::string Checker::imported_as(const std::string& name, Symbol::Kind kind,
                                 const std::vector<std::string>& candidates) const {
  std::string alias;  // the first in name order, so the message does not depend on hashing
  auto mi = module_by_file_.find(ctx_.module);
  if (mi != module_by_file_.end()) {
    for (const auto& [local, sym] : modules_[mi->second].scope) {
      if (sym.kind == kind && sym.name == name && local != name && (alias.empty() || local < alias))
        alias = local;
    }
  }
  if (!alias.empty()) return "; it is imported as '" + alias + "' in this file";
  return suggest(name, candidates);
}

const Symbol* Checker::lookup_top(FileId module, const std::string& name) const {
  auto mi = module_by_file_.find(module);
  if (mi == module_by_file_.end()) return nullptr;
  const Module& m = modules_[mi->second];
  auto it = m.scope.find(name);
  return it == m.scope.end() ? nullptr : &it->second;
}

}  // namespace tenet::compiler::sema

// Locals and their scopes, name suggestions, and the effect rules of view functions,
// free functions and constants.

#include <algorithm>

#include "sema_checker.hpp"

namespace tenet::compiler::sema {
namespace {

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t subst = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

void Checker::push_scope() {
  ctx_.scope_starts.push_back(ctx_.locals.size());
}

void Checker::pop_scope() {
  const size_t start = ctx_.scope_starts.back();
  ctx_.scope_starts.pop_back();
  for (size_t i = start; i < ctx_.locals.size(); ++i) {
    const Local& l = ctx_.locals[i];
    if (!l.used && !l.is_param && !l.name.empty() && l.name[0] != '_') {
      diags_.warning(l.range, std::string(l.is_counter ? "loop counter '" : "local '") + l.name +
                                  "' is never used" +
                                  (l.is_counter ? "; write 'for _ in ...'"
                                                : "; remove it or name it '_" + l.name + "'"));
    }
  }
  ctx_.locals.resize(start);
}

int Checker::find_local(const std::string& name) const {
  for (size_t i = ctx_.locals.size(); i-- > 0;) {
    if (ctx_.locals[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

void Checker::declare_local(const ast::Identifier& id, const Type* type, bool is_mut, bool is_param,
                            bool is_counter) {
  if (id.name == "_") return;
  int previous = find_local(id.name);
  if (previous >= 0) {
    const Local& p = ctx_.locals[static_cast<size_t>(previous)];
    diags_.error(id.range, "'" + id.name + "' is already declared as a " +
                               (p.is_param ? "parameter" : "local") +
                               " in this scope; locals cannot be shadowed: choose another name");
    diags_.note(p.range, "'" + id.name + "' is declared here");
    return;
  }
  Local l;
  l.name = id.name;
  l.type = type;
  l.is_mut = is_mut;
  l.is_param = is_param;
  l.is_counter = is_counter;
  l.range = id.range;
  ctx_.locals.push_back(std::move(l));
  prog_.locals.push_back(
      LocalInfo{id.name, type, is_mut, is_param, id.range, ctx_.contract, ctx_.function});
}

void Checker::record_use(const SourceRange& use, const SourceRange& declaration) {
  if (use.valid() && declaration.valid()) prog_.name_uses.push_back(NameUse{use, declaration});
}

const SourceRange& Checker::declaration_of(const FunctionInfo& f) {
  if (f.getter_of != nullptr) return f.getter_of->declaration().range;
  return f.declaration().range;
}

const ConstInfo* Checker::find_contract_const(const std::string& name) const {
  if (ctx_.contract == nullptr) return nullptr;
  for (const ConstInfo& c : ctx_.contract->consts) {
    if (c.name == name) return &c;
  }
  for (const ContractInfo* k : ctx_.contract->components) {  // (1.1) included components
    for (const ConstInfo& c : k->consts)
      if (c.name == name) return &c;
  }
  return nullptr;
}

std::vector<std::string> Checker::visible_names() const {
  std::vector<std::string> out;
  for (const Local& l : ctx_.locals) out.push_back(l.name);
  if (ctx_.contract != nullptr) {
    for (const ConstInfo& c : ctx_.contract->consts) out.push_back(c.name);
    for (const ContractInfo* k : ctx_.contract->components)
      for (const ConstInfo& c : k->consts) out.push_back(c.name);
  }
  auto mi = module_by_file_.find(ctx_.module);
  if (mi != module_by_file_.end()) {
    for (const auto& [name, sym] : modules_[mi->second].scope) out.push_back(name);
  }
  return out;
}

std::string Checker::suggest(const std::string& name,
                             const std::vector<std::string>& candidates) const {
  const size_t limit = std::max<size_t>(1, name.size() / 3);
  std::string best;
  size_t best_distance = limit + 1;
  for (const std::string& c : candidates) {
    if (c == name || c.empty()) continue;
    size_t d = edit_distance(name, c);
    if (d >= name.size()) continue;
    if (d < best_distance || (d == best_distance && c < best)) {
      best = c;
      best_distance = d;
    }
  }
  return best.empty() ? "" : "; did you mean '" + best + "'?";
}

std::string Checker::suggest_member(const std::string& name, bool functions) const {
  std::vector<std::string> names;
  if (functions) {
    for (const FunctionInfo& f : ctx_.contract->functions) names.push_back(f.name);
  } else {
    for (const FieldInfo& f : ctx_.contract->fields) names.push_back(f.name);
  }
  std::string hint = suggest(name, names);
  if (hint.empty()) return hint;
  // "; did you mean 'x'?" -> "; did you mean 'self.x'?"
  return hint.insert(hint.find('\'') + 1, "self.");
}

void Checker::report_unknown_name(const std::string& name, const SourceRange& range) {
  std::vector<std::string> names = visible_names();
  for (const BuiltinInfo& b : builtins()) {  // msg, tx, block, abi and the functions
    if (b.form == BuiltinForm::function) names.emplace_back(b.name);
    if (const size_t dot = b.name.find('.'); dot != std::string_view::npos)
      names.emplace_back(b.name.substr(0, dot));
  }
  if (name == "this") {
    diags_.error(range,
                 "unknown name 'this'; Tenet writes 'self' (address(self) is this "
                 "contract's address)");
    return;
  }
  if (name == "now") {
    diags_.error(range, "unknown name 'now'; use block.timestamp");
    return;
  }
  std::string hint = suggest(name, names);
  if (hint.empty() && ctx_.contract != nullptr) hint = suggest_member(name, false);
  diags_.error(range, "unknown name '" + name + "'" + hint);
}

bool Checker::in_test_contract() const {
  return ctx_.contract != nullptr && ctx_.contract->kind == ContractInfo::Kind::test_contract;
}

void Checker::need_impure(const std::string& what, const SourceRange& range) {
  if (ctx_.body == Context::Body::free_function) {
    diags_.error(range, "free function '" + ctx_.name + "' is pure: it cannot " + what +
                            " (move it into a contract to do that)");
  } else if (ctx_.body == Context::Body::constant) {
    diags_.error(range, "the value of constant '" + ctx_.name +
                            "' must be a constant expression: it cannot " + what);
  } else if (ctx_.body == Context::Body::none) {
    diags_.error(range, "a type's length must be a constant: it cannot " + what);
  }
}

void Checker::note_state_change(const std::string& what, const SourceRange& range) {
  if (ctx_.body != Context::Body::method && ctx_.body != Context::Body::init) {
    need_impure(what, range);
    return;
  }
  if (ctx_.is_view) {
    diags_.error(range, "view function '" + ctx_.name + "' cannot " + what +
                            "; remove 'view' or this statement");
  }
}

void Checker::note_call(const FunctionInfo& callee, const SourceRange& range) {
  if (ctx_.is_view && !callee.is_view) {
    diags_.error(range, "view function '" + ctx_.name + "' cannot call '" + callee.name +
                            "', which is not view; mark '" + callee.name +
                            "' view or remove 'view' from '" + ctx_.name + "'");
  }
}

}  // namespace tenet::compiler::sema

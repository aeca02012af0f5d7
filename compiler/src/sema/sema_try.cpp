// `try` / `catch` (language.md §5, 1.1): the call it handles, the success bindings, the
// clauses (which revert data each takes, their bindings), and definite return.

#include "sema_checker.hpp"

namespace tenet::compiler::sema {
namespace {

/// The key two clauses for the same revert data share: the signature their selector
/// hashes ("Error(string)", "E(uint256)"); empty for a catch-all.
std::string clause_key(const CatchInfo& c) {
  switch (c.kind) {
    case CatchInfo::Kind::custom_error:
      return c.error != nullptr ? c.error->signature() : "";
    case CatchInfo::Kind::error_string:
      return "Error(string)";
    case CatchInfo::Kind::panic:
      return "Panic(uint256)";
    case CatchInfo::Kind::any:
      break;
  }
  return "";
}

/// How a clause is written, for messages: "catch E(…)", "catch (data)", "catch".
std::string clause_text(const ast::CatchClause& c) {
  if (c.error) return "catch " + c.error->name + "(...)";
  return c.bindings.empty() ? "catch" : "catch (" + c.bindings[0].name + ")";
}

}  // namespace

std::optional<std::vector<const Type*>> Checker::try_call_results(const ast::Expr& call) {
  const Type* t = check(call);
  if (t->kind() == TypeKind::invalid) return std::nullopt;
  if (std::holds_alternative<ast::NewContractExpr>(call.kind)) return std::vector<const Type*>{t};
  auto r = prog_.resolutions.find(&call);
  if (std::holds_alternative<ast::CallExpr>(call.kind) && r != prog_.resolutions.end()) {
    if (r->second.kind == Resolution::Kind::external_call) return r->second.function->results;
    if (r->second.kind == Resolution::Kind::internal_call ||
        r->second.kind == Resolution::Kind::free_call) {
      diags_.error(call.range,
                   "'try' handles the failure of an external call, but this is an internal "
                   "call: its failure reverts this contract's call and cannot be caught");
      return std::nullopt;
    }
    if (r->second.kind == Resolution::Kind::builtin &&
        (r->second.builtin == Builtin::call || r->second.builtin == Builtin::static_call)) {
      diags_.error(call.range, "'" + r->second.name +
                                   "' never reverts, so there is nothing to catch: test the "
                                   "bool it returns: let (ok, data) = a." +
                                   r->second.name + "(...);");
      return std::nullopt;
    }
  }
  diags_.error(call.range,
               "'try' needs an external call (c.f(...), I(a).f(...)) or a creation (new "
               "C(...)); this expression is neither");
  return std::nullopt;
}

void Checker::declare_try_bindings(const ast::TryStmt& t, const std::vector<const Type*>& results) {
  const bool counts_match = t.results.size() == results.size();
  if (!t.results.empty() && !counts_match) {
    diags_.error(t.results.front().name.range,
                 "the call returns " + std::to_string(results.size()) + " value" +
                     (results.size() == 1 ? "" : "s") + ", but 'try' binds " +
                     std::to_string(t.results.size()) + "; bind one name per result" +
                     (results.empty() ? " (none: remove '-> (...)')" : ""));
  }
  for (size_t i = 0; i < t.results.size(); ++i) {
    const ast::TryBinding& b = t.results[i];
    const Type* rt = counts_match ? results[i] : types_.invalid();
    if (b.type != nullptr) {
      const Type* written = resolve_type(*b.type);
      if (counts_match && written->kind() != TypeKind::invalid && written != rt) {
        diags_.error(b.type->range, "result " + std::to_string(i + 1) + " of the call has type " +
                                        display_name(*rt) + ", but '" + b.name.name +
                                        "' is declared as " + display_name(*written) +
                                        "; the types must be equal");
      }
    }
    declare_local(b.name, rt, b.is_mut, false, false);
  }
}

CatchInfo Checker::check_catch(const ast::CatchClause& clause) {
  CatchInfo info;
  if (!clause.error) {
    if (!clause.bindings.empty())
      declare_local(clause.bindings[0], types_.bytes(), false, false, false);
    return info;
  }
  const ast::Identifier& name = *clause.error;
  std::vector<const Type*> params;
  std::vector<std::string> param_names;
  if (name.name == "Error" || name.name == "Panic") {
    const bool is_error = name.name == "Error";
    info.kind = is_error ? CatchInfo::Kind::error_string : CatchInfo::Kind::panic;
    params.push_back(is_error ? types_.string() : types_.u256());
    param_names.push_back(is_error ? "message" : "code");
  } else {
    const ErrorInfo* e = lookup_error(name, "catch");
    if (e == nullptr) {
      for (const ast::Identifier& b : clause.bindings)
        declare_local(b, types_.invalid(), false, false, false);
      info.kind = CatchInfo::Kind::custom_error;
      return info;
    }
    info.kind = CatchInfo::Kind::custom_error;
    info.error = e;
    for (const ParamInfo& p : e->params) {
      params.push_back(p.type);
      param_names.push_back(p.name);
    }
  }
  info.decoded = params;
  const bool counts_match = clause.bindings.size() == params.size();
  if (!clause.bindings.empty() && !counts_match) {
    std::string list;
    for (size_t i = 0; i < param_names.size(); ++i) list += (i == 0 ? "" : ", ") + param_names[i];
    diags_.error(clause.bindings.front().range,
                 "'" + name.name + "' carries " + std::to_string(params.size()) + " value" +
                     (params.size() == 1 ? "" : "s") + ", but the clause binds " +
                     std::to_string(clause.bindings.size()) + "; write 'catch " + name.name + "(" +
                     list + ")' or 'catch " + name.name + "()'");
  }
  for (size_t i = 0; i < clause.bindings.size(); ++i) {
    declare_local(clause.bindings[i], counts_match ? params[i] : types_.invalid(), false, false,
                  false);
  }
  return info;
}

Flow Checker::check_try(const ast::TryStmt& t) {
  TryInfo info;
  std::optional<std::vector<const Type*>> results = try_call_results(*t.call);
  if (results) info.results = *results;
  push_scope();
  if (results) {
    declare_try_bindings(t, *results);
  } else {
    for (const ast::TryBinding& b : t.results) {
      if (b.type != nullptr) resolve_type(*b.type);
      declare_local(b.name, types_.invalid(), b.is_mut, false, false);
    }
  }
  Flow flow = check_block(t.body);
  pop_scope();
  bool all_return = flow == Flow::returns;
  bool none_falls = flow != Flow::falls_through;
  std::unordered_map<std::string, const ast::CatchClause*> seen;
  for (size_t i = 0; i < t.clauses.size(); ++i) {
    const ast::CatchClause& clause = t.clauses[i];
    push_scope();
    CatchInfo c = check_catch(clause);
    Flow f = check_block(clause.body);
    pop_scope();
    all_return = all_return && f == Flow::returns;
    none_falls = none_falls && f != Flow::falls_through;
    if (c.kind == CatchInfo::Kind::any && i + 1 < t.clauses.size()) {
      diags_.error(clause.range, "'" + clause_text(clause) +
                                     "' catches everything, so it must be the last clause: "
                                     "the clauses after it could never run");
    }
    const std::string key = clause_key(c);
    if (!key.empty()) {
      auto [it, inserted] = seen.emplace(key, &clause);
      if (!inserted) {
        diags_.error(clause.error->range, "'" + clause.error->name +
                                              "' is caught twice; only the first clause for it "
                                              "could run: remove this one");
        diags_.note(it->second->range, "the first clause for '" + clause.error->name + "'");
      }
    }
    info.clauses.push_back(std::move(c));
  }
  prog_.tries[&t] = std::move(info);
  // A failure no clause takes bubbles (leaves the function), so a catch-all is not needed.
  if (all_return) return Flow::returns;
  if (none_falls) return Flow::jumps;
  return Flow::falls_through;
}

}  // namespace tenet::compiler::sema

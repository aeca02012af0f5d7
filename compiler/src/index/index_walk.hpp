#pragma once
// Internal: visits every expression of a file's AST (for the types the index shows).

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_INTERNAL_HEADER(index, index_walk.hpp)

#include <type_traits>
#include <variant>

#include "tenet/compiler/ast.hpp"

namespace tenet::compiler::index_detail {

/// Calls `f(expr)` for every expression of `file` (outer before inner).
template <class F>
class ExprWalker {
 public:
  explicit ExprWalker(F& f) : f_(f) {}

  void file(const ast::SourceFile& file) {
    for (const ast::Item& item : file.items) {
      std::visit([&](const auto& d) { decl(d); }, item.kind);
    }
  }

 private:
  void decl(const ast::ConstDecl& d) { expr(d.value); }
  void decl(const ast::StructDecl&) {}
  void decl(const ast::EnumDecl&) {}
  void decl(const ast::EventDecl&) {}
  void decl(const ast::ErrorDecl&) {}
  void decl(const ast::InterfaceDecl&) {}
  void decl(const ast::FunctionDecl& d) {
    if (d.body) block(*d.body);
  }
  void decl(const ast::ContractDecl& d) {
    for (const ast::ContractMember& m : d.members) {
      std::visit(
          [&](const auto& k) {
            using K = std::decay_t<decltype(k)>;
            if constexpr (std::is_same_v<K, ast::InitDecl>) {
              block(k.body);
            } else if constexpr (!std::is_same_v<K, ast::FieldDecl>) {
              decl(k);
            }
          },
          m.kind);
    }
  }

  void block(const ast::Block& b) {
    for (const ast::StmtPtr& s : b.statements) stmt(s);
  }

  void exprs(const std::vector<ast::ExprPtr>& list) {
    for (const ast::ExprPtr& e : list) expr(e);
  }

  void stmt(const ast::StmtPtr& s) {
    if (s == nullptr) return;
    std::visit(
        [&](const auto& k) {
          using K = std::decay_t<decltype(k)>;
          if constexpr (std::is_same_v<K, ast::LetStmt> || std::is_same_v<K, ast::LetTupleStmt>) {
            expr(k.init);
          } else if constexpr (std::is_same_v<K, ast::AssignStmt>) {
            expr(k.target);
            expr(k.value);
          } else if constexpr (std::is_same_v<K, ast::ExprStmt>) {
            expr(k.expr);
          } else if constexpr (std::is_same_v<K, ast::IfStmt>) {
            expr(k.condition);
            block(k.then_block);
            stmt(k.else_branch);
          } else if constexpr (std::is_same_v<K, ast::BlockStmt>) {
            block(k.block);
          } else if constexpr (std::is_same_v<K, ast::WhileStmt>) {
            expr(k.condition);
            block(k.body);
          } else if constexpr (std::is_same_v<K, ast::ForStmt>) {
            expr(k.start);
            expr(k.end);
            block(k.body);
          } else if constexpr (std::is_same_v<K, ast::ReturnStmt>) {
            expr(k.value);
          } else if constexpr (std::is_same_v<K, ast::EmitStmt>) {
            exprs(k.args);
          } else if constexpr (std::is_same_v<K, ast::RequireStmt>) {
            expr(k.condition);
            expr(k.reason);
          } else if constexpr (std::is_same_v<K, ast::RevertStmt>) {
            expr(k.message);
            exprs(k.args);
          } else if constexpr (std::is_same_v<K, ast::AssertStmt>) {
            expr(k.condition);
          } else if constexpr (std::is_same_v<K, ast::TryStmt>) {
            expr(k.call);
            block(k.body);
            for (const ast::CatchClause& c : k.clauses) block(c.body);
          } else if constexpr (std::is_same_v<K, ast::DeleteStmt>) {
            expr(k.place);
          }
        },
        s->kind);
  }

  void expr(const ast::ExprPtr& e) {
    if (e == nullptr) return;
    f_(*e);
    std::visit(
        [&](const auto& k) {
          using K = std::decay_t<decltype(k)>;
          if constexpr (std::is_same_v<K, ast::StructLiteral>) {
            for (const ast::FieldInit& f : k.fields) expr(f.value);
          } else if constexpr (std::is_same_v<K, ast::ArrayLiteral> ||
                               std::is_same_v<K, ast::TupleExpr>) {
            exprs(k.elements);
          } else if constexpr (std::is_same_v<K, ast::UnaryExpr>) {
            expr(k.operand);
          } else if constexpr (std::is_same_v<K, ast::BinaryExpr>) {
            expr(k.lhs);
            expr(k.rhs);
          } else if constexpr (std::is_same_v<K, ast::ConditionalExpr>) {
            expr(k.condition);
            expr(k.then_value);
            expr(k.else_value);
          } else if constexpr (std::is_same_v<K, ast::CallExpr>) {
            expr(k.callee);
            for (const ast::FieldInit& o : k.options) expr(o.value);
            exprs(k.args);
          } else if constexpr (std::is_same_v<K, ast::MemberExpr>) {
            expr(k.object);
          } else if constexpr (std::is_same_v<K, ast::IndexExpr>) {
            expr(k.base);
            expr(k.index);
          } else if constexpr (std::is_same_v<K, ast::NewContractExpr>) {
            for (const ast::FieldInit& o : k.options) expr(o.value);
            exprs(k.args);
          } else if constexpr (std::is_same_v<K, ast::NewArrayExpr>) {
            exprs(k.args);
          }
        },
        e->kind);
  }

  F& f_;
};

/// Calls `f(expr)` for every expression of `file`.
template <class F>
void for_each_expr(const ast::SourceFile& file, F f) {
  ExprWalker<F>(f).file(file);
}

}  // namespace tenet::compiler::index_detail

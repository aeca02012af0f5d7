#include "ast_builder.hpp"

#include <stdexcept>
#include <string_view>

#include "tenet/vm/hex.hpp"
#include "tree/ErrorNode.h"

namespace tenet::compiler::detail {
namespace {

using P = tenet::parser::TenetParser;
using namespace tenet::compiler::ast;  // NOLINT: a .cpp file about the AST

// A parse tree without syntax errors has every child the grammar requires; this guards
// the builder against a tree that does not (reported as an internal error, or in a
// partial build, leaving out the enclosing import, item, member or statement).
template <class T>
T* need(T* p) {
  if (p == nullptr) throw std::logic_error("incomplete parse tree");
  return p;
}

// A rule that failed, or holds a token the parser made up or skipped while recovering
// (only in a tree with syntax errors).
void need_complete(antlr4::ParserRuleContext* ctx) {
  if (need(ctx)->exception != nullptr) throw std::logic_error("incomplete parse tree");
  for (antlr4::tree::ParseTree* child : ctx->children) {
    if (dynamic_cast<antlr4::tree::ErrorNode*>(child) != nullptr)
      throw std::logic_error("incomplete parse tree");
  }
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class Builder {
 public:
  Builder(antlr4::CommonTokenStream& tokens, const TokenLocator& locator,
          DiagnosticEngine& diagnostics, bool partial)
      : tokens_(tokens), loc_(locator), diags_(diagnostics), partial_(partial) {}

  std::unique_ptr<SourceFile> file(P::SourceFileContext* ctx) {
    auto out = std::make_unique<SourceFile>();
    out->file = loc_.file();
    for (auto* i : ctx->importDecl()) keep(out->imports, [&] { return import(i); });
    for (auto* i : ctx->item()) keep(out->items, [&] { return item(i); });
    return out;
  }

 private:
  // ---------------------------------------------------------------- helpers
  // Appends build() to `list`; in a partial build, leaves it out when its parse tree
  // is incomplete.
  template <class T, class Build>
  void keep(std::vector<T>& list, Build build) {
    if (!partial_) {
      list.push_back(build());
      return;
    }
    try {
      list.push_back(build());
    } catch (const std::exception&) {  // an incomplete tree: leave it out
    }
  }
  // In a partial build: `ctx` must be complete.
  void check(antlr4::ParserRuleContext* ctx) const {
    if (partial_) need_complete(ctx);
  }

  SourceRange range(antlr4::ParserRuleContext* ctx) const {
    antlr4::Token* stop = ctx->getStop();
    // A rule that failed at its first token ends before it starts (partial builds only).
    if (stop == nullptr || stop->getTokenIndex() < ctx->getStart()->getTokenIndex()) {
      return loc_.range(ctx->getStart(), ctx->getStart());
    }
    return loc_.range(ctx->getStart(), stop);
  }
  SourceRange range(antlr4::tree::TerminalNode* node) const {
    return loc_.range(node->getSymbol());
  }
  std::string text(antlr4::Token* t) const { return std::string(loc_.text(t)); }

  Identifier ident(P::IdentContext* ctx) {
    need(ctx);
    check(ctx);
    return Identifier{text(ctx->getStart()), range(ctx)};
  }

  std::string doc_before(antlr4::ParserRuleContext* ctx) {
    std::string doc;
    for (antlr4::Token* t : tokens_.getHiddenTokensToLeft(ctx->getStart()->getTokenIndex(), 2)) {
      std::string_view line = loc_.text(t);
      line.remove_prefix(std::min<size_t>(3, line.size()));
      if (!line.empty() && line.front() == ' ') line.remove_prefix(1);
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
      if (!doc.empty()) doc += '\n';
      doc += line;
    }
    return doc;
  }

  // Decodes a string literal token; reports bad escapes.
  std::string string_value(antlr4::Token* token) {
    std::string_view s = loc_.text(token);
    const SourceRange whole = loc_.range(token);
    std::string out;
    if (s.size() < 2) return out;
    s = s.substr(1, s.size() - 2);
    auto at = [&](size_t byte_index, size_t length) {
      // Strings are one line: columns advance with code points.
      SourceRange r = whole;
      uint32_t column = whole.begin.column + 1;
      for (size_t k = 0; k < byte_index; ++k) {
        if ((static_cast<unsigned char>(s[k]) & 0xC0) != 0x80) ++column;
      }
      r.begin.column = column;
      r.begin.offset = whole.begin.offset + 1 + static_cast<uint32_t>(byte_index);
      r.end = r.begin;
      r.end.column += static_cast<uint32_t>(length);
      r.end.offset += static_cast<uint32_t>(length);
      return r;
    };
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i + 1 >= s.size()) break;  // the lexer never ends a string on a backslash
      char e = s[i + 1];
      switch (e) {
        case 'n':
          out += '\n';
          ++i;
          continue;
        case 't':
          out += '\t';
          ++i;
          continue;
        case 'r':
          out += '\r';
          ++i;
          continue;
        case '\\':
          out += '\\';
          ++i;
          continue;
        case '"':
          out += '"';
          ++i;
          continue;
        case '0':
          out += '\0';
          ++i;
          continue;
        case 'x': {
          int hi = i + 2 < s.size() ? vm::hex_digit_value(s[i + 2]) : -1;
          int lo = i + 3 < s.size() ? vm::hex_digit_value(s[i + 3]) : -1;
          if (hi < 0 || lo < 0) {
            diags_.error(at(i, 2), "'\\x' must be followed by two hex digits");
            ++i;
            continue;
          }
          out += static_cast<char>(hi * 16 + lo);
          i += 3;
          continue;
        }
        case 'u': {
          size_t j = i + 2;
          uint32_t cp = 0;
          size_t digits = 0;
          bool ok = j < s.size() && s[j] == '{';
          if (ok) {
            for (++j; j < s.size() && s[j] != '}'; ++j, ++digits) {
              int v = vm::hex_digit_value(s[j]);
              if (v < 0 || digits >= 6) {
                ok = false;
                break;
              }
              cp = cp * 16 + static_cast<uint32_t>(v);
            }
            ok = ok && j < s.size() && digits > 0;
          }
          if (!ok) {
            diags_.error(at(i, 2),
                         "'\\u' must be followed by 1 to 6 hex digits in braces: '\\u{1F600}'");
            ++i;
            continue;
          }
          if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            diags_.error(at(i, j - i + 1), "'\\u{...}' is not a Unicode scalar value");
          } else {
            append_utf8(out, cp);
          }
          i = j;
          continue;
        }
        default: {
          size_t len = 1;
          while (i + 1 + len < s.size() &&
                 (static_cast<unsigned char>(s[i + 1 + len]) & 0xC0) == 0x80) {
            ++len;
          }
          diags_.error(at(i, 2), "unknown escape sequence '\\" + std::string(s.substr(i + 1, len)) +
                                     "' (use \\n \\t \\r \\\\ \\\" \\0 \\xNN or \\u{NNNN})");
          ++i;
          continue;
        }
      }
    }
    return out;
  }

  std::string hex_value_of(antlr4::Token* token) {
    std::string_view s = loc_.text(token);
    SourceRange r = loc_.range(token);
    std::string out;
    if (s.size() < 5) return out;
    std::string_view digits = s.substr(4, s.size() - 5);
    int pending = -1;
    size_t count = 0;
    for (char c : digits) {
      if (c == '_') continue;
      int v = vm::hex_digit_value(c);
      if (v < 0) {
        diags_.error(r, "invalid character in hex literal: only hex digits and '_' are allowed");
        return out;
      }
      ++count;
      if (pending < 0) {
        pending = v;
      } else {
        out += static_cast<char>(pending * 16 + v);
        pending = -1;
      }
    }
    if (count % 2 != 0) diags_.error(r, "hex literal has an odd number of digits");
    return out;
  }

  // ---------------------------------------------------------------- imports and items
  ImportDecl import(P::ImportDeclContext* ctx) {
    ImportDecl out;
    out.range = range(ctx);
    antlr4::tree::TerminalNode* path = nullptr;
    if (auto* plain = dynamic_cast<P::PlainImportContext*>(ctx)) {
      path = need(plain->STRING_LIT());
    } else if (auto* sel = dynamic_cast<P::SelectiveImportContext*>(ctx)) {
      path = need(sel->STRING_LIT());
      out.selective = true;
      for (auto* it : sel->importItem()) {
        auto ids = it->ident();
        out.names.push_back(ident(need(ids.empty() ? nullptr : ids[0])));
        out.aliases.push_back(ids.size() > 1 ? ident(ids[1]) : Identifier{});
      }
    } else {
      throw std::logic_error("unknown import form");
    }
    out.path = string_value(path->getSymbol());
    out.path_range = range(path);
    return out;
  }

  Item item(P::ItemContext* ctx) {
    check(ctx);
    Item out;
    out.range = range(ctx);
    out.doc = doc_before(ctx);
    if (auto* c = ctx->constDecl()) {
      out.kind = const_decl(c);
    } else if (auto* s = ctx->structDecl()) {
      StructDecl d;
      d.name = ident(s->ident());
      for (auto* f : s->structField()) {
        d.fields.push_back(Param{ident(f->ident()), type(f->typeExpr()), range(f)});
      }
      out.kind = std::move(d);
    } else if (auto* e = ctx->enumDecl()) {
      EnumDecl d;
      auto ids = e->ident();
      d.name = ident(need(ids.empty() ? nullptr : ids[0]));
      for (size_t i = 1; i < ids.size(); ++i) d.variants.push_back(ident(ids[i]));
      out.kind = std::move(d);
    } else if (auto* ev = ctx->eventDecl()) {
      EventDecl d;
      d.name = ident(ev->ident());
      for (auto* p : ev->eventParam()) {
        d.params.push_back(
            EventParam{ident(p->ident()), type(p->typeExpr()), p->INDEXED() != nullptr, range(p)});
      }
      out.kind = std::move(d);
    } else if (auto* er = ctx->errorDecl()) {
      ErrorDecl d;
      d.name = ident(er->ident());
      d.params = params(er->paramList());
      out.kind = std::move(d);
    } else if (auto* in = ctx->interfaceDecl()) {
      InterfaceDecl d;
      d.name = ident(in->ident());
      for (auto* f : in->functionDecl()) {
        std::vector<FunctionDecl> built;  // empty when left out of a partial build
        keep(built, [&] { return function(f, Owner::interface); });
        if (built.empty()) continue;
        d.function_docs.push_back(doc_before(f));
        d.functions.push_back(std::move(built.front()));
      }
      out.kind = std::move(d);
    } else if (auto* co = ctx->contractDecl()) {
      out.kind = contract(co);
    } else if (auto* cp = ctx->componentDecl()) {
      out.kind = component(cp);
    } else if (auto* fn = ctx->functionDecl()) {
      out.kind = function(fn, Owner::file);
    } else {
      throw std::logic_error("unknown item");
    }
    return out;
  }

  ConstDecl const_decl(P::ConstDeclContext* ctx) {
    return ConstDecl{ident(ctx->ident()), type(ctx->typeExpr()), expr(ctx->expr())};
  }

  std::vector<Param> params(P::ParamListContext* ctx) {
    std::vector<Param> out;
    if (ctx == nullptr) return out;
    for (auto* p : ctx->param())
      out.push_back(Param{ident(p->ident()), type(p->typeExpr()), range(p)});
    return out;
  }

  /// (1.1) `component C [uses …] { … }`: a ContractDecl marked as a component.
  ContractDecl component(P::ComponentDeclContext* ctx) {
    ContractDecl out;
    out.name = ident(ctx->ident());
    out.is_component = true;
    uses(ctx->usesClause(), out);
    members(ctx->contractMember(), out);
    return out;
  }

  void uses(P::UsesClauseContext* ctx, ContractDecl& out) {
    if (ctx == nullptr) return;
    for (auto* id : ctx->ident()) out.uses.push_back(ident(id));
  }

  ContractDecl contract(P::ContractDeclContext* ctx) {
    ContractDecl out;
    out.name = ident(ctx->ident());
    out.is_test = ctx->TEST() != nullptr;
    uses(ctx->usesClause(), out);
    members(ctx->contractMember(), out);
    return out;
  }

  void members(const std::vector<P::ContractMemberContext*>& list, ContractDecl& out) {
    for (auto* m : list) keep(out.members, [&] { return member(m); });
  }

  ContractMember member(P::ContractMemberContext* m) {
    check(m);
    ContractMember member;
    member.range = range(m);
    member.doc = doc_before(m);
    if (auto* f = m->fieldDecl()) {
      member.kind = FieldDecl{f->PUB() != nullptr, ident(f->ident()), type(f->typeExpr())};
    } else if (auto* c = m->constDecl()) {
      member.kind = const_decl(c);
    } else if (auto* i = m->initDecl()) {
      InitDecl d;
      for (auto* mod : i->fnModifier()) {
        if (mod->PAYABLE() != nullptr && !d.is_payable) {
          d.is_payable = true;
        } else if (mod->PAYABLE() != nullptr) {
          diags_.error(range(mod), "duplicate 'payable'");
        } else {
          diags_.error(range(mod), "'init' can only be marked 'payable'; remove '" +
                                       text(mod->getStart()) + "'");
        }
      }
      d.params = params(i->paramList());
      d.body = block(need(i->block()));
      member.kind = std::move(d);
    } else if (auto* fn = m->functionDecl()) {
      member.kind = function(fn, Owner::contract);
    } else {
      throw std::logic_error("unknown contract member");
    }
    return member;
  }

  enum class Owner { file, contract, interface };

  FunctionDecl function(P::FunctionDeclContext* ctx, Owner owner) {
    check(ctx);
    FunctionDecl out;
    out.name = ident(ctx->ident());
    // Header order: [pub] [view | payable] [reentrant] fn, or test fn / invariant fn.
    int last_rank = -1;
    std::string last_name;
    for (auto* mod : ctx->fnModifier()) {
      std::string name = text(mod->getStart());
      bool* flag = nullptr;
      int rank = 0;
      if (mod->PUB()) {
        flag = &out.is_pub;
        rank = 0;
      } else if (mod->VIEW()) {
        flag = &out.is_view;
        rank = 1;
      } else if (mod->PAYABLE()) {
        flag = &out.is_payable;
        rank = 1;
      } else if (mod->REENTRANT()) {
        flag = &out.is_reentrant;
        rank = 2;
      } else {
        rank = 3;
      }
      bool duplicate = false;
      if (flag != nullptr) {
        duplicate = *flag;
        *flag = true;
      } else {
        FunctionKind k = mod->TEST() ? FunctionKind::test : FunctionKind::invariant;
        if (out.kind == k) {
          duplicate = true;
        } else if (out.kind != FunctionKind::normal) {
          diags_.error(range(mod), "a function cannot be both 'test' and 'invariant'");
        }
        out.kind = k;
      }
      if (duplicate) {
        diags_.error(range(mod), "duplicate '" + name + "'");
      } else if (rank < last_rank) {
        diags_.error(range(mod), "'" + name + "' must come before '" + last_name +
                                     "' (the order is: pub, view or payable, reentrant, fn)");
      } else if (out.is_view && out.is_payable && (mod->VIEW() || mod->PAYABLE())) {
        diags_.error(range(mod), "a function cannot be both 'view' and 'payable'");
      }
      if (rank >= last_rank) {
        last_rank = rank;
        last_name = name;
      }
    }
    out.params = params(ctx->paramList());
    if (auto* r = ctx->resultType()) {
      if (auto* single = dynamic_cast<P::SingleResultContext*>(r)) {
        out.results.push_back(type(single->typeExpr()));
      } else if (auto* tuple = dynamic_cast<P::TupleResultContext*>(r)) {
        for (auto* t : tuple->typeExpr()) out.results.push_back(type(t));
        out.tuple_result = out.results.size() > 1;
      }
    }
    antlr4::Token* header_end = need(ctx->RPAREN())->getSymbol();
    if (ctx->resultType() != nullptr) header_end = ctx->resultType()->getStop();
    out.header_range = loc_.range(ctx->getStart(), header_end);
    if (auto* abi_name = ctx->STRING_LIT()) {  // 1.1: `as "abiName"`
      out.external_name = Identifier{string_value(abi_name->getSymbol()), range(abi_name)};
    }
    if (auto* b = ctx->block()) {
      if (owner == Owner::interface) {
        diags_.error(range(need(b->LBRACE())), "functions in an interface have no body; end '" +
                                                   out.name.name + "' with ';'");
      }
      out.body = block(b);
    } else if (owner != Owner::interface) {
      diags_.error(range(need(ctx->SEMI())),
                   "function '" + out.name.name + "' needs a body: '{ ... }' instead of ';'");
    }
    return out;
  }

  // ---------------------------------------------------------------- types
  TypePtr type(P::TypeExprContext* ctx) {
    need(ctx);
    check(ctx);
    auto out = std::make_unique<TypeExpr>();
    out->range = range(ctx);
    if (auto* n = dynamic_cast<P::NamedTypeContext*>(ctx)) {
      out->kind = NamedType{ident(n->ident())};
    } else if (auto* f = dynamic_cast<P::FixedArrayTypeContext*>(ctx)) {
      out->kind = ArrayType{type(f->typeExpr()), expr(f->expr())};
    } else if (auto* d = dynamic_cast<P::DynamicArrayTypeContext*>(ctx)) {
      out->kind = ArrayType{type(d->typeExpr()), nullptr};
    } else if (auto* m = dynamic_cast<P::MapTypeContext*>(ctx)) {
      out->kind = MapType{type(m->typeExpr(0)), type(m->typeExpr(1))};
    } else {
      throw std::logic_error("unknown type form");
    }
    return out;
  }

  // ---------------------------------------------------------------- statements
  Block block(P::BlockContext* ctx) {
    Block out;
    out.range = range(ctx);
    for (auto* s : ctx->statement()) keep(out.statements, [&] { return statement(s); });
    return out;
  }

  StmtPtr make_stmt(antlr4::ParserRuleContext* ctx) {
    auto s = std::make_unique<Stmt>();
    s->range = range(ctx);
    return s;
  }

  StmtPtr statement(P::StatementContext* ctx) {
    check(ctx);
    auto s = make_stmt(ctx);
    if (auto* l = ctx->letStmt()) {
      LetStmt d;
      d.is_mut = l->MUT() != nullptr;
      d.name = ident(l->ident());
      if (l->typeExpr() != nullptr) d.type = type(l->typeExpr());
      d.init = expr(l->expr());
      s->kind = std::move(d);
    } else if (auto* lt = ctx->letTupleStmt()) {
      LetTupleStmt d;
      for (auto* b : lt->letBinding())
        d.bindings.push_back(LetBinding{b->MUT() != nullptr, ident(b->ident())});
      d.init = expr(lt->expr());
      s->kind = std::move(d);
    } else if (auto* i = ctx->ifStmt()) {
      return if_stmt(i);
    } else if (auto* w = ctx->whileStmt()) {
      s->kind = WhileStmt{expr(w->expr()), block(need(w->block()))};
    } else if (auto* f = ctx->forStmt()) {
      ForStmt d;
      d.variable = ident(f->ident());
      d.start = expr(f->expr(0));
      d.end = expr(f->expr(1));
      d.inclusive = f->DOTDOTEQ() != nullptr;
      d.body = block(need(f->block()));
      s->kind = std::move(d);
    } else if (ctx->breakStmt() != nullptr) {
      s->kind = BreakStmt{};
    } else if (ctx->continueStmt() != nullptr) {
      s->kind = ContinueStmt{};
    } else if (auto* r = ctx->returnStmt()) {
      s->kind = ReturnStmt{r->expr() != nullptr ? expr(r->expr()) : nullptr};
    } else if (auto* e = ctx->emitStmt()) {
      s->kind = EmitStmt{ident(e->ident()), args(e->argList())};
    } else if (auto* rq = ctx->requireStmt()) {
      RequireStmt d;
      d.condition = expr(rq->expr(0));
      if (rq->expr().size() > 1) d.reason = expr(rq->expr(1));
      s->kind = std::move(d);
    } else if (auto* rv = ctx->revertStmt()) {
      RevertStmt d;
      if (auto* m = dynamic_cast<P::RevertMessageContext*>(rv)) {
        d.message = expr(m->expr());
      } else if (auto* er = dynamic_cast<P::RevertErrorContext*>(rv)) {
        d.error = ident(er->ident());
        d.args = args(er->argList());
      }
      s->kind = std::move(d);
    } else if (auto* a = ctx->assertStmt()) {
      s->kind = AssertStmt{expr(a->expr())};
    } else if (auto* t = ctx->tryStmt()) {
      s->kind = try_stmt(t);
    } else if (auto* del = ctx->deleteStmt()) {
      s->kind = DeleteStmt{expr(del->expr())};
    } else if (auto* es = ctx->exprStmt()) {
      auto exprs = es->expr();
      if (auto* op = es->assignOp()) {
        AssignStmt d;
        d.op = assign_op(op);
        d.op_range = range(op);
        d.target = expr(exprs.at(0));
        d.value = expr(exprs.at(1));
        s->kind = std::move(d);
      } else {
        s->kind = ExprStmt{expr(exprs.at(0))};
      }
    } else {
      throw std::logic_error("unknown statement");
    }
    return s;
  }

  TryStmt try_stmt(P::TryStmtContext* ctx) {
    TryStmt out;
    out.call = expr(ctx->expr());
    for (auto* b : ctx->tryBinding()) {
      TryBinding binding{b->MUT() != nullptr, ident(b->ident()), nullptr};
      if (b->typeExpr() != nullptr) binding.type = type(b->typeExpr());
      out.results.push_back(std::move(binding));
    }
    out.body = block(need(ctx->block()));
    for (auto* c : ctx->catchClause()) {
      CatchClause clause;
      clause.range = range(c);
      if (auto* e = dynamic_cast<P::CatchErrorContext*>(c)) {
        auto names = e->ident();
        clause.error = ident(names.at(0));
        for (size_t i = 1; i < names.size(); ++i) clause.bindings.push_back(ident(names[i]));
        clause.body = block(need(e->block()));
      } else if (auto* d = dynamic_cast<P::CatchDataContext*>(c)) {
        clause.bindings.push_back(ident(d->ident()));
        clause.body = block(need(d->block()));
      } else if (auto* all = dynamic_cast<P::CatchAllContext*>(c)) {
        clause.body = block(need(all->block()));
      }
      out.clauses.push_back(std::move(clause));
    }
    return out;
  }

  StmtPtr if_stmt(P::IfStmtContext* ctx) {
    auto s = make_stmt(ctx);
    IfStmt d;
    d.condition = expr(ctx->expr());
    auto blocks = ctx->block();
    d.then_block = block(need(blocks.empty() ? nullptr : blocks[0]));
    if (auto* elif = ctx->ifStmt()) {
      d.else_branch = if_stmt(elif);
    } else if (blocks.size() > 1) {
      auto e = make_stmt(blocks[1]);
      e->kind = BlockStmt{block(blocks[1])};
      d.else_branch = std::move(e);
    }
    s->kind = std::move(d);
    return s;
  }

  AssignOp assign_op(P::AssignOpContext* ctx) {
    switch (ctx->getStart()->getType()) {
      case P::ASSIGN:
        return AssignOp::assign;
      case P::PLUS_ASSIGN:
        return AssignOp::add;
      case P::MINUS_ASSIGN:
        return AssignOp::sub;
      case P::STAR_ASSIGN:
        return AssignOp::mul;
      case P::SLASH_ASSIGN:
        return AssignOp::div;
      case P::PERCENT_ASSIGN:
        return AssignOp::rem;
      case P::AMP_ASSIGN:
        return AssignOp::bit_and;
      case P::PIPE_ASSIGN:
        return AssignOp::bit_or;
      case P::CARET_ASSIGN:
        return AssignOp::bit_xor;
      case P::SHL_ASSIGN:
        return AssignOp::shl;
      case P::GT:
        check_adjacent(ctx->getStart(), ctx->getStop(), ">>=");
        return AssignOp::shr;
      default:
        throw std::logic_error("unknown assignment operator");
    }
  }

  void check_adjacent(antlr4::Token* a, antlr4::Token* b, const char* spelling) {
    if (a->getStopIndex() + 1 != b->getStartIndex()) {
      diags_.error(loc_.range(a, b), std::string("write '") + spelling + "' without spaces");
    }
  }

  std::vector<ExprPtr> args(P::ArgListContext* ctx) {
    std::vector<ExprPtr> out;
    if (ctx == nullptr) return out;
    for (auto* e : ctx->expr()) out.push_back(expr(e));
    return out;
  }

  std::vector<FieldInit> options(P::CallOptionsContext* ctx) {
    std::vector<FieldInit> out;
    if (ctx == nullptr) return out;
    for (auto* o : ctx->callOption())
      out.push_back(FieldInit{ident(o->ident()), expr(o->expr()), range(o)});
    return out;
  }

  // ---------------------------------------------------------------- expressions
  ExprPtr make_expr(antlr4::ParserRuleContext* ctx) {
    auto e = std::make_unique<Expr>();
    e->range = range(ctx);
    return e;
  }

  ExprPtr binary(P::ExprContext* ctx, BinaryOp op, antlr4::Token* op_first,
                 antlr4::Token* op_last) {
    auto e = make_expr(ctx);
    BinaryExpr b;
    b.op = op;
    b.op_range = loc_.range(op_first, op_last);
    b.lhs = expr(need(dynamic_cast<P::ExprContext*>(ctx->children.at(0))));
    b.rhs = expr(need(dynamic_cast<P::ExprContext*>(ctx->children.back())));
    e->kind = std::move(b);
    return e;
  }

  static antlr4::Token* op_token(P::ExprContext* ctx) {
    auto* t = dynamic_cast<antlr4::tree::TerminalNode*>(ctx->children.at(1));
    return need(t)->getSymbol();
  }

  ExprPtr expr(P::ExprContext* ctx) {
    need(ctx);
    check(ctx);
    if (auto* p = dynamic_cast<P::PrimaryExprContext*>(ctx)) return primary(need(p->primary()));
    if (auto* m = dynamic_cast<P::MemberExprContext*>(ctx)) {
      auto e = make_expr(ctx);
      e->kind = MemberExpr{expr(m->expr()), ident(m->ident())};
      return e;
    }
    if (auto* i = dynamic_cast<P::IndexExprContext*>(ctx)) {
      auto e = make_expr(ctx);
      e->kind = IndexExpr{expr(i->expr(0)), expr(i->expr(1))};
      return e;
    }
    if (auto* c = dynamic_cast<P::CallExprContext*>(ctx)) {
      auto e = make_expr(ctx);
      e->kind = CallExpr{expr(c->expr()), options(c->callOptions()), args(c->argList())};
      return e;
    }
    if (auto* u = dynamic_cast<P::UnaryExprContext*>(ctx)) {
      auto e = make_expr(ctx);
      UnaryOp op = need(u->op)->getType() == P::NOT ? UnaryOp::logical_not
                   : u->op->getType() == P::MINUS   ? UnaryOp::negate
                                                    : UnaryOp::bit_not;
      e->kind = UnaryExpr{op, expr(u->expr())};
      return e;
    }
    if (auto* c = dynamic_cast<P::ConditionalExprContext*>(ctx)) {
      auto e = make_expr(ctx);
      e->kind = ConditionalExpr{expr(c->expr(0)), expr(c->expr(1)), expr(c->expr(2))};
      return e;
    }
    if (auto* s = dynamic_cast<P::ShiftExprContext*>(ctx)) {
      if (s->shl != nullptr) return binary(ctx, BinaryOp::shl, s->shl, s->shl);
      check_adjacent(need(s->shr1), need(s->shr2), ">>");
      return binary(ctx, BinaryOp::shr, s->shr1, s->shr2);
    }
    antlr4::Token* t = op_token(ctx);
    BinaryOp op;
    switch (t->getType()) {
      case P::POW:
        op = BinaryOp::pow;
        break;
      case P::STAR:
        op = BinaryOp::mul;
        break;
      case P::SLASH:
        op = BinaryOp::div;
        break;
      case P::PERCENT:
        op = BinaryOp::rem;
        break;
      case P::STAR_WRAP:
        op = BinaryOp::mul_wrap;
        break;
      case P::PLUS:
        op = BinaryOp::add;
        break;
      case P::MINUS:
        op = BinaryOp::sub;
        break;
      case P::PLUS_WRAP:
        op = BinaryOp::add_wrap;
        break;
      case P::MINUS_WRAP:
        op = BinaryOp::sub_wrap;
        break;
      case P::AMP:
        op = BinaryOp::bit_and;
        break;
      case P::CARET:
        op = BinaryOp::bit_xor;
        break;
      case P::PIPE:
        op = BinaryOp::bit_or;
        break;
      case P::LT:
        op = BinaryOp::lt;
        break;
      case P::LE:
        op = BinaryOp::le;
        break;
      case P::GT:
        op = BinaryOp::gt;
        break;
      case P::GE:
        op = BinaryOp::ge;
        break;
      case P::EQ:
        op = BinaryOp::eq;
        break;
      case P::NE:
        op = BinaryOp::ne;
        break;
      case P::ANDAND:
        op = BinaryOp::logical_and;
        break;
      case P::OROR:
        op = BinaryOp::logical_or;
        break;
      default:
        throw std::logic_error("unknown binary operator");
    }
    return binary(ctx, op, t, t);
  }

  ExprPtr primary(P::PrimaryContext* ctx) {
    if (auto* p = dynamic_cast<P::ParenExprContext*>(ctx)) return expr(p->expr());
    auto e = make_expr(ctx);
    if (auto* i = dynamic_cast<P::IntLiteralContext*>(ctx)) {
      e->kind = IntegerLiteral{text(need(i->INT_LIT())->getSymbol())};
    } else if (auto* s = dynamic_cast<P::StringLiteralContext*>(ctx)) {
      antlr4::Token* t = need(s->STRING_LIT())->getSymbol();
      e->kind = StringLiteral{text(t), string_value(t)};
    } else if (auto* h = dynamic_cast<P::HexLiteralContext*>(ctx)) {
      antlr4::Token* t = need(h->HEX_LIT())->getSymbol();
      e->kind = HexLiteral{text(t), hex_value_of(t)};
    } else if (auto* b = dynamic_cast<P::BoolLiteralContext*>(ctx)) {
      e->kind = BoolLiteral{b->TRUE() != nullptr};
    } else if (dynamic_cast<P::SelfExprContext*>(ctx)) {
      e->kind = SelfExpr{};
    } else if (auto* ep = dynamic_cast<P::EnumPathContext*>(ctx)) {
      e->kind = EnumPath{ident(ep->ident(0)), ident(ep->ident(1))};
    } else if (auto* sl = dynamic_cast<P::StructLiteralContext*>(ctx)) {
      StructLiteral d;
      d.name = ident(sl->ident());
      for (auto* f : sl->fieldInit())
        d.fields.push_back(FieldInit{ident(f->ident()), expr(f->expr()), range(f)});
      e->kind = std::move(d);
    } else if (auto* n = dynamic_cast<P::NameExprContext*>(ctx)) {
      e->kind = NameExpr{text(need(n->ident())->getStart())};
    } else if (auto* t = dynamic_cast<P::TupleExprContext*>(ctx)) {
      TupleExpr d;
      for (auto* x : t->expr()) d.elements.push_back(expr(x));
      e->kind = std::move(d);
    } else if (auto* a = dynamic_cast<P::ArrayLiteralContext*>(ctx)) {
      ArrayLiteral d;
      for (auto* x : a->expr()) d.elements.push_back(expr(x));
      e->kind = std::move(d);
    } else if (auto* at = dynamic_cast<P::ArrayTypeExprContext*>(ctx)) {
      auto written = std::make_unique<TypeExpr>();
      written->range = range(at);
      written->kind = ArrayType{type(at->typeExpr()), expr(at->expr())};
      e->kind = ArrayTypeExpr{std::move(written)};
    } else if (auto* nc = dynamic_cast<P::NewContractContext*>(ctx)) {
      e->kind =
          NewContractExpr{ident(nc->ident()), options(nc->callOptions()), args(nc->argList())};
    } else if (auto* na = dynamic_cast<P::NewArrayContext*>(ctx)) {
      e->kind = NewArrayExpr{type(na->typeExpr()), args(na->argList())};
    } else {
      throw std::logic_error("unknown primary expression");
    }
    return e;
  }

  antlr4::CommonTokenStream& tokens_;
  const TokenLocator& loc_;
  DiagnosticEngine& diags_;
  bool partial_;
};

}  // namespace

std::unique_ptr<ast::SourceFile> build_ast(tenet::parser::TenetParser::SourceFileContext* tree,
                                           antlr4::CommonTokenStream& tokens,
                                           const TokenLocator& locator,
                                           DiagnosticEngine& diagnostics, bool partial) {
  return Builder(tokens, locator, diagnostics, partial).file(tree);
}

}  // namespace tenet::compiler::detail

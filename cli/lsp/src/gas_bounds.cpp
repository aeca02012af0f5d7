// Gas bounds of a document's entry points (gas_bounds.hpp).
#include "tenet/lsp/gas_bounds.hpp"

#include <algorithm>
#include <variant>

#include "tenet/compiler/artifact.hpp"
#include "tenet/compiler/ast.hpp"
#include "tenet/compiler/compile.hpp"
#include "tenet/vm/crypto.hpp"

namespace tenet::lsp {
namespace {

namespace ast = compiler::ast;

const char* cause_text(compiler::UnboundedCause cause) {
  switch (cause) {
    case compiler::UnboundedCause::loop:
      return "loop";
    case compiler::UnboundedCause::recursion:
      return "recursion";
    case compiler::UnboundedCause::external_call:
      return "external call";
    case compiler::UnboundedCause::cheat_code:
      return "cheat code";
    case compiler::UnboundedCause::memory:
      return "memory not bounded";
    case compiler::UnboundedCause::too_large:
      return "code too large to analyse";
    case compiler::UnboundedCause::too_much_gas:
      return "bound above 2^62 gas";
    case compiler::UnboundedCause::none:
      break;
  }
  return "no bound proven";
}

/// The line-table row with a source line for code offset `at`: the row covering it, or the
/// nearest row before it in the same function with a line; null when there is none.
const compiler::LineEntry* line_of(const compiler::CodegenResult& code, uint32_t at) {
  std::optional<uint32_t> function_start;
  for (const vm::FunctionInfo& f : code.container.functions)
    if (f.code_offset <= at && at < f.code_offset + f.code_size) function_start = f.code_offset;
  if (!function_start) return nullptr;
  auto it = std::upper_bound(
      code.lines.begin(), code.lines.end(), at,
      [](uint32_t offset, const compiler::LineEntry& e) { return offset < e.code_offset; });
  while (it != code.lines.begin()) {
    --it;
    if (it->code_offset < *function_start) break;
    if (it->line != 0) return &*it;
  }
  return nullptr;
}

void add_loops(const ast::Block& block, std::vector<LineSpan>& out);

void add_loops(const ast::Stmt& stmt, std::vector<LineSpan>& out) {
  if (const auto* w = std::get_if<ast::WhileStmt>(&stmt.kind)) {
    out.push_back({stmt.range.begin.line, stmt.range.end.line});
    add_loops(w->body, out);
  } else if (const auto* f = std::get_if<ast::ForStmt>(&stmt.kind)) {
    out.push_back({stmt.range.begin.line, stmt.range.end.line});
    add_loops(f->body, out);
  } else if (const auto* i = std::get_if<ast::IfStmt>(&stmt.kind)) {
    add_loops(i->then_block, out);
    if (i->else_branch) add_loops(*i->else_branch, out);
  } else if (const auto* b = std::get_if<ast::BlockStmt>(&stmt.kind)) {
    add_loops(b->block, out);
  } else if (const auto* t = std::get_if<ast::TryStmt>(&stmt.kind)) {
    add_loops(t->body, out);
    for (const ast::CatchClause& c : t->clauses) add_loops(c.body, out);
  }
}

void add_loops(const ast::Block& block, std::vector<LineSpan>& out) {
  for (const ast::StmtPtr& s : block.statements)
    if (s) add_loops(*s, out);
}

/// The first line of the innermost loop of `loops` holding `line`, or `line`.
uint32_t loop_line(const std::vector<LineSpan>& loops, uint32_t line) {
  uint32_t best = 0;
  for (const LineSpan& l : loops)
    if (l.first <= line && line <= l.last) best = std::max(best, l.first);
  return best != 0 ? best : line;
}

/// The name of the entry point `f` in named_gas_estimates.
std::string entry_name(const compiler::FunctionInfo& f) {
  return f.is_receive ? std::string("receive") : f.signature();
}

}  // namespace

std::string with_thousands(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::vector<LineSpan> loop_spans(const CheckedDocument& checked) {
  std::vector<LineSpan> out;
  const auto add_function = [&](const compiler::FunctionInfo& f) {
    if (f.file == checked.file && f.origin == nullptr && f.decl != nullptr && f.decl->body)
      add_loops(*f.decl->body, out);
  };
  for (const compiler::FunctionInfo& f : checked.program->free_functions) add_function(f);
  for (const auto* contracts : {&checked.program->contracts, &checked.program->components})
    for (const compiler::ContractInfo& c : *contracts) {
      if (c.file != checked.file) continue;
      for (const compiler::FunctionInfo& f : c.functions) add_function(f);
      if (c.init && c.init->decl != nullptr) add_loops(c.init->decl->body, out);
    }
  return out;
}

std::string describe_gas(const compiler::GasBound& bound, const compiler::CodegenResult& code,
                         const std::string& document_path, const std::vector<LineSpan>& loops) {
  if (bound.gas) return "≤ " + with_thousands(*bound.gas) + " gas";
  std::string text = std::string("unbounded: ") + cause_text(bound.cause);
  if (!bound.at) return text;
  const compiler::LineEntry* row = line_of(code, *bound.at);
  if (row == nullptr) return text;
  const std::string& file = row->file < code.files.size() ? code.files[row->file] : document_path;
  if (compiler::file_key(file) == compiler::file_key(document_path)) {
    const uint32_t line =
        bound.cause == compiler::UnboundedCause::loop ? loop_line(loops, row->line) : row->line;
    return text + " at line " + std::to_string(line);
  }
  return text + " at " + std::filesystem::path(file).filename().string() + ":" +
         std::to_string(row->line);
}

DocumentGas document_gas(const CheckedDocument& checked, compiler::OptLevel level) {
  DocumentGas out;
  const std::string& path = checked.sources.file(checked.file).name();
  const std::vector<LineSpan> loops = loop_spans(checked);
  for (const compiler::ContractInfo& c : checked.program->contracts) {
    if (c.file != checked.file || c.kind != compiler::ContractInfo::Kind::contract) continue;
    compiler::CompileOptions options;
    options.level = level;
    auto compiled = compiler::compile_contract(*checked.program, checked.sources, c, options);
    if (!compiled) {
      out.errors.push_back(compiled.error().message);
      continue;
    }
    auto estimates =
        compiler::contract_gas_estimates(*checked.program, c, compiled->code.container);
    if (!estimates) {
      out.errors.push_back(estimates.error().message);
      continue;
    }
    for (const compiler::NamedGas& g : *estimates)
      out.functions.push_back({c.name, g.name, describe_gas(g.bound, compiled->code, path, loops)});
  }
  return out;
}

std::vector<GasSite> gas_sites(const CheckedDocument& checked) {
  std::vector<GasSite> out;
  for (const compiler::ContractInfo& c : checked.program->contracts) {
    if (c.file != checked.file || c.kind != compiler::ContractInfo::Kind::contract) continue;
    if (c.init) {
      // The member's range starts at `payable` when it is written: the name is `init`.
      const compiler::SourceBuffer& buffer = checked.sources.file(checked.file);
      const size_t at = buffer.text().find("init", c.init->range.begin.offset);
      if (at != std::string_view::npos && at < c.init->range.end.offset) {
        const compiler::SourceRange name{checked.file,
                                         buffer.position_of(static_cast<uint32_t>(at)),
                                         buffer.position_of(static_cast<uint32_t>(at + 4))};
        out.push_back({&c, "init", "constructor", name, std::nullopt});
      }
    }
    for (const compiler::FunctionInfo& f : c.functions) {
      if (f.origin != nullptr || f.file != checked.file || !(f.is_pub || f.is_receive)) continue;
      std::optional<std::array<uint8_t, 4>> selector;
      if (!f.is_receive) selector = vm::selector_of(f.signature());
      out.push_back({&c, f.name, entry_name(f), f.range, selector});
    }
  }
  std::sort(out.begin(), out.end(), [](const GasSite& a, const GasSite& b) {
    return a.name.begin.offset < b.name.begin.offset;
  });
  return out;
}

const GasSite* find_site(const std::vector<GasSite>& sites, const std::string& contract,
                         const std::string& function) {
  for (const GasSite& s : sites)
    if (s.contract->name == contract && s.function == function) return &s;
  return nullptr;
}

const FunctionGas* find_gas(const std::vector<FunctionGas>& gas, const GasSite& site) {
  for (const FunctionGas& g : gas)
    if (g.contract == site.contract->name && g.entry == site.entry) return &g;
  return nullptr;
}

}  // namespace tenet::lsp

// check_program: the order of the semantic passes.

#include "tenet/compiler/sema.hpp"

#include <exception>
#include <unordered_set>

#include "sema_checker.hpp"

namespace tenet::compiler {
namespace sema {

void Checker::run(FileId entry) {
  prog_.entry = entry;
  load_modules(entry);
  for (size_t i = 0; i < modules_.size(); ++i) declare_items(i);
  for (size_t i = 0; i < modules_.size(); ++i) bind_imports(i);
  resolve_signatures();
  check_bodies();
  for (const auto& [expr, value] : values_) prog_.constants.emplace(expr, to_constant_value(value));
}

namespace {

// CheckOptions::tolerate_syntax_errors: passes on the semantic diagnostics of `found`
// except those located in a file that parsed partially (and the notes following them).
void forward_semantic_diagnostics(const CheckedProgram& program, const DiagnosticEngine& found,
                                  DiagnosticEngine& diagnostics) {
  std::unordered_set<FileId> partial;
  for (const ModuleInfo& m : program.modules) {
    if (m.ast != nullptr && m.ast->partial) partial.insert(m.file);
  }
  bool dropped = false;
  for (const Diagnostic& d : found.diagnostics()) {
    if (d.severity != Severity::note) dropped = partial.contains(d.range.file);
    if (!dropped) diagnostics.report(d);
  }
}

}  // namespace

}  // namespace sema

std::unique_ptr<CheckedProgram> check_program(SourceManager& sources, FileId entry,
                                              const std::filesystem::path& stdlib_dir,
                                              DiagnosticEngine& diagnostics,
                                              const CheckOptions& options) {
  auto program = std::make_unique<CheckedProgram>();
  DiagnosticEngine semantic;  // tolerate_syntax_errors: filtered into `diagnostics` after
  DiagnosticEngine& sema_diagnostics = options.tolerate_syntax_errors ? semantic : diagnostics;
  try {
    sema::Checker checker(sources, stdlib_dir, sema_diagnostics, *program, &diagnostics,
                          options.tolerate_syntax_errors);
    checker.run(entry);
  } catch (const std::exception& e) {
    sema_diagnostics.error(
        SourceRange{}, std::string("internal compiler error in semantic analysis: ") + e.what());
  }
  if (options.tolerate_syntax_errors) {
    sema::forward_semantic_diagnostics(*program, semantic, diagnostics);
  }
  return program;
}

}  // namespace tenet::compiler

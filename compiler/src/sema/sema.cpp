// check_program: the order of the semantic passes.

#include "tenet/compiler/sema.hpp"

#include <exception>

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

}  // namespace sema

std::unique_ptr<CheckedProgram> check_program(SourceManager& sources, FileId entry,
                                              const std::filesystem::path& stdlib_dir,
                                              DiagnosticEngine& diagnostics) {
  auto program = std::make_unique<CheckedProgram>();
  try {
    sema::Checker checker(sources, stdlib_dir, diagnostics, *program);
    checker.run(entry);
  } catch (const std::exception& e) {
    diagnostics.error(SourceRange{},
                      std::string("internal compiler error in semantic analysis: ") + e.what());
  }
  return program;
}

}  // namespace tenet::compiler

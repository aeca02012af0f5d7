// LOCAL ONLY (never committed): placeholders until helper locator's land, to link tenet.
#include "tenet/runner/render.hpp"
#include "tenet/runner/source_locator.hpp"
#include "tenet/vm/hex.hpp"
namespace tenet::runner {
std::vector<std::string> render_logs(const std::vector<std::vector<uint8_t>>& payloads) {
  std::vector<std::string> out;
  for (const auto& p : payloads) out.push_back(vm::hex_encode(p));
  return out;
}
std::vector<std::string> render_trace(const CallTrace& trace, const ArtifactRegistry&,
                                      const std::map<vm::Address, std::string>&, bool) {
  return {std::to_string(trace.nodes.size()) + " nodes"};
}
LocatedFailure locate_failure(const TestSuite&, const ArtifactRegistry&,
                              const std::vector<ReplayCall>&, const ExecutorOptions&,
                              const std::filesystem::path&) {
  return {};
}
}  // namespace tenet::runner

/// \file
/// Deployment container checks (container_check.hpp).

#include "tenet/node/service/container_check.hpp"

#include <string>

#include "tenet/vm/container.hpp"
#include "tenet/vm/validator.hpp"

namespace tenet::node {
namespace {

/// "container: truncated …" → "framing: truncated …".
std::string framing_detail(const std::string& message) {
  constexpr std::string_view kPrefix = "container: ";
  std::string_view rest = message;
  if (rest.substr(0, kPrefix.size()) == kPrefix) rest.remove_prefix(kPrefix.size());
  return "framing: " + std::string(rest);
}

/// Checks one container (and its children, recursively); `where` prefixes the detail.
Result<bool, Refusal> check_container_tree(ByteView bytes, bool whole, const std::string& where) {
  auto parsed = vm::parse_container(bytes, vm::ContainerLimits::kMaxContainerSize);
  if (!parsed.ok()) {
    return Refusal{RefusalKind::InvalidContainer, where + framing_detail(parsed.error().message)};
  }
  if (whole && parsed->size != bytes.size()) {
    return Refusal{RefusalKind::InvalidContainer,
                   where + "framing: " + std::to_string(bytes.size() - parsed->size) +
                       " bytes after the container"};
  }
  auto valid = vm::validate(parsed->container, vm::ValidationOptions{.allow_cheats = false});
  if (!valid.ok()) {
    const vm::ValidationError& e = valid.error();
    return Refusal{RefusalKind::InvalidContainer,
                   where + std::string(vm::rule_name(e.rule)) + ": " + e.detail};
  }
  const auto& children = parsed->container.children;
  for (std::size_t i = 0; i < children.size(); ++i) {
    auto child =
        check_container_tree(children[i], false, where + "child " + std::to_string(i) + ": ");
    if (!child.ok()) return child.error();
  }
  return true;
}

}  // namespace

Result<bool, Refusal> check_deployment_container(ByteView data, bool whole) {
  return check_container_tree(data, whole, "");
}

}  // namespace tenet::node

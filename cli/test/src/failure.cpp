#include "tenet/runner/failure.hpp"

#include <string>

namespace tenet::runner {

Failure failure_of(const RunOutcome& outcome, const ArtifactRegistry& registry) {
  Failure failure;
  const vm::ExecResult& r = outcome.result;
  if (outcome.rejected) {
    failure.reason = "vm.assume rejected the input";
    return failure;
  }
  switch (r.status) {
    case vm::Status::Success:
      if (outcome.misuse) failure.reason = *outcome.misuse;
      break;
    case vm::Status::Revert: {
      abi::DecodedRevert decoded = abi::decode_revert(r.output, registry.errors());
      // A cheat code's refusal ("vm.expect_revert: expected …") is the host speaking, not the
      // contract: its text stands alone. The host says what it refused; a contract's own
      // Error("vm.…") stays a contract's.
      const bool from_host =
          outcome.refusal && decoded.kind == "error" && decoded.message == *outcome.refusal;
      failure.reason = from_host ? decoded.message : abi::describe_revert(decoded);
      failure.revert = std::move(decoded);
      break;
    }
    case vm::Status::OutOfGas:
      failure.reason = "out of gas";
      break;
    case vm::Status::Trap:
      failure.reason = r.reason.empty() ? std::string("trap") : "trap: " + r.reason;
      break;
    case vm::Status::Invalid:
      failure.reason = r.reason.empty() ? std::string("invalid code") : "invalid code: " + r.reason;
      break;
  }
  return failure;
}

}  // namespace tenet::runner

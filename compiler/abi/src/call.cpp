// Call data (call.hpp).
#include "tenet/abi/call.hpp"

#include "tenet/abi/values.hpp"

namespace tenet::abi {

vm::Result<std::vector<uint8_t>> encode_arguments(const Signature& parameters,
                                                  std::span<const std::string> args) {
  if (parameters.inputs.size() != args.size())
    return vm::Error{"'" + parameters.written + "' takes " +
                     std::to_string(parameters.inputs.size()) + " argument(s), " +
                     std::to_string(args.size()) + " given"};
  return encode_values(parameters.inputs, args);
}

vm::Result<std::vector<uint8_t>> encode_call(const Signature& function,
                                             std::span<const std::string> args) {
  auto body = encode_arguments(function, args);
  if (!body) return body.error();
  const auto selector = function.selector();
  std::vector<uint8_t> out(selector.begin(), selector.end());
  out.insert(out.end(), body->begin(), body->end());
  return out;
}

}  // namespace tenet::abi

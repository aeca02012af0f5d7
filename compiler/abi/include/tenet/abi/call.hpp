#pragma once
/// \file
/// Call data: a function's selector followed by its arguments, and a deployment's
/// constructor arguments, from argument texts.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "tenet/abi/signature.hpp"
#include "tenet/vm/error.hpp"

namespace tenet::abi {

/// The call data of `function` with `args` (one text per parameter, parsed by its
/// type): the 4-byte selector, then the ABI-encoded arguments. A wrong count is the
/// error "'WRITTEN' takes N argument(s), M given".
vm::Result<std::vector<uint8_t>> encode_call(const Signature& function,
                                             std::span<const std::string> args);

/// The ABI-encoded `args` of `parameters` without a selector (constructor arguments);
/// errors as encode_call's.
vm::Result<std::vector<uint8_t>> encode_arguments(const Signature& parameters,
                                                  std::span<const std::string> args);

}  // namespace tenet::abi

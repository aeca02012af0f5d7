#pragma once
/// \file
/// The interpreter loop (internal to the VM).

#include "program.hpp"
#include "tenet/vm/host.hpp"
#include "tenet/vm/message.hpp"
#include "tenet/vm/vm.hpp"

namespace tenet::vm {

/// Everything one external frame starts with.
struct Frame {
  Host& host;
  const Message& msg;
  const Program& program;
  uint16_t function;  ///< the entry function
  bool is_static;     ///< no state changes (static call or view entry)
};

/// Runs the frame to completion.
ExecResult interpret(const Frame& frame);
/// Runs the frame, reporting every instruction to `tracer`.
ExecResult interpret_traced(const Frame& frame, Tracer& tracer);

}  // namespace tenet::vm

#pragma once
/// \file
/// The instruction tracer of the source locator: for every external frame of one traced call
/// it keeps what is needed to find a failure's line afterwards — the frame's call-trace node,
/// its last instruction, its last conditional jump, the DEBUGLOG payloads it emitted and the
/// instruction of its caller that started it.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "tenet/runner/call_trace.hpp"
#include "tenet/runner/executor.hpp"
#include "tenet/vm/opcodes.hpp"
#include "tenet/vm/vm.hpp"

namespace tenet::runner::detail {

/// An instruction of a frame: the VM function it belongs to and its absolute code offset.
struct InstructionSite {
  uint16_t function = 0;     ///< index in the function table
  uint32_t pc = 0;           ///< absolute code offset (what line tables use)
  vm::Op op = vm::Op::STOP;  ///< the instruction
};

/// What the tracer saw of one external frame.
struct TracedFrame {
  int depth = 0;                          ///< call depth (0 = the traced call itself)
  int node = -1;                          ///< its CallTrace node, -1 when not recorded
  int parent = -1;                        ///< index of the calling frame, -1 for the root
  std::optional<InstructionSite> caller;  ///< the caller's instruction that started it
  std::optional<InstructionSite> last;    ///< its last instruction
  /// The last JUMPI or JUMPTABLE of each VM function of the frame that ran one (a failing
  /// check's jump, not one of the helpers its failing path calls).
  std::vector<InstructionSite> last_jumps;
  std::vector<size_t> debug_logs;  ///< indices of its DEBUGLOG payloads in the call
  /// The CALLF instructions of the internal calls open at its last instruction, outermost
  /// first (where compiler-generated helpers were called from).
  std::vector<InstructionSite> internal_calls;
};

/// The last conditional jump `frame` ran in VM function `function`, or nullptr.
const InstructionSite* last_jump_in(const TracedFrame& frame, uint16_t function);

/// Records TracedFrames; a frame's node is the newest node of the executor's host's trace
/// when its first instruction runs (TestHost opens a node before the callee's code starts).
class FrameTracer : public vm::Tracer {
 public:
  /// `executor` runs the traced calls with trace recording on (its host may be replaced by
  /// Executor::install: it is asked for on every new frame).
  explicit FrameTracer(Executor& executor) : executor_(executor) {}

  /// Forgets the frames (before the traced call starts).
  void clear();
  /// The frames, in the order they started (the traced call's own frame first).
  const std::vector<TracedFrame>& frames() const { return frames_; }
  /// The frame of the last transaction traced (a deployment and setup() are two), or -1.
  int last_root() const;

  void on_instruction(int depth, uint16_t function, uint32_t pc, vm::Op op, int64_t gas_left,
                      std::span<const vm::Word> stack) override;

 private:
  Executor& executor_;
  std::vector<TracedFrame> frames_;
  std::vector<int> open_;  ///< indices of the frames from the root to the running one
  size_t debug_logs_ = 0;  ///< DEBUGLOG instructions seen so far
};

}  // namespace tenet::runner::detail

#include "frame_tracer.hpp"

#include <algorithm>

namespace tenet::runner::detail {

namespace {

/// Whether the frame's last instruction ended it (the next one at its depth is a new frame).
bool ended(const TracedFrame& frame) {
  if (!frame.last) return false;
  switch (frame.last->op) {
    case vm::Op::STOP:
    case vm::Op::RETURN:
    case vm::Op::REVERT:
    case vm::Op::PANIC:
    case vm::Op::TRAP:
      return true;
    default:
      return false;
  }
}

}  // namespace

const InstructionSite* last_jump_in(const TracedFrame& frame, uint16_t function) {
  for (const InstructionSite& j : frame.last_jumps)
    if (j.function == function) return &j;
  return nullptr;
}

void FrameTracer::clear() {
  frames_.clear();
  open_.clear();
  debug_logs_ = 0;
}

int FrameTracer::last_root() const {
  for (size_t i = frames_.size(); i-- > 0;)
    if (frames_[i].parent < 0) return static_cast<int>(i);
  return -1;
}

void FrameTracer::on_instruction(int depth, uint16_t function, uint32_t pc, vm::Op op,
                                 int64_t /*gas_left*/, std::span<const vm::Word> /*stack*/) {
  // Returned from frames: close them.
  while (!open_.empty() && frames_[static_cast<size_t>(open_.back())].depth > depth)
    open_.pop_back();
  if (open_.empty() || frames_[static_cast<size_t>(open_.back())].depth < depth ||
      ended(frames_[static_cast<size_t>(open_.back())])) {
    // The first instruction of a new frame (a deeper one, or the next transaction after a
    // finished one): the host opened its node just before.
    if (!open_.empty() && frames_[static_cast<size_t>(open_.back())].depth == depth)
      open_.pop_back();
    TracedFrame frame;
    frame.depth = depth;
    const CallTrace& trace = executor_.host().trace();
    if (trace.dropped == 0 && !trace.nodes.empty() && trace.nodes.back().depth == depth)
      frame.node = static_cast<int>(trace.nodes.size() - 1);
    if (!open_.empty()) {
      frame.parent = open_.back();
      frame.caller = frames_[static_cast<size_t>(frame.parent)].last;
    }
    frames_.push_back(std::move(frame));
    open_.push_back(static_cast<int>(frames_.size() - 1));
  }
  TracedFrame& frame = frames_[static_cast<size_t>(open_.back())];
  const InstructionSite site{function, pc, op};
  frame.last = site;
  if (op == vm::Op::JUMPI || op == vm::Op::JUMPTABLE) {
    auto it = std::find_if(frame.last_jumps.begin(), frame.last_jumps.end(),
                           [&](const InstructionSite& j) { return j.function == function; });
    if (it != frame.last_jumps.end())
      *it = site;
    else
      frame.last_jumps.push_back(site);
  }
  if (op == vm::Op::CALLF) frame.internal_calls.push_back(site);
  if (op == vm::Op::RETF && !frame.internal_calls.empty()) frame.internal_calls.pop_back();
  if (op == vm::Op::DEBUGLOG) frame.debug_logs.push_back(debug_logs_++);
}

}  // namespace tenet::runner::detail

#include "tenet/runner/source_locator.hpp"

#include <algorithm>
#include <utility>

#include "frame_tracer.hpp"
#include "source_text.hpp"
#include "tenet/abi/log.hpp"
#include "tenet/runner/stdlib_dir.hpp"
#include "tenet/vm/crypto.hpp"

namespace tenet::runner {

namespace {

using detail::FrameTracer;
using detail::InstructionSite;
using detail::TracedFrame;

/// Replays `run` on `executor` (its base installed) with `tracer` on the last call only.
RunOutcome replay(Executor& executor, FrameTracer& tracer, const std::vector<ReplayCall>& run) {
  const bool single = run.size() == 1 && !run.front().is_check;
  if (single) {
    executor.set_tracer(&tracer);
    RunOutcome outcome = executor.run(run.front().calldata);
    executor.set_tracer(nullptr);
    return outcome;
  }
  executor.reset();
  RunOutcome outcome;
  for (size_t i = 0; i < run.size(); ++i) {
    const ReplayCall& c = run[i];
    const bool last = i + 1 == run.size();
    if (last) {
      tracer.clear();
      executor.set_tracer(&tracer);
    }
    outcome = c.is_check ? executor.probe(c.calldata) : executor.call(c.sender, c.to, c.calldata);
    if (last) executor.set_tracer(nullptr);
  }
  return outcome;
}

/// Finds lines for the frames of one traced failing call.
class Locator {
 public:
  /// `root_code` is the code the traced transaction ran (for when its node was not recorded).
  Locator(const ArtifactRegistry& registry, detail::SourceText& text, const FrameTracer& tracer,
          const CallTrace& trace, const RunOutcome& outcome, const vm::Hash256& root_code)
      : registry_(registry),
        text_(text),
        tracer_(tracer),
        trace_(trace),
        outcome_(outcome),
        root_code_(root_code) {}

  /// Fills the origin, its line, the operands and the called-from lines of `out`.
  void locate(LocatedFailure& out) {
    const auto& frames = tracer_.frames();
    const int root = tracer_.last_root();
    if (root < 0) return;
    size_t origin = static_cast<size_t>(root);
    while (auto child = bubbled_from(origin)) origin = *child;
    const TracedFrame& frame = frames[origin];
    out.origin_depth = frame.depth;
    out.origin_status = ending_of(origin).status;
    const vm::Hash256 code = code_of(frame);
    if (auto site = failing_site(frame, code))
      out.location = location(code, source_site(frame, code, *site));
    out.operands = operand_record(frame, code);
    if (!out.location && out.operands) out.location = out.operands->where;
    for (int f = static_cast<int>(origin); frames[static_cast<size_t>(f)].parent >= 0;) {
      const TracedFrame& callee = frames[static_cast<size_t>(f)];
      f = callee.parent;
      if (!callee.caller) continue;
      auto where = location(code_of(frames[static_cast<size_t>(f)]), callee.caller->pc);
      if (!where) continue;
      // A recursion calls from the same line again and again: that line once.
      if (!out.called_from.empty() && out.called_from.back().file == where->file &&
          out.called_from.back().line == where->line)
        continue;
      out.called_from.push_back(std::move(*where));
    }
  }

 private:
  /// The status and output a frame ended with (the root's from the outcome: uncapped).
  struct Ending {
    vm::Status status;
    std::span<const uint8_t> output;
    size_t size;
  };

  /// How frame `frame` ended.
  Ending ending_of(size_t frame) const {
    const TracedFrame& f = tracer_.frames()[frame];
    if (f.parent < 0 || f.node < 0) {
      const auto& r = outcome_.result;
      return {r.status, r.output, r.output.size()};
    }
    const CallNode& n = trace_.nodes[static_cast<size_t>(f.node)];
    return {n.status, n.output, n.output_size};
  }

  /// The frame of the last failed child call of `frame`, when `frame` reverted with exactly
  /// that call's revert data (it passed the failure on).
  std::optional<size_t> bubbled_from(size_t frame) const {
    const auto& frames = tracer_.frames();
    const TracedFrame& f = frames[frame];
    if (!f.last || f.last->op != vm::Op::REVERT) return std::nullopt;
    const Ending mine = ending_of(frame);
    if (mine.status != vm::Status::Revert) return std::nullopt;
    for (size_t i = frames.size(); i-- > frame + 1;) {
      const TracedFrame& child = frames[i];
      if (child.parent != static_cast<int>(frame)) continue;
      if (child.node < 0) return std::nullopt;  // past the trace's cap: its outcome is unknown
      const CallNode& n = trace_.nodes[static_cast<size_t>(child.node)];
      if (n.status == vm::Status::Success || n.expected_revert) continue;
      if (n.output_size != mine.size ||
          !std::equal(n.output.begin(), n.output.end(), mine.output.begin(), mine.output.end()))
        return std::nullopt;
      return i;
    }
    return std::nullopt;
  }

  /// The code hash of what `frame` ran (zero when unknown).
  vm::Hash256 code_of(const TracedFrame& frame) const {
    if (frame.node >= 0) return trace_.nodes[static_cast<size_t>(frame.node)].code_hash;
    if (frame.parent < 0) return root_code_;
    return {};
  }

  /// The source line of `pc` in `code`, with its text.
  std::optional<SourceLocation> location(const vm::Hash256& code, uint32_t pc) {
    const auto position = registry_.position(code, pc);
    if (!position) return std::nullopt;
    return located(position->file, position->line, position->column);
  }

  /// A SourceLocation with the line's text.
  SourceLocation located(std::string file, uint32_t line, uint32_t column) {
    SourceLocation where;
    where.text = text_.line(file, line);
    where.file = std::move(file);
    where.line = line;
    where.column = column;
    return where;
  }

  /// The instruction whose line is the failure's: the frame's last instruction when it failed
  /// by itself (checked arithmetic, out of gas, a trap); for a REVERT or PANIC, whose block
  /// compiled code shares between the conditions of one function (tagged with the first's
  /// line), the last conditional jump taken towards it — unless the terminator's own line comes
  /// after that jump's in the same function (a `revert` statement under an `if`).
  std::optional<InstructionSite> failing_site(const TracedFrame& frame, const vm::Hash256& code) {
    if (!frame.last) return std::nullopt;
    const InstructionSite& last = *frame.last;
    const bool terminator = last.op == vm::Op::REVERT || last.op == vm::Op::PANIC;
    const InstructionSite* jump = detail::last_jump_in(frame, last.function);
    if (!terminator || jump == nullptr) return last;
    const auto at_end = registry_.position(code, last.pc);
    const auto at_jump = registry_.position(code, jump->pc);
    if (!at_jump) return last;
    if (at_end && at_end->file == at_jump->file && at_end->line > at_jump->line) return last;
    return *jump;
  }

  /// Whether the instruction at `pc` has a source line of its own (compiler-generated code
  /// — dispatchers, decoders, helpers — has none).
  bool has_line(const vm::Hash256& code, uint32_t pc) const {
    const KnownCode* known = registry_.find(code);
    if (!known) return false;
    auto it = std::upper_bound(
        known->lines.begin(), known->lines.end(), pc,
        [](uint32_t offset, const compiler::LineEntry& e) { return offset < e.code_offset; });
    return it != known->lines.begin() && std::prev(it)->line != 0;
  }

  /// `site`'s code offset, or, when `site` is in compiler-generated code, that of the
  /// innermost internal call with a line that led there (a helper that ran out of gas is
  /// reported where it was called).
  uint32_t source_site(const TracedFrame& frame, const vm::Hash256& code,
                       const InstructionSite& site) const {
    if (has_line(code, site.pc)) return site.pc;
    for (auto it = frame.internal_calls.rbegin(); it != frame.internal_calls.rend(); ++it)
      if (has_line(code, it->pc)) return it->pc;
    return site.pc;
  }

  /// The operands of the frame's last comparison record (an instrumented build), with its
  /// location.
  std::optional<ComparisonOperands> operand_record(const TracedFrame& frame,
                                                   const vm::Hash256& code) {
    for (auto it = frame.debug_logs.rbegin(); it != frame.debug_logs.rend(); ++it) {
      if (*it >= outcome_.logs.size()) continue;
      const auto& payload = outcome_.logs[*it];
      if (!abi::is_operand_record(payload)) continue;
      auto record = abi::decode_operand_record(payload);
      if (!record) continue;
      const KnownCode* known = registry_.find(code);
      std::string file =
          known ? detail::match_known_file(record->file, known->files) : record->file;
      ComparisonOperands operands;
      operands.op = record->op;
      operands.lhs = record->lhs;
      operands.rhs = record->rhs;
      operands.where = located(std::move(file), record->line, record->column);
      return operands;
    }
    return std::nullopt;
  }

  const ArtifactRegistry& registry_;
  detail::SourceText& text_;
  const FrameTracer& tracer_;
  const CallTrace& trace_;
  const RunOutcome& outcome_;
  vm::Hash256 root_code_;
};

}  // namespace

LocatedFailure locate_failure(const TestSuite& suite, const ArtifactRegistry& registry,
                              const std::vector<ReplayCall>& run, const ExecutorOptions& options,
                              const std::filesystem::path& root) {
  ExecutorOptions traced = options;
  traced.record_trace = true;
  Executor executor(registry, traced);
  FrameTracer tracer(executor);
  LocatedFailure out;
  RunOutcome outcome;
  if (run.empty()) {
    // No test call: the suite's deployment or setup() failed.
    executor.set_tracer(&tracer);
    std::optional<RunOutcome> failed = executor.install(suite);
    executor.set_tracer(nullptr);
    if (!failed) return out;
    outcome = std::move(*failed);
  } else {
    if (std::optional<RunOutcome> failed = executor.install(suite)) {
      out.status = failed->result.status;
      out.revert_data = failed->result.output;
      return out;
    }
    outcome = replay(executor, tracer, run);
  }
  out.status = outcome.result.status;
  out.revert_data = outcome.result.output;
  if (out.status == vm::Status::Success) return out;
  detail::SourceText text(root, stdlib_dir());
  const CallTrace& trace = outcome.trace ? *outcome.trace : executor.host().trace();
  vm::Hash256 root_code = vm::keccak256(suite.bytecode);
  if (!run.empty())
    if (const vm::Account* callee = executor.host().find_account(run.back().to))
      root_code = callee->code_hash;
  Locator(registry, text, tracer, trace, outcome, root_code).locate(out);
  return out;
}

}  // namespace tenet::runner

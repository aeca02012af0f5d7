#pragma once
/// \file
/// Shared declarations of codegen (docs/compiler.md, "codegen"): the instruction encoder
/// with labels and the line table (codegen_emit.cpp), value placement (codegen_values.cpp)
/// and the per-function translator (codegen_function.cpp, codegen_memory.cpp,
/// codegen_calls.cpp). generate_bytecode (codegen.cpp) ties them together.

#include "tenet/compiler/stage.hpp"
TENET_COMPILER_INTERNAL_HEADER(codegen, codegen_internal.hpp)

#include <llvm/ADT/APInt.h>
#include <llvm/ADT/DenseMap.h>
#include <llvm/IR/DataLayout.h>
#include <llvm/IR/DebugLoc.h>
#include <llvm/IR/Function.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/Operator.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tenet/compiler/codegen.hpp"
#include "tenet/compiler/intrinsics.hpp"
#include "tenet/vm/opcodes.hpp"
#include "tenet/vm/word.hpp"

namespace tenet::compiler::codegen {

/// The 256-bit word of a constant integer, zero-extended (canonical form).
vm::Word word_of(const llvm::APInt& v);
/// `inst` printed as LLVM prints it, without leading spaces.
std::string print_instruction(const llvm::Value& inst);

/// The constant pool of the container: deduplicated, in first-use order.
class ConstantPool {
 public:
  /// The index of `w`, added on first use.
  uint16_t index_of(const vm::Word& w);
  /// The constants in index order.
  const std::vector<vm::Word>& words() const { return words_; }
  /// True when the pool has reached the 16-bit limit.
  bool full() const { return words_.size() >= 0xffff; }

 private:
  std::vector<vm::Word> words_;
  std::map<std::array<uint64_t, 4>, uint16_t> index_;
};

/// A source position of the line table (file is an index into LineTable::files).
struct SourcePos {
  uint32_t file = 0;
  uint32_t line = 0;
  uint32_t column = 0;
  friend bool operator==(const SourcePos&, const SourcePos&) = default;
};

/// The line table being built: file names in first-use order and rows, one per run of
/// instructions with the same position.
class LineTable {
 public:
  /// The position of an LLVM debug location (line 0 when there is none).
  SourcePos position_of(const llvm::DebugLoc& loc);
  /// Records that the instruction at `offset` comes from `pos` (merged with the last row
  /// when equal).
  void note(uint32_t offset, const SourcePos& pos);
  std::vector<std::string> files;  ///< file names, first-use order
  std::vector<LineEntry> rows;     ///< sorted by offset

 private:
  std::map<std::string, uint32_t> file_index_;
};

/// A jump target inside the function being emitted.
struct Label {
  uint32_t id = 0;
};

/// Encodes the instructions of one function into the code section: immediates from the
/// opcode table, labels resolved to absolute code offsets when the function is finished,
/// constants through the pool, a line-table row per position change. Also rewrites
/// `LSET x; LGET x` into `LTEE x` when no label separates them.
class Emitter {
 public:
  Emitter(std::vector<uint8_t>& code, ConstantPool& pool, LineTable& lines);

  /// The source position of the instructions emitted from now on.
  void set_position(const SourcePos& pos) { pos_ = pos; }
  const SourcePos& position() const { return pos_; }

  /// An instruction without an immediate.
  void op(vm::Op op);
  /// An instruction with a fixed-size immediate (U8/U16/U32/U64 from the table).
  void op(vm::Op op, uint64_t imm);
  /// Pushes a word with the shortest PUSH form (PUSH0/PUSH1/PUSH4/PUSH8) or PUSHC.
  void push(const vm::Word& w);
  /// LGET, folding a preceding `LSET` of the same local into `LTEE`.
  void local_get(uint16_t local);
  /// LSET.
  void local_set(uint16_t local);

  /// A fresh, unbound label.
  Label new_label();
  /// Binds `label` to the current offset.
  void bind(Label label);
  /// True when `label` is bound to the current offset (the next instruction).
  bool bound_here(Label label) const;
  /// JUMP or JUMPI to `label`.
  void jump(vm::Op op, Label label);
  /// JUMPTABLE with `targets` (index i → targets[i]) and `fallback`.
  void jump_table(Label fallback, const std::vector<Label>& targets);

  /// Resolves the label references; false if a label was never bound.
  bool finish();
  /// The current absolute code offset.
  uint32_t offset() const { return static_cast<uint32_t>(code_.size()); }

 private:
  void opcode(vm::Op op);
  void imm(uint64_t value, unsigned bytes);

  std::vector<uint8_t>& code_;
  ConstantPool& pool_;
  LineTable& lines_;
  SourcePos pos_;
  std::vector<int64_t> label_offsets_;                 // -1 = unbound
  std::vector<std::pair<uint32_t, uint32_t>> fixups_;  // (code offset of the u32, label)
  int64_t last_lset_ = -1;                             // offset of the last LSET, if last
  int64_t last_bind_ = -1;                             // offset where a label was last bound
};

/// Emits the body of the bump allocator behind `tenet.alloc` (params 1, results 1,
/// locals 2): p = MLOAD 0, or kHeapStart when 0; q = p + roundup32(n); PANIC 0x41 when n
/// or q exceed 2^32; MSTORE 0 q; return p.
void emit_allocator(Emitter& out);

/// Where an LLVM value lives while its function runs.
enum class Place : uint8_t {
  None,       ///< no value, or unused (an unused call result is popped)
  Local,      ///< in a VM local (set once where it is defined)
  Stack,      ///< computed where its single user needs it (stackified)
  Alias,      ///< the same word as another value (zext, freeze, bitcast …)
  Aggregate,  ///< a struct or array of integers (the `{iN, i1}` of *.with.overflow, and
              ///< phis, selects, insertvalues of such): one local per member, from `local`
  Part,       ///< `extractvalue` of an Aggregate: the local of one member
  Elided,     ///< nothing to emit (dropped intrinsics, allocas handled in the prologue)
};

/// The placement of one value.
struct ValueInfo {
  Place place = Place::None;
  uint16_t local = 0;                  ///< Local/Part; Aggregate: its first member
  const llvm::Value* alias = nullptr;  ///< Alias: the value it stands for
};

/// What the translator needs to know about the whole module.
struct ModuleInfo {
  const llvm::DataLayout* layout = nullptr;
  llvm::DenseMap<const llvm::Function*, uint16_t> function_index;  ///< defined functions
  uint16_t alloc_index = 0;  ///< the appended allocator (when used)
  size_t children = 0;       ///< number of child containers
  bool test_mode = false;    ///< CHEAT allowed
};

/// Translates one LLVM function into VM code.
class FunctionTranslator {
 public:
  /// A translator of `f` that emits into `out` (positioned at the function's start).
  FunctionTranslator(const llvm::Function& f, const ModuleInfo& module, Emitter& out,
                     LineTable& lines);

  /// Emits the body; returns the number of non-parameter locals, or the error.
  vm::Result<uint16_t> run();

 private:
  // codegen_values.cpp
  /// Decides the Place of every value of the emitted blocks.
  void place_values();
  /// Places the struct and array values (one local per member); false after an error.
  bool place_aggregates();
  /// Places an extractvalue as an Alias of a constant's member or a Part of an Aggregate;
  /// false after an error.
  bool place_extract_value(const llvm::ExtractValueInst& ev, ValueInfo& vi);
  /// True when lowering `user` pushes each of its operands exactly once.
  bool pushes_operand_once(const llvm::Instruction& user) const;
  /// True when a switch becomes a JUMPTABLE (dense cases) rather than a compare chain.
  bool switch_uses_table(const llvm::SwitchInst& sw) const;

  // codegen_locals.cpp
  /// The liveness analysis and linear-scan packing behind assign_locals.
  class LocalAllocator;
  /// Gives every Local value a local, sharing locals between values whose live ranges
  /// (convex hulls in layout order) do not overlap.
  void assign_locals();

  // codegen_function.cpp
  /// Emits one block: its label, the copies of a single-predecessor block, its code.
  void emit_block(const llvm::BasicBlock& bb);
  /// Emits an instruction at its own position (nothing for stackified or alias values).
  void emit_instruction(const llvm::Instruction& inst);
  /// Emits the code that leaves the instruction's value (if any) on the stack.
  void lower(const llvm::Instruction& inst);
  /// Pushes a value: a constant, a local, or the tree of a stackified instruction.
  void push_value(const llvm::Value* v);
  /// Pushes a constant (`context` names the instruction in errors).
  void push_constant(const llvm::Constant* c, const llvm::Instruction* context);
  // The lowerings of one kind of instruction each (called by lower).
  void lower_binary(const llvm::BinaryOperator& inst);
  void lower_icmp(const llvm::ICmpInst& inst);
  void lower_cast(const llvm::CastInst& inst);
  void lower_terminator(const llvm::Instruction& inst);
  void lower_switch(const llvm::SwitchInst& sw);
  /// Pushes a branch condition; true when it pushed its negation (`icmp eq x, 0` → x).
  bool push_condition(const llvm::Value* cond);
  /// JUMPI to `t` (label `lt`) on a non-zero word, else on to `f`; then the trampolines.
  void lower_branch(const llvm::BasicBlock& t, const llvm::BasicBlock& f, Label lt, Label lf);
  /// The local a use of `v` reads (through aliases), if it is a local.
  std::optional<uint16_t> local_of(const llvm::Value* v) const;
  /// True when the edge from `from` to `to` has phi copies to do (not all no-ops).
  bool needs_copies(const llvm::BasicBlock& from, const llvm::BasicBlock& to) const;
  /// The parallel copy of `to`'s phis on the edge from `from`.
  void emit_copies(const llvm::BasicBlock& from, const llvm::BasicBlock& to);
  /// Where a multi-way branch of `from` jumps to reach `to`: its label, or a trampoline
  /// that does the phi copies first.
  Label edge_label(const llvm::BasicBlock& from, const llvm::BasicBlock& to);
  /// Continues at `to`: nothing when it comes next, else JUMP.
  void goto_block(const llvm::BasicBlock& to);
  /// The block that code jumping to `bb` really continues at: `bb`, or for an empty block
  /// that only branches on to a block without phis, that block (transitively).
  const llvm::BasicBlock* resolve(const llvm::BasicBlock* bb) const;
  /// True when `bb` is the next block in the layout.
  bool is_next(const llvm::BasicBlock* bb) const;
  /// True when `bb` ends with a jump back to the current block or an earlier one.
  bool jumps_back(const llvm::BasicBlock& bb) const;
  /// Emits the trampolines that edge_label created for the current block.
  void emit_pending_edges();
  /// AND with 2^bits - 1 (nothing for 256 bits).
  void mask(unsigned bits);
  /// SEXT (bits - 1) (nothing for 256 bits).
  void sext(unsigned bits);
  /// A fresh local of its own.
  uint16_t new_local();
  /// A scratch local for the lowering of one instruction (reused by the next one).
  uint16_t scratch();

  // codegen_memory.cpp
  /// Allocates the function's static allocas with one allocator call.
  void emit_prologue();
  void lower_load(const llvm::LoadInst& inst);
  void lower_store(const llvm::StoreInst& inst);
  void lower_gep(const llvm::GetElementPtrInst& inst);
  /// Address arithmetic of a GEP instruction or constant expression.
  void lower_gep_operator(const llvm::GEPOperator& gep, const llvm::Value& context);

  // codegen_calls.cpp
  void lower_call(const llvm::CallInst& call);
  void lower_tenet_call(const llvm::CallInst& call, Intrinsic id);
  void lower_llvm_intrinsic(const llvm::CallInst& call);
  /// Pops the top of the stack into a scratch local and returns it.
  uint16_t spill();
  /// llvm.bitreverse: swaps bits, pairs and nibbles, then the bytes.
  void lower_bitreverse(const llvm::CallInst& call);
  /// llvm.fshl / llvm.fshr: a funnel shift by the third operand modulo the width.
  void lower_funnel_shift(const llvm::CallInst& call);
  /// llvm.umin/umax/smin/smax: a comparison and a SELECT.
  void lower_min_max(const llvm::CallInst& call);
  /// llvm.uadd.sat / llvm.usub.sat.
  void lower_saturating(const llvm::CallInst& call);
  /// llvm.uadd/usub/umul.with.overflow: sets the result and flag locals of its aggregate.
  void lower_unsigned_overflow(const llvm::CallInst& call);
  /// llvm.sadd/ssub.with.overflow: sets the result and flag locals of its aggregate.
  void lower_signed_overflow(const llvm::CallInst& call);
  /// llvm.smul.with.overflow: sets the result and flag locals of its aggregate.
  void lower_smul_overflow(const llvm::CallInst& call);
  /// Pushes the overflow flag of an exact 256-bit result `t` of n-bit operands:
  /// (t >> n) != 0.
  void push_high_bits_flag(uint16_t t, unsigned n);
  /// Pushes the overflow flag of an exact signed result `t` of sign-extended n-bit
  /// operands: sext(t) != t.
  void push_sext_flag(uint16_t t, unsigned n);
  /// Pops the pushed overflow flag into the flag local of `call`'s aggregate and stores
  /// `t` masked to the operand width in its result local.
  void set_overflow_result(const llvm::CallInst& call, uint16_t t);
  /// An aggregate select, insertvalue or freeze: sets its member locals.
  void lower_aggregate(const llvm::Instruction& inst);
  /// Pushes member `i` of an aggregate value (a constant or an Aggregate instruction).
  void push_member(const llvm::Value* aggregate, unsigned i, const llvm::Instruction& context);
  /// Members of a struct or array of integers and pointers; 0 for anything else.
  static unsigned member_count(const llvm::Type* t);

  /// Records the first error: "codegen: function @f: unsupported <what> in '<inst>'".
  void unsupported(const std::string& what, const llvm::Value& inst);
  /// Records the first error with a complete message after "codegen: function @f: ".
  void fail(const std::string& message);

  /// Bit width of an integer or pointer type (pointers are 32 bits).
  unsigned bits(const llvm::Type* t) const;
  /// True for a call to a `tenet.*` function that never returns.
  static bool is_noreturn_tenet(const llvm::Instruction& inst);
  /// The placement of `v` (Place::None for values that were not placed).
  const ValueInfo& info(const llvm::Value* v) const;

  const llvm::Function& f_;
  const ModuleInfo& module_;
  Emitter& out_;
  LineTable& lines_;
  llvm::DenseMap<const llvm::Value*, ValueInfo> values_;
  llvm::DenseMap<const llvm::BasicBlock*, Label> block_labels_;
  llvm::DenseMap<const llvm::BasicBlock*, bool> reachable_;
  /// Empty blocks that are not emitted, and where jumps to them go instead.
  llvm::DenseMap<const llvm::BasicBlock*, const llvm::BasicBlock*> forward_;
  std::vector<const llvm::BasicBlock*> order_;  ///< emitted blocks, in function order
  llvm::DenseMap<const llvm::BasicBlock*, size_t> layout_index_;  ///< index in order_
  size_t current_block_ = 0;                                      ///< index into order_
  /// Trampolines (phi copies on an edge from a multi-way branch) still to emit.
  std::vector<std::pair<const llvm::BasicBlock*, Label>> pending_edges_;
  llvm::DenseMap<const llvm::BasicBlock*, Label> edge_labels_;  ///< of the current block's edges
  uint32_t next_local_ = 0;                                     ///< params + locals so far
  std::vector<const llvm::Instruction*> pooled_;  ///< Local values, in placement order
  std::vector<uint16_t> scratch_;                 ///< scratch locals, allocated on demand
  size_t scratch_used_ = 0;                       ///< taken by the current instruction
  bool block_ended_ = false;                      ///< a VM terminator ended the current block
  std::optional<std::string> error_;
};

}  // namespace tenet::compiler::codegen

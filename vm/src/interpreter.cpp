#include "interpreter.hpp"

#include <algorithm>
#include <cstring>

#include "tenet/vm/crypto.hpp"
#include "tenet/vm/gas.hpp"

namespace tenet::vm {
namespace {

/// Internal calls nested inside one external frame.
constexpr size_t kMaxInternalDepth = 1024;
/// Bytes a growing memory may allocate beyond its geometric slack (see grown_capacity).
constexpr size_t kMemorySlackBytes = 1024;
/// Words a growing word buffer may allocate beyond its geometric slack.
constexpr size_t kFrameSlackWords = 64;

/// The net stack effect of `op` as the opcode table states it (pushes − pops).
template <Op op>
inline constexpr ptrdiff_t kStackChange =
    ptrdiff_t{op_info(op).pushes} - ptrdiff_t{op_info(op).pops};
/// The number of operands `op` takes from the stack, as the opcode table states it.
template <Op op>
inline constexpr ptrdiff_t kPops = op_info(op).pops;

/// Where an instruction left the frame, when it did not simply continue.
enum class Exit { None, OutOfGas, Trap };

/// What the slow (out-of-line) instructions need besides the registers.
struct Context {
  Host& host;
  const Message& msg;
  const Program& prog;
  bool is_static;
  std::vector<uint8_t> memory;
  std::vector<uint8_t> return_data;
  const char* trap_reason = "";
  /// Words of the internal frames' word buffer paid for: its high-water mark in this
  /// external frame. Memory and this share one quadratic (docs/gas.md, "How gas is charged").
  uint64_t frame_words = 0;
};

/// The capacity a buffer of capacity `cap` grows to when it must hold `need` elements:
/// 1.25× geometric growth (amortised O(1) copying) plus `slack`, never less than `need`.
/// A growing buffer thus never holds more than 1.25 × what was paid for + `slack`, where
/// std::vector's own growth would double.
constexpr size_t grown_capacity(size_t cap, size_t need, size_t slack) {
  return std::max(need, cap + cap / 4 + slack);
}

/// Gas of growing memory and the word buffer together from `old_words` to `new_words`:
/// C(new) − C(old), where both count memory words plus word-buffer words.
uint64_t growth_cost(uint64_t old_words, uint64_t new_words) {
  return memory_cost(new_words) - memory_cost(old_words);
}

/// Charges a fixed dynamic cost. False when out of gas.
bool charge(int64_t& gas, uint64_t cost) {
  if (cost > static_cast<uint64_t>(gas)) return false;
  gas -= static_cast<int64_t>(cost);
  return true;
}

/// Charges `per_word` gas per 32-byte word of `len` bytes. False when out of gas.
bool charge_words(int64_t& gas, uint64_t len, uint64_t per_word) {
  return charge(gas, words_of(len) * per_word);
}

/// A byte range in memory after its growth was paid for.
struct Range {
  uint64_t offset = 0;
  uint64_t size = 0;
};

/// Grows memory to cover [off, off + len) and charges the growth. A zero length
/// touches nothing. Returns false when out of gas.
bool reserve_memory(Context& cx, int64_t& gas, const Word& off, const Word& len, Range& out) {
  if (len.is_zero()) {
    out = {0, 0};
    return true;
  }
  if (!off.fits_u64() || !len.fits_u64()) return false;
  const uint64_t o = off.low64(), n = len.low64();
  if (o > kMaxMemory || n > kMaxMemory || o + n > kMaxMemory) return false;
  const uint64_t new_words = words_of(o + n);
  const uint64_t old_words = cx.memory.size() / 32;
  if (new_words > old_words) {
    if (!charge(gas, growth_cost(old_words + cx.frame_words, new_words + cx.frame_words)))
      return false;
    if (new_words * 32 > cx.memory.capacity())
      cx.memory.reserve(grown_capacity(cx.memory.capacity(), new_words * 32, kMemorySlackBytes));
    cx.memory.resize(new_words * 32, 0);
  }
  out = {o, n};
  return true;
}

/// Copies `src[off..off+len)` into memory at `dst`, zero-padding past the source's end.
void copy_padded(uint8_t* dst, std::span<const uint8_t> src, const Word& off, uint64_t len) {
  const uint64_t start = off.fits_u64() ? std::min<uint64_t>(off.low64(), src.size()) : src.size();
  const uint64_t avail = std::min<uint64_t>(src.size() - start, len);
  if (avail) std::memcpy(dst, src.data() + start, avail);
  if (len > avail) std::memset(dst + avail, 0, len - avail);
}

Word hash_word(const Hash256& h) { return word_from_be(h.data()); }

/// a ** e with overflow detection (MSB-first square-and-multiply).
bool checked_exp(const Word& a, const Word& e, Word& out) {
  if (a.is_zero()) { out = e.is_zero() ? Word{1} : Word{}; return true; }
  if (a == Word{1}) { out = Word{1}; return true; }
  Word r{1};
  for (int bit = 255 - static_cast<int>(count_leading_zeros(e)); bit >= 0; --bit) {
    if (mul_overflows(r, r)) return false;
    r = mul(r, r);
    if ((e.limb[bit / 64] >> (bit % 64)) & 1) {
      if (mul_overflows(r, a)) return false;
      r = mul(r, a);
    }
  }
  out = r;
  return true;
}

/// Signed multiplication with overflow detection.
bool checked_smul(const Word& a, const Word& b, Word& out) {
  const bool an = a.is_negative(), bn = b.is_negative();
  const Word ma = an ? negate(a) : a, mb = bn ? negate(b) : b;
  if (mul_overflows(ma, mb)) return false;
  const Word m = mul(ma, mb);
  const Word min{0, 0, 0, uint64_t{1} << 63};
  if (an != bn) {
    if (lt(min, m)) return false;  // magnitude above 2^255
    out = negate(m);
  } else {
    if (m.is_negative()) return false;  // magnitude at or above 2^255
    out = m;
  }
  return true;
}

/// Bytes of the exponent (for EXP's dynamic cost).
unsigned exponent_bytes(const Word& e) { return (256 - count_leading_zeros(e) + 7) / 8; }

// ---- Slow instructions (out of line) -----------------------------------------------------

/// The gas of accessing account `a` (and marking it warm): `warm` if it was warm, else
/// `cold` plus the load of its code (docs/vm.md, "Loading code"). BALANCE and EXTCODESIZE
/// pay it whole; CALL, STATICCALL and TRANSFER, whose static gas covers a warm access, pay
/// (0, the cold surcharge).
uint64_t account_access_cost(Host& host, const Address& a, uint64_t warm, uint64_t cold) {
  if (host.access_account(a) == Access::Warm) return warm;
  return cold + cold_code_cost(host.get_code_size(a));
}

/// CALL and STATICCALL. `args` points at the first (bottom) operand; `result` receives
/// 1 when the callee succeeded, else 0.
Exit external_call(Context& cx, int64_t& gas, Word* args, bool is_static_call, Word& result) {
  const Word& gas_req = args[0];
  const Address to = to_address(args[1]);
  const Word value = is_static_call ? Word{} : args[2];
  const Word& off = args[is_static_call ? 2 : 3];
  const Word& len = args[is_static_call ? 3 : 4];
  if (!value.is_zero() && cx.is_static) {
    cx.trap_reason = "CALL with value in a static context";
    return Exit::Trap;
  }
  Range in;
  if (!reserve_memory(cx, gas, off, len, in)) return Exit::OutOfGas;
  uint64_t extra = account_access_cost(cx.host, to, 0, kColdAccountSurcharge);
  if (!value.is_zero()) extra += kCallValueCost;
  if (!charge(gas, extra)) return Exit::OutOfGas;
  const int64_t cap = forwardable_gas(gas);
  const int64_t forwarded =
      gas_req.fits_u64() && gas_req.low64() < static_cast<uint64_t>(cap) ? static_cast<int64_t>(gas_req.low64()) : cap;
  gas -= forwarded;
  Message child;
  child.kind = CallKind::Call;
  child.is_static = cx.is_static || is_static_call;
  child.depth = cx.msg.depth + 1;
  child.gas = forwarded;
  child.sender = cx.msg.recipient;
  child.recipient = to;
  child.value = value;
  child.input = std::span<const uint8_t>(cx.memory.data() + in.offset, in.size);
  child.parent = &cx.msg;
  ExecResult r = cx.host.call(child);
  gas += r.gas_left;
  cx.return_data = std::move(r.output);
  result = Word{r.status == Status::Success ? 1u : 0u};
  return Exit::None;
}

/// CREATE of child container `index`. `args` points at the first (bottom) operand;
/// `result` receives the new address, or 0 when creation failed.
Exit create_child(Context& cx, int64_t& gas, Word* args, uint32_t index, Word& result) {
  if (cx.is_static) {
    cx.trap_reason = "CREATE in a static context";
    return Exit::Trap;
  }
  const std::vector<uint8_t>& init = cx.prog.container.children[index];
  Range in;
  if (!reserve_memory(cx, gas, args[1], args[2], in)) return Exit::OutOfGas;
  if (!charge(gas, kCreatePerByteCost * static_cast<uint64_t>(init.size()))) return Exit::OutOfGas;
  const int64_t forwarded = forwardable_gas(gas);
  gas -= forwarded;
  Message child;
  child.kind = CallKind::Create;
  child.depth = cx.msg.depth + 1;
  child.gas = forwarded;
  child.sender = cx.msg.recipient;
  child.value = args[0];
  child.input = std::span<const uint8_t>(cx.memory.data() + in.offset, in.size);
  child.init_code = init;
  child.parent = &cx.msg;
  ExecResult r = cx.host.call(child);
  gas += r.gas_left;
  if (r.status == Status::Success) {
    cx.return_data.clear();
    result = to_word(r.created);
  } else {
    cx.return_data = std::move(r.output);
    result = Word{};
  }
  return Exit::None;
}

/// LOG0..LOG4. `args` points at the first (bottom) operand: offset, length, then the topics.
Exit emit_log(Context& cx, int64_t& gas, Word* args, unsigned topics) {
  if (cx.is_static) {
    cx.trap_reason = "LOG in a static context";
    return Exit::Trap;
  }
  Range r;
  if (!reserve_memory(cx, gas, args[0], args[1], r)) return Exit::OutOfGas;
  if (!charge(gas, kLogPerByteCost * r.size)) return Exit::OutOfGas;
  cx.host.emit_log(cx.msg.recipient, std::span<const uint8_t>(cx.memory.data() + r.offset, r.size),
                   std::span<const Word>(args + 2, topics));
  return Exit::None;
}

/// SSTORE: the slot's access cost, then the write's cost by how it changes the slot.
Exit store(Context& cx, int64_t& gas, const Word& key, const Word& value) {
  if (cx.is_static) {
    cx.trap_reason = "SSTORE in a static context";
    return Exit::Trap;
  }
  uint64_t cost =
      cx.host.access_storage(cx.msg.recipient, key) == Access::Cold ? kColdStorageAccessCost : 0;
  switch (cx.host.set_storage(cx.msg.recipient, key, value)) {
    case StorageChange::Added:
      cost += kStorageSetCost;
      break;
    case StorageChange::Modified:
      cost += kStorageResetCost;
      break;
    case StorageChange::Unchanged:
    case StorageChange::Dirty:
      cost += kStorageDirtyCost;
      break;
  }
  return charge(gas, cost) ? Exit::None : Exit::OutOfGas;
}

/// CHEAT (test mode): the host runs the cheat code; its output becomes the return data.
Word run_cheat(Context& cx, uint16_t id, const Range& input) {
  ExecResult r = cx.host.cheat(id, std::span<const uint8_t>(cx.memory.data() + input.offset, input.size), cx.msg);
  cx.return_data = std::move(r.output);
  return Word{r.status == Status::Success ? 1u : 0u};
}

/// Context reads that need the host's transaction context.
Word context_value(Context& cx, Op op) {
  const TxContext t = cx.host.tx_context();
  switch (op) {
    case Op::ORIGIN: return to_word(t.origin);
    case Op::GASPRICE: return t.gas_price;
    case Op::COINBASE: return to_word(t.coinbase);
    case Op::TIMESTAMP: return Word{t.timestamp};
    case Op::NUMBER: return Word{t.number};
    case Op::CHAINID: return t.chain_id;
    case Op::GASLIMIT: return Word{t.gas_limit};
    case Op::BASEFEE: return t.base_fee;
    case Op::DIFFICULTY: return t.difficulty;
    default: return Word{};
  }
}

/// BLOCKHASH: the hash of block `n` when it is one of the kBlockHashWindow blocks before the
/// current one (number − 256 ≤ n < number), else zero without asking the host.
Word block_hash(Context& cx, const Word& n) {
  const uint64_t number = cx.host.tx_context().number;
  if (!n.fits_u64() || n.low64() >= number || number - n.low64() > kBlockHashWindow) return Word{};
  return cx.host.block_hash(n.low64());
}

/// The gas of reading the state of account or slot whose access was `access`.
uint64_t access_cost(Access access, uint64_t cold_cost) {
  return access == Access::Cold ? cold_cost : kWarmAccessCost;
}

/// The raw opcode of the pre-decoded instruction at `index`.
Op raw_op(const Program& prog, size_t index) {
  return static_cast<Op>(prog.container.code[prog.code[index].pc()]);
}

/// The return point of one caller of an internal call.
struct CallRecord {
  const Instr* return_to;  ///< the caller's instruction after its CALLF
  size_t locals;           ///< offset of the caller's locals in the word buffer
  uint16_t function;       ///< the caller
};

/// The internal frames of one external frame: one word buffer holding every internal
/// frame's locals and operand stack, and the return points of the callers.
struct InternalFrames {
  std::vector<Word> words;
  std::vector<CallRecord> calls;
};

/// Words function `f` needs in the word buffer: its parameters, locals and operand stack.
size_t frame_size(const FunctionInfo& f) {
  return size_t{f.params} + f.locals + f.max_stack;
}

/// Raises the word buffer's high-water mark to `top` words, charging the growth of the
/// frame's one quadratic (memory words + word-buffer words). False when out of gas.
bool charge_frame_words(Context& cx, int64_t& gas, uint64_t top) {
  const uint64_t memory_words = cx.memory.size() / 32;
  if (!charge(gas, growth_cost(memory_words + cx.frame_words, memory_words + top))) return false;
  cx.frame_words = top;
  return true;
}

/// Grows the word buffer to hold at least `top` words (by grown_capacity, never beyond
/// kMaxFrameWords); returns its new storage. The caller re-bases its pointers into it.
[[gnu::noinline]] Word* grow_word_buffer(std::vector<Word>& words, size_t top) {
  const size_t capacity =
      std::min(kMaxFrameWords, grown_capacity(words.size(), top, kFrameSlackWords));
  words.reserve(capacity);  // exactly: resize alone would double the capacity
  words.resize(capacity);
  return words.data();
}

/// CALLF `callee` from the instruction at `ip`: the arguments on top of the caller's
/// stack become the callee's first locals in place, its other locals are zeroed and its
/// operand stack starts above them. When the callee's frame reaches above the word
/// buffer's high-water mark, the growth is charged first. `ip`, `sp`, `locals` and `fn`
/// (the interpreter's registers) then describe the callee. Traps (with `cx.trap_reason`)
/// when the internal call depth or the frame buffer limit would be exceeded.
[[gnu::always_inline]] inline Exit enter_function(Context& cx, InternalFrames& frames, int64_t& gas,
                                                  uint16_t callee, const Instr*& ip, Word*& sp,
                                                  Word*& locals, uint16_t& fn) {
  const FunctionInfo& f = cx.prog.container.functions[callee];
  if (frames.calls.size() >= kMaxInternalDepth) {
    cx.trap_reason = "internal call depth limit of 1024 exceeded";
    return Exit::Trap;
  }
  std::vector<Word>& words = frames.words;
  const size_t new_locals = static_cast<size_t>(sp - words.data()) - f.params;
  const size_t top = new_locals + frame_size(f);
  if (top > cx.frame_words) [[unlikely]] {
    if (top > kMaxFrameWords) {
      cx.trap_reason = "frame stack limit exceeded";
      return Exit::Trap;
    }
    if (!charge_frame_words(cx, gas, top)) return Exit::OutOfGas;
    if (top > words.size()) {
      // Offsets, not the registers' addresses, cross the call, so sp and locals stay in
      // registers in the interpreter loop.
      const size_t sp_off = static_cast<size_t>(sp - words.data());
      const size_t locals_off = static_cast<size_t>(locals - words.data());
      Word* const base = grow_word_buffer(words, top);
      sp = base + sp_off;
      locals = base + locals_off;
    }
  }
  frames.calls.push_back(CallRecord{ip + 1, static_cast<size_t>(locals - words.data()), fn});
  locals = words.data() + new_locals;
  std::fill(locals + f.params, locals + f.params + f.locals, Word{});
  sp = locals + f.params + f.locals;
  fn = callee;
  ip = cx.prog.code.data() + cx.prog.entry[callee];
  return Exit::None;
}

/// RETF: moves the results of function `fn` down to where its locals began (the top of
/// the caller's stack after the call) and resumes the caller: `ip`, `sp`, `locals` and
/// `fn` then describe the caller. False when `fn` has no caller (the external frame
/// ends), leaving the registers as they were.
[[gnu::always_inline]] inline bool leave_function(InternalFrames& frames, const Program& prog,
                                                  const Instr*& ip, Word*& sp, Word*& locals,
                                                  uint16_t& fn) {
  if (frames.calls.empty()) return false;
  const unsigned results = prog.container.functions[fn].results;
  std::memmove(static_cast<void*>(locals), sp - results, results * sizeof(Word));  // may overlap
  sp = locals + results;
  const CallRecord caller = frames.calls.back();
  frames.calls.pop_back();
  locals = frames.words.data() + caller.locals;
  ip = caller.return_to;
  fn = caller.function;
  return true;
}

template <bool kTrace>
ExecResult run(const Frame& frame, Tracer* tracer) {
  static const void* const kLabels[kHandlerCount] = {
#define TENET_X(name, ...) &&op_##name,
      TENET_OPCODES(TENET_X)
#undef TENET_X
      &&op_BLOCK, &&op_PUSHSMALL};

  const Program& prog = frame.program;
  const std::vector<FunctionInfo>& fns = prog.container.functions;
  const Instr* const code = prog.code.data();
  const Word* const constants = prog.constants.data();
  Context cx{frame.host, frame.msg, prog, frame.is_static, {}, {}};
  const std::span<const uint8_t> input = frame.msg.input;

  uint16_t fn = frame.function;
  int64_t gas = frame.msg.gas;
  // The entry function's frame is paid for (growth of the word buffer from 0) before its
  // first block, and the buffer starts at exactly that size.
  if (!charge_frame_words(cx, gas, frame_size(fns[fn])))
    return ExecResult{Status::OutOfGas, 0, {}, {}, "out of gas"};
  InternalFrames frames;
  frames.words.resize(cx.frame_words);
  Word* locals = frames.words.data();
  Word* sp = locals + fns[fn].params + fns[fn].locals;
  const Instr* ip = code + prog.entry[fn];
  uint8_t panic_code = 0;
  Exit exit = Exit::None;
  Range range;

  // Handlers read their operands at fixed offsets below `sp` and write their result in
  // place of the first operand (ARGS / RESULT); DONE then applies the instruction's
  // stack effect from the opcode table, a compile-time constant.
#define DISPATCH()                                                                          \
  do {                                                                                      \
    if constexpr (kTrace) {                                                                 \
      if (ip->op != kOpBlock) {                                                             \
        const size_t index_ = static_cast<size_t>(ip - code);                               \
        Word* base_ = locals + fns[fn].params + fns[fn].locals;                             \
        tracer->on_instruction(frame.msg.depth, fn, prog.code[index_].pc(), raw_op(prog, index_), gas, \
                               std::span<const Word>(base_, static_cast<size_t>(sp - base_))); \
      }                                                                                     \
    }                                                                                       \
    goto* kLabels[ip->op];                                                                  \
  } while (0)
#define NEXT() \
  do {         \
    ++ip;      \
    DISPATCH(); \
  } while (0)
/// The first (bottommost) operand of instruction `name`.
#define ARGS(name) (sp - kPops<Op::name>)
/// Where the single result of instruction `name` goes: in place of its first operand.
#define RESULT(name) (ARGS(name)[0])
/// Moves `sp` by the stack effect of instruction `name`.
#define POP_PUSH(name) (sp += kStackChange<Op::name>)
/// Instruction `name` is done: applies its stack effect and runs the next instruction.
#define DONE(name)  \
  do {              \
    POP_PUSH(name); \
    NEXT();         \
  } while (0)
#define BINARY(name, expr)                                               \
  do {                                                                   \
    static_assert(kPops<Op::name> == 2 && kStackChange<Op::name> == -1); \
    const Word& a = sp[-2];                                              \
    const Word& b = sp[-1];                                              \
    RESULT(name) = (expr);                                               \
    DONE(name);                                                          \
  } while (0)
#define UNARY(name, expr)                                               \
  do {                                                                  \
    static_assert(kPops<Op::name> == 1 && kStackChange<Op::name> == 0); \
    const Word& a = sp[-1];                                             \
    RESULT(name) = (expr);                                              \
    DONE(name);                                                         \
  } while (0)
#define PANIC(code)      \
  do {                   \
    panic_code = (code); \
    goto panic;          \
  } while (0)
#define CHECK(exit_expr)                                   \
  do {                                                     \
    exit = (exit_expr);                                    \
    if (exit == Exit::OutOfGas) goto out_of_gas;           \
    if (exit == Exit::Trap) goto trap;                     \
  } while (0)
/// Grows memory over [off, off + len) into `range`, or runs out of gas.
#define MEMORY(off, len)                                            \
  do {                                                              \
    if (!reserve_memory(cx, gas, off, len, range)) goto out_of_gas; \
  } while (0)
/// Charges a dynamic cost, or runs out of gas.
#define CHARGE(cost)                         \
  do {                                       \
    if (!charge(gas, cost)) goto out_of_gas; \
  } while (0)
#define CHARGE_WORDS(len, per_word)                         \
  do {                                                      \
    if (!charge_words(gas, len, per_word)) goto out_of_gas; \
  } while (0)

  DISPATCH();

op_BLOCK:
  gas -= ip->imm;
  if (gas < 0) goto out_of_gas;
  NEXT();

  // ---- control ----
op_STOP:
  return ExecResult{Status::Success, gas, {}, {}, {}};
op_TRAP:
  cx.trap_reason = "TRAP instruction";
  goto trap;
op_RETURN:
  MEMORY(sp[-2], sp[-1]);
  return ExecResult{Status::Success, gas,
                    std::vector<uint8_t>(cx.memory.begin() + static_cast<ptrdiff_t>(range.offset),
                                         cx.memory.begin() + static_cast<ptrdiff_t>(range.offset + range.size)),
                    {}, {}};
op_REVERT:
  MEMORY(sp[-2], sp[-1]);
  return ExecResult{Status::Revert, gas,
                    std::vector<uint8_t>(cx.memory.begin() + static_cast<ptrdiff_t>(range.offset),
                                         cx.memory.begin() + static_cast<ptrdiff_t>(range.offset + range.size)),
                    {}, {}};
op_PANIC:
  PANIC(static_cast<uint8_t>(ip->imm));
op_JUMP:
  ip = code + ip->imm;
  DISPATCH();
op_JUMPI: {
  const bool taken = !sp[-1].is_zero();
  POP_PUSH(JUMPI);
  if (taken) {
    ip = code + ip->imm;
    DISPATCH();
  }
  NEXT();
}
op_JUMPTABLE: {
  const std::vector<uint32_t>& table = prog.tables[ip->imm];
  const Word& i = sp[-1];
  const uint32_t target =
      i.fits_u64() && i.low64() < table.size() - 1 ? table[i.low64() + 1] : table[0];
  POP_PUSH(JUMPTABLE);
  ip = code + target;
  DISPATCH();
}
op_CALLF:
  CHECK(enter_function(cx, frames, gas, static_cast<uint16_t>(ip->imm), ip, sp, locals, fn));
  DISPATCH();
op_RETF:
  if (!leave_function(frames, prog, ip, sp, locals, fn))
    return ExecResult{Status::Success, gas, {}, {}, {}};
  DISPATCH();
op_SELECT:
  RESULT(SELECT) = sp[-1].is_zero() ? sp[-2] : sp[-3];
  DONE(SELECT);

  // ---- constants, stack, locals ----
op_PUSHSMALL:  // PUSH0 / PUSH1 / PUSH4 with the value as the immediate
  sp[0] = Word{ip->imm};
  DONE(PUSH0);
op_PUSH0:
op_PUSH1:
op_PUSH4:
op_PUSH8:
  __builtin_unreachable();  // pre-decoded into PUSHSMALL / PUSHC
op_PUSHC:
  sp[0] = constants[ip->imm];
  DONE(PUSHC);
op_POP:
  DONE(POP);
op_DUP:
  sp[0] = sp[-1 - static_cast<ptrdiff_t>(ip->imm)];
  DONE(DUP);
op_SWAP:
  std::swap(sp[-1], sp[-1 - static_cast<ptrdiff_t>(ip->imm)]);
  DONE(SWAP);
op_LGET:
  sp[0] = locals[ip->imm];
  DONE(LGET);
op_LSET:
  locals[ip->imm] = sp[-1];
  DONE(LSET);
op_LTEE:
  locals[ip->imm] = sp[-1];
  DONE(LTEE);

  // ---- wrapping arithmetic ----
op_ADD:
  BINARY(ADD, add(a, b));
op_SUB:
  BINARY(SUB, sub(a, b));
op_MUL:
  BINARY(MUL, mul(a, b));
op_DIV:
  BINARY(DIV, udiv(a, b));
op_SDIV:
  BINARY(SDIV, sdiv(a, b));
op_MOD:
  BINARY(MOD, umod(a, b));
op_SMOD:
  BINARY(SMOD, smod(a, b));
op_ADDMOD:
  RESULT(ADDMOD) = addmod(sp[-3], sp[-2], sp[-1]);
  DONE(ADDMOD);
op_MULMOD:
  RESULT(MULMOD) = mulmod(sp[-3], sp[-2], sp[-1]);
  DONE(MULMOD);
op_EXP:
  CHARGE(kExpPerByteCost * exponent_bytes(sp[-1]));
  BINARY(EXP, exp(a, b));
op_SEXT:
  UNARY(SEXT, sign_extend_bit(a, ip->imm));
op_MULO:
  BINARY(MULO, Word{mul_overflows(a, b) ? 1u : 0u});

  // ---- checked arithmetic ----
op_ADDC: {
  bool carry;
  const Word r = add_carry(sp[-2], sp[-1], carry);
  if (carry) PANIC(0x11);
  RESULT(ADDC) = r;
  DONE(ADDC);
}
op_SUBC:
  if (lt(sp[-2], sp[-1])) PANIC(0x11);
  BINARY(SUBC, sub(a, b));
op_MULC:
  if (mul_overflows(sp[-2], sp[-1])) PANIC(0x11);
  BINARY(MULC, mul(a, b));
op_DIVC:
  if (sp[-1].is_zero()) PANIC(0x12);
  BINARY(DIVC, udiv(a, b));
op_MODC:
  if (sp[-1].is_zero()) PANIC(0x12);
  BINARY(MODC, umod(a, b));
op_SADDC: {
  const Word r = add(sp[-2], sp[-1]);
  if (bit_and(bit_xor(sp[-2], r), bit_xor(sp[-1], r)).is_negative()) PANIC(0x11);
  RESULT(SADDC) = r;
  DONE(SADDC);
}
op_SSUBC: {
  const Word r = sub(sp[-2], sp[-1]);
  if (bit_and(bit_xor(sp[-2], sp[-1]), bit_xor(sp[-2], r)).is_negative()) PANIC(0x11);
  RESULT(SSUBC) = r;
  DONE(SSUBC);
}
op_SMULC: {
  Word r;
  if (!checked_smul(sp[-2], sp[-1], r)) PANIC(0x11);
  RESULT(SMULC) = r;
  DONE(SMULC);
}
op_SDIVC: {
  if (sp[-1].is_zero()) PANIC(0x12);
  const Word min{0, 0, 0, uint64_t{1} << 63};
  if (sp[-2] == min && sp[-1] == bit_not(Word{})) PANIC(0x11);
  BINARY(SDIVC, sdiv(a, b));
}
op_SMODC:
  if (sp[-1].is_zero()) PANIC(0x12);
  BINARY(SMODC, smod(a, b));
op_EXPC: {
  CHARGE(kExpPerByteCost * exponent_bytes(sp[-1]));
  Word r;
  if (!checked_exp(sp[-2], sp[-1], r)) PANIC(0x11);
  RESULT(EXPC) = r;
  DONE(EXPC);
}

  // ---- comparison and bitwise ----
op_LT:
  BINARY(LT, Word{lt(a, b) ? 1u : 0u});
op_GT:
  BINARY(GT, Word{lt(b, a) ? 1u : 0u});
op_SLT:
  BINARY(SLT, Word{slt(a, b) ? 1u : 0u});
op_SGT:
  BINARY(SGT, Word{slt(b, a) ? 1u : 0u});
op_EQ:
  BINARY(EQ, Word{a == b ? 1u : 0u});
op_ISZERO:
  UNARY(ISZERO, Word{a.is_zero() ? 1u : 0u});
op_AND:
  BINARY(AND, bit_and(a, b));
op_OR:
  BINARY(OR, bit_or(a, b));
op_XOR:
  BINARY(XOR, bit_xor(a, b));
op_NOT:
  UNARY(NOT, bit_not(a));
op_SHL:
  BINARY(SHL, shl(a, b));
op_SHR:
  BINARY(SHR, shr(a, b));
op_SAR:
  BINARY(SAR, sar(a, b));
op_BYTE:
  BINARY(BYTE, byte_at(a, b));
op_CLZ:
  UNARY(CLZ, Word{count_leading_zeros(a)});
op_CTZ:
  UNARY(CTZ, Word{count_trailing_zeros(a)});
op_POPCNT:
  UNARY(POPCNT, Word{popcount(a)});
op_BSWAP:
  UNARY(BSWAP, byte_swap(a));

  // ---- memory ----
op_MLOAD:
  MEMORY(sp[-1], Word{32});
  RESULT(MLOAD) = word_from_be(cx.memory.data() + range.offset);
  DONE(MLOAD);
op_MSTORE:
  MEMORY(sp[-2], Word{32});
  word_to_be(sp[-1], cx.memory.data() + range.offset);
  DONE(MSTORE);
op_MSTORE8:
  MEMORY(sp[-2], Word{1});
  cx.memory[range.offset] = static_cast<uint8_t>(sp[-1].low64());
  DONE(MSTORE8);
op_MSIZE:
  sp[0] = Word{cx.memory.size()};
  DONE(MSIZE);
op_MCOPY: {
  Range src;
  MEMORY(sp[-3], sp[-1]);
  if (!reserve_memory(cx, gas, sp[-2], sp[-1], src)) goto out_of_gas;
  CHARGE_WORDS(range.size, kCopyPerWordCost);
  if (range.size) std::memmove(cx.memory.data() + range.offset, cx.memory.data() + src.offset, range.size);
  DONE(MCOPY);
}
op_MFILL:
  MEMORY(sp[-3], sp[-1]);
  CHARGE_WORDS(range.size, kCopyPerWordCost);
  if (range.size) std::memset(cx.memory.data() + range.offset, static_cast<uint8_t>(sp[-2].low64()), range.size);
  DONE(MFILL);

  // ---- call data and return data ----
op_CALLDATALOAD: {
  uint8_t buf[32];
  copy_padded(buf, input, sp[-1], 32);
  RESULT(CALLDATALOAD) = word_from_be(buf);
  DONE(CALLDATALOAD);
}
op_CALLDATASIZE:
  sp[0] = Word{input.size()};
  DONE(CALLDATASIZE);
op_CALLDATACOPY:
  MEMORY(sp[-3], sp[-1]);
  CHARGE_WORDS(range.size, kCopyPerWordCost);
  if (range.size) copy_padded(cx.memory.data() + range.offset, input, sp[-2], range.size);
  DONE(CALLDATACOPY);
op_RETURNDATASIZE:
  sp[0] = Word{cx.return_data.size()};
  DONE(RETURNDATASIZE);
op_RETURNDATACOPY: {
  const Word end = add(sp[-2], sp[-1]);
  if (!sp[-2].fits_u64() || !sp[-1].fits_u64() || lt(end, sp[-2]) || lt(Word{cx.return_data.size()}, end)) {
    cx.trap_reason = "RETURNDATACOPY reads past the end of the return data";
    goto trap;
  }
  MEMORY(sp[-3], sp[-1]);
  CHARGE_WORDS(range.size, kCopyPerWordCost);
  if (range.size) std::memcpy(cx.memory.data() + range.offset, cx.return_data.data() + sp[-2].low64(), range.size);
  DONE(RETURNDATACOPY);
}

  // ---- storage ----
op_SLOAD:
  CHARGE(access_cost(cx.host.access_storage(frame.msg.recipient, sp[-1]), kColdStorageAccessCost));
  RESULT(SLOAD) = cx.host.get_storage(frame.msg.recipient, sp[-1]);
  DONE(SLOAD);
op_SSTORE:
  CHECK(store(cx, gas, sp[-2], sp[-1]));
  DONE(SSTORE);

  // ---- hashing and signatures ----
op_KECCAK256:
  MEMORY(sp[-2], sp[-1]);
  CHARGE_WORDS(range.size, kKeccakPerWordCost);
  RESULT(KECCAK256) =
      hash_word(keccak256(std::span<const uint8_t>(cx.memory.data() + range.offset, range.size)));
  DONE(KECCAK256);
op_SHA256:
  MEMORY(sp[-2], sp[-1]);
  CHARGE_WORDS(range.size, kSha256PerWordCost);
  RESULT(SHA256) =
      hash_word(sha256(std::span<const uint8_t>(cx.memory.data() + range.offset, range.size)));
  DONE(SHA256);
op_ECRECOVER: {
  Hash256 digest;
  word_to_be(sp[-4], digest.data());
  const auto signer = ecrecover(digest, sp[-3], sp[-2], sp[-1]);
  RESULT(ECRECOVER) = signer ? to_word(*signer) : Word{};
  DONE(ECRECOVER);
}

  // ---- context ----
op_ADDRESS:
  sp[0] = to_word(frame.msg.recipient);
  DONE(ADDRESS);
op_CALLER:
  sp[0] = to_word(frame.msg.sender);
  DONE(CALLER);
op_CALLVALUE:
  sp[0] = frame.msg.value;
  DONE(CALLVALUE);
op_ORIGIN:
op_GASPRICE:
op_COINBASE:
op_TIMESTAMP:
op_NUMBER:
op_CHAINID:
op_GASLIMIT:
op_BASEFEE:
op_DIFFICULTY:  // all take nothing and push one value
  sp[0] = context_value(cx, raw_op(prog, static_cast<size_t>(ip - code)));
  DONE(ORIGIN);
op_GAS:
  sp[0] = Word{static_cast<uint64_t>(gas)};
  DONE(GAS);
op_BALANCE: {
  const Address a = to_address(sp[-1]);
  CHARGE(account_access_cost(cx.host, a, kWarmAccessCost, kColdAccountAccessCost));
  RESULT(BALANCE) = cx.host.get_balance(a);
  DONE(BALANCE);
}
op_SELFBALANCE:
  sp[0] = cx.host.get_balance(frame.msg.recipient);
  DONE(SELFBALANCE);
op_EXTCODESIZE: {
  const Address a = to_address(sp[-1]);
  CHARGE(account_access_cost(cx.host, a, kWarmAccessCost, kColdAccountAccessCost));
  RESULT(EXTCODESIZE) = Word{cx.host.get_code_size(a)};
  DONE(EXTCODESIZE);
}

  // ---- block history ----
op_BLOCKHASH:
  RESULT(BLOCKHASH) = block_hash(cx, sp[-1]);
  DONE(BLOCKHASH);

  // ---- value, calls, creation ----
op_TRANSFER: {
  if (cx.is_static) {
    cx.trap_reason = "TRANSFER in a static context";
    goto trap;
  }
  const Address to = to_address(sp[-2]);
  CHARGE(account_access_cost(cx.host, to, 0, kColdAccountSurcharge));
  RESULT(TRANSFER) = Word{cx.host.transfer(frame.msg.recipient, to, sp[-1]) ? 1u : 0u};
  DONE(TRANSFER);
}
op_CALL: {
  Word r;
  CHECK(external_call(cx, gas, ARGS(CALL), false, r));
  RESULT(CALL) = r;
  DONE(CALL);
}
op_STATICCALL: {
  Word r;
  CHECK(external_call(cx, gas, ARGS(STATICCALL), true, r));
  RESULT(STATICCALL) = r;
  DONE(STATICCALL);
}
op_CREATE: {
  Word r;
  CHECK(create_child(cx, gas, ARGS(CREATE), ip->imm, r));
  RESULT(CREATE) = r;
  DONE(CREATE);
}

  // ---- logs ----
op_LOG0:
  CHECK(emit_log(cx, gas, ARGS(LOG0), 0));
  DONE(LOG0);
op_LOG1:
  CHECK(emit_log(cx, gas, ARGS(LOG1), 1));
  DONE(LOG1);
op_LOG2:
  CHECK(emit_log(cx, gas, ARGS(LOG2), 2));
  DONE(LOG2);
op_LOG3:
  CHECK(emit_log(cx, gas, ARGS(LOG3), 3));
  DONE(LOG3);
op_LOG4:
  CHECK(emit_log(cx, gas, ARGS(LOG4), 4));
  DONE(LOG4);
op_DEBUGLOG:
  MEMORY(sp[-2], sp[-1]);
  CHARGE(kDebugLogPerByteCost * range.size);
  cx.host.debug_log(frame.msg.recipient, std::span<const uint8_t>(cx.memory.data() + range.offset, range.size));
  DONE(DEBUGLOG);

  // ---- test mode ----
op_CHEAT:
  MEMORY(sp[-2], sp[-1]);
  RESULT(CHEAT) = run_cheat(cx, static_cast<uint16_t>(ip->imm), range);
  DONE(CHEAT);

panic:
  return ExecResult{Status::Revert, gas, panic_data(panic_code), {}, {}};
out_of_gas:
  return ExecResult{Status::OutOfGas, 0, {}, {}, "out of gas"};
trap:
  return ExecResult{Status::Trap, 0, {}, {}, cx.trap_reason};

#undef DISPATCH
#undef NEXT
#undef ARGS
#undef RESULT
#undef POP_PUSH
#undef DONE
#undef BINARY
#undef UNARY
#undef PANIC
#undef CHECK
#undef MEMORY
#undef CHARGE
#undef CHARGE_WORDS
}

}  // namespace

ExecResult interpret(const Frame& frame) { return run<false>(frame, nullptr); }
ExecResult interpret_traced(const Frame& frame, Tracer& tracer) { return run<true>(frame, &tracer); }

}  // namespace tenet::vm

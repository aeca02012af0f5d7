#include "interpreter.hpp"

#include <algorithm>
#include <cstring>

#include "tenet/vm/crypto.hpp"

namespace tenet::vm {
namespace {

/// Internal calls nested inside one external frame.
constexpr size_t kMaxInternalDepth = 1024;
/// Words of locals and operand stack one external frame may use.
constexpr size_t kMaxFrameWords = size_t{1} << 22;
/// Memory beyond this many bytes is out of gas by definition.
constexpr uint64_t kMaxMemory = uint64_t{1} << 32;

/// Gas of `words` 32-byte memory words: 3w + w²/512.
uint64_t memory_cost(uint64_t words) { return 3 * words + words * words / 512; }

/// Number of 32-byte words covering `len` bytes.
uint64_t words_of(uint64_t len) { return (len + 31) / 32; }

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
};

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
    const uint64_t cost = memory_cost(new_words) - memory_cost(old_words);
    if (cost > static_cast<uint64_t>(gas)) return false;
    gas -= static_cast<int64_t>(cost);
    cx.memory.resize(new_words * 32, 0);
  }
  out = {o, n};
  return true;
}

/// Charges `per_word` gas per 32-byte word of `len` bytes. False when out of gas.
bool charge_words(int64_t& gas, uint64_t len, uint64_t per_word) {
  const uint64_t cost = words_of(len) * per_word;
  if (cost > static_cast<uint64_t>(gas)) return false;
  gas -= static_cast<int64_t>(cost);
  return true;
}

/// Charges a fixed dynamic cost. False when out of gas.
bool charge(int64_t& gas, uint64_t cost) {
  if (cost > static_cast<uint64_t>(gas)) return false;
  gas -= static_cast<int64_t>(cost);
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

/// CALL and STATICCALL. `sp` points one past the top; returns the new top value.
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
  uint64_t extra = cx.host.access_account(to) == Access::Cold ? 2500 : 0;
  if (!value.is_zero()) extra += 9000;
  if (!charge(gas, extra)) return Exit::OutOfGas;
  const int64_t cap = gas - gas / 64;
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

/// CREATE of child container `index`.
Exit create_child(Context& cx, int64_t& gas, Word* args, uint32_t index, Word& result) {
  if (cx.is_static) {
    cx.trap_reason = "CREATE in a static context";
    return Exit::Trap;
  }
  const std::vector<uint8_t>& init = cx.prog.container.children[index];
  Range in;
  if (!reserve_memory(cx, gas, args[1], args[2], in)) return Exit::OutOfGas;
  if (!charge(gas, 200 * static_cast<uint64_t>(init.size()))) return Exit::OutOfGas;
  const int64_t forwarded = gas - gas / 64;
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

/// LOG0..LOG4.
Exit emit_log(Context& cx, int64_t& gas, Word* args, unsigned topics) {
  if (cx.is_static) {
    cx.trap_reason = "LOG in a static context";
    return Exit::Trap;
  }
  Range r;
  if (!reserve_memory(cx, gas, args[0], args[1], r)) return Exit::OutOfGas;
  if (!charge(gas, 8 * r.size)) return Exit::OutOfGas;
  cx.host.emit_log(cx.msg.recipient, std::span<const uint8_t>(cx.memory.data() + r.offset, r.size),
                   std::span<const Word>(args + 2, topics));
  return Exit::None;
}

/// SSTORE.
Exit store(Context& cx, int64_t& gas, const Word& key, const Word& value) {
  if (cx.is_static) {
    cx.trap_reason = "SSTORE in a static context";
    return Exit::Trap;
  }
  uint64_t cost = cx.host.access_storage(cx.msg.recipient, key) == Access::Cold ? 2100 : 0;
  switch (cx.host.set_storage(cx.msg.recipient, key, value)) {
    case StorageChange::Added: cost += 20000; break;
    case StorageChange::Modified: cost += 2900; break;
    case StorageChange::Unchanged:
    case StorageChange::Dirty: cost += 100; break;
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
    default: return Word{};
  }
}

/// The code offset and raw opcode of a pre-decoded instruction.
Op raw_op(const Program& prog, size_t index) {
  return static_cast<Op>(prog.container.code[prog.pc[index]]);
}

/// One saved internal frame.
struct CallRecord {
  const Instr* return_to;
  size_t locals;  // offset of the caller's locals in the word buffer
  uint16_t function;
};

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
  std::vector<Word> words(std::max<size_t>(256, size_t{fns[fn].params} + fns[fn].locals + fns[fn].max_stack));
  std::vector<CallRecord> calls;
  Word* locals = words.data();
  Word* sp = locals + fns[fn].params + fns[fn].locals;
  const Instr* ip = code + prog.entry[fn];
  int64_t gas = frame.msg.gas;
  uint8_t panic_code = 0;
  Exit exit = Exit::None;
  Range range;

#define DISPATCH()                                                                          \
  do {                                                                                      \
    if constexpr (kTrace) {                                                                 \
      if (ip->op != kOpBlock) {                                                             \
        const size_t index_ = static_cast<size_t>(ip - code);                               \
        Word* base_ = locals + fns[fn].params + fns[fn].locals;                             \
        tracer->on_instruction(frame.msg.depth, fn, prog.pc[index_], raw_op(prog, index_), gas, \
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
#define BINARY(expr)                 \
  do {                               \
    const Word& a = sp[-2];          \
    const Word& b = sp[-1];          \
    sp[-2] = (expr);                 \
    --sp;                            \
    NEXT();                          \
  } while (0)
#define UNARY(expr)        \
  do {                     \
    const Word& a = sp[-1]; \
    sp[-1] = (expr);       \
    NEXT();                \
  } while (0)
#define CHECK(exit_expr)                                   \
  do {                                                     \
    exit = (exit_expr);                                    \
    if (exit == Exit::OutOfGas) goto out_of_gas;           \
    if (exit == Exit::Trap) goto trap;                     \
  } while (0)
#define MEMORY(off, len) \
  if (!reserve_memory(cx, gas, off, len, range)) goto out_of_gas

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
  panic_code = static_cast<uint8_t>(ip->imm);
  goto panic;
op_JUMP:
  ip = code + ip->imm;
  DISPATCH();
op_JUMPI:
  --sp;
  if (!sp->is_zero()) {
    ip = code + ip->imm;
    DISPATCH();
  }
  NEXT();
op_JUMPTABLE: {
  const std::vector<uint32_t>& table = prog.tables[ip->imm];
  --sp;
  const Word& i = *sp;
  ip = code + (i.fits_u64() && i.low64() < table.size() - 1 ? table[i.low64() + 1] : table[0]);
  DISPATCH();
}
op_CALLF: {
  const uint16_t callee = static_cast<uint16_t>(ip->imm);
  const FunctionInfo& f = fns[callee];
  if (calls.size() >= kMaxInternalDepth) {
    cx.trap_reason = "internal call depth limit of 1024 exceeded";
    goto trap;
  }
  size_t new_locals = static_cast<size_t>(sp - words.data()) - f.params;
  const size_t need = new_locals + f.params + f.locals + f.max_stack;
  if (need > words.size()) {
    if (need > kMaxFrameWords) {
      cx.trap_reason = "frame stack limit exceeded";
      goto trap;
    }
    const size_t locals_off = static_cast<size_t>(locals - words.data());
    const size_t sp_off = static_cast<size_t>(sp - words.data());
    // Never beyond the limit: a larger buffer would let later calls skip the check above.
    words.resize(std::min(kMaxFrameWords, std::max(need, words.size() * 2)));
    locals = words.data() + locals_off;
    sp = words.data() + sp_off;
  }
  calls.push_back(CallRecord{ip + 1, static_cast<size_t>(locals - words.data()), fn});
  locals = words.data() + new_locals;
  std::fill(locals + f.params, locals + f.params + f.locals, Word{});
  sp = locals + f.params + f.locals;
  fn = callee;
  ip = code + prog.entry[callee];
  DISPATCH();
}
op_RETF: {
  if (calls.empty()) return ExecResult{Status::Success, gas, {}, {}, {}};
  const unsigned results = fns[fn].results;
  std::memmove(static_cast<void*>(locals), sp - results, results * sizeof(Word));  // may overlap
  sp = locals + results;
  const CallRecord rec = calls.back();
  calls.pop_back();
  locals = words.data() + rec.locals;
  ip = rec.return_to;
  fn = rec.function;
  DISPATCH();
}
op_SELECT:
  sp[-3] = sp[-1].is_zero() ? sp[-2] : sp[-3];
  sp -= 2;
  NEXT();

  // ---- constants, stack, locals ----
op_PUSHSMALL:
  *sp++ = Word{ip->imm};
  NEXT();
op_PUSH0:
op_PUSH1:
op_PUSH4:
op_PUSH8:
  __builtin_unreachable();  // pre-decoded into PUSHSMALL / PUSHC
op_PUSHC:
  *sp++ = constants[ip->imm];
  NEXT();
op_POP:
  --sp;
  NEXT();
op_DUP:
  *sp = sp[-1 - static_cast<ptrdiff_t>(ip->imm)];
  ++sp;
  NEXT();
op_SWAP:
  std::swap(sp[-1], sp[-1 - static_cast<ptrdiff_t>(ip->imm)]);
  NEXT();
op_LGET:
  *sp++ = locals[ip->imm];
  NEXT();
op_LSET:
  locals[ip->imm] = *--sp;
  NEXT();
op_LTEE:
  locals[ip->imm] = sp[-1];
  NEXT();

  // ---- wrapping arithmetic ----
op_ADD: BINARY(add(a, b));
op_SUB: BINARY(sub(a, b));
op_MUL: BINARY(mul(a, b));
op_DIV: BINARY(udiv(a, b));
op_SDIV: BINARY(sdiv(a, b));
op_MOD: BINARY(umod(a, b));
op_SMOD: BINARY(smod(a, b));
op_ADDMOD:
  sp[-3] = addmod(sp[-3], sp[-2], sp[-1]);
  sp -= 2;
  NEXT();
op_MULMOD:
  sp[-3] = mulmod(sp[-3], sp[-2], sp[-1]);
  sp -= 2;
  NEXT();
op_EXP:
  if (!charge(gas, 50 * exponent_bytes(sp[-1]))) goto out_of_gas;
  BINARY(exp(a, b));
op_SEXT:
  UNARY(sign_extend_bit(a, ip->imm));
op_MULO: BINARY(Word{mul_overflows(a, b) ? 1u : 0u});

  // ---- checked arithmetic ----
op_ADDC: {
  bool carry;
  const Word r = add_carry(sp[-2], sp[-1], carry);
  if (carry) { panic_code = 0x11; goto panic; }
  sp[-2] = r;
  --sp;
  NEXT();
}
op_SUBC:
  if (lt(sp[-2], sp[-1])) { panic_code = 0x11; goto panic; }
  BINARY(sub(a, b));
op_MULC:
  if (mul_overflows(sp[-2], sp[-1])) { panic_code = 0x11; goto panic; }
  BINARY(mul(a, b));
op_DIVC:
  if (sp[-1].is_zero()) { panic_code = 0x12; goto panic; }
  BINARY(udiv(a, b));
op_MODC:
  if (sp[-1].is_zero()) { panic_code = 0x12; goto panic; }
  BINARY(umod(a, b));
op_SADDC: {
  const Word r = add(sp[-2], sp[-1]);
  if (bit_and(bit_xor(sp[-2], r), bit_xor(sp[-1], r)).is_negative()) { panic_code = 0x11; goto panic; }
  sp[-2] = r;
  --sp;
  NEXT();
}
op_SSUBC: {
  const Word r = sub(sp[-2], sp[-1]);
  if (bit_and(bit_xor(sp[-2], sp[-1]), bit_xor(sp[-2], r)).is_negative()) { panic_code = 0x11; goto panic; }
  sp[-2] = r;
  --sp;
  NEXT();
}
op_SMULC: {
  Word r;
  if (!checked_smul(sp[-2], sp[-1], r)) { panic_code = 0x11; goto panic; }
  sp[-2] = r;
  --sp;
  NEXT();
}
op_SDIVC: {
  if (sp[-1].is_zero()) { panic_code = 0x12; goto panic; }
  const Word min{0, 0, 0, uint64_t{1} << 63};
  if (sp[-2] == min && sp[-1] == bit_not(Word{})) { panic_code = 0x11; goto panic; }
  BINARY(sdiv(a, b));
}
op_SMODC:
  if (sp[-1].is_zero()) { panic_code = 0x12; goto panic; }
  BINARY(smod(a, b));
op_EXPC: {
  if (!charge(gas, 50 * exponent_bytes(sp[-1]))) goto out_of_gas;
  Word r;
  if (!checked_exp(sp[-2], sp[-1], r)) { panic_code = 0x11; goto panic; }
  sp[-2] = r;
  --sp;
  NEXT();
}

  // ---- comparison and bitwise ----
op_LT: BINARY(Word{lt(a, b) ? 1u : 0u});
op_GT: BINARY(Word{lt(b, a) ? 1u : 0u});
op_SLT: BINARY(Word{slt(a, b) ? 1u : 0u});
op_SGT: BINARY(Word{slt(b, a) ? 1u : 0u});
op_EQ: BINARY(Word{a == b ? 1u : 0u});
op_ISZERO: UNARY(Word{a.is_zero() ? 1u : 0u});
op_AND: BINARY(bit_and(a, b));
op_OR: BINARY(bit_or(a, b));
op_XOR: BINARY(bit_xor(a, b));
op_NOT: UNARY(bit_not(a));
op_SHL: BINARY(shl(a, b));
op_SHR: BINARY(shr(a, b));
op_SAR: BINARY(sar(a, b));
op_BYTE: BINARY(byte_at(a, b));
op_CLZ: UNARY(Word{count_leading_zeros(a)});
op_CTZ: UNARY(Word{count_trailing_zeros(a)});
op_POPCNT: UNARY(Word{popcount(a)});
op_BSWAP: UNARY(byte_swap(a));

  // ---- memory ----
op_MLOAD:
  MEMORY(sp[-1], Word{32});
  sp[-1] = word_from_be(cx.memory.data() + range.offset);
  NEXT();
op_MSTORE:
  MEMORY(sp[-2], Word{32});
  word_to_be(sp[-1], cx.memory.data() + range.offset);
  sp -= 2;
  NEXT();
op_MSTORE8:
  MEMORY(sp[-2], Word{1});
  cx.memory[range.offset] = static_cast<uint8_t>(sp[-1].low64());
  sp -= 2;
  NEXT();
op_MSIZE:
  *sp++ = Word{cx.memory.size()};
  NEXT();
op_MCOPY: {
  Range src;
  MEMORY(sp[-3], sp[-1]);
  if (!reserve_memory(cx, gas, sp[-2], sp[-1], src)) goto out_of_gas;
  if (!charge_words(gas, range.size, 3)) goto out_of_gas;
  if (range.size) std::memmove(cx.memory.data() + range.offset, cx.memory.data() + src.offset, range.size);
  sp -= 3;
  NEXT();
}
op_MFILL:
  MEMORY(sp[-3], sp[-1]);
  if (!charge_words(gas, range.size, 3)) goto out_of_gas;
  if (range.size) std::memset(cx.memory.data() + range.offset, static_cast<uint8_t>(sp[-2].low64()), range.size);
  sp -= 3;
  NEXT();

  // ---- call data and return data ----
op_CALLDATALOAD: {
  uint8_t buf[32];
  copy_padded(buf, input, sp[-1], 32);
  sp[-1] = word_from_be(buf);
  NEXT();
}
op_CALLDATASIZE:
  *sp++ = Word{input.size()};
  NEXT();
op_CALLDATACOPY:
  MEMORY(sp[-3], sp[-1]);
  if (!charge_words(gas, range.size, 3)) goto out_of_gas;
  if (range.size) copy_padded(cx.memory.data() + range.offset, input, sp[-2], range.size);
  sp -= 3;
  NEXT();
op_RETURNDATASIZE:
  *sp++ = Word{cx.return_data.size()};
  NEXT();
op_RETURNDATACOPY: {
  const Word end = add(sp[-2], sp[-1]);
  if (!sp[-2].fits_u64() || !sp[-1].fits_u64() || lt(end, sp[-2]) || lt(Word{cx.return_data.size()}, end)) {
    cx.trap_reason = "RETURNDATACOPY reads past the end of the return data";
    goto trap;
  }
  MEMORY(sp[-3], sp[-1]);
  if (!charge_words(gas, range.size, 3)) goto out_of_gas;
  if (range.size) std::memcpy(cx.memory.data() + range.offset, cx.return_data.data() + sp[-2].low64(), range.size);
  sp -= 3;
  NEXT();
}

  // ---- storage ----
op_SLOAD:
  if (!charge(gas, cx.host.access_storage(frame.msg.recipient, sp[-1]) == Access::Cold ? 2100 : 100))
    goto out_of_gas;
  sp[-1] = cx.host.get_storage(frame.msg.recipient, sp[-1]);
  NEXT();
op_SSTORE:
  CHECK(store(cx, gas, sp[-2], sp[-1]));
  sp -= 2;
  NEXT();

  // ---- hashing and signatures ----
op_KECCAK256:
  MEMORY(sp[-2], sp[-1]);
  if (!charge_words(gas, range.size, 6)) goto out_of_gas;
  sp[-2] = hash_word(keccak256(std::span<const uint8_t>(cx.memory.data() + range.offset, range.size)));
  --sp;
  NEXT();
op_SHA256:
  MEMORY(sp[-2], sp[-1]);
  if (!charge_words(gas, range.size, 12)) goto out_of_gas;
  sp[-2] = hash_word(sha256(std::span<const uint8_t>(cx.memory.data() + range.offset, range.size)));
  --sp;
  NEXT();
op_ECRECOVER: {
  Hash256 digest;
  word_to_be(sp[-4], digest.data());
  const auto signer = ecrecover(digest, sp[-3], sp[-2], sp[-1]);
  sp[-4] = signer ? to_word(*signer) : Word{};
  sp -= 3;
  NEXT();
}

  // ---- context ----
op_ADDRESS:
  *sp++ = to_word(frame.msg.recipient);
  NEXT();
op_CALLER:
  *sp++ = to_word(frame.msg.sender);
  NEXT();
op_CALLVALUE:
  *sp++ = frame.msg.value;
  NEXT();
op_ORIGIN:
op_GASPRICE:
op_COINBASE:
op_TIMESTAMP:
op_NUMBER:
op_CHAINID:
op_GASLIMIT:
op_BASEFEE:
  *sp++ = context_value(cx, raw_op(prog, static_cast<size_t>(ip - code)));
  NEXT();
op_GAS:
  *sp++ = Word{static_cast<uint64_t>(gas)};
  NEXT();
op_BALANCE: {
  const Address a = to_address(sp[-1]);
  if (!charge(gas, cx.host.access_account(a) == Access::Cold ? 2600 : 100)) goto out_of_gas;
  sp[-1] = cx.host.get_balance(a);
  NEXT();
}
op_SELFBALANCE:
  *sp++ = cx.host.get_balance(frame.msg.recipient);
  NEXT();
op_EXTCODESIZE: {
  const Address a = to_address(sp[-1]);
  if (!charge(gas, cx.host.access_account(a) == Access::Cold ? 2600 : 100)) goto out_of_gas;
  sp[-1] = Word{cx.host.get_code_size(a)};
  NEXT();
}

  // ---- value, calls, creation ----
op_TRANSFER: {
  if (cx.is_static) {
    cx.trap_reason = "TRANSFER in a static context";
    goto trap;
  }
  const Address to = to_address(sp[-2]);
  if (!charge(gas, cx.host.access_account(to) == Access::Cold ? 2500 : 0)) goto out_of_gas;
  sp[-2] = Word{cx.host.transfer(frame.msg.recipient, to, sp[-1]) ? 1u : 0u};
  --sp;
  NEXT();
}
op_CALL: {
  Word r;
  CHECK(external_call(cx, gas, sp - 5, false, r));
  sp -= 4;
  sp[-1] = r;
  NEXT();
}
op_STATICCALL: {
  Word r;
  CHECK(external_call(cx, gas, sp - 4, true, r));
  sp -= 3;
  sp[-1] = r;
  NEXT();
}
op_CREATE: {
  Word r;
  CHECK(create_child(cx, gas, sp - 3, ip->imm, r));
  sp -= 2;
  sp[-1] = r;
  NEXT();
}

  // ---- logs ----
op_LOG0:
  CHECK(emit_log(cx, gas, sp - 2, 0));
  sp -= 2;
  NEXT();
op_LOG1:
  CHECK(emit_log(cx, gas, sp - 3, 1));
  sp -= 3;
  NEXT();
op_LOG2:
  CHECK(emit_log(cx, gas, sp - 4, 2));
  sp -= 4;
  NEXT();
op_LOG3:
  CHECK(emit_log(cx, gas, sp - 5, 3));
  sp -= 5;
  NEXT();
op_LOG4:
  CHECK(emit_log(cx, gas, sp - 6, 4));
  sp -= 6;
  NEXT();
op_DEBUGLOG:
  MEMORY(sp[-2], sp[-1]);
  cx.host.debug_log(frame.msg.recipient, std::span<const uint8_t>(cx.memory.data() + range.offset, range.size));
  sp -= 2;
  NEXT();

  // ---- test mode ----
op_CHEAT:
  MEMORY(sp[-2], sp[-1]);
  sp[-2] = run_cheat(cx, static_cast<uint16_t>(ip->imm), range);
  --sp;
  NEXT();

panic:
  return ExecResult{Status::Revert, gas, panic_data(panic_code), {}, {}};
out_of_gas:
  return ExecResult{Status::OutOfGas, 0, {}, {}, "out of gas"};
trap:
  return ExecResult{Status::Trap, 0, {}, {}, cx.trap_reason};

#undef DISPATCH
#undef NEXT
#undef BINARY
#undef UNARY
#undef CHECK
#undef MEMORY
}

}  // namespace

ExecResult interpret(const Frame& frame) { return run<false>(frame, nullptr); }
ExecResult interpret_traced(const Frame& frame, Tracer& tracer) { return run<true>(frame, &tracer); }

}  // namespace tenet::vm

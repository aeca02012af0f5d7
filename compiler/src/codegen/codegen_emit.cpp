/// \file
/// codegen's instruction encoder: opcodes and immediates from the opcode table, labels,
/// the constant pool and the line table (docs/compiler.md, "codegen").

#include <llvm/IR/DebugInfoMetadata.h>
#include <llvm/Support/raw_ostream.h>

#include "codegen_internal.hpp"
#include "tenet/vm/bytes.hpp"

namespace tenet::compiler::codegen {

vm::Word word_of(const llvm::APInt& v) {
  llvm::APInt z = v.zextOrTrunc(256);
  vm::Word w;
  for (unsigned i = 0; i < 4; ++i) w.limb[i] = z.extractBitsAsZExtValue(64, 64 * i);
  return w;
}


std::string print_instruction(const llvm::Value& inst) {
  std::string text;
  llvm::raw_string_ostream os(text);
  inst.print(os);
  os.flush();
  auto first = text.find_first_not_of(' ');
  return first == std::string::npos ? text : text.substr(first);
}

uint16_t ConstantPool::index_of(const vm::Word& w) {
  auto [it, inserted] = index_.try_emplace(w.limb, static_cast<uint16_t>(words_.size()));
  if (inserted) words_.push_back(w);
  return it->second;
}

SourcePos LineTable::position_of(const llvm::DebugLoc& loc) {
  const llvm::DILocation* di = loc.get();
  if (di == nullptr || di->getLine() == 0) return {};
  std::string name = di->getFilename().str();
  auto [it, inserted] = file_index_.try_emplace(name, static_cast<uint32_t>(files.size()));
  if (inserted) files.push_back(name);
  return SourcePos{it->second, di->getLine(), di->getColumn()};
}

void LineTable::note(uint32_t offset, const SourcePos& pos) {
  if (!rows.empty()) {
    const LineEntry& last = rows.back();
    if (last.file == pos.file && last.line == pos.line && last.column == pos.column) return;
  }
  rows.push_back(LineEntry{offset, pos.file, pos.line, pos.column});
}

Emitter::Emitter(std::vector<uint8_t>& code, ConstantPool& pool, LineTable& lines)
    : code_(code), pool_(pool), lines_(lines) {}

void Emitter::opcode(vm::Op op) {
  lines_.note(offset(), pos_);
  last_lset_ = -1;
  code_.push_back(static_cast<uint8_t>(op));
}

void Emitter::imm(uint64_t value, unsigned bytes) {
  vm::append_be(code_, value, bytes);
}

void Emitter::op(vm::Op op) {
  opcode(op);
}

void Emitter::op(vm::Op op, uint64_t value) {
  opcode(op);
  imm(value, vm::imm_size(vm::op_info(op).imm));
}

void Emitter::push(const vm::Word& w) {
  if (w.is_zero()) return op(vm::Op::PUSH0);
  if (w.fits_u64()) {
    uint64_t v = w.low64();
    if (v <= 0xff) return op(vm::Op::PUSH1, v);
    if (v <= 0xffffffff) return op(vm::Op::PUSH4, v);
    return op(vm::Op::PUSH8, v);
  }
  op(vm::Op::PUSHC, pool_.index_of(w));
}

void Emitter::local_get(uint16_t local) {
  if (last_lset_ >= 0 && last_bind_ != offset()) {
    size_t at = static_cast<size_t>(last_lset_);
    const auto set = vm::load_be<uint16_t>(&code_[at + 1]);
    if (set == local && at + 3 == code_.size()) {
      code_[at] = static_cast<uint8_t>(vm::Op::LTEE);
      last_lset_ = -1;
      return;
    }
  }
  op(vm::Op::LGET, local);
}

void Emitter::local_set(uint16_t local) {
  op(vm::Op::LSET, local);
  last_lset_ = static_cast<int64_t>(offset()) - 3;
}

Label Emitter::new_label() {
  label_offsets_.push_back(-1);
  return Label{static_cast<uint32_t>(label_offsets_.size() - 1)};
}

void Emitter::bind(Label label) {
  label_offsets_[label.id] = offset();
  last_bind_ = offset();
}

bool Emitter::bound_here(Label label) const {
  return label_offsets_[label.id] == offset();
}

void Emitter::jump(vm::Op op, Label label) {
  opcode(op);
  fixups_.emplace_back(offset(), label.id);
  imm(0, 4);
}

void Emitter::jump_table(Label fallback, const std::vector<Label>& targets) {
  opcode(vm::Op::JUMPTABLE);
  imm(targets.size(), 2);
  fixups_.emplace_back(offset(), fallback.id);
  imm(0, 4);
  for (const Label& t : targets) {
    fixups_.emplace_back(offset(), t.id);
    imm(0, 4);
  }
}

bool Emitter::finish() {
  for (auto [at, label] : fixups_) {
    int64_t target = label_offsets_[label];
    if (target < 0) return false;
    vm::store_be(static_cast<uint64_t>(target), &code_[at], 4);
  }
  fixups_.clear();
  label_offsets_.clear();
  last_lset_ = -1;
  last_bind_ = -1;
  return true;
}

}  // namespace tenet::compiler::codegen

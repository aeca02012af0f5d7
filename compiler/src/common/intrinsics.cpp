#include "tenet/compiler/intrinsics.hpp"

#include <array>

namespace tenet::compiler {

namespace {

constexpr std::array kIntrinsics{
#define TENET_X(id, name, sig, effect, noreturn, op, doc) \
  IntrinsicInfo{name, sig, IntrinsicEffect::effect, noreturn, vm::Op::op, doc},
    TENET_INTRINSICS(TENET_X)
#undef TENET_X
};

}  // namespace

const IntrinsicInfo& intrinsic_info(Intrinsic id) { return kIntrinsics[static_cast<size_t>(id)]; }

std::optional<Intrinsic> intrinsic_from_name(std::string_view name) {
  for (size_t i = 0; i < kIntrinsics.size(); ++i)
    if (kIntrinsics[i].name == name) return static_cast<Intrinsic>(i);
  return std::nullopt;
}

int intrinsic_immediate_arg(Intrinsic id) {
  switch (id) {
    case Intrinsic::create:
    case Intrinsic::panic:
    case Intrinsic::cheat: return 0;
    default: return -1;
  }
}

std::string_view tenet_data_layout() { return "E-p:32:32-i64:64-i128:128-i256:256-n256-S128"; }

}  // namespace tenet::compiler

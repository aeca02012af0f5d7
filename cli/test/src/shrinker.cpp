// Shrinking failing inputs and sequences (shrinker.hpp).
#include "tenet/runner/shrinker.hpp"

#include <algorithm>
#include <utility>

namespace tenet::runner {
namespace {

using Kind = abi::AbiType::Kind;

/// Shrinks one input in place; `slot`s are references into `input_`.
class ValueShrinker {
 public:
  ValueShrinker(std::vector<FuzzValue>& input, const InputStillFails& still_fails, uint64_t& budget)
      : input_(input), still_fails_(still_fails), budget_(budget) {}

  void shrink(const abi::AbiType& t, FuzzValue& slot) {
    switch (t.kind) {
      case Kind::uint:
      case Kind::int_:
        shrink_integer(t.kind == Kind::int_, slot);
        break;
      case Kind::boolean:
      case Kind::address:
        attempt(slot, FuzzValue{});
        break;
      case Kind::fixed_bytes: {
        FuzzValue zero;
        zero.bytes.assign(slot.bytes.size(), 0);
        attempt(slot, std::move(zero));
        break;
      }
      case Kind::string:
      case Kind::bytes:
        shrink_length(slot, slot.bytes.size(), [&](size_t n) {
          FuzzValue v;
          v.bytes.assign(slot.bytes.begin(), slot.bytes.begin() + static_cast<ptrdiff_t>(n));
          return v;
        });
        break;
      case Kind::array:
        if (!t.length) shrink_array_length(slot);
        for (size_t i = 0; i < slot.items.size(); ++i) shrink(t.children[0], slot.items[i]);
        break;
      case Kind::tuple:
        for (size_t i = 0; i < slot.items.size(); ++i) shrink(t.children[i], slot.items[i]);
        break;
    }
  }

 private:
  /// Puts `candidate` in `slot` and keeps it when the input still fails.
  bool attempt(FuzzValue& slot, FuzzValue candidate) {
    if (budget_ == 0 || candidate == slot) return false;
    --budget_;
    FuzzValue saved = std::exchange(slot, std::move(candidate));
    if (still_fails_(input_)) return true;
    slot = std::move(saved);
    return false;
  }

  /// 0, then bisection between 0 (passes) and the value's magnitude (fails).
  void shrink_integer(bool is_signed, FuzzValue& slot) {
    if (attempt(slot, FuzzValue{})) return;
    const bool negative = is_signed && slot.word.is_negative();
    vm::Word lo{0};
    vm::Word hi = negative ? vm::negate(slot.word) : slot.word;
    while (budget_ > 0 && vm::lt(vm::add(lo, vm::Word{1}), hi)) {
      const vm::Word mid = vm::add(lo, vm::shr(vm::sub(hi, lo), vm::Word{1}));
      FuzzValue candidate;
      candidate.word = negative ? vm::negate(mid) : mid;
      if (attempt(slot, std::move(candidate)))
        hi = mid;
      else
        lo = mid;
    }
  }

  /// Empty, then bisection for the shortest failing prefix (`prefix(n)` builds one).
  template <typename Prefix>
  void shrink_length(FuzzValue& slot, size_t length, Prefix prefix) {
    if (length == 0 || attempt(slot, prefix(0))) return;
    size_t lo = 0, hi = length;
    while (budget_ > 0 && lo + 1 < hi) {
      const size_t mid = lo + (hi - lo) / 2;
      if (attempt(slot, prefix(mid)))
        hi = mid;
      else
        lo = mid;
    }
  }

  void shrink_array_length(FuzzValue& slot) {
    shrink_length(slot, slot.items.size(), [&](size_t n) {
      FuzzValue v;
      v.items.assign(slot.items.begin(), slot.items.begin() + static_cast<ptrdiff_t>(n));
      return v;
    });
    for (size_t i = slot.items.size(); i-- > 0 && budget_ > 0;) {
      FuzzValue v = slot;
      v.items.erase(v.items.begin() + static_cast<ptrdiff_t>(i));
      attempt(slot, std::move(v));
    }
  }

  std::vector<FuzzValue>& input_;
  const InputStillFails& still_fails_;
  uint64_t& budget_;
};

}  // namespace

std::vector<FuzzValue> shrink_values(std::span<const abi::AbiType> types,
                                     std::vector<FuzzValue> values,
                                     const InputStillFails& still_fails, uint64_t& budget) {
  ValueShrinker shrinker(values, still_fails, budget);
  for (size_t i = 0; i < types.size() && i < values.size(); ++i)
    shrinker.shrink(types[i], values[i]);
  return values;
}

std::vector<size_t> shrink_sequence(size_t length, const SequenceStillFails& still_fails,
                                    uint64_t& budget) {
  std::vector<size_t> kept(length);
  for (size_t i = 0; i < length; ++i) kept[i] = i;
  size_t chunk = length / 2 > 0 ? length / 2 : 1;
  for (;;) {
    bool removed = false;
    for (size_t at = 0; at < kept.size() && budget > 0;) {
      std::vector<size_t> candidate(kept.begin(), kept.begin() + static_cast<ptrdiff_t>(at));
      const size_t end = std::min(kept.size(), at + chunk);
      candidate.insert(candidate.end(), kept.begin() + static_cast<ptrdiff_t>(end), kept.end());
      --budget;
      if (still_fails(candidate)) {
        kept = std::move(candidate);
        removed = true;
      } else {
        at += chunk;
      }
    }
    if (budget == 0 || (chunk == 1 && !removed)) break;
    if (chunk > 1) chunk /= 2;
  }
  return kept;
}

}  // namespace tenet::runner

#pragma once
/// \file
/// Shrinking a failing fuzz input or invariant sequence to a small one that still fails
/// (docs/testing.md "Shrinking"). The caller says what "still fails" means (the
/// campaigns: the same kind of failure, see failure_kind) and pays one execution per test;
/// the shrinkers stop when the budget is spent and return the smallest failing input seen.

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "tenet/abi/type.hpp"
#include "tenet/runner/value_generator.hpp"

namespace tenet::runner {

/// Whether an input (one value per parameter) still fails.
using InputStillFails = std::function<bool(const std::vector<FuzzValue>&)>;

/// Shrinks `values` (which fail) argument by argument, first to last: each tries its zero
/// value (0, false, the zero address, zero bytes, empty), then integers search by bisection
/// for the failing value closest to zero (on their own side of zero), bytes, strings and
/// dynamic arrays for the shortest failing prefix, arrays drop single elements, and
/// elements and components shrink in turn. Each test of a candidate costs one unit of
/// `budget`; a candidate is kept only when `still_fails` says so. Returns the input.
std::vector<FuzzValue> shrink_values(std::span<const abi::AbiType> types,
                                     std::vector<FuzzValue> values,
                                     const InputStillFails& still_fails, uint64_t& budget);

/// Whether the subsequence of a failing sequence made of the elements at `kept` (increasing
/// indices) still fails.
using SequenceStillFails = std::function<bool(const std::vector<size_t>& kept)>;

/// Removes elements of a failing sequence of `length` elements while it still fails: chunks
/// of half, a quarter, … of it, then single elements, until no single removal fails. Each
/// test costs one unit of `budget`. Returns the indices kept, increasing.
std::vector<size_t> shrink_sequence(size_t length, const SequenceStillFails& still_fails,
                                    uint64_t& budget);

}  // namespace tenet::runner

#pragma once
/// \file
/// Native memory accounting for the denial-of-service bench and its tests: a counting
/// global operator new/delete (counting_new.cpp, linked into each executable that
/// measures; never into a library) keeps the live heap bytes and their high-water mark.

#include <cstddef>

namespace tenet::dos {

/// Bytes currently allocated through operator new (usable sizes, as the allocator
/// reserved them).
size_t live_bytes();
/// The highest live_bytes() since the last reset_peak().
size_t peak_bytes();
/// Starts a new measurement: the peak becomes the current live bytes.
void reset_peak();
/// A hard ceiling: an operator new that would take live_bytes() above `bytes` throws
/// std::bad_alloc (0, the default: no ceiling). Keeps a runaway pattern from exhausting
/// the machine that measures it.
void set_limit(size_t bytes);

}  // namespace tenet::dos

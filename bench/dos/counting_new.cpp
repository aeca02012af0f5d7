// The counting global operator new/delete behind alloc_counter.hpp. Compiled into each
// executable that measures memory (tenet_dos_bench, tenet_dos_tests), so that the
// replacement is that program's alone. Sizes are the allocator's usable sizes
// (malloc_usable_size), so a delete without a size is counted exactly.
#include <malloc.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "alloc_counter.hpp"

namespace {

std::atomic<size_t> g_live{0};
std::atomic<size_t> g_peak{0};
std::atomic<size_t> g_limit{0};

bool over_limit(size_t n) {
  const size_t limit = g_limit.load(std::memory_order_relaxed);
  return limit != 0 && g_live.load(std::memory_order_relaxed) + n > limit;
}

void* counted(void* p) {
  if (!p) return nullptr;
  const size_t now =
      g_live.fetch_add(malloc_usable_size(p), std::memory_order_relaxed) + malloc_usable_size(p);
  size_t peak = g_peak.load(std::memory_order_relaxed);
  while (now > peak && !g_peak.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
  }
  return p;
}

void* allocate(size_t n) {
  if (over_limit(n)) throw std::bad_alloc();
  void* p = counted(std::malloc(n ? n : 1));
  if (!p) throw std::bad_alloc();
  return p;
}

void* allocate_aligned(size_t n, std::align_val_t al) {
  const size_t a = static_cast<size_t>(al);
  const size_t rounded = ((n ? n : 1) + a - 1) / a * a;
  if (over_limit(rounded)) throw std::bad_alloc();
  void* p = counted(std::aligned_alloc(a, rounded));
  if (!p) throw std::bad_alloc();
  return p;
}

void release(void* p) noexcept {
  if (!p) return;
  g_live.fetch_sub(malloc_usable_size(p), std::memory_order_relaxed);
  std::free(p);
}

}  // namespace

namespace tenet::dos {

size_t live_bytes() {
  return g_live.load(std::memory_order_relaxed);
}
size_t peak_bytes() {
  return g_peak.load(std::memory_order_relaxed);
}
void set_limit(size_t bytes) {
  g_limit.store(bytes, std::memory_order_relaxed);
}
void reset_peak() {
  g_peak.store(g_live.load(std::memory_order_relaxed), std::memory_order_relaxed);
}

}  // namespace tenet::dos

void* operator new(size_t n) {
  return allocate(n);
}
void* operator new[](size_t n) {
  return allocate(n);
}
void* operator new(size_t n, const std::nothrow_t&) noexcept {
  return counted(std::malloc(n ? n : 1));
}
void* operator new[](size_t n, const std::nothrow_t&) noexcept {
  return counted(std::malloc(n ? n : 1));
}
void* operator new(size_t n, std::align_val_t al) {
  return allocate_aligned(n, al);
}
void* operator new[](size_t n, std::align_val_t al) {
  return allocate_aligned(n, al);
}
void operator delete(void* p) noexcept {
  release(p);
}
void operator delete[](void* p) noexcept {
  release(p);
}
void operator delete(void* p, size_t) noexcept {
  release(p);
}
void operator delete[](void* p, size_t) noexcept {
  release(p);
}
void operator delete(void* p, std::align_val_t) noexcept {
  release(p);
}
void operator delete[](void* p, std::align_val_t) noexcept {
  release(p);
}
void operator delete(void* p, size_t, std::align_val_t) noexcept {
  release(p);
}
void operator delete[](void* p, size_t, std::align_val_t) noexcept {
  release(p);
}

#pragma once
/// \file
/// Threads with a stack big enough for the VM and the compiler-free node paths: every thread
/// the node starts (chain thread, I/O threads, eth_call workers) is a StackThread.

#include <pthread.h>

#include <cstddef>
#include <functional>

namespace tenet::node {

/// The stack size of every node thread: max(32 MiB, the soft RLIMIT_STACK), so a sanitizer
/// run with `ulimit -s 262144` keeps its larger stacks (a transaction needs ≥ 8 MiB:
/// toolchain.md §4; release uses ~2.7 MiB, ASan ~18 MiB at the deepest call).
std::size_t node_thread_stack_bytes();

/// A joinable thread running `body` on a stack of node_thread_stack_bytes().
class StackThread {
 public:
  /// Starts the thread. Throws std::system_error when the system cannot create it.
  explicit StackThread(std::function<void()> body);
  /// Joins if still joinable.
  ~StackThread();
  StackThread(const StackThread&) = delete;
  StackThread& operator=(const StackThread&) = delete;
  /// Waits for the body to return.
  void join();

 private:
  pthread_t thread_{};
  bool joinable_ = false;
  std::function<void()> body_;
};

}  // namespace tenet::node

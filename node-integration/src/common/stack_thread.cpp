/// \file
/// Node threads with a big stack (stack_thread.hpp): pthread attributes carry the size,
/// std::thread cannot.

#include "tenet/node/common/stack_thread.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <system_error>

namespace tenet::node {
namespace {

/// The least stack of a node thread (32 MiB).
constexpr std::size_t kMinNodeStackBytes = std::size_t{32} << 20;

void* run_stack_thread_body(void* arg) {
  (*static_cast<std::function<void()>*>(arg))();
  return nullptr;
}

}  // namespace

std::size_t node_thread_stack_bytes() {
  rlimit limit{};
  if (getrlimit(RLIMIT_STACK, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
    return kMinNodeStackBytes;
  return std::max(kMinNodeStackBytes, static_cast<std::size_t>(limit.rlim_cur));
}

StackThread::StackThread(std::function<void()> body) : body_(std::move(body)) {
  pthread_attr_t attr;
  if (int rc = pthread_attr_init(&attr); rc != 0)
    throw std::system_error(rc, std::generic_category(), "pthread_attr_init");
  int rc = pthread_attr_setstacksize(&attr, node_thread_stack_bytes());
  if (rc == 0) rc = pthread_create(&thread_, &attr, run_stack_thread_body, &body_);
  pthread_attr_destroy(&attr);
  if (rc != 0) throw std::system_error(rc, std::generic_category(), "pthread_create");
  joinable_ = true;
}

StackThread::~StackThread() {
  join();
}

void StackThread::join() {
  if (!joinable_) return;
  pthread_join(thread_, nullptr);
  joinable_ = false;
}

}  // namespace tenet::node

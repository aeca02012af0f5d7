// Node threads: the stack size rule and that the body runs on a stack of that size.

#include "tenet/node/common/stack_thread.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>

namespace tenet::node {
namespace {

TEST(StackThread, StackIsAtLeast32MiBAndTheSoftLimit) {
  rlimit limit{};
  ASSERT_EQ(getrlimit(RLIMIT_STACK, &limit), 0);
  std::size_t expected = std::size_t{32} << 20;
  if (limit.rlim_cur != RLIM_INFINITY)
    expected = std::max(expected, static_cast<std::size_t>(limit.rlim_cur));
  EXPECT_EQ(node_thread_stack_bytes(), expected);
}

TEST(StackThread, BodyRunsOnTheBigStack) {
  std::size_t seen = 0;
  StackThread thread([&] {
    pthread_attr_t attr;
    ASSERT_EQ(pthread_getattr_np(pthread_self(), &attr), 0);
    ASSERT_EQ(pthread_attr_getstacksize(&attr, &seen), 0);
    pthread_attr_destroy(&attr);
  });
  thread.join();
  EXPECT_GE(seen, node_thread_stack_bytes());
  thread.join();  // a second join does nothing
}

TEST(StackThread, DestructorJoins) {
  std::atomic<int> runs{0};
  {
    StackThread thread([&] { runs.fetch_add(1); });
  }
  EXPECT_EQ(runs.load(), 1);
}

}  // namespace
}  // namespace tenet::node

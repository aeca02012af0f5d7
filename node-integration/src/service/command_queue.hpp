#pragma once
/// \file
/// The chain thread: one StackThread running commands from a queue in order, so every state
/// change happens on one thread without locks on the write path. post() returns the
/// command's future; after close() nothing more is accepted and the thread finishes the
/// commands already queued.

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>

#include "tenet/node/common/stack_thread.hpp"

namespace tenet::node {

/// A queue of commands executed by one thread.
class CommandQueue {
 public:
  CommandQueue() : thread_([this] { run(); }) {}
  ~CommandQueue() { close(); }
  CommandQueue(const CommandQueue&) = delete;
  CommandQueue& operator=(const CommandQueue&) = delete;

  /// Queues `command`; its result (or exception) arrives in the future. After close() the
  /// command is dropped and the future reports std::future_error (broken promise).
  template <class R>
  std::future<R> post(std::function<R()> command) {
    auto task = std::make_shared<std::packaged_task<R()>>(std::move(command));
    std::future<R> future = task->get_future();
    {
      std::lock_guard lock(mutex_);
      if (closed_) return future;  // the task dies unrun: broken promise
      commands_.emplace_back([task] { (*task)(); });
    }
    ready_.notify_one();
    return future;
  }
  /// Stops accepting, lets the queued commands run, joins the thread.
  void close() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    ready_.notify_one();
    thread_.join();
  }

 private:
  void run() {
    for (;;) {
      std::function<void()> command;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return closed_ || !commands_.empty(); });
        if (commands_.empty()) return;
        command = std::move(commands_.front());
        commands_.pop_front();
      }
      command();
    }
  }

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> commands_;
  bool closed_ = false;
  StackThread thread_;
};

}  // namespace tenet::node

#pragma once
/// The one way Treaty runs work on another thread. StartTask(fn) runs `fn` on its own thread;
/// Join() waits for it and returns its result, or rethrows the exception it threw in the
/// joining thread (so an exception in a worker reaches the caller, e.g. main's exit-3
/// handler, instead of std::terminate). A task not joined is joined by its destructor (its
/// exception is then dropped: the owner is already unwinding from one of its own). When no
/// thread can be started the task runs in the caller, at StartTask. Move-only.

#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <system_error>
#include <thread>
#include <type_traits>
#include <utility>

namespace treaty::base {

template <typename R>
class Task {
 public:
  explicit Task(std::function<R()> fn) : state_(std::make_unique<State>()) {
    state_->fn = std::move(fn);
    try {
      thread_ = std::thread([s = state_.get()] { s->Run(); });
    } catch (const std::system_error&) {
      state_->Run();  // no thread to be had: do the work here
    }
  }
  Task(Task&&) noexcept = default;
  Task& operator=(Task&&) = delete;
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;
  ~Task() {
    if (thread_.joinable()) thread_.join();
  }

  /// Waits for the task; returns its result or rethrows its exception. Call once.
  R Join() {
    if (thread_.joinable()) thread_.join();
    if (state_->error) std::rethrow_exception(std::exchange(state_->error, nullptr));
    if constexpr (!std::is_void_v<R>) return std::move(*state_->result);
  }

 private:
  struct Empty {};
  struct State {
    std::function<R()> fn;
    std::optional<std::conditional_t<std::is_void_v<R>, Empty, R>> result;
    std::exception_ptr error;
    void Run() noexcept {
      try {
        if constexpr (std::is_void_v<R>) {
          fn();
          result.emplace();
        } else {
          result.emplace(fn());
        }
      } catch (...) {
        error = std::current_exception();
      }
    }
  };
  std::unique_ptr<State> state_;  // stable while the thread writes into it
  std::thread thread_;
};

/// Starts `fn` (callable with no arguments) on its own thread.
template <typename Fn>
auto StartTask(Fn&& fn) -> Task<std::invoke_result_t<Fn&>> {
  return Task<std::invoke_result_t<Fn&>>(std::forward<Fn>(fn));
}

}  // namespace treaty::base

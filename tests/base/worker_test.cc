// base::Task: a worker's result comes back on Join, and an exception thrown on the worker's
// thread is rethrown in the joining thread with its message (not std::terminate).
#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "base/worker.h"

namespace treaty::base {
namespace {

TEST_CASE("Task returns the worker's result on Join", "[worker]") {
  auto task = StartTask([] { return std::string("from the worker"); });
  CHECK(task.Join() == "from the worker");
}

TEST_CASE("Task runs on another thread", "[worker]") {
  const auto caller = std::this_thread::get_id();
  auto task = StartTask([] { return std::this_thread::get_id(); });
  CHECK(task.Join() != caller);
}

TEST_CASE("Task rethrows the worker's exception on Join with its message", "[worker]") {
  auto task = StartTask([]() -> int { throw std::runtime_error("worker failed: bad fact 7"); });
  CHECK_THROWS_WITH(task.Join(), "worker failed: bad fact 7");
}

TEST_CASE("Task<void> rethrows on Join, after the other tasks' work", "[worker]") {
  std::atomic<int> done{0};
  std::vector<Task<void>> pool;
  for (int t = 0; t < 4; ++t) {
    pool.push_back(StartTask([&done, t] {
      if (t == 2) throw std::logic_error("task 2");
      ++done;
    }));
  }
  std::string caught;
  for (auto& task : pool) {
    try {
      task.Join();
    } catch (const std::logic_error& e) {
      caught = e.what();
    }
  }
  CHECK(caught == "task 2");
  CHECK(done == 3);
}

TEST_CASE("A Task dropped without Join is joined, its exception dropped", "[worker]") {
  std::atomic<bool> ran{false};
  {
    auto task = StartTask([&ran] {
      ran = true;
      throw std::runtime_error("never seen");
    });
  }
  CHECK(ran);
}

}  // namespace
}  // namespace treaty::base

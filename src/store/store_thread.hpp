#pragma once
// A thread of its own for a store's writes: one job at a time, handed over and waited for.

#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

namespace loyalty::detail {

class StoreThread {
public:
    StoreThread();
    /// Waits for the job it runs, if any, and ends the thread.
    ~StoreThread();
    StoreThread(const StoreThread&) = delete;
    StoreThread& operator=(const StoreThread&) = delete;

    /// Runs `job` on the thread; at most one at a time: `wait` for one before the next.
    void start(std::function<void()> job);
    /// Waits for the job started last; what it threw, or null.
    std::exception_ptr wait();

private:
    void run();

    std::mutex mutex_;
    std::condition_variable changed_;
    std::function<void()> job_;
    bool running_ = false;
    bool stopping_ = false;
    std::exception_ptr failure_;
    std::thread thread_;
};

}  // namespace loyalty::detail

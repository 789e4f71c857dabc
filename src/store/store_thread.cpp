#include "store/store_thread.hpp"

namespace loyalty::detail {

StoreThread::StoreThread() : thread_([this] { run(); }) {}

StoreThread::~StoreThread() {
    {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [this] { return !running_; });
        stopping_ = true;
    }
    changed_.notify_all();
    thread_.join();
}

void StoreThread::start(std::function<void()> job) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        job_ = std::move(job);
        failure_ = nullptr;
        running_ = true;
    }
    changed_.notify_all();
}

std::exception_ptr StoreThread::wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [this] { return !running_; });
    return failure_;
}

void StoreThread::run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
        changed_.wait(lock, [this] { return stopping_ || (running_ && job_); });
        if (stopping_) return;
        std::function<void()> job = std::move(job_);
        job_ = nullptr;
        lock.unlock();
        std::exception_ptr failure;
        try {
            job();
        } catch (...) {
            failure = std::current_exception();
        }
        lock.lock();
        failure_ = failure;
        running_ = false;
        changed_.notify_all();
    }
}

}  // namespace loyalty::detail

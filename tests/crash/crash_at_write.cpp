// Preloaded into a writer, ends it as kill -9 would just before its Nth write or sync of a file
// (LOYALTY_CRASH_AT=N): a crash test that stops the writer at every point where its files change,
// where a timed kill hits only the points a machine's speed happens to give.
#include <csignal>
#include <cstdlib>

#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

namespace {

long crash_at() {
    static const long at = [] {
        const char* text = std::getenv("LOYALTY_CRASH_AT");
        return text == nullptr ? 0L : std::strtol(text, nullptr, 10);
    }();
    return at;
}

void count_a_change() {
    static long changes = 0;
    if (++changes == crash_at()) raise(SIGKILL);
}

}  // namespace

extern "C" ssize_t pwrite64(int fd, const void* bytes, size_t count, off_t offset) {
    count_a_change();
    return syscall(SYS_pwrite64, fd, bytes, count, offset);
}

extern "C" ssize_t pwrite(int fd, const void* bytes, size_t count, off_t offset) {
    count_a_change();
    return syscall(SYS_pwrite64, fd, bytes, count, offset);
}

extern "C" int fdatasync(int fd) {
    count_a_change();
    return static_cast<int>(syscall(SYS_fdatasync, fd));
}

extern "C" int fsync(int fd) {
    count_a_change();
    return static_cast<int>(syscall(SYS_fsync, fd));
}

extern "C" int ftruncate64(int fd, off_t length) {
    count_a_change();
    return static_cast<int>(syscall(SYS_ftruncate, fd, length));
}

extern "C" int ftruncate(int fd, off_t length) {
    count_a_change();
    return static_cast<int>(syscall(SYS_ftruncate, fd, length));
}

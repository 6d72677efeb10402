/* A full disk for real processes in tests, loaded with LD_PRELOAD: every write into a file
 * below $TISERVICE_TEST_FULL_DISK_DIR fails with ENOSPC, as on a full state folder — after
 * $TISERVICE_TEST_FULL_DISK_AFTER bytes (default 0) have gone through, so a write can also be
 * cut off in the middle. With $TISERVICE_TEST_SYNC_FAILS_ONCE=MS set, the disk loses what was
 * written instead: the first fsync or fdatasync of such a file fails with EIO after MS
 * milliseconds (a failing disk takes its time) and later ones succeed, as Linux reports a failed
 * write-back to one sync only. Nothing of tiservice knows about it: the product code runs as it
 * is. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

static long long allowed = -1;

static int isFull(int fd) {
    const char* dir = getenv("TISERVICE_TEST_FULL_DISK_DIR");
    if (!dir || !*dir) return 0;
    char link[64], path[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    const ssize_t n = readlink(link, path, sizeof path - 1);
    if (n <= 0) return 0;
    path[n] = '\0';
    return strncmp(path, dir, strlen(dir)) == 0;
}

/* How much of `n` bytes may still go to the disk: n, less, or 0 (then errno is ENOSPC). */
static size_t room(size_t n) {
    if (allowed < 0) {
        const char* after = getenv("TISERVICE_TEST_FULL_DISK_AFTER");
        allowed = after ? atoll(after) : 0;
    }
    const size_t left = (size_t)allowed;
    const size_t take = n < left ? n : left;
    allowed -= (long long)take;
    return take;
}

/* What the real call did not write (it failed: a direct write of a cut-off length, EINVAL) is
 * still room on the disk. */
static ssize_t refund(size_t take, ssize_t written) {
    const size_t done = written < 0 ? 0 : (size_t)written;
    if (done < take) allowed += (long long)(take - done);
    return written;
}

__attribute__((visibility("default"))) ssize_t write(int fd, const void* buf, size_t n) {
    static ssize_t (*real)(int, const void*, size_t);
    if (!real) real = (ssize_t(*)(int, const void*, size_t))dlsym(RTLD_NEXT, "write");
    if (n > 0 && isFull(fd)) {
        const size_t take = room(n);
        if (take == 0) {
            errno = ENOSPC;
            return -1;
        }
        return refund(take, real(fd, buf, take));
    }
    return real(fd, buf, n);
}

__attribute__((visibility("default"))) ssize_t pwrite(int fd, const void* buf, size_t n, off_t offset) {
    static ssize_t (*real)(int, const void*, size_t, off_t);
    if (!real) real = (ssize_t(*)(int, const void*, size_t, off_t))dlsym(RTLD_NEXT, "pwrite");
    if (n > 0 && isFull(fd)) {
        const size_t take = room(n);
        if (take == 0) {
            errno = ENOSPC;
            return -1;
        }
        return refund(take, real(fd, buf, take, offset));
    }
    return real(fd, buf, n, offset);
}

__attribute__((visibility("default"))) ssize_t writev(int fd, const struct iovec* iov, int count) {
    static ssize_t (*real)(int, const struct iovec*, int);
    if (!real) real = (ssize_t(*)(int, const struct iovec*, int))dlsym(RTLD_NEXT, "writev");
    if (count > 0 && isFull(fd)) {
        errno = ENOSPC;
        return -1;
    }
    return real(fd, iov, count);
}

/* fsync and fdatasync alike: the write-back failed, said to the first sync of such a file (after
 * the delay asked for), not to the ones after it. */
static int syncUnlessLost(int fd, int (*real)(int)) {
    static int told = 0;
    const char* after = getenv("TISERVICE_TEST_SYNC_FAILS_ONCE");
    if (!after || !isFull(fd) || __atomic_exchange_n(&told, 1, __ATOMIC_SEQ_CST) != 0) return real(fd);
    const long ms = atol(after);
    const struct timespec wait = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&wait, NULL);
    errno = EIO;
    return -1;
}

__attribute__((visibility("default"))) int fsync(int fd) {
    static int (*real)(int);
    if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    return syncUnlessLost(fd, real);
}

__attribute__((visibility("default"))) int fdatasync(int fd) {
    static int (*real)(int);
    if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
    return syncUnlessLost(fd, real);
}

#include "download_sink.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#ifdef __linux__
#include <fcntl.h>
#include <unistd.h>
#endif

namespace tiservice::net {

DownloadSink::DownloadSink(std::FILE* file, std::uint64_t start, const std::vector<EVP_MD_CTX*>& hashers)
    : file_(file),
      start_(start),
      syncedFrom_(start),
      hashers_(hashers),
      memory_(new char[kBlocks * kBlockBytes + kAlignment]),
      from_(kBlocks, 0),
      to_(kBlocks, 0) {
    const auto address = reinterpret_cast<std::uintptr_t>(memory_.get());
    ring_ = memory_.get() + (kAlignment - address % kAlignment) % kAlignment;
#ifdef __linux__
    direct_ = useDirect(true);
#endif
    // The first bytes go as far into the first block as the file's end is past a 4 KiB
    // boundary: from there on, memory and file offset are aligned alike.
    if (direct_) fill_ = start_ % kAlignment;
    from_[0] = fill_;
    writer_ = std::thread([this] { writeLoop(); });
    if (!hashers_.empty()) hasher_ = std::thread([this] { hashLoop(); });
    if (direct_) syncer_ = std::thread([this] { syncLoop(); });
}

DownloadSink::~DownloadSink() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    changed_.notify_all();
    syncWanted_.notify_all();
    if (writer_.joinable()) writer_.join();
    if (hasher_.joinable()) hasher_.join();
    if (syncer_.joinable()) syncer_.join();  // before the caller's fsync and close
}

std::span<char> DownloadSink::space() {
    std::unique_lock lock(mutex_);
    if (fill_ == from_[filled_ % kBlocks]) {
        // A new block: the one kBlocks back must be written and hashed.
        changed_.wait(lock, [&] {
            return error_.has_value() || filled_ - std::min(wrote_, hashers_.empty() ? wrote_ : hashed_) < kBlocks;
        });
    }
    if (error_) return {};
    return {block(filled_) + fill_, kBlockBytes - fill_};
}

void DownloadSink::added(std::size_t n) {
    fill_ += n;
    if (fill_ == kBlockBytes) publish();
}

void DownloadSink::publish() {
    {
        std::lock_guard lock(mutex_);
        to_[filled_ % kBlocks] = fill_;
        ++filled_;
        from_[filled_ % kBlocks] = 0;
    }
    fill_ = 0;
    changed_.notify_all();
}

bool DownloadSink::finish() {
    if (fill_ > from_[filled_ % kBlocks]) publish();
    std::unique_lock lock(mutex_);
    // A sync under way may still fail: the kernel would tell the caller's fsync nothing of it.
    changed_.wait(lock, [&] {
        return error_.has_value() ||
               (wrote_ == filled_ && (hashers_.empty() || hashed_ == filled_) && synced_ == toSync_);
    });
    return !error_;
}

std::optional<std::string> DownloadSink::error() const {
    std::lock_guard lock(mutex_);
    return error_;
}

int DownloadSink::errorNumber() const {
    std::lock_guard lock(mutex_);
    return errorNumber_;
}

void DownloadSink::fail(const char* what, int number) {
    if (error_) return;
    error_ = std::string(what) + ": " + std::strerror(number);
    errorNumber_ = number;
}

bool DownloadSink::useDirect(bool on) {
#ifdef __linux__
    if (on == directOn_) return true;
    const int fd = ::fileno(file_);
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, on ? (flags | O_DIRECT) : (flags & ~O_DIRECT)) != 0) return false;
    directOn_ = on;
    return true;
#else
    return !on;
#endif
}

bool DownloadSink::writeOut(const char* data, std::size_t n) {
#ifdef __linux__
    const int fd = ::fileno(file_);
    while (n > 0) {
        const std::uint64_t at = start_ + written_;
        // Past the cache what is aligned; up to the next boundary, or all of it, through it.
        std::size_t chunk = n;
        bool direct = false;
        if (direct_) {
            if (at % kAlignment != 0) {
                chunk = std::min<std::size_t>(n, kAlignment - at % kAlignment);
            } else if (n >= kAlignment && reinterpret_cast<std::uintptr_t>(data) % kAlignment == 0) {
                chunk = n - n % kAlignment;
                direct = true;
            }
        }
        if (direct_ && !useDirect(direct)) {
            direct_ = false;  // cannot switch: everything through the cache from here
            (void)useDirect(false);
            continue;
        }
        const ssize_t w = ::write(fd, data, chunk);
        if (w < 0 && errno == EINTR) continue;
        if (w < 0 && direct && errno == EINVAL) {
            direct_ = false;  // the file system refuses direct writes after all
            (void)useDirect(false);
            continue;
        }
        if (w <= 0) {
            const int number = w < 0 ? errno : ENOSPC;
            std::lock_guard lock(mutex_);
            fail("write", number);
            return false;
        }
        data += w;
        n -= static_cast<std::size_t>(w);
        written_ += static_cast<std::uint64_t>(w);
    }
    return true;
#else
    if (std::fwrite(data, 1, n, file_) != n) {
        const int number = errno ? errno : ENOSPC;
        std::lock_guard lock(mutex_);
        fail("write", number);
        return false;
    }
    written_ += n;
    return true;
#endif
}

bool DownloadSink::writeBlock(const char* data, std::size_t n) {
    if (!writeOut(data, n)) return false;
#ifdef __linux__
    const std::uint64_t end = start_ + written_;
    if (direct_ && end - syncedFrom_ >= kSyncEvery) {
        {
            std::lock_guard lock(mutex_);
            toSync_ = end;
        }
        syncWanted_.notify_one();
        syncedFrom_ = end;
    } else if (!direct_ && end - syncedFrom_ >= kSendOnEvery) {
        // Through the cache: sent on to the disk without waiting for it.
        (void)::sync_file_range(::fileno(file_), static_cast<off_t>(syncedFrom_), static_cast<off_t>(end - syncedFrom_),
                                SYNC_FILE_RANGE_WRITE);
        syncedFrom_ = end;
    }
#endif
    return true;
}

void DownloadSink::writeLoop() {
    for (;;) {
        std::uint64_t index = 0;
        std::size_t from = 0, to = 0;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return stop_ || wrote_ < filled_; });
            if (wrote_ == filled_) break;  // stopped
            index = wrote_;
            from = from_[index % kBlocks];
            to = to_[index % kBlocks];
        }
        if (!writeBlock(block(index) + from, to - from)) {
            changed_.notify_all();
            break;
        }
        {
            std::lock_guard lock(mutex_);
            ++wrote_;
        }
        changed_.notify_all();
    }
    (void)useDirect(false);  // the caller's flush, sync and close see the file as they opened it
}

void DownloadSink::syncLoop() {
#ifdef __linux__
    const int fd = ::fileno(file_);
    std::unique_lock lock(mutex_);
    for (;;) {
        syncWanted_.wait(lock, [&] { return stop_ || error_.has_value() || toSync_ > synced_; });
        if (stop_ || error_) return;  // what is left, the caller's fsync makes durable
        const std::uint64_t target = toSync_;
        lock.unlock();
        const int rc = ::fdatasync(fd);
        const int e = errno;
        lock.lock();
        if (rc != 0 && e != EINVAL) {
            // Said now or never: the kernel reports a failed write-back to one sync only.
            fail("fdatasync", e);
            changed_.notify_all();
            return;
        }
        synced_ = target;
        changed_.notify_all();  // finish() may be waiting for it
    }
#endif
}

void DownloadSink::hashLoop() {
    for (;;) {
        std::uint64_t index = 0;
        std::size_t from = 0, to = 0;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return stop_ || error_.has_value() || hashed_ < filled_; });
            if (hashed_ == filled_ || error_) return;
            index = hashed_;
            from = from_[index % kBlocks];
            to = to_[index % kBlocks];
        }
        for (auto* h : hashers_) EVP_DigestUpdate(h, block(index) + from, to - from);
        {
            std::lock_guard lock(mutex_);
            ++hashed_;
        }
        changed_.notify_all();
    }
}

}  // namespace tiservice::net

#include "download_sink.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace tiservice::net {

DownloadSink::DownloadSink(int fd, std::vector<EVP_MD_CTX*> hashers) : fd_(fd), hashers_(std::move(hashers)) {
    storage_.resize(kBlocks);
    for (auto& block : storage_) {
        block.resize(kBlockSize);
        free_.push_back(block.data());
    }
    start_ = ::lseek(fd_, 0, SEEK_CUR);
    if (start_ < 0) start_ = 0;
    worker_ = std::thread([this] { work(); });
}

DownloadSink::~DownloadSink() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    worker_.join();
}

std::span<char> DownloadSink::acquire() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !free_.empty() || error_ != 0; });
    if (error_ != 0) return {};
    char* block = free_.back();
    free_.pop_back();
    return {block, kBlockSize};
}

void DownloadSink::submit(std::span<char> block, std::size_t n) {
    {
        std::lock_guard lock(mutex_);
        if (n == 0) free_.push_back(block.data());
        else queued_.push_back({block.data(), n});
    }
    changed_.notify_all();
}

bool DownloadSink::drain() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return (queued_.empty() && !busy_) || error_ != 0; });
    return error_ == 0;
}

void DownloadSink::restarted() {
    std::lock_guard lock(mutex_);
    start_ = ::lseek(fd_, 0, SEEK_CUR);
    if (start_ < 0) start_ = 0;
    written_ = 0;
    handedToDisk_ = 0;
}

bool DownloadSink::failed() const {
    std::lock_guard lock(mutex_);
    return error_ != 0;
}

int DownloadSink::error() const {
    std::lock_guard lock(mutex_);
    return error_;
}

void DownloadSink::work() {
    std::unique_lock lock(mutex_);
    for (;;) {
        changed_.wait(lock, [&] { return !queued_.empty() || stopping_; });
        if (queued_.empty()) return;  // stopping, nothing left
        const Filled block = queued_.front();
        queued_.pop_front();
        busy_ = true;
        const bool writing = error_ == 0;
        lock.unlock();

        int failure = 0;
        if (writing) {
            for (auto* h : hashers_) EVP_DigestUpdate(h, block.data, block.size);
            std::size_t done = 0;
            while (done < block.size) {
                const auto n = ::write(fd_, block.data + done, block.size - done);
                if (n < 0 && errno == EINTR) continue;
                if (n <= 0) {
                    failure = n < 0 ? errno : ENOSPC;
                    break;
                }
                done += static_cast<std::size_t>(n);
            }
            written_ += done;
#ifdef __linux__
            // Start writing back what has come so far: the fsync before the rename then waits
            // for the last few MiB, not for the whole file. (Only a hint: errors show in fsync.)
            if (failure == 0 && written_ - handedToDisk_ >= kWritebackEvery) {
                (void)::sync_file_range(fd_, start_ + static_cast<off_t>(handedToDisk_),
                                        static_cast<off_t>(written_ - handedToDisk_), SYNC_FILE_RANGE_WRITE);
                handedToDisk_ = written_;
            }
#endif
        }

        lock.lock();
        if (failure != 0 && error_ == 0) error_ = failure;
        free_.push_back(block.data);
        busy_ = false;
        changed_.notify_all();
    }
}

}  // namespace tiservice::net

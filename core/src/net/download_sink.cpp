#include "download_sink.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#ifdef __linux__
#include <fcntl.h>
#endif

namespace tiservice::net {

DownloadSink::DownloadSink(std::FILE* file, std::uint64_t start, const std::vector<EVP_MD_CTX*>& hashers)
    : file_(file),
      start_(start),
      syncedFrom_(start),
      hashers_(hashers),
      memory_(kBlocks * kBlockBytes),
      sizes_(kBlocks, 0) {
    writer_ = std::thread([this] { writeLoop(); });
    if (!hashers_.empty()) hasher_ = std::thread([this] { hashLoop(); });
}

DownloadSink::~DownloadSink() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    changed_.notify_all();
    if (writer_.joinable()) writer_.join();
    if (hasher_.joinable()) hasher_.join();
}

std::span<char> DownloadSink::space() {
    std::unique_lock lock(mutex_);
    if (fill_ == 0) {
        // A new block: the one kBlocks back must be written and hashed.
        changed_.wait(lock, [&] {
            return error_.has_value() || filled_ - std::min(wrote_, hashers_.empty() ? wrote_ : hashed_) < kBlocks;
        });
    }
    if (error_) return {};
    char* block = memory_.data() + (filled_ % kBlocks) * kBlockBytes;
    return {block + fill_, kBlockBytes - fill_};
}

void DownloadSink::added(std::size_t n) {
    fill_ += n;
    if (fill_ == kBlockBytes) publish();
}

void DownloadSink::publish() {
    {
        std::lock_guard lock(mutex_);
        sizes_[filled_ % kBlocks] = fill_;
        ++filled_;
    }
    fill_ = 0;
    changed_.notify_all();
}

bool DownloadSink::finish() {
    if (fill_ > 0) publish();
    std::unique_lock lock(mutex_);
    changed_.wait(
        lock, [&] { return error_.has_value() || (wrote_ == filled_ && (hashers_.empty() || hashed_ == filled_)); });
    return !error_;
}

std::optional<std::string> DownloadSink::error() const {
    std::lock_guard lock(mutex_);
    return error_;
}

bool DownloadSink::writeBlock(const char* data, std::size_t n) {
    if (std::fwrite(data, 1, n, file_) != n) {
        std::lock_guard lock(mutex_);
        error_ = std::string("write: ") + std::strerror(errno ? errno : ENOSPC);
        return false;
    }
    written_ += n;
#ifdef __linux__
    // Sent on to the disk every 8 MiB without waiting for it.
    constexpr std::uint64_t kEvery = 8u * 1024u * 1024u;
    if (start_ + written_ - syncedFrom_ >= kEvery) {
        (void)::sync_file_range(::fileno(file_), static_cast<off_t>(syncedFrom_),
                                static_cast<off_t>(start_ + written_ - syncedFrom_), SYNC_FILE_RANGE_WRITE);
        syncedFrom_ = start_ + written_;
    }
#endif
    return true;
}

void DownloadSink::writeLoop() {
    for (;;) {
        std::uint64_t block = 0;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return stop_ || wrote_ < filled_; });
            if (wrote_ == filled_) return;  // stopped
            block = wrote_;
        }
        const auto at = block % kBlocks;
        if (!writeBlock(memory_.data() + at * kBlockBytes, sizes_[at])) {
            changed_.notify_all();
            return;
        }
        {
            std::lock_guard lock(mutex_);
            ++wrote_;
        }
        changed_.notify_all();
    }
}

void DownloadSink::hashLoop() {
    for (;;) {
        std::uint64_t block = 0;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return stop_ || error_.has_value() || hashed_ < filled_; });
            if (hashed_ == filled_ || error_) return;
            block = hashed_;
        }
        const auto at = block % kBlocks;
        for (auto* h : hashers_) EVP_DigestUpdate(h, memory_.data() + at * kBlockBytes, sizes_[at]);
        {
            std::lock_guard lock(mutex_);
            ++hashed_;
        }
        changed_.notify_all();
    }
}

}  // namespace tiservice::net

#pragma once
// Where a download's bytes go once they have arrived: hashed and written on a thread of their
// own, so receiving the next bytes (and decrypting them) overlaps hashing and writing the last
// ones. A few fixed blocks circulate between the two threads: memory stays the same whatever
// the size of the file, and a slow disk slows the download instead of filling memory.

#include <openssl/evp.h>
#include <sys/types.h>

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

namespace tiservice::net {

class DownloadSink {
public:
    static constexpr std::size_t kBlockSize = 256 * 1024;
    static constexpr std::size_t kBlocks = 4;
    /// Written data is handed to the disk every this many bytes (Linux: sync_file_range), so the
    /// final fsync only waits for the last part, not for the whole file.
    static constexpr std::uint64_t kWritebackEvery = 8 * 1024 * 1024;

    /// `fd` is written at its current offset; `hashers` see every byte in order. Both stay the
    /// caller's; the sink only uses them until finish().
    DownloadSink(int fd, std::vector<EVP_MD_CTX*> hashers);
    ~DownloadSink();
    DownloadSink(const DownloadSink&) = delete;
    DownloadSink& operator=(const DownloadSink&) = delete;

    /// A free block to receive into; waits while all are queued. Empty when writing has failed.
    std::span<char> acquire();
    /// Queues the first `n` bytes of the block acquire() gave.
    void submit(std::span<char> block, std::size_t n);
    /// Waits until everything queued is hashed and written; false when a write failed (the
    /// disk is full, the file is gone): then error() gives the errno.
    bool drain();
    /// After drain(): the file has been truncated and rewound, start counting from there.
    void restarted();
    /// Whether a write has failed so far (without waiting).
    [[nodiscard]] bool failed() const;
    [[nodiscard]] int error() const;

private:
    void work();

    int fd_;
    std::vector<EVP_MD_CTX*> hashers_;
    std::vector<std::vector<char>> storage_;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<char*> free_;
    struct Filled {
        char* data;
        std::size_t size;
    };
    std::deque<Filled> queued_;
    bool busy_ = false;  ///< the worker holds a block
    bool stopping_ = false;
    int error_ = 0;
    std::uint64_t written_ = 0;
    std::uint64_t handedToDisk_ = 0;
    off_t start_ = 0;
    std::thread worker_;
};

}  // namespace tiservice::net

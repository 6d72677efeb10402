#pragma once
// Where the bytes of a download go while the network thread receives the next ones: a ring of
// blocks between three threads. The network thread fills a block; a writer thread puts it into
// the file; a checksum thread hashes it; a block is filled again once both are done with it. So
// receiving, writing and hashing a firmware file — on a practice PC each about as long as the
// other — happen side by side instead of one after the other, and memory stays flat (4 MiB).
//
// On Linux the blocks go to the disk directly (O_DIRECT), past the page cache: a firmware file
// is written once and read once, much later, so copying a gigabyte into the cache only costs a
// core the whole download long (as much as the decryption) and leaves the fsync before the
// rename a gigabyte to write. The blocks are aligned for it: memory, file offset and length on
// 4 KiB. What does not fit (the start of a resumed part, the last bytes) goes through the cache;
// where the file system takes no direct writes, everything does, sent on to the disk every 8 MiB
// (sync_file_range, without waiting) so that the final fsync finds little left.
//
// Direct writes reach the disk, but perhaps only its cache (or, in a virtual machine, the
// host's): a fourth thread makes every 4 MiB durable (fdatasync) while the next ones arrive, so
// that the fsync before the rename waits for the last few MiB instead of the whole file. It does
// not hold up the ring (a block is free again once written and hashed); finish() waits for it.

#include <openssl/evp.h>

#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

namespace tiservice::net {

class DownloadSink {
public:
    /// Bytes go to `file` (open for writing, unbuffered, positioned at its end: `start` bytes
    /// are there already, a resumed part) and into `hashers`.
    DownloadSink(std::FILE* file, std::uint64_t start, const std::vector<EVP_MD_CTX*>& hashers);
    ~DownloadSink();  ///< stops the threads; what was not finish()ed is not written
    DownloadSink(const DownloadSink&) = delete;
    DownloadSink& operator=(const DownloadSink&) = delete;

    /// Where the next bytes go (at least 1 byte); waits while every block is still being written
    /// or hashed. Empty when writing failed.
    std::span<char> space();
    /// `n` bytes were put into the last space().
    void added(std::size_t n);
    /// Writes and hashes what is left and waits for both, and for a sync still under way (the
    /// caller syncs the rest). False when a write or a sync failed (a full disk, a disk that lost
    /// what it was given): error() says how.
    bool finish();
    /// Whether writing failed, and how (for the log): "write: No space left on device".
    [[nodiscard]] std::optional<std::string> error() const;
    /// The system's number for it (ENOSPC, EIO, …); 0 while nothing failed.
    [[nodiscard]] int errorNumber() const;

    static constexpr std::size_t kBlockBytes = 1024 * 1024;
    static constexpr std::size_t kAlignment = 4096;  ///< of memory, offset and length for direct writes

private:
    static constexpr std::size_t kBlocks = 4;
    static constexpr std::uint64_t kSyncEvery = kBlocks * kBlockBytes;  ///< made durable after as much, direct
    static constexpr std::uint64_t kSendOnEvery = 8u * 1024u * 1024u;   ///< sent on after as much, cached

    char* block(std::uint64_t index) const { return ring_ + (index % kBlocks) * kBlockBytes; }
    void publish();
    void writeLoop();
    void hashLoop();
    void syncLoop();
    bool writeBlock(const char* data, std::size_t n);
    bool writeOut(const char* data, std::size_t n);
    bool useDirect(bool on);
    void fail(const char* what, int number);  ///< the first failure is kept; call with mutex_ held

    std::FILE* file_;
    std::uint64_t start_;
    std::uint64_t written_ = 0;     ///< [writer] bytes put into the file by this sink
    std::uint64_t syncedFrom_ = 0;  ///< [writer] where the bytes not yet sent to the disk begin
    bool direct_ = false;           ///< [writer] the file takes direct writes
    bool directOn_ = false;         ///< [writer] O_DIRECT is set on the file now
    const std::vector<EVP_MD_CTX*>& hashers_;
    std::unique_ptr<char[]> memory_;  ///< kBlocks × kBlockBytes, and room to align them
    char* ring_ = nullptr;            ///< the blocks, aligned on kAlignment
    std::vector<std::size_t> from_;   ///< where the bytes of each block begin (the first may not at 0)
    std::vector<std::size_t> to_;     ///< and end
    std::size_t fill_ = 0;            ///< [network] where the next bytes go in the block being filled

    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::condition_variable syncWanted_;
    std::uint64_t filled_ = 0;  ///< blocks handed on by the network thread
    std::uint64_t wrote_ = 0;   ///< of them, written
    std::uint64_t hashed_ = 0;  ///< of them, hashed
    std::uint64_t toSync_ = 0;  ///< bytes of the file the syncer is asked to make durable
    std::uint64_t synced_ = 0;  ///< and has
    bool stop_ = false;
    std::optional<std::string> error_;
    int errorNumber_ = 0;
    std::thread writer_;
    std::thread hasher_;
    std::thread syncer_;  ///< only with direct writes
};

}  // namespace tiservice::net

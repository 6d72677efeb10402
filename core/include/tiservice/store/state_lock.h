#pragma once
// One process at a time owns a state folder: two `tiservice update` started at the same moment
// on one PC, or the tool beside a practice software's adapter, must never write the journal and
// the update archive at once (that doubled every archive entry). The lock is a file in the
// folder that names the process holding it; a lock left by a process that died (power cut,
// kill) is taken over.

#include <chrono>
#include <filesystem>
#include <memory>
#include <string_view>

#include "tiservice/core_export.h"
#include "tiservice/error.h"

namespace tiservice::store {

class TISERVICE_CORE_EXPORT StateLock {
public:
    /// Takes the lock of `stateDir`, waiting up to `wait` for another holder to finish.
    /// `purpose` says what this process is doing ("update", "status check") for the message
    /// the other one shows. An Error "store.busy" naming the holder when it cannot.
    static Result<StateLock> acquire(const std::filesystem::path& stateDir, std::chrono::milliseconds wait,
                                     std::string_view purpose);

    StateLock(StateLock&& other) noexcept;
    StateLock& operator=(StateLock&& other) noexcept;
    ~StateLock();  ///< releases the lock

private:
    struct Impl;
    explicit StateLock(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

/// The stable code of the Error acquire() returns when another process holds the lock.
inline constexpr const char* kStateBusy = "store.busy";

}  // namespace tiservice::store

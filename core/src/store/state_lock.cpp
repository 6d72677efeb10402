#include "tiservice/store/state_lock.h"
#include "tiservice/paths.h"

#include <QLockFile>
#include <QString>

#include "tiservice/store/atomic_file.h"

namespace tiservice::store {

struct StateLock::Impl {
    explicit Impl(const std::filesystem::path& dir)
        : lock(QString::fromStdString(tiservice::utf8Of(dir / "tiservice.lock"))) {}
    QLockFile lock;
    std::filesystem::path info;
};

StateLock::StateLock(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
StateLock::StateLock(StateLock&& other) noexcept = default;
StateLock& StateLock::operator=(StateLock&& other) noexcept = default;

StateLock::~StateLock() {
    if (!impl_) return;
    std::error_code ec;
    std::filesystem::remove(impl_->info, ec);
    impl_->lock.unlock();
}

Result<StateLock> StateLock::acquire(const std::filesystem::path& stateDir, std::chrono::milliseconds wait,
                                     std::string_view purpose) {
    std::error_code ec;
    std::filesystem::create_directories(stateDir, ec);
    auto impl = std::make_unique<Impl>(stateDir);
    // Only a dead holder's lock is stale; a living one may rightly hold it for a 20-minute update.
    impl->lock.setStaleLockTime(0);
    impl->info = stateDir / "tiservice.lock.purpose";
    if (impl->lock.tryLock(static_cast<int>(wait.count()))) {
        (void)writeAtomically(impl->info, std::string(purpose));  // only for the other's message
        return StateLock(std::move(impl));
    }
    if (impl->lock.error() != QLockFile::LockFailedError) {
        // Say why, in words: a write next to it tells (a full disk, no permission).
        if (auto probe = writeAtomically(stateDir / ".writable", "ok"); !probe.ok()) return probe.error();
        std::filesystem::remove(stateDir / ".writable", ec);
        return Error{.code = "store.lock-failed",
                     .message = TIS_TEXT("state_lock", "Der Datenordner %1 kann nicht gesperrt werden.")
                                    .arg(tiservice::utf8Of(stateDir)),
                     .action = TIS_TEXT("state_lock", "Schreibrechte und freien Speicherplatz des Ordners prüfen."),
                     .detail = tiservice::utf8Of(stateDir)};
    }
    qint64 pid = 0;
    QString host, app;
    impl->lock.getLockInfo(&pid, &host, &app);
    auto holder = readFile(stateDir / "tiservice.lock.purpose", 256);
    const std::string what = holder.ok() && !holder->empty() ? *holder : std::string("?");
    return Error{.code = kStateBusy,
                 .message = TIS_TEXT("state_lock",
                                     "tiservice arbeitet auf diesem PC schon (%1, Prozess %2); zwei gleichzeitig "
                                     "könnten das Update-Archiv durcheinanderbringen.")
                                .arg(what, std::to_string(pid)),
                 .action = TIS_TEXT("state_lock", "Warten, bis das andere fertig ist, und dann noch einmal versuchen."),
                 .detail = std::to_string(pid)};
}

}  // namespace tiservice::store

#include "tiservice/store/atomic_file.h"
#include "tiservice/paths.h"

#include <fcntl.h>
#include <sys/stat.h>
#ifdef _WIN32
#include <io.h>
#include <process.h>
#include <windows.h>
#else
#include <unistd.h>
#endif

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>

namespace tiservice::store {
namespace {

// The few file calls that differ between POSIX and Windows, each with POSIX's meaning: -1 or
// false with errno set on failure.
#ifdef _WIN32
constexpr int kCreateNew = _O_WRONLY | _O_CREAT | _O_EXCL | _O_BINARY | _O_NOINHERIT;
constexpr int kAppend = _O_RDWR | _O_CREAT | _O_APPEND | _O_BINARY | _O_NOINHERIT;
int openFile(const std::filesystem::path& file, int flags) {
    return ::_wopen(file.c_str(), flags, _S_IREAD | _S_IWRITE);
}
int syncFile(int fd) { return ::_commit(fd); }  // FlushFileBuffers
int closeFile(int fd) { return ::_close(fd); }
long long fileSize(int fd) { return ::_lseeki64(fd, 0, SEEK_END); }
bool lastByteIs(int fd, long long size, char expected) {
    char last = expected;
    if (::_lseeki64(fd, size - 1, SEEK_SET) < 0 || ::_read(fd, &last, 1) != 1) return true;
    return last == expected;  // appends go to the end whatever the position (_O_APPEND)
}
int truncateFile(int fd, long long size) { return ::_chsize_s(fd, size) == 0 ? 0 : -1; }
int errnoFromWindows(DWORD error) {
    switch (error) {
        case ERROR_DISK_FULL:
        case ERROR_HANDLE_DISK_FULL: return ENOSPC;
        case ERROR_ACCESS_DENIED:
        case ERROR_SHARING_VIOLATION:
        case ERROR_LOCK_VIOLATION: return EACCES;
        case ERROR_WRITE_PROTECT: return EROFS;
        case ERROR_FILE_NOT_FOUND:
        case ERROR_PATH_NOT_FOUND: return ENOENT;
        default: return EIO;
    }
}
/// Replaces `to` by `from` in one step, written through to the disk before it returns.
/// A file another program holds open (a virus scanner, a second workstation reading the archive)
/// cannot be replaced on Windows: a second's worth of tries before saying so.
bool replaceFile(const std::filesystem::path& from, const std::filesystem::path& to) {
    for (int attempt = 0;; ++attempt) {
        if (::MoveFileExW(from.c_str(), to.c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) return true;
        const DWORD error = ::GetLastError();
        if ((error != ERROR_ACCESS_DENIED && error != ERROR_SHARING_VIOLATION) || attempt == 20) {
            errno = errnoFromWindows(error);
            return false;
        }
        ::Sleep(50);
    }
}
/// MOVEFILE_WRITE_THROUGH has already made the rename durable; NTFS has no folder to sync.
bool syncFolder(const std::filesystem::path&) { return true; }
int processId() { return ::_getpid(); }
#else
constexpr int kCreateNew = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC;
constexpr int kAppend = O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC;
int openFile(const std::filesystem::path& file, int flags) { return ::open(file.c_str(), flags, 0600); }
int syncFile(int fd) { return ::fsync(fd); }
int closeFile(int fd) { return ::close(fd); }
long long fileSize(int fd) { return ::lseek(fd, 0, SEEK_END); }
bool lastByteIs(int fd, long long size, char expected) {
    char last = expected;
    if (::pread(fd, &last, 1, size - 1) != 1) return true;
    return last == expected;
}
int truncateFile(int fd, long long size) { return ::ftruncate(fd, size); }
bool replaceFile(const std::filesystem::path& from, const std::filesystem::path& to) {
    return ::rename(from.c_str(), to.c_str()) == 0;
}
bool syncFolder(const std::filesystem::path& folder) {
    const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return false;
    const bool ok = ::fsync(fd) == 0 || errno == EINVAL;  // some file systems cannot sync folders
    ::close(fd);
    return ok;
}
int processId() { return ::getpid(); }
#endif

/// Writes all of `data`, however the system splits it; false with errno set otherwise.
bool writeAll(int fd, std::string_view data) {
    while (!data.empty()) {
#ifdef _WIN32
        const auto n = ::_write(fd, data.data(), static_cast<unsigned>(std::min<std::size_t>(data.size(), 1U << 30)));
#else
        const auto n = ::write(fd, data.data(), data.size());
#endif
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        if (n == 0) {
            errno = EIO;
            return false;
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

}  // namespace

LocalizedText writeFailureReason(int error) {
    switch (error) {
#ifdef EDQUOT
        case EDQUOT:
#endif
        case ENOSPC: return TIS_TEXT("atomic_file", "der Datenträger ist voll");
        case EACCES:
        case EPERM: return TIS_TEXT("atomic_file", "keine Schreibrechte");
        case EROFS: return TIS_TEXT("atomic_file", "der Datenträger ist schreibgeschützt");
        case EIO: return TIS_TEXT("atomic_file", "Fehler beim Schreiben auf den Datenträger");
        case ENOENT: return TIS_TEXT("atomic_file", "der Ordner fehlt");
        case ENOTDIR: return TIS_TEXT("atomic_file", "ein Teil des Pfads ist eine Datei, kein Ordner");
        case EISDIR: return TIS_TEXT("atomic_file", "an dieser Stelle steht ein Ordner");
        case ENAMETOOLONG: return TIS_TEXT("atomic_file", "der Name ist zu lang");
        default: return TIS_TEXT("atomic_file", "Fehler %1").arg(error);
    }
}

Error writeError(const std::filesystem::path& file, int error) {
    return Error{.code = "store.write-failed",
                 .message = TIS_TEXT("atomic_file", "Die Datei %1 kann nicht gespeichert werden: %2.")
                                .arg(tiservice::utf8Of(file), writeFailureReason(error)),
                 .action = TIS_TEXT("atomic_file", "Schreibrechte und freien Speicherplatz des Ordners prüfen."),
                 .detail = std::strerror(error)};
}

std::FILE* openStdioFile(const std::filesystem::path& file, const char* mode) {
#ifdef _WIN32
    const std::wstring wideMode(mode, mode + std::strlen(mode));
    return ::_wfopen(file.c_str(), wideMode.c_str());
#else
    return std::fopen(file.c_str(), mode);
#endif
}

Status writeAtomically(const std::filesystem::path& file, std::string_view content) {
    std::error_code ec;
    // Only a file is replaced: never a device (/dev/full, a disk), a pipe or a folder that
    // happens to stand where the file should go.
    if (const auto st = std::filesystem::status(file, ec);
        !ec && std::filesystem::exists(st) && !std::filesystem::is_regular_file(st))
        return Error{.code = "store.write-failed",
                     .message = TIS_TEXT("atomic_file",
                                         "Die Datei %1 kann nicht gespeichert werden: an dieser "
                                         "Stelle steht keine gewöhnliche Datei.")
                                    .arg(tiservice::utf8Of(file)),
                     .action = TIS_TEXT("atomic_file", "Einen anderen Dateinamen wählen."),
                     .detail = "not a regular file"};
    ec.clear();
    const auto folder = file.parent_path();
    if (!folder.empty()) std::filesystem::create_directories(folder, ec);
    if (ec) return writeError(file, ec.value());
    std::random_device rd;
    auto temporary = file;
    temporary += ".tmp-" + std::to_string(processId()) + "-" + std::to_string(rd());
    const int fd = openFile(temporary, kCreateNew);
    if (fd < 0) return writeError(file, errno);
    const auto removeTemporary = [&] { std::filesystem::remove(temporary, ec); };
    const auto fail = [&](int error) {
        closeFile(fd);
        removeTemporary();
        return writeError(file, error);
    };
    if (!writeAll(fd, content)) return fail(errno);
    if (syncFile(fd) != 0) return fail(errno);
    // What is on the disk must be what we wrote: a full disk may accept the write and lose it.
    const long long written = fileSize(fd);
    if (written < 0) return fail(errno);
    if (static_cast<std::uintmax_t>(written) != content.size()) return fail(ENOSPC);
    if (closeFile(fd) != 0) {
        const int error = errno;
        removeTemporary();
        return writeError(file, error);
    }
    if (!replaceFile(temporary, file)) {
        const int error = errno;
        removeTemporary();
        return writeError(file, error);
    }
    if (!syncFolder(folder)) return writeError(file, errno);
    return Status::success();
}

Result<std::string> readFile(const std::filesystem::path& file, std::size_t maxBytes) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec)
        return Error{
            .code = "store.not-found",
            .message =
                TIS_TEXT("atomic_file", "Die Datei %1 fehlt oder ist nicht lesbar.").arg(tiservice::utf8Of(file)),
            .action = {},
            .detail = ec.message()};
    if (size > maxBytes)
        return Error{.code = "store.too-large",
                     .message = TIS_TEXT("atomic_file", "Die Datei %1 ist zu groß.").arg(tiservice::utf8Of(file)),
                     .action = {},
                     .detail = std::to_string(size)};
    std::ifstream in(file, std::ios::binary);
    std::string content(size, '\0');
    in.read(content.data(), static_cast<std::streamsize>(size));
    if (!in)
        return Error{.code = "store.not-found",
                     .message = TIS_TEXT("atomic_file", "Die Datei %1 ist nicht lesbar.").arg(tiservice::utf8Of(file)),
                     .action = {},
                     .detail = "read"};
    return content;
}

Result<AppendReport> appendLine(const std::filesystem::path& file, std::string_view line) {
    std::error_code ec;
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
    if (ec) return writeError(file, ec.value());
    const int fd = openFile(file, kAppend);
    if (fd < 0) return writeError(file, errno);
    AppendReport report;
    // Does the file end with a line break? If not, an earlier write was torn: start afresh.
    const long long size = fileSize(fd);
    if (size > 0 && !lastByteIs(fd, size, '\n')) report.tornLineFound = true;
    std::string data;
    if (report.tornLineFound) data += '\n';
    data.append(line);
    data += '\n';
    if (!writeAll(fd, data) || syncFile(fd) != 0) {
        const int error = errno;
        // Never leave half a line of ours behind: cut the file back to where it was.
        if (size >= 0 && truncateFile(fd, size) == 0) (void)syncFile(fd);
        closeFile(fd);
        return writeError(file, error);
    }
    if (closeFile(fd) != 0) return writeError(file, errno);
    return report;
}

}  // namespace tiservice::store

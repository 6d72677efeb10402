#include "tiservice/store/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>

namespace tiservice::store {
namespace {

LocalizedText reasonFor(int error) {
    switch (error) {
        case ENOSPC:
        case EDQUOT: return TIS_TEXT("atomic_file", "der Datenträger ist voll");
        case EACCES:
        case EPERM: return TIS_TEXT("atomic_file", "keine Schreibrechte");
        case EROFS: return TIS_TEXT("atomic_file", "der Datenträger ist schreibgeschützt");
        case EIO: return TIS_TEXT("atomic_file", "Fehler beim Schreiben auf den Datenträger");
        default: return TIS_TEXT("atomic_file", "Fehler %1").arg(error);
    }
}

/// Writes all of `data`, however the system splits it; false with errno set otherwise.
bool writeAll(int fd, std::string_view data) {
    while (!data.empty()) {
        const auto n = ::write(fd, data.data(), data.size());
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

bool syncFolder(const std::filesystem::path& folder) {
    const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return false;
    const bool ok = ::fsync(fd) == 0 || errno == EINVAL;  // some file systems cannot sync folders
    ::close(fd);
    return ok;
}

}  // namespace

Error writeError(const std::filesystem::path& file, int error) {
    return Error{
        .code = "store.write-failed",
        .message = TIS_TEXT("atomic_file", "Die Datei %1 kann nicht gespeichert werden: %2.").arg(file.string(),
                                                                                               reasonFor(error)),
        .action = TIS_TEXT("atomic_file", "Schreibrechte und freien Speicherplatz des Ordners prüfen."),
        .detail = std::strerror(error)};
}

Status writeAtomically(const std::filesystem::path& file, std::string_view content) {
    std::error_code ec;
    const auto folder = file.parent_path();
    if (!folder.empty()) std::filesystem::create_directories(folder, ec);
    if (ec) return writeError(file, ec.value());
    std::random_device rd;
    const auto temporary = file.string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(rd());
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return writeError(file, errno);
    const auto fail = [&](int error) {
        ::close(fd);
        ::unlink(temporary.c_str());
        return writeError(file, error);
    };
    if (!writeAll(fd, content)) return fail(errno);
    if (::fsync(fd) != 0) return fail(errno);
    // What is on the disk must be what we wrote: a full disk may accept the write and lose it.
    struct stat st {};
    if (::fstat(fd, &st) != 0) return fail(errno);
    if (static_cast<std::uintmax_t>(st.st_size) != content.size()) return fail(ENOSPC);
    if (::close(fd) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        return writeError(file, error);
    }
    if (::rename(temporary.c_str(), file.c_str()) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        return writeError(file, error);
    }
    if (!syncFolder(folder)) return writeError(file, errno);
    return Status::success();
}

Result<std::string> readFile(const std::filesystem::path& file, std::size_t maxBytes) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec)
        return Error{.code = "store.not-found",
                     .message = TIS_TEXT("atomic_file", "Die Datei %1 fehlt oder ist nicht lesbar.").arg(file.string()),
                     .action = {},
                     .detail = ec.message()};
    if (size > maxBytes)
        return Error{.code = "store.too-large",
                     .message = TIS_TEXT("atomic_file", "Die Datei %1 ist zu groß.").arg(file.string()),
                     .action = {},
                     .detail = std::to_string(size)};
    std::ifstream in(file, std::ios::binary);
    std::string content(size, '\0');
    in.read(content.data(), static_cast<std::streamsize>(size));
    if (!in)
        return Error{.code = "store.not-found",
                     .message = TIS_TEXT("atomic_file", "Die Datei %1 ist nicht lesbar.").arg(file.string()),
                     .action = {},
                     .detail = "read"};
    return content;
}

Result<AppendReport> appendLine(const std::filesystem::path& file, std::string_view line) {
    std::error_code ec;
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
    if (ec) return writeError(file, ec.value());
    const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) return writeError(file, errno);
    AppendReport report;
    // Does the file end with a line break? If not, an earlier write was torn: start afresh.
    const off_t size = ::lseek(fd, 0, SEEK_END);
    if (size > 0) {
        char last = '\n';
        if (::pread(fd, &last, 1, size - 1) == 1 && last != '\n') report.tornLineFound = true;
    }
    std::string data;
    if (report.tornLineFound) data += '\n';
    data.append(line);
    data += '\n';
    if (!writeAll(fd, data) || ::fsync(fd) != 0) {
        const int error = errno;
        // Never leave half a line of ours behind: cut the file back to where it was.
        if (size >= 0 && ::ftruncate(fd, size) == 0) (void)::fsync(fd);
        ::close(fd);
        return writeError(file, error);
    }
    if (::close(fd) != 0) return writeError(file, errno);
    return report;
}

}  // namespace tiservice::store

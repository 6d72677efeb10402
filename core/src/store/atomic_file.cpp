#include "tiservice/store/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include <QSaveFile>
#include <QString>

namespace tiservice::store {
namespace {

Error writeError(const std::filesystem::path& file, const std::string& reason) {
    return Error{
        .code = "store.write-failed",
        .message =
            TIS_TEXT("atomic_file", "Die Datei %1 kann nicht gespeichert werden (%2).").arg(file.string(), reason),
        .action = TIS_TEXT("atomic_file", "Schreibrechte und freien Speicherplatz des Ordners prüfen."),
        .detail = reason};
}

}  // namespace

Status writeAtomically(const std::filesystem::path& file, std::string_view content) {
    std::error_code ec;
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
    if (ec) return writeError(file, ec.message());
    QSaveFile out(QString::fromStdString(file.string()));
    if (!out.open(QIODevice::WriteOnly)) return writeError(file, out.errorString().toStdString());
    if (out.write(content.data(), static_cast<qint64>(content.size())) != static_cast<qint64>(content.size())) {
        const auto reason = out.errorString().toStdString();
        out.cancelWriting();
        return writeError(file, reason);
    }
    if (!out.commit()) return writeError(file, out.errorString().toStdString());
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

Status appendLine(const std::filesystem::path& file, std::string_view line) {
    std::error_code ec;
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
    if (ec) return writeError(file, ec.message());
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) return writeError(file, std::strerror(errno));
    std::string data(line);
    data += '\n';
    const auto written = ::write(fd, data.data(), data.size());
    const int err = errno;
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (written != static_cast<ssize_t>(data.size())) {
        // A partial line would corrupt the archive: cut it off again.
        if (written > 0) {
            const auto size = std::filesystem::file_size(file, ec);
            if (!ec) std::filesystem::resize_file(file, size - static_cast<std::uintmax_t>(written), ec);
        }
        return writeError(file, std::strerror(err));
    }
    if (!synced) return writeError(file, "fsync");
    return Status::success();
}

}  // namespace tiservice::store

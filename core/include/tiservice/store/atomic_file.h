#pragma once
// Files tiservice keeps: written atomically (a temporary file in the same folder, written,
// flushed and synced to disk, then renamed over the old one and the folder synced), so a
// power cut or a full disk never leaves half a file behind — and never a "saved" file that
// is not on the disk. Every step is checked; a failure is an Error that says why (the disk
// is full, no permission) in both languages, and the old file stays as it was.

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "tiservice/core_export.h"
#include "tiservice/error.h"

namespace tiservice::store {

/// Replaces `file` with `content` atomically, creating its folder. On failure the old file
/// is untouched and the Error says why (no permission, disk full) in both languages.
TISERVICE_CORE_EXPORT Status writeAtomically(const std::filesystem::path& file, std::string_view content);

/// Reads a whole file of at most maxBytes; larger files are an Error ("store.too-large").
TISERVICE_CORE_EXPORT Result<std::string> readFile(const std::filesystem::path& file, std::size_t maxBytes);

/// What an append found before it wrote.
struct AppendReport {
    /// The file did not end with a line break: a torn line from an interrupted write. It is
    /// kept as it is (readers report it as unreadable); the new line starts on a fresh line.
    bool tornLineFound = false;
};

/// Appends one line (a '\n' is added) on a line of its own, and syncs it to disk. A line that
/// cannot be written whole is cut off again, so the file never ends in a half line of ours.
TISERVICE_CORE_EXPORT Result<AppendReport> appendLine(const std::filesystem::path& file, std::string_view line);

/// The Error for a file that cannot be written, with `error` (errno) in words.
TISERVICE_CORE_EXPORT Error writeError(const std::filesystem::path& file, int error);

/// Why writing failed, in words: "der Datenträger ist voll" for ENOSPC, and so on.
TISERVICE_CORE_EXPORT LocalizedText writeFailureReason(int error);

/// std::fopen for a path of any characters: on Windows through _wfopen, where a narrow name
/// would be read in the ANSI code page and a folder with an umlaut missed. nullptr (errno set)
/// when it cannot be opened.
TISERVICE_CORE_EXPORT std::FILE* openStdioFile(const std::filesystem::path& file, const char* mode);

}  // namespace tiservice::store

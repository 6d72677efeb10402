#pragma once
// Files tiservice keeps: written atomically (QSaveFile: a temporary file renamed over the
// old one), so a power cut or a full disk never leaves half a file behind.

#include <cstddef>
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

/// Appends one line (a '\n' is added) and flushes it to disk (fsync).
TISERVICE_CORE_EXPORT Status appendLine(const std::filesystem::path& file, std::string_view line);

}  // namespace tiservice::store

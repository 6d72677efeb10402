#pragma once
// Where tiservice keeps its files on a practice PC.

#include <filesystem>
#include <string>
#include <string_view>

#include "tiservice/core_export.h"

namespace tiservice {

/// The state folder (journal, history, trusted metadata, cache, logs):
/// $TISERVICE_STATE_DIR if set, else $XDG_STATE_HOME/tiservice, else ~/.local/state/tiservice
/// (on systems without XDG: the platform's application data folder).
TISERVICE_CORE_EXPORT std::filesystem::path defaultStateFolder();

/// The configuration folder (tiservice.ini): $TISERVICE_CONFIG_DIR if set, else the
/// platform's configuration folder (XDG_CONFIG_HOME, ~/.config) + "/tiservice".
TISERVICE_CORE_EXPORT std::filesystem::path defaultConfigFolder();

/// A path from UTF-8 text (what settings files, hosts through plugin.h and command lines hand
/// over). Not std::filesystem::path(std::string): on Windows that reads the ANSI code page, and
/// a folder named "Ärzte" would become another one.
TISERVICE_CORE_EXPORT std::filesystem::path pathFromUtf8(std::string_view utf8);

/// The path as UTF-8 text, for messages, logs and files of ours (the inverse of pathFromUtf8).
TISERVICE_CORE_EXPORT std::string utf8Of(const std::filesystem::path& path);

}  // namespace tiservice

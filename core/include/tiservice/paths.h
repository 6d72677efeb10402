#pragma once
// Where tiservice keeps its files on a practice PC.

#include <filesystem>

#include "tiservice/core_export.h"

namespace tiservice {

/// The state folder (journal, history, trusted metadata, cache, logs):
/// $TISERVICE_STATE_DIR if set, else $XDG_STATE_HOME/tiservice, else ~/.local/state/tiservice
/// (on systems without XDG: the platform's application data folder).
TISERVICE_CORE_EXPORT std::filesystem::path defaultStateFolder();

/// The configuration folder (tiservice.ini): $TISERVICE_CONFIG_DIR if set, else the
/// platform's configuration folder (XDG_CONFIG_HOME, ~/.config) + "/tiservice".
TISERVICE_CORE_EXPORT std::filesystem::path defaultConfigFolder();

}  // namespace tiservice

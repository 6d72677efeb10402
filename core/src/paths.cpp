#include "tiservice/paths.h"

#include <cstdlib>

#include <QStandardPaths>

namespace tiservice {
namespace {

std::filesystem::path fromEnv(const char* name) {
    const char* v = std::getenv(name);
    return (v != nullptr && *v != '\0') ? std::filesystem::path(v) : std::filesystem::path();
}

}  // namespace

std::filesystem::path defaultStateFolder() {
    if (auto p = fromEnv("TISERVICE_STATE_DIR"); !p.empty()) return p;
#if defined(__linux__) || defined(__FreeBSD__)
    // Qt 6.4 has no StateLocation yet; follow the XDG base directory spec ourselves.
    if (auto p = fromEnv("XDG_STATE_HOME"); !p.empty() && p.is_absolute()) return p / "tiservice";
    if (auto home = fromEnv("HOME"); !home.empty()) return home / ".local" / "state" / "tiservice";
#endif
    const auto base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation).toStdString();
    return std::filesystem::path(base) / "tiservice";
}

std::filesystem::path defaultConfigFolder() {
    if (auto p = fromEnv("TISERVICE_CONFIG_DIR"); !p.empty()) return p;
    const auto base = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation).toStdString();
    return std::filesystem::path(base) / "tiservice";
}

}  // namespace tiservice

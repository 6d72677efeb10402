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
    // From UTF-16: on Windows a narrow string would be read in the ANSI code page, and a user
    // folder with an umlaut (C:\Users\Jürgen) would be lost.
    const auto base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation).toStdU16String();
    return std::filesystem::path(base) / "tiservice";
}

std::filesystem::path defaultConfigFolder() {
    if (auto p = fromEnv("TISERVICE_CONFIG_DIR"); !p.empty()) return p;
    const auto base = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation).toStdU16String();
    return std::filesystem::path(base) / "tiservice";
}

std::filesystem::path pathFromUtf8(std::string_view utf8) {
    return std::filesystem::path(std::u8string(utf8.begin(), utf8.end()));
}

std::string utf8Of(const std::filesystem::path& path) {
    // One kind of separator, the system's: "C:\Praxis\config/tiservice\tiservice.ini" is no
    // path a person at the reception recognises (on Windows "/" becomes "\"; elsewhere nothing).
    auto preferred = path;
    preferred.make_preferred();
    const auto text = preferred.u8string();
    return std::string(text.begin(), text.end());
}

}  // namespace tiservice

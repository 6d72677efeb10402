#pragma once
// What every tiservice adapter is made of: a host profile — data naming the practice software
// (PVS), how it calls its TI settings, where the service entries sit in its menus, how notices
// look, its wording — and this SDK, which turns the profile into the C plugin ABI (plugin.h).
//
// The SDK is small on purpose: it is what the practice software's process carries. The engine
// (libtiservice_core, Qt Core, OpenSSL) runs in a process of its own, tiservice-engine, that the
// adapter starts on its own thread after init and ends at shutdown; the two speak over a pipe
// (tiservice/engine_wire.h). So loading an adapter costs the practice software a few hundred
// kilobytes and a millisecond, a fault in the engine cannot take the practice software down, and
// an adapter unloads without a trace.
//
// Behind the exception barrier: no function of the C table, of an extension or of the entry
// lets an exception out, and a NULL or foreign `self` is TIS_ERR_INVALID_ARGUMENT.
//
// A profile is generated from profile.json by tiservice_add_adapter() (cmake/TiserviceAdapter.cmake);
// all its pointers are static.

#include <cstddef>
#include <filesystem>
#include <span>
#include <vector>

#include "tiservice/plugin.h"

namespace tiservice::plugin_sdk {

/// A text in both languages the adapter speaks (German first).
struct Wording {
    const char* de = nullptr;
    const char* en = nullptr;
};

struct MenuEntry {
    const char* id;  ///< stable, e.g. "ti-service.update"
    Wording label;
    const char* location;  ///< where the PVS shows it, e.g. "Extras > TI-Konnektor"
    const char* action;    ///< update, check, password, history, plan
};

/// One of the PVS's own names for a tiservice setting.
struct SettingName {
    const char* ours;    ///< "connector.sds_url" (section.key of tiservice.ini)
    const char* theirs;  ///< "Konnektor.Dienstverzeichnis"
};

struct AdapterProfile {
    const char* id;      ///< "medistar"
    const char* name;    ///< "MEDISTAR"
    const char* vendor;  ///< "CGM"
    std::span<const SettingName> settings;
    std::span<const MenuEntry> menu;  ///< at least one entry
    tis_notice_style style = TIS_NOTICE_BANNER;
    Wording statusTitle;   ///< the title of status notices; empty: "TI-Komponenten"
    Wording updateAction;  ///< the label of the update action; empty: "Jetzt aktualisieren"
    int checkIntervalMinutes = 240;
    const char* manifest;  ///< the manifest JSON (id, name, version, compat, vendor, host, abi)
    /// Where tiservice-engine was installed when the adapter was built against an installed SDK
    /// (UTF-8); NULL or "": only the places beside the adapter.
    const char* engine = nullptr;
};

/// A new plugin for `host` with `profile` (copied; the texts it points to must outlive the plugin), or NULL when `host`
/// is unusable (NULL, older than revision 0, without request_callback) or the profile has no menu.
const tis_plugin* createPlugin(const tis_host* host, const AdapterProfile& profile) noexcept;

/// Where the adapter looks for tiservice-engine, in this order: beside the adapter (a Windows
/// package), one folder up (lib/tiservice/ of an installation or a build tree), in lib/tiservice
/// beside a program's bin/ (a program with the SDK linked in), at `installed` (the profile's
/// `engine`), and in a Windows developer build where the engine was built.
std::vector<std::filesystem::path> engineCandidates(const std::filesystem::path& module, const char* installed);

}  // namespace tiservice::plugin_sdk

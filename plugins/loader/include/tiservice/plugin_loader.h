#pragma once
// Loading a tiservice adapter into a C++ host: find the file, check it is a plugin of this
// ABI for this host (from its manifest, read before any plugin code runs beyond the
// manifest function), create and init it. Every failed step leaves a state and a readable
// error on that plugin instead of throwing, and the host keeps running.
//
// Life of a plugin:  NotLoaded → Loaded → Created → Running → ShutDown
//                    or one of NotFound, NotAPlugin, WrongAbi, ManifestInvalid, WrongHost,
//                    CreateFailed, InitFailed.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "tiservice/error.h"
#include "tiservice/plugin.h"

namespace tiservice::plugins {

enum class PluginState {
    NotLoaded,
    NotFound,         ///< no such file
    NotAPlugin,       ///< not a shared library, or no tis_plugin_entry symbol
    WrongAbi,         ///< built for another ABI version
    ManifestInvalid,  ///< the manifest is not the expected JSON
    WrongHost,        ///< built for another practice software
    Loaded,
    Created,
    CreateFailed,
    InitFailed,
    Running,
    ShutDown,
};

std::string_view pluginStateId(PluginState s);

struct Manifest {
    std::string id, name, version, compat, vendor, host;
    int abi = 0;
};

/// Reads a plugin manifest; nullopt unless it is a JSON object naming at least id and host.
std::optional<Manifest> parseManifest(std::string_view json);

class LoadedPlugin {
public:
    /// Loads `file` and checks it for `expectedHost` ("medistar"); never throws.
    static std::unique_ptr<LoadedPlugin> load(const std::filesystem::path& file, const std::string& expectedHost);
    ~LoadedPlugin();
    LoadedPlugin(const LoadedPlugin&) = delete;
    LoadedPlugin& operator=(const LoadedPlugin&) = delete;

    [[nodiscard]] PluginState state() const { return state_; }
    [[nodiscard]] const std::optional<Error>& error() const { return error_; }
    [[nodiscard]] const Manifest& manifest() const { return manifest_; }
    [[nodiscard]] const tis_plugin* plugin() const { return plugin_; }

    /// Creates the plugin for `host` (which must outlive it) and calls its init. [main-thread]
    bool start(const tis_host* host);
    /// Stops background work and destroys the plugin. [main-thread]
    void stop();

private:
    LoadedPlugin() = default;
    void fail(PluginState s, const std::string& code, LocalizedText message, std::string detail = {});

    struct Library;
    std::unique_ptr<Library> library_;
    const tis_plugin_entry_t* entry_ = nullptr;
    const tis_plugin* plugin_ = nullptr;
    PluginState state_ = PluginState::NotLoaded;
    std::optional<Error> error_;
    Manifest manifest_;
    std::filesystem::path file_;
};

/// Where an adapter lives: <dir>/libtiservice_adapter_<name>.so
std::filesystem::path adapterFile(const std::filesystem::path& dir, const std::string& name);

}  // namespace tiservice::plugins

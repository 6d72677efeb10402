#pragma once
// Loading a tiservice adapter into a C++ host: find the file, check it is a plugin of this
// ABI for this host (from its manifest, read before any plugin code runs beyond the
// manifest function), create and init it. Every failed step leaves a state and a readable
// error on that plugin instead of throwing, and the host keeps running.
//
// After loading, the host calls the plugin only through this class: every call is guarded
// (an exception from the plugin switches the plugin off instead of ending the practice
// software), every pointer and string the plugin hands over is checked (NULL, length,
// count, control characters), and init and shutdown run under a deadline (a plugin that
// does not return is cut off and left loaded, never called again). plugin.h lists these
// checks for hosts written in other languages.
//
// Life of a plugin:  NotLoaded → Loaded → Created → Running → ShutDown
//                    or one of NotFound, NotAPlugin, WrongAbi, ManifestInvalid, WrongHost,
//                    CreateFailed, InitFailed, NotResponding, Faulted.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

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
    CreateFailed,     ///< create returned NULL or an incomplete function table
    InitFailed,
    Running,
    NotResponding,    ///< init or shutdown did not return in time; cut off, still loaded
    Faulted,          ///< threw an exception across the C boundary; switched off
    ShutDown,
};

std::string_view pluginStateId(PluginState s);

struct Manifest {
    std::string id, name, version, compat, vendor, host;
    int abi = 0;
};

/// Reads a plugin manifest; nullopt unless it is a JSON object naming at least id and host.
std::optional<Manifest> parseManifest(std::string_view json);

/// What a host accepts from a plugin, at most.
namespace bounds {
inline constexpr std::size_t kStringBytes = 16 * 1024;  ///< one title, text, label or id
inline constexpr std::uint32_t kActions = 16;           ///< actions on a notice, choices in a question
inline constexpr std::uint32_t kMenuEntries = 32;
}  // namespace bounds

/// A string from the plugin as a host may show it: NULL is "", cut to `maxBytes` on a
/// character boundary, without control characters.
std::string checkedString(const char* s, std::size_t maxBytes = bounds::kStringBytes);

struct CheckedAction {
    std::string id, label;  ///< label falls back to the id
};
struct CheckedNotice {
    std::string id, title, text;
    tis_severity severity = TIS_SEVERITY_INFO;
    tis_notice_style style = TIS_NOTICE_BANNER;
    std::vector<CheckedAction> actions;
};
struct CheckedQuestion {
    std::uint64_t handle = 0;
    std::string id, text, defaultValue;
    tis_question_kind kind = TIS_ASK_TEXT;
    std::vector<CheckedAction> choices;
};
struct CheckedProgress {
    std::string id, text;
    int percent = -1;             ///< 0..100 or -1
    std::int64_t secondsLeft = -1;
};
struct MenuEntry {
    std::string id, label, location;
};

/// The host side of show_notice/ask/progress: nullopt for NULL or a struct older than ABI 1;
/// unknown enum values become the mildest, counts above the bounds are cut, NULL arrays are
/// empty, every string is checked.
std::optional<CheckedNotice> checkNotice(const tis_notice* n);
std::optional<CheckedQuestion> checkQuestion(const tis_question* q);
std::optional<CheckedProgress> checkProgress(const tis_progress* p);

/// How long a plugin may take to start and to stop before the host cuts it off.
struct Deadlines {
    std::chrono::milliseconds start{10'000};  ///< entry init, create and init together
    std::chrono::milliseconds stop{10'000};   ///< shutdown and destroy together
};

class LoadedPlugin {
public:

    /// Loads `file` and checks it for `expectedHost` ("medistar"); never throws.
    static std::unique_ptr<LoadedPlugin> load(const std::filesystem::path& file, const std::string& expectedHost,
                                              Deadlines deadlines = {});
    ~LoadedPlugin();
    LoadedPlugin(const LoadedPlugin&) = delete;
    LoadedPlugin& operator=(const LoadedPlugin&) = delete;

    [[nodiscard]] PluginState state() const { return state_; }
    [[nodiscard]] bool running() const { return state_ == PluginState::Running; }
    /// init or shutdown did not return: the plugin's thread may still be inside it, so the
    /// process should end without running library destructors (std::_Exit after flushing).
    [[nodiscard]] bool notResponding() const { return hung_; }
    [[nodiscard]] const std::optional<Error>& error() const { return error_; }
    [[nodiscard]] const Manifest& manifest() const { return manifest_; }
    [[nodiscard]] const tis_plugin* plugin() const { return plugin_; }

    /// Creates the plugin for `host` (which must outlive it) and calls its init. [main-thread]
    bool start(const tis_host* host);
    /// Stops background work and destroys the plugin. [main-thread]
    void stop();

    // Calls into a running plugin. [main-thread] Each does nothing once the plugin is not
    // running; an exception switches it off (state Faulted, error() says which call).
    void onMainThread();
    /// At most bounds::kMenuEntries, each with an id; entries the plugin cannot give are left out.
    std::vector<MenuEntry> menuEntries();
    /// The plugin's reason when it refuses; nullopt when it took the entry.
    std::optional<std::string> runMenuEntry(const std::string& id);
    std::optional<std::string> checkNow();
    void answer(std::uint64_t handle, const std::optional<std::string>& value);
    /// Whether the plugin re-reads changed settings itself (revision 1); otherwise the host
    /// stops it and starts it again.
    [[nodiscard]] bool hasSettingsChanged() const;
    std::optional<std::string> settingsChanged();
    /// Tells the plugin that a person closed (`postponed`: "Später") the notice with this id;
    /// nothing for a plugin before revision 2, which shows it again at its next check.
    void noticeClosed(const std::string& noticeId, bool postponed);
    /// 1/0 from the "tiservice.activity/1" extension; nullopt when the plugin has none.
    std::optional<bool> busy();
    /// Why the last call failed, checked; a plugin that gives no reason gets a sentence saying so.
    std::string lastError();

private:
    LoadedPlugin() = default;
    void fail(PluginState s, const std::string& code, LocalizedText message, std::string detail = {});
    /// Runs `call` on a helper thread and waits at most `deadline`; false when it did not
    /// return (then the plugin is cut off). `what` names the call for the message.
    bool withinDeadline(std::chrono::milliseconds deadline, const char* what, std::function<void()> call);
    /// Runs `call` guarded; false after an exception (then the plugin is switched off).
    bool guarded(const char* what, const std::function<void()>& call);
    void cutOff(const char* what);

    struct Library;
    std::unique_ptr<Library> library_;
    const tis_plugin_entry_t* entry_ = nullptr;
    const tis_plugin* plugin_ = nullptr;
    const tis_activity_ext* activity_ = nullptr;
    PluginState state_ = PluginState::NotLoaded;
    bool hung_ = false;
    std::optional<Error> error_;
    Manifest manifest_;
    std::filesystem::path file_;
    Deadlines deadlines_;
};

/// The host revision a manifest's "compat" asks for ("1.R" → R; none or "0.x" → 0), or nullopt
/// when it names another ABI or cannot be read.
std::optional<unsigned> requiredHostRevision(const Manifest& m);

/// Where an adapter lives: <dir>/libtiservice_adapter_<name>.so (.dylib on macOS;
/// <dir>/tiservice_adapter_<name>.dll on Windows)
std::filesystem::path adapterFile(const std::filesystem::path& dir, const std::string& name);

}  // namespace tiservice::plugins

#include "tiservice/plugin_loader.h"

#include <boost/dll/shared_library.hpp>
#include <QJsonDocument>
#include <QJsonObject>

namespace tiservice::plugins {

struct LoadedPlugin::Library {
    boost::dll::shared_library library;
};

std::string_view pluginStateId(PluginState s) {
    switch (s) {
        case PluginState::NotLoaded: return "not-loaded";
        case PluginState::NotFound: return "not-found";
        case PluginState::NotAPlugin: return "not-a-plugin";
        case PluginState::WrongAbi: return "wrong-abi";
        case PluginState::ManifestInvalid: return "manifest-invalid";
        case PluginState::WrongHost: return "wrong-host";
        case PluginState::Loaded: return "loaded";
        case PluginState::Created: return "created";
        case PluginState::CreateFailed: return "create-failed";
        case PluginState::InitFailed: return "init-failed";
        case PluginState::Running: return "running";
        case PluginState::ShutDown: return "shut-down";
    }
    return "not-loaded";
}

std::optional<Manifest> parseManifest(std::string_view json) {
    const auto doc = QJsonDocument::fromJson(QByteArray(json.data(), static_cast<qsizetype>(json.size())));
    if (!doc.isObject()) return std::nullopt;
    const auto m = doc.object();
    Manifest manifest{m.value("id").toString().toStdString(), m.value("name").toString().toStdString(),
                      m.value("version").toString().toStdString(), m.value("compat").toString().toStdString(),
                      m.value("vendor").toString().toStdString(), m.value("host").toString().toStdString(),
                      m.value("abi").toInt()};
    if (manifest.id.empty() || manifest.host.empty()) return std::nullopt;
    return manifest;
}

std::filesystem::path adapterFile(const std::filesystem::path& dir, const std::string& name) {
    return dir / ("libtiservice_adapter_" + name + ".so");
}

void LoadedPlugin::fail(PluginState s, const std::string& code, LocalizedText message, std::string detail) {
    state_ = s;
    error_ = Error{.code = "plugin." + code,
                   .message = std::move(message),
                   .action = {"Die Erweiterung neu installieren oder den Hersteller der Praxissoftware fragen.",
                              "Reinstall the extension or ask the practice software's vendor."},
                   .detail = detail.empty() ? file_.string() : detail};
}

std::unique_ptr<LoadedPlugin> LoadedPlugin::load(const std::filesystem::path& file, const std::string& expectedHost) {
    std::unique_ptr<LoadedPlugin> p(new LoadedPlugin());
    p->file_ = file;
    const std::string f = file.string();
    if (!std::filesystem::exists(file)) {
        p->fail(PluginState::NotFound, "not-found", {"Die tiservice-Erweiterung " + f + " wurde nicht gefunden.",
                                                     "The tiservice extension " + f + " was not found."});
        return p;
    }
    try {
        boost::system::error_code ec;
        auto lib = std::make_unique<Library>();
        lib->library.load(file.string(), boost::dll::load_mode::rtld_local | boost::dll::load_mode::rtld_now, ec);
        if (ec) {
            p->fail(PluginState::NotAPlugin, "not-a-library",
                    {"Die Datei " + f + " ist keine ladbare Erweiterung.", "The file " + f + " is not a loadable extension."},
                    ec.message());
            return p;
        }
        if (!lib->library.has(TIS_PLUGIN_ENTRY_SYMBOL)) {
            p->fail(PluginState::NotAPlugin, "no-entry",
                    {"Die Datei " + f + " ist keine tiservice-Erweiterung (Einsprungpunkt fehlt).",
                     "The file " + f + " is not a tiservice extension (entry point missing)."});
            return p;
        }
        p->library_ = std::move(lib);
        p->entry_ = &p->library_->library.get<const tis_plugin_entry_t>(TIS_PLUGIN_ENTRY_SYMBOL);
    } catch (const std::exception& e) {
        p->fail(PluginState::NotAPlugin, "not-a-library", {"Die Datei " + f + " ist keine ladbare Erweiterung.",
                                                           "The file " + f + " is not a loadable extension."},
                e.what());
        return p;
    }
    const auto* entry = p->entry_;
    if (entry->abi_version != TIS_PLUGIN_ABI_VERSION) {
        p->fail(PluginState::WrongAbi, "wrong-abi",
                {"Die Erweiterung " + f + " ist für eine andere Schnittstellenversion gebaut (" +
                     std::to_string(entry->abi_version) + " statt " + std::to_string(TIS_PLUGIN_ABI_VERSION) + ").",
                 "The extension " + f + " is built for another interface version (" + std::to_string(entry->abi_version) +
                     " instead of " + std::to_string(TIS_PLUGIN_ABI_VERSION) + ")."});
        return p;
    }
    if (entry->struct_size < sizeof(tis_plugin_entry_t) || !entry->manifest || !entry->create) {
        p->fail(PluginState::NotAPlugin, "entry-incomplete",
                {"Der Einsprungpunkt der Erweiterung " + f + " ist unvollständig.", "The entry point of the extension " + f + " is incomplete."});
        return p;
    }
    const char* manifestText = nullptr;
    try {
        manifestText = entry->manifest();
    } catch (...) {
        manifestText = nullptr;
    }
    const auto manifest = parseManifest(manifestText ? std::string_view(manifestText) : std::string_view());
    if (manifest) p->manifest_ = *manifest;
    if (!manifest) {
        p->fail(PluginState::ManifestInvalid, "manifest-invalid",
                {"Die Beschreibung (Manifest) der Erweiterung " + f + " ist ungültig.",
                 "The description (manifest) of the extension " + f + " is not valid."});
        return p;
    }
    if (p->manifest_.host != expectedHost) {
        p->fail(PluginState::WrongHost, "wrong-host",
                {"Die Erweiterung " + f + " ist für " + p->manifest_.host + " gebaut, nicht für " + expectedHost + ".",
                 "The extension " + f + " is built for " + p->manifest_.host + ", not for " + expectedHost + "."});
        return p;
    }
    bool initialized = false;
    try {
        initialized = !entry->init || entry->init(file.c_str()) != 0;
    } catch (...) {
        initialized = false;
    }
    if (!initialized) {
        p->fail(PluginState::InitFailed, "entry-init-failed",
                {"Die Erweiterung " + f + " ließ sich nicht starten.", "The extension " + f + " could not be started."});
        return p;
    }
    p->state_ = PluginState::Loaded;
    return p;
}

bool LoadedPlugin::start(const tis_host* host) {
    if (state_ != PluginState::Loaded) return false;
    try {
        plugin_ = entry_->create(host);
    } catch (...) {
        plugin_ = nullptr;
    }
    if (!plugin_ || plugin_->struct_size < sizeof(tis_plugin)) {
        plugin_ = nullptr;
        fail(PluginState::CreateFailed, "create-failed",
             {"Die Erweiterung " + file_.string() + " ließ sich nicht anlegen.",
              "The extension " + file_.string() + " could not be created."});
        return false;
    }
    state_ = PluginState::Created;
    tis_result r = TIS_ERR_INTERNAL;
    std::string why;
    try {
        r = plugin_->init(plugin_);
        if (r != TIS_OK && plugin_->last_error) why = plugin_->last_error(plugin_);
    } catch (const std::exception& e) {
        why = e.what();  // a plugin without an exception barrier: caught here, the host lives on
    } catch (...) {
        why = "exception";
    }
    if (r != TIS_OK) {
        fail(PluginState::InitFailed, "init-failed",
             {"Die Erweiterung " + file_.string() + " ließ sich nicht starten: " + why,
              "The extension " + file_.string() + " could not be started: " + why},
             why);
        try {
            plugin_->destroy(plugin_);
        } catch (...) {
        }
        plugin_ = nullptr;
        return false;
    }
    state_ = PluginState::Running;
    return true;
}

void LoadedPlugin::stop() {
    if (!plugin_) return;
    try {
        plugin_->shutdown(plugin_);
        plugin_->destroy(plugin_);
    } catch (...) {
    }
    plugin_ = nullptr;
    state_ = PluginState::ShutDown;
}

LoadedPlugin::~LoadedPlugin() {
    stop();
    if (entry_ && entry_->deinit && (state_ == PluginState::ShutDown || state_ == PluginState::Loaded)) {
        try {
            entry_->deinit();
        } catch (...) {
        }
    }
}

}  // namespace tiservice::plugins

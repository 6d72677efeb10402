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
    error_ =
        Error{.code = "plugin." + code,
              .message = std::move(message),
              .action = TIS_TEXT("plugin_loader",
                                 "Die Erweiterung neu installieren oder den Hersteller der Praxissoftware fragen."),
              .detail = detail.empty() ? file_.string() : detail};
}

std::unique_ptr<LoadedPlugin> LoadedPlugin::load(const std::filesystem::path& file, const std::string& expectedHost) {
    std::unique_ptr<LoadedPlugin> p(new LoadedPlugin());
    p->file_ = file;
    const std::string f = file.string();
    if (!std::filesystem::exists(file)) {
        p->fail(PluginState::NotFound, "not-found",
                TIS_TEXT("plugin_loader", "Die tiservice-Erweiterung %1 wurde nicht gefunden.").arg(f));
        return p;
    }
    try {
        boost::system::error_code ec;
        auto lib = std::make_unique<Library>();
        lib->library.load(file.string(), boost::dll::load_mode::rtld_local | boost::dll::load_mode::rtld_now, ec);
        if (ec) {
            p->fail(PluginState::NotAPlugin, "not-a-library",
                    TIS_TEXT("plugin_loader", "Die Datei %1 ist keine ladbare Erweiterung.").arg(f), ec.message());
            return p;
        }
        if (!lib->library.has(TIS_PLUGIN_ENTRY_SYMBOL)) {
            p->fail(PluginState::NotAPlugin, "no-entry",
                    TIS_TEXT("plugin_loader", "Die Datei %1 ist keine tiservice-Erweiterung (Einsprungpunkt fehlt).")
                        .arg(f));
            return p;
        }
        p->library_ = std::move(lib);
        p->entry_ = &p->library_->library.get<const tis_plugin_entry_t>(TIS_PLUGIN_ENTRY_SYMBOL);
    } catch (const std::exception& e) {
        p->fail(PluginState::NotAPlugin, "not-a-library",
                TIS_TEXT("plugin_loader", "Die Datei %1 ist keine ladbare Erweiterung.").arg(f), e.what());
        return p;
    }
    const auto* entry = p->entry_;
    if (entry->abi_version != TIS_PLUGIN_ABI_VERSION) {
        p->fail(PluginState::WrongAbi, "wrong-abi",
                TIS_TEXT("plugin_loader",
                         "Die Erweiterung %1 ist für eine andere Schnittstellenversion gebaut (%2 statt %3).")
                    .arg(f, entry->abi_version, TIS_PLUGIN_ABI_VERSION));
        return p;
    }
    if (entry->struct_size < sizeof(tis_plugin_entry_t) || !entry->manifest || !entry->create) {
        p->fail(PluginState::NotAPlugin, "entry-incomplete",
                TIS_TEXT("plugin_loader", "Der Einsprungpunkt der Erweiterung %1 ist unvollständig.").arg(f));
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
                TIS_TEXT("plugin_loader", "Die Beschreibung (Manifest) der Erweiterung %1 ist ungültig.").arg(f));
        return p;
    }
    if (p->manifest_.host != expectedHost) {
        p->fail(PluginState::WrongHost, "wrong-host",
                TIS_TEXT("plugin_loader", "Die Erweiterung %1 ist für %2 gebaut, nicht für %3.")
                    .arg(f, p->manifest_.host, expectedHost));
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
                TIS_TEXT("plugin_loader", "Die Erweiterung %1 ließ sich nicht starten.").arg(f));
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
             TIS_TEXT("plugin_loader", "Die Erweiterung %1 ließ sich nicht anlegen.").arg(file_.string()));
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
             TIS_TEXT("plugin_loader", "Die Erweiterung %1 ließ sich nicht starten: %2").arg(file_.string(), why), why);
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

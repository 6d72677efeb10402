#include "tiservice/plugin_loader.h"
#include "tiservice/paths.h"

#include <charconv>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>

#include <boost/dll/shared_library.hpp>
#include <QJsonDocument>
#include <QJsonObject>

#include "tiservice/display_text.h"

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
        case PluginState::NotResponding: return "not-responding";
        case PluginState::Faulted: return "faulted";
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
#if defined(_WIN32)
    return dir / ("tiservice_adapter_" + name + ".dll");
#elif defined(__APPLE__)
    return dir / ("libtiservice_adapter_" + name + ".dylib");
#else
    return dir / ("libtiservice_adapter_" + name + ".so");
#endif
}

std::optional<unsigned> requiredHostRevision(const Manifest& m) {
    // "1.R" names the revision; an older manifest without one (or "0.x", before revisions
    // existed) runs in revision 0.
    const auto dot = m.compat.find('.');
    if (dot == std::string::npos) return 0u;
    unsigned major = 0, revision = 0;
    const auto* b = m.compat.data();
    const auto* e = b + m.compat.size();
    if (std::from_chars(b, b + dot, major).ptr != b + dot || std::from_chars(b + dot + 1, e, revision).ptr != e)
        return std::nullopt;
    if (major == 0) return 0u;
    if (major != TIS_PLUGIN_ABI_VERSION) return std::nullopt;
    return revision;
}

// --- what a plugin hands over -------------------------------------------------------------

std::string checkedString(const char* s, std::size_t maxBytes) {
    if (!s) return {};
    const std::string_view view(s, ::strnlen(s, maxBytes));
    return printable(view);  // a character cut at the end becomes U+FFFD, never a stray byte
}

namespace {

std::vector<CheckedAction> checkedActions(const tis_action* actions, std::uint32_t count) {
    std::vector<CheckedAction> out;
    if (!actions) return out;
    for (std::uint32_t i = 0; i < count && i < bounds::kActions; ++i) {
        CheckedAction a{checkedString(actions[i].id), checkedString(actions[i].label)};
        if (a.id.empty()) continue;  // nothing to answer with
        if (a.label.empty()) a.label = a.id;
        out.push_back(std::move(a));
    }
    return out;
}

// The ABI-1 size of each struct: a plugin built against a later header passes a bigger one.
constexpr std::uint32_t kNoticeSize = sizeof(tis_notice);
constexpr std::uint32_t kQuestionSize = sizeof(tis_question);
constexpr std::uint32_t kProgressSize = sizeof(tis_progress);

}  // namespace

std::optional<CheckedNotice> checkNotice(const tis_notice* n) {
    if (!n || n->struct_size < kNoticeSize) return std::nullopt;
    CheckedNotice c;
    c.id = checkedString(n->id);
    c.title = checkedString(n->title);
    c.text = checkedString(n->text);
    c.severity = n->severity == TIS_SEVERITY_WARNING || n->severity == TIS_SEVERITY_CRITICAL
                     ? static_cast<tis_severity>(n->severity)
                     : TIS_SEVERITY_INFO;
    c.style = n->style == TIS_NOTICE_MODAL || n->style == TIS_NOTICE_TASK_LIST ? static_cast<tis_notice_style>(n->style)
                                                                               : TIS_NOTICE_BANNER;
    c.actions = checkedActions(n->actions, n->action_count);
    if (c.title.empty() && c.text.empty()) return std::nullopt;  // nothing a person could read
    return c;
}

std::optional<CheckedQuestion> checkQuestion(const tis_question* q) {
    if (!q || q->struct_size < kQuestionSize) return std::nullopt;
    CheckedQuestion c;
    c.handle = q->handle;
    c.id = checkedString(q->id);
    c.text = checkedString(q->text);
    c.defaultValue = checkedString(q->default_value);
    c.kind = q->kind == TIS_ASK_CHOICE || q->kind == TIS_ASK_SECRET ? static_cast<tis_question_kind>(q->kind) : TIS_ASK_TEXT;
    c.choices = checkedActions(q->choices, q->choice_count);
    if (c.kind == TIS_ASK_CHOICE && c.choices.empty()) c.kind = TIS_ASK_TEXT;
    return c;
}

std::optional<CheckedProgress> checkProgress(const tis_progress* p) {
    if (!p || p->struct_size < kProgressSize) return std::nullopt;
    CheckedProgress c;
    c.id = checkedString(p->id);
    c.text = checkedString(p->text);
    c.percent = p->percent >= 0 && p->percent <= 100 ? p->percent : -1;
    c.secondsLeft = p->seconds_left >= 0 ? p->seconds_left : -1;
    return c;
}

// --- loading ------------------------------------------------------------------------------

void LoadedPlugin::fail(PluginState s, const std::string& code, LocalizedText message, std::string detail) {
    state_ = s;
    error_ =
        Error{.code = "plugin." + code,
              .message = std::move(message),
              .action = TIS_TEXT("plugin_loader",
                                 "Die Erweiterung neu installieren oder den Hersteller der Praxissoftware fragen."),
              .detail = detail.empty() ? tiservice::utf8Of(file_) : detail};
}

bool LoadedPlugin::withinDeadline(std::chrono::milliseconds deadline, const char* what, std::function<void()> call) {
    struct Shared {
        std::mutex m;
        std::condition_variable cv;
        bool done = false;
    };
    auto shared = std::make_shared<Shared>();
    std::thread t([shared, call = std::move(call)] {
        call();  // the call carries its own barrier
        std::lock_guard lock(shared->m);
        shared->done = true;
        shared->cv.notify_all();
    });
    std::unique_lock lock(shared->m);
    if (shared->cv.wait_for(lock, deadline, [&] { return shared->done; })) {
        lock.unlock();
        t.join();
        return true;
    }
    lock.unlock();
    t.detach();  // still inside the plugin: it owns nothing of ours but `shared`
    cutOff(what);
    return false;
}

void LoadedPlugin::cutOff(const char* what) {
    hung_ = true;
    plugin_ = nullptr;
    activity_ = nullptr;
    // Its code may still run: the library stays loaded until the process ends.
    (void)library_.release();
    const bool stopping = std::string_view(what) == "shutdown";
    fail(PluginState::NotResponding, "not-responding",
         stopping
             ? TIS_TEXT("plugin_loader", "Die Erweiterung %1 antwortet beim Beenden nicht mehr und wurde abgeschaltet.")
                   .arg(tiservice::utf8Of(file_))
             : TIS_TEXT("plugin_loader", "Die Erweiterung %1 antwortet beim Start nicht und wurde abgeschaltet.")
                   .arg(tiservice::utf8Of(file_)),
         std::string(what) + " did not return in time");
}

bool LoadedPlugin::guarded(const char* what, const std::function<void()>& call) {
    std::string why;
    try {
        call();
        return true;
    } catch (const std::exception& e) {
        why = e.what();  // a plugin without an exception barrier: caught here, the host lives on
    } catch (...) {
        why = "exception";
    }
    const tis_plugin* p = plugin_;
    plugin_ = nullptr;
    activity_ = nullptr;
    fail(PluginState::Faulted, "faulted",
         TIS_TEXT("plugin_loader", "Die Erweiterung %1 ist abgestürzt und wurde abgeschaltet.")
             .arg(tiservice::utf8Of(file_)),
         std::string(what) + ": " + checkedString(why.c_str(), 1024));
    // Its background work is stopped as far as it still answers; its state is unknown.
    if (p) {
        const auto s = state_;
        auto e = error_;
        withinDeadline(deadlines_.stop, "shutdown", [p] {
            try {
                p->shutdown(p);
                p->destroy(p);
            } catch (...) {
            }
        });
        if (!hung_) {
            state_ = s;
            error_ = std::move(e);
        }
    }
    return false;
}

std::unique_ptr<LoadedPlugin> LoadedPlugin::load(const std::filesystem::path& file, const std::string& expectedHost,
                                                 Deadlines deadlines) {
    std::unique_ptr<LoadedPlugin> p(new LoadedPlugin());
    p->file_ = file;
    p->deadlines_ = deadlines;
    const std::string f = tiservice::utf8Of(file);
    if (!std::filesystem::exists(file)) {
        p->fail(PluginState::NotFound, "not-found",
                TIS_TEXT("plugin_loader", "Die tiservice-Erweiterung %1 wurde nicht gefunden.").arg(f));
        return p;
    }
    try {
        boost::dll::fs::error_code ec;
        auto lib = std::make_unique<Library>();
#ifdef _WIN32
        // The DLLs the adapter needs come from its own folder first (its package holds them).
        lib->library.load(file, boost::dll::load_mode::load_with_altered_search_path, ec);
#else
        lib->library.load(file, boost::dll::load_mode::rtld_local | boost::dll::load_mode::rtld_now, ec);
#endif
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
    std::string manifestText;
    try {
        const char* m = entry->manifest();
        manifestText = m ? std::string(m, ::strnlen(m, 64 * 1024)) : std::string();
    } catch (...) {
        manifestText.clear();
    }
    const auto manifest = parseManifest(manifestText);
    if (manifest) p->manifest_ = *manifest;
    if (!manifest) {
        p->fail(PluginState::ManifestInvalid, "manifest-invalid",
                TIS_TEXT("plugin_loader", "Die Beschreibung (Manifest) der Erweiterung %1 ist ungültig.").arg(f));
        return p;
    }
    const auto revision = requiredHostRevision(p->manifest_);
    if (!revision || *revision > TIS_PLUGIN_ABI_REVISION) {
        p->fail(PluginState::WrongAbi, "needs-newer-host",
                TIS_TEXT("plugin_loader",
                         "Die Erweiterung %1 braucht eine neuere Praxissoftware (Schnittstelle %2, vorhanden ist 1.%3).")
                    .arg(f, checkedString(p->manifest_.compat.c_str(), 32), TIS_PLUGIN_ABI_REVISION));
        return p;
    }
    p->manifest_.name = checkedString(p->manifest_.name.c_str(), 256);
    p->manifest_.version = checkedString(p->manifest_.version.c_str(), 64);
    if (p->manifest_.host != expectedHost) {
        p->fail(PluginState::WrongHost, "wrong-host",
                TIS_TEXT("plugin_loader", "Die Erweiterung %1 ist für %2 gebaut, nicht für %3.")
                    .arg(f, checkedString(p->manifest_.host.c_str(), 64), expectedHost));
        return p;
    }
    if (entry->init) {
        auto initialized = std::make_shared<bool>(false);
        const std::string path = tiservice::utf8Of(file);
        if (!p->withinDeadline(deadlines.start, "init", [entry, initialized, path] {
                try {
                    *initialized = entry->init(path.c_str()) != 0;
                } catch (...) {
                    *initialized = false;
                }
            }))
            return p;
        if (!*initialized) {
            p->fail(PluginState::InitFailed, "entry-init-failed",
                    TIS_TEXT("plugin_loader", "Die Erweiterung %1 ließ sich nicht starten.").arg(f));
            return p;
        }
    }
    p->state_ = PluginState::Loaded;
    return p;
}

bool LoadedPlugin::start(const tis_host* host) {
    if (state_ != PluginState::Loaded) return false;
    struct Outcome {
        const tis_plugin* plugin = nullptr;
        bool complete = false;
        tis_result result = TIS_ERR_INTERNAL;
        std::string why;
    };
    auto outcome = std::make_shared<Outcome>();
    const auto* entry = entry_;
    const bool returned = withinDeadline(deadlines_.start, "init", [entry, host, outcome] {
        try {
            outcome->plugin = entry->create(host);
        } catch (...) {
            outcome->plugin = nullptr;
        }
        const auto* p = outcome->plugin;
        // Every revision-0 function a host calls must be there; get_extension and check_now may
        // be NULL, later ones are looked at only when the plugin's table reaches them.
        outcome->complete = p && p->struct_size >= TIS_PLUGIN_SIZE_R0 && p->init && p->on_main_thread &&
                            p->menu_entry_count && p->get_menu_entry && p->run_menu_entry && p->answer &&
                            p->shutdown && p->destroy && p->last_error;
        if (!outcome->complete) return;
        try {
            outcome->result = p->init(p);
            if (outcome->result != TIS_OK) {
                const char* why = p->last_error(p);
                outcome->why = why ? std::string(why, ::strnlen(why, bounds::kStringBytes)) : std::string();
            }
        } catch (const std::exception& e) {
            outcome->result = TIS_ERR_INTERNAL;
            outcome->why = e.what();  // a plugin without an exception barrier: caught here, the host lives on
        } catch (...) {
            outcome->result = TIS_ERR_INTERNAL;
            outcome->why = "exception";
        }
    });
    if (!returned) return false;
    if (!outcome->complete) {
        // An incomplete table is never called, not even destroy: its destroy may be NULL, too.
        fail(PluginState::CreateFailed, "create-failed",
             TIS_TEXT("plugin_loader", "Die Erweiterung %1 ließ sich nicht anlegen (unvollständige Funktionstabelle).")
                 .arg(tiservice::utf8Of(file_)));
        return false;
    }
    plugin_ = outcome->plugin;
    state_ = PluginState::Created;
    if (outcome->result != TIS_OK) {
        const auto why = outcome->why.empty()
                             ? tr(TIS_TEXT("plugin_loader", "die Erweiterung nennt keinen Grund"))
                             : checkedString(outcome->why.c_str());
        fail(PluginState::InitFailed, "init-failed",
             TIS_TEXT("plugin_loader", "Die Erweiterung %1 ließ sich nicht starten: %2")
                 .arg(tiservice::utf8Of(file_), why),
             why);
        const auto* p = plugin_;
        plugin_ = nullptr;
        const auto s = state_;
        auto e = error_;
        withinDeadline(deadlines_.stop, "destroy", [p] {
            try {
                p->destroy(p);
            } catch (...) {
            }
        });
        if (!hung_) {
            state_ = s;
            error_ = std::move(e);
        }
        return false;
    }
    state_ = PluginState::Running;
    const void* ext = nullptr;
    if (plugin_->get_extension && guarded("get_extension", [&] { ext = plugin_->get_extension(plugin_, TIS_EXT_ACTIVITY); })) {
        activity_ = static_cast<const tis_activity_ext*>(ext);
        if (activity_ && !activity_->busy) activity_ = nullptr;
    }
    return running();
}

void LoadedPlugin::stop() {
    if (!plugin_) return;
    const auto* p = plugin_;
    plugin_ = nullptr;
    activity_ = nullptr;
    if (withinDeadline(deadlines_.stop, "shutdown", [p] {
            try {
                p->shutdown(p);
            } catch (...) {
            }
            try {
                p->destroy(p);
            } catch (...) {
            }
        }))
        state_ = PluginState::ShutDown;
}

// --- calls into a running plugin ----------------------------------------------------------

void LoadedPlugin::onMainThread() {
    if (!running()) return;
    (void)guarded("on_main_thread", [this] { plugin_->on_main_thread(plugin_); });
}

std::vector<MenuEntry> LoadedPlugin::menuEntries() {
    std::vector<MenuEntry> out;
    if (!running()) return out;
    std::uint32_t count = 0;
    if (!guarded("menu_entry_count", [&] { count = plugin_->menu_entry_count(plugin_); })) return out;
    for (std::uint32_t i = 0; i < count && i < bounds::kMenuEntries; ++i) {
        tis_menu_entry e{sizeof(tis_menu_entry), nullptr, nullptr, nullptr};
        tis_result r = TIS_ERR_INTERNAL;
        if (!guarded("get_menu_entry", [&] { r = plugin_->get_menu_entry(plugin_, i, &e); })) return {};
        if (r != TIS_OK) continue;
        MenuEntry m{checkedString(e.id, 256), checkedString(e.label, 256), checkedString(e.location, 256)};
        if (m.id.empty()) continue;  // nothing to run
        if (m.label.empty()) m.label = m.id;
        out.push_back(std::move(m));
    }
    return out;
}

std::optional<std::string> LoadedPlugin::runMenuEntry(const std::string& id) {
    if (!running()) return lastError();
    tis_result r = TIS_ERR_INTERNAL;
    if (!guarded("run_menu_entry", [&] { r = plugin_->run_menu_entry(plugin_, id.c_str()); })) return lastError();
    if (r == TIS_OK) return std::nullopt;
    return lastError();
}

std::optional<std::string> LoadedPlugin::checkNow() {
    if (!running()) return lastError();
    if (!plugin_->check_now) return tr(TIS_TEXT("plugin_loader", "Die Erweiterung kann nicht auf Zuruf prüfen."));
    tis_result r = TIS_ERR_INTERNAL;
    if (!guarded("check_now", [&] { r = plugin_->check_now(plugin_); })) return lastError();
    if (r == TIS_OK) return std::nullopt;
    return lastError();
}

bool LoadedPlugin::hasSettingsChanged() const {
    return running() && TIS_HAS_FIELD(tis_plugin, plugin_->struct_size, settings_changed) && plugin_->settings_changed;
}

std::optional<std::string> LoadedPlugin::settingsChanged() {
    if (!running()) return lastError();
    if (!hasSettingsChanged())
        return tr(TIS_TEXT("plugin_loader", "Die Erweiterung liest geänderte Einstellungen erst nach einem Neustart."));
    tis_result r = TIS_ERR_INTERNAL;
    if (!guarded("settings_changed", [&] { r = plugin_->settings_changed(plugin_); })) return lastError();
    if (r == TIS_OK) return std::nullopt;
    return lastError();
}

void LoadedPlugin::noticeClosed(const std::string& noticeId, bool postponed) {
    if (!running() || !TIS_HAS_FIELD(tis_plugin, plugin_->struct_size, notice_closed) || !plugin_->notice_closed)
        return;
    (void)guarded("notice_closed", [&] {
        (void)plugin_->notice_closed(plugin_, noticeId.c_str(),
                                     postponed ? TIS_NOTICE_POSTPONED : TIS_NOTICE_DISMISSED);
    });
}

void LoadedPlugin::answer(std::uint64_t handle, const std::optional<std::string>& value) {
    if (!running()) return;
    (void)guarded("answer", [&] { (void)plugin_->answer(plugin_, handle, value ? value->c_str() : nullptr); });
}

std::optional<bool> LoadedPlugin::busy() {
    if (!running() || !activity_) return std::nullopt;
    std::int32_t b = 0;
    if (!guarded("busy", [&] { b = activity_->busy(plugin_); })) return std::nullopt;
    return b != 0;
}

std::string LoadedPlugin::lastError() {
    if (!running()) return error_ ? error_->message.in(currentLanguage()) : std::string();
    std::string why;
    if (!guarded("last_error", [&] { why = checkedString(plugin_->last_error(plugin_)); }))
        return error_->message.in(currentLanguage());
    return why.empty() ? tr(TIS_TEXT("plugin_loader", "Die Erweiterung nennt keinen Grund.")) : why;
}

LoadedPlugin::~LoadedPlugin() {
    stop();
    if (hung_) return;  // never unload code that may still run
    if (entry_ && entry_->deinit && (state_ == PluginState::ShutDown || state_ == PluginState::Loaded)) {
        try {
            entry_->deinit();
        } catch (...) {
        }
    }
}

}  // namespace tiservice::plugins

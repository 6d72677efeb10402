#include "tiservice/plugin_sdk.h"

#include <atomic>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "tiservice/build_info.h"
#include "tiservice/display_text.h"
#include "tiservice/engine/engine.h"
#include "tiservice/engine/engine_thread.h"
#include "tiservice/logger.h"
#include "tiservice/paths.h"
#include "tiservice/settings.h"

#ifdef _WIN32
#include <windows.h>
#endif

namespace tiservice::plugin_sdk {
namespace {

#ifdef _WIN32
// Qt Core cannot leave a Windows process safely. For every thread it did not start itself that
// uses it -- the engine's -- it runs a watcher thread of its own, inside Qt6Core.dll, that
// cleans up after that thread has ended, on its own schedule. A practice software that unloads
// the adapter while the watcher still runs crashes in the unloaded Qt6Core.dll (seen under Wine
// in four of seven adapter packages). So Qt Core, once loaded, stays: the adapter and the engine
// (libtiservice_core.dll) unload, and a version loaded later uses the Qt Core already there.
void keepQtCoreInProcess() {
    HMODULE qtCore = nullptr;
    (void)GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_PIN,
                             reinterpret_cast<LPCWSTR>(&qVersion), &qtCore);
}
#else
void keepQtCoreInProcess() {}  // on Linux, Qt Core unloads with the adapter (no watcher thread)
#endif

std::string s(const QJsonObject& o, const char* k) { return o.value(QLatin1String(k)).toString().toStdString(); }
LocalizedText text(const QJsonObject& o, const char* k) {
    const auto t = o.value(QLatin1String(k)).toObject();
    return LocalizedText::fromData(s(t, "de"), s(t, "en"));
}

/// What one practice software is like: data only.
struct Profile {
    std::string id, name, vendor;
    std::vector<std::pair<std::string, std::string>> settings;  ///< our key ("connector.sds_url") → the host's key
    struct Entry {
        std::string id;
        LocalizedText label;
        std::string location;
        std::string action;  ///< update, check, password, history, plan
    };
    std::vector<Entry> menu;
    tis_notice_style style = TIS_NOTICE_BANNER;
    LocalizedText statusTitle = TIS_TEXT("plugin_sdk", "TI-Komponenten");
    LocalizedText updateAction = TIS_TEXT("plugin_sdk", "Jetzt aktualisieren");
    int checkIntervalMinutes = 240;
};

std::optional<Profile> parseProfile(std::string_view json) {
    const auto doc = QJsonDocument::fromJson(QByteArray(json.data(), static_cast<qsizetype>(json.size())));
    if (!doc.isObject()) return std::nullopt;
    const auto o = doc.object();
    Profile p;
    p.id = s(o, "id");
    p.name = s(o, "name");
    p.vendor = s(o, "vendor");
    const auto settings = o.value("settings").toObject();
    for (auto it = settings.begin(); it != settings.end(); ++it)
        p.settings.emplace_back(it.key().toStdString(), it.value().toString().toStdString());
    for (const auto& m : o.value("menu").toArray()) {
        const auto e = m.toObject();
        p.menu.push_back({s(e, "id"), text(e, "label"), s(e, "location"), s(e, "action")});
    }
    const auto style = s(o.value("notices").toObject(), "style");
    p.style = style == "modal" ? TIS_NOTICE_MODAL : style == "task-list" ? TIS_NOTICE_TASK_LIST : TIS_NOTICE_BANNER;
    const auto wording = o.value("wording").toObject();
    if (wording.contains("statusTitle")) p.statusTitle = text(wording, "statusTitle");
    if (wording.contains("updateAction")) p.updateAction = text(wording, "updateAction");
    p.checkIntervalMinutes = o.value("checkIntervalMinutes").toInt(240);
    if (p.id.empty() || p.name.empty() || p.menu.empty()) return std::nullopt;
    return p;
}

/// One message for the host, kept until it is delivered on the host's UI thread.
struct Outgoing {
    enum class Kind { Notice, Question, Progress, Withdraw } kind = Kind::Notice;
    std::string id, title, text, defaultValue;
    int32_t severity = TIS_SEVERITY_INFO;
    int32_t questionKind = TIS_ASK_TEXT;
    std::vector<std::pair<std::string, std::string>> actions;
    uint64_t handle = 0;
    int32_t percent = -1;
    int64_t secondsLeft = -1;
};

class Plugin;

/// The tables of the plugins alive now: a `self` a host passes is looked up here before it
/// is touched, so a NULL, freed or foreign pointer is refused without reading through it.
struct LiveTables {
    std::mutex mutex;
    std::set<const tis_plugin*> tables;
};
LiveTables& liveTables() {
    static LiveTables live;  // plugins are destroyed before the library is unloaded
    return live;
}
Plugin* self(const tis_plugin* p) {
    if (!p) return nullptr;
    auto& live = liveTables();
    std::lock_guard lock(live.mutex);
    return live.tables.contains(p) ? static_cast<Plugin*>(p->plugin_data) : nullptr;
}

class PluginUi final : public workflow::Ui {
public:
    explicit PluginUi(Plugin& p) : plugin_(p) {}
    void notice(const workflow::Notice& n) override;
    std::optional<std::string> ask(const workflow::Question& q) override;
    void progress(const workflow::Progress& p) override;
    void withdraw(const std::string& noticeId) override;

private:
    Plugin& plugin_;
};

class Plugin {
public:
    Plugin(const tis_host* host, Profile profile) : host_(host), profile_(std::move(profile)), ui_(*this) {
        table_.struct_size = sizeof(tis_plugin);
        table_.plugin_data = this;
        table_.init = &Plugin::cInit;
        table_.on_main_thread = &Plugin::cOnMainThread;
        table_.check_now = &Plugin::cCheckNow;
        table_.menu_entry_count = &Plugin::cMenuEntryCount;
        table_.get_menu_entry = &Plugin::cGetMenuEntry;
        table_.run_menu_entry = &Plugin::cRunMenuEntry;
        table_.answer = &Plugin::cAnswer;
        table_.shutdown = &Plugin::cShutdown;
        table_.destroy = &Plugin::cDestroy;
        table_.get_extension = &Plugin::cGetExtension;
        table_.last_error = &Plugin::cLastError;
        table_.settings_changed = &Plugin::cSettingsChanged;
        table_.notice_closed = &Plugin::cNoticeClosed;
        activity_.busy = &Plugin::cBusy;
        auto& live = liveTables();
        std::lock_guard lock(live.mutex);
        live.tables.insert(&table_);
    }
    ~Plugin() {
        {
            auto& live = liveTables();
            std::lock_guard lock(live.mutex);
            live.tables.erase(&table_);
        }
        stop();
    }

    const tis_plugin* table() const { return &table_; }

    // --- the thread hop: from the engine thread to the host's UI thread ---------------------

    void post(Outgoing item) {
        // A connector's words reach the host's window without control characters.
        item.title = printable(item.title);
        item.text = printable(item.text);
        for (auto& [id, label] : item.actions) label = printable(label);
        {
            std::lock_guard lock(outMutex_);
            if (item.kind == Outgoing::Kind::Progress && !outbox_.empty() && outbox_.back().kind == Outgoing::Kind::Progress)
                outbox_.back() = std::move(item);  // only the newest progress matters
            else
                outbox_.push_back(std::move(item));
        }
        host_->request_callback(host_);
    }

    std::optional<std::string> askAndWait(Outgoing question) {
        std::unique_lock lock(answerMutex_);
        const uint64_t handle = nextHandle_++;
        question.handle = handle;
        answers_[handle] = std::nullopt;
        lock.unlock();
        post(std::move(question));
        lock.lock();
        answerCv_.wait(lock, [&] { return stopping_ || answers_[handle].has_value(); });
        if (stopping_ && !answers_[handle]) return std::nullopt;
        auto value = *answers_[handle];
        answers_.erase(handle);
        return value;
    }

    Language language() const { return language_; }

private:
    // --- the C table ---------------------------------------------------------------------

    // The exception barrier: every function of the C table and of every extension runs
    // inside one, so no exception crosses into the host, and a NULL or foreign `self` is an
    // invalid argument, not a crash.
    template <typename F>
    static tis_result guarded(const tis_plugin* p, F&& f) {
        Plugin* x = self(p);
        if (!x) return TIS_ERR_INVALID_ARGUMENT;
        try {
            return f(*x);
        } catch (const std::exception& e) {
            x->lastError_ = std::string("tiservice: ") + e.what();
        } catch (...) {
            x->lastError_ = TIS_TEXT("plugin_sdk", "tiservice: interner Fehler").in(x->language_);
        }
        return TIS_ERR_INTERNAL;
    }
    /// The same for functions that return a value: `fallback` when there is none to give.
    template <typename T, typename F>
    static T guardedValue(const tis_plugin* p, T fallback, F&& f) noexcept {
        T value = fallback;
        const auto r = guarded(p, [&](Plugin& x) {
            value = f(x);
            return TIS_OK;
        });
        return r == TIS_OK ? value : fallback;
    }

    static tis_result cInit(const tis_plugin* p) { return guarded(p, [](Plugin& x) { return x.init(); }); }
    static void cOnMainThread(const tis_plugin* p) { (void)guarded(p, [](Plugin& x) { x.deliver(); return TIS_OK; }); }
    static tis_result cCheckNow(const tis_plugin* p) {
        return guarded(p, [](Plugin& x) {
            if (!x.thread_) return TIS_ERR_STATE;
            x.thread_->checkNow();
            return TIS_OK;
        });
    }
    static uint32_t cMenuEntryCount(const tis_plugin* p) {
        return guardedValue<uint32_t>(p, 0, [](Plugin& x) { return static_cast<uint32_t>(x.profile_.menu.size()); });
    }
    static tis_result cGetMenuEntry(const tis_plugin* p, uint32_t index, tis_menu_entry* out) {
        return guarded(p, [&](Plugin& x) {
            if (!out || index >= x.profile_.menu.size() || !TIS_HAS_FIELD(tis_menu_entry, out->struct_size, location))
                return TIS_ERR_INVALID_ARGUMENT;
            const auto& e = x.profile_.menu[index];
            x.menuLabels_.resize(x.profile_.menu.size());
            x.menuLabels_[index] = e.label.in(x.language_);
            out->id = e.id.c_str();
            out->label = x.menuLabels_[index].c_str();
            out->location = e.location.c_str();
            return TIS_OK;
        });
    }
    static tis_result cRunMenuEntry(const tis_plugin* p, const char* id) {
        return guarded(p, [&](Plugin& x) { return x.runMenuEntry(id ? id : ""); });
    }
    static tis_result cAnswer(const tis_plugin* p, uint64_t handle, const char* value) {
        return guarded(p, [&](Plugin& x) {
            std::lock_guard lock(x.answerMutex_);
            auto it = x.answers_.find(handle);
            if (it == x.answers_.end() || it->second) return TIS_ERR_INVALID_ARGUMENT;
            it->second = value ? std::optional<std::string>(value) : std::optional<std::string>();
            x.answerCv_.notify_all();
            return TIS_OK;
        });
    }
    static void cShutdown(const tis_plugin* p) { (void)guarded(p, [](Plugin& x) { x.stop(); return TIS_OK; }); }
    static void cDestroy(const tis_plugin* p) {
        Plugin* x = self(p);
        if (!x) return;
        try {
            delete x;
        } catch (...) {
        }
    }
    static const void* cGetExtension(const tis_plugin* p, const char* id) {
        return guardedValue<const void*>(p, nullptr, [id](Plugin& x) -> const void* {
            if (id && std::string_view(id) == TIS_EXT_ACTIVITY) return &x.activity_;
            return nullptr;
        });
    }
    static tis_result cSettingsChanged(const tis_plugin* p) {
        return guarded(p, [](Plugin& x) {
            if (!x.thread_) return TIS_ERR_STATE;
            // Read here, on the host's UI thread (get_setting is [main-thread]); the engine takes
            // them over between two tasks, never in the middle of one.
            x.thread_->useSettings(x.readHostSettings());
            return TIS_OK;
        });
    }
    static tis_result cNoticeClosed(const tis_plugin* p, const char* id, int32_t how) {
        return guarded(p, [id, how](Plugin& x) {
            if (!x.thread_) return TIS_ERR_STATE;
            if (!id || (how != TIS_NOTICE_DISMISSED && how != TIS_NOTICE_POSTPONED)) return TIS_ERR_INVALID_ARGUMENT;
            x.thread_->noticeClosed(std::string(id, ::strnlen(id, 256)), how == TIS_NOTICE_POSTPONED
                                                                             ? engine::NoticeClosed::Postponed
                                                                             : engine::NoticeClosed::Dismissed);
            return TIS_OK;
        });
    }
    static const char* cLastError(const tis_plugin* p) {
        static const char kNone[] = "";
        return guardedValue<const char*>(p, kNone, [](Plugin& x) { return x.lastError_.c_str(); });
    }
    static int32_t cBusy(const tis_plugin* p) {
        return guardedValue<int32_t>(p, 0, [](Plugin& x) {
            if (x.thread_ && x.thread_->busy()) return 1;
            std::lock_guard out(x.outMutex_);
            return x.outbox_.empty() ? 0 : 1;
        });
    }

    // --- glue ---------------------------------------------------------------------------------

    std::string hostSetting(const std::string& key) const {
        const char* v = host_->get_setting ? host_->get_setting(host_, key.c_str()) : nullptr;
        return v ? std::string(v) : std::string();
    }

    /// The host's TI settings, in its own vocabulary, as tiservice.ini's. [main-thread]
    Result<ConnectionSettings> readHostSettings() const {
        // The host's values as pairs, never as INI text: a value may hold anything ("=", "#", "[").
        SettingValues values;
        for (const auto& [ours, theirs] : profile_.settings) {
            const auto value = hostSetting(theirs);
            if (value.empty()) continue;
            const auto dot = ours.find('.');
            values.set(ours.substr(0, dot), ours.substr(dot + 1), value);
        }
        // An error names the setting as the host's own dialog does (its key from the profile).
        const auto hostName = [this](std::string_view section, std::string_view key) {
            const std::string ours = std::string(section) + "." + std::string(key);
            for (const auto& [mine, theirs] : profile_.settings)
                if (mine == ours) return theirs;
            return std::string();
        };
        return connectionSettingsFrom(
            values, std::filesystem::path(tr(TIS_TEXT("plugin_sdk", "%1 TI-Einstellungen").arg(profile_.name))),
            hostName);
    }

    std::string updateMenuId() const {
        for (const auto& e : profile_.menu)
            if (e.action == "update") return e.id;
        return "update";
    }

    tis_result init() {
        if (thread_) return TIS_ERR_STATE;
        language_ = parseLanguage(hostSetting("language")).value_or(Language::German);
        const auto stateDir = hostSetting("tiservice.state_dir");
        const auto folder = stateDir.empty() ? defaultStateFolder() : pathFromUtf8(stateDir);
        (void)log::init({.directory = folder / "logs", .stderrLevel = log::Level::Off});
        engine::EngineSetup setup{.stateDir = folder,
                                  .clock = nullptr,
                                  .ui = &ui_,
                                  .wording = {profile_.statusTitle, profile_.updateAction, updateMenuId()},
                                  .lockWait = std::chrono::seconds(3),
                                  .stopRequested = [this] { return stopping_.load(); },
                                  .workplacesSignedIn = {}};
        // Revision 1 hosts may say how many workplaces are in use; a revision-0 host has no get_extension.
        if (TIS_HAS_FIELD(tis_host, host_->struct_size, get_extension) && host_->get_extension) {
            const auto* ext = static_cast<const tis_workplaces_ext*>(host_->get_extension(host_, TIS_HOST_EXT_WORKPLACES));
            if (ext && ext->signed_in)
                setup.workplacesSignedIn = [ext, host = host_] { return static_cast<int>(ext->signed_in(host)); };
        }
        engine_ = std::make_unique<engine::Engine>(std::move(setup));
        engine_->useSettings(readHostSettings());
        log::logger()->info("adapter {} for {} started", profile_.id, host_->name ? host_->name : "?");
        hostLog(TIS_LOG_INFO, "tiservice " + std::string(build_info::version()) + " for " + profile_.name + " started");
        thread_ = std::make_unique<engine::EngineThread>(
            *engine_, std::chrono::minutes(profile_.checkIntervalMinutes),
            [this](bool warning, const std::string& line) { hostLog(warning ? TIS_LOG_WARNING : TIS_LOG_INFO, line); });
        thread_->start();
        return TIS_OK;
    }

    /// A line for the host's log, redacted like the engine's own. [thread-safe]
    void hostLog(int32_t level, const std::string& message) const {
        if (host_->log) host_->log(host_, level, log::redact(message).c_str());
    }

    tis_result runMenuEntry(const std::string& id) {
        if (!thread_) return TIS_ERR_STATE;
        for (const auto& e : profile_.menu) {
            if (e.id != id) continue;
            if (e.action == "update") thread_->update();
            else if (e.action == "password") thread_->changePassword();
            else if (e.action == "history") thread_->showHistory();
            else if (e.action == "plan") thread_->changePlan();
            else thread_->checkNow();
            return TIS_OK;
        }
        lastError_ = tr(TIS_TEXT("plugin_sdk", "Unbekannter Menüeintrag: %1").arg(id));
        return TIS_ERR_UNSUPPORTED;
    }

    void deliver() {
        std::deque<Outgoing> items;
        {
            std::lock_guard lock(outMutex_);
            items.swap(outbox_);
        }
        for (const auto& item : items) {
            std::vector<tis_action> actions;
            for (const auto& [id, label] : item.actions) actions.push_back({id.c_str(), label.c_str()});
            switch (item.kind) {
                case Outgoing::Kind::Notice: {
                    tis_notice n{sizeof(tis_notice), item.id.c_str(), item.severity, profile_.style, item.title.c_str(),
                                 item.text.c_str(), actions.empty() ? nullptr : actions.data(),
                                 static_cast<uint32_t>(actions.size())};
                    if (host_->show_notice) host_->show_notice(host_, &n);
                    break;
                }
                case Outgoing::Kind::Question: {
                    tis_question q{sizeof(tis_question), item.handle, item.id.c_str(), item.questionKind, item.text.c_str(),
                                   actions.empty() ? nullptr : actions.data(), static_cast<uint32_t>(actions.size()),
                                   item.defaultValue.c_str()};
                    if (host_->ask) host_->ask(host_, &q);
                    break;
                }
                case Outgoing::Kind::Progress: {
                    tis_progress pr{sizeof(tis_progress), item.id.c_str(), item.text.c_str(), item.percent, item.secondsLeft};
                    if (host_->progress) host_->progress(host_, &pr);
                    break;
                }
                case Outgoing::Kind::Withdraw:
                    // A host before revision 2 keeps the old notice until a newer one replaces it.
                    if (TIS_HAS_FIELD(tis_host, host_->struct_size, withdraw_notice) && host_->withdraw_notice)
                        host_->withdraw_notice(host_, item.id.c_str());
                    break;
            }
        }
    }

    void stop() {
        {
            std::lock_guard lock(answerMutex_);
            stopping_ = true;  // a question waiting for a person is answered "cancel"
            answerCv_.notify_all();
        }
        if (thread_) thread_->stop();
    }

    tis_plugin table_{};
    tis_activity_ext activity_{};
    const tis_host* host_;
    Profile profile_;
    PluginUi ui_;
    Language language_ = Language::German;
    std::string lastError_;
    std::vector<std::string> menuLabels_;
    std::unique_ptr<engine::Engine> engine_;
    std::unique_ptr<engine::EngineThread> thread_;
    std::atomic<bool> stopping_{false};

    std::mutex outMutex_;
    std::deque<Outgoing> outbox_;

    std::mutex answerMutex_;
    std::condition_variable answerCv_;
    std::map<uint64_t, std::optional<std::optional<std::string>>> answers_;
    uint64_t nextHandle_ = 1;
};

void PluginUi::notice(const workflow::Notice& n) {
    Outgoing o;
    o.kind = Outgoing::Kind::Notice;
    o.id = n.id;
    o.severity = n.severity == workflow::Severity::Critical  ? TIS_SEVERITY_CRITICAL
                 : n.severity == workflow::Severity::Warning ? TIS_SEVERITY_WARNING
                                                             : TIS_SEVERITY_INFO;
    o.title = n.title.in(plugin_.language());
    o.text = n.text.in(plugin_.language());
    for (const auto& a : n.actions) o.actions.emplace_back(a.id, a.label.in(plugin_.language()));
    plugin_.post(std::move(o));
}

std::optional<std::string> PluginUi::ask(const workflow::Question& q) {
    Outgoing o;
    o.kind = Outgoing::Kind::Question;
    o.id = q.id;
    o.questionKind = q.kind == workflow::Question::Kind::Choice ? TIS_ASK_CHOICE
                     : q.kind == workflow::Question::Kind::Secret ? TIS_ASK_SECRET
                                                                  : TIS_ASK_TEXT;
    o.text = q.text.in(plugin_.language());
    o.defaultValue = q.defaultValue;
    for (const auto& c : q.choices) o.actions.emplace_back(c.id, c.label.in(plugin_.language()));
    auto answer = plugin_.askAndWait(std::move(o));
    if (answer && q.kind == workflow::Question::Kind::Secret) log::registerSecret(*answer);
    return answer;
}

void PluginUi::withdraw(const std::string& noticeId) {
    Outgoing o;
    o.kind = Outgoing::Kind::Withdraw;
    o.id = noticeId;
    plugin_.post(std::move(o));
}

void PluginUi::progress(const workflow::Progress& p) {
    Outgoing o;
    o.kind = Outgoing::Kind::Progress;
    o.id = p.id;
    o.text = p.what.in(plugin_.language());
    o.percent = p.percent.value_or(-1);
    o.secondsLeft = p.timeLeft ? p.timeLeft->count() : -1;
    plugin_.post(std::move(o));
}

}  // namespace

const char* manifestFor(std::string_view profileJson) noexcept try {
    static std::mutex m;
    static std::map<std::string, std::string> cache;
    std::lock_guard lock(m);
    auto& slot = cache[std::string(profileJson)];
    if (slot.empty()) {
        const auto p = parseProfile(profileJson);
        const std::string pvsName = p ? p->name : std::string("?");
        const QJsonObject manifest{
            {"id", QString::fromStdString("tiservice." + (p ? p->id : std::string("invalid")))},
            {"name", QString::fromStdString("tiservice für " + pvsName)},  // not translated: the adapter's name
            {"version", QString::fromStdString(std::string(build_info::version()))},
            {"compat", "1.0"},  // runs in hosts of every revision of ABI 1
            {"vendor", "tiservice"},
            {"host", QString::fromStdString(p ? p->id : std::string())},
            {"abi", static_cast<int>(TIS_PLUGIN_ABI_VERSION)}};
        slot = QJsonDocument(manifest).toJson(QJsonDocument::Compact).toStdString();
    }
    return slot.c_str();
} catch (...) {
    return "";  // the loader reports an invalid manifest
}

const tis_plugin* createPlugin(const tis_host* host, std::string_view profileJson) noexcept {
    try {
        // A host of revision 0 passes the smaller table; what it lacks is treated as absent.
        if (!host || host->struct_size < TIS_HOST_SIZE_R0 || !host->request_callback) return nullptr;
        auto profile = parseProfile(profileJson);
        if (!profile) return nullptr;
        keepQtCoreInProcess();
        return (new Plugin(host, std::move(*profile)))->table();
    } catch (...) {
        return nullptr;
    }
}

}  // namespace tiservice::plugin_sdk

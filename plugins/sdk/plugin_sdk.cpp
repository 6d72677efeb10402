#include "tiservice/plugin_sdk.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "adapter_texts.h"
#include "engine_process.h"
#include "tiservice/engine_wire.h"

namespace tiservice::plugin_sdk {
namespace {

constexpr const char* kEngineProgram =
#ifdef _WIN32
    "tiservice-engine.exe";
#else
    "tiservice-engine";
#endif

/// How long shutdown waits for the engine to end by itself before it ends it (the promise of
/// plugin.h: shutdown returns at once; 500 ms is what a practice software may wait).
constexpr auto kPoliteEnd = std::chrono::milliseconds(350);
/// An engine that ends unexpectedly is started again after this pause, once; a second end within
/// kRestartWindow is not restarted until the practice software asks for something.
constexpr auto kRestartPause = std::chrono::seconds(1);
constexpr auto kRestartWindow = std::chrono::seconds(60);

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
Plugin* self(const tis_plugin* p);

/// "%1" in `pattern` replaced by `value`.
std::string arg(std::string pattern, const std::string& value) {
    const auto at = pattern.find("%1");
    if (at != std::string::npos) pattern.replace(at, 2, value);
    return pattern;
}

class Plugin {
public:
    Plugin(const tis_host* host, const AdapterProfile& profile) : host_(host), profile_(profile) {
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
        menuLabels_.resize(profile_.menu.size());
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
            x->lastError_ = x->say(TIS_TEXT("adapter", "tiservice: interner Fehler"));
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
    static void cOnMainThread(const tis_plugin* p) {
        (void)guarded(p, [](Plugin& x) {
            x.deliver();
            return TIS_OK;
        });
    }
    static tis_result cCheckNow(const tis_plugin* p) {
        return guarded(p, [](Plugin& x) { return x.command("check"); });
    }
    static uint32_t cMenuEntryCount(const tis_plugin* p) {
        return guardedValue<uint32_t>(p, 0, [](Plugin& x) { return static_cast<uint32_t>(x.profile_.menu.size()); });
    }
    static tis_result cGetMenuEntry(const tis_plugin* p, uint32_t index, tis_menu_entry* out) {
        return guarded(p, [&](Plugin& x) {
            if (!out || index >= x.profile_.menu.size() || !TIS_HAS_FIELD(tis_menu_entry, out->struct_size, location))
                return TIS_ERR_INVALID_ARGUMENT;
            const auto& e = x.profile_.menu[index];
            x.menuLabels_[index] = x.in(e.label);
            out->id = e.id;
            out->label = x.menuLabels_[index].c_str();
            out->location = e.location;
            return TIS_OK;
        });
    }
    static tis_result cRunMenuEntry(const tis_plugin* p, const char* id) {
        return guarded(p, [&](Plugin& x) { return x.runMenuEntry(id ? std::string(id, ::strnlen(id, 256)) : ""); });
    }
    static tis_result cAnswer(const tis_plugin* p, uint64_t handle, const char* value) {
        return guarded(p, [&](Plugin& x) { return x.answer(handle, value); });
    }
    static void cShutdown(const tis_plugin* p) {
        (void)guarded(p, [](Plugin& x) {
            x.stop();
            return TIS_OK;
        });
    }
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
        return guarded(p, [](Plugin& x) { return x.settingsChanged(); });
    }
    static tis_result cNoticeClosed(const tis_plugin* p, const char* id, int32_t how) {
        return guarded(p, [id, how](Plugin& x) {
            if (!x.started_) return TIS_ERR_STATE;
            if (!id || (how != TIS_NOTICE_DISMISSED && how != TIS_NOTICE_POSTPONED)) return TIS_ERR_INVALID_ARGUMENT;
            return x.send(wire::FrameWriter(wire::Kind::NoticeClosed)
                              .number(x.nextSequence())
                              .text(std::string(id, ::strnlen(id, 256)))
                              .number(how));
        });
    }
    static const char* cLastError(const tis_plugin* p) {
        static const char kNone[] = "";
        return guardedValue<const char*>(p, kNone, [](Plugin& x) { return x.lastError_.c_str(); });
    }
    static int32_t cBusy(const tis_plugin* p) {
        return guardedValue<int32_t>(p, 0, [](Plugin& x) { return x.busy() ? 1 : 0; });
    }

    // --- on the host's UI thread ---------------------------------------------------------------

    std::string say(AdapterMessage m) const { return plugin_sdk::in(m, english_); }
    std::string in(const Wording& w) const { return english_ && w.en ? w.en : (w.de ? w.de : ""); }

    std::string hostSetting(const char* key) const {
        const char* v = host_->get_setting ? host_->get_setting(host_, key) : nullptr;
        return v ? std::string(v, ::strnlen(v, 16 * 1024)) : std::string();
    }

    /// The host's TI settings as tiservice.ini's keys with their values. [main-thread]
    std::vector<std::pair<std::string, std::string>> readHostSettings() const {
        std::vector<std::pair<std::string, std::string>> values;
        for (const auto& s : profile_.settings) {
            auto value = hostSetting(s.theirs);
            if (!value.empty()) values.emplace_back(s.ours, std::move(value));
        }
        return values;
    }

    tis_result init() {
        if (started_) return TIS_ERR_STATE;
        english_ = hostSetting("language") == "en";
        std::string searched;
        for (const auto& candidate : engineCandidates(thisModule(), profile_.engine)) {
            std::error_code ec;
            if (std::filesystem::is_regular_file(candidate, ec)) {
                engineProgram_ = candidate;
                break;
            }
            const auto name = candidate.u8string();
            if (!searched.empty()) searched += ", ";
            searched.append(reinterpret_cast<const char*>(name.data()), name.size());
        }
        if (engineProgram_.empty()) {
            lastError_ = arg(say(TIS_TEXT("adapter",
                                          "tiservice ist unvollständig installiert: der Dienst tiservice-engine fehlt "
                                          "(gesucht: %1). Bitte tiservice neu installieren oder den Support anrufen.")),
                             searched);
            return TIS_ERR_INTERNAL;
        }
        stateDir_ = hostSetting("tiservice.state_dir");
        settings_ = readHostSettings();
        // Revision 1 hosts may say how many workplaces are in use; a revision-0 host has no get_extension.
        if (TIS_HAS_FIELD(tis_host, host_->struct_size, get_extension) && host_->get_extension)
            workplaces_ = static_cast<const tis_workplaces_ext*>(host_->get_extension(host_, TIS_HOST_EXT_WORKPLACES));
        started_ = true;
        {
            std::lock_guard lock(mutex_);
            lastSent_ = 1;  // the start: busy until the engine has taken it
        }
        startLink();
        return TIS_OK;
    }

    std::int64_t nextSequence() {
        std::lock_guard lock(mutex_);
        return ++lastSent_;
    }

    tis_result command(const char* action) {
        if (!started_ || stopping_) return TIS_ERR_STATE;
        ensureLink();
        return send(wire::FrameWriter(wire::Kind::Command).number(nextSequence()).text(action));
    }

    tis_result runMenuEntry(const std::string& id) {
        if (!started_ || stopping_) return TIS_ERR_STATE;
        for (const auto& e : profile_.menu)
            if (id == e.id) return command(e.action);
        lastError_ = arg(say(TIS_TEXT("adapter", "Unbekannter Menüeintrag: %1")), id);
        return TIS_ERR_UNSUPPORTED;
    }

    tis_result settingsChanged() {
        if (!started_ || stopping_) return TIS_ERR_STATE;
        // Read here, on the host's UI thread (get_setting is [main-thread]); the engine takes
        // them over between two tasks, never in the middle of one.
        auto values = readHostSettings();
        {
            std::lock_guard lock(mutex_);
            settings_ = values;  // an engine started again starts with these
        }
        ensureLink();
        return send(wire::FrameWriter(wire::Kind::Settings).pairs(values));
    }

    tis_result answer(uint64_t handle, const char* value) {
        {
            std::lock_guard lock(mutex_);
            if (openQuestions_.erase(handle) == 0) return TIS_ERR_INVALID_ARGUMENT;
        }
        wire::FrameWriter frame(wire::Kind::Answer);
        frame.number(static_cast<std::int64_t>(handle)).number(value ? 1 : 0);
        frame.text(value ? std::string_view(value, ::strnlen(value, 16 * 1024)) : std::string_view());
        return send(frame);
    }

    bool busy() {
        std::lock_guard lock(mutex_);
        if (!outbox_.empty()) return true;
        if (!linked_ && !starting_) return false;  // no engine (it ended, or the adapter stopped)
        return starting_ || engineBusy_ || lastSent_ > acknowledged_;
    }

    void deliver() {
        std::deque<Outgoing> items;
        {
            std::lock_guard lock(mutex_);
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

    /// Ends the engine: asks it to stop (a running update goes on in the connector and is
    /// followed up at the next start), and ends it at once when it has not within kPoliteEnd.
    void stop() {
        {
            std::lock_guard lock(mutex_);
            if (stopping_) return;
            stopping_ = true;
            wake_.notify_all();
        }
        if (!link_.joinable()) return;
        const auto until = std::chrono::steady_clock::now() + kPoliteEnd;
        {
            // The end of its input is the engine's Stop. The lock is not waited for beyond the
            // polite end: a write to an engine that has stopped reading holds it until the engine
            // is ended below.
            std::unique_lock write(writeMutex_, std::defer_lock);
            if (write.try_lock_until(until) && process_) process_->closeInput();
        }
        bool ended = false;
        {
            std::unique_lock lock(mutex_);
            ended = wake_.wait_until(lock, until, [&] { return linkEnded_; });
        }
        if (!ended) endEngineNow();  // its output closes: the link thread reads the end
        link_.join();
        std::lock_guard write(writeMutex_);
        if (process_ && !process_->waitForExit(std::max(std::chrono::milliseconds(0),
                                                        std::chrono::duration_cast<std::chrono::milliseconds>(
                                                            until - std::chrono::steady_clock::now()))))
            process_->kill();
        forget();
    }

    /// Ends the engine at once, whatever holds the write lock (a write blocked on an engine that
    /// has stopped reading fails then); an engine still being started is ended as soon as it is.
    void endEngineNow() {
        {
            std::lock_guard life(lifeMutex_);
            endRequested_ = true;  // one adopted from now on is ended there
        }
        endLiveEngine();
    }

    /// Ends the engine now, without the write lock: one that spoke nonsense or hangs. [any thread]
    void endLiveEngine() {
        std::lock_guard life(lifeMutex_);
        if (live_) live_->kill();
    }

    /// The engine `process_` is, for endEngineNow. [writeMutex_ held]
    void adopt(std::unique_ptr<EngineProcess> process) {
        std::lock_guard life(lifeMutex_);
        process_ = std::move(process);
        live_ = process_.get();
        if (endRequested_) live_->kill();  // shutdown gave up waiting while it was starting
    }

    /// Lets the ended engine go (it has been reaped). [writeMutex_ held]
    void forget() {
        std::lock_guard life(lifeMutex_);
        live_ = nullptr;
        process_.reset();
    }

    // --- the link: the adapter's one thread -------------------------------------------------

    /// Sends a frame now, or keeps it for the engine while it starts. [thread-safe]
    tis_result send(const wire::FrameWriter& frame) {
        const auto bytes = frame.finish();
        if (bytes.empty()) return TIS_ERR_INVALID_ARGUMENT;  // longer than any message may be
        std::lock_guard write(writeMutex_);
        if (process_ && connected_) {
            if (process_->write(bytes.data(), bytes.size())) return TIS_OK;
            // Gone, or it hangs and took nothing for a while (its stream may now hold half a
            // frame): ended; the link restarts it.
            endLiveEngine();
        }
        // Not running yet, or gone while the link has not yet read its end: kept, and the engine
        // started next (a restart) is given it after its start. A click is never lost.
        connected_ = false;
        pending_ += bytes;
        return TIS_OK;
    }

    void startLink() {
        {
            std::lock_guard lock(mutex_);
            linkEnded_ = false;
            starting_ = true;
        }
        link_ = std::thread([this] { link(); });
    }

    /// After the engine ended twice: a request of the practice software's starts it again.
    void ensureLink() {
        bool restart = false;
        {
            std::lock_guard lock(mutex_);
            restart = linkEnded_ && !stopping_;
        }
        if (!restart) return;
        if (link_.joinable()) link_.join();
        recentEnds_ = 0;
        startLink();
    }

    std::string startFrame() {
        std::lock_guard lock(mutex_);
        wire::FrameWriter f(wire::Kind::Start);
        f.number(wire::kProtocolVersion)
            .number(lastSent_)
            .text(english_ ? "en" : "de")
            .text(stateDir_)
            .text(host_->name ? std::string(host_->name, ::strnlen(host_->name, 256)) : std::string())
            .text(host_->version ? std::string(host_->version, ::strnlen(host_->version, 256)) : std::string())
            .text(profile_.id)
            .text(profile_.name)
            .text(profile_.statusTitle.de ? profile_.statusTitle.de : "")
            .text(profile_.statusTitle.en ? profile_.statusTitle.en : "")
            .text(profile_.updateAction.de ? profile_.updateAction.de : "")
            .text(profile_.updateAction.en ? profile_.updateAction.en : "")
            .text(updateMenuId())
            .number(profile_.checkIntervalMinutes)
            .number(workplaces_ && workplaces_->signed_in ? 1 : 0)
            .pairs(settings_);
        std::vector<std::pair<std::string, std::string>> names;
        for (const auto& s : profile_.settings) names.emplace_back(s.ours, s.theirs);
        f.pairs(names);
        return f.finish();
    }

    std::string updateMenuId() const {
        for (const auto& e : profile_.menu)
            if (std::string_view(e.action) == "update") return e.id;
        return "update";
    }

    void link() {
        for (;;) {
            std::string error;
            auto process = EngineProcess::start(engineProgram_, error);
            if (!process) {
                hostLog(TIS_LOG_ERROR, "tiservice-engine could not be started: " + error);
                noticeFromAdapter("engine.unavailable", TIS_SEVERITY_CRITICAL,
                                  say(TIS_TEXT("adapter",
                                               "Der TI-Dienst von tiservice startet nicht. Bitte die "
                                               "Praxissoftware neu starten; bleibt dieser Hinweis, den "
                                               "Support anrufen.")));
                break;
            }
            {
                std::lock_guard write(writeMutex_);
                adopt(std::move(process));  // from here on shutdown can end it, even in a blocked write
                const auto start = startFrame();
                // Kept for the engine started next when this one has already gone.
                constexpr auto kStarting = EngineProcess::kFirstWriteTimeout;
                if (process_->write(start.data(), start.size(), kStarting) &&
                    (pending_.empty() || process_->write(pending_.data(), pending_.size(), kStarting)))
                    pending_.clear();
                else endLiveEngine();  // gone or hangs: the link reads its end and restarts it
                connected_ = true;
                std::lock_guard lock(mutex_);
                linked_ = true;
                if (stopping_) process_->closeInput();  // shutdown came while the engine was starting
            }
            engineFailed_ = false;
            const bool wellFormed = readFrames();
            // One that spoke nonsense is ended before anything waits for the write lock: a write
            // of the practice software's may be waiting on it.
            if (!wellFormed) endLiveEngine();
            {
                std::lock_guard write(writeMutex_);
                connected_ = false;
                std::lock_guard lock(mutex_);
                linked_ = false;
                starting_ = false;
                engineBusy_ = false;
                acknowledged_ = lastSent_;
                openQuestions_.clear();  // asked by an engine that is gone
                if (stopping_) break;
            }
            // Unexpected: the engine ended (or spoke nonsense) while the practice software works.
            {
                std::lock_guard write(writeMutex_);
                if (process_) {
                    if (!process_->waitForExit(std::chrono::milliseconds(0)))
                        process_->kill();  // reaped first: never another's pid
                    forget();
                }
            }
            // An engine that said it cannot work (engine.failed is shown) is not restarted: it would
            // say the same again. A request of the practice software's starts it once more.
            if (engineFailed_) break;
            hostLog(TIS_LOG_ERROR, wellFormed ? "tiservice-engine ended unexpectedly"
                                              : "tiservice-engine sent a malformed message and was ended");
            const auto now = std::chrono::steady_clock::now();
            const bool again = recentEnds_ > 0 && now - lastEnd_ < kRestartWindow;
            lastEnd_ = now;
            ++recentEnds_;
            if (again) {
                noticeFromAdapter("engine.unavailable", TIS_SEVERITY_CRITICAL,
                                  say(TIS_TEXT("adapter",
                                               "Der TI-Dienst von tiservice wurde wiederholt unerwartet "
                                               "beendet. Bitte die Praxissoftware neu starten; bleibt "
                                               "dieser Hinweis, den Support anrufen.")));
                break;
            }
            noticeFromAdapter("engine.restarted", TIS_SEVERITY_WARNING,
                              say(TIS_TEXT("adapter",
                                           "Der TI-Dienst von tiservice wurde unerwartet beendet und "
                                           "startet neu. Ein Update, das der Konnektor schon installiert, "
                                           "läuft dort weiter.")));
            std::unique_lock lock(mutex_);
            if (wake_.wait_for(lock, kRestartPause, [&] { return stopping_.load(); })) break;
            starting_ = true;
        }
        std::lock_guard lock(mutex_);
        linkEnded_ = true;
        starting_ = false;
        wake_.notify_all();
    }

    /// Reads and handles frames until the engine's output ends; false when it sent nonsense.
    bool readFrames() {
        wire::FrameSplitter splitter;
        std::vector<char> buffer(64 * 1024);
        for (;;) {
            const std::size_t n = process_->read(buffer.data(), buffer.size());
            if (n == 0) return true;
            splitter.feed(std::string_view(buffer.data(), n));
            while (auto payload = splitter.next())
                if (!handle(*payload)) return false;
            if (splitter.broken()) return false;
        }
    }

    bool handle(const std::string& payload) {
        wire::FrameReader r(payload);
        if (!r.kind()) return false;
        Outgoing o;
        switch (*r.kind()) {
            case wire::Kind::Ready: (void)r.number(); return r.ok();
            case wire::Kind::Notice: {
                o.kind = Outgoing::Kind::Notice;
                o.id = r.text();
                o.severity = static_cast<int32_t>(r.number(TIS_SEVERITY_INFO, TIS_SEVERITY_CRITICAL));
                o.title = r.text();
                o.text = r.text();
                o.actions = r.pairs(16);
                break;
            }
            case wire::Kind::Question: {
                o.kind = Outgoing::Kind::Question;
                o.handle = static_cast<uint64_t>(r.number(1, INT64_MAX));
                o.id = r.text();
                o.questionKind = static_cast<int32_t>(r.number(TIS_ASK_CHOICE, TIS_ASK_SECRET));
                o.text = r.text();
                o.defaultValue = r.text();
                o.actions = r.pairs(16);
                break;
            }
            case wire::Kind::Progress: {
                o.kind = Outgoing::Kind::Progress;
                o.id = r.text();
                o.text = r.text();
                o.percent = static_cast<int32_t>(r.number(-1, 100));
                o.secondsLeft = r.number(-1, INT64_MAX);
                break;
            }
            case wire::Kind::Withdraw:
                o.kind = Outgoing::Kind::Withdraw;
                o.id = r.text();
                break;
            case wire::Kind::Log: {
                const auto level = static_cast<int32_t>(r.number(TIS_LOG_DEBUG, TIS_LOG_ERROR));
                const auto line = r.text();
                if (!r.ok()) return false;
                hostLog(level, line);
                return true;
            }
            case wire::Kind::Activity: {
                const bool busyNow = r.number(0, 1) == 1;
                const auto taken = r.number(0, INT64_MAX);
                if (!r.ok()) return false;
                std::lock_guard lock(mutex_);
                starting_ = false;
                engineBusy_ = busyNow;
                acknowledged_ = std::max(acknowledged_, taken);
                return true;
            }
            case wire::Kind::WorkplacesQuery: {
                const auto request = r.number();
                if (!r.ok()) return false;
                const int32_t count = workplaces_ && workplaces_->signed_in ? workplaces_->signed_in(host_) : -1;
                (void)send(wire::FrameWriter(wire::Kind::Workplaces).number(request).number(count));
                return true;
            }
            case wire::Kind::Failed: {
                const auto de = r.text();
                const auto en = r.text();
                if (!r.ok()) return false;
                hostLog(TIS_LOG_ERROR, "tiservice-engine cannot work: " + en);
                engineFailed_ = true;
                noticeFromAdapter("engine.failed", TIS_SEVERITY_CRITICAL, english_ ? en : de);
                return true;
            }
            default: return false;  // a frame only the adapter sends
        }
        if (!r.ok()) return false;
        post(std::move(o));
        return true;
    }

    /// Queues a message for the host's UI thread and asks for it. [link thread]
    void post(Outgoing item) {
        {
            std::lock_guard lock(mutex_);
            if (item.kind == Outgoing::Kind::Question) openQuestions_.insert(item.handle);
            if (item.kind == Outgoing::Kind::Progress && !outbox_.empty() &&
                outbox_.back().kind == Outgoing::Kind::Progress)
                outbox_.back() = std::move(item);  // only the newest progress matters
            else outbox_.push_back(std::move(item));
        }
        host_->request_callback(host_);
    }

    void noticeFromAdapter(const char* id, int32_t severity, std::string text) {
        Outgoing o;
        o.kind = Outgoing::Kind::Notice;
        o.id = id;
        o.severity = severity;
        o.title =
            in(profile_.statusTitle).empty() ? say(TIS_TEXT("adapter", "TI-Komponenten")) : in(profile_.statusTitle);
        o.text = std::move(text);
        post(std::move(o));
    }

    /// A line for the host's log (the engine's are redacted there already). [thread-safe]
    void hostLog(int32_t level, const std::string& message) const {
        if (host_->log) host_->log(host_, level, message.c_str());
    }

    tis_plugin table_{};
    tis_activity_ext activity_{};
    const tis_host* host_;
    AdapterProfile profile_;  // a copy; its texts are static
    bool english_ = false;
    std::string lastError_;
    std::vector<std::string> menuLabels_;
    std::filesystem::path engineProgram_;
    bool engineFailed_ = false;  ///< [link thread] the engine said it cannot work (Failed)
    std::string stateDir_;
    const tis_workplaces_ext* workplaces_ = nullptr;
    bool started_ = false;
    std::atomic<bool> stopping_{false};

    std::thread link_;
    int recentEnds_ = 0;  ///< [link thread; host thread once it has ended]
    std::chrono::steady_clock::time_point lastEnd_;

    std::timed_mutex writeMutex_;  ///< before lifeMutex_ and mutex_ when they are taken together
    std::unique_ptr<EngineProcess> process_;
    std::mutex lifeMutex_;           ///< guards live_ and endRequested_
    EngineProcess* live_ = nullptr;  ///< process_, for ending it without the write lock
    bool endRequested_ = false;      ///< shutdown ends the engine at once, also one still starting
    bool connected_ = false;
    std::string pending_;  ///< frames for an engine that is starting

    std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<std::pair<std::string, std::string>> settings_;
    std::deque<Outgoing> outbox_;
    std::set<uint64_t> openQuestions_;
    std::int64_t lastSent_ = 0;
    std::int64_t acknowledged_ = 0;
    bool engineBusy_ = false;
    bool starting_ = false;
    bool linked_ = false;
    bool linkEnded_ = true;
};

Plugin* self(const tis_plugin* p) {
    if (!p) return nullptr;
    auto& live = liveTables();
    std::lock_guard lock(live.mutex);
    return live.tables.contains(p) ? static_cast<Plugin*>(p->plugin_data) : nullptr;
}

}  // namespace

std::vector<std::filesystem::path> engineCandidates(const std::filesystem::path& module, const char* installed) {
    std::vector<std::filesystem::path> candidates;
    if (!module.empty()) {
        const auto dir = module.parent_path();
        candidates.push_back(dir / kEngineProgram);
        candidates.push_back(dir.parent_path() / kEngineProgram);
        candidates.push_back(dir.parent_path() / "lib" / "tiservice" / kEngineProgram);
    }
    if (installed && *installed) candidates.push_back(std::filesystem::u8path(installed));
#ifdef TISERVICE_ENGINE_BUILD_PATH
    candidates.emplace_back(TISERVICE_ENGINE_BUILD_PATH);
#endif
    return candidates;
}

const tis_plugin* createPlugin(const tis_host* host, const AdapterProfile& profile) noexcept {
    try {
        // A host of revision 0 passes the smaller table; what it lacks is treated as absent.
        if (!host || host->struct_size < TIS_HOST_SIZE_R0 || !host->request_callback) return nullptr;
        if (profile.menu.empty() || !profile.id || !profile.name) return nullptr;
        return (new Plugin(host, profile))->table();
    } catch (...) {
        return nullptr;
    }
}

}  // namespace tiservice::plugin_sdk

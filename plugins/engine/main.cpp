// tiservice-engine: the engine of one adapter, in a process of its own.
//
// An adapter (plugins/sdk) starts it with a pipe as its standard input and output and speaks
// tiservice/engine_wire.h over it: first Start (the host's settings and the profile's wording),
// then commands, answers and settings; back come notices, questions, progress, log lines and
// whether the engine is busy. When its input ends (Stop, or the practice software has gone) it
// stops the engine the way a shutdown does — a running update goes on in the connector and is
// followed up at the next start — and exits. It is not meant to be started by hand.

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#ifdef _WIN32
#include <windows.h>
#else
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#endif

#include "this_program.h"
#include "tiservice/build_info.h"
#include "tiservice/display_text.h"
#include "tiservice/engine/engine.h"
#include "tiservice/engine/engine_thread.h"
#include "tiservice/engine_wire.h"
#include "tiservice/log.h"
#include "tiservice/logger.h"
#include "tiservice/paths.h"
#include "tiservice/plugin.h"
#include "tiservice/settings.h"

namespace {

using namespace tiservice;

/// The pipe to the adapter: the standard input and output this process was started with, taken
/// over so that nothing else printed by a library can ever land in it.
class Channel {
public:
    Channel() {
#ifdef _WIN32
        const HANDLE self = ::GetCurrentProcess();
        ::DuplicateHandle(self, ::GetStdHandle(STD_INPUT_HANDLE), self, &in_, 0, FALSE, DUPLICATE_SAME_ACCESS);
        ::DuplicateHandle(self, ::GetStdHandle(STD_OUTPUT_HANDLE), self, &out_, 0, FALSE, DUPLICATE_SAME_ACCESS);
        (void)std::freopen("NUL", "r", stdin);
        (void)std::freopen("NUL", "w", stdout);
#else
        ::signal(SIGPIPE, SIG_IGN);  // an adapter that has gone is the end of the input, not a signal
        in_ = ::fcntl(0, F_DUPFD_CLOEXEC, 3);
        out_ = ::fcntl(1, F_DUPFD_CLOEXEC, 3);
        const int null = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (null >= 0) {
            ::dup2(null, 0);
            ::close(null);
        }
        ::dup2(2, 1);  // stray output goes to the error output, never into the pipe
#endif
    }

    /// Blocks for bytes; 0 at the end of the input.
    std::size_t read(char* buffer, std::size_t size) {
#ifdef _WIN32
        DWORD got = 0;
        if (!::ReadFile(in_, buffer, static_cast<DWORD>(size), &got, nullptr)) return 0;
        return got;
#else
        for (;;) {
            const ssize_t n = ::read(in_, buffer, size);
            if (n < 0 && errno == EINTR) continue;
            return n > 0 ? static_cast<std::size_t>(n) : 0;
        }
#endif
    }

    /// Writes one whole frame; from any thread.
    void write(const std::string& frame) {
        if (frame.empty()) return;
        std::lock_guard lock(mutex_);
        const char* p = frame.data();
        std::size_t left = frame.size();
        while (left > 0) {
#ifdef _WIN32
            DWORD written = 0;
            if (!::WriteFile(out_, p, static_cast<DWORD>(left), &written, nullptr) || written == 0) return;
#else
            const ssize_t written = ::write(out_, p, left);
            if (written < 0 && errno == EINTR) continue;
            if (written <= 0) return;  // the adapter has gone: the input ends next
#endif
            p += written;
            left -= static_cast<std::size_t>(written);
        }
    }

    /// For a frame and what must not change before it is sent (the activity snapshot).
    std::mutex& mutex() { return mutex_; }
    void writeLocked(const std::string& frame) {
        // The caller holds mutex(); the same loop as write().
        const char* p = frame.data();
        std::size_t left = frame.size();
        while (left > 0) {
#ifdef _WIN32
            DWORD written = 0;
            if (!::WriteFile(out_, p, static_cast<DWORD>(left), &written, nullptr) || written == 0) return;
#else
            const ssize_t written = ::write(out_, p, left);
            if (written < 0 && errno == EINTR) continue;
            if (written <= 0) return;
#endif
            p += written;
            left -= static_cast<std::size_t>(written);
        }
    }

private:
#ifdef _WIN32
    HANDLE in_ = nullptr;
    HANDLE out_ = nullptr;
#else
    int in_ = -1;
    int out_ = -1;
#endif
    std::mutex mutex_;
};

/// What the adapter said in its Start frame.
struct StartInfo {
    Language language = Language::German;
    std::string stateDir, hostName, hostVersion, pvsId, pvsName;
    std::string statusTitleDe, statusTitleEn, updateActionDe, updateActionEn, updateMenuId;
    int checkIntervalMinutes = 240;
    bool hostCountsWorkplaces = false;
    std::int64_t sequence = 0;
    std::vector<std::pair<std::string, std::string>> settings, names;
};

std::optional<StartInfo> readStart(wire::FrameReader& r, int& protocol) {
    StartInfo s;
    protocol = static_cast<int>(r.number(0, 1'000'000));
    if (protocol != wire::kProtocolVersion) return std::nullopt;
    s.sequence = r.number(0, INT64_MAX);
    s.language = r.text() == "en" ? Language::English : Language::German;
    s.stateDir = r.text();
    s.hostName = r.text();
    s.hostVersion = r.text();
    s.pvsId = r.text();
    s.pvsName = r.text();
    s.statusTitleDe = r.text();
    s.statusTitleEn = r.text();
    s.updateActionDe = r.text();
    s.updateActionEn = r.text();
    s.updateMenuId = r.text();
    s.checkIntervalMinutes = static_cast<int>(r.number(1, 7 * 24 * 60));
    s.hostCountsWorkplaces = r.number(0, 1) == 1;
    s.settings = r.pairs(256);
    s.names = r.pairs(256);
    if (!r.ok()) return std::nullopt;
    return s;
}

class Session;

class SessionUi final : public workflow::Ui {
public:
    explicit SessionUi(Session& s) : session_(s) {}
    void notice(const workflow::Notice& n) override;
    std::optional<std::string> ask(const workflow::Question& q) override;
    void progress(const workflow::Progress& p) override;
    void withdraw(const std::string& noticeId) override;

private:
    Session& session_;
};

/// The engine with its thread, as the old in-process SDK ran it, speaking over the channel.
class Session {
public:
    Session(Channel& channel, StartInfo start) : channel_(channel), start_(std::move(start)), ui_(*this) {}
    ~Session() { stop(); }

    Language language() const { return start_.language; }
    Channel& channel() { return channel_; }

    void begin() {
        const auto folder = start_.stateDir.empty() ? defaultStateFolder() : pathFromUtf8(start_.stateDir);
        (void)log::init({.directory = folder / "logs", .stderrLevel = log::Level::Off});
        const auto wording = [](const std::string& de, const std::string& en, LocalizedText fallback) {
            return de.empty() ? fallback : LocalizedText::fromData(de, en.empty() ? de : en);
        };
        engine::EngineSetup setup{
            .stateDir = folder,
            .clock = nullptr,
            .ui = &ui_,
            .wording = {wording(start_.statusTitleDe, start_.statusTitleEn, TIS_TEXT("plugin_sdk", "TI-Komponenten")),
                        wording(start_.updateActionDe, start_.updateActionEn,
                                TIS_TEXT("plugin_sdk", "Jetzt aktualisieren")),
                        start_.updateMenuId},
            .lockWait = std::chrono::seconds(3),
            .stopRequested = [this] { return stopping_.load(); },
            .workplacesSignedIn = {}};
        if (start_.hostCountsWorkplaces) setup.workplacesSignedIn = [this] { return askWorkplaces(); };
        engine_ = std::make_unique<engine::Engine>(std::move(setup));
        engine_->useSettings(settingsFrom(start_.settings));
        log::logger()->info("adapter {} for {} started (engine process)", start_.pvsId, start_.hostName);
        hostLog(TIS_LOG_INFO,
                "tiservice " + std::string(build_info::version()) + " for " + start_.pvsName + " started");
        thread_ = std::make_unique<engine::EngineThread>(
            *engine_, std::chrono::minutes(start_.checkIntervalMinutes),
            [this](bool warning, const std::string& line) { hostLog(warning ? TIS_LOG_WARNING : TIS_LOG_INFO, line); });
        thread_->observeActivity([this] { tellActivity(); });
        thread_->start();
        taken(start_.sequence);
    }

    /// One frame from the adapter; false at Stop.
    bool handle(wire::FrameReader& r) {
        switch (*r.kind()) {
            case wire::Kind::Settings: {
                auto values = r.pairs(256);
                if (r.ok()) thread_->useSettings(settingsFrom(values));
                return true;
            }
            case wire::Kind::Command: {
                const auto sequence = r.number(0, INT64_MAX);
                const auto action = r.text();
                if (!r.ok()) return true;
                if (action == "update") thread_->update();
                else if (action == "password") thread_->changePassword();
                else if (action == "history") thread_->showHistory();
                else if (action == "plan") thread_->changePlan();
                else thread_->checkNow();
                taken(sequence);
                return true;
            }
            case wire::Kind::NoticeClosed: {
                const auto sequence = r.number(0, INT64_MAX);
                auto id = r.text();
                const auto how = r.number(TIS_NOTICE_DISMISSED, TIS_NOTICE_POSTPONED);
                if (!r.ok()) return true;
                thread_->noticeClosed(std::move(id), how == TIS_NOTICE_POSTPONED ? engine::NoticeClosed::Postponed
                                                                                 : engine::NoticeClosed::Dismissed);
                taken(sequence);
                return true;
            }
            case wire::Kind::Answer: {
                const auto handle = static_cast<std::uint64_t>(r.number(1, INT64_MAX));
                const bool given = r.number(0, 1) == 1;
                auto value = r.text();
                if (!r.ok()) return true;
                std::lock_guard lock(answerMutex_);
                const auto it = answers_.find(handle);
                if (it != answers_.end() && !it->second)
                    it->second = given ? std::optional<std::string>(std::move(value)) : std::optional<std::string>();
                answerCv_.notify_all();
                return true;
            }
            case wire::Kind::Workplaces: {
                const auto request = r.number();
                const auto count = r.number(-1, 100'000);
                if (!r.ok()) return true;
                std::lock_guard lock(answerMutex_);
                if (request == workplacesRequest_) workplaces_ = static_cast<int>(count);
                answerCv_.notify_all();
                return true;
            }
            case wire::Kind::Stop: return false;
            default: return true;  // Start twice, or a frame only the engine sends: ignored
        }
    }

    /// Ends the work: a question waiting for a person is cancelled, a running step ends at its
    /// next one and keeps its journal, a request waiting on the network ends at once.
    void stop() {
        {
            std::lock_guard lock(answerMutex_);
            stopping_ = true;
            answerCv_.notify_all();
        }
        if (thread_) thread_->stop();
        thread_.reset();
        engine_.reset();
    }

    void send(const wire::FrameWriter& frame) { channel_.write(frame.finish()); }

    std::optional<std::string> askAndWait(wire::FrameWriter question, std::uint64_t handle) {
        std::unique_lock lock(answerMutex_);
        answers_[handle] = std::nullopt;
        lock.unlock();
        send(question);
        lock.lock();
        answerCv_.wait(lock, [&] { return stopping_.load() || answers_[handle].has_value(); });
        auto answer = answers_[handle];
        answers_.erase(handle);
        if (!answer) return std::nullopt;  // stopped
        return *answer;
    }

    std::uint64_t nextHandle() {
        std::lock_guard lock(answerMutex_);
        return nextHandle_++;
    }

private:
    Result<ConnectionSettings> settingsFrom(const std::vector<std::pair<std::string, std::string>>& pairs) const {
        // The host's values as pairs, never as INI text: a value may hold anything ("=", "#", "[").
        SettingValues values;
        for (const auto& [ours, value] : pairs) {
            const auto dot = ours.find('.');
            if (dot == std::string::npos) continue;
            values.set(ours.substr(0, dot), ours.substr(dot + 1), value);
        }
        // An error names the setting as the host's own dialog does (its key from the profile).
        const auto hostName = [this](std::string_view section, std::string_view key) {
            const std::string ours = std::string(section) + "." + std::string(key);
            for (const auto& [mine, theirs] : start_.names)
                if (mine == ours) return theirs;
            return std::string();
        };
        return connectionSettingsFrom(
            values, std::filesystem::path(tr(TIS_TEXT("plugin_sdk", "%1 TI-Einstellungen").arg(start_.pvsName))),
            hostName);
    }

    /// A line for the host's log, redacted like the engine's own. [thread-safe]
    void hostLog(int32_t level, const std::string& message) {
        send(wire::FrameWriter(wire::Kind::Log).number(level).text(printable(log::redact(message))));
    }

    /// The adapter's command `sequence` is in the engine's hands now.
    void taken(std::int64_t sequence) {
        {
            std::lock_guard lock(channel_.mutex());
            taken_ = std::max(taken_, sequence);
        }
        tellActivity();
    }

    /// Whether the engine is busy, and what it has taken, as one snapshot sent under the
    /// channel's lock: the last one the adapter reads is the truth.
    void tellActivity() {
        std::lock_guard lock(channel_.mutex());
        const bool busy = thread_ && thread_->busy();
        channel_.writeLocked(wire::FrameWriter(wire::Kind::Activity).number(busy ? 1 : 0).number(taken_).finish());
    }

    /// How many workplaces the practice software has signed in; -1 when it does not say in time.
    int askWorkplaces() {
        std::unique_lock lock(answerMutex_);
        const auto request = ++workplacesRequest_;
        workplaces_.reset();
        lock.unlock();
        send(wire::FrameWriter(wire::Kind::WorkplacesQuery).number(request));
        lock.lock();
        answerCv_.wait_for(lock, std::chrono::seconds(2), [&] { return stopping_.load() || workplaces_.has_value(); });
        return workplaces_.value_or(-1);
    }

    Channel& channel_;
    StartInfo start_;
    SessionUi ui_;
    std::unique_ptr<engine::Engine> engine_;
    std::unique_ptr<engine::EngineThread> thread_;
    std::atomic<bool> stopping_{false};
    std::int64_t taken_ = 0;  ///< under the channel's lock

    std::mutex answerMutex_;
    std::condition_variable answerCv_;
    std::map<std::uint64_t, std::optional<std::optional<std::string>>> answers_;
    std::uint64_t nextHandle_ = 1;
    std::int64_t workplacesRequest_ = 0;
    std::optional<int> workplaces_;
};

std::vector<std::pair<std::string, std::string>> actionsIn(const std::vector<workflow::Choice>& actions,
                                                           Language language) {
    std::vector<std::pair<std::string, std::string>> out;
    out.reserve(actions.size());
    for (const auto& a : actions) out.emplace_back(a.id, printable(a.label.in(language)));
    return out;
}

void SessionUi::notice(const workflow::Notice& n) {
    const auto severity = n.severity == workflow::Severity::Critical  ? TIS_SEVERITY_CRITICAL
                          : n.severity == workflow::Severity::Warning ? TIS_SEVERITY_WARNING
                                                                      : TIS_SEVERITY_INFO;
    const auto l = session_.language();
    session_.send(wire::FrameWriter(wire::Kind::Notice)
                      .text(n.id)
                      .number(severity)
                      .text(printable(n.title.in(l)))
                      .text(printable(n.text.in(l)))
                      .pairs(actionsIn(n.actions, l)));
}

std::optional<std::string> SessionUi::ask(const workflow::Question& q) {
    const auto kind = q.kind == workflow::Question::Kind::Choice   ? TIS_ASK_CHOICE
                      : q.kind == workflow::Question::Kind::Secret ? TIS_ASK_SECRET
                                                                   : TIS_ASK_TEXT;
    const auto l = session_.language();
    const auto handle = session_.nextHandle();
    wire::FrameWriter frame(wire::Kind::Question);
    frame.number(static_cast<std::int64_t>(handle))
        .text(q.id)
        .number(kind)
        .text(printable(q.text.in(l)))
        .text(printable(q.defaultValue))
        .pairs(actionsIn(q.choices, l));
    auto answer = session_.askAndWait(std::move(frame), handle);
    if (answer && q.kind == workflow::Question::Kind::Secret) log::registerSecret(*answer);
    return answer;
}

void SessionUi::progress(const workflow::Progress& p) {
    session_.send(wire::FrameWriter(wire::Kind::Progress)
                      .text(p.id)
                      .text(printable(p.what.in(session_.language())))
                      .number(std::clamp(p.percent.value_or(-1), -1, 100))
                      .number(p.timeLeft ? std::max<std::int64_t>(-1, p.timeLeft->count()) : -1));
}

void SessionUi::withdraw(const std::string& noticeId) {
    session_.send(wire::FrameWriter(wire::Kind::Withdraw).text(noticeId));
}

}  // namespace

int main() {
    tiservice::cli::claimQtMainThread();
    Channel channel;
    wire::FrameSplitter splitter;
    std::unique_ptr<Session> session;
    std::vector<char> buffer(64 * 1024);
    bool running = true;
    while (running) {
        const std::size_t n = channel.read(buffer.data(), buffer.size());
        if (n == 0) break;  // the adapter closed the pipe: stop as at Stop
        splitter.feed(std::string_view(buffer.data(), n));
        while (running) {
            auto payload = splitter.next();
            if (!payload) break;
            wire::FrameReader r(*payload);
            if (!r.kind()) continue;
            if (!session) {
                int protocol = 0;
                std::optional<StartInfo> start;
                if (*r.kind() == wire::Kind::Start) start = readStart(r, protocol);
                if (!start) {
                    const LocalizedText why = TIS_TEXT(
                        "plugin_sdk",
                        "Adapter und TI-Dienst von tiservice passen nicht zusammen (verschiedene Versionen). Bitte "
                        "tiservice neu installieren.");
                    channel.write(wire::FrameWriter(wire::Kind::Failed)
                                      .text(why.in(Language::German))
                                      .text(why.in(Language::English))
                                      .finish());
                    return 2;
                }
                session = std::make_unique<Session>(channel, std::move(*start));
                session->begin();
                continue;
            }
            running = session->handle(r);
        }
        if (splitter.broken()) break;
    }
    if (session) session->stop();
    tiservice::log::logger()->flush();
    return 0;
}

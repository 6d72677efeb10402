#pragma once
// The Engine in the background, for hosts with a UI thread of their own (a practice
// software, the window): one worker thread that runs one task at a time — the first
// resume-and-check at start, the periodic check, what the person starts — and announces
// each result through the Engine's Ui port. The Ui port is called on the worker thread; a
// host hops to its UI thread itself (the plugin SDK: outbox → request_callback →
// on_main_thread).

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "tiservice/core_export.h"
#include "tiservice/engine/engine.h"

namespace tiservice::engine {

class TISERVICE_CORE_EXPORT EngineThread {
public:
    /// A line for the host's log, in English, never a secret: "update: succeeded", …
    using HostLog = std::function<void(bool warning, const std::string& line)>;

    /// Each check's outcome, on the worker thread, before its notices: for a host that shows
    /// the devices themselves (the window's start page). Copy what is needed; do not block.
    using CheckObserver = std::function<void(const CheckOutcome&)>;
    /// How a guided run (update, password change, plan change, mobile terminal) ended, or why
    /// it could not begin, on the worker thread after its notices and before the check that
    /// follows it: for a window that shows the result as a page of its own.
    using WorkflowObserver = std::function<void(const Result<workflow::WorkflowResult>&)>;

    EngineThread(Engine& engine, std::chrono::minutes checkEvery, HostLog hostLog = {});
    ~EngineThread();
    EngineThread(const EngineThread&) = delete;
    EngineThread& operator=(const EngineThread&) = delete;

    /// Starts the worker; its first task finishes a story the journal tells, then checks.
    void start();
    /// Set before start(); called for every check (at start, periodic, asked, after an update).
    void observeChecks(CheckObserver observer);
    /// Set before start(); called when each guided run has ended.
    void observeWorkflows(WorkflowObserver observer);
    /// Set before start(); called on the worker when it takes a task and when it has finished
    /// one, with busy() already telling the new state — after every Ui call of that task (the
    /// adapter's engine process tells its adapter when the engine is idle).
    using ActivityObserver = std::function<void()>;
    void observeActivity(ActivityObserver observer);
    void checkNow();
    /// The guided update; planned for `plannedAt` when given ("tonight at 19:00").
    void update(std::optional<TimePoint> plannedAt = std::nullopt);
    /// The mobile card terminal's guided update from this PC.
    void updateMobileTerminal();
    /// A host's own task on the worker, between two others (the window reads the archive
    /// this way). It must not block on the host's UI thread.
    void run(std::function<void(Engine&)> task);
    void changePassword();
    void showHistory();
    /// Move or cancel the planned update (asks the person).
    void changePlan();
    /// A person closed a notice: the engine holds it back (Engine::noticeClosed).
    void noticeClosed(std::string noticeId, NoticeClosed how);
    /// New settings, taken over between two tasks, never in the middle of one.
    void useSettings(Result<ConnectionSettings> settings);

    /// A task runs or waits. [thread-safe]
    [[nodiscard]] bool busy() const;
    /// stop() was called: a running workflow ends at its next step and keeps its journal. [thread-safe]
    [[nodiscard]] bool stopping() const { return stopping_.load(); }
    /// Stops and joins the worker; a task that asks a person must be released by the host's Ui.
    void stop();

private:
    void post(std::function<void()> task);
    void loop();
    /// A check, told to the observer, then announced.
    void checkAndAnnounce();
    /// Announces how a guided run ended and tells the observer; false when it could not begin.
    bool finished(const Result<workflow::WorkflowResult>& result, const char* what, bool passwordOnly = false);

    Engine& engine_;
    std::chrono::minutes checkEvery_;
    HostLog hostLog_;
    CheckObserver observer_;
    WorkflowObserver workflowObserver_;
    ActivityObserver activityObserver_;
    std::thread worker_;
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<std::function<void()>> tasks_;
    bool running_ = false;
    std::atomic<bool> stopping_{false};
    std::chrono::steady_clock::time_point nextCheck_;
};

}  // namespace tiservice::engine

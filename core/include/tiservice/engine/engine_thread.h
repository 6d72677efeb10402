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

    EngineThread(Engine& engine, std::chrono::minutes checkEvery, HostLog hostLog = {});
    ~EngineThread();
    EngineThread(const EngineThread&) = delete;
    EngineThread& operator=(const EngineThread&) = delete;

    /// Starts the worker; its first task finishes a story the journal tells, then checks.
    void start();
    void checkNow();
    void update();
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

    Engine& engine_;
    std::chrono::minutes checkEvery_;
    HostLog hostLog_;
    std::thread worker_;
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<std::function<void()>> tasks_;
    bool running_ = false;
    std::atomic<bool> stopping_{false};
    std::chrono::steady_clock::time_point nextCheck_;
};

}  // namespace tiservice::engine

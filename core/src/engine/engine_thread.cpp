#include "tiservice/engine/engine_thread.h"

#include <memory>

#include "tiservice/logger.h"
#include "tiservice/net/http_client.h"

namespace tiservice::engine {

EngineThread::EngineThread(Engine& engine, std::chrono::minutes checkEvery, HostLog hostLog)
    : engine_(engine), checkEvery_(checkEvery), hostLog_(std::move(hostLog)) {}

EngineThread::~EngineThread() { stop(); }

void EngineThread::start() {
    std::lock_guard lock(mutex_);
    if (worker_.joinable() || stopping_) return;
    nextCheck_ = std::chrono::steady_clock::now() + checkEvery_;
    // At start: finish a story an earlier run began, then check the equipment.
    tasks_.push_back([this] {
        (void)engine_.resume();
        checkAndAnnounce();
        // After the notices that matter for the TI: whether tiservice itself has a newer version.
        if (!stopping_ && engine_.lookForRelease() && hostLog_)
            hostLog_(false, "release check: a notice about a tiservice release");
    });
    worker_ = std::thread([this] { loop(); });
}

void EngineThread::observeChecks(CheckObserver observer) {
    std::lock_guard lock(mutex_);
    if (!worker_.joinable()) observer_ = std::move(observer);
}

void EngineThread::observeActivity(ActivityObserver observer) {
    std::lock_guard lock(mutex_);
    if (!worker_.joinable()) activityObserver_ = std::move(observer);
}

void EngineThread::checkAndAnnounce() {
    const auto outcome = engine_.check();
    if (!outcome.report.ok() && hostLog_)
        hostLog_(true, "status check failed: " + outcome.report.error().describe(Language::English));
    if (observer_) observer_(outcome);
    engine_.announce(outcome);
}

void EngineThread::checkNow() {
    post([this] { checkAndAnnounce(); });
}

void EngineThread::run(std::function<void(Engine&)> task) {
    post([this, task = std::move(task)] { task(engine_); });
}

void EngineThread::observeWorkflows(WorkflowObserver observer) {
    std::lock_guard lock(mutex_);
    if (!worker_.joinable()) workflowObserver_ = std::move(observer);
}

bool EngineThread::finished(const Result<workflow::WorkflowResult>& r, const char* what, bool passwordOnly) {
    if (!r.ok()) {
        engine_.announce(r.error());
    } else {
        using workflow::Outcome;
        const bool fine = r->outcome == Outcome::Succeeded || r->outcome == Outcome::Planned ||
                          r->outcome == Outcome::PlanCancelled || r->outcome == Outcome::NothingToDo ||
                          r->outcome == Outcome::Cancelled;
        if (hostLog_) hostLog_(!fine, std::string(what) + ": " + std::string(workflow::outcomeId(r->outcome)));
        engine_.announce(*r, passwordOnly);
    }
    if (workflowObserver_) workflowObserver_(r);
    return r.ok();
}

void EngineThread::updateMobileTerminal() {
    post([this] {
        if (finished(engine_.updateMobileTerminal(), "mobile terminal update") && !stopping_) checkAndAnnounce();
    });
}

void EngineThread::update(std::optional<TimePoint> plannedAt) {
    post([this, plannedAt] {
        // Then what the connector runs now.
        if (finished(engine_.update(plannedAt), "update") && !stopping_) checkAndAnnounce();
    });
}

void EngineThread::changePassword() {
    post([this] { (void)finished(engine_.changePassword(), "password change", true); });
}

void EngineThread::changePlan() {
    post([this] {
        // Every notice says the new plan.
        if (finished(engine_.changePlan(), "plan change") && !stopping_) checkAndAnnounce();
    });
}

void EngineThread::showHistory() {
    post([this] { engine_.announce(engine_.practiceHistory()); });
}

void EngineThread::noticeClosed(std::string noticeId, NoticeClosed how) {
    post([this, id = std::move(noticeId), how] { engine_.noticeClosed(id, how); });
}

void EngineThread::useSettings(Result<ConnectionSettings> settings) {
    auto fresh = std::make_shared<Result<ConnectionSettings>>(std::move(settings));
    post([this, fresh] { engine_.useSettings(std::move(*fresh)); });
}

bool EngineThread::busy() const {
    std::lock_guard lock(mutex_);
    return running_ || !tasks_.empty();
}

void EngineThread::post(std::function<void()> task) {
    {
        std::lock_guard lock(mutex_);
        tasks_.push_back(std::move(task));
    }
    cv_.notify_all();
}

void EngineThread::loop() {
    // A request on this thread that waits on the network ends at once when the host stops
    // (shutdown must not wait for a connector that does not answer).
    const net::ThreadCancellation cancellation([this] { return stopping_.load(); });
    for (;;) {
        std::function<void()> task;
        {
            std::unique_lock lock(mutex_);
            cv_.wait_until(lock, nextCheck_, [&] { return stopping_ || !tasks_.empty(); });
            if (stopping_) return;
            if (tasks_.empty()) {  // the periodic check is due
                nextCheck_ = std::chrono::steady_clock::now() + checkEvery_;
                tasks_.push_back([this] { checkAndAnnounce(); });
            }
            task = std::move(tasks_.front());
            tasks_.pop_front();
            running_ = true;
        }
        if (activityObserver_) activityObserver_();
        try {
            task();
        } catch (const std::exception& e) {
            log::logger()->error("engine task failed: {}", e.what());
            if (hostLog_) hostLog_(true, std::string("tiservice task failed: ") + e.what());
        } catch (...) {
            log::logger()->error("engine task failed");
        }
        {
            std::lock_guard lock(mutex_);
            running_ = false;
        }
        if (activityObserver_) activityObserver_();
    }
}

void EngineThread::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (worker_.joinable()) worker_.join();
}

}  // namespace tiservice::engine

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
        const auto outcome = engine_.check();
        if (!outcome.report.ok() && hostLog_)
            hostLog_(true, "status check failed: " + outcome.report.error().describe(Language::English));
        engine_.announce(outcome);
        // After the notices that matter for the TI: whether tiservice itself has a newer version.
        if (!stopping_ && engine_.lookForRelease() && hostLog_)
            hostLog_(false, "release check: a notice about a tiservice release");
    });
    worker_ = std::thread([this] { loop(); });
}

void EngineThread::checkNow() {
    post([this] {
        const auto outcome = engine_.check();
        if (!outcome.report.ok() && hostLog_)
            hostLog_(true, "status check failed: " + outcome.report.error().describe(Language::English));
        engine_.announce(outcome);
    });
}

void EngineThread::update() {
    post([this] {
        auto r = engine_.update();
        if (!r.ok()) {
            engine_.announce(r.error());
            return;
        }
        const bool fine = r->outcome == workflow::Outcome::Succeeded || r->outcome == workflow::Outcome::Planned ||
                          r->outcome == workflow::Outcome::NothingToDo;
        if (hostLog_) hostLog_(!fine, "update: " + std::string(workflow::outcomeId(r->outcome)));
        engine_.announce(*r);
        if (!stopping_) {  // what the connector runs now
            const auto outcome = engine_.check();
            engine_.announce(outcome);
        }
    });
}

void EngineThread::changePassword() {
    post([this] {
        auto r = engine_.changePassword();
        if (!r.ok()) {
            engine_.announce(r.error());
            return;
        }
        if (hostLog_)
            hostLog_(r->outcome != workflow::Outcome::Succeeded,
                     "password change: " + std::string(workflow::outcomeId(r->outcome)));
        engine_.announce(*r, true);
    });
}

void EngineThread::changePlan() {
    post([this] {
        auto r = engine_.changePlan();
        if (!r.ok()) {
            engine_.announce(r.error());
            return;
        }
        if (hostLog_) hostLog_(false, "plan change: " + std::string(workflow::outcomeId(r->outcome)));
        engine_.announce(*r);
        if (!stopping_) engine_.announce(engine_.check());  // every notice says the new plan
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
    net::setThreadCancellation([this] { return stopping_.load(); });
    for (;;) {
        std::function<void()> task;
        {
            std::unique_lock lock(mutex_);
            cv_.wait_until(lock, nextCheck_, [&] { return stopping_ || !tasks_.empty(); });
            if (stopping_) return;
            if (tasks_.empty()) {  // the periodic check is due
                nextCheck_ = std::chrono::steady_clock::now() + checkEvery_;
                tasks_.push_back([this] { engine_.announce(engine_.check()); });
            }
            task = std::move(tasks_.front());
            tasks_.pop_front();
            running_ = true;
        }
        try {
            task();
        } catch (const std::exception& e) {
            log::logger()->error("engine task failed: {}", e.what());
            if (hostLog_) hostLog_(true, std::string("tiservice task failed: ") + e.what());
        } catch (...) {
            log::logger()->error("engine task failed");
        }
        std::lock_guard lock(mutex_);
        running_ = false;
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

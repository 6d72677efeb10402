#include "window_ui.h"

#include <QMetaObject>

namespace tiservice::gui {

void PendingAnswer::answer(std::optional<std::string> value) {
    std::lock_guard lock(mutex_);
    if (answered_) return;
    answered_ = true;
    promise_.set_value(std::move(value));
}

bool PendingAnswer::answered() const {
    std::lock_guard lock(mutex_);
    return answered_;
}

std::optional<std::string> PendingAnswer::wait() { return promise_.get_future().get(); }

WindowUi::WindowUi(QObject* receiver, WindowSinks sinks) : receiver_(receiver), sinks_(std::move(sinks)) {}

WindowUi::~WindowUi() { closeAll(); }

void WindowUi::toWindow(std::function<void()> call) {
    QObject* receiver = receiver_.data();
    if (!receiver) return;
    QMetaObject::invokeMethod(receiver, std::move(call), Qt::QueuedConnection);
}

void WindowUi::notice(const workflow::Notice& n) {
    toWindow([this, n] {
        if (sinks_.notice) sinks_.notice(n);
    });
}

std::optional<std::string> WindowUi::ask(const workflow::Question& q) {
    auto pending = std::make_shared<PendingAnswer>();
    {
        std::lock_guard lock(mutex_);
        if (closed_ || !receiver_) return std::nullopt;
        std::erase_if(open_, [](const auto& w) { return w.expired(); });
        open_.push_back(pending);
    }
    toWindow([this, q, pending] {
        if (sinks_.question) sinks_.question(q, pending);
        else pending->cancel();
    });
    return pending->wait();
}

void WindowUi::progress(const workflow::Progress& p) {
    toWindow([this, p] {
        if (sinks_.progress) sinks_.progress(p);
    });
}

void WindowUi::withdraw(const std::string& noticeId) {
    toWindow([this, noticeId] {
        if (sinks_.withdraw) sinks_.withdraw(noticeId);
    });
}

void WindowUi::closeAll() {
    std::vector<std::shared_ptr<PendingAnswer>> open;
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
        for (auto& w : open_)
            if (auto p = w.lock()) open.push_back(std::move(p));
        open_.clear();
    }
    for (auto& p : open) p->cancel();
}

}  // namespace tiservice::gui

#pragma once
// The engine's Ui port for the window. The engine calls it on its worker thread; every call
// hops to the window's thread (a queued call on the receiver), and ask() waits on the worker
// until the person answers there — the window's thread never waits for the engine or the
// network.

#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <QObject>
#include <QPointer>

#include "tiservice/workflow/ui.h"

namespace tiservice::gui {

/// A question waiting for its answer; answered once (later answers are ignored). [thread-safe]
class PendingAnswer {
public:
    void answer(std::optional<std::string> value);
    void cancel() { answer(std::nullopt); }
    [[nodiscard]] bool answered() const;
    /// Waits on the worker thread.
    std::optional<std::string> wait();

private:
    mutable std::mutex mutex_;
    bool answered_ = false;
    std::promise<std::optional<std::string>> promise_;
};

/// What the window does with each call, on its own thread.
struct WindowSinks {
    std::function<void(const workflow::Notice&)> notice;
    std::function<void(const workflow::Question&, std::shared_ptr<PendingAnswer>)> question;
    std::function<void(const workflow::Progress&)> progress;
    std::function<void(const std::string& noticeId)> withdraw;
};

class WindowUi final : public workflow::Ui {
public:
    /// `receiver` lives on the window's thread; the sinks run there.
    WindowUi(QObject* receiver, WindowSinks sinks);
    ~WindowUi() override;

    void notice(const workflow::Notice& notice) override;
    std::optional<std::string> ask(const workflow::Question& question) override;
    void progress(const workflow::Progress& progress) override;
    void withdraw(const std::string& noticeId) override;

    /// Every open question counts as cancelled, and so does every later one: the window closes.
    void closeAll();

private:
    void toWindow(std::function<void()> call);

    QPointer<QObject> receiver_;
    WindowSinks sinks_;
    std::mutex mutex_;
    std::vector<std::weak_ptr<PendingAnswer>> open_;
    bool closed_ = false;
};

}  // namespace tiservice::gui

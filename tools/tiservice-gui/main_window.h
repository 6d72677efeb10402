#pragma once
// The window: the start page, the guided update, the archive — on the same engine as the
// command line and the adapters, run on the engine's worker thread (EngineThread). The
// window's thread never waits for the network.

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <QMainWindow>

#include "tiservice/engine/engine.h"
#include "tiservice/engine/engine_thread.h"
#include "window_ui.h"

class QLabel;
class QStackedWidget;

namespace tiservice::gui {

class ArchivePage;
class SettingsPage;
class StartPage;
class UpdatePage;

struct WindowSetup {
    std::filesystem::path configFile;  ///< tiservice.ini
    std::filesystem::path stateDir;    ///< the same state folder as the command line
    std::chrono::minutes checkEvery{15};
};

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(WindowSetup setup, QWidget* parent = nullptr);
    ~MainWindow() override;

    [[nodiscard]] StartPage* startPage() const { return start_; }
    [[nodiscard]] UpdatePage* updatePage() const { return update_; }
    [[nodiscard]] ArchivePage* archivePage() const { return archive_; }
    [[nodiscard]] SettingsPage* settingsPage() const { return settings_; }
    /// The messages beside the devices: a newer tiservice, an update someone else finished, …
    [[nodiscard]] QLabel* banner() const { return banner_; }

    void checkNow();
    /// The guided update; planned for `plannedAt` when given.
    void startUpdate(std::optional<TimePoint> plannedAt = std::nullopt);
    void startMobileTerminalUpdate();
    void showArchive();
    /// The settings form; at the first run (no settings file yet) the window opens with it.
    void showSettings();
    void showStart();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void onNotice(const workflow::Notice& notice);
    void onAction(const engine::MainAction& action);
    void refreshBanner();
    void beginRun(const LocalizedText& title);
    void askOutsideRun(const workflow::Question& q, std::shared_ptr<PendingAnswer> pending);

    WindowSetup setup_;
    std::unique_ptr<WindowUi> ui_;
    std::unique_ptr<engine::Engine> engine_;
    std::unique_ptr<engine::EngineThread> thread_;
    QStackedWidget* pages_ = nullptr;
    StartPage* start_ = nullptr;
    UpdatePage* update_ = nullptr;
    ArchivePage* archive_ = nullptr;
    SettingsPage* settings_ = nullptr;
    QLabel* banner_ = nullptr;
    std::map<std::string, workflow::Notice> bannerNotices_;
    bool closing_ = false;
};

}  // namespace tiservice::gui

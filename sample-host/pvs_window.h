#pragma once
// tiservice-host --gui: the sample host as a practice software's window. It renders what the
// adapter sends as a PVS would — notices in the adapter's style (a banner strip at the top, a
// modal dialog, an entry in the "Aufgaben" list), questions as dialogs, progress as a progress
// bar in the status line, the adapter's menu entries in the menu bar — and it is the reference
// a PVS vendor looks at: the plugin is called only through plugins::LoadedPlugin, on the UI
// thread, and request_callback only posts an event to it.

#include <chrono>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <QMainWindow>
#include <QPointer>

#include "tiservice/plugin_loader.h"

class QDialog;
class QLabel;
class QProgressBar;
class QScrollArea;
class QTimer;
class QVBoxLayout;

namespace tiservice::sample_host {

struct GuiHostSetup {
    std::string pvs;                                          ///< "medistar"
    std::map<std::string, std::string> settings;              ///< the host's TI settings, its own keys
    std::map<std::string, std::vector<std::string>> answers;  ///< automation: as --answers
    std::vector<std::string> runs;                            ///< menu entries to run, in order
    bool stay = false;                                        ///< stay open when all is done
    std::chrono::seconds timeout{900};
    int workplacesInUse = -1;
    /// How long an automated answer leaves its dialog on screen before answering.
    std::chrono::milliseconds answerDelay{300};
    /// When set: a picture of the window for each notice and question (NN-style-id.png).
    std::filesystem::path screenshots;
};

class PvsWindow : public QMainWindow {
    Q_OBJECT
public:
    /// `plugin` is loaded, not started; it must outlive the window.
    PvsWindow(plugins::LoadedPlugin& plugin, GuiHostSetup setup, QWidget* parent = nullptr);
    ~PvsWindow() override;

    /// Creates and starts the plugin for this window; false when it did not start (the
    /// reason in the status line; the practice software carries on without it).
    bool start();
    /// Stops the plugin (within its deadline) and says how it ended; idempotent.
    void finish(int exitCode);
    [[nodiscard]] bool finished() const { return finished_; }
    [[nodiscard]] int exitCode() const { return exitCode_; }

    // What a person sees.
    [[nodiscard]] QWidget* bannerStrip() const { return bannerStrip_; }
    /// The "Aufgaben" list and how many tasks it holds now.
    [[nodiscard]] QWidget* taskList() const { return tasks_; }
    [[nodiscard]] int taskCount() const;
    [[nodiscard]] QProgressBar* progressBar() const { return progressBar_; }
    [[nodiscard]] QLabel* progressText() const { return progressText_; }
    /// The dialog open now (a modal notice or a question), or nullptr.
    [[nodiscard]] QDialog* openDialog() const;
    /// One line per notice, question and answer, as also printed to stdout.
    [[nodiscard]] const std::vector<std::string>& shown() const { return shown_; }
    /// The pictures saved so far (with GuiHostSetup::screenshots).
    [[nodiscard]] const std::vector<std::filesystem::path>& pictures() const { return pictures_; }

    /// Runs a menu entry as a person choosing it in the menu bar; the plugin's refusal, if any.
    std::optional<std::string> runMenuEntry(const std::string& id);

    // The tis_host callbacks, on the UI thread.
    void showNotice(const plugins::CheckedNotice& notice);
    void withdrawNotice(const std::string& id);
    void ask(const plugins::CheckedQuestion& question);
    void showProgress(const plugins::CheckedProgress& progress);
    /// [thread-safe] request_callback: one turn of the loop on the UI thread, soon.
    void requestTurn();
    [[nodiscard]] const char* setting(const std::string& key) const;
    [[nodiscard]] int workplacesInUse() const { return setup_.workplacesInUse; }

signals:
    void ended(int exitCode);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void turn();
    void answer(std::uint64_t handle, std::optional<std::string> value);
    /// The person closed the notice (postponed: "Später") or chose one of its actions.
    void closed(const std::string& id, bool postponed);
    void acted(const std::string& noticeId, const std::string& actionId);
    void remove(const std::string& id);
    void say(const std::string& line);
    void picture(const std::string& kind, const std::string& id);
    /// The automated answer for `key` ("notice:<id>" or a question id), when the file has one left.
    std::optional<std::string> automated(const std::string& key);
    QWidget* bannerFor(const plugins::CheckedNotice& n);
    QWidget* taskFor(const plugins::CheckedNotice& n);
    QDialog* dialogFor(const plugins::CheckedNotice& n);

    plugins::LoadedPlugin& plugin_;
    GuiHostSetup setup_;
    tis_host host_{};
    std::string hostName_;
    QWidget* bannerStrip_ = nullptr;
    QVBoxLayout* bannerLayout_ = nullptr;
    QScrollArea* bannerScroll_ = nullptr;
    QWidget* tasks_ = nullptr;
    QVBoxLayout* taskLayout_ = nullptr;
    QProgressBar* progressBar_ = nullptr;
    QLabel* progressText_ = nullptr;
    QLabel* patients_ = nullptr;
    QTimer* loop_ = nullptr;
    std::map<std::string, QPointer<QWidget>> notices_;  ///< shown now, by id (banner, task or dialog)
    std::map<std::string, std::size_t> answered_;
    std::deque<std::pair<std::uint64_t, std::optional<std::string>>> pendingAnswers_;
    std::deque<std::pair<std::string, bool>> pendingClosings_;
    std::map<std::uint64_t, QDialog*> questions_;
    std::vector<std::string> shown_;
    std::vector<std::filesystem::path> pictures_;
    std::size_t nextRun_ = 0;
    int idleTurns_ = 0;
    bool finished_ = false;
    int exitCode_ = 0;
    std::chrono::steady_clock::time_point deadline_;
};

/// tiservice-host --gui: a QApplication with the window; returns the host's exit code.
int runGuiHost(int& argc, char** argv, plugins::LoadedPlugin& plugin, GuiHostSetup setup);

}  // namespace tiservice::sample_host

#pragma once
// A practice PC with the window open: its own folders, the vendor's update server with the
// shipped approval catalog, and the simulated connector — a real konnektor-sim process.

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <QString>

#include "main_window.h"
#include "support/simulator.h"
#include "support/temp_dir.h"

class QWidget;

/// QString in a failed expectation, readable.
inline void PrintTo(const QString& s, std::ostream* os) { *os << '"' << s.toStdString() << '"'; }

namespace tiservice::testing {

class WindowTest : public ::testing::Test {
protected:
    void TearDown() override;

    /// The first run: the simulator, the update server, but no settings file; the window shown.
    void openFirstRun(const std::string& scenario);

private:
    std::optional<std::string> savedTimeZone_;
    bool timeZoneMoved_ = false;
    void startSimulator(const std::string& scenario, std::vector<std::string> simArgs, double timeScale);
    void openWindow(const std::string& scenario, std::vector<std::string> simArgs, const std::string& hours,
                    double timeScale);

protected:
    /// The simulator with `scenario`, the settings, and the window, shown; waits for the first check.
    /// Throws (the test fails there) when the window could not be opened.
    void open(const std::string& scenario, std::vector<std::string> simArgs = {},
              const std::string& hours = "Mo-Fr 08:00-18:00", double timeScale = 600);
    /// Moves this process's time zone so that it is about midday here now: a test that needs "now"
    /// inside the practice hours (Mo-So 06:00-22:00) passes at any hour of the day it runs.
    /// TearDown puts the time zone back.
    void middayHere();
    /// Waits (the event loop runs) until `condition` holds; false after `timeout`.
    static bool waitFor(const std::function<bool()>& condition,
                        std::chrono::milliseconds timeout = std::chrono::seconds(30));
    /// Waits for the wizard to ask `id`; fails the test when another question or the end comes.
    bool waitForQuestion(const std::string& id, std::chrono::milliseconds timeout = std::chrono::seconds(30));
    /// The open question's id, "" without one.
    [[nodiscard]] std::string questionId() const;
    /// Types into the answer field (replacing what is there) like a person at the keyboard.
    void type(const QString& text);
    void click(const QString& objectName);
    void choose(const std::string& choiceId);
    /// Answers the usual questions of an update the way a practice does, until the result.
    void runThrough(const std::string& password, const std::string& newPassword = "Sommer2026!x",
                    const std::string& when = "now");
    /// Types into the field with this name (replacing what is there), key by key.
    void typeInto(const QString& objectName, const QString& text);
    /// The text of the child widget with this name (label or button).
    [[nodiscard]] QString textOf(const QString& objectName) const;
    [[nodiscard]] QString story() const;
    template <typename W>
    W* find(const QString& objectName) const {
        return window->findChild<W*>(objectName);
    }

    TempDir dir;
    /// The [tls] lines of the settings open() writes (without ca_file); empty: mode = server.
    std::string tlsSettings;
    std::unique_ptr<SimulatorProcess> sim;
    std::unique_ptr<gui::MainWindow> window;
};

/// Texts the person cannot read in full: a button narrower than its text, a label shorter than
/// its lines. Empty when everything visible fits.
std::vector<std::string> cutOffTexts(QWidget* root);
/// Whether the picture is all one colour (nothing drawn).
bool blank(const QImage& image);

}  // namespace tiservice::testing

#pragma once
// The start page: one line per device — a traffic light, its plain name, the installed and the
// recommended version, the deadline with its countdown, and one main button for what to do.

#include <optional>
#include <string>
#include <vector>

#include <QWidget>

#include "tiservice/assess/assessment.h"
#include "tiservice/engine/engine.h"

class QGridLayout;
class QLabel;
class QPushButton;

namespace tiservice::gui {

/// One device as the start page shows it; made on the engine's thread from a finding.
struct DeviceLine {
    std::string component;  ///< "connector" or a terminal's CtId
    assess::ComponentStatus status = assess::ComponentStatus::Unknown;
    LocalizedText statusText;  ///< "aktuell", "Zulassung endet", …
    std::string name;
    std::string installed;
    LocalizedText recommended;  ///< a version, "kein Update verfügbar", or empty
    LocalizedText deadline;     ///< "Frist 12.12.2026, noch 10 Tage" or empty
    LocalizedText summary;
    std::optional<engine::MainAction> action;
};

/// What a check found, for the start page.
struct StartPageModel {
    std::vector<DeviceLine> devices;
    assess::ComponentStatus overall = assess::ComponentStatus::Current;
    LocalizedText headline;  ///< "Alles aktuell." / "Prüfung nicht möglich: …"
    LocalizedText detail;    ///< the catalog's age, when the check ran
    bool checkFailed = false;
};

/// The model for one check's outcome; `engine` decides each device's main button. On the
/// engine's thread.
StartPageModel startPageModel(const engine::CheckOutcome& outcome, const engine::Engine& engine, TimePoint now);

class StartPage : public QWidget {
    Q_OBJECT
public:
    explicit StartPage(QWidget* parent = nullptr);
    void show(const StartPageModel& model);
    /// "Wird geprüft …" while a check runs.
    void setChecking(bool checking);
    [[nodiscard]] const StartPageModel& model() const { return model_; }

signals:
    /// The person pressed a device's main button.
    void actionChosen(const engine::MainAction& action);
    void checkRequested();
    void archiveRequested();
    void settingsRequested();

private:
    StartPageModel model_;
    QLabel* light_ = nullptr;
    QLabel* headline_ = nullptr;
    QLabel* detail_ = nullptr;
    QGridLayout* grid_ = nullptr;
    QWidget* table_ = nullptr;
    QPushButton* check_ = nullptr;
};

/// A round traffic light for a status, in the colour people expect (green, yellow, red, grey).
QPixmap trafficLight(assess::ComponentStatus status, int size);

}  // namespace tiservice::gui

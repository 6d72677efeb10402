#pragma once
// The guided update as a wizard: the engine asks, this page shows one question at a time with
// the step it belongs to (sign in, new password, plan, confirm, installation, result), every
// notice of the run, and the progress with percent, time left and the reboot phases. The
// engine decides what is asked and in which order; the page only shows it and answers.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <QWidget>

#include "tiservice/error.h"
#include "tiservice/workflow/ui.h"
#include "tiservice/workflow/update_workflow.h"
#include "window_ui.h"

class QButtonGroup;
class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QScrollArea;
class QVBoxLayout;

namespace tiservice::gui {

enum class WizardStep { SignIn, Password, Plan, Confirm, Install, Result };

class UpdatePage : public QWidget {
    Q_OBJECT
public:
    explicit UpdatePage(QWidget* parent = nullptr);

    /// A run begins: everything of the last one goes.
    void begin(const LocalizedText& title);
    void showNotice(const workflow::Notice& notice);
    void ask(const workflow::Question& question, std::shared_ptr<PendingAnswer> pending);
    void showProgress(const workflow::Progress& progress);
    /// The run has ended: the result page.
    void finish(const Result<workflow::WorkflowResult>& result);

    [[nodiscard]] WizardStep step() const { return step_; }
    /// The question the page shows, if any.
    [[nodiscard]] const std::optional<workflow::Question>& question() const { return question_; }
    /// The connector installs (from the first installation progress to the result).
    [[nodiscard]] bool installing() const { return installing_; }
    [[nodiscard]] bool running() const { return running_; }
    /// The open question counts as cancelled (the window closes).
    void cancelOpenQuestion();

signals:
    /// "Zur Übersicht" on the result page.
    void backToStart();

private:
    void setStep(WizardStep step);
    void clearQuestion();
    void answer();
    void updateRules();
    void updateNext();

    WizardStep step_ = WizardStep::SignIn;
    bool installing_ = false;
    bool running_ = false;
    std::vector<QLabel*> stepLabels_;
    QLabel* title_ = nullptr;
    QLabel* story_ = nullptr;
    QScrollArea* storyScroll_ = nullptr;
    QString storyHtml_;
    QWidget* questionBox_ = nullptr;
    QLabel* questionText_ = nullptr;
    QLineEdit* field_ = nullptr;
    QWidget* choicesBox_ = nullptr;
    QVBoxLayout* choicesLayout_ = nullptr;
    QButtonGroup* choices_ = nullptr;
    QWidget* rulesBox_ = nullptr;
    QVBoxLayout* rulesLayout_ = nullptr;
    std::vector<std::pair<PasswordRule, QLabel*>> rules_;
    QCheckBox* acknowledge_ = nullptr;
    QLabel* progressText_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QPushButton* next_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QPushButton* back_ = nullptr;

    std::optional<workflow::Question> question_;
    std::shared_ptr<PendingAnswer> pending_;
    std::string nextChoice_;  ///< the one choice the next button stands for, when it stands for one
};

}  // namespace tiservice::gui

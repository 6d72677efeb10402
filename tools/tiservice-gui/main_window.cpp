#include "main_window.h"

#include <QButtonGroup>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "archive_page.h"
#include "gui_text.h"
#include "settings_page.h"
#include "start_page.h"
#include "tiservice/engine/maintenance_record.h"
#include "tiservice/logger.h"
#include "update_page.h"

namespace tiservice::gui {

MainWindow::MainWindow(WindowSetup setup, QWidget* parent) : QMainWindow(parent), setup_(std::move(setup)) {
    setObjectName("mainWindow");
    setWindowTitle(text(TIS_TEXT("window", "tiservice – Wartung von Konnektor und Kartenterminals")));
    auto* central = new QWidget;
    auto* layout = new QVBoxLayout(central);
    banner_ = new QLabel;
    banner_->setObjectName("banner");
    banner_->setWordWrap(true);
    banner_->setTextFormat(Qt::RichText);
    banner_->setStyleSheet("QLabel#banner { background: #fff8e1; border: 1px solid #f0c36d; padding: 6px; }");
    banner_->hide();
    layout->addWidget(banner_);
    pages_ = new QStackedWidget;
    start_ = new StartPage;
    update_ = new UpdatePage;
    archive_ = new ArchivePage;
    settings_ = new SettingsPage;
    pages_->addWidget(start_);
    pages_->addWidget(update_);
    pages_->addWidget(archive_);
    pages_->addWidget(settings_);
    layout->addWidget(pages_, 1);
    setCentralWidget(central);
    resize(960, 620);

    connect(start_, &StartPage::checkRequested, this, &MainWindow::checkNow);
    connect(start_, &StartPage::archiveRequested, this, &MainWindow::showArchive);
    connect(start_, &StartPage::actionChosen, this, &MainWindow::onAction);
    connect(update_, &UpdatePage::backToStart, this, &MainWindow::showStart);
    connect(archive_, &ArchivePage::backToStart, this, &MainWindow::showStart);
    connect(archive_, &ArchivePage::refreshRequested, this, &MainWindow::showArchive);
    connect(start_, &StartPage::settingsRequested, this, &MainWindow::showSettings);
    connect(settings_, &SettingsPage::backToStart, this, &MainWindow::showStart);
    connect(settings_, &SettingsPage::connectionTestRequested, this, [this](const engine::ConnectorSetup& values) {
        // The connector is asked on the engine's worker, never on the window's thread.
        thread_->run([this, values, config = setup_.configFile](engine::Engine&) {
            auto found = std::make_shared<Result<engine::FoundConnector>>(engine::findConnector(values, config));
            QMetaObject::invokeMethod(
                this, [this, found] { settings_->showFound(*found); }, Qt::QueuedConnection);
        });
    });
    connect(settings_, &SettingsPage::saved, this, [this] {
        // The engine reads the new settings on its thread, then checks with them.
        thread_->run(
            [config = setup_.configFile](engine::Engine& e) { e.useSettings(loadConnectionSettings(config)); });
        checkNow();
        showStart();
    });

    ui_ = std::make_unique<WindowUi>(
        this, WindowSinks{.notice = [this](const workflow::Notice& n) { onNotice(n); },
                          .question =
                              [this](const workflow::Question& q, std::shared_ptr<PendingAnswer> pending) {
                                  if (closing_) {
                                      pending->cancel();
                                      return;
                                  }
                                  // A question outside a run the person started (the client
                                  // certificate's password at a check) is a dialog of its own:
                                  // the page the person is on stays.
                                  if (!update_->running()) {
                                      askOutsideRun(q, std::move(pending));
                                      return;
                                  }
                                  update_->ask(q, std::move(pending));
                              },
                          .progress =
                              [this](const workflow::Progress& p) {
                                  if (update_->running()) update_->showProgress(p);
                              },
                          .withdraw =
                              [this](const std::string& id) {
                                  if (bannerNotices_.erase(id) > 0) refreshBanner();
                              }});
    engine_ = std::make_unique<engine::Engine>(engine::EngineSetup{
        .stateDir = setup_.stateDir, .ui = ui_.get(), .lockWait = std::chrono::seconds(3), .stopRequested = [this] {
            return thread_ && thread_->stopping();
        }});
    engine_->useSettings(loadConnectionSettings(setup_.configFile));
    thread_ =
        std::make_unique<engine::EngineThread>(*engine_, setup_.checkEvery, [](bool warning, const std::string& line) {
            if (warning) log::logger()->warn("window: {}", line);
            else log::logger()->info("window: {}", line);
        });
    // Both observers run on the engine's thread: the model is made there, shown here.
    thread_->observeChecks([this](const engine::CheckOutcome& outcome) {
        auto model = std::make_shared<StartPageModel>(startPageModel(outcome, *engine_, SystemClock::shared()->now()));
        QMetaObject::invokeMethod(
            this,
            [this, model] {
                start_->show(*model);
                start_->setChecking(false);
            },
            Qt::QueuedConnection);
    });
    thread_->observeWorkflows([this](const Result<workflow::WorkflowResult>& r) {
        auto copy = std::make_shared<Result<workflow::WorkflowResult>>(r);
        QMetaObject::invokeMethod(
            this, [this, copy] { update_->finish(*copy); }, Qt::QueuedConnection);
    });
    thread_->start();
    // The first run: no settings yet, or only what the installer put there (the update server).
    // A file that cannot be read opens the form too, saying why (and it is not overwritten).
    std::error_code ec;
    const bool present = std::filesystem::exists(setup_.configFile, ec);
    const auto existing = IniFile::load(setup_.configFile);
    if (!existing.ok() || existing->value("connector", "sds_url").empty()) {
        settings_->load(setup_.configFile, !present || existing.ok());
        pages_->setCurrentWidget(settings_);
    }
}

MainWindow::~MainWindow() {
    closing_ = true;
    ui_->closeAll();
    thread_->stop();
}

void MainWindow::checkNow() {
    start_->setChecking(true);
    thread_->checkNow();
}

void MainWindow::beginRun(const LocalizedText& title) {
    update_->begin(title);
    pages_->setCurrentWidget(update_);
}

void MainWindow::startUpdate(std::optional<TimePoint> plannedAt) {
    if (update_->running()) {
        pages_->setCurrentWidget(update_);
        return;
    }
    beginRun(plannedAt ? TIS_TEXT("window", "Update für %1 einplanen").arg(formatLocalWeekdayTime(*plannedAt))
                       : LocalizedText(TIS_TEXT("window", "Update von Konnektor und Kartenterminals")));
    thread_->update(plannedAt);
}

void MainWindow::startMobileTerminalUpdate() {
    if (update_->running()) {
        pages_->setCurrentWidget(update_);
        return;
    }
    beginRun(TIS_TEXT("window", "Update des mobilen Kartenterminals"));
    thread_->updateMobileTerminal();
}

void MainWindow::onAction(const engine::MainAction& action) {
    if (action.id == "plan-evening") startUpdate(action.plannedAt);
    else if (action.id == "update") startUpdate();
    else if (action.id == "mobile-terminal-update") startMobileTerminalUpdate();
    else if (action.id == "support")
        QMessageBox::information(this, text(TIS_TEXT("window", "Support anrufen")), text(action.advice));
}

void MainWindow::showArchive() {
    archive_->reading();
    pages_->setCurrentWidget(archive_);
    thread_->run([this](engine::Engine& e) {
        auto view = std::make_shared<engine::HistoryView>(e.practiceHistory());
        const auto practice = e.settings() ? engine::practiceIdentityOf(*e.settings()) : engine::PracticeIdentity{};
        QMetaObject::invokeMethod(
            this, [this, view, practice] { archive_->show(*view, practice); }, Qt::QueuedConnection);
    });
}

void MainWindow::askOutsideRun(const workflow::Question& q, std::shared_ptr<PendingAnswer> pending) {
    auto* dialog = new QDialog(this);
    dialog->setObjectName(QString::fromStdString("question:" + q.id));
    dialog->setWindowTitle(text(TIS_TEXT("window", "Eine Frage von tiservice")));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setMinimumWidth(420);
    auto* layout = new QVBoxLayout(dialog);
    auto* question = new QLabel(text(q.text));
    question->setObjectName("questionText");
    question->setWordWrap(true);
    layout->addWidget(question);
    QLineEdit* field = nullptr;
    auto* group = new QButtonGroup(dialog);
    if (q.kind == workflow::Question::Kind::Choice) {
        for (const auto& c : q.choices) {
            if (c.id == "cancel") continue;
            auto* radio = new QRadioButton(text(c.label));
            radio->setObjectName(QString::fromStdString("choice:" + c.id));
            radio->setProperty("choiceId", QString::fromStdString(c.id));
            radio->setChecked(c.id == q.defaultValue);
            group->addButton(radio);
            layout->addWidget(radio);
        }
        if (!group->checkedButton() && !group->buttons().isEmpty()) group->buttons().front()->setChecked(true);
    } else {
        field = new QLineEdit;
        field->setObjectName("answer");
        if (q.kind == workflow::Question::Kind::Secret)
            field->setEchoMode(QLineEdit::Password);  // dots; the text leaves the field on OK
        else field->setText(QString::fromStdString(q.defaultValue));
        layout->addWidget(field);
    }
    auto* buttons = new QDialogButtonBox;
    auto* ok = buttons->addButton(text(TIS_TEXT("window", "OK")), QDialogButtonBox::AcceptRole);
    ok->setObjectName("ok");
    ok->setDefault(true);
    buttons->addButton(text(TIS_TEXT("window", "Abbrechen")), QDialogButtonBox::RejectRole)->setObjectName("cancel");
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    // Answered once, whichever way the dialog ends (OK, Abbrechen, Esc, the title bar's ✕).
    connect(dialog, &QDialog::finished, dialog, [pending, field, group](int result) {
        if (result != QDialog::Accepted) {
            pending->cancel();
        } else if (field) {
            std::string typed = field->text().toStdString();
            field->clear();
            pending->answer(std::move(typed));
        } else {
            auto* chosen = group->checkedButton();
            pending->answer(chosen ? chosen->property("choiceId").toString().toStdString() : std::string());
        }
    });
    dialog->setWindowModality(Qt::WindowModal);
    dialog->open();
    if (field) field->setFocus();
}

void MainWindow::showSettings() {
    settings_->load(setup_.configFile, false);
    pages_->setCurrentWidget(settings_);
}

void MainWindow::showStart() { pages_->setCurrentWidget(start_); }

void MainWindow::onNotice(const workflow::Notice& n) {
    if (update_->running()) {
        update_->showNotice(n);
        return;
    }
    // The form being filled in already says what the settings lack.
    if (n.id == "settings.invalid" && pages_->currentWidget() == settings_) return;
    // The devices themselves are on the start page; the archive has its page.
    if ((n.id.rfind("status.", 0) == 0 && n.id != "status.followed-up" && n.id != "status.error") ||
        n.id == "history" || n.id.rfind("workflow.", 0) == 0)
        return;
    bannerNotices_[n.id] = n;
    refreshBanner();
}

void MainWindow::refreshBanner() {
    QString html;
    for (const auto& [id, n] : bannerNotices_)
        html += "<p><b>" + text(n.title).toHtmlEscaped() + "</b><br>" +
                text(n.text).toHtmlEscaped().replace('\n', "<br>") + "</p>";
    banner_->setText(html);
    banner_->setVisible(!bannerNotices_.empty());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (update_->installing() && !closing_) {
        QMessageBox box(QMessageBox::Warning, text(TIS_TEXT("window", "Die Installation läuft")),
                        text(TIS_TEXT("window",
                                      "Der Konnektor installiert weiter, auch wenn Sie dieses Fenster schließen. "
                                      "Den Konnektor jetzt NICHT ausschalten und NICHT vom Strom trennen. Beim "
                                      "nächsten Start zeigt tiservice, wie es ausgegangen ist, und trägt es ins "
                                      "Update-Archiv ein.")),
                        QMessageBox::NoButton, this);
        box.setObjectName("closeWhileInstalling");
        auto* close = box.addButton(text(TIS_TEXT("window", "Fenster schließen")), QMessageBox::AcceptRole);
        close->setObjectName("closeAnyway");
        auto* stay = box.addButton(text(TIS_TEXT("window", "Offen lassen")), QMessageBox::RejectRole);
        stay->setObjectName("stayOpen");
        box.setDefaultButton(stay);
        box.exec();
        if (box.clickedButton() != close) {
            event->ignore();
            return;
        }
    }
    closing_ = true;
    update_->cancelOpenQuestion();
    ui_->closeAll();
    thread_->stop();
    event->accept();
}

}  // namespace tiservice::gui

#include "pvs_window.h"

#include <atomic>
#include <iostream>

#include <QApplication>
#include <QButtonGroup>
#include <QCheckBox>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

#include "tiservice/i18n.h"
#include "tiservice/paths.h"

namespace tiservice::sample_host {
namespace {

// One host, one plugin: the C callbacks find the window here. Plugin threads read it
// (request_callback, signed_in); it is cleared before the plugin is stopped.
std::atomic<PvsWindow*> g_window{nullptr};

QString q(const std::string& s) { return QString::fromStdString(s); }
QString t(const Message& m) { return q(tiservice::tr(m)); }
QString t(const LocalizedText& m) { return q(tiservice::tr(m)); }

std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

const char* colourOf(tis_severity s) {
    switch (s) {
        case TIS_SEVERITY_CRITICAL: return "#fdecea; border-left: 6px solid #c62828";
        case TIS_SEVERITY_WARNING: return "#fff8e1; border-left: 6px solid #f9a825";
        default: return "#e8f1fb; border-left: 6px solid #1565c0";
    }
}

// The host's side of the ABI: each callback checks what the plugin hands over, then goes to
// the window on the UI thread (every one but request_callback, log and signed_in is called there).
void TIS_ABI hostLog(const tis_host*, int32_t level, const char* message) {
    if (level >= TIS_LOG_WARNING) std::cerr << "[tiservice] " << plugins::checkedString(message) << "\n";
}
void TIS_ABI hostRequestCallback(const tis_host*) {
    if (auto* w = g_window.load()) w->requestTurn();
}
const char* TIS_ABI hostGetSetting(const tis_host*, const char* key) {
    auto* w = g_window.load();
    return key && w ? w->setting(plugins::checkedString(key, 256)) : nullptr;
}
void TIS_ABI hostShowNotice(const tis_host*, const tis_notice* raw) {
    const auto n = plugins::checkNotice(raw);
    if (!n) {
        std::cerr << "[tiservice-host] "
                  << tiservice::tr(TIS_TEXT(
                         "sample_host", "Ein leerer oder ungültiger Hinweis der Erweiterung wurde nicht angezeigt."))
                  << "\n";
        return;
    }
    if (auto* w = g_window.load()) w->showNotice(*n);
}
void TIS_ABI hostWithdrawNotice(const tis_host*, const char* id) {
    if (auto* w = g_window.load()) w->withdrawNotice(plugins::checkedString(id, 256));
}
void TIS_ABI hostAsk(const tis_host*, const tis_question* raw) {
    const auto question = plugins::checkQuestion(raw);
    if (auto* w = g_window.load(); w && question) w->ask(*question);
}
void TIS_ABI hostProgress(const tis_host*, const tis_progress* raw) {
    const auto p = plugins::checkProgress(raw);
    if (auto* w = g_window.load(); w && p && !p->text.empty()) w->showProgress(*p);
}
void TIS_ABI hostOpenUrl(const tis_host*, const char* url) {
    const auto u = plugins::checkedString(url, 2048);
    if (u.starts_with("https://") || u.starts_with("http://")) std::cout << "[Browser] " << u << "\n" << std::flush;
}
int32_t TIS_ABI hostWorkplaces(const tis_host*) {
    auto* w = g_window.load();
    return w ? w->workplacesInUse() : -1;
}
const tis_workplaces_ext kWorkplaces{hostWorkplaces};
const void* TIS_ABI hostGetExtension(const tis_host*, const char* id) {
    if (id && std::string_view(id) == TIS_HOST_EXT_WORKPLACES) return &kWorkplaces;
    return nullptr;
}

}  // namespace

PvsWindow::PvsWindow(plugins::LoadedPlugin& plugin, GuiHostSetup setup, QWidget* parent)
    : QMainWindow(parent), plugin_(plugin), setup_(std::move(setup)), hostName_(upper(setup_.pvs)) {
    g_window = this;
    setObjectName("pvsWindow");
    setWindowTitle(t(TIS_TEXT("sample_host", "%1 – Praxissoftware (Beispiel)").arg(hostName_)));
    auto* central = new QWidget;
    auto* layout = new QVBoxLayout(central);
    // The banner strip: one strip per notice, at the top of the main window.
    bannerStrip_ = new QWidget;
    bannerStrip_->setObjectName("bannerStrip");
    bannerLayout_ = new QVBoxLayout(bannerStrip_);
    bannerLayout_->setContentsMargins(0, 0, 0, 0);
    bannerLayout_->addStretch(1);
    // Many notices at once scroll inside the strip; the practice's own work stays in view.
    bannerScroll_ = new QScrollArea;
    bannerScroll_->setObjectName("bannerScroll");
    bannerScroll_->setWidgetResizable(true);
    bannerScroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    bannerScroll_->setFrameShape(QFrame::NoFrame);
    bannerScroll_->setWidget(bannerStrip_);
    bannerScroll_->hide();
    layout->addWidget(bannerScroll_, 3);
    // What the practice software itself shows: here a stand-in for its patient list.
    patients_ =
        new QLabel(t(TIS_TEXT("sample_host", "Patientenliste (Beispiel): hier arbeitet die Praxis wie gewohnt.")));
    patients_->setObjectName("patients");
    patients_->setAlignment(Qt::AlignCenter);
    patients_->setMinimumHeight(160);
    patients_->setStyleSheet("QLabel#patients { color: #666; border: 1px dashed #bbb; }");
    layout->addWidget(patients_, 2);
    setCentralWidget(central);

    // The practice's task list ("Aufgaben").
    auto* dock = new QDockWidget(t(TIS_TEXT("sample_host", "Aufgaben")), this);
    dock->setObjectName("taskDock");
    dock->setFeatures(QDockWidget::NoDockWidgetFeatures);
    // One box per task under each other, as wide as the list (the text wraps, never cut off).
    auto* scroll = new QScrollArea;
    scroll->setObjectName("taskScroll");
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(340);
    tasks_ = new QWidget;
    tasks_->setObjectName("tasks");
    taskLayout_ = new QVBoxLayout(tasks_);
    taskLayout_->addStretch(1);
    scroll->setWidget(tasks_);
    dock->setWidget(scroll);
    addDockWidget(Qt::RightDockWidgetArea, dock);

    progressText_ = new QLabel;
    progressText_->setObjectName("progressText");
    progressBar_ = new QProgressBar;
    progressBar_->setObjectName("progress");
    progressBar_->setMaximumWidth(240);
    progressBar_->hide();
    statusBar()->addWidget(progressText_, 1);
    statusBar()->addPermanentWidget(progressBar_);
    resize(1000, 640);

    loop_ = new QTimer(this);
    loop_->setInterval(50);
    connect(loop_, &QTimer::timeout, this, &PvsWindow::turn);
}

PvsWindow::~PvsWindow() { finish(exitCode_); }

const char* PvsWindow::setting(const std::string& key) const {
    const auto it = setup_.settings.find(key);
    return it == setup_.settings.end() ? nullptr : it->second.c_str();
}

bool PvsWindow::start() {
    host_.struct_size = sizeof(tis_host);
    host_.host_data = this;
    host_.name = hostName_.c_str();
    host_.version = "sample";
    host_.log = hostLog;
    host_.request_callback = hostRequestCallback;
    host_.get_setting = hostGetSetting;
    host_.show_notice = hostShowNotice;
    host_.ask = hostAsk;
    host_.progress = hostProgress;
    host_.open_url = hostOpenUrl;
    host_.get_extension = hostGetExtension;
    host_.withdraw_notice = hostWithdrawNotice;
    deadline_ = std::chrono::steady_clock::now() + setup_.timeout;
    if (!plugin_.start(&host_) || !plugin_.running()) {
        const auto why = plugin_.error() ? plugin_.error()->describe() : std::string();
        statusBar()->showMessage(t(TIS_TEXT("sample_host", "TI-Service nicht verfügbar: ")) + q(why));
        say(tiservice::tr(TIS_TEXT("sample_host", "TI-Service nicht verfügbar: ")) + why);
        return false;
    }
    // The adapter's menu entries where it asks for them ("Extras > TI-Konnektor").
    for (const auto& entry : plugin_.menuEntries()) {
        QMenu* menu = nullptr;
        QString path =
            entry.location.empty() ? q(tiservice::tr(TIS_TEXT("sample_host", "TI-Service"))) : q(entry.location);
        for (const auto& part : path.split('>', Qt::SkipEmptyParts)) {
            const auto name = part.trimmed();
            QMenu* found = nullptr;
            const auto children = menu ? menu->findChildren<QMenu*>(QString(), Qt::FindDirectChildrenOnly)
                                       : menuBar()->findChildren<QMenu*>(QString(), Qt::FindDirectChildrenOnly);
            for (auto* m : children)
                if (m->title() == name) found = m;
            menu = found ? found : (menu ? menu->addMenu(name) : menuBar()->addMenu(name));
        }
        auto* action = menu->addAction(q(entry.label));
        action->setObjectName(q("menu:" + entry.id));
        connect(action, &QAction::triggered, this, [this, id = entry.id] {
            if (const auto refused = runMenuEntry(id)) statusBar()->showMessage(q(*refused), 10'000);
        });
    }
    loop_->start();
    return true;
}

void PvsWindow::requestTurn() {  // [thread-safe]: posts to the UI thread, never calls the plugin here
    QMetaObject::invokeMethod(this, &PvsWindow::turn, Qt::QueuedConnection);
}

void PvsWindow::turn() {
    if (finished_) return;
    plugin_.onMainThread();
    auto answers = std::exchange(pendingAnswers_, {});
    for (const auto& [handle, value] : answers) plugin_.answer(handle, value);
    auto closings = std::exchange(pendingClosings_, {});
    for (const auto& [id, postponed] : closings) plugin_.noticeClosed(id, postponed);
    if (!plugin_.running()) {
        const auto why = plugin_.error() ? plugin_.error()->describe() : std::string();
        statusBar()->showMessage(t(TIS_TEXT("sample_host", "TI-Service nicht verfügbar: ")) + q(why));
        say(tiservice::tr(TIS_TEXT("sample_host", "TI-Service nicht verfügbar: ")) + why);
        finish(4);
        return;
    }
    const bool busy = plugin_.busy().value_or(false) || !questions_.empty() || openDialog() != nullptr;
    idleTurns_ = busy || !answers.empty() || !closings.empty() ? 0 : idleTurns_ + 1;
    // The run has ended: no progress left to show.
    if (!busy && progressBar_->isVisible()) {
        progressBar_->hide();
        progressText_->clear();
    }
    if (idleTurns_ >= 3) {
        if (nextRun_ < setup_.runs.size()) {
            const auto id = setup_.runs[nextRun_++];
            say("== " + tiservice::tr(TIS_TEXT("sample_host", "Menü:")) + " " + id + " ==");
            if (const auto refused = runMenuEntry(id)) say(*refused);
            idleTurns_ = 0;
        } else if (!setup_.stay) {
            finish(0);
            return;
        }
    }
    if (std::chrono::steady_clock::now() > deadline_) {
        say(tiservice::tr(TIS_TEXT("sample_host", "Zeitlimit erreicht; die Praxissoftware beendet sich.")));
        finish(5);
    }
}

std::optional<std::string> PvsWindow::runMenuEntry(const std::string& id) { return plugin_.runMenuEntry(id); }

void PvsWindow::say(const std::string& line) {
    shown_.push_back(line);
    std::cout << line << "\n" << std::flush;
}

std::optional<std::string> PvsWindow::automated(const std::string& key) {
    const auto it = setup_.answers.find(key);
    if (it == setup_.answers.end() || answered_[key] >= it->second.size()) return std::nullopt;
    return it->second[answered_[key]++];
}

void PvsWindow::picture(const std::string& kind, const std::string& id) {
    if (setup_.screenshots.empty()) return;
    // After the layout has settled; the open dialog is drawn into its own picture.
    QTimer::singleShot(80, this, [this, kind, id] {
        std::error_code ec;
        std::filesystem::create_directories(setup_.screenshots, ec);
        char number[8];
        std::snprintf(number, sizeof number, "%02zu", pictures_.size() + 1);
        std::string name = std::string(number) + "-" + kind + "-" + id;
        for (auto& c : name)
            if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.') c = '_';
        const auto file = setup_.screenshots / (name + ".png");
        QWidget* what = kind == "dialog" || kind == "question" ? static_cast<QWidget*>(openDialog()) : this;
        if (!what) what = this;
        if (what->grab().save(q(tiservice::utf8Of(file)))) pictures_.push_back(file);
    });
}

QWidget* PvsWindow::bannerFor(const plugins::CheckedNotice& n) {
    auto* strip = new QFrame;
    strip->setObjectName(q("banner:" + n.id));
    strip->setStyleSheet(
        QString("QFrame#%1 { background: %2; }").arg(strip->objectName().replace(':', "\\:"), colourOf(n.severity)));
    strip->setAccessibleName(q(n.title));
    auto* row = new QHBoxLayout(strip);
    auto* words =
        new QLabel("<b>" + q(n.title).toHtmlEscaped() + "</b><br>" + q(n.text).toHtmlEscaped().replace('\n', "<br>"));
    words->setObjectName("bannerText");
    words->setWordWrap(true);
    words->setTextFormat(Qt::RichText);
    row->addWidget(words, 1);
    for (const auto& a : n.actions) {
        auto* b = new QPushButton(q(a.label));
        b->setObjectName(q("action:" + a.id));
        connect(b, &QPushButton::clicked, this, [this, id = n.id, action = a.id] { acted(id, action); });
        row->addWidget(b, 0, Qt::AlignTop);
    }
    auto* close = new QPushButton("✕");
    close->setObjectName("close");
    close->setAccessibleName(t(TIS_TEXT("sample_host", "Schließen")));
    close->setToolTip(close->accessibleName());
    close->setFlat(true);
    connect(close, &QPushButton::clicked, this, [this, id = n.id] { closed(id, false); });
    row->addWidget(close, 0, Qt::AlignTop);
    bannerLayout_->insertWidget(0, strip);  // the newest on top, where the eye is
    bannerScroll_->show();
    return strip;
}

QWidget* PvsWindow::taskFor(const plugins::CheckedNotice& n) {
    auto* box = new QFrame;
    box->setObjectName(q("task:" + n.id));
    box->setFrameShape(QFrame::StyledPanel);
    auto* layout = new QVBoxLayout(box);
    auto* head = new QHBoxLayout;
    auto* done = new QCheckBox;
    done->setObjectName("done");
    done->setAccessibleName(t(TIS_TEXT("sample_host", "Abhaken, wenn erledigt")));
    done->setToolTip(done->accessibleName());
    head->addWidget(done, 0, Qt::AlignTop);
    auto* title = new QLabel("<b>" + q(n.title).toHtmlEscaped() + "</b>");
    title->setObjectName("taskTitle");
    title->setWordWrap(true);
    title->setBuddy(done);
    head->addWidget(title, 1);
    layout->addLayout(head);
    auto* words = new QLabel(q(n.text));
    words->setObjectName("taskText");
    words->setWordWrap(true);
    if (n.severity >= TIS_SEVERITY_WARNING)
        words->setStyleSheet(n.severity == TIS_SEVERITY_CRITICAL ? "color: #b71c1c;" : "color: #8a5a00;");
    layout->addWidget(words);
    auto* buttons = new QHBoxLayout;
    for (const auto& a : n.actions) {
        auto* b = new QPushButton(q(a.label));
        b->setObjectName(q("action:" + a.id));
        connect(b, &QPushButton::clicked, this, [this, id = n.id, action = a.id] { acted(id, action); });
        buttons->addWidget(b);
    }
    buttons->addStretch(1);
    layout->addLayout(buttons);
    connect(done, &QCheckBox::toggled, this, [this, id = n.id](bool on) {
        if (on) closed(id, false);
    });
    taskLayout_->insertWidget(taskLayout_->count() - 1, box);  // above the stretch
    return box;
}

int PvsWindow::taskCount() const {
    int n = 0;
    for (const auto& [id, w] : notices_)
        if (w && tasks_->isAncestorOf(w)) ++n;
    return n;
}

QDialog* PvsWindow::dialogFor(const plugins::CheckedNotice& n) {
    auto* box = new QMessageBox(n.severity == TIS_SEVERITY_CRITICAL  ? QMessageBox::Critical
                                : n.severity == TIS_SEVERITY_WARNING ? QMessageBox::Warning
                                                                     : QMessageBox::Information,
                                q(hostName_ + " – " + n.title), "<b>" + q(n.title).toHtmlEscaped() + "</b>",
                                QMessageBox::NoButton, this);
    box->setObjectName(q("dialog:" + n.id));
    box->setInformativeText(q(n.text));
    box->setAttribute(Qt::WA_DeleteOnClose);
    for (const auto& a : n.actions)
        box->addButton(q(a.label), a.id == "later" ? QMessageBox::RejectRole : QMessageBox::ActionRole)
            ->setObjectName(q("action:" + a.id));
    auto* ok = box->addButton(t(TIS_TEXT("sample_host", "OK")), QMessageBox::AcceptRole);
    ok->setObjectName("ok");
    box->setEscapeButton(ok);
    // However it ends — a button, Esc or the title bar's ✕ — the plugin hears of it once.
    connect(box, &QDialog::finished, this, [this, box, id = n.id] {
        const auto it = notices_.find(id);
        if (it == notices_.end() || it->second != box) return;  // withdrawn or replaced meanwhile
        const auto* pressed = box->clickedButton();
        const auto name = pressed ? pressed->objectName().toStdString() : std::string();
        if (name.starts_with("action:")) acted(id, name.substr(7));
        else closed(id, false);
    });
    box->setWindowModality(Qt::WindowModal);
    box->open();
    return box;
}

void PvsWindow::showNotice(const plugins::CheckedNotice& n) {
    // The same id again replaces what is shown.
    if (!n.id.empty()) remove(n.id);
    const char* styleName = n.style == TIS_NOTICE_MODAL       ? "dialog"
                            : n.style == TIS_NOTICE_TASK_LIST ? "task"
                                                              : "banner";
    QWidget* shown = n.style == TIS_NOTICE_MODAL       ? static_cast<QWidget*>(dialogFor(n))
                     : n.style == TIS_NOTICE_TASK_LIST ? taskFor(n)
                                                       : bannerFor(n);
    // The log a vendor reads beside the window: style, title, id, then the text.
    std::string text = n.text;
    for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 5))
        text.replace(at, 1, "\n    ");
    say(std::string("[") + styleName + "] " + n.title + (n.id.empty() ? "" : "  (" + n.id + ")") +
        (text.empty() ? "" : "\n    " + text));
    if (!n.id.empty()) notices_[n.id] = shown;
    picture(styleName, n.id);
    // A person closing it, as the answers file says ("notice:<id>": "later" or "close").
    if (const auto how = n.id.empty() ? std::nullopt : automated("notice:" + n.id))
        QTimer::singleShot(setup_.answerDelay, this, [this, id = n.id, later = *how == "later"] {
            if (notices_.count(id)) closed(id, later);
        });
}

void PvsWindow::remove(const std::string& id) {
    const auto it = notices_.find(id);
    if (it == notices_.end()) return;
    QPointer<QWidget> w = it->second;
    notices_.erase(it);
    if (!w) return;
    if (auto* dialog = qobject_cast<QDialog*>(w.data())) {
        dialog->done(QDialog::Rejected);  // close() is ignored by a box without an Escape button; deletes itself
        return;
    }
    w->hide();
    w->deleteLater();
    bool anyBanner = false;
    for (const auto& [other, shown] : notices_) anyBanner = anyBanner || (shown && bannerStrip_->isAncestorOf(shown));
    bannerScroll_->setVisible(anyBanner);
}

void PvsWindow::withdrawNotice(const std::string& id) {
    if (!notices_.count(id)) return;  // not shown (or closed by the person): nothing to take away
    say(tiservice::tr(TIS_TEXT("sample_host", "%1: Hinweis entfernt – %2").arg(hostName_, id)));
    remove(id);
}

void PvsWindow::closed(const std::string& id, bool postponed) {
    if (!notices_.count(id)) return;
    say("  → " + (postponed ? tiservice::tr(TIS_TEXT("sample_host", "Später"))
                            : tiservice::tr(TIS_TEXT("sample_host", "Geschlossen"))));
    remove(id);
    pendingClosings_.emplace_back(id, postponed);
    requestTurn();
}

void PvsWindow::acted(const std::string& noticeId, const std::string& actionId) {
    if (actionId == "later") {
        closed(noticeId, true);
        return;
    }
    // Any other action is one of the adapter's menu entries (the update): closed, then run.
    closed(noticeId, false);
    QTimer::singleShot(0, this, [this, actionId] {
        if (const auto refused = runMenuEntry(actionId)) statusBar()->showMessage(q(*refused), 10'000);
    });
}

void PvsWindow::ask(const plugins::CheckedQuestion& question) {
    if (question.text.empty()) {
        // A question that cannot be asked is cancelled, so the plugin does not wait for ever.
        std::cerr << "[tiservice-host] "
                  << tiservice::tr(
                         TIS_TEXT("sample_host", "Eine ungültige Frage der Erweiterung wurde nicht gestellt."))
                  << "\n";
        pendingAnswers_.emplace_back(question.handle, std::nullopt);
        requestTurn();
        return;
    }
    auto* dialog = new QDialog(this);
    dialog->setObjectName(q("question:" + question.id));
    dialog->setWindowTitle(q(hostName_ + " – ") + t(TIS_TEXT("sample_host", "TI-Service")));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setMinimumWidth(460);
    auto* layout = new QVBoxLayout(dialog);
    auto* text = new QLabel(q(question.text));
    text->setObjectName("questionText");
    text->setWordWrap(true);
    layout->addWidget(text);
    QLineEdit* field = nullptr;
    auto* group = new QButtonGroup(dialog);
    if (question.kind == TIS_ASK_CHOICE) {
        for (const auto& c : question.choices) {
            auto* radio = new QRadioButton(q(c.label));
            radio->setObjectName(q("choice:" + c.id));
            radio->setProperty("choice", q(c.id));
            radio->setChecked(c.id == question.defaultValue);
            group->addButton(radio);
            layout->addWidget(radio);
        }
        if (!group->checkedButton() && !group->buttons().isEmpty()) group->buttons().front()->setChecked(true);
    } else {
        field = new QLineEdit(question.kind == TIS_ASK_SECRET ? QString() : q(question.defaultValue));
        field->setObjectName("answer");
        // A PVS shows dots for a secret, never the password.
        if (question.kind == TIS_ASK_SECRET) field->setEchoMode(QLineEdit::Password);
        layout->addWidget(field);
    }
    auto* buttons = new QDialogButtonBox;
    auto* ok = buttons->addButton(t(TIS_TEXT("sample_host", "OK")), QDialogButtonBox::AcceptRole);
    ok->setObjectName("ok");
    ok->setDefault(true);
    auto* cancel = buttons->addButton(t(TIS_TEXT("sample_host", "Abbrechen")), QDialogButtonBox::RejectRole);
    cancel->setObjectName("cancel");
    layout->addWidget(buttons);
    const auto handle = question.handle;
    const auto value = [field, group]() -> std::string {
        if (field) return field->text().toStdString();
        return group->checkedButton() ? group->checkedButton()->property("choice").toString().toStdString() : "";
    };
    connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(dialog, &QDialog::finished, this,
            [this, handle, value, secret = question.kind == TIS_ASK_SECRET, labels = question.choices](int result) {
                if (!questions_.count(handle)) return;
                questions_.erase(handle);
                std::optional<std::string> given;
                if (result == QDialog::Accepted) given = value();
                std::string shownAnswer =
                    given ? (secret ? std::string("********") : *given)
                          : "(" + tiservice::tr(TIS_TEXT("sample_host", "keine Antwort: abgebrochen")) + ")";
                for (const auto& c : labels)
                    if (given && c.id == *given) shownAnswer = c.label;
                say("  → " + shownAnswer);
                // Answered on the next turn of the loop, never from inside ask().
                pendingAnswers_.emplace_back(handle, given);
                requestTurn();
            });
    questions_[handle] = dialog;
    say("? " + question.text);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->open();
    if (field) field->setFocus();
    picture("question", question.id);
    // The answers file answers it as a person would, after a moment on screen.
    if (const auto given = automated(question.id)) {
        QTimer::singleShot(setup_.answerDelay, this, [this, handle, field, group, answer = *given] {
            const auto it = questions_.find(handle);
            if (it == questions_.end()) return;
            if (field) field->setText(q(answer));
            for (auto* b : group->buttons())
                if (b->property("choice").toString() == q(answer)) b->setChecked(true);
            it->second->accept();
        });
    } else if (!setup_.answers.empty() && !setup_.stay) {
        // Automated and no answer for it: cancelled, as the terminal host does.
        QTimer::singleShot(setup_.answerDelay, this, [this, handle] {
            if (const auto it = questions_.find(handle); it != questions_.end()) it->second->reject();
        });
    }
}

void PvsWindow::showProgress(const plugins::CheckedProgress& p) {
    progressText_->setText(q(p.text));
    if (p.percent >= 0) {
        progressBar_->setRange(0, 100);
        progressBar_->setValue(p.percent);
    } else {
        progressBar_->setRange(0, 0);  // busy, without a percentage
    }
    progressBar_->show();
}

QDialog* PvsWindow::openDialog() const {
    for (const auto& [handle, dialog] : questions_)
        if (dialog) return dialog;
    for (const auto& [id, w] : notices_)
        if (auto* d = qobject_cast<QDialog*>(w)) return d;
    return nullptr;
}

void PvsWindow::finish(int exitCode) {
    if (finished_) return;
    finished_ = true;
    // What the plugin calls from now on (or from a thread it could not stop) reaches nothing.
    g_window = nullptr;
    exitCode_ = exitCode;
    loop_->stop();
    for (auto& [handle, dialog] : questions_)
        if (dialog) dialog->hide();
    questions_.clear();
    if (plugin_.running()) plugin_.stop();
    if (plugin_.notResponding()) {
        say(tiservice::tr(TIS_TEXT("sample_host", "TI-Service nicht verfügbar: ")) + plugin_.error()->describe());
        exitCode_ = 4;
    }
    say("== " + tiservice::tr(TIS_TEXT("sample_host", "%1 beendet").arg(hostName_)) + " ==");
    emit ended(exitCode_);
}

void PvsWindow::closeEvent(QCloseEvent* event) {
    finish(exitCode_);
    event->accept();
}

int runGuiHost(int& argc, char** argv, plugins::LoadedPlugin& plugin, GuiHostSetup setup) {
    QApplication app(argc, argv);
    PvsWindow window(plugin, std::move(setup));
    QObject::connect(
        &window, &PvsWindow::ended, &app, [&app](int code) { app.exit(code); }, Qt::QueuedConnection);
    window.show();
    if (!window.start()) return 4;
    return app.exec();
}

}  // namespace tiservice::sample_host

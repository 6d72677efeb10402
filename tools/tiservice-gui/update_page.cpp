#include "update_page.h"

#include <algorithm>
#include <set>

#include <QApplication>
#include <QButtonGroup>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QShortcut>
#include <QTimer>
#include <QVBoxLayout>

#include "gui_text.h"

namespace tiservice::gui {
namespace {

/// The focus on `w` once it is shown (a widget made visible in this turn takes no focus yet).
void focusSoon(QWidget* w, int tries = 10) {
    QTimer::singleShot(tries == 10 ? 0 : 20, w, [p = QPointer<QWidget>(w), tries] {
        if (!p) return;
        if (p->isVisible()) p->setFocus(Qt::OtherFocusReason);
        else if (tries > 0) focusSoon(p, tries - 1);
    });
}

using workflow::Outcome;
using workflow::Question;
using workflow::Severity;

/// The step a notice, question or progress belongs to; nullopt: the step stays as it is.
std::optional<WizardStep> stepOf(const std::string& id) {
    const auto starts = [&](const char* prefix) { return id.rfind(prefix, 0) == 0; };
    if (starts("login.") || id == "connection.password") return WizardStep::SignIn;
    if (starts("password.")) return WizardStep::Password;
    if (starts("plan.")) return WizardStep::Plan;
    if (starts("confirm.") || id == "mobile-terminal.confirm" || id == "mobile-terminal.dock")
        return WizardStep::Confirm;
    if (starts("install.") || id == "install" || id == "reboot" || id == "transfer" ||
        id == "mobile-terminal.installing")
        return WizardStep::Install;
    return std::nullopt;
}

QString colourOf(Severity s) {
    switch (s) {
        case Severity::Critical: return "#b71c1c";
        case Severity::Warning: return "#8a5a00";
        case Severity::Info: break;
    }
    return "#1b3a57";
}

QString html(const LocalizedText& t) { return text(t).toHtmlEscaped().replace('\n', "<br>"); }

LocalizedText timeLeftText(std::chrono::seconds left) {
    const auto minutes = std::max<long long>(1, (left.count() + 59) / 60);
    if (minutes == 1) return TIS_TEXT("window", "noch etwa 1 Minute");
    return TIS_TEXT("window", "noch etwa %1 Minuten").arg(minutes);
}

/// The result page's heading.
LocalizedText headingOf(Outcome o) {
    switch (o) {
        case Outcome::Succeeded: return TIS_TEXT("window", "Erledigt");
        case Outcome::Planned: return TIS_TEXT("window", "Update geplant");
        case Outcome::PlanCancelled: return TIS_TEXT("window", "Geplantes Update abgesagt");
        case Outcome::NothingToDo: return TIS_TEXT("window", "Es ist nichts zu tun");
        case Outcome::Cancelled: return TIS_TEXT("window", "Abgebrochen");
        case Outcome::OtherWorkstation: return TIS_TEXT("window", "Ein anderer Arbeitsplatz ist dabei");
        case Outcome::Failed: return TIS_TEXT("window", "Update fehlgeschlagen");
        case Outcome::NeedsSupport: return TIS_TEXT("window", "Bitte jetzt den Support anrufen");
        case Outcome::NoDriver:
        case Outcome::CouldNotStart: break;
    }
    return TIS_TEXT("window", "Update nicht möglich");
}

}  // namespace

UpdatePage::UpdatePage(QWidget* parent) : QWidget(parent) {
    setObjectName("updatePage");
    auto* outer = new QVBoxLayout(this);

    auto* steps = new QHBoxLayout;
    const std::vector<std::pair<const char*, Message>> names{
        {"signin", TIS_TEXT("window", "Anmelden")},      {"password", TIS_TEXT("window", "Passwort")},
        {"plan", TIS_TEXT("window", "Planen")},          {"confirm", TIS_TEXT("window", "Bestätigen")},
        {"install", TIS_TEXT("window", "Installation")}, {"result", TIS_TEXT("window", "Ergebnis")}};
    for (const auto& [id, name] : names) {
        auto* l = new QLabel(text(name));
        l->setObjectName(QString("step:") + id);
        stepLabels_.push_back(l);
        steps->addWidget(l);
        if (&name != &names.back().second) steps->addWidget(new QLabel("›"));
    }
    steps->addStretch(1);
    outer->addLayout(steps);

    title_ = new QLabel;
    title_->setObjectName("pageTitle");
    title_->setWordWrap(true);
    QFont big = title_->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    title_->setFont(big);
    outer->addWidget(title_);

    story_ = new QLabel;
    story_->setObjectName("story");
    story_->setWordWrap(true);
    story_->setTextFormat(Qt::RichText);
    story_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    story_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    storyScroll_ = new QScrollArea;
    storyScroll_->setWidgetResizable(true);
    storyScroll_->setWidget(story_);
    outer->addWidget(storyScroll_, 1);

    questionBox_ = new QWidget;
    questionBox_->setObjectName("questionBox");
    auto* q = new QVBoxLayout(questionBox_);
    q->setContentsMargins(0, 0, 0, 0);
    questionText_ = new QLabel;
    questionText_->setObjectName("question");
    questionText_->setWordWrap(true);
    q->addWidget(questionText_);
    field_ = new QLineEdit;
    field_->setObjectName("answer");
    questionText_->setBuddy(field_);
    q->addWidget(field_);
    rulesBox_ = new QWidget;
    rulesBox_->setObjectName("rules");
    rulesLayout_ = new QVBoxLayout(rulesBox_);
    rulesLayout_->setContentsMargins(8, 0, 0, 0);
    q->addWidget(rulesBox_);
    choicesBox_ = new QWidget;
    choicesLayout_ = new QVBoxLayout(choicesBox_);
    choicesLayout_->setContentsMargins(0, 0, 0, 0);
    q->addWidget(choicesBox_);
    choices_ = new QButtonGroup(this);
    acknowledge_ = new QCheckBox(text(TIS_TEXT("window", "Ich habe das gelesen und verstanden.")));
    acknowledge_->setObjectName("acknowledge");
    q->addWidget(acknowledge_);
    outer->addWidget(questionBox_);

    progressText_ = new QLabel;
    progressText_->setObjectName("progressText");
    progressText_->setWordWrap(true);
    outer->addWidget(progressText_);
    progress_ = new QProgressBar;
    progress_->setObjectName("progress");
    progress_->setRange(0, 100);
    outer->addWidget(progress_);

    auto* buttons = new QHBoxLayout;
    back_ = new QPushButton(text(TIS_TEXT("window", "&Zur Übersicht")));
    back_->setObjectName("backFromUpdate");
    cancel_ = new QPushButton(text(TIS_TEXT("window", "Abbrechen")));
    cancel_->setObjectName("cancel");
    next_ = new QPushButton(text(TIS_TEXT("window", "&Weiter")));
    next_->setObjectName("next");
    next_->setDefault(true);
    buttons->addWidget(back_);
    buttons->addStretch(1);
    buttons->addWidget(cancel_);
    buttons->addWidget(next_);
    outer->addLayout(buttons);

    connect(next_, &QPushButton::clicked, this, &UpdatePage::answer);
    connect(field_, &QLineEdit::returnPressed, this, [this] {
        if (next_->isEnabled()) answer();
    });
    connect(cancel_, &QPushButton::clicked, this, [this] {
        if (pending_) pending_->cancel();
        clearQuestion();
    });
    // Enter goes on from anywhere on the page, as in a dialog; on a focused button it presses that one.
    for (const auto key : {Qt::Key_Return, Qt::Key_Enter}) {
        auto* enter = new QShortcut(QKeySequence(key), this);
        enter->setContext(Qt::WidgetWithChildrenShortcut);
        connect(enter, &QShortcut::activated, this, [this] {
            auto* focused = qobject_cast<QPushButton*>(QApplication::focusWidget());
            if (focused && focused != next_ && isAncestorOf(focused)) {
                if (focused->isEnabled()) focused->click();
            } else if (next_->isVisible() && next_->isEnabled()) {
                answer();
            }
        });
    }
    auto* escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(escape, &QShortcut::activated, cancel_, [this] {
        if (cancel_->isVisible() && cancel_->isEnabled()) cancel_->click();
    });
    connect(back_, &QPushButton::clicked, this, &UpdatePage::backToStart);
    connect(field_, &QLineEdit::textChanged, this, [this] {
        updateRules();
        updateNext();
    });
    connect(acknowledge_, &QCheckBox::toggled, this, &UpdatePage::updateNext);
    connect(choices_, &QButtonGroup::idToggled, this, &UpdatePage::updateNext);
    begin({});
    running_ = false;  // until a run begins
}

void UpdatePage::begin(const LocalizedText& title) {
    running_ = true;
    installing_ = false;
    storyHtml_.clear();
    story_->clear();
    title_->setText(text(title));
    progress_->hide();
    progressText_->hide();
    back_->hide();
    clearQuestion();
    setStep(WizardStep::SignIn);
}

void UpdatePage::setStep(WizardStep step) {
    step_ = step;
    for (std::size_t i = 0; i < stepLabels_.size(); ++i) {
        auto* l = stepLabels_[i];
        QFont f = l->font();
        f.setBold(i == static_cast<std::size_t>(step));
        l->setFont(f);
        l->setEnabled(i <= static_cast<std::size_t>(step));
        l->setAccessibleDescription(i == static_cast<std::size_t>(step) ? text(TIS_TEXT("window", "aktueller Schritt"))
                                                                        : QString());
    }
}

void UpdatePage::showNotice(const workflow::Notice& n) {
    if (auto s = stepOf(n.id); s && *s > step_) setStep(*s);
    if (n.id == "install.succeeded" || n.id == "install.failed" || n.id == "install.refused") installing_ = false;
    storyHtml_ +=
        "<p style='color:" + colourOf(n.severity) + "'><b>" + html(n.title) + "</b><br>" + html(n.text) + "</p>";
    story_->setText(storyHtml_);
    QTimer::singleShot(
        0, this, [this] { storyScroll_->verticalScrollBar()->setValue(storyScroll_->verticalScrollBar()->maximum()); });
}

void UpdatePage::clearQuestion() {
    question_.reset();
    pending_.reset();
    nextChoice_.clear();
    questionBox_->hide();
    field_->clear();
    field_->setEchoMode(QLineEdit::Normal);
    for (auto* b : choices_->buttons()) {
        choices_->removeButton(b);
        delete b;
    }
    for (auto& [rule, label] : rules_) delete label;
    rules_.clear();
    acknowledge_->setChecked(false);
    next_->setText(text(TIS_TEXT("window", "&Weiter")));
    cancel_->setText(text(TIS_TEXT("window", "Abbrechen")));
    next_->setEnabled(false);
    cancel_->setEnabled(false);
    next_->setVisible(step_ != WizardStep::Result);
    cancel_->setVisible(step_ != WizardStep::Result);
}

void UpdatePage::ask(const workflow::Question& q, std::shared_ptr<PendingAnswer> pending) {
    if (pending_) pending_->cancel();  // one question at a time
    clearQuestion();
    if (auto s = stepOf(q.id); s && *s > step_) setStep(*s);
    question_ = q;
    pending_ = std::move(pending);
    questionText_->setText(text(q.text));
    questionBox_->show();
    cancel_->setEnabled(true);
    const bool typed = q.kind != Question::Kind::Choice;
    field_->setVisible(typed);
    rulesBox_->setVisible(!q.rules.empty());
    choicesBox_->setVisible(false);
    acknowledge_->setVisible(q.id == "confirm.start" || q.id == "mobile-terminal.confirm");
    if (typed) {
        field_->setEchoMode(q.kind == Question::Kind::Secret ? QLineEdit::Password : QLineEdit::Normal);
        field_->setText(q.kind == Question::Kind::Secret ? QString() : QString::fromStdString(q.defaultValue));
        for (const auto& line : q.rules) {
            auto* l = new QLabel;
            l->setObjectName(QString("rule:%1").arg(static_cast<int>(line.rule)));
            l->setWordWrap(true);
            rulesLayout_->addWidget(l);
            rules_.emplace_back(line.rule, l);
        }
        updateRules();
        focusSoon(field_);
    } else {
        // "Abbrechen" is the cancel button; a single other choice is the next button itself
        // ("Notiert", "Verstanden – jetzt starten"); more are radio buttons.
        std::vector<const workflow::Choice*> offered;
        for (const auto& c : q.choices)
            if (c.id == "cancel") cancel_->setText(text(c.label));
            else offered.push_back(&c);
        if (offered.size() == 1) {
            nextChoice_ = offered.front()->id;
            next_->setText(text(offered.front()->label));
            focusSoon(next_);
        } else {
            choicesBox_->setVisible(true);
            int index = 0;
            for (const auto* c : offered) {
                auto* b = new QRadioButton(text(c->label));
                b->setObjectName(QString::fromStdString("choice:" + c->id));
                b->setProperty("choiceId", QString::fromStdString(c->id));
                choices_->addButton(b, index++);
                choicesLayout_->addWidget(b);
                if (c->id == q.defaultValue) b->setChecked(true);
            }
            if (auto* checked = choices_->checkedButton()) focusSoon(checked);
            else if (!choices_->buttons().isEmpty()) focusSoon(choices_->buttons().front());
        }
        if (!acknowledge_->isHidden()) focusSoon(acknowledge_);
    }
    updateNext();
}

void UpdatePage::updateRules() {
    if (rules_.empty() || !question_ || !pending_ || pending_->answered()) return;
    const std::string typed = field_->text().toStdString();
    std::set<PasswordRule> broken;
    if (question_->checkAsTyped && !typed.empty())
        for (const auto& v : question_->checkAsTyped(typed)) broken.insert(v.rule);
    for (std::size_t i = 0; i < rules_.size(); ++i) {
        const auto& [rule, label] = rules_[i];
        const QString line = text(question_->rules[i].text).toHtmlEscaped();
        if (typed.empty()) {
            label->setText("○ " + line);
            label->setProperty("state", "open");
        } else if (broken.count(rule)) {
            label->setText("<span style='color:#b71c1c'>✗ " + line + "</span>");
            label->setProperty("state", "broken");
        } else {
            label->setText("<span style='color:#2e7d32'>✓ " + line + "</span>");
            label->setProperty("state", "kept");
        }
    }
}

void UpdatePage::updateNext() {
    if (!question_) {
        next_->setEnabled(false);
        return;
    }
    bool ok = true;
    if (question_->kind != Question::Kind::Choice) {
        ok = !field_->text().isEmpty();
        for (const auto& [rule, label] : rules_) ok = ok && label->property("state").toString() == "kept";
    } else if (nextChoice_.empty()) {
        ok = choices_->checkedButton() != nullptr;
    }
    if (acknowledge_->isVisible()) ok = ok && acknowledge_->isChecked();
    next_->setEnabled(ok);
}

void UpdatePage::answer() {
    if (!question_ || !pending_ || !next_->isEnabled()) return;
    std::string value;
    if (question_->kind != Question::Kind::Choice) value = field_->text().toStdString();
    else if (!nextChoice_.empty()) value = nextChoice_;
    else if (auto* b = choices_->checkedButton()) value = b->property("choiceId").toString().toStdString();
    auto pending = pending_;
    clearQuestion();  // the typed password leaves the field at once
    pending->answer(std::move(value));
}

void UpdatePage::showProgress(const workflow::Progress& p) {
    if (auto s = stepOf(p.id); s && *s > step_) setStep(*s);
    if (p.id == "install" || p.id == "reboot") installing_ = true;
    progress_->show();
    progressText_->show();
    if (p.percent) {
        progress_->setRange(0, 100);
        progress_->setValue(std::clamp(*p.percent, 0, 100));
    } else {
        progress_->setRange(0, 0);  // busy: a reboot has no percent
    }
    LocalizedText line = p.what;
    if (p.timeLeft) line.append(timeLeftText(*p.timeLeft), " – ");
    progressText_->setText(text(line));
}

void UpdatePage::finish(const Result<workflow::WorkflowResult>& r) {
    running_ = false;
    installing_ = false;
    if (pending_) pending_->cancel();
    setStep(WizardStep::Result);
    clearQuestion();
    if (r.ok()) {
        title_->setText(text(headingOf(r->outcome)));
        title_->setProperty("outcome", QString::fromStdString(std::string(workflow::outcomeId(r->outcome))));
        // The result in its own words, unless the engine's last notice said just that.
        if (!r->message.empty() && !storyHtml_.contains(html(r->message)))
            showNotice({"result",
                        r->outcome == Outcome::Failed || r->outcome == Outcome::NeedsSupport ? Severity::Critical
                                                                                             : Severity::Info,
                        headingOf(r->outcome), r->message});
        if (r->outcome == Outcome::Succeeded) {
            progress_->setRange(0, 100);
            progress_->setValue(100);
        }
    } else {
        title_->setText(text(TIS_TEXT("window", "Update nicht möglich")));
        title_->setProperty("outcome", "not-possible");
        showNotice({"result", Severity::Warning, TIS_TEXT("window", "Update nicht möglich"), r.error().text()});
    }
    // What was under way is over: no "… is being installed – about 1 minute left" beside the result.
    progressText_->clear();
    progressText_->hide();
    if (progress_->maximum() == 0 || !r.ok() || r->outcome != Outcome::Succeeded) progress_->hide();
    back_->show();
    back_->setFocus();
}

void UpdatePage::cancelOpenQuestion() {
    if (pending_) pending_->cancel();
    clearQuestion();
}

}  // namespace tiservice::gui

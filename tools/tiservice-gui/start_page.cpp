#include "start_page.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include "gui_text.h"

namespace tiservice::gui {

using assess::ComponentStatus;

StartPageModel startPageModel(const engine::CheckOutcome& outcome, const engine::Engine& engine, TimePoint now) {
    StartPageModel m;
    if (!outcome.report.ok()) {
        m.checkFailed = true;
        m.overall = ComponentStatus::Unknown;
        m.headline = TIS_TEXT("window", "Prüfung nicht möglich");
        m.detail = outcome.report.error().text();
        return m;
    }
    const auto& report = *outcome.report;
    m.overall = report.overall;
    for (const auto& f : report.findings) {
        DeviceLine d;
        d.component = f.component;
        d.status = f.status;
        d.statusText = assess::statusText(f.status);
        d.name = f.name;
        d.installed = f.installed.isUnknown() ? "?" : f.installed.toString();
        d.recommended = f.recommended       ? LocalizedText::same(f.recommended->toString())
                        : f.noUpdateOffered ? LocalizedText(TIS_TEXT("window", "kein Update verfügbar"))
                                            : LocalizedText::same("–");
        d.deadline = assess::deadlineText(f, now);
        d.summary = f.summary;
        d.action = engine.mainAction(f);
        m.devices.push_back(std::move(d));
    }
    m.headline = m.overall == ComponentStatus::Current
                     ? LocalizedText(TIS_TEXT("window", "Alles aktuell. Es ist nichts zu tun."))
                 : m.overall >= ComponentStatus::Expired
                     ? LocalizedText(TIS_TEXT("window", "Sofort handeln: sonst ist die TI bald nicht mehr erreichbar."))
                 : m.overall >= ComponentStatus::UpdateAvailable
                     ? LocalizedText(TIS_TEXT("window", "Ein Update steht an."))
                     : LocalizedText(TIS_TEXT("window", "Nicht alles ließ sich prüfen."));
    m.detail = TIS_TEXT("window", "Geprüft am %1.").arg(formatLocalDateTime(report.checkedAt));
    if (report.catalog) {
        m.detail.append(
            TIS_TEXT("window", "Zulassungskatalog vom %1.").arg(formatDay(report.catalog->catalog.published)));
        if (!report.catalog->fresh && report.catalog->refreshError)
            m.detail.append(report.catalog->refreshError->text(), "\n");
    } else if (report.catalogError) {
        m.detail.append(report.catalogError->text(), "\n");
    }
    return m;
}

QPixmap trafficLight(ComponentStatus status, int size) {
    QColor colour("#9e9e9e");  // grey: cannot tell, switched off
    switch (status) {
        case ComponentStatus::Current: colour = QColor("#2e7d32"); break;
        case ComponentStatus::UpdateAvailable:
        case ComponentStatus::ApprovalEnds: colour = QColor("#f9a825"); break;
        case ComponentStatus::Expired:
        case ComponentStatus::Blocked: colour = QColor("#c62828"); break;
        case ComponentStatus::Unknown:
        case ComponentStatus::NotConnected: break;
    }
    const qreal ratio = 2.0;  // sharp at 200 %
    QPixmap p(QSize(size, size) * ratio);
    p.setDevicePixelRatio(ratio);
    p.fill(Qt::transparent);
    QPainter painter(&p);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(colour.darker(130), 1.5));
    painter.setBrush(colour);
    painter.drawEllipse(QRectF(1.5, 1.5, size - 3, size - 3));
    return p;
}

StartPage::StartPage(QWidget* parent) : QWidget(parent) {
    setObjectName("startPage");
    auto* outer = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    light_ = new QLabel;
    light_->setObjectName("overallLight");
    headline_ = new QLabel;
    headline_->setObjectName("headline");
    headline_->setWordWrap(true);
    QFont big = headline_->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    headline_->setFont(big);
    top->addWidget(light_, 0, Qt::AlignTop);
    top->addWidget(headline_, 1);
    outer->addLayout(top);
    detail_ = new QLabel;
    detail_->setObjectName("detail");
    detail_->setWordWrap(true);
    outer->addWidget(detail_);

    table_ = new QWidget;
    table_->setObjectName("devices");
    grid_ = new QGridLayout(table_);
    grid_->setHorizontalSpacing(16);
    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(table_);
    outer->addWidget(scroll, 1);

    auto* buttons = new QHBoxLayout;
    check_ = new QPushButton(text(TIS_TEXT("window", "&Jetzt prüfen")));
    check_->setObjectName("checkNow");
    auto* archive = new QPushButton(text(TIS_TEXT("window", "&Update-Archiv")));
    archive->setObjectName("openArchive");
    auto* settings = new QPushButton(text(TIS_TEXT("window", "&Einstellungen")));
    settings->setObjectName("openSettings");
    buttons->addWidget(check_);
    buttons->addStretch(1);
    buttons->addWidget(archive);
    buttons->addWidget(settings);
    outer->addLayout(buttons);
    connect(check_, &QPushButton::clicked, this, &StartPage::checkRequested);
    connect(archive, &QPushButton::clicked, this, &StartPage::archiveRequested);
    connect(settings, &QPushButton::clicked, this, &StartPage::settingsRequested);
    setChecking(true);
}

void StartPage::setChecking(bool checking) {
    check_->setEnabled(!checking);
    if (checking && model_.devices.empty() && !model_.checkFailed) {
        headline_->setText(text(TIS_TEXT("window", "Konnektor und Kartenterminals werden geprüft …")));
        light_->setPixmap(trafficLight(ComponentStatus::Unknown, 28));
    }
}

void StartPage::show(const StartPageModel& model) {
    model_ = model;
    light_->setPixmap(trafficLight(model.overall, 28));
    light_->setAccessibleName(text(assess::statusText(model.overall)));
    headline_->setText(text(model.headline));
    detail_->setText(text(model.detail));
    // Later, not now: the button pressed may still be inside its own clicked() (a dialog's loop).
    while (auto* item = grid_->takeAt(0)) {
        if (auto* w = item->widget()) {
            w->hide();
            w->setParent(nullptr);
            w->deleteLater();
        }
        delete item;
    }
    if (model.devices.empty()) return;
    int row = 0;
    const auto header = [&](int column, const Message& m) {
        auto* l = new QLabel(text(m));
        QFont f = l->font();
        f.setBold(true);
        l->setFont(f);
        grid_->addWidget(l, row, column);
    };
    header(1, TIS_TEXT("window", "Gerät"));
    header(2, TIS_TEXT("window", "Installiert"));
    header(3, TIS_TEXT("window", "Empfohlen"));
    header(4, TIS_TEXT("window", "Frist"));
    ++row;
    for (const auto& d : model.devices) {
        const QString key = QString::fromStdString(d.component);
        auto* light = new QLabel;
        light->setPixmap(trafficLight(d.status, 20));
        light->setObjectName("light:" + key);
        light->setAccessibleName(text(d.statusText));
        light->setToolTip(text(d.statusText));
        grid_->addWidget(light, row, 0, Qt::AlignTop);
        auto* name = new QLabel("<b>" + QString::fromStdString(d.name).toHtmlEscaped() + "</b><br>" +
                                text(d.statusText).toHtmlEscaped() + ": " + text(d.summary).toHtmlEscaped());
        name->setObjectName("name:" + key);
        name->setWordWrap(true);
        name->setTextFormat(Qt::RichText);
        name->setMinimumWidth(260);
        grid_->addWidget(name, row, 1);
        auto* installed = new QLabel(QString::fromStdString(d.installed));
        installed->setObjectName("installed:" + key);
        grid_->addWidget(installed, row, 2, Qt::AlignTop);
        auto* recommended = new QLabel(text(d.recommended));
        recommended->setObjectName("recommended:" + key);
        grid_->addWidget(recommended, row, 3, Qt::AlignTop);
        auto* deadline = new QLabel(text(d.deadline));
        deadline->setObjectName("deadline:" + key);
        deadline->setWordWrap(true);
        grid_->addWidget(deadline, row, 4, Qt::AlignTop);
        if (d.action) {
            auto* button = new QPushButton(text(d.action->label));
            button->setObjectName("action:" + key);
            const auto action = *d.action;
            connect(button, &QPushButton::clicked, this, [this, action] { emit actionChosen(action); });
            grid_->addWidget(button, row, 5, Qt::AlignTop);
        }
        ++row;
    }
    grid_->setColumnStretch(1, 1);
    grid_->setRowStretch(row, 1);
    // Shown now, not at the layout's next turn: what the page says is there at once.
    for (int i = 0; i < grid_->count(); ++i)
        if (auto* w = grid_->itemAt(i)->widget()) w->setVisible(true);
}

}  // namespace tiservice::gui

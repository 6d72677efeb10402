#include "settings_page.h"

#include <optional>

#include <QButtonGroup>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include "gui_text.h"
#include "tiservice/paths.h"

namespace tiservice::gui {
namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }
std::string s(const QLineEdit* field) { return field->text().trimmed().toStdString(); }

/// A file field with its "Durchsuchen …" button, as one row of the form.
QWidget* fileRow(QLineEdit* field, const QString& name, QWidget* parent) {
    auto* row = new QWidget(parent);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    field->setObjectName("field:" + name);
    layout->addWidget(field, 1);
    auto* browse = new QPushButton(text(TIS_TEXT("window", "Durchsuchen …")), row);
    browse->setObjectName("browse:" + name);
    layout->addWidget(browse);
    QObject::connect(browse, &QPushButton::clicked, row, [field, row] {
        const auto chosen = QFileDialog::getOpenFileName(row, QString(), field->text());
        if (!chosen.isEmpty()) field->setText(chosen);
    });
    return row;
}

}  // namespace

SettingsPage::SettingsPage(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    auto* title = new QLabel(text(TIS_TEXT("window", "Einstellungen")));
    title->setObjectName("settingsTitle");
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    title->setFont(big);
    layout->addWidget(title);
    intro_ = new QLabel;
    intro_->setObjectName("settingsIntro");
    intro_->setWordWrap(true);
    layout->addWidget(intro_);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    const auto field = [&](QLineEdit*& f, const char* name, const Message& label, const QString& placeholder = {}) {
        f = new QLineEdit;
        f->setObjectName(QString("field:") + name);
        f->setPlaceholderText(placeholder);
        form->addRow(text(label), f);
    };
    field(address_, "address", TIS_TEXT("window", "&Adresse des Konnektors"), "192.168.1.10");
    tls_ = new QComboBox;
    tls_->setObjectName("field:tls");
    tls_->addItem(text(TIS_TEXT("setup_command", "TLS: der Konnektor weist sich mit seinem Zertifikat aus")), "server");
    tls_->addItem(text(TIS_TEXT("setup_command", "TLS mit Client-Zertifikat: auch dieser PC weist sich aus")),
                  "client-certificate");
    form->addRow(text(TIS_TEXT("window", "&Verbindung")), tls_);
    caFile_ = new QLineEdit;
    caRow_ = fileRow(caFile_, "ca-file", this);
    form->addRow(text(TIS_TEXT("window", "&CA-Zertifikat des Konnektors (PEM)")), caRow_);
    clientCertificate_ = new QLineEdit;
    clientRows_[0] = fileRow(clientCertificate_, "client-certificate", this);
    form->addRow(text(TIS_TEXT("window", "C&lient-Zertifikat dieses PCs (.p12)")), clientRows_[0]);
    passwordFile_ = new QLineEdit;
    passwordFile_->setPlaceholderText(text(TIS_TEXT("window", "leer: bei jedem Start fragen")));
    clientRows_[1] = fileRow(passwordFile_, "client-certificate-password-file", this);
    form->addRow(text(TIS_TEXT("window", "Datei mit dem &Passwort des Client-Zertifikats")), clientRows_[1]);
    field(mandant_, "mandant", TIS_TEXT("window", "&Mandant"));
    field(clientSystem_, "client-system", TIS_TEXT("window", "Client&system"));
    field(workplace_, "workplace", TIS_TEXT("window", "Arbeits&platz dieses PCs"));
    auto* supportBox = new QWidget;
    auto* supportLayout = new QVBoxLayout(supportBox);
    supportLayout->setContentsMargins(0, 0, 0, 0);
    support_ = new QButtonGroup(this);
    for (const auto& [id, label] :
         {std::pair{"cgm", TIS_TEXT("setup_command", "Ein Techniker von CGM")},
          std::pair{"self", TIS_TEXT("setup_command", "Die Praxis selbst (über koco-shop.de gekauft)")}}) {
        auto* radio = new QRadioButton(text(label));
        radio->setObjectName(QString("field:support:") + id);
        radio->setProperty("choice", id);
        support_->addButton(radio);
        supportLayout->addWidget(radio);
    }
    form->addRow(text(TIS_TEXT("setup_command", "Wer hat den Konnektor installiert?")), supportBox);
    field(hours_, "hours", TIS_TEXT("window", "&Sprechzeiten"), "Mo-Fr 08:00-18:00");
    layout->addLayout(form);

    outcome_ = new QLabel;
    outcome_->setObjectName("settingsOutcome");
    outcome_->setWordWrap(true);
    outcome_->setTextFormat(Qt::RichText);
    layout->addWidget(outcome_);
    layout->addStretch(1);

    auto* buttons = new QHBoxLayout;
    auto* back = new QPushButton(text(TIS_TEXT("window", "&Zur Übersicht")));
    back->setObjectName("backFromSettings");
    test_ = new QPushButton(text(TIS_TEXT("window", "Verbindung p&rüfen")));
    test_->setObjectName("testConnection");
    auto* save = new QPushButton(text(TIS_TEXT("window", "Spei&chern")));
    save->setObjectName("saveSettings");
    save->setDefault(true);
    buttons->addWidget(back);
    buttons->addStretch(1);
    buttons->addWidget(test_);
    buttons->addWidget(save);
    layout->addLayout(buttons);

    connect(back, &QPushButton::clicked, this, &SettingsPage::backToStart);
    connect(test_, &QPushButton::clicked, this, [this] {
        test_->setEnabled(false);
        say(text(TIS_TEXT("window", "Der Konnektor wird gefragt …")).toHtmlEscaped(), false);
        emit connectionTestRequested(setup());
    });
    connect(save, &QPushButton::clicked, this, [this] {
        if (this->save()) emit saved();
    });
    connect(tls_, &QComboBox::currentIndexChanged, this, &SettingsPage::updateTlsFields);
    connect(address_, &QLineEdit::textChanged, this, &SettingsPage::updateTlsFields);
}

void SettingsPage::load(const std::filesystem::path& config, bool firstRun) {
    config_ = config;
    engine::ConnectorSetup values;
    std::optional<Error> unreadable;
    std::error_code ec;
    if (std::filesystem::exists(config, ec)) {
        if (auto existing = IniFile::load(config); existing.ok()) values = engine::connectorSetupFrom(*existing);
        else unreadable = existing.error();
    }
    address_->setText(q(values.address));
    // A kind of connection the form does not offer (user and password) is kept as it is.
    const QString mode = q(values.tlsMode).toLower();
    if (tls_->findData(mode) < 0 && mode == "basic")
        tls_->addItem(text(TIS_TEXT("window", "TLS mit Benutzername und Passwort (wie eingetragen)")), "basic");
    tls_->setCurrentIndex(std::max(0, tls_->findData(mode)));
    caFile_->setText(q(values.caFile));
    clientCertificate_->setText(q(values.clientCertificate));
    passwordFile_->setText(q(values.clientCertificatePasswordFile));
    mandant_->setText(q(values.mandant));
    clientSystem_->setText(q(values.clientSystem));
    workplace_->setText(q(values.workplace));
    for (auto* b : support_->buttons())
        b->setChecked(b->property("choice").toString().compare(q(values.support), Qt::CaseInsensitive) == 0);
    hours_->setText(q(values.practiceHours));
    intro_->setText(firstRun
                        ? text(TIS_TEXT("window",
                                        "Willkommen. Bitte einmal eintragen, wie dieser PC den Konnektor erreicht; "
                                        "die Angaben stehen in den Unterlagen Ihres Dienstleisters oder in den "
                                        "TI-Einstellungen Ihrer Praxissoftware. Ein Passwort wird hier nicht "
                                        "gespeichert."))
                        : text(TIS_TEXT("window", "Gespeichert in %1.").arg(tiservice::utf8Of(config))));
    outcome_->clear();
    if (unreadable)
        say("<b>" +
                text(TIS_TEXT("window", "Die Einstellungsdatei ist nicht lesbar; sie bleibt, wie sie ist."))
                    .toHtmlEscaped() +
                "</b><br>" + text(unreadable->text()).toHtmlEscaped(),
            true);
    updateTlsFields();
}

engine::ConnectorSetup SettingsPage::setup() const {
    engine::ConnectorSetup v;
    v.address = s(address_);
    v.tlsMode = tls_->currentData().toString().toStdString();
    v.caFile = s(caFile_);
    v.clientCertificate = s(clientCertificate_);
    v.clientCertificatePasswordFile = s(passwordFile_);
    v.mandant = s(mandant_);
    v.clientSystem = s(clientSystem_);
    v.workplace = s(workplace_);
    for (auto* b : support_->buttons())
        if (b->isChecked()) v.support = b->property("choice").toString().toStdString();
    v.practiceHours = s(hours_);
    return v;
}

void SettingsPage::updateTlsFields() {
    const bool https = !address_->text().trimmed().startsWith("http://");
    tls_->setEnabled(https);
    caRow_->setEnabled(https);
    const bool client = https && tls_->currentData().toString() == "client-certificate";
    for (auto* row : clientRows_) row->setEnabled(client);
}

void SettingsPage::say(const QString& html, bool problem) {
    outcome_->setProperty("problem", problem);
    outcome_->setStyleSheet(problem ? "color: #b71c1c;" : "color: #1b5e20;");
    outcome_->setText(html);
}

void SettingsPage::showFound(const Result<engine::FoundConnector>& found) {
    test_->setEnabled(true);
    if (found.ok())
        say("<b>" + text(TIS_TEXT("setup_command", "Konnektor gefunden")).toHtmlEscaped() + "</b><br>" +
                text(engine::foundConnectorText(*found)).toHtmlEscaped(),
            false);
    else
        say("<b>" + text(TIS_TEXT("setup_command", "Konnektor nicht erreicht")).toHtmlEscaped() + "</b><br>" +
                text(engine::asFormError(found.error(), config_).text()).toHtmlEscaped(),
            true);
}

bool SettingsPage::save() {
    if (auto written = engine::writeConnectorSetup(setup(), config_); !written.ok()) {
        say("<b>" + text(TIS_TEXT("window", "Nicht gespeichert")).toHtmlEscaped() + "</b><br>" +
                text(engine::asFormError(written.error(), config_).text()).toHtmlEscaped(),
            true);
        return false;
    }
    say(text(TIS_TEXT("window", "Gespeichert in %1.").arg(tiservice::utf8Of(config_))).toHtmlEscaped(), false);
    intro_->setText(text(TIS_TEXT("window", "Gespeichert in %1.").arg(tiservice::utf8Of(config_))));
    return true;
}

QString SettingsPage::outcome() const { return outcome_->text(); }

}  // namespace tiservice::gui

#pragma once
// Settings and the first run as a form: the fields of `tiservice setup` (where the connector
// is, how the connection is secured, Mandant, Clientsystem, Arbeitsplatz, who installed it)
// and the practice hours. "Verbindung prüfen" reads the connector's service directory on the
// engine's worker; "Speichern" writes tiservice.ini atomically, keeping every other setting.

#include <filesystem>
#include <functional>

#include <QWidget>

#include "tiservice/engine/connector_setup.h"

class QButtonGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace tiservice::gui {

class SettingsPage : public QWidget {
    Q_OBJECT
public:
    explicit SettingsPage(QWidget* parent = nullptr);

    /// Fills the form from the file (or leaves it empty when there is none); `firstRun` greets.
    void load(const std::filesystem::path& config, bool firstRun);
    [[nodiscard]] engine::ConnectorSetup setup() const;
    /// What the connection test found (or why it found nothing), shown below the form.
    void showFound(const Result<engine::FoundConnector>& found);
    /// Writes the file; false (the reason shown) when it is not valid or cannot be written.
    bool save();
    /// The line below the form: the last test's or save's outcome.
    [[nodiscard]] QString outcome() const;

signals:
    void connectionTestRequested(const tiservice::engine::ConnectorSetup& setup);
    void saved();
    void backToStart();

private:
    void updateTlsFields();
    void say(const QString& html, bool problem);

    std::filesystem::path config_;
    QLabel* intro_ = nullptr;
    QLineEdit* address_ = nullptr;
    QComboBox* tls_ = nullptr;
    QLineEdit* caFile_ = nullptr;
    QLineEdit* clientCertificate_ = nullptr;
    QLineEdit* passwordFile_ = nullptr;
    QWidget* caRow_ = nullptr;
    QWidget* clientRows_[2] = {nullptr, nullptr};
    QLineEdit* mandant_ = nullptr;
    QLineEdit* clientSystem_ = nullptr;
    QLineEdit* workplace_ = nullptr;
    QButtonGroup* support_ = nullptr;
    QLineEdit* hours_ = nullptr;
    QLabel* outcome_ = nullptr;
    QPushButton* test_ = nullptr;
};

}  // namespace tiservice::gui

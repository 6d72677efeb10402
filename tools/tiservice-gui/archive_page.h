#pragma once
// The update archive as a table — the practice's proof of maintenance — with
// "Wartungsnachweis speichern (PDF)".

#include <filesystem>
#include <optional>

#include <QWidget>

#include "tiservice/engine/engine.h"
#include "tiservice/engine/maintenance_record.h"

class QLabel;
class QPushButton;
class QTableWidget;

namespace tiservice::gui {

class ArchivePage : public QWidget {
    Q_OBJECT
public:
    explicit ArchivePage(QWidget* parent = nullptr);
    /// "Wird gelesen …" until show().
    void reading();
    void show(const engine::HistoryView& view, const engine::PracticeIdentity& practice);
    /// Writes the proof of maintenance as a PDF; the error in words when it could not.
    Status savePdf(const std::filesystem::path& file) const;
    [[nodiscard]] QTableWidget* table() const { return table_; }

signals:
    void backToStart();
    void refreshRequested();

private:
    void askWhereToSave();

    QLabel* note_ = nullptr;
    QTableWidget* table_ = nullptr;
    QPushButton* save_ = nullptr;
    std::optional<engine::HistoryView> view_;
    engine::PracticeIdentity practice_;
};

}  // namespace tiservice::gui

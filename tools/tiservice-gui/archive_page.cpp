#include "archive_page.h"

#include <QBuffer>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPageSize>
#include <QPdfWriter>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTextDocument>
#include <QVBoxLayout>

#include "gui_text.h"
#include "tiservice/store/atomic_file.h"

namespace tiservice::gui {

ArchivePage::ArchivePage(QWidget* parent) : QWidget(parent) {
    setObjectName("archivePage");
    auto* outer = new QVBoxLayout(this);
    auto* title = new QLabel(text(TIS_TEXT("window", "Update-Archiv: der Nachweis der Wartung")));
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    title->setFont(big);
    outer->addWidget(title);
    note_ = new QLabel;
    note_->setObjectName("archiveNote");
    note_->setWordWrap(true);
    outer->addWidget(note_);
    table_ = new QTableWidget(0, 6);
    table_->setObjectName("archive");
    table_->setHorizontalHeaderLabels({text(TIS_TEXT("window", "Zeit")), text(TIS_TEXT("window", "Gerät")),
                                       text(TIS_TEXT("window", "Was")), text(TIS_TEXT("window", "Version")),
                                       text(TIS_TEXT("window", "Ergebnis")),
                                       text(TIS_TEXT("window", "Gestartet von"))});
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setWordWrap(true);
    outer->addWidget(table_, 1);
    auto* buttons = new QHBoxLayout;
    auto* back = new QPushButton(text(TIS_TEXT("window", "&Zur Übersicht")));
    back->setObjectName("backFromArchive");
    auto* refresh = new QPushButton(text(TIS_TEXT("window", "&Neu lesen")));
    refresh->setObjectName("refresh");
    save_ = new QPushButton(text(TIS_TEXT("window", "Wartungsnachweis &speichern (PDF) …")));
    save_->setObjectName("savePdf");
    buttons->addWidget(back);
    buttons->addStretch(1);
    buttons->addWidget(refresh);
    buttons->addWidget(save_);
    outer->addLayout(buttons);
    connect(back, &QPushButton::clicked, this, &ArchivePage::backToStart);
    connect(refresh, &QPushButton::clicked, this, &ArchivePage::refreshRequested);
    connect(save_, &QPushButton::clicked, this, &ArchivePage::askWhereToSave);
    reading();
}

void ArchivePage::reading() {
    note_->setText(text(TIS_TEXT("window", "Das Archiv wird gelesen …")));
    save_->setEnabled(false);
}

void ArchivePage::show(const engine::HistoryView& view, const engine::PracticeIdentity& practice) {
    view_ = view;
    practice_ = practice;
    LocalizedText note;
    if (view.connectorListRead)
        note = TIS_TEXT("window",
                        "Mit der Liste der Installationen im Konnektor: auch was andere Arbeitsplätze, das "
                        "Auto-Update oder Ihr Dienstleister vor Ort installiert haben.");
    else if (view.connectorListError)
        note = LocalizedText(TIS_TEXT("window",
                                      "Die Liste der Installationen im Konnektor war nicht zu lesen; gezeigt wird, was "
                                      "dieser Arbeitsplatz selbst eingetragen hat."))
                   .append(view.connectorListError->text(), "\n");
    if (view.entries.empty()) note.append(TIS_TEXT("window", "Das Update-Archiv ist leer."), "\n");
    if (view.unreadableLines > 0)
        note.append(TIS_TEXT("window", "%1 Zeile(n) des Archivs sind beschädigt und werden nicht gezeigt.")
                        .arg(view.unreadableLines),
                    "\n");
    note_->setText(text(note));
    table_->setRowCount(0);
    // Newest first, as people look for the last update.
    for (auto it = view.entries.rbegin(); it != view.entries.rend(); ++it) {
        const auto& e = *it;
        const int row = table_->rowCount();
        table_->insertRow(row);
        QString version =
            QString::fromStdString(e.fromVersion.empty() ? e.toVersion : e.fromVersion + " → " + e.toVersion);
        QString result = e.event == "finished" ? text(workflow::historyResultText(e.result)) : QString();
        if (e.event == "finished" && e.result != "succeeded" && !e.reason.empty())
            result += ": " + text(workflow::historyReasonText(e.reason));
        const QStringList cells{text(formatLocalDateTime(e.time)),
                                QString::fromStdString(e.name),
                                text(workflow::historyEventText(e.event)),
                                version,
                                result,
                                text(workflow::historyStartedByText(e))};
        for (int c = 0; c < cells.size(); ++c) table_->setItem(row, c, new QTableWidgetItem(cells[c]));
    }
    table_->resizeColumnsToContents();
    save_->setEnabled(true);
}

Status ArchivePage::savePdf(const std::filesystem::path& file) const {
    if (!view_)
        return Error{.code = "archive.not-read",
                     .message = TIS_TEXT("window", "Das Archiv ist noch nicht gelesen."),
                     .action = TIS_TEXT("window", "Bitte einen Moment warten und noch einmal versuchen."),
                     .detail = ""};
    QTextDocument document;
    document.setHtml(QString::fromStdString(
        engine::maintenanceRecordHtml(*view_, practice_, SystemClock::shared()->now(), currentLanguage())));
    QByteArray bytes;
    {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QPdfWriter pdf(&buffer);
        pdf.setPageSize(QPageSize(QPageSize::A4));
        pdf.setTitle(text(TIS_TEXT("window", "Wartungsnachweis")));
        pdf.setCreator("tiservice");
        document.print(&pdf);
    }
    // Written whole or not at all: a full disk leaves no half a proof.
    return store::writeAtomically(file, std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
}

void ArchivePage::askWhereToSave() {
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString chosen = QFileDialog::getSaveFileName(
        this, text(TIS_TEXT("window", "Wartungsnachweis speichern")),
        folder + "/" + text(TIS_TEXT("window", "Wartungsnachweis")) + ".pdf", "PDF (*.pdf)");
    if (chosen.isEmpty()) return;
    const auto saved = savePdf(chosen.toStdString());
    if (saved.ok())
        QMessageBox::information(
            this, text(TIS_TEXT("window", "Gespeichert")),
            text(TIS_TEXT("window", "Der Wartungsnachweis steht in %1.").arg(chosen.toStdString())));
    else QMessageBox::warning(this, text(TIS_TEXT("window", "Nicht gespeichert")), text(saved.error().text()));
}

}  // namespace tiservice::gui

#pragma once
// The window's words: our messages (TIS_TEXT, translated in translations/tiservice_en.ts) and
// the engine's texts, in the language the person reads.

#include <QString>

#include "tiservice/i18n.h"

namespace tiservice::gui {

[[nodiscard]] inline QString text(const LocalizedText& t) { return QString::fromStdString(tr(t)); }
[[nodiscard]] inline QString text(const Message& m) { return QString::fromStdString(tr(m)); }

}  // namespace tiservice::gui

// tiservice-gui: the window for practices whose software has no integration.
//
//   tiservice-gui [--config DATEI] [--check-every MINUTEN]

#include <iostream>
#include <vector>

#include <QApplication>
#include <QIcon>

#include "command_line.h"
#include "gui_text.h"
#include "main_window.h"
#include "this_program.h"
#include "tiservice/log.h"
#include "tiservice/paths.h"

namespace {

constexpr tiservice::Message kHelp = TIS_TEXT("window", R"(tiservice-gui [--config DATEI] [--check-every MINUTEN]

  Das Fenster von tiservice: zeigt Konnektor und Kartenterminals mit ihrem Stand und ihrer
  Frist, führt Schritt für Schritt durch das Update und zeigt das Update-Archiv.

  --config DATEI          die Einstellungen (sonst ~/.config/tiservice/tiservice.ini)
  --check-every MINUTEN   wie oft geprüft wird, solange das Fenster offen ist (sonst 15)
)");

}  // namespace

int main(int argc, char** argv) {
    using namespace tiservice;
    setCurrentLanguage(languageFromEnvironment());
    gui::WindowSetup setup{.configFile = defaultConfigFolder() / "tiservice.ini", .stateDir = defaultStateFolder()};
    const std::vector<std::string> args = cli::arguments(argc, argv);
    try {
        for (command_line::OptionReader o(args); o.next();) {
            if (o.is("--config")) setup.configFile = o.path();
            else if (o.is("--check-every")) setup.checkEvery = std::chrono::minutes(std::max(1, o.number<int>()));
            else if (o.is("--help", "-h")) {
                std::cout << tr(kHelp);
                return 0;
            } else o.unknown();
        }
    } catch (const command_line::UsageError& e) {
        std::cerr << tr(e.text) << "\n\n" << tr(kHelp);
        return 2;
    }
    if (auto s = log::init({.directory = setup.stateDir / "logs", .stderrLevel = log::Level::Off}); !s.ok())
        std::cerr << s.error().describe() << "\n";
    QApplication app(argc, argv);
    QApplication::setApplicationName("tiservice");
    QApplication::setDesktopFileName("tiservice-gui");
    QApplication::setWindowIcon(QIcon(":/tiservice-gui/tiservice.svg"));
    gui::MainWindow window(setup);
    window.show();
    return QApplication::exec();
}

#include "terminal_ui.h"

#include <iostream>


#include "terminal_io.h"
#include "tiservice/log.h"
#include "tiservice/store/atomic_file.h"
#include "tiservice/workflow/answers.h"

namespace tiservice::cli {

TerminalUi::TerminalUi(std::ostream& out, std::istream& in) : out_(out), in_(in) {}

void TerminalUi::notice(const workflow::Notice& n) {
    if (!lastProgress_.empty()) {
        out_ << "\n";
        lastProgress_.clear();
    }
    const char* mark = n.severity == workflow::Severity::Critical ? "!!! " : n.severity == workflow::Severity::Warning ? "! " : "";
    out_ << "\n" << mark << tr(n.title) << "\n";
    std::string text = tr(n.text);
    while (!text.empty() && text.back() == '\n') text.pop_back();
    std::size_t start = 0;
    while (start < text.size()) {
        const auto nl = text.find('\n', start);
        out_ << "  " << text.substr(start, nl - start) << "\n";
        if (nl == std::string::npos) break;
        start = nl + 1;
    }
    out_ << std::flush;
}

std::optional<std::string> TerminalUi::ask(const workflow::Question& q) {
    if (!lastProgress_.empty()) {
        out_ << "\n";
        lastProgress_.clear();
    }
    if (q.kind == workflow::Question::Kind::Secret) {
        if (auto s = askSecret(q.text)) return s;
        // No terminal: read a line (from a pipe); never echoed.
        out_ << tr(q.text) << ": " << std::flush;
        std::string line;
        if (!std::getline(in_, line)) return std::nullopt;
        out_ << "\n";
        return line;
    }
    out_ << tr(q.text);
    if (q.kind == workflow::Question::Kind::Choice) {
        out_ << "\n";
        for (std::size_t i = 0; i < q.choices.size(); ++i)
            out_ << "  " << (i + 1) << ") " << tr(q.choices[i].label) << (q.choices[i].id == q.defaultValue ? " *" : "") << "\n";
        out_ << "> " << std::flush;
    } else {
        out_ << (q.defaultValue.empty() ? "" : " [" + q.defaultValue + "]") << ": " << std::flush;
    }
    std::string line;
    if (!std::getline(in_, line)) return std::nullopt;
    if (line.empty()) return q.defaultValue;
    if (q.kind == workflow::Question::Kind::Choice) {
        for (std::size_t i = 0; i < q.choices.size(); ++i)
            if (line == std::to_string(i + 1) || line == q.choices[i].id) return q.choices[i].id;
        return std::nullopt;
    }
    return line;
}

void TerminalUi::progress(const workflow::Progress& p) {
    std::string line = tr(p.what);
    if (p.percent) line += " – " + std::to_string(*p.percent) + " %";
    if (p.timeLeft && p.timeLeft->count() > 0) {
        const auto minutes = (p.timeLeft->count() + 59) / 60;
        line += tr(TIS_TEXT("terminal_ui", ", noch etwa %1 min").arg(minutes));
    }
    if (line == lastProgress_) return;
    out_ << (lastProgress_.empty() ? "" : "\n") << "  … " << line << std::flush;
    lastProgress_ = line;
}

Result<std::unique_ptr<AnswersFileUi>> AnswersFileUi::load(const std::filesystem::path& file, std::ostream& out,
                                                          std::istream& in) {
    auto text = store::readFile(file, 256 * 1024);
    if (!text.ok()) return text.error();
    auto answers = workflow::parseAnswers(*text);
    if (!answers.ok()) return answers.error();
    std::unique_ptr<AnswersFileUi> ui(new AnswersFileUi(out, in));
    ui->answers_ = std::move(answers).value();
    return ui;
}

std::unique_ptr<TerminalUi> terminalUiFor(const std::optional<std::filesystem::path>& answers, std::ostream& out,
                                          std::ostream& err) {
    if (!answers) return std::make_unique<TerminalUi>(out, std::cin);
    auto loaded = AnswersFileUi::load(*answers, out, std::cin);
    if (!loaded.ok()) {
        err << loaded.error().describe() << "\n";
        return nullptr;
    }
    return std::move(loaded).value();
}

std::optional<std::string> AnswersFileUi::ask(const workflow::Question& q) {
    const auto it = answers_.find(q.id);
    auto& n = used_[q.id];
    if (it == answers_.end() || n >= it->second.size()) {
        out_ << "\n"
             << tr(q.text) << ": " << tr(TIS_TEXT("terminal_ui", "(keine Antwort in der Antwortdatei: abgebrochen)"))
             << "\n";
        return std::nullopt;
    }
    const auto& answer = it->second[n++];
    // As a person would have chosen it: the choice's words, never its id; dots for a secret.
    std::string shown = q.kind == workflow::Question::Kind::Secret ? std::string("********") : answer;
    for (const auto& c : q.choices)
        if (c.id == answer) shown = tr(c.label);
    out_ << "\n" << tr(q.text) << ": " << shown << "\n";
    return answer;
}

}  // namespace tiservice::cli

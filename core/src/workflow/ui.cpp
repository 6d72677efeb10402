#include "tiservice/workflow/ui.h"

namespace tiservice::workflow {

Ui::~Ui() = default;

std::optional<std::string> CheckedChoices::ask(const Question& q) {
    if (q.kind != Question::Kind::Choice) return inner_.ask(q);
    for (int attempt = 0; attempt < 3; ++attempt) {
        auto answer = inner_.ask(q);
        if (!answer) return std::nullopt;
        for (const auto& c : q.choices)
            if (c.id == *answer) return answer;
        // Never repeat what was typed: it may have been a password.
        LocalizedText offered = TIS_TEXT("ui", "Bitte eine der angebotenen Möglichkeiten wählen:");
        for (std::size_t i = 0; i < q.choices.size(); ++i)
            offered = TIS_TEXT("ui", "%1 „%2“").arg(offered, q.choices[i].label);
        inner_.notice({"answer.not-a-choice", Severity::Warning, TIS_TEXT("ui", "Antwort nicht erkannt"), offered});
    }
    return std::nullopt;
}

}  // namespace tiservice::workflow

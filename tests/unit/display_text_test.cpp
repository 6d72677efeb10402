// Text from connectors, files and practice software is shown without anything that drives a
// terminal or turns text around.
#include <gtest/gtest.h>

#include <sstream>

#include "tiservice/display_text.h"

using tiservice::printable;
using tiservice::PrintableStreambuf;

TEST(DisplayText, OrdinaryGermanTextStaysAsItIs) {
    const std::string text = "Kartenterminal „Empfang“: Update auf 3.7.4 – Größe 12 MB.\n\tZeile zwei";
    EXPECT_EQ(printable(text), text);
}

TEST(DisplayText, EscapeSequencesLoseTheirEscape) {
    // ESC [ 2 J clears the screen; ESC ] 0 ; … BEL sets the window title.
    EXPECT_EQ(printable("Prüfsumme\x1b[2J falsch"), "Prüfsumme[2J falsch");
    EXPECT_EQ(printable("\x1b]0;Alles in Ordnung\x07Text"), "]0;Alles in OrdnungText");
    EXPECT_EQ(printable("a\rb\bc\x7f" "d"), "abcd");
}

TEST(DisplayText, C1ControlsAndTheirSingleByteFormsAreRemoved) {
    // U+009B (CSI as one character) and U+0085 (next line) in UTF-8, and the bare byte 0x9B as a
    // Latin-1 text would carry it: the bare byte is no UTF-8 and becomes the replacement character.
    EXPECT_EQ(printable("Empfang\xC2\x9B" "31m rot"), "Empfang31m rot");
    EXPECT_EQ(printable("eins\xC2\x85zwei"), "einszwei");
    EXPECT_EQ(printable("Empfang\x9B" "31m"), "Empfang\xEF\xBF\xBD" "31m");
}

TEST(DisplayText, BidirectionalOverridesCannotTurnTextAround) {
    // "Version 1.3.10 <RLO>01.3.1" would read as a different version on screen.
    EXPECT_EQ(printable("Version \xE2\x80\xAE" "01.3.1"), "Version 01.3.1");
    EXPECT_EQ(printable("a\xE2\x81\xA6" "b\xE2\x81\xA9" "c"), "abc");
}

TEST(DisplayText, BrokenAndOverlongUtf8BecomesTheReplacementCharacter) {
    EXPECT_EQ(printable("\xC0\x9B"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong form of CSI
    EXPECT_EQ(printable("\xE0\x82\x9B"), "\xEF\xBF\xBD");           // overlong, three bytes
    EXPECT_EQ(printable("\xED\xA0\x80"), "\xEF\xBF\xBD");           // a surrogate
    EXPECT_EQ(printable("ende\xE2\x80"), "ende\xEF\xBF\xBD\xEF\xBF\xBD");  // cut off
}

TEST(DisplayText, AStreamIsCleanedEvenWhenACharacterIsSplitAcrossWrites) {
    std::ostringstream target;
    {
        PrintableStreambuf buf(target.rdbuf());
        std::ostream out(&buf);
        out << "Empfang\xC2";  // the first byte of U+009B …
        out.flush();
        out << "\x9B" "31m";   // … and the second in the next write
        out << " \x1b[2J" << 'x' << '\xE2' << '\x80' << '\xAE' << "y\n";
        EXPECT_EQ(buf.target(), target.rdbuf());
    }
    EXPECT_EQ(target.str(), "Empfang31m [2Jxy\n");
}

TEST(DisplayText, AStreamLeftWithHalfACharacterShowsTheReplacementNotTheByte) {
    std::ostringstream target;
    {
        PrintableStreambuf buf(target.rdbuf());
        std::ostream out(&buf);
        out << "fertig\xC2";
    }
    EXPECT_EQ(target.str(), "fertig\xEF\xBF\xBD");
}

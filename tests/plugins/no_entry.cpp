// A shared library that is no tiservice plugin: it exports something else.
extern "C" __attribute__((visibility("default"))) int some_other_symbol() { return 42; }

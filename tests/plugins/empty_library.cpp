// An empty shared library: the baseline the adapter-loading benchmark compares against.
extern "C" __attribute__((visibility("default"))) int tiservice_empty_library() { return 0; }

#include "support/temp_dir.h"

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <vector>

namespace tiservice::testing {

TempDir::TempDir() {
#ifdef _WIN32
    // No mkdtemp: a random name, created only if it does not exist yet.
    std::random_device random;
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto candidate = std::filesystem::temp_directory_path() / ("tiservice-test-" + std::to_string(random()));
        std::error_code ec;
        if (std::filesystem::create_directory(candidate, ec)) {
            path_ = candidate;
            return;
        }
    }
    throw std::runtime_error("no temporary folder could be made");
#else
    std::string pattern = (std::filesystem::temp_directory_path() / "tiservice-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
#endif
}

TempDir::~TempDir() {
    std::error_code ec;
    // Make read-only folders (from permission tests) removable again.
    for (auto it = std::filesystem::recursive_directory_iterator(path_, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
        std::filesystem::permissions(it->path(), std::filesystem::perms::owner_all,
                                     std::filesystem::perm_options::add, ec);
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all, std::filesystem::perm_options::add, ec);
#ifdef _WIN32
    // A file another process still holds open is only marked for deletion there, and MinGW's
    // remove_all retries its folder for ever: remove what can go, a few times, then leave the rest.
    for (int attempt = 0; attempt < 20 && std::filesystem::exists(path_, ec); ++attempt) {
        std::vector<std::filesystem::path> entries;
        for (auto it = std::filesystem::recursive_directory_iterator(path_, ec);
             !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
            entries.push_back(it->path());
        for (auto e = entries.rbegin(); e != entries.rend(); ++e) std::filesystem::remove(*e, ec);
        std::filesystem::remove(path_, ec);
        if (std::filesystem::exists(path_, ec)) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
#else
    std::filesystem::remove_all(path_, ec);
#endif
}

std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void writeFile(const std::filesystem::path& path, const std::string& content) {
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace tiservice::testing

// Benchmarks, each next to its baseline in the same run, printed as ratios:
//   status check (SDS + GetCardTerminals + GetResourceInformation, one TLS connection)
//       vs three sequential curl calls fetching the same documents;
//   TUF refresh + download + verify of a target vs curl -o + openssl dgst -sha256,
//       with the peak memory (max RSS) of each process at 20 MB, 200 MB and 1 GB;
//   adapter load + create + init vs dlopen of an empty shared library;
//   konnektor-sim: connector.sds requests per second over keep-alive connections.
// Never part of the test suite: speed is measured here, not asserted.
//   build/release/bin/tiservice_bench [--sizes-mb=20,200,1024]

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <benchmark/benchmark.h>

#include <atomic>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <thread>

#include "support/simulator.h"
#include "tiservice/clock.h"
#include "tiservice/konnektor/connector_reader.h"
#include "tiservice/plugin.h"
#include "tiservice/trust/repository.h"

using namespace tiservice;
using namespace tiservice::testing;

namespace {

SimulatorProcess* g_sim = nullptr;
TempDir* g_dir = nullptr;
std::string g_soapTerminals, g_soapResources;

ConnectionSettings settings() {
    ConnectionSettings s;
    s.connector.sdsUrl = g_sim->sdsUrl();
    s.connector.context = {"Praxis1", "PVS1", "Empfang", ""};
    s.tls.mode = TlsMode::ServerAuth;
    s.tls.caFile = g_sim->caFile();
    return s;
}

void BM_StatusCheck_tiservice(benchmark::State& state) {
    net::ClientOptions o;
    o.caFile = g_sim->caFile();
    for (auto _ : state) {
        net::HttpClient http(o);  // a fresh connection each time, reused for all three calls
        auto snapshot = konnektor::readConnector(http, settings(), *SystemClock::shared());
        if (!snapshot.ok()) state.SkipWithError("status check failed");
        benchmark::DoNotOptimize(snapshot);
    }
}

int runQuiet(const std::vector<std::string>& argv, long* maxRssKb = nullptr) {
    const pid_t pid = fork();
    if (pid == 0) {
        const int devnull = ::open("/dev/null", O_WRONLY);
        dup2(devnull, 1);
        dup2(devnull, 2);
        std::vector<char*> a;
        for (const auto& s : argv) a.push_back(const_cast<char*>(s.c_str()));
        a.push_back(nullptr);
        execvp(a[0], a.data());
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    if (maxRssKb) *maxRssKb = usage.ru_maxrss;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void BM_StatusCheck_threeCurlCalls(benchmark::State& state) {
    const auto ca = g_sim->caFile().string();
    const auto es = g_sim->eventServiceUrl();
    for (auto _ : state) {
        runQuiet({"curl", "-sf", "--cacert", ca, "-o", "/dev/null", g_sim->sdsUrl()});
        runQuiet({"curl", "-sf", "--cacert", ca, "-o", "/dev/null", "-H", "Content-Type: text/xml", "--data-binary", "@" + g_soapTerminals, es});
        runQuiet({"curl", "-sf", "--cacert", ca, "-o", "/dev/null", "-H", "Content-Type: text/xml", "--data-binary", "@" + g_soapResources, es});
    }
}

void BM_AdapterLoadAndInit(benchmark::State& state) {
    const auto file = std::filesystem::path(TISERVICE_BIN_DIR).parent_path() / "lib/tiservice/adapters/libtiservice_adapter_medistar.so";
    static tis_host host{};
    host.struct_size = sizeof host;
    host.request_callback = [](const tis_host*) {};
    host.get_setting = [](const tis_host*, const char* key) -> const char* {
        static const std::string state = (g_dir->path() / "adapter-state").string();
        if (std::string_view(key) == "tiservice.state_dir") return state.c_str();
        return nullptr;  // no TI settings: init still returns at once
    };
    for (auto _ : state) {
        void* lib = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
        const auto* entry = static_cast<const tis_plugin_entry_t*>(dlsym(lib, TIS_PLUGIN_ENTRY_SYMBOL));
        const auto* plugin = entry->create(&host);
        plugin->init(plugin);
        state.PauseTiming();
        plugin->shutdown(plugin);
        plugin->destroy(plugin);
        dlclose(lib);
        state.ResumeTiming();
    }
}

void BM_AdapterLoadAndInit_emptyLibrary(benchmark::State& state) {
    const auto file = std::filesystem::path(TISERVICE_BIN_DIR).parent_path() / "lib/test-plugins/libtest_empty_library.so";
    for (auto _ : state) {
        void* lib = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
        benchmark::DoNotOptimize(dlsym(lib, "tiservice_empty_library"));
        state.PauseTiming();
        dlclose(lib);
        state.ResumeTiming();
    }
}

void BM_Simulator_sdsRequests(benchmark::State& state) {
    const int threads = static_cast<int>(state.range(0));
    for (auto _ : state) {
        std::atomic<long> done{0};
        std::vector<std::thread> workers;
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
        for (int t = 0; t < threads; ++t)
            workers.emplace_back([&] {
                net::ClientOptions o;
                o.caFile = g_sim->caFile();
                net::HttpClient http(o);
                while (std::chrono::steady_clock::now() < until)
                    if (http.send({.url = g_sim->sdsUrl()}).ok()) ++done;
            });
        for (auto& w : workers) w.join();
        state.counters["requests_per_second"] = static_cast<double>(done) / 2.0;
    }
}

/// Collects real times per benchmark to print ratios at the end.
class RatioReporter : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override {
        for (const auto& r : runs) times[r.benchmark_name()] = r.GetAdjustedRealTime();
        ConsoleReporter::ReportRuns(runs);
    }
    std::map<std::string, double> times;
};

}  // namespace

BENCHMARK(BM_StatusCheck_tiservice)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_StatusCheck_threeCurlCalls)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_AdapterLoadAndInit)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_AdapterLoadAndInit_emptyLibrary)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Simulator_sdsRequests)->Arg(1)->Arg(4)->Iterations(1)->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
    std::vector<long> sizesMb{20, 200, 1024};
    std::vector<char*> rest{argv[0]};
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a.rfind("--sizes-mb=", 0) == 0) {
            sizesMb.clear();
            std::string list = a.substr(11);
            for (std::size_t p = 0; p < list.size();) {
                const auto c = list.find(',', p);
                sizesMb.push_back(std::stol(list.substr(p, c - p)));
                if (c == std::string::npos) break;
                p = c + 1;
            }
        } else {
            rest.push_back(argv[i]);
        }
    }
    TempDir dir;
    g_dir = &dir;
    auto repo = trust::Repository::create(dir / "repo", {});
    SimulatorProcess sim({.args = {"--updates-dir", (dir / "repo/published").string()}});
    g_sim = &sim;
    const std::string context =
        "<cc:Context><co:MandantId>Praxis1</co:MandantId><co:ClientSystemId>PVS1</co:ClientSystemId><co:WorkplaceId>Empfang</co:WorkplaceId></cc:Context>";
    for (const auto& [op, file] : {std::pair<std::string, std::string*>{"GetCardTerminals", &g_soapTerminals},
                                   {"GetResourceInformation", &g_soapResources}}) {
        *file = (dir / (op + ".xml")).string();
        writeFile(*file, "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><ev:" + op +
                             " xmlns:ev=\"http://ws.gematik.de/conn/EventService/v7.2\" xmlns:cc=\"http://ws.gematik.de/conn/ConnectorContext/v2.0\" "
                             "xmlns:co=\"http://ws.gematik.de/conn/ConnectorCommon/v5.0\">" + context + "</ev:" + op + "></s:Body></s:Envelope>");
    }

    int n = static_cast<int>(rest.size());
    benchmark::Initialize(&n, rest.data());
    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    const auto ratio = [&](const char* a, const char* b) {
        const auto x = reporter.times.find(a), y = reporter.times.find(b);
        if (x == reporter.times.end() || y == reporter.times.end() || y->second == 0) return;
        std::cout << "RATIO " << a << " / " << b << " = " << x->second / y->second << "\n";
    };
    ratio("BM_StatusCheck_tiservice/min_time:2.000", "BM_StatusCheck_threeCurlCalls/min_time:2.000");
    ratio("BM_AdapterLoadAndInit", "BM_AdapterLoadAndInit_emptyLibrary");

    // Download + verify at several sizes, each in its own process for an honest peak RSS.
    const auto tuf = (std::filesystem::path(TISERVICE_BIN_DIR) / "tiservice-tuf").string();
    for (const long mb : sizesMb) {
        const auto file = dir / ("firmware-" + std::to_string(mb) + ".bin");
        {
            std::ofstream out(file, std::ios::binary);
            std::vector<char> block(1 << 20);
            for (std::size_t i = 0; i < block.size(); ++i) block[i] = static_cast<char>(i * 131 + 7);
            for (long i = 0; i < mb; ++i) {
                block[0] = static_cast<char>(i);
                out.write(block.data(), static_cast<std::streamsize>(block.size()));
            }
        }
        const std::string target = "firmware/" + file.filename().string();
        if (!repo->addTarget(file, target).ok() || !repo->publish().ok()) {
            std::cerr << "publishing failed\n";
            return 1;
        }
        std::filesystem::remove(file);
        const auto meta = (dir / ("meta-" + std::to_string(mb))).string();
        runQuiet({tuf, "--metadata-dir", meta, "init", repo->trustedRootFile().string()});
        long tufRss = 0, curlRss = 0, dgstRss = 0;
        auto t0 = std::chrono::steady_clock::now();
        const int rc = runQuiet({tuf, "--metadata-dir", meta, "--metadata-url", sim.updatesBase() + "metadata/", "--target-name", target,
                                 "--target-base-url", sim.updatesBase() + "targets/", "--target-dir", (dir / "out").string(), "download"},
                                &tufRss);
        const double tufSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        t0 = std::chrono::steady_clock::now();
        runQuiet({"curl", "-sf", "-o", (dir / "curl.bin").string(), sim.updatesBase() + "targets/" + target}, &curlRss);
        runQuiet({"openssl", "dgst", "-sha256", (dir / "curl.bin").string()}, &dgstRss);
        const double curlSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::cout << "DOWNLOAD " << mb << " MB: tiservice-tuf refresh+download+verify " << tufSeconds << " s (" << mb / tufSeconds
                  << " MB/s, exit " << rc << ", peak RSS " << tufRss / 1024 << " MB); curl+openssl dgst " << curlSeconds << " s ("
                  << mb / curlSeconds << " MB/s, peak RSS curl " << curlRss / 1024 << " MB, openssl " << dgstRss / 1024
                  << " MB); RATIO time " << tufSeconds / curlSeconds << "\n";
        std::filesystem::remove_all(dir / "out");
        std::filesystem::remove(dir / "curl.bin");
        for (const auto& e : std::filesystem::recursive_directory_iterator(repo->targetsDir() / "firmware"))
            if (e.is_regular_file()) std::filesystem::remove(e.path());
    }
    return 0;
}

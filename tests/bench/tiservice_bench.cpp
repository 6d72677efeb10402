// Benchmarks, each next to its baseline in the same run, printed as ratios. Figures a user
// meets are timed as they meet them: whole processes, paired runs (A and B in turn), the median
// with min and max.
//   in process (Google Benchmark): the connector read over one TLS connection vs three curl
//       processes; konnektor-sim's connector.sds requests per second;
//   whole processes (--pairs=N, default 5):
//     `tiservice status` cold (a fresh state folder: the TUF refresh from the root) and warm
//       vs three curl calls fetching the same documents;
//     `tiservice-tuf … download` (refresh + download + verify) vs `curl -o` + `openssl dgst
//       -sha256` at each of --sizes-mb over HTTP and over TLS, with each process's peak memory;
//       and vs the same with `sync FILE` after it: the file on the disk, as ours is before its
//       rename (the sync also keeps curl's dirty pages from being written back during our run);
//     the MEDISTAR adapter in a fresh C host process (tests/plugins/c_host): cold load
//       (dlopen + create + init) vs dlopen of an empty library in a fresh process, memory and
//       threads after the first check (and the memory of its engine process apart), the longest call on the host's
//       thread, the first notice cold and warm, and shutdown while the check waits for a connector that answers after
//       2 s, after 20 s, or never.
// Never part of the test suite: speed is measured here, not asserted.
//   build/bench/bin/tiservice_bench [--sizes-mb=20,200,1024] [--pairs=5] [--benchmark_filter=…]

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include "support/silent_connector.h"
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

/// Median, min and max of paired runs.
struct Spread {
    double median = 0, min = 0, max = 0;
};

Spread spread(std::vector<double> v) {
    if (v.empty()) return {};
    std::sort(v.begin(), v.end());
    const auto n = v.size();
    return {n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2, v.front(), v.back()};
}

std::string show(const Spread& s, double scale, const char* unit, int precision = 3) {
    std::ostringstream o;
    o.setf(std::ios::fixed);
    o.precision(precision);
    o << s.median * scale << (*unit ? " " : "") << unit << " (" << s.min * scale << "–" << s.max * scale << ")";
    return o.str();
}

/// Runs a whole process and returns its wall time in seconds (its peak memory in `maxRssKb`).
double timed(const std::vector<std::string>& argv, long* maxRssKb = nullptr, int* exitCode = nullptr) {
    const auto t0 = std::chrono::steady_clock::now();
    const int rc = runQuiet(argv, maxRssKb);
    if (exitCode) *exitCode = rc;
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/// Runs a whole process and returns what it printed on stdout.
std::string output(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {}) {
    int pipeFds[2];
    if (::pipe(pipeFds) != 0) return {};
    const pid_t pid = fork();
    if (pid == 0) {
        const int devnull = ::open("/dev/null", O_WRONLY);
        dup2(pipeFds[1], 1);
        dup2(devnull, 2);
        ::close(pipeFds[0]);
        for (const auto& [k, v] : env) ::setenv(k.c_str(), v.c_str(), 1);
        std::vector<char*> a;
        for (const auto& x : argv) a.push_back(const_cast<char*>(x.c_str()));
        a.push_back(nullptr);
        execvp(a[0], a.data());
        _exit(127);
    }
    ::close(pipeFds[1]);
    std::string out;
    char buffer[4096];
    for (ssize_t n; (n = ::read(pipeFds[0], buffer, sizeof buffer)) > 0;)
        out.append(buffer, static_cast<std::size_t>(n));
    ::close(pipeFds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    return out;
}

/// One number of a `FIGURES key=value …` line, or -1.
double figure(const std::string& out, const std::string& key) {
    const auto line = out.find("FIGURES ");
    if (line == std::string::npos) return -1;
    const auto at = out.find(" " + key + "=", line);
    if (at == std::string::npos) return -1;
    return std::stod(out.substr(at + key.size() + 2));
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
BENCHMARK(BM_Simulator_sdsRequests)->Arg(1)->Arg(4)->Iterations(1)->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
    std::vector<long> sizesMb{20, 200, 1024};
    int pairs = 5;
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
        } else if (a.rfind("--pairs=", 0) == 0) {
            pairs = std::max(1, std::stoi(a.substr(8)));
        } else if (a.rfind("--dlopen-only=", 0) == 0) {
            // The baseline of the adapter's cold load: dlopen of a library in a fresh process.
            const auto t0 = std::chrono::steady_clock::now();
            void* lib = dlopen(a.substr(14).c_str(), RTLD_NOW | RTLD_LOCAL);
            const double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
            std::cout << "FIGURES load_us=" << us << "\n";
            return lib ? 0 : 1;
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

    const auto bin = std::filesystem::path(TISERVICE_BIN_DIR);
    const auto lib = bin.parent_path() / "lib";
    const auto ms = [](const Spread& x) { return show(x, 1000, "ms", 1); };
    std::cout << "\nWhole processes, " << pairs << " pairs each (median, min–max):\n";

    // --- tiservice status, cold and warm, vs three curl calls -----------------------------
    const auto statusIni = dir / "status.ini";
    writeFile(statusIni,
              "[connector]\nsds_url = " + sim.sdsUrl() + "\nmanagement_url = " + sim.managementBase() +
                  "\nmandant_id = Praxis1\nclient_system_id = PVS1\nworkplace_id = Empfang\n[tls]\nmode = server\n"
                  "ca_file = " +
                  sim.caFile().string() + "\n[update_server]\nmetadata_url = " + sim.updatesBase() +
                  "metadata/\ntargets_url = " + sim.updatesBase() +
                  "targets/\ntrusted_root = " + repo->trustedRootFile().string() + "\n");
    {
        std::vector<double> cold, warm, curl3, ratioCold, ratioWarm;
        const auto status = [&](const std::filesystem::path& home) {
            return timed({"env", "HOME=" + home.string(), "XDG_STATE_HOME=" + (home / "state").string(),
                          "XDG_CONFIG_HOME=" + (home / "config").string(), (bin / "tiservice").string(), "status",
                          "--config", statusIni.string()});
        };
        const auto curls = [&] {
            const auto ca = g_sim->caFile().string();
            const auto es = g_sim->eventServiceUrl();
            return timed({"curl", "-sf", "--cacert", ca, "-o", "/dev/null", g_sim->sdsUrl()}) +
                   timed({"curl", "-sf", "--cacert", ca, "-o", "/dev/null", "-H", "Content-Type: text/xml",
                          "--data-binary", "@" + g_soapTerminals, es}) +
                   timed({"curl", "-sf", "--cacert", ca, "-o", "/dev/null", "-H", "Content-Type: text/xml",
                          "--data-binary", "@" + g_soapResources, es});
        };
        status(dir / "status-warm");  // the warm state: catalog verified once
        for (int i = 0; i < pairs; ++i) {
            const auto fresh = dir / ("status-cold-" + std::to_string(i));
            const double c = curls(), k = status(fresh), w = status(dir / "status-warm");
            curl3.push_back(c);
            cold.push_back(k);
            warm.push_back(w);
            ratioCold.push_back(k / c);
            ratioWarm.push_back(w / c);
        }
        std::cout << "STATUS tiservice status warm " << ms(spread(warm)) << ", cold " << ms(spread(cold))
                  << "; three curl calls " << ms(spread(curl3)) << "; RATIO warm " << show(spread(ratioWarm), 1, "", 2)
                  << ", cold " << show(spread(ratioCold), 1, "", 2) << "\n";
    }

    // --- the adapter in a fresh host process ----------------------------------------------
    {
        const auto adapter = (lib / "tiservice/adapters/libtiservice_adapter_medistar.so").string();
        const auto medistar = [&](const std::string& sds, const std::string& name, const SimulatorProcess& at) {
            const auto file = dir / name;
            writeFile(
                file,
                "Konnektor.Dienstverzeichnis = " + sds + "\nKonnektor.Verwaltung = " + at.managementBase() +
                    "\nKonnektor.MandantID = Praxis1\nKonnektor.ClientsystemID = PVS1\nKonnektor.ArbeitsplatzID = "
                    "Empfang\nKonnektor.Sicherheit = server\nKonnektor.CAZertifikat = " +
                    at.caFile().string() + "\nUpdate.Metadaten = " + sim.updatesBase() +
                    "metadata/\nUpdate.Dateien = " + sim.updatesBase() +
                    "targets/\nUpdate.Vertrauensbasis = " + repo->trustedRootFile().string() + "\n");
            return file.string();
        };
        const auto host = [&](const std::string& settings, const std::filesystem::path& state,
                              std::vector<std::string> extra = {}) {
            std::vector<std::string> argv{(bin / "c_host").string(), adapter, settings, state.string()};
            argv.insert(argv.end(), extra.begin(), extra.end());
            return output(argv, {{"HOME", (dir / "host-home").string()}});
        };
        const auto settings = medistar(sim.sdsUrl(), "medistar.settings", sim);
        host(settings, dir / "host-warm");
        std::vector<double> load, empty, longest, threads, rss, rssLoaded, anon, noticeCold, noticeWarm, loadRatio,
            engine;
        for (int i = 0; i < pairs; ++i) {
            const auto e = figure(output({(bin / "tiservice_bench").string(),
                                          "--dlopen-only=" + (lib / "test-plugins/libtest_empty_library.so").string()}),
                                  "load_us");
            const auto cold = host(settings, dir / ("host-cold-" + std::to_string(i)));
            const auto warm = host(settings, dir / "host-warm");
            empty.push_back(e / 1e6);
            load.push_back(figure(cold, "load_us") / 1e6);
            loadRatio.push_back(load.back() / empty.back());
            longest.push_back(std::max(figure(cold, "longest_call_us"), figure(warm, "longest_call_us")) / 1e6);
            threads.push_back(figure(cold, "plugin_threads"));
            rss.push_back(figure(cold, "rss_added_kb") / 1024);
            rssLoaded.push_back(figure(cold, "rss_loaded_kb") / 1024);
            anon.push_back(figure(cold, "anon_added_kb") / 1024);
            engine.push_back(figure(cold, "engine_rss_kb") / 1024);
            noticeCold.push_back(figure(cold, "first_notice_us") / 1e6);
            noticeWarm.push_back(figure(warm, "first_notice_us") / 1e6);
        }
        std::cout << "ADAPTER cold load (dlopen + create + init) " << ms(spread(load))
                  << "; dlopen of an empty library " << ms(spread(empty)) << "; RATIO "
                  << show(spread(loadRatio), 1, "", 1) << "\n";
        std::cout << "ADAPTER memory added once loaded " << show(spread(rssLoaded), 1, "MiB", 1)
                  << ", after the first check " << show(spread(rss), 1, "MiB", 1)
                  << " (allocated by the adapter itself: heap and stacks " << show(spread(anon), 1, "MiB", 1)
                  << "; the rest are pages of code and libraries)\n";
        std::cout << "ADAPTER the engine process beside the practice software (tiservice-engine) "
                  << show(spread(engine), 1, "MiB", 1) << " after the first check\n";
        std::cout << "ADAPTER threads of its own " << show(spread(threads), 1, "", 0)
                  << "; longest call on the host's thread " << show(spread(longest), 1e6, "µs", 0) << "\n";
        std::cout << "ADAPTER first notice cold " << ms(spread(noticeCold)) << ", warm " << ms(spread(noticeWarm))
                  << "\n";

        // Shutdown while the check waits: a connector answering after 2 s, after 20 s, never.
        SimulatorProcess slow2({.args = {"--fault-slow", "2000"}});
        SimulatorProcess slow20({.args = {"--fault-slow", "20000"}});
        SilentConnector silent;
        const std::vector<std::pair<std::string, std::string>> connectors{
            {"answers after 2 s", medistar(slow2.sdsUrl(), "slow2.settings", slow2)},
            {"answers after 20 s", medistar(slow20.sdsUrl(), "slow20.settings", slow20)},
            {"never answers", medistar("https://127.0.0.1:" + std::to_string(silent.port()) + "/connector.sds",
                                       "silent.settings", sim)}};
        for (const auto& [what, file] : connectors) {
            std::vector<double> shutdown;
            for (int i = 0; i < pairs; ++i)
                shutdown.push_back(figure(host(file, dir / "host-slow", {"--close-after", "1000"}), "shutdown_us") /
                                   1e6);
            std::cout << "SHUTDOWN closing after 1 s while the connector " << what << ": " << ms(spread(shutdown))
                      << "\n";
        }
    }

    // --- downloads: refresh + download + verify vs curl + openssl, HTTP and TLS -----------
    SimulatorProcess tlsUpdates({.args = {"--updates-dir", (dir / "repo/published").string(), "--updates-tls"}});
    const auto tuf = (bin / "tiservice-tuf").string();
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
        for (const bool tls : {false, true}) {
            const auto base = tls ? tlsUpdates.updatesBase() : sim.updatesBase();
            const auto ca = tls ? tlsUpdates.caFile().string() : std::string();
            const auto meta = (dir / ("meta-" + std::to_string(mb) + (tls ? "-tls" : ""))).string();
            runQuiet({tuf, "--metadata-dir", meta, "init", repo->trustedRootFile().string()});
            std::vector<std::string> ours{tuf,
                                          "--metadata-dir",
                                          meta,
                                          "--metadata-url",
                                          base + "metadata/",
                                          "--target-name",
                                          target,
                                          "--target-base-url",
                                          base + "targets/",
                                          "--target-dir",
                                          (dir / "out").string()};
            if (tls) ours.insert(ours.end(), {"--ca-file", ca});
            ours.push_back("download");
            std::vector<std::string> curl{"curl", "-sf", "-o", (dir / "curl.bin").string()};
            if (tls) curl.insert(curl.end(), {"--cacert", ca});
            curl.push_back(base + "targets/" + target);
            std::vector<double> a, b, r, d, rd;
            long peakOurs = 0, peakCurl = 0, peakDgst = 0;
            int failures = 0;
            for (int i = 0; i < pairs; ++i) {
                std::filesystem::remove_all(dir / "out");
                std::filesystem::remove(dir / "curl.bin");
                long rssOurs = 0, rssCurl = 0, rssDgst = 0;
                int rc = 0;
                double x = 0, y = 0;
                const auto runOurs = [&] { x = timed(ours, &rssOurs, &rc); };
                double synced = 0;
                const auto runTheirs = [&] {
                    y = timed(curl, &rssCurl) +
                        timed({"openssl", "dgst", "-sha256", (dir / "curl.bin").string()}, &rssDgst);
                    synced = y + timed({"sync", (dir / "curl.bin").string()});
                };
                if (i % 2 == 0) runOurs(), runTheirs();
                else runTheirs(), runOurs();
                failures += rc != 0;
                a.push_back(x);
                b.push_back(y);
                r.push_back(x / y);
                d.push_back(synced);
                rd.push_back(x / synced);
                peakOurs = std::max(peakOurs, rssOurs);
                peakCurl = std::max(peakCurl, rssCurl);
                peakDgst = std::max(peakDgst, rssDgst);
            }
            std::cout << "DOWNLOAD " << mb << " MB over " << (tls ? "TLS " : "HTTP") << ": tiservice-tuf "
                      << show(spread(a), 1, "s") << ", peak " << peakOurs / 1024 << " MiB"
                      << (failures ? " (FAILED " + std::to_string(failures) + "×)" : "") << "; curl + openssl "
                      << show(spread(b), 1, "s") << ", peak " << peakCurl / 1024 << " / " << peakDgst / 1024
                      << " MiB; RATIO " << show(spread(r), 1, "", 2) << "; with sync FILE " << show(spread(d), 1, "s")
                      << ", RATIO " << show(spread(rd), 1, "", 2) << "\n";
        }
        std::filesystem::remove_all(dir / "out");
        std::filesystem::remove(dir / "curl.bin");
        for (const auto& e : std::filesystem::recursive_directory_iterator(repo->targetsDir() / "firmware"))
            if (e.is_regular_file()) std::filesystem::remove(e.path());
    }
    return 0;
}

// The engine's HTTP(S) client against konnektor-sim over real TLS on loopback.
#include <gtest/gtest.h>

#include <QCryptographicHash>
#include <QJsonArray>

#include <algorithm>
#include <atomic>
#include <thread>

#ifdef __linux__
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

#include "support/silent_connector.h"
#include "support/simulator.h"
#include "tiservice/net/http_client.h"

using namespace tiservice;
using namespace tiservice::net;
using namespace tiservice::testing;
using namespace std::chrono_literals;

namespace {

ClientOptions trusting(const SimulatorProcess& sim) {
    ClientOptions o;
    o.caFile = sim.caFile();
    o.maxAttempts = 3;
    o.retryBaseDelay = 10ms;
    return o;
}

std::string errorCode(const Result<Response>& r) { return r.ok() ? "ok " + std::to_string(r->status) : r.error().code; }

long requestsServed(const SimulatorProcess& sim) {
    return static_cast<long>(sim.control("GET", "/state")["connectors"].toArray()[0].toObject()["requests"].toDouble());
}

}  // namespace

TEST(Url, ParsesHostsPortsAndTargets) {
    auto u = Url::parse("https://192.168.1.10:8443/connector.sds");
    ASSERT_TRUE(u.ok());
    EXPECT_EQ(u->host, "192.168.1.10");
    EXPECT_EQ(u->port, 8443);
    EXPECT_EQ(u->target, "/connector.sds");
    u = Url::parse("http://konnektor.konlan");
    ASSERT_TRUE(u.ok());
    EXPECT_EQ(u->port, 80);
    EXPECT_EQ(u->target, "/");
    u = Url::parse("HTTPS://[::1]:9443/api?x=1");
    ASSERT_TRUE(u.ok());
    EXPECT_EQ(u->host, "::1");
    EXPECT_EQ(u->hostPort(), "[::1]:9443");
    EXPECT_EQ(u->target, "/api?x=1");
    for (const char* bad : {"konnektor/connector.sds", "ftp://x/", "https://:443/", "https://x:0/", "https://x:99999/",
                            "https://user:pw@x/", "https://x:12ab/"}) {
        auto r = Url::parse(bad);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().code, errors::kInvalidUrl);
    }
    // A password someone wrote into the address is never repeated, whatever else is wrong with it.
    for (const char* secret :
         {"https://koco-root:Praxis2025!@192.168.1.10/connector.sds",
          "koco-root:Praxis2025!@192.168.1.10/connector.sds", "ftp://admin:Praxis2025!@x/",
          "https://admin:Praxis2025#!@192.168.1.10/connector.sds", "https://admin:Praxis2025/!@192.168.1.10/",
          "https://admin:Praxis2025?!@192.168.1.10/"}) {
        auto r = Url::parse(secret);
        ASSERT_FALSE(r.ok()) << secret;
        const auto told = r.error().describe(Language::German) + r.error().describe(Language::English);
        EXPECT_EQ(told.find("Praxis2025"), std::string::npos) << told;
        EXPECT_NE(told.find("******@"), std::string::npos) << told;
    }
    EXPECT_EQ(Url::withoutUserInfo("https://a:b@[::1]:9443/x"), "https://******@[::1]:9443/x");
    EXPECT_EQ(Url::withoutUserInfo("https://192.168.1.10/api"), "https://192.168.1.10/api");
}

TEST(HttpClient, FetchesOverTlsWithTheConnectorsCaAndReusesTheConnection) {
    SimulatorProcess sim;
    HttpClient client(trusting(sim));
    auto first = client.send({.url = sim.sdsUrl()});
    ASSERT_TRUE(first.ok()) << first.error().describe(Language::English);
    EXPECT_EQ(first->status, 200);
    EXPECT_NE(first->body.find("KOCOC"), std::string::npos);
    EXPECT_NE(first->header("content-type").find("xml"), std::string::npos);
    auto second = client.send({.url = sim.sdsUrl()});
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(client.connectionsOpened(), 1);
}

TEST(HttpClient, PlainHttpWorks) {
    SimulatorProcess sim({.args = {"--tls", "off"}});
    HttpClient client(ClientOptions{});
    auto r = client.send({.url = sim.sdsUrl()});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, 200);
}

TEST(HttpClient, UntrustedCertificateIsNamed) {
    SimulatorProcess sim;
    HttpClient client(ClientOptions{});  // system trust store: does not know the simulator's CA
    auto r = client.send({.url = sim.sdsUrl()});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, errors::kCertificateUntrusted);
    EXPECT_NE(r.error().message.de.find("nicht vertraut"), std::string::npos);
    EXPECT_NE(r.error().action.en.find("CA file"), std::string::npos);
}

TEST(HttpClient, CertificateForAnotherNameIsANameMismatch) {
    SimulatorProcess sim({.args = {"--listen", "127.0.0.2"}});
    HttpClient client(trusting(sim));
    auto r = client.send({.url = sim.sdsUrl()});  // https://127.0.0.2:…: the certificate names 127.0.0.1
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, errors::kNameMismatch);
    auto o = trusting(sim);
    o.checkHostName = false;
    HttpClient lax(o);
    EXPECT_EQ(errorCode(lax.send({.url = sim.sdsUrl()})), "ok 200");
}

TEST(HttpClient, MissingClientCertificateIsNamedAndTheIssuedOneWorks) {
    TempDir dir;
    writeFile(dir / "pw", "p12-Geheim\n");
    SimulatorProcess sim({.args = {"--tls", "client", "--client-p12", (dir / "client.p12").string(),
                                   "--client-p12-password-file", (dir / "pw").string()}});
    HttpClient without(trusting(sim));
    EXPECT_EQ(errorCode(without.send({.url = sim.sdsUrl()})), errors::kClientCertificateRequired);

    auto o = trusting(sim);
    o.clientCertificate = ClientCertificate{dir / "client.p12", "p12-Geheim"};
    HttpClient with(o);
    EXPECT_EQ(errorCode(with.send({.url = sim.sdsUrl()})), "ok 200");

    o.clientCertificate = ClientCertificate{dir / "client.p12", "falsch"};
    HttpClient wrongPassword(o);
    EXPECT_EQ(errorCode(wrongPassword.send({.url = sim.sdsUrl()})), errors::kClientCertificateUnreadable);
}

TEST(HttpClient, WrongBasicAuthCredentialsAreNamed) {
    TempDir dir;
    writeFile(dir / "pw", "richtig-1\n");
    SimulatorProcess sim({.args = {"--basic-auth-user", "pvs", "--basic-auth-password-file", (dir / "pw").string()}});
    auto o = trusting(sim);
    o.basicAuth = BasicAuth{"pvs", "falsch"};
    HttpClient wrong(o);
    auto r = wrong.sendExpectingSuccess({.url = sim.sdsUrl()});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, errors::kWrongCredentials);
    o.basicAuth = BasicAuth{"pvs", "richtig-1"};
    HttpClient right(o);
    EXPECT_EQ(errorCode(right.sendExpectingSuccess({.url = sim.sdsUrl()})), "ok 200");
}

TEST(HttpClient, ClosedPortIsUnreachable) {
    const ClosedPort closed;  // nothing listens there
    const std::string url = closed.httpsBase() + "/connector.sds";
    auto o = ClientOptions{};
    o.retryBaseDelay = 1ms;
    HttpClient client(o);
    auto r = client.send({.url = url});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, errors::kUnreachable);
    EXPECT_NE(r.error().message.de.find("nicht erreichbar"), std::string::npos);
}

TEST(HttpClient, SlowAnswerTimesOut) {
    SimulatorProcess sim({.args = {"--fault-slow", "3000"}});
    auto o = trusting(sim);
    o.readTimeout = 300ms;
    o.totalTimeout = 1s;
    HttpClient client(o);
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(errorCode(client.send({.url = sim.sdsUrl()})), errors::kTimeout);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 2500ms);  // the total timeout holds, retries included
}

TEST(HttpClient, ACancelledTlsRequestEndsAtOnceInTheHandshakeAndWhileWaitingForTheAnswer) {
    // What a practice software's shutdown and fleet's deadlines do: the thread's cancellation says
    // stop while a TLS request waits — once in the handshake (a connector that takes the
    // connection and never says a word), once for the answer (one that answers 20 s late). The
    // request ends at once with "cancelled", and the client is whole afterwards (the sanitizer
    // build checks that nothing pending still reads a freed TLS stream).
    SimulatorProcess sim({.args = {"--fault-slow", "20000"}});
    const SilentConnector silent;
    auto o = trusting(sim);
    o.readTimeout = 30s;
    o.totalTimeout = 60s;
    HttpClient client(o);
    const std::string handshake = "https://127.0.0.1:" + std::to_string(silent.port()) + "/connector.sds";
    for (const auto& url : {handshake, sim.sdsUrl()}) {
        std::atomic<bool> stop{false};
        std::thread stopper([&] {
            std::this_thread::sleep_for(300ms);
            stop = true;
        });
        const auto start = std::chrono::steady_clock::now();
        const auto r = [&] {
            const ThreadCancellation cancellation([&] { return stop.load(); });
            return client.send({.url = url});
        }();
        const auto took = std::chrono::steady_clock::now() - start;
        stopper.join();
        EXPECT_EQ(errorCode(r), errors::kCancelled) << url;
        EXPECT_LT(took, 3s) << url;
    }
}

TEST(HttpClient, OversizedAnswerIsRefused) {
    SimulatorProcess sim;
    auto o = trusting(sim);
    o.maxResponseBytes = 512;
    HttpClient client(o);
    EXPECT_EQ(errorCode(client.send({.url = sim.sdsUrl()})), errors::kResponseTooLarge);
}

TEST(HttpClient, TruncatedAnswerIsALostConnection) {
    SimulatorProcess sim({.args = {"--fault-malformed", "truncated"}});
    auto o = trusting(sim);
    o.maxAttempts = 1;
    HttpClient client(o);
    EXPECT_EQ(errorCode(client.send({.url = sim.sdsUrl()})), errors::kConnectionLost);
}

TEST(HttpClient, IdempotentRequestsAreRetriedOthersAreNot) {
    SimulatorProcess sim({.args = {"--fault-drop", "1"}});
    HttpClient client(trusting(sim));
    const auto before = requestsServed(sim);
    EXPECT_EQ(errorCode(client.send({.url = sim.sdsUrl()})), errors::kConnectionLost);
    EXPECT_EQ(requestsServed(sim) - before, 3);
    HttpClient other(trusting(sim));
    EXPECT_EQ(errorCode(other.send({.method = "POST", .url = sim.eventServiceUrl(), .body = "<x/>"})),
              errors::kConnectionLost);
    EXPECT_EQ(requestsServed(sim) - before, 4);
}

TEST(HttpClient, StatusErrorsKeepTheAnswerForSendAndBecomeErrorsForSendExpectingSuccess) {
    SimulatorProcess sim;
    HttpClient client(trusting(sim));
    EXPECT_EQ(errorCode(client.send({.url = sim.serviceBase() + "/nothing"})), "ok 404");
    auto r = client.sendExpectingSuccess({.url = sim.serviceBase() + "/nothing"});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, errors::kHttpStatus);
    EXPECT_NE(r.error().message.en.find("HTTP 404"), std::string::npos);
}

TEST(HttpClient, ReconnectsAfterThePeerRebooted) {
    SimulatorProcess sim({.timeScale = 600});
    HttpClient client(trusting(sim));
    ASSERT_EQ(errorCode(client.send({.url = sim.sdsUrl()})), "ok 200");
    const auto token = sim.login("Praxis2026!");
    ASSERT_EQ(sim.management("POST", "/reboot", token).status, 202);
    ASSERT_TRUE(SimulatorProcess::waitFor([&] { return sim.request("GET", sim.sdsUrl()).status == 0; }, 5s));
    ASSERT_TRUE(SimulatorProcess::waitFor([&] { return client.send({.url = sim.sdsUrl()}).ok(); }, 10s));
    EXPECT_GE(client.connectionsOpened(), 2);
}

// --- streaming downloads -------------------------------------------------------------------

namespace {

std::string pattern(std::size_t n) {
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>('a' + (i * 7 + i / 251) % 26);
    return s;
}

/// The file's SHA-256 as an independent tool computes it (sha256sum; on Windows Qt's own hash).
std::string sha256sum(const std::filesystem::path& file) {
#ifdef _WIN32
    const auto bytes = QByteArray::fromStdString(readFile(file));
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().toStdString();
#else
    const auto r = runProcess({"/usr/bin/sha256sum", file.string()});
    return r.out.substr(0, 64);
#endif
}

}  // namespace

TEST(HttpClientDownload, StreamsToAFileAndHashesOnTheFly) {
    TempDir dir;
    writeFile(dir / "srv/firmware.bin", pattern(3 * 1024 * 1024 + 17));
    SimulatorProcess sim({.args = {"--updates-dir", (dir / "srv").string()}});
    HttpClient client(ClientOptions{.peerName = LocalizedText::fromData("Der Update-Server", "The update server")});
    std::uint64_t lastProgress = 0;
    auto r = client.download(sim.updatesBase() + "firmware.bin", dir / "out.bin",
                             {.maxBytes = 4 * 1024 * 1024, .hashAlgorithms = {"sha256", "sha512"},
                              .progress = [&](std::uint64_t got, std::optional<std::uint64_t>) { lastProgress = got; }});
    ASSERT_TRUE(r.ok()) << r.error().describe(Language::English);
    EXPECT_EQ(r->bytes, 3u * 1024 * 1024 + 17);
    EXPECT_EQ(lastProgress, r->bytes);
    EXPECT_EQ(r->hashes.at("sha256"), sha256sum(dir / "out.bin"));
    EXPECT_EQ(r->hashes.at("sha512").size(), 128u);
    EXPECT_EQ(readFile(dir / "out.bin"), readFile(dir / "srv/firmware.bin"));
}

TEST(HttpClientDownload, StopsAtTheByteLimitInsteadOfReadingEndlessData) {
    TempDir dir;
    writeFile(dir / "srv/big.bin", pattern(2 * 1024 * 1024));
    SimulatorProcess sim({.args = {"--updates-dir", (dir / "srv").string()}});
    HttpClient client(ClientOptions{});
    auto r = client.download(sim.updatesBase() + "big.bin", dir / "out.bin", {.maxBytes = 100'000});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, errors::kResponseTooLarge);
    EXPECT_LE(std::filesystem::file_size(dir / "out.bin"), 100'000u + 65'536u);
}

TEST(HttpClientDownload, ResumesAPartialFileWithRange) {
    TempDir dir;
    const auto content = pattern(1024 * 1024);
    writeFile(dir / "srv/fw.bin", content);
    writeFile(dir / "out.bin", content.substr(0, 300'000));
    SimulatorProcess sim({.args = {"--updates-dir", (dir / "srv").string()}});
    HttpClient client(ClientOptions{});
    auto r = client.download(sim.updatesBase() + "fw.bin", dir / "out.bin", {.maxBytes = 2'000'000, .resume = true});
    ASSERT_TRUE(r.ok()) << r.error().describe(Language::English);
    EXPECT_TRUE(r->resumed);
    EXPECT_EQ(r->bytes, content.size());
    EXPECT_EQ(r->hashes.at("sha256"), sha256sum(dir / "srv/fw.bin"));
    EXPECT_EQ(readFile(dir / "out.bin"), content);
}

TEST(HttpClientDownload, ResumesOverTlsFromAnyByteAndEndsWithExactlyTheServersFile) {
    // A part that ends in the middle of a disk block, a file whose end is not on one either:
    // the blocks that go to the disk directly must line up with the file all the same.
    TempDir dir;
    const auto content = pattern(5 * 1024 * 1024 + 123);
    writeFile(dir / "srv/fw.bin", content);
    writeFile(dir / "out.bin", content.substr(0, 1'234'567));
    SimulatorProcess sim({.args = {"--updates-dir", (dir / "srv").string(), "--updates-tls"}});
    HttpClient client(trusting(sim));
    auto r = client.download(sim.updatesBase() + "fw.bin", dir / "out.bin", {.maxBytes = 8'000'000, .resume = true});
    ASSERT_TRUE(r.ok()) << r.error().describe(Language::English);
    EXPECT_TRUE(r->resumed);
    EXPECT_EQ(r->bytes, content.size());
    EXPECT_EQ(r->hashes.at("sha256"), sha256sum(dir / "srv/fw.bin"));
    EXPECT_TRUE(readFile(dir / "out.bin") == content);
}

TEST(HttpClientDownload, SpeaksTls12WithAServerThatOffersNothingNewer) {
    // Connectors and update servers in the field speak TLS 1.2; the simulator offers only that.
    TempDir dir;
    const auto content = pattern(3 * 1024 * 1024 + 5);
    writeFile(dir / "srv/fw.bin", content);
    SimulatorProcess sim({.args = {"--tls-max", "1.2", "--updates-dir", (dir / "srv").string(), "--updates-tls"}});
#ifndef _WIN32
    const auto url = Url::parse(sim.sdsUrl());
    ASSERT_TRUE(url.ok());
    const auto hostPort = url->host + ":" + std::to_string(url->port);
    EXPECT_NE(runProcess({"/usr/bin/openssl", "s_client", "-connect", hostPort, "-tls1_3"}).exitCode, 0)
        << "the simulator must not offer TLS 1.3 here";
    EXPECT_EQ(runProcess({"/usr/bin/openssl", "s_client", "-connect", hostPort, "-tls1_2"}).exitCode, 0);
#endif
    HttpClient client(trusting(sim));
    auto sds = client.send({.url = sim.sdsUrl()});
    ASSERT_TRUE(sds.ok()) << sds.error().describe(Language::English);
    EXPECT_NE(sds->body.find("KOCOC"), std::string::npos);
    auto r = client.download(sim.updatesBase() + "fw.bin", dir / "out.bin", {.maxBytes = 4'000'000});
    ASSERT_TRUE(r.ok()) << r.error().describe(Language::English);
    EXPECT_EQ(r->hashes.at("sha256"), sha256sum(dir / "srv/fw.bin"));
    EXPECT_TRUE(readFile(dir / "out.bin") == content);
}

#ifdef __linux__
TEST(HttpClientDownload, AFirmwareFileGoesToTheDiskWithoutFillingTheMemoryOfThePc) {
    // Written once and read once much later: the download goes past the page cache (where the
    // file system allows it), so it neither pushes the practice's files out of memory nor
    // leaves a gigabyte for the fsync before the rename.
    TempDir dir;
    std::filesystem::create_directories(dir / "probe");
    const int probe = ::open((dir / "probe/direct").c_str(), O_CREAT | O_WRONLY | O_DIRECT, 0600);
    if (probe < 0) GTEST_SKIP() << "the file system of " << dir.path() << " takes no direct writes";
    ::close(probe);
    const auto content = pattern(16 * 1024 * 1024 + 100);
    writeFile(dir / "srv/fw.bin", content);
    SimulatorProcess sim({.args = {"--updates-dir", (dir / "srv").string()}});
    HttpClient client(ClientOptions{});
    auto r = client.download(sim.updatesBase() + "fw.bin", dir / "out.bin", {.maxBytes = 20'000'000});
    ASSERT_TRUE(r.ok()) << r.error().describe(Language::English);

    const int fd = ::open((dir / "out.bin").c_str(), O_RDONLY);
    ASSERT_GE(fd, 0);
    const std::size_t size = content.size();
    void* map = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
    ASSERT_NE(map, MAP_FAILED);
    const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    std::vector<unsigned char> resident((size + page - 1) / page);
    ASSERT_EQ(::mincore(map, size, resident.data()), 0);
    const auto inMemory = std::count_if(resident.begin(), resident.end(), [](unsigned char c) { return c & 1; });
    ::munmap(map, size);
    ::close(fd);
    EXPECT_LE(inMemory, 2) << "of " << resident.size() << " pages";  // the last, partial page went through the cache
    EXPECT_EQ(r->hashes.at("sha256"), sha256sum(dir / "out.bin"));
    EXPECT_TRUE(readFile(dir / "out.bin") == content);
}
#endif

TEST(HttpClientDownload, MissingFileIsAnErrorAndWritesNothingUseful) {
    TempDir dir;
    std::filesystem::create_directories(dir / "srv");
    SimulatorProcess sim({.args = {"--updates-dir", (dir / "srv").string()}});
    HttpClient client(ClientOptions{});
    auto r = client.download(sim.updatesBase() + "missing.bin", dir / "out.bin", {.maxBytes = 1000});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, errors::kHttpStatus);
    EXPECT_EQ(std::filesystem::file_size(dir / "out.bin"), 0u);
}

TEST(HttpClientDownload, AStalledDownloadEndsAfterOneSilenceWithATimeout) {
    TempDir dir;
    writeFile(dir / "srv/fw.bin", pattern(2 * 1024 * 1024));
    SimulatorProcess sim({.args = {"--updates-dir", (dir / "srv").string(), "--fault-update-stalls-after", "300000"}});
    ClientOptions o;
    o.readTimeout = 400ms;
    o.totalTimeout = 20s;
    HttpClient client(o);
    const auto start = std::chrono::steady_clock::now();
    auto r = client.download(sim.updatesBase() + "fw.bin", dir / "out.bin", {.maxBytes = 3'000'000});
    const auto took = std::chrono::steady_clock::now() - start;
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, errors::kTimeout);
    EXPECT_GE(took, 400ms);                                            // not before the silence lasted readTimeout
    EXPECT_LT(took, 5s);                                               // and not waiting for the total timeout
    EXPECT_EQ(std::filesystem::file_size(dir / "out.bin"), 300'000u);  // what came is kept, for a resume
}

TEST(HttpClientDownload, ASlowDownloadThatKeepsComingIsNoStall) {
    // 640 KB at 400 KB/s: 1.6 s in all, four times the silence allowed, but never silent that long.
    TempDir dir;
    const auto content = pattern(640 * 1024);
    writeFile(dir / "srv/fw.bin", content);
    SimulatorProcess sim({.args = {"--updates-dir", (dir / "srv").string(), "--fault-update-rate", "409600"}});
    ClientOptions o;
    o.readTimeout = 400ms;
    o.totalTimeout = 20s;
    HttpClient client(o);
    auto r = client.download(sim.updatesBase() + "fw.bin", dir / "out.bin", {.maxBytes = 1'000'000});
    ASSERT_TRUE(r.ok()) << r.error().describe(Language::English);
    EXPECT_EQ(r->bytes, content.size());
    EXPECT_EQ(readFile(dir / "out.bin"), content);
}

TEST(HttpClientDownload, TheTotalTimeoutHoldsForADownloadThatNeverStalls) {
    TempDir dir;
    writeFile(dir / "srv/fw.bin", pattern(2 * 1024 * 1024));
    SimulatorProcess sim({.args = {"--updates-dir", (dir / "srv").string(), "--fault-update-rate", "409600"}});
    ClientOptions o;
    o.readTimeout = 2s;
    o.totalTimeout = 1s;  // the 2 MB would take 5 s
    HttpClient client(o);
    const auto start = std::chrono::steady_clock::now();
    auto r = client.download(sim.updatesBase() + "fw.bin", dir / "out.bin", {.maxBytes = 3'000'000});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, errors::kTimeout);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
}

TEST(HttpClientDownload, AFullDiskEndsTheDownloadWithAMessageInsteadOfWaiting) {
    // /dev/full: every write fails with "no space left on device", as on a full disk.
    TempDir dir;
    writeFile(dir / "srv/fw.bin", pattern(3 * 1024 * 1024));
    SimulatorProcess sim({.args = {"--updates-dir", (dir / "srv").string()}});
    HttpClient client(ClientOptions{});
    auto r = client.download(sim.updatesBase() + "fw.bin", "/dev/full", {.maxBytes = 4'000'000});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "store.write-failed");
    EXPECT_NE(r.error().describe(Language::German).find("Speicher"), std::string::npos)
        << r.error().describe(Language::German);
    EXPECT_NE(r.error().describe(Language::English).find("space"), std::string::npos)
        << r.error().describe(Language::English);
}

// bundle_bench: the bundle at the size of a UN climate summit (issue 18), each phase in a child
// process so that its peak memory is its own, beside the bare library doing the same work:
//   write      a whole bundle streamed to a file        vs bare SHA-256 over the same bytes
//   install    the kiosk's store made from the file     vs bare SQLite inserting the same rows
//   open       a kiosk start: signature + roster digest
//   lookup     a scan's photo lookup by holder          vs a bare prepared SELECT by key
//   delta      1,000 new people + 5,000 revocations: its size, its install on a second
//              connection, and the longest lookup the engine waited for meanwhile
// Usage: bundle_bench [PEOPLE=100000] [PHOTO_BYTES=6000]. It measures; it asserts nothing.
#include "bundle/bundle_reader.h"
#include "bundle/bundle_store.h"
#include "bundle/bundle_writer.h"
#include "support/demo_event.h"
#include "support/test_support.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <random>
#include <sodium.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace accred;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

std::string holder_id(std::size_t i) {
    char id[32];
    std::snprintf(id, sizeof id, "H%07zu", i);
    return id;
}

// A photo's bytes: deterministic, incompressible like a JPEG's.
std::string photo_of(std::size_t i, std::size_t bytes) {
    std::string photo(bytes, '\0');
    randombytes_buf_deterministic(
        photo.data(), photo.size(),
        reinterpret_cast<const unsigned char*>(std::string(32, static_cast<char>(i % 251)).data()));
    std::memcpy(photo.data(), &i, sizeof i); // distinct per holder
    return photo;
}

RosterWalk roster_walk(std::size_t first, std::size_t count, std::size_t photo_bytes) {
    return [=](const RosterVisitor& visit) -> Status {
        for (std::size_t i = first; i < first + count; ++i)
            if (auto s = visit(holder_id(i), photo_of(i, photo_bytes), {}); !s) return s;
        return success();
    };
}

KioskBundle policy(std::uint64_t version, std::size_t revoked, const SigningKey& key) {
    KioskBundle b;
    b.version = version;
    b.event = accred::test::demo_event();
    b.credential_keys = {key.public_key()};
    b.revocations.event_id = b.event.id;
    b.revocations.version = version;
    for (std::size_t i = 0; i < revoked; ++i) {
        CredentialId cti{};
        std::memcpy(cti.data(), &i, sizeof i);
        std::reverse(cti.begin(), cti.end()); // big-endian: ascending as i ascends
        b.revocations.revoked.push_back(cti);
    }
    for (std::uint32_t d = 0; d < 2500; ++d)
        b.delegations[d] = "Delegation " + std::to_string(d);
    return b;
}

ByteSink file_sink(int fd) {
    return [fd](std::span<const std::uint8_t> bytes) -> Status {
        if (::write(fd, bytes.data(), bytes.size()) != static_cast<ssize_t>(bytes.size()))
            return Error{"write failed"};
        return success();
    };
}

// Runs phase in a child process; prints its line and its peak memory.
void in_child(const char* name, const std::function<std::string()>& phase) {
    std::fflush(stdout);
    const pid_t pid = fork();
    if (pid == 0) {
        const std::string line = phase();
        rusage self{};
        getrusage(RUSAGE_SELF, &self);
        std::printf("%-8s %s; peak %.0f MB\n", name, line.c_str(),
                    static_cast<double>(self.ru_maxrss) / 1024.0);
        std::fflush(stdout);
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
}

double bare_sha256_ms(const std::string& path) {
    const auto t = Clock::now();
    const int fd = ::open(path.c_str(), O_RDONLY);
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    std::vector<unsigned char> buf(1 << 20);
    ssize_t n;
    while ((n = ::read(fd, buf.data(), buf.size())) > 0)
        crypto_hash_sha256_update(&st, buf.data(), static_cast<std::size_t>(n));
    ::close(fd);
    unsigned char out[32];
    crypto_hash_sha256_final(&st, out);
    return ms_since(t);
}

double bare_sqlite_insert_ms(const std::string& path, std::size_t people, std::size_t bytes) {
    const auto t = Clock::now();
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db,
                 "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; CREATE TABLE p(h TEXT "
                 "PRIMARY KEY, photo BLOB); BEGIN",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt* put = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO p VALUES (?1, ?2)", -1, &put, nullptr);
    for (std::size_t i = 0; i < people; ++i) {
        const std::string h = holder_id(i), photo = photo_of(i, bytes);
        sqlite3_bind_text(put, 1, h.data(), static_cast<int>(h.size()), SQLITE_TRANSIENT);
        sqlite3_bind_blob(put, 2, photo.data(), static_cast<int>(photo.size()), SQLITE_TRANSIENT);
        sqlite3_step(put);
        sqlite3_reset(put);
    }
    sqlite3_finalize(put);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return ms_since(t);
}

// Microseconds per lookup of random holders: the store's scan path, and a bare prepared SELECT.
std::pair<double, double> lookup_us(const std::string& store_path, const std::string& bare_path,
                                    std::size_t people, const PublicKey& key) {
    auto store = BundleStore::open(store_path, key);
    if (!store) return {-1, -1};
    std::mt19937 rng(7);
    const int n = 20000;
    auto t = Clock::now();
    for (int i = 0; i < n; ++i) {
        const std::string h = holder_id(rng() % people);
        auto sha = store->photo_sha256(h);
        auto photo = store->photo(h); // a grant shows the photo: both lookups
        if (!sha || !photo) return {-1, -1};
    }
    const double ours = ms_since(t) * 1000 / n;
    sqlite3* db = nullptr;
    sqlite3_open(bare_path.c_str(), &db);
    sqlite3_stmt* q = nullptr;
    sqlite3_prepare_v2(db, "SELECT photo FROM p WHERE h = ?1", -1, &q, nullptr);
    t = Clock::now();
    for (int i = 0; i < n; ++i) {
        const std::string h = holder_id(rng() % people);
        sqlite3_bind_text(q, 1, h.data(), static_cast<int>(h.size()), SQLITE_TRANSIENT);
        sqlite3_step(q);
        sqlite3_reset(q);
    }
    const double bare = ms_since(t) * 1000 / n;
    sqlite3_finalize(q);
    sqlite3_close(db);
    return {ours, bare};
}

} // namespace

int main(int argc, char** argv) {
    if (sodium_init() < 0) return 2;
    const std::size_t people = argc > 1 ? std::stoul(argv[1]) : 100000;
    const std::size_t bytes = argc > 2 ? std::stoul(argv[2]) : 6000;
    accred::test::TempDir dir;
    const SigningKey key = accred::test::key_from_label("bundle bench");
    const std::string file = dir.file("whole.acb"), store = dir.file("bundle.db");
    std::printf("bundle_bench: %zu people, %zu-byte photos, 2,500 delegations\n", people, bytes);
    in_child("write", [&] {
        const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const auto t = Clock::now();
        auto written = write_bundle_stream(policy(1, 0, key), roster_walk(0, people, bytes), key,
                                           file_sink(fd));
        ::close(fd);
        const double ms = ms_since(t);
        const double bare = bare_sha256_ms(file);
        char line[200];
        std::snprintf(line, sizeof line,
                      "%.0f MB in %.2f s (%zu chunks); bare SHA-256 of it %.2f s, ratio %.1fx",
                      written ? static_cast<double>(written->bytes) / 1e6 : -1.0, ms / 1000,
                      written ? written->chunks : 0, bare / 1000, ms / bare);
        return std::string(line);
    });
    in_child("install", [&] {
        ByteInput in = std::move(ByteInput::open_file(file)).value();
        const auto t = Clock::now();
        auto reader = BundleReader::open(in, key.public_key());
        const bool ok = reader && BundleStore::create(store, reader.value());
        const double ms = ms_since(t);
        const double bare = bare_sqlite_insert_ms(dir.file("bare.db"), people, bytes);
        char line[200];
        std::snprintf(line, sizeof line, "%s in %.2f s; bare SQLite inserts %.2f s, ratio %.1fx",
                      ok ? "store made" : "FAILED", ms / 1000, bare / 1000, ms / bare);
        return std::string(line);
    });
    in_child("open", [&] {
        const auto t = Clock::now();
        auto opened = BundleStore::open(store, key.public_key());
        char line[120];
        std::snprintf(line, sizeof line, "%s in %.0f ms (signature, roster digest over %zu)",
                      opened ? "verified" : "FAILED", ms_since(t), people);
        return std::string(line);
    });
    in_child("lookup", [&] {
        const auto [ours, bare] = lookup_us(store, dir.file("bare.db"), people, key.public_key());
        char line[160];
        std::snprintf(line, sizeof line,
                      "%.1f us per scan (digest + photo); bare SELECT %.1f us, ratio %.2fx", ours,
                      bare, ours / bare);
        return std::string(line);
    });
    in_child("delta", [&] {
        const std::string delta = dir.file("delta.acb");
        std::vector<RosterPhoto> all; // the roster after: everyone plus 1,000 walk-ins
        RosterDigest digest;
        for (std::size_t i = 0; i < people + 1000; ++i)
            (void)digest.add(holder_id(i), sha256_of(photo_of(i, bytes)));
        const int fd = ::open(delta.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        auto written =
            write_bundle_delta_stream(policy(2, 5000, key), {1, {}, digest.finish()},
                                      roster_walk(people, 1000, bytes), key, file_sink(fd));
        ::close(fd);
        // The engine keeps looking holders up while a second connection installs the delta.
        auto engine = std::move(BundleStore::open(store, key.public_key())).value();
        std::atomic<bool> done{false};
        double worst_ms = 0, install_ms = 0;
        bool installed = false;
        std::thread sync([&] {
            const auto t = Clock::now();
            ByteInput in(std::move(ByteInput::open_file(delta)).value());
            auto staging = BundleStore::open(store, key.public_key());
            auto reader = BundleReader::open(in, key.public_key());
            installed = staging && reader && staging->apply_delta(reader.value()).ok();
            install_ms = ms_since(t);
            done = true;
        });
        std::mt19937 rng(3);
        while (!done) {
            const auto t = Clock::now();
            (void)engine.photo_sha256(holder_id(rng() % people));
            worst_ms = std::max(worst_ms, ms_since(t));
        }
        sync.join();
        char line[200];
        std::snprintf(line, sizeof line,
                      "%.1f MB for 1,000 new people + 5,000 revocations; %s beside the engine in "
                      "%.2f s; the engine's longest lookup meanwhile %.2f ms",
                      written ? static_cast<double>(written->bytes) / 1e6 : -1.0,
                      installed ? "installed" : "FAILED", install_ms / 1000, worst_ms);
        return std::string(line);
    });
    return 0;
}

#include "fleet_load_desk.h"

#include "support/demo_event.h"

#include <cstdlib>
#include <fstream>

namespace accred::bench {

Outcome<LoadDesk> open_load_desk(const std::string& existing, const std::string& new_dir,
                                 const std::string& default_passphrase) {
    LoadDesk d;
    if (existing.empty()) {
        d.dir = new_dir;
        d.passphrase = default_passphrase;
        auto desk = Desk::create(new_dir, test::demo_event_toml(), test::demo_event(), d.passphrase,
                                 KdfCost::minimum_for_tests());
        if (!desk) return desk.error();
        d.desk.emplace(std::move(desk).value());
        return d;
    }
    const char* passphrase = std::getenv("ACCRED_PASSPHRASE");
    if (!passphrase || !*passphrase) return Error{"--desk needs the desk's $ACCRED_PASSPHRASE"};
    d.dir = existing;
    d.passphrase = passphrase;
    auto desk = Desk::open(existing);
    if (!desk) return desk.error();
    d.desk.emplace(std::move(desk).value());
    return d;
}

double peak_resident_kib(int pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("VmHWM:", 0) == 0) return std::atof(line.c_str() + 6);
    return 0;
}

Outcome<std::vector<LoadBadge>> desk_load_badges(Desk& desk, std::size_t max) {
    auto all = desk.credentials();
    if (!all) return all.error();
    std::vector<const StoredCredential*> valid;
    for (const auto& c : all.value())
        if (!c.revoked_reason) valid.push_back(&c);
    if (valid.empty()) return Error{"the desk has no issued, unrevoked credential"};
    std::vector<LoadBadge> out;
    const std::size_t n = std::min(max, valid.size());
    for (std::size_t i = 0; i < n; ++i) {
        const StoredCredential& c = *valid[i * valid.size() / n];
        out.push_back({c.holder, c.cti, c.issue, c.text});
    }
    return out;
}

} // namespace accred::bench

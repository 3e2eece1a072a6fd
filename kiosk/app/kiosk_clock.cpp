#include "kiosk_clock.h"

#include "event/moment_text.h"

#include <cmath>
#include <ctime>

namespace accred {

Outcome<KioskClock> KioskClock::simulated(const std::string& spec, const ResolvedZone& zone) {
    const auto comma = spec.find(',');
    auto start = parse_moment(zone, spec.substr(0, comma));
    if (!start) return Error{"--now: " + start.error().message};
    KioskClock clock;
    clock.simulated_ = true;
    clock.start_ = start.value();
    clock.real_start_ = std::chrono::steady_clock::now();
    if (comma != std::string::npos) {
        char* end = nullptr;
        const std::string speed = spec.substr(comma + 1);
        clock.speed_ = std::strtod(speed.c_str(), &end);
        if (end == speed.c_str() || *end != '\0' || !(clock.speed_ > 0) || clock.speed_ > 1e6)
            return Error{"--now: the speed after the comma must be a number above 0, e.g. ,60"};
    }
    return clock;
}

std::int64_t KioskClock::now() const {
    if (!simulated_) return static_cast<std::int64_t>(std::time(nullptr));
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - real_start_).count();
    return start_ + static_cast<std::int64_t>(std::floor(elapsed * speed_));
}

} // namespace accred

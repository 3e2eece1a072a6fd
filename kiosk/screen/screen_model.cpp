#include "screen_model.h"

#include <algorithm>
#include <sodium.h>

namespace accred {
namespace {

bool all_digits(const std::string& s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

ScreenModel::~ScreenModel() {
    clear_typed();
}

void ScreenModel::clear_typed() {
    // The buffer may hold a PIN.
    if (!typed_.empty()) sodium_memzero(typed_.data(), typed_.size());
    typed_.clear();
    typed_overflow_ = false;
}

void ScreenModel::on_text(std::string_view utf8) {
    if (typed_.size() + utf8.size() > kMaxTyped) {
        typed_overflow_ = true;
        return;
    }
    typed_.append(utf8);
}

void ScreenModel::on_digit(char digit) {
    if (pin_open_ && !pin_.checking && digit >= '0' && digit <= '9' &&
        typed_.size() < kMaxPinDigits)
        typed_ += digit;
}

void ScreenModel::on_supervisor(std::size_t index) {
    if (pin_open_ && index < supervisors_) pin_.supervisor = index;
}

std::size_t ScreenModel::pin_length() const {
    return all_digits(typed_) ? typed_.size() : 0;
}

ScreenMode ScreenModel::mode() const {
    if (pin_open_) return ScreenMode::pin_pad;
    if (locked_) return ScreenMode::locked;
    if (verdict_) return ScreenMode::verdict;
    return ScreenMode::waiting;
}

std::optional<ScreenRequest> ScreenModel::submit_line(const GateStatus& status) {
    if (typed_overflow_ || typed_.empty()) {
        clear_typed();
        return std::nullopt;
    }
    ScreenRequest r;
    // On the PIN pad only a credential ("AC1:...", a handheld scanner's line) is a scan;
    // anything else is a PIN attempt. A PIN must never reach the decision, the log or the
    // output, so a line that is not 1..12 digits is refused here and goes nowhere.
    if (pin_open_ && typed_.rfind("AC1:", 0) != 0) {
        if (pin_.checking || pin_.supervisor >= status.supervisors.size() || !all_digits(typed_) ||
            typed_.size() > kMaxPinDigits) {
            if (!pin_.checking) pin_.message_key = "pin.wrong";
            clear_typed();
            return std::nullopt;
        }
        r.kind = ScreenRequest::Kind::pin;
        r.purpose = pin_.purpose;
        r.text = status.supervisors[pin_.supervisor].first;
        r.pin = typed_;
        pin_.checking = true;
        pin_.message_key.clear();
        clear_typed();
        return r;
    }
    // Nobody at the gate to act on a verdict; or a short run of digits, which no badge is but a
    // PIN typed before opening the pad is: it must not be decided, logged and printed.
    if (locked_ || (all_digits(typed_) && typed_.size() <= kMaxPinDigits)) {
        clear_typed();
        return std::nullopt;
    }
    if (pin_open_ && pin_.purpose == PinPurpose::override_denial) pin_open_ = false;
    r.kind = ScreenRequest::Kind::scan;
    r.text = typed_;
    clear_typed();
    return r;
}

std::optional<ScreenRequest> ScreenModel::on_key(GuardKey key, const GateStatus& status) {
    switch (key) {
    case GuardKey::enter:
        return submit_line(status);
    case GuardKey::backspace:
        if (!typed_.empty()) {
            sodium_memzero(&typed_.back(), 1);
            typed_.pop_back();
        }
        return std::nullopt;
    case GuardKey::escape:
        if (pin_open_ && !pin_.checking) {
            pin_open_ = false;
            clear_typed();
        } else if (!pin_open_) {
            clear_typed(); // a half-typed line is abandoned
        }
        return std::nullopt;
    case GuardKey::tab:
        if (pin_open_ && supervisors_ > 0) pin_.supervisor = (pin_.supervisor + 1) % supervisors_;
        return std::nullopt;
    case GuardKey::language:
        language_ = (language_ + 1) % languages_;
        return std::nullopt;
    case GuardKey::mute:
        muted_ = !muted_;
        return std::nullopt;
    case GuardKey::lookup:
        return std::nullopt; // the app's own panel (manual_lookup_model.h)
    case GuardKey::screenshot:
        return ScreenRequest{ScreenRequest::Kind::screenshot, {}, {}, {}, false};
    case GuardKey::override:
        if (locked_ || pin_open_ || supervisors_ == 0) return std::nullopt;
        pin_open_ = true;
        pin_ = PinPad{PinPurpose::override_denial, 0, false,
                      status.override_possible ? "" : "pin.nothing", ""};
        clear_typed();
        return std::nullopt;
    case GuardKey::exit_mode:
        if (locked_ || pin_open_ || !status.exit_mode_allowed) return std::nullopt;
        return ScreenRequest{ScreenRequest::Kind::exit_mode, {}, {}, {}, !status.exit_mode};
    case GuardKey::lock:
        if (pin_open_) return std::nullopt;
        if (!locked_) {
            locked_ = true;
            verdict_.reset();
            clear_typed();
            return ScreenRequest{ScreenRequest::Kind::lock, {}, {}, {}, true};
        }
        if (supervisors_ == 0) return std::nullopt; // no PIN can unlock: restart the kiosk
        pin_open_ = true;
        pin_ = PinPad{PinPurpose::unlock, 0, false, "", ""};
        clear_typed();
        return std::nullopt;
    }
    return std::nullopt;
}

void ScreenModel::on_result(const WorkerResult& result, std::int64_t now_ms) {
    if (result.pin_purpose) {
        pin_.checking = false;
        switch (result.pin_result) {
        case PinCheck::accepted:
            pin_open_ = false;
            if (*result.pin_purpose == PinPurpose::unlock) locked_ = false;
            break;
        case PinCheck::wrong:
        case PinCheck::must_wait:
            // A wrong PIN that starts a wait says so at once, rather than at the next attempt.
            pin_.message_key = result.wait_seconds > 0 ? "pin.throttled" : "pin.wrong";
            pin_.message_arg = std::to_string(result.wait_seconds);
            break;
        case PinCheck::not_possible:
            pin_.message_key = "pin.not_possible";
            break;
        case PinCheck::nothing_to_override:
            pin_.message_key = "pin.nothing";
            break;
        }
    }
    if (result.verdict) {
        verdict_ = result.verdict;
        verdict_until_ms_ = now_ms + result.verdict->hold_ms;
        verdict_new_ = true;
        // A new decision while overriding the previous one: that override is moot.
        if (pin_open_ && pin_.purpose == PinPurpose::override_denial && !result.pin_purpose) {
            pin_open_ = false;
            clear_typed();
        }
    }
}

void ScreenModel::tick(std::int64_t now_ms) {
    // A verdict stays while the PIN pad is open over it (the supervisor is looking at it).
    if (verdict_ && !pin_open_ && now_ms >= verdict_until_ms_) verdict_.reset();
}

bool ScreenModel::take_new_verdict() {
    const bool fresh = verdict_new_;
    verdict_new_ = false;
    return fresh;
}

} // namespace accred

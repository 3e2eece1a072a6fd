// The screen's state machine: what is shown (waiting, a verdict, the PIN pad, the lock screen)
// and what the guard's keys and touches ask for. Pure: times are passed in, and requests come
// back as values for the app to carry out, so every guard action is tested without a window.
#pragma once

#include "kiosk/screen/engine_worker.h"
#include "kiosk/screen/verdict_view.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accred {

enum class ScreenMode { waiting, verdict, pin_pad, locked };

// Keys and on-screen buttons, by meaning. Function keys, so that a handheld scanner typing
// letters and digits into the window never triggers an action.
enum class GuardKey {
    enter,
    backspace,
    escape,
    tab,
    language,   // F1
    override,   // F2
    exit_mode,  // F3
    lock,       // F4
    mute,       // F5
    lookup,     // F6: the manual lookup panel, which the app runs (manual_lookup_model.h)
    screenshot, // F12
};

struct ScreenRequest {
    enum class Kind { scan, pin, exit_mode, lock, screenshot } kind = Kind::scan;
    std::string text; // the scanned line, or the supervisor id for a PIN
    std::string pin;  // the caller hands it to the worker, which wipes it
    PinPurpose purpose = PinPurpose::override_denial;
    bool flag = false; // exit mode on / locked
};

struct PinPad {
    PinPurpose purpose = PinPurpose::override_denial;
    std::size_t supervisor = 0; // index into the bundle's supervisors
    bool checking = false;      // sent to the worker, waiting for its answer
    std::string message_key;    // pin.wrong, pin.nothing... or empty
    std::string message_arg;    // {0} in the message (pin.throttled: seconds to wait)
};

class ScreenModel {
  public:
    // languages: how many the strings file has; supervisors: how many the bundle lists.
    ScreenModel(std::size_t languages, std::size_t supervisors)
        : languages_(languages == 0 ? 1 : languages), supervisors_(supervisors) {}
    ~ScreenModel();

    // Text typed into the window (a handheld scanner, or the guard's digits for a PIN). Bounded:
    // beyond kMaxTyped the line is dropped, as the wedge reader does with an overlong line.
    void on_text(std::string_view utf8);
    // A key or button. May return a request for the app to carry out.
    std::optional<ScreenRequest> on_key(GuardKey key, const GateStatus& status);
    // A digit button on the PIN pad.
    void on_digit(char digit);
    // A supervisor chosen on the PIN pad.
    void on_supervisor(std::size_t index);
    // A decision or a PIN answer from the worker.
    void on_result(const WorkerResult& result, std::int64_t now_ms);
    // Returns to waiting once a verdict's time is up.
    void tick(std::int64_t now_ms);

    ScreenMode mode() const;
    const std::optional<VerdictView>& verdict() const { return verdict_; }
    // A new verdict not yet drawn: the app plays its tone and, with --screenshot-dir, saves it.
    bool take_new_verdict();
    const PinPad& pin_pad() const { return pin_; }
    bool pin_pad_open() const { return pin_open_; }
    // The number of PIN digits typed (the PIN itself is never shown).
    std::size_t pin_length() const;
    std::size_t language() const { return language_; }
    void set_language(std::size_t language) { language_ = language % languages_; }
    bool muted() const { return muted_; }
    bool locked() const { return locked_; }

    static constexpr std::size_t kMaxTyped = 4096; // a credential is at most 2048 characters
    static constexpr std::size_t kMaxPinDigits = 12;

  private:
    void clear_typed();
    std::optional<ScreenRequest> submit_line(const GateStatus& status);

    std::size_t languages_;
    std::size_t supervisors_;
    std::size_t language_ = 0;
    bool muted_ = false;
    bool locked_ = false;
    bool pin_open_ = false;
    PinPad pin_;
    std::string typed_;
    bool typed_overflow_ = false;
    std::optional<VerdictView> verdict_;
    std::int64_t verdict_until_ms_ = 0;
    bool verdict_new_ = false;
};

} // namespace accred

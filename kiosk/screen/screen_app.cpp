#include "screen_app.h"

#include "crypto/count_noun.h"
#include "event/local_time.h"
#include "kiosk/app/run_loop.h"
#include "kiosk/screen/engine_worker.h"
#include "kiosk/screen/frame_stats.h"
#include "kiosk/screen/manual_lookup_draw.h"
#include "kiosk/screen/screen_draw.h"
#include "kiosk/screen/screen_setup.h"
#include "kiosk/screen/screen_textures.h"
#include "kiosk/screen/screen_window.h"
#include "kiosk/screen/screenshot_writer.h"
#include "kiosk/screen/tones.h"

#include <cstdio>
#include <deque>
#include <iostream>
#include <mutex>

namespace accred {
namespace {

// Without vsync (a virtual display), frames are paced to this; 60 frames/s leaves the decoder
// the other core and keeps the picture fluid.
constexpr std::chrono::microseconds kFrameBudget{16'667};

std::int64_t steady_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::optional<GuardKey> guard_key(SDL_Keycode key) {
    switch (key) {
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        return GuardKey::enter;
    case SDLK_BACKSPACE:
        return GuardKey::backspace;
    case SDLK_ESCAPE:
        return GuardKey::escape;
    case SDLK_TAB:
        return GuardKey::tab;
    case SDLK_F1:
        return GuardKey::language;
    case SDLK_F2:
        return GuardKey::override;
    case SDLK_F3:
        return GuardKey::exit_mode;
    case SDLK_F4:
        return GuardKey::lock;
    case SDLK_F5:
        return GuardKey::mute;
    case SDLK_F6:
        return GuardKey::lookup;
    case SDLK_F12:
        return GuardKey::screenshot;
    default:
        return std::nullopt;
    }
}

// The keys the manual lookup panel takes while open; function keys keep their meaning.
std::optional<LookupKey> lookup_key(SDL_Keycode key) {
    switch (key) {
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        return LookupKey::enter;
    case SDLK_BACKSPACE:
        return LookupKey::backspace;
    case SDLK_ESCAPE:
        return LookupKey::escape;
    case SDLK_TAB:
        return LookupKey::tab;
    case SDLK_UP:
        return LookupKey::up;
    case SDLK_DOWN:
        return LookupKey::down;
    default:
        return std::nullopt;
    }
}

// The startup line on stderr: the gate, the input, the clock, the window and the sound.
void announce(const Gate& gate, const KioskClock& clock, const ScreenSetup& setup,
              const Speaker& speaker) {
    const ScreenWindow& window = *setup.window;
    std::cerr << "kiosk: gate " << gate.id << " (" << gate.name << "), "
              << setup.input.scanner->describe() << (clock.is_simulated() ? ", SIMULATED TIME" : "")
              << ", screen " << setup.size.width << "x" << setup.size.height << " ("
              << window.renderer_name() << (window.vsync() ? ", vsync" : "") << ")"
              << (speaker.available() ? "" : ", no sound: " + speaker.error()) << "\n";
}

// The window's frame loop over an engine worker: one function per phase of a frame (input,
// results, clock, drawing, pacing). Drawing happens on the caller's thread only; deciding,
// logging and PIN checks on the worker's.
class ScreenSession {
  public:
    // Starts the worker; everything passed must outlive the session.
    ScreenSession(GateEngine& engine, const KioskClock& clock, const RunOptions& run,
                  const ScreenOptions& options, ScreenSetup& setup, Speaker& speaker,
                  SyncMailbox* mailbox)
        : engine_(engine), clock_(clock), options_(options), setup_(setup), speaker_(speaker),
          scanner_(*setup.input.scanner), renderer_(setup.window->renderer()),
          worker_(
              engine, clock, scanner_,
              [this, human = run.human](const Reported& r, std::int64_t now) {
                  std::lock_guard lock(print_mutex_);
                  std::cout << (human ? decision_line(engine_, r, now)
                                      : decision_json(engine_, r, now))
                            << std::endl; // durable before printed
              },
              mailbox, [](const std::string& line) { std::cerr << line << std::endl; }),
          model_(setup.text.language_count(), engine.state().bundle.event.supervisors.size()) {
        model_.set_language(setup.first_language);
    }

    // Frames until the window is closed or, with exit_when_done, the source is done.
    void run();
    // Stops the worker (the shutdown checkpoint), closes the input and prints the summaries.
    // Returns the exit code.
    int finish();

  private:
    void handle_events(const GateStatus& status);
    void carry_out(std::optional<ScreenRequest> request);
    void on_guard_key(GuardKey key, const GateStatus& status);
    void send(std::optional<LookupAction> action);
    bool on_lookup_click(int x, int y, const GateStatus& status);
    void on_click(int x, int y, const GateStatus& status);
    void take_result(std::int64_t now_ms);
    GateStatus current_status();
    void update_clock_text(const ResolvedZone& tz, std::int64_t now);
    void draw_frame(const GateStatus& status, std::int64_t now);
    void draw_main(const ScreenLayout& layout, const Words& words, const GateStatus& status);
    void draw_controls(const ScreenLayout& layout, const Words& words, const GateStatus& status);
    void screenshot(const std::string& what);
    void pace(std::chrono::steady_clock::time_point frame_start) const;

    GateEngine& engine_;
    const KioskClock& clock_;
    const ScreenOptions& options_;
    ScreenSetup& setup_;
    Speaker& speaker_;
    Scanner& scanner_;
    SDL_Renderer* const renderer_;
    std::mutex print_mutex_; // the worker's report and anything else printing on stdout
    EngineWorker worker_;
    ScreenModel model_;
    ManualLookupModel lookup_; // the F6 panel, over whatever the main area shows
    LookupPhotos lookup_photos_;
    std::vector<LookupButton> lookup_buttons_; // where the last frame drew them, for clicks
    CameraTexture camera_;
    PhotoTexture photo_;
    FrameStats stats_;
    std::deque<WorkerResult> pending_;
    std::vector<ScreenButton> buttons_; // where the last frame drew them, for clicks
    std::string clock_text_;
    std::int64_t clock_second_ = -1;
    unsigned screenshot_number_ = 0;
    ScreenshotWriter screenshots_;
    bool quit_ = false;
    bool want_screenshot_ = false; // F12 in this frame
};

void ScreenSession::run() {
    while (!quit_) {
        const auto frame_start = std::chrono::steady_clock::now();
        const std::int64_t now_ms = steady_ms();
        want_screenshot_ = false;
        handle_events(worker_.status());
        take_result(now_ms);
        const GateStatus status = current_status();
        const std::int64_t now = clock_.now();
        update_clock_text(status.time_zone, now);
        draw_frame(status, now);
        pace(frame_start);
    }
}

void ScreenSession::handle_events(const GateStatus& status) {
    SDL_Event e;
    while (SDL_PollEvent(&e)) {
        if (e.type == SDL_QUIT)
            quit_ = true;
        else if (e.type == SDL_TEXTINPUT && lookup_.is_open())
            send(lookup_.on_text(e.text.text));
        else if (e.type == SDL_TEXTINPUT)
            model_.on_text(e.text.text);
        else if (e.type == SDL_KEYDOWN) {
            const auto lk = lookup_.is_open() ? lookup_key(e.key.keysym.sym) : std::nullopt;
            if (lk)
                send(lookup_.on_key(*lk, status.supervisors));
            else if (auto key = guard_key(e.key.keysym.sym))
                on_guard_key(*key, status);
        } else if (e.type == SDL_MOUSEBUTTONDOWN && e.button.button == SDL_BUTTON_LEFT) {
            on_click(e.button.x, e.button.y, status);
        }
    }
}

void ScreenSession::on_click(int x, int y, const GateStatus& status) {
    setup_.window->to_pixels(x, y);
    if (lookup_.is_open() && on_lookup_click(x, y, status)) return;
    const ScreenButton* b = hit_button(buttons_, x, y);
    if (!b) return;
    if (b->target == ScreenButton::Target::digit)
        model_.on_digit(b->digit);
    else if (b->target == ScreenButton::Target::supervisor)
        model_.on_supervisor(b->supervisor);
    else
        on_guard_key(b->key, status);
}

// F6 opens or closes the lookup panel (where the gate allows it); every other key goes to the
// screen's model.
void ScreenSession::on_guard_key(GuardKey key, const GateStatus& status) {
    // The panel covers the main area: no PIN pad or mode switch under it.
    if (lookup_.is_open() && (key == GuardKey::override || key == GuardKey::exit_mode)) return;
    if (key != GuardKey::lookup) {
        carry_out(model_.on_key(key, status));
        if (model_.locked()) lookup_.close(); // nobody at the gate
        return;
    }
    if (lookup_.is_open())
        lookup_.close();
    else if (status.lookup_allowed && !model_.locked() && !model_.pin_pad_open())
        lookup_.open(status.lookup_needs_pin);
}

bool ScreenSession::on_lookup_click(int x, int y, const GateStatus& status) {
    const LookupButton* b = hit_lookup_button(lookup_buttons_, x, y);
    if (!b) return false;
    switch (b->kind) {
    case LookupButton::Kind::character:
        send(lookup_.on_text(b->text));
        break;
    case LookupButton::Kind::key:
        send(lookup_.on_key(b->key, status.supervisors));
        break;
    case LookupButton::Kind::result:
        send(lookup_.on_pick(b->index, status.supervisors));
        break;
    case LookupButton::Kind::supervisor:
        lookup_.on_supervisor(b->index, status.supervisors.size());
        break;
    }
    return true;
}

// The panel's searches and decisions go to the worker: the bundle store and the PIN check are
// its own.
void ScreenSession::send(std::optional<LookupAction> action) {
    if (!action) return;
    if (action->kind == LookupAction::Kind::scan) // a scanner's line: the rest follows as text
        model_.on_text(action->query);
    else if (action->kind == LookupAction::Kind::search)
        worker_.submit_search(std::move(action->query));
    else
        worker_.submit_lookup(std::move(action->request));
}

void ScreenSession::carry_out(std::optional<ScreenRequest> request) {
    if (!request) return;
    switch (request->kind) {
    case ScreenRequest::Kind::scan:
        worker_.submit_scan(std::move(request->text));
        break;
    case ScreenRequest::Kind::pin:
        worker_.submit_pin(request->purpose, std::move(request->text), std::move(request->pin));
        break;
    case ScreenRequest::Kind::exit_mode:
        worker_.request_exit_mode(request->flag);
        break;
    case ScreenRequest::Kind::lock:
        worker_.set_locked(request->flag);
        break;
    case ScreenRequest::Kind::screenshot:
        want_screenshot_ = true;
        break;
    }
}

void ScreenSession::take_result(std::int64_t now_ms) {
    for (auto& r : worker_.take_results())
        pending_.push_back(std::move(r));
    // One result per frame, so every verdict is drawn (and saved) at least once even when
    // a file source delivers several at a time.
    if (!pending_.empty() && (!options_.show_each || model_.mode() == ScreenMode::waiting ||
                              !pending_.front().verdict)) {
        const WorkerResult& r = pending_.front();
        if (r.lookup) lookup_.on_answer(*r.lookup);
        // The lookup's decision is made: its verdict replaces the panel.
        if (r.verdict && lookup_.checking() && is_manual_verdict(*r.verdict)) lookup_.close();
        model_.on_result(pending_.front(), now_ms);
        pending_.pop_front();
    }
    model_.tick(now_ms);
    if (options_.exit_when_done && scanner_.finished() && pending_.empty() &&
        model_.mode() == ScreenMode::waiting)
        quit_ = true; // after this frame is drawn
}

GateStatus ScreenSession::current_status() {
    GateStatus status = worker_.status(); // again: the results just taken changed it
    status.camera_lost = scanner_.camera_lost();
    status.has_camera = setup_.input.has_camera;
    return status;
}

// To the second in the event's zone; without the zone, UTC to the minute. The zone comes with
// the worker's status copy: the engine's state belongs to the worker thread.
void ScreenSession::update_clock_text(const ResolvedZone& tz, std::int64_t now) {
    if (now == clock_second_) return;
    clock_second_ = now;
    clock_text_ = utc_to_local(tz, now) ? format_utc_as_local_seconds(tz, now).value()
                                        : format_utc_as_local(tz, now);
}

void ScreenSession::draw_frame(const GateStatus& status, std::int64_t now) {
    int ow = 0, oh = 0;
    SDL_GetRendererOutputSize(renderer_, &ow, &oh);
    const ScreenLayout layout = layout_for(ow, oh);
    const Words words{setup_.text, model_.language()};
    Painter& p = setup_.painter;
    p.fill({0, 0, ow, oh}, palette::background);
    draw_status_bar(
        p, layout,
        status_items(status, setup_.text, model_.language(), now, clock_text_, model_.muted()));
    const bool fresh = model_.take_new_verdict();
    draw_main(layout, words, status);
    draw_controls(layout, words, status);
    const auto& verdict = model_.verdict();
    if (fresh && verdict) {
        if (!model_.muted()) speaker_.play(verdict->kind);
        if (!options_.screenshot_dir.empty())
            screenshot(std::string(verdict_name(verdict->kind)) + "-" +
                       std::string(reason_name(verdict->reason)));
    }
    if (want_screenshot_) screenshot("screen");
    SDL_RenderPresent(renderer_);
    p.end_frame();
    stats_.frame_done(std::chrono::steady_clock::now());
}

// The locked notice, the verdict, or the live camera picture.
void ScreenSession::draw_main(const ScreenLayout& layout, const Words& words,
                              const GateStatus& status) {
    Painter& p = setup_.painter;
    const auto& verdict = model_.verdict();
    if (model_.mode() == ScreenMode::locked) {
        draw_locked(p, layout, words);
        return;
    }
    if (verdict) {
        const bool manual = is_manual_verdict(*verdict);
        draw_verdict(p, manual ? under_manual_banner(layout) : layout, words, *verdict,
                     photo_.get(renderer_, verdict->holder, verdict->photo_bytes));
        if (manual) draw_manual_banner(p, layout, words);
        return;
    }
    LiveView live;
    if (auto frame = scanner_.preview_frame()) {
        camera_.update(renderer_, *frame);
        live.picture = camera_.texture();
        live.picture_w = camera_.frame_width();
        live.picture_h = camera_.frame_height();
    }
    live.sighting = scanner_.last_sighting();
    live.has_camera = setup_.input.has_camera;
    live.camera_lost = status.camera_lost;
    draw_waiting(p, layout, words, live, status);
}

// The bar's buttons and, while open, the PIN pad; remembers where they are for clicks.
void ScreenSession::draw_controls(const ScreenLayout& layout, const Words& words,
                                  const GateStatus& status) {
    Painter& p = setup_.painter;
    buttons_ = bar_buttons(layout, status, model_);
    if (model_.pin_pad_open()) {
        Rect pad;
        auto pad_buttons = pin_pad_buttons(layout, status, model_, pad);
        draw_pin_pad(p, layout, words, model_, status, pad_buttons, pad);
        buttons_.insert(buttons_.end(), pad_buttons.begin(), pad_buttons.end());
    }
    lookup_buttons_.clear();
    if (lookup_.is_open()) {
        const LookupPanelLayout panel = lookup_panel_layout(layout, lookup_, status);
        draw_lookup_panel(p, layout, words, lookup_, panel, lookup_photos_);
        lookup_buttons_ = panel.buttons;
    }
    draw_buttons(p, bar_buttons(layout, status, model_), words, layout.body_px);
}

// NNNN-WHAT-LANGUAGE.png in the screenshot folder (or the current one, for F12 without it).
void ScreenSession::screenshot(const std::string& what) {
    const std::string dir = options_.screenshot_dir.empty() ? "." : options_.screenshot_dir;
    char name[64];
    std::snprintf(name, sizeof name, "%04u-", ++screenshot_number_);
    const std::string path =
        dir + "/" + name + what + "-" + setup_.text.language_code(model_.language()) + ".png";
    if (!screenshots_.capture(renderer_, path))
        std::cerr << "kiosk: could not read the screen for " << path << ": " << SDL_GetError()
                  << "\n";
}

void ScreenSession::pace(std::chrono::steady_clock::time_point frame_start) const {
    if (setup_.window->vsync()) return; // SDL_RenderPresent waited for the display
    const auto spent = std::chrono::steady_clock::now() - frame_start;
    if (spent < kFrameBudget)
        SDL_Delay(static_cast<Uint32>(
            std::chrono::duration_cast<std::chrono::milliseconds>(kFrameBudget - spent).count()));
}

int ScreenSession::finish() {
    const Status stopped = worker_.stop();
    setup_.input.close();
    const ScannerCounters c = scanner_.counters();
    std::cerr << "kiosk: " << stats_.summary() << "\n"
              << "kiosk: scanner: " << count_noun(c.frames_read, "frame", "frames") << " read, "
              << c.frames_decoded << " decoded, " << c.frames_dropped << " dropped for newer ones, "
              << c.codes_found << " with a code, "
              << count_noun(c.events, "presentation", "presentations") << "\n";
    if (!stopped) {
        std::cerr << "kiosk: could not write the shutdown checkpoint: " << stopped.error().message
                  << "\n";
        return 2;
    }
    std::cerr << "kiosk: stopped; checkpoint at entry " << engine_.log().head_seq() << "\n";
    return 0;
}

} // namespace

int run_screen(GateEngine& engine, const KioskClock& clock, const RunOptions& run,
               const ScreenOptions& options, SyncMailbox* mailbox) {
    auto setup = open_screen_setup(engine.state().gate(), run, options);
    if (!setup) {
        std::cerr << "kiosk: " << setup.error().message << "\n";
        return 2;
    }
    Speaker speaker;
    announce(engine.state().gate(), clock, setup.value(), speaker);
    ScreenSession session(engine, clock, run, options, setup.value(), speaker, mailbox);
    session.run();
    return session.finish();
}

} // namespace accred

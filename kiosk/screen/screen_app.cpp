#include "screen_app.h"

#include "event/local_time.h"
#include "kiosk/app/open_scanner.h"
#include "kiosk/screen/engine_worker.h"
#include "kiosk/screen/frame_stats.h"
#include "kiosk/screen/screen_draw.h"
#include "kiosk/screen/screen_textures.h"
#include "kiosk/screen/screen_window.h"
#include "kiosk/screen/screenshot_writer.h"
#include "kiosk/screen/tones.h"

#include <cstdio>
#include <deque>
#include <filesystem>
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
    case SDLK_F12:
        return GuardKey::screenshot;
    default:
        return std::nullopt;
    }
}

const char* kind_name(VerdictKind k) {
    switch (k) {
    case VerdictKind::granted:
        return "granted";
    case VerdictKind::attention:
        return "attention";
    case VerdictKind::denied:
        break;
    }
    return "denied";
}

} // namespace

int run_screen(GateEngine& engine, const KioskClock& clock, const RunOptions& o,
               SyncMailbox* mailbox) {
    auto size = parse_window_size(o.window_size);
    if (!size) {
        std::cerr << "kiosk: --window must be WIDTHxHEIGHT between 800x480 and 3840x2160, not "
                  << o.window_size << "\n";
        return 2;
    }
    auto text = ScreenText::load(o.assets_dir + "/kiosk/strings.toml", screen_required_keys());
    if (!text) {
        std::cerr << "kiosk: " << text.error().message << "\n";
        return 2;
    }
    std::size_t first_language = 0;
    if (!o.language.empty()) {
        while (first_language < text->language_count() &&
               text->language_code(first_language) != o.language)
            ++first_language;
        if (first_language == text->language_count()) {
            std::cerr << "kiosk: --language " << o.language << " is not in the strings file\n";
            return 2;
        }
    }
    const Gate& gate = engine.state().gate();
    size->fullscreen = o.fullscreen;
    size->title = "accred kiosk - " + gate.name;
    auto screen = ScreenWindow::open(*size);
    if (!screen) {
        std::cerr << "kiosk: " << screen.error().message << "\n";
        return 2;
    }
    SDL_Renderer* const renderer = (*screen)->renderer();
    const bool vsync = (*screen)->vsync();
    auto painter = Painter::create(renderer, {o.font_regular, o.font_bold});
    if (!painter) {
        std::cerr << "kiosk: " << painter.error().message << "\n";
        return 2;
    }
    if (!o.screenshot_dir.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(o.screenshot_dir, ec);
        if (ec) {
            std::cerr << "kiosk: cannot create " << o.screenshot_dir << ": " << ec.message()
                      << "\n";
            return 2;
        }
    }

    ScannerOptions scanner_options;
    scanner_options.debounce = std::chrono::milliseconds(o.debounce_ms);
    scanner_options.preview = true;
    auto opened = open_scanner(o.source, scanner_options);
    if (!opened) {
        std::cerr << "kiosk: " << opened.error().message << "\n";
        return 2;
    }
    Scanner& scanner = *opened->scanner;
    Speaker speaker;
    std::cerr << "kiosk: gate " << gate.id << " (" << gate.name << "), " << scanner.describe()
              << (clock.is_simulated() ? ", SIMULATED TIME" : "") << ", screen " << size->width
              << "x" << size->height << " (" << (*screen)->renderer_name()
              << (vsync ? ", vsync" : "") << ")"
              << (speaker.available() ? "" : ", no sound: " + speaker.error()) << "\n";

    std::mutex print_mutex;
    EngineWorker worker(
        engine, clock, scanner,
        [&](const Reported& r, std::int64_t now) {
            std::lock_guard lock(print_mutex);
            std::cout << (o.human ? decision_line(engine, r, now) : decision_json(engine, r, now))
                      << std::endl; // durable before printed
        },
        mailbox, [](const std::string& line) { std::cerr << line << std::endl; });
    ScreenModel model(text->language_count(), engine.state().bundle.event.supervisors.size());
    model.set_language(first_language);
    CameraTexture camera;
    PhotoTexture photo;
    FrameStats stats;
    std::deque<WorkerResult> pending;
    std::vector<ScreenButton> buttons;
    std::string clock_text;
    std::int64_t clock_second = -1;
    unsigned screenshot_number = 0;
    ScreenshotWriter screenshots;
    bool quit = false;

    auto screenshot = [&](const std::string& what) {
        const std::string dir = o.screenshot_dir.empty() ? "." : o.screenshot_dir;
        char name[64];
        std::snprintf(name, sizeof name, "%04u-", ++screenshot_number);
        const std::string path =
            dir + "/" + name + what + "-" + text->language_code(model.language()) + ".png";
        if (!screenshots.capture(renderer, path))
            std::cerr << "kiosk: could not read the screen for " << path << ": " << SDL_GetError()
                      << "\n";
    };

    while (!quit) {
        const auto frame_start = std::chrono::steady_clock::now();
        const std::int64_t now_ms = steady_ms();
        GateStatus status = worker.status();
        bool want_screenshot = false;
        auto carry_out = [&](std::optional<ScreenRequest> request) {
            if (!request) return;
            switch (request->kind) {
            case ScreenRequest::Kind::scan:
                worker.submit_scan(std::move(request->text));
                break;
            case ScreenRequest::Kind::pin:
                worker.submit_pin(request->purpose, std::move(request->text),
                                  std::move(request->pin));
                break;
            case ScreenRequest::Kind::exit_mode:
                worker.request_exit_mode(request->flag);
                break;
            case ScreenRequest::Kind::lock:
                worker.set_locked(request->flag);
                break;
            case ScreenRequest::Kind::screenshot:
                want_screenshot = true;
                break;
            }
        };
        SDL_Event e;
        while (SDL_PollEvent(&e)) {
            if (e.type == SDL_QUIT)
                quit = true;
            else if (e.type == SDL_TEXTINPUT)
                model.on_text(e.text.text);
            else if (e.type == SDL_KEYDOWN) {
                if (auto key = guard_key(e.key.keysym.sym)) carry_out(model.on_key(*key, status));
            } else if (e.type == SDL_MOUSEBUTTONDOWN && e.button.button == SDL_BUTTON_LEFT) {
                int x = e.button.x, y = e.button.y;
                (*screen)->to_pixels(x, y);
                if (const ScreenButton* b = hit_button(buttons, x, y)) {
                    if (b->target == ScreenButton::Target::digit)
                        model.on_digit(b->digit);
                    else if (b->target == ScreenButton::Target::supervisor)
                        model.on_supervisor(b->supervisor);
                    else
                        carry_out(model.on_key(b->key, status));
                }
            }
        }
        for (auto& r : worker.take_results())
            pending.push_back(std::move(r));
        // One result per frame, so every verdict is drawn (and saved) at least once even when
        // a file source delivers several at a time.
        if (!pending.empty() &&
            (!o.show_each || model.mode() == ScreenMode::waiting || !pending.front().verdict)) {
            model.on_result(pending.front(), now_ms);
            pending.pop_front();
        }
        model.tick(now_ms);
        if (o.exit_when_done && scanner.finished() && pending.empty() &&
            model.mode() == ScreenMode::waiting)
            quit = true;

        status = worker.status(); // again: the results just taken changed it
        status.camera_lost = scanner.camera_lost();
        status.has_camera = opened->has_camera;
        const std::int64_t now = clock.now();
        if (now != clock_second) {
            clock_second = now;
            // To the second in the event's zone; without the zone, UTC to the minute.
            const ResolvedZone& tz = status.time_zone;
            clock_text = utc_to_local(tz, now) ? format_utc_as_local_seconds(tz, now).value()
                                               : format_utc_as_local(tz, now);
        }

        int ow = 0, oh = 0;
        SDL_GetRendererOutputSize(renderer, &ow, &oh);
        const ScreenLayout layout = layout_for(ow, oh);
        const Words words{text.value(), model.language()};
        Painter& p = painter.value();
        p.fill({0, 0, ow, oh}, palette::background);
        draw_status_bar(
            p, layout,
            status_items(status, text.value(), model.language(), now, clock_text, model.muted()));
        const bool fresh = model.take_new_verdict();
        const auto& verdict = model.verdict();
        if (model.mode() == ScreenMode::locked) {
            draw_locked(p, layout, words);
        } else if (verdict) {
            draw_verdict(p, layout, words, *verdict,
                         photo.get(renderer, verdict->holder, verdict->photo_bytes));
        } else {
            LiveView live;
            if (auto frame = scanner.preview_frame()) {
                camera.update(renderer, *frame);
                live.picture = camera.texture();
                live.picture_w = camera.frame_width();
                live.picture_h = camera.frame_height();
            }
            live.sighting = scanner.last_sighting();
            live.has_camera = opened->has_camera;
            live.camera_lost = status.camera_lost;
            draw_waiting(p, layout, words, live, status);
        }
        buttons = bar_buttons(layout, status, model);
        if (model.pin_pad_open()) {
            Rect pad;
            auto pad_buttons = pin_pad_buttons(layout, status, model, pad);
            draw_pin_pad(p, layout, words, model, status, pad_buttons, pad);
            buttons.insert(buttons.end(), pad_buttons.begin(), pad_buttons.end());
        }
        draw_buttons(p, bar_buttons(layout, status, model), words, layout.body_px);
        if (fresh && verdict) {
            if (!model.muted()) speaker.play(verdict->kind);
            if (!o.screenshot_dir.empty())
                screenshot(std::string(kind_name(verdict->kind)) + "-" +
                           std::string(reason_name(verdict->reason)));
        }
        if (want_screenshot) screenshot("screen");
        SDL_RenderPresent(renderer);
        p.end_frame();
        stats.frame_done(std::chrono::steady_clock::now());
        if (!vsync) {
            const auto spent = std::chrono::steady_clock::now() - frame_start;
            if (spent < kFrameBudget)
                SDL_Delay(static_cast<Uint32>(
                    std::chrono::duration_cast<std::chrono::milliseconds>(kFrameBudget - spent)
                        .count()));
        }
    }
    const Status stopped = worker.stop();
    opened->close();
    const ScannerCounters c = scanner.counters();
    std::cerr << "kiosk: " << stats.summary() << "\n"
              << "kiosk: scanner: " << c.frames_read << " frames read, " << c.frames_decoded
              << " decoded, " << c.frames_dropped << " dropped for newer ones, " << c.codes_found
              << " with a code, " << c.events << " presentations\n";
    if (!stopped) {
        std::cerr << "kiosk: could not write the shutdown checkpoint: " << stopped.error().message
                  << "\n";
        return 2;
    }
    std::cerr << "kiosk: stopped; checkpoint at entry " << engine.log().head_seq() << "\n";
    return 0;
}

} // namespace accred

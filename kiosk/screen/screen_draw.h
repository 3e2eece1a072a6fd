// Drawing each part of the screen. All words come from ScreenText; all places from the layout.
#pragma once

#include "kiosk/screen/painter.h"
#include "kiosk/screen/screen_layout.h"
#include "kiosk/screen/screen_text.h"
#include "kiosk/screen/status_items.h"
#include "kiosk/screen/verdict_view.h"
#include "kiosk/sources/qr_sighting.h"

#include <optional>
#include <vector>

namespace accred {

struct Words {
    const ScreenText& text;
    std::size_t language;
    std::string operator()(std::string_view key,
                           std::initializer_list<std::string_view> args = {}) const {
        return text.get(language, key, args);
    }
    // The language's code ("en", "fr", "nl"), for names the event translates.
    const std::string& code() const { return text.language_code(language); }
};

struct LiveView {
    SDL_Texture* picture = nullptr; // the newest camera frame, or null
    int picture_w = 0;
    int picture_h = 0;
    std::optional<QrSighting> sighting; // drawn when recent and of this picture's size
    bool has_camera = false;
    bool camera_lost = false;
    std::string camera_error;
};

void draw_status_bar(Painter& p, const ScreenLayout& l, const std::vector<StatusItem>& items);
void draw_buttons(Painter& p, const std::vector<ScreenButton>& buttons, const Words& w, int px);
void draw_waiting(Painter& p, const ScreenLayout& l, const Words& w, const LiveView& live,
                  const GateStatus& status);
void draw_verdict(Painter& p, const ScreenLayout& l, const Words& w, const VerdictView& v,
                  SDL_Texture* photo);
void draw_pin_pad(Painter& p, const ScreenLayout& l, const Words& w, const ScreenModel& model,
                  const GateStatus& status, const std::vector<ScreenButton>& buttons,
                  const Rect& pad);
void draw_locked(Painter& p, const ScreenLayout& l, const Words& w);
// The blue band over the main area while an entry door records exits.
void draw_exit_banner(Painter& p, const ScreenLayout& l, const Words& w, const GateStatus& s);

} // namespace accred

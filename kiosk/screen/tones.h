// The verdict tones: a rising two-note chime for a grant, three low beeps for a refusal, a
// two-tone call for attention. Distinct in pitch and rhythm, so they are told apart without
// looking. Samples are made here (pure, tested); Speaker plays them through SDL audio.
#pragma once

#include "kiosk/screen/verdict_view.h"

#include <SDL2/SDL.h>
#include <cstdint>
#include <string>
#include <vector>

namespace accred {

inline constexpr int kToneSampleRate = 48000;

// Mono signed 16-bit samples at kToneSampleRate.
std::vector<std::int16_t> tone_samples(Verdict kind);

class Speaker {
  public:
    // Opens the default output device; without one the kiosk runs silent and says so.
    Speaker();
    ~Speaker();
    Speaker(const Speaker&) = delete;
    Speaker& operator=(const Speaker&) = delete;

    // Replaces whatever is still playing by this verdict's tone.
    void play(Verdict kind);
    bool available() const { return device_ != 0; }
    const std::string& error() const { return error_; }

  private:
    SDL_AudioDeviceID device_ = 0;
    std::string error_;
};

} // namespace accred

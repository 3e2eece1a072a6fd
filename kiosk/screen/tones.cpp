#include "tones.h"

#include <cmath>
#include <numbers>

namespace accred {
namespace {

struct Note {
    double hz; // 0 for a rest
    int ms;
    bool square; // a buzz (odd harmonics) rather than a pure tone
};

void append(std::vector<std::int16_t>& out, const Note& note) {
    const int n = kToneSampleRate * note.ms / 1000;
    // 5 ms fades at both ends: without them every note starts and stops with a click.
    const int fade = kToneSampleRate * 5 / 1000;
    for (int i = 0; i < n; ++i) {
        double v = 0;
        if (note.hz > 0) {
            const double phase = 2 * std::numbers::pi * note.hz * i / kToneSampleRate;
            v = note.square ? (std::sin(phase) + std::sin(3 * phase) / 3 + std::sin(5 * phase) / 5)
                            : std::sin(phase);
            const int edge = std::min(i, n - 1 - i);
            if (edge < fade) v *= static_cast<double>(edge) / fade;
        }
        // About a third of full scale: loud enough in a hall, never clipping the square wave.
        out.push_back(static_cast<std::int16_t>(v * 10000));
    }
}

} // namespace

std::vector<std::int16_t> tone_samples(Verdict kind) {
    std::vector<Note> notes;
    switch (kind) {
    case Verdict::granted: // rising fifth, short: "yes"
        notes = {{880, 110, false}, {0, 30, false}, {1320, 160, false}};
        break;
    case Verdict::denied: // three low buzzes: "no"
        notes = {
            {330, 180, true}, {0, 80, false}, {330, 180, true}, {0, 80, false}, {330, 260, true}};
        break;
    case Verdict::attention: // falling two-tone, twice: "look"
        notes = {{660, 150, false},
                 {440, 150, false},
                 {0, 60, false},
                 {660, 150, false},
                 {440, 150, false}};
        break;
    }
    std::vector<std::int16_t> out;
    for (const auto& n : notes)
        append(out, n);
    return out;
}

Speaker::Speaker() {
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        error_ = SDL_GetError();
        return;
    }
    SDL_AudioSpec want{};
    want.freq = kToneSampleRate;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 1024;
    SDL_AudioSpec have{};
    device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
    if (device_ == 0) {
        error_ = SDL_GetError();
        return;
    }
    SDL_PauseAudioDevice(device_, 0);
}

Speaker::~Speaker() {
    if (device_ != 0) SDL_CloseAudioDevice(device_);
}

void Speaker::play(Verdict kind) {
    if (device_ == 0) return;
    const auto samples = tone_samples(kind);
    SDL_ClearQueuedAudio(device_);
    SDL_QueueAudio(device_, samples.data(),
                   static_cast<Uint32>(samples.size() * sizeof(std::int16_t)));
}

} // namespace accred

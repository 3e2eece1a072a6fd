// The gate's eyes: reads a frame source on one thread, decodes QR codes on another, merges the
// lines of a keyboard-wedge scanner, and hands out one debounced event per badge shown.
#pragma once

#include "scan/qr_reader.h"
#include "kiosk/sources/debouncer.h"
#include "kiosk/sources/frame_slot.h"
#include "kiosk/sources/frame_source.h"
#include "kiosk/sources/qr_sighting.h"
#include "kiosk/sources/scan_event.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace accred {

enum class FramePolicy {
    automatic,    // every frame from files, the newest from cameras (FrameSource::live)
    every_frame,  // the reader waits for the decoder: nothing is skipped
    newest_frame, // frames that arrive while the decoder is busy replace each other
};

struct ScannerOptions {
    // The same code again within this time after its last sighting is the same presentation.
    std::chrono::milliseconds debounce{3000};
    // No frame for longer than this, while the source has not ended, is a lost camera.
    std::chrono::milliseconds lost_after{2000};
    FramePolicy frames = FramePolicy::automatic;
    // Rotation is off: QR finder patterns work at any angle, and trying 4 rotations of every
    // empty frame would quarter the frame rate for nothing. The second look (a failed frame
    // decoded again turned 45 degrees and contrast-stretched) is on: it reads about 30% more
    // badges in poor conditions for a second decode of frames without a readable code, within
    // one camera frame interval at 1280x720 (docs/performance.md).
    QrReadOptions qr{.try_harder = true, .try_rotate = false, .second_look = true};
    // Wait between attempts after a live source's error, so a missing camera is not spun on.
    std::chrono::milliseconds error_pause{200};
    std::size_t max_pending_events = 64; // beyond this the oldest unread event is dropped
    // Keep a copy of the newest frame for a screen to show, at most once per preview_interval
    // (a camera's 30 frames/s; copying more often would only cost the reader time).
    bool preview = false;
    std::chrono::milliseconds preview_interval{30};
};

struct ScannerCounters {
    std::uint64_t frames_read = 0;
    std::uint64_t frames_decoded = 0;
    std::uint64_t frames_dropped = 0; // replaced before the decoder got to them
    std::uint64_t codes_found = 0;    // frames in which a QR code was decoded
    std::uint64_t events = 0;         // events handed out (after debouncing)
    std::uint64_t repeats_suppressed = 0;
    std::uint64_t wedge_lines = 0;
    std::uint64_t wedge_overlong = 0;
    std::uint64_t source_errors = 0;
    std::uint64_t events_dropped = 0; // nobody read them in time
};

class Scanner {
  public:
    // Starts its threads at once. source may be null for a wedge alone; wedge_fd is an open
    // descriptor the scanner reads but does not close, or -1 for none.
    explicit Scanner(std::unique_ptr<FrameSource> source, ScannerOptions options = {},
                     int wedge_fd = -1);
    ~Scanner();
    Scanner(const Scanner&) = delete;
    Scanner& operator=(const Scanner&) = delete;

    // The next event, waiting up to timeout. nullopt on timeout or once finished().
    std::optional<ScanEvent> wait_next(std::chrono::milliseconds timeout);

    // Every input has ended (end of stream, a fatal source error, the wedge closed) and every
    // event has been taken.
    bool finished() const;
    // The source has not ended but has given no frame for longer than lost_after, or failed.
    bool camera_lost() const;
    // The source's latest error, cleared by its next good frame.
    std::optional<std::string> source_error() const;
    ScannerCounters counters() const;
    // The source's own description, or "keyboard wedge only".
    std::string describe() const { return description_; }

    // The newest frame kept for display (ScannerOptions::preview), or null before the first.
    std::shared_ptr<const Frame> preview_frame() const;
    // Where a code was last found, or nullopt before the first.
    std::optional<QrSighting> last_sighting() const;

    // Stops reading and joins the threads; events not yet taken stay available. Idempotent;
    // call it from the thread that owns the scanner.
    void stop();

  private:
    void read_frames();
    void decode_frames();
    void read_wedge(int fd);
    void push_event(ScanEvent event);
    void note_frame_time();
    void keep_preview(const Frame& frame);
    void wake_waiters();

    std::unique_ptr<FrameSource> source_;
    const ScannerOptions options_;
    const std::string description_;
    FrameSlot slot_;
    Debouncer camera_debounce_; // used by the decode thread only
    Debouncer wedge_debounce_;  // used by the wedge thread only; its clock differs

    mutable std::mutex mutex_; // guards events_, error_ and pause waits
    std::condition_variable events_changed_;
    std::condition_variable stop_requested_;
    std::deque<ScanEvent> events_;
    std::optional<std::string> error_;
    mutable std::mutex preview_mutex_; // guards preview_, sighting_ and last_preview_ns_
    std::shared_ptr<const Frame> preview_;
    std::optional<QrSighting> sighting_;
    std::int64_t last_preview_ns_ = 0;

    std::atomic<bool> stopping_{false};
    std::atomic<bool> source_done_{false};
    std::atomic<bool> source_failed_{false};
    std::atomic<bool> source_blocked_on_decoder_{false};
    std::atomic<bool> decoder_done_{false};
    std::atomic<bool> wedge_done_{true};
    std::atomic<std::int64_t> last_frame_ns_{0}; // steady clock, when the source last delivered

    std::atomic<std::uint64_t> frames_read_{0}, frames_decoded_{0}, frames_dropped_{0};
    std::atomic<std::uint64_t> codes_found_{0}, events_emitted_{0}, suppressed_{0};
    std::atomic<std::uint64_t> wedge_lines_{0}, wedge_overlong_{0}, source_errors_{0};
    std::atomic<std::uint64_t> events_dropped_{0};

    std::thread source_thread_;
    std::thread decode_thread_;
    std::thread wedge_thread_;
};

} // namespace accred

#include "scanner.h"

#include "kiosk/sources/wedge_reader.h"

#include <ZXing/ImageView.h>
#include <algorithm>
#include <exception>

namespace accred {
namespace {

using Clock = std::chrono::steady_clock;

std::int64_t steady_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
        .count();
}

bool keep_every_frame(const FrameSource* source, FramePolicy policy) {
    if (policy == FramePolicy::every_frame) return true;
    if (policy == FramePolicy::newest_frame) return false;
    return source == nullptr || !source->live();
}

} // namespace

Scanner::Scanner(std::unique_ptr<FrameSource> source, ScannerOptions options, int wedge_fd)
    : source_(std::move(source)), options_(options),
      description_(source_ ? source_->describe() : "keyboard wedge only"),
      slot_(keep_every_frame(source_.get(), options.frames)), camera_debounce_(options.debounce),
      wedge_debounce_(options.debounce) {
    last_frame_ns_ = steady_ns();
    if (source_) {
        source_thread_ = std::thread([this] { read_frames(); });
        decode_thread_ = std::thread([this] { decode_frames(); });
    } else {
        source_done_ = true;
        decoder_done_ = true;
    }
    if (wedge_fd >= 0) {
        wedge_done_ = false;
        wedge_thread_ = std::thread([this, wedge_fd] { read_wedge(wedge_fd); });
    }
}

Scanner::~Scanner() {
    stop();
}

void Scanner::stop() {
    stopping_ = true;
    if (source_) source_->cancel();
    slot_.cancel();
    {
        std::lock_guard lock(mutex_);
        stop_requested_.notify_all();
    }
    for (std::thread* t : {&source_thread_, &decode_thread_, &wedge_thread_})
        if (t->joinable()) t->join();
    wake_waiters();
}

void Scanner::wake_waiters() {
    // Taking the lock orders the flag just set before a waiter's check of its predicate.
    { std::lock_guard lock(mutex_); }
    events_changed_.notify_all();
}

void Scanner::note_frame_time() {
    last_frame_ns_ = steady_ns();
}

void Scanner::keep_preview(const Frame& frame) {
    const std::int64_t now = steady_ns();
    {
        std::lock_guard lock(preview_mutex_);
        if (now - last_preview_ns_ <
            std::chrono::nanoseconds(options_.preview_interval).count())
            return;
        last_preview_ns_ = now;
    }
    auto copy = std::make_shared<const Frame>(frame); // outside the lock: the screen never waits
    std::lock_guard lock(preview_mutex_);
    preview_ = std::move(copy);
}

std::shared_ptr<const Frame> Scanner::preview_frame() const {
    std::lock_guard lock(preview_mutex_);
    return preview_;
}

std::optional<QrSighting> Scanner::last_sighting() const {
    std::lock_guard lock(preview_mutex_);
    return sighting_;
}

void Scanner::read_frames() {
    while (!stopping_) {
        auto next = source_->next();
        if (!next) {
            ++source_errors_;
            {
                std::unique_lock lock(mutex_);
                error_ = next.error().message;
                if (!source_->can_continue_after_error()) {
                    source_failed_ = true;
                    break;
                }
                if (source_->live())
                    stop_requested_.wait_for(lock, options_.error_pause,
                                             [this] { return stopping_.load(); });
            }
            continue;
        }
        if (!next->has_value()) break; // end of stream
        note_frame_time();
        ++frames_read_;
        {
            std::lock_guard lock(mutex_);
            error_.reset();
        }
        if (options_.preview) keep_preview(**next);
        bool replaced = false;
        // While the reader waits for the decoder, the source is not stalled: no "camera lost".
        source_blocked_on_decoder_ = true;
        const bool handed = slot_.put(std::move(**next), replaced);
        source_blocked_on_decoder_ = false;
        note_frame_time();
        if (replaced) ++frames_dropped_;
        if (!handed) break;
    }
    slot_.close();
    source_done_ = true;
    wake_waiters();
}

void Scanner::decode_frames() {
    while (std::optional<Frame> frame = slot_.take()) {
        const std::size_t expected =
            static_cast<std::size_t>(frame->width) * static_cast<std::size_t>(frame->height);
        if (frame->width <= 0 || frame->height <= 0 || frame->grey.size() != expected) {
            ++frames_dropped_; // a malformed frame is not decoded, but it is accounted for
            continue;
        }
        std::optional<QrRead> read;
        try {
            const ZXing::ImageView view(frame->grey.data(), frame->width, frame->height,
                                        ZXing::ImageFormat::Lum);
            read = read_qr(view, options_.qr);
        } catch (const std::exception&) {
            // A decoder failure on one frame (e.g. out of memory) is that frame unread.
        }
        ++frames_decoded_;
        if (!read) continue;
        ++codes_found_;
        {
            std::lock_guard lock(preview_mutex_);
            sighting_ = QrSighting{read->corners, frame->width, frame->height, frame->index,
                                   Clock::now()};
        }
        if (!camera_debounce_.accept(read->bytes, frame->captured_us)) {
            ++suppressed_;
            continue;
        }
        push_event({std::move(read->bytes), frame->index, frame->captured_us, false});
    }
    decoder_done_ = true;
    wake_waiters();
}

void Scanner::read_wedge(int fd) {
    WedgeReader reader(fd);
    std::uint64_t line_number = 0;
    while (!stopping_) {
        // A short wait, so stop() is noticed without closing someone else's descriptor.
        auto line = reader.next_line(std::chrono::milliseconds(100));
        wedge_overlong_ = reader.overlong_lines();
        if (!line) {
            std::lock_guard lock(mutex_);
            error_ = line.error().message;
            break;
        }
        if (!line->has_value()) {
            if (reader.closed()) break;
            continue;
        }
        ++wedge_lines_;
        const std::int64_t now_us = steady_ns() / 1000;
        if (!wedge_debounce_.accept(**line, now_us)) {
            ++suppressed_;
            continue;
        }
        push_event({std::move(**line), line_number++, now_us, true});
    }
    wedge_done_ = true;
    wake_waiters();
}

void Scanner::push_event(ScanEvent event) {
    {
        std::lock_guard lock(mutex_);
        if (events_.size() >= std::max<std::size_t>(options_.max_pending_events, 1)) {
            events_.pop_front();
            ++events_dropped_;
        }
        events_.push_back(std::move(event));
        ++events_emitted_;
    }
    events_changed_.notify_all();
}

std::optional<ScanEvent> Scanner::wait_next(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    events_changed_.wait_for(lock, timeout, [this] {
        return !events_.empty() || (source_done_ && decoder_done_ && wedge_done_) || stopping_;
    });
    if (events_.empty()) return std::nullopt;
    ScanEvent event = std::move(events_.front());
    events_.pop_front();
    return event;
}

bool Scanner::finished() const {
    if (!source_done_ || !decoder_done_ || !wedge_done_) return false;
    std::lock_guard lock(mutex_);
    return events_.empty();
}

bool Scanner::camera_lost() const {
    if (!source_ || stopping_) return false;
    if (source_failed_) return true;
    if (source_done_ || source_blocked_on_decoder_) return false;
    const auto silent = std::chrono::nanoseconds(steady_ns() - last_frame_ns_.load());
    return silent > options_.lost_after;
}

std::optional<std::string> Scanner::source_error() const {
    std::lock_guard lock(mutex_);
    return error_;
}

ScannerCounters Scanner::counters() const {
    ScannerCounters c;
    c.frames_read = frames_read_;
    c.frames_decoded = frames_decoded_;
    c.frames_dropped = frames_dropped_;
    c.codes_found = codes_found_;
    c.events = events_emitted_;
    c.repeats_suppressed = suppressed_;
    c.wedge_lines = wedge_lines_;
    c.wedge_overlong = wedge_overlong_;
    c.source_errors = source_errors_;
    c.events_dropped = events_dropped_;
    return c;
}

} // namespace accred

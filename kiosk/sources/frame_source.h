// Where frames come from: a camera, a YUV4MPEG2 stream or still images, behind one interface.
#pragma once

#include "crypto/outcome.h"
#include "kiosk/sources/frame.h"

#include <memory>
#include <optional>
#include <string>

namespace accred {

class FrameSource {
  public:
    virtual ~FrameSource();

    // The next frame, nullopt at the end of the stream, or an error. Blocks until one of these
    // is known or cancel() is called. Called from one thread at a time.
    virtual Outcome<std::optional<Frame>> next() = 0;

    // For messages and logs, e.g. "V4L2 camera /dev/video0 (1280x720)".
    virtual std::string describe() const = 0;

    // True for a camera: frames keep coming whether or not they are read, so a slow reader should
    // skip to the newest one. False for files, which wait for the reader and lose nothing.
    virtual bool live() const { return false; }

    // True when an error from next() concerns one frame only (a camera that stalled for a moment,
    // one unreadable image) and next() may be called again; false when it ends the stream.
    virtual bool can_continue_after_error() const { return false; }

    // Makes a next() blocked in another thread return soon (with nullopt or an error), and every
    // later call too. Safe to call from any thread, any number of times.
    virtual void cancel() {}
};

// Opens a source from a --source spec:
//   v4l2:/dev/videoN        a USB camera through V4L2
//   y4m:PATH  or  y4m:-     a YUV4MPEG2 file, or the stream on standard input
//   images:PATH[,PATH...]   still PNG or JPEG images in order; a directory gives its images
//                           sorted by name
// Errors name the spec or the file and what is wrong with it.
Outcome<std::unique_ptr<FrameSource>> open_frame_source(const std::string& spec);

} // namespace accred

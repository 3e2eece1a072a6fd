#include "frame_source.h"

#include "kiosk/sources/image_list_source.h"
#include "kiosk/sources/source_spec.h"
#include "kiosk/sources/v4l2_source.h"
#include "kiosk/sources/y4m_source.h"

namespace accred {

FrameSource::~FrameSource() = default;

Outcome<std::unique_ptr<FrameSource>> open_frame_source(const std::string& spec) {
    auto parsed = parse_source_spec(spec);
    if (!parsed) return parsed.error();
    std::unique_ptr<FrameSource> source;
    switch (parsed->kind) {
    case SourceSpec::Kind::v4l2: {
        V4l2Options options;
        if (parsed->width > 0) {
            options.width = parsed->width;
            options.height = parsed->height;
        }
        auto camera = V4l2Source::open(parsed->paths.front(), options);
        if (!camera) return camera.error();
        source = std::move(*camera);
        break;
    }
    case SourceSpec::Kind::y4m: {
        auto stream = Y4mSource::open(parsed->paths.front());
        if (!stream) return stream.error();
        source = std::move(*stream);
        break;
    }
    case SourceSpec::Kind::images: {
        auto images = ImageListSource::open(parsed->paths);
        if (!images) return images.error();
        source = std::move(*images);
        break;
    }
    case SourceSpec::Kind::wedge:
        // The wedge gives text, not pictures: the caller hands its descriptor to the Scanner.
        return Error{"'" + spec + "' is a keyboard-wedge scanner, not a frame source"};
    }
    return source;
}

} // namespace accred

// --source specs: parsing, and opening refusing what cannot work with a message naming it.
#include "kiosk/sources/frame_source.h"
#include "kiosk/sources/source_spec.h"
#include "kiosk/sources/v4l2_source.h"
#include "support/test_support.h"

#include <catch2/catch.hpp>
#include <fstream>

using namespace accred;

TEST_CASE("Source specs name a camera, a Y4M stream, images or a wedge", "[sources]") {
    auto cam = parse_source_spec("v4l2:/dev/video0");
    REQUIRE(cam);
    CHECK(cam->kind == SourceSpec::Kind::v4l2);
    CHECK(cam->paths == std::vector<std::string>{"/dev/video0"});
    CHECK(cam->width == 0);

    auto sized = parse_source_spec("v4l2:/dev/v4l/by-id/usb-cam@1920x1080");
    REQUIRE(sized);
    CHECK(sized->paths.front() == "/dev/v4l/by-id/usb-cam");
    CHECK(sized->width == 1920);
    CHECK(sized->height == 1080);

    auto file = parse_source_spec("y4m:/tmp/gate.y4m");
    REQUIRE(file);
    CHECK(file->kind == SourceSpec::Kind::y4m);
    CHECK(file->paths.front() == "/tmp/gate.y4m");
    CHECK(parse_source_spec("y4m:-")->paths.front() == "-");

    auto images = parse_source_spec("images:a.png,dir,b.jpg");
    REQUIRE(images);
    CHECK(images->kind == SourceSpec::Kind::images);
    CHECK(images->paths == std::vector<std::string>{"a.png", "dir", "b.jpg"});

    auto wedge = parse_source_spec("wedge");
    REQUIRE(wedge);
    CHECK(wedge->kind == SourceSpec::Kind::wedge);
    CHECK(wedge->paths.front() == "-");
    CHECK(parse_source_spec("wedge:/dev/ttyACM0")->paths.front() == "/dev/ttyACM0");
}

TEST_CASE("Bad source specs are refused with a plain message", "[sources]") {
    struct Case {
        const char* spec;
        const char* says;
    };
    for (const Case& c :
         {Case{"", "no frame source"}, Case{"webcam", "unknown source 'webcam'"},
          Case{"v4l2:", "names no camera"}, Case{"v4l2:/dev/video0@", "size"},
          Case{"v4l2:/dev/video0@1280", "size"}, Case{"v4l2:/dev/video0@0x720", "size"},
          Case{"v4l2:/dev/video0@99999x1", "size"}, Case{"y4m:", "names no file"},
          Case{"images:", "empty image path"}, Case{"images:a,,b", "empty"},
          Case{"images:a,", "empty"}, Case{"wedge:", "names no input"},
          Case{"Y4M:x", "unknown source"}}) {
        INFO(c.spec);
        auto parsed = parse_source_spec(c.spec);
        REQUIRE_FALSE(parsed);
        CHECK_THAT(parsed.error().message, Catch::Contains(c.says));
    }
}

TEST_CASE("Opening a source that cannot work says why", "[sources]") {
    test::TempDir dir;
    const std::string regular = dir.file("not-a-camera");
    std::ofstream(regular) << "hello";

    struct Case {
        std::string spec;
        std::string says;
    };
    for (const Case& c : {Case{"v4l2:/dev/null", "/dev/null is not a V4L2 video device"},
                          Case{"v4l2:" + regular, regular + " is not a camera"},
                          Case{"v4l2:" + dir.file("video9"), "cannot open camera"},
                          Case{"y4m:" + dir.file("missing.y4m"), "cannot open"},
                          Case{"y4m:" + regular, "not a YUV4MPEG2 stream"},
                          Case{"y4m:" + dir.path().string(), "is a directory"},
                          Case{"images:" + dir.file("nothing"), "does not exist"},
                          Case{"wedge", "not a frame source"}, Case{"nope:x", "unknown source"}}) {
        INFO(c.spec);
        auto source = open_frame_source(c.spec);
        REQUIRE_FALSE(source);
        CHECK_THAT(source.error().message, Catch::Contains(c.says));
    }
}

TEST_CASE("V4L2 settings out of range are refused before touching the device", "[sources]") {
    V4l2Options options;
    options.buffers = 1;
    auto camera = V4l2Source::open("/dev/video0", options);
    REQUIRE_FALSE(camera);
    CHECK_THAT(camera.error().message, Catch::Contains("bad camera settings"));
}

// Writing grey frames as a YUV4MPEG2 stream (C420, chroma flat grey), for the camera simulator.
#pragma once

#include "crypto/outcome.h"

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace accred::test {

class Y4mWriter {
  public:
    // Creates path ("-" = standard output) and writes the stream header. An existing file is
    // never overwritten.
    static Outcome<Y4mWriter> create(const std::string& path, int width, int height, int fps);

    // Writes one frame from width * height luma bytes.
    Status write_frame(const std::vector<std::uint8_t>& grey);
    // Flushes and closes; errors from buffered writes show up here.
    Status close();

  private:
    struct FileCloser {
        void operator()(std::FILE* f) const;
    };
    Y4mWriter(std::FILE* file, std::string path, int width, int height);

    std::unique_ptr<std::FILE, FileCloser> file_;
    std::string path_;
    int width_ = 0;
    int height_ = 0;
    std::vector<std::uint8_t> chroma_; // both 4:2:0 chroma planes, all 128
};

} // namespace accred::test

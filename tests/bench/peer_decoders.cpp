#include "peer_decoders.h"

#include <chrono>
#include <cstdio>
#include <sys/wait.h>
#include <unistd.h>

namespace accred::bench {
namespace {

// Runs command (with dir as working directory, files appended) and returns its stdout.
Outcome<std::string> run(const std::string& command, const std::string& dir,
                         const std::vector<std::string>& files, double& seconds) {
    std::string line = "cd '" + dir + "' && " + command;
    for (const std::string& f : files)
        line += " '" + f + "'"; // names are ours: no quotes
    line += " 2>/dev/null";
    const auto start = std::chrono::steady_clock::now();
    FILE* pipe = ::popen(line.c_str(), "r");
    if (pipe == nullptr) return Error{"cannot run " + command};
    std::string out;
    char buf[65536];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;)
        out.append(buf, n);
    const int status = ::pclose(pipe);
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (status == -1 || (WIFEXITED(status) && WEXITSTATUS(status) == 127))
        return Error{command + " is not installed"};
    return out;
}

} // namespace

Outcome<PeerRun> run_zxing_reader(const std::string& dir, const std::vector<std::string>& files) {
    PeerRun r;
    auto out = run("/usr/bin/ZXingReader -1", dir, files, r.wall_seconds);
    if (!out) return out.error();
    // Each result: FILE FORMAT "TEXT" (an unread file: FILE Error ... or nothing).
    std::size_t pos = 0;
    while (pos < out->size()) {
        std::size_t end = out->find('\n', pos);
        if (end == std::string::npos) end = out->size();
        const std::string line = out->substr(pos, end - pos);
        pos = end + 1;
        const std::size_t space = line.find(' '), open = line.find('"'), close = line.rfind('"');
        if (space == std::string::npos || open == std::string::npos || close <= open) continue;
        r.texts[line.substr(0, space)].insert(line.substr(open + 1, close - open - 1));
    }
    return r;
}

Outcome<PeerRun> run_zbarimg(const std::string& dir, const std::vector<std::string>& files) {
    PeerRun r;
    auto out = run("/usr/bin/zbarimg --xml -q", dir, files, r.wall_seconds);
    if (!out) return out.error();
    // <source href='FILE'> ... <data><![CDATA[TEXT]]></data> ... </source>
    std::string current;
    for (std::size_t pos = 0;;) {
        const std::size_t src = out->find("<source href='", pos);
        const std::size_t data = out->find("<data><![CDATA[", pos);
        if (data == std::string::npos) break;
        if (src != std::string::npos && src < data) {
            const std::size_t begin = src + 14;
            current = out->substr(begin, out->find('\'', begin) - begin);
            pos = begin;
            continue;
        }
        const std::size_t begin = data + 15, finish = out->find("]]></data>", begin);
        if (finish == std::string::npos) break;
        r.texts[current].insert(out->substr(begin, finish - begin));
        pos = finish;
    }
    return r;
}

} // namespace accred::bench

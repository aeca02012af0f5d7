// `--watch`: reruns the tests whenever a watched file changes, by polling modification
// times and sizes (portable, no inotify).
#include <chrono>
#include <filesystem>
#include <map>
#include <system_error>
#include <thread>
#include <utility>

#include "tenet/runner/outputs.hpp"

namespace tenet::runner {
namespace {

namespace fs = std::filesystem;

/// How often the files are looked at.
constexpr auto kPollInterval = std::chrono::milliseconds(250);

/// What identifies a version of a file: its modification time and size.
using Stamp = std::pair<fs::file_time_type, uintmax_t>;

/// Every regular file under ROOT/src and ROOT/tests, and ROOT/tenet.toml, with its stamp.
/// Files that vanish while being listed are skipped.
std::map<fs::path, Stamp> stamps(const fs::path& root) {
  std::map<fs::path, Stamp> files;
  auto add = [&](const fs::path& file) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) return;
    const auto time = fs::last_write_time(file, ec);
    if (ec) return;
    const auto size = fs::file_size(file, ec);
    if (ec) return;
    files.emplace(file, Stamp{time, size});
  };
  for (const char* dir : {"src", "tests"}) {
    std::error_code ec;
    fs::recursive_directory_iterator it(root / dir, fs::directory_options::skip_permission_denied,
                                        ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) add(it->path());
  }
  add(root / "tenet.toml");
  return files;
}

}  // namespace

int watch(const fs::path& root, const std::function<int()>& run_once,
          const std::function<bool()>& stop) {
  auto seen = stamps(root);
  int code = run_once();
  while (!stop()) {
    std::this_thread::sleep_for(kPollInterval);
    if (stop()) break;
    auto now = stamps(root);
    if (now == seen) continue;
    seen = std::move(now);
    code = run_once();
  }
  return code;
}

}  // namespace tenet::runner

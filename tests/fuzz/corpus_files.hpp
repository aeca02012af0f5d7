#pragma once
/// \file
/// Reading a saved fuzz corpus for the replay tests: the files named on a command line (a
/// directory stands for its regular files), sorted, and their bytes.

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace tenet::fuzz {

/// The files named by argv[first..argc) (a directory stands for its regular files), sorted.
inline std::vector<std::filesystem::path> corpus_files(int first, int argc, char** argv) {
  std::vector<std::filesystem::path> files;
  for (int i = first; i < argc; ++i) {
    const std::filesystem::path arg = argv[i];
    if (!std::filesystem::is_directory(arg)) {
      files.push_back(arg);
      continue;
    }
    for (const auto& entry : std::filesystem::directory_iterator(arg))
      if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

/// The bytes of `path` (empty when it cannot be read).
inline std::vector<uint8_t> corpus_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace tenet::fuzz

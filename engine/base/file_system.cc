#include "base/file_system.h"

#include "base/input_file.h"

namespace treaty::base {

Result<std::string> RealFileSystem::ReadFile(const std::string& path) const {
  return ReadInputFile(path);
}

FileListing RealFileSystem::ListFiles(const std::string& path,
                                      const std::vector<std::string>& extensions) const {
  return WalkDirectory(path, extensions);
}

}  // namespace treaty::base

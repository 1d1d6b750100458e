#pragma once
/// A one-line progress display on stderr, redrawn in place; silent unless enabled (stderr a
/// terminal and no -q).

#include <string>

namespace treaty::cli {

class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled) {}
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  ~Progress() { Clear(); }

  void Say(const std::string& text);
  void Clear();

 private:
  bool enabled_;
  bool shown_ = false;
};

}  // namespace treaty::cli

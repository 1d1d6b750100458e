#pragma once
/// The version of the ANTLR C++ runtime Treaty's parser runs on (for `treaty version`), so no
/// code outside syntax/ includes ANTLR headers.

#include <string>

namespace treaty::syntax {

std::string AntlrRuntimeVersion();

}  // namespace treaty::syntax

#include "syntax/runtime_version.h"

#include <RuntimeMetaData.h>

namespace treaty::syntax {

std::string AntlrRuntimeVersion() { return antlr4::RuntimeMetaData::VERSION; }

}  // namespace treaty::syntax

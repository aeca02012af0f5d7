// Layering probe (tests/CMakeLists.txt), the control: compiled as part of the sema stage,
// including the public headers of sema and of the stages before it must build.
#include "tenet/compiler/diagnostics.hpp"
#include "tenet/compiler/parser.hpp"
#include "tenet/compiler/sema.hpp"

// Layering probe (tests/CMakeLists.txt): compiled as part of the sema stage, including a
// public header of a later stage must fail with the guard's message.
#include "tenet/compiler/codegen.hpp"

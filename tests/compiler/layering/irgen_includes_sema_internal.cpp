// Layering probe (tests/CMakeLists.txt): compiled as part of the irgen stage, including
// another stage's internal header (reached by a relative path, since its folder is not on
// irgen's include path) must fail with the guard's message.
#include "../../../compiler/src/sema/sema_checker.hpp"

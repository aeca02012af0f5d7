// The node's shared vocabulary (types.hpp) is header-only; this unit anchors the library.
#include "tenet/node/common/types.hpp"

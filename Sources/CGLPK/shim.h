#ifndef CGLPK_SHIM_H
#define CGLPK_SHIM_H
/* The one C header the GLPK target sees. Debian's libglpk-dev installs it at /usr/include/glpk.h. */
#include <glpk.h>
#endif

/*
 * HabanaLabsReference.h - what Swift imports of the reference driver
 *
 * The module's umbrella header: listing the headers here (rather than letting the build
 * take the whole include/ folder) makes a new header change this file, so a stale module
 * cache is rebuilt instead of hiding the new declarations.
 */
#ifndef HABANALABS_REFERENCE_H
#define HABANALABS_REFERENCE_H

#include "hlr.h"
#include "hlr_bundled.h"
#include "hlr_example.h"

#endif /* HABANALABS_REFERENCE_H */

/*
 * hlr_bundled.h - the uAPI header bundled with the reference driver
 *
 * The reference driver is compiled against the project's own copy of the
 * habanalabs memory uAPI (uapi/misc/hl_memory.h in this target). The text of
 * that header is built into the library so that tools can lint, lay out and
 * render exactly the header the driver was compiled against, without finding
 * the source tree at run time.
 *
 * The returned strings are static, NUL-terminated and never freed.
 */
#ifndef HLR_BUNDLED_H
#define HLR_BUNDLED_H

#include <stddef.h>

/**
 * hlr_uapi_header_text() - text of the bundled uAPI header
 *
 * Return: the header's bytes exactly as they are in the source file (UTF-8),
 * followed by a terminating NUL that is not part of the text.
 */
const char *hlr_uapi_header_text(void);

/**
 * hlr_uapi_header_length() - length of the bundled uAPI header
 *
 * Return: the number of bytes in hlr_uapi_header_text(), not counting the
 * terminating NUL.
 */
size_t hlr_uapi_header_length(void);

/**
 * hlr_uapi_header_path() - kernel-tree path of the bundled uAPI header
 *
 * Return: the path the header would have in a kernel source tree,
 * "include/uapi/misc/hl_memory.h". Userspace includes it as
 * <misc/hl_memory.h>.
 */
const char *hlr_uapi_header_path(void);

#endif /* HLR_BUNDLED_H */

/*
 * hlr_example.c - the bundled example series and its base tree
 *
 * The mbox and the base files live in Examples/hl-dmabuf/ at the top of the
 * project (see its README.md); #embed builds their bytes into the library.
 * Like hlr_bundled.c this needs clang (gcc 12 has no #embed) and holds no
 * driver logic, so the C tests leave it out.
 */
#include <stddef.h>

#include "hlr_example.h"

#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wc23-extensions"
static const unsigned char hlr_example_series[] = {
#embed "../../Examples/hl-dmabuf/series.mbox"
};

static const unsigned char hlr_base_hl_memory_h[] = {
#embed "../../Examples/hl-dmabuf/base/include/uapi/misc/hl_memory.h"
};
static const unsigned char hlr_base_bundled_c[] = {
#embed "../../Examples/hl-dmabuf/base/drivers/accel/hlr/hlr_bundled.c"
};
static const unsigned char hlr_base_internal_h[] = {
#embed "../../Examples/hl-dmabuf/base/drivers/accel/hlr/hlr_internal.h"
};
static const unsigned char hlr_base_ioctl_c[] = {
#embed "../../Examples/hl-dmabuf/base/drivers/accel/hlr/hlr_ioctl.c"
};
static const unsigned char hlr_base_mem_c[] = {
#embed "../../Examples/hl-dmabuf/base/drivers/accel/hlr/hlr_mem.c"
};
static const unsigned char hlr_base_tables_c[] = {
#embed "../../Examples/hl-dmabuf/base/drivers/accel/hlr/hlr_tables.c"
};
#pragma clang diagnostic pop

struct hlr_example_file {
	const char *path;
	const unsigned char *data;
	size_t len;
};

#define HLR_EXAMPLE_FILE(p, a)	{ (p), (a), sizeof(a) }

/* Every file of Examples/hl-dmabuf/base/, by kernel-tree path. */
static const struct hlr_example_file hlr_example_base[] = {
	HLR_EXAMPLE_FILE("include/uapi/misc/hl_memory.h", hlr_base_hl_memory_h),
	HLR_EXAMPLE_FILE("drivers/accel/hlr/hlr_bundled.c", hlr_base_bundled_c),
	HLR_EXAMPLE_FILE("drivers/accel/hlr/hlr_internal.h", hlr_base_internal_h),
	HLR_EXAMPLE_FILE("drivers/accel/hlr/hlr_ioctl.c", hlr_base_ioctl_c),
	HLR_EXAMPLE_FILE("drivers/accel/hlr/hlr_mem.c", hlr_base_mem_c),
	HLR_EXAMPLE_FILE("drivers/accel/hlr/hlr_tables.c", hlr_base_tables_c),
};

const unsigned char *hlr_example_mbox(size_t *len)
{
	*len = sizeof(hlr_example_series);
	return hlr_example_series;
}

size_t hlr_example_base_count(void)
{
	return sizeof(hlr_example_base) / sizeof(hlr_example_base[0]);
}

const char *hlr_example_base_path(size_t i)
{
	return i < hlr_example_base_count() ? hlr_example_base[i].path : NULL;
}

const unsigned char *hlr_example_base_data(size_t i, size_t *len)
{
	if (i >= hlr_example_base_count()) {
		*len = 0;
		return NULL;
	}
	*len = hlr_example_base[i].len;
	return hlr_example_base[i].data;
}

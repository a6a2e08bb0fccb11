/* New constants, a new ioctl, a new type and a new enum: all additions. */
#include <linux/types.h>
#include <linux/ioctl.h>

#define AD_VERSION_MAJOR 1

struct ad_info {
	__u64 caps;
};

#define AD_IOCTL_INFO _IOR('A', 0x01, struct ad_info)

/* New constants, a new ioctl, a new type and a new enum: all additions. */
#include <linux/types.h>
#include <linux/ioctl.h>

#define AD_VERSION_MAJOR 1
#define AD_CAP_EXPORT (1ULL << 0)

struct ad_info {
	__u64 caps;
};

struct ad_export {
	__u64 handle;
	__s32 fd;
	__u32 flags;
};

enum ad_state {
	AD_STATE_IDLE,
	AD_STATE_BUSY,
};

#define AD_IOCTL_INFO _IOR('A', 0x01, struct ad_info)
#define AD_IOCTL_EXPORT _IOWR('A', 0x02, struct ad_export)

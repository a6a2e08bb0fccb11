/* A constant renamed, one removed, an ioctl removed, a type renamed, an enum value renumbered. */
#include <linux/types.h>
#include <linux/ioctl.h>

#define RR_PAGE_SHIFT 12
#define RR_LEGACY_MODE 7

enum rr_mode {
	RR_MODE_A = 1,
	RR_MODE_B = 2,
};

struct rr_old_args {
	__u64 addr;
};

#define RR_IOCTL_LEGACY _IO('R', 0x09)

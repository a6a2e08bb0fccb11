/* A constant renamed, one removed, an ioctl removed, a type renamed, an enum value renumbered. */
#include <linux/types.h>
#include <linux/ioctl.h>

#define RR_PAGE_BITS 12

enum rr_mode {
	RR_MODE_A = 1,
	RR_MODE_B = 4,
};

struct rr_args {
	__u64 addr;
};

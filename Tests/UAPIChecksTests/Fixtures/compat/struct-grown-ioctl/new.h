/* A struct grown at the end: the member is compatible, the ioctl number is not. */
#include <linux/types.h>
#include <linux/ioctl.h>

struct cg_query {
	__u64 addr;
	__u32 len;
	__u32 flags;
	__u64 timeout_ns;
};

#define CG_IOCTL_QUERY _IOWR('C', 0x01, struct cg_query)

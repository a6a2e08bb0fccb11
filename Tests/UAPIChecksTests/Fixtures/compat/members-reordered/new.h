/* Two members swapped. */
#include <linux/types.h>

struct ro_wait {
	__u32 status;
	__u32 seq;
	__u64 timeout;
};

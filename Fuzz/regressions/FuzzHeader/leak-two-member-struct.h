/* A member removed from the middle. */
#include <linux/types.h>

struct mr_info {
	__u64 total;
	__u64 free;
};

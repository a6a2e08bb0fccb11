/* A zero-length trailing array turned into a C99 flexible array member. */
#include <linux/types.h>

struct fa_list {
	__u32 count;
	__u32 pad;
	__u64 items[];
};

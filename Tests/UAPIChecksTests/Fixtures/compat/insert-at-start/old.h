/* A field inserted at offset 0 moves every existing member. */
#include <linux/types.h>

struct is_args {
	__u32 handle;
	__u32 flags;
	__u64 addr;
};

#include <linux/types.h>

struct demo_args {
	__u32 size;
	__u32 flags;
	__u64 handle;
};

#include <linux/types.h>

struct kept {
	__u32 a;
	__u64 b;
};

#ifdef __KERNEL__
struct kernel_only {
	int x;
};

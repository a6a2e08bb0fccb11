#include <linux/types.h>

struct kept {
	__u32 a;
	__u64 b;
};

struct neg_array {
	__u32 items[2 - 5];
};

#include <linux/types.h>

struct kept {
	__u32 a;
	__u64 b;
};

struct wide_bits {
	__u32 wide : 40;
	__u32 ok : 3;
};

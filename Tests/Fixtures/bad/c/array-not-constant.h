#include <linux/types.h>

struct kept {
	__u32 a;
	__u64 b;
};

extern int demo_count;

struct var_array {
	__u32 items[demo_count];
};

#include <linux/types.h>

struct kept {
	__u32 a;
	__u64 b;
};

struct uses_unknown {
	demo_handle_t h;
	__u32 size;
};

struct after {
	__u32 c;
};

#include <linux/types.h>

struct kept {
	__u32 a;
	__u64 b;
};

/* the comment that never ends
struct lost {
	__u32 c;
};

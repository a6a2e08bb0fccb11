#include <linux/types.h>

struct kept {
	__u32 a;
	__u64 b;
};

/* cafÃ© is fine in a comment */
struct badÿş {
	__u32 d;
};

struct after {
	__u32 e;
};

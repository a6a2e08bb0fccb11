#include <linux/types.h>

struct kept {
	__u32 a;
	__u64 b;
};

#endif
#if 1
#else
#else
#endif
#define DEMO_AFTER 2

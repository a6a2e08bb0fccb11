#include <linux/types.h>

struct kept {
	__u32 a;
	__u64 b;
};

#define DEMO_NAME "demo
#define DEMO_OK 1

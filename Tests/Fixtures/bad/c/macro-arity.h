#include <linux/types.h>

struct kept {
	__u32 a;
	__u64 b;
};

#define DEMO_PAIR(a, b) ((a) + (b))

enum demo_sums {
	DEMO_ONE = DEMO_PAIR(1),
	DEMO_THREE = DEMO_PAIR(1, 2, 3),
	DEMO_FOUR = DEMO_PAIR(2, 2),
};

#include <linux/types.h>

struct kept {
	__u32 a;
	__u64 b;
};

#define DEMO_A DEMO_B
#define DEMO_B DEMO_A
#define DEMO_SELF (DEMO_SELF + 1)
#define DEMO_OK 4

enum demo_values {
	DEMO_V1 = DEMO_SELF,
	DEMO_V2 = DEMO_A,
	DEMO_V3 = DEMO_OK,
};

/* The i386 trap: 64-bit integers are 4-aligned inside structs there (UAPI-RULES.md 3.1). */
#include <linux/types.h>

struct u64_middle {
	__u32 a;
	__u64 b;
	__u32 c;
};

struct u64_tail {
	__u64 a;
	__u32 b;
};

struct u64_fixed {
	__u32 a;
	__u32 pad;
	__u64 b;
};

struct u64_double {
	__u8 c;
	double d;
	long long ll;
};

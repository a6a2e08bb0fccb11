#include <linux/types.h>

struct kept {
	__u32 a;
	__u64 b;
};

struct huge_array {
	__u8 bytes[1ULL << 62];
};

struct big_but_fine {
	__u8 bytes[1 << 20];
};

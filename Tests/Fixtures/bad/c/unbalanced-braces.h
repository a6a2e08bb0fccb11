#include <linux/types.h>

struct kept {
	__u32 a;
	__u64 b;
};

struct open {
	__u32 c;

struct next {
	__u32 d;
};

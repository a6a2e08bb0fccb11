#include <linux/types.h>
#if 1
struct broken {
	__u32 b;
};

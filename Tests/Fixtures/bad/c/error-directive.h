#include <linux/types.h>

struct kept {
	__u32 a;
	__u64 b;
};

#error "this header is for the kernel only"
struct after_error {
	__u32 c;
};

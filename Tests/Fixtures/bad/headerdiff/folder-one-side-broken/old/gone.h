#include <linux/types.h>
struct gone {
	__u32 g;
};

#ifndef DEMO_SELF_H
#include <linux/types.h>
#include "include-itself.h"
#endif

struct kept {
	__u32 a;
};
